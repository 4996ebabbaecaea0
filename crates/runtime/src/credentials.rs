//! Credentials per provider. Secrets are [`SecretString`]s: their `Debug` prints a
//! redaction, and they only leave the process as HTTP headers marked sensitive.

use std::fmt;

use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};
use secrecy::{ExposeSecret, SecretString};

use crate::env::{Lookup, env_var, optional, required};
use crate::{Error, Provider};

/// A provider's credentials: how to load them and which headers they become.
pub trait Credentials: fmt::Debug + Send + Sync {
    /// The provider these credentials are for.
    const PROVIDER: Provider;

    /// Load from the provider's environment variables; a missing one is an error naming it.
    fn from_env() -> Result<Self, Error>
    where
        Self: Sized,
    {
        Self::from_lookup(&env_var)
    }

    /// Load from `lookup` by the same variable names as [`from_env`](Self::from_env).
    fn from_lookup(lookup: Lookup<'_>) -> Result<Self, Error>
    where
        Self: Sized;

    /// The authentication headers, each marked sensitive (hidden from `Debug` and traces).
    fn auth_headers(&self) -> Result<HeaderMap, Error>;
}

/// A sensitive header value; a secret that is not a valid header value is invalid input,
/// reported without echoing the secret.
fn sensitive(provider: Provider, what: &str, value: &str) -> Result<HeaderValue, Error> {
    crate::redact::register(value);
    let mut value = HeaderValue::from_str(value).map_err(|_| Error::InvalidInput {
        provider: Some(provider),
        message: format!("{what} contains characters that cannot be sent in an HTTP header"),
    })?;
    value.set_sensitive(true);
    Ok(value)
}

fn bearer(provider: Provider, token: &SecretString) -> Result<HeaderValue, Error> {
    crate::redact::register(token.expose_secret());
    sensitive(
        provider,
        "the token",
        &format!("Bearer {}", token.expose_secret()),
    )
}

/// Axiom: an API or personal access token (`Authorization: Bearer`), plus the
/// organization id that personal access tokens need (`X-Axiom-Org-Id`).
///
/// ```
/// use usermgmt_runtime::AxiomCredentials;
/// let creds = AxiomCredentials::new("xaat-secret").with_org_id("acme-1234");
/// assert!(!format!("{creds:?}").contains("xaat-secret"));
/// ```
#[derive(Debug, Clone)]
pub struct AxiomCredentials {
    token: SecretString,
    org_id: Option<String>,
}

impl AxiomCredentials {
    /// Credentials from a token.
    pub fn new(token: impl Into<String>) -> Self {
        Self {
            token: SecretString::from(token.into()),
            org_id: None,
        }
    }

    /// Add the organization id (needed with personal access tokens).
    pub fn with_org_id(mut self, org_id: impl Into<String>) -> Self {
        self.org_id = Some(org_id.into());
        self
    }
}

impl Credentials for AxiomCredentials {
    const PROVIDER: Provider = Provider::Axiom;

    /// `AXIOM_TOKEN`, and `AXIOM_ORG_ID` if set.
    fn from_lookup(lookup: Lookup<'_>) -> Result<Self, Error> {
        let creds = Self::new(required(lookup, Self::PROVIDER, "AXIOM_TOKEN")?);
        Ok(match optional(lookup, "AXIOM_ORG_ID") {
            Some(org) => creds.with_org_id(org),
            None => creds,
        })
    }

    fn auth_headers(&self) -> Result<HeaderMap, Error> {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, bearer(Self::PROVIDER, &self.token)?);
        if let Some(org) = &self.org_id {
            let value = HeaderValue::from_str(org).map_err(|_| Error::InvalidInput {
                provider: Some(Self::PROVIDER),
                message: "AXIOM_ORG_ID is not a valid header value".into(),
            })?;
            headers.insert(HeaderName::from_static("x-axiom-org-id"), value);
        }
        Ok(headers)
    }
}

/// Adverity: an API key generated in the Adverity UI (`Authorization: Bearer`).
#[derive(Debug, Clone)]
pub struct AdverityCredentials {
    token: SecretString,
}

impl AdverityCredentials {
    /// Credentials from an API key.
    pub fn new(token: impl Into<String>) -> Self {
        Self {
            token: SecretString::from(token.into()),
        }
    }
}

impl Credentials for AdverityCredentials {
    const PROVIDER: Provider = Provider::Adverity;

    /// `ADVERITY_TOKEN`.
    fn from_lookup(lookup: Lookup<'_>) -> Result<Self, Error> {
        Ok(Self::new(required(
            lookup,
            Self::PROVIDER,
            "ADVERITY_TOKEN",
        )?))
    }

    fn auth_headers(&self) -> Result<HeaderMap, Error> {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, bearer(Self::PROVIDER, &self.token)?);
        Ok(headers)
    }
}

/// Paradime: an API key and secret (`X-API-KEY`, `X-API-SECRET`), or a newer bearer key
/// (`Authorization: Bearer prdm_...`) with an optional workspace (`X-Paradime-Workspace`).
#[derive(Debug, Clone)]
pub enum ParadimeCredentials {
    /// The key pair shown in Paradime's account settings.
    KeyPair {
        /// `X-API-KEY`.
        key: SecretString,
        /// `X-API-SECRET`.
        secret: SecretString,
    },
    /// A bearer key; a company token also needs the workspace uid.
    Bearer {
        /// The `prdm_...` token.
        token: SecretString,
        /// `X-Paradime-Workspace`, when the token is a company token.
        workspace: Option<String>,
    },
}

impl ParadimeCredentials {
    /// Credentials from an API key and secret.
    pub fn new(key: impl Into<String>, secret: impl Into<String>) -> Self {
        Self::KeyPair {
            key: SecretString::from(key.into()),
            secret: SecretString::from(secret.into()),
        }
    }

    /// Credentials from a bearer token, optionally scoped to a workspace.
    pub fn bearer(token: impl Into<String>, workspace: Option<String>) -> Self {
        Self::Bearer {
            token: SecretString::from(token.into()),
            workspace,
        }
    }
}

impl Credentials for ParadimeCredentials {
    const PROVIDER: Provider = Provider::Paradime;

    /// `PARADIME_API_KEY` and `PARADIME_API_SECRET`.
    fn from_lookup(lookup: Lookup<'_>) -> Result<Self, Error> {
        Ok(Self::new(
            required(lookup, Self::PROVIDER, "PARADIME_API_KEY")?,
            required(lookup, Self::PROVIDER, "PARADIME_API_SECRET")?,
        ))
    }

    fn auth_headers(&self) -> Result<HeaderMap, Error> {
        let mut headers = HeaderMap::new();
        match self {
            Self::KeyPair { key, secret } => {
                let key = sensitive(Self::PROVIDER, "the API key", key.expose_secret())?;
                let secret = sensitive(Self::PROVIDER, "the API secret", secret.expose_secret())?;
                headers.insert(HeaderName::from_static("x-api-key"), key);
                headers.insert(HeaderName::from_static("x-api-secret"), secret);
            }
            Self::Bearer { token, workspace } => {
                headers.insert(AUTHORIZATION, bearer(Self::PROVIDER, token)?);
                if let Some(workspace) = workspace {
                    let value =
                        HeaderValue::from_str(workspace).map_err(|_| Error::InvalidInput {
                            provider: Some(Self::PROVIDER),
                            message: "the workspace uid is not a valid header value".into(),
                        })?;
                    headers.insert(HeaderName::from_static("x-paradime-workspace"), value);
                }
            }
        }
        Ok(headers)
    }
}

/// Model-Prime: a personal access token and the account's email, sent as
/// `Authorization: <email>:<token>` (not Bearer).
#[derive(Debug, Clone)]
pub struct ModelPrimeCredentials {
    email: String,
    token: SecretString,
}

impl ModelPrimeCredentials {
    /// Credentials from the account email and a `mpat_...` token.
    pub fn new(email: impl Into<String>, token: impl Into<String>) -> Self {
        Self {
            email: email.into(),
            token: SecretString::from(token.into()),
        }
    }
}

impl Credentials for ModelPrimeCredentials {
    const PROVIDER: Provider = Provider::ModelPrime;

    /// `MODELPRIME_EMAIL` and `MODELPRIME_TOKEN`.
    fn from_lookup(lookup: Lookup<'_>) -> Result<Self, Error> {
        Ok(Self::new(
            required(lookup, Self::PROVIDER, "MODELPRIME_EMAIL")?,
            required(lookup, Self::PROVIDER, "MODELPRIME_TOKEN")?,
        ))
    }

    fn auth_headers(&self) -> Result<HeaderMap, Error> {
        crate::redact::register(self.token.expose_secret());
        let value = format!("{}:{}", self.email, self.token.expose_secret());
        let mut headers = HeaderMap::new();
        headers.insert(
            AUTHORIZATION,
            sensitive(Self::PROVIDER, "the email or token", &value)?,
        );
        Ok(headers)
    }
}

/// Axolo: an API key (`x-api-key`).
#[derive(Debug, Clone)]
pub struct AxoloCredentials {
    api_key: SecretString,
}

impl AxoloCredentials {
    /// Credentials from an API key.
    pub fn new(api_key: impl Into<String>) -> Self {
        Self {
            api_key: SecretString::from(api_key.into()),
        }
    }
}

impl Credentials for AxoloCredentials {
    const PROVIDER: Provider = Provider::Axolo;

    /// `AXOLO_API_KEY`.
    fn from_lookup(lookup: Lookup<'_>) -> Result<Self, Error> {
        Ok(Self::new(required(
            lookup,
            Self::PROVIDER,
            "AXOLO_API_KEY",
        )?))
    }

    fn auth_headers(&self) -> Result<HeaderMap, Error> {
        let mut headers = HeaderMap::new();
        let key = sensitive(Self::PROVIDER, "the API key", self.api_key.expose_secret())?;
        headers.insert(HeaderName::from_static("x-api-key"), key);
        Ok(headers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "s3cr3t-Tok3n";

    fn all() -> Vec<(Box<dyn fmt::Debug>, HeaderMap)> {
        let axiom = AxiomCredentials::new(SECRET).with_org_id("org");
        let adverity = AdverityCredentials::new(SECRET);
        let paradime = ParadimeCredentials::new(SECRET, SECRET);
        let paradime_bearer = ParadimeCredentials::bearer(SECRET, Some("ws".into()));
        let modelprime = ModelPrimeCredentials::new("me@acme.example", SECRET);
        let axolo = AxoloCredentials::new(SECRET);
        vec![
            (Box::new(axiom.clone()), axiom.auth_headers().unwrap()),
            (Box::new(adverity.clone()), adverity.auth_headers().unwrap()),
            (Box::new(paradime.clone()), paradime.auth_headers().unwrap()),
            (
                Box::new(paradime_bearer.clone()),
                paradime_bearer.auth_headers().unwrap(),
            ),
            (
                Box::new(modelprime.clone()),
                modelprime.auth_headers().unwrap(),
            ),
            (Box::new(axolo.clone()), axolo.auth_headers().unwrap()),
        ]
    }

    #[test]
    fn debug_of_credentials_and_their_headers_hides_the_secret() {
        for (creds, headers) in all() {
            let printed = format!("{creds:?} {headers:?}");
            assert!(!printed.contains(SECRET), "secret leaked: {printed}");
            assert!(headers.values().any(|v| v.is_sensitive()));
        }
    }

    #[test]
    fn headers_carry_each_providers_scheme() {
        let h = AxiomCredentials::new("t")
            .with_org_id("o")
            .auth_headers()
            .unwrap();
        assert_eq!(h["authorization"], "Bearer t");
        assert_eq!(h["x-axiom-org-id"], "o");
        let h = ModelPrimeCredentials::new("a@b.c", "mpat_x")
            .auth_headers()
            .unwrap();
        assert_eq!(h["authorization"], "a@b.c:mpat_x");
        let h = ParadimeCredentials::new("k", "s").auth_headers().unwrap();
        assert_eq!(
            (&h["x-api-key"], &h["x-api-secret"]),
            (
                &HeaderValue::from_static("k"),
                &HeaderValue::from_static("s")
            )
        );
        let h = AxoloCredentials::new("k").auth_headers().unwrap();
        assert_eq!(h["x-api-key"], "k");
    }

    #[test]
    fn a_secret_with_a_newline_is_refused_without_echoing_it() {
        let err = AdverityCredentials::new("abc\ndef")
            .auth_headers()
            .unwrap_err();
        let text = format!("{err} {err:?}");
        assert!(!text.contains("abc"), "{text}");
        assert!(text.contains("cannot be sent in an HTTP header"));
    }
}
