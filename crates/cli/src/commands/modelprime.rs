//! `usermgmt modelprime ...`

use usermgmt::modelprime::{self, Client, PermissionRole, types};
use usermgmt::{Provider, call};

use crate::args::{
    Connection, ModelPrimeCommand, ModelPrimeMe, ModelPrimeOrg, ModelPrimeUsers, Output,
};
use crate::config::Config;
use crate::error::CliResult;
use crate::output::{print_done, print_list, print_one};

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
                return Err("nothing to update: give --name and/or --email"
                    .to_string()
                    .into());
            }
            let request = client.update_me().body_map(|b| b.name(name).email(email));
            print_one(
                output,
                &call(MODELPRIME, "update_me", request.send()).await?,
            )?;
        }
        ModelPrimeCommand::Users(ModelPrimeUsers::List { name_search, page }) => {
            let stream =
                modelprime::users(&client, super::page_options(&page), name_search.as_deref());
            print_list(output, &super::collect("users", stream).await?)?;
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
            let roles = parse_roles(&roles)?;
            let connection = match connection {
                Connection::GoogleOauth2 => Some(types::ConnectionTypeInner::GoogleOauth2),
                Connection::None => None,
            };
            let request = client.invite_user().body_map(|b| {
                b.email(email.clone())
                    .name(name)
                    .roles(roles)
                    .connection(connection)
            });
            call(MODELPRIME, "invite_user", request.send()).await?;
            print_done(output, &format!("invited {email} to Model-Prime"))?;
        }
        ModelPrimeCommand::Users(ModelPrimeUsers::SetRoles { id, roles }) => {
            let request = client
                .replace_user_roles()
                .id(&id)
                .body(parse_roles(&roles)?);
            call(MODELPRIME, "replace_user_roles", request.send()).await?;
            print_done(
                output,
                &format!("replaced the roles of Model-Prime user {id}"),
            )?;
        }
        ModelPrimeCommand::Users(ModelPrimeUsers::Remove { id }) => {
            call(
                MODELPRIME,
                "remove_user",
                client.remove_user().id(&id).send(),
            )
            .await?;
            print_done(output, &format!("removed Model-Prime user {id}"))?;
        }
        ModelPrimeCommand::Users(ModelPrimeUsers::ResetPassword { id }) => {
            call(
                MODELPRIME,
                "reset_user_password",
                client.reset_user_password().id(&id).send(),
            )
            .await?;
            print_done(
                output,
                &format!("sent a password reset to Model-Prime user {id}"),
            )?;
        }
    }
    Ok(())
}

fn parse_roles(roles: &[String]) -> CliResult<Vec<PermissionRole>> {
    roles
        .iter()
        .map(|r| {
            r.parse::<PermissionRole>()
                .map_err(|e| e.to_string().into())
        })
        .collect()
}
