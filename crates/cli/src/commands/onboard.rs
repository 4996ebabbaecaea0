//! `usermgmt onboard`: plan giving one person a profile's access everywhere (create or
//! invite, change access in place, or nothing); `--out` saves the plan, `--apply` carries
//! it out (journaled) after asking.

use std::process::ExitCode;

use usermgmt::{Onboarding, Person};

use crate::args::{OnboardArgs, Output};
use crate::config::Config;
use crate::error::{CliError, CliResult};

pub(crate) async fn run(config: &Config, output: Output, args: OnboardArgs) -> CliResult<ExitCode> {
    let profile = config.profile(&args.profile)?.clone();
    let mut person = Person::new(&args.email)?;
    if let Some(login) = &args.github_login {
        person = person.with_github_login(login)?;
    }
    if let Some(slack_id) = &args.slack_id {
        person = person.with_slack_id(slack_id)?;
    }
    let mut onboarding = Onboarding::new(person, &args.name, profile);
    if let Some(organization) = args
        .axolo_organization
        .or_else(|| config.var("AXOLO_ORGANIZATION"))
    {
        onboarding = onboarding.axolo_organization(&organization);
    }
    let directory = super::configured_directory(config)?;
    let mut plan = directory.plan_onboard(&onboarding).await?;
    let journal = config.journal()?;
    // Model-Prime cannot list invitations: one the journal sent is not sent again.
    let pending = journal
        .store()
        .pending_invitations()
        .map_err(|e| CliError::Message(format!("cannot read the journal: {e}")))?;
    plan.skip_sent_invitations(&pending);
    super::plan_flow::conclude(&directory, &journal, output, &args.plan, &plan).await
}
