//! [`SendExt::checked`]: a generated client's call turned into `Result<T, Error>` in one
//! method, so code that calls the provider clients directly gets the same [`Error`] the
//! rest of the SDK returns, without naming provider and operation by hand.

use std::future::Future;

use progenitor_client::{Error as ProgenitorError, ResponseValue};
use serde::Serialize;

use crate::{Error, convert_observed, observe};

/// Extends the future a generated client's `.send()` returns: `.checked()` awaits it,
/// unwraps the body and converts a failure into the workspace [`Error`].
///
/// The provider and operation come from the request itself (the runtime's request hook
/// records them), so an error reads `404 from Axiom get_user: ...` with nothing to pass
/// in. An error body in an undocumented shape still keeps its status, and a failed
/// change says whether it may have been made, exactly as the SDK's own calls do.
///
/// With a provider client: `let users = axiom.list_users().send().checked().await?;`.
/// A call the generated builder refuses before sending is [`Error::InvalidInput`]:
///
/// ```
/// use progenitor_client::{Error as CallError, ResponseValue};
/// use usermgmt_runtime::{Error, SendExt};
///
/// let refused = async {
///     Err::<ResponseValue<()>, _>(CallError::<()>::InvalidRequest("email: required".into()))
/// };
/// let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
/// let error = runtime.block_on(refused.checked()).unwrap_err();
/// assert!(matches!(error, Error::InvalidInput { .. }));
/// assert_eq!(error.to_string(), "invalid input: email: required");
/// ```
///
/// Paradime's GraphQL client needs none of this: its calls already return [`Error`].
pub trait SendExt<T, E>:
    Future<Output = Result<ResponseValue<T>, ProgenitorError<E>>> + Send + Sized
where
    T: Send,
    E: Serialize + Send,
{
    /// Await the call; its body, or the failure as an [`Error`]. The future is `Send`,
    /// so it can be spawned.
    fn checked(self) -> impl Future<Output = Result<T, Error>> + Send {
        async move {
            match observe(self).await {
                (Ok(response), _) => Ok(response.into_inner()),
                (Err(error), Some(exchange)) => Err(convert_observed(
                    exchange.provider,
                    &exchange.operation,
                    error,
                    Some(&exchange),
                )
                .await),
                (Err(error), None) => Err(not_sent(error)),
            }
        }
    }
}

impl<F, T, E> SendExt<T, E> for F
where
    F: Future<Output = Result<ResponseValue<T>, ProgenitorError<E>>> + Send,
    T: Send,
    E: Serialize + Send,
{
}

/// The error of a call whose request never reached the runtime's hook: the generated
/// builder refused its input (a required field unset, a value out of range), or the
/// client was not one of the usermgmt provider clients. Only the message is kept, never
/// progenitor's `Display` of a response (it prints every header).
fn not_sent<E: Serialize>(error: ProgenitorError<E>) -> Error {
    let message = match error {
        ProgenitorError::InvalidRequest(message) | ProgenitorError::Custom(message) => message,
        _ => "the call did not go through a usermgmt provider client, so its answer \
              cannot be described"
            .to_string(),
    };
    Error::InvalidInput {
        provider: None,
        message,
    }
}
