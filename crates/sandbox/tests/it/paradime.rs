//! The Paradime fake: the five GraphQL operations over HTTP, auth, and GraphQL errors.

use reqwest::RequestBuilder;
use serde_json::{Value, json};
use usermgmt_sandbox::{Sandbox, demo};

use crate::{Answer, credential, http, send, start};

const LIST_USERS: &str = "query ListUsers { listUsers { ok activeUsers { uid email name accountType } invitedUsers { email accountType inviteStatus } } }";

fn post(sandbox: &Sandbox) -> RequestBuilder {
    let endpoint = sandbox.paradime();
    http()
        .post(&endpoint.base_url)
        .header("X-API-KEY", credential(endpoint, "PARADIME_API_KEY"))
        .header("X-API-SECRET", credential(endpoint, "PARADIME_API_SECRET"))
}

async fn graphql(sandbox: &Sandbox, query: &str, variables: Value) -> Value {
    send(post(sandbox).json(&json!({"query": query, "variables": variables})))
        .await
        .expect(200)
}

async fn users(sandbox: &Sandbox) -> Value {
    let response = graphql(sandbox, LIST_USERS, Value::Null).await;
    assert_eq!(response["data"]["listUsers"]["ok"], true, "{response}");
    response["data"]["listUsers"].clone()
}

fn uid_of(users: &Value, email: &str) -> String {
    users["activeUsers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == email)
        .unwrap()["uid"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn bad_or_missing_keys_are_401_with_an_errors_body() {
    let sandbox = start().await;
    let url = &sandbox.paradime().base_url;
    let body = json!({"query": LIST_USERS});
    let missing = send(http().post(url).json(&body)).await.expect(401);
    assert!(missing["errors"][0]["message"].is_string());
    let wrong = http()
        .post(url)
        .header("X-API-KEY", "prdm_x")
        .header("X-API-SECRET", "y");
    send(wrong.json(&body)).await.expect(401);
    let bearer = http()
        .post(url)
        .bearer_auth(credential(sandbox.paradime(), "PARADIME_API_KEY"))
        .json(&body);
    assert_eq!(
        send(bearer).await.expect(200)["data"]["listUsers"]["ok"],
        true
    );
}

#[tokio::test]
async fn list_users_returns_active_and_invited_users_with_only_the_selected_fields() {
    let sandbox = start().await;
    let list = users(&sandbox).await;
    let active = list["activeUsers"].as_array().unwrap();
    let expected = demo::PEOPLE
        .iter()
        .filter(|p| matches!(p.paradime, Some(demo::DemoParadime::Active(_))))
        .count();
    assert_eq!(active.len(), expected);
    for user in active {
        let uid = user["uid"].as_str().unwrap();
        assert_eq!(uid.len(), 64);
        assert!(uid.bytes().all(|b| b.is_ascii_hexdigit()));
    }
    let invited = list["invitedUsers"].as_array().unwrap();
    assert!(invited.contains(&json!({"email": "annie@acme.example", "accountType": "DEVELOPER", "inviteStatus": "ACTIVE"})));
    assert!(invited.contains(
        &json!({"email": "mary@acme.example", "accountType": "BUSINESS", "inviteStatus": "EXPIRED"})
    ));

    let narrow = graphql(
        &sandbox,
        "{ listUsers { activeUsers { email } } }",
        Value::Null,
    )
    .await;
    let first = &narrow["data"]["listUsers"]["activeUsers"][0];
    assert_eq!(first, &json!({"email": demo::OWNER_EMAIL}));
    assert!(narrow["data"]["listUsers"].get("ok").is_none());
}

#[tokio::test]
async fn list_workspaces_returns_uids_and_names() {
    let sandbox = start().await;
    let response = graphql(
        &sandbox,
        "query ListWorkspaces { listWorkspaces { ok workspaces { uid name } } }",
        Value::Null,
    )
    .await;
    let workspaces = response["data"]["listWorkspaces"]["workspaces"]
        .as_array()
        .unwrap();
    let names: Vec<_> = workspaces
        .iter()
        .map(|w| w["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, demo::PARADIME_WORKSPACES);
    assert!(
        workspaces
            .iter()
            .all(|w| w["uid"].as_str().unwrap().len() == 64)
    );
}

#[tokio::test]
async fn invite_user_with_variables_or_inline_literals_adds_an_invitation() {
    let sandbox = start().await;
    let with_variables = graphql(
        &sandbox,
        "mutation InviteUser($email: String!, $accountType: UserAccountType!) { inviteUser(email: $email, accountType: $accountType) { ok } }",
        json!({"email": "alice@acme.example", "accountType": "DEVELOPER"}),
    )
    .await;
    assert_eq!(
        with_variables,
        json!({"data": {"inviteUser": {"ok": true}}})
    );
    let inline = graphql(&sandbox, "mutation InviteUser { inviteUser(email: \"bob@acme.example\", accountType: WORKSPACE_ADMIN) { ok } }", Value::Null).await;
    assert_eq!(inline["data"]["inviteUser"]["ok"], true);
    let invited = users(&sandbox).await["invitedUsers"].clone();
    let invited = invited.as_array().unwrap();
    assert!(invited.contains(&json!({"email": "alice@acme.example", "accountType": "DEVELOPER", "inviteStatus": "ACTIVE"})));
    assert!(
        invited
            .iter()
            .any(|i| i["email"] == "bob@acme.example" && i["accountType"] == "WORKSPACE_ADMIN")
    );

    let active_user = graphql(
        &sandbox,
        &format!(
            "mutation {{ inviteUser(email: \"{}\", accountType: ADMIN) {{ ok }} }}",
            demo::OWNER_EMAIL
        ),
        Value::Null,
    )
    .await;
    assert_eq!(active_user["data"]["inviteUser"]["ok"], false);
}

#[tokio::test]
async fn update_user_account_type_changes_the_listed_role() {
    let sandbox = start().await;
    let uid = uid_of(&users(&sandbox).await, "katherine@acme.example");
    let query = "mutation UpdateUserAccountType($uid: String!, $accountType: UserAccountType!) { updateUserAccountType(uid: $uid, accountType: $accountType) { ok } }";
    let ok = graphql(
        &sandbox,
        query,
        json!({"uid": uid, "accountType": "ANALYST"}),
    )
    .await;
    assert_eq!(ok, json!({"data": {"updateUserAccountType": {"ok": true}}}));
    let list = users(&sandbox).await;
    let katherine = list["activeUsers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["uid"] == uid.as_str())
        .unwrap()
        .clone();
    assert_eq!(katherine["accountType"], "ANALYST");

    let unknown = graphql(
        &sandbox,
        query,
        json!({"uid": "0".repeat(64), "accountType": "ADMIN"}),
    )
    .await;
    assert_eq!(
        unknown,
        json!({"data": {"updateUserAccountType": {"ok": false}}})
    );
    let bad_type = graphql(&sandbox, query, json!({"uid": uid, "accountType": "OWNER"})).await;
    assert!(
        bad_type["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("OWNER")
    );
    assert!(bad_type.get("data").is_none());
}

#[tokio::test]
async fn disable_user_removes_them_from_active_users() {
    let sandbox = start().await;
    let uid = uid_of(&users(&sandbox).await, demo::LEAVER_EMAIL);
    let query = "mutation DisableUser($uid: String!) { disableUser(uid: $uid) { ok } }";
    assert_eq!(
        graphql(&sandbox, query, json!({"uid": uid})).await,
        json!({"data": {"disableUser": {"ok": true}}})
    );
    let list = users(&sandbox).await;
    assert!(
        list["activeUsers"]
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["email"] != demo::LEAVER_EMAIL)
    );
    assert_eq!(
        sandbox.paradime_disabled_users(),
        vec![demo::LEAVER_EMAIL.to_owned()]
    );
    assert_eq!(
        graphql(&sandbox, query, json!({"uid": uid})).await,
        json!({"data": {"disableUser": {"ok": false}}})
    );
}

#[tokio::test]
async fn graphql_errors_are_http_200_with_an_errors_list() {
    let sandbox = start().await;
    let unknown_field = graphql(&sandbox, "{ listUsers { ok everyone } }", Value::Null).await;
    assert_eq!(
        unknown_field["errors"][0]["message"],
        "Cannot query field \"everyone\" on type \"ListUsersPayload\"."
    );
    assert_eq!(unknown_field["errors"][0]["locations"][0]["line"], 1);
    let syntax = graphql(&sandbox, "{ listUsers { ok ", Value::Null).await;
    assert!(
        syntax["errors"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("Syntax Error")
    );
    let missing_variable = graphql(
        &sandbox,
        "mutation D($uid: String!) { disableUser(uid: $uid) { ok } }",
        json!({}),
    )
    .await;
    assert_eq!(
        missing_variable["errors"][0]["message"],
        "Variable \"$uid\" of required type \"String!\" was not provided."
    );
}

#[tokio::test]
async fn non_graphql_requests_are_rejected_at_the_http_level() {
    let sandbox = start().await;
    let endpoint = sandbox.paradime();
    let get = http()
        .get(&endpoint.base_url)
        .header("X-API-KEY", credential(endpoint, "PARADIME_API_KEY"))
        .header("X-API-SECRET", credential(endpoint, "PARADIME_API_SECRET"));
    send(get).await.expect(405);
    let answer: Answer = send(post(&sandbox).body("not json")).await;
    assert_eq!(
        answer.expect(400)["errors"][0]["message"],
        "POST body sent invalid JSON."
    );
    send(post(&sandbox).json(&json!({"variables": {}})))
        .await
        .expect(400);
    let wrong_path = endpoint.base_url.replace("/graphql", "/graphiql");
    send(http().post(wrong_path).json(&json!({"query": LIST_USERS})))
        .await
        .expect(404);
}

#[tokio::test]
async fn bearer_tokens_of_the_official_sdk_are_accepted_and_wrong_combinations_refused() {
    use usermgmt_sandbox::credentials::{
        PARADIME_API_SECRET, PARADIME_COMPANY_BEARER_TOKEN, PARADIME_WORKSPACE_TOKEN,
    };
    let sandbox = start().await;
    let url = &sandbox.paradime().base_url;
    let body = json!({"query": "{ listWorkspaces { workspaces { uid } } }"});
    let spaces = graphql(
        &sandbox,
        "{ listWorkspaces { workspaces { uid } } }",
        Value::Null,
    )
    .await;
    let first = spaces["data"]["listWorkspaces"]["workspaces"][0]["uid"]
        .as_str()
        .unwrap()
        .to_owned();
    let second = spaces["data"]["listWorkspaces"]["workspaces"][1]["uid"]
        .as_str()
        .unwrap()
        .to_owned();
    let as_bearer = |token: &str, workspace: Option<&str>| {
        let request = http().post(url).bearer_auth(token).json(&body);
        match workspace {
            Some(uid) => request.header("X-Paradime-Workspace", uid),
            None => request,
        }
    };
    // A workspace token, with or without its own workspace named.
    send(as_bearer(PARADIME_WORKSPACE_TOKEN, None))
        .await
        .expect(200);
    send(as_bearer(PARADIME_WORKSPACE_TOKEN, Some(&first)))
        .await
        .expect(200);
    // A company token with any of its workspaces.
    send(as_bearer(PARADIME_COMPANY_BEARER_TOKEN, Some(&second)))
        .await
        .expect(200);
    // Refused: a company token without a workspace or with an unknown one, a workspace
    // token naming another workspace, the secret as a bearer token, a token as the secret.
    let refused = [
        (as_bearer(PARADIME_COMPANY_BEARER_TOKEN, None), 401),
        (as_bearer(PARADIME_COMPANY_BEARER_TOKEN, Some("f00d")), 403),
        (as_bearer(PARADIME_WORKSPACE_TOKEN, Some(&second)), 403),
        (as_bearer(PARADIME_API_SECRET, None), 401),
        (
            http()
                .post(url)
                .header(
                    "X-API-KEY",
                    credential(sandbox.paradime(), "PARADIME_API_KEY"),
                )
                .header("X-API-SECRET", PARADIME_COMPANY_BEARER_TOKEN)
                .json(&body),
            401,
        ),
    ];
    for (request, status) in refused {
        let answer = send(request).await.expect(status);
        assert!(answer["errors"][0]["message"].is_string(), "{answer}");
    }
}

#[tokio::test]
async fn a_batch_gets_one_result_per_request_in_order() {
    let sandbox = start().await;
    let uid = uid_of(&users(&sandbox).await, demo::LEAVER_EMAIL);
    let batch = json!([
        {"query": "mutation D($uid: String!) { disableUser(uid: $uid) { ok } }", "variables": {"uid": uid}},
        {"query": "{ listUsers { activeUsers { email } } }"},
        {"query": "{ nope }"},
        {"variables": {}},
        42,
    ]);
    let results = send(post(&sandbox).json(&batch)).await.expect(200);
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), 5);
    assert_eq!(results[0], json!({"data": {"disableUser": {"ok": true}}}));
    // Entries run in order: the second sees the first's change.
    let emails = results[1]["data"]["listUsers"]["activeUsers"].to_string();
    assert!(!emails.contains(demo::LEAVER_EMAIL), "{emails}");
    assert_eq!(
        results[2]["errors"][0]["message"],
        "Cannot query field \"nope\" on type \"Query\"."
    );
    assert_eq!(
        results[3]["errors"][0]["message"],
        "Must provide query string."
    );
    assert_eq!(
        results[4]["errors"][0]["message"],
        "POST body sent invalid JSON."
    );
    send(post(&sandbox).json(&json!([]))).await.expect(400);
    let too_many: Vec<Value> = (0..21)
        .map(|_| json!({"query": "{ __typename }"}))
        .collect();
    send(post(&sandbox).json(&too_many)).await.expect(400);
}
