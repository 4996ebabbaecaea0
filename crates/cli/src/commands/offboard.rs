//! `usermgmt offboard`: plan removing one person everywhere; `--out` saves the plan,
//! `--apply` carries it out (journaled) after asking.

use std::process::ExitCode;

use usermgmt::{OffboardOptions, Person, PlanError};

use crate::args::{OffboardArgs, Output};
use crate::config::Config;
use crate::error::{CliError, CliResult};

pub(crate) async fn run(
    config: &Config,
    output: Output,
    args: OffboardArgs,
) -> CliResult<ExitCode> {
    let mut person = Person::new(&args.email)?;
    if let Some(login) = &args.github_login {
        person = person.with_github_login(login)?;
    }
    if let Some(slack_id) = &args.slack_id {
        person = person.with_slack_id(slack_id)?;
    }
    let directory = super::configured_directory(config)?;
    let options = OffboardOptions {
        allow_last_admin: args.allow_last_admin,
    };
    let plan = directory
        .plan_offboard_with(&person, args.axolo_organization.as_deref(), &options)
        .await
        .map_err(|error| match error {
            PlanError::LastAdmin {
                provider,
                email,
                level,
            } => CliError::Message(format!(
                "refusing to remove {email} from {provider}: it is the last active {level} \
                 there; pass --allow-last-admin to plan it anyway"
            )),
            PlanError::Sdk(error) => error.into(),
            other => CliError::Message(other.to_string()),
        })?;
    let journal = config.journal()?;
    super::plan_flow::conclude(&directory, &journal, output, &args.plan, &plan).await
}
