//! Paradime: the GraphQL client re-exported, its users as a stream, and the directory
//! adapter (disable to remove; account types map to access levels).

pub use usermgmt_paradime::*;

use futures::stream::{self, BoxStream, StreamExt};
use usermgmt_runtime::Provider;

use super::receipt::Receipt;
use crate::{AccessLevel, Invite, Snapshot, Status, User, roles};

const PARADIME: Provider = Provider::Paradime;

/// A Paradime user: an active account or a pending invitation.
#[derive(Debug, Clone, PartialEq)]
pub enum Member {
    /// A signed-up user.
    Active(ActiveUser),
    /// An invitation (no uid yet).
    Invited(InvitedUser),
}

/// Lists as methods on the [`Client`]: `client.users()` builds a listing,
/// `.stream()` runs it. A trait because the client is defined in another crate.
pub trait ClientExt {
    /// Every Paradime user, as a [`UsersRequest`] to narrow and then
    /// [`stream`](UsersRequest::stream).
    ///
    /// ```no_run
    /// # async fn demo(client: usermgmt::paradime::Client) -> Result<(), usermgmt::Error> {
    /// use futures::TryStreamExt;
    /// use usermgmt::paradime::ClientExt;
    ///
    /// let first_ten: Vec<_> = client.users().limit(10).stream().try_collect().await?;
    /// # Ok(()) }
    /// ```
    fn users(&self) -> UsersRequest;
}

impl ClientExt for Client {
    fn users(&self) -> UsersRequest {
        UsersRequest {
            client: self.clone(),
            limit: None,
        }
    }
}

/// A listing of Paradime users, built by [`ClientExt::users`]. Every setting is optional:
/// by default it yields every user. The API answers with one unpaginated list, so there
/// is no page size.
#[derive(Debug, Clone)]
#[must_use = "a listing does nothing until `.stream()` is polled"]
pub struct UsersRequest {
    client: Client,
    limit: Option<u64>,
}

impl UsersRequest {
    /// Yield at most this many users.
    pub fn limit(mut self, limit: u64) -> Self {
        self.limit = Some(limit);
        self
    }

    /// The users as a lazy stream; nothing is requested until it is polled.
    pub fn stream(self) -> BoxStream<'static, Result<Member, crate::Error>> {
        let limit = self
            .limit
            .map_or(usize::MAX, |l| usize::try_from(l).unwrap_or(usize::MAX));
        users(&self.client).take(limit).boxed()
    }
}

/// Every Paradime user, active first, then invitations, as a stream (the API answers
/// with one unpaginated list).
/// [`ClientExt::users`] is the same listing as a method.
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

pub(crate) async fn disable(client: &Client, uid: &str) -> Result<Receipt, crate::Error> {
    client.disable_user(uid).await?;
    Ok(graphql_receipt())
}

/// Give the member `uid` the account type exactly as Paradime names it.
pub(crate) async fn set_account_type(
    client: &Client,
    uid: &str,
    account_type: &str,
) -> Result<Receipt, crate::Error> {
    client
        .update_user_account_type(uid, UserAccountType::from_wire(account_type))
        .await?;
    Ok(graphql_receipt())
}

/// Invite `email` with the account type exactly as Paradime names it.
pub(crate) async fn invite_as(
    client: &Client,
    email: &str,
    account_type: &str,
) -> Result<Receipt, crate::Error> {
    client
        .invite_user(email, UserAccountType::from_wire(account_type))
        .await?;
    Ok(graphql_receipt())
}

/// GraphQL answers 200 whenever it answers; the client keeps no headers.
fn graphql_receipt() -> Receipt {
    Receipt {
        status: Some(200),
        request_id: None,
    }
}

/// A Paradime member as a plan's before-state.
pub(crate) fn to_snapshot(member: Member) -> Snapshot {
    let record = match &member {
        Member::Active(user) => serde_json::to_value(user),
        Member::Invited(invite) => serde_json::to_value(invite),
    }
    .unwrap_or_default();
    Snapshot {
        record,
        user: to_user(member),
    }
}
