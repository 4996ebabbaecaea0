//! What the end-to-end tests share: sending SCIM requests through a bridge's router
//! and reading the answers.
#![allow(dead_code, clippy::unwrap_used)] // each test binary uses part of it

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;
use usermgmt_scim::{ACCOUNTS_SCHEMA, Bridge, SCIM_JSON};

/// The token every test bridge accepts.
pub(crate) const TOKEN: &str = "test-token-0123456789";

pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: axum::http::HeaderMap,
    pub(crate) body: Value,
}

pub(crate) async fn send(bridge: &Bridge, method: &str, uri: &str, token: Option<&str>) -> Answer {
    let mut request = Request::builder().method(method).uri(uri);
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    answer(bridge, request.body(Body::empty()).unwrap()).await
}

/// Send `request` through the router and read the answer (an empty body as null).
pub(crate) async fn answer(bridge: &Bridge, request: Request<Body>) -> Answer {
    let response = bridge.router().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap()
    };
    Answer {
        status,
        headers,
        body,
    }
}

pub(crate) async fn get(bridge: &Bridge, uri: &str) -> Answer {
    send(bridge, "GET", uri, Some(TOKEN)).await
}

pub(crate) async fn user_id_of(bridge: &Bridge, email: &str) -> String {
    let found = get(
        bridge,
        &format!("/scim/v2/Users?filter=userName%20eq%20%22{email}%22"),
    )
    .await;
    found.body["Resources"][0]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

pub(crate) fn okta_deactivate() -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "replace", "value": {"active": false}}]
    })
}

pub(crate) fn entra_deactivate() -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "Replace", "path": "active", "value": "False"}]
    })
}

pub(crate) async fn write(
    bridge: &Bridge,
    method: &str,
    uri: &str,
    body: &Value,
    if_match: Option<&str>,
) -> Answer {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .header(header::CONTENT_TYPE, SCIM_JSON);
    if let Some(version) = if_match {
        request = request.header(header::IF_MATCH, version);
    }
    answer(bridge, request.body(Body::from(body.to_string())).unwrap()).await
}

pub(crate) fn activate(active: bool) -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "replace", "path": "active", "value": active}]
    })
}

pub(crate) fn providers_of(user: &Value) -> Vec<String> {
    user[ACCOUNTS_SCHEMA]["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["status"] != "disabled")
        .map(|a| a["provider"].as_str().unwrap().to_string())
        .collect()
}
