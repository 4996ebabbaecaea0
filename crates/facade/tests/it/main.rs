//! Integration tests of the facade through the real provider clients: the pagination
//! streams against wiremock, and the directory (find, invite, roles, offboarding)
//! against the sandbox. One test binary (modules below) so it links once.

// Test helpers and test bodies unwrap on purpose: a panic is a failed test.
#![allow(clippy::unwrap_used)]

mod directory;
mod hostile;
mod offboard;
mod onboard;
mod paginate;
mod reconcile;
mod unsupported;

use std::time::Duration;

use usermgmt::{Backend, ClientOptions, Directory, RetryPolicy};
use usermgmt_sandbox::{Endpoint, Sandbox};

/// Options whose retries wait milliseconds, so tests that retry stay fast.
pub(crate) fn options() -> ClientOptions {
    ClientOptions::default()
        .with_timeout(Duration::from_secs(10))
        .with_retry(
            RetryPolicy::default()
                .with_backoff(Duration::from_millis(1), Duration::from_millis(20)),
        )
}

/// A sandbox with the demo seed on OS-assigned ports.
pub(crate) async fn start() -> Sandbox {
    Sandbox::start().await.expect("the sandbox starts")
}

fn credential(endpoint: &Endpoint, name: &str) -> String {
    endpoint
        .credential(name)
        .unwrap_or_else(|| panic!("the sandbox hands out {name}"))
        .to_owned()
}

/// A directory of all five providers, each client built by hand from the sandbox's
/// endpoints and added with [`Directory::with`].
pub(crate) fn directory(sandbox: &Sandbox) -> Directory {
    use usermgmt::{adverity, axiom, axolo, modelprime, paradime};
    let options = options();
    let (ax, ad, pa, mp, ao) = (
        sandbox.axiom(),
        sandbox.adverity(),
        sandbox.paradime(),
        sandbox.modelprime(),
        sandbox.axolo(),
    );
    Directory::new()
        .with(Backend::Axiom(
            axiom::Client::connect(
                &ax.base_url,
                &axiom::AxiomCredentials::new(credential(ax, "AXIOM_TOKEN")),
                &options,
            )
            .unwrap(),
        ))
        .with(Backend::Adverity(
            adverity::Client::connect(
                &ad.base_url,
                &adverity::AdverityCredentials::new(credential(ad, "ADVERITY_TOKEN")),
                &options,
            )
            .unwrap(),
        ))
        .with(Backend::Paradime(
            paradime::Client::new(
                &pa.base_url,
                &paradime::ParadimeCredentials::new(
                    credential(pa, "PARADIME_API_KEY"),
                    credential(pa, "PARADIME_API_SECRET"),
                ),
                &options,
            )
            .unwrap(),
        ))
        .with(Backend::ModelPrime(
            modelprime::Client::connect(
                &mp.base_url,
                &modelprime::ModelPrimeCredentials::new(
                    credential(mp, "MODELPRIME_EMAIL"),
                    credential(mp, "MODELPRIME_TOKEN"),
                ),
                &options,
            )
            .unwrap(),
        ))
        .with(Backend::Axolo(
            axolo::Client::connect(
                &ao.base_url,
                &axolo::AxoloCredentials::new(credential(ao, "AXOLO_API_KEY")),
                &options,
            )
            .unwrap(),
        ))
}

/// The sandbox's environment variables as a lookup, without the variables in `unset`.
pub(crate) fn lookup(
    sandbox: &Sandbox,
    unset: &'static [&'static str],
) -> impl Fn(&str) -> Option<String> + Sync + use<> {
    let vars = sandbox.env_vars();
    move |name: &str| {
        vars.iter()
            .find(|(n, _)| *n == name && !unset.contains(n))
            .map(|(_, v)| v.clone())
    }
}
