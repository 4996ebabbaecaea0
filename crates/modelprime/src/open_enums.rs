//! Server enums that must tolerate values the spec does not list. The spec keeps the
//! documented `enum`; `cargo xtask codegen` substitutes these types for it, so a role
//! Model-Prime adds tomorrow decodes as [`PermissionRole::Other`] instead of failing
//! every listing.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A Model-Prime permission role (`admin`, `developer`, `analyst`, or one not known yet).
///
/// ```
/// use usermgmt_modelprime::PermissionRole;
/// let role: PermissionRole = serde_json::from_str("\"admin\"").unwrap();
/// assert_eq!(role, PermissionRole::Admin);
/// let new: PermissionRole = serde_json::from_str("\"auditor\"").unwrap();
/// assert_eq!(new, PermissionRole::Other("auditor".into()));
/// assert!("auditor".parse::<PermissionRole>().is_err()); // user input must be a known role
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum PermissionRole {
    /// `admin`.
    Admin,
    /// `developer`.
    Developer,
    /// `analyst`.
    Analyst,
    /// A role the API description does not list, kept verbatim.
    Other(String),
}

impl PermissionRole {
    /// The documented roles.
    pub const KNOWN: [PermissionRole; 3] = [
        PermissionRole::Admin,
        PermissionRole::Developer,
        PermissionRole::Analyst,
    ];

    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            PermissionRole::Admin => "admin",
            PermissionRole::Developer => "developer",
            PermissionRole::Analyst => "analyst",
            PermissionRole::Other(other) => other,
        }
    }

    /// The role for a wire value; values not documented become [`PermissionRole::Other`].
    pub fn from_wire(value: &str) -> Self {
        match value {
            "admin" => PermissionRole::Admin,
            "developer" => PermissionRole::Developer,
            "analyst" => PermissionRole::Analyst,
            other => PermissionRole::Other(other.to_string()),
        }
    }
}

impl fmt::Display for PermissionRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text is not a documented role.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown Model-Prime role {0:?}: expected admin, developer or analyst")]
pub struct UnknownRole(pub String);

/// Parses user input: only the documented roles, case-insensitively. To send a role the
/// spec does not list yet, build [`PermissionRole::Other`] explicitly.
impl FromStr for PermissionRole {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match PermissionRole::from_wire(&s.trim().to_ascii_lowercase()) {
            PermissionRole::Other(_) => Err(UnknownRole(s.to_string())),
            known => Ok(known),
        }
    }
}

impl TryFrom<&str> for PermissionRole {
    type Error = UnknownRole;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl Serialize for PermissionRole {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for PermissionRole {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        Ok(PermissionRole::from_wire(&value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_and_unknown_roles_round_trip_exactly() {
        for wire in ["admin", "developer", "analyst", "Robot-Operator"] {
            let role: PermissionRole = serde_json::from_value(serde_json::json!(wire)).unwrap();
            assert_eq!(
                serde_json::to_value(&role).unwrap(),
                serde_json::json!(wire)
            );
        }
    }

    #[test]
    fn user_input_is_case_insensitive_but_must_be_known() {
        assert_eq!("ADMIN".parse::<PermissionRole>(), Ok(PermissionRole::Admin));
        assert!(
            "admn"
                .parse::<PermissionRole>()
                .unwrap_err()
                .to_string()
                .contains("expected admin")
        );
    }
}
