//! `GET /users/`: the trailing slash, the `page`/`page_size` query of the seed guide, and
//! the Django REST Framework envelope `{count, next, previous, results}`.

use serde_json::json;
use usermgmt_runtime::{Provider, convert};

use crate::support::{ada, exact_query, grace, json_answer, request, setup};

const NEXT: &str = "https://acme.datatap.adverity.com/api/v1/users/?page=2&page_size=50";
const PREVIOUS: &str = "https://acme.datatap.adverity.com/api/v1/users/?page=1&page_size=50";

#[tokio::test]
async fn list_users_sends_page_and_page_size_and_decodes_the_drf_envelope() {
    let (server, client) = setup().await;
    request("GET", "/users/")
        .and(exact_query(&[("page", "1"), ("page_size", "50")]))
        .respond_with(json_answer(
            200,
            json!({
                "count": 120,
                "next": NEXT,
                "previous": null,
                "results": [ada(), grace()]
            }),
        ))
        .expect(1)
        .mount(&server)
        .await;

    let page = client
        .list_users()
        .page(1)
        .page_size(50)
        .send()
        .await
        .unwrap()
        .into_inner();

    assert_eq!(page.count, 120);
    assert_eq!(page.next.as_deref(), Some(NEXT));
    assert_eq!(page.previous, None);
    let emails: Vec<&str> = page.results.iter().map(|u| u.email.as_str()).collect();
    assert_eq!(emails, ["ada@acme.example", "grace@acme.example"]);
    assert_eq!(page.results[0].id, 42);
    assert_eq!(page.results[1].last_login, None);
}

#[tokio::test]
async fn list_users_without_paging_sends_no_query_and_decodes_the_last_page() {
    let (server, client) = setup().await;
    request("GET", "/users/")
        .and(exact_query(&[]))
        .respond_with(json_answer(
            200,
            json!({"count": 51, "next": null, "previous": PREVIOUS, "results": [grace()]}),
        ))
        .expect(1)
        .mount(&server)
        .await;

    let page = client.list_users().send().await.unwrap().into_inner();

    assert_eq!(page.count, 51);
    assert_eq!(page.next, None);
    assert_eq!(page.previous.as_deref(), Some(PREVIOUS));
    assert_eq!(page.results.len(), 1);
}

#[tokio::test]
async fn a_page_past_the_last_converts_into_a_not_found_error() {
    let (server, client) = setup().await;
    request("GET", "/users/")
        .and(exact_query(&[("page", "9"), ("page_size", "50")]))
        .respond_with(json_answer(404, json!({"detail": "Invalid page."})))
        .expect(1)
        .mount(&server)
        .await;

    let error = client
        .list_users()
        .page(9)
        .page_size(50)
        .send()
        .await
        .unwrap_err();

    let error = convert(Provider::Adverity, "list_users", error).await;
    assert!(error.is_not_found(), "{error:?}");
    assert!(error.to_string().contains("Invalid page."), "{error}");
}
