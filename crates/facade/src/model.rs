//! The unified directory model: one [`User`] shape for every provider, a [`Person`] to
//! look for across providers, normalised [`AccessLevel`] and [`Status`].

use serde::{Deserialize, Serialize};
use usermgmt_runtime::Provider;

/// A user account at one provider, in the shape shared by all providers.
///
/// Native roles are kept verbatim (lossless); [`access`](User::access) is the
/// normalised reading of them and is [`AccessLevel::Unknown`] where the mapping cannot
/// tell (an Axiom custom role, an Adverity group id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// The provider holding the account.
    #[serde(with = "provider_id")]
    pub provider: Provider,
    /// The provider's id for the account; absent for Paradime invitations, which have none.
    pub id: Option<String>,
    /// The email address; absent where the provider identifies people otherwise (Axolo).
    pub email: Option<String>,
    /// The display name, when the provider has one.
    pub name: Option<String>,
    /// The provider's own role names or ids, verbatim.
    pub roles: Vec<String>,
    /// The normalised access level.
    pub access: AccessLevel,
    /// Whether the account is active, invited or disabled.
    pub status: Status,
}

/// A person to find or offboard across providers: the email, plus the GitHub login and
/// Slack id that Axolo identifies engineers by.
///
/// ```
/// use usermgmt::Person;
/// let ada = Person::new("ada@acme.example").with_github_login("ada-l");
/// assert_eq!(ada.github_login.as_deref(), Some("ada-l"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// The email address (compared case-insensitively).
    pub email: String,
    /// The GitHub login, for Axolo.
    pub github_login: Option<String>,
    /// The Slack member id, for Axolo onboarding.
    pub slack_id: Option<String>,
}

impl Person {
    /// A person known by email.
    pub fn new(email: impl Into<String>) -> Self {
        Self {
            email: email.into(),
            github_login: None,
            slack_id: None,
        }
    }

    /// Add the GitHub login.
    pub fn with_github_login(mut self, login: impl Into<String>) -> Self {
        self.github_login = Some(login.into());
        self
    }

    /// Add the Slack member id.
    pub fn with_slack_id(mut self, slack_id: impl Into<String>) -> Self {
        self.slack_id = Some(slack_id.into());
        self
    }

    /// Whether `email` is this person's address (case-insensitive, surrounding space ignored).
    pub fn has_email(&self, email: &str) -> bool {
        self.email.trim().eq_ignore_ascii_case(email.trim())
    }
}

/// Access levels common to the providers, from least to most privileged. The order is
/// used to refuse silent escalation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum AccessLevel {
    /// The provider's roles could not be read as a level (custom roles, group ids).
    Unknown,
    /// Member of the organisation without access to data.
    NoAccess,
    /// Can read, cannot change.
    ReadOnly,
    /// Regular member: reads and writes.
    Member,
    /// Administers users and settings.
    Admin,
    /// Owns the organisation (billing, deletion).
    Owner,
}

impl std::fmt::Display for AccessLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            AccessLevel::Unknown => "unknown",
            AccessLevel::NoAccess => "no-access",
            AccessLevel::ReadOnly => "read-only",
            AccessLevel::Member => "member",
            AccessLevel::Admin => "admin",
            AccessLevel::Owner => "owner",
        })
    }
}

impl std::str::FromStr for AccessLevel {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "no-access" | "none" => Ok(AccessLevel::NoAccess),
            "read-only" | "readonly" => Ok(AccessLevel::ReadOnly),
            "member" => Ok(AccessLevel::Member),
            "admin" => Ok(AccessLevel::Admin),
            "owner" => Ok(AccessLevel::Owner),
            other => Err(format!(
                "unknown access level {other:?}: expected no-access, read-only, member, admin or owner"
            )),
        }
    }
}

/// The state of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Can log in.
    Active,
    /// Invited, has not joined yet.
    Invited,
    /// Exists but cannot log in.
    Disabled,
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Status::Active => "active",
            Status::Invited => "invited",
            Status::Disabled => "disabled",
        })
    }
}

/// Serialises a provider as its short id (`"modelprime"`), as scripts expect.
mod provider_id {
    use serde::{Deserialize, Deserializer, Serializer};
    use usermgmt_runtime::Provider;

    pub(super) fn serialize<S: Serializer>(provider: &Provider, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(provider.id())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Provider, D::Error> {
        let id = String::deserialize(d)?;
        id.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn users_serialise_with_a_provider_id_field() {
        let user = User {
            provider: Provider::ModelPrime,
            id: Some("u1".into()),
            email: Some("a@b.c".into()),
            name: None,
            roles: vec!["admin".into()],
            access: AccessLevel::Admin,
            status: Status::Active,
        };
        let json = serde_json::to_value(&user).unwrap();
        assert_eq!(json["provider"], "modelprime");
        assert_eq!(json["access"], "admin");
        assert_eq!(json["status"], "active");
        assert_eq!(serde_json::from_value::<User>(json).unwrap(), user);
    }

    #[test]
    fn access_levels_are_ordered_by_privilege() {
        assert!(AccessLevel::ReadOnly < AccessLevel::Member);
        assert!(AccessLevel::Admin < AccessLevel::Owner);
        assert!(AccessLevel::Unknown < AccessLevel::NoAccess);
        assert_eq!(
            "read-only".parse::<AccessLevel>(),
            Ok(AccessLevel::ReadOnly)
        );
        assert!("superuser".parse::<AccessLevel>().is_err());
    }

    #[test]
    fn emails_match_case_insensitively() {
        assert!(Person::new("Ada@Acme.Example").has_email(" ada@acme.example"));
        assert!(!Person::new("ada@acme.example").has_email("ada@acme.exampl"));
    }
}
