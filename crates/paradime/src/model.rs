//! The plain types [`Client`](crate::Client)'s methods return. Hand-written rather than
//! re-exported from the generated code so that their names (`ActiveUser`, not
//! `ListUsersListUsersActiveUsers`) and docs do not change when an operation is edited.

use serde::Serialize;

use crate::operations::{list_users, list_workspaces};
use crate::{InviteStatus, UserAccountType};

/// Everyone in the workspace: users who signed up, and open or expired invitations.
/// Paradime returns both lists whole (there is no pagination).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Users {
    /// Users who signed up and can log in.
    pub active: Vec<ActiveUser>,
    /// Invitations not accepted (yet); they have no uid.
    pub invited: Vec<InvitedUser>,
}

/// A user who signed up and can log in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActiveUser {
    /// The user id, a 64-character hex string; what
    /// [`update_user_account_type`](crate::Client::update_user_account_type) and
    /// [`disable_user`](crate::Client::disable_user) take.
    pub uid: String,
    /// The login email.
    pub email: String,
    /// The display name.
    pub name: String,
    /// The user's role.
    pub account_type: UserAccountType,
}

/// An invitation that has not been accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvitedUser {
    /// The invited email.
    pub email: String,
    /// The role the user will get.
    pub account_type: UserAccountType,
    /// Whether the invitation can still be accepted.
    pub invite_status: InviteStatus,
}

/// A workspace of the company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Workspace {
    /// The workspace id (what `X-Paradime-Workspace` takes with a company token).
    pub uid: String,
    /// The workspace name.
    pub name: String,
}

impl From<list_users::ListUsersListUsers> for Users {
    fn from(payload: list_users::ListUsersListUsers) -> Self {
        Self {
            active: payload.active_users.into_iter().map(Into::into).collect(),
            invited: payload.invited_users.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<list_users::ListUsersListUsersActiveUsers> for ActiveUser {
    fn from(user: list_users::ListUsersListUsersActiveUsers) -> Self {
        Self {
            uid: user.uid,
            email: user.email,
            name: user.name,
            account_type: user.account_type,
        }
    }
}

impl From<list_users::ListUsersListUsersInvitedUsers> for InvitedUser {
    fn from(user: list_users::ListUsersListUsersInvitedUsers) -> Self {
        Self {
            email: user.email,
            account_type: user.account_type,
            invite_status: user.invite_status,
        }
    }
}

impl From<list_workspaces::ListWorkspacesListWorkspacesWorkspaces> for Workspace {
    fn from(workspace: list_workspaces::ListWorkspacesListWorkspacesWorkspaces) -> Self {
        Self {
            uid: workspace.uid,
            name: workspace.name,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn users_convert_from_the_generated_payload_field_by_field() {
        let payload = list_users::ListUsersListUsers {
            ok: true,
            active_users: vec![list_users::ListUsersListUsersActiveUsers {
                uid: "ab".repeat(32),
                email: "matt@acme.io".into(),
                name: "Matt McDonald".into(),
                account_type: UserAccountType::Developer,
            }],
            invited_users: vec![list_users::ListUsersListUsersInvitedUsers {
                email: "max@acme.io".into(),
                account_type: UserAccountType::Admin,
                invite_status: InviteStatus::Expired,
            }],
        };
        let users = Users::from(payload);
        assert_eq!(users.active[0].uid, "ab".repeat(32));
        assert_eq!(users.active[0].name, "Matt McDonald");
        assert_eq!(users.active[0].account_type, UserAccountType::Developer);
        assert_eq!(users.invited[0].email, "max@acme.io");
        assert_eq!(users.invited[0].invite_status, InviteStatus::Expired);
    }

    #[test]
    fn serialised_users_keep_the_wire_enum_values() {
        let users = Users {
            active: vec![],
            invited: vec![InvitedUser {
                email: "max@acme.io".into(),
                account_type: UserAccountType::Other("SUPER_ADMIN".into()),
                invite_status: InviteStatus::Sent,
            }],
        };
        assert_eq!(
            serde_json::to_value(&users).unwrap(),
            json!({"active": [], "invited": [
                {"email": "max@acme.io", "account_type": "SUPER_ADMIN", "invite_status": "SENT"}
            ]})
        );
    }
}
