//! `usermgmt users list`: one table across every configured provider.

use usermgmt::{Capabilities, Provider};

use crate::args::{Output, UsersCommand};
use crate::config::Config;
use crate::error::{CliError, CliResult};
use crate::output::print_list;

pub(crate) async fn run(config: &Config, output: Output, command: UsersCommand) -> CliResult<()> {
    let UsersCommand::List { providers } = command;
    let providers = providers
        .iter()
        .map(|p| {
            p.parse::<Provider>()
                .map_err(|e| CliError::Usage(e.to_string()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    for provider in &providers {
        if !Capabilities::of(*provider).list_users {
            return Err(usermgmt::Error::Unsupported {
                provider: *provider,
                operation: "listing users".into(),
            }
            .into());
        }
    }
    let explicit = !providers.is_empty();
    let (directory, skipped) = config.directory(&providers);
    for error in skipped {
        // Asked for by name: not being configured is an error. Otherwise just say so.
        if explicit {
            return Err(error.into());
        }
        if Capabilities::of(error.provider().unwrap_or(Provider::Axolo)).list_users {
            eprintln!("usermgmt: skipping {error}");
        }
    }
    if !directory
        .providers()
        .iter()
        .any(|p| Capabilities::of(*p).list_users)
    {
        // An empty list would read as "nobody has an account anywhere".
        return Err(
            "no provider that can list users is configured: set the variables named above, or use --sandbox"
                .to_string()
                .into(),
        );
    }
    let mut users = super::collect("users", directory.list_users()).await?;
    users.sort_by(|a, b| (a.provider, &a.email).cmp(&(b.provider, &b.email)));
    print_list(output, &users)?;
    Ok(())
}
