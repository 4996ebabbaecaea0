//! FastAPI error bodies: `{"detail": "..."}`, and on 422 a list of `{loc, msg, type}`.
//! Both decode into the typed error, and `usermgmt_runtime::convert` surfaces the
//! message (with the location of a validation failure).

use serde_json::json;
use usermgmt_runtime::{Provider, convert};

use crate::support::{exact_query, json_answer, request, setup};

#[tokio::test]
async fn a_422_validation_error_surfaces_its_msg_through_convert() {
    let (server, client) = setup().await;
    let detail = json!([{
        "loc": ["query", "page_size"],
        "msg": "Input should be greater than 0",
        "type": "greater_than"
    }]);
    // A server that is stricter than the spec (which allows 0): its 422 still surfaces.
    request("GET", "/users")
        .and(exact_query(&[("page_size", "0")]))
        .respond_with(json_answer(422, json!({"detail": detail})))
        .expect(1)
        .mount(&server)
        .await;

    let error = client
        .list_users()
        .page_size(0u64)
        .send()
        .await
        .unwrap_err();

    match &error {
        usermgmt_modelprime::Error::ErrorResponse(response) => {
            assert_eq!(response.status(), 422);
            assert_eq!(response.detail.as_ref(), Some(&detail));
        }
        other => panic!("expected a typed error response, got {other:?}"),
    }
    let error = convert(Provider::ModelPrime, "list_users", error).await;
    assert_eq!(error.status(), Some(422));
    let text = error.to_string();
    assert!(
        text.contains("query.page_size: Input should be greater than 0"),
        "{text}"
    );
}

#[tokio::test]
async fn a_404_detail_string_converts_into_not_found() {
    let (server, client) = setup().await;
    request("GET", "/users/ghost")
        .respond_with(json_answer(404, json!({"detail": "User not found"})))
        .expect(1)
        .mount(&server)
        .await;

    let error = client.get_user().id("ghost").send().await.unwrap_err();

    let error = convert(Provider::ModelPrime, "get_user", error).await;
    assert!(error.is_not_found(), "{error:?}");
    assert!(error.to_string().contains("User not found"), "{error}");
}

#[tokio::test]
async fn a_400_on_password_reset_for_a_social_login_converts_with_its_detail() {
    let (server, client) = setup().await;
    request("POST", "/users/u-9/password-reset")
        .respond_with(json_answer(
            400,
            json!({"detail": "User logs in with google-oauth2"}),
        ))
        .expect(1)
        .mount(&server)
        .await;

    let error = client
        .reset_user_password()
        .id("u-9")
        .send()
        .await
        .unwrap_err();

    let error = convert(Provider::ModelPrime, "reset_user_password", error).await;
    assert_eq!(error.status(), Some(400));
    assert!(
        error
            .to_string()
            .contains("User logs in with google-oauth2"),
        "{error}"
    );
}
