//! Django REST Framework error bodies: field errors `{"field": ["msg"]}` on 400 and
//! `{"detail": "..."}` otherwise. Both decode into the typed error, and
//! `usermgmt_runtime::convert` surfaces their messages.

use std::collections::HashMap;

use serde_json::json;
use usermgmt_adverity::types::Error as AdverityError;
use usermgmt_runtime::{Error, Provider, convert};

use crate::support::{exact_query, json_answer, request, setup};

#[tokio::test]
async fn a_400_with_field_errors_decodes_and_converts_with_field_and_message() {
    let (server, client) = setup().await;
    request("POST", "/users/")
        .and(exact_query(&[]))
        .respond_with(json_answer(
            400,
            json!({"email": ["Enter a valid email address."]}),
        ))
        .expect(1)
        .mount(&server)
        .await;

    let error = client
        .create_user()
        .body_map(|b| {
            b.email("not-an-email")
                .first_name("A")
                .last_name("B")
                .groups(vec![])
                .workspaces(vec![])
                .active(true)
        })
        .send()
        .await
        .unwrap_err();

    match &error {
        usermgmt_adverity::Error::ErrorResponse(response) => {
            assert_eq!(response.status(), 400);
            assert_eq!(
                **response,
                AdverityError {
                    detail: None,
                    extra: HashMap::from([(
                        "email".to_string(),
                        vec!["Enter a valid email address.".to_string()]
                    )]),
                }
            );
        }
        other => panic!("expected a typed error response, got {other:?}"),
    }
    let error = convert(Provider::Adverity, "create_user", error).await;
    match &error {
        Error::Status {
            status, message, ..
        } => {
            assert_eq!(*status, 400);
            assert_eq!(
                message.as_deref(),
                Some("email: Enter a valid email address.")
            );
        }
        other => panic!("expected a status error, got {other:?}"),
    }
    assert!(
        error
            .to_string()
            .contains("email: Enter a valid email address."),
        "{error}"
    );
}

#[tokio::test]
async fn a_404_detail_decodes_and_converts_into_not_found() {
    let (server, client) = setup().await;
    request("GET", "/users/999/")
        .and(exact_query(&[]))
        .respond_with(json_answer(404, json!({"detail": "Not found."})))
        .expect(1)
        .mount(&server)
        .await;

    let error = client.get_user().id(999).send().await.unwrap_err();

    match &error {
        usermgmt_adverity::Error::ErrorResponse(response) => {
            assert_eq!(response.detail.as_deref(), Some("Not found."));
            assert!(response.extra.is_empty());
        }
        other => panic!("expected a typed error response, got {other:?}"),
    }
    let error = convert(Provider::Adverity, "get_user", error).await;
    assert!(error.is_not_found(), "{error:?}");
    assert!(error.to_string().contains("Not found."), "{error}");
}

#[tokio::test]
async fn a_403_for_a_key_not_made_in_the_ui_converts_with_its_detail() {
    let (server, client) = setup().await;
    request("DELETE", "/users/42/")
        .respond_with(json_answer(
            403,
            json!({"detail": "You do not have permission to perform this action."}),
        ))
        .expect(1)
        .mount(&server)
        .await;

    let error = client.delete_user().id(42).send().await.unwrap_err();

    let error = convert(Provider::Adverity, "delete_user", error).await;
    assert_eq!(error.status(), Some(403));
    assert!(
        error.to_string().contains("You do not have permission"),
        "{error}"
    );
}
