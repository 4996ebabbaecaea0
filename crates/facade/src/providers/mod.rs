//! One module per provider: the provider crate re-exported (so `usermgmt::axiom::Client`
//! is the generated client), its list as a stream, and the adapter from the unified
//! directory operations to that provider's calls.

#[cfg(feature = "adverity")]
pub mod adverity;
#[cfg(feature = "axiom")]
pub mod axiom;
#[cfg(feature = "axolo")]
pub mod axolo;
#[cfg(feature = "modelprime")]
pub mod modelprime;
#[cfg(feature = "paradime")]
pub mod paradime;
pub(crate) mod receipt;

#[cfg(rest_provider)]
use std::future::Future;

#[cfg(rest_provider)]
use serde::Serialize;
#[cfg(rest_provider)]
use usermgmt_runtime::{Error, Provider, convert_observed, observe};

/// Await a generated client call and unwrap its body, converting its error into the
/// workspace [`Error`] named after `provider` and `operation`.
#[cfg(rest_provider)]
pub async fn call<T, E: Serialize>(
    provider: Provider,
    operation: &str,
    request: impl Future<
        Output = Result<progenitor_client::ResponseValue<T>, progenitor_client::Error<E>>,
    >,
) -> Result<T, Error> {
    match observe(request).await {
        (Ok(response), _) => Ok(response.into_inner()),
        (Err(error), exchange) => {
            Err(convert_observed(provider, operation, error, exchange.as_ref()).await)
        }
    }
}

/// The first and last name of a display name, for APIs that want them apart.
pub(crate) fn split_name(name: &str) -> (String, String) {
    let name = name.trim();
    match name.rsplit_once(char::is_whitespace) {
        Some((first, last)) => (first.trim().to_string(), last.trim().to_string()),
        None => (name.to_string(), String::new()),
    }
}

/// The name to use when an API requires one and the caller gave none: the email's local part.
pub(crate) fn name_or_email(name: Option<&str>, email: &str) -> String {
    match name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(name) => name.to_string(),
        None => email.split('@').next().unwrap_or(email).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_on_the_last_space_and_fall_back_to_the_email() {
        assert_eq!(
            split_name("Ada King Lovelace"),
            ("Ada King".into(), "Lovelace".into())
        );
        assert_eq!(split_name("Plato"), ("Plato".into(), String::new()));
        assert_eq!(name_or_email(None, "ada@acme.example"), "ada");
        assert_eq!(name_or_email(Some(" "), "ada@acme.example"), "ada");
        assert_eq!(name_or_email(Some("Ada"), "x@y"), "Ada");
    }
}
