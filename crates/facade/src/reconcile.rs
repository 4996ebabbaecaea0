//! Reconciling a roster: one plan that makes every listable provider match who should
//! have which access. Each provider is listed once and the roster compared in memory, so
//! planning costs about one listing of everything.
//!
//! Per person of the roster and provider: create (or invite) where the access asked for
//! has no account, change the access of an account that has other access, remove an
//! account the person should not have; accounts of people not in the roster are removed.
//! People without a profile or overrides are not managed (kept as they are). Excluded
//! accounts are never removed, pending invitations count as present (those a provider
//! cannot list, as [`SentInvitation`]s the caller read from the journal), disabled accounts
//! as gone. Guard rails refuse the whole plan: more removals at a provider than the limit,
//! or removing or demoting its last active owner or admin.
//!
//! Axolo cannot be listed, so it is not reconciled (use `plan_onboard`/`plan_offboard`).

use std::collections::{BTreeMap, HashMap, HashSet};

use futures::StreamExt;
use wildmatch::WildMatch;

use crate::capabilities::{Capabilities, Removal};
use crate::onboard::{create, decide, pick};
use crate::{
    Access, AccessLevel, AccessProfile, Action, Directory, Error, Person, Plan, PlanKind, Provider,
    Roster, SentInvitation, Snapshot, Status, Step,
};

/// How many removals one provider may get in one reconcile before the plan is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaxRemovals {
    /// At most this many.
    Count(usize),
    /// At most this percentage of the provider's accounts (rounded down).
    Percent(u8),
}

impl Default for MaxRemovals {
    /// 25% of a provider's accounts.
    fn default() -> Self {
        MaxRemovals::Percent(25)
    }
}

impl MaxRemovals {
    /// The limit for a provider holding `accounts` (active and invited) accounts.
    pub fn limit(self, accounts: usize) -> usize {
        match self {
            MaxRemovals::Count(n) => n,
            MaxRemovals::Percent(p) => accounts * usize::from(p.min(100)) / 100,
        }
    }
}

impl std::str::FromStr for MaxRemovals {
    type Err = String;

    /// `10` (a count) or `25%` (a percentage, 0 to 100).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let bad = || format!("{s:?} is neither a count (10) nor a percentage (25%)");
        match s.strip_suffix('%') {
            Some(p) => match p.trim().parse::<u8>() {
                Ok(p) if p <= 100 => Ok(MaxRemovals::Percent(p)),
                _ => Err(bad()),
            },
            None => s.parse().map(MaxRemovals::Count).map_err(|_| bad()),
        }
    }
}

/// The guard rails of a reconcile. All fields are optional: the default allows 25%
/// removals per provider, excludes nobody and never removes a last admin.
#[derive(Debug, Clone, Default)]
pub struct ReconcileOptions {
    /// The most removals one provider may get.
    pub max_removals: MaxRemovals,
    /// Emails or `*` patterns (`*@service.acme.example`) that are never removed.
    pub exclude: Vec<String>,
    /// Plan removing or demoting a provider's last active owner or admin (refused by
    /// default).
    pub allow_last_admin: bool,
    /// Invitations sent earlier to providers whose API cannot list invitations
    /// (Model-Prime's): counted as present, so reconciling again does not re-send them.
    pub sent_invitations: Vec<SentInvitation>,
}

/// Why a reconcile was refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReconcileError {
    /// More removals at a provider than the limit allows.
    #[error(
        "refusing the plan: {planned} removals at {provider} is more than the limit of {limit} \
         ({accounts} accounts there); check the roster, or raise the limit"
    )]
    TooManyRemovals {
        /// Where.
        provider: Provider,
        /// Removals planned there.
        planned: usize,
        /// The limit.
        limit: usize,
        /// The accounts there.
        accounts: usize,
    },
    /// The plan would leave a provider without an active owner or admin (removed or
    /// given lesser access).
    #[error(
        "refusing the plan: it removes or demotes every active owner and admin of {provider} \
         ({emails}); keep one in the roster, or allow it explicitly"
    )]
    LastAdmin {
        /// Where.
        provider: Provider,
        /// The admins it would remove.
        emails: String,
    },
    /// The roster was refused, or a provider could not be listed (nothing is planned
    /// from a partial view: it would read as "remove everyone there").
    #[error(transparent)]
    Sdk(#[from] Error),
}

/// Which accounts one email has at one provider.
type Accounts = HashMap<(Provider, String), Vec<Snapshot>>;

impl Directory {
    /// Plan making every configured provider that can list users match `roster`, with
    /// the access of `profiles`. Read-only: it lists each provider once. The plan is about
    /// several people: each step names its [`Step::person`].
    ///
    /// ```no_run
    /// # async fn demo(directory: usermgmt::Directory, roster: usermgmt::Roster) -> Result<(), Box<dyn std::error::Error>> {
    /// use usermgmt::reconcile::ReconcileOptions;
    /// let profiles = std::collections::BTreeMap::new();
    /// let plan = directory.plan_reconcile(&roster, &profiles, &ReconcileOptions::default()).await?;
    /// println!("{} changes", plan.changes().count());
    /// # Ok(()) }
    /// ```
    pub async fn plan_reconcile(
        &self,
        roster: &Roster,
        profiles: &BTreeMap<String, AccessProfile>,
        options: &ReconcileOptions,
    ) -> Result<Plan, ReconcileError> {
        // The whole roster is checked before any request; then the listing starts, and
        // what the roster wants is worked out while the first pages come.
        let checked = roster.checked(profiles)?;
        let mut listing = read_ahead(self.list_snapshots());
        let providers: Vec<Provider> = self
            .providers()
            .into_iter()
            .filter(|p| Capabilities::of(*p).list_users)
            .collect();
        let excluded: Vec<WildMatch> = options
            .exclude
            .iter()
            .map(|p| WildMatch::new(&p.trim().to_ascii_lowercase()))
            .collect();
        let is_excluded = |email: &str| excluded.iter().any(|w| w.matches(email));
        // Invitations the providers cannot show, by provider and lowercase email.
        let sent: HashMap<(Provider, String), &SentInvitation> = options
            .sent_invitations
            .iter()
            .filter(|i| !Capabilities::of(i.provider).lists_invitations)
            .map(|i| ((i.provider, i.email.trim().to_ascii_lowercase()), i))
            .collect();

        // Who the roster names and what they should have, by lowercase email.
        let mut people = Vec::with_capacity(roster.people.len());
        let mut index: HashMap<String, usize> = HashMap::with_capacity(roster.people.len());
        for (entry, (person, desired)) in roster.people.iter().zip(checked) {
            let managed = entry.profile.is_some() || entry.access != AccessProfile::default();
            index.insert(person.email().as_str().to_ascii_lowercase(), people.len());
            people.push((person, managed, desired, entry.name.as_str()));
        }
        // What each managed person should have at each provider, computed once.
        let wanted_at: HashMap<(Provider, usize), Option<Access>> = people
            .iter()
            .enumerate()
            .filter(|(_, (_, managed, _, _))| *managed)
            .flat_map(|(i, (_, _, desired, _))| {
                providers.iter().map(move |p| ((*p, i), desired.access(*p)))
            })
            .collect();
        // One pass over every account. Only those that may need a step are kept: an
        // account already as the roster wants it is only noted, so memory grows with the
        // changes, not with the accounts.
        let mut in_place: HashSet<(Provider, usize)> = HashSet::with_capacity(wanted_at.len());
        let mut kept: Accounts = HashMap::new();
        let mut census: HashMap<Provider, Census> = HashMap::new();
        while let Some(account) = listing.recv().await.transpose()? {
            if account.user.status == Status::Disabled {
                continue;
            }
            let counted = census.entry(account.user.provider).or_default();
            counted.present += 1;
            if is_active_admin(&account.user)
                && let Some(id) = &account.user.id
            {
                counted.admins.push(id.clone());
            }
            let Some(email) = account.user.email.as_deref().map(lowercase) else {
                continue;
            };
            let provider = account.user.provider;
            if let Some(&i) = index.get(email.as_ref()) {
                if !people[i].1 {
                    continue;
                }
                if let Some(Some(wanted)) = wanted_at.get(&(provider, i))
                    && Access::of(provider, &account).is_some_and(|has| has.same_as(wanted))
                {
                    in_place.insert((provider, i));
                    continue;
                }
            }
            kept.entry((provider, email.into_owned()))
                .or_default()
                .push(account);
        }
        drop(listing);

        let mut steps = Vec::new();
        for (i, (person, managed, desired, name)) in people.iter().enumerate() {
            if !managed {
                continue;
            }
            let mut key = (
                Provider::Axiom,
                person.email().as_str().to_ascii_lowercase(),
            );
            for provider in &providers {
                key.0 = *provider;
                let theirs = kept.remove(&key).unwrap_or_default();
                match desired.access(*provider) {
                    Some(_) if in_place.contains(&(*provider, i)) => {}
                    Some(wanted) => match pick(theirs) {
                        None if let Some(invitation) = sent.get(&key) => steps.push(step(
                            *provider,
                            Action::Skip {
                                reason: invitation.reason(),
                            },
                            None,
                            person,
                        )),
                        None => steps.push(step(
                            *provider,
                            create(*provider, person.email().to_string(), name, wanted),
                            None,
                            person,
                        )),
                        Some(account) => {
                            let action =
                                decide(*provider, &account, person.email().to_string(), wanted);
                            if !matches!(action, Action::Unchanged { .. }) {
                                steps.push(step(*provider, action, Some(account), person));
                            }
                        }
                    },
                    None => {
                        for account in theirs {
                            steps.push(removal(*provider, account, person, &is_excluded));
                        }
                    }
                }
            }
        }
        let accounts = kept;
        // Whoever is left is not in the roster.
        let mut orphans: Vec<((Provider, String), Vec<Snapshot>)> = accounts.into_iter().collect();
        orphans.sort_by(|a, b| (&a.0.1, a.0.0).cmp(&(&b.0.1, b.0.0)));
        for ((provider, email), theirs) in orphans {
            for account in theirs
                .into_iter()
                .filter(|a| a.user.status != Status::Disabled)
            {
                match Person::new(&email) {
                    Ok(person) => steps.push(removal(provider, account, &person, &is_excluded)),
                    // Never act on what cannot be named exactly.
                    Err(_) => steps.push(Step {
                        provider,
                        action: Action::Skip {
                            reason: format!("{email:?} is not a valid email: left alone"),
                        },
                        before: Some(account),
                        person: None,
                    }),
                }
            }
        }
        steps.sort_by(|a, b| {
            let key = |s: &Step| {
                s.person
                    .as_ref()
                    .map(|p| p.email().as_str().to_ascii_lowercase())
                    .unwrap_or_default()
            };
            key(a).cmp(&key(b)).then(a.provider.cmp(&b.provider))
        });
        guard(&steps, &census, options)?;
        let mut plan = Plan::about_many(PlanKind::Reconcile);
        plan.steps = steps;
        Ok(plan)
    }
}

/// What the guard rails need of one provider, counted during the one listing.
#[derive(Default)]
struct Census {
    /// Accounts not disabled (active or invited).
    present: usize,
    /// Ids of its active owners and admins.
    admins: Vec<String>,
}

/// The guard rails, on the whole plan: the removal limit per provider, and no provider
/// left without an active owner or admin, whether they are removed or demoted.
fn guard(
    steps: &[Step],
    census: &HashMap<Provider, Census>,
    options: &ReconcileOptions,
) -> Result<(), ReconcileError> {
    let mut removals: BTreeMap<Provider, usize> = BTreeMap::new();
    let mut admins_lost: BTreeMap<Provider, Vec<&Step>> = BTreeMap::new();
    for s in steps {
        if is_removal(&s.action) {
            *removals.entry(s.provider).or_default() += 1;
        }
        let was_admin = s.before.as_ref().is_some_and(|b| is_active_admin(&b.user));
        if was_admin && (is_removal(&s.action) || demotes(&s.action)) {
            admins_lost.entry(s.provider).or_default().push(s);
        }
    }
    for (provider, planned) in removals {
        let present = census.get(&provider).map_or(0, |c| c.present);
        let limit = options.max_removals.limit(present);
        if planned > limit {
            return Err(ReconcileError::TooManyRemovals {
                provider,
                planned,
                limit,
                accounts: present,
            });
        }
    }
    if options.allow_last_admin {
        return Ok(());
    }
    for (provider, lost) in admins_lost {
        let lost_ids: Vec<&str> = lost
            .iter()
            .filter_map(|s| s.before.as_ref().and_then(|b| b.user.id.as_deref()))
            .collect();
        let admins_left = census
            .get(&provider)
            .is_some_and(|c| c.admins.iter().any(|id| !lost_ids.contains(&id.as_str())));
        if !admins_left {
            let emails = lost
                .iter()
                .filter_map(|s| s.action.target())
                .collect::<Vec<_>>()
                .join(", ");
            return Err(ReconcileError::LastAdmin { provider, emails });
        }
    }
    Ok(())
}

/// Whether `action` gives an account access below admin. Adverity's groups are not its
/// admin flag, so changing them demotes nobody; access whose level cannot be told (a
/// custom Axiom role) counts as a demotion, the safe direction.
fn demotes(action: &Action) -> bool {
    let Action::SetAccess { access, .. } = action else {
        return false;
    };
    if matches!(access, Access::AdverityGroups { .. }) {
        return false;
    }
    access.level() < AccessLevel::Admin
}

/// Accounts to compare while the listing goes on: the stream runs in a task of its own
/// (pages and Model-Prime's per-user reads keep flowing while each account is compared)
/// and hands accounts over through a bounded channel, so at most a few thousand wait.
/// Dropping the receiver stops the listing.
fn read_ahead(
    mut stream: futures::stream::BoxStream<'static, Result<Snapshot, Error>>,
) -> tokio::sync::mpsc::Receiver<Result<Snapshot, Error>> {
    let (send, receive) = tokio::sync::mpsc::channel(4096);
    tokio::spawn(async move {
        while let Some(item) = stream.next().await {
            let failed = item.is_err();
            if send.send(item).await.is_err() || failed {
                break;
            }
        }
    });
    receive
}

/// `email` trimmed and in lowercase, copied only when it has capitals (one copy per
/// account saved in the one pass over every account).
fn lowercase(email: &str) -> std::borrow::Cow<'_, str> {
    let email = email.trim();
    if email.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(email.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(email)
    }
}

fn is_active_admin(user: &crate::User) -> bool {
    user.access >= AccessLevel::Admin && user.status == Status::Active
}

fn is_removal(action: &Action) -> bool {
    matches!(action, Action::Delete { .. } | Action::Disable { .. })
}

fn step(provider: Provider, action: Action, before: Option<Snapshot>, person: &Person) -> Step {
    Step {
        provider,
        action,
        before,
        person: Some(person.clone()),
    }
}

/// Removing `account` the provider's way, unless excluded or impossible.
fn removal(
    provider: Provider,
    account: Snapshot,
    person: &Person,
    is_excluded: &impl Fn(&str) -> bool,
) -> Step {
    let email = person.email().to_string();
    let action = if is_excluded(&email.to_ascii_lowercase()) {
        Action::Skip {
            reason: format!("{email} is excluded by the config file: never removed"),
        }
    } else {
        match (&account.user.id, Capabilities::of(provider).removal) {
            (None, _) => Action::Skip {
                reason: format!("pending invitation: {provider}'s API cannot revoke invitations"),
            },
            (Some(id), Removal::Disable) => Action::Disable {
                id: id.clone(),
                email,
            },
            (Some(id), _) => Action::Delete {
                id: id.clone(),
                email,
            },
        }
    };
    step(provider, action, Some(account), person)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_counts_or_percentages_rounded_down() {
        assert_eq!("10".parse::<MaxRemovals>(), Ok(MaxRemovals::Count(10)));
        assert_eq!("25%".parse::<MaxRemovals>(), Ok(MaxRemovals::Percent(25)));
        assert!("150%".parse::<MaxRemovals>().is_err());
        assert!("-1".parse::<MaxRemovals>().is_err());
        assert!("".parse::<MaxRemovals>().is_err());
        assert_eq!(MaxRemovals::Percent(25).limit(7), 1);
        assert_eq!(MaxRemovals::Percent(25).limit(3), 0);
        assert_eq!(MaxRemovals::default().limit(100), 25);
        assert_eq!(MaxRemovals::Count(3).limit(1), 3);
    }

    #[test]
    fn exclusion_patterns_match_whole_emails_case_insensitively() {
        let patterns = [
            WildMatch::new("*@service.acme.example"),
            WildMatch::new("breakglass@acme.example"),
        ];
        let excluded = |email: &str| {
            patterns
                .iter()
                .any(|w| w.matches(&email.to_ascii_lowercase()))
        };
        assert!(excluded("ci-bot@service.acme.example"));
        assert!(excluded("BreakGlass@acme.example"));
        assert!(!excluded("breakglass@acme.example.evil"));
        assert!(!excluded("ada@acme.example"));
    }
}
