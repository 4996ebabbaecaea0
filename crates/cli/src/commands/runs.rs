//! `usermgmt runs list|show|resume|reinstate`: read the journal, finish what an
//! interrupted run left, and plan the reverse of an offboarding.

use std::process::ExitCode;

use usermgmt::ApplyOptions;
use usermgmt_journal::{ListOptions, StepState};

use crate::args::{Output, RunsCommand};
use crate::config::Config;
use crate::error::{CliError, CliResult};
use crate::output::{print_list, print_one};

pub(crate) async fn run(
    config: &Config,
    output: Output,
    command: RunsCommand,
) -> CliResult<ExitCode> {
    let journal = config.journal()?;
    let store = journal.store();
    match command {
        RunsCommand::List { limit } => {
            let runs = store
                .list_runs(&ListOptions::newest(limit))
                .map_err(journal_error)?;
            print_list(output, &runs)?;
        }
        RunsCommand::Show { id } => {
            let detail = store.show_run(&id).map_err(journal_error)?;
            match output {
                Output::Json => print_one(output, &detail)?,
                _ => {
                    print_one(output, &detail.summary)?;
                    print_list(output, &detail.steps)?;
                }
            }
        }
        RunsCommand::Resume { id } => {
            let detail = store.show_run(&id).map_err(journal_error)?;
            let plan = detail.recorded_plan().map_err(journal_error)?;
            let unfinished: Vec<usize> = detail
                .steps
                .iter()
                .filter(|s| {
                    matches!(
                        s.state,
                        StepState::Pending
                            | StepState::Unknown
                            | StepState::Failed
                            | StepState::NotStarted
                    )
                })
                .map(|s| s.index as usize)
                .collect();
            if unfinished.is_empty() {
                // Every step finished but the end was never recorded (killed right after
                // the last answer): nothing is sent, the run is closed as complete.
                if detail.summary.state != usermgmt_journal::RunState::Complete {
                    journal
                        .recorder()
                        .end(&detail.summary.id, false)
                        .map_err(|e| CliError::Message(format!("cannot record the end: {e}")))?;
                }
                eprintln!("run {} is complete: nothing to resume", detail.summary.id);
                return Ok(ExitCode::SUCCESS);
            }
            let directory = super::configured_directory(config)?;
            let cancel = super::plan_flow::interrupt_token();
            let options = ApplyOptions::default()
                .with_recorder(journal.recorder())
                .with_meta(super::plan_flow::run_meta())
                .with_cancel(cancel.clone());
            let report = directory
                .resume(&plan, &detail.summary.id, &unfinished, &options)
                .await
                .map_err(super::plan_flow::apply_error)?;
            return super::plan_flow::finish(output, &report, cancel.is_cancelled());
        }
        RunsCommand::Reinstate { id, plan: flags } => {
            let mut plan = store
                .show_run(&id)
                .and_then(|detail| detail.reinstating())
                .map_err(journal_error)?;
            // Model-Prime cannot list invitations: one the journal sent is not sent again.
            plan.skip_sent_invitations(&store.pending_invitations().map_err(journal_error)?);
            let directory = super::configured_directory(config)?;
            return super::plan_flow::conclude(&directory, &journal, output, &flags, &plan).await;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn journal_error(error: usermgmt_journal::JournalError) -> CliError {
    match error {
        usermgmt_journal::JournalError::NoSuchRun(_) => {
            CliError::Message(format!("{error} (see `usermgmt runs list`)"))
        }
        usermgmt_journal::JournalError::NotAnOffboarding { .. } => {
            CliError::Usage(error.to_string())
        }
        other => CliError::Message(other.to_string()),
    }
}
