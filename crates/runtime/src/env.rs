//! Reading configuration from environment variables, with errors that name the variable.

use crate::{Error, Provider};

/// The value of `name`, or [`Error::MissingEnv`] naming it. Empty counts as missing.
pub(crate) fn required(provider: Provider, name: &'static str) -> Result<String, Error> {
    optional(name).ok_or(Error::MissingEnv { provider, name })
}

/// The value of `name` if set and not empty.
pub(crate) fn optional(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The base URL for `provider` from its URL variable (`AXIOM_URL`, ...), falling back to
/// the production URL where the provider has a fixed host.
///
/// ```no_run
/// use usermgmt_runtime::{Provider, base_url_from_env};
/// // "https://api.axolo.co/v1" unless AXOLO_URL points elsewhere (a proxy, the sandbox).
/// let url = base_url_from_env(Provider::Axolo)?;
/// # Ok::<(), usermgmt_runtime::Error>(())
/// ```
pub fn base_url_from_env(provider: Provider) -> Result<String, Error> {
    match (optional(provider.url_env()), provider.default_base_url()) {
        (Some(url), _) => Ok(url),
        (None, Some(default)) => Ok(default.to_string()),
        (None, None) => Err(Error::MissingEnv {
            provider,
            name: provider.url_env(),
        }),
    }
}
