//! Axolo's two operations through the generated client against the sandbox; the sandbox's
//! view of onboarded engineers stands in for the list the API does not have.

use usermgmt::{Provider, call};
use usermgmt_sandbox::demo;

use crate::{axolo, expect_status, message_of, options, start};

const AXOLO: Provider = Provider::Axolo;

#[tokio::test]
async fn onboard_engineer_adds_the_engineer_to_the_organization() {
    let sandbox = start().await;
    let client = axolo(&sandbox, &options());
    call(
        AXOLO,
        "onboard_engineer",
        client
            .onboard_engineer()
            .body_map(|b| {
                b.organization(demo::AXOLO_ORGANIZATION)
                    .github_login("bliskov")
                    .slack_id("U01BARBARA")
            })
            .send(),
    )
    .await
    .unwrap();
    let engineer = sandbox
        .axolo_engineers()
        .into_iter()
        .find(|e| e.github_login == "bliskov")
        .expect("the engineer is onboarded");
    assert_eq!(engineer.organization, demo::AXOLO_ORGANIZATION);
    assert_eq!(engineer.slack_id, "U01BARBARA");

    let wrong_case = call(
        AXOLO,
        "onboard_engineer",
        client
            .onboard_engineer()
            .body_map(|b| {
                b.organization("ACME-CORP")
                    .github_login("someone")
                    .slack_id("U01SOMEONE")
            })
            .send(),
    )
    .await;
    let error = expect_status(wrong_case, 404);
    assert!(
        message_of(&error).unwrap().contains("case-sensitive"),
        "{error}"
    );
    assert!(
        sandbox
            .axolo_engineers()
            .iter()
            .all(|e| e.github_login != "someone")
    );
}

#[tokio::test]
async fn offboard_engineer_removes_the_engineer_and_a_second_offboard_is_404() {
    let sandbox = start().await;
    let client = axolo(&sandbox, &options());
    let before = sandbox.axolo_engineers().len();
    let offboard = || {
        call(
            AXOLO,
            "offboard_engineer",
            client
                .offboard_engineer()
                .body_map(|b| {
                    b.organization(demo::AXOLO_ORGANIZATION)
                        .github_login(demo::LEAVER_GITHUB_LOGIN)
                })
                .send(),
        )
    };
    offboard().await.unwrap();
    let engineers = sandbox.axolo_engineers();
    assert_eq!(engineers.len(), before - 1);
    assert!(
        engineers
            .iter()
            .all(|e| e.github_login != demo::LEAVER_GITHUB_LOGIN)
    );

    let error = expect_status(offboard().await, 404);
    assert!(
        message_of(&error).unwrap().contains("not onboarded"),
        "{error}"
    );
    assert!(error.is_not_found());
}
