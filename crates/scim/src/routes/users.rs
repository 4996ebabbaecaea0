//! The `/Users` endpoints: list and read people (their live accounts, with what
//! identity providers stored for them), create (onboard), PATCH and PUT (attributes as
//! written; `active` offboards or reinstates), DELETE (offboard and forget).

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use usermgmt_journal::ScimUser;

use crate::filter::{AttrPath, CompareOp, Filter};
use crate::query::{ListQuery, list_response};
use crate::server::{
    Bridge, check_if_match, created, journal_failed, json_body, no_journal, resource_answer, scim,
};
use crate::{ScimError, patch, provision, resource, users};

pub(crate) async fn list(
    State(bridge): State<Bridge>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, ScimError> {
    let query = ListQuery::parse(&params)?;
    let found = bridge.users(query.filter.as_ref()).await?;
    let base = bridge.base();
    let users = found.iter().map(|u| u.resource(base));
    Ok(scim(StatusCode::OK, list_response(users, &query)))
}

/// The user with `id` as it is now, as an answer.
async fn answer_user(bridge: &Bridge, id: &str, status: StatusCode) -> Result<Response, ScimError> {
    let user = bridge.user_by_id(id).await?;
    let mut response = resource_answer(&HeaderMap::new(), user.resource(bridge.base()));
    *response.status_mut() = status;
    Ok(response)
}

/// POST /Users: onboard the person (unless created inactive) and store the user.
pub(crate) async fn create(
    State(bridge): State<Bridge>,
    body: axum::body::Bytes,
) -> Result<Response, ScimError> {
    let body = json_body(&body)?;
    let journal = bridge.journal_ref().ok_or_else(no_journal)?;
    let attributes = Value::Object(users::writable(&body));
    let email = users::email_of(&attributes)?;
    let user_name = crate::filter::field(&attributes, "userName")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .ok_or_else(|| ScimError::invalid_value("userName is required"))?
        .to_string();
    let active = users::desired_active(&attributes, true)?;
    let mut taken = bridge.users(Some(&user_name_filter(&email))).await?;
    if user_name != email {
        taken.extend(bridge.users(Some(&user_name_filter(&user_name))).await?);
    }
    if let Some(existing) = taken.iter().find(|u| {
        u.stored.is_some() && u.person.email.eq_ignore_ascii_case(&email)
            || u.stored.as_ref().is_some_and(|s| {
                crate::filter::field(&s.attributes, "userName")
                    .and_then(Value::as_str)
                    .is_some_and(|n| n.eq_ignore_ascii_case(&user_name))
            })
            || (!u.person.accounts.is_empty() && u.person.email.eq_ignore_ascii_case(&email))
    }) {
        return Err(ScimError::uniqueness(format!(
            "{email} exists already (user {}): find it with filter=userName eq \"{}\"",
            existing.id(),
            existing.person.email
        )));
    }
    let new_user = provision::NewUser::from_written(&attributes, &email);
    if active {
        bridge.create(&new_user, "POST /Users").await?;
    }
    let now = chrono::Utc::now();
    let stored = ScimUser {
        id: uuid::Uuid::new_v4().to_string(),
        email: email.to_lowercase(),
        external_id: users::external_id(&body),
        attributes,
        created: now,
        last_modified: now,
        offboard_run: None,
    };
    journal.save_scim_user(&stored).map_err(journal_failed)?;
    let response = answer_user(&bridge, &stored.id, StatusCode::OK).await?;
    let location = format!("{}/Users/{}", bridge.base(), stored.id);
    Ok(created(response, &location))
}

fn user_name_filter(name: &str) -> Filter {
    Filter::Compare {
        path: AttrPath {
            uri: None,
            attribute: "userName".into(),
            sub_attribute: None,
        },
        op: CompareOp::Eq,
        value: Value::String(name.to_string()),
    }
}

/// PATCH operations may not target what the bridge answers itself (`id`, `meta`,
/// `groups`, the accounts extension): RFC 7644 section 3.5.2, readOnly attributes.
fn check_patch_targets(body: &Value) -> Result<(), ScimError> {
    for operation in patch::operations(body)? {
        let path = crate::filter::field(operation, "path").and_then(Value::as_str);
        let targets: Vec<String> = match path {
            Some(path) => {
                let top = if path.trim().to_ascii_lowercase().starts_with("urn:")
                    && users::is_answered(path.trim())
                {
                    path.trim().to_string()
                } else {
                    crate::filter::PatchPath::parse(path)
                        .map(|p| p.attribute.attribute)
                        .unwrap_or_default()
                };
                vec![top]
            }
            None => crate::filter::field(operation, "value")
                .and_then(Value::as_object)
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default(),
        };
        if let Some(target) = targets.iter().find(|t| users::is_answered(t)) {
            return Err(ScimError::mutability(format!(
                "{target} is read-only: the bridge answers it from the providers' state"
            )));
        }
    }
    Ok(())
}

pub(crate) async fn patch(
    State(bridge): State<Bridge>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, ScimError> {
    let body = json_body(&body)?;
    check_patch_targets(&body)?;
    change_user(&bridge, "PATCH", &id, &headers, |current| {
        patch::applied(current, &body)
    })
    .await
}

pub(crate) async fn put(
    State(bridge): State<Bridge>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, ScimError> {
    let body = json_body(&body)?;
    change_user(&bridge, "PUT", &id, &headers, |_| Ok(body)).await
}

/// The common part of PATCH and PUT: find the user, check `If-Match`, compute the user
/// as written (`written` from the current one), refuse a rename, carry out a change of
/// `active` (offboard; reinstate from the offboarding run, or onboard), store the user,
/// answer with it as it is now.
async fn change_user(
    bridge: &Bridge,
    method: &str,
    id: &str,
    headers: &HeaderMap,
    written: impl FnOnce(&Value) -> Result<Value, ScimError>,
) -> Result<Response, ScimError> {
    let journal = bridge.journal_ref().ok_or_else(no_journal)?;
    let user = bridge.user_by_id(id).await?;
    let current = user.resource(bridge.base());
    check_if_match(headers, &current)?;
    let after = written(&current)?;
    users::check_same_person(&current, &after, &user.person.email)?;
    let mut attributes = users::writable(&after);
    if !attributes
        .keys()
        .any(|k| k.eq_ignore_ascii_case("userName"))
    {
        attributes.insert("userName".into(), current["userName"].clone());
    }
    let was_active = resource::active(&user.person, user.stored.as_ref());
    let active = users::desired_active(&Value::Object(attributes.clone()), was_active)?;
    attributes.insert("active".into(), Value::Bool(active));
    let mut offboard_run = user.stored.as_ref().and_then(|s| s.offboard_run.clone());
    let request = format!("{method} /Users/{id}");
    let new_user =
        provision::NewUser::from_written(&Value::Object(attributes.clone()), &user.person.email);
    // Their access, for Axolo moves: the profile their accounts match, else the rule's.
    let profile = || match user.person.profile.as_ref() {
        Some(name) => bridge.profile_map().get(name).cloned(),
        None => bridge.profile_for(&new_user).ok().flatten(),
    };
    let email = &user.person.email;
    if active != was_active {
        if !active {
            // The login onboarded at Axolo is the one stored before this write.
            offboard_run = bridge
                .offboard(&user.person, &user.axolo(), &request)
                .await?;
        } else if let Some(run) = offboard_run.take() {
            let back = bridge.reinstate(email, &run, &request).await?;
            // A login changed while they were away: Axolo moves to the one written.
            bridge
                .move_axolo(email, &back, &new_user.axolo, profile().as_ref(), &request)
                .await?;
        } else {
            bridge.create(&new_user, &request).await?;
        }
    } else if active {
        bridge
            .move_axolo(
                email,
                &user.axolo(),
                &new_user.axolo,
                profile().as_ref(),
                &request,
            )
            .await?;
    }
    let now = chrono::Utc::now();
    let stored = ScimUser {
        id: user.id(),
        email: user.person.email.to_lowercase(),
        external_id: users::external_id(&after),
        attributes: Value::Object(attributes),
        created: user.stored.as_ref().map_or(now, |s| s.created),
        last_modified: now,
        offboard_run,
    };
    journal.save_scim_user(&stored).map_err(journal_failed)?;
    answer_user(bridge, &stored.id, StatusCode::OK).await
}

/// DELETE /Users/{id}: offboard the person everywhere (when active) and forget the
/// user; `204`, then `404`.
pub(crate) async fn delete(
    State(bridge): State<Bridge>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ScimError> {
    let journal = bridge.journal_ref().ok_or_else(no_journal)?;
    let user = bridge.user_by_id(&id).await?;
    check_if_match(&headers, &user.resource(bridge.base()))?;
    if resource::active(&user.person, user.stored.as_ref()) {
        bridge
            .offboard(&user.person, &user.axolo(), &format!("DELETE /Users/{id}"))
            .await?;
    }
    if let Some(stored) = &user.stored {
        journal
            .forget_scim_user(&stored.id)
            .map_err(journal_failed)?;
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub(crate) async fn get(
    State(bridge): State<Bridge>,
    Path(id): Path<String>,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Response, ScimError> {
    let projection = crate::query::Projection::from_params(&params);
    let user = bridge.user_by_id(&id).await?;
    let resource = user.resource(bridge.base());
    let version = resource["meta"]["version"].clone();
    let mut shown = projection.apply(resource);
    shown["meta"]["version"] = version;
    Ok(resource_answer(&headers, shown))
}
