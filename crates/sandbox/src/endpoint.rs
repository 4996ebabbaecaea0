//! Where a fake listens (its base URL, version prefix included) and the environment
//! variables that carry its URL and credentials to the SDK and CLI.

use crate::FakeApi;
use crate::credentials::{
    ADVERITY_TOKEN, AXIOM_ORG_ID, AXIOM_PERSONAL_TOKEN, AXIOM_TOKEN, AXOLO_API_KEY,
    MODELPRIME_EMAIL, MODELPRIME_TOKEN, PARADIME_API_KEY, PARADIME_API_SECRET,
    PARADIME_COMPANY_TOKEN, PARADIME_WORKSPACE_TOKEN,
};

/// One running fake: its base URL (version prefix included, like the real one) and the
/// environment variables holding its credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// Base URL, e.g. `http://127.0.0.1:41234/v2` for Axiom.
    pub base_url: String,
    /// Credential environment variables (name, value), e.g. `("AXIOM_TOKEN", "xaat-...")`.
    pub credentials: Vec<(&'static str, String)>,
}

impl Endpoint {
    /// The endpoint of `provider` listening on `port`.
    pub(crate) fn new(provider: FakeApi, port: u16) -> Endpoint {
        let root = format!("http://127.0.0.1:{port}");
        let (path, credentials): (String, &[(&'static str, &str)]) = match provider {
            // The API token serves the organization's users; the personal token is what
            // Axiom's `/user` wants (the CLI's `axiom me` reads AXIOM_PERSONAL_TOKEN).
            FakeApi::Axiom => (
                "/v2".into(),
                &[
                    ("AXIOM_TOKEN", AXIOM_TOKEN),
                    ("AXIOM_ORG_ID", AXIOM_ORG_ID),
                    ("AXIOM_PERSONAL_TOKEN", AXIOM_PERSONAL_TOKEN),
                ],
            ),
            FakeApi::Adverity => ("/api/v1".into(), &[("ADVERITY_TOKEN", ADVERITY_TOKEN)]),
            FakeApi::Paradime => (
                format!("/api/v1/{PARADIME_COMPANY_TOKEN}/graphql"),
                &[
                    ("PARADIME_API_KEY", PARADIME_API_KEY),
                    ("PARADIME_API_SECRET", PARADIME_API_SECRET),
                    // The bearer form newer keys and the official SDK use.
                    ("PARADIME_API_TOKEN", PARADIME_WORKSPACE_TOKEN),
                ],
            ),
            FakeApi::ModelPrime => (
                "/api/oum/v1".into(),
                &[
                    ("MODELPRIME_EMAIL", MODELPRIME_EMAIL),
                    ("MODELPRIME_TOKEN", MODELPRIME_TOKEN),
                ],
            ),
            FakeApi::Axolo => ("/v1".into(), &[("AXOLO_API_KEY", AXOLO_API_KEY)]),
        };
        Endpoint {
            base_url: format!("{root}{path}"),
            credentials: credentials
                .iter()
                .map(|(name, value)| (*name, (*value).to_owned()))
                .collect(),
        }
    }

    /// The environment variable that holds `provider`'s base URL (`AXIOM_URL`, ...).
    pub fn url_var(provider: FakeApi) -> &'static str {
        match provider {
            FakeApi::Axiom => "AXIOM_URL",
            FakeApi::Adverity => "ADVERITY_URL",
            FakeApi::Paradime => "PARADIME_API_URL",
            FakeApi::ModelPrime => "MODELPRIME_URL",
            FakeApi::Axolo => "AXOLO_URL",
        }
    }

    /// The value of credential variable `name`, if this endpoint has it.
    pub fn credential(&self, name: &str) -> Option<&str> {
        self.credentials
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_carry_the_version_prefix() {
        assert_eq!(
            Endpoint::new(FakeApi::Axiom, 1).base_url,
            "http://127.0.0.1:1/v2"
        );
        assert_eq!(
            Endpoint::new(FakeApi::Paradime, 3).base_url,
            format!("http://127.0.0.1:3/api/v1/{PARADIME_COMPANY_TOKEN}/graphql")
        );
        let mp = Endpoint::new(FakeApi::ModelPrime, 4);
        assert_eq!(mp.credential("MODELPRIME_EMAIL"), Some("ada@acme.example"));
        assert!(
            mp.credential("MODELPRIME_TOKEN")
                .unwrap()
                .starts_with("mpat_")
        );
    }
}
