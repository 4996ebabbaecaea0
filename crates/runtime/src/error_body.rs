//! Finding the human message in a provider's JSON error body, whatever its shape:
//! Axiom `{code, message}`, DRF/FastAPI `{"detail": ...}` and field errors, GraphQL
//! `{"errors": [{"message"}]}`.

use serde_json::Value;

/// The message a person should read from an error body, if it has one.
///
/// ```
/// use serde_json::json;
/// use usermgmt_runtime::error_message;
/// assert_eq!(error_message(&json!({"code": 404, "message": "not found"})).as_deref(), Some("not found"));
/// assert_eq!(error_message(&json!({"email": ["Enter a valid email address."]})).as_deref(),
///            Some("email: Enter a valid email address."));
/// ```
pub fn error_message(body: &Value) -> Option<String> {
    let object = match body {
        Value::String(text) if !text.trim().is_empty() => return Some(text.clone()),
        Value::Object(object) => object,
        _ => return None,
    };
    for key in ["message", "detail", "error", "errors"] {
        if let Some(message) = object.get(key).and_then(text_of) {
            return Some(message);
        }
    }
    // DRF field errors: {"field": ["msg", ...], ...}
    let fields: Vec<String> = object
        .iter()
        .filter_map(|(field, value)| text_of(value).map(|m| format!("{field}: {m}")))
        .collect();
    (!fields.is_empty()).then(|| fields.join("; "))
}

/// A string, or the messages of a list of strings or of `{msg|message, loc?}` objects.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(text) if !text.trim().is_empty() => Some(text.clone()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(item_text).collect();
            (!parts.is_empty()).then(|| parts.join("; "))
        }
        Value::Object(_) => item_text(value),
        _ => None,
    }
}

fn item_text(item: &Value) -> Option<String> {
    match item {
        Value::String(text) => Some(text.clone()),
        Value::Object(object) => {
            let message = ["message", "msg", "detail"]
                .iter()
                .find_map(|k| object.get(*k).and_then(Value::as_str))?;
            // FastAPI validation errors say where: {"loc": ["query", "page_size"], ...}
            match object.get("loc").and_then(Value::as_array) {
                Some(loc) => {
                    let path: Vec<String> = loc
                        .iter()
                        .map(|p| {
                            p.as_str()
                                .map(str::to_string)
                                .unwrap_or_else(|| p.to_string())
                        })
                        .collect();
                    Some(format!("{}: {message}", path.join(".")))
                }
                None => Some(message.to_string()),
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_providers_error_shape_yields_its_message() {
        let cases = [
            (json!({"code": 403, "message": "Forbidden"}), "Forbidden"),
            (
                json!({"code": "forbidden", "message": "no access"}),
                "no access",
            ),
            (
                json!({"message": "rate limit exceeded"}),
                "rate limit exceeded",
            ),
            (json!({"detail": "Not found."}), "Not found."),
            (
                json!({"email": ["This field is required."], "first_name": ["Too long."]}),
                "email: This field is required.; first_name: Too long.",
            ),
            (
                json!({"detail": [{"loc": ["query", "page_size"], "msg": "too big", "type": "x"}]}),
                "query.page_size: too big",
            ),
            (
                json!({"errors": [{"message": "Unauthorized"}]}),
                "Unauthorized",
            ),
            (json!("plain text body"), "plain text body"),
        ];
        for (body, expected) in cases {
            assert_eq!(error_message(&body).as_deref(), Some(expected), "{body}");
        }
    }

    #[test]
    fn bodies_without_a_message_give_none() {
        for body in [json!({}), json!(null), json!(42), json!({"ok": false})] {
            assert_eq!(error_message(&body), None, "{body}");
        }
    }
}
