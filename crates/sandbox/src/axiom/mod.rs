//! The Axiom fake: `/v2/user`, `/v2/users` and `/v2/rbac/roles`, bearer auth with API and
//! personal tokens, `{code, message}` errors, and the rate-limit and trace headers Axiom
//! sends on every response.
//!
//! Tokens, as Axiom has them: the API token ([`AXIOM_TOKEN`], `xaat-...`) belongs to the
//! organization and is refused on `/user`; the personal access token
//! ([`AXIOM_PERSONAL_TOKEN`], `xapt-...`) answers `/user` whatever `X-Axiom-Org-Id` says
//! (those calls are org-less) and needs `X-Axiom-Org-Id: `[`AXIOM_ORG_ID`] everywhere else.
//!
//! Choices where Axiom's docs are silent: a missing `Authorization` header is 401, a wrong
//! token, an API token on `/user`, a personal token without (or with another) organization
//! are 403; a missing or blank required field is 400; an unknown role id is 404; an email
//! already in use is 409 (also on `PUT /users/{id}`); a known path with another method is
//! 405 with `Allow`. `X-RateLimit-Scope` is `anonymous` without a valid token, `user` for
//! a personal token and `organization` for an API token. Rate limits are reported
//! (1000/minute, counting down) but not enforced: use [`crate::Faults`] for 429s.

mod state;

pub(crate) use state::State;

use serde_json::{Map, Value, json};
use wiremock::Request;

use crate::FakeApi;
use crate::clock;
use crate::credentials::{AXIOM_ORG_ID, AXIOM_PERSONAL_TOKEN, AXIOM_TOKEN};
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
    fn provider(&self) -> FakeApi {
        FakeApi::Axiom
    }

    fn handle(&self, request: &Request) -> Reply {
        let path = segments_after(request, "/v2");
        let org_less = matches!(&path, Some((segments, false)) if segments.as_slice() == ["user"]);
        let scope = match authenticate(request, org_less) {
            Ok(scope) => scope,
            Err(reply) => return reply,
        };
        let Some((segments, false)) = path else {
            return error(404, "not found").header(SCOPE, scope);
        };
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        let mut state = lock(&self.state);
        let reply = match (segments.as_slice(), request.method.as_str()) {
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
            (["rbac", "roles"], "GET") => Reply::json(200, &state.roles()),
            (["rbac", "roles", id], "GET") => match state.role_details(id) {
                Some(role) => Reply::json(200, &role),
                None => error(404, "role not found"),
            },
            (["user"], _) => not_allowed("GET, PUT"),
            (["users"], _) => not_allowed("GET, POST"),
            (["users", _], _) => not_allowed("GET, PUT, DELETE"),
            (["users", _, "role"], _) => not_allowed("PUT"),
            (["rbac", "roles"] | ["rbac", "roles", _], _) => not_allowed("GET"),
            _ => error(404, "not found"),
        };
        reply.header(SCOPE, scope)
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
        if !reply
            .headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(SCOPE))
        {
            // Injected faults come before auth: the organization's limit.
            reply.set_header(SCOPE, "organization");
        }
        reply.set_header("X-RateLimit-Limit", RATE_LIMIT.to_string());
        reply.set_header("X-RateLimit-Remaining", remaining.to_string());
        reply.set_header("X-RateLimit-Reset", reset.to_string());
        reply.set_header("X-Axiom-Trace-Id", state.next_trace_id());
    }
}

/// The rate-limit scope header.
const SCOPE: &str = "X-RateLimit-Scope";

/// Checks the token (and, for a personal token off `/user`, the organization); the
/// rate-limit scope it counts against, or the error answer.
fn authenticate(request: &Request, org_less: bool) -> Result<&'static str, Reply> {
    if header(request, "authorization").is_none() {
        return Err(
            error(401, "unauthenticated: send Authorization: Bearer <token>")
                .header(SCOPE, "anonymous"),
        );
    }
    let org = header(request, "x-axiom-org-id");
    let forbidden = |message: &str| Err(error(403, message).header(SCOPE, "anonymous"));
    match bearer(request) {
        Some(AXIOM_TOKEN) if org_less => forbidden(
            "forbidden: /user needs a personal access token (xapt-...); API tokens cannot use it",
        ),
        Some(AXIOM_TOKEN) if org.is_some_and(|o| o != AXIOM_ORG_ID) => {
            forbidden("forbidden: the API token does not belong to this organization")
        }
        Some(AXIOM_TOKEN) => Ok("organization"),
        Some(AXIOM_PERSONAL_TOKEN) if org_less => Ok("user"),
        Some(AXIOM_PERSONAL_TOKEN) => match org {
            Some(AXIOM_ORG_ID) => Ok("user"),
            Some(_) => forbidden("forbidden: you are not a member of this organization"),
            None => forbidden("forbidden: personal access tokens need the X-Axiom-Org-Id header"),
        },
        _ => forbidden("forbidden: invalid token"),
    }
}

/// 405 naming the methods the path has.
fn not_allowed(allow: &str) -> Reply {
    error(405, "method not allowed").header("Allow", allow)
}

/// Axiom's error body: `{"code": <status>, "message": ...}`.
fn error(status: u16, message: &str) -> Reply {
    Reply::json(status, &json!({ "code": status, "message": message }))
}

fn failure_reply(failure: &Failure) -> Reply {
    match failure {
        Failure::NotFound => error(404, "user not found"),
        Failure::RoleNotFound(message) => error(404, message),
        Failure::Conflict(message) => error(409, message),
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
        // `null` is not a string: only an absent optional email leaves it unchanged.
        Field::Missing if !is_required => return Ok(None),
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
