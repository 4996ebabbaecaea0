//! [`wire_provider_client!`](crate::wire_provider_client): the glue every generated
//! REST client needs, written once instead of once per provider crate, and
//! [`ScopedContext`] for providers some of whose operations must not send a credential
//! header (Axiom's org-less calls on the caller).

use std::fmt;
use std::marker::PhantomData;

use reqwest::header::{HeaderMap, HeaderName};

use crate::{ClientOptions, Connection, Context, Credentials, Error, Lookup, Provider, connect};

/// Wire a progenitor-generated `Client` (generated with inner type [`Context`](crate::Context)
/// and `HooksMode::Expected`) into the runtime: its `ClientHooks::exec` runs every
/// request through [`Context::execute`](crate::Context::execute) (retries, timeouts,
/// tracing), and it gets `connect`, `from_env` and `from_env_with` constructors.
///
/// The second form, `wire_provider_client!(Client, Creds, omit "header" on ["op", ...])`,
/// is for a client generated with inner type [`ScopedContext`]: the credential header
/// named is sent on every operation except those listed.
///
/// A macro because `ClientHooks` and `Client` live in different crates, so each provider
/// crate must write the impls itself; the bodies are identical.
#[macro_export]
macro_rules! wire_provider_client {
    ($client:ident, $credentials:ty) => {
        impl $crate::__private::ClientHooks<$crate::Context> for $client {
            async fn exec(
                &self,
                request: $crate::__private::reqwest::Request,
                info: &$crate::__private::OperationInfo,
            ) -> $crate::__private::reqwest::Result<$crate::__private::reqwest::Response> {
                use $crate::__private::ClientInfo as _;
                self.inner()
                    .execute(self.client(), request, info.operation_id)
                    .await
            }
        }

        impl $client {
            /// A client for `base_url` (the whole base URL, version prefix included)
            /// that authenticates with `credentials`. Refused, without any request, for
            /// a plain `http://` URL unless the host is loopback.
            pub fn connect(
                base_url: &str,
                credentials: &$credentials,
                options: &$crate::ClientOptions,
            ) -> ::std::result::Result<Self, $crate::Error> {
                let connection = $crate::connect(base_url, credentials, options)?;
                Ok(Self::new_with_client(
                    &connection.base_url,
                    connection.http,
                    connection.context,
                ))
            }
        }

        $crate::__wire_env_constructors!($client, $credentials);
    };
    ($client:ident, $credentials:ty, omit $header:literal on [$($operation:literal),+ $(,)?]) => {
        impl $crate::__private::ClientHooks<$crate::ScopedContext> for $client {
            async fn exec(
                &self,
                mut request: $crate::__private::reqwest::Request,
                info: &$crate::__private::OperationInfo,
            ) -> $crate::__private::reqwest::Result<$crate::__private::reqwest::Response> {
                use $crate::__private::ClientInfo as _;
                let scoped = self.inner();
                scoped.add_headers(&mut request, info.operation_id);
                scoped
                    .context()
                    .execute(self.client(), request, info.operation_id)
                    .await
            }
        }

        impl $client {
            /// The operations that never send the
            #[doc = concat!("`", $header, "`")]
            /// header.
            pub const OPERATIONS_WITHOUT_SCOPED_HEADER: &'static [&'static str] =
                &[$($operation),+];

            /// A client for `base_url` (the whole base URL, version prefix included)
            /// that authenticates with `credentials`. Refused, without any request, for
            /// a plain `http://` URL unless the host is loopback.
            pub fn connect(
                base_url: &str,
                credentials: &$credentials,
                options: &$crate::ClientOptions,
            ) -> ::std::result::Result<Self, $crate::Error> {
                let (connection, scoped) = $crate::connect_scoped(
                    base_url,
                    credentials,
                    options,
                    $header,
                    Self::OPERATIONS_WITHOUT_SCOPED_HEADER,
                )?;
                Ok(Self::new_with_client(
                    &connection.base_url,
                    connection.http,
                    scoped,
                ))
            }
        }

        $crate::__wire_env_constructors!($client, $credentials);
    };
}

/// The environment constructors both forms of [`wire_provider_client!`] share.
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_env_constructors {
    ($client:ident, $credentials:ty) => {
        impl $client {
            /// A client configured from the environment (base URL variable, falling
            /// back to the production URL where there is one, and credential variables)
            /// with default options. A missing variable is an error that names it.
            pub fn from_env() -> ::std::result::Result<Self, $crate::Error> {
                Self::from_env_with(&$crate::ClientOptions::default())
            }

            /// Like [`from_env`](Self::from_env), with `options`.
            pub fn from_env_with(
                options: &$crate::ClientOptions,
            ) -> ::std::result::Result<Self, $crate::Error> {
                Self::from_lookup(&$crate::env_var, options)
            }

            /// Like [`from_env_with`](Self::from_env_with), reading the same variable
            /// names from `lookup` instead of the process environment.
            pub fn from_lookup(
                lookup: $crate::Lookup<'_>,
                options: &$crate::ClientOptions,
            ) -> ::std::result::Result<Self, $crate::Error> {
                let provider = <$credentials as $crate::Credentials>::PROVIDER;
                let base_url = $crate::base_url_from(lookup, provider)?;
                let credentials = <$credentials as $crate::Credentials>::from_lookup(lookup)?;
                Self::connect(&base_url, &credentials, options)
            }
        }
    };
}

/// The inner value of a client one of whose credential headers is sent per operation
/// rather than by default: reqwest merges a client's default headers into every request
/// at send time, so a default header cannot be left out of one call. The header is kept
/// here (still marked sensitive) and added by the client's hooks to every operation
/// except the listed ones.
#[derive(Clone)]
pub struct ScopedContext {
    context: Context,
    headers: HeaderMap,
    skipped_by: &'static [&'static str],
}

impl ScopedContext {
    /// The runtime context (provider, retries, timeout).
    pub fn context(&self) -> &Context {
        &self.context
    }

    /// Whether `operation_id` sends the scoped header.
    pub fn sends_scoped_headers(&self, operation_id: &str) -> bool {
        !self.skipped_by.contains(&operation_id)
    }

    /// Add the scoped header to `request` unless `operation_id` is one that omits it.
    pub fn add_headers(&self, request: &mut reqwest::Request, operation_id: &str) {
        if self.sends_scoped_headers(operation_id) {
            for (name, value) in &self.headers {
                request.headers_mut().insert(name.clone(), value.clone());
            }
        }
    }
}

impl fmt::Debug for ScopedContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header names only: values may be credentials.
        let names: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        f.debug_struct("ScopedContext")
            .field("context", &self.context)
            .field("headers", &names)
            .field("skipped_by", &self.skipped_by)
            .finish()
    }
}

impl PartialEq for ScopedContext {
    fn eq(&self, other: &Self) -> bool {
        self.context == other.context
            && self.skipped_by == other.skipped_by
            && self.headers.len() == other.headers.len()
            && self
                .headers
                .iter()
                .all(|(name, value)| other.headers.get(name) == Some(value))
    }
}

/// Like [`connect`](crate::connect), but the credential header `scoped` is not a default
/// header of the HTTP client: it goes into the returned [`ScopedContext`], which sends it
/// on every operation except `skipped_by`.
pub fn connect_scoped<C: Credentials>(
    base_url: &str,
    credentials: &C,
    options: &ClientOptions,
    scoped: &'static str,
    skipped_by: &'static [&'static str],
) -> Result<(Connection, ScopedContext), Error> {
    let mut headers = credentials.auth_headers()?;
    let mut kept = HeaderMap::new();
    let name = HeaderName::from_static(scoped);
    if let Some(value) = headers.remove(&name) {
        kept.insert(name, value);
    }
    let connection = connect(
        base_url,
        &FixedHeaders::<C> {
            headers,
            credentials: PhantomData,
        },
        options,
    )?;
    let scoped = ScopedContext {
        context: connection.context.clone(),
        headers: kept,
        skipped_by,
    };
    Ok((connection, scoped))
}

/// Credentials of `C` whose headers were already computed (minus the scoped ones).
struct FixedHeaders<C> {
    headers: HeaderMap,
    credentials: PhantomData<fn() -> C>,
}

impl<C> fmt::Debug for FixedHeaders<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        f.debug_struct("FixedHeaders")
            .field("headers", &names)
            .finish()
    }
}

impl<C: Credentials> Credentials for FixedHeaders<C> {
    const PROVIDER: Provider = C::PROVIDER;

    fn from_lookup(lookup: Lookup<'_>) -> Result<Self, Error> {
        Ok(Self {
            headers: C::from_lookup(lookup)?.auth_headers()?,
            credentials: PhantomData,
        })
    }

    fn auth_headers(&self) -> Result<HeaderMap, Error> {
        Ok(self.headers.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::AxiomCredentials;

    const ORG_LESS: &[&str] = &["get_current_user"];

    fn scoped(credentials: &AxiomCredentials) -> (Connection, ScopedContext) {
        connect_scoped(
            "http://127.0.0.1:1/v2",
            credentials,
            &ClientOptions::default(),
            "x-axiom-org-id",
            ORG_LESS,
        )
        .unwrap()
    }

    fn request() -> reqwest::Request {
        reqwest::Request::new(
            reqwest::Method::GET,
            "http://127.0.0.1:1/v2/users".parse().unwrap(),
        )
    }

    #[test]
    fn the_scoped_header_is_added_except_on_the_listed_operations() {
        let (_, context) = scoped(&AxiomCredentials::new("xapt-secret").with_org_id("acme"));
        let mut listed = request();
        context.add_headers(&mut listed, "list_users");
        assert_eq!(listed.headers()["x-axiom-org-id"], "acme");
        let mut org_less = request();
        context.add_headers(&mut org_less, "get_current_user");
        assert!(!org_less.headers().contains_key("x-axiom-org-id"));
    }

    #[test]
    fn without_the_header_in_the_credentials_nothing_is_added() {
        let (_, context) = scoped(&AxiomCredentials::new("xaat-secret"));
        let mut request = request();
        context.add_headers(&mut request, "list_users");
        assert!(request.headers().is_empty());
    }

    #[test]
    fn debug_names_headers_but_never_shows_their_values() {
        let (connection, context) =
            scoped(&AxiomCredentials::new("xapt-secret").with_org_id("org-value-7"));
        let debug = format!("{context:?} {connection:?}");
        assert!(debug.contains("x-axiom-org-id"), "{debug}");
        assert!(!debug.contains("org-value-7"), "{debug}");
        assert!(!debug.contains("xapt-secret"), "{debug}");
    }
}
