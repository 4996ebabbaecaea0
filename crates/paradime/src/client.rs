//! [`Client`]: one typed async method per Paradime user-management operation, plus
//! [`Client::execute`] for operations callers write themselves.

use std::fmt;

use graphql_client::GraphQLQuery;
use usermgmt_runtime::{ClientOptions, Credentials, Error, ParadimeCredentials, base_url_from};

use crate::operations::{
    DisableUser, InviteUser, ListUsers, ListWorkspaces, UpdateUserAccountType, disable_user,
    invite_user, list_users, list_workspaces, update_user_account_type,
};
use crate::response::PROVIDER;
use crate::transport::Transport;
use crate::{UserAccountType, Users, Workspace};

/// A client for one company's Paradime GraphQL endpoint. Cheap to clone; clones share
/// the connection pool.
///
/// Every method sends one POST. Mutations are retried only where the server cannot
/// have acted (connection refused, 429, 503), so an invitation is never sent twice.
/// Every error names the operation (`Paradime InviteUser: ...`).
///
/// ```no_run
/// # async fn demo() -> Result<(), usermgmt_paradime::Error> {
/// use usermgmt_paradime::{Client, ClientOptions, ParadimeCredentials};
///
/// let client = Client::new(
///     "https://api.paradime.io/api/v1/COMPANY_TOKEN/graphql",
///     &ParadimeCredentials::new("api-key", "api-secret"),
///     &ClientOptions::default(),
/// )?;
/// for workspace in client.list_workspaces().await? {
///     println!("{} {}", workspace.uid, workspace.name);
/// }
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    transport: Transport,
}

/// Shows the endpoint, never the credentials (they live in the HTTP client's headers).
impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("endpoint", &self.transport.endpoint())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for `endpoint`, the whole GraphQL URL from Paradime's account settings
    /// (`https://api.paradime.io/api/v1/<company token>/graphql`, or the regional host).
    ///
    /// Refused without any request when the URL is invalid, or plain `http://` to a host
    /// other than loopback ([`Error::InsecureUrl`]), or when a credential cannot be sent
    /// as a header.
    ///
    /// ```
    /// use usermgmt_paradime::{Client, ClientOptions, Error, ParadimeCredentials};
    /// let creds = ParadimeCredentials::new("key", "secret");
    /// let refused = Client::new("http://example.com/graphql", &creds, &ClientOptions::default());
    /// assert!(matches!(refused, Err(Error::InsecureUrl { .. })));
    /// ```
    pub fn new(
        endpoint: &str,
        credentials: &ParadimeCredentials,
        options: &ClientOptions,
    ) -> Result<Self, Error> {
        Ok(Self {
            transport: Transport::new(endpoint, credentials, options)?,
        })
    }

    /// A client configured from the environment with default options: `PARADIME_API_URL`
    /// (the whole GraphQL endpoint; there is no default), `PARADIME_API_KEY` and
    /// `PARADIME_API_SECRET`. A missing variable is [`Error::MissingEnv`] naming it.
    ///
    /// ```no_run
    /// let client = usermgmt_paradime::Client::from_env()?;
    /// # Ok::<(), usermgmt_paradime::Error>(())
    /// ```
    pub fn from_env() -> Result<Self, Error> {
        Self::from_env_with(&ClientOptions::default())
    }

    /// Like [`from_env`](Self::from_env), with `options`.
    pub fn from_env_with(options: &ClientOptions) -> Result<Self, Error> {
        Self::from_lookup(&usermgmt_runtime::env_var, options)
    }

    /// Like [`from_env_with`](Self::from_env_with), reading the same variable names from
    /// `lookup` instead of the process environment.
    pub fn from_lookup(
        lookup: usermgmt_runtime::Lookup<'_>,
        options: &ClientOptions,
    ) -> Result<Self, Error> {
        let endpoint = base_url_from(lookup, PROVIDER)?;
        let credentials = ParadimeCredentials::from_lookup(lookup)?;
        Self::new(&endpoint, &credentials, options)
    }

    /// The GraphQL endpoint this client posts to.
    pub fn endpoint(&self) -> &str {
        self.transport.endpoint()
    }

    /// Every active user and every open or expired invitation of the workspace
    /// (operation `ListUsers`; Paradime has no pagination).
    ///
    /// ```no_run
    /// # async fn demo(client: usermgmt_paradime::Client) -> Result<(), usermgmt_paradime::Error> {
    /// let users = client.list_users().await?;
    /// for user in &users.active {
    ///     println!("{} {} {}", user.uid, user.email, user.account_type);
    /// }
    /// for invite in &users.invited {
    ///     println!("{} {} ({})", invite.email, invite.account_type, invite.invite_status);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn list_users(&self) -> Result<Users, Error> {
        let reply = self
            .transport
            .send::<ListUsers>(list_users::Variables)
            .await?;
        // `ok: false` was already turned into Error::NotOk by the transport.
        Ok(reply.payload("listUsers", |data| data.list_users)?.into())
    }

    /// Every workspace of the company (operation `ListWorkspaces`).
    ///
    /// ```no_run
    /// # async fn demo(client: usermgmt_paradime::Client) -> Result<(), usermgmt_paradime::Error> {
    /// let names: Vec<String> = client.list_workspaces().await?.into_iter().map(|w| w.name).collect();
    /// # Ok(()) }
    /// ```
    pub async fn list_workspaces(&self) -> Result<Vec<Workspace>, Error> {
        let reply = self
            .transport
            .send::<ListWorkspaces>(list_workspaces::Variables)
            .await?;
        let payload = reply.payload("listWorkspaces", |data| data.list_workspaces)?;
        Ok(payload.workspaces.into_iter().map(Into::into).collect())
    }

    /// Invite `email` to the workspace as `account_type` (operation `InviteUser`).
    /// `Ok(())` once Paradime answers `ok: true`; `ok: false` is [`Error::NotOk`].
    ///
    /// ```no_run
    /// # async fn demo(client: usermgmt_paradime::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use usermgmt_paradime::UserAccountType;
    /// client.invite_user("alice@acme.io", UserAccountType::Developer).await?;
    /// // From user input: unknown roles are a parse error, not a request.
    /// client.invite_user("bob@acme.io", "analyst".parse()?).await?;
    /// # Ok(()) }
    /// ```
    pub async fn invite_user(
        &self,
        email: &str,
        account_type: UserAccountType,
    ) -> Result<(), Error> {
        let variables = invite_user::Variables {
            email: not_blank(invite_user::OPERATION_NAME, "email", email)?,
            account_type,
        };
        let reply = self.transport.send::<InviteUser>(variables).await?;
        reply.payload("inviteUser", |data| data.invite_user)?;
        Ok(())
    }

    /// Change the account type (role) of the active user `uid` (operation
    /// `UpdateUserAccountType`). `Ok(())` once Paradime answers `ok: true`.
    ///
    /// ```no_run
    /// # async fn demo(client: usermgmt_paradime::Client) -> Result<(), usermgmt_paradime::Error> {
    /// use usermgmt_paradime::UserAccountType;
    /// let uid = "b6982657f4f7f796945a5c9ca8980e5a2ddf9f94fd7a54fb98b7740fdd54821b";
    /// client.update_user_account_type(uid, UserAccountType::Business).await?;
    /// # Ok(()) }
    /// ```
    pub async fn update_user_account_type(
        &self,
        uid: &str,
        account_type: UserAccountType,
    ) -> Result<(), Error> {
        let variables = update_user_account_type::Variables {
            uid: not_blank(update_user_account_type::OPERATION_NAME, "uid", uid)?,
            account_type,
        };
        let reply = self
            .transport
            .send::<UpdateUserAccountType>(variables)
            .await?;
        reply.payload("updateUserAccountType", |data| {
            data.update_user_account_type
        })?;
        Ok(())
    }

    /// Disable the active user `uid` (operation `DisableUser`). `Ok(())` once Paradime
    /// answers `ok: true`.
    ///
    /// ```no_run
    /// # async fn demo(client: usermgmt_paradime::Client) -> Result<(), usermgmt_paradime::Error> {
    /// client.disable_user("c24d93ba3f6e743bf97a7b5b48c2b7931f6d57d022501cdb2fb983264efc0c29").await?;
    /// # Ok(()) }
    /// ```
    pub async fn disable_user(&self, uid: &str) -> Result<(), Error> {
        let variables = disable_user::Variables {
            uid: not_blank(disable_user::OPERATION_NAME, "uid", uid)?,
        };
        let reply = self.transport.send::<DisableUser>(variables).await?;
        reply.payload("disableUser", |data| data.disable_user)?;
        Ok(())
    }

    /// Run any operation against this endpoint: one of [`operations`](crate::operations)
    /// or one the caller generated or wrote (anything implementing [`GraphQLQuery`]).
    ///
    /// The same checks apply as for the typed methods: a non-2xx status, an `errors`
    /// array, a root field answering `ok: false`, or data that does not fit
    /// `Q::ResponseData` is an error naming the operation. Root fields that are null
    /// without an error are returned as they are.
    ///
    /// ```no_run
    /// # async fn demo(client: usermgmt_paradime::Client) -> Result<(), usermgmt_paradime::Error> {
    /// use usermgmt_paradime::operations::{ListWorkspaces, list_workspaces};
    /// let data = client.execute::<ListWorkspaces>(list_workspaces::Variables).await?;
    /// let ok = data.list_workspaces.is_some_and(|payload| payload.ok);
    /// # Ok(()) }
    /// ```
    pub async fn execute<Q: GraphQLQuery>(
        &self,
        variables: Q::Variables,
    ) -> Result<Q::ResponseData, Error> {
        Ok(self.transport.send::<Q>(variables).await?.data)
    }
}

/// `value` as an owned string, or [`Error::InvalidInput`] before any request when it is
/// blank: Paradime would only answer with a less helpful error.
fn not_blank(operation: &str, what: &str, value: &str) -> Result<String, Error> {
    if value.trim().is_empty() {
        return Err(Error::InvalidInput {
            provider: Some(PROVIDER),
            message: format!("{operation}: {what} must not be empty"),
        });
    }
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client() -> Client {
        let creds = ParadimeCredentials::new("KEY-abc123", "SECRET-xyz789");
        Client::new(
            "http://127.0.0.1:9/graphql/",
            &creds,
            &ClientOptions::default(),
        )
        .unwrap()
    }

    #[test]
    fn debug_shows_the_endpoint_as_given_and_no_credentials() {
        let printed = format!("{:?}", client());
        assert!(printed.contains("http://127.0.0.1:9/graphql/"), "{printed}");
        assert!(!printed.contains("KEY-abc123"), "{printed}");
        assert!(!printed.contains("SECRET-xyz789"), "{printed}");
    }

    #[test]
    fn clients_and_their_futures_can_cross_threads() {
        fn assert_send<T: Send>(_: &T) {}
        fn assert_send_sync_clone<T: Send + Sync + Clone>() {}
        assert_send_sync_clone::<Client>();
        let client = client();
        assert_send(&client.list_users());
        assert_send(&client.invite_user("a@b.c", UserAccountType::Admin));
        assert_send(&client.execute::<ListUsers>(list_users::Variables));
    }

    #[test]
    fn blank_input_is_refused_with_the_operation_named() {
        let err = not_blank("DisableUser", "uid", "  ").unwrap_err();
        assert!(matches!(err, Error::InvalidInput { .. }));
        assert_eq!(
            err.to_string(),
            "Paradime: invalid input: DisableUser: uid must not be empty"
        );
        assert_eq!(not_blank("DisableUser", "uid", "ab").unwrap(), "ab");
    }
}
