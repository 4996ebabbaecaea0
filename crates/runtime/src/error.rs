//! The one error type every usermgmt crate returns, and the conversion from the
//! generated clients' `progenitor_client::Error`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{Provider, error_message};

/// Anything that can go wrong talking to a provider. `Display` is one line a person can
/// act on; the fields keep everything a program needs (status, decoded and raw body).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A required environment variable is not set.
    #[error("{provider}: environment variable {name} is not set")]
    MissingEnv {
        /// The provider being configured.
        provider: Provider,
        /// The variable to set.
        name: &'static str,
    },

    /// Credentials would have been sent over plain HTTP to a non-loopback host.
    #[error(
        "{provider}: refusing to send credentials to {url} over plain HTTP; use https:// \
         (plain http is allowed only to loopback addresses)"
    )]
    InsecureUrl {
        /// The provider being configured.
        provider: Provider,
        /// The refused URL.
        url: String,
    },

    /// The base URL cannot be used.
    #[error("{provider}: invalid base URL {url:?}: {reason}")]
    InvalidUrl {
        /// The provider being configured.
        provider: Provider,
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },

    /// The request did not complete: DNS, connection, TLS or protocol failure.
    #[error("{provider} {operation}: could not reach the server: {source}")]
    Transport {
        /// The provider called.
        provider: Provider,
        /// The operation id (`list_users`).
        operation: String,
        /// The underlying error.
        #[source]
        source: reqwest::Error,
    },

    /// The server did not answer within the configured timeout.
    #[error(
        "{provider} {operation}: timed out waiting for the server; retry later or raise the timeout"
    )]
    Timeout {
        /// The provider called.
        provider: Provider,
        /// The operation id.
        operation: String,
    },

    /// The server answered with a non-success status.
    #[error("{}", describe_status(*provider, operation, *status, message.as_deref()))]
    Status {
        /// The provider called.
        provider: Provider,
        /// The operation id.
        operation: String,
        /// The HTTP status code.
        status: u16,
        /// The message found in the provider's error body.
        message: Option<String>,
        /// The error body decoded as JSON, when it was JSON (boxed to keep `Error` small).
        body: Option<Box<Value>>,
        /// The raw error body.
        raw: String,
    },

    /// A GraphQL response carried an `errors` array.
    #[error("{provider} {operation}: GraphQL error: {}", join_messages(errors))]
    GraphQl {
        /// The provider called.
        provider: Provider,
        /// The GraphQL operation name (`InviteUser`).
        operation: String,
        /// The errors, as the server sent them.
        errors: Vec<GraphQlError>,
        /// Partial data, when the server sent some alongside the errors (boxed to keep
        /// `Error` small).
        data: Option<Box<Value>>,
    },

    /// A mutation answered `ok: false`: the server refused without saying why.
    #[error("{provider} {operation}: the server answered ok: false (nothing was changed)")]
    NotOk {
        /// The provider called.
        provider: Provider,
        /// The GraphQL operation name.
        operation: String,
    },

    /// A success response whose body does not match the API description.
    #[error("{provider} {operation}: could not decode the response: {message}")]
    Decode {
        /// The provider called.
        provider: Provider,
        /// The operation id.
        operation: String,
        /// What did not match.
        message: String,
        /// The raw body.
        raw: String,
    },

    /// The provider's API has no such operation (checked before any request).
    #[error("{provider} does not support {operation}")]
    Unsupported {
        /// The provider asked.
        provider: Provider,
        /// What was asked for.
        operation: String,
    },

    /// A page of a listing failed; the items before it were delivered. Resume the listing
    /// from `page` (1-based) to get the rest.
    #[error("{source} (listing stopped at page {page}; resume from that page)")]
    Page {
        /// The page that failed, 1-based.
        page: u64,
        /// Why it failed.
        #[source]
        source: Box<Error>,
    },

    /// The caller's input was refused before any request.
    #[error("{}invalid input: {message}", provider.map(|p| format!("{p}: ")).unwrap_or_default())]
    InvalidInput {
        /// The provider, when the input was for one.
        provider: Option<Provider>,
        /// What is wrong.
        message: String,
    },
}

/// One entry of a GraphQL `errors` array.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphQlError {
    /// The message.
    pub message: String,
    /// Where in the response the error applies, when the server says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<Vec<Value>>,
    /// Server-specific details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Value>,
}

impl Error {
    /// The provider concerned, when there is one.
    pub fn provider(&self) -> Option<Provider> {
        match self {
            Error::MissingEnv { provider, .. }
            | Error::InsecureUrl { provider, .. }
            | Error::InvalidUrl { provider, .. }
            | Error::Transport { provider, .. }
            | Error::Timeout { provider, .. }
            | Error::Status { provider, .. }
            | Error::GraphQl { provider, .. }
            | Error::NotOk { provider, .. }
            | Error::Decode { provider, .. }
            | Error::Unsupported { provider, .. } => Some(*provider),
            Error::InvalidInput { provider, .. } => *provider,
            Error::Page { source, .. } => source.provider(),
        }
    }

    /// The HTTP status, for [`Error::Status`].
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Status { status, .. } => Some(*status),
            Error::Page { source, .. } => source.status(),
            _ => None,
        }
    }

    /// Whether the server said the thing does not exist (404).
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    /// A [`Error::Status`] from a response's parts; the message is looked up in the body.
    pub fn from_status(provider: Provider, operation: &str, status: u16, raw: String) -> Self {
        let body = serde_json::from_str::<Value>(&raw).ok();
        let message = match &body {
            Some(body) => error_message(body),
            None => Some(raw.trim().to_string()).filter(|t| !t.is_empty() && t.len() <= 500),
        };
        Error::Status {
            provider,
            operation: operation.to_string(),
            status,
            message,
            body: body.map(Box::new),
            raw,
        }
    }

    /// A [`Error::Transport`] or, when it timed out, a [`Error::Timeout`].
    pub fn from_reqwest(provider: Provider, operation: &str, source: reqwest::Error) -> Self {
        let operation = operation.to_string();
        if source.is_timeout() {
            Error::Timeout {
                provider,
                operation,
            }
        } else {
            Error::Transport {
                provider,
                operation,
                source,
            }
        }
    }
}

/// The status line: what happened, the provider's own message, and what to do.
fn describe_status(
    provider: Provider,
    operation: &str,
    status: u16,
    message: Option<&str>,
) -> String {
    let mut line = format!("{status} from {provider} {operation}");
    if let Some(message) = message {
        line.push_str(": ");
        line.push_str(message);
    }
    let hint = match status {
        401 | 403 => Some(format!(
            "check {}",
            provider.credential_envs().join(" and ")
        )),
        404 => Some("no such resource: check the id".to_string()),
        409 => Some("it already exists".to_string()),
        429 => Some("rate limited: retry later".to_string()),
        500..=599 => Some(format!("{provider} had a server error: retry later")),
        _ => None,
    };
    if let Some(hint) = hint {
        line.push_str(" (");
        line.push_str(&hint);
        line.push(')');
    }
    line
}

fn join_messages(errors: &[GraphQlError]) -> String {
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    if messages.is_empty() {
        "(no message)".into()
    } else {
        messages.join("; ")
    }
}

/// Convert a generated client's error into [`Error`], naming provider and operation.
/// Async because an undocumented response's body still has to be read.
pub async fn convert<E: Serialize>(
    provider: Provider,
    operation: &str,
    error: progenitor_client::Error<E>,
) -> Error {
    use progenitor_client::Error as P;
    match error {
        P::InvalidRequest(message) | P::Custom(message) => Error::InvalidInput {
            provider: Some(provider),
            message,
        },
        P::CommunicationError(source)
        | P::InvalidUpgrade(source)
        | P::ResponseBodyError(source) => Error::from_reqwest(provider, operation, source),
        P::ErrorResponse(response) => {
            let status = response.status().as_u16();
            let body = serde_json::to_value(response.into_inner()).ok();
            let raw = body.as_ref().map(Value::to_string).unwrap_or_default();
            Error::Status {
                provider,
                operation: operation.to_string(),
                status,
                message: body.as_ref().and_then(error_message),
                body: body.map(Box::new),
                raw,
            }
        }
        P::InvalidResponsePayload(bytes, source) => Error::Decode {
            provider,
            operation: operation.to_string(),
            message: source.to_string(),
            raw: String::from_utf8_lossy(&bytes).into_owned(),
        },
        P::UnexpectedResponse(response) => {
            let status = response.status();
            let raw = match response.text().await {
                Ok(raw) => raw,
                Err(source) => return Error::from_reqwest(provider, operation, source),
            };
            if status.is_success() {
                Error::Decode {
                    provider,
                    operation: operation.to_string(),
                    message: format!("unexpected success status {status}"),
                    raw,
                }
            } else {
                Error::from_status(provider, operation, status.as_u16(), raw)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_errors_name_provider_operation_message_and_next_step() {
        let err = Error::from_status(
            Provider::Axiom,
            "get_user",
            401,
            r#"{"code": 401, "message": "invalid token"}"#.into(),
        );
        assert_eq!(
            err.to_string(),
            "401 from Axiom get_user: invalid token (check AXIOM_TOKEN)"
        );
        let err = Error::from_status(
            Provider::Adverity,
            "get_user",
            404,
            r#"{"detail":"Not found."}"#.into(),
        );
        assert!(err.is_not_found());
        assert_eq!(
            err.to_string(),
            "404 from Adverity get_user: Not found. (no such resource: check the id)"
        );
    }

    #[test]
    fn non_json_error_bodies_are_kept_verbatim() {
        let err = Error::from_status(
            Provider::Axolo,
            "offboard_engineer",
            400,
            "user not found".into(),
        );
        assert_eq!(
            err.to_string(),
            "400 from Axolo offboard_engineer: user not found"
        );
        match err {
            Error::Status { raw, body, .. } => {
                assert_eq!(raw, "user not found");
                assert_eq!(body, None);
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn graphql_errors_list_every_message() {
        let err = Error::GraphQl {
            provider: Provider::Paradime,
            operation: "InviteUser".into(),
            errors: vec![
                GraphQlError {
                    message: "a".into(),
                    path: None,
                    extensions: None,
                },
                GraphQlError {
                    message: "b".into(),
                    path: None,
                    extensions: None,
                },
            ],
            data: None,
        };
        assert_eq!(err.to_string(), "Paradime InviteUser: GraphQL error: a; b");
    }

    #[test]
    fn missing_env_names_the_variable() {
        let err = Error::MissingEnv {
            provider: Provider::ModelPrime,
            name: "MODELPRIME_TOKEN",
        };
        assert_eq!(
            err.to_string(),
            "Model-Prime: environment variable MODELPRIME_TOKEN is not set"
        );
    }
}
