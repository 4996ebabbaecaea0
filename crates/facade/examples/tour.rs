//! The README's SDK tour against the in-process sandbox: one provider's users as a
//! stream, everyone across providers, and offboarding one person with a plan first.
//!
//! `cargo run -p usermgmt --example tour`

use futures::TryStreamExt;
use usermgmt::Person;
use usermgmt::prelude::*;
use usermgmt::testing::SandboxExt;
use usermgmt_sandbox::Sandbox;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = Sandbox::start().await?;

    // One provider: every page, fetched 4 at a time, in order. In real use the client
    // comes from the environment (`Client::from_env()`).
    let modelprime =
        usermgmt::modelprime::Client::from_lookup(&sandbox.lookup(), &Default::default())?;
    let users: Vec<_> = modelprime.users().stream().try_collect().await?;
    println!("Model-Prime has {} users", users.len());

    // All providers as one directory.
    let directory = sandbox.directory(); // in real use: `Directory::from_env()`
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
