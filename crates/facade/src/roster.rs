//! A roster: who should have access, and which. One entry per person, naming an access
//! profile and, where a person's access differs from every profile, the provider's own
//! access for that provider (overrides). The desired state that `reconcile` and `audit`
//! compare the providers with, and what `roster dump` writes from the current state.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::{Access, AccessProfile, AdverityAccess, Error, Person, Snapshot, Status};

/// Everyone who should have access.
///
/// ```
/// use usermgmt::{AccessProfile, Roster, RosterEntry};
/// let roster = Roster {
///     people: vec![RosterEntry::new("ada@acme.example", "Ada Lovelace").with_profile("admin")],
/// };
/// let profiles = [("admin".to_string(), AccessProfile { axiom: Some("owner".into()), ..Default::default() })]
///     .into_iter()
///     .collect();
/// roster.check(&profiles)?;
/// assert_eq!(roster.people[0].desired(&profiles)?.axiom.as_deref(), Some("owner"));
/// # Ok::<(), usermgmt::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roster {
    /// The people, in the file's order.
    pub people: Vec<RosterEntry>,
}

/// One person of a [`Roster`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RosterEntry {
    /// Their email, as every provider knows it.
    pub email: String,
    /// Their full name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The access profile they get; without one (and without overrides) their access is
    /// not managed: they are kept wherever they are, as they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// Their GitHub login, for Axolo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub github_login: Option<String>,
    /// Their Slack member id, for Axolo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slack_id: Option<String>,
    /// Per-provider access that replaces the profile's for those providers.
    #[serde(default, skip_serializing_if = "is_default")]
    pub access: AccessProfile,
}

/// Whether `profile` grants exactly what `has` holds, provider by provider (Axolo, which
/// cannot be read, aside).
fn grants_exactly(profile: &AccessProfile, has: &AccessProfile) -> bool {
    [
        crate::Provider::Axiom,
        crate::Provider::Adverity,
        crate::Provider::Paradime,
        crate::Provider::ModelPrime,
    ]
    .into_iter()
    .all(
        |provider| match (profile.access(provider), has.access(provider)) {
            (None, None) => true,
            (Some(wanted), Some(held)) => wanted.same_as(&held),
            _ => false,
        },
    )
}

fn is_default(profile: &AccessProfile) -> bool {
    *profile == AccessProfile::default()
}

impl RosterEntry {
    /// An entry for `email` called `name`, with no profile yet.
    pub fn new(email: &str, name: &str) -> Self {
        RosterEntry {
            email: email.to_string(),
            name: name.to_string(),
            ..RosterEntry::default()
        }
    }

    /// The entry with access profile `profile`.
    pub fn with_profile(mut self, profile: &str) -> Self {
        self.profile = Some(profile.to_string());
        self
    }

    /// The person, checked (email, GitHub login, Slack id).
    pub fn person(&self) -> Result<Person, Error> {
        let mut person = Person::new(&self.email)?;
        if let Some(login) = &self.github_login {
            person = person.with_github_login(login)?;
        }
        if let Some(slack_id) = &self.slack_id {
            person = person.with_slack_id(slack_id)?;
        }
        Ok(person)
    }

    /// The access this person should have: the profile's, with the entry's overrides on
    /// top; an unknown profile name is an error.
    pub fn desired(
        &self,
        profiles: &BTreeMap<String, AccessProfile>,
    ) -> Result<AccessProfile, Error> {
        let mut access = match &self.profile {
            None => AccessProfile::default(),
            Some(name) => profiles
                .get(name)
                .cloned()
                .ok_or_else(|| Error::InvalidInput {
                    provider: None,
                    message: format!("{}: no profile {name:?}", self.email),
                })?,
        };
        let overrides = &self.access;
        if overrides.axiom.is_some() {
            access.axiom.clone_from(&overrides.axiom);
        }
        if overrides.adverity.is_some() {
            access.adverity.clone_from(&overrides.adverity);
        }
        if overrides.paradime.is_some() {
            access.paradime.clone_from(&overrides.paradime);
        }
        if overrides.modelprime.is_some() {
            access.modelprime.clone_from(&overrides.modelprime);
        }
        access.axolo |= overrides.axolo;
        Ok(access)
    }
}

impl Roster {
    /// The roster of what is there now: one entry per email among `accounts` (disabled
    /// accounts left out), named by its first account with a name, with the first
    /// profile (by name) that grants exactly the access the person has where they have
    /// accounts and nothing where they have none; otherwise per-provider overrides with
    /// their access as it is. Axolo cannot be listed, so it is never inferred. Reconciling
    /// the result plans nothing.
    pub fn from_accounts(
        accounts: impl IntoIterator<Item = Snapshot>,
        profiles: &BTreeMap<String, AccessProfile>,
    ) -> Roster {
        let mut people: BTreeMap<String, (String, String, AccessProfile)> = BTreeMap::new();
        for account in accounts {
            let Some(email) = account.user.email.clone().filter(|e| !e.trim().is_empty()) else {
                continue;
            };
            if account.user.status == Status::Disabled {
                continue;
            }
            let entry = people
                .entry(email.to_ascii_lowercase())
                .or_insert_with(|| (email.clone(), String::new(), AccessProfile::default()));
            if entry.1.is_empty()
                && let Some(name) = account.user.name.as_ref().filter(|n| !n.trim().is_empty())
            {
                entry.1 = name.trim().to_string();
            }
            match Access::of(account.user.provider, &account) {
                Some(Access::AxiomRole { role }) => entry.2.axiom = Some(role),
                Some(Access::AdverityGroups { groups, workspaces }) => {
                    entry.2.adverity = Some(AdverityAccess { groups, workspaces });
                }
                Some(Access::ParadimeAccountType { account_type }) => {
                    entry.2.paradime = Some(account_type);
                }
                Some(Access::ModelPrimeRoles { roles }) => entry.2.modelprime = Some(roles),
                _ => {}
            }
        }
        let people = people
            .into_values()
            .map(|(email, name, has)| {
                let matching = profiles.iter().find(|(_, p)| grants_exactly(p, &has));
                let mut entry = RosterEntry::new(&email, &name);
                match matching {
                    Some((profile, _)) => entry.profile = Some(profile.clone()),
                    None => entry.access = has,
                }
                entry
            })
            .collect();
        Roster { people }
    }

    /// Checks every entry: a valid person, a known profile, valid overrides, and no email
    /// twice (emails compare case-insensitively), so a malformed roster is refused whole
    /// before anything is planned.
    pub fn check(&self, profiles: &BTreeMap<String, AccessProfile>) -> Result<(), Error> {
        self.checked(profiles).map(drop)
    }

    /// [`check`](Self::check), keeping what it worked out: each entry's person and the
    /// access they should have, in roster order.
    pub(crate) fn checked(
        &self,
        profiles: &BTreeMap<String, AccessProfile>,
    ) -> Result<Vec<(Person, AccessProfile)>, Error> {
        let mut seen = HashSet::with_capacity(self.people.len());
        let mut checked = Vec::with_capacity(self.people.len());
        for entry in &self.people {
            let person = entry.person()?;
            if !seen.insert(person.email().as_str().to_ascii_lowercase()) {
                return Err(Error::InvalidInput {
                    provider: None,
                    message: format!("{} is in the roster twice", entry.email),
                });
            }
            let desired = entry.desired(profiles)?;
            entry.access.check().map_err(|e| Error::InvalidInput {
                provider: Some(e.provider),
                message: format!("{}: {}", entry.email, e.reason),
            })?;
            checked.push((person, desired));
        }
        Ok(checked)
    }

    /// The entry for `email` (case-insensitive), if any.
    pub fn entry(&self, email: &str) -> Option<&RosterEntry> {
        self.people
            .iter()
            .find(|e| e.email.eq_ignore_ascii_case(email.trim()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::AdverityAccess;

    fn profiles() -> BTreeMap<String, AccessProfile> {
        [(
            "developer".to_string(),
            AccessProfile {
                axiom: Some("user".into()),
                modelprime: Some(vec!["developer".into()]),
                ..AccessProfile::default()
            },
        )]
        .into_iter()
        .collect()
    }

    fn snapshot(
        provider: crate::Provider,
        email: &str,
        roles: &[&str],
        status: Status,
    ) -> Snapshot {
        Snapshot {
            user: crate::User {
                provider,
                id: Some("1".into()),
                email: Some(email.into()),
                name: Some("Ada Lovelace".into()),
                roles: roles.iter().map(|r| r.to_string()).collect(),
                access: crate::AccessLevel::Member,
                status,
            },
            record: serde_json::json!({}),
        }
    }

    #[test]
    fn the_current_state_becomes_a_profile_where_one_fits_and_overrides_where_none_does() {
        use crate::Provider::{Axiom, ModelPrime};
        let accounts = vec![
            snapshot(Axiom, "ada@acme.example", &["user"], Status::Active),
            snapshot(
                ModelPrime,
                "ADA@acme.example",
                &["developer"],
                Status::Active,
            ),
            snapshot(Axiom, "edsger@acme.example", &["owner"], Status::Active),
            snapshot(Axiom, "dorothy@acme.example", &["user"], Status::Disabled),
            snapshot(Axiom, "grace@acme.example", &["user"], Status::Active),
        ];
        let roster = Roster::from_accounts(accounts, &profiles());
        let emails: Vec<_> = roster.people.iter().map(|p| p.email.as_str()).collect();
        assert_eq!(
            emails,
            [
                "ada@acme.example",
                "edsger@acme.example",
                "grace@acme.example"
            ]
        );
        assert_eq!(roster.people[0].profile.as_deref(), Some("developer"));
        assert_eq!(roster.people[0].name, "Ada Lovelace");
        assert_eq!(roster.people[1].profile, None);
        assert_eq!(roster.people[1].access.axiom.as_deref(), Some("owner"));
        // Grace has Axiom only; the developer profile would also give her Model-Prime.
        assert_eq!(roster.people[2].profile, None);
        assert_eq!(roster.people[2].access.axiom.as_deref(), Some("user"));
        roster.check(&profiles()).unwrap();
    }

    #[test]
    fn overrides_replace_the_profile_for_their_providers_only() {
        let mut entry = RosterEntry::new("ada@acme.example", "Ada").with_profile("developer");
        entry.access.axiom = Some("owner".into());
        entry.access.adverity = Some(AdverityAccess {
            groups: vec![1],
            workspaces: vec![],
        });
        let desired = entry.desired(&profiles()).unwrap();
        assert_eq!(desired.axiom.as_deref(), Some("owner"));
        assert_eq!(desired.modelprime, Some(vec!["developer".to_string()]));
        assert_eq!(desired.adverity.unwrap().groups, [1]);
    }

    #[test]
    fn a_roster_with_a_duplicate_a_bad_email_or_an_unknown_profile_is_refused() {
        let twice = Roster {
            people: vec![
                RosterEntry::new("ada@acme.example", "Ada"),
                RosterEntry::new("ADA@acme.example", "Ada again"),
            ],
        };
        assert!(
            twice
                .check(&profiles())
                .unwrap_err()
                .to_string()
                .contains("twice")
        );
        let blank = Roster {
            people: vec![RosterEntry::new(" ", "Nobody")],
        };
        assert!(blank.check(&profiles()).is_err());
        let unknown = Roster {
            people: vec![RosterEntry::new("ada@acme.example", "Ada").with_profile("manager")],
        };
        assert!(
            unknown
                .check(&profiles())
                .unwrap_err()
                .to_string()
                .contains("no profile")
        );
        let fine = Roster {
            people: vec![RosterEntry::new("ada@acme.example", "Ada").with_profile("developer")],
        };
        fine.check(&profiles()).unwrap();
        assert!(fine.entry("Ada@Acme.Example").is_some());
    }
}
