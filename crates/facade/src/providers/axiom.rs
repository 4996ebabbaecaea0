//! Axiom: the generated client re-exported, its users as a stream (custom role names
//! resolved through the role listing), and the directory adapter (unpaginated list;
//! delete to remove; built-in roles map to access levels).

pub use usermgmt_axiom::*;

use std::collections::HashMap;

use futures::stream::{self, BoxStream, StreamExt};
use usermgmt_runtime::Provider;

use super::call;
use super::receipt::{self, Receipt};
use crate::{AccessLevel, Invite, Snapshot, Status, User, roles};

const AXIOM: Provider = Provider::Axiom;

/// Lists as methods on the generated [`Client`]: `client.users()` builds a listing,
/// `.stream()` runs it. A trait because the client is defined in another crate.
pub trait ClientExt {
    /// Every Axiom user, as a [`UsersRequest`] to narrow and then
    /// [`stream`](UsersRequest::stream).
    ///
    /// ```no_run
    /// # async fn demo(client: usermgmt::axiom::Client) -> Result<(), usermgmt::Error> {
    /// use futures::TryStreamExt;
    /// use usermgmt::axiom::ClientExt;
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

/// A listing of Axiom users, built by [`ClientExt::users`]. Every setting is optional:
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
    pub fn stream(self) -> BoxStream<'static, Result<types::User, crate::Error>> {
        let limit = self
            .limit
            .map_or(usize::MAX, |l| usize::try_from(l).unwrap_or(usize::MAX));
        users(&self.client).take(limit).boxed()
    }
}

/// Every Axiom user, as a stream (the API answers with one unpaginated list).
/// [`ClientExt::users`] is the same listing as a method.
///
/// A user object carries its role's id; a custom role's name comes only from the role
/// listing, so when any listed user has a custom role, `GET /rbac/roles` is read once
/// (one extra request per listing, never per user) and `role.name` is set from it. If
/// the role listing fails (a token without the `rbac|read` permission), the users are
/// still listed with the names as the users listing gave them.
///
/// ```no_run
/// # async fn demo(client: usermgmt::axiom::Client) -> Result<(), usermgmt::Error> {
/// use futures::TryStreamExt;
/// let users: Vec<_> = usermgmt::axiom::users(&client).try_collect().await?;
/// # Ok(()) }
/// ```
pub fn users(client: &Client) -> BoxStream<'static, Result<types::User, crate::Error>> {
    let client = client.clone();
    stream::once(async move {
        // Users first: if they fail, the role listing is not worth a request.
        let mut users = call(AXIOM, "list_users", client.list_users().send()).await?;
        if users.iter().any(|u| !roles::axiom_is_built_in(&u.role.id)) {
            let names = role_names(&client).await;
            name_custom_roles(&mut users, &names);
        }
        Ok::<_, crate::Error>(users)
    })
    .map(|page| match page {
        Ok(users) => stream::iter(users.into_iter().map(Ok)).left_stream(),
        Err(error) => stream::iter([Err(error)]).right_stream(),
    })
    .flatten()
    .boxed()
}

/// Role id to role name from one `GET /rbac/roles`; empty (and logged) if that fails.
async fn role_names(client: &Client) -> HashMap<String, String> {
    match call(AXIOM, "list_roles", client.list_roles().send()).await {
        Ok(roles) => roles.into_iter().map(|r| (r.id, r.name)).collect(),
        Err(error) => {
            tracing::warn!(%error, "Axiom role listing failed: custom roles keep their ids");
            HashMap::new()
        }
    }
}

/// Sets the name of every custom role the listing knows.
fn name_custom_roles(users: &mut [types::User], names: &HashMap<String, String>) {
    for user in users {
        if let Some(name) = names.get(&user.role.id) {
            user.role.name = name.clone();
        }
    }
}

/// An Axiom user in the directory's shape: a built-in role by its id (the value requests
/// send), a custom role by its name (resolved by [`users`]; its id where unresolved).
pub(crate) fn to_user(user: types::User) -> User {
    let role = if roles::axiom_is_built_in(&user.role.id) || user.role.name.trim().is_empty() {
        user.role.id.clone()
    } else {
        user.role.name
    };
    User {
        provider: AXIOM,
        access: roles::axiom_level(&user.role.id),
        roles: vec![role],
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

/// Give the user `id` exactly the role id `role` (built-in or custom).
pub(crate) async fn set_role(
    client: &Client,
    id: &str,
    role: &str,
) -> Result<Receipt, crate::Error> {
    let request = client.update_user_role().id(id).body_map(|b| b.role(role));
    Ok(receipt::send(AXIOM, "update_user_role", request.send())
        .await?
        .1)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::AccessLevel;

    fn user(role_id: &str, role_name: &str) -> types::User {
        types::User {
            email: "e@acme.example".into(),
            id: "u1".into(),
            name: "E".into(),
            role: types::Role {
                id: role_id.into(),
                name: role_name.into(),
            },
        }
    }

    #[test]
    fn custom_roles_take_the_listing_name_and_built_ins_keep_their_id() {
        let names = HashMap::from([("r-7".to_string(), "Data Steward".to_string())]);
        let mut users = vec![
            user("r-7", "r-7"),
            user("admin", "Administrator"),
            user("r-9", "r-9"),
        ];
        name_custom_roles(&mut users, &names);
        let unified: Vec<User> = users.into_iter().map(to_user).collect();
        assert_eq!(unified[0].roles, ["Data Steward"]);
        assert_eq!(unified[0].access, AccessLevel::Unknown);
        assert_eq!(
            unified[1].roles,
            ["admin"],
            "built-ins by the id requests send"
        );
        assert_eq!(unified[1].access, AccessLevel::Admin);
        assert_eq!(unified[2].roles, ["r-9"], "unknown to the listing: the id");
    }

    #[test]
    fn a_blank_custom_role_name_falls_back_to_the_id() {
        assert_eq!(to_user(user("r-7", " ")).roles, ["r-7"]);
    }
}
