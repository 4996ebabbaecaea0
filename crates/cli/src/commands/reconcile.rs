//! `usermgmt reconcile ROSTER`: plan making every listable provider match the roster,
//! shown grouped by person; `--out`, `--apply`, `--yes`, `--detailed-exitcode` as for
//! every plan.

use std::process::ExitCode;

use usermgmt::{ReconcileError, ReconcileOptions};

use crate::args::{Output, ReconcileArgs};
use crate::config::Config;
use crate::error::{CliError, CliResult};
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
        sent_invitations: journal
            .store()
            .pending_invitations()
            .map_err(|e| CliError::Message(format!("cannot read the journal: {e}")))?,
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
