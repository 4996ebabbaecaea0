//! `usermgmt roster dump`: the current state of every listable provider as a roster, so
//! a team starts from what it has.

use futures::TryStreamExt;
use usermgmt::Roster;

use crate::args::RosterCommand;
use crate::config::Config;
use crate::error::{CliError, CliResult};
use crate::roster_file::{self, RosterFormat};

pub(crate) async fn run(config: &Config, command: RosterCommand) -> CliResult<()> {
    match command {
        RosterCommand::Dump { format, out } => dump(config, format, out).await,
        RosterCommand::Check { file } => {
            let roster = roster_file::read(&file)?;
            roster
                .check(config.profiles())
                .map_err(|e| CliError::Usage(format!("{}: {e}", file.display())))?;
            eprintln!(
                "usermgmt: {}: {} people, every entry valid",
                file.display(),
                roster.people.len()
            );
            Ok(())
        }
    }
}

async fn dump(
    config: &Config,
    format: Option<RosterFormat>,
    out: Option<std::path::PathBuf>,
) -> CliResult<()> {
    let format = match (format, &out) {
        (Some(format), _) => format,
        (None, Some(path)) => RosterFormat::of(path)?,
        (None, None) => RosterFormat::Yaml,
    };
    let directory = super::configured_directory(config)?;
    // All or nothing: a roster missing one provider's people would read as "remove them".
    let accounts: Vec<_> = directory.list_snapshots().try_collect().await?;
    let roster = Roster::from_accounts(accounts, config.profiles());
    let text = roster_file::render(&roster, format)?;
    match out {
        None => {
            print!("{text}");
            Ok(())
        }
        Some(path) => {
            let mut temporary = path.as_os_str().to_owned();
            temporary.push(".tmp");
            let fail = |e: std::io::Error| {
                CliError::Message(format!("cannot write {}: {e}", path.display()))
            };
            std::fs::write(&temporary, text).map_err(fail)?;
            std::fs::rename(&temporary, &path).map_err(fail)?;
            eprintln!(
                "usermgmt: wrote {} people to {}",
                roster.people.len(),
                path.display()
            );
            Ok(())
        }
    }
}
