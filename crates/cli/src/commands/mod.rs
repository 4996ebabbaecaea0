//! Command dispatch: one module per command group.

mod adverity;
mod apply;
mod audit;
mod axiom;
mod axolo;
mod completions;
mod config;
mod modelprime;
mod offboard;
mod onboard;
mod paradime;
mod plan_flow;
mod reconcile;
mod roster;
mod runs;
mod sandbox;
mod scim;
mod users;

use std::process::ExitCode;

use futures::{Stream, StreamExt};

use crate::args::{Cli, Command};
use crate::config::Config;
use crate::config_file::ConfigFile;
use crate::error::CliResult;
use crate::progress::Progress;

/// Run the parsed command line.
pub(crate) async fn run(cli: Cli) -> CliResult<ExitCode> {
    crate::output::set_headers(!cli.no_headers);
    match &cli.command {
        Command::Sandbox(command) => {
            return sandbox::run(command, cli.sandbox_state.as_deref(), cli.output).await;
        }
        Command::Completions { shell } => {
            completions::completions(*shell)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Man => {
            completions::man()?;
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    let mut config = Config::new(
        cli.sandbox,
        cli.sandbox_state.as_deref(),
        cli.journal.clone(),
        ConfigFile::discover(cli.config.as_deref())?.settings(cli.context.as_deref())?,
    )
    .await?;
    if let Some(timeout) = cli.timeout {
        config.options.timeout = timeout;
    }
    let output = cli.output;
    let done = match cli.command {
        Command::Offboard(args) => return offboard::run(&config, output, args).await,
        Command::Onboard(args) => return onboard::run(&config, output, args).await,
        Command::Reconcile(args) => return reconcile::run(&config, output, args).await,
        Command::Apply(args) => return apply::run(&config, output, args).await,
        Command::Runs(command) => return runs::run(&config, output, command).await,
        Command::Axiom(command) => axiom::run(&config, output, command).await,
        Command::Adverity(command) => adverity::run(&config, output, command).await,
        Command::Paradime(command) => paradime::run(&config, output, command).await,
        Command::Modelprime(command) => modelprime::run(&config, output, command).await,
        Command::Axolo(command) => axolo::run(&config, output, command).await,
        Command::Users(command) => users::run(&config, output, command).await,
        Command::Config(command) => config::run(&config, output, &command),
        Command::Roster(command) => roster::run(&config, command).await,
        Command::Audit(args) => audit::run(&config, output, args).await,
        Command::Scim(command) => return scim::run(&config, command).await,
        Command::Sandbox(_) | Command::Completions { .. } | Command::Man => Ok(()),
    };
    done.map(|()| ExitCode::SUCCESS)
}

/// Drain a listing stream with a progress spinner; the first error ends it.
pub(crate) async fn collect<T>(
    what: &str,
    stream: impl Stream<Item = Result<T, usermgmt::Error>>,
) -> CliResult<Vec<T>> {
    let progress = Progress::new(what);
    let mut items = Vec::new();
    futures::pin_mut!(stream);
    while let Some(item) = stream.next().await {
        match item {
            Ok(item) => {
                items.push(item);
                progress.inc();
            }
            Err(error) => {
                progress.finish();
                return Err(error.into());
            }
        }
    }
    progress.finish();
    Ok(items)
}

/// Page options from the `--page-size` and `--limit` flags.
pub(crate) fn page_options(page: &crate::args::PageArgs) -> usermgmt::paginate::PageOptions {
    let mut options = usermgmt::paginate::PageOptions::default();
    if let Some(size) = page.page_size {
        options = options.page_size(size);
    }
    if let Some(limit) = page.limit {
        options = options.limit(limit);
    }
    options
}

/// Every configured provider as a directory; providers not configured are named on
/// stderr, and none at all is an error.
pub(crate) fn configured_directory(config: &Config) -> CliResult<usermgmt::Directory> {
    let (directory, skipped) = config.directory(&[]);
    for error in skipped {
        let why = config.explain(error).to_string();
        eprintln!("usermgmt: skipping {}", crate::output::sanitize(&why));
    }
    if directory.providers().is_empty() {
        return Err(
            "no provider is configured: set the variables named above, or use --sandbox"
                .to_string()
                .into(),
        );
    }
    Ok(directory)
}
