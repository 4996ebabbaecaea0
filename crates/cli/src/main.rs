//! `usermgmt`: onboard, offboard and list users across Axiom, Adverity, Paradime,
//! Model-Prime and Axolo from the terminal. Errors are one line on stderr and a
//! non-zero exit code, never a panic.

mod args;
mod commands;
mod config;
mod error;
mod journal;
mod output;
mod progress;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

use crate::args::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing(cli.verbose);
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
            eprintln!("usermgmt: {}", output::sanitize(&error.to_string()));
            ExitCode::from(error.exit_code())
        }
    }
}

/// Logs go to stderr: nothing by default, `-v` info, `-vv` debug, `-vvv` trace
/// (`RUST_LOG` overrides). Secrets are never logged at any level.
fn init_tracing(verbose: u8) {
    let level = match verbose {
        0 => "warn",
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    // Colour only on a terminal (and not with NO_COLOR): piped logs stay plain text.
    let colour = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(colour)
        .with_target(false)
        .init();
}
