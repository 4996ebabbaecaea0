//! The Axolo fake: `POST /v1/engineer/onboard` and `/v1/engineer/offboard` with `x-api-key`.
//!
//! Axolo documents no responses, so these are the sandbox's choices: success is 200
//! `{"success": true, "message": ...}`; errors are `{"success": false, "message": ...}` —
//! 401 for a missing or wrong key, 400 for a missing, empty or non-string field, 404 for an
//! organisation the account does not know (names are case-sensitive) and for offboarding
//! someone not onboarded. Onboarding someone already onboarded is 200 (updates the Slack id).

mod state;

pub(crate) use state::State;

use serde_json::{Map, Value, json};
use wiremock::Request;

use crate::FakeApi;
use crate::credentials::AXOLO_API_KEY;
use crate::reply::Reply;
use crate::request::{Field, field, header, json_body, reason, segments_after};
use crate::server::Api;
use crate::shared::{Shared, lock};
use state::Failure;

/// The Axolo responder.
pub(crate) struct AxoloApi {
    pub(crate) state: Shared<State>,
}

impl Api for AxoloApi {
    fn provider(&self) -> FakeApi {
        FakeApi::Axolo
    }

    fn handle(&self, request: &Request) -> Reply {
        let onboard = match segments_after(request, "/v1") {
            Some((segments, false)) => match segments.as_slice() {
                [e, op] if e == "engineer" && op == "onboard" => true,
                [e, op] if e == "engineer" && op == "offboard" => false,
                _ => return message(404, false, "Not found"),
            },
            _ => return message(404, false, "Not found"),
        };
        if request.method.as_str() != "POST" {
            return message(405, false, "Method not allowed: use POST").header("Allow", "POST");
        }
        match header(request, "x-api-key") {
            None => return message(401, false, "Missing API key: send the x-api-key header"),
            Some(key) if key != AXOLO_API_KEY => return message(401, false, "Invalid API key"),
            Some(_) => {}
        }
        let body = match json_body(request) {
            Ok(Value::Object(body)) => body,
            _ => return message(400, false, "Request body must be a JSON object"),
        };
        let names: &[&str] = if onboard {
            &["organization", "githubLogin", "slackId"]
        } else {
            &["organization", "githubLogin"]
        };
        let values = match required(&body, names) {
            Ok(values) => values,
            Err(reply) => return reply,
        };
        let (organization, login) = (values[0], values[1]);
        let mut state = lock(&self.state);
        let result = if onboard {
            state.onboard(organization, login, values[2])
        } else {
            state.offboard(organization, login)
        };
        match result {
            Ok(()) if onboard => message(
                200,
                true,
                &format!("Engineer {login} onboarded in {organization}"),
            ),
            Ok(()) => message(
                200,
                true,
                &format!("Engineer {login} offboarded from {organization}"),
            ),
            Err(Failure::UnknownOrganization) => message(
                404,
                false,
                &format!(
                    "Organization {organization:?} not found (organization names are case-sensitive)"
                ),
            ),
            Err(Failure::NotOnboarded) => message(
                404,
                false,
                &format!("Engineer {login:?} is not onboarded in organization {organization:?}"),
            ),
        }
    }

    fn fault_reply(&self, status: u16, _retry_after_secs: Option<u64>) -> Reply {
        message(status, false, reason(status))
    }
}

fn message(status: u16, success: bool, message: &str) -> Reply {
    Reply::json(status, &json!({ "success": success, "message": message }))
}

/// The non-empty string values of `names`, or 400 naming every missing one.
fn required<'a>(body: &'a Map<String, Value>, names: &[&str]) -> Result<Vec<&'a str>, Reply> {
    let mut values = Vec::new();
    let mut missing = Vec::new();
    for name in names {
        match field(body, name) {
            Field::Str(s) if !s.trim().is_empty() => values.push(s),
            _ => missing.push(*name),
        }
    }
    if missing.is_empty() {
        Ok(values)
    } else {
        Err(message(
            400,
            false,
            &format!(
                "Missing or invalid required field(s): {} (non-empty strings)",
                missing.join(", ")
            ),
        ))
    }
}
