//! Adverity: the generated client re-exported, its users as a paginated stream
//! (`page`/`page_size`, total from `count`), and the directory adapter.

pub use usermgmt_adverity::*;

use futures::stream::BoxStream;
use usermgmt_runtime::Provider;

use super::call;
use super::receipt::{self, Receipt};
use crate::paginate::{Page, PageOptions, paginate};
use crate::{AccessLevel, Invite, Snapshot, Status, User};

const ADVERITY: Provider = Provider::Adverity;

/// The largest page this stream asks for. Adverity documents no maximum; 100 keeps
/// pages small enough to retry cheaply (inferred, like DRF's usual `max_page_size`).
pub const MAX_PAGE_SIZE: u64 = 100;

/// Lists as methods on the generated [`Client`]: `client.users()` builds a listing,
/// `.stream()` runs it. A trait because the client is generated in another crate.
pub trait ClientExt {
    /// Every Adverity user, as a [`UsersRequest`] to narrow and then
    /// [`stream`](UsersRequest::stream).
    ///
    /// ```no_run
    /// # async fn demo(client: usermgmt::adverity::Client) -> Result<(), usermgmt::Error> {
    /// use futures::TryStreamExt;
    /// use usermgmt::adverity::ClientExt;
    ///
    /// let first_200: Vec<_> = client.users().page_size(50).limit(200).stream().try_collect().await?;
    /// # Ok(()) }
    /// ```
    fn users(&self) -> UsersRequest;
}

impl ClientExt for Client {
    fn users(&self) -> UsersRequest {
        UsersRequest {
            client: self.clone(),
            options: PageOptions::default(),
        }
    }
}

/// A listing of Adverity users, built by [`ClientExt::users`]. Every setting is
/// optional: by default it walks every page at [`MAX_PAGE_SIZE`].
#[derive(Debug, Clone)]
#[must_use = "a listing does nothing until `.stream()` is polled"]
pub struct UsersRequest {
    client: Client,
    options: PageOptions,
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

    /// The users as a lazy stream; nothing is requested until it is polled.
    pub fn stream(self) -> BoxStream<'static, Result<types::User, crate::Error>> {
        users(&self.client, self.options)
    }
}

/// Every Adverity user as a lazy stream; pages after the first are fetched
/// concurrently because the first page tells the total (`count`).
/// [`ClientExt::users`] is the same listing as a method.
///
/// ```no_run
/// # async fn demo(client: usermgmt::adverity::Client) -> Result<(), usermgmt::Error> {
/// use futures::TryStreamExt;
/// use usermgmt::paginate::PageOptions;
/// let first_200: Vec<_> =
///     usermgmt::adverity::users(&client, PageOptions::default().limit(200)).try_collect().await?;
/// # Ok(()) }
/// ```
pub fn users(
    client: &Client,
    options: PageOptions,
) -> BoxStream<'static, Result<types::User, crate::Error>> {
    let client = client.clone();
    let fetch = move |page: u64, size: u64| {
        let client = client.clone();
        async move {
            let request = client.list_users().page(page).page_size(size);
            let list = call(ADVERITY, "list_users", request.send()).await?;
            Ok(Page {
                total: u64::try_from(list.count).ok(),
                items: list.results,
            })
        }
    };
    paginate(fetch, options, MAX_PAGE_SIZE)
}

/// An Adverity user in the directory's shape. Adverity grants access through groups,
/// which the API names only by id: the access level is unknown.
pub(crate) fn to_user(user: types::User) -> User {
    let name = format!("{} {}", user.first_name, user.last_name)
        .trim()
        .to_string();
    User {
        provider: ADVERITY,
        id: Some(user.id.to_string()),
        email: Some(user.email),
        name: (!name.is_empty()).then_some(name),
        roles: user.groups.iter().map(|g| format!("group:{g}")).collect(),
        access: AccessLevel::Unknown,
        status: if user.active {
            Status::Active
        } else {
            Status::Disabled
        },
    }
}

pub(crate) async fn invite(client: &Client, invite: &Invite) -> Result<(), crate::Error> {
    if invite.access != AccessLevel::Unknown {
        return Err(crate::Error::InvalidInput {
            provider: Some(ADVERITY),
            message: "Adverity grants access through groups, not access levels: invite with \
                      AccessLevel::Unknown, then set the user's groups with update_user"
                .into(),
        });
    }
    let name = super::name_or_email(invite.name.as_deref(), invite.person.email().as_str());
    let (first, last) = super::split_name(&name);
    // The generated builder needs every field of the body: no groups or workspaces, active.
    let request = client.create_user().body_map(|b| {
        b.email(invite.person.email().to_string())
            .first_name(first)
            .last_name(last)
            .groups(Vec::<i64>::new())
            .workspaces(Vec::<i64>::new())
            .active(true)
    });
    call(ADVERITY, "create_user", request.send())
        .await
        .map(drop)
}

pub(crate) async fn remove(client: &Client, id: &str) -> Result<Receipt, crate::Error> {
    let id: i64 = id.parse().map_err(|_| crate::Error::InvalidInput {
        provider: Some(ADVERITY),
        message: format!("Adverity user ids are numbers, not {id:?}"),
    })?;
    let request = client.delete_user().id(id).send();
    Ok(receipt::send(ADVERITY, "delete_user", request).await?.1)
}

/// An Adverity user as a plan's before-state (names, groups and workspaces kept).
pub(crate) fn to_snapshot(user: types::User) -> Snapshot {
    Snapshot {
        record: serde_json::to_value(&user).unwrap_or_default(),
        user: to_user(user),
    }
}

/// Give the user `id` exactly these groups and workspaces (nothing else is sent).
pub(crate) async fn set_groups(
    client: &Client,
    id: &str,
    groups: &[i64],
    workspaces: &[i64],
) -> Result<Receipt, crate::Error> {
    let id: i64 = id.parse().map_err(|_| crate::Error::InvalidInput {
        provider: Some(ADVERITY),
        message: format!("Adverity user ids are numbers, not {id:?}"),
    })?;
    let request = client.update_user().id(id).body_map(|b| {
        b.groups(Some(groups.to_vec()))
            .workspaces(Some(workspaces.to_vec()))
    });
    Ok(receipt::send(ADVERITY, "update_user", request.send())
        .await?
        .1)
}

/// Create an active user with exactly these names, groups and workspaces.
pub(crate) async fn create(
    client: &Client,
    email: &str,
    first_name: &str,
    last_name: &str,
    groups: &[i64],
    workspaces: &[i64],
) -> Result<Receipt, crate::Error> {
    let request = client.create_user().body_map(|b| {
        b.email(email)
            .first_name(first_name)
            .last_name(last_name)
            .groups(groups.to_vec())
            .workspaces(workspaces.to_vec())
            .active(true)
    });
    Ok(receipt::send(ADVERITY, "create_user", request.send())
        .await?
        .1)
}
