//! Paradime: the GraphQL client re-exported, its users as a stream, and the directory
//! adapter (disable to remove; account types map to access levels).

pub use usermgmt_paradime::*;

use futures::stream::{self, BoxStream, StreamExt};
use usermgmt_runtime::Provider;

use crate::{AccessLevel, Invite, Status, User, roles};

const PARADIME: Provider = Provider::Paradime;

/// A Paradime user: an active account or a pending invitation.
#[derive(Debug, Clone, PartialEq)]
pub enum Member {
    /// A signed-up user.
    Active(ActiveUser),
    /// An invitation (no uid yet).
    Invited(InvitedUser),
}

/// Every Paradime user, active first, then invitations, as a stream (the API answers
/// with one unpaginated list).
pub fn users(client: &Client) -> BoxStream<'static, Result<Member, crate::Error>> {
    let client = client.clone();
    stream::once(async move { client.list_users().await })
        .map(|result| match result {
            Ok(users) => {
                let active = users.active.into_iter().map(Member::Active);
                let invited = users.invited.into_iter().map(Member::Invited);
                stream::iter(active.chain(invited).map(Ok)).left_stream()
            }
            Err(error) => stream::iter([Err(error)]).right_stream(),
        })
        .flatten()
        .boxed()
}

/// A Paradime member in the directory's shape.
pub(crate) fn to_user(member: Member) -> User {
    match member {
        Member::Active(user) => User {
            provider: PARADIME,
            access: roles::paradime_level(user.account_type.as_str()),
            roles: vec![user.account_type.as_str().to_string()],
            id: Some(user.uid),
            email: Some(user.email),
            name: Some(user.name),
            status: Status::Active,
        },
        Member::Invited(invite) => User {
            provider: PARADIME,
            access: roles::paradime_level(invite.account_type.as_str()),
            roles: vec![invite.account_type.as_str().to_string()],
            id: None,
            email: Some(invite.email),
            name: None,
            status: Status::Invited,
        },
    }
}

fn account_type(level: AccessLevel) -> Result<UserAccountType, crate::Error> {
    let wire = roles::paradime_account_type(level)?;
    wire.parse().map_err(|_| crate::Error::InvalidInput {
        provider: Some(PARADIME),
        message: format!("unknown account type {wire}"),
    })
}

pub(crate) async fn invite(client: &Client, invite: &Invite) -> Result<(), crate::Error> {
    client
        .invite_user(invite.person.email().as_str(), account_type(invite.access)?)
        .await
}

pub(crate) async fn change_role(
    client: &Client,
    uid: &str,
    level: AccessLevel,
) -> Result<(), crate::Error> {
    client
        .update_user_account_type(uid, account_type(level)?)
        .await
}

pub(crate) async fn disable(client: &Client, uid: &str) -> Result<(), crate::Error> {
    client.disable_user(uid).await
}
