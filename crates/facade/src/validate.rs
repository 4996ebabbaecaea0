//! Input checks done before any request: an empty, blank or malformed email, id, GitHub
//! login, organization or Slack id is [`Error::InvalidInput`], never a value that could
//! match more than it should.
//!
//! Written by hand rather than with an RFC 5322 parser: what is accepted here is a
//! deliberately strict subset (no quoted local parts, no IP-literal domains, no display
//! names), which a general parser would have to be told to refuse piece by piece.

use std::fmt;

use serde::{Deserialize, Serialize};
use usermgmt_runtime::Provider;

use crate::Error;

/// A syntactically valid email address: `local@domain.tld`, trimmed, at most 254
/// characters, no whitespace or control characters, a domain of dot-separated labels.
/// Compared case-insensitively (see [`Email::matches`]).
///
/// ```
/// use usermgmt::Email;
/// let email = Email::parse(" Ada@Acme.Example ")?;
/// assert_eq!(email.as_str(), "Ada@Acme.Example");
/// assert!(email.matches("ada@acme.example"));
/// assert!(Email::parse("").is_err());
/// assert!(Email::parse("ada@").is_err());
/// assert!(Email::parse("ada acme.example").is_err());
/// # Ok::<(), usermgmt::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// Check `text` and keep it (trimmed).
    pub fn parse(text: &str) -> Result<Email, Error> {
        let email = text.trim();
        let invalid = |why: &str| invalid(format!("{:?} is not an email address: {why}", text));
        if email.is_empty() {
            return Err(invalid("it is empty"));
        }
        if email.len() > 254 {
            return Err(invalid("it is longer than 254 characters"));
        }
        if email.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid("it contains spaces or control characters"));
        }
        let Some((local, domain)) = email.split_once('@') else {
            return Err(invalid("it has no @"));
        };
        if local.is_empty() || local.len() > 64 {
            return Err(invalid("the part before @ must have 1 to 64 characters"));
        }
        if domain.contains('@') {
            return Err(invalid("it has more than one @"));
        }
        if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
            return Err(invalid("dots must separate characters before the @"));
        }
        if local.contains(['"', '(', ')', ',', ':', ';', '<', '>', '[', '\\', ']']) {
            return Err(invalid(
                "the part before @ has characters addresses cannot use",
            ));
        }
        let labels: Vec<&str> = domain.split('.').collect();
        if labels.len() < 2 || labels.iter().any(|label| !is_domain_label(label)) {
            return Err(invalid(
                "the domain must be labels of letters, digits and hyphens separated by dots",
            ));
        }
        Ok(Email(email.to_string()))
    }

    /// The address as given (trimmed).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `other` is this address, ignoring case and surrounding space. An empty or
    /// blank `other` never matches.
    pub fn matches(&self, other: &str) -> bool {
        let other = other.trim();
        !other.is_empty() && self.0.eq_ignore_ascii_case(other)
    }
}

fn is_domain_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 63
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label.chars().all(|c| c.is_alphanumeric() || c == '-')
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Email {
    type Error = Error;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Email::parse(&text)
    }
}

impl From<Email> for String {
    fn from(email: Email) -> Self {
        email.0
    }
}

impl std::str::FromStr for Email {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Email::parse(text)
    }
}

/// `value` trimmed, or [`Error::InvalidInput`] naming `what` when it is blank, longer
/// than 256 characters, or holds whitespace, control characters or `/`: ids end up in
/// URL paths, where such characters would address something else.
///
/// ```
/// assert_eq!(usermgmt::validate::id("user id", " u-1 ").unwrap(), "u-1");
/// assert!(usermgmt::validate::id("user id", "  ").is_err());
/// assert!(usermgmt::validate::id("user id", "../admin").is_err());
/// ```
pub fn id(what: &str, value: &str) -> Result<String, Error> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(invalid(format!("the {what} must not be empty")));
    }
    if trimmed.len() > 256
        || trimmed
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '/')
        || trimmed == "."
        || trimmed == ".."
    {
        return Err(invalid(format!("{value:?} is not a valid {what}")));
    }
    Ok(trimmed.to_string())
}

/// A GitHub login or organization name: 1 to 39 letters, digits or single hyphens, not
/// starting or ending with a hyphen (GitHub's own rule).
///
/// ```
/// assert!(usermgmt::validate::github_name("GitHub login", "alan-turing").is_ok());
/// assert!(usermgmt::validate::github_name("GitHub login", "-alan").is_err());
/// assert!(usermgmt::validate::github_name("GitHub organization", "").is_err());
/// ```
pub fn github_name(what: &str, value: &str) -> Result<String, Error> {
    let name = value.trim();
    let valid = !name.is_empty()
        && name.len() <= 39
        && !name.starts_with('-')
        && !name.ends_with('-')
        && !name.contains("--")
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if valid {
        Ok(name.to_string())
    } else if name.is_empty() {
        Err(invalid(format!("the {what} must not be empty")))
    } else {
        Err(invalid(format!(
            "{value:?} is not a valid {what}: use 1 to 39 letters, digits or single hyphens"
        )))
    }
}

/// A Slack member id: letters and digits only (`U024BE7LH`), 2 to 32 characters.
///
/// ```
/// assert!(usermgmt::validate::slack_id("U024BE7LH").is_ok());
/// assert!(usermgmt::validate::slack_id("").is_err());
/// assert!(usermgmt::validate::slack_id("U 1").is_err());
/// ```
pub fn slack_id(value: &str) -> Result<String, Error> {
    let id = value.trim();
    if (2..=32).contains(&id.len()) && id.chars().all(|c| c.is_ascii_alphanumeric()) {
        Ok(id.to_string())
    } else {
        Err(invalid(format!(
            "{value:?} is not a Slack member id (letters and digits, like U024BE7LH)"
        )))
    }
}

/// Like [`id`], for a value bound to one provider (the error names it).
pub(crate) fn provider_id(provider: Provider, what: &str, value: &str) -> Result<String, Error> {
    id(what, value).map_err(|error| match error {
        Error::InvalidInput { message, .. } => Error::InvalidInput {
            provider: Some(provider),
            message,
        },
        other => other,
    })
}

fn invalid(message: String) -> Error {
    Error::InvalidInput {
        provider: None,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_addresses_are_accepted() {
        for ok in [
            "ada@acme.example",
            "a.b+tag@sub.acme.co.uk",
            "x_y-z@a-b.io",
            "ünïcode@bücher.example",
        ] {
            assert!(Email::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn empty_blank_and_malformed_addresses_are_refused() {
        for bad in [
            "",
            "   ",
            "ada",
            "@acme.example",
            "ada@",
            "ada@acme",
            "ada@@acme.example",
            "a@b@acme.example",
            "ada lovelace@acme.example",
            "ada@acme..example",
            ".ada@acme.example",
            "ada.@acme.example",
            "\"ada\"@acme.example",
            "ada@[127.0.0.1]",
            "ada@-acme.example",
            "ada@acme.ex\nample",
            "ad\u{1b}a@acme.example",
            "*@acme.example",
            "%@acme.example",
        ] {
            // "*" and "%" are legal characters but never match-all here: comparison is
            // exact, so they are accepted only as literal addresses.
            let parsed = Email::parse(bad);
            if bad.starts_with('*') || bad.starts_with('%') {
                let email = parsed.unwrap();
                assert!(!email.matches("ada@acme.example"));
                continue;
            }
            assert!(parsed.is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn matching_ignores_case_and_never_matches_empty() {
        let email = Email::parse("Ada@Acme.Example").unwrap();
        assert!(email.matches(" ada@acme.example "));
        assert!(!email.matches(""));
        assert!(!email.matches("  "));
        assert!(!email.matches("ada@acme.exampl"));
    }

    #[test]
    fn emails_deserialise_only_when_valid() {
        assert!(serde_json::from_str::<Email>(r#""ada@acme.example""#).is_ok());
        assert!(serde_json::from_str::<Email>(r#""""#).is_err());
    }

    #[test]
    fn ids_logins_and_slack_ids_are_checked() {
        assert!(id("id", "").is_err());
        assert!(id("id", "a b").is_err());
        assert!(id("id", "a/b").is_err());
        assert!(id("id", "..").is_err());
        assert_eq!(id("id", "42").unwrap(), "42");
        assert!(github_name("login", "a--b").is_err());
        assert!(github_name("login", &"a".repeat(40)).is_err());
        assert!(github_name("login", "Alan-Turing9").is_ok());
        assert!(slack_id("U0").is_ok());
        assert!(slack_id("U-1").is_err());
        let err = provider_id(Provider::Axiom, "user id", "").unwrap_err();
        assert_eq!(err.provider(), Some(Provider::Axiom));
    }
}
