//! The Axolo fake: onboarding and offboarding by GitHub login, auth and validation.

use reqwest::RequestBuilder;
use serde_json::json;
use usermgmt_sandbox::{AxoloEngineer, Sandbox, demo};

use crate::{credential, http, send, start};

fn post(sandbox: &Sandbox, op: &str) -> RequestBuilder {
    let endpoint = sandbox.axolo();
    http()
        .post(format!("{}/engineer/{op}", endpoint.base_url))
        .header("x-api-key", credential(endpoint, "AXOLO_API_KEY"))
}

#[tokio::test]
async fn onboard_then_offboard_changes_the_engineers() {
    let sandbox = start().await;
    let body = json!({"organization": demo::AXOLO_ORGANIZATION, "githubLogin": "new-dev", "slackId": "U0NEWDEV01"});
    let onboarded = send(post(&sandbox, "onboard").json(&body))
        .await
        .expect(200);
    assert_eq!(onboarded["success"], true);
    let engineer = AxoloEngineer {
        organization: demo::AXOLO_ORGANIZATION.into(),
        github_login: "new-dev".into(),
        slack_id: "U0NEWDEV01".into(),
    };
    assert!(sandbox.axolo_engineers().contains(&engineer));

    let leaver =
        json!({"organization": demo::AXOLO_ORGANIZATION, "githubLogin": demo::LEAVER_GITHUB_LOGIN});
    assert_eq!(
        send(post(&sandbox, "offboard").json(&leaver))
            .await
            .expect(200)["success"],
        true
    );
    assert!(
        sandbox
            .axolo_engineers()
            .iter()
            .all(|e| e.github_login != demo::LEAVER_GITHUB_LOGIN)
    );
    let again = send(post(&sandbox, "offboard").json(&leaver))
        .await
        .expect(404);
    assert_eq!(again["success"], false);
    assert!(again["message"].as_str().unwrap().contains("not onboarded"));
}

#[tokio::test]
async fn organization_names_are_case_sensitive() {
    let sandbox = start().await;
    let body = json!({"organization": "Acme-Corp", "githubLogin": demo::LEAVER_GITHUB_LOGIN});
    let answer = send(post(&sandbox, "offboard").json(&body))
        .await
        .expect(404);
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .contains("case-sensitive")
    );
    assert!(
        sandbox
            .axolo_engineers()
            .iter()
            .any(|e| e.github_login == demo::LEAVER_GITHUB_LOGIN)
    );
}

#[tokio::test]
async fn missing_fields_are_400_and_name_the_field() {
    let sandbox = start().await;
    let body = json!({"organization": demo::AXOLO_ORGANIZATION, "githubLogin": "x"});
    let answer = send(post(&sandbox, "onboard").json(&body))
        .await
        .expect(400);
    assert!(answer["message"].as_str().unwrap().contains("slackId"));
    send(post(&sandbox, "offboard").json(&json!({"githubLogin": "x"})))
        .await
        .expect(400);
    send(post(&sandbox, "offboard").body("nope"))
        .await
        .expect(400);
    assert!(
        sandbox
            .axolo_engineers()
            .iter()
            .all(|e| e.github_login != "x")
    );
}

#[tokio::test]
async fn api_key_is_required_and_only_post_is_served() {
    let sandbox = start().await;
    let url = format!("{}/engineer/onboard", sandbox.axolo().base_url);
    let body =
        json!({"organization": demo::AXOLO_ORGANIZATION, "githubLogin": "x", "slackId": "U1"});
    send(http().post(&url).json(&body)).await.expect(401);
    send(http().post(&url).header("x-api-key", "wrong").json(&body))
        .await
        .expect(401);
    let get = http()
        .get(&url)
        .header("x-api-key", credential(sandbox.axolo(), "AXOLO_API_KEY"));
    send(get).await.expect(405);
    send(post(&sandbox, "list")).await.expect(404);
    assert!(
        sandbox
            .axolo_engineers()
            .iter()
            .all(|e| e.github_login != "x")
    );
}
