//! FastAPI/pydantic v2 request validation: query parameters and bodies, reported as 422
//! `{"detail": [{"type", "loc", "msg", "input", "ctx"?}]}` with pydantic's wording.
//!
//! Emails are checked like pydantic's `EmailStr` (with its message); a new name for
//! yourself may not be blank. Both guard `PATCH /users/me`, whose email is also the login
//! in `Authorization: <email>:<token>`: an empty or malformed one would lock the token out.

use serde_json::{Map, Value, json};

use crate::inspect::ModelPrimeInvitation;
use crate::request::looks_like_email;

/// The three permission roles.
pub(crate) const ROLES: &[&str] = &["admin", "developer", "analyst"];
const ROLES_EXPECTED: &str = "'admin', 'developer' or 'analyst'";
/// The `name_search` pattern from the spec.
pub(crate) const NAME_SEARCH_PATTERN: &str = "^[a-zA-Z ]{3,}$";

/// One pydantic error.
fn issue(kind: &str, loc: Value, msg: &str, input: &Value, ctx: Option<Value>) -> Value {
    let mut issue = json!({ "type": kind, "loc": loc, "msg": msg, "input": input });
    if let (Some(ctx), Some(map)) = (ctx, issue.as_object_mut()) {
        map.insert("ctx".into(), ctx);
    }
    issue
}

/// Validated `GET /users` parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ListQuery {
    pub(crate) page_number: usize,
    pub(crate) page_size: usize,
    pub(crate) name_search: Option<String>,
}

/// `page_number >= 1` (default 1), `page_size` 0..=100 (default 100, larger becomes 100),
/// `name_search` matching [`NAME_SEARCH_PATTERN`].
pub(crate) fn list_query(pairs: &[(String, String)]) -> Result<ListQuery, Vec<Value>> {
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let mut issues = Vec::new();
    let mut int = |name: &str, default: i64, min: i64| -> i64 {
        let Some(raw) = get(name) else {
            return default;
        };
        let input = Value::String(raw.to_owned());
        match raw.trim().parse::<i64>() {
            Ok(n) if n >= min => n,
            Ok(_) => {
                issues.push(issue(
                    "greater_than_equal",
                    json!(["query", name]),
                    &format!("Input should be greater than or equal to {min}"),
                    &input,
                    Some(json!({ "ge": min })),
                ));
                default
            }
            Err(_) => {
                issues.push(issue(
                    "int_parsing",
                    json!(["query", name]),
                    "Input should be a valid integer, unable to parse string as an integer",
                    &input,
                    None,
                ));
                default
            }
        }
    };
    let page_number = int("page_number", 1, 1);
    let page_size = int("page_size", 100, 0).min(100);
    let name_search = get("name_search").map(str::to_owned);
    if let Some(search) = &name_search
        && !(search.chars().count() >= 3
            && search.chars().all(|c| c.is_ascii_alphabetic() || c == ' '))
    {
        issues.push(issue(
            "string_pattern_mismatch",
            json!(["query", "name_search"]),
            &format!("String should match pattern '{NAME_SEARCH_PATTERN}'"),
            &Value::String(search.clone()),
            Some(json!({ "pattern": NAME_SEARCH_PATTERN })),
        ));
    }
    if !issues.is_empty() {
        return Err(issues);
    }
    Ok(ListQuery {
        page_number: usize::try_from(page_number).unwrap_or(1),
        page_size: usize::try_from(page_size).unwrap_or(100),
        name_search,
    })
}

/// The request body as JSON: missing and undecodable bodies are pydantic errors.
pub(crate) fn body(raw: &[u8]) -> Result<Value, Vec<Value>> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err(vec![issue(
            "missing",
            json!(["body"]),
            "Field required",
            &Value::Null,
            None,
        )]);
    }
    serde_json::from_slice(raw).map_err(|e| {
        vec![issue(
            "json_invalid",
            json!(["body", e.column().saturating_sub(1)]),
            "JSON decode error",
            &json!({}),
            Some(json!({ "error": e.to_string() })),
        )]
    })
}

fn object(body: &Value) -> Result<&Map<String, Value>, Vec<Value>> {
    body.as_object().ok_or_else(|| {
        vec![issue(
            "model_attributes_type",
            json!(["body"]),
            "Input should be a valid dictionary or object to extract fields from",
            body,
            None,
        )]
    })
}

/// A string member: `None` if absent and `optional` (null is not a string: refused).
fn string(
    map: &Map<String, Value>,
    name: &str,
    optional: bool,
    issues: &mut Vec<Value>,
) -> Option<String> {
    match map.get(name) {
        Some(Value::String(s)) => Some(s.clone()),
        None if optional => None,
        None => {
            issues.push(issue(
                "missing",
                json!(["body", name]),
                "Field required",
                &Value::Object(map.clone()),
                None,
            ));
            None
        }
        Some(other) => {
            issues.push(issue(
                "string_type",
                json!(["body", name]),
                "Input should be a valid string",
                other,
                None,
            ));
            None
        }
    }
}

/// An email member that must look like an address (pydantic's `EmailStr` error otherwise).
fn email(map: &Map<String, Value>, optional: bool, issues: &mut Vec<Value>) -> Option<String> {
    let value = string(map, "email", optional, issues)?;
    if looks_like_email(&value) {
        return Some(value);
    }
    let why = if value.contains('@') {
        "The part after the @-sign is not valid."
    } else {
        "An email address must have an @-sign."
    };
    issues.push(issue(
        "value_error",
        json!(["body", "email"]),
        &format!("value is not a valid email address: {why}"),
        &Value::String(value),
        Some(json!({ "reason": why })),
    ));
    None
}

/// A list of permission roles at `loc` (deduplicated, order kept).
fn roles(value: &Value, loc: &[Value], issues: &mut Vec<Value>) -> Vec<String> {
    let Some(items) = value.as_array() else {
        issues.push(issue(
            "list_type",
            Value::Array(loc.to_vec()),
            "Input should be a valid list",
            value,
            None,
        ));
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match item.as_str() {
            Some(role) if ROLES.contains(&role) => {
                if !out.iter().any(|r| r == role) {
                    out.push(role.to_owned());
                }
            }
            _ => {
                let mut item_loc = loc.to_vec();
                item_loc.push(json!(i));
                issues.push(issue(
                    "enum",
                    Value::Array(item_loc),
                    &format!("Input should be {ROLES_EXPECTED}"),
                    item,
                    Some(json!({ "expected": ROLES_EXPECTED })),
                ));
            }
        }
    }
    out
}

/// `PUT /users/{id}/roles` body: a JSON array of roles.
pub(crate) fn role_list(body: &Value) -> Result<Vec<String>, Vec<Value>> {
    let mut issues = Vec::new();
    let out = roles(body, &[json!("body")], &mut issues);
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(issues)
    }
}

/// `PATCH /users/me` body: optional `email` (a valid address) and `name` (not blank).
pub(crate) fn update_me(body: &Value) -> Result<(Option<String>, Option<String>), Vec<Value>> {
    let map = object(body)?;
    let mut issues = Vec::new();
    let email = email(map, true, &mut issues);
    let name = string(map, "name", true, &mut issues);
    if let Some(blank) = name.as_deref().filter(|n| n.trim().is_empty()) {
        issues.push(issue(
            "string_too_short",
            json!(["body", "name"]),
            "String should have at least 1 character",
            &Value::String(blank.to_owned()),
            Some(json!({ "min_length": 1 })),
        ));
    }
    if issues.is_empty() {
        Ok((email, name))
    } else {
        Err(issues)
    }
}

/// `POST /users/invite` body: `connection` ("google-oauth2" or null), `email`, `name`,
/// `roles`, all required.
pub(crate) fn invitation(body: &Value) -> Result<ModelPrimeInvitation, Vec<Value>> {
    let map = object(body)?;
    let mut issues = Vec::new();
    let connection = match map.get("connection") {
        None => {
            issues.push(issue(
                "missing",
                json!(["body", "connection"]),
                "Field required",
                body,
                None,
            ));
            None
        }
        Some(Value::Null) => None,
        Some(Value::String(c)) if c == "google-oauth2" => Some(c.clone()),
        Some(other) => {
            issues.push(issue(
                "literal_error",
                json!(["body", "connection"]),
                "Input should be 'google-oauth2'",
                other,
                Some(json!({ "expected": "'google-oauth2'" })),
            ));
            None
        }
    };
    let email = email(map, false, &mut issues);
    let name = string(map, "name", false, &mut issues);
    let roles = match map.get("roles") {
        None => {
            issues.push(issue(
                "missing",
                json!(["body", "roles"]),
                "Field required",
                body,
                None,
            ));
            Vec::new()
        }
        Some(value) => roles(value, &[json!("body"), json!("roles")], &mut issues),
    };
    match (email, name) {
        (Some(email), Some(name)) if issues.is_empty() => Ok(ModelPrimeInvitation {
            email,
            name,
            roles,
            connection,
        }),
        _ => Err(issues),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn list_query_defaults_clamps_and_rejects() {
        let q = list_query(&[]).unwrap();
        assert_eq!((q.page_number, q.page_size, q.name_search), (1, 100, None));
        assert_eq!(
            list_query(&pairs(&[("page_size", "500")]))
                .unwrap()
                .page_size,
            100
        );
        let errs = list_query(&pairs(&[
            ("page_number", "0"),
            ("page_size", "x"),
            ("name_search", "a1"),
        ]))
        .unwrap_err();
        let kinds: Vec<_> = errs.iter().map(|e| e["type"].as_str().unwrap()).collect();
        assert_eq!(
            kinds,
            vec![
                "greater_than_equal",
                "int_parsing",
                "string_pattern_mismatch"
            ]
        );
        assert_eq!(errs[0]["loc"], json!(["query", "page_number"]));
    }

    #[test]
    fn invitation_requires_every_field_and_checks_roles_and_connection() {
        let errs = invitation(&json!({})).unwrap_err();
        let locs: Vec<_> = errs.iter().map(|e| e["loc"][1].as_str().unwrap()).collect();
        assert_eq!(locs, vec!["connection", "email", "name", "roles"]);
        let errs = invitation(
            &json!({"connection": "github", "email": "a@b.co", "name": "A", "roles": ["owner"]}),
        )
        .unwrap_err();
        assert_eq!(errs[0]["type"], "literal_error");
        assert_eq!(errs[1]["loc"], json!(["body", "roles", 0]));
        assert_eq!(
            errs[1]["msg"],
            "Input should be 'admin', 'developer' or 'analyst'"
        );
        let ok = invitation(&json!({"connection": null, "email": "a@b.co", "name": "A", "roles": ["admin", "admin"]})).unwrap();
        assert_eq!((ok.connection, ok.roles), (None, vec!["admin".to_owned()]));
    }

    #[test]
    fn update_me_refuses_a_malformed_email_and_a_blank_name_but_takes_either_alone() {
        for bad in ["", "ada", "ada@", "ada@localhost", "a da@acme.example"] {
            let errs = update_me(&json!({ "email": bad })).unwrap_err();
            assert_eq!(errs[0]["type"], "value_error", "{bad:?}");
            assert_eq!(errs[0]["loc"], json!(["body", "email"]));
        }
        let errs = update_me(&json!({ "name": "  " })).unwrap_err();
        assert_eq!(errs[0]["type"], "string_too_short");
        let errs = update_me(&json!({ "name": null })).unwrap_err();
        assert_eq!(errs[0]["type"], "string_type");
        assert_eq!(
            update_me(&json!({ "email": "ada@acme.example" })).unwrap(),
            (Some("ada@acme.example".to_owned()), None)
        );
        assert_eq!(
            update_me(&json!({ "name": "Ada" })).unwrap(),
            (None, Some("Ada".to_owned()))
        );
    }

    #[test]
    fn an_invitation_needs_a_valid_email() {
        let errs =
            invitation(&json!({"connection": null, "email": "nope", "name": "A", "roles": []}))
                .unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0]["type"], "value_error");
    }

    #[test]
    fn bodies_that_are_missing_or_not_json_are_reported() {
        assert_eq!(body(b"").unwrap_err()[0]["type"], "missing");
        assert_eq!(body(b"{oops").unwrap_err()[0]["type"], "json_invalid");
        assert_eq!(
            role_list(&json!("admin")).unwrap_err()[0]["type"],
            "list_type"
        );
    }
}
