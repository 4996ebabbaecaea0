//! Adverity's users (numeric ids, kept sorted so pages are slices) and the rules of each
//! operation: unique emails, known group and workspace ids, timestamps.
//!
//! Input arrives already type-checked by `validate.rs`; this module only checks what
//! needs the data (uniqueness, existence).

use serde::{Deserialize, Serialize};

use crate::Seed;
use crate::clock;
use crate::demo::{self, ADVERITY_GROUPS, ADVERITY_WORKSPACES};

/// First id handed out; demo users get 101, 102, ...
const FIRST_ID: u64 = 101;
/// 2023-03-01T09:00:00Z, when the demo users were created.
const DEMO_EPOCH: u64 = 1_677_661_200;

/// An Adverity user as the API returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct User {
    pub(crate) id: u64,
    pub(crate) email: String,
    pub(crate) first_name: String,
    pub(crate) last_name: String,
    pub(crate) active: bool,
    pub(crate) groups: Vec<u64>,
    pub(crate) workspaces: Vec<u64>,
    pub(crate) workspace_names: Vec<String>,
    pub(crate) created: String,
    pub(crate) last_login: Option<String>,
    pub(crate) last_modified: String,
}

/// Validated fields of a create or edit; `None` means "not sent".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Changes {
    pub(crate) email: Option<String>,
    pub(crate) first_name: Option<String>,
    pub(crate) last_name: Option<String>,
    pub(crate) active: Option<bool>,
    pub(crate) groups: Option<Vec<u64>>,
    pub(crate) workspaces: Option<Vec<u64>>,
}

/// Why an operation failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Failure {
    /// 404 `{"detail": "Not found."}`.
    NotFound,
    /// 400 `{field: [message]}`.
    Field(&'static str, String),
}

/// Everything the Adverity fake remembers (also what its state file holds).
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct State {
    users: Vec<User>,
    next_id: u64,
    synthetic: usize,
}

impl State {
    /// The demo organisation, or nobody for [`Seed::Empty`].
    pub(crate) fn new(seed: Seed) -> State {
        let mut state = State {
            users: Vec::new(),
            next_id: FIRST_ID,
            synthetic: 0,
        };
        if seed == Seed::Empty {
            return state;
        }
        for (i, person) in demo::PEOPLE.iter().enumerate() {
            let Some(account) = person.adverity else {
                continue;
            };
            let created = DEMO_EPOCH + i as u64 * 7 * 86_400;
            let (first, last) = person.name.split_once(' ').unwrap_or((person.name, ""));
            let id = state.take_id();
            state.users.push(User {
                id,
                email: person.email.into(),
                first_name: first.into(),
                last_name: last.into(),
                active: account.active,
                groups: account.groups.to_vec(),
                workspaces: account.workspaces.to_vec(),
                workspace_names: workspace_names(account.workspaces),
                created: clock::format_utc(created),
                last_login: account
                    .logged_in
                    .then(|| clock::format_utc(created + 400 * 86_400 + i as u64 * 3600)),
                last_modified: clock::format_utc(created + 86_400),
            });
        }
        state
    }

    fn take_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    fn index(&self, id: u64) -> Result<usize, Failure> {
        self.users
            .binary_search_by_key(&id, |u| u.id)
            .map_err(|_| Failure::NotFound)
    }

    fn check(&self, changes: &Changes, except: Option<u64>) -> Result<(), Failure> {
        if let Some(email) = &changes.email
            && self
                .users
                .iter()
                .any(|u| u.email.eq_ignore_ascii_case(email) && Some(u.id) != except)
        {
            return Err(Failure::Field(
                "email",
                "user with this email already exists.".into(),
            ));
        }
        for (name, ids, known) in [
            ("groups", &changes.groups, ADVERITY_GROUPS),
            ("workspaces", &changes.workspaces, ADVERITY_WORKSPACES),
        ] {
            if let Some(missing) = ids
                .iter()
                .flatten()
                .find(|id| !known.iter().any(|(k, _)| k == *id))
            {
                return Err(Failure::Field(
                    name,
                    format!("Invalid pk \"{missing}\" - object does not exist."),
                ));
            }
        }
        Ok(())
    }

    /// Number of users.
    pub(crate) fn count(&self) -> usize {
        self.users.len()
    }

    /// Users `start..start+len` in id order (clamped).
    pub(crate) fn slice(&self, start: usize, len: usize) -> &[User] {
        let start = start.min(self.users.len());
        let end = start.saturating_add(len).min(self.users.len());
        &self.users[start..end]
    }

    /// One user.
    pub(crate) fn get(&self, id: u64) -> Result<&User, Failure> {
        self.index(id).map(|i| &self.users[i])
    }

    /// `POST /users/`: `changes.email` must be set.
    pub(crate) fn create(&mut self, changes: Changes) -> Result<User, Failure> {
        self.check(&changes, None)?;
        let now = clock::now_utc();
        let workspaces = changes.workspaces.unwrap_or_default();
        let id = self.take_id();
        let user = User {
            id,
            email: changes.email.unwrap_or_default(),
            first_name: changes.first_name.unwrap_or_default(),
            last_name: changes.last_name.unwrap_or_default(),
            active: changes.active.unwrap_or(true),
            groups: changes.groups.unwrap_or_default(),
            workspace_names: workspace_names(&workspaces),
            workspaces,
            created: now.clone(),
            last_login: None,
            last_modified: now,
        };
        self.users.push(user.clone());
        Ok(user)
    }

    /// `PATCH /users/{id}/`.
    pub(crate) fn edit(&mut self, id: u64, changes: Changes) -> Result<User, Failure> {
        let i = self.index(id)?;
        self.check(&changes, Some(id))?;
        let user = &mut self.users[i];
        if let Some(email) = changes.email {
            user.email = email;
        }
        if let Some(first_name) = changes.first_name {
            user.first_name = first_name;
        }
        if let Some(last_name) = changes.last_name {
            user.last_name = last_name;
        }
        if let Some(active) = changes.active {
            user.active = active;
        }
        if let Some(groups) = changes.groups {
            user.groups = groups;
        }
        if let Some(workspaces) = changes.workspaces {
            user.workspace_names = workspace_names(&workspaces);
            user.workspaces = workspaces;
        }
        user.last_modified = clock::now_utc();
        Ok(user.clone())
    }

    /// `DELETE /users/{id}/`.
    pub(crate) fn delete(&mut self, id: u64) -> Result<(), Failure> {
        let i = self.index(id)?;
        self.users.remove(i);
        Ok(())
    }

    /// Appends `n` synthetic active users (`userNNNNN@load.example`, workspace 1).
    pub(crate) fn add_synthetic(&mut self, n: usize) {
        self.users.reserve(n);
        let stamp = clock::format_utc(DEMO_EPOCH);
        for _ in 0..n {
            self.synthetic += 1;
            let k = self.synthetic;
            let id = self.take_id();
            self.users.push(User {
                id,
                email: demo::synthetic_email(k),
                first_name: "Load".into(),
                last_name: format!("User {k:05}"),
                active: true,
                groups: Vec::new(),
                workspaces: vec![1],
                workspace_names: workspace_names(&[1]),
                created: stamp.clone(),
                last_login: None,
                last_modified: stamp.clone(),
            });
        }
    }
}

fn workspace_names(ids: &[u64]) -> Vec<String> {
    ids.iter()
        .filter_map(|id| ADVERITY_WORKSPACES.iter().find(|(k, _)| k == id))
        .map(|(_, name)| (*name).to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_seed_has_one_inactive_user_and_a_never_logged_in_user() {
        let state = State::new(Seed::Demo);
        let all = state.slice(0, usize::MAX);
        assert_eq!(all.iter().filter(|u| !u.active).count(), 1);
        let hedy = all.iter().find(|u| u.first_name == "Hedy").unwrap();
        assert_eq!(hedy.last_login, None);
        assert_eq!(hedy.workspace_names, vec!["Acme Marketing".to_owned()]);
        assert_eq!(all[0].id, FIRST_ID);
        assert_eq!(all[0].created, "2023-03-01T09:00:00Z");
    }

    #[test]
    fn create_checks_unique_email_and_known_ids() {
        let mut state = State::new(Seed::Demo);
        let dup = Changes {
            email: Some("ADA@acme.example".into()),
            ..Changes::default()
        };
        assert!(matches!(state.create(dup), Err(Failure::Field("email", _))));
        let bad = Changes {
            email: Some("new@acme.example".into()),
            workspaces: Some(vec![1, 99]),
            ..Changes::default()
        };
        assert_eq!(
            state.create(bad),
            Err(Failure::Field(
                "workspaces",
                "Invalid pk \"99\" - object does not exist.".into()
            ))
        );
    }

    #[test]
    fn ids_keep_growing_after_deletes() {
        let mut state = State::new(Seed::Empty);
        state.add_synthetic(3);
        state.delete(FIRST_ID + 2).unwrap();
        let user = state
            .create(Changes {
                email: Some("n@acme.example".into()),
                ..Changes::default()
            })
            .unwrap();
        assert_eq!(user.id, FIRST_ID + 3);
        assert_eq!(state.get(FIRST_ID + 3).unwrap().email, "n@acme.example");
    }
}
