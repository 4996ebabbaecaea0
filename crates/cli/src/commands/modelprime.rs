//! `usermgmt modelprime ...`

use usermgmt::modelprime::{self, Client, PermissionRole, types};
use usermgmt::{Provider, call};

use crate::args::{
    Connection, ModelPrimeCommand, ModelPrimeMe, ModelPrimeOrg, ModelPrimeUsers, Output,
};
use crate::config::Config;
use crate::error::{CliError, CliResult};
use crate::output::{ActionResult, print_action, print_one, print_stream};

const MODELPRIME: Provider = Provider::ModelPrime;

pub(crate) async fn run(
    config: &Config,
    output: Output,
    command: ModelPrimeCommand,
) -> CliResult<()> {
    let client = config.client(Client::from_lookup)?;
    match command {
        ModelPrimeCommand::Org(ModelPrimeOrg::Get) => {
            print_one(
                output,
                &call(
                    MODELPRIME,
                    "get_organization",
                    client.get_organization().send(),
                )
                .await?,
            )?;
        }
        ModelPrimeCommand::Me(ModelPrimeMe::Get) => {
            print_one(
                output,
                &call(MODELPRIME, "get_me", client.get_me().send()).await?,
            )?;
        }
        ModelPrimeCommand::Me(ModelPrimeMe::Update { name, email }) => {
            if name.is_none() && email.is_none() {
                return Err(CliError::Usage(
                    "nothing to update: give --name and/or --email".to_string(),
                ));
            }
            let request = client
                .update_me()
                .body_map(|b| b.name(name).email(email.map(String::from)));
            print_one(
                output,
                &call(MODELPRIME, "update_me", request.send()).await?,
            )?;
        }
        ModelPrimeCommand::Users(ModelPrimeUsers::List { name_search, page }) => {
            let stream =
                modelprime::users(&client, super::page_options(&page), name_search.as_deref());
            print_stream(output, "users", stream).await?;
        }
        ModelPrimeCommand::Users(ModelPrimeUsers::Get { id }) => {
            print_one(
                output,
                &call(MODELPRIME, "get_user", client.get_user().id(id).send()).await?,
            )?;
        }
        ModelPrimeCommand::Users(ModelPrimeUsers::Invite {
            email,
            name,
            roles,
            connection,
        }) => {
            let role_names = role_names(&roles);
            let connection = match connection {
                Connection::GoogleOauth2 => Some(types::ConnectionTypeInner::GoogleOauth2),
                Connection::None => None,
            };
            let request = client.invite_user().body_map(|b| {
                b.email(String::from(email.clone()))
                    .name(name)
                    .roles(roles)
                    .connection(connection)
            });
            call(MODELPRIME, "invite_user", request.send()).await?;
            print_action(
                output,
                ActionResult::ok("invite", MODELPRIME)
                    .email(email.as_str())
                    .roles(role_names),
            )?;
        }
        ModelPrimeCommand::Users(ModelPrimeUsers::SetRoles { id, roles }) => {
            let role_names = role_names(&roles);
            let request = client.replace_user_roles().id(&id).body(roles);
            call(MODELPRIME, "replace_user_roles", request.send()).await?;
            print_action(
                output,
                ActionResult::ok("set-roles", MODELPRIME)
                    .id(id)
                    .roles(role_names),
            )?;
        }
        ModelPrimeCommand::Users(ModelPrimeUsers::Remove { id }) => {
            call(
                MODELPRIME,
                "remove_user",
                client.remove_user().id(&id).send(),
            )
            .await?;
            print_action(output, ActionResult::ok("remove", MODELPRIME).id(id))?;
        }
        ModelPrimeCommand::Users(ModelPrimeUsers::ResetPassword { id }) => {
            call(
                MODELPRIME,
                "reset_user_password",
                client.reset_user_password().id(&id).send(),
            )
            .await?;
            print_action(
                output,
                ActionResult::ok("reset-password", MODELPRIME).id(id),
            )?;
        }
    }
    Ok(())
}

fn role_names(roles: &[PermissionRole]) -> Vec<String> {
    roles.iter().map(ToString::to_string).collect()
}
