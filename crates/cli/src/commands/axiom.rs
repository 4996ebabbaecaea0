//! `usermgmt axiom ...`: users (with custom role names resolved), roles, and the current
//! user, which Axiom answers only for a personal access token.

use usermgmt::axiom::{self, Client};
use usermgmt::{Error, Provider, call};

use crate::args::{AxiomCommand, AxiomMe, AxiomRoles, AxiomUsers, Output};
use crate::config::Config;
use crate::error::{CliError, CliResult};
use crate::output::{ActionResult, print_action, print_list, print_one};

const AXIOM: Provider = Provider::Axiom;

/// The variable `axiom me` prefers for its token: Axiom's `/user` refuses API tokens.
const PERSONAL_TOKEN_VAR: &str = "AXIOM_PERSONAL_TOKEN";

/// What `axiom users update` prints on stderr before it runs.
pub(crate) const UPDATE_DEPRECATED: &str = "usermgmt: warning: `axiom users update` is deprecated: \
Axiom removed PUT /users/{id} from its API in April 2025 (it only ever renamed the caller, \
with a personal access token); use `axiom me rename` and `axiom users set-role`";

pub(crate) async fn run(config: &Config, output: Output, command: AxiomCommand) -> CliResult<()> {
    if let AxiomCommand::Me(me) = command {
        return run_me(config, output, me).await;
    }
    let client = config.client(Client::from_lookup)?;
    match command {
        AxiomCommand::Users(AxiomUsers::List) => {
            let users = super::collect("users", axiom::users(&client)).await?;
            print_list(output, &users)?;
        }
        AxiomCommand::Users(AxiomUsers::Get { id }) => {
            let user = call(AXIOM, "get_user", client.get_user().id(id).send()).await?;
            print_one(output, &user)?;
        }
        AxiomCommand::Users(AxiomUsers::Create { name, email, role }) => {
            let request = client
                .create_user()
                .body_map(|b| b.name(name).email(email).role(role));
            print_one(output, &call(AXIOM, "create_user", request.send()).await?)?;
        }
        AxiomCommand::Users(AxiomUsers::Update { id, name, email }) => {
            eprintln!("{UPDATE_DEPRECATED}");
            let request = client
                .update_user()
                .id(id)
                .body_map(|b| b.name(name).email(email));
            print_one(output, &call(AXIOM, "update_user", request.send()).await?)?;
        }
        AxiomCommand::Users(AxiomUsers::SetRole { id, role }) => {
            let request = client.update_user_role().id(id).body_map(|b| b.role(role));
            print_one(
                output,
                &call(AXIOM, "update_user_role", request.send()).await?,
            )?;
        }
        AxiomCommand::Users(AxiomUsers::Delete { id }) => {
            call(AXIOM, "delete_user", client.delete_user().id(&id).send()).await?;
            print_action(output, ActionResult::ok("delete", AXIOM).id(id))?;
        }
        AxiomCommand::Roles(AxiomRoles::List) => {
            let roles = call(AXIOM, "list_roles", client.list_roles().send()).await?;
            print_list(output, &roles)?;
        }
        AxiomCommand::Roles(AxiomRoles::Get { id }) => {
            let role = call(AXIOM, "get_role", client.get_role().id(id).send()).await?;
            print_one(output, &role)?;
        }
        AxiomCommand::Me(_) => {}
    }
    Ok(())
}

/// `axiom me ...` with [`PERSONAL_TOKEN_VAR`] as the token when it is set; a 401 or 403
/// says what Axiom wants there.
async fn run_me(config: &Config, output: Output, command: AxiomMe) -> CliResult<()> {
    let client = config.client(|lookup, options| {
        let personal = |name: &str| match name {
            "AXIOM_TOKEN" => lookup(PERSONAL_TOKEN_VAR)
                .filter(|v| !v.trim().is_empty())
                .or_else(|| lookup(name)),
            _ => lookup(name),
        };
        Client::from_lookup(&personal, options)
    })?;
    let user = match command {
        AxiomMe::Get => call(AXIOM, "get_current_user", client.get_current_user().send()).await,
        AxiomMe::Rename { name } => {
            let request = client.update_current_user().body_map(|b| b.name(name));
            call(AXIOM, "update_current_user", request.send()).await
        }
    };
    print_one(output, &user.map_err(needs_personal_token)?)?;
    Ok(())
}

/// A 401/403 from `/user` means the token is not a personal access token (or is wrong).
fn needs_personal_token(error: Error) -> CliError {
    match error.status() {
        Some(401 | 403) => CliError::Message(format!(
            "{error}; Axiom answers `axiom me` only for a personal access token (xapt-...): \
             set {PERSONAL_TOKEN_VAR} (or AXIOM_TOKEN) to one, and AXIOM_ORG_ID to its \
             organization for the other commands; API tokens (xaat-...) are refused there"
        )),
        _ => CliError::Sdk(error),
    }
}
