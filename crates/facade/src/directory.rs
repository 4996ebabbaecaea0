//! The unified directory: the configured providers seen as one, with operations that
//! check each provider's [`Capabilities`] before any request.

#[cfg(listing_provider)]
use futures::stream::TryStreamExt;
use futures::stream::{self, BoxStream, StreamExt};
use usermgmt_runtime::{ClientOptions, Lookup, Provider};

use crate::paginate::PageOptions;
#[allow(unused_imports)]
use crate::providers;
use crate::providers::receipt::Receipt;
use crate::{AccessLevel, Action, Capabilities, Error, Person, Plan, Snapshot, Step, User};

/// A configured provider client.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Backend {
    /// Axiom.
    #[cfg(feature = "axiom")]
    Axiom(providers::axiom::Client),
    /// Adverity.
    #[cfg(feature = "adverity")]
    Adverity(providers::adverity::Client),
    /// Paradime.
    #[cfg(feature = "paradime")]
    Paradime(providers::paradime::Client),
    /// Model-Prime.
    #[cfg(feature = "modelprime")]
    ModelPrime(providers::modelprime::Client),
    /// Axolo.
    #[cfg(feature = "axolo")]
    Axolo(providers::axolo::Client),
}

impl Backend {
    /// The provider this client talks to.
    pub fn provider(&self) -> Provider {
        match self {
            #[cfg(feature = "axiom")]
            Backend::Axiom(_) => Provider::Axiom,
            #[cfg(feature = "adverity")]
            Backend::Adverity(_) => Provider::Adverity,
            #[cfg(feature = "paradime")]
            Backend::Paradime(_) => Provider::Paradime,
            #[cfg(feature = "modelprime")]
            Backend::ModelPrime(_) => Provider::ModelPrime,
            #[cfg(feature = "axolo")]
            Backend::Axolo(_) => Provider::Axolo,
            #[cfg(not(any_provider))]
            _ => match *self {},
        }
    }

    /// A client for `provider` from its environment variables, with default options.
    pub fn from_env(provider: Provider) -> Result<Backend, Error> {
        Self::from_lookup(
            provider,
            &usermgmt_runtime::env_var,
            &ClientOptions::default(),
        )
    }

    /// A client for `provider` reading the environment variable names from `lookup`.
    pub fn from_lookup(
        provider: Provider,
        lookup: Lookup<'_>,
        options: &ClientOptions,
    ) -> Result<Backend, Error> {
        #[cfg(not(any_provider))]
        let _ = (lookup, options);
        match provider {
            #[cfg(feature = "axiom")]
            Provider::Axiom => Ok(Backend::Axiom(providers::axiom::Client::from_lookup(
                lookup, options,
            )?)),
            #[cfg(feature = "adverity")]
            Provider::Adverity => Ok(Backend::Adverity(providers::adverity::Client::from_lookup(
                lookup, options,
            )?)),
            #[cfg(feature = "paradime")]
            Provider::Paradime => Ok(Backend::Paradime(providers::paradime::Client::from_lookup(
                lookup, options,
            )?)),
            #[cfg(feature = "modelprime")]
            Provider::ModelPrime => Ok(Backend::ModelPrime(
                providers::modelprime::Client::from_lookup(lookup, options)?,
            )),
            #[cfg(feature = "axolo")]
            Provider::Axolo => Ok(Backend::Axolo(providers::axolo::Client::from_lookup(
                lookup, options,
            )?)),
            #[allow(unreachable_patterns)]
            other => Err(Error::Unsupported {
                provider: other,
                operation: "this build (its cargo feature is off)".into(),
            }),
        }
    }
}

/// Several providers seen as one directory of people.
///
/// ```no_run
/// # async fn demo() -> Result<(), usermgmt::Error> {
/// use futures::TryStreamExt;
/// use usermgmt::{Directory, Person};
///
/// // Every provider whose environment variables are set; the rest are reported.
/// let (directory, skipped) = Directory::from_env();
/// for error in &skipped {
///     eprintln!("skipped: {error}");
/// }
/// let everyone: Vec<usermgmt::User> = directory.list_users().try_collect().await?;
/// let ada = directory.find(&Person::new("ada@acme.example")?).await;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default)]
pub struct Directory {
    backends: Vec<Backend>,
    page_options: PageOptions,
    /// The sandbox the clients point at, when the directory owns it.
    #[cfg(feature = "testing")]
    pub(crate) keep_alive: crate::testing::KeepAlive,
}

impl Directory {
    /// An empty directory; add providers with [`with`](Self::with).
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a configured provider client (replacing one for the same provider).
    pub fn with(mut self, backend: Backend) -> Self {
        self.backends.retain(|b| b.provider() != backend.provider());
        self.backends.push(backend);
        self
    }

    /// Set how paginated providers are listed (page size, concurrency; `limit` applies per provider).
    pub fn with_page_options(mut self, options: PageOptions) -> Self {
        self.page_options = options;
        self
    }

    /// Every provider whose environment variables are set, and the error (naming the
    /// missing variable) for each one that is not.
    pub fn from_env() -> (Directory, Vec<Error>) {
        Self::from_lookup(
            &Provider::ALL,
            &usermgmt_runtime::env_var,
            &ClientOptions::default(),
        )
    }

    /// Like [`from_env`](Self::from_env), for some providers only, reading the variable
    /// names from `lookup` and connecting with `options`.
    pub fn from_lookup(
        providers: &[Provider],
        lookup: Lookup<'_>,
        options: &ClientOptions,
    ) -> (Directory, Vec<Error>) {
        let mut directory = Directory::new();
        let mut skipped = Vec::new();
        for provider in providers {
            match Backend::from_lookup(*provider, lookup, options) {
                Ok(backend) => directory = directory.with(backend),
                Err(error) => skipped.push(error),
            }
        }
        (directory, skipped)
    }

    /// The configured providers.
    pub fn providers(&self) -> Vec<Provider> {
        self.backends.iter().map(Backend::provider).collect()
    }

    /// The client for `provider`, if configured.
    pub fn backend(&self, provider: Provider) -> Option<&Backend> {
        self.backends.iter().find(|b| b.provider() == provider)
    }

    /// The client for `provider`, or an error saying it is not configured.
    fn require(&self, provider: Provider) -> Result<&Backend, Error> {
        self.backend(provider).ok_or_else(|| Error::InvalidInput {
            provider: Some(provider),
            message: format!(
                "{provider} is not configured (set {})",
                required_envs(provider)
            ),
        })
    }

    /// Every user of every configured provider that can list users, as one stream. Each
    /// item names its provider; a provider that fails yields its error and the others go on.
    pub fn list_users(&self) -> BoxStream<'static, Result<User, Error>> {
        let streams: Vec<_> = self
            .backends
            .iter()
            .filter(|b| Capabilities::of(b.provider()).list_users)
            .map(|b| self.users_of(b))
            .collect();
        stream::select_all(streams).boxed()
    }

    /// Every account of every configured provider that can list users, each with the
    /// provider's own record (Adverity's groups, workspaces and last login, Axiom's role
    /// id, Model-Prime's roles), for comparing access: one stream, provider by provider
    /// interleaved; a provider that fails yields its error and the others go on.
    /// Model-Prime lists no roles, so each of its users costs one more request (8 at a
    /// time).
    pub fn list_snapshots(&self) -> BoxStream<'static, Result<Snapshot, Error>> {
        let streams: Vec<_> = self
            .backends
            .iter()
            .filter(|b| Capabilities::of(b.provider()).list_users)
            .map(|b| self.snapshots_of(b))
            .collect();
        stream::select_all(streams).boxed()
    }

    /// Every account of `backend` with its record (see [`Directory::list_snapshots`]).
    pub(crate) fn snapshots_of(
        &self,
        backend: &Backend,
    ) -> BoxStream<'static, Result<Snapshot, Error>> {
        #[allow(unused_variables)] // used only by the paginated providers' features
        let options = self.page_options;
        match backend {
            #[cfg(feature = "axiom")]
            Backend::Axiom(c) => providers::axiom::users(c)
                .map_ok(providers::axiom::to_snapshot)
                .boxed(),
            #[cfg(feature = "adverity")]
            Backend::Adverity(c) => providers::adverity::users(c, options)
                .map_ok(providers::adverity::to_snapshot)
                .boxed(),
            #[cfg(feature = "paradime")]
            Backend::Paradime(c) => providers::paradime::users(c)
                .map_ok(providers::paradime::to_snapshot)
                .boxed(),
            #[cfg(feature = "modelprime")]
            Backend::ModelPrime(c) => {
                let client = c.clone();
                providers::modelprime::users(c, options, None)
                    .map_ok(move |user| {
                        let client = client.clone();
                        async move { providers::modelprime::get_snapshot(&client, &user.id).await }
                    })
                    .try_buffered(8)
                    .boxed()
            }
            #[cfg(feature = "axolo")]
            Backend::Axolo(_) => {
                stream::iter([Err(unsupported(Provider::Axolo, "listing users"))]).boxed()
            }
            #[cfg(not(any_provider))]
            _ => match *backend {},
        }
    }

    /// Every user of one provider, as a stream; [`Error::Unsupported`] (no request) if
    /// the provider cannot list users.
    pub fn list_users_of(&self, provider: Provider) -> BoxStream<'static, Result<User, Error>> {
        if !Capabilities::of(provider).list_users {
            return stream::iter([Err(unsupported(provider, "listing users"))]).boxed();
        }
        match self.require(provider) {
            Ok(backend) => self.users_of(backend),
            Err(error) => stream::iter([Err(error)]).boxed(),
        }
    }

    pub(crate) fn users_of(&self, backend: &Backend) -> BoxStream<'static, Result<User, Error>> {
        #[allow(unused_variables)] // used only by the paginated providers' features
        let options = self.page_options;
        match backend {
            #[cfg(feature = "axiom")]
            Backend::Axiom(c) => providers::axiom::users(c)
                .map_ok(providers::axiom::to_user)
                .boxed(),
            #[cfg(feature = "adverity")]
            Backend::Adverity(c) => providers::adverity::users(c, options)
                .map_ok(providers::adverity::to_user)
                .boxed(),
            #[cfg(feature = "paradime")]
            Backend::Paradime(c) => providers::paradime::users(c)
                .map_ok(providers::paradime::to_user)
                .boxed(),
            #[cfg(feature = "modelprime")]
            Backend::ModelPrime(c) => providers::modelprime::users(c, options, None)
                .map_ok(providers::modelprime::summary_to_user)
                .boxed(),
            #[cfg(feature = "axolo")]
            Backend::Axolo(_) => {
                stream::iter([Err(unsupported(Provider::Axolo, "listing users"))]).boxed()
            }
            #[cfg(not(any_provider))]
            _ => match *backend {},
        }
    }

    /// Look `person` up in every configured provider that lists users, concurrently.
    /// Each provider's answer is separate: one failing does not hide the others.
    pub async fn find(&self, person: &Person) -> Vec<(Provider, Result<Vec<User>, Error>)> {
        let lookups = self
            .backends
            .iter()
            .filter(|b| Capabilities::of(b.provider()).list_users)
            .map(|b| async move { (b.provider(), self.find_in(b, person).await) });
        futures::future::join_all(lookups).await
    }

    /// The accounts of `person` at one provider (email match, case-insensitive).
    async fn find_in(&self, backend: &Backend, person: &Person) -> Result<Vec<User>, Error> {
        let snapshots = self.snapshots(backend, person).await?;
        Ok(snapshots.into_iter().map(|s| s.user).collect())
    }

    /// Like [`Directory::find`], with each account's own record (see [`Snapshot`]):
    /// what comparing access against a profile needs.
    pub async fn find_snapshots(
        &self,
        person: &Person,
    ) -> Vec<(Provider, Result<Vec<Snapshot>, Error>)> {
        let lookups = self
            .backends
            .iter()
            .filter(|b| Capabilities::of(b.provider()).list_users)
            .map(|b| async move { (b.provider(), self.snapshots(b, person).await) });
        futures::future::join_all(lookups).await
    }

    /// The accounts of `person` at the provider of `backend`, each with the provider's
    /// own record (a plan's before-states). Model-Prime's list has no roles, so each
    /// match is fetched by id.
    pub(crate) async fn snapshots(
        &self,
        backend: &Backend,
        person: &Person,
    ) -> Result<Vec<Snapshot>, Error> {
        #[allow(unused_variables)] // used only by the paginated providers' features
        let options = self.page_options;
        #[cfg(not(listing_provider))]
        let _ = person;
        match backend {
            #[cfg(feature = "axiom")]
            Backend::Axiom(c) => {
                let users = matching(providers::axiom::users(c), person, |u| &u.email).await?;
                Ok(users
                    .into_iter()
                    .map(providers::axiom::to_snapshot)
                    .collect())
            }
            #[cfg(feature = "adverity")]
            Backend::Adverity(c) => {
                let users = providers::adverity::users(c, options);
                let users = matching(users, person, |u| &u.email).await?;
                Ok(users
                    .into_iter()
                    .map(providers::adverity::to_snapshot)
                    .collect())
            }
            #[cfg(feature = "paradime")]
            Backend::Paradime(c) => {
                let members = matching(providers::paradime::users(c), person, |m| match m {
                    providers::paradime::Member::Active(user) => &user.email,
                    providers::paradime::Member::Invited(invite) => &invite.email,
                })
                .await?;
                Ok(members
                    .into_iter()
                    .map(providers::paradime::to_snapshot)
                    .collect())
            }
            #[cfg(feature = "modelprime")]
            Backend::ModelPrime(c) => {
                let users = providers::modelprime::users(c, options, None);
                let mut full = Vec::new();
                for user in matching(users, person, |u| &u.email).await? {
                    full.push(providers::modelprime::get_snapshot(c, &user.id).await?);
                }
                Ok(full)
            }
            #[cfg(feature = "axolo")]
            Backend::Axolo(_) => Err(unsupported(Provider::Axolo, "looking people up")),
            #[cfg(not(any_provider))]
            _ => match *backend {},
        }
    }

    /// Run one changing step of a plan.
    pub(crate) async fn execute(&self, step: &Step, plan: &Plan) -> Result<Receipt, Error> {
        let provider = step.provider;
        let backend = self.require(provider)?;
        match (&step.action, backend) {
            (Action::Delete { id, .. } | Action::Disable { id, .. }, _) => {
                self.remove_with_receipt(provider, id).await
            }
            #[cfg(feature = "axolo")]
            (
                Action::Offboard {
                    organization,
                    github_login,
                },
                Backend::Axolo(c),
            ) => providers::axolo::offboard(c, organization, github_login).await,
            #[cfg(feature = "axolo")]
            (
                Action::Onboard {
                    organization,
                    github_login,
                    slack_id,
                },
                Backend::Axolo(c),
            ) => providers::axolo::onboard_login(c, organization, github_login, slack_id).await,
            (Action::Create { .. }, _) => self.create(step, plan).await,
            (Action::SetAccess { id, access, .. }, _) => {
                self.set_access(provider, id, access).await
            }
            _ => Err(Error::InvalidInput {
                provider: Some(provider),
                message: format!("{} cannot be carried out at {provider}", step.action.verb()),
            }),
        }
    }

    /// Create the account of a `Create` step with exactly its access.
    async fn create(&self, step: &Step, plan: &Plan) -> Result<Receipt, Error> {
        let provider = step.provider;
        let Action::Create {
            email,
            name,
            first_name,
            last_name,
            access,
        } = &step.action
        else {
            return Err(unsupported(provider, "creating from this step"));
        };
        #[cfg(not(feature = "adverity"))]
        let _ = (first_name, last_name);
        let email = crate::Email::parse(email)?;
        #[allow(unused_variables)]
        let name = providers::name_or_email(name.as_deref(), email.as_str());
        let mismatch = || Error::InvalidInput {
            provider: Some(provider),
            message: format!("{access} is not a kind of access {provider} grants"),
        };
        let _ = plan;
        match (self.require(provider)?, access) {
            #[cfg(feature = "axiom")]
            (Backend::Axiom(c), crate::Access::AxiomRole { role }) => {
                providers::axiom::create(c, email.as_str(), &name, role).await
            }
            #[cfg(feature = "adverity")]
            (Backend::Adverity(c), crate::Access::AdverityGroups { groups, workspaces }) => {
                let (first, last) = match (first_name, last_name) {
                    (Some(first), Some(last)) => (first.clone(), last.clone()),
                    _ => providers::split_name(&name),
                };
                providers::adverity::create(c, email.as_str(), &first, &last, groups, workspaces)
                    .await
            }
            #[cfg(feature = "paradime")]
            (Backend::Paradime(c), crate::Access::ParadimeAccountType { account_type }) => {
                providers::paradime::invite_as(c, email.as_str(), account_type).await
            }
            #[cfg(feature = "modelprime")]
            (Backend::ModelPrime(c), crate::Access::ModelPrimeRoles { roles }) => {
                providers::modelprime::invite_with_roles(c, email.as_str(), &name, roles).await
            }
            _ => Err(mismatch()),
        }
    }

    /// Give the account `id` at `provider` exactly `access`.
    async fn set_access(
        &self,
        provider: Provider,
        id: &str,
        access: &crate::Access,
    ) -> Result<Receipt, Error> {
        let id = &crate::validate::provider_id(provider, "user id", id)?;
        let mismatch = || Error::InvalidInput {
            provider: Some(provider),
            message: format!("{access} is not a kind of access {provider} grants"),
        };
        #[cfg(not(listing_provider))]
        let _ = id;
        match (self.require(provider)?, access) {
            #[cfg(feature = "axiom")]
            (Backend::Axiom(c), crate::Access::AxiomRole { role }) => {
                providers::axiom::set_role(c, id, role).await
            }
            #[cfg(feature = "adverity")]
            (Backend::Adverity(c), crate::Access::AdverityGroups { groups, workspaces }) => {
                providers::adverity::set_groups(c, id, groups, workspaces).await
            }
            #[cfg(feature = "paradime")]
            (Backend::Paradime(c), crate::Access::ParadimeAccountType { account_type }) => {
                providers::paradime::set_account_type(c, id, account_type).await
            }
            #[cfg(feature = "modelprime")]
            (Backend::ModelPrime(c), crate::Access::ModelPrimeRoles { roles }) => {
                providers::modelprime::set_roles(c, id, roles).await
            }
            _ => Err(mismatch()),
        }
    }

    /// Invite or create `invite.person` at `provider` with `invite.access`.
    pub async fn invite(&self, provider: Provider, invite: &Invite) -> Result<(), Error> {
        if !Capabilities::of(provider).invite {
            return Err(unsupported(provider, "inviting users"));
        }
        #[cfg(not(any_provider))]
        let _ = invite;
        match self.require(provider)? {
            #[cfg(feature = "axiom")]
            Backend::Axiom(c) => providers::axiom::invite(c, invite).await,
            #[cfg(feature = "adverity")]
            Backend::Adverity(c) => providers::adverity::invite(c, invite).await,
            #[cfg(feature = "paradime")]
            Backend::Paradime(c) => providers::paradime::invite(c, invite).await,
            #[cfg(feature = "modelprime")]
            Backend::ModelPrime(c) => providers::modelprime::invite(c, invite).await,
            #[cfg(feature = "axolo")]
            Backend::Axolo(c) => providers::axolo::onboard(c, invite).await,
            #[cfg(not(any_provider))]
            backend => match *backend {},
        }
    }

    /// Give the user `id` at `provider` exactly `level` (never a higher one).
    pub async fn change_role(
        &self,
        provider: Provider,
        id: &str,
        level: AccessLevel,
    ) -> Result<(), Error> {
        if !Capabilities::of(provider).change_role {
            return Err(unsupported(provider, "changing roles"));
        }
        let id = &crate::validate::provider_id(provider, "user id", id)?;
        #[cfg(not(any(feature = "axiom", feature = "paradime", feature = "modelprime")))]
        let _ = (id, level);
        match self.require(provider)? {
            #[cfg(feature = "axiom")]
            Backend::Axiom(c) => providers::axiom::change_role(c, id, level).await,
            #[cfg(feature = "paradime")]
            Backend::Paradime(c) => providers::paradime::change_role(c, id, level).await,
            #[cfg(feature = "modelprime")]
            Backend::ModelPrime(c) => providers::modelprime::change_role(c, id, level).await,
            #[allow(unreachable_patterns)]
            _ => Err(unsupported(provider, "changing roles")),
        }
    }

    /// Remove the user `id` at `provider` the way it removes people (delete or disable).
    /// Axolo removes by GitHub login: use [`plan_offboard`](Self::plan_offboard).
    pub async fn remove(&self, provider: Provider, id: &str) -> Result<(), Error> {
        self.remove_with_receipt(provider, id).await.map(drop)
    }

    async fn remove_with_receipt(&self, provider: Provider, id: &str) -> Result<Receipt, Error> {
        let id = &crate::validate::provider_id(provider, "user id", id)?;
        #[cfg(not(listing_provider))]
        let _ = id;
        match self.require(provider)? {
            #[cfg(feature = "axiom")]
            Backend::Axiom(c) => providers::axiom::remove(c, id).await,
            #[cfg(feature = "adverity")]
            Backend::Adverity(c) => providers::adverity::remove(c, id).await,
            #[cfg(feature = "paradime")]
            Backend::Paradime(c) => providers::paradime::disable(c, id).await,
            #[cfg(feature = "modelprime")]
            Backend::ModelPrime(c) => providers::modelprime::remove(c, id).await,
            #[cfg(feature = "axolo")]
            Backend::Axolo(_) => Err(unsupported(
                provider,
                "removing by id (Axolo offboards by GitHub login)",
            )),
            #[cfg(not(any_provider))]
            backend => match *backend {},
        }
    }

    /// The backends, for planning.
    pub(crate) fn backends(&self) -> &[Backend] {
        &self.backends
    }
}

/// What to create when inviting a person.
///
/// [`Invite::new`] takes the required parts, the person and the access level. The other
/// fields are optional: without `name` the email's local part is used where an API
/// wants a name; Axolo refuses an invitation without `axolo_organization` (and without
/// the person's GitHub login and Slack id), before any request.
#[derive(Debug, Clone, PartialEq)]
pub struct Invite {
    /// Who (email; GitHub login and Slack id for Axolo).
    pub person: Person,
    /// Display name, where the API wants one (defaults to the email's local part).
    pub name: Option<String>,
    /// The access level to grant; mapped exactly to the provider's role.
    pub access: AccessLevel,
    /// The GitHub organization, for Axolo.
    pub axolo_organization: Option<String>,
}

impl Invite {
    /// An invitation for `person` with `access`.
    pub fn new(person: Person, access: AccessLevel) -> Self {
        Self {
            person,
            name: None,
            access,
            axolo_organization: None,
        }
    }
}

pub(crate) fn unsupported(provider: Provider, operation: &str) -> Error {
    Error::Unsupported {
        provider,
        operation: operation.to_string(),
    }
}

fn required_envs(provider: Provider) -> String {
    let mut envs = vec![provider.url_env()];
    envs.extend(provider.credential_envs());
    envs.join(", ")
}

/// The items of `stream` whose email is `person`'s (an empty email never matches).
#[cfg(listing_provider)]
async fn matching<T>(
    stream: BoxStream<'static, Result<T, Error>>,
    person: &Person,
    email_of: impl Fn(&T) -> &String,
) -> Result<Vec<T>, Error> {
    stream
        .try_filter(|item| futures::future::ready(person.has_email(email_of(item))))
        .try_collect()
        .await
}
