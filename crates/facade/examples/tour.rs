//! The README's SDK tour against the in-process sandbox: one provider's users as a
//! stream, everyone across providers, and offboarding one person with a plan first.
//!
//! `cargo run -p usermgmt --example tour`

use futures::TryStreamExt;
use usermgmt::paginate::PageOptions;
use usermgmt::{ClientOptions, Directory, Person, Provider};
use usermgmt_sandbox::Sandbox;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = Sandbox::start().await?;
    // In real use these come from the environment (`Client::from_env()`).
    let vars = sandbox.env_vars();
    let lookup = |name: &str| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    };
    let options = ClientOptions::default();

    // One provider: every page, fetched 4 at a time, in order.
    let modelprime = usermgmt::modelprime::Client::from_lookup(&lookup, &options)?;
    let users: Vec<_> = usermgmt::modelprime::users(&modelprime, PageOptions::default(), None)
        .try_collect()
        .await?;
    println!("Model-Prime has {} users", users.len());

    // All providers as one directory.
    let (directory, _not_configured) = Directory::from_lookup(&Provider::ALL, &lookup, &options);
    let everyone: Vec<usermgmt::User> = directory.list_users().try_collect().await?;
    println!(
        "{} accounts across {} providers",
        everyone.len(),
        directory.providers().len()
    );

    let person = Person::new("alan@acme.example")?.with_github_login("alan-turing")?;
    let plan = directory.plan_offboard(&person, Some("acme-corp")).await?;
    let report = directory.apply(&plan).await;
    for step in &report.steps {
        println!("{step}");
    }
    assert!(report.is_success());
    Ok(())
}
