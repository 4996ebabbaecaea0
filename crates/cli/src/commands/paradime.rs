//! `usermgmt paradime ...`

use serde_json::Value;
use usermgmt::paradime::{Client, UserAccountType};

use crate::args::{Output, ParadimeCommand, ParadimeUsers, ParadimeWorkspaces};
use crate::config::Config;
use crate::error::CliResult;
use crate::output::{print_done, print_list};

pub(crate) async fn run(
    config: &Config,
    output: Output,
    command: ParadimeCommand,
) -> CliResult<()> {
    let client = config.client(Client::from_lookup)?;
    match command {
        ParadimeCommand::Users(ParadimeUsers::List) => {
            let users = client.list_users().await?;
            // Active users, then invitations, each as the API returns it.
            let mut rows: Vec<Value> = Vec::new();
            for user in &users.active {
                rows.push(serde_json::to_value(user).map_err(|e| e.to_string())?);
            }
            for invite in &users.invited {
                rows.push(serde_json::to_value(invite).map_err(|e| e.to_string())?);
            }
            print_list(output, &rows)?;
        }
        ParadimeCommand::Users(ParadimeUsers::Invite {
            email,
            account_type,
        }) => {
            client
                .invite_user(&email, parse_account_type(&account_type)?)
                .await?;
            print_done(
                output,
                &format!("invited {email} to Paradime as {account_type}"),
            )?;
        }
        ParadimeCommand::Users(ParadimeUsers::SetRole { uid, account_type }) => {
            client
                .update_user_account_type(&uid, parse_account_type(&account_type)?)
                .await?;
            print_done(
                output,
                &format!("set Paradime user {uid} to {account_type}"),
            )?;
        }
        ParadimeCommand::Users(ParadimeUsers::Disable { uid }) => {
            client.disable_user(&uid).await?;
            print_done(output, &format!("disabled Paradime user {uid}"))?;
        }
        ParadimeCommand::Workspaces(ParadimeWorkspaces::List) => {
            print_list(output, &client.list_workspaces().await?)?;
        }
    }
    Ok(())
}

fn parse_account_type(text: &str) -> CliResult<UserAccountType> {
    text.parse::<UserAccountType>()
        .map_err(|e| e.to_string().into())
}
