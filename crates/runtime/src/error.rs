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
    #[error("{}", describe_transport(*provider, operation, source, *may_have_acted))]
    Transport {
        /// The provider called.
        provider: Provider,
        /// The operation id (`list_users`).
        operation: String,
        /// The underlying error.
        #[source]
        source: reqwest::Error,
        /// The request changes something and had been sent when the exchange failed, so
        /// the change may have happened: look before trying again.
        may_have_acted: bool,
    },

    /// The server did not answer within the configured timeout.
    #[error("{}", describe_timeout(*provider, operation, *may_have_acted))]
    Timeout {
        /// The provider called.
        provider: Provider,
        /// The operation id.
        operation: String,
        /// The request changes something and was sent, so the change may have happened.
        may_have_acted: bool,
    },

    /// The response body was longer than
    /// [`ClientOptions::max_response_bytes`](crate::ClientOptions::max_response_bytes).
    #[error(
        "{provider} {operation}: the response is larger than the limit of {} and was not read",
        human_bytes(*limit)
    )]
    TooLarge {
        /// The provider called.
        provider: Provider,
        /// The operation id.
        operation: String,
        /// The limit in bytes.
        limit: u64,
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
    #[error("{}", describe_page(*page, source))]
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
            | Error::TooLarge { provider, .. }
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
    /// Without a message in a known place, the message is an excerpt of the raw body
    /// (whitespace collapsed, at most 200 characters), so an HTML page from a gateway
    /// or an unexpected JSON shape still says something.
    /// Credentials the server echoes back are [redacted](crate::redact) first.
    pub fn from_status(provider: Provider, operation: &str, status: u16, raw: String) -> Self {
        let raw = crate::redact::scrub(&raw).into_owned();
        let body = serde_json::from_str::<Value>(&raw).ok();
        let message = body
            .as_ref()
            .and_then(error_message)
            .or_else(|| excerpt(&raw, EXCERPT_CHARS));
        Error::Status {
            provider,
            operation: operation.to_string(),
            status,
            message,
            body: body.map(Box::new),
            raw,
        }
    }

    /// A [`Error::Transport`], or a [`Error::Timeout`] when it timed out, or a
    /// [`Error::TooLarge`] when the body passed the size limit. For a request that
    /// changes nothing; see [`from_reqwest_sent`](Self::from_reqwest_sent) for one that does.
    pub fn from_reqwest(provider: Provider, operation: &str, source: reqwest::Error) -> Self {
        Self::from_reqwest_sent(provider, operation, source, true)
    }

    /// Like [`from_reqwest`](Self::from_reqwest), for a request that is `idempotent` or
    /// not: a change that failed after it left (anything but a refused connection) may
    /// still have been made, and the message then says so.
    pub fn from_reqwest_sent(
        provider: Provider,
        operation: &str,
        source: reqwest::Error,
        idempotent: bool,
    ) -> Self {
        let may_have_acted = !idempotent && !source.is_connect();
        let operation = operation.to_string();
        if let Some(limit) = crate::limit::passed_limit(&source) {
            Error::TooLarge {
                provider,
                operation,
                limit,
            }
        } else if source.is_timeout() {
            Error::Timeout {
                provider,
                operation,
                may_have_acted,
            }
        } else {
            Error::Transport {
                provider,
                operation,
                source: source.without_url(),
                may_have_acted,
            }
        }
    }
}

/// The longest raw-body excerpt a status error shows.
const EXCERPT_CHARS: usize = 200;

/// `raw` on one line, whitespace runs collapsed, cut to `max` characters with an
/// ellipsis; `None` when there is nothing to show.
fn excerpt(raw: &str, max: usize) -> Option<String> {
    let mut words = raw.split_whitespace();
    let first = words.next()?;
    let mut line = String::from(first);
    for word in words {
        line.push(' ');
        line.push_str(word);
    }
    if line.chars().count() > max {
        line = line.chars().take(max).collect();
        line.push('…');
    }
    Some(line)
}

/// What a failed change leaves the caller to do.
const CHECK_FIRST: &str =
    "the change may have been made: check the account's current state before trying again";

fn describe_timeout(provider: Provider, operation: &str, may_have_acted: bool) -> String {
    if may_have_acted {
        format!("{provider} {operation}: timed out waiting for the server; {CHECK_FIRST}")
    } else {
        format!(
            "{provider} {operation}: timed out waiting for the server; retry later or raise the timeout"
        )
    }
}

fn describe_transport(
    provider: Provider,
    operation: &str,
    source: &reqwest::Error,
    may_have_acted: bool,
) -> String {
    let cause = TransportCause::of(source);
    if may_have_acted {
        format!(
            "{provider} {operation}: the connection failed after the request was sent ({}); {CHECK_FIRST}",
            cause.what()
        )
    } else {
        format!(
            "{provider} {operation}: could not reach the server: {}; {}",
            cause.what(),
            cause.next_step(provider)
        )
    }
}

/// Why a request did not complete, found in reqwest's source chain (its own message,
/// "error sending request", hides it), in words that do not depend on the HTTP stack.
#[derive(Debug, Clone, PartialEq, Eq)]
enum TransportCause {
    /// Nothing listens at the host and port.
    Refused,
    /// The host name does not resolve.
    Dns,
    /// The server's certificate was refused; the reason in words.
    Certificate(&'static str),
    /// The TLS handshake failed otherwise (most often: the server speaks plain HTTP).
    Tls,
    /// The server or a proxy closed or reset the connection.
    Closed,
    /// Anything else: the chain of messages.
    Other(String),
}

impl TransportCause {
    fn of(source: &reqwest::Error) -> TransportCause {
        let mut chain: Vec<&(dyn std::error::Error + 'static)> = Vec::new();
        let mut next = std::error::Error::source(source);
        while let Some(error) = next {
            chain.push(error);
            next = error.source();
        }
        let io_kind = |kinds: &[std::io::ErrorKind]| {
            chain.iter().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| kinds.contains(&io.kind()))
            })
        };
        let text = chain
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join(": ");
        let lower = text.to_ascii_lowercase();
        let says = |words: &[&str]| words.iter().any(|w| lower.contains(w));
        if io_kind(&[std::io::ErrorKind::ConnectionRefused]) || says(&["connection refused"]) {
            TransportCause::Refused
        } else if says(&[
            "dns error",
            "failed to lookup address",
            "name or service not known",
            "nodename nor servname",
            "no such host",
            "name resolution",
        ]) {
            TransportCause::Dns
        } else if says(&["certificate", "unknownissuer", "notvalidforname"]) {
            TransportCause::Certificate(if says(&["unknownissuer", "unknown issuer"]) {
                "issued by an authority this machine does not trust"
            } else if says(&["notvalidforname", "not valid for name"]) {
                "not valid for this host name"
            } else if says(&["expired"]) {
                "expired"
            } else {
                "invalid"
            })
        } else if says(&["tls", "handshake", "corrupt message", "invalidcontenttype"]) {
            TransportCause::Tls
        } else if io_kind(&[
            std::io::ErrorKind::ConnectionReset,
            std::io::ErrorKind::ConnectionAborted,
            std::io::ErrorKind::UnexpectedEof,
            std::io::ErrorKind::BrokenPipe,
        ]) || says(&["connection closed", "connection reset", "broken pipe"])
        {
            TransportCause::Closed
        } else if text.is_empty() {
            TransportCause::Other(source.to_string())
        } else {
            TransportCause::Other(text)
        }
    }

    /// What happened, in a few words.
    fn what(&self) -> String {
        match self {
            TransportCause::Refused => "connection refused".into(),
            TransportCause::Dns => "DNS lookup failed: the host name does not resolve".into(),
            TransportCause::Certificate(why) => {
                format!("TLS certificate not accepted: it is {why}")
            }
            TransportCause::Tls => "TLS handshake failed".into(),
            TransportCause::Closed => "the connection was closed before an answer came".into(),
            TransportCause::Other(text) => text.clone(),
        }
    }

    /// What to do about it, naming the variable that holds the base URL.
    fn next_step(&self, provider: Provider) -> String {
        let url = provider.url_env();
        match self {
            TransportCause::Refused => {
                format!("check {url} (host and port) and that the server is running")
            }
            TransportCause::Dns => format!("check the host name in {url} and the network"),
            TransportCause::Certificate(_) => format!(
                "check that {url} names the server's own host; a certificate is valid only for its names"
            ),
            TransportCause::Tls => format!(
                "check that the server at {url} speaks https (a local plain-HTTP server needs http://)"
            ),
            TransportCause::Closed => "retry later".into(),
            TransportCause::Other(_) => format!("check {url} and the network"),
        }
    }
}

fn describe_page(page: u64, source: &Error) -> String {
    // Resuming means something only when earlier pages were delivered.
    if page > 1 {
        format!("{source} (listing stopped at page {page}; resume from that page)")
    } else {
        source.to_string()
    }
}

/// `64 MiB`, `512 KiB`, `100 bytes`.
fn human_bytes(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = KIB * KIB;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
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
        // Axolo knows engineers by GitHub login within a case-sensitive organization.
        404 if provider == Provider::Axolo => Some(
            "not found: check the GitHub login and the organization, whose case counts".to_string(),
        ),
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
/// Async because an undocumented response's body still has to be read. Prefer
/// [`convert_observed`] where the call ran inside [`observe`](crate::observe): it keeps
/// the status of error bodies that do not match the documented shape.
pub async fn convert<E: Serialize>(
    provider: Provider,
    operation: &str,
    error: progenitor_client::Error<E>,
) -> Error {
    convert_observed(provider, operation, error, None).await
}

/// Like [`convert`], with what [`observe`](crate::observe) saw of the request: an error
/// body in an undocumented shape (HTML, empty, other JSON) is still an [`Error::Status`]
/// with its status and raw body, and a failed change says whether it may have happened.
pub async fn convert_observed<E: Serialize>(
    provider: Provider,
    operation: &str,
    error: progenitor_client::Error<E>,
    exchange: Option<&crate::Exchange>,
) -> Error {
    use progenitor_client::Error as P;
    // Without a record of the request, nothing is claimed about what it may have done.
    let idempotent = exchange.is_none_or(|exchange| exchange.idempotent);
    match error {
        P::InvalidRequest(message) | P::Custom(message) => Error::InvalidInput {
            provider: Some(provider),
            message,
        },
        P::CommunicationError(source)
        | P::InvalidUpgrade(source)
        | P::ResponseBodyError(source) => {
            Error::from_reqwest_sent(provider, operation, source, idempotent)
        }
        P::ErrorResponse(response) => {
            let status = response.status().as_u16();
            let raw = serde_json::to_string(&response.into_inner()).unwrap_or_default();
            Error::from_status(provider, operation, status, raw)
        }
        P::InvalidResponsePayload(bytes, source) => {
            let raw = crate::redact::scrub(&String::from_utf8_lossy(&bytes)).into_owned();
            match exchange.and_then(|exchange| exchange.status) {
                Some(status) if !(200..300).contains(&status) => {
                    Error::from_status(provider, operation, status, raw)
                }
                _ => Error::Decode {
                    provider,
                    operation: operation.to_string(),
                    message: source.to_string(),
                    raw,
                },
            }
        }
        P::UnexpectedResponse(response) => {
            let status = response.status();
            let raw = match response.text().await {
                Ok(raw) => raw,
                Err(source) => {
                    return Error::from_reqwest_sent(provider, operation, source, idempotent);
                }
            };
            if status.is_success() {
                Error::Decode {
                    provider,
                    operation: operation.to_string(),
                    message: format!("unexpected success status {status}"),
                    raw: crate::redact::scrub(&raw).into_owned(),
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
        let err = Error::from_status(Provider::Axolo, "offboard_engineer", 404, String::new());
        assert!(
            err.to_string().ends_with(
                "(not found: check the GitHub login and the organization, whose case counts)"
            ),
            "{err}"
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
    fn bodies_in_no_known_shape_show_an_excerpt_on_one_line() {
        let page = format!(
            "<html>\n  <body>\n{}</body></html>",
            "Bad gateway. ".repeat(100)
        );
        let err = Error::from_status(Provider::Axiom, "list_users", 502, page.clone());
        let line = err.to_string();
        assert!(
            line.starts_with("502 from Axiom list_users: <html> <body> Bad gateway."),
            "{line}"
        );
        assert!(line.contains('…') && line.len() < 320, "{line}");
        assert!(matches!(err, Error::Status { raw, .. } if raw == page));

        let err = Error::from_status(Provider::Adverity, "create_user", 400, r#"{"x": 1}"#.into());
        assert_eq!(
            err.to_string(),
            r#"400 from Adverity create_user: {"x": 1}"#
        );

        let err = Error::from_status(Provider::Adverity, "create_user", 400, "  ".into());
        assert_eq!(err.to_string(), "400 from Adverity create_user");
    }

    #[test]
    fn a_first_page_failure_does_not_talk_about_resuming() {
        let source = || {
            Box::new(Error::from_status(
                Provider::Axiom,
                "list_users",
                500,
                String::new(),
            ))
        };
        let first = Error::Page {
            page: 1,
            source: source(),
        };
        assert!(!first.to_string().contains("page"), "{first}");
        let third = Error::Page {
            page: 3,
            source: source(),
        };
        assert!(third.to_string().contains("stopped at page 3"), "{third}");
    }

    #[test]
    fn sizes_read_in_binary_units() {
        assert_eq!(human_bytes(64 * 1024 * 1024), "64 MiB");
        assert_eq!(human_bytes(2048), "2 KiB");
        assert_eq!(human_bytes(1000), "1000 bytes");
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
