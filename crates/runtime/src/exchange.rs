//! What the runtime saw of a call's last request: the status it got and whether the
//! server may have acted. A generated client's error loses the HTTP status when an
//! error body does not match the documented shape (progenitor reports only the bytes
//! and the decode error), and it never knows the method; [`observe`] keeps both, in a
//! task-local the request hook fills in, so errors can still name the status and say
//! whether a failed change may have happened.

use std::cell::RefCell;
use std::future::Future;

use crate::Provider;

tokio::task_local! {
    static LAST: RefCell<Option<Exchange>>;
}

/// The facts of the last request a call sent.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Exchange {
    /// The provider called.
    pub provider: Provider,
    /// The operation id (`create_user`, `InviteUser`).
    pub operation: String,
    /// Whether repeating the request has the effect of one (GET, PUT, DELETE, GraphQL
    /// queries); `false` means a failure after sending may have left a change behind.
    pub idempotent: bool,
    /// The status of the final answer, when there was one.
    pub status: Option<u16>,
}

/// Run `call` (one generated-client call) and return what its last request saw.
///
/// ```
/// # async fn demo() {
/// let (answer, exchange) = usermgmt_runtime::observe(async { 42 }).await;
/// assert_eq!((answer, exchange), (42, None)); // no request went through the runtime
/// # }
/// ```
pub async fn observe<F: Future>(call: F) -> (F::Output, Option<Exchange>) {
    LAST.scope(RefCell::new(None), async {
        let output = call.await;
        let exchange = LAST.with(|last| last.borrow_mut().take());
        (output, exchange)
    })
    .await
}

/// Note a request about to be sent (no-op outside [`observe`]).
pub(crate) fn started(provider: Provider, operation: &str, idempotent: bool) {
    let _ = LAST.try_with(|last| {
        *last.borrow_mut() = Some(Exchange {
            provider,
            operation: operation.to_string(),
            idempotent,
            status: None,
        });
    });
}

/// Note the status of the final answer (no-op outside [`observe`]).
pub(crate) fn answered(status: u16) {
    let _ = LAST.try_with(|last| {
        if let Some(exchange) = last.borrow_mut().as_mut() {
            exchange.status = Some(status);
        }
    });
}
