//! Decode property test: for each REST provider, 100,000 generated hostile bodies go
//! through what a response goes through (serde into the generated types, then into
//! the unified model, or into [`Error::from_status`](crate::Error::from_status) when it
//! is an error answer) without a panic. Paradime's own test is in its crate.

use usermgmt_testkit::Garbler;

use crate::Provider;

/// Bodies per provider.
const CASES: usize = 100_000;

/// Feed [`CASES`] bodies from `seeds` to `decode`, which says whether the body decoded
/// into the provider's type; returns how many did. A panic names the body.
fn run(provider: Provider, seeds: &[&str], decode: impl Fn(&[u8]) -> bool) -> usize {
    let mut garbler = Garbler::new(0x5eed ^ provider.id().len() as u64, seeds);
    let mut decoded = 0;
    for _ in 0..CASES {
        let body = garbler.body();
        let status = if body.len().is_multiple_of(3) {
            200
        } else {
            400 + (body.len() % 104) as u16
        };
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let raw = String::from_utf8_lossy(&body).into_owned();
            let error = crate::Error::from_status(provider, "fuzz", status, raw);
            let _ = error.to_string();
            decode(&body)
        }));
        match outcome {
            Ok(true) => decoded += 1,
            Ok(false) => {}
            Err(_) => panic!(
                "{provider}: decoding panicked on {:?}",
                String::from_utf8_lossy(&body)
            ),
        }
    }
    println!(
        "{provider}: {CASES} generated bodies decoded without a panic ({decoded} matched the types)"
    );
    decoded
}

/// Bodies must sometimes decode, or the mapping into the unified model is never run.
fn assert_some_decoded(provider: Provider, decoded: usize) {
    assert!(
        decoded > CASES / 100,
        "{provider}: only {decoded} of {CASES} bodies decoded: the generator misses the shape"
    );
}

#[cfg(feature = "axiom")]
#[test]
fn axiom_bodies_never_panic() {
    use crate::providers::axiom::{to_snapshot, to_user};
    use usermgmt_axiom::types;
    let seeds = [
        r#"[{"id":"04322a73","name":"Ada Lovelace","email":"ada@acme.example","role":{"id":"owner","name":"owner"}},{"id":"161e","name":"Alan","email":"alan@acme.example","role":{"id":"rl-custom-1","name":"Auditors"}}]"#,
        r#"{"id":"04322a73","name":"Ada Lovelace","email":"ada@acme.example","role":{"id":"admin","name":"admin"}}"#,
        r#"{"code":404,"message":"not found"}"#,
    ];
    let decoded = run(Provider::Axiom, &seeds, |body| {
        let list = serde_json::from_slice::<Vec<types::User>>(body);
        let one = serde_json::from_slice::<types::User>(body);
        let _ = serde_json::from_slice::<types::Error>(body);
        let ok = list.is_ok() || one.is_ok();
        for user in list.into_iter().flatten().chain(one) {
            let _ = format!("{:?}", to_user(user.clone()));
            let _ = to_snapshot(user);
        }
        ok
    });
    assert_some_decoded(Provider::Axiom, decoded);
}

#[cfg(feature = "adverity")]
#[test]
fn adverity_bodies_never_panic() {
    use crate::providers::adverity::{to_snapshot, to_user};
    use usermgmt_adverity::types;
    let seeds = [
        r#"{"count":7,"next":"http://127.0.0.1:1/api/v1/users/?page=2&page_size=2","previous":null,"results":[{"id":101,"email":"ada@acme.example","first_name":"Ada","last_name":"Lovelace","active":true,"groups":[1],"workspaces":[1,2],"workspace_names":["Acme","Acme Marketing"],"created":"2023-03-01T09:00:00Z","last_login":"2024-04-04T09:00:00Z","last_modified":"2023-03-02T09:00:00Z"}]}"#,
        r#"{"id":102,"email":"alan@acme.example","first_name":"Alan","last_name":"Turing","active":false,"groups":[2],"workspaces":[1],"workspace_names":["Acme"],"created":"2023-03-08T09:00:00Z","last_login":null,"last_modified":"2023-03-09T09:00:00Z"}"#,
        r#"{"detail":"Not found."}"#,
        r#"{"email":["user with this email already exists."]}"#,
    ];
    let decoded = run(Provider::Adverity, &seeds, |body| {
        let list = serde_json::from_slice::<types::UserList>(body);
        let one = serde_json::from_slice::<types::User>(body);
        let _ = serde_json::from_slice::<types::Error>(body);
        let ok = list.is_ok() || one.is_ok();
        let users = list.map(|l| l.results).unwrap_or_default();
        for user in users.into_iter().chain(one) {
            let _ = format!("{:?}", to_user(user.clone()));
            let _ = to_snapshot(user);
        }
        ok
    });
    assert_some_decoded(Provider::Adverity, decoded);
}

#[cfg(feature = "modelprime")]
#[test]
fn modelprime_bodies_never_panic() {
    use crate::providers::modelprime::{summary_to_user, to_user};
    use usermgmt_modelprime::types;
    let seeds = [
        r#"{"count":6,"items":[{"email":"ada@acme.example","id":"auth0|dee8e75a0ef383fceb0ae8e7","name":"Ada Lovelace"},{"email":"alan@acme.example","id":"google-oauth2|108700165538783155118","name":"Alan Turing"}]}"#,
        r#"{"email":"ada@acme.example","id":"auth0|dee8e75a0ef383fceb0ae8e7","name":"Ada Lovelace","roles":["admin","auditor"]}"#,
        r#"{"detail":"User not found"}"#,
        r#"{"detail":[{"loc":["body","email"],"msg":"value is not a valid email address","type":"value_error"}]}"#,
    ];
    let decoded = run(Provider::ModelPrime, &seeds, |body| {
        let list = serde_json::from_slice::<types::UserList>(body);
        let one = serde_json::from_slice::<types::User>(body);
        let _ = serde_json::from_slice::<types::Error>(body);
        let ok = list.is_ok() || one.is_ok();
        for summary in list.map(|l| l.items).unwrap_or_default() {
            let _ = format!("{:?}", summary_to_user(summary));
        }
        if let Ok(user) = one {
            let _ = format!("{:?}", to_user(user));
        }
        ok
    });
    assert_some_decoded(Provider::ModelPrime, decoded);
}

#[cfg(feature = "axolo")]
#[test]
fn axolo_bodies_never_panic() {
    use usermgmt_axolo::types;
    let seeds = [
        r#"{"success":true,"message":"Engineer offboarded"}"#,
        r#"{"success":false,"message":"Not found"}"#,
        r#"user not found"#,
    ];
    let decoded = run(Provider::Axolo, &seeds, |body| {
        serde_json::from_slice::<types::Error>(body).is_ok()
    });
    assert_some_decoded(Provider::Axolo, decoded);
}
