//! `usermgmt users list`: one list across every configured provider, and `users find`:
//! one person's accounts everywhere. Each provider's
//! rows stream as they arrive (all providers are fetched at once, each through a small
//! bounded queue, and printed in provider order). A provider that fails is reported on
//! stderr and makes the exit code 1, but the rows of the others are printed; `--strict`
//! turns that into all or nothing (which has to hold every row until the end). `find`
//! asks every provider at once and prints in provider order, with the same failures rule.

use futures::StreamExt;
use tokio::sync::mpsc;
use usermgmt::{Capabilities, Email, Person, Provider, User};

use crate::args::{Output, UsersCommand};
use crate::config::Config;
use crate::error::{CliError, CliResult};
use crate::output::{ListWriter, sanitize};
use crate::progress::Progress;

/// Users queued per provider while an earlier provider is still being printed: enough
/// for a few pages, small enough that memory stays flat.
const QUEUE: usize = 1_000;

pub(crate) async fn run(config: &Config, output: Output, command: UsersCommand) -> CliResult<()> {
    match command {
        UsersCommand::List { providers, strict } => list(config, output, providers, strict).await,
        UsersCommand::Find { email } => find(config, output, email).await,
    }
}

async fn find(config: &Config, output: Output, email: Email) -> CliResult<()> {
    let directory = super::configured_directory(config)?;
    let person = Person::from_email(email);
    let progress = Progress::for_output("providers", output);
    let mut answers = directory.find(&person).await;
    progress.finish();
    answers.sort_by_key(|(provider, _)| *provider);
    let mut writer = ListWriter::<User>::new(output)?;
    let mut failed = Vec::new();
    for (provider, answer) in answers {
        match answer {
            Ok(accounts) => {
                for account in &accounts {
                    writer.write(account)?;
                }
            }
            Err(error) => {
                eprintln!(
                    "usermgmt: {} failed: {}",
                    provider.display_name(),
                    sanitize(&error.to_string())
                );
                failed.push(provider.display_name());
            }
        }
    }
    if failed.is_empty() {
        return writer.finish();
    }
    writer.finish_failed()?;
    Err(CliError::Message(format!(
        "the search is incomplete: {} failed (the rows printed are from the others)",
        failed.join(", ")
    )))
}

async fn list(
    config: &Config,
    output: Output,
    providers: Vec<Provider>,
    strict: bool,
) -> CliResult<()> {
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
            return Err(config.explain(error));
        }
        if Capabilities::of(error.provider().unwrap_or(Provider::Axolo)).list_users {
            let why = config.explain(error).to_string();
            eprintln!("usermgmt: skipping {}", sanitize(&why));
        }
    }
    let listable: Vec<Provider> = directory
        .providers()
        .into_iter()
        .filter(|p| Capabilities::of(*p).list_users)
        .collect();
    if listable.is_empty() {
        // An empty list would read as "nobody has an account anywhere".
        return Err(CliError::Message(
            "no provider that can list users is configured: set the variables named above, or use --sandbox"
                .to_string(),
        ));
    }
    for provider in directory.providers() {
        if !Capabilities::of(provider).list_users {
            eprintln!(
                "usermgmt: {} cannot list users; its accounts are not included",
                provider.display_name()
            );
        }
    }

    // Every provider starts at once; each feeds a bounded queue drained in order.
    let queues: Vec<(Provider, mpsc::Receiver<Result<User, usermgmt::Error>>)> = listable
        .iter()
        .map(|&provider| {
            let (sender, receiver) = mpsc::channel(QUEUE);
            let mut users = directory.list_users_of(provider);
            tokio::spawn(async move {
                while let Some(item) = users.next().await {
                    let failed = item.is_err();
                    if sender.send(item).await.is_err() || failed {
                        break;
                    }
                }
            });
            (provider, receiver)
        })
        .collect();

    let progress = Progress::for_output("users", output);
    let mut failures: Vec<(Provider, usermgmt::Error)> = Vec::new();
    if strict {
        let mut all = Vec::new();
        for (provider, mut queue) in queues {
            while let Some(item) = queue.recv().await {
                match item {
                    Ok(user) => {
                        all.push(user);
                        progress.inc();
                    }
                    Err(error) => {
                        failures.push((provider, error));
                        break;
                    }
                }
            }
        }
        progress.finish();
        if failures.is_empty() {
            let mut writer = ListWriter::<User>::new(output)?;
            for user in &all {
                writer.write(user)?;
            }
            writer.finish()?;
        }
    } else {
        let mut writer = ListWriter::<User>::new(output)?;
        'providers: for (provider, mut queue) in queues {
            while let Some(item) = queue.recv().await {
                match item {
                    Ok(user) => {
                        writer.write(&user)?;
                        progress.inc();
                        if writer.is_closed() {
                            break 'providers;
                        }
                    }
                    Err(error) => {
                        failures.push((provider, error));
                        break;
                    }
                }
            }
        }
        progress.finish();
        if failures.is_empty() {
            writer.finish()?;
        } else {
            writer.finish_failed()?;
        }
    }

    if failures.is_empty() {
        return Ok(());
    }
    for (provider, error) in &failures {
        eprintln!(
            "usermgmt: {} failed: {}",
            provider.display_name(),
            sanitize(&error.to_string())
        );
    }
    let names: Vec<&str> = failures.iter().map(|(p, _)| p.display_name()).collect();
    Err(CliError::Message(if strict {
        format!(
            "--strict: no users printed because {} failed",
            names.join(", ")
        )
    } else {
        format!(
            "the list is incomplete: {} failed (the rows printed are from the others)",
            names.join(", ")
        )
    }))
}
