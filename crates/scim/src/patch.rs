//! PATCH operations (RFC 7644 section 3.5.2) applied to a resource's JSON: `add`,
//! `replace` and `remove` (case-insensitive, as Entra sends `Replace`), with or without
//! a path; paths `attr`, `attr.sub`, `urn:...:attr`, a whole extension by its URN, and
//! value filters `emails[type eq "work"]` and `emails[type eq "work"].value`.
//!
//! Written here rather than taken from a crate: the SCIM crates on crates.io model
//! resources as fixed structs, while the bridge stores whatever attributes an identity
//! provider writes, so it patches JSON; the filter evaluator is the one `filter=` uses.

use serde_json::{Map, Value};

use crate::ScimError;
use crate::filter::{AttrPath, PatchPath};

/// The schema URI of PATCH bodies.
pub(crate) const PATCH_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/// One operation's verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Add,
    Replace,
    Remove,
}

/// The operations of a PATCH body, checked: the PatchOp schema and an `Operations` array.
pub(crate) fn operations(body: &Value) -> Result<&Vec<Value>, ScimError> {
    let schemas_ok = body["schemas"]
        .as_array()
        .is_some_and(|s| s.iter().any(|v| v.as_str() == Some(PATCH_SCHEMA)));
    crate::filter::field(body, "Operations")
        .and_then(Value::as_array)
        .filter(|_| schemas_ok)
        .ok_or_else(|| {
            ScimError::invalid_syntax(format!(
                "a PATCH body needs \"schemas\": [\"{PATCH_SCHEMA}\"] and an \"Operations\" array"
            ))
        })
}

/// Apply every operation of `body` to `resource`, in order; on an error `resource` may
/// be partly changed (the caller patches a copy).
///
/// ```ignore
/// let mut user = json!({"emails": [{"type": "work", "value": "a@x"}]});
/// apply(&mut user, &json!({"schemas": [PATCH_SCHEMA], "Operations": [
///     {"op": "replace", "path": "emails[type eq \"work\"].value", "value": "b@x"}]}))?;
/// ```
pub(crate) fn apply(resource: &mut Value, body: &Value) -> Result<(), ScimError> {
    for operation in operations(body)? {
        apply_one(resource, operation)?;
    }
    Ok(())
}

/// `resource` with the operations of `body` applied (the original untouched).
pub(crate) fn applied(resource: &Value, body: &Value) -> Result<Value, ScimError> {
    let mut patched = resource.clone();
    apply(&mut patched, body)?;
    Ok(patched)
}

fn apply_one(resource: &mut Value, operation: &Value) -> Result<(), ScimError> {
    let op = match operation["op"]
        .as_str()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("add") => Op::Add,
        Some("replace") => Op::Replace,
        Some("remove") => Op::Remove,
        _ => {
            return Err(ScimError::invalid_syntax(format!(
                "unknown PATCH op {}: expected add, replace or remove",
                operation["op"]
            )));
        }
    };
    let value = crate::filter::field(operation, "value").cloned();
    let Some(object) = resource.as_object_mut() else {
        return Err(ScimError::invalid_value("the resource is not an object"));
    };
    let path = crate::filter::field(operation, "path")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let Some(path) = path else {
        return match (op, value) {
            (Op::Remove, _) => Err(ScimError::no_target("a remove operation needs a path")),
            (_, Some(Value::Object(fields))) => {
                for (key, value) in fields {
                    let existing = key_in(object, &key);
                    match (object.get_mut(&existing), value) {
                        // An extension's attributes merge into it.
                        (Some(Value::Object(into)), Value::Object(from)) if key.contains(':') => {
                            for (k, v) in from {
                                let k = key_in(into, &k);
                                set(into, k, v, op);
                            }
                        }
                        (_, value) => set(object, existing, value, op),
                    }
                }
                Ok(())
            }
            _ => Err(ScimError::invalid_value(
                "an operation without a path needs an object value",
            )),
        };
    };
    // A whole extension named by its URN: one the resource holds, or one it may hold
    // (else `urn:...:2.0:User` would read as attribute `User` of schema `urn:...:2.0`).
    let whole_extension = object.contains_key(&key_in(object, path))
        || crate::users::EXTENSIONS
            .iter()
            .any(|e| e.eq_ignore_ascii_case(path));
    if path.starts_with("urn:") && !path.contains('[') && whole_extension {
        let key = key_in(object, path);
        return change(object, key, value, op);
    }
    let path = PatchPath::parse(path).map_err(|e| ScimError::invalid_path(e.to_string()))?;
    let container = container(object, &path.attribute, op)?;
    let Some(container) = container else {
        return Ok(());
    };
    let attribute = key_in(container, &path.attribute.attribute);
    match (&path.filter, &path.attribute.sub_attribute) {
        (None, None) => change(container, attribute, value, op),
        (None, Some(sub)) => {
            if op == Op::Remove && !container.contains_key(&attribute) {
                return Ok(());
            }
            let inner = container
                .entry(attribute.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            let Some(inner) = inner.as_object_mut() else {
                return Err(ScimError::invalid_path(format!(
                    "{attribute} has no sub-attributes"
                )));
            };
            let sub = key_in(inner, sub);
            change(inner, sub, value, op)?;
            if inner.is_empty() {
                container.remove(&attribute);
            }
            Ok(())
        }
        (Some(filter), _) => {
            let Some(Value::Array(elements)) = container.get_mut(&attribute) else {
                return Err(ScimError::no_target(format!(
                    "{attribute} has no values to filter"
                )));
            };
            let case_exact = |_: &AttrPath| false;
            let matched: Vec<usize> = (0..elements.len())
                .filter(|i| filter.matches(&elements[*i], &case_exact))
                .collect();
            if matched.is_empty() {
                return Err(ScimError::no_target(format!(
                    "no value of {attribute} matches the filter"
                )));
            }
            match (&path.sub_attribute, op) {
                (None, Op::Remove) => {
                    let mut index = 0;
                    elements.retain(|_| {
                        index += 1;
                        !matched.contains(&(index - 1))
                    });
                }
                (None, _) => {
                    let Some(Value::Object(fields)) = value else {
                        return Err(ScimError::invalid_value(format!(
                            "a value of {attribute} is replaced with an object of sub-attributes"
                        )));
                    };
                    for i in matched {
                        if let Some(element) = elements[i].as_object_mut() {
                            for (k, v) in &fields {
                                let k = key_in(element, k);
                                element.insert(k, v.clone());
                            }
                        }
                    }
                }
                (Some(sub), op) => {
                    for i in matched {
                        if let Some(element) = elements[i].as_object_mut() {
                            let sub = key_in(element, sub);
                            change(element, sub, value.clone(), op)?;
                        }
                    }
                }
            }
            if elements.is_empty() {
                container.remove(&attribute);
            }
            Ok(())
        }
    }
}

/// The object `path` names an attribute of: the resource, or an extension's object
/// (created for `add`/`replace`; `None` when removing from an absent extension).
fn container<'a>(
    object: &'a mut Map<String, Value>,
    path: &AttrPath,
    op: Op,
) -> Result<Option<&'a mut Map<String, Value>>, ScimError> {
    let Some(uri) = path.uri.as_deref().filter(|u| !is_core(u)) else {
        return Ok(Some(object));
    };
    let key = key_in(object, uri);
    if op == Op::Remove && !object.contains_key(&key) {
        return Ok(None);
    }
    match object
        .entry(key)
        .or_insert_with(|| Value::Object(Map::new()))
    {
        Value::Object(inner) => Ok(Some(inner)),
        _ => Err(ScimError::invalid_path(format!(
            "{uri} is not an extension"
        ))),
    }
}

fn is_core(uri: &str) -> bool {
    uri.to_ascii_lowercase()
        .starts_with("urn:ietf:params:scim:schemas:core:")
}

/// Add, replace or remove `key` of `object`.
fn change(
    object: &mut Map<String, Value>,
    key: String,
    value: Option<Value>,
    op: Op,
) -> Result<(), ScimError> {
    if op == Op::Remove {
        object.remove(&key);
        return Ok(());
    }
    let Some(value) = value else {
        return Err(ScimError::invalid_value(format!(
            "{key}: an add or replace needs a value"
        )));
    };
    set(object, key, value, op);
    Ok(())
}

/// Set `key` to `value`: `add` to a multi-valued attribute appends the values it does not
/// hold yet (RFC 7644 section 3.5.2.1); anything else replaces; a null removes.
fn set(object: &mut Map<String, Value>, key: String, value: Value, op: Op) {
    if value.is_null() {
        object.remove(&key);
        return;
    }
    match (op, object.get_mut(&key), value) {
        (Op::Add, Some(Value::Array(existing)), Value::Array(more)) => {
            for item in more {
                if !existing.contains(&item) {
                    existing.push(item);
                }
            }
        }
        (Op::Add, Some(Value::Object(existing)), Value::Object(more)) => {
            for (k, v) in more {
                let k = key_in(existing, &k);
                existing.insert(k, v);
            }
        }
        (_, _, value) => {
            object.insert(key, value);
        }
    }
}

/// The key of `object` equal to `name` ignoring case, else `name` itself.
fn key_in(object: &Map<String, Value>, name: &str) -> String {
    object
        .keys()
        .find(|k| k.eq_ignore_ascii_case(name))
        .cloned()
        .unwrap_or_else(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn patched(mut resource: Value, operations: Value) -> Result<Value, ScimError> {
        apply(
            &mut resource,
            &json!({"schemas": [PATCH_SCHEMA], "Operations": operations}),
        )?;
        Ok(resource)
    }

    #[test]
    fn adding_a_whole_extension_the_user_lacks_adds_it_under_its_urn() {
        let urn = crate::AXOLO_SCHEMA;
        let done = patched(
            json!({"userName": "joan@acme.example"}),
            json!([{"op": "add", "path": urn, "value": {"githubLogin": "joan-c"}}]),
        )
        .unwrap();
        assert_eq!(done[urn]["githubLogin"], "joan-c", "{done}");
        assert_eq!(done.as_object().unwrap().len(), 2, "{done}");
        let replaced = patched(
            done,
            json!([{"op": "replace", "path": format!("{urn}:slackId"), "value": "U1"}]),
        )
        .unwrap();
        assert_eq!(
            replaced[urn],
            json!({"githubLogin": "joan-c", "slackId": "U1"})
        );
    }

    fn user() -> Value {
        json!({
            "userName": "joan@acme.example",
            "name": {"givenName": "Joan", "familyName": "Clarke"},
            "emails": [
                {"value": "joan@acme.example", "type": "work", "primary": true},
                {"value": "joan@home.example", "type": "home"}
            ],
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "crypto"}
        })
    }

    #[test]
    fn paths_name_attributes_sub_attributes_extensions_and_filtered_values() {
        let done = patched(
            user(),
            json!([
                {"op": "Replace", "path": "name.givenName", "value": "Joanie"},
                {"op": "add", "path": "displayName", "value": "Joan C."},
                {"op": "replace", "path": "emails[type eq \"home\"].value", "value": "jc@home.example"},
                {"op": "replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "math"},
                {"op": "add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "value": {"value": "x"}},
                {"op": "remove", "path": "NAME.familyName"},
            ]),
        )
        .expect("applied");
        assert_eq!(done["name"], json!({"givenName": "Joanie"}));
        assert_eq!(done["displayName"], "Joan C.");
        assert_eq!(done["emails"][1]["value"], "jc@home.example");
        assert_eq!(done["emails"][0]["value"], "joan@acme.example");
        let enterprise = &done["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"];
        assert_eq!(enterprise["department"], "math");
        assert_eq!(enterprise["manager"]["value"], "x");
    }

    #[test]
    fn without_a_path_values_merge_and_add_appends_to_multi_valued_attributes() {
        let done = patched(
            user(),
            json!([
                {"op": "replace", "value": {"active": false, "TITLE": "Analyst"}},
                {"op": "add", "value": {"emails": [{"value": "j@x.example"}]}},
                {"op": "add", "value": {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"division": "GC"}}},
            ]),
        )
        .expect("applied");
        assert_eq!(done["active"], false);
        assert_eq!(done["TITLE"], "Analyst");
        assert_eq!(done["emails"].as_array().map(Vec::len), Some(3));
        let enterprise = &done["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"];
        assert_eq!(
            enterprise,
            &json!({"department": "crypto", "division": "GC"})
        );
    }

    #[test]
    fn removing_filtered_values_whole_attributes_and_extensions() {
        let done = patched(
            user(),
            json!([
                {"op": "remove", "path": "emails[type eq \"home\"]"},
                {"op": "remove", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"},
                {"op": "remove", "path": "name"},
                {"op": "remove", "path": "nickName"},
            ]),
        )
        .expect("applied");
        assert_eq!(done["emails"].as_array().map(Vec::len), Some(1));
        assert!(done.get("name").is_none());
        assert!(
            done.get("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
                .is_none()
        );
        let gone = patched(
            user(),
            json!([{"op": "remove", "path": "emails[type eq \"work\" or type eq \"home\"]"}]),
        )
        .expect("applied");
        assert!(gone.get("emails").is_none(), "an emptied list is removed");
    }

    #[test]
    fn bad_operations_are_refused_with_their_scim_type() {
        let cases = [
            (json!([{"op": "remove"}]), "noTarget"),
            (
                json!([{"op": "merge", "path": "x", "value": 1}]),
                "invalidSyntax",
            ),
            (json!([{"op": "replace", "value": 3}]), "invalidValue"),
            (json!([{"op": "replace", "path": "x"}]), "invalidValue"),
            (
                json!([{"op": "replace", "path": "emails[type eq", "value": 1}]),
                "invalidPath",
            ),
            (
                json!([{"op": "replace", "path": "emails[type eq \"other\"].value", "value": "v"}]),
                "noTarget",
            ),
            (
                json!([{"op": "replace", "path": "userName.x", "value": "v"}]),
                "invalidPath",
            ),
        ];
        for (operations, scim_type) in cases {
            let error = patched(user(), operations.clone()).expect_err("refused");
            assert_eq!(error.scim_type(), Some(scim_type), "{operations}: {error}");
        }
        let error = apply(&mut user(), &json!({"Operations": []})).expect_err("no schemas");
        assert_eq!(error.scim_type(), Some("invalidSyntax"));
    }
}
