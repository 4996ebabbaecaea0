//! The SCIM bridge under an identity provider's load: 2,000 mixed requests (60%
//! filtered GET, 25% PATCH, 15% POST) at concurrency 8 against the bridge over the
//! demo sandbox, journaled in memory; throughput and p50/p99 per kind. Then, alternated
//! round by round, a filtered GET against the slowest single provider look-up that GET
//! needs (each provider's `find` alone); the target is a median at most 1.5x. That
//! comparison runs twice: on the in-process sandbox, and with 20 ms injected into every
//! provider answer, as real SaaS APIs take at least that. Each comparison also times
//! every listable look-up at once through the directory, without the bridge, to show
//! the bridge's own part of a GET.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use serde_json::{Value, json};
use usermgmt::testing::SandboxExt;
use usermgmt::{AccessProfile, Directory, Person};
use usermgmt_journal::Journal;
use usermgmt_sandbox::FakeApi;
use usermgmt_scim::Bridge;

use crate::stats::{median, ms, ratio, verdict};

const REQUESTS: usize = 2_000;
const CONCURRENCY: usize = 8;
const ROUNDS: usize = 30;
/// The provider latency of the second comparison, and its rounds.
const LATENCY: Duration = Duration::from_millis(20);
const LATENCY_ROUNDS: usize = 15;
const TOKEN: &str = "bench-token-0123456789abcdef";
const PEOPLE: [&str; 6] = [
    "alan@acme.example",
    "grace@acme.example",
    "katherine@acme.example",
    "hedy@acme.example",
    "charles@acme.example",
    "nobody@acme.example",
];

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    if samples.is_empty() {
        return Duration::ZERO;
    }
    samples.sort_unstable();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index.min(samples.len() - 1)]
}

fn filter_uri(base: &str, email: &str) -> String {
    format!("{base}/scim/v2/Users?filter=userName%20eq%20%22{email}%22")
}

pub(crate) async fn run() -> Result<(), String> {
    let sandbox = usermgmt_sandbox::Sandbox::start()
        .await
        .map_err(|e| e.to_string())?;
    let directory: Directory = sandbox.directory();
    let developer: AccessProfile = serde_json::from_value(json!({
        "axiom": "user",
        "adverity": {"groups": [2], "workspaces": [1]},
        "paradime": "DEVELOPER",
        "modelprime": ["developer"],
    }))
    .map_err(|e| e.to_string())?;
    let journal = Arc::new(Journal::open_in_memory().map_err(|e| e.to_string())?);
    let bridge = Bridge::new(directory.clone(), TOKEN.to_string().into())
        .profiles(BTreeMap::from([("developer".to_string(), developer)]))
        .default_profile("developer")
        .journal(journal);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| e.to_string())?;
    let base = format!(
        "http://{}",
        listener.local_addr().map_err(|e| e.to_string())?
    );
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(bridge.serve(listener, async {
        let _ = stopped.await;
    }));
    let client = reqwest::Client::new();

    // A filtered GET against each provider's own look-up, alternated.
    let in_process = filtered_get_against_lookups(&client, &base, &directory, ROUNDS).await?;

    // The mixed load.
    let started = Instant::now();
    let results: Vec<(&'static str, u16, Duration)> = futures::stream::iter(0..REQUESTS)
        .map(|i| {
            let client = client.clone();
            let base = base.clone();
            async move {
                let slot = i % 20;
                let (kind, request) = if slot < 12 {
                    let email = PEOPLE[i % PEOPLE.len()];
                    ("GET", client.get(filter_uri(&base, email)))
                } else if slot < 17 {
                    // Deactivating someone who is already inactive after the first
                    // time: the look-up and the plan run, the change only once.
                    let id = uuid_of(&client, &base, PEOPLE[i % 5]).await;
                    let body = json!({
                        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                        "Operations": [{"op": "replace", "value": {"active": false}}],
                    });
                    (
                        "PATCH",
                        client
                            .patch(format!("{base}/scim/v2/Users/{id}"))
                            .json(&body),
                    )
                } else {
                    let body = json!({
                        "userName": format!("joiner{i}@acme.example"),
                        "name": {"givenName": "Joiner", "familyName": format!("N{i}")},
                    });
                    (
                        "POST",
                        client.post(format!("{base}/scim/v2/Users")).json(&body),
                    )
                };
                let sent = Instant::now();
                let status = match request.bearer_auth(TOKEN).send().await {
                    Ok(answer) => {
                        let status = answer.status().as_u16();
                        let _ = answer.bytes().await;
                        status
                    }
                    Err(_) => 0,
                };
                (kind, status, sent.elapsed())
            }
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    let elapsed = started.elapsed();

    // The same comparison with every provider answering after LATENCY, as SaaS APIs do
    // (the demo sandbox in process answers in well under a millisecond).
    for api in [
        FakeApi::Axiom,
        FakeApi::Adverity,
        FakeApi::Paradime,
        FakeApi::ModelPrime,
    ] {
        sandbox.faults(api).latency(LATENCY);
    }
    let with_latency =
        filtered_get_against_lookups(&client, &base, &directory, LATENCY_ROUNDS).await?;
    let _ = stop.send(());
    let _ = server.await;

    println!(
        "== scim: {REQUESTS} mixed requests at concurrency {CONCURRENCY} (demo sandbox, in-memory journal)"
    );
    println!(
        "throughput: {:.0} requests/s ({} in {})",
        REQUESTS as f64 / elapsed.as_secs_f64(),
        REQUESTS,
        ms(elapsed)
    );
    for kind in ["GET", "PATCH", "POST"] {
        let mut latencies: Vec<Duration> = results
            .iter()
            .filter(|(k, _, _)| *k == kind)
            .map(|(_, _, d)| *d)
            .collect();
        let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
        for (_, status, _) in results.iter().filter(|(k, _, _)| *k == kind) {
            *statuses.entry(*status).or_default() += 1;
        }
        println!(
            "{kind:5} n={:4} p50 {} p99 {} statuses {statuses:?}",
            latencies.len(),
            ms(percentile(&mut latencies, 0.5)),
            ms(percentile(&mut latencies, 0.99)),
        );
    }
    in_process.print(&format!("over {ROUNDS} alternated rounds"));
    with_latency.print(&format!(
        "with {} latency per provider answer, over {LATENCY_ROUNDS} rounds",
        ms(LATENCY)
    ));
    Ok(())
}

/// The medians of one filtered-GET comparison.
struct Comparison {
    /// A filtered GET through the bridge.
    get: Duration,
    /// The slowest provider's own look-up, and its name.
    slowest: (&'static str, Duration),
    /// Every listable provider's look-up at once through the directory, without the
    /// bridge: what the GET costs before HTTP, the journal, grouping and JSON.
    all_at_once: Duration,
}

impl Comparison {
    fn print(&self, how: &str) {
        let r = ratio(self.get, self.slowest.1);
        println!(
            "filtered GET median {} vs slowest single look-up ({}) {} {how}: {r:.2}x (target <= 1.5: {})",
            ms(self.get),
            self.slowest.0,
            ms(self.slowest.1),
            verdict(r <= 1.5)
        );
        println!(
            "  every look-up at once without the bridge {} ({:.2}x the slowest alone); the bridge's own part {}",
            ms(self.all_at_once),
            ratio(self.all_at_once, self.slowest.1),
            ms(self.get.saturating_sub(self.all_at_once)),
        );
    }
}

/// Alternated rounds of a filtered GET (`userName eq`) through the bridge, each
/// listable provider's own look-up of the same person alone, and all of them at once
/// through the directory.
async fn filtered_get_against_lookups(
    client: &reqwest::Client,
    base: &str,
    directory: &Directory,
    rounds: usize,
) -> Result<Comparison, String> {
    let mut gets = Vec::new();
    let mut all_at_once = Vec::new();
    let mut lookups: BTreeMap<&'static str, Vec<Duration>> = BTreeMap::new();
    for round in 0..rounds {
        let email = PEOPLE[round % PEOPLE.len()];
        let person = Person::new(email).map_err(|e| e.to_string())?;
        let started = Instant::now();
        let answer = client
            .get(filter_uri(base, email))
            .bearer_auth(TOKEN)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if !answer.status().is_success() {
            return Err(format!("a filtered GET answered {}", answer.status()));
        }
        answer.bytes().await.map_err(|e| e.to_string())?;
        gets.push(started.elapsed());
        let mut listable = Directory::new();
        for provider in directory.providers() {
            if !usermgmt::Capabilities::of(provider).list_users {
                continue;
            }
            let backend = directory
                .backend(provider)
                .ok_or("a configured provider has no backend")?
                .clone();
            listable = listable.with(backend.clone());
            let one = Directory::new().with(backend);
            let started = Instant::now();
            let _ = one.find_snapshots(&person).await;
            lookups
                .entry(provider.id())
                .or_default()
                .push(started.elapsed());
        }
        let started = Instant::now();
        let _ = listable.find_snapshots(&person).await;
        all_at_once.push(started.elapsed());
    }
    let slowest = lookups
        .iter_mut()
        .map(|(name, samples)| (*name, median(samples)))
        .max_by_key(|(_, m)| *m)
        .ok_or("no listable provider")?;
    Ok(Comparison {
        get: median(&mut gets),
        slowest,
        all_at_once: median(&mut all_at_once),
    })
}

/// The SCIM id of `email`, as an IdP reads it before a PATCH.
async fn uuid_of(client: &reqwest::Client, base: &str, email: &str) -> String {
    let answer = client
        .get(filter_uri(base, email))
        .bearer_auth(TOKEN)
        .send()
        .await;
    let body: Value = match answer {
        Ok(answer) => answer.json().await.unwrap_or(Value::Null),
        Err(_) => Value::Null,
    };
    body["Resources"][0]["id"]
        .as_str()
        .unwrap_or("unknown")
        .to_string()
}
