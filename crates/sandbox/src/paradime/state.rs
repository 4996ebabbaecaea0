//! Paradime's users, invitations and workspaces, and the rules of the three mutations.
//!
//! Domain failures (unknown or disabled uid, inviting someone already active, an address
//! without `@`) are `false` here and `{ok: false}` on the wire rather than a GraphQL error:
//! the sandbox's documented choice, so clients meet both failure shapes (validation
//! problems are `errors`).

use serde::{Deserialize, Serialize};

use crate::Seed;
use crate::demo::{self, DemoParadime, PARADIME_WORKSPACES};
use crate::ids;

const TAG: u64 = 0x9A2A;

/// A signed-up user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Member {
    pub(crate) uid: String,
    pub(crate) email: String,
    pub(crate) name: String,
    pub(crate) account_type: String,
    /// Disabled users are kept (for tests) but leave `activeUsers`.
    pub(crate) disabled: bool,
}

/// An invitation not (yet) accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Invitation {
    pub(crate) email: String,
    pub(crate) account_type: String,
    pub(crate) invite_status: String,
}

/// Everything the Paradime fake remembers (also what its state file holds).
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct State {
    members: Vec<Member>,
    invitations: Vec<Invitation>,
    workspaces: Vec<(String, String)>,
    synthetic: usize,
}

impl State {
    /// The demo organisation (with two workspaces), or no users for [`Seed::Empty`].
    pub(crate) fn new(seed: Seed) -> State {
        let mut state = State {
            members: Vec::new(),
            invitations: Vec::new(),
            workspaces: PARADIME_WORKSPACES
                .iter()
                .map(|name| (ids::hex64(TAG ^ 1, ids::fnv(name)), (*name).to_owned()))
                .collect(),
            synthetic: 0,
        };
        if seed == Seed::Empty {
            return state;
        }
        for person in demo::PEOPLE {
            match person.paradime {
                Some(DemoParadime::Active(account_type)) => state.members.push(Member {
                    uid: uid_for(person.email),
                    email: person.email.into(),
                    name: person.name.into(),
                    account_type: account_type.into(),
                    disabled: false,
                }),
                Some(DemoParadime::Invited(account_type, status)) => {
                    state.invitations.push(Invitation {
                        email: person.email.into(),
                        account_type: account_type.into(),
                        invite_status: status.into(),
                    });
                }
                None => {}
            }
        }
        state
    }

    /// Every member, disabled ones included.
    pub(crate) fn members(&self) -> &[Member] {
        &self.members
    }

    /// Every invitation.
    pub(crate) fn invitations(&self) -> &[Invitation] {
        &self.invitations
    }

    /// Members who are not disabled (`activeUsers`).
    pub(super) fn active_members(&self) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(|m| !m.disabled)
    }

    /// Workspaces as (uid, name).
    pub(super) fn workspaces(&self) -> &[(String, String)] {
        &self.workspaces
    }

    /// A new invitation (status ACTIVE), or a re-sent one; `false` if the person is active.
    pub(super) fn invite(&mut self, email: &str, account_type: &str) -> bool {
        if !crate::request::looks_like_email(email)
            || self
                .members
                .iter()
                .any(|m| !m.disabled && m.email.eq_ignore_ascii_case(email))
        {
            return false;
        }
        match self
            .invitations
            .iter_mut()
            .find(|i| i.email.eq_ignore_ascii_case(email))
        {
            Some(invitation) => {
                invitation.account_type = account_type.into();
                invitation.invite_status = "ACTIVE".into();
            }
            None => self.invitations.push(Invitation {
                email: email.into(),
                account_type: account_type.into(),
                invite_status: "ACTIVE".into(),
            }),
        }
        true
    }

    fn active_member(&mut self, uid: &str) -> Option<&mut Member> {
        self.members
            .iter_mut()
            .find(|m| m.uid == uid && !m.disabled)
    }

    pub(super) fn update_account_type(&mut self, uid: &str, account_type: &str) -> bool {
        self.active_member(uid)
            .map(|m| m.account_type = account_type.into())
            .is_some()
    }

    pub(super) fn disable(&mut self, uid: &str) -> bool {
        self.active_member(uid).map(|m| m.disabled = true).is_some()
    }

    /// Appends `n` synthetic active DEVELOPER users (`userNNNNN@load.example`).
    pub(crate) fn add_synthetic(&mut self, n: usize) {
        self.members.reserve(n);
        for _ in 0..n {
            self.synthetic += 1;
            let k = self.synthetic;
            self.members.push(Member {
                uid: ids::hex64(TAG ^ 2, k as u64),
                email: demo::synthetic_email(k),
                name: format!("Load User {k:05}"),
                account_type: "DEVELOPER".into(),
                disabled: false,
            });
        }
    }
}

/// The uid of a demo person: 64 hex characters derived from the email.
pub(crate) fn uid_for(email: &str) -> String {
    ids::hex64(TAG, ids::fnv(email))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disabled_users_leave_active_users_and_cannot_be_disabled_twice() {
        let mut state = State::new(Seed::Demo);
        let uid = uid_for(demo::LEAVER_EMAIL);
        assert!(state.disable(&uid));
        assert!(!state.disable(&uid));
        assert!(!state.update_account_type(&uid, "ADMIN"));
        assert!(
            state
                .active_members()
                .all(|m| m.email != demo::LEAVER_EMAIL)
        );
    }

    #[test]
    fn inviting_an_active_user_fails_and_reinviting_does_not_duplicate() {
        let mut state = State::new(Seed::Demo);
        assert!(!state.invite(demo::OWNER_EMAIL, "ADMIN"));
        assert!(!state.invite("not-an-email", "ADMIN"));
        let before = state.invitations().len();
        assert!(state.invite("mary@acme.example", "ADMIN"));
        assert_eq!(state.invitations().len(), before);
        let mary = state
            .invitations()
            .iter()
            .find(|i| i.email == "mary@acme.example")
            .unwrap();
        assert_eq!(
            (mary.account_type.as_str(), mary.invite_status.as_str()),
            ("ADMIN", "ACTIVE")
        );
    }
}
