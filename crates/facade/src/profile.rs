//! Access profiles: a name for "what a developer (or an analyst, ...) gets", mapped to each
//! provider's own form of access, and the reading of an account's current access in the
//! same terms, so the two can be compared.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use usermgmt_runtime::Provider;

use crate::{Access, AccessLevel, Snapshot};

/// The access one kind of person gets in each provider. A provider left out is not
/// touched when onboarding with the profile; Axolo has no levels, only membership.
///
/// Deserialises from the `[profiles.NAME]` tables of `usermgmt.toml`:
///
/// ```
/// use usermgmt::{Access, AccessProfile, Provider};
///
/// let developer: AccessProfile = serde_json::from_value(serde_json::json!({
///     "axiom": "user",
///     "adverity": { "groups": [2], "workspaces": [3] },
///     "paradime": "DEVELOPER",
///     "modelprime": ["developer"],
///     "axolo": true,
/// }))?;
/// assert_eq!(developer.access(Provider::Axiom), Some(Access::AxiomRole { role: "user".into() }));
/// assert!(developer.includes(Provider::Axolo));
/// developer.check()?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessProfile {
    /// The Axiom role id: `none`, `read-only`, `user`, `admin`, `owner` or a custom
    /// role's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub axiom: Option<String>,
    /// Adverity groups and workspaces, by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adverity: Option<AdverityAccess>,
    /// The Paradime account type (`ADMIN`, `DEVELOPER`, `BUSINESS`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paradime: Option<String>,
    /// Model-Prime roles (`admin`, `developer`, `analyst`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modelprime: Option<Vec<String>>,
    /// Whether the person is onboarded in Axolo (needs their GitHub login and Slack id).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub axolo: bool,
}

/// Adverity access: group ids and workspace ids.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdverityAccess {
    /// Group ids (none is allowed: an account without groups has no access to data).
    pub groups: Vec<i64>,
    /// Workspace ids.
    #[serde(default)]
    pub workspaces: Vec<i64>,
}

/// Why a profile cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{provider}: {reason}")]
pub struct ProfileError {
    /// The provider whose access is wrong.
    pub provider: Provider,
    /// What is wrong.
    pub reason: String,
}

impl AccessProfile {
    /// The providers this profile grants access in, in [`Provider::ALL`] order.
    pub fn providers(&self) -> Vec<Provider> {
        Provider::ALL
            .into_iter()
            .filter(|p| self.includes(*p))
            .collect()
    }

    /// Whether the profile says anything about `provider`.
    pub fn includes(&self, provider: Provider) -> bool {
        match provider {
            Provider::Axiom => self.axiom.is_some(),
            Provider::Adverity => self.adverity.is_some(),
            Provider::Paradime => self.paradime.is_some(),
            Provider::ModelPrime => self.modelprime.is_some(),
            Provider::Axolo => self.axolo,
            _ => false,
        }
    }

    /// The access the profile grants at `provider`; `None` where it grants none or the
    /// provider has no levels (Axolo).
    pub fn access(&self, provider: Provider) -> Option<Access> {
        match provider {
            Provider::Axiom => self.axiom.clone().map(|role| Access::AxiomRole { role }),
            Provider::Adverity => self.adverity.clone().map(|a| Access::AdverityGroups {
                groups: a.groups,
                workspaces: a.workspaces,
            }),
            Provider::Paradime => self
                .paradime
                .clone()
                .map(|account_type| Access::ParadimeAccountType { account_type }),
            Provider::ModelPrime => self
                .modelprime
                .clone()
                .map(|roles| Access::ModelPrimeRoles { roles }),
            _ => None,
        }
    }

    /// Checks every value against what the provider accepts, so a typo is an error when
    /// the profile is read, not a refused request half-way through an apply.
    pub fn check(&self) -> Result<(), ProfileError> {
        let fail = |provider, reason: String| Err(ProfileError { provider, reason });
        if let Some(role) = &self.axiom
            && role.trim().is_empty()
        {
            return fail(Provider::Axiom, "the role is empty".into());
        }
        if let Some(adverity) = &self.adverity
            && let Some(bad) = adverity
                .groups
                .iter()
                .chain(&adverity.workspaces)
                .find(|id| **id < 1)
        {
            return fail(
                Provider::Adverity,
                format!("{bad} is not a group or workspace id"),
            );
        }
        if let Some(account_type) = &self.paradime
            && !PARADIME_ACCOUNT_TYPES.contains(&account_type.as_str())
        {
            return fail(
                Provider::Paradime,
                format!(
                    "unknown account type {account_type:?}: expected one of {}",
                    PARADIME_ACCOUNT_TYPES.join(", ")
                ),
            );
        }
        if let Some(roles) = &self.modelprime {
            if roles.is_empty() {
                return fail(Provider::ModelPrime, "at least one role is needed".into());
            }
            if let Some(bad) = roles
                .iter()
                .find(|r| !MODELPRIME_ROLES.contains(&r.as_str()))
            {
                return fail(
                    Provider::ModelPrime,
                    format!(
                        "unknown role {bad:?}: expected {}",
                        MODELPRIME_ROLES.join(", ")
                    ),
                );
            }
        }
        Ok(())
    }
}

/// Paradime's account types (`UserAccountType` in `specs/paradime/schema.graphql`).
const PARADIME_ACCOUNT_TYPES: &[&str] = &[
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

/// Model-Prime's roles.
const MODELPRIME_ROLES: &[&str] = &["admin", "developer", "analyst"];

impl Access {
    /// The access an account has now, read from its snapshot in the same terms a
    /// profile grants it; `None` for providers without levels (Axolo).
    pub fn of(provider: Provider, snapshot: &Snapshot) -> Option<Access> {
        let user = &snapshot.user;
        let first_role = || user.roles.first().cloned().unwrap_or_default();
        let ids = |field: &str| -> Vec<i64> {
            snapshot
                .record
                .get(field)
                .and_then(Value::as_array)
                .map(|items| items.iter().filter_map(Value::as_i64).collect())
                .unwrap_or_default()
        };
        match provider {
            Provider::Axiom => Some(Access::AxiomRole {
                role: snapshot
                    .record
                    .pointer("/role/id")
                    .and_then(Value::as_str)
                    .map_or_else(first_role, str::to_string),
            }),
            Provider::Adverity => Some(Access::AdverityGroups {
                groups: ids("groups"),
                workspaces: ids("workspaces"),
            }),
            Provider::Paradime => Some(Access::ParadimeAccountType {
                account_type: first_role(),
            }),
            Provider::ModelPrime => Some(Access::ModelPrimeRoles {
                roles: user.roles.clone(),
            }),
            _ => None,
        }
    }

    /// The level this access grants; [`AccessLevel::Unknown`] where it cannot be told (a
    /// custom Axiom role, Adverity's groups).
    ///
    /// ```
    /// use usermgmt::{Access, AccessLevel};
    /// let admin = Access::ModelPrimeRoles { roles: vec!["analyst".into(), "admin".into()] };
    /// assert_eq!(admin.level(), AccessLevel::Admin);
    /// ```
    pub fn level(&self) -> AccessLevel {
        match self {
            #[cfg(feature = "axiom")]
            Access::AxiomRole { role } => crate::roles::axiom_level(role),
            #[cfg(feature = "paradime")]
            Access::ParadimeAccountType { account_type } => {
                crate::roles::paradime_level(account_type)
            }
            #[cfg(feature = "modelprime")]
            Access::ModelPrimeRoles { roles } => {
                crate::roles::modelprime_level(roles.iter().map(String::as_str))
            }
            _ => AccessLevel::Unknown,
        }
    }

    /// Whether two accesses grant the same thing: lists compare as sets (order and
    /// repeats do not matter), names exactly.
    pub fn same_as(&self, other: &Access) -> bool {
        /// The same items as sets; equal slices (the usual case) need no copies.
        fn same_set<T: Ord + Clone>(a: &[T], b: &[T]) -> bool {
            let set = |items: &[T]| {
                let mut items = items.to_vec();
                items.sort();
                items.dedup();
                items
            };
            a == b || set(a) == set(b)
        }
        match (self, other) {
            (
                Access::AdverityGroups { groups, workspaces },
                Access::AdverityGroups {
                    groups: g,
                    workspaces: w,
                },
            ) => same_set(groups, g) && same_set(workspaces, w),
            (Access::ModelPrimeRoles { roles }, Access::ModelPrimeRoles { roles: r }) => {
                same_set(roles, r)
            }
            (a, b) => a == b,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AccessLevel, Status, User};
    use serde_json::json;

    fn snapshot(provider: Provider, roles: &[&str], record: Value) -> Snapshot {
        Snapshot {
            user: User {
                provider,
                id: Some("1".into()),
                email: Some("ada@acme.example".into()),
                name: None,
                roles: roles.iter().map(|r| r.to_string()).collect(),
                access: AccessLevel::Member,
                status: Status::Active,
            },
            record,
        }
    }

    #[test]
    fn current_access_is_read_in_the_terms_profiles_grant() {
        let axiom = snapshot(
            Provider::Axiom,
            &["Data Steward"],
            json!({"role": {"id": "6c1f", "name": "Data Steward"}}),
        );
        assert_eq!(
            Access::of(Provider::Axiom, &axiom),
            Some(Access::AxiomRole {
                role: "6c1f".into()
            }),
            "a custom role is its id, not the name shown"
        );
        let adverity = snapshot(
            Provider::Adverity,
            &["2"],
            json!({"groups": [2, 5], "workspaces": [3]}),
        );
        assert_eq!(
            Access::of(Provider::Adverity, &adverity),
            Some(Access::AdverityGroups {
                groups: vec![2, 5],
                workspaces: vec![3]
            })
        );
        assert_eq!(Access::of(Provider::Axolo, &adverity), None);
    }

    #[test]
    fn lists_compare_as_sets_and_names_exactly() {
        let a = Access::ModelPrimeRoles {
            roles: vec!["developer".into(), "analyst".into()],
        };
        let b = Access::ModelPrimeRoles {
            roles: vec!["analyst".into(), "developer".into(), "analyst".into()],
        };
        assert!(a.same_as(&b));
        let c = Access::ModelPrimeRoles {
            roles: vec!["developer".into()],
        };
        assert!(!a.same_as(&c));
        let user = Access::AxiomRole {
            role: "user".into(),
        };
        assert!(!user.same_as(&Access::AxiomRole {
            role: "User".into()
        }));
    }

    #[test]
    fn check_refuses_values_the_providers_would_refuse() {
        let bad = |value: Value| {
            let profile: AccessProfile = serde_json::from_value(value).unwrap();
            profile.check().unwrap_err().to_string()
        };
        assert!(bad(json!({"paradime": "developer"})).contains("unknown account type"));
        assert!(bad(json!({"modelprime": ["owner"]})).contains("unknown role \"owner\""));
        assert!(bad(json!({"modelprime": []})).contains("at least one role"));
        assert!(bad(json!({"adverity": {"groups": [0]}})).contains("0 is not"));
        assert!(bad(json!({"axiom": " "})).contains("empty"));
        let unknown = serde_json::from_value::<AccessProfile>(json!({"github": true}));
        assert!(unknown.is_err(), "unknown providers are refused");
    }
}
