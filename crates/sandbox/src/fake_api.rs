//! The five providers the sandbox fakes, with their lowercase names.
//!
//! The order of [`FakeApi::ALL`] is also the order of fixed ports (`port_base + index`).

use std::fmt;
use std::str::FromStr;

/// One of the five faked APIs. Named apart from the SDK's `usermgmt::Provider`, so tests can
/// import both without renaming either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FakeApi {
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

impl FakeApi {
    /// Every provider, in port order.
    pub const ALL: [FakeApi; 5] = [
        FakeApi::Axiom,
        FakeApi::Adverity,
        FakeApi::Paradime,
        FakeApi::ModelPrime,
        FakeApi::Axolo,
    ];

    /// The lowercase name (`"axiom"`, `"modelprime"`, ...), as printed by `Display`.
    pub fn name(self) -> &'static str {
        match self {
            FakeApi::Axiom => "axiom",
            FakeApi::Adverity => "adverity",
            FakeApi::Paradime => "paradime",
            FakeApi::ModelPrime => "modelprime",
            FakeApi::Axolo => "axolo",
        }
    }

    /// Position in [`FakeApi::ALL`]; the fixed port is `port_base + index`.
    pub fn index(self) -> usize {
        match self {
            FakeApi::Axiom => 0,
            FakeApi::Adverity => 1,
            FakeApi::Paradime => 2,
            FakeApi::ModelPrime => 3,
            FakeApi::Axolo => 4,
        }
    }
}

impl fmt::Display for FakeApi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// A provider name that [`FakeApi::from_str`] does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown provider {0:?}: expected one of axiom, adverity, paradime, modelprime, axolo")]
pub struct UnknownFakeApi(pub String);

impl FromStr for FakeApi {
    type Err = UnknownFakeApi;

    /// Case-insensitive; `model-prime` and `model_prime` are accepted for Model-Prime.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "axiom" => Ok(FakeApi::Axiom),
            "adverity" => Ok(FakeApi::Adverity),
            "paradime" => Ok(FakeApi::Paradime),
            "modelprime" | "model-prime" | "model_prime" => Ok(FakeApi::ModelPrime),
            "axolo" => Ok(FakeApi::Axolo),
            _ => Err(UnknownFakeApi(s.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_from_str_round_trip_for_every_provider() {
        for (i, p) in FakeApi::ALL.into_iter().enumerate() {
            assert_eq!(p.to_string().parse::<FakeApi>(), Ok(p));
            assert_eq!(p.index(), i);
        }
        assert_eq!(FakeApi::ModelPrime.to_string(), "modelprime");
    }

    #[test]
    fn from_str_is_case_insensitive_and_rejects_unknown_names() {
        assert_eq!("Model-Prime".parse::<FakeApi>(), Ok(FakeApi::ModelPrime));
        assert_eq!("AXOLO".parse::<FakeApi>(), Ok(FakeApi::Axolo));
        let err = "github".parse::<FakeApi>().unwrap_err();
        assert!(err.to_string().contains("axiom, adverity"));
    }
}
