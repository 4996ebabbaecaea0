//! The life of a plan in the CLI, shared by every planning command: show it, write it
//! with `--out`, ask before applying it, apply it journaled with Ctrl-C handling, print
//! the report and choose the exit code.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use serde::Serialize;
use usermgmt::{ApplyOptions, ApplyReport, CancellationToken, Directory, Plan, RunMeta, Step};

use crate::args::{Output, PlanFlags};
use crate::error::{CliError, CliResult};
use crate::journal::Journal;
use crate::output::{Record, print_list};

/// Exit code of an apply stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells use).
const INTERRUPTED: u8 = 130;

/// One line of a plan as printed.
#[derive(Serialize)]
struct PlanRow<'a> {
    step: usize,
    provider: &'static str,
    action: &'static str,
    target: &'a str,
    id: &'a str,
    before: String,
    detail: String,
}

impl Record for PlanRow<'_> {
    const COLUMNS: &'static [&'static str] = &[
        "step", "provider", "action", "target", "id", "before", "detail",
    ];
}

fn plan_rows(plan: &Plan) -> Vec<PlanRow<'_>> {
    plan.steps
        .iter()
        .enumerate()
        .map(|(index, step)| PlanRow {
            step: index + 1,
            provider: step.provider.id(),
            action: step.action.verb(),
            target: step.action.target().unwrap_or(""),
            id: step
                .before
                .as_ref()
                .and_then(|b| b.user.id.as_deref())
                .unwrap_or(""),
            before: before_text(step),
            detail: step.action.to_string(),
        })
        .collect()
}

fn before_text(step: &Step) -> String {
    match &step.before {
        Some(before) => format!("{} [{}]", before.user.status, before.user.roles.join(",")),
        None => String::new(),
    }
}

/// One line of a report as printed.
#[derive(Serialize)]
struct ReportRow<'a> {
    step: usize,
    provider: &'static str,
    action: &'static str,
    target: &'a str,
    outcome: &'static str,
    http_status: Option<u16>,
    request_id: Option<&'a str>,
    error: &'a str,
}

impl Record for ReportRow<'_> {
    const COLUMNS: &'static [&'static str] = &[
        "step",
        "provider",
        "action",
        "target",
        "outcome",
        "http_status",
        "request_id",
        "error",
    ];
}

/// Print `report` (one row per step) and a summary on stderr for people.
pub(crate) fn print_report(output: Output, report: &ApplyReport) -> CliResult<()> {
    let rows: Vec<ReportRow<'_>> = report
        .steps
        .iter()
        .map(|s| ReportRow {
            step: s.index + 1,
            provider: s.step.provider.id(),
            action: s.step.action.verb(),
            target: s.step.action.target().unwrap_or(""),
            outcome: s.outcome.as_str(),
            http_status: s.http_status,
            request_id: s.request_id.as_deref(),
            error: match &s.outcome {
                usermgmt::Outcome::Failed { error } => error,
                usermgmt::Outcome::Skipped { reason } => reason,
                // What the provider answered that reads as "already gone".
                _ => s.answer.as_deref().unwrap_or(""),
            },
        })
        .collect();
    print_list(output, &rows)?;
    if let Some(run) = &report.run_id {
        eprintln!("run {run} recorded: `usermgmt runs show {run}`");
    }
    Ok(())
}

/// Show `plan`, write it where `--out` says, and with `--apply` apply it (after asking,
/// unless `--yes`). Returns the exit code.
pub(crate) async fn conclude(
    directory: &Directory,
    journal: &Journal,
    output: Output,
    flags: &PlanFlags,
    plan: &Plan,
) -> CliResult<ExitCode> {
    let changes = plan.changes().count();
    // Scripts read one document on stdout: when an apply follows in JSON or CSV, that is
    // the report (it names every step); people see the plan before they are asked.
    let report_follows = flags.apply && changes > 0;
    let about_many = plan.person.is_none();
    if !report_follows || matches!(output, Output::Table) {
        if about_many && output == Output::Table {
            crate::output::write_text(&crate::output::by_person::render(plan))?;
        } else {
            print_list(output, &plan_rows(plan))?;
        }
    }
    if about_many && output != Output::Table {
        eprintln!("{}", crate::output::by_person::summary(plan));
    }
    if let Some(path) = &flags.out {
        let text = plan
            .to_json()
            .map_err(|e| format!("cannot write the plan: {e}"))?;
        std::fs::write(path, text + "\n")
            .map_err(|e| format!("cannot write the plan to {}: {e}", path.display()))?;
        eprintln!(
            "plan {} written to {} ({changes} change(s)); apply it with `usermgmt apply {}`",
            plan.id,
            path.display(),
            path.display()
        );
    }
    if !flags.apply {
        if flags.out.is_none() {
            eprintln!(
                "{changes} change(s) planned; nothing was changed. Run again with --apply, or --out FILE to save the plan."
            );
        }
        return Ok(planned_exit(flags, changes));
    }
    if changes == 0 {
        eprintln!("nothing to do");
        return Ok(ExitCode::SUCCESS);
    }
    if !flags.yes {
        confirm(changes)?;
    }
    apply(directory, journal, output, plan).await
}

/// `--detailed-exitcode`: 0 nothing to do, 2 changes planned (as Terraform does).
fn planned_exit(flags: &PlanFlags, changes: usize) -> ExitCode {
    if flags.detailed_exitcode && changes > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// Ask on the terminal; without one, refuse: a script must say `--yes` or use a plan file.
/// Hand-written because it is one question: a prompt crate would add nothing.
fn confirm(changes: usize) -> CliResult<()> {
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(CliError::Usage(
            "refusing to apply without confirmation: no terminal to ask on; pass --yes, or save the plan with --out and run `usermgmt apply FILE`"
                .into(),
        ));
    }
    eprint!("Apply these {changes} change(s)? Only 'yes' is accepted: ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| format!("cannot read the answer: {e}"))?;
    if answer.trim() == "yes" {
        Ok(())
    } else {
        Err(CliError::Message(
            "not applied: the answer was not 'yes'".into(),
        ))
    }
}

/// Apply `plan` journaled, with Ctrl-C/SIGTERM stopping new steps (a second one exits at once).
pub(crate) async fn apply(
    directory: &Directory,
    journal: &Journal,
    output: Output,
    plan: &Plan,
) -> CliResult<ExitCode> {
    let cancel = interrupt_token();
    let options = ApplyOptions::default()
        .with_recorder(journal.recorder())
        .with_meta(run_meta())
        .with_cancel(cancel.clone());
    let report = directory
        .apply_with(plan, &options)
        .await
        .map_err(apply_error)?;
    finish(output, &report, cancel.is_cancelled())
}

/// Print the report and map it to the exit code: 130 interrupted (by a signal, even
/// when every step in flight then finished), 1 a step failed.
pub(crate) fn finish(output: Output, report: &ApplyReport, signalled: bool) -> CliResult<ExitCode> {
    print_report(output, report)?;
    if report.interrupted || signalled {
        eprintln!(
            "usermgmt: interrupted: {} step(s) not started, {} unknown; finish with `usermgmt runs resume {}`",
            report.count("not-started"),
            report.count("unknown"),
            report.run_id.as_deref().unwrap_or("RUN")
        );
        return Ok(ExitCode::from(INTERRUPTED));
    }
    let failed = report.count("failed");
    if failed > 0 {
        return Err(CliError::Message(format!(
            "{failed} step(s) failed; see the report above"
        )));
    }
    Ok(ExitCode::SUCCESS)
}

/// The apply errors in CLI words (a stale plan exits 1, as the journal issue asks).
pub(crate) fn apply_error(error: usermgmt::ApplyError) -> CliError {
    CliError::Message(error.to_string())
}

/// Who runs this and how, for the journal (secrets never appear on the command line:
/// they come from the environment).
pub(crate) fn run_meta() -> RunMeta {
    let command_line: Vec<String> = std::env::args().collect();
    RunMeta::current(command_line.join(" "))
}

/// A token cancelled by the first Ctrl-C or SIGTERM; the second exits at once with 130.
pub(crate) fn interrupt_token() -> CancellationToken {
    let token = CancellationToken::new();
    let cancel = token.clone();
    tokio::spawn(async move {
        if signal().await.is_err() {
            return;
        }
        eprintln!(
            "usermgmt: stopping: no new steps start; waiting up to 10 s for those in flight (press Ctrl-C again to exit now)"
        );
        cancel.cancel();
        if signal().await.is_ok() {
            eprintln!("usermgmt: exiting now; `usermgmt runs show` tells what happened");
            std::process::exit(i32::from(INTERRUPTED));
        }
    });
    token
}

/// The next Ctrl-C or SIGTERM.
async fn signal() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::select! {
            result = tokio::signal::ctrl_c() => result,
            _ = term.recv() => Ok(()),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await
    }
}
