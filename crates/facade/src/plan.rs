//! What a change is before it runs: a [`Plan`] of [`Step`]s, each with the target's
//! state as read when planning (its before-state). A plan is a value and a versioned
//! JSON document (`usermgmt offboard --out plan.json`), so what runs is what was reviewed.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use usermgmt_runtime::Provider;

use crate::{Person, User};

/// The format tag of plan documents this version writes and reads.
pub const PLAN_FORMAT: &str = "usermgmt.plan/v1";

/// A reviewed list of changes, applied as a whole with
/// [`Directory::apply_with`](crate::Directory::apply_with).
///
/// ```
/// use usermgmt::{Person, Plan, PlanKind};
/// let plan = Plan::new(PlanKind::Offboard, Person::new("ada@acme.example")?);
/// let text = plan.to_json()?;
/// assert_eq!(Plan::from_json(&text)?, plan);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Always [`PLAN_FORMAT`]; other values are refused when reading.
    pub format: String,
    /// A unique id: a plan applies once.
    pub id: String,
    /// What kind of change this is.
    pub kind: PlanKind,
    /// When it was planned (UTC).
    pub created_at: DateTime<Utc>,
    /// Who it is about; `None` for a plan about several people (a reconcile), whose
    /// steps each name theirs ([`Plan::person_of`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<Person>,
    /// The GitHub organization used for Axolo, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub axolo_organization: Option<String>,
    /// For a reinstate plan: the run it reverses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reverses_run: Option<String>,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

/// The kinds of plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum PlanKind {
    /// Remove a person everywhere.
    Offboard,
    /// Bring back what an offboarding removed.
    Reinstate,
    /// Give a person a profile's access everywhere.
    Onboard,
    /// Make every provider match a roster (several people; each step names its person).
    Reconcile,
}

impl PlanKind {
    /// The lowercase name (`offboard`).
    pub fn as_str(self) -> &'static str {
        match self {
            PlanKind::Offboard => "offboard",
            PlanKind::Reinstate => "reinstate",
            PlanKind::Onboard => "onboard",
            PlanKind::Reconcile => "reconcile",
        }
    }
}

impl fmt::Display for PlanKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The plan document could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PlanFileError {
    /// Not JSON, or not a plan.
    #[error("not a usermgmt plan: {0}")]
    Invalid(#[from] serde_json::Error),
    /// A plan of another format version.
    #[error("plan format {found:?} is not supported (this version reads {PLAN_FORMAT:?})")]
    Format {
        /// The format the file declares.
        found: String,
    },
}

impl Plan {
    /// An empty plan of `kind` for `person`, with a new id and the current time.
    pub fn new(kind: PlanKind, person: Person) -> Plan {
        Plan {
            person: Some(person),
            ..Plan::about_many(kind)
        }
    }

    /// An empty plan of `kind` about several people: each step names its person.
    pub fn about_many(kind: PlanKind) -> Plan {
        Plan {
            format: PLAN_FORMAT.to_string(),
            id: uuid::Uuid::new_v4().to_string(),
            kind,
            created_at: Utc::now(),
            person: None,
            axolo_organization: None,
            reverses_run: None,
            steps: Vec::new(),
        }
    }

    /// Who `step` is about: its own person, else the plan's.
    pub fn person_of<'a>(&'a self, step: &'a Step) -> Option<&'a Person> {
        step.person.as_ref().or(self.person.as_ref())
    }

    /// The plan as a pretty JSON document.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(self)
    }

    /// Read a plan document, refusing other format versions.
    pub fn from_json(text: &str) -> Result<Plan, PlanFileError> {
        let value: Value = serde_json::from_str(text)?;
        let found = value.get("format").and_then(Value::as_str).unwrap_or("");
        if found != PLAN_FORMAT {
            return Err(PlanFileError::Format {
                found: found.to_string(),
            });
        }
        Ok(serde_json::from_value(value)?)
    }

    /// The steps that change something (not lookups that found nothing, skips or failures).
    pub fn changes(&self) -> impl Iterator<Item = (usize, &Step)> {
        self.steps
            .iter()
            .enumerate()
            .filter(|(_, step)| step.action.changes_something())
    }

    /// Whether applying the plan would change nothing.
    pub fn is_empty(&self) -> bool {
        self.changes().next().is_none()
    }
}

/// One step of a plan: where, what, and the target as it was when planned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// Where.
    #[serde(with = "crate::model::provider_id")]
    pub provider: Provider,
    /// What.
    #[serde(flatten)]
    pub action: Action,
    /// The account as read when planning; `None` where there was none (a creation, a
    /// lookup that found nothing) or the provider cannot be read (Axolo).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Snapshot>,
    /// Who the step is about, in a plan about several people (else the plan's person).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<Person>,
}

/// One line a person can read: `delete Axiom user alan@acme.example (id 3f2a9c1e…)`.
/// Long ids are cut to their first 8 characters; the plan's JSON keeps them whole.
impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let provider = self.provider;
        match &self.action {
            Action::Delete { id, email } => {
                write!(f, "delete {provider} user {email} (id {})", ShortId(id))
            }
            Action::Disable { id, email } => {
                write!(f, "disable {provider} user {email} (id {})", ShortId(id))
            }
            Action::Offboard {
                organization,
                github_login,
            } => write!(
                f,
                "offboard GitHub login {github_login} from {provider} organization {organization}"
            ),
            Action::Create { email, access, .. } => {
                write!(f, "create {provider} user {email} with {access}")
            }
            Action::Onboard {
                organization,
                github_login,
                ..
            } => write!(
                f,
                "onboard GitHub login {github_login} into {provider} organization {organization}"
            ),
            Action::SetAccess { id, email, access } => write!(
                f,
                "give {provider} user {email} (id {}) {access}",
                ShortId(id)
            ),
            Action::Unchanged { email, access } => {
                write!(
                    f,
                    "{provider} user {email} has {access} already: nothing to do"
                )
            }
            Action::NotFound => write!(f, "no {provider} account: nothing to do"),
            Action::Skip { reason } => write!(f, "skip {provider}: {reason}"),
            Action::LookupFailed { error } => write!(f, "{provider} lookup failed: {error}"),
        }
    }
}

/// An id as a person reads it in a one-line summary: whole when short (Adverity's
/// numbers), else its first 8 characters and an ellipsis (UUIDs).
struct ShortId<'a>(&'a str);

impl fmt::Display for ShortId<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN: usize = 8;
        const WHOLE_UP_TO: usize = 12;
        if self.0.chars().count() <= WHOLE_UP_TO {
            f.write_str(self.0)
        } else {
            let head: String = self.0.chars().take(SHOWN).collect();
            write!(f, "{head}…")
        }
    }
}

/// An account as read from its provider: the unified view plus the provider's own
/// record, verbatim, so nothing is lost for reinstating it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The unified view (id, email, name, roles, access, status).
    #[serde(flatten)]
    pub user: User,
    /// The provider's record as it answered (Adverity's groups, workspaces and names,
    /// Model-Prime's roles, ...).
    #[serde(default)]
    pub record: Value,
}

impl Snapshot {
    /// The differences between this before-state and `now`, in words; empty when the
    /// account is as planned. Compared: id, email, roles, status, and the provider
    /// record's access fields (groups, workspaces).
    pub fn differences(&self, now: &Snapshot) -> Vec<String> {
        let mut changed = Vec::new();
        let (a, b) = (&self.user, &now.user);
        if a.id != b.id {
            changed.push(format!("id {:?} -> {:?}", a.id, b.id));
        }
        if a.email != b.email {
            changed.push(format!("email {:?} -> {:?}", a.email, b.email));
        }
        if a.roles != b.roles {
            changed.push(format!("roles {:?} -> {:?}", a.roles, b.roles));
        }
        if a.status != b.status {
            changed.push(format!("status {} -> {}", a.status, b.status));
        }
        for field in ["groups", "workspaces"] {
            let (x, y) = (self.record.get(field), now.record.get(field));
            if x != y {
                changed.push(format!(
                    "{field} {} -> {}",
                    x.unwrap_or(&Value::Null),
                    y.unwrap_or(&Value::Null)
                ));
            }
        }
        changed
    }
}

/// A provider's own form of access, as it is granted (and restored by reinstating).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Access {
    /// An Axiom role id (built-in or custom).
    AxiomRole {
        /// The role id.
        role: String,
    },
    /// Adverity groups and workspaces, by id.
    AdverityGroups {
        /// Group ids.
        groups: Vec<i64>,
        /// Workspace ids.
        workspaces: Vec<i64>,
    },
    /// A Paradime account type (`DEVELOPER`).
    ParadimeAccountType {
        /// The account type.
        account_type: String,
    },
    /// Model-Prime roles (`developer`).
    ModelPrimeRoles {
        /// The roles.
        roles: Vec<String>,
    },
}

impl fmt::Display for Access {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Access::AxiomRole { role } => write!(f, "role {role}"),
            Access::AdverityGroups { groups, workspaces } => {
                write!(f, "groups {groups:?}, workspaces {workspaces:?}")
            }
            Access::ParadimeAccountType { account_type } => {
                write!(f, "account type {account_type}")
            }
            Access::ModelPrimeRoles { roles } => write!(f, "roles {}", roles.join(",")),
        }
    }
}

/// What a step does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Action {
    /// Delete the account.
    Delete {
        /// The provider's id for the account.
        id: String,
        /// Its email, for the record.
        email: String,
    },
    /// Disable the account (it stays, without access).
    Disable {
        /// The provider's id for the account.
        id: String,
        /// Its email, for the record.
        email: String,
    },
    /// Offboard the GitHub login from the organization (Axolo).
    Offboard {
        /// The GitHub organization.
        organization: String,
        /// The GitHub login.
        github_login: String,
    },
    /// Create or invite an account with the given access.
    Create {
        /// The email to create.
        email: String,
        /// The display name, where the provider keeps one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// First name, where the provider keeps names apart (Adverity).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        first_name: Option<String>,
        /// Last name, where the provider keeps names apart (Adverity).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        last_name: Option<String>,
        /// The access to grant.
        access: Access,
    },
    /// Onboard the GitHub login into the organization (Axolo).
    Onboard {
        /// The GitHub organization.
        organization: String,
        /// The GitHub login.
        github_login: String,
        /// The Slack member id Axolo needs.
        slack_id: String,
    },
    /// Change an existing account's access to exactly `access` (a mover).
    SetAccess {
        /// The provider's id for the account.
        id: String,
        /// Its email, for the record.
        email: String,
        /// The access it gets.
        access: Access,
    },
    /// The account already has the access asked for: nothing to do.
    Unchanged {
        /// Its email, for the record.
        email: String,
        /// The access it has.
        access: Access,
    },
    /// The person has no account here.
    NotFound,
    /// Nothing can be done here, and why.
    Skip {
        /// Why.
        reason: String,
    },
    /// The lookup failed; applying reports it as failed.
    LookupFailed {
        /// The error, as a message.
        error: String,
    },
}

impl Action {
    /// Whether applying this step sends a change.
    pub fn changes_something(&self) -> bool {
        matches!(
            self,
            Action::Delete { .. }
                | Action::Disable { .. }
                | Action::Offboard { .. }
                | Action::Create { .. }
                | Action::Onboard { .. }
                | Action::SetAccess { .. }
        )
    }

    /// Whether sending this step twice could make a duplicate (an invitation, a
    /// creation). Such a step is sent again only after a lookup shows the first did
    /// not land. Axolo's onboarding updates an onboarded engineer instead of adding one,
    /// so it is safe to repeat.
    pub fn creates(&self) -> bool {
        matches!(self, Action::Create { .. })
    }

    /// The short verb (`delete`, `create`), as recorded in the journal.
    pub fn verb(&self) -> &'static str {
        match self {
            Action::Delete { .. } => "delete",
            Action::Disable { .. } => "disable",
            Action::Offboard { .. } => "offboard",
            Action::Create { .. } => "create",
            Action::Onboard { .. } => "onboard",
            Action::SetAccess { .. } => "set-access",
            Action::Unchanged { .. } => "unchanged",
            Action::NotFound => "not-found",
            Action::Skip { .. } => "skip",
            Action::LookupFailed { .. } => "lookup-failed",
        }
    }

    /// Who the step is about: the email, or the GitHub login for Axolo.
    pub fn target(&self) -> Option<&str> {
        match self {
            Action::Delete { email, .. }
            | Action::Disable { email, .. }
            | Action::Create { email, .. }
            | Action::SetAccess { email, .. }
            | Action::Unchanged { email, .. } => Some(email),
            Action::Offboard { github_login, .. } | Action::Onboard { github_login, .. } => {
                Some(github_login)
            }
            _ => None,
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Delete { id, email } => write!(f, "delete {email} (id {id})"),
            Action::Disable { id, email } => write!(f, "disable {email} (id {id})"),
            Action::Offboard {
                organization,
                github_login,
            } => write!(f, "offboard {github_login} from {organization}"),
            Action::Create { email, access, .. } => write!(f, "create {email} with {access}"),
            Action::Onboard {
                organization,
                github_login,
                ..
            } => write!(f, "onboard {github_login} into {organization}"),
            Action::SetAccess { id, email, access } => {
                write!(f, "give {email} (id {id}) {access}")
            }
            Action::Unchanged { email, access } => {
                write!(f, "{email} has {access} already: nothing to do")
            }
            Action::NotFound => f.write_str("no account: nothing to do"),
            Action::Skip { reason } => write!(f, "skip: {reason}"),
            Action::LookupFailed { error } => write!(f, "lookup failed: {error}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AccessLevel, Status};

    fn step(provider: Provider, action: Action) -> String {
        Step {
            person: None,
            provider,
            action,
            before: None,
        }
        .to_string()
    }

    #[test]
    fn steps_read_as_one_line_naming_the_provider_and_a_short_id() {
        let delete = Action::Delete {
            id: "3f2a9c1e-0000-4000-8000-000000000001".into(),
            email: "alan@acme.example".into(),
        };
        assert_eq!(
            step(Provider::Axiom, delete),
            "delete Axiom user alan@acme.example (id 3f2a9c1e…)"
        );
        let disable = Action::Disable {
            id: "42".into(),
            email: "alan@acme.example".into(),
        };
        assert_eq!(
            step(Provider::Adverity, disable),
            "disable Adverity user alan@acme.example (id 42)"
        );
        let offboard = Action::Offboard {
            organization: "acme-corp".into(),
            github_login: "alan-turing".into(),
        };
        assert_eq!(
            step(Provider::Axolo, offboard),
            "offboard GitHub login alan-turing from Axolo organization acme-corp"
        );
        assert_eq!(
            step(Provider::ModelPrime, Action::NotFound),
            "no Model-Prime account: nothing to do"
        );
        let lines = [
            step(
                Provider::Paradime,
                Action::Skip {
                    reason: "no uid".into(),
                },
            ),
            step(
                Provider::Axiom,
                Action::LookupFailed {
                    error: "500 from Axiom list_users".into(),
                },
            ),
        ];
        assert_eq!(lines[0], "skip Paradime: no uid");
        assert_eq!(lines[1], "Axiom lookup failed: 500 from Axiom list_users");
    }

    #[test]
    fn ids_of_twelve_characters_or_fewer_are_shown_whole() {
        assert_eq!(ShortId("123456789012").to_string(), "123456789012");
        assert_eq!(ShortId("1234567890123").to_string(), "12345678…");
        assert_eq!(ShortId("ééééééééééééé").to_string(), "éééééééé…");
    }

    fn snapshot(roles: &[&str], status: Status) -> Snapshot {
        Snapshot {
            user: User {
                provider: Provider::Adverity,
                id: Some("7".into()),
                email: Some("ada@acme.example".into()),
                name: Some("Ada".into()),
                roles: roles.iter().map(|r| r.to_string()).collect(),
                access: AccessLevel::Unknown,
                status,
            },
            record: serde_json::json!({"groups": [1], "workspaces": [3]}),
        }
    }

    #[test]
    fn plans_round_trip_and_other_formats_are_refused() {
        let mut plan = Plan::new(PlanKind::Offboard, Person::new("ada@acme.example").unwrap());
        plan.steps.push(Step {
            person: None,
            provider: Provider::Adverity,
            action: Action::Delete {
                id: "7".into(),
                email: "ada@acme.example".into(),
            },
            before: Some(snapshot(&["group:1"], Status::Active)),
        });
        let text = plan.to_json().unwrap();
        assert!(text.contains("\"action\": \"delete\""), "{text}");
        assert_eq!(Plan::from_json(&text).unwrap(), plan);
        let other = text.replace(PLAN_FORMAT, "usermgmt.plan/v9");
        assert!(matches!(
            Plan::from_json(&other),
            Err(PlanFileError::Format { .. })
        ));
        assert!(Plan::from_json("{").is_err());
        let mut tampered: Value = serde_json::from_str(&text).unwrap();
        tampered["person"]["email"] = Value::from("");
        assert!(Plan::from_json(&tampered.to_string()).is_err());
    }

    #[test]
    fn differences_name_what_changed_since_planning() {
        let before = snapshot(&["group:1"], Status::Active);
        assert!(before.differences(&before).is_empty());
        let mut now = snapshot(&["group:1", "group:2"], Status::Disabled);
        now.record["workspaces"] = serde_json::json!([3, 4]);
        let changes = before.differences(&now);
        assert_eq!(changes.len(), 3, "{changes:?}");
        assert!(changes[0].starts_with("roles"));
        assert!(changes[1].starts_with("status active -> disabled"));
        assert!(changes[2].starts_with("workspaces [3] -> [3,4]"));
    }

    #[test]
    fn only_creations_are_unsafe_to_repeat() {
        let create = Action::Create {
            email: "a@b.co".into(),
            name: None,
            first_name: None,
            last_name: None,
            access: Access::AxiomRole {
                role: "user".into(),
            },
        };
        assert!(create.creates() && create.changes_something());
        assert!(!Action::NotFound.changes_something());
        let onboard = Action::Onboard {
            organization: "acme".into(),
            github_login: "ada".into(),
            slack_id: "U1".into(),
        };
        assert!(!onboard.creates());
        assert_eq!(create.to_string(), "create a@b.co with role user");
    }
}
