//! A sandbox with a state file: changes survive a restart, a second sandbox on the same
//! file is refused, a reset brings the seed back, and a broken file is never overwritten.

use serde_json::{Value, json};
use usermgmt_sandbox::{FakeApi, Sandbox, SandboxError};

use crate::{credential, http, send};

async fn with_state(path: &std::path::Path) -> Sandbox {
    Sandbox::builder()
        .state_file(path)
        .start()
        .await
        .expect("the sandbox starts with a state file")
}

async fn axiom_emails(sandbox: &Sandbox) -> Vec<String> {
    let endpoint = sandbox.axiom();
    let users = send(
        http()
            .get(format!("{}/users", endpoint.base_url))
            .bearer_auth(credential(endpoint, "AXIOM_TOKEN")),
    )
    .await
    .expect(200);
    users
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap().to_owned())
        .collect()
}

async fn create_axiom_user(sandbox: &Sandbox, email: &str) -> Value {
    let endpoint = sandbox.axiom();
    send(
        http()
            .post(format!("{}/users", endpoint.base_url))
            .bearer_auth(credential(endpoint, "AXIOM_TOKEN"))
            .json(&json!({ "name": "Grace Hopper", "email": email, "role": "user" })),
    )
    .await
    .expect(200)
}

#[tokio::test]
async fn a_change_survives_a_restart_and_a_reset_brings_the_seed_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let first = with_state(&path).await;
    let seeded = axiom_emails(&first).await;
    assert!(path.exists(), "the seed is written at the first start");
    create_axiom_user(&first, "margaret@acme.example").await;
    assert_eq!(first.state_path(), Some(path.as_path()));
    drop(first);

    let second = with_state(&path).await;
    let after = axiom_emails(&second).await;
    assert_eq!(after.len(), seeded.len() + 1);
    assert!(after.iter().any(|e| e == "margaret@acme.example"));
    drop(second);

    assert!(Sandbox::reset_state(&path).unwrap());
    assert!(
        !Sandbox::reset_state(&path).unwrap(),
        "nothing left to reset"
    );
    let third = with_state(&path).await;
    assert_eq!(axiom_emails(&third).await, seeded);
}

#[tokio::test]
async fn changes_made_through_the_sandbox_handle_are_saved_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let first = with_state(&path).await;
    first.seed_synthetic_users(FakeApi::Adverity, 3);
    drop(first);
    let saved: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let emails: Vec<&str> = saved["adverity"]["users"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|u| u["email"].as_str())
        .collect();
    assert!(emails.contains(&"user00003@load.example"), "{emails:?}");
}

#[tokio::test]
async fn a_second_sandbox_on_the_same_state_is_refused_while_the_first_runs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let first = with_state(&path).await;
    let refused = Sandbox::builder()
        .state_file(&path)
        .start()
        .await
        .unwrap_err();
    assert!(
        matches!(refused, SandboxError::StateInUse { .. }),
        "{refused}"
    );
    assert!(refused.to_string().contains("state.json"));
    assert!(matches!(
        Sandbox::reset_state(&path),
        Err(SandboxError::StateInUse { .. })
    ));
    drop(first);
    with_state(&path).await;
}

#[tokio::test]
async fn a_file_that_is_not_a_state_is_an_error_and_is_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    std::fs::write(&path, "my notes, not a sandbox").unwrap();
    let error = Sandbox::builder()
        .state_file(&path)
        .start()
        .await
        .unwrap_err();
    assert!(matches!(error, SandboxError::StateFile { .. }), "{error}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "my notes, not a sandbox"
    );
}

#[tokio::test]
async fn every_fake_round_trips_through_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let first = with_state(&path).await;
    let paradime_before = first.paradime_disabled_users();
    let invitations_before = first.modelprime_invitations();
    let engineers_before = first.axolo_engineers();
    drop(first);
    let once: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let second = with_state(&path).await;
    assert_eq!(second.paradime_disabled_users(), paradime_before);
    assert_eq!(second.modelprime_invitations(), invitations_before);
    assert_eq!(second.axolo_engineers(), engineers_before);
    // A save right after loading writes the same state: a round trip loses and invents nothing.
    second.seed_synthetic_users(FakeApi::Axolo, 0);
    let twice: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(once, twice);
}
