//! Model-Prime's organisation, members (Auth0-style ids) and pending invitations, and the
//! rules of each operation.
//!
//! Invitations are kept apart from members: the docs say the user "will be created with
//! the given roles once they respond", so an invitation never shows in `GET /users`.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::Seed;
use crate::demo;
use crate::ids;
use crate::inspect::ModelPrimeInvitation;

const TAG: u64 = 0x3090;

/// How a member logs in; only password accounts can change their data or reset passwords.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Connection {
    /// `Username-Password-Authentication` (Auth0 id `auth0|...`).
    Password,
    /// `google-oauth2` (Auth0 id `google-oauth2|...`).
    Google,
}

/// A member of the organisation (serialized whole in the state file; the API shapes are
/// [`Member::summary`] and [`Member::detail`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Member {
    pub(crate) email: String,
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) roles: Vec<String>,
    pub(crate) connection: Connection,
    pub(crate) password_resets: u32,
}

impl Member {
    /// The list item shape `{email, id, name}`.
    pub(crate) fn summary(&self) -> Value {
        json!({ "email": self.email, "id": self.id, "name": self.name })
    }

    /// The single-user shape `{email, id, name, roles}`.
    pub(crate) fn detail(&self) -> Value {
        json!({ "email": self.email, "id": self.id, "name": self.name, "roles": self.roles })
    }
}

/// Why an operation failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Failure {
    /// 404 "User not found".
    NotFound,
    /// 400 with a message.
    BadRequest(String),
    /// 409 with a message.
    Conflict(String),
}

/// Everything the Model-Prime fake remembers (also what its state file holds).
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct State {
    members: Vec<Member>,
    invitations: Vec<ModelPrimeInvitation>,
    me: String,
    synthetic: usize,
}

impl State {
    /// The demo organisation, or only the token's owner for [`Seed::Empty`].
    pub(crate) fn new(seed: Seed) -> State {
        let mut state = State {
            members: Vec::new(),
            invitations: Vec::new(),
            me: id_for(Connection::Password, ids::fnv(demo::OWNER_EMAIL)),
            synthetic: 0,
        };
        for person in demo::PEOPLE {
            let Some(account) = person.modelprime else {
                continue;
            };
            if seed == Seed::Empty && person.email != demo::OWNER_EMAIL {
                continue;
            }
            let roles = account.roles.iter().map(|r| (*r).to_owned()).collect();
            if account.invited {
                state.invitations.push(ModelPrimeInvitation {
                    email: person.email.into(),
                    name: person.name.into(),
                    roles,
                    connection: account.google.then(|| "google-oauth2".to_owned()),
                });
                continue;
            }
            let connection = if account.google {
                Connection::Google
            } else {
                Connection::Password
            };
            state.members.push(Member {
                email: person.email.into(),
                id: id_for(connection, ids::fnv(person.email)),
                name: person.name.into(),
                roles,
                connection,
                password_resets: 0,
            });
        }
        state
    }

    /// `GET /organization`.
    pub(crate) fn organization() -> Value {
        json!({
            "created_at": "2022-06-01T12:00:00Z",
            "id": ids::uuid(TAG, 1),
            "name": demo::ORGANIZATION_NAME,
            "short_name": "acme",
            "updated_at": "2024-11-05T08:30:00Z",
        })
    }

    /// The token's owner, if still a member.
    pub(crate) fn me(&self) -> Option<&Member> {
        self.members.iter().find(|m| m.id == self.me)
    }

    /// Every member in insertion order.
    pub(crate) fn members(&self) -> &[Member] {
        &self.members
    }

    /// Pending invitations.
    pub(crate) fn invitations(&self) -> &[ModelPrimeInvitation] {
        &self.invitations
    }

    fn index(&self, id: &str) -> Result<usize, Failure> {
        self.members
            .iter()
            .position(|m| m.id == id)
            .ok_or(Failure::NotFound)
    }

    fn is_member(&self, email: &str, except: Option<&str>) -> bool {
        self.members
            .iter()
            .any(|m| m.email.eq_ignore_ascii_case(email) && Some(m.id.as_str()) != except)
    }

    /// One member.
    pub(crate) fn get(&self, id: &str) -> Result<&Member, Failure> {
        self.index(id).map(|i| &self.members[i])
    }

    /// `PATCH /users/me`: only for password accounts; omitted fields stay.
    pub(crate) fn update_me(
        &mut self,
        email: Option<String>,
        name: Option<String>,
    ) -> Result<&Member, Failure> {
        let me = self.me.clone();
        let i = self.index(&me)?;
        if self.members[i].connection != Connection::Password {
            return Err(Failure::BadRequest(
                "your account logs in through a third-party connection: update your data with that provider".into(),
            ));
        }
        if let Some(email) = &email
            && self.is_member(email, Some(&me))
        {
            return Err(Failure::Conflict(format!(
                "the email {email} is already in use"
            )));
        }
        let member = &mut self.members[i];
        if let Some(email) = email {
            member.email = email;
        }
        if let Some(name) = name {
            member.name = name;
        }
        Ok(member)
    }

    /// `DELETE /users/{id}`.
    pub(crate) fn remove(&mut self, id: &str) -> Result<(), Failure> {
        let i = self.index(id)?;
        self.members.remove(i);
        Ok(())
    }

    /// `POST /users/{id}/password-reset`: only for password accounts.
    pub(crate) fn reset_password(&mut self, id: &str) -> Result<(), Failure> {
        let i = self.index(id)?;
        let member = &mut self.members[i];
        if member.connection != Connection::Password {
            return Err(Failure::BadRequest(format!(
                "user {id} logs in with google-oauth2: reset the password with that provider"
            )));
        }
        member.password_resets += 1;
        Ok(())
    }

    /// `PUT /users/{id}/roles`: replaces the roles.
    pub(crate) fn set_roles(&mut self, id: &str, roles: Vec<String>) -> Result<(), Failure> {
        let i = self.index(id)?;
        self.members[i].roles = roles;
        Ok(())
    }

    /// `POST /users/invite`: a new or re-sent invitation; members cannot be invited.
    pub(crate) fn invite(&mut self, invitation: ModelPrimeInvitation) -> Result<(), Failure> {
        if self.is_member(&invitation.email, None) {
            return Err(Failure::Conflict(format!(
                "{} is already a member of the organization",
                invitation.email
            )));
        }
        if self
            .invitations
            .iter()
            .any(|i| i.email.eq_ignore_ascii_case(&invitation.email))
        {
            return Err(Failure::Conflict(format!(
                "an invitation to {} is already pending",
                invitation.email
            )));
        }
        self.invitations.push(invitation);
        Ok(())
    }

    /// Turns the invitation for `email` into a member (what the invitee's click does).
    pub(crate) fn accept(&mut self, email: &str) -> Option<String> {
        let i = self
            .invitations
            .iter()
            .position(|inv| inv.email.eq_ignore_ascii_case(email))?;
        let invitation = self.invitations.remove(i);
        let connection = match invitation.connection {
            Some(_) => Connection::Google,
            None => Connection::Password,
        };
        let id = id_for(connection, ids::fnv(&invitation.email));
        self.members.push(Member {
            email: invitation.email,
            id: id.clone(),
            name: invitation.name,
            roles: invitation.roles,
            connection,
            password_resets: 0,
        });
        Some(id)
    }

    /// Appends `n` synthetic developers (`userNNNNN@load.example`, password accounts).
    pub(crate) fn add_synthetic(&mut self, n: usize) {
        self.members.reserve(n);
        for _ in 0..n {
            self.synthetic += 1;
            let k = self.synthetic;
            self.members.push(Member {
                email: demo::synthetic_email(k),
                id: id_for(Connection::Password, ids::mix(TAG ^ k as u64)),
                name: format!("Load User {k:05}"),
                roles: vec!["developer".into()],
                connection: Connection::Password,
                password_resets: 0,
            });
        }
    }
}

/// Auth0-style user id: `auth0|<24 hex>` or `google-oauth2|<21 digits>`.
fn id_for(connection: Connection, n: u64) -> String {
    let a = ids::mix(TAG ^ n);
    let b = ids::mix(a);
    match connection {
        Connection::Password => format!("auth0|{:08x}{b:016x}", a >> 32),
        Connection::Google => format!("google-oauth2|1{b:020}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_seed_has_members_and_one_pending_invitation() {
        let state = State::new(Seed::Demo);
        let me = state.me().unwrap();
        assert_eq!(me.email, demo::OWNER_EMAIL);
        assert!(me.id.starts_with("auth0|") && me.id.len() == 30);
        assert_eq!(state.invitations().len(), 1);
        assert!(
            state
                .members()
                .iter()
                .all(|m| m.email != "mary@acme.example")
        );
        let alan = state
            .members()
            .iter()
            .find(|m| m.email == demo::LEAVER_EMAIL)
            .unwrap();
        assert!(alan.id.starts_with("google-oauth2|1") && alan.id.len() == 35);
    }

    #[test]
    fn accepting_an_invitation_creates_the_member_with_its_roles() {
        let mut state = State::new(Seed::Demo);
        let id = state.accept("MARY@acme.example").unwrap();
        let mary = state.get(&id).unwrap();
        assert_eq!(mary.roles, vec!["analyst".to_owned()]);
        assert_eq!(mary.connection, Connection::Google);
        assert!(state.invitations().is_empty());
        assert_eq!(state.accept("mary@acme.example"), None);
    }

    #[test]
    fn password_resets_only_for_password_accounts() {
        let mut state = State::new(Seed::Demo);
        let me = state.me().unwrap().id.clone();
        state.reset_password(&me).unwrap();
        assert_eq!(state.get(&me).unwrap().password_resets, 1);
        let alan = state
            .members()
            .iter()
            .find(|m| m.email == demo::LEAVER_EMAIL)
            .unwrap()
            .id
            .clone();
        assert!(matches!(
            state.reset_password(&alan),
            Err(Failure::BadRequest(_))
        ));
    }
}
