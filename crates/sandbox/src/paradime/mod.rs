//! The Paradime fake: one GraphQL endpoint per company (`/api/v1/<token>/graphql`), POST
//! only, with introspection answered from `specs/paradime/schema.graphql`.
//!
//! Auth, as Paradime's docs and official Python SDK send it: `X-API-KEY` + `X-API-SECRET`,
//! or `Authorization: Bearer` with the API key or a workspace token (`prdm_wsp_...`), all
//! scoped to the first workspace; or a company token (`prdm_cmp_...`), which must name
//! one of the company's workspaces in `X-Paradime-Workspace`. `X-Paradime-Workspace`
//! beside a workspace-scoped credential must name that workspace (the SDK sends it
//! whenever it is configured with one).
//!
//! HTTP status rules: missing or wrong credentials are 401, a workspace the credential
//! cannot reach is 403, a body that is not a GraphQL request (not JSON, no `query`) is
//! 400, and everything GraphQL itself reports — syntax and validation errors, `ok: false`
//! — is 200, as GraphQL servers do. Errors are `{"errors": [{"message", "locations"?}]}`.
//!
//! Batching: a JSON array of requests is answered with an array of results in the same
//! order, each exactly what the request alone would get (what Apollo Server and
//! graphql-ruby do, so batching links work), run one after the other. Entries that are not
//! GraphQL requests get an `errors` result in their slot; an empty batch, or one over
//! [`MAX_BATCH`], is a 400, since there is nothing sensible to answer per entry.

mod coerce;
mod document;
mod exec;
mod introspect;
mod resolve;
mod schema;
mod state;
mod validate;

pub(crate) use state::State;

use serde_json::{Map, Value, json};
use wiremock::Request;

use crate::FakeApi;
use crate::credentials::{
    PARADIME_API_KEY, PARADIME_API_SECRET, PARADIME_COMPANY_BEARER_TOKEN, PARADIME_COMPANY_TOKEN,
    PARADIME_WORKSPACE_TOKEN,
};
use crate::reply::Reply;
use crate::request::{bearer, header, json_body};
use crate::server::Api;
use crate::shared::{Shared, lock};
use exec::GraphqlRequest;

/// The Paradime responder.
pub(crate) struct ParadimeApi {
    pub(crate) state: Shared<State>,
}

impl Api for ParadimeApi {
    fn provider(&self) -> FakeApi {
        FakeApi::Paradime
    }

    fn handle(&self, request: &Request) -> Reply {
        let endpoint = format!("/api/v1/{PARADIME_COMPANY_TOKEN}/graphql");
        if request.url.path() != endpoint {
            return errors(
                404,
                "Not found: the GraphQL endpoint is /api/v1/<company-token>/graphql",
            );
        }
        if let Err(reply) = self.authenticate(request) {
            return reply;
        }
        if request.method.as_str() != "POST" {
            return errors(405, "GraphQL requests must use POST").header("Allow", "POST");
        }
        match json_body(request) {
            Ok(Value::Object(body)) => match self.run(&body) {
                Ok(response) => Reply::json(200, &response),
                Err(message) => errors(400, message),
            },
            Ok(Value::Array(batch)) => self.batch(&batch),
            _ => errors(400, INVALID_JSON),
        }
    }

    fn fault_reply(&self, status: u16, retry_after_secs: Option<u64>) -> Reply {
        match retry_after_secs {
            Some(secs) => errors(
                status,
                &format!("Too many requests: retry after {secs} seconds"),
            ),
            None => errors(status, "Internal server error"),
        }
    }
}

/// The most requests one batch may hold.
pub(crate) const MAX_BATCH: usize = 20;

const INVALID_JSON: &str = "POST body sent invalid JSON.";

impl ParadimeApi {
    /// The credential checks described in the module doc.
    fn authenticate(&self, request: &Request) -> Result<(), Reply> {
        let key_pair = header(request, "x-api-key") == Some(PARADIME_API_KEY)
            && header(request, "x-api-secret") == Some(PARADIME_API_SECRET);
        let token = bearer(request);
        let company = token == Some(PARADIME_COMPANY_BEARER_TOKEN);
        let workspace_scoped =
            key_pair || token == Some(PARADIME_API_KEY) || token == Some(PARADIME_WORKSPACE_TOKEN);
        if !workspace_scoped && !company {
            return Err(errors(
                401,
                "Unauthorized: send X-API-KEY and X-API-SECRET, or Authorization: Bearer \
                 <workspace token>, or a company token with X-Paradime-Workspace",
            ));
        }
        let state = lock(&self.state);
        let workspaces = state.workspaces();
        match (header(request, "x-paradime-workspace"), workspace_scoped) {
            (None, true) => Ok(()),
            (None, false) => Err(errors(
                401,
                "Unauthorized: a company token (prdm_cmp_...) needs X-Paradime-Workspace: \
                 <workspace uid>",
            )),
            (Some(uid), true) if workspaces.first().is_some_and(|(w, _)| w == uid) => Ok(()),
            (Some(uid), false) if workspaces.iter().any(|(w, _)| w == uid) => Ok(()),
            (Some(_), _) => Err(errors(
                403,
                "Forbidden: X-Paradime-Workspace names a workspace this credential cannot access",
            )),
        }
    }

    /// One GraphQL request body: the GraphQL response, or why it is not a request (400).
    fn run(&self, body: &Map<String, Value>) -> Result<Value, &'static str> {
        let Some(query) = body.get("query").and_then(Value::as_str) else {
            return Err("Must provide query string.");
        };
        let variables = match body.get("variables") {
            None | Some(Value::Null) => Map::new(),
            Some(Value::Object(vars)) => vars.clone(),
            Some(Value::String(text)) => match serde_json::from_str(text) {
                Ok(Value::Object(vars)) => vars,
                _ => return Err("Variables are invalid JSON."),
            },
            Some(_) => return Err("Variables are invalid JSON."),
        };
        let operation_name = body.get("operationName").and_then(Value::as_str);
        let request = GraphqlRequest {
            query,
            variables: &variables,
            operation_name,
        };
        Ok(exec::execute(&mut lock(&self.state), &request))
    }

    /// A batch: one result per entry, in order (see the module doc).
    fn batch(&self, batch: &[Value]) -> Reply {
        if batch.is_empty() {
            return errors(400, "Batch must contain at least one GraphQL request.");
        }
        if batch.len() > MAX_BATCH {
            return errors(
                400,
                &format!(
                    "Batch holds {} requests; at most {MAX_BATCH} are allowed.",
                    batch.len()
                ),
            );
        }
        let results: Vec<Value> = batch
            .iter()
            .map(|entry| {
                let outcome = match entry {
                    Value::Object(body) => self.run(body),
                    _ => Err(INVALID_JSON),
                };
                outcome.unwrap_or_else(|message| json!({ "errors": [{ "message": message }] }))
            })
            .collect();
        Reply::json(200, &Value::Array(results))
    }
}

fn errors(status: u16, message: &str) -> Reply {
    Reply::json(status, &json!({ "errors": [{ "message": message }] }))
}
