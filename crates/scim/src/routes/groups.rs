//! The `/Groups` endpoints. A group named like an access profile of the config file
//! *is* that profile: its members are the people whose access matches it, and adding a
//! member gives them the profile's access, removing one offboards them (journaled runs,
//! with the guard rails); its name cannot change and it cannot be deleted (the profile
//! lives in `usermgmt.toml`). Any other group an identity provider creates (an Okta
//! group push of a group no profile maps) is kept as written, members included, and
//! changes no access.

use std::collections::{BTreeSet, HashMap};

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use usermgmt_journal::ScimGroup;

use crate::filter::field;
use crate::query::{ListQuery, Projection, list_response};
use crate::server::{
    Bridge, check_if_match, created, journal_failed, json_body, no_journal, resource_answer, scim,
};
use crate::{ScimError, patch, provision, resource};

/// One group: a profile's (with its live members) or one an identity provider created.
struct GroupRecord {
    /// The profile it is, if it is one.
    profile: Option<String>,
    /// What was stored for it.
    stored: Option<ScimGroup>,
    /// A profile group's members, from the providers' state.
    members: Vec<Value>,
}

impl GroupRecord {
    fn id(&self) -> String {
        match (&self.stored, &self.profile) {
            (Some(stored), _) => stored.id.clone(),
            (None, Some(profile)) => resource::group_id(profile),
            (None, None) => String::new(),
        }
    }

    fn resource(&self, base: &str) -> Value {
        let mut attributes = match self.stored.as_ref().map(|s| &s.attributes) {
            Some(Value::Object(attributes)) => Value::Object(attributes.clone()),
            _ => json!({}),
        };
        if let Some(profile) = &self.profile {
            attributes["displayName"] = json!(profile);
            attributes["members"] = json!(self.members);
        }
        resource::group(&self.id(), attributes, self.stored.as_ref(), base)
    }
}

/// Attributes the bridge answers itself, never stored.
const ANSWERED: [&str; 4] = ["id", "meta", "schemas", "externalId"];

fn writable(body: &Value) -> Map<String, Value> {
    let mut kept = body.as_object().cloned().unwrap_or_default();
    kept.retain(|key, _| !ANSWERED.iter().any(|a| a.eq_ignore_ascii_case(key)));
    kept
}

fn display_name(group: &Value) -> Option<String> {
    field(group, "displayName")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
}

fn external_id(group: &Value) -> Option<String> {
    field(group, "externalId")
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// The member ids (`members[].value`) of a group resource.
fn member_ids(group: &Value) -> BTreeSet<String> {
    field(group, "members")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|m| field(m, "value").and_then(Value::as_str))
        .map(str::to_string)
        .collect()
}

impl Bridge {
    /// The profile named `name` (ignoring case), if any.
    fn profile_named(&self, name: &str) -> Option<String> {
        self.profile_map()
            .keys()
            .find(|p| p.eq_ignore_ascii_case(name))
            .cloned()
    }

    fn stored_groups(&self) -> Result<Vec<ScimGroup>, ScimError> {
        match self.journal_ref() {
            Some(journal) => journal.scim_groups().map_err(journal_failed),
            None => Ok(Vec::new()),
        }
    }

    /// Every group: the profiles' (members from one listing of everyone), then those
    /// identity providers created.
    async fn groups(&self) -> Result<Vec<GroupRecord>, ScimError> {
        let users = self.users(None).await?;
        let base = self.base();
        let mut stored = self.stored_groups()?;
        let mut groups = Vec::new();
        for profile in self.profile_map().keys() {
            let row = stored
                .iter()
                .position(|g| g.name.eq_ignore_ascii_case(profile))
                .map(|i| stored.remove(i));
            // Members: whoever's access matches the profile, and whoever an identity
            // provider added that is still a user (an invitation still pending, say).
            let added = row
                .as_ref()
                .map(|r| member_ids(&r.attributes))
                .unwrap_or_default();
            let members = users
                .iter()
                .filter(|u| {
                    u.person.profile.as_deref() == Some(profile.as_str()) || added.contains(&u.id())
                })
                .map(|u| resource::member(&u.id(), &u.person.email, base))
                .collect();
            groups.push(GroupRecord {
                profile: Some(profile.clone()),
                stored: row,
                members,
            });
        }
        groups.extend(stored.into_iter().map(|g| GroupRecord {
            profile: None,
            stored: Some(g),
            members: Vec::new(),
        }));
        Ok(groups)
    }

    /// The group with `id`; one an identity provider created is read without listing
    /// any provider.
    async fn group_by_id(&self, id: &str) -> Result<GroupRecord, ScimError> {
        let created = self
            .stored_groups()?
            .into_iter()
            .find(|g| g.id == id && self.profile_named(&g.name).is_none());
        if let Some(stored) = created {
            return Ok(GroupRecord {
                profile: None,
                stored: Some(stored),
                members: Vec::new(),
            });
        }
        self.groups()
            .await?
            .into_iter()
            .find(|g| g.id() == id)
            .ok_or_else(|| ScimError::not_found(format!("no group {id:?}")))
    }
}

pub(crate) async fn list(
    State(bridge): State<Bridge>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, ScimError> {
    let query = ListQuery::parse(&params)?;
    let groups = bridge.groups().await?;
    let base = bridge.base();
    let resources = groups.iter().map(|g| g.resource(base));
    Ok(scim(StatusCode::OK, list_response(resources, &query)))
}

pub(crate) async fn get(
    State(bridge): State<Bridge>,
    Path(id): Path<String>,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Response, ScimError> {
    let group = bridge.group_by_id(&id).await?.resource(bridge.base());
    let version = group["meta"]["version"].clone();
    let mut shown = Projection::from_params(&params).apply(group);
    shown["meta"]["version"] = version;
    Ok(resource_answer(&headers, shown))
}

/// POST /Groups: keep a group an identity provider pushes. A profile's group exists
/// already (409: Okta then links to it by its `displayName`).
pub(crate) async fn create(
    State(bridge): State<Bridge>,
    body: axum::body::Bytes,
) -> Result<Response, ScimError> {
    let body = json_body(&body)?;
    let journal = bridge.journal_ref().ok_or_else(no_journal)?;
    let name =
        display_name(&body).ok_or_else(|| ScimError::invalid_value("displayName is required"))?;
    let taken = bridge.profile_named(&name).is_some()
        || bridge
            .stored_groups()?
            .iter()
            .any(|g| g.name.eq_ignore_ascii_case(&name));
    if taken {
        return Err(ScimError::uniqueness(format!(
            "a group named {name:?} exists already: find it with filter=displayName eq \"{name}\""
        )));
    }
    let now = chrono::Utc::now();
    let stored = ScimGroup {
        id: uuid::Uuid::new_v4().to_string(),
        name: name.to_lowercase(),
        external_id: external_id(&body),
        attributes: Value::Object(writable(&body)),
        created: now,
        last_modified: now,
    };
    journal.save_scim_group(&stored).map_err(journal_failed)?;
    let group = GroupRecord {
        profile: None,
        stored: Some(stored),
        members: Vec::new(),
    };
    let response = resource_answer(&HeaderMap::new(), group.resource(bridge.base()));
    let location = format!("{}/Groups/{}", bridge.base(), group.id());
    Ok(created(response, &location))
}

pub(crate) async fn patch(
    State(bridge): State<Bridge>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, ScimError> {
    let body = json_body(&body)?;
    change(&bridge, "PATCH", &id, &headers, |current| {
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
    change(&bridge, "PUT", &id, &headers, |_| Ok(body)).await
}

/// PATCH and PUT: compute the group as written from the current one; for a profile's
/// group, carry out the membership changes (journaled runs) and keep the rest; for
/// another group, keep it all.
async fn change(
    bridge: &Bridge,
    method: &str,
    id: &str,
    headers: &HeaderMap,
    written: impl FnOnce(&Value) -> Result<Value, ScimError>,
) -> Result<Response, ScimError> {
    let journal = bridge.journal_ref().ok_or_else(no_journal)?;
    let group = bridge.group_by_id(id).await?;
    let current = group.resource(bridge.base());
    check_if_match(headers, &current)?;
    let after = written(&current)?;
    let name =
        display_name(&after).ok_or_else(|| ScimError::invalid_value("displayName is required"))?;
    let mut attributes = writable(&after);
    if let Some(profile) = &group.profile {
        if !name.eq_ignore_ascii_case(profile) {
            return Err(ScimError::mutability(format!(
                "the group {profile:?} is an access profile of the config file: its name cannot \
                 change through SCIM"
            )));
        }
        let request = format!("{method} /Groups/{id}");
        change_members(bridge, profile, &current, &after, &request).await?;
        // Its name is the profile's; the members written are kept, so one whose access
        // cannot show yet (a pending invitation) stays a member.
        attributes.retain(|k, _| !k.eq_ignore_ascii_case("displayName"));
    } else if let Some(other) = bridge
        .stored_groups()?
        .iter()
        .find(|g| g.name.eq_ignore_ascii_case(&name) && g.id != id)
    {
        return Err(ScimError::uniqueness(format!(
            "another group ({}) is named {name:?}",
            other.id
        )));
    } else if bridge.profile_named(&name).is_some() {
        return Err(ScimError::uniqueness(format!(
            "{name:?} is an access profile's group already"
        )));
    }
    let now = chrono::Utc::now();
    let stored = ScimGroup {
        id: group.id(),
        name: name.to_lowercase(),
        external_id: external_id(&after),
        attributes: Value::Object(attributes),
        created: group.stored.as_ref().map_or(now, |s| s.created),
        last_modified: now,
    };
    journal.save_scim_group(&stored).map_err(journal_failed)?;
    let now = bridge.group_by_id(&stored.id).await?;
    Ok(resource_answer(
        &HeaderMap::new(),
        now.resource(bridge.base()),
    ))
}

/// Members added to a profile's group get its access; members removed are offboarded.
async fn change_members(
    bridge: &Bridge,
    profile: &str,
    before: &Value,
    after: &Value,
    request: &str,
) -> Result<(), ScimError> {
    let (before, after) = (member_ids(before), member_ids(after));
    let access = bridge
        .profile_map()
        .get(profile)
        .cloned()
        .ok_or_else(|| ScimError::not_found(format!("no profile {profile:?}")))?;
    for id in after.difference(&before) {
        let user = bridge.user_by_id(id).await.map_err(|_| {
            ScimError::invalid_value(format!("member {id:?} is no user of this bridge"))
        })?;
        let written = user.resource(bridge.base());
        let new_user = provision::NewUser::from_written(&written, &user.person.email);
        bridge.onboard(&new_user, access.clone(), request).await?;
    }
    for id in before.difference(&after) {
        let user = bridge.user_by_id(id).await?;
        bridge
            .offboard(&user.person, &user.axolo(), request)
            .await?;
    }
    Ok(())
}

/// DELETE /Groups/{id}: forget a group an identity provider created; a profile's group
/// cannot be deleted (the profile lives in the config file).
pub(crate) async fn delete(
    State(bridge): State<Bridge>,
    Path(id): Path<String>,
) -> Result<Response, ScimError> {
    let journal = bridge.journal_ref().ok_or_else(no_journal)?;
    let group = bridge.group_by_id(&id).await?;
    if let Some(profile) = &group.profile {
        return Err(ScimError::mutability(format!(
            "the group {profile:?} is an access profile of the config file: remove it there"
        )));
    }
    journal.forget_scim_group(&id).map_err(journal_failed)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
