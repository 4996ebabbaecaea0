//! The five providers the sandbox fakes, with their lowercase names.
//!
//! The order of [`Provider::ALL`] is also the order of fixed ports (`port_base + index`).

use std::fmt;
use std::str::FromStr;

/// One of the five faked APIs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Provider {
    /// Axiom (`/v2/users`).
    Axiom,
    /// Adverity management API (`/api/v1/users/`).
    Adverity,
    /// Paradime GraphQL user management.
    Paradime,
    /// Model-Prime org-user-management (`/api/oum/v1`).
    ModelPrime,
    /// Axolo engineer provisioning (`/v1/engineer/...`).
    Axolo,
}

impl Provider {
    /// Every provider, in port order.
    pub const ALL: [Provider; 5] = [
        Provider::Axiom,
        Provider::Adverity,
        Provider::Paradime,
        Provider::ModelPrime,
        Provider::Axolo,
    ];

    /// The lowercase name (`"axiom"`, `"modelprime"`, ...), as printed by `Display`.
    pub fn name(self) -> &'static str {
        match self {
            Provider::Axiom => "axiom",
            Provider::Adverity => "adverity",
            Provider::Paradime => "paradime",
            Provider::ModelPrime => "modelprime",
            Provider::Axolo => "axolo",
        }
    }

    /// Position in [`Provider::ALL`]; the fixed port is `port_base + index`.
    pub fn index(self) -> usize {
        match self {
            Provider::Axiom => 0,
            Provider::Adverity => 1,
            Provider::Paradime => 2,
            Provider::ModelPrime => 3,
            Provider::Axolo => 4,
        }
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// A provider name that [`Provider::from_str`] does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown provider {0:?}: expected one of axiom, adverity, paradime, modelprime, axolo")]
pub struct UnknownProvider(pub String);

impl FromStr for Provider {
    type Err = UnknownProvider;

    /// Case-insensitive; `model-prime` and `model_prime` are accepted for Model-Prime.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "axiom" => Ok(Provider::Axiom),
            "adverity" => Ok(Provider::Adverity),
            "paradime" => Ok(Provider::Paradime),
            "modelprime" | "model-prime" | "model_prime" => Ok(Provider::ModelPrime),
            "axolo" => Ok(Provider::Axolo),
            _ => Err(UnknownProvider(s.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_from_str_round_trip_for_every_provider() {
        for (i, p) in Provider::ALL.into_iter().enumerate() {
            assert_eq!(p.to_string().parse::<Provider>(), Ok(p));
            assert_eq!(p.index(), i);
        }
        assert_eq!(Provider::ModelPrime.to_string(), "modelprime");
    }

    #[test]
    fn from_str_is_case_insensitive_and_rejects_unknown_names() {
        assert_eq!("Model-Prime".parse::<Provider>(), Ok(Provider::ModelPrime));
        assert_eq!("AXOLO".parse::<Provider>(), Ok(Provider::Axolo));
        let err = "github".parse::<Provider>().unwrap_err();
        assert!(err.to_string().contains("axiom, adverity"));
    }
}
