//! The five providers and the facts about each that the runtime needs: display name,
//! environment variables and default base URL.

use std::fmt;
use std::str::FromStr;

/// One of the supported SaaS providers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Provider {
    /// Axiom (REST, `/v2/users`).
    Axiom,
    /// Adverity (REST, per-customer instance host).
    Adverity,
    /// Paradime (GraphQL).
    Paradime,
    /// Model-Prime's org-user-management API.
    ModelPrime,
    /// Axolo (onboard / offboard by GitHub login).
    Axolo,
}

impl Provider {
    /// Every provider, in a fixed order.
    pub const ALL: [Provider; 5] = [
        Provider::Axiom,
        Provider::Adverity,
        Provider::Paradime,
        Provider::ModelPrime,
        Provider::Axolo,
    ];

    /// The short lowercase id used in CLIs, env files and JSON (`"modelprime"`).
    pub fn id(self) -> &'static str {
        match self {
            Provider::Axiom => "axiom",
            Provider::Adverity => "adverity",
            Provider::Paradime => "paradime",
            Provider::ModelPrime => "modelprime",
            Provider::Axolo => "axolo",
        }
    }

    /// The name people use (`"Model-Prime"`).
    pub fn display_name(self) -> &'static str {
        match self {
            Provider::Axiom => "Axiom",
            Provider::Adverity => "Adverity",
            Provider::Paradime => "Paradime",
            Provider::ModelPrime => "Model-Prime",
            Provider::Axolo => "Axolo",
        }
    }

    /// The environment variable that holds the whole base URL, version prefix included.
    pub fn url_env(self) -> &'static str {
        match self {
            Provider::Axiom => "AXIOM_URL",
            Provider::Adverity => "ADVERITY_URL",
            Provider::Paradime => "PARADIME_API_URL",
            Provider::ModelPrime => "MODELPRIME_URL",
            Provider::Axolo => "AXOLO_URL",
        }
    }

    /// The production base URL, where the provider has one fixed host.
    /// Adverity (per-customer instance) and Paradime (per-company endpoint) have none.
    pub fn default_base_url(self) -> Option<&'static str> {
        match self {
            Provider::Axiom => Some("https://api.axiom.co/v2"),
            Provider::ModelPrime => Some("https://api.model-prime.com/api/oum/v1"),
            Provider::Axolo => Some("https://api.axolo.co/v1"),
            Provider::Adverity | Provider::Paradime => None,
        }
    }

    /// The environment variables that hold this provider's secrets, for hints in errors.
    pub fn credential_envs(self) -> &'static [&'static str] {
        match self {
            Provider::Axiom => &["AXIOM_TOKEN"],
            Provider::Adverity => &["ADVERITY_TOKEN"],
            Provider::Paradime => &["PARADIME_API_KEY", "PARADIME_API_SECRET"],
            Provider::ModelPrime => &["MODELPRIME_EMAIL", "MODELPRIME_TOKEN"],
            Provider::Axolo => &["AXOLO_API_KEY"],
        }
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.display_name())
    }
}

/// The text was not a provider id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown provider {0:?}: expected one of axiom, adverity, paradime, modelprime, axolo")]
pub struct UnknownProvider(pub String);

impl FromStr for Provider {
    type Err = UnknownProvider;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace(['-', '_'], "");
        Provider::ALL
            .into_iter()
            .find(|p| p.id() == wanted)
            .ok_or_else(|| UnknownProvider(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_from_str() {
        for provider in Provider::ALL {
            assert_eq!(provider.id().parse::<Provider>(), Ok(provider));
        }
        assert_eq!("Model-Prime".parse::<Provider>(), Ok(Provider::ModelPrime));
    }

    #[test]
    fn unknown_ids_list_the_choices() {
        let err = "okta".parse::<Provider>().unwrap_err();
        assert!(err.to_string().contains("axiom, adverity"));
    }
}
