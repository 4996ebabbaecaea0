//! What a change's answer said beyond its body: the HTTP status and the provider's
//! request or trace id, for the journal.

#[cfg(rest_provider)]
use std::future::Future;

#[cfg(rest_provider)]
use serde::Serialize;
#[cfg(rest_provider)]
use usermgmt_runtime::{Error, Provider, convert_observed, observe};

/// The facts of a successful answer worth recording.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Receipt {
    /// The HTTP status.
    pub(crate) status: Option<u16>,
    /// The provider's request or trace id, when it sends one.
    pub(crate) request_id: Option<String>,
}

/// Response headers that carry a request or trace id, by provider habit.
#[cfg(rest_provider)]
const REQUEST_ID_HEADERS: [&str; 4] = [
    "x-axiom-trace-id",
    "x-request-id",
    "x-trace-id",
    "request-id",
];

/// Like [`call`](super::call), keeping the answer's [`Receipt`].
#[cfg(rest_provider)]
pub(crate) async fn send<T, E: Serialize>(
    provider: Provider,
    operation: &str,
    request: impl Future<
        Output = Result<progenitor_client::ResponseValue<T>, progenitor_client::Error<E>>,
    >,
) -> Result<(T, Receipt), Error> {
    match observe(request).await {
        (Ok(response), _) => {
            let request_id = REQUEST_ID_HEADERS.iter().find_map(|name| {
                response
                    .headers()
                    .get(*name)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string)
            });
            let receipt = Receipt {
                status: Some(response.status().as_u16()),
                request_id,
            };
            Ok((response.into_inner(), receipt))
        }
        (Err(error), exchange) => {
            Err(convert_observed(provider, operation, error, exchange.as_ref()).await)
        }
    }
}
