//! People as the bridge sees them: every account of every provider grouped by email
//! (case-insensitive), with the access profile their access matches, if any.

use std::collections::BTreeMap;

use usermgmt::{AccessProfile, Roster, Snapshot, Status};
use usermgmt_journal::ScimUser;

/// One person: their accounts everywhere and the profile those accounts match.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PersonRecord {
    /// The email as the first account spells it.
    pub(crate) email: String,
    /// The first name any account gives.
    pub(crate) name: Option<String>,
    /// Their accounts, in provider order.
    pub(crate) accounts: Vec<Snapshot>,
    /// The profile whose access they have exactly, as `roster dump` infers it.
    pub(crate) profile: Option<String>,
}

impl PersonRecord {
    /// Active anywhere: some account can log in, or is an invitation the bridge can
    /// still revoke (it has an id). A pending invitation without an id (Paradime's)
    /// does not count: no API can revoke it, so counting it would leave a deactivated
    /// person `active` for ever; it stays listed in the accounts extension, and the
    /// offboarding run records it as skipped with the reason.
    pub(crate) fn active(&self) -> bool {
        self.accounts.iter().any(|a| match a.user.status {
            Status::Active => true,
            Status::Invited => a.user.id.is_some(),
            Status::Disabled => false,
        })
    }

    /// Whether every account is an invitation no API can revoke (Paradime's have no
    /// id): nothing the bridge could act on.
    pub(crate) fn only_unrevocable_invitations(&self) -> bool {
        self.accounts
            .iter()
            .all(|a| a.user.status == Status::Invited && a.user.id.is_none())
    }
}

/// A SCIM user: the person's live accounts and what an identity provider stored for
/// them (none for people it never wrote).
#[derive(Debug, Clone)]
pub(crate) struct UserRecord {
    pub(crate) person: PersonRecord,
    pub(crate) stored: Option<ScimUser>,
}

impl UserRecord {
    /// The Axolo identity stored for them (none for people no IdP wrote).
    pub(crate) fn axolo(&self) -> crate::users::AxoloIdentity {
        self.stored
            .as_ref()
            .map(|s| crate::users::AxoloIdentity::of(&s.attributes))
            .unwrap_or_default()
    }

    /// Its SCIM id: the stored one, else the one derived from the email.
    pub(crate) fn id(&self) -> String {
        self.stored.as_ref().map_or_else(
            || crate::resource::user_id(&self.person.email),
            |s| s.id.clone(),
        )
    }

    /// Its SCIM resource under `base`.
    pub(crate) fn resource(&self, base: &str) -> serde_json::Value {
        crate::resource::user(&self.person, self.stored.as_ref(), base)
    }
}

/// People and stored users together, by email: a stored user nobody's accounts match
/// (offboarded, created inactive, or only invited where invitations are not listed) is
/// a person without accounts. People no identity provider wrote whose only accounts are
/// invitations no API can revoke are left out: the bridge could act on nothing of
/// theirs (and a deleted user's leftover invitation must not read as the user). Sorted
/// by email, so pages are stable.
pub(crate) fn join(people: Vec<PersonRecord>, stored: Vec<ScimUser>) -> Vec<UserRecord> {
    let written: std::collections::HashSet<String> =
        stored.iter().map(|u| u.email.to_lowercase()).collect();
    let mut by_email: BTreeMap<String, UserRecord> = people
        .into_iter()
        .filter(|p| !p.only_unrevocable_invitations() || written.contains(&p.email.to_lowercase()))
        .map(|person| {
            let key = person.email.to_lowercase();
            (
                key,
                UserRecord {
                    person,
                    stored: None,
                },
            )
        })
        .collect();
    for user in stored {
        let key = user.email.to_lowercase();
        let record = by_email.entry(key).or_insert_with(|| UserRecord {
            person: PersonRecord {
                email: user.email.clone(),
                name: None,
                accounts: Vec::new(),
                profile: None,
            },
            stored: None,
        });
        record.stored = Some(user);
    }
    by_email.into_values().collect()
}

/// Group `accounts` by email, lower-cased; accounts without an email are left out (no
/// SCIM user can name them). Sorted by email, so pages are stable.
pub(crate) fn group(
    accounts: Vec<Snapshot>,
    profiles: &BTreeMap<String, AccessProfile>,
) -> Vec<PersonRecord> {
    let roster = Roster::from_accounts(accounts.iter().cloned(), profiles);
    let inferred: BTreeMap<String, Option<String>> = roster
        .people
        .into_iter()
        .map(|entry| (entry.email.to_lowercase(), entry.profile))
        .collect();
    let mut people: BTreeMap<String, PersonRecord> = BTreeMap::new();
    for account in accounts {
        let Some(email) = account.user.email.clone().filter(|e| !e.trim().is_empty()) else {
            continue;
        };
        let key = email.to_lowercase();
        let person = people.entry(key.clone()).or_insert_with(|| PersonRecord {
            email,
            name: None,
            accounts: Vec::new(),
            profile: inferred.get(&key).cloned().flatten(),
        });
        if person.name.is_none() {
            person.name = account.user.name.clone().filter(|n| !n.trim().is_empty());
        }
        person.accounts.push(account);
    }
    let mut people: Vec<PersonRecord> = people.into_values().collect();
    for person in &mut people {
        person.accounts.sort_by_key(|a| a.user.provider);
    }
    people
}

#[cfg(test)]
mod tests {
    use super::*;
    use usermgmt::{AccessLevel, Provider, User};

    fn account(provider: Provider, email: &str, status: Status) -> Snapshot {
        Snapshot {
            user: User {
                provider,
                id: Some(format!("{}-{email}", provider.id())),
                email: Some(email.into()),
                name: Some("Ada Lovelace".into()),
                roles: vec!["user".into()],
                access: AccessLevel::Member,
                status,
            },
            record: serde_json::Value::Null,
        }
    }

    #[test]
    fn accounts_group_by_email_whatever_its_case_and_disabled_everywhere_is_inactive() {
        let people = group(
            vec![
                account(Provider::Paradime, "ADA@acme.example", Status::Disabled),
                account(Provider::Axiom, "ada@acme.example", Status::Disabled),
                account(Provider::Axiom, "bob@acme.example", Status::Invited),
            ],
            &BTreeMap::new(),
        );
        assert_eq!(people.len(), 2);
        assert_eq!(people[0].email, "ADA@acme.example");
        assert_eq!(people[0].accounts.len(), 2);
        assert_eq!(people[0].accounts[0].user.provider, Provider::Axiom);
        assert!(!people[0].active());
        assert!(
            people[1].active(),
            "an invitation with an id counts as provisioned"
        );
        let mut unrevocable = account(Provider::Paradime, "cy@acme.example", Status::Invited);
        unrevocable.user.id = None;
        let cy = group(vec![unrevocable], &BTreeMap::new());
        assert!(!cy[0].active(), "an invitation no API can revoke does not");
    }
}
