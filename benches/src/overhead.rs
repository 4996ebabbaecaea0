//! Overhead: the median latency of one `get user` through the facade (auth headers,
//! progenitor hooks, retry layer, tracing span, decoding, error conversion) versus a
//! hand-written reqwest + serde call to the same local server. Target: at most 1.05.

use std::time::{Duration, Instant};

use serde::Deserialize;
use usermgmt::{Provider, call};
use usermgmt_sandbox::Sandbox;

const WARMUP: usize = 300;
const ROUNDS: usize = 40;
const PER_ROUND: usize = 100;

/// What a user of plain reqwest would write.
#[derive(Debug, Deserialize)]
#[allow(dead_code)] // fields are decoded, as the SDK decodes them, and not read
struct HandUser {
    id: String,
    name: String,
    email: String,
    role: HandRole,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct HandRole {
    id: String,
    name: String,
}

pub(crate) async fn run() -> Result<(), String> {
    let sandbox = Sandbox::start().await.map_err(|e| e.to_string())?;
    let vars: Vec<(&str, String)> = sandbox.env_vars();
    let lookup = |name: &str| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    };
    let sdk = usermgmt::axiom::Client::from_lookup(&lookup, &usermgmt::ClientOptions::default())
        .map_err(|e| e.to_string())?;
    let base = lookup("AXIOM_URL").ok_or("no AXIOM_URL")?;
    let token = lookup("AXIOM_TOKEN").ok_or("no AXIOM_TOKEN")?;
    let users = call(Provider::Axiom, "list_users", sdk.list_users().send())
        .await
        .map_err(|e| e.to_string())?;
    let id = users.first().ok_or("no users in the sandbox")?.id.clone();
    let plain = reqwest::Client::new();
    // The same call with the timeouts the SDK sets by default (a timer per request).
    let options = usermgmt::ClientOptions::default();
    let plain_with_timeouts = reqwest::Client::builder()
        .connect_timeout(options.connect_timeout)
        .timeout(options.timeout)
        .build()
        .map_err(|e| e.to_string())?;
    let url = format!("{base}/users/{id}");

    let via_sdk = || async {
        let started = Instant::now();
        call(Provider::Axiom, "get_user", sdk.get_user().id(&id).send())
            .await
            .map_err(|e| e.to_string())?;
        Ok::<Duration, String>(started.elapsed())
    };
    let by_hand_with = |client: &reqwest::Client| {
        let request = client.get(&url).bearer_auth(&token);
        async move {
            let started = Instant::now();
            let response = request.send().await.map_err(|e| e.to_string())?;
            let response = response.error_for_status().map_err(|e| e.to_string())?;
            response
                .json::<HandUser>()
                .await
                .map_err(|e| e.to_string())?;
            Ok::<Duration, String>(started.elapsed())
        }
    };
    let by_hand = || async {
        let started = Instant::now();
        let response = plain
            .get(&url)
            .bearer_auth(&token)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let response = response.error_for_status().map_err(|e| e.to_string())?;
        response
            .json::<HandUser>()
            .await
            .map_err(|e| e.to_string())?;
        Ok::<Duration, String>(started.elapsed())
    };

    for _ in 0..WARMUP {
        via_sdk().await?;
        by_hand().await?;
        by_hand_with(&plain_with_timeouts).await?;
    }
    let (mut sdk_samples, mut hand_samples, mut timed_samples) =
        (Vec::new(), Vec::new(), Vec::new());
    // Rotate the order every round so all three see the same machine noise.
    for round in 0..ROUNDS {
        for _ in 0..PER_ROUND {
            for slot in 0..3 {
                match (round + slot) % 3 {
                    0 => sdk_samples.push(via_sdk().await?),
                    1 => hand_samples.push(by_hand().await?),
                    _ => timed_samples.push(by_hand_with(&plain_with_timeouts).await?),
                }
            }
        }
    }
    let sdk_median = crate::stats::median(&mut sdk_samples);
    let hand_median = crate::stats::median(&mut hand_samples);
    let timed_median = crate::stats::median(&mut timed_samples);
    let ratio = crate::stats::ratio(sdk_median, hand_median);
    let ratio_timed = crate::stats::ratio(sdk_median, timed_median);
    println!(
        "overhead: get user, {} requests each, sandbox on loopback",
        ROUNDS * PER_ROUND
    );
    println!(
        "  facade (usermgmt::axiom + runtime)       median {}",
        crate::stats::ms(sdk_median)
    );
    println!(
        "  hand-written reqwest + serde             median {}",
        crate::stats::ms(hand_median)
    );
    println!(
        "  hand-written, same timeouts as the SDK   median {}",
        crate::stats::ms(timed_median)
    );
    println!(
        "  ratio vs hand-written {ratio:.3} (target <= 1.05: {})",
        crate::stats::verdict(ratio <= 1.05)
    );
    println!("  ratio vs hand-written with timeouts {ratio_timed:.3}");
    Ok(())
}
