//! Value parsers for the command line: an empty, blank or malformed email, id, GitHub
//! login, organization, name, role or provider is refused by clap itself (exit 2, the
//! usage printed) before any configuration is read or any request is sent.

use clap::builder::{PossibleValuesParser, TypedValueParser};
use usermgmt::modelprime::PermissionRole;
use usermgmt::paradime::UserAccountType;
use usermgmt::{Email, Provider, validate};

/// The error text of an SDK validation error, without its provider prefix.
fn message(error: usermgmt::Error) -> String {
    match error {
        usermgmt::Error::InvalidInput { message, .. } => message,
        other => other.to_string(),
    }
}

/// A request timeout in seconds: a positive number, at most a day (`30`, `2.5`).
pub(crate) fn timeout(text: &str) -> Result<std::time::Duration, String> {
    let seconds: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    if !(seconds > 0.0 && seconds <= 86_400.0) {
        return Err(format!(
            "{text:?} is not a timeout: give more than 0 and at most 86400 seconds"
        ));
    }
    Ok(std::time::Duration::from_secs_f64(seconds))
}

/// An email address (`usermgmt::Email` rules).
pub(crate) fn email(text: &str) -> Result<Email, String> {
    Email::parse(text).map_err(message)
}

/// An account id: not blank, no whitespace, control characters or `/`.
pub(crate) fn id(text: &str) -> Result<String, String> {
    validate::id("id", text).map_err(message)
}

/// A GitHub login.
pub(crate) fn github_login(text: &str) -> Result<String, String> {
    validate::github_name("GitHub login", text).map_err(message)
}

/// A GitHub organization.
pub(crate) fn organization(text: &str) -> Result<String, String> {
    validate::github_name("GitHub organization", text).map_err(message)
}

/// A Slack member id.
pub(crate) fn slack_id(text: &str) -> Result<String, String> {
    validate::slack_id(text).map_err(message)
}

/// A person's name: not blank, at most 256 characters, no control characters.
pub(crate) fn name(text: &str) -> Result<String, String> {
    let name = text.trim();
    if name.is_empty() {
        Err("the name must not be empty".to_string())
    } else if name.chars().count() > 256 {
        Err("the name must be at most 256 characters".to_string())
    } else if name.chars().any(char::is_control) {
        Err("the name must not contain control characters".to_string())
    } else {
        Ok(name.to_string())
    }
}

/// A Model-Prime name filter: at least 3 letters or spaces (what the API accepts).
pub(crate) fn name_search(text: &str) -> Result<String, String> {
    let valid =
        text.trim().chars().count() >= 3 && text.chars().all(|c| c.is_alphabetic() || c == ' ');
    if valid {
        Ok(text.to_string())
    } else {
        Err("use at least 3 letters (and spaces)".to_string())
    }
}

/// The provider ids, as `usermgmt users list --provider` takes them.
const PROVIDERS: [&str; 5] = ["axiom", "adverity", "paradime", "modelprime", "axolo"];

/// A provider id (`axiom`, `modelprime`, ...), listed in `--help` and completions.
pub(crate) fn provider() -> impl TypedValueParser<Value = Provider> {
    PossibleValuesParser::new(PROVIDERS).try_map(|text| text.parse::<Provider>())
}

/// Paradime's account types, as the API spells them.
const ACCOUNT_TYPES: [&str; 9] = [
    "ADMIN",
    "DEVELOPER",
    "BUSINESS",
    "BILLING_ADMIN",
    "SECURITY_ADMIN",
    "WORKSPACE_SETTINGS_ADMIN",
    "WORKSPACE_ADMIN",
    "ANALYST",
    "SANDBOX_USER",
];

/// A Paradime account type (case-insensitive with `ignore_case`).
pub(crate) fn account_type() -> impl TypedValueParser<Value = UserAccountType> {
    PossibleValuesParser::new(ACCOUNT_TYPES).try_map(|text| text.parse::<UserAccountType>())
}

/// Model-Prime's roles.
const ROLES: [&str; 3] = ["admin", "developer", "analyst"];

/// A Model-Prime role.
pub(crate) fn role() -> impl TypedValueParser<Value = PermissionRole> {
    PossibleValuesParser::new(ROLES).try_map(|text| text.parse::<PermissionRole>())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_listed_values_are_exactly_the_sdks_known_values() {
        let ids: Vec<&str> = Provider::ALL.iter().map(|p| p.id()).collect();
        assert_eq!(ids, PROVIDERS);
        let types: Vec<String> = UserAccountType::KNOWN
            .iter()
            .map(|t| t.to_string())
            .collect();
        assert_eq!(types, ACCOUNT_TYPES);
        let roles: Vec<String> = PermissionRole::KNOWN
            .iter()
            .map(|r| r.to_string())
            .collect();
        assert_eq!(roles, ROLES);
        for text in ACCOUNT_TYPES.iter().chain(&ROLES) {
            assert!(
                text.parse::<UserAccountType>().is_ok() || text.parse::<PermissionRole>().is_ok()
            );
        }
    }

    #[test]
    fn timeouts_are_positive_seconds_up_to_a_day() {
        assert_eq!(timeout("30"), Ok(std::time::Duration::from_secs(30)));
        assert_eq!(timeout("0.5"), Ok(std::time::Duration::from_millis(500)));
        for bad in ["", "0", "-1", "abc", "NaN", "inf", "86401"] {
            assert!(timeout(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn blank_and_malformed_values_are_refused() {
        assert!(email("").is_err());
        assert!(email("  ").is_err());
        assert!(email("ada@").is_err());
        assert!(email("ada@acme.example").is_ok());
        assert!(id(" ").is_err());
        assert!(id("a/b").is_err());
        assert_eq!(id(" 12 ").unwrap(), "12");
        assert!(github_login("").is_err());
        assert!(organization("acme corp").is_err());
        assert!(slack_id("").is_err());
        assert!(name(" ").is_err());
        assert!(name("Eve\u{1b}[31m").is_err());
        assert_eq!(name(" Ada ").unwrap(), "Ada");
        assert!(name_search("ab").is_err());
        assert!(name_search("tu%").is_err());
        assert!(name_search("tur").is_ok());
    }
}
