//! Resolvers: root fields to [`Node`]s that borrow the state, and each object type's
//! fields. The executor asks only for the fields a query selects, so listing 100,000
//! users builds nothing that is not sent.

use serde_json::{Map, Value};

use super::introspect::Meta;
use super::state::{Invitation, Member, State};

/// A resolved value, borrowed from the state where possible.
pub(super) enum Node<'s> {
    /// `null`.
    Null,
    /// A Boolean.
    Bool(bool),
    /// A string or enum value.
    Str(&'s str),
    /// A string built for the answer (an introspected default value).
    Owned(String),
    /// A list.
    List(Vec<Node<'s>>),
    /// An object whose fields resolve on demand.
    Object(Obj<'s>),
}

/// The schema's object types, each over the state it reads.
pub(super) enum Obj<'s> {
    /// `ListUsersPayload`.
    ListUsers(&'s State),
    /// `ListWorkspacesPayload`.
    ListWorkspaces(&'s State),
    /// `ActiveUser`.
    ActiveUser(&'s Member),
    /// `InvitedUser`.
    InvitedUser(&'s Invitation),
    /// `Workspace` (uid, name).
    Workspace(&'s (String, String)),
    /// The three mutation payloads: `{ok}`.
    Ok(bool),
    /// An introspection object (`__Schema`, `__Type`, ...).
    Meta(Meta),
}

impl<'s> Obj<'s> {
    /// Field `name` of this object with its coerced arguments (`Null` for fields it does
    /// not have; the executor has already checked the query against the schema).
    pub(super) fn field(&self, name: &str, args: &Map<String, Value>) -> Node<'s> {
        match (self, name) {
            (Obj::Meta(meta), _) => meta.field(name, args),
            (Obj::ListUsers(_) | Obj::ListWorkspaces(_), "ok") => Node::Bool(true),
            (Obj::Ok(ok), "ok") => Node::Bool(*ok),
            (Obj::ListUsers(state), "activeUsers") => Node::List(
                state
                    .active_members()
                    .map(|m| Node::Object(Obj::ActiveUser(m)))
                    .collect(),
            ),
            (Obj::ListUsers(state), "invitedUsers") => Node::List(
                state
                    .invitations()
                    .iter()
                    .map(|i| Node::Object(Obj::InvitedUser(i)))
                    .collect(),
            ),
            (Obj::ListWorkspaces(state), "workspaces") => Node::List(
                state
                    .workspaces()
                    .iter()
                    .map(|w| Node::Object(Obj::Workspace(w)))
                    .collect(),
            ),
            (Obj::ActiveUser(m), "uid") => Node::Str(&m.uid),
            (Obj::ActiveUser(m), "email") => Node::Str(&m.email),
            (Obj::ActiveUser(m), "name") => Node::Str(&m.name),
            (Obj::ActiveUser(m), "accountType") => Node::Str(&m.account_type),
            (Obj::InvitedUser(i), "email") => Node::Str(&i.email),
            (Obj::InvitedUser(i), "accountType") => Node::Str(&i.account_type),
            (Obj::InvitedUser(i), "inviteStatus") => Node::Str(&i.invite_status),
            (Obj::Workspace((uid, _)), "uid") => Node::Str(uid),
            (Obj::Workspace((_, name)), "name") => Node::Str(name),
            _ => Node::Null,
        }
    }
}

/// A query root field.
pub(super) fn query<'s>(state: &'s State, field: &str) -> Node<'s> {
    match field {
        "listUsers" => Node::Object(Obj::ListUsers(state)),
        "listWorkspaces" => Node::Object(Obj::ListWorkspaces(state)),
        _ => Node::Null,
    }
}

/// A mutation root field with its coerced arguments: changes the state, answers `{ok}`.
pub(super) fn mutate(state: &mut State, field: &str, args: &Map<String, Value>) -> Node<'static> {
    let arg = |name: &str| args.get(name).and_then(Value::as_str).unwrap_or_default();
    let ok = match field {
        "inviteUser" => state.invite(arg("email"), arg("accountType")),
        "updateUserAccountType" => state.update_account_type(arg("uid"), arg("accountType")),
        "disableUser" => state.disable(arg("uid")),
        _ => return Node::Null,
    };
    Node::Object(Obj::Ok(ok))
}
