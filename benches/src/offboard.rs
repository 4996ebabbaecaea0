//! Offboarding across five providers that each delay 50 ms: wall time of `apply`
//! versus one request to a single provider with the same delay. Target: at most 1.3
//! (concurrent, not sequential: sequential would be about 5).

use std::time::{Duration, Instant};

use usermgmt::{Directory, Person, Provider as SdkProvider};
use usermgmt_sandbox::{FakeApi, Sandbox};

const DELAY: Duration = Duration::from_millis(50);

pub(crate) async fn run() -> Result<(), String> {
    let sandbox = Sandbox::start().await.map_err(|e| e.to_string())?;
    let vars = sandbox.env_vars();
    let lookup = |name: &str| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    };
    let (directory, skipped) = Directory::from_lookup(
        &SdkProvider::ALL,
        &lookup,
        &usermgmt::ClientOptions::default(),
    );
    if !skipped.is_empty() {
        return Err(format!("providers not configured: {skipped:?}"));
    }
    let person = Person::new("alan@acme.example")
        .and_then(|p| p.with_github_login("alan-turing"))
        .map_err(|e| e.to_string())?;
    let plan = directory
        .plan_offboard(&person, Some("acme-corp"))
        .await
        .map_err(|e| e.to_string())?;
    for provider in FakeApi::ALL {
        sandbox.faults(provider).latency(DELAY);
    }

    // The slowest single provider: one delete of someone else on Axiom, same delay.
    let single_started = Instant::now();
    let others = directory
        .find(&Person::new("claude@acme.example").map_err(|e| e.to_string())?)
        .await;
    let lookup_time = single_started.elapsed();
    let claude = others
        .into_iter()
        .find(|(p, _)| *p == SdkProvider::Axiom)
        .and_then(|(_, found)| found.ok())
        .and_then(|users| users.into_iter().next())
        .and_then(|user| user.id)
        .ok_or("claude@acme.example not found in Axiom")?;
    let single_started = Instant::now();
    directory
        .remove(SdkProvider::Axiom, &claude)
        .await
        .map_err(|e| e.to_string())?;
    let single = single_started.elapsed();

    let started = Instant::now();
    let report = directory.apply(&plan).await;
    let apply = started.elapsed();
    if !report.is_success() {
        return Err(format!("apply failed: {report:?}"));
    }
    let ratio = crate::stats::ratio(apply, single);
    println!(
        "offboard: apply {} steps across 5 providers, each delaying {} ms",
        plan.steps.len(),
        DELAY.as_millis()
    );
    println!("  apply (concurrent)        {}", crate::stats::ms(apply));
    println!("  slowest single request    {}", crate::stats::ms(single));
    println!(
        "  (find across 4 listing providers, for reference: {})",
        crate::stats::ms(lookup_time)
    );
    println!(
        "  ratio {ratio:.2} (target <= 1.3: {})",
        crate::stats::verdict(ratio <= 1.3)
    );
    Ok(())
}
