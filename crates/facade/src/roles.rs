//! Explicit role mapping per provider between native roles and [`AccessLevel`].
//!
//! Reading (native -> level) is total: what cannot be classified is
//! [`AccessLevel::Unknown`]. Writing (level -> native) is exact: a level with no native
//! role of exactly that privilege is an error, never silently rounded up.

#[cfg(any(feature = "axiom", feature = "modelprime", feature = "paradime"))]
use usermgmt_runtime::{Error, Provider};

#[cfg(any(feature = "axiom", feature = "modelprime", feature = "paradime"))]
use crate::AccessLevel;

/// Axiom's built-in role ids; anything else is a custom role's id.
#[cfg(feature = "axiom")]
const AXIOM_BUILT_IN: [&str; 5] = ["none", "read-only", "user", "admin", "owner"];

/// Whether `role_id` is one of Axiom's built-in roles (not a custom role's id).
#[cfg(feature = "axiom")]
pub(crate) fn axiom_is_built_in(role_id: &str) -> bool {
    AXIOM_BUILT_IN.contains(&role_id)
}

/// The level Axiom's role id means; custom role ids are unknown.
#[cfg(feature = "axiom")]
pub(crate) fn axiom_level(role_id: &str) -> AccessLevel {
    match role_id {
        "owner" => AccessLevel::Owner,
        "admin" => AccessLevel::Admin,
        "user" => AccessLevel::Member,
        "read-only" => AccessLevel::ReadOnly,
        "none" => AccessLevel::NoAccess,
        _ => AccessLevel::Unknown,
    }
}

/// The Axiom built-in role for exactly `level`.
#[cfg(feature = "axiom")]
pub(crate) fn axiom_role(level: AccessLevel) -> Result<&'static str, Error> {
    Ok(match level {
        AccessLevel::Owner => "owner",
        AccessLevel::Admin => "admin",
        AccessLevel::Member => "user",
        AccessLevel::ReadOnly => "read-only",
        AccessLevel::NoAccess => "none",
        _ => return Err(no_role(Provider::Axiom, level)),
    })
}

/// The level of a Model-Prime role set: the most privileged role wins.
#[cfg(feature = "modelprime")]
pub(crate) fn modelprime_level<'a>(roles: impl IntoIterator<Item = &'a str>) -> AccessLevel {
    roles
        .into_iter()
        .map(|role| match role {
            "admin" => AccessLevel::Admin,
            "developer" => AccessLevel::Member,
            "analyst" => AccessLevel::ReadOnly,
            _ => AccessLevel::Unknown,
        })
        .max()
        .unwrap_or(AccessLevel::Unknown)
}

/// The Model-Prime role for exactly `level`.
#[cfg(feature = "modelprime")]
pub(crate) fn modelprime_role(level: AccessLevel) -> Result<&'static str, Error> {
    Ok(match level {
        AccessLevel::Admin => "admin",
        AccessLevel::Member => "developer",
        AccessLevel::ReadOnly => "analyst",
        _ => return Err(no_role(Provider::ModelPrime, level)),
    })
}

/// The level of a Paradime account type. The partial admin types (billing, security,
/// workspace settings, workspace) read as admin: over-reporting privilege is the safe
/// direction for an access review.
#[cfg(feature = "paradime")]
pub(crate) fn paradime_level(account_type: &str) -> AccessLevel {
    match account_type {
        "ADMIN"
        | "BILLING_ADMIN"
        | "SECURITY_ADMIN"
        | "WORKSPACE_SETTINGS_ADMIN"
        | "WORKSPACE_ADMIN" => AccessLevel::Admin,
        "DEVELOPER" | "SANDBOX_USER" => AccessLevel::Member,
        "BUSINESS" | "ANALYST" => AccessLevel::ReadOnly,
        _ => AccessLevel::Unknown,
    }
}

/// The Paradime account type for exactly `level`.
#[cfg(feature = "paradime")]
pub(crate) fn paradime_account_type(level: AccessLevel) -> Result<&'static str, Error> {
    Ok(match level {
        AccessLevel::Admin => "ADMIN",
        AccessLevel::Member => "DEVELOPER",
        AccessLevel::ReadOnly => "BUSINESS",
        _ => return Err(no_role(Provider::Paradime, level)),
    })
}

#[cfg(any(feature = "axiom", feature = "modelprime", feature = "paradime"))]
fn no_role(provider: Provider, level: AccessLevel) -> Error {
    Error::InvalidInput {
        provider: Some(provider),
        message: format!("{provider} has no role for access level {level}"),
    }
}

#[cfg(all(test, feature = "axiom", feature = "modelprime", feature = "paradime"))]
mod tests {
    use super::*;

    const LEVELS: [AccessLevel; 6] = [
        AccessLevel::Unknown,
        AccessLevel::NoAccess,
        AccessLevel::ReadOnly,
        AccessLevel::Member,
        AccessLevel::Admin,
        AccessLevel::Owner,
    ];

    #[test]
    fn writing_a_level_and_reading_it_back_never_escalates() {
        for level in LEVELS {
            if let Ok(role) = axiom_role(level) {
                assert_eq!(axiom_level(role), level);
            }
            if let Ok(role) = modelprime_role(level) {
                assert_eq!(modelprime_level([role]), level);
            }
            if let Ok(account_type) = paradime_account_type(level) {
                assert_eq!(paradime_level(account_type), level);
            }
        }
    }

    #[test]
    fn levels_without_an_exact_role_are_refused() {
        assert!(modelprime_role(AccessLevel::Owner).is_err());
        assert!(paradime_account_type(AccessLevel::Owner).is_err());
        assert!(paradime_account_type(AccessLevel::NoAccess).is_err());
        assert!(axiom_role(AccessLevel::Unknown).is_err());
    }

    #[test]
    fn every_axiom_built_in_reads_as_a_known_level() {
        for id in AXIOM_BUILT_IN {
            assert!(axiom_is_built_in(id));
            assert_ne!(axiom_level(id), AccessLevel::Unknown, "{id}");
        }
        assert!(!axiom_is_built_in("6c1f2a9e-3b7d-4e0a-9f45-2d8b1c7e5a31"));
    }

    #[test]
    fn unknown_native_roles_read_as_unknown() {
        assert_eq!(axiom_level("custom-7f3a"), AccessLevel::Unknown);
        assert_eq!(paradime_level("SUPER_ADMIN"), AccessLevel::Unknown);
        assert_eq!(modelprime_level(["admin", "auditor"]), AccessLevel::Admin);
        assert_eq!(modelprime_level([]), AccessLevel::Unknown);
    }
}
