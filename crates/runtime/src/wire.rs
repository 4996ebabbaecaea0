//! [`wire_provider_client!`](crate::wire_provider_client): the glue every generated
//! REST client needs, written once instead of once per provider crate.

/// Wire a progenitor-generated `Client` (generated with inner type [`Context`](crate::Context)
/// and `HooksMode::Expected`) into the runtime: its `ClientHooks::exec` runs every
/// request through [`Context::execute`](crate::Context::execute) (retries, timeouts,
/// tracing), and it gets `connect`, `from_env` and `from_env_with` constructors.
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
