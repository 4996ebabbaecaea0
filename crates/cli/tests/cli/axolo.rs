//! `usermgmt axolo onboard|offboard`

use usermgmt_sandbox::demo;

use crate::support::{fails, one_error_line, run_json, sandbox, sandboxed, usermgmt};

#[tokio::test(flavor = "multi_thread")]
async fn an_engineer_onboarded_in_axolo_can_be_offboarded_once_and_then_is_not_found() {
    let sandbox = sandbox().await;
    let axolo = |args: &[&str]| {
        let mut command = usermgmt(&sandbox);
        command.arg("axolo").args(args);
        command
    };
    let onboarded_as = |login: &str| {
        sandbox
            .axolo_engineers()
            .into_iter()
            .find(|e| e.github_login == login)
    };
    assert!(onboarded_as("blisk").is_none());

    let onboarded = run_json(&mut axolo(&[
        "onboard",
        "--organization",
        demo::AXOLO_ORGANIZATION,
        "--github-login",
        "blisk",
        "--slack-id",
        "U01BARBARA",
    ]));
    assert_eq!(
        onboarded,
        serde_json::json!({
            "result": "ok",
            "action": "onboard",
            "provider": "axolo",
            "id": "blisk",
            "email": null,
            "roles": null,
            "organization": demo::AXOLO_ORGANIZATION,
        })
    );
    let engineer = onboarded_as("blisk").unwrap();
    assert_eq!(engineer.organization, demo::AXOLO_ORGANIZATION);
    assert_eq!(engineer.slack_id, "U01BARBARA");

    let offboard = [
        "offboard",
        "--organization",
        demo::AXOLO_ORGANIZATION,
        "--github-login",
        "blisk",
    ];
    let offboarded = run_json(&mut axolo(&offboard));
    assert_eq!(offboarded["result"], "ok");
    assert_eq!(offboarded["action"], "offboard");
    assert_eq!(offboarded["id"], "blisk");
    assert!(onboarded_as("blisk").is_none());

    let again = fails(&mut axolo(&offboard));
    let line = one_error_line(&again);
    assert!(line.contains("404"), "{line}");
    assert!(line.contains("blisk"), "{line}");
}

#[test]
fn axolo_organization_names_are_case_sensitive() {
    let output = fails(sandboxed().args([
        "axolo",
        "offboard",
        "--organization",
        "ACME-CORP",
        "--github-login",
        demo::LEAVER_GITHUB_LOGIN,
    ]));
    let line = one_error_line(&output);
    assert!(line.contains("404"), "{line}");
    assert!(line.contains("ACME-CORP"), "{line}");
}
