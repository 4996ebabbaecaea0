//! `name_search` must match `^[a-zA-Z ]{3,}$`: the client refuses other values itself,
//! before any request, and says which parameter is wrong.

use usermgmt_runtime::{Error, Provider, convert};

use crate::support::{received, setup};

async fn assert_refused_without_a_request(search: &str) {
    let (server, client) = setup().await;

    let error = client
        .list_users()
        .name_search(search)
        .send()
        .await
        .expect_err("an invalid name_search must be refused");

    assert!(
        matches!(error, usermgmt_modelprime::Error::InvalidRequest(_)),
        "{search:?}: {error:?}"
    );
    let error = convert(Provider::ModelPrime, "list_users", error).await;
    assert!(matches!(error, Error::InvalidInput { .. }), "{error:?}");
    assert!(error.to_string().contains("name_search"), "{error}");
    assert_eq!(received(&server).await, 0, "{search:?} reached the server");
}

#[tokio::test]
async fn a_name_search_shorter_than_three_letters_is_refused_before_any_request() {
    assert_refused_without_a_request("ab").await;
}

#[tokio::test]
async fn a_name_search_with_a_digit_is_refused_before_any_request() {
    assert_refused_without_a_request("a1b").await;
}

#[tokio::test]
async fn a_name_search_with_punctuation_is_refused_before_any_request() {
    assert_refused_without_a_request("o'brien").await;
}
