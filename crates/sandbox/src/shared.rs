//! State shared between a fake's responder (on wiremock's server thread) and [`crate::Sandbox`].
//!
//! A poisoned lock is recovered rather than propagated: the fakes' state stays consistent
//! between statements, and a sandbox must keep answering.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// A provider's state behind a mutex.
pub(crate) type Shared<T> = Arc<Mutex<T>>;

/// Wraps `state` for sharing.
pub(crate) fn shared<T>(state: T) -> Shared<T> {
    Arc::new(Mutex::new(state))
}

/// Locks `state`, ignoring poisoning.
pub(crate) fn lock<T>(state: &Mutex<T>) -> MutexGuard<'_, T> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}
