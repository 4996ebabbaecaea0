//! `usermgmt paradime ...`

use serde::Serialize;
use usermgmt::Provider;
use usermgmt::paradime::{self, Client, Member};

use crate::args::{Output, ParadimeCommand, ParadimeUsers, ParadimeWorkspaces};
use crate::config::Config;
use crate::error::CliResult;
use crate::output::{ActionResult, Record, print_action, print_list, print_stream};

const PARADIME: Provider = Provider::Paradime;

/// One row of `paradime users list`: an active user or an invitation, in one shape so
/// that JSON and CSV have the same fields for both (`uid` and `name` are null for
/// invitations, `invite_status` for active users).
#[derive(Debug, Serialize)]
struct ParadimeUser {
    uid: Option<String>,
    email: String,
    name: Option<String>,
    account_type: String,
    invite_status: Option<String>,
}

impl Record for ParadimeUser {
    const COLUMNS: &'static [&'static str] =
        &["uid", "email", "name", "account_type", "invite_status"];
}

impl From<Member> for ParadimeUser {
    fn from(member: Member) -> Self {
        match member {
            Member::Active(user) => ParadimeUser {
                uid: Some(user.uid),
                email: user.email,
                name: Some(user.name),
                account_type: user.account_type.to_string(),
                invite_status: None,
            },
            Member::Invited(invite) => ParadimeUser {
                uid: None,
                email: invite.email,
                name: None,
                account_type: invite.account_type.to_string(),
                invite_status: Some(invite.invite_status.to_string()),
            },
        }
    }
}

pub(crate) async fn run(
    config: &Config,
    output: Output,
    command: ParadimeCommand,
) -> CliResult<()> {
    let client = config.client(Client::from_lookup)?;
    match command {
        ParadimeCommand::Users(ParadimeUsers::List) => {
            use futures::TryStreamExt;
            // Active users, then invitations, in the order the API returns them.
            let users = paradime::users(&client).map_ok(ParadimeUser::from);
            print_stream(output, "users", users).await?;
        }
        ParadimeCommand::Users(ParadimeUsers::Invite {
            email,
            account_type,
        }) => {
            client
                .invite_user(email.as_str(), account_type.clone())
                .await?;
            print_action(
                output,
                ActionResult::ok("invite", PARADIME)
                    .email(email.as_str())
                    .roles(vec![account_type.to_string()]),
            )?;
        }
        ParadimeCommand::Users(ParadimeUsers::SetRole { uid, account_type }) => {
            client
                .update_user_account_type(&uid, account_type.clone())
                .await?;
            print_action(
                output,
                ActionResult::ok("set-role", PARADIME)
                    .id(uid)
                    .roles(vec![account_type.to_string()]),
            )?;
        }
        ParadimeCommand::Users(ParadimeUsers::Disable { uid }) => {
            client.disable_user(&uid).await?;
            print_action(output, ActionResult::ok("disable", PARADIME).id(uid))?;
        }
        ParadimeCommand::Workspaces(ParadimeWorkspaces::List) => {
            print_list(output, &client.list_workspaces().await?)?;
        }
    }
    Ok(())
}
