//! `usermgmt`: onboard, offboard and list users across Axiom, Adverity, Paradime,
//! Model-Prime and Axolo from the terminal. Errors are one line on stderr and a
//! non-zero exit code, never a panic.

mod args;
mod commands;
mod config;
mod config_file;
mod error;
mod help;
mod journal;
mod logging;
mod output;
mod progress;
mod roster_file;

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = help::parse();
    logging::init(cli.verbose);
    let verbose = cli.verbose;
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("usermgmt: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(code) => code,
        Err(error) => {
            let line = output::sanitize(&error.to_string()).into_owned();
            eprintln!("usermgmt: {}", output::shorten(&line, verbose));
            ExitCode::from(error.exit_code())
        }
    }
}
