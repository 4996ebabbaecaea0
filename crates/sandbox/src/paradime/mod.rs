//! The Paradime fake: one GraphQL endpoint per company (`/api/v1/<token>/graphql`), POST
//! only, authenticated by `X-API-KEY` + `X-API-SECRET` (or `Authorization: Bearer <key>`).
//!
//! HTTP status rules: bad auth is 401, a body that is not a GraphQL request (not JSON, no
//! `query`) is 400, and everything GraphQL itself reports — syntax and validation errors,
//! `ok: false` — is 200, as GraphQL servers do. Errors are `{"errors": [{"message"}]}`.

mod coerce;
mod document;
mod exec;
mod resolve;
mod schema;
mod state;
mod validate;

pub(crate) use state::State;

use serde_json::{Map, Value, json};
use wiremock::Request;

use crate::FakeApi;
use crate::credentials::{PARADIME_API_KEY, PARADIME_API_SECRET, PARADIME_COMPANY_TOKEN};
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
        let key_pair = header(request, "x-api-key") == Some(PARADIME_API_KEY)
            && header(request, "x-api-secret") == Some(PARADIME_API_SECRET);
        if !key_pair && bearer(request) != Some(PARADIME_API_KEY) {
            return errors(
                401,
                "Unauthorized: send X-API-KEY and X-API-SECRET (or Authorization: Bearer <key>)",
            );
        }
        if request.method.as_str() != "POST" {
            return errors(405, "GraphQL requests must use POST").header("Allow", "POST");
        }
        let body = match json_body(request) {
            Ok(Value::Object(body)) => body,
            _ => return errors(400, "POST body sent invalid JSON."),
        };
        let Some(query) = body.get("query").and_then(Value::as_str) else {
            return errors(400, "Must provide query string.");
        };
        let variables = match body.get("variables") {
            None | Some(Value::Null) => Map::new(),
            Some(Value::Object(vars)) => vars.clone(),
            Some(Value::String(text)) => match serde_json::from_str(text) {
                Ok(Value::Object(vars)) => vars,
                _ => return errors(400, "Variables are invalid JSON."),
            },
            Some(_) => return errors(400, "Variables are invalid JSON."),
        };
        let operation_name = body.get("operationName").and_then(Value::as_str);
        let request = GraphqlRequest {
            query,
            variables: &variables,
            operation_name,
        };
        let response = exec::execute(&mut lock(&self.state), &request);
        Reply::json(200, &response)
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

fn errors(status: u16, message: &str) -> Reply {
    Reply::json(status, &json!({ "errors": [{ "message": message }] }))
}
