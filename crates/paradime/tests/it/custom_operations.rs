//! [`Client::execute`](usermgmt_paradime::Client::execute): the generated operations and
//! operations callers write themselves go through the same transport and checks.

use serde::{Deserialize, Serialize};
use serde_json::json;
use usermgmt_paradime::operations::{ListWorkspaces, list_workspaces};
use usermgmt_paradime::{Error, GraphQLQuery};

use crate::support::{answer_any_post, client, expect_request, ok_json, request_body, server};

/// An operation a caller wrote by hand: only the names of the active users.
struct ActiveUserNames;

const NAMES_QUERY: &str = "query ActiveUserNames { listUsers { ok activeUsers { name } } }";

#[derive(Serialize)]
struct NoVariables {}

#[derive(Deserialize, Debug, PartialEq)]
struct NamesData {
    #[serde(rename = "listUsers")]
    list_users: Option<NamesPayload>,
}

#[derive(Deserialize, Debug, PartialEq)]
struct NamesPayload {
    ok: bool,
    #[serde(rename = "activeUsers")]
    active_users: Vec<Name>,
}

#[derive(Deserialize, Debug, PartialEq)]
struct Name {
    name: String,
}

impl GraphQLQuery for ActiveUserNames {
    type Variables = NoVariables;
    type ResponseData = NamesData;

    fn build_query(variables: NoVariables) -> graphql_client::QueryBody<NoVariables> {
        graphql_client::QueryBody {
            variables,
            query: NAMES_QUERY,
            operation_name: "ActiveUserNames",
        }
    }
}

#[tokio::test]
async fn execute_runs_a_generated_operation_and_returns_its_response_data() {
    let server = server().await;
    expect_request(
        &server,
        request_body(list_workspaces::QUERY, "ListWorkspaces", None),
        ok_json(json!({"data": {"listWorkspaces": {"ok": true, "workspaces": [{"uid": "w", "name": "Main"}]}}})),
    )
    .await;

    let data = client(&server)
        .execute::<ListWorkspaces>(list_workspaces::Variables)
        .await
        .unwrap();

    let payload = data.list_workspaces.unwrap();
    assert!(payload.ok);
    assert_eq!(payload.workspaces[0].name, "Main");
}

#[tokio::test]
async fn execute_runs_an_operation_the_caller_wrote() {
    let server = server().await;
    expect_request(
        &server,
        request_body(NAMES_QUERY, "ActiveUserNames", Some(json!({}))),
        ok_json(json!({"data": {"listUsers": {"ok": true, "activeUsers": [{"name": "Ana"}]}}})),
    )
    .await;

    let data = client(&server)
        .execute::<ActiveUserNames>(NoVariables {})
        .await
        .unwrap();

    assert_eq!(
        data,
        NamesData {
            list_users: Some(NamesPayload {
                ok: true,
                active_users: vec![Name { name: "Ana".into() }]
            })
        }
    );
}

#[tokio::test]
async fn execute_applies_the_same_checks_to_a_callers_operation() {
    let server = server().await;
    answer_any_post(
        &server,
        ok_json(json!({"data": {"listUsers": {"ok": false, "activeUsers": []}}})),
    )
    .await;

    let err = client(&server)
        .execute::<ActiveUserNames>(NoVariables {})
        .await
        .unwrap_err();

    match &err {
        Error::NotOk { operation, .. } => assert_eq!(operation, "ActiveUserNames"),
        other => panic!("expected NotOk, got {other:?}"),
    }
}
