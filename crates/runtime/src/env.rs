//! Reading configuration by variable name, from the environment or any other source
//! (the CLI's sandbox hands its URLs and credentials over this way), with errors that
//! name the missing variable.

use crate::{Error, Provider};

/// Where configuration values come from: a function from variable name to value.
/// [`env_var`] reads the process environment.
pub type Lookup<'a> = &'a (dyn Fn(&str) -> Option<String> + Sync);

/// The process environment as a [`Lookup`]; empty values count as unset.
pub fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// The value of `name`, or [`Error::MissingEnv`] naming it. Empty counts as missing.
pub(crate) fn required(
    lookup: Lookup<'_>,
    provider: Provider,
    name: &'static str,
) -> Result<String, Error> {
    optional(lookup, name).ok_or(Error::MissingEnv { provider, name })
}

/// The value of `name` if set and not empty.
pub(crate) fn optional(lookup: Lookup<'_>, name: &str) -> Option<String> {
    lookup(name).filter(|v| !v.trim().is_empty())
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
    base_url_from(&env_var, provider)
}

/// Like [`base_url_from_env`], reading from `lookup`.
///
/// ```
/// use usermgmt_runtime::{Provider, base_url_from};
/// let lookup = |name: &str| (name == "AXIOM_URL").then(|| "http://127.0.0.1:9000/v2".to_string());
/// assert_eq!(base_url_from(&lookup, Provider::Axiom).unwrap(), "http://127.0.0.1:9000/v2");
/// assert_eq!(base_url_from(&|_: &str| None, Provider::Axiom).unwrap(), "https://api.axiom.co/v2");
/// assert!(base_url_from(&|_: &str| None, Provider::Adverity).is_err()); // no default host
/// ```
pub fn base_url_from(lookup: Lookup<'_>, provider: Provider) -> Result<String, Error> {
    match (
        optional(lookup, provider.url_env()),
        provider.default_base_url(),
    ) {
        (Some(url), _) => Ok(url),
        (None, Some(default)) => Ok(default.to_string()),
        (None, None) => Err(Error::MissingEnv {
            provider,
            name: provider.url_env(),
        }),
    }
}
