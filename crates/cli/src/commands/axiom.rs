//! `usermgmt axiom ...`

use usermgmt::axiom::{self, Client};
use usermgmt::{Provider, call};

use crate::args::{AxiomCommand, AxiomMe, AxiomUsers, Output};
use crate::config::Config;
use crate::error::CliResult;
use crate::output::{print_done, print_list, print_one};

const AXIOM: Provider = Provider::Axiom;

pub(crate) async fn run(config: &Config, output: Output, command: AxiomCommand) -> CliResult<()> {
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
            print_done(output, &format!("deleted Axiom user {id}"))?;
        }
        AxiomCommand::Me(AxiomMe::Get) => {
            print_one(
                output,
                &call(AXIOM, "get_current_user", client.get_current_user().send()).await?,
            )?;
        }
        AxiomCommand::Me(AxiomMe::Rename { name }) => {
            let request = client.update_current_user().body_map(|b| b.name(name));
            print_one(
                output,
                &call(AXIOM, "update_current_user", request.send()).await?,
            )?;
        }
    }
    Ok(())
}
