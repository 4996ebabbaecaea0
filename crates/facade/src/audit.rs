//! Access reviews: every account of every listable provider grouped by person, with the
//! flags an auditor asks about (orphans, dormant accounts, stale invitations, access that
//! differs from the roster). Pure: it reads the snapshots, roster and clock it is given,
//! never a provider, so [`Review::build`] is tested without one.
//!
//! ```
//! use usermgmt::audit::{AuditOptions, Flag, Review};
//! use usermgmt::{AccessLevel, Provider, Snapshot, Status, User};
//!
//! let account = Snapshot {
//!     user: User {
//!         provider: Provider::Paradime,
//!         id: None,
//!         email: Some("Mary@acme.example".into()),
//!         name: None,
//!         roles: vec!["BUSINESS".into()],
//!         access: AccessLevel::ReadOnly,
//!         status: Status::Invited,
//!     },
//!     record: serde_json::json!({"invite_status": "EXPIRED"}),
//! };
//! let review = Review::build([account], &[Provider::Paradime], None, &Default::default(),
//!     &AuditOptions::new())?;
//! assert_eq!(review.people[0].email, "mary@acme.example");
//! assert_eq!(review.people[0].flags(), [Flag::StaleInvitation]);
//! # Ok::<(), usermgmt::Error>(())
//! ```

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use serde_json::Value;
use usermgmt_runtime::Provider;

use crate::{
    Access, AccessLevel, AccessProfile, Error, Roster, RosterEntry, Snapshot, Status, User,
};

/// Days without a login after which an account is dormant, unless told otherwise.
pub const DEFAULT_DORMANT_DAYS: u32 = 90;

/// Something an auditor should look at, raised per person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Flag {
    /// Has an active or invited account somewhere but is not in the roster (only with a
    /// roster).
    Orphan,
    /// In the roster but has no active or invited account at any provider read.
    Missing,
    /// In the roster, and at some provider read their access is not what the roster
    /// says: other access, an account the roster grants nothing at, or no account where
    /// it grants access.
    DiffersFromProfile,
    /// An active account whose last login (or, never logged in, whose creation) is older
    /// than the dormancy threshold, where the provider records logins (Adverity).
    Dormant,
    /// A pending invitation the provider says has expired (Paradime `EXPIRED`), or one
    /// older than the dormancy threshold where the provider dates invitations.
    StaleInvitation,
    /// An account whose roles read as no access level ([`AccessLevel::Unknown`]), e.g. an
    /// Axiom custom role. Adverity is never flagged: it grants access through groups and
    /// always reads as unknown.
    UnknownAccess,
}

impl Flag {
    /// Every flag, in the order reports list them.
    pub const ALL: [Flag; 6] = [
        Flag::Orphan,
        Flag::Missing,
        Flag::DiffersFromProfile,
        Flag::Dormant,
        Flag::StaleInvitation,
        Flag::UnknownAccess,
    ];

    /// The flag's name in output (`stale-invitation`).
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Orphan => "orphan",
            Flag::Missing => "missing",
            Flag::DiffersFromProfile => "differs-from-profile",
            Flag::Dormant => "dormant",
            Flag::StaleInvitation => "stale-invitation",
            Flag::UnknownAccess => "unknown-access",
        }
    }

    /// Whether the flag compares with a roster (and so is only raised with one).
    pub fn needs_roster(self) -> bool {
        matches!(
            self,
            Flag::Orphan | Flag::Missing | Flag::DiffersFromProfile
        )
    }
}

impl std::fmt::Display for Flag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// When the review is taken and what counts as dormant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditOptions {
    /// The time ages are measured from.
    pub now: DateTime<Utc>,
    /// Days after which a login (or an invitation) is too old.
    pub dormant_days: u32,
}

impl AuditOptions {
    /// Now, with [`DEFAULT_DORMANT_DAYS`].
    pub fn new() -> Self {
        Self {
            now: Utc::now(),
            dormant_days: DEFAULT_DORMANT_DAYS,
        }
    }

    /// Measure ages from `now` instead of the current time (for tests and re-runs).
    pub fn with_now(mut self, now: DateTime<Utc>) -> Self {
        self.now = now;
        self
    }

    /// Count logins and invitations older than `days` as stale.
    pub fn with_dormant_days(mut self, days: u32) -> Self {
        self.dormant_days = days;
        self
    }
}

impl Default for AuditOptions {
    fn default() -> Self {
        Self::new()
    }
}

/// One flag on one person, with the evidence in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The flag raised.
    pub flag: Flag,
    /// The provider it concerns; `None` for flags about the person (orphan, missing).
    pub provider: Option<Provider>,
    /// Why, for the auditor ("Adverity: last login 2024-04-05, 700 days ago").
    pub detail: String,
}

/// One person of the review: their accounts everywhere and what is flagged.
#[derive(Debug, Clone)]
pub struct ReviewedPerson {
    /// The email, lowercased: accounts are grouped by it.
    pub email: String,
    /// The first name an account gives, else the roster's.
    pub name: Option<String>,
    /// Whether a roster was given and lists this person.
    pub in_roster: bool,
    /// The roster entry's profile, if it names one.
    pub profile: Option<String>,
    /// Every account of this person, in the order they were read.
    pub accounts: Vec<Snapshot>,
    /// The flags raised, each with its evidence.
    pub findings: Vec<Finding>,
}

impl ReviewedPerson {
    /// The flags raised, each once, in [`Flag::ALL`] order.
    pub fn flags(&self) -> Vec<Flag> {
        Flag::ALL.into_iter().filter(|f| self.has(*f)).collect()
    }

    /// Whether `flag` is raised.
    pub fn has(&self, flag: Flag) -> bool {
        self.findings.iter().any(|f| f.flag == flag)
    }

    /// The accounts at `provider`.
    pub fn accounts_at(&self, provider: Provider) -> impl Iterator<Item = &User> {
        self.accounts
            .iter()
            .map(|s| &s.user)
            .filter(move |u| u.provider == provider)
    }

    /// The accounts at `provider` in words: each account's roles and status
    /// (`user (active)`, `DEVELOPER (invited)`), `; ` between accounts, empty for none.
    pub fn cell(&self, provider: Provider) -> String {
        self.accounts_at(provider)
            .map(|u| {
                let roles = if u.roles.is_empty() {
                    "no role".to_string()
                } else {
                    u.roles.join(",")
                };
                format!("{roles} ({})", u.status)
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// An access review: one [`ReviewedPerson`] per email across the providers read.
#[derive(Debug, Clone)]
pub struct Review {
    /// When it was taken.
    pub generated_at: DateTime<Utc>,
    /// The providers whose accounts were read, in [`Provider::ALL`] order.
    pub providers: Vec<Provider>,
    /// The dormancy threshold used.
    pub dormant_days: u32,
    /// Whether a roster was compared (the roster flags are raised only then).
    pub with_roster: bool,
    /// Everyone, by email.
    pub people: Vec<ReviewedPerson>,
}

/// The counts a review's summary shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// People in the review.
    pub people: usize,
    /// Accounts read per provider (disabled ones included), in the review's provider order.
    pub accounts: Vec<(Provider, usize)>,
    /// People with each flag, for the flags that apply (the roster flags only with a
    /// roster), in [`Flag::ALL`] order.
    pub flags: Vec<(Flag, usize)>,
}

impl Review {
    /// Groups `accounts` (all of the `providers` read) by lowercase email and raises the
    /// flags; with a `roster`, its people with no account are added and compared with
    /// `profiles`. Accounts without an email are left out (Axolo's, which cannot be listed
    /// anyway). An unknown profile in the roster is an error.
    pub fn build(
        accounts: impl IntoIterator<Item = Snapshot>,
        providers: &[Provider],
        roster: Option<&Roster>,
        profiles: &BTreeMap<String, AccessProfile>,
        options: &AuditOptions,
    ) -> Result<Review, Error> {
        let mut people: BTreeMap<String, ReviewedPerson> = BTreeMap::new();
        for account in accounts {
            let Some(email) = account
                .user
                .email
                .as_deref()
                .map(str::trim)
                .filter(|e| !e.is_empty())
            else {
                continue;
            };
            let key = email.to_lowercase();
            let person = people
                .entry(key.clone())
                .or_insert_with(|| ReviewedPerson::new(key));
            if person.name.is_none() {
                person.name = account
                    .user
                    .name
                    .as_deref()
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(str::to_string);
            }
            person.accounts.push(account);
        }
        if let Some(roster) = roster {
            for entry in &roster.people {
                let key = entry.email.trim().to_lowercase();
                let person = people
                    .entry(key.clone())
                    .or_insert_with(|| ReviewedPerson::new(key));
                person.in_roster = true;
                person.profile.clone_from(&entry.profile);
                if person.name.is_none() && !entry.name.trim().is_empty() {
                    person.name = Some(entry.name.trim().to_string());
                }
            }
        }
        let mut providers: Vec<Provider> = providers.to_vec();
        providers.sort();
        providers.dedup();
        // One lookup per person: `Roster::entry` scans the roster, which for 50,000
        // people made the review quadratic.
        let entries = roster.map(roster_index);
        for person in people.values_mut() {
            for account in &person.accounts {
                person.findings.extend(account_findings(account, options));
            }
            if let Some(entries) = &entries {
                let entry = entries
                    .get(&person.email.trim().to_ascii_lowercase())
                    .copied();
                let desired = entry.map(|e| e.desired(profiles)).transpose()?;
                person
                    .findings
                    .extend(roster_findings(person, desired.as_ref(), &providers));
            }
            person.findings.sort_by_key(|f| f.flag);
        }
        Ok(Review {
            generated_at: options.now,
            providers,
            dormant_days: options.dormant_days,
            with_roster: roster.is_some(),
            people: people.into_values().collect(),
        })
    }

    /// The counts: people, accounts per provider, people per flag.
    pub fn summary(&self) -> Summary {
        let accounts = self
            .providers
            .iter()
            .map(|p| {
                let n = self.people.iter().map(|r| r.accounts_at(*p).count()).sum();
                (*p, n)
            })
            .collect();
        let flags = Flag::ALL
            .into_iter()
            .filter(|f| self.with_roster || !f.needs_roster())
            .map(|f| (f, self.people.iter().filter(|p| p.has(f)).count()))
            .collect();
        Summary {
            people: self.people.len(),
            accounts,
            flags,
        }
    }
}

impl std::fmt::Display for Summary {
    /// `12 people, 3 orphan, 2 dormant, ...; accounts: Axiom 8, Adverity 7`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} people", self.people)?;
        for (flag, n) in &self.flags {
            write!(f, ", {n} {flag}")?;
        }
        let accounts: Vec<String> = self
            .accounts
            .iter()
            .map(|(p, n)| format!("{} {n}", p.display_name()))
            .collect();
        write!(f, "; accounts: {}", accounts.join(", "))
    }
}

impl ReviewedPerson {
    fn new(email: String) -> Self {
        Self {
            email,
            name: None,
            in_roster: false,
            profile: None,
            accounts: Vec::new(),
            findings: Vec::new(),
        }
    }
}

/// The flags one account raises on its own: dormant, stale invitation, unknown access.
fn account_findings(account: &Snapshot, options: &AuditOptions) -> Vec<Finding> {
    let user = &account.user;
    let provider = user.provider;
    let name = provider.display_name();
    let finding = |flag, detail: String| Finding {
        flag,
        provider: Some(provider),
        detail,
    };
    let days_since = |t: DateTime<Utc>| (options.now - t).num_days();
    let too_old = |t: DateTime<Utc>| days_since(t) > i64::from(options.dormant_days);
    let mut found = Vec::new();
    match user.status {
        Status::Active => {
            // Only providers that record logins have the field; absent means "cannot tell".
            match account.record.get("last_login") {
                Some(Value::Null) => {
                    if let Some(created) = date(&account.record, "created")
                        && too_old(created)
                    {
                        found.push(finding(
                            Flag::Dormant,
                            format!(
                                "{name}: never logged in, created {} ({} days ago)",
                                created.format("%Y-%m-%d"),
                                days_since(created)
                            ),
                        ));
                    }
                }
                Some(_) => {
                    if let Some(login) = date(&account.record, "last_login")
                        && too_old(login)
                    {
                        found.push(finding(
                            Flag::Dormant,
                            format!(
                                "{name}: last login {} ({} days ago)",
                                login.format("%Y-%m-%d"),
                                days_since(login)
                            ),
                        ));
                    }
                }
                None => {}
            }
        }
        Status::Invited => {
            let status = account.record.get("invite_status").and_then(Value::as_str);
            if status.is_some_and(|s| s.eq_ignore_ascii_case("EXPIRED")) {
                found.push(finding(
                    Flag::StaleInvitation,
                    format!("{name}: the invitation has expired"),
                ));
            } else if let Some(sent) = ["invited_at", "created_at", "created"]
                .into_iter()
                .find_map(|field| date(&account.record, field))
                && too_old(sent)
            {
                found.push(finding(
                    Flag::StaleInvitation,
                    format!(
                        "{name}: invited {} ({} days ago), not accepted",
                        sent.format("%Y-%m-%d"),
                        days_since(sent)
                    ),
                ));
            }
        }
        Status::Disabled => {}
    }
    if user.status != Status::Disabled
        && user.access == AccessLevel::Unknown
        && provider != Provider::Adverity
    {
        found.push(finding(
            Flag::UnknownAccess,
            format!(
                "{name}: role {} has no known access level",
                user.roles.join(",")
            ),
        ));
    }
    found
}

/// The roster flags of one person: orphan, missing, differs-from-profile. `desired` is
/// their roster entry's access, `None` when they are not in the roster.
fn roster_findings(
    person: &ReviewedPerson,
    desired: Option<&AccessProfile>,
    providers: &[Provider],
) -> Vec<Finding> {
    let live = |p: Provider| -> Vec<&Snapshot> {
        person
            .accounts
            .iter()
            .filter(|s| s.user.provider == p && s.user.status != Status::Disabled)
            .collect()
    };
    let any_live = providers.iter().any(|p| !live(*p).is_empty());
    let Some(desired) = desired else {
        return if any_live {
            vec![Finding {
                flag: Flag::Orphan,
                provider: None,
                detail: "has accounts but is not in the roster".into(),
            }]
        } else {
            Vec::new()
        };
    };
    if !any_live {
        return vec![Finding {
            flag: Flag::Missing,
            provider: None,
            detail: "in the roster but has no account at any provider read".into(),
        }];
    }
    let mut found = Vec::new();
    for &provider in providers {
        let name = provider.display_name();
        let accounts = live(provider);
        let detail = match (desired.access(provider), accounts.is_empty()) {
            (None, true) => None,
            (Some(want), true) => Some(format!("{name}: the roster grants {want}, no account")),
            (None, false) => Some(format!(
                "{name}: has an account, the roster grants nothing here"
            )),
            (Some(want), false) => {
                accounts
                    .iter()
                    .find_map(|account| match Access::of(provider, account) {
                        Some(has) if has.same_as(&want) => None,
                        Some(has) => Some(format!("{name}: has {has}, the roster grants {want}")),
                        None => None,
                    })
            }
        };
        if let Some(detail) = detail {
            found.push(Finding {
                flag: Flag::DiffersFromProfile,
                provider: Some(provider),
                detail,
            });
        }
    }
    found
}

/// The RFC 3339 timestamp at `field` of a provider record, if there is one.
fn date(record: &Value, field: &str) -> Option<DateTime<Utc>> {
    let text = record.get(field)?.as_str()?;
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// The roster's entries by ASCII-lowercased email, the first of equal ones: the same
/// answers as [`Roster::entry`], in one lookup instead of a scan.
fn roster_index(roster: &Roster) -> HashMap<String, &RosterEntry> {
    let mut index = HashMap::with_capacity(roster.people.len());
    for entry in &roster.people {
        index
            .entry(entry.email.to_ascii_lowercase())
            .or_insert(entry);
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::AdverityAccess;
    use serde_json::json;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2025-01-31T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn options() -> AuditOptions {
        AuditOptions::new().with_now(now())
    }

    fn account(
        provider: Provider,
        email: &str,
        roles: &[&str],
        access: AccessLevel,
        status: Status,
        record: Value,
    ) -> Snapshot {
        Snapshot {
            user: User {
                provider,
                id: Some("1".into()),
                email: Some(email.into()),
                name: Some("Ada Lovelace".into()),
                roles: roles.iter().map(|r| r.to_string()).collect(),
                access,
                status,
            },
            record,
        }
    }

    fn axiom(email: &str, role: &str) -> Snapshot {
        account(
            Provider::Axiom,
            email,
            &[role],
            match role {
                "user" => AccessLevel::Member,
                "admin" => AccessLevel::Admin,
                "none" => AccessLevel::NoAccess,
                _ => AccessLevel::Unknown,
            },
            Status::Active,
            json!({"role": {"id": role, "name": role}}),
        )
    }

    fn adverity(email: &str, last_login: Value, created: &str) -> Snapshot {
        account(
            Provider::Adverity,
            email,
            &["group:2"],
            AccessLevel::Unknown,
            Status::Active,
            json!({"groups": [2], "workspaces": [1], "last_login": last_login, "created": created}),
        )
    }

    fn profiles() -> BTreeMap<String, AccessProfile> {
        let developer = AccessProfile {
            axiom: Some("user".into()),
            adverity: Some(AdverityAccess {
                groups: vec![2],
                workspaces: vec![1],
            }),
            ..AccessProfile::default()
        };
        [("developer".to_string(), developer)].into_iter().collect()
    }

    const READ: [Provider; 2] = [Provider::Axiom, Provider::Adverity];

    fn review(accounts: Vec<Snapshot>, roster: Option<&Roster>) -> Review {
        Review::build(accounts, &READ, roster, &profiles(), &options()).unwrap()
    }

    fn flags_of(review: &Review, email: &str) -> Vec<Flag> {
        review
            .people
            .iter()
            .find(|p| p.email == email)
            .unwrap_or_else(|| panic!("{email} is not in the review"))
            .flags()
    }

    #[test]
    fn accounts_are_grouped_by_lowercase_email_across_providers() {
        let review = review(
            vec![
                axiom("Ada@Acme.example", "user"),
                adverity(
                    " ada@acme.EXAMPLE",
                    json!("2025-01-30T00:00:00Z"),
                    "2024-01-01T00:00:00Z",
                ),
                axiom("alan@acme.example", "admin"),
            ],
            None,
        );
        let emails: Vec<_> = review.people.iter().map(|p| p.email.as_str()).collect();
        assert_eq!(emails, ["ada@acme.example", "alan@acme.example"]);
        let ada = &review.people[0];
        assert_eq!(ada.accounts.len(), 2);
        assert_eq!(ada.cell(Provider::Axiom), "user (active)");
        assert_eq!(ada.cell(Provider::Adverity), "group:2 (active)");
        assert_eq!(ada.cell(Provider::Paradime), "");
        assert_eq!(ada.name.as_deref(), Some("Ada Lovelace"));
        assert!(ada.flags().is_empty(), "{:?}", ada.findings);
    }

    #[test]
    fn an_old_last_login_or_a_never_used_old_account_is_dormant_and_a_recent_one_is_not() {
        let review = review(
            vec![
                adverity(
                    "old@acme.example",
                    json!("2024-10-01T00:00:00Z"),
                    "2023-01-01T00:00:00Z",
                ),
                adverity(
                    "recent@acme.example",
                    json!("2024-11-10T00:00:00Z"),
                    "2023-01-01T00:00:00Z",
                ),
                adverity("never@acme.example", Value::Null, "2024-09-01T00:00:00Z"),
                adverity("new@acme.example", Value::Null, "2025-01-20T00:00:00Z"),
                // Axiom does not record logins: it cannot tell, so it never says dormant.
                axiom("axiom@acme.example", "user"),
            ],
            None,
        );
        assert_eq!(flags_of(&review, "old@acme.example"), [Flag::Dormant]);
        assert_eq!(flags_of(&review, "recent@acme.example"), []);
        assert_eq!(flags_of(&review, "never@acme.example"), [Flag::Dormant]);
        assert_eq!(flags_of(&review, "new@acme.example"), []);
        assert_eq!(flags_of(&review, "axiom@acme.example"), []);
        let old = &review
            .people
            .iter()
            .find(|p| p.email == "old@acme.example")
            .unwrap();
        assert_eq!(
            old.findings[0].detail,
            "Adverity: last login 2024-10-01 (122 days ago)"
        );

        let lenient = Review::build(
            vec![adverity(
                "old@acme.example",
                json!("2024-10-01T00:00:00Z"),
                "2023-01-01T00:00:00Z",
            )],
            &READ,
            None,
            &profiles(),
            &options().with_dormant_days(200),
        )
        .unwrap();
        assert_eq!(flags_of(&lenient, "old@acme.example"), []);
    }

    #[test]
    fn a_disabled_account_is_neither_dormant_nor_counted_as_access() {
        let mut disabled = adverity(
            "dorothy@acme.example",
            json!("2020-01-01T00:00:00Z"),
            "2019-01-01T00:00:00Z",
        );
        disabled.user.status = Status::Disabled;
        let roster = Roster {
            people: vec![
                RosterEntry::new("dorothy@acme.example", "Dorothy").with_profile("developer"),
            ],
        };
        let without = review(vec![disabled.clone()], None);
        assert_eq!(flags_of(&without, "dorothy@acme.example"), []);
        let with = review(vec![disabled], Some(&roster));
        assert_eq!(flags_of(&with, "dorothy@acme.example"), [Flag::Missing]);
    }

    #[test]
    fn an_expired_or_old_invitation_is_stale_and_a_fresh_one_is_not() {
        let invite = |email: &str, record: Value| {
            account(
                Provider::Paradime,
                email,
                &["BUSINESS"],
                AccessLevel::ReadOnly,
                Status::Invited,
                record,
            )
        };
        let review = Review::build(
            vec![
                invite("expired@acme.example", json!({"invite_status": "EXPIRED"})),
                invite("pending@acme.example", json!({"invite_status": "ACTIVE"})),
                invite(
                    "old@acme.example",
                    json!({"created_at": "2024-06-01T00:00:00Z"}),
                ),
            ],
            &[Provider::Paradime],
            None,
            &profiles(),
            &options(),
        )
        .unwrap();
        assert_eq!(
            flags_of(&review, "expired@acme.example"),
            [Flag::StaleInvitation]
        );
        assert_eq!(flags_of(&review, "pending@acme.example"), []);
        assert_eq!(
            flags_of(&review, "old@acme.example"),
            [Flag::StaleInvitation]
        );
        let expired = &review.people[0];
        assert_eq!(expired.cell(Provider::Paradime), "BUSINESS (invited)");
    }

    #[test]
    fn a_custom_axiom_role_is_unknown_access_but_adverity_groups_are_not() {
        let mut custom = axiom("edsger@acme.example", "6c1f");
        custom.user.roles = vec!["Data Steward".into()];
        let review = review(
            vec![
                custom,
                adverity(
                    "edsger@acme.example",
                    json!("2025-01-30T00:00:00Z"),
                    "2024-01-01T00:00:00Z",
                ),
            ],
            None,
        );
        assert_eq!(
            flags_of(&review, "edsger@acme.example"),
            [Flag::UnknownAccess]
        );
        assert!(review.people[0].findings[0].detail.contains("Data Steward"));
    }

    #[test]
    fn the_roster_index_answers_as_roster_entry_does() {
        let roster = Roster {
            people: vec![
                RosterEntry::new("Ada@Acme.example", "Ada").with_profile("developer"),
                RosterEntry::new("ada@acme.example", "Second Ada"),
                RosterEntry::new("ÉMILE@acme.example", "Émile"),
                RosterEntry::new("alan@acme.example", "Alan"),
            ],
        };
        let index = roster_index(&roster);
        for email in [
            "ada@acme.example",
            "ADA@ACME.EXAMPLE",
            " alan@acme.example ",
            "émile@acme.example",
            "ÉMILE@acme.example",
            "grace@acme.example",
        ] {
            let by_index = index.get(&email.trim().to_ascii_lowercase()).copied();
            assert_eq!(
                by_index.map(|e| &e.name),
                roster.entry(email).map(|e| &e.name),
                "{email}"
            );
        }
    }

    #[test]
    fn the_roster_flags_orphans_missing_people_and_access_that_differs() {
        let roster = Roster {
            people: vec![
                RosterEntry::new("ada@acme.example", "Ada").with_profile("developer"),
                RosterEntry::new("alan@acme.example", "Alan").with_profile("developer"),
                RosterEntry::new("grace@acme.example", "Grace").with_profile("developer"),
                RosterEntry::new("barbara@acme.example", "Barbara Liskov")
                    .with_profile("developer"),
            ],
        };
        let fresh = json!("2025-01-30T00:00:00Z");
        let created = "2024-01-01T00:00:00Z";
        let review = review(
            vec![
                // Exactly the profile.
                axiom("ada@acme.example", "user"),
                adverity("ada@acme.example", fresh.clone(), created),
                // Admin where the profile says user.
                axiom("alan@acme.example", "admin"),
                adverity("alan@acme.example", fresh.clone(), created),
                // No Adverity account, which the profile grants.
                axiom("grace@acme.example", "user"),
                // Not in the roster.
                axiom("claude@acme.example", "user"),
            ],
            Some(&roster),
        );
        assert_eq!(flags_of(&review, "ada@acme.example"), []);
        assert_eq!(
            flags_of(&review, "alan@acme.example"),
            [Flag::DiffersFromProfile]
        );
        assert_eq!(
            flags_of(&review, "grace@acme.example"),
            [Flag::DiffersFromProfile]
        );
        assert_eq!(flags_of(&review, "claude@acme.example"), [Flag::Orphan]);
        assert_eq!(flags_of(&review, "barbara@acme.example"), [Flag::Missing]);
        let alan = review
            .people
            .iter()
            .find(|p| p.email == "alan@acme.example")
            .unwrap();
        assert_eq!(
            alan.findings[0].detail,
            "Axiom: has role admin, the roster grants role user"
        );
        let barbara = review
            .people
            .iter()
            .find(|p| p.email == "barbara@acme.example")
            .unwrap();
        assert_eq!(barbara.name.as_deref(), Some("Barbara Liskov"));
        assert_eq!(barbara.profile.as_deref(), Some("developer"));

        // An account where the roster grants nothing differs too.
        let axiom_only = Roster {
            people: vec![{
                let mut entry = RosterEntry::new("ada@acme.example", "Ada");
                entry.access.axiom = Some("user".into());
                entry
            }],
        };
        let review = Review::build(
            vec![
                axiom("ada@acme.example", "user"),
                adverity("ada@acme.example", fresh, created),
            ],
            &READ,
            Some(&axiom_only),
            &profiles(),
            &options(),
        )
        .unwrap();
        let ada = &review.people[0];
        assert_eq!(ada.flags(), [Flag::DiffersFromProfile]);
        assert!(
            ada.findings[0].detail.contains("grants nothing"),
            "{:?}",
            ada.findings
        );
    }

    #[test]
    fn without_a_roster_no_roster_flag_is_raised_or_counted() {
        let review = review(vec![axiom("claude@acme.example", "user")], None);
        assert_eq!(flags_of(&review, "claude@acme.example"), []);
        let summary = review.summary();
        assert!(summary.flags.iter().all(|(f, _)| !f.needs_roster()));
        assert_eq!(
            summary.to_string(),
            "1 people, 0 dormant, 0 stale-invitation, 0 unknown-access; accounts: Axiom 1, Adverity 0"
        );
    }

    #[test]
    fn the_summary_counts_people_accounts_and_flags() {
        let roster = Roster {
            people: vec![
                RosterEntry::new("barbara@acme.example", "Barbara").with_profile("developer"),
            ],
        };
        let review = review(
            vec![
                axiom("claude@acme.example", "user"),
                adverity(
                    "claude@acme.example",
                    json!("2020-01-01T00:00:00Z"),
                    "2019-01-01T00:00:00Z",
                ),
                axiom("john@acme.example", "none"),
            ],
            Some(&roster),
        );
        let summary = review.summary();
        assert_eq!(summary.people, 3);
        assert_eq!(
            summary.accounts,
            [(Provider::Axiom, 2), (Provider::Adverity, 1)]
        );
        assert_eq!(
            summary.to_string(),
            "3 people, 2 orphan, 1 missing, 0 differs-from-profile, 1 dormant, 0 stale-invitation, \
             0 unknown-access; accounts: Axiom 2, Adverity 1"
        );
    }

    #[test]
    fn an_unknown_profile_in_the_roster_is_an_error() {
        let roster = Roster {
            people: vec![RosterEntry::new("ada@acme.example", "Ada").with_profile("manager")],
        };
        let error = Review::build(
            vec![axiom("ada@acme.example", "user")],
            &READ,
            Some(&roster),
            &profiles(),
            &options(),
        )
        .unwrap_err();
        assert!(error.to_string().contains("no profile"), "{error}");
    }
}
