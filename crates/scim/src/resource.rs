//! SCIM resources built from people and profiles: ids, the User and Group JSON, and
//! `meta` with a version (ETag) that changes whenever the resource does.
//!
//! Ids are UUIDs (version 5) of the lower-cased email, or of the profile name, in a
//! namespace of this bridge: stable across restarts and machines without any state,
//! and never reused for another person.

use serde_json::{Value, json};
use uuid::Uuid;

use usermgmt_journal::{ScimGroup, ScimUser};

use crate::people::PersonRecord;
use crate::{ACCOUNTS_SCHEMA, GROUP_SCHEMA, USER_SCHEMA};

/// The namespace of this bridge's ids (a random UUID, fixed forever).
const NAMESPACE: Uuid = Uuid::from_u128(0x6f3c_1b0e_8a4d_4b7e_9c21_5d0e_7a63_f412);

/// The SCIM id of the person with `email`.
pub(crate) fn user_id(email: &str) -> String {
    Uuid::new_v5(
        &NAMESPACE,
        format!("user:{}", email.to_lowercase()).as_bytes(),
    )
    .to_string()
}

/// The SCIM id of the group of profile `name`.
pub(crate) fn group_id(name: &str) -> String {
    Uuid::new_v5(&NAMESPACE, format!("group:{name}").as_bytes()).to_string()
}

/// A weak ETag of `resource` (without its `meta`): equal resources, equal versions.
fn version(resource: &Value) -> String {
    let digest = Uuid::new_v5(&NAMESPACE, resource.to_string().as_bytes());
    format!("W/\"{}\"", &digest.simple().to_string()[..16])
}

/// `given family` split at the last space, as Adverity splits names.
fn name_parts(name: &str) -> (Option<&str>, Option<&str>) {
    match name.trim().rsplit_once(' ') {
        Some((given, family)) => (Some(given.trim()), Some(family.trim())),
        None if name.trim().is_empty() => (None, None),
        None => (Some(name.trim()), None),
    }
}

/// The SCIM User of `person`, with `meta.location` under `base` (like
/// `https://scim.acme.example/scim/v2`): the attributes an identity provider wrote
/// (`stored`), over what the providers' live state answers: `active`, the group of the
/// profile the accounts match, and the accounts themselves in the read-only extension.
pub(crate) fn user(person: &PersonRecord, stored: Option<&ScimUser>, base: &str) -> Value {
    let id = stored.map_or_else(|| user_id(&person.email), |s| s.id.clone());
    let mut resource = match stored.map(|s| &s.attributes) {
        Some(Value::Object(attributes)) => Value::Object(attributes.clone()),
        _ => json!({}),
    };
    let mut schemas = vec![json!(USER_SCHEMA)];
    if let Some(object) = resource.as_object() {
        schemas.extend(
            object
                .keys()
                .filter(|k| k.starts_with("urn:"))
                .map(|k| json!(k)),
        );
    }
    schemas.push(json!(ACCOUNTS_SCHEMA));
    resource["schemas"] = json!(schemas);
    resource["id"] = json!(id);
    if let Some(external) = stored.and_then(|s| s.external_id.as_deref()) {
        resource["externalId"] = json!(external);
    }
    if resource.get("userName").is_none() {
        resource["userName"] = json!(person.email);
    }
    if stored.is_none() {
        resource["emails"] = json!([{"value": person.email, "type": "work", "primary": true}]);
    }
    resource["active"] = json!(active(person, stored));
    if let Some(name) = person.name.as_deref().filter(|_| stored.is_none()) {
        let (given, family) = name_parts(name);
        resource["displayName"] = json!(name);
        resource["name"] = json!({"formatted": name});
        if let Some(given) = given {
            resource["name"]["givenName"] = json!(given);
        }
        if let Some(family) = family {
            resource["name"]["familyName"] = json!(family);
        }
    }
    if let Some(profile) = &person.profile {
        resource["groups"] = json!([{
            "value": group_id(profile),
            "display": profile,
            "$ref": format!("{base}/Groups/{}", group_id(profile)),
        }]);
    }
    let accounts: Vec<Value> = person
        .accounts
        .iter()
        .map(|a| {
            json!({
                "provider": a.user.provider.id(),
                "id": a.user.id,
                "roles": a.user.roles,
                "access": a.user.access.to_string(),
                "status": a.user.status.to_string(),
            })
        })
        .collect();
    resource[ACCOUNTS_SCHEMA] = json!({ "accounts": accounts });
    let version = version(&resource);
    resource["meta"] = json!({
        "resourceType": "User",
        "location": format!("{base}/Users/{id}"),
        "version": version,
    });
    if let Some(stored) = stored {
        resource["meta"]["created"] = json!(time(stored.created));
        resource["meta"]["lastModified"] = json!(time(stored.last_modified));
    }
    resource
}

/// Whether the person counts as active: as their accounts say when they have any; as
/// the identity provider last set it when none is listed (a user created inactive, or
/// whose only access is an invitation no API lists, like Model-Prime's).
pub(crate) fn active(person: &PersonRecord, stored: Option<&ScimUser>) -> bool {
    if !person.accounts.is_empty() {
        return person.active();
    }
    stored.is_some_and(|s| crate::users::desired_active(&s.attributes, false).unwrap_or(false))
}

fn time(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A member of a group: the user `id`, shown as `display`.
pub(crate) fn member(id: &str, display: &str, base: &str) -> Value {
    json!({
        "value": id,
        "display": display,
        "type": "User",
        "$ref": format!("{base}/Users/{id}"),
    })
}

/// The SCIM Group with `id`: `attributes` (at least `displayName`, and `members`), the
/// stored `externalId` and `meta` times, and a version.
pub(crate) fn group(id: &str, attributes: Value, stored: Option<&ScimGroup>, base: &str) -> Value {
    let mut resource = match attributes {
        Value::Object(_) => attributes,
        _ => json!({}),
    };
    resource["schemas"] = json!([GROUP_SCHEMA]);
    resource["id"] = json!(id);
    if let Some(external) = stored.and_then(|s| s.external_id.as_deref()) {
        resource["externalId"] = json!(external);
    }
    if resource.get("members").is_none() {
        resource["members"] = json!([]);
    }
    let version = version(&resource);
    resource["meta"] = json!({
        "resourceType": "Group",
        "location": format!("{base}/Groups/{id}"),
        "version": version,
    });
    if let Some(stored) = stored {
        resource["meta"]["created"] = json!(time(stored.created));
        resource["meta"]["lastModified"] = json!(time(stored.last_modified));
    }
    resource
}

#[cfg(test)]
mod tests {
    use super::*;
    use usermgmt::{AccessLevel, Provider, Snapshot, Status, User};

    fn ada(status: Status) -> PersonRecord {
        PersonRecord {
            email: "Ada@acme.example".into(),
            name: Some("Ada King Lovelace".into()),
            accounts: vec![Snapshot {
                user: User {
                    provider: Provider::Axiom,
                    id: Some("u1".into()),
                    email: Some("Ada@acme.example".into()),
                    name: Some("Ada King Lovelace".into()),
                    roles: vec!["user".into()],
                    access: AccessLevel::Member,
                    status,
                },
                record: Value::Null,
            }],
            profile: Some("developer".into()),
        }
    }

    #[test]
    fn ids_are_stable_case_insensitive_and_distinct() {
        assert_eq!(user_id("Ada@acme.example"), user_id("ada@ACME.example"));
        assert_ne!(user_id("ada@acme.example"), user_id("bob@acme.example"));
        assert_ne!(user_id("developer"), group_id("developer"));
        assert_eq!(user_id("ada@acme.example").len(), 36);
    }

    #[test]
    fn a_user_has_core_attributes_its_accounts_its_group_and_a_versioned_meta() {
        let user = user(&ada(Status::Active), None, "http://127.0.0.1:1/scim/v2");
        assert_eq!(user["userName"], "Ada@acme.example");
        assert_eq!(user["name"]["givenName"], "Ada King");
        assert_eq!(user["name"]["familyName"], "Lovelace");
        assert_eq!(user["active"], true);
        assert_eq!(user["groups"][0]["display"], "developer");
        assert_eq!(user[ACCOUNTS_SCHEMA]["accounts"][0]["provider"], "axiom");
        let id = user["id"].as_str().expect("an id");
        assert_eq!(
            user["meta"]["location"],
            format!("http://127.0.0.1:1/scim/v2/Users/{id}")
        );
        assert!(
            user["meta"]["version"]
                .as_str()
                .expect("a version")
                .starts_with("W/\"")
        );
    }

    #[test]
    fn the_version_changes_with_the_resource_and_only_then() {
        let base = "http://x/scim/v2";
        let active = user(&ada(Status::Active), None, base);
        assert_eq!(
            active["meta"]["version"],
            user(&ada(Status::Active), None, base)["meta"]["version"]
        );
        let disabled = user(&ada(Status::Disabled), None, base);
        assert_eq!(disabled["active"], false);
        assert_ne!(active["meta"]["version"], disabled["meta"]["version"]);
    }

    #[test]
    fn a_group_carries_its_members_and_a_version_that_follows_them() {
        let base = "http://x/scim/v2";
        let ada = member(&user_id("ada@acme.example"), "ada@acme.example", base);
        let with = group(
            "g1",
            json!({"displayName": "developer", "members": [ada]}),
            None,
            base,
        );
        assert_eq!(with["members"][0]["value"], user_id("ada@acme.example"));
        assert_eq!(with["meta"]["location"], "http://x/scim/v2/Groups/g1");
        let without = group("g1", json!({"displayName": "developer"}), None, base);
        assert_eq!(without["members"], json!([]));
        assert_ne!(with["meta"]["version"], without["meta"]["version"]);
    }
}
