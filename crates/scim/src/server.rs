//! The HTTP side: the axum router under `/scim/v2`, bearer authentication, and the
//! read handlers. Every answer is `application/scim+json`; every failure is a SCIM
//! error body.

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures::TryStreamExt;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};
use subtle::ConstantTimeEq;
use tokio::net::TcpListener;
use usermgmt::{AccessProfile, Directory, Person, Recorder, Snapshot};
use usermgmt_journal::{Journal, ScimUser};
use wildmatch::WildMatch;

use crate::filter::{AttrPath, CompareOp, Filter};
use crate::people::{self, PersonRecord, UserRecord};
use crate::routes::{groups, users};
use crate::{ProfileRule, SCIM_JSON, ScimError, discovery, provision};

/// The SCIM bridge: a directory, the access profiles (the groups), and the token IdPs
/// must present.
///
/// ```no_run
/// # async fn demo() -> std::io::Result<()> {
/// use usermgmt_scim::Bridge;
/// let (directory, _errors) = usermgmt::Directory::from_env();
/// let bridge = Bridge::new(directory, "a-long-random-token".to_string().into())
///     .base_url("https://scim.acme.example");
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
/// bridge.serve(listener, std::future::pending()).await
/// # }
/// ```
#[derive(Clone)]
pub struct Bridge {
    inner: Arc<Inner>,
}

#[derive(Clone)]
struct Inner {
    directory: Directory,
    profiles: BTreeMap<String, AccessProfile>,
    token: SecretString,
    /// The public URL of `/scim/v2`, for `meta.location`.
    base: String,
    /// Where changes and the SCIM users are recorded; without one the bridge only reads.
    journal: Option<Arc<Journal>>,
    /// Email patterns never removed.
    exclude: Vec<WildMatch>,
    /// The profile of created users whose department names none.
    default_profile: Option<String>,
    /// How a created user's profile is picked.
    profile_rule: ProfileRule,
    /// The GitHub organization Axolo onboards into and offboards from; without one
    /// the bridge leaves Axolo alone.
    axolo_organization: Option<String>,
}

impl std::fmt::Debug for Bridge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bridge")
            .field("base", &self.inner.base)
            .field("profiles", &self.inner.profiles.keys().collect::<Vec<_>>())
            .field("journaled", &self.inner.journal.is_some())
            .field("exclude", &self.inner.exclude.len())
            .field("profile_rule", &self.inner.profile_rule)
            .field("axolo_organization", &self.inner.axolo_organization)
            .finish_non_exhaustive()
    }
}

impl Bridge {
    /// A bridge over `directory` accepting `token`, without profiles, at
    /// `http://127.0.0.1` until [`Bridge::base_url`] says otherwise.
    pub fn new(directory: Directory, token: SecretString) -> Self {
        Bridge {
            inner: Arc::new(Inner {
                directory,
                profiles: BTreeMap::new(),
                token,
                base: "http://127.0.0.1/scim/v2".into(),
                journal: None,
                exclude: Vec::new(),
                default_profile: None,
                profile_rule: ProfileRule::default(),
                axolo_organization: None,
            }),
        }
    }

    /// The access profiles, served as groups.
    pub fn profiles(self, profiles: BTreeMap<String, AccessProfile>) -> Self {
        self.map(|inner| inner.profiles = profiles)
    }

    /// The URL clients reach the bridge at (like `https://scim.acme.example`), used in
    /// `meta.location`; `/scim/v2` is appended.
    pub fn base_url(self, url: &str) -> Self {
        let base = format!("{}/scim/v2", url.trim_end_matches('/'));
        self.map(|inner| inner.base = base)
    }

    /// Record every change, and keep the SCIM users (ids, `externalId`, the attributes
    /// identity providers write), in `journal`; without one the bridge only reads, and
    /// writes answer `501`.
    pub fn journal(self, journal: Arc<Journal>) -> Self {
        self.map(|inner| inner.journal = Some(journal))
    }

    /// Email patterns (`*@service.acme.example`) of accounts never removed.
    pub fn exclude(self, patterns: &[String]) -> Self {
        let patterns = patterns
            .iter()
            .map(|p| WildMatch::new(&p.to_lowercase()))
            .collect();
        self.map(|inner| inner.exclude = patterns)
    }

    /// The profile created users get when their enterprise `department` names no
    /// profile (a department equal to a profile's name, ignoring case, picks that one),
    /// or always under [`ProfileRule::Default`].
    pub fn default_profile(self, name: &str) -> Self {
        let name = name.to_string();
        self.map(|inner| inner.default_profile = Some(name))
    }

    /// How created users get their profile (by default [`ProfileRule::Department`]).
    pub fn profile_rule(self, rule: ProfileRule) -> Self {
        self.map(|inner| inner.profile_rule = rule)
    }

    /// The GitHub organization (case-sensitive) Axolo onboards engineers into: users
    /// whose profile includes Axolo are onboarded there by the GitHub login and Slack
    /// id of the [`AXOLO_SCHEMA`](crate::AXOLO_SCHEMA) extension, and offboarded by that
    /// login. Without one the bridge leaves Axolo alone.
    pub fn axolo_organization(self, organization: &str) -> Self {
        let organization = organization.trim().to_string();
        self.map(|inner| inner.axolo_organization = Some(organization))
    }

    pub(crate) fn axolo_organization_ref(&self) -> Option<&str> {
        self.inner.axolo_organization.as_deref()
    }

    /// The profile a new user gets by the rule: `None` under [`ProfileRule::Group`]
    /// (a group push gives it), else their department's or the default one.
    pub(crate) fn profile_for(
        &self,
        user: &provision::NewUser,
    ) -> Result<Option<AccessProfile>, ScimError> {
        let profiles = &self.inner.profiles;
        let rule = self.inner.profile_rule;
        if rule == ProfileRule::Group {
            return Ok(None);
        }
        let by_department = user
            .department
            .as_deref()
            .filter(|_| rule == ProfileRule::Department)
            .and_then(|d| {
                profiles
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(d))
                    .map(|(_, p)| p)
            });
        let by_default = || {
            self.inner
                .default_profile
                .as_deref()
                .and_then(|d| profiles.get(d))
        };
        let names = || profiles.keys().cloned().collect::<Vec<_>>().join(", ");
        by_department
            .or_else(by_default)
            .cloned()
            .map(Some)
            .ok_or_else(|| match rule {
                ProfileRule::Default => ScimError::invalid_value(format!(
                    "no access profile for {}: the bridge's rule is the default profile, and \
                     it has none that the config file defines (--default-profile; profiles: {})",
                    user.email,
                    names()
                )),
                _ => ScimError::invalid_value(format!(
                    "no access profile for {}: its department ({}) names none of the config \
                     file's profiles ({}), and the bridge has no default profile \
                     (--default-profile)",
                    user.email,
                    user.department.as_deref().unwrap_or("none given"),
                    names()
                )),
            })
    }

    pub(crate) fn recorder_ref(&self) -> Option<&dyn Recorder> {
        self.inner.journal.as_deref().map(|j| j as &dyn Recorder)
    }

    pub(crate) fn journal_ref(&self) -> Option<&Journal> {
        self.inner.journal.as_deref()
    }

    /// The public URL of `/scim/v2`.
    pub(crate) fn base(&self) -> &str {
        &self.inner.base
    }

    /// The access profiles (the groups).
    pub(crate) fn profile_map(&self) -> &BTreeMap<String, AccessProfile> {
        &self.inner.profiles
    }

    pub(crate) fn directory(&self) -> &Directory {
        &self.inner.directory
    }

    pub(crate) fn is_excluded(&self, email: &str) -> bool {
        let email = email.to_lowercase();
        self.inner.exclude.iter().any(|w| w.matches(&email))
    }

    fn map(self, change: impl FnOnce(&mut Inner)) -> Self {
        let mut inner = Arc::unwrap_or_clone(self.inner);
        change(&mut inner);
        Bridge {
            inner: Arc::new(inner),
        }
    }

    /// The router: every endpoint under `/scim/v2`, behind the bearer token.
    pub fn router(&self) -> Router {
        let scim = Router::new()
            .route(
                "/ServiceProviderConfig",
                get(service_provider_config).fallback(read_only),
            )
            .route("/ResourceTypes", get(resource_types).fallback(read_only))
            .route(
                "/ResourceTypes/{id}",
                get(resource_type).fallback(read_only),
            )
            .route("/Schemas", get(schemas).fallback(read_only))
            .route("/Schemas/{id}", get(schema).fallback(read_only))
            .route("/Users", get(users::list).post(users::create))
            .route(
                "/Users/{id}",
                get(users::get)
                    .patch(users::patch)
                    .put(users::put)
                    .delete(users::delete),
            )
            .route("/Groups", get(groups::list).post(groups::create))
            .route(
                "/Groups/{id}",
                get(groups::get)
                    .patch(groups::patch)
                    .put(groups::put)
                    .delete(groups::delete),
            )
            .route("/.search", post(search_not_supported))
            .route("/Users/.search", post(search_not_supported))
            .route("/Groups/.search", post(search_not_supported))
            .method_not_allowed_fallback(not_supported)
            .fallback(no_such_endpoint);
        Router::new()
            .nest("/scim/v2", scim)
            .fallback(no_such_endpoint)
            .layer(middleware::from_fn_with_state(self.clone(), authenticate))
            .with_state(self.clone())
    }

    /// Serve on `listener` until `shutdown` completes, then finish the requests in
    /// flight.
    pub async fn serve(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(listener, self.router())
            .with_graceful_shutdown(shutdown)
            .await
    }

    /// Every person, from every provider's live state.
    pub(crate) async fn everyone(&self) -> Result<Vec<PersonRecord>, ScimError> {
        let accounts: Vec<Snapshot> = self
            .inner
            .directory
            .list_snapshots()
            .try_collect()
            .await
            .map_err(provider_failed)?;
        Ok(people::group(accounts, &self.inner.profiles))
    }

    /// The users `filter` can match (a superset): when it pins `userName`, the stored
    /// users of that name and one look-up per provider of their emails, instead of a
    /// full listing; else everyone.
    pub(crate) async fn users(
        &self,
        filter: Option<&Filter>,
    ) -> Result<Vec<UserRecord>, ScimError> {
        let Some(name) = filter.and_then(pinned_user_name) else {
            return Ok(people::join(self.everyone().await?, self.stored_users()?));
        };
        // A userName that is an email is the person's email: one row at most, by key.
        let stored: Vec<ScimUser> = match (Person::new(&name), self.journal_ref()) {
            (_, None) => Vec::new(),
            (Ok(_), Some(journal)) => journal
                .scim_user_by_email(&name)
                .map_err(journal_failed)?
                .into_iter()
                .collect(),
            (Err(_), Some(_)) => self
                .stored_users()?
                .into_iter()
                .filter(|u| {
                    crate::filter::field(&u.attributes, "userName")
                        .and_then(Value::as_str)
                        .is_some_and(|n| n.eq_ignore_ascii_case(&name))
                })
                .collect(),
        };
        let mut emails: Vec<String> = stored.iter().map(|u| u.email.clone()).collect();
        if Person::new(&name).is_ok() {
            emails.push(name.to_lowercase());
        }
        emails.sort();
        emails.dedup();
        let mut accounts = Vec::new();
        for email in emails {
            let Ok(person) = Person::new(&email) else {
                continue;
            };
            for (_, answer) in self.inner.directory.find_snapshots(&person).await {
                accounts.extend(answer.map_err(provider_failed)?);
            }
        }
        Ok(people::join(
            people::group(accounts, &self.inner.profiles),
            stored,
        ))
    }

    /// Every stored SCIM user (none without a journal).
    pub(crate) fn stored_users(&self) -> Result<Vec<ScimUser>, ScimError> {
        match self.journal_ref() {
            Some(journal) => journal.scim_users().map_err(journal_failed),
            None => Ok(Vec::new()),
        }
    }

    /// The user with SCIM id `id`: a stored one is looked up by its email at each
    /// provider; any other is searched among everyone.
    pub(crate) async fn user_by_id(&self, id: &str) -> Result<UserRecord, ScimError> {
        let stored = match self.journal_ref() {
            Some(journal) => journal.scim_user(id).map_err(journal_failed)?,
            None => None,
        };
        let found = match stored {
            Some(stored) => {
                let mut accounts = Vec::new();
                if let Ok(person) = Person::new(&stored.email) {
                    for (_, answer) in self.inner.directory.find_snapshots(&person).await {
                        accounts.extend(answer.map_err(provider_failed)?);
                    }
                }
                people::join(people::group(accounts, &self.inner.profiles), vec![stored])
                    .into_iter()
                    .find(|u| u.id() == id)
            }
            None => self.users(None).await?.into_iter().find(|u| u.id() == id),
        };
        found.ok_or_else(|| ScimError::not_found(format!("no user {id:?}")))
    }
}

/// The journal could not be read or written.
pub(crate) fn journal_failed(error: usermgmt_journal::JournalError) -> ScimError {
    ScimError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("the journal failed: {error}"),
    )
}

/// A provider failed: the answer would be incomplete, and an IdP reading "no such
/// user" from it could create a duplicate, so the whole request fails.
pub(crate) fn provider_failed(error: usermgmt::Error) -> ScimError {
    ScimError::new(
        StatusCode::BAD_GATEWAY,
        format!("a provider could not be read, so the answer would be incomplete: {error}"),
    )
}

/// `userName eq "<name>"` (alone or and-ed with more): the name it pins.
fn pinned_user_name(filter: &Filter) -> Option<String> {
    match filter {
        Filter::Compare {
            path,
            op: CompareOp::Eq,
            value: Value::String(name),
        } if is_user_name(path) => Some(name.trim().to_string()),
        Filter::And(left, right) => pinned_user_name(left).or_else(|| pinned_user_name(right)),
        _ => None,
    }
}

fn is_user_name(path: &AttrPath) -> bool {
    path.attribute.eq_ignore_ascii_case("userName")
        && path.sub_attribute.is_none()
        && path
            .uri
            .as_deref()
            .is_none_or(|uri| uri.eq_ignore_ascii_case(crate::USER_SCHEMA))
}

/// Refuse anything but the right bearer token, compared in constant time.
async fn authenticate(State(bridge): State<Bridge>, request: Request, next: Next) -> Response {
    let presented = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, token) = v.trim().split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
        });
    let expected = bridge.inner.token.expose_secret().as_bytes();
    match presented {
        Some(token) if bool::from(token.as_bytes().ct_eq(expected)) => next.run(request).await,
        _ => ScimError::unauthorized().into_response(),
    }
}

/// A SCIM JSON answer.
pub(crate) fn scim(status: StatusCode, body: Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(SCIM_JSON));
    response
}

/// Whether an `If-Match`/`If-None-Match` value (a list of entity tags, or `*`) names
/// `version`.
pub(crate) fn names_version(header: &HeaderValue, version: &str) -> bool {
    header.to_str().is_ok_and(|tags| {
        tags.split(',')
            .any(|t| t.trim() == version || t.trim() == "*")
    })
}

/// `201 Created` with `response`'s resource, and its `Location`.
pub(crate) fn created(mut response: Response, location: &str) -> Response {
    *response.status_mut() = StatusCode::CREATED;
    if let Ok(location) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// One resource, with its version as the `ETag` header; `304` when `If-None-Match`
/// names that version.
pub(crate) fn resource_answer(headers: &HeaderMap, body: Value) -> Response {
    let version = body["meta"]["version"].as_str().map(str::to_string);
    if let (Some(version), Some(wanted)) = (&version, headers.get(header::IF_NONE_MATCH))
        && names_version(wanted, version)
    {
        return StatusCode::NOT_MODIFIED.into_response();
    }
    let mut response = scim(StatusCode::OK, body);
    if let Some(tag) = version.and_then(|v| HeaderValue::from_str(&v).ok()) {
        response.headers_mut().insert(header::ETAG, tag);
    }
    response
}

async fn service_provider_config(State(bridge): State<Bridge>) -> Response {
    scim(
        StatusCode::OK,
        discovery::service_provider_config(&bridge.inner.base),
    )
}

fn listed(items: Vec<Value>) -> Response {
    let total = items.len();
    scim(
        StatusCode::OK,
        json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
            "totalResults": total,
            "startIndex": 1,
            "itemsPerPage": total,
            "Resources": items,
        }),
    )
}

fn by_id(items: Vec<Value>, id: &str, what: &str) -> Response {
    match items.into_iter().find(|item| item["id"] == id) {
        Some(item) => scim(StatusCode::OK, item),
        None => ScimError::not_found(format!("no {what} {id:?}")).into_response(),
    }
}

async fn resource_types(State(bridge): State<Bridge>) -> Response {
    listed(discovery::resource_types(&bridge.inner.base))
}

async fn resource_type(State(bridge): State<Bridge>, Path(id): Path<String>) -> Response {
    by_id(
        discovery::resource_types(&bridge.inner.base),
        &id,
        "resource type",
    )
}

async fn schemas(State(bridge): State<Bridge>) -> Response {
    listed(discovery::schemas(&bridge.inner.base))
}

async fn schema(State(bridge): State<Bridge>, Path(id): Path<String>) -> Response {
    by_id(discovery::schemas(&bridge.inner.base), &id, "schema")
}

/// `If-Match`, when sent, must name the resource's current version (or `*`).
pub(crate) fn check_if_match(headers: &HeaderMap, current: &Value) -> Result<(), ScimError> {
    let Some(wanted) = headers.get(header::IF_MATCH) else {
        return Ok(());
    };
    let version = current["meta"]["version"].as_str().unwrap_or_default();
    if names_version(wanted, version) {
        Ok(())
    } else {
        Err(ScimError::precondition_failed(format!(
            "the user changed: its version is {version}, not {}",
            wanted.to_str().unwrap_or("(unreadable)")
        )))
    }
}

pub(crate) fn json_body(bytes: &[u8]) -> Result<Value, ScimError> {
    serde_json::from_slice(bytes)
        .map_err(|e| ScimError::invalid_syntax(format!("the body is not JSON: {e}")))
}

pub(crate) fn no_journal() -> ScimError {
    ScimError::new(
        StatusCode::NOT_IMPLEMENTED,
        "this bridge has no journal, so it makes no changes (every change is recorded)",
    )
}

// The fallbacks take the body, so it is read before the answer: a connection whose
// request body was left unread cannot be reused, and clients then see it dropped.

async fn not_supported(_body: axum::body::Bytes) -> ScimError {
    ScimError::new(
        StatusCode::NOT_IMPLEMENTED,
        "not supported by this bridge yet: it reads users and groups and writes users; \
         changing groups is not (use `usermgmt onboard` or `reconcile`)",
    )
}

/// Discovery resources are read-only (RFC 7644 section 4).
async fn read_only(_body: axum::body::Bytes) -> ScimError {
    ScimError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "the discovery endpoints are read-only: use GET",
    )
}

/// POST `.search` (RFC 7644 section 3.4.3) is optional; GET with `filter` does the same.
async fn search_not_supported(_body: axum::body::Bytes) -> ScimError {
    ScimError::new(
        StatusCode::NOT_IMPLEMENTED,
        "POST .search is not supported: use GET with filter=",
    )
}

async fn no_such_endpoint(_body: axum::body::Bytes) -> ScimError {
    ScimError::not_found("no such endpoint: the SCIM endpoints are under /scim/v2")
}
