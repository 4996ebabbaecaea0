//! Checks a create or edit body the way Django REST Framework's serializer does, with its
//! messages: `{field: ["This field is required."]}` and friends.
//!
//! Only `email` is required on create (the docs are silent; names default to "", lists to
//! [], `active` to true). Unknown and read-only fields are ignored, as DRF does.
//!
//! One deliberate difference from DRF: values must have the JSON types the docs give
//! (strings, a boolean, lists of integer ids). DRF would also take `"yes"` or `1` for a
//! boolean and `"3"` for an id; the sandbox refuses them (with DRF's messages) so a client
//! that relies on that leniency learns it here rather than against an undocumented rule,
//! and so strict conformance (schema-violating data is refused) holds.

use serde_json::{Map, Value};

use super::state::Changes;
use crate::request::looks_like_email;

/// Django's `max_length` for first and last names.
const NAME_MAX: usize = 150;

/// The validated changes, or DRF's error object.
pub(crate) fn changes(body: &Map<String, Value>, partial: bool) -> Result<Changes, Value> {
    let mut errors = Map::new();
    let mut out = Changes::default();
    let mut fail = |name: &str, message: String| {
        errors.insert(name.into(), Value::Array(vec![Value::String(message)]));
    };

    match body.get("email") {
        None if partial => {}
        None => fail("email", "This field is required.".into()),
        Some(value) => match string(value) {
            Err(message) => fail("email", message),
            Ok(s) if s.is_empty() => fail("email", "This field may not be blank.".into()),
            Ok(s) if !looks_like_email(&s) => fail("email", "Enter a valid email address.".into()),
            Ok(s) => out.email = Some(s),
        },
    }
    for name in ["first_name", "last_name"] {
        let Some(value) = body.get(name) else {
            continue;
        };
        match string(value) {
            Err(message) => fail(name, message),
            Ok(s) if s.chars().count() > NAME_MAX => fail(
                name,
                format!("Ensure this field has no more than {NAME_MAX} characters."),
            ),
            Ok(s) if name == "first_name" => out.first_name = Some(s),
            Ok(s) => out.last_name = Some(s),
        }
    }
    if let Some(value) = body.get("active") {
        match boolean(value) {
            Ok(b) => out.active = Some(b),
            Err(message) => fail("active", message),
        }
    }
    for name in ["groups", "workspaces"] {
        let Some(value) = body.get(name) else {
            continue;
        };
        match primary_keys(value) {
            Ok(ids) if name == "groups" => out.groups = Some(ids),
            Ok(ids) => out.workspaces = Some(ids),
            Err(message) => fail(name, message),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Value::Object(errors))
    }
}

/// DRF's `CharField` (with `trim_whitespace`), JSON strings only.
fn string(value: &Value) -> Result<String, String> {
    match value {
        Value::Null => Err("This field may not be null.".into()),
        Value::String(s) => Ok(s.trim().to_owned()),
        _ => Err("Not a valid string.".into()),
    }
}

/// DRF's `BooleanField`, JSON booleans only.
fn boolean(value: &Value) -> Result<bool, String> {
    match value {
        Value::Null => Err("This field may not be null.".into()),
        Value::Bool(b) => Ok(*b),
        _ => Err("Must be a valid boolean.".into()),
    }
}

/// DRF's `PrimaryKeyRelatedField(many=True)`: a list of integer ids (JSON integers only).
fn primary_keys(value: &Value) -> Result<Vec<u64>, String> {
    let items = match value {
        Value::Null => return Err("This field may not be null.".into()),
        Value::Array(items) => items,
        other => {
            return Err(format!(
                "Expected a list of items but got type \"{}\".",
                python_type(other)
            ));
        }
    };
    let mut ids = Vec::with_capacity(items.len());
    for item in items {
        let id = match item {
            Value::Number(n) => n.as_u64(),
            _ => None,
        };
        match id {
            Some(id) if !ids.contains(&id) => ids.push(id),
            Some(_) => {}
            None if matches!(item, Value::Number(_)) => {
                return Err(format!(
                    "Invalid pk \"{}\" - object does not exist.",
                    plain(item)
                ));
            }
            None => {
                return Err(format!(
                    "Incorrect type. Expected pk value, received {}.",
                    python_type(item)
                ));
            }
        }
    }
    Ok(ids)
}

/// The Python type name DRF puts in its messages.
fn python_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn check(body: Value, partial: bool) -> Result<Changes, Value> {
        changes(body.as_object().unwrap(), partial)
    }

    #[test]
    fn create_requires_email_but_edit_does_not() {
        assert_eq!(
            check(json!({}), false),
            Err(json!({"email": ["This field is required."]}))
        );
        assert_eq!(check(json!({}), true), Ok(Changes::default()));
    }

    #[test]
    fn reports_every_bad_field_with_drf_messages() {
        let err = check(
            json!({"email": "nope", "active": "maybe", "groups": "1", "workspaces": [true], "first_name": null}),
            false,
        )
        .unwrap_err();
        assert_eq!(
            err,
            json!({
                "email": ["Enter a valid email address."],
                "active": ["Must be a valid boolean."],
                "groups": ["Expected a list of items but got type \"str\"."],
                "workspaces": ["Incorrect type. Expected pk value, received bool."],
                "first_name": ["This field may not be null."],
            })
        );
    }

    #[test]
    fn accepts_the_documented_body() {
        let ok = check(
            json!({"email": "user@example.com", "first_name": "string", "last_name": "string",
                   "groups": [], "workspaces": [2, 3], "active": true}),
            false,
        )
        .unwrap();
        assert_eq!(ok.workspaces, Some(vec![2, 3]));
        assert_eq!(ok.active, Some(true));
    }

    #[test]
    fn values_of_other_json_types_are_refused_where_drf_would_coerce_them() {
        let err = check(
            json!({"email": "a@example.com", "first_name": 5, "active": "yes", "groups": ["2"], "workspaces": [1.5]}),
            true,
        )
        .unwrap_err();
        assert_eq!(
            err,
            json!({
                "first_name": ["Not a valid string."],
                "active": ["Must be a valid boolean."],
                "groups": ["Incorrect type. Expected pk value, received str."],
                "workspaces": ["Invalid pk \"1.5\" - object does not exist."],
            })
        );
    }
}
