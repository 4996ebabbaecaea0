//! `usermgmt sandbox serve`: the five fakes on fixed or OS-assigned ports until Ctrl-C.

use std::process::ExitCode;

use usermgmt_sandbox::Sandbox;

use crate::args::SandboxCommand;
use crate::error::CliResult;

pub(crate) async fn run(command: &SandboxCommand) -> CliResult<ExitCode> {
    let SandboxCommand::Serve { port_base } = command;
    let mut builder = Sandbox::builder();
    if let Some(base) = port_base {
        builder = builder.port_base(*base);
    }
    let sandbox = builder
        .start()
        .await
        .map_err(|e| format!("cannot start the sandbox: {e}"))?;
    println!("# usermgmt sandbox: paste these into a shell to point the SDK and CLI at it");
    for (name, value) in sandbox.env_vars() {
        println!("export {name}={value}");
    }
    println!("# serving until interrupted (Ctrl-C)");
    tokio::signal::ctrl_c()
        .await
        .map_err(|e| format!("cannot wait for Ctrl-C: {e}"))?;
    drop(sandbox);
    Ok(ExitCode::SUCCESS)
}
