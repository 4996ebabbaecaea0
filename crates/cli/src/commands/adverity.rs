//! `usermgmt adverity users ...`

use usermgmt::adverity::{self, Client};
use usermgmt::{Provider, call};

use crate::args::{AdverityCommand, AdverityUsers, Output};
use crate::config::Config;
use crate::error::CliResult;
use crate::output::{ActionResult, print_action, print_one, print_stream};

const ADVERITY: Provider = Provider::Adverity;

pub(crate) async fn run(
    config: &Config,
    output: Output,
    command: AdverityCommand,
) -> CliResult<()> {
    let client = config.client(Client::from_lookup)?;
    let AdverityCommand::Users(command) = command;
    match command {
        AdverityUsers::List(page) => {
            let users = adverity::users(&client, super::page_options(&page));
            print_stream(output, "users", users).await?;
        }
        AdverityUsers::Get { id } => {
            print_one(
                output,
                &call(ADVERITY, "get_user", client.get_user().id(id).send()).await?,
            )?;
        }
        AdverityUsers::Create {
            email,
            first_name,
            last_name,
            groups,
            workspaces,
            inactive,
        } => {
            let request = client.create_user().body_map(|b| {
                b.email(String::from(email))
                    .first_name(first_name)
                    .last_name(last_name)
                    .groups(groups)
                    .workspaces(workspaces)
                    .active(!inactive)
            });
            print_one(
                output,
                &call(ADVERITY, "create_user", request.send()).await?,
            )?;
        }
        AdverityUsers::Update { id, fields } => {
            // PATCH: only the flags given are sent.
            let request = client.update_user().id(id).body_map(|b| {
                b.email(fields.email.map(String::from))
                    .first_name(fields.first_name)
                    .last_name(fields.last_name)
                    .groups((!fields.groups.is_empty()).then_some(fields.groups))
                    .workspaces((!fields.workspaces.is_empty()).then_some(fields.workspaces))
                    .active(fields.inactive.then_some(false))
            });
            print_one(
                output,
                &call(ADVERITY, "update_user", request.send()).await?,
            )?;
        }
        AdverityUsers::Delete { id } => {
            call(ADVERITY, "delete_user", client.delete_user().id(id).send()).await?;
            print_action(
                output,
                ActionResult::ok("delete", ADVERITY).id(id.to_string()),
            )?;
        }
    }
    Ok(())
}
