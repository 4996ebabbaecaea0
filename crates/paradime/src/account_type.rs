//! [`UserAccountType`], a user's role in a Paradime workspace. Hand-written instead of
//! generated so that a role Paradime adds tomorrow decodes as
//! [`UserAccountType::Other`] instead of failing every listing.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A user's role in a Paradime workspace, as the API spells it (`ADMIN`, `DEVELOPER`, ...).
///
/// Two ways in, on purpose:
/// - **From the server** (deserialising): every string is accepted; values this crate does
///   not know become [`UserAccountType::Other`] and serialise back exactly as received.
/// - **From a person** ([`FromStr`]): case-insensitive, `-` may stand for `_`, and only
///   the known roles parse, so a typo is an error instead of an invitation with a role
///   that does not exist. To send a role this crate does not list yet, build
///   [`UserAccountType::Other`] yourself.
///
/// ```
/// use usermgmt_paradime::UserAccountType;
///
/// let from_server: UserAccountType = serde_json::from_str("\"SUPER_ADMIN\"")?;
/// assert_eq!(from_server, UserAccountType::Other("SUPER_ADMIN".into()));
/// assert_eq!(serde_json::to_string(&from_server)?, "\"SUPER_ADMIN\"");
///
/// assert_eq!("billing-admin".parse(), Ok(UserAccountType::BillingAdmin));
/// assert!("super_admin".parse::<UserAccountType>().is_err());
/// assert_eq!(UserAccountType::WorkspaceAdmin.to_string(), "WORKSPACE_ADMIN");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum UserAccountType {
    /// `ADMIN` (documented).
    Admin,
    /// `DEVELOPER` (documented).
    Developer,
    /// `BUSINESS` (documented).
    Business,
    /// `BILLING_ADMIN` (from Paradime's Python SDK).
    BillingAdmin,
    /// `SECURITY_ADMIN` (from Paradime's Python SDK).
    SecurityAdmin,
    /// `WORKSPACE_SETTINGS_ADMIN` (from Paradime's Python SDK).
    WorkspaceSettingsAdmin,
    /// `WORKSPACE_ADMIN` (from Paradime's Python SDK).
    WorkspaceAdmin,
    /// `ANALYST` (from Paradime's Python SDK).
    Analyst,
    /// `SANDBOX_USER` (from Paradime's Python SDK).
    SandboxUser,
    /// A value this crate does not list, kept verbatim. Meant for values the server sends;
    /// a listed value wrapped in `Other` still serialises correctly but does not compare
    /// equal to its own variant.
    Other(String),
}

impl UserAccountType {
    /// Every role this crate knows, in the order Paradime documents them.
    pub const KNOWN: [UserAccountType; 9] = [
        UserAccountType::Admin,
        UserAccountType::Developer,
        UserAccountType::Business,
        UserAccountType::BillingAdmin,
        UserAccountType::SecurityAdmin,
        UserAccountType::WorkspaceSettingsAdmin,
        UserAccountType::WorkspaceAdmin,
        UserAccountType::Analyst,
        UserAccountType::SandboxUser,
    ];

    /// The value on the wire (`"BILLING_ADMIN"`).
    ///
    /// ```
    /// use usermgmt_paradime::UserAccountType;
    /// assert_eq!(UserAccountType::SandboxUser.as_str(), "SANDBOX_USER");
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            UserAccountType::Admin => "ADMIN",
            UserAccountType::Developer => "DEVELOPER",
            UserAccountType::Business => "BUSINESS",
            UserAccountType::BillingAdmin => "BILLING_ADMIN",
            UserAccountType::SecurityAdmin => "SECURITY_ADMIN",
            UserAccountType::WorkspaceSettingsAdmin => "WORKSPACE_SETTINGS_ADMIN",
            UserAccountType::WorkspaceAdmin => "WORKSPACE_ADMIN",
            UserAccountType::Analyst => "ANALYST",
            UserAccountType::SandboxUser => "SANDBOX_USER",
            UserAccountType::Other(other) => other,
        }
    }

    /// The role for a value exactly as the server sends it; anything not listed (including
    /// other spellings such as `"admin"`) becomes [`UserAccountType::Other`].
    ///
    /// ```
    /// use usermgmt_paradime::UserAccountType;
    /// assert_eq!(UserAccountType::from_wire("ANALYST"), UserAccountType::Analyst);
    /// assert_eq!(UserAccountType::from_wire("admin"), UserAccountType::Other("admin".into()));
    /// ```
    pub fn from_wire(value: &str) -> Self {
        match value {
            "ADMIN" => UserAccountType::Admin,
            "DEVELOPER" => UserAccountType::Developer,
            "BUSINESS" => UserAccountType::Business,
            "BILLING_ADMIN" => UserAccountType::BillingAdmin,
            "SECURITY_ADMIN" => UserAccountType::SecurityAdmin,
            "WORKSPACE_SETTINGS_ADMIN" => UserAccountType::WorkspaceSettingsAdmin,
            "WORKSPACE_ADMIN" => UserAccountType::WorkspaceAdmin,
            "ANALYST" => UserAccountType::Analyst,
            "SANDBOX_USER" => UserAccountType::SandboxUser,
            other => UserAccountType::Other(other.to_string()),
        }
    }
}

impl fmt::Display for UserAccountType {
    /// The wire value, so that what is printed can be pasted back into a command.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text given as an account type is not one this crate knows.
///
/// ```
/// use usermgmt_paradime::UserAccountType;
/// let err = "owner".parse::<UserAccountType>().unwrap_err();
/// assert!(err.to_string().contains("expected one of ADMIN, DEVELOPER"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownAccountType(pub String);

impl fmt::Display for UnknownAccountType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown Paradime account type {:?}: expected one of ",
            self.0
        )?;
        for (i, known) in UserAccountType::KNOWN.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(known.as_str())?;
        }
        f.write_str(" (case-insensitive)")
    }
}

impl std::error::Error for UnknownAccountType {}

/// Parses user input: the known roles only, case-insensitively, with `-` accepted for `_`.
impl FromStr for UserAccountType {
    type Err = UnknownAccountType;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let normalised = s.trim().to_ascii_uppercase().replace('-', "_");
        match UserAccountType::from_wire(&normalised) {
            UserAccountType::Other(_) => Err(UnknownAccountType(s.to_string())),
            known => Ok(known),
        }
    }
}

impl Serialize for UserAccountType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Accepts any string: unknown values become [`UserAccountType::Other`].
impl<'de> Deserialize<'de> for UserAccountType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        Ok(UserAccountType::from_wire(&value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn known_and_unknown_values_round_trip_exactly() {
        let wires = UserAccountType::KNOWN
            .iter()
            .map(|t| t.as_str().to_string())
            .chain(["SUPER_ADMIN".to_string(), "admin".to_string()]);
        for wire in wires {
            let parsed: UserAccountType = serde_json::from_value(json!(wire)).unwrap();
            assert_eq!(serde_json::to_value(&parsed).unwrap(), json!(wire));
        }
    }

    #[test]
    fn every_known_value_maps_to_its_own_variant() {
        for known in UserAccountType::KNOWN {
            assert_eq!(UserAccountType::from_wire(known.as_str()), known);
            assert!(!matches!(known, UserAccountType::Other(_)));
        }
    }

    #[test]
    fn unknown_server_values_become_other() {
        let parsed: UserAccountType = serde_json::from_value(json!("SUPER_ADMIN")).unwrap();
        assert_eq!(parsed, UserAccountType::Other("SUPER_ADMIN".into()));
        assert_eq!(parsed.to_string(), "SUPER_ADMIN");
    }

    #[test]
    fn user_input_parses_case_insensitively_with_dashes() {
        assert_eq!("admin".parse(), Ok(UserAccountType::Admin));
        assert_eq!(" Developer ".parse(), Ok(UserAccountType::Developer));
        assert_eq!(
            "workspace-settings-admin".parse(),
            Ok(UserAccountType::WorkspaceSettingsAdmin)
        );
        assert_eq!("SANDBOX_USER".parse(), Ok(UserAccountType::SandboxUser));
    }

    #[test]
    fn unknown_user_input_is_an_error_listing_the_choices() {
        let err = "super_admin".parse::<UserAccountType>().unwrap_err();
        assert_eq!(err, UnknownAccountType("super_admin".into()));
        let text = err.to_string();
        assert!(text.contains("\"super_admin\""), "{text}");
        assert!(text.contains("SANDBOX_USER"), "{text}");
        assert!("".parse::<UserAccountType>().is_err());
    }

    #[test]
    fn display_and_from_str_round_trip_for_known_values() {
        for known in UserAccountType::KNOWN {
            assert_eq!(known.to_string().parse(), Ok(known));
        }
    }
}
