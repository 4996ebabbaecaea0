//! [`InviteStatus`], the state of an invitation. Hand-written instead of generated
//! because Paradime's docs and SDK disagree on the values (`ACTIVE` vs `SENT`), so any
//! value must decode.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The state of an invitation, as the API spells it.
///
/// Paradime's docs show `ACTIVE` and `EXPIRED`, its Python SDK knows `SENT` and
/// `EXPIRED`; both are listed. As with [`UserAccountType`](crate::UserAccountType),
/// deserialising never fails (unknown values become [`InviteStatus::Other`] and serialise
/// back verbatim), while [`FromStr`] is for people: case-insensitive, known values only.
///
/// ```
/// use usermgmt_paradime::InviteStatus;
///
/// let status: InviteStatus = serde_json::from_str("\"PENDING_APPROVAL\"")?;
/// assert_eq!(status, InviteStatus::Other("PENDING_APPROVAL".into()));
/// assert_eq!("expired".parse(), Ok(InviteStatus::Expired));
/// assert!("pending".parse::<InviteStatus>().is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum InviteStatus {
    /// `ACTIVE`: the invitation can still be accepted (the docs' spelling).
    Active,
    /// `SENT`: the invitation was sent and not yet accepted (the SDK's spelling).
    Sent,
    /// `EXPIRED`: the invitation can no longer be accepted.
    Expired,
    /// A value this crate does not list, kept verbatim. Meant for values the server sends.
    Other(String),
}

impl InviteStatus {
    /// Every status this crate knows.
    pub const KNOWN: [InviteStatus; 3] = [
        InviteStatus::Active,
        InviteStatus::Sent,
        InviteStatus::Expired,
    ];

    /// The value on the wire (`"EXPIRED"`).
    ///
    /// ```
    /// use usermgmt_paradime::InviteStatus;
    /// assert_eq!(InviteStatus::Sent.as_str(), "SENT");
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            InviteStatus::Active => "ACTIVE",
            InviteStatus::Sent => "SENT",
            InviteStatus::Expired => "EXPIRED",
            InviteStatus::Other(other) => other,
        }
    }

    /// The status for a value exactly as the server sends it; anything not listed becomes
    /// [`InviteStatus::Other`].
    ///
    /// ```
    /// use usermgmt_paradime::InviteStatus;
    /// assert_eq!(InviteStatus::from_wire("ACTIVE"), InviteStatus::Active);
    /// assert_eq!(InviteStatus::from_wire("REVOKED"), InviteStatus::Other("REVOKED".into()));
    /// ```
    pub fn from_wire(value: &str) -> Self {
        match value {
            "ACTIVE" => InviteStatus::Active,
            "SENT" => InviteStatus::Sent,
            "EXPIRED" => InviteStatus::Expired,
            other => InviteStatus::Other(other.to_string()),
        }
    }
}

impl fmt::Display for InviteStatus {
    /// The wire value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text given as an invite status is not one this crate knows.
///
/// ```
/// use usermgmt_paradime::InviteStatus;
/// let err = "open".parse::<InviteStatus>().unwrap_err();
/// assert!(err.to_string().contains("expected one of ACTIVE, SENT, EXPIRED"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownInviteStatus(pub String);

impl fmt::Display for UnknownInviteStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown Paradime invite status {:?}: expected one of ACTIVE, SENT, EXPIRED \
             (case-insensitive)",
            self.0
        )
    }
}

impl std::error::Error for UnknownInviteStatus {}

/// Parses user input: the known statuses only, case-insensitively.
impl FromStr for InviteStatus {
    type Err = UnknownInviteStatus;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match InviteStatus::from_wire(&s.trim().to_ascii_uppercase()) {
            InviteStatus::Other(_) => Err(UnknownInviteStatus(s.to_string())),
            known => Ok(known),
        }
    }
}

impl Serialize for InviteStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Accepts any string: unknown values become [`InviteStatus::Other`].
impl<'de> Deserialize<'de> for InviteStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        Ok(InviteStatus::from_wire(&value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn known_and_unknown_values_round_trip_exactly() {
        for wire in ["ACTIVE", "SENT", "EXPIRED", "PENDING_APPROVAL", "sent"] {
            let parsed: InviteStatus = serde_json::from_value(json!(wire)).unwrap();
            assert_eq!(serde_json::to_value(&parsed).unwrap(), json!(wire));
        }
    }

    #[test]
    fn both_spellings_of_a_live_invitation_are_known() {
        let active: InviteStatus = serde_json::from_value(json!("ACTIVE")).unwrap();
        let sent: InviteStatus = serde_json::from_value(json!("SENT")).unwrap();
        assert_eq!((active, sent), (InviteStatus::Active, InviteStatus::Sent));
    }

    #[test]
    fn user_input_parses_case_insensitively_and_rejects_unknown_values() {
        assert_eq!(" sent".parse(), Ok(InviteStatus::Sent));
        assert_eq!("Expired".parse(), Ok(InviteStatus::Expired));
        let err = "revoked".parse::<InviteStatus>().unwrap_err();
        assert_eq!(err, UnknownInviteStatus("revoked".into()));
        assert!(err.to_string().contains("\"revoked\""));
    }

    #[test]
    fn display_and_from_str_round_trip_for_known_values() {
        for known in InviteStatus::KNOWN {
            assert_eq!(known.to_string().parse(), Ok(known));
        }
    }
}
