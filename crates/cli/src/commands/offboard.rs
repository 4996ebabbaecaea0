//! `usermgmt offboard`: print the plan; with `--apply`, run it and print each outcome.

use usermgmt::{Outcome, Person};

use crate::args::{OffboardArgs, Output};
use crate::config::Config;
use crate::error::{CliError, CliResult};
use crate::output::print_list;
use crate::progress::Progress;

pub(crate) async fn run(config: &Config, output: Output, args: OffboardArgs) -> CliResult<()> {
    let (directory, skipped) = config.directory(&[]);
    for error in &skipped {
        eprintln!("usermgmt: skipping {error}");
    }
    if directory.providers().is_empty() {
        return Err(
            "no provider is configured: set the variables named above, or use --sandbox"
                .to_string()
                .into(),
        );
    }
    let mut person = Person::new(&args.email)?;
    if let Some(login) = &args.github_login {
        person = person.with_github_login(login)?;
    }
    let plan = directory
        .plan_offboard(&person, args.axolo_organization.as_deref())
        .await;
    if !args.apply {
        print_list(output, &plan.steps)?;
        if output == Output::Table {
            eprintln!(
                "This is the plan; nothing was changed. Run again with --apply to carry it out."
            );
        }
        return Ok(());
    }
    let progress = Progress::new("steps");
    let report = directory.apply(&plan).await;
    progress.finish();
    print_list(output, &report.steps)?;
    let failed = report
        .steps
        .iter()
        .filter(|s| matches!(s.outcome, Outcome::Failed { .. }))
        .count();
    if failed > 0 {
        return Err(CliError::Message(format!(
            "{failed} offboarding step(s) failed; see the report above"
        )));
    }
    Ok(())
}
