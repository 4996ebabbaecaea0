//! The Axiom fake: `/v2/user` and `/v2/users`, bearer auth, `{code, message}` errors, and
//! the rate-limit and trace headers Axiom sends on every response.
//!
//! Choices where Axiom's docs are silent: a missing `Authorization` header is 401, a wrong
//! token 403; a missing or blank required field is 400; an unknown role id is 400; an email
//! already in use is 409 (also on `PUT /users/{id}`). Rate limits are reported
//! (1000/minute, counting down) but not enforced: use [`crate::Faults`] for 429s.

mod state;

pub(crate) use state::State;

use serde_json::{Map, Value, json};
use wiremock::Request;

use crate::Provider;
use crate::clock;
use crate::credentials::AXIOM_TOKEN;
use crate::reply::Reply;
use crate::request::{
    Field, bearer, field, header, json_body, looks_like_email, reason, segments_after,
};
use crate::server::Api;
use crate::shared::{Shared, lock};
use state::{Failure, RATE_LIMIT};

/// The Axiom responder.
pub(crate) struct AxiomApi {
    pub(crate) state: Shared<State>,
}

impl Api for AxiomApi {
    fn provider(&self) -> Provider {
        Provider::Axiom
    }

    fn handle(&self, request: &Request) -> Reply {
        if header(request, "authorization").is_none() {
            return error(401, "unauthenticated: send Authorization: Bearer <token>");
        }
        if bearer(request) != Some(AXIOM_TOKEN) {
            return error(403, "forbidden: invalid token");
        }
        let Some((segments, false)) = segments_after(request, "/v2") else {
            return error(404, "not found");
        };
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        let mut state = lock(&self.state);
        match (segments.as_slice(), request.method.as_str()) {
            (["user"], "GET") => outcome(state.current().cloned()),
            (["user"], "PUT") => with_body(request, |body| {
                let name = required(body, "name")?;
                Ok(outcome(state.rename_current(name)))
            }),
            (["users"], "GET") => Reply::json(200, state.users()),
            (["users"], "POST") => with_body(request, |body| {
                let name = required(body, "name")?;
                let email = email(body, true)?.unwrap_or_default();
                let role = required(body, "role")?;
                Ok(outcome(state.create(name, email, role)))
            }),
            (["users", id], "GET") => outcome(state.get(id).cloned()),
            (["users", id], "PUT") => with_body(request, |body| {
                let name = required(body, "name")?;
                let email = email(body, false)?;
                Ok(outcome(state.update(id, name, email)))
            }),
            (["users", id], "DELETE") => match state.delete(id) {
                Ok(()) => Reply::no_content(),
                Err(failure) => failure_reply(&failure),
            },
            (["users", id, "role"], "PUT") => with_body(request, |body| {
                let role = required(body, "role")?;
                Ok(outcome(state.set_role(id, role)))
            }),
            (["user"] | ["users"] | ["users", _] | ["users", _, "role"], _) => {
                error(405, "method not allowed")
            }
            _ => error(404, "not found"),
        }
    }

    fn fault_reply(&self, status: u16, _retry_after_secs: Option<u64>) -> Reply {
        if status == 429 {
            Reply::json(429, &json!({ "message": "rate limit exceeded" }))
        } else {
            error(status, &reason(status).to_ascii_lowercase())
        }
    }

    fn decorate(&self, reply: &mut Reply) {
        let mut state = lock(&self.state);
        let (remaining, reset) = state.count_request(clock::epoch_secs());
        let remaining = if reply.status == 429 { 0 } else { remaining };
        reply.set_header("X-RateLimit-Scope", "organization");
        reply.set_header("X-RateLimit-Limit", RATE_LIMIT.to_string());
        reply.set_header("X-RateLimit-Remaining", remaining.to_string());
        reply.set_header("X-RateLimit-Reset", reset.to_string());
        reply.set_header("X-Axiom-Trace-Id", state.next_trace_id());
    }
}

/// Axiom's error body: `{"code": <status>, "message": ...}`.
fn error(status: u16, message: &str) -> Reply {
    Reply::json(status, &json!({ "code": status, "message": message }))
}

fn failure_reply(failure: &Failure) -> Reply {
    match failure {
        Failure::NotFound => error(404, "user not found"),
        Failure::Conflict(message) => error(409, message),
        Failure::Invalid(message) => error(400, message),
        Failure::Forbidden(message) => error(403, message),
    }
}

fn outcome<T: serde::Serialize>(result: Result<T, Failure>) -> Reply {
    match result {
        Ok(value) => Reply::json(200, &value),
        Err(failure) => failure_reply(&failure),
    }
}

/// Parses the body as a JSON object and runs `f`, turning a validation error into 400.
fn with_body(
    request: &Request,
    f: impl FnOnce(&Map<String, Value>) -> Result<Reply, Reply>,
) -> Reply {
    let body = match json_body(request) {
        Ok(Value::Object(body)) => body,
        Ok(_) => return error(400, "invalid request body: expected a JSON object"),
        Err(e) => return error(400, &format!("invalid request body: {e}")),
    };
    f(&body).unwrap_or_else(|reply| reply)
}

fn required<'a>(body: &'a Map<String, Value>, name: &str) -> Result<&'a str, Reply> {
    match field(body, name) {
        Field::Str(s) if !s.trim().is_empty() => Ok(s),
        Field::Str(_) | Field::Missing | Field::Null => {
            Err(error(400, &format!("invalid request: {name} is required")))
        }
        Field::Other(_) => Err(error(
            400,
            &format!("invalid request: {name} must be a string"),
        )),
    }
}

fn email(body: &Map<String, Value>, is_required: bool) -> Result<Option<&str>, Reply> {
    let email = match field(body, "email") {
        Field::Missing | Field::Null if !is_required => return Ok(None),
        _ => required(body, "email")?,
    };
    if looks_like_email(email) {
        Ok(Some(email))
    } else {
        Err(error(
            400,
            &format!("invalid request: {email:?} is not a valid email address"),
        ))
    }
}
