//! The Adverity fake: `/api/v1/users/` with trailing slashes, bearer auth, DRF-style
//! pagination and errors (`{"detail": ...}`, `{field: [...]}`).
//!
//! Order of checks follows Django: the URL must match (else 404, also without the trailing
//! slash), then authentication (401), then the method (405), then the object (404).
//! Choices where the docs are silent: `PUT` is not offered (405 with `Allow`; the docs
//! only show `PATCH`), `OPTIONS` answers DRF's metadata with `Allow`, there is no maximum
//! `page_size` but it must be an integer of at least 1 (400), a write without a body is
//! 400, emails are unique case-insensitively (400, as DRF's unique validator answers).

mod page;
mod state;
mod validate;

pub(crate) use state::State;

use serde_json::{Value, json};
use wiremock::Request;

use crate::FakeApi;
use crate::credentials::ADVERITY_TOKEN;
use crate::reply::Reply;
use crate::request::{bearer, json_body, query_param, segments_after};
use crate::server::Api;
use crate::shared::{Shared, lock};
use state::Failure;

/// The Adverity responder.
pub(crate) struct AdverityApi {
    pub(crate) state: Shared<State>,
    /// `127.0.0.1:<port>`, for links when a request has no `Host` header.
    pub(crate) host: String,
}

enum Route {
    Users,
    User(Option<u64>),
}

impl Api for AdverityApi {
    fn provider(&self) -> FakeApi {
        FakeApi::Adverity
    }

    fn handle(&self, request: &Request) -> Reply {
        let route = match segments_after(request, "/api/v1") {
            Some((segments, true)) => match segments.as_slice() {
                [users] if users == "users" => Route::Users,
                [users, id] if users == "users" => Route::User(id.parse().ok()),
                _ => return detail(404, "Not found."),
            },
            _ => return detail(404, "Not found."),
        };
        match bearer(request) {
            None => return unauthenticated("Authentication credentials were not provided."),
            Some(token) if token != ADVERITY_TOKEN => return unauthenticated("Invalid token."),
            Some(_) => {}
        }
        let method = match request.method.as_str() {
            "HEAD" => "GET",
            other => other,
        };
        let mut state = lock(&self.state);
        match (route, method) {
            (Route::Users, "GET") => self.list(request, &state),
            (Route::Users, "POST") => match body(request) {
                Ok(body) => match validate::changes(&body, false) {
                    Ok(changes) => outcome(201, state.create(changes)),
                    Err(errors) => Reply::json(400, &errors),
                },
                Err(reply) => reply,
            },
            (Route::Users, "OPTIONS") => options("User List", USERS_ALLOW),
            (Route::Users, _) => not_allowed(method, USERS_ALLOW),
            (Route::User(None), "GET" | "PATCH" | "DELETE") => detail(404, "Not found."),
            (Route::User(Some(id)), "GET") => outcome(200, state.get(id).cloned()),
            (Route::User(Some(id)), "PATCH") => match body(request) {
                Ok(body) => match validate::changes(&body, true) {
                    Ok(changes) => outcome(200, state.edit(id, changes)),
                    Err(errors) => Reply::json(400, &errors),
                },
                Err(reply) => reply,
            },
            (Route::User(Some(id)), "DELETE") => match state.delete(id) {
                Ok(()) => Reply::no_content(),
                Err(failure) => failure_reply(&failure),
            },
            (Route::User(_), "OPTIONS") => options("User Instance", USER_ALLOW),
            (Route::User(_), _) => not_allowed(method, USER_ALLOW),
        }
    }

    fn fault_reply(&self, status: u16, retry_after_secs: Option<u64>) -> Reply {
        match retry_after_secs {
            Some(secs) => detail(
                status,
                &format!("Request was throttled. Expected available in {secs} seconds."),
            ),
            None => detail(status, "A server error occurred."),
        }
    }
}

impl AdverityApi {
    fn list(&self, request: &Request, state: &State) -> Reply {
        let count = state.count();
        let page_param = query_param(request, "page");
        let size_param = query_param(request, "page_size");
        let page = match page::resolve(page_param.as_deref(), size_param.as_deref(), count) {
            Ok(page) => page,
            Err(page::PageError::InvalidPage) => return detail(404, "Invalid page."),
            Err(page::PageError::InvalidSize) => {
                return Reply::json(
                    400,
                    &json!({ "page_size": ["A valid integer of at least 1 is required."] }),
                );
            }
        };
        let next =
            (page.number < page.pages).then(|| page::link(request, &self.host, page.number + 1));
        let previous = (page.number > 1).then(|| page::link(request, &self.host, page.number - 1));
        Reply::json(
            200,
            &json!({
                "count": count,
                "next": next,
                "previous": previous,
                "results": state.slice(page.start(), page.size),
            }),
        )
    }
}

/// DRF's `{"detail": ...}` body.
fn detail(status: u16, message: &str) -> Reply {
    Reply::json(status, &json!({ "detail": message }))
}

fn unauthenticated(message: &str) -> Reply {
    detail(401, message).header("WWW-Authenticate", "Bearer realm=\"api\"")
}

/// The methods of `/users/` and of `/users/{id}/`, as DRF lists them in `Allow`.
const USERS_ALLOW: &str = "GET, POST, HEAD, OPTIONS";
const USER_ALLOW: &str = "GET, PATCH, DELETE, HEAD, OPTIONS";

/// DRF's `OPTIONS` answer: the view's metadata, with `Allow`.
fn options(name: &str, allow: &str) -> Reply {
    Reply::json(
        200,
        &json!({
            "name": name,
            "description": "",
            "renders": ["application/json"],
            "parses": ["application/json"],
        }),
    )
    .header("Allow", allow)
}

fn not_allowed(method: &str, allow: &str) -> Reply {
    detail(405, &format!("Method \"{method}\" not allowed.")).header("Allow", allow)
}

fn failure_reply(failure: &Failure) -> Reply {
    match failure {
        Failure::NotFound => detail(404, "Not found."),
        Failure::Field(name, message) => Reply::json(400, &json!({ *name: [message] })),
    }
}

fn outcome(status: u16, result: Result<state::User, Failure>) -> Reply {
    match result {
        Ok(user) => Reply::json(status, &user),
        Err(failure) => failure_reply(&failure),
    }
}

/// The body as a JSON object. Both writes document a body (required in the spec), so a
/// missing one is 400 (DRF would read it as `{}`).
fn body(request: &Request) -> Result<serde_json::Map<String, Value>, Reply> {
    if request.body.iter().all(u8::is_ascii_whitespace) {
        return Err(Reply::json(
            400,
            &json!({ "non_field_errors": ["No data provided"] }),
        ));
    }
    match json_body(request) {
        Ok(Value::Object(body)) => Ok(body),
        Ok(other) => {
            let kind = match other {
                Value::Array(_) => "list",
                Value::String(_) => "str",
                Value::Bool(_) => "bool",
                Value::Null => "NoneType",
                _ => "int",
            };
            Err(Reply::json(
                400,
                &json!({ "non_field_errors": [format!("Invalid data. Expected a dictionary, but got {kind}.")] }),
            ))
        }
        Err(e) => Err(detail(400, &format!("JSON parse error - {e}"))),
    }
}
