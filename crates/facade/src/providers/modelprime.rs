//! Model-Prime: the generated client re-exported, its users as a paginated stream
//! (`page_number`/`page_size` up to 100, total from `count`), and the directory adapter.

pub use usermgmt_modelprime::*;

use futures::stream::BoxStream;
use usermgmt_runtime::Provider;

use super::call;
use super::receipt::{self, Receipt};
use crate::paginate::{Page, PageOptions, paginate};
use crate::{AccessLevel, Invite, Snapshot, Status, User, roles};

const MODELPRIME: Provider = Provider::ModelPrime;

/// The API's maximum page size (larger values are treated as 100 by the server).
pub const MAX_PAGE_SIZE: u64 = 100;

/// Lists as methods on the generated [`Client`]: `client.users()` builds a listing,
/// `.stream()` runs it. A trait because the client is generated in another crate.
pub trait ClientExt {
    /// Every Model-Prime user, as a [`UsersRequest`] to narrow and then
    /// [`stream`](UsersRequest::stream).
    ///
    /// ```no_run
    /// # async fn demo(client: usermgmt::modelprime::Client) -> Result<(), usermgmt::Error> {
    /// use futures::TryStreamExt;
    /// use usermgmt::modelprime::ClientExt;
    ///
    /// let adas: Vec<_> = client.users().name_search("ada").limit(50).stream().try_collect().await?;
    /// # Ok(()) }
    /// ```
    fn users(&self) -> UsersRequest;
}

impl ClientExt for Client {
    fn users(&self) -> UsersRequest {
        UsersRequest {
            client: self.clone(),
            options: PageOptions::default(),
            name_search: None,
        }
    }
}

/// A listing of Model-Prime users, built by [`ClientExt::users`]. Every setting is
/// optional: by default it walks every page at the API's maximum page size.
#[derive(Debug, Clone)]
#[must_use = "a listing does nothing until `.stream()` is polled"]
pub struct UsersRequest {
    client: Client,
    options: PageOptions,
    name_search: Option<String>,
}

impl UsersRequest {
    /// Users per request, clamped to [`MAX_PAGE_SIZE`]. Default: the maximum.
    pub fn page_size(mut self, size: u64) -> Self {
        self.options = self.options.page_size(size);
        self
    }

    /// Stop after this many users (no further pages are requested).
    pub fn limit(mut self, limit: u64) -> Self {
        self.options = self.options.limit(limit);
        self
    }

    /// Every [`PageOptions`] knob at once (concurrency, start page, ...).
    pub fn page_options(mut self, options: PageOptions) -> Self {
        self.options = options;
        self
    }

    /// Only users whose name matches (letters and spaces, at least 3).
    pub fn name_search(mut self, search: impl Into<String>) -> Self {
        self.name_search = Some(search.into());
        self
    }

    /// The users as a lazy stream; nothing is requested until it is polled.
    pub fn stream(self) -> BoxStream<'static, Result<types::UserSummary, crate::Error>> {
        users(&self.client, self.options, self.name_search.as_deref())
    }
}

/// Every Model-Prime user as a lazy stream, optionally filtered by `name_search`
/// (letters and spaces, at least 3); pages after the first are fetched concurrently.
/// [`ClientExt::users`] is the same listing as a method.
///
/// ```no_run
/// # async fn demo(client: usermgmt::modelprime::Client) -> Result<(), usermgmt::Error> {
/// use futures::TryStreamExt;
/// use usermgmt::paginate::PageOptions;
/// let adas: Vec<_> = usermgmt::modelprime::users(&client, PageOptions::default(), Some("ada"))
///     .try_collect()
///     .await?;
/// # Ok(()) }
/// ```
pub fn users(
    client: &Client,
    options: PageOptions,
    name_search: Option<&str>,
) -> BoxStream<'static, Result<types::UserSummary, crate::Error>> {
    let client = client.clone();
    let name_search = name_search.map(str::to_string);
    let fetch = move |page: u64, size: u64| {
        let client = client.clone();
        let name_search = name_search.clone();
        async move {
            let mut request = client.list_users().page_number(page).page_size(size);
            if let Some(search) = name_search {
                request = request.name_search(search);
            }
            let list = call(MODELPRIME, "list_users", request.send()).await?;
            Ok(Page {
                total: u64::try_from(list.count).ok(),
                items: list.items,
            })
        }
    };
    paginate(fetch, options, MAX_PAGE_SIZE)
}

/// A listed Model-Prime user in the directory's shape (the list has no roles).
pub(crate) fn summary_to_user(user: types::UserSummary) -> User {
    User {
        provider: MODELPRIME,
        id: Some(user.id),
        email: Some(user.email),
        name: Some(user.name),
        roles: Vec::new(),
        access: AccessLevel::Unknown,
        status: Status::Active,
    }
}

/// A Model-Prime user fetched by id, roles included.
pub(crate) fn to_user(user: types::User) -> User {
    let roles: Vec<String> = user.roles.iter().map(|r| r.as_str().to_string()).collect();
    User {
        provider: MODELPRIME,
        access: roles::modelprime_level(roles.iter().map(String::as_str)),
        roles,
        id: Some(user.id),
        email: Some(user.email),
        name: Some(user.name),
        status: Status::Active,
    }
}

pub(crate) async fn get(client: &Client, id: &str) -> Result<User, crate::Error> {
    get_snapshot(client, id).await.map(|s| s.user)
}

/// A Model-Prime user fetched by id (roles included) as a plan's before-state.
pub(crate) async fn get_snapshot(client: &Client, id: &str) -> Result<Snapshot, crate::Error> {
    let user = call(MODELPRIME, "get_user", client.get_user().id(id).send()).await?;
    Ok(Snapshot {
        record: serde_json::to_value(&user).unwrap_or_default(),
        user: to_user(user),
    })
}

/// Invite `email` with exactly `roles` (Google sign-in, the API's default).
pub(crate) async fn invite_with_roles(
    client: &Client,
    email: &str,
    name: &str,
    roles: &[String],
) -> Result<Receipt, crate::Error> {
    let roles: Vec<PermissionRole> = roles.iter().map(|r| PermissionRole::from_wire(r)).collect();
    let request = client.invite_user().body_map(|b| {
        b.email(email)
            .name(name)
            .roles(roles)
            .connection(Some(types::ConnectionTypeInner::GoogleOauth2))
    });
    Ok(receipt::send(MODELPRIME, "invite_user", request.send())
        .await?
        .1)
}

pub(crate) async fn invite(client: &Client, invite: &Invite) -> Result<(), crate::Error> {
    let role = PermissionRole::from_wire(roles::modelprime_role(invite.access)?);
    let name = super::name_or_email(invite.name.as_deref(), invite.person.email().as_str());
    let request = client.invite_user().body_map(|b| {
        b.email(invite.person.email().to_string())
            .name(name)
            .roles(vec![role])
            .connection(Some(types::ConnectionTypeInner::GoogleOauth2))
    });
    call(MODELPRIME, "invite_user", request.send()).await
}

pub(crate) async fn change_role(
    client: &Client,
    id: &str,
    level: AccessLevel,
) -> Result<(), crate::Error> {
    let role = PermissionRole::from_wire(roles::modelprime_role(level)?);
    let request = client.replace_user_roles().id(id).body(vec![role]);
    call(MODELPRIME, "replace_user_roles", request.send()).await
}

/// Give the user `id` exactly `roles`.
pub(crate) async fn set_roles(
    client: &Client,
    id: &str,
    roles: &[String],
) -> Result<Receipt, crate::Error> {
    let roles: Vec<PermissionRole> = roles.iter().map(|r| PermissionRole::from_wire(r)).collect();
    let request = client.replace_user_roles().id(id).body(roles);
    Ok(
        receipt::send(MODELPRIME, "replace_user_roles", request.send())
            .await?
            .1,
    )
}

pub(crate) async fn remove(client: &Client, id: &str) -> Result<Receipt, crate::Error> {
    let request = client.remove_user().id(id).send();
    Ok(receipt::send(MODELPRIME, "remove_user", request).await?.1)
}
