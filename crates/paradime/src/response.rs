//! Turning Paradime's HTTP answer into data or an [`Error`], in the order that keeps the
//! most useful error: HTTP status, then the GraphQL envelope (`errors`, `data`), then a
//! payload answering `ok: false`, and only then the operation's own types.

use graphql_client::PathFragment;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::Value;
use usermgmt_runtime::{Error, GraphQlError, Provider};

/// The provider every error from this crate names.
pub(crate) const PROVIDER: Provider = Provider::Paradime;

/// A decoded answer, with the raw body kept for errors found later (a missing payload).
#[derive(Debug)]
pub(crate) struct Reply<D> {
    /// The operation's `ResponseData`.
    pub(crate) data: D,
    operation: &'static str,
    raw: String,
}

impl<D> Reply<D> {
    /// The operation's root payload, which the schema makes nullable so that an answer
    /// with `errors` can still carry partial data. Null without any error is a
    /// [`Error::Decode`] naming `field`.
    pub(crate) fn payload<T>(
        self,
        field: &str,
        pick: impl FnOnce(D) -> Option<T>,
    ) -> Result<T, Error> {
        let Reply {
            data,
            operation,
            raw,
        } = self;
        pick(data).ok_or_else(|| {
            decode_error(
                operation,
                format!("`{field}` is null although the server reported no error"),
                raw,
            )
        })
    }
}

/// Decode the answer to `operation`.
///
/// - a non-2xx status is [`Error::Status`] with the body's message;
/// - a body that is not a GraphQL response is [`Error::Decode`];
/// - a non-empty `errors` array is [`Error::GraphQl`], keeping any partial `data` as JSON;
/// - no `data` at all is [`Error::Decode`];
/// - a root field answering `ok: false` is [`Error::NotOk`]; checked before the typed
///   decoding because a refusing server may leave the payload's other fields null;
/// - data that does not fit `D` is [`Error::Decode`].
pub(crate) fn decode<D: DeserializeOwned>(
    operation: &'static str,
    status: StatusCode,
    raw: String,
) -> Result<Reply<D>, Error> {
    if !status.is_success() {
        return Err(Error::from_status(
            PROVIDER,
            operation,
            status.as_u16(),
            raw,
        ));
    }
    let envelope = match serde_json::from_str::<graphql_client::Response<Value>>(&raw) {
        Ok(envelope) => envelope,
        Err(error) => {
            let message = format!("the body is not a GraphQL response: {error}");
            return Err(decode_error(operation, message, raw));
        }
    };
    let data = envelope.data.filter(|data| !data.is_null());
    let errors = envelope.errors.unwrap_or_default();
    if !errors.is_empty() {
        return Err(Error::GraphQl {
            provider: PROVIDER,
            operation: operation.to_string(),
            errors: errors.into_iter().map(graphql_error).collect(),
            data: data.map(Box::new),
        });
    }
    let Some(data) = data else {
        let message = "the response holds neither data nor errors".to_string();
        return Err(decode_error(operation, message, raw));
    };
    if refuses(&data) {
        return Err(Error::NotOk {
            provider: PROVIDER,
            operation: operation.to_string(),
        });
    }
    match serde_json::from_value::<D>(data) {
        Ok(data) => Ok(Reply {
            data,
            operation,
            raw,
        }),
        Err(error) => {
            let message = format!("the data does not match the {operation} selection: {error}");
            Err(decode_error(operation, message, raw))
        }
    }
}

/// Whether a root field is a Paradime payload answering `ok: false`. Only a JSON `false`
/// counts: anything else under `ok` is left to the typed decoding to reject.
fn refuses(data: &Value) -> bool {
    data.as_object().is_some_and(|fields| {
        fields
            .values()
            .any(|payload| payload.get("ok") == Some(&Value::Bool(false)))
    })
}

/// graphql_client's error entry in the runtime's shape (which has no `locations`).
fn graphql_error(error: graphql_client::Error) -> GraphQlError {
    GraphQlError {
        message: error.message,
        path: error.path.map(|path| {
            path.into_iter()
                .map(|fragment| match fragment {
                    PathFragment::Key(key) => Value::String(key),
                    PathFragment::Index(index) => Value::from(index),
                })
                .collect()
        }),
        extensions: error
            .extensions
            .map(|extensions| Value::Object(extensions.into_iter().collect())),
    }
}

fn decode_error(operation: &str, message: String, raw: String) -> Error {
    Error::Decode {
        provider: PROVIDER,
        operation: operation.to_string(),
        message,
        raw,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Data {
        #[serde(rename = "disableUser")]
        disable_user: Option<Payload>,
    }

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Payload {
        ok: bool,
    }

    fn decode_ok(raw: &str) -> Result<Reply<Data>, Error> {
        decode("DisableUser", StatusCode::OK, raw.to_string())
    }

    #[test]
    fn ok_true_decodes_into_the_operation_types() {
        let reply = decode_ok(r#"{"data": {"disableUser": {"ok": true}}}"#).unwrap();
        assert_eq!(reply.data.disable_user, Some(Payload { ok: true }));
    }

    #[test]
    fn an_empty_errors_array_is_no_error() {
        let reply = decode_ok(r#"{"data": {"disableUser": {"ok": true}}, "errors": []}"#).unwrap();
        assert_eq!(
            reply.payload("disableUser", |d| d.disable_user).unwrap(),
            Payload { ok: true }
        );
    }

    #[test]
    fn graphql_errors_keep_path_and_extensions_as_json() {
        let raw = r#"{"errors": [{"message": "nope", "locations": [{"line": 1, "column": 2}],
            "path": ["users", 0, "email"], "extensions": {"code": "FORBIDDEN"}}]}"#;
        match decode_ok(raw) {
            Err(Error::GraphQl { errors, data, .. }) => {
                assert_eq!(data, None);
                assert_eq!(errors[0].message, "nope");
                assert_eq!(
                    errors[0].path,
                    Some(vec![json!("users"), json!(0), json!("email")])
                );
                assert_eq!(errors[0].extensions, Some(json!({"code": "FORBIDDEN"})));
            }
            other => panic!("expected GraphQl, got {other:?}"),
        }
    }

    #[test]
    fn ok_false_wins_over_fields_the_payload_left_null() {
        let raw = r#"{"data": {"listUsers": {"ok": false, "activeUsers": null}}}"#;
        let result = decode::<Value>("ListUsers", StatusCode::OK, raw.to_string());
        assert!(matches!(result, Err(Error::NotOk { .. })), "{result:?}");
    }

    #[test]
    fn only_a_json_false_counts_as_a_refusal() {
        assert!(refuses(&json!({"inviteUser": {"ok": false}})));
        assert!(!refuses(&json!({"inviteUser": {"ok": "false"}})));
        assert!(!refuses(&json!({"inviteUser": null})));
        assert!(!refuses(&json!([{"ok": false}])));
    }

    #[test]
    fn a_null_payload_without_errors_is_a_decode_error_naming_the_field() {
        let reply = decode_ok(r#"{"data": {"disableUser": null}}"#).unwrap();
        match reply.payload("disableUser", |d| d.disable_user) {
            Err(err @ Error::Decode { .. }) => {
                assert!(err.to_string().contains("Paradime DisableUser"), "{err}");
                assert!(err.to_string().contains("`disableUser` is null"), "{err}");
            }
            other => panic!("expected Decode, got {other:?}"),
        }
    }
}
