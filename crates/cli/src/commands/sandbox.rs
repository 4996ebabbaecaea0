//! `usermgmt sandbox serve` (the five fakes on fixed ports, on the shared state file,
//! until Ctrl-C or SIGTERM) and `usermgmt sandbox reset` (back to the demo data).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;
use usermgmt_sandbox::Sandbox;

use crate::args::{Output, SandboxCommand};
use crate::config::{sandbox_start_error, sandbox_state_path};
use crate::error::{CliError, CliResult};
use crate::output::{Record, print_one};

pub(crate) async fn run(
    command: &SandboxCommand,
    state: Option<&Path>,
    output: Output,
) -> CliResult<ExitCode> {
    let state = sandbox_state_path(state)?;
    match command {
        SandboxCommand::Serve {
            port_base,
            env_file,
        } => serve(*port_base, &state, env_file.as_deref()).await,
        SandboxCommand::Reset => reset(&state, output),
    }
}

async fn serve(port_base: u16, state: &Path, env_file: Option<&Path>) -> CliResult<ExitCode> {
    let mut builder = Sandbox::builder().state_file(state);
    if port_base != 0 {
        builder = builder.port_base(port_base);
    }
    let sandbox = builder.start().await.map_err(sandbox_start_error)?;
    let exports: String = sandbox
        .env_vars()
        .into_iter()
        .map(|(name, value)| format!("export {name}={}\n", shell_quote(&value)))
        .collect();
    let written = env_file
        .map(|path| EnvFile::write(path, &exports))
        .transpose()?;
    println!("# usermgmt sandbox: paste these into a shell to point the SDK and CLI at it");
    print!("{exports}");
    println!("# state: {}", state.display());
    if let Some(file) = &written {
        println!("# also written to {}", file.path.display());
    }
    println!("# serving until interrupted (Ctrl-C or SIGTERM)");
    shutdown_signal().await?;
    drop(sandbox);
    drop(written);
    Ok(ExitCode::SUCCESS)
}

/// The env file of a running `serve`: written whole (beside it, then renamed), so a
/// script polling for it never reads half; removed again when the server stops.
struct EnvFile {
    path: PathBuf,
}

impl EnvFile {
    fn write(path: &Path, exports: &str) -> CliResult<EnvFile> {
        let fail = |e: std::io::Error| {
            CliError::Message(format!("cannot write the env file {}: {e}", path.display()))
        };
        let mut temporary = path.as_os_str().to_owned();
        temporary.push(".tmp");
        std::fs::write(&temporary, exports).map_err(fail)?;
        std::fs::rename(&temporary, path).map_err(fail)?;
        Ok(EnvFile {
            path: path.to_path_buf(),
        })
    }
}

impl Drop for EnvFile {
    fn drop(&mut self) {
        // The variables point at a server that is gone; a missing file is fine.
        let _ = std::fs::remove_file(&self.path);
    }
}

/// `value` as one shell word: bare when it is made of safe characters (every sandbox
/// value is), else in single quotes.
fn shell_quote(value: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "_@%+=:,./-".contains(c);
    if !value.is_empty() && value.chars().all(safe) {
        value.to_owned()
    } else {
        format!("'{}'", value.replace('\'', r"'\''"))
    }
}

/// Waits for Ctrl-C, or SIGTERM (what `kill` and service managers send).
/// Wait for Ctrl-C or SIGTERM.
pub(crate) async fn shutdown_signal() -> CliResult<()> {
    let fail = |e: std::io::Error| CliError::Message(format!("cannot wait for a signal: {e}"));
    #[cfg(unix)]
    {
        let mut terminate =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                .map_err(fail)?;
        tokio::select! {
            interrupted = tokio::signal::ctrl_c() => interrupted.map_err(fail),
            _ = terminate.recv() => Ok(()),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await.map_err(fail)
    }
}

/// `{"result":"ok","action":"sandbox-reset","state":"...","removed":true}`.
#[derive(Serialize)]
struct ResetResult {
    result: &'static str,
    action: &'static str,
    state: String,
    removed: bool,
}

impl Record for ResetResult {
    const COLUMNS: &'static [&'static str] = &["result", "action", "state", "removed"];
}

fn reset(state: &Path, output: Output) -> CliResult<ExitCode> {
    let removed = Sandbox::reset_state(state).map_err(sandbox_start_error)?;
    print_one(
        output,
        &ResetResult {
            result: "ok",
            action: "sandbox-reset",
            state: state.display().to_string(),
            removed,
        },
    )?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_quote_leaves_safe_words_bare_and_quotes_the_rest() {
        assert_eq!(
            shell_quote("http://127.0.0.1:18100/v2"),
            "http://127.0.0.1:18100/v2"
        );
        assert_eq!(shell_quote("ada@acme.example"), "ada@acme.example");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
    }
}
