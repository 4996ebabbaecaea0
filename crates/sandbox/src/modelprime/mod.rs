//! The Model-Prime org-user-management fake under `/api/oum/v1`, with `Authorization:
//! <email>:mpat_<token>` auth and FastAPI-style errors (`{"detail": ...}`, 422 lists).
//!
//! Paths (the published page shows none; PROVIDERS.md suggests these): GET /organization;
//! GET and PATCH /users/me; GET /users; GET and DELETE /users/{id}; POST
//! /users/{id}/password-reset; PUT /users/{id}/roles; POST /users/invite. Order of checks
//! follows FastAPI: route (404), method (405), auth (401), input (422), object (404).
//! Choices where the docs are silent: DELETE, password-reset, roles and invite answer 204
//! (the docs show no response body); inviting a member or someone with a pending
//! invitation is 409; password reset and `PATCH /users/me` for Google accounts are 400; a
//! 405 carries `Allow` with the path's methods (as Starlette's router does).

mod state;
mod validate;

pub(crate) use state::State;

use serde_json::{Value, json};
use wiremock::Request;

use crate::FakeApi;
use crate::credentials::MODELPRIME_TOKEN;
use crate::reply::Reply;
use crate::request::{header, query_pairs, reason, segments_after};
use crate::server::Api;
use crate::shared::{Shared, lock};
use state::Failure;

/// The Model-Prime responder.
pub(crate) struct ModelPrimeApi {
    pub(crate) state: Shared<State>,
}

enum Action {
    Organization,
    List,
    Me,
    UpdateMe,
    Invite,
    Get(String),
    Remove(String),
    ResetPassword(String),
    SetRoles(String),
}

impl Api for ModelPrimeApi {
    fn provider(&self) -> FakeApi {
        FakeApi::ModelPrime
    }

    fn handle(&self, request: &Request) -> Reply {
        let action = match route(request) {
            Ok(action) => action,
            Err(reply) => return reply,
        };
        let mut state = lock(&self.state);
        if let Err(reply) = authenticate(request, &state) {
            return reply;
        }
        match action {
            Action::Organization => Reply::json(200, &State::organization()),
            Action::List => match validate::list_query(&query_pairs(request)) {
                Ok(query) => list(&state, &query),
                Err(issues) => unprocessable(issues),
            },
            Action::Me => match state.me() {
                Some(me) => Reply::json(200, &me.detail()),
                None => detail(404, "User not found"),
            },
            Action::UpdateMe => {
                let input = validate::body(&request.body).and_then(|b| validate::update_me(&b));
                match input {
                    Ok((email, name)) => match state.update_me(email, name) {
                        Ok(me) => Reply::json(200, &me.summary()),
                        Err(failure) => failure_reply(&failure),
                    },
                    Err(issues) => unprocessable(issues),
                }
            }
            Action::Invite => {
                let input = validate::body(&request.body).and_then(|b| validate::invitation(&b));
                match input {
                    Ok(invitation) => done(state.invite(invitation)),
                    Err(issues) => unprocessable(issues),
                }
            }
            Action::Get(id) => match state.get(&id) {
                Ok(member) => Reply::json(200, &member.detail()),
                Err(failure) => failure_reply(&failure),
            },
            Action::Remove(id) => done(state.remove(&id)),
            Action::ResetPassword(id) => done(state.reset_password(&id)),
            Action::SetRoles(id) => {
                let input = validate::body(&request.body).and_then(|b| validate::role_list(&b));
                match input {
                    Ok(roles) => done(state.set_roles(&id, roles)),
                    Err(issues) => unprocessable(issues),
                }
            }
        }
    }

    fn fault_reply(&self, status: u16, _retry_after_secs: Option<u64>) -> Reply {
        detail(status, reason(status))
    }
}

/// Matches path and method like FastAPI's router: 404 for unknown paths, 405 for known
/// paths with another method.
fn route(request: &Request) -> Result<Action, Reply> {
    let Some((segments, false)) = segments_after(request, "/api/oum/v1") else {
        return Err(detail(404, "Not Found"));
    };
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    Ok(match (segments.as_slice(), request.method.as_str()) {
        (["organization"], "GET") => Action::Organization,
        (["users"], "GET") => Action::List,
        (["users", "me"], "GET") => Action::Me,
        (["users", "me"], "PATCH") => Action::UpdateMe,
        (["users", "invite"], "POST") => Action::Invite,
        (["users", id], "GET") => Action::Get((*id).to_owned()),
        (["users", id], "DELETE") => Action::Remove((*id).to_owned()),
        (["users", id, "password-reset"], "POST") => Action::ResetPassword((*id).to_owned()),
        (["users", id, "roles"], "PUT") => Action::SetRoles((*id).to_owned()),
        (["organization"] | ["users"], _) => return Err(not_allowed("GET")),
        (["users", "me"], _) => return Err(not_allowed("GET, PATCH")),
        (["users", "invite"], _) => return Err(not_allowed("POST")),
        (["users", _], _) => return Err(not_allowed("GET, DELETE")),
        (["users", _, "password-reset"], _) => return Err(not_allowed("POST")),
        (["users", _, "roles"], _) => return Err(not_allowed("PUT")),
        _ => return Err(detail(404, "Not Found")),
    })
}

/// `Authorization: <email>:<token>` of the token's owner.
fn authenticate(request: &Request, state: &State) -> Result<(), Reply> {
    let Some(value) = header(request, "authorization") else {
        return Err(detail(401, "Not authenticated"));
    };
    let valid = value.rsplit_once(':').is_some_and(|(email, token)| {
        token == MODELPRIME_TOKEN
            && state
                .me()
                .is_some_and(|me| me.email.eq_ignore_ascii_case(email.trim()))
    });
    if valid {
        Ok(())
    } else {
        Err(detail(
            401,
            "Invalid credentials: expected Authorization: <email>:<mpat_ personal access token>",
        ))
    }
}

fn list(state: &State, query: &validate::ListQuery) -> Reply {
    let needle = query.name_search.as_deref().map(str::to_ascii_lowercase);
    let matches = |name: &str| {
        needle
            .as_deref()
            .is_none_or(|n| name.to_ascii_lowercase().contains(n))
    };
    let skip = (query.page_number - 1).saturating_mul(query.page_size);
    if needle.is_none() {
        // No filter: slice the page directly, so a page of a 100,000-user load test
        // costs the page, not the whole list (the benchmarks measure the client).
        let members = state.members();
        let items: Vec<_> = members
            .iter()
            .skip(skip)
            .take(query.page_size)
            .map(|m| m.summary())
            .collect();
        return Reply::json(200, &json!({ "count": members.len(), "items": items }));
    }
    let mut count = 0usize;
    let mut items = Vec::with_capacity(query.page_size.min(state.members().len()));
    for member in state.members().iter().filter(|m| matches(&m.name)) {
        if count >= skip && items.len() < query.page_size {
            items.push(member.summary());
        }
        count += 1;
    }
    Reply::json(200, &json!({ "count": count, "items": items }))
}

fn detail(status: u16, message: &str) -> Reply {
    Reply::json(status, &json!({ "detail": message }))
}

fn not_allowed(allow: &str) -> Reply {
    detail(405, "Method Not Allowed").header("Allow", allow)
}

fn unprocessable(issues: Vec<Value>) -> Reply {
    Reply::json(422, &json!({ "detail": issues }))
}

fn failure_reply(failure: &Failure) -> Reply {
    match failure {
        Failure::NotFound => detail(404, "User not found"),
        Failure::BadRequest(message) => detail(400, message),
        Failure::Conflict(message) => detail(409, message),
    }
}

fn done(result: Result<(), Failure>) -> Reply {
    match result {
        Ok(()) => Reply::no_content(),
        Err(failure) => failure_reply(&failure),
    }
}
