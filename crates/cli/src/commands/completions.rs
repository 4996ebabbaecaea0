//! `usermgmt completions SHELL` and `usermgmt man`: generated from the clap definition
//! itself (clap_complete, clap_mangen), so they never drift from the real flags.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::args::Cli;
use crate::error::{CliError, CliResult};

/// Print the completion script for `shell`.
pub(crate) fn completions(shell: Shell) -> CliResult<()> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "usermgmt", &mut script);
    write(&script)
}

/// Print the man page of `usermgmt` as roff.
pub(crate) fn man() -> CliResult<()> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| CliError::Message(format!("cannot render the man page: {e}")))?;
    write(&page)
}

fn write(bytes: &[u8]) -> CliResult<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| CliError::Message(format!("cannot write output: {e}"))),
    }
}
