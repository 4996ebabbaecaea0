//! Axiom: the generated client re-exported, its users as a stream, and the directory
//! adapter (unpaginated list; delete to remove; built-in roles map to access levels).

pub use usermgmt_axiom::*;

use futures::stream::{self, BoxStream, StreamExt};
use usermgmt_runtime::Provider;

use super::call;
use super::receipt::{self, Receipt};
use crate::{AccessLevel, Invite, Snapshot, Status, User, roles};

const AXIOM: Provider = Provider::Axiom;

/// Every Axiom user, as a stream (the API answers with one unpaginated list).
///
/// ```no_run
/// # async fn demo(client: usermgmt::axiom::Client) -> Result<(), usermgmt::Error> {
/// use futures::TryStreamExt;
/// let users: Vec<_> = usermgmt::axiom::users(&client).try_collect().await?;
/// # Ok(()) }
/// ```
pub fn users(client: &Client) -> BoxStream<'static, Result<types::User, crate::Error>> {
    let client = client.clone();
    stream::once(async move { call(AXIOM, "list_users", client.list_users().send()).await })
        .map(|page| match page {
            Ok(users) => stream::iter(users.into_iter().map(Ok)).left_stream(),
            Err(error) => stream::iter([Err(error)]).right_stream(),
        })
        .flatten()
        .boxed()
}

/// An Axiom user in the directory's shape.
pub(crate) fn to_user(user: types::User) -> User {
    User {
        provider: AXIOM,
        access: roles::axiom_level(&user.role.id),
        roles: vec![user.role.id],
        id: Some(user.id),
        email: Some(user.email),
        name: Some(user.name),
        status: Status::Active,
    }
}

pub(crate) async fn invite(client: &Client, invite: &Invite) -> Result<(), crate::Error> {
    let role = roles::axiom_role(invite.access)?;
    let name = super::name_or_email(invite.name.as_deref(), invite.person.email().as_str());
    let request = client.create_user().body_map(|b| {
        b.name(name)
            .email(invite.person.email().to_string())
            .role(role)
    });
    call(AXIOM, "create_user", request.send()).await.map(drop)
}

pub(crate) async fn change_role(
    client: &Client,
    id: &str,
    level: AccessLevel,
) -> Result<(), crate::Error> {
    let role = roles::axiom_role(level)?;
    let request = client.update_user_role().id(id).body_map(|b| b.role(role));
    call(AXIOM, "update_user_role", request.send())
        .await
        .map(drop)
}

pub(crate) async fn remove(client: &Client, id: &str) -> Result<Receipt, crate::Error> {
    let request = client.delete_user().id(id).send();
    Ok(receipt::send(AXIOM, "delete_user", request).await?.1)
}

/// An Axiom user as a plan's before-state.
pub(crate) fn to_snapshot(user: types::User) -> Snapshot {
    Snapshot {
        record: serde_json::to_value(&user).unwrap_or_default(),
        user: to_user(user),
    }
}

/// Create `email` with the role id `role` (built-in or custom).
pub(crate) async fn create(
    client: &Client,
    email: &str,
    name: &str,
    role: &str,
) -> Result<Receipt, crate::Error> {
    let request = client
        .create_user()
        .body_map(|b| b.name(name).email(email).role(role));
    Ok(receipt::send(AXIOM, "create_user", request.send()).await?.1)
}
