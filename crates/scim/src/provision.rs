//! Provisioning writes: what a POST, PATCH or PUT of a user asks for, and carrying it
//! out through the directory's plans, journaled. POST onboards the person with a
//! profile (the enterprise extension's `department` when it names one, else the
//! bridge's default profile); `active` false offboards them everywhere (the provider's
//! removal: delete, disable, offboard), with the guard rails; other attribute changes
//! are refused with `mutability`, never silently dropped.

use axum::http::StatusCode;
use serde_json::Value;
use usermgmt::{
    ApplyError, ApplyOptions, ApplyReport, Onboarding, Person, Plan, PlanError, RunMeta,
};

use crate::ScimError;
use crate::filter::field;
use crate::people::PersonRecord;
use crate::server::Bridge;

/// The enterprise User extension (RFC 7643 section 4.3).
const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/// A user to create, as a POST body gives it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NewUser {
    pub(crate) email: String,
    pub(crate) name: String,
    pub(crate) department: Option<String>,
}

fn text<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    field(value, key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Read a POST body: `userName` (the email), a name (`displayName`, `name.formatted`,
/// or `name.givenName` and `name.familyName`), and the enterprise `department`.
pub(crate) fn new_user(body: &Value) -> Result<NewUser, ScimError> {
    let Some(email) = text(body, "userName") else {
        return Err(ScimError::invalid_value(
            "userName (the person's email) is required",
        ));
    };
    Person::new(email).map_err(|e| ScimError::invalid_value(format!("userName: {e}")))?;
    let name_object = field(body, "name").cloned().unwrap_or(Value::Null);
    let joined = match (
        text(&name_object, "givenName"),
        text(&name_object, "familyName"),
    ) {
        (Some(given), Some(family)) => Some(format!("{given} {family}")),
        (Some(one), None) | (None, Some(one)) => Some(one.to_string()),
        (None, None) => None,
    };
    let name = text(body, "displayName")
        .map(str::to_string)
        .or_else(|| text(&name_object, "formatted").map(str::to_string))
        .or(joined)
        .ok_or_else(|| {
            ScimError::invalid_value(
                "a name is required (displayName, name.formatted, or name.givenName and name.familyName): the providers need one",
            )
        })?;
    let department = field(body, ENTERPRISE)
        .and_then(|extension| text(extension, "department"))
        .map(str::to_string);
    Ok(NewUser {
        email: email.to_string(),
        name,
        department,
    })
}

/// The schema URI of PATCH bodies.
const PATCH_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/// `true`, `false`, or Entra's `"True"`/`"False"`.
fn boolean(value: &Value) -> Result<bool, ScimError> {
    match value {
        Value::Bool(b) => Ok(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Ok(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Ok(false),
        other => Err(ScimError::invalid_value(format!(
            "active must be true or false, not {other}"
        ))),
    }
}

fn not_writable(attribute: &str) -> ScimError {
    ScimError::mutability(format!(
        "{attribute} cannot be changed through this bridge yet: only active can \
         (false offboards the person everywhere)"
    ))
}

/// The `active` a PATCH body asks for (`None`: it asks for nothing). Operations are
/// case-insensitive (`Replace`), with a path (Entra: `"path": "active"`) or without
/// (Okta: `"value": {"active": false}`).
pub(crate) fn patch_active(body: &Value) -> Result<Option<bool>, ScimError> {
    let schemas_ok = body["schemas"]
        .as_array()
        .is_some_and(|s| s.iter().any(|v| v.as_str() == Some(PATCH_SCHEMA)));
    let Some(operations) = field(body, "Operations")
        .and_then(Value::as_array)
        .filter(|_| schemas_ok)
    else {
        return Err(ScimError::invalid_syntax(format!(
            "a PATCH body needs \"schemas\": [\"{PATCH_SCHEMA}\"] and an \"Operations\" array"
        )));
    };
    let mut active = None;
    for operation in operations {
        let op = operation["op"]
            .as_str()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if !matches!(op.as_str(), "add" | "replace" | "remove") {
            return Err(ScimError::invalid_syntax(format!(
                "unknown PATCH op {}: expected add, replace or remove",
                operation["op"]
            )));
        }
        match operation["path"].as_str() {
            Some(path) => {
                let path = crate::filter::PatchPath::parse(path)
                    .map_err(|e| ScimError::invalid_path(e.to_string()))?;
                let is_active = path.attribute.attribute.eq_ignore_ascii_case("active")
                    && path.attribute.sub_attribute.is_none()
                    && path.filter.is_none();
                if !is_active {
                    return Err(not_writable(&path.attribute.attribute));
                }
                if op == "remove" {
                    return Err(ScimError::mutability("active cannot be removed, only set"));
                }
                active = Some(boolean(&operation["value"])?);
            }
            None if op == "remove" => {
                return Err(ScimError::no_target("a remove operation needs a path"));
            }
            None => {
                let Some(fields) = operation["value"].as_object() else {
                    return Err(ScimError::invalid_value(
                        "an operation without a path needs an object value",
                    ));
                };
                for (key, value) in fields {
                    if key.eq_ignore_ascii_case("active") {
                        active = Some(boolean(value)?);
                    } else {
                        return Err(not_writable(key));
                    }
                }
            }
        }
    }
    Ok(active)
}

/// The `active` a PUT body states (Okta deactivates with a whole user and `active`
/// false). The rest of a PUT restates the user; `userName` must stay the same, and
/// other attributes are not written to the providers.
pub(crate) fn put_active(body: &Value, current: &PersonRecord) -> Result<Option<bool>, ScimError> {
    if let Some(user_name) = body.get("userName")
        && !user_name
            .as_str()
            .is_some_and(|u| u.eq_ignore_ascii_case(&current.email))
    {
        return Err(ScimError::mutability(
            "userName is the email every provider knows the person by; it cannot change",
        ));
    }
    body.get("active").map(boolean).transpose()
}

impl Bridge {
    /// Onboard `user` with the profile the rule picks, journaled.
    pub(crate) async fn create(&self, user: &NewUser, request: &str) -> Result<(), ScimError> {
        let recorder = self.recorder_ref().ok_or_else(no_journal)?;
        let profile = self.profile_for(user)?;
        let person =
            Person::new(&user.email).map_err(|e| ScimError::invalid_value(e.to_string()))?;
        let onboarding = Onboarding::new(person, &user.name, profile);
        let plan = self
            .directory()
            .plan_onboard(&onboarding)
            .await
            .map_err(|e| match e {
                usermgmt::Error::InvalidInput { .. } => ScimError::invalid_value(e.to_string()),
                other => provider_error(other.to_string()),
            })?;
        let report = self.apply(&plan, recorder, request).await?;
        finished(&report, "onboarding", &user.email)
    }

    /// Apply `plan` journaled, with the stale check.
    async fn apply(
        &self,
        plan: &Plan,
        recorder: &dyn usermgmt::Recorder,
        request: &str,
    ) -> Result<ApplyReport, ScimError> {
        let options = ApplyOptions::default()
            .with_recorder(recorder)
            .with_meta(RunMeta::current(format!("usermgmt scim serve: {request}")));
        self.directory()
            .apply_with(plan, &options)
            .await
            .map_err(|e| match e {
                ApplyError::Stale { .. } => ScimError::new(StatusCode::CONFLICT, e.to_string()),
                other => provider_error(other.to_string()),
            })
    }

    /// Make `person` active or not everywhere, journaled; a no-op when they already are.
    pub(crate) async fn set_active(
        &self,
        person: &PersonRecord,
        active: bool,
        request: &str,
    ) -> Result<(), ScimError> {
        if person.active() == active {
            return Ok(());
        }
        if active {
            return Err(ScimError::new(
                StatusCode::NOT_IMPLEMENTED,
                "reactivating through SCIM is not supported yet: reverse the offboarding run \
                 with `usermgmt runs list` and `usermgmt runs reverse RUN`",
            ));
        }
        let recorder = self.recorder_ref().ok_or_else(no_journal)?;
        if self.is_excluded(&person.email) {
            return Err(ScimError::new(
                StatusCode::FORBIDDEN,
                format!(
                    "{} is excluded in the config file (service or break-glass account): it is never removed",
                    person.email
                ),
            ));
        }
        let who =
            Person::new(&person.email).map_err(|e| ScimError::invalid_value(e.to_string()))?;
        let plan = self
            .directory()
            .plan_offboard(&who, None)
            .await
            .map_err(|e| match e {
                PlanError::LastAdmin { .. } => ScimError::new(StatusCode::FORBIDDEN, e.to_string()),
                other => provider_error(other.to_string()),
            })?;
        let report = self.apply(&plan, recorder, request).await?;
        finished(&report, "offboarding", &person.email)
    }
}

fn no_journal() -> ScimError {
    ScimError::new(
        StatusCode::NOT_IMPLEMENTED,
        "this bridge has no journal, so it makes no changes (every change is recorded)",
    )
}

/// `Ok` when every step of `report` ended well, else which failed and how to resume.
fn finished(report: &ApplyReport, what: &str, email: &str) -> Result<(), ScimError> {
    if report.is_success() {
        return Ok(());
    }
    let run = report.run_id.as_deref().unwrap_or("(unrecorded)");
    let failed: Vec<String> = report
        .steps
        .iter()
        .filter_map(|s| match &s.outcome {
            usermgmt::Outcome::Failed { error } => Some(format!("{}: {error}", s.step.provider)),
            _ => None,
        })
        .collect();
    Err(provider_error(format!(
        "{what} {email} did not finish (run {run}; `usermgmt runs resume {run}` retries): {}",
        failed.join("; ")
    )))
}

fn provider_error(detail: String) -> ScimError {
    ScimError::new(StatusCode::BAD_GATEWAY, detail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn patch(operations: Value) -> Result<Option<bool>, ScimError> {
        patch_active(&json!({"schemas": [PATCH_SCHEMA], "Operations": operations}))
    }

    #[test]
    fn okta_and_entra_deactivations_both_read_as_active_false() {
        let okta = patch(json!([{"op": "replace", "value": {"active": false}}]));
        assert_eq!(okta.expect("okta"), Some(false));
        let entra = patch(json!([{"op": "Replace", "path": "active", "value": "False"}]));
        assert_eq!(entra.expect("entra"), Some(false));
        let back = patch(json!([{"op": "Replace", "path": "active", "value": "True"}]));
        assert_eq!(back.expect("entra"), Some(true));
        assert_eq!(patch(json!([])).expect("nothing"), None);
    }

    #[test]
    fn other_attributes_bad_values_and_bad_bodies_are_refused_with_their_scim_type() {
        let cases = [
            (
                json!([{"op": "replace", "path": "displayName", "value": "X"}]),
                "mutability",
            ),
            (
                json!([{"op": "replace", "value": {"active": false, "title": "X"}}]),
                "mutability",
            ),
            (json!([{"op": "remove", "path": "active"}]), "mutability"),
            (json!([{"op": "remove"}]), "noTarget"),
            (
                json!([{"op": "replace", "path": "active", "value": "no"}]),
                "invalidValue",
            ),
            (
                json!([{"op": "replace", "path": "active", "value": 0}]),
                "invalidValue",
            ),
            (
                json!([{"op": "merge", "path": "active", "value": true}]),
                "invalidSyntax",
            ),
            (
                json!([{"op": "replace", "path": "emails[type eq", "value": true}]),
                "invalidPath",
            ),
        ];
        for (operations, scim_type) in cases {
            let error = patch(operations.clone()).expect_err("refused");
            assert_eq!(error.scim_type(), Some(scim_type), "{operations}: {error}");
        }
        let error = patch_active(&json!({"Operations": []})).expect_err("no schemas");
        assert_eq!(error.scim_type(), Some("invalidSyntax"));
    }

    #[test]
    fn a_post_gives_the_email_a_name_from_any_of_its_forms_and_the_department() {
        let okta = new_user(&json!({
            "userName": "joan@acme.example",
            "name": {"givenName": "Joan", "familyName": "Clarke"},
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "developer"},
        }))
        .expect("okta");
        assert_eq!(okta.name, "Joan Clarke");
        assert_eq!(okta.department.as_deref(), Some("developer"));
        let entra = new_user(&json!({"userName": "joan@acme.example", "displayName": "Joan C."}))
            .expect("entra");
        assert_eq!(entra.name, "Joan C.");
        for bad in [
            json!({"displayName": "No Email"}),
            json!({"userName": "not-an-email", "displayName": "X"}),
            json!({"userName": "joan@acme.example"}),
            json!({"userName": "joan@acme.example", "displayName": "  "}),
        ] {
            let error = new_user(&bad).expect_err("refused");
            assert_eq!(error.scim_type(), Some("invalidValue"), "{bad}");
        }
    }

    #[test]
    fn a_put_states_active_and_may_not_rename() {
        let person = PersonRecord {
            email: "ada@acme.example".into(),
            name: None,
            accounts: Vec::new(),
            profile: None,
        };
        let put = json!({"userName": "ADA@acme.example", "active": false, "displayName": "A"});
        assert_eq!(put_active(&put, &person).expect("same person"), Some(false));
        let renamed = json!({"userName": "bob@acme.example", "active": true});
        assert_eq!(
            put_active(&renamed, &person)
                .expect_err("renamed")
                .scim_type(),
            Some("mutability")
        );
    }
}
