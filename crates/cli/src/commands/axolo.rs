//! `usermgmt axolo onboard|offboard`

use usermgmt::axolo::Client;
use usermgmt::{Provider, call};

use crate::args::{AxoloCommand, Output};
use crate::config::Config;
use crate::error::CliResult;
use crate::output::{ActionResult, print_action};

const AXOLO: Provider = Provider::Axolo;

pub(crate) async fn run(config: &Config, output: Output, command: AxoloCommand) -> CliResult<()> {
    let client = config.client(Client::from_lookup)?;
    match command {
        AxoloCommand::Onboard {
            organization,
            github_login,
            slack_id,
        } => {
            let request = client.onboard_engineer().body_map(|b| {
                b.organization(organization.clone())
                    .github_login(github_login.clone())
                    .slack_id(slack_id)
            });
            call(AXOLO, "onboard_engineer", request.send()).await?;
            print_action(
                output,
                ActionResult::ok("onboard", AXOLO)
                    .id(github_login)
                    .organization(organization),
            )?;
        }
        AxoloCommand::Offboard {
            organization,
            github_login,
        } => {
            let request = client.offboard_engineer().body_map(|b| {
                b.organization(organization.clone())
                    .github_login(github_login.clone())
            });
            call(AXOLO, "offboard_engineer", request.send()).await?;
            print_action(
                output,
                ActionResult::ok("offboard", AXOLO)
                    .id(github_login)
                    .organization(organization),
            )?;
        }
    }
    Ok(())
}
