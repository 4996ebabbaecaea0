//! Building a ready HTTP client for one provider: base URL checks, auth headers,
//! timeouts, user agent and a redirect policy that never carries secrets elsewhere.

use std::net::IpAddr;

use reqwest::redirect;
use url::{Host, Url};

use crate::{ClientOptions, Context, Credentials, Error, Provider};

/// Everything a generated client needs: the normalised base URL, an HTTP client whose
/// default headers authenticate, and the [`Context`] its hooks run requests through.
#[derive(Debug, Clone)]
pub struct Connection {
    /// The base URL without a trailing slash, version prefix included.
    pub base_url: String,
    /// The configured HTTP client.
    pub http: reqwest::Client,
    /// Retry policy and provider, for the client's `ClientHooks::exec`.
    pub context: Context,
}

/// Connect `credentials` to `base_url`.
///
/// Refused, before any request, when the URL is not `https://` and not plain
/// `http://` to a loopback host (`127.0.0.0/8`, `::1`, `localhost`): credentials never
/// cross a network unencrypted.
///
/// ```
/// use usermgmt_runtime::{AxoloCredentials, ClientOptions, Error, connect};
/// let creds = AxoloCredentials::new("key");
/// let options = ClientOptions::default();
/// assert!(connect("http://127.0.0.1:8080/v1", &creds, &options).is_ok());
/// assert!(matches!(
///     connect("http://example.com/v1", &creds, &options),
///     Err(Error::InsecureUrl { .. })
/// ));
/// ```
pub fn connect<C: Credentials>(
    base_url: &str,
    credentials: &C,
    options: &ClientOptions,
) -> Result<Connection, Error> {
    let provider = C::PROVIDER;
    let base_url = check_base_url(provider, base_url)?;
    let mut builder = reqwest::Client::builder();
    if base_url.starts_with("http:") {
        // Plain http is only ever loopback (checked above). reqwest would otherwise
        // honour HTTP_PROXY/ALL_PROXY and hand the credential headers to the proxy in
        // cleartext; https goes through a proxy as an opaque CONNECT tunnel.
        builder = builder.no_proxy();
    }
    let http = builder
        .default_headers(credentials.auth_headers()?)
        .user_agent(options.user_agent.clone())
        .connect_timeout(options.connect_timeout)
        .timeout(options.timeout)
        .redirect(same_origin_redirects())
        .build()
        .map_err(|source| Error::Transport {
            provider,
            operation: "connect".into(),
            source,
            may_have_acted: false,
        })?;
    Ok(Connection {
        base_url,
        http,
        context: Context::new(provider, options.retry, options.timeout)
            .with_max_response_bytes(options.max_response_bytes),
    })
}

/// The base URL, validated, without a trailing slash (generated paths start with `/`).
fn check_base_url(provider: Provider, raw: &str) -> Result<String, Error> {
    // Userinfo in the URL is a credential: errors show the URL without it.
    let shown = crate::redact::scrub(raw).into_owned();
    let invalid = |reason: &str| Error::InvalidUrl {
        provider,
        url: shown.clone(),
        reason: reason.to_string(),
    };
    let url = Url::parse(raw.trim()).map_err(|e| invalid(&e.to_string()))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid(
            "credentials in the URL are not supported: set the provider's variables instead",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("a base URL has no query or fragment"));
    }
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(Error::InsecureUrl {
                provider,
                url: shown.clone(),
            });
        }
        other => return Err(invalid(&format!("unsupported scheme {other:?}"))),
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// Follow at most 5 redirects, and only within the original origin: reqwest strips
/// `Authorization` on cross-host redirects but not `x-api-key` and friends.
fn same_origin_redirects() -> redirect::Policy {
    redirect::Policy::custom(|attempt| {
        let same_origin = attempt
            .previous()
            .first()
            .is_some_and(|first| first.origin() == attempt.url().origin());
        if same_origin && attempt.previous().len() < 5 {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_and_loopback_http_are_accepted_and_trailing_slashes_trimmed() {
        let ok = |url| check_base_url(Provider::Axiom, url).unwrap();
        assert_eq!(ok("https://api.axiom.co/v2/"), "https://api.axiom.co/v2");
        assert_eq!(ok("http://127.0.0.1:9000/v2"), "http://127.0.0.1:9000/v2");
        assert_eq!(ok("http://127.8.0.1/v2"), "http://127.8.0.1/v2");
        assert_eq!(ok("http://localhost:1/v2"), "http://localhost:1/v2");
        assert_eq!(ok("http://[::1]:1/v2"), "http://[::1]:1/v2");
    }

    #[test]
    fn plain_http_elsewhere_is_refused() {
        for url in [
            "http://example.com/v2",
            "http://10.0.0.1/v2",
            "http://localhost.evil.com",
        ] {
            let err = check_base_url(Provider::Axiom, url).unwrap_err();
            assert!(matches!(err, Error::InsecureUrl { .. }), "{url}: {err}");
            assert!(err.to_string().contains("https"), "{err}");
        }
    }

    #[test]
    fn garbage_urls_are_invalid() {
        for url in ["not a url", "ftp://host/x", "https://h/x?q=1"] {
            let err = check_base_url(Provider::Adverity, url).unwrap_err();
            assert!(matches!(err, Error::InvalidUrl { .. }), "{url}: {err}");
        }
    }

    #[test]
    fn a_url_with_userinfo_is_refused_without_showing_the_password() {
        for url in [
            "https://ada:hunter2-pw@api.example/v1",
            "http://ada:hunter2-pw@10.0.0.1/v1",
        ] {
            let err = check_base_url(Provider::Adverity, url).unwrap_err();
            let line = err.to_string();
            assert!(
                !line.contains("hunter2-pw") && !line.contains("ada:"),
                "{line}"
            );
            assert!(line.contains("[redacted]@"), "{line}");
        }
    }
}
