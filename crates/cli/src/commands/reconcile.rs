//! `usermgmt reconcile ROSTER`: plan making every listable provider match the roster,
//! shown grouped by person; `--out`, `--apply`, `--yes`, `--detailed-exitcode` as for
//! every plan.

use std::process::ExitCode;

use usermgmt::{Capabilities, Provider, ReconcileError, ReconcileOptions, SentInvitation};

use crate::args::{Output, ReconcileArgs};
use crate::config::Config;
use crate::error::{CliError, CliResult};
use crate::journal::Journal;
use crate::roster_file;

pub(crate) async fn run(
    config: &Config,
    output: Output,
    args: ReconcileArgs,
) -> CliResult<ExitCode> {
    let roster = roster_file::read(&args.roster)?;
    roster
        .check(config.profiles())
        .map_err(|e| CliError::Usage(format!("{}: {e}", args.roster.display())))?;
    let journal = config.journal()?;
    let options = ReconcileOptions {
        max_removals: args
            .max_removals
            .unwrap_or(config.reconcile_settings().max_removals),
        exclude: config.reconcile_settings().exclude.clone(),
        allow_last_admin: args.allow_last_admin,
        sent_invitations: sent_invitations(&journal)?,
    };
    let directory = super::configured_directory(config)?;
    let plan = directory
        .plan_reconcile(&roster, config.profiles(), &options)
        .await
        .map_err(|error| match error {
            ReconcileError::TooManyRemovals { .. } => {
                CliError::Message(format!("{error} with --max-removals"))
            }
            ReconcileError::LastAdmin { .. } => {
                CliError::Message(format!("{error} with --allow-last-admin"))
            }
            ReconcileError::Sdk(error) => error.into(),
            other => CliError::Message(other.to_string()),
        })?;
    super::plan_flow::conclude(&directory, &journal, output, &args.plan, &plan).await
}

/// How long an invitation the provider cannot list counts as pending: Auth0's default
/// invitation lifetime (Model-Prime's invitations are Auth0's). An older one has expired
/// or been accepted (then the account is listed), so it is sent again if still missing.
const INVITATION_DAYS: i64 = 7;

/// The invitations this journal sent in the last week to providers that cannot list them.
fn sent_invitations(journal: &Journal) -> CliResult<Vec<SentInvitation>> {
    let since = chrono::Utc::now() - chrono::Duration::days(INVITATION_DAYS);
    let mut sent = Vec::new();
    for provider in Provider::ALL
        .iter()
        .filter(|p| !Capabilities::of(**p).lists_invitations)
    {
        sent.extend(
            journal
                .store()
                .sent_invitations(*provider, since)
                .map_err(|e| CliError::Message(format!("cannot read the journal: {e}")))?,
        );
    }
    Ok(sent)
}
