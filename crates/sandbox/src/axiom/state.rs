//! Axiom's users and roles, and the rules of each operation (ids, unique emails, known roles).
//!
//! A user's `role` carries the role id; for a custom role its `name` is the id too, since
//! `PROVIDERS.md` says the role listing (`/rbac/roles`) is the only way to learn a custom
//! role's name: clients that show names must resolve them there.
//!
//! The HTTP layer in `mod.rs` turns requests into these calls and errors into `{code, message}`.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::Seed;
use crate::demo::{self, AXIOM_CUSTOM_ROLE_ID, AXIOM_CUSTOM_ROLE_NAME};
use crate::ids;

const TAG: u64 = 0xA710;
const BUILT_IN_ROLES: &[&str] = &["none", "read-only", "user", "admin", "owner"];

/// `{id, name}` of a role; built-ins have `name == id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Role {
    pub(crate) id: String,
    pub(crate) name: String,
}

/// An Axiom user as the API returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct User {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) email: String,
    pub(crate) role: Role,
}

/// Why an operation failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Failure {
    /// 404.
    NotFound,
    /// 404 for a role id that is neither built in nor a custom role.
    RoleNotFound(String),
    /// 409, with a message.
    Conflict(String),
    /// 403, with a message.
    Forbidden(String),
}

/// Everything the Axiom fake remembers (also what its state file holds).
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct State {
    users: Vec<User>,
    custom_roles: Vec<Role>,
    owner_id: String,
    created: u64,
    synthetic: usize,
    /// The rate-limit window is per process, not part of the saved state.
    #[serde(skip)]
    rate_minute: u64,
    #[serde(skip)]
    rate_used: u64,
    traces: u64,
}

/// Requests per minute reported in `X-RateLimit-Limit` (reported, not enforced).
pub(crate) const RATE_LIMIT: u64 = 1000;

impl State {
    /// The demo organisation, or only the token's owner for [`Seed::Empty`].
    pub(crate) fn new(seed: Seed) -> State {
        let mut state = State {
            users: Vec::new(),
            custom_roles: vec![Role {
                id: AXIOM_CUSTOM_ROLE_ID.into(),
                name: AXIOM_CUSTOM_ROLE_NAME.into(),
            }],
            owner_id: ids::uuid(TAG, ids::fnv(demo::OWNER_EMAIL)),
            created: 0,
            synthetic: 0,
            rate_minute: 0,
            rate_used: 0,
            traces: 0,
        };
        for person in demo::PEOPLE {
            let Some(role) = person.axiom_role else {
                continue;
            };
            if seed == Seed::Empty && person.email != demo::OWNER_EMAIL {
                continue;
            }
            let role = state.role(role).unwrap_or_else(|| as_carried(role));
            state.users.push(User {
                id: ids::uuid(TAG, ids::fnv(person.email)),
                name: person.name.into(),
                email: person.email.into(),
                role,
            });
        }
        state
    }

    /// The role with this id (built-in or custom) as a user carries it.
    fn role(&self, id: &str) -> Option<Role> {
        if BUILT_IN_ROLES.contains(&id) || self.custom_roles.iter().any(|r| r.id == id) {
            return Some(as_carried(id));
        }
        None
    }

    /// `GET /rbac/roles`: the custom roles with their members (built-in roles are not
    /// listed: the listing is how custom roles are learnt).
    pub(crate) fn roles(&self) -> Vec<Value> {
        self.custom_roles
            .iter()
            .map(|role| self.details(role))
            .collect()
    }

    /// `GET /rbac/roles/{id}`.
    pub(crate) fn role_details(&self, id: &str) -> Option<Value> {
        self.custom_roles
            .iter()
            .find(|r| r.id == id)
            .map(|role| self.details(role))
    }

    fn details(&self, role: &Role) -> Value {
        let members: Vec<&str> = self
            .users
            .iter()
            .filter(|u| u.role.id == role.id)
            .map(|u| u.id.as_str())
            .collect();
        json!({
            "id": role.id,
            "name": role.name,
            "description": "Reads and trims every dataset; manages nothing else.",
            "members": members,
            "orgCapabilities": { "datasets": ["read"] },
            "datasetCapabilities": { "*": { "query": ["read"], "trim": ["update"] } },
            "viewCapabilities": {},
        })
    }

    fn known_role(&self, id: &str) -> Result<Role, Failure> {
        self.role(id).ok_or_else(|| {
            Failure::RoleNotFound(format!(
                "role {id:?} not found: expected none, read-only, user, admin, owner or a custom role id"
            ))
        })
    }

    fn email_taken(&self, email: &str, except: Option<&str>) -> bool {
        self.users
            .iter()
            .any(|u| u.email.eq_ignore_ascii_case(email) && Some(u.id.as_str()) != except)
    }

    fn position(&self, id: &str) -> Result<usize, Failure> {
        self.users
            .iter()
            .position(|u| u.id == id)
            .ok_or(Failure::NotFound)
    }

    /// Every user, in creation order.
    pub(crate) fn users(&self) -> &[User] {
        &self.users
    }

    /// One user.
    pub(crate) fn get(&self, id: &str) -> Result<&User, Failure> {
        self.position(id).map(|i| &self.users[i])
    }

    /// The token's user (`GET /user`).
    pub(crate) fn current(&self) -> Result<&User, Failure> {
        let owner = self.owner_id.clone();
        self.get(&owner)
    }

    /// Renames the token's user (`PUT /user`).
    pub(crate) fn rename_current(&mut self, name: &str) -> Result<User, Failure> {
        let owner = self.owner_id.clone();
        self.update(&owner, name, None)
    }

    /// `POST /users`.
    pub(crate) fn create(&mut self, name: &str, email: &str, role: &str) -> Result<User, Failure> {
        let role = self.known_role(role)?;
        if self.email_taken(email, None) {
            return Err(Failure::Conflict(format!(
                "a user with email {email} already exists"
            )));
        }
        self.created += 1;
        let user = User {
            id: ids::uuid(TAG ^ 1, self.created),
            name: name.into(),
            email: email.into(),
            role,
        };
        self.users.push(user.clone());
        Ok(user)
    }

    /// `PUT /users/{id}`: name always, email if given.
    pub(crate) fn update(
        &mut self,
        id: &str,
        name: &str,
        email: Option<&str>,
    ) -> Result<User, Failure> {
        let i = self.position(id)?;
        if let Some(email) = email
            && self.email_taken(email, Some(id))
        {
            return Err(Failure::Conflict(format!(
                "a user with email {email} already exists"
            )));
        }
        let user = &mut self.users[i];
        user.name = name.into();
        if let Some(email) = email {
            user.email = email.into();
        }
        Ok(user.clone())
    }

    /// `PUT /users/{id}/role`.
    pub(crate) fn set_role(&mut self, id: &str, role: &str) -> Result<User, Failure> {
        let i = self.position(id)?;
        let role = self.known_role(role)?;
        self.users[i].role = role;
        Ok(self.users[i].clone())
    }

    /// `DELETE /users/{id}`.
    /// The token's own user cannot be deleted (inferred: the organization would lose the
    /// caller, and every "current user" call would then fail).
    pub(crate) fn delete(&mut self, id: &str) -> Result<(), Failure> {
        let i = self.position(id)?;
        if id == self.owner_id {
            return Err(Failure::Forbidden("you cannot delete your own user".into()));
        }
        self.users.remove(i);
        Ok(())
    }

    /// Appends `n` synthetic users (`userNNNNN@load.example`, role `user`).
    pub(crate) fn add_synthetic(&mut self, n: usize) {
        self.users.reserve(n);
        for _ in 0..n {
            self.synthetic += 1;
            let k = self.synthetic;
            self.users.push(User {
                id: ids::uuid(TAG ^ 2, k as u64),
                name: format!("Load User {k:05}"),
                email: demo::synthetic_email(k),
                role: as_carried("user"),
            });
        }
    }

    /// Counts a request in the current minute: (remaining, reset epoch seconds).
    pub(crate) fn count_request(&mut self, now_secs: u64) -> (u64, u64) {
        let minute = now_secs / 60;
        if minute != self.rate_minute {
            self.rate_minute = minute;
            self.rate_used = 0;
        }
        self.rate_used += 1;
        (RATE_LIMIT.saturating_sub(self.rate_used), (minute + 1) * 60)
    }

    /// A fresh trace id for `X-Axiom-Trace-Id`.
    pub(crate) fn next_trace_id(&mut self) -> String {
        self.traces += 1;
        ids::hex32(TAG, self.traces)
    }
}

/// A role as a user object carries it: the id, and the id again as the name.
fn as_carried(id: &str) -> Role {
    Role {
        id: id.into(),
        name: id.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_seed_has_the_owner_and_a_custom_role_named_only_in_the_listing() {
        let state = State::new(Seed::Demo);
        assert_eq!(state.current().unwrap().email, demo::OWNER_EMAIL);
        assert_eq!(state.current().unwrap().role.id, "owner");
        let edsger = state
            .users()
            .iter()
            .find(|u| u.email == "edsger@acme.example")
            .unwrap();
        assert_eq!(edsger.role.id, AXIOM_CUSTOM_ROLE_ID);
        assert_eq!(edsger.role.name, AXIOM_CUSTOM_ROLE_ID);
        let roles = state.roles();
        assert_eq!(roles.len(), 1);
        assert_eq!(roles[0]["name"], AXIOM_CUSTOM_ROLE_NAME);
        assert_eq!(roles[0]["members"], json!([edsger.id]));
        assert_eq!(
            state.role_details(AXIOM_CUSTOM_ROLE_ID).unwrap()["name"],
            AXIOM_CUSTOM_ROLE_NAME
        );
        assert!(state.role_details("admin").is_none());
        assert_eq!(State::new(Seed::Empty).users().len(), 1);
    }

    #[test]
    fn create_rejects_duplicate_emails_and_unknown_roles() {
        let mut state = State::new(Seed::Demo);
        assert!(matches!(
            state.create("X", "ALAN@acme.example", "user"),
            Err(Failure::Conflict(_))
        ));
        assert!(matches!(
            state.create("X", "x@acme.example", "superuser"),
            Err(Failure::RoleNotFound(_))
        ));
        let user = state.create("X", "x@acme.example", "admin").unwrap();
        assert_eq!(state.get(&user.id).unwrap(), &user);
    }

    #[test]
    fn rate_window_counts_down_and_resets_each_minute() {
        let mut state = State::new(Seed::Empty);
        assert_eq!(state.count_request(120), (RATE_LIMIT - 1, 180));
        assert_eq!(state.count_request(179), (RATE_LIMIT - 2, 180));
        assert_eq!(state.count_request(180), (RATE_LIMIT - 1, 240));
    }
}
