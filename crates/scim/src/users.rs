//! What an identity provider writes into a SCIM User, read for the bridge: the
//! attributes kept as written (everything but what the providers' state answers), the
//! email that names the person at every provider, a name for the providers that need
//! one, and the `active` it asks for.

use serde_json::{Map, Value};
use usermgmt::Person;

use crate::filter::field;
use crate::{ACCOUNTS_SCHEMA, AXOLO_SCHEMA, ScimError};

/// The enterprise User extension (RFC 7643 section 4.3).
pub(crate) const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/// The extensions a User may carry: a PATCH path equal to one names it whole.
pub(crate) const EXTENSIONS: [&str; 3] = [ENTERPRISE, AXOLO_SCHEMA, ACCOUNTS_SCHEMA];

/// Attributes the bridge answers itself, never stored: ids and `meta`, the groups (the
/// profile the accounts match) and the accounts extension. `externalId` is stored in a
/// column of its own.
const ANSWERED: [&str; 6] = [
    "id",
    "meta",
    "schemas",
    "groups",
    "externalId",
    ACCOUNTS_SCHEMA,
];

/// The attributes of `body` to keep, as written.
pub(crate) fn writable(body: &Value) -> Map<String, Value> {
    let mut kept = body.as_object().cloned().unwrap_or_default();
    kept.retain(|key, _| !ANSWERED.iter().any(|a| a.eq_ignore_ascii_case(key)));
    kept
}

/// Whether `key` (a top-level attribute or extension URN) is one the bridge answers.
pub(crate) fn is_answered(key: &str) -> bool {
    ANSWERED
        .iter()
        .filter(|a| !a.eq_ignore_ascii_case("externalId"))
        .any(|a| a.eq_ignore_ascii_case(key))
}

/// `externalId`, when written.
pub(crate) fn external_id(body: &Value) -> Option<String> {
    field(body, "externalId")
        .and_then(Value::as_str)
        .map(str::to_string)
}

fn text<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    field(value, key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The email the person is known by everywhere: `userName` when it is one, else the
/// primary (or first) of `emails`.
pub(crate) fn email_of(user: &Value) -> Result<String, ScimError> {
    if let Some(user_name) = text(user, "userName")
        && Person::new(user_name).is_ok()
    {
        return Ok(user_name.to_string());
    }
    let emails = field(user, "emails")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let primary = emails
        .iter()
        .find(|e| field(e, "primary") == Some(&Value::Bool(true)));
    primary
        .into_iter()
        .chain(emails)
        .filter_map(|e| text(e, "value"))
        .find(|e| Person::new(e).is_ok())
        .map(str::to_string)
        .ok_or_else(|| {
            ScimError::invalid_value(
                "an email is required: userName or a value of emails must be the email the \
                 person has at every provider",
            )
        })
}

/// The person's name for the providers: `displayName`, `name.formatted`, given and
/// family names, else the email's local part.
pub(crate) fn name_of(user: &Value, email: &str) -> String {
    let name = field(user, "name").cloned().unwrap_or(Value::Null);
    let joined = match (text(&name, "givenName"), text(&name, "familyName")) {
        (Some(given), Some(family)) => Some(format!("{given} {family}")),
        (Some(one), None) | (None, Some(one)) => Some(one.to_string()),
        (None, None) => None,
    };
    text(user, "displayName")
        .map(str::to_string)
        .or_else(|| text(&name, "formatted").map(str::to_string))
        .or(joined)
        .unwrap_or_else(|| email.split('@').next().unwrap_or(email).to_string())
}

/// The enterprise extension's `department`, when written.
pub(crate) fn department(user: &Value) -> Option<String> {
    field(user, ENTERPRISE)
        .and_then(|extension| text(extension, "department"))
        .map(str::to_string)
}

/// What the Axolo extension ([`AXOLO_SCHEMA`]) says of an engineer, as written
/// (trimmed, unchecked: [`AxoloIdentity::person`] checks what it uses).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct AxoloIdentity {
    pub(crate) github_login: Option<String>,
    pub(crate) slack_id: Option<String>,
}

impl AxoloIdentity {
    /// The extension's values in `user`.
    pub(crate) fn of(user: &Value) -> Self {
        let extension = field(user, AXOLO_SCHEMA).cloned().unwrap_or(Value::Null);
        AxoloIdentity {
            github_login: text(&extension, "githubLogin").map(str::to_string),
            slack_id: text(&extension, "slackId").map(str::to_string),
        }
    }

    /// `email` with this GitHub login and Slack id, refused when either is malformed:
    /// what onboarding at Axolo sends.
    pub(crate) fn person(&self, email: &str) -> Result<Person, ScimError> {
        let invalid = |e: usermgmt::Error| ScimError::invalid_value(format!("{AXOLO_SCHEMA}: {e}"));
        let mut person = Person::new(email).map_err(invalid)?;
        if let Some(login) = &self.github_login {
            person = person.with_github_login(login).map_err(invalid)?;
        }
        if let Some(slack_id) = &self.slack_id {
            person = person.with_slack_id(slack_id).map_err(invalid)?;
        }
        Ok(person)
    }

    /// `email` with the values that are well formed, the others left out: what
    /// offboarding uses (a malformed login was refused at onboarding, so it was never
    /// onboarded at Axolo).
    pub(crate) fn person_lenient(&self, email: &str) -> Result<Person, ScimError> {
        let mut person = Person::new(email).map_err(|e| ScimError::invalid_value(e.to_string()))?;
        if let Some(with) = self
            .github_login
            .as_deref()
            .and_then(|l| person.clone().with_github_login(l).ok())
        {
            person = with;
        }
        if let Some(with) = self
            .slack_id
            .as_deref()
            .and_then(|s| person.clone().with_slack_id(s).ok())
        {
            person = with;
        }
        Ok(person)
    }
}

/// The `active` written (`true`, `false`, or Entra's `"True"`/`"False"`), else `absent`.
pub(crate) fn desired_active(user: &Value, absent: bool) -> Result<bool, ScimError> {
    match field(user, "active") {
        None | Some(Value::Null) => Ok(absent),
        Some(Value::Bool(b)) => Ok(*b),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => Ok(true),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => Ok(false),
        Some(other) => Err(ScimError::invalid_value(format!(
            "active must be true or false, not {other}"
        ))),
    }
}

/// A change may not rename the person: `userName` is immutable (when written it must
/// stay what it was, ignoring case). The person stays the email they were created with:
/// `emails` may change (kept as written), but no provider account moves with it.
pub(crate) fn check_same_person(
    before: &Value,
    after: &Value,
    email: &str,
) -> Result<(), ScimError> {
    let renamed = match (text(before, "userName"), text(after, "userName")) {
        (Some(old), Some(new)) => !old.eq_ignore_ascii_case(new),
        _ => false,
    };
    if renamed {
        return Err(ScimError::mutability(format!(
            "userName and the email are immutable: {email} is the email every provider knows \
             the person by, and no provider can rename it (create a new user instead)"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_email_is_the_user_name_or_the_primary_email() {
        let okta = json!({"userName": "joan@acme.example"});
        assert_eq!(email_of(&okta).expect("email"), "joan@acme.example");
        let opaque = json!({
            "userName": "0bea8c05",
            "emails": [{"value": "other@acme.example"}, {"value": "joan@acme.example", "primary": true}]
        });
        assert_eq!(email_of(&opaque).expect("email"), "joan@acme.example");
        let none = json!({"userName": "0bea8c05", "emails": [{"value": "not-an-email"}]});
        assert_eq!(
            email_of(&none).expect_err("refused").scim_type(),
            Some("invalidValue")
        );
    }

    #[test]
    fn a_name_comes_from_any_of_its_forms_else_the_email() {
        let okta = json!({"name": {"givenName": "Joan", "familyName": "Clarke"}});
        assert_eq!(name_of(&okta, "j@x.example"), "Joan Clarke");
        let entra = json!({"displayName": "Joan C.", "name": {"formatted": "J"}});
        assert_eq!(name_of(&entra, "j@x.example"), "Joan C.");
        assert_eq!(name_of(&json!({}), "joan@x.example"), "joan");
    }

    #[test]
    fn what_the_bridge_answers_is_not_stored() {
        let kept = writable(&json!({
            "id": "x", "meta": {}, "schemas": [], "Groups": [], "externalId": "e",
            ACCOUNTS_SCHEMA: {}, "userName": "u", "title": "t"
        }));
        let mut keys: Vec<&String> = kept.keys().collect();
        keys.sort();
        assert_eq!(keys, ["title", "userName"]);
        assert!(is_answered("GROUPS") && is_answered(ACCOUNTS_SCHEMA));
        assert!(!is_answered("externalId") && !is_answered("title"));
    }

    #[test]
    fn active_reads_booleans_and_entra_strings() {
        assert!(!desired_active(&json!({"active": "False"}), true).expect("read"));
        assert!(desired_active(&json!({}), true).expect("absent"));
        assert!(desired_active(&json!({"active": 1}), true).is_err());
    }

    #[test]
    fn renaming_is_refused() {
        let before = json!({"userName": "joan@acme.example"});
        let same = json!({"userName": "JOAN@acme.example", "title": "x"});
        check_same_person(&before, &same, "joan@acme.example").expect("same person");
        let renamed = json!({"userName": "jo@acme.example"});
        let error = check_same_person(&before, &renamed, "joan@acme.example").expect_err("renamed");
        assert_eq!(error.scim_type(), Some("mutability"));
    }
}
