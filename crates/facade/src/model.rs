//! The unified directory model: one [`User`] shape for every provider, a [`Person`] to
//! look for across providers, normalised [`AccessLevel`] and [`Status`].

use serde::{Deserialize, Serialize};
use usermgmt_runtime::Provider;

use crate::{Email, validate};

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

/// A person to find or offboard across providers: a validated email, plus the GitHub
/// login and Slack id that Axolo identifies engineers by. Every part is checked when it
/// is set, so an empty or malformed value can never match more accounts than it should.
///
/// Only the email is required ([`Person::new`]); the GitHub login and Slack id are
/// optional and needed only for Axolo, whose steps are skipped (offboarding) or refused
/// (onboarding) without them.
///
/// ```
/// use usermgmt::Person;
/// let ada = Person::new("ada@acme.example")?.with_github_login("ada-l")?;
/// assert_eq!(ada.github_login(), Some("ada-l"));
/// assert!(Person::new("").is_err());
/// assert!(Person::new("ada@acme.example")?.with_github_login(" ").is_err());
/// # Ok::<(), usermgmt::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "PersonFields")]
pub struct Person {
    email: Email,
    #[serde(skip_serializing_if = "Option::is_none")]
    github_login: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    slack_id: Option<String>,
}

/// The serialised shape of a [`Person`], checked on the way in.
#[derive(Deserialize)]
struct PersonFields {
    email: String,
    github_login: Option<String>,
    slack_id: Option<String>,
}

impl TryFrom<PersonFields> for Person {
    type Error = crate::Error;

    fn try_from(fields: PersonFields) -> Result<Self, Self::Error> {
        let mut person = Person::new(&fields.email)?;
        if let Some(login) = fields.github_login {
            person = person.with_github_login(&login)?;
        }
        if let Some(slack_id) = fields.slack_id {
            person = person.with_slack_id(&slack_id)?;
        }
        Ok(person)
    }
}

impl Person {
    /// A person known by email; [`Error::InvalidInput`](crate::Error::InvalidInput) when
    /// it is empty or not an email address.
    pub fn new(email: &str) -> Result<Self, crate::Error> {
        Ok(Self::from_email(Email::parse(email)?))
    }

    /// A person known by an already checked email.
    pub fn from_email(email: Email) -> Self {
        Self {
            email,
            github_login: None,
            slack_id: None,
        }
    }

    /// Add the GitHub login (checked: 1 to 39 letters, digits or single hyphens).
    pub fn with_github_login(mut self, login: &str) -> Result<Self, crate::Error> {
        self.github_login = Some(validate::github_name("GitHub login", login)?);
        Ok(self)
    }

    /// Add the Slack member id (checked: letters and digits).
    pub fn with_slack_id(mut self, slack_id: &str) -> Result<Self, crate::Error> {
        self.slack_id = Some(validate::slack_id(slack_id)?);
        Ok(self)
    }

    /// The email address.
    pub fn email(&self) -> &Email {
        &self.email
    }

    /// The GitHub login, if known.
    pub fn github_login(&self) -> Option<&str> {
        self.github_login.as_deref()
    }

    /// The Slack member id, if known.
    pub fn slack_id(&self) -> Option<&str> {
        self.slack_id.as_deref()
    }

    /// Whether `email` is this person's address (case-insensitive, surrounding space
    /// ignored). An empty or blank `email` never matches.
    pub fn has_email(&self, email: &str) -> bool {
        self.email.matches(email)
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
pub(crate) mod provider_id {
    use serde::{Deserialize, Deserializer, Serializer};
    use usermgmt_runtime::Provider;

    pub(crate) fn serialize<S: Serializer>(provider: &Provider, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(provider.id())
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Provider, D::Error> {
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
    fn people_deserialise_only_when_every_part_is_valid() {
        let ok: Person =
            serde_json::from_str(r#"{"email":"ada@acme.example","github_login":"ada-l"}"#).unwrap();
        assert_eq!(ok.github_login(), Some("ada-l"));
        for bad in [
            r#"{"email":""}"#,
            r#"{"email":"ada@acme.example","github_login":""}"#,
            r#"{"email":"ada@acme.example","slack_id":"not one"}"#,
        ] {
            assert!(serde_json::from_str::<Person>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn emails_match_case_insensitively() {
        let ada = Person::new("Ada@Acme.Example").unwrap();
        assert!(ada.has_email(" ada@acme.example"));
        assert!(!ada.has_email("ada@acme.exampl"));
        assert!(!ada.has_email(""));
    }
}
