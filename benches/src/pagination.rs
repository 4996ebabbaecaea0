//! Pagination throughput: stream Model-Prime users from a local server that delays each
//! page, sequentially (concurrency 1) and with the facade's prefetch (4), against the
//! ideal `pages × delay / concurrency`.

use std::time::{Duration, Instant};

use futures::TryStreamExt;
use usermgmt::paginate::PageOptions;
use usermgmt_sandbox::{FakeApi, Sandbox, Seed};

/// (users, delay per page): issue 5's 20,000 users at 20 ms, issue 8's 100,000 at 10 ms.
const CASES: [(usize, u64); 2] = [(20_000, 20), (100_000, 10)];
const CONCURRENCY: usize = 4;

pub(crate) async fn run() -> Result<(), String> {
    for (users, delay_ms) in CASES {
        let sandbox = Sandbox::builder()
            .seed(Seed::Empty)
            .synthetic_users(FakeApi::ModelPrime, users)
            .start()
            .await
            .map_err(|e| e.to_string())?;
        let vars = sandbox.env_vars();
        let lookup = |name: &str| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.clone())
        };
        let client =
            usermgmt::modelprime::Client::from_lookup(&lookup, &usermgmt::ClientOptions::default())
                .map_err(|e| e.to_string())?;
        sandbox
            .faults(FakeApi::ModelPrime)
            .latency(Duration::from_millis(delay_ms));

        let time = |concurrency: usize| {
            let client = client.clone();
            async move {
                let started = Instant::now();
                let options = PageOptions::default()
                    .page_size(100)
                    .concurrency(concurrency);
                let items: Vec<_> = usermgmt::modelprime::users(&client, options, None)
                    .try_collect()
                    .await
                    .map_err(|e| e.to_string())?;
                Ok::<(Duration, usize), String>((started.elapsed(), items.len()))
            }
        };
        let (sequential, n_seq) = time(1).await?;
        let (prefetch, n_pre) = time(CONCURRENCY).await?;
        if n_seq != n_pre {
            return Err(format!("sequential saw {n_seq} users, prefetch {n_pre}"));
        }
        let pages = n_pre.div_ceil(100) as u32;
        let ideal = Duration::from_millis(delay_ms) * pages / CONCURRENCY as u32;
        let speedup = crate::stats::ratio(sequential, prefetch);
        let vs_ideal = crate::stats::ratio(prefetch, ideal);
        println!(
            "pagination: {n_pre} Model-Prime users, {pages} pages of 100, {delay_ms} ms per page"
        );
        println!("  sequential            {}", crate::stats::ms(sequential));
        println!("  prefetch (4 at once)  {}", crate::stats::ms(prefetch));
        println!("  ideal (pages x delay / 4) {}", crate::stats::ms(ideal));
        println!(
            "  speedup {speedup:.2}x (target >= 3.5: {})",
            crate::stats::verdict(speedup >= 3.5)
        );
        println!(
            "  prefetch / ideal {vs_ideal:.2} (target <= 1.3: {})",
            crate::stats::verdict(vs_ideal <= 1.3)
        );
        // The ideal counts only the injected delay; each request also costs a round trip
        // and the server's work, which sequential / 4 includes.
        let achievable = sequential / CONCURRENCY as u32;
        println!(
            "  prefetch / (sequential / 4) {:.2} (the ideal with the measured per-page cost)",
            crate::stats::ratio(prefetch, achievable)
        );
    }
    Ok(())
}
