//! The HTTP side: the axum router under `/scim/v2`, bearer authentication, and the
//! read handlers. Every answer is `application/scim+json`; every failure is a SCIM
//! error body.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Query, Request, State};
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
use crate::query::{ListQuery, list_response};
use crate::{SCIM_JSON, ScimError, discovery, patch, provision, resource, users};

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
}

impl std::fmt::Debug for Bridge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bridge")
            .field("base", &self.inner.base)
            .field("profiles", &self.inner.profiles.keys().collect::<Vec<_>>())
            .field("journaled", &self.inner.journal.is_some())
            .field("exclude", &self.inner.exclude.len())
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
    /// profile (a department equal to a profile's name, ignoring case, picks that one).
    pub fn default_profile(self, name: &str) -> Self {
        let name = name.to_string();
        self.map(|inner| inner.default_profile = Some(name))
    }

    /// The profile a new user gets: their department's, else the default one.
    pub(crate) fn profile_for(
        &self,
        user: &provision::NewUser,
    ) -> Result<AccessProfile, ScimError> {
        let profiles = &self.inner.profiles;
        let by_department = user.department.as_deref().and_then(|d| {
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
        by_department.or_else(by_default).cloned().ok_or_else(|| {
            ScimError::invalid_value(format!(
                "no access profile for {}: its department ({}) names none of the config file's \
                 profiles ({}), and the bridge has no default profile (--default-profile)",
                user.email,
                user.department.as_deref().unwrap_or("none given"),
                profiles.keys().cloned().collect::<Vec<_>>().join(", ")
            ))
        })
    }

    pub(crate) fn recorder_ref(&self) -> Option<&dyn Recorder> {
        self.inner.journal.as_deref().map(|j| j as &dyn Recorder)
    }

    pub(crate) fn journal_ref(&self) -> Option<&Journal> {
        self.inner.journal.as_deref()
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
            .route("/Users", get(list_users).post(create_user))
            .route(
                "/Users/{id}",
                get(get_user)
                    .patch(patch_user)
                    .put(put_user)
                    .delete(delete_user),
            )
            .route("/Groups", get(list_groups))
            .route("/Groups/{id}", get(get_group))
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
    async fn everyone(&self) -> Result<Vec<PersonRecord>, ScimError> {
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
    async fn users(&self, filter: Option<&Filter>) -> Result<Vec<UserRecord>, ScimError> {
        let Some(name) = filter.and_then(pinned_user_name) else {
            return Ok(people::join(self.everyone().await?, self.stored_users()?));
        };
        let stored: Vec<ScimUser> = self
            .stored_users()?
            .into_iter()
            .filter(|u| {
                u.email.eq_ignore_ascii_case(&name)
                    || crate::filter::field(&u.attributes, "userName")
                        .and_then(Value::as_str)
                        .is_some_and(|n| n.eq_ignore_ascii_case(&name))
            })
            .collect();
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
    fn stored_users(&self) -> Result<Vec<ScimUser>, ScimError> {
        match self.journal_ref() {
            Some(journal) => journal.scim_users().map_err(journal_failed),
            None => Ok(Vec::new()),
        }
    }

    /// The user with SCIM id `id`: a stored one is looked up by its email at each
    /// provider; any other is searched among everyone.
    async fn user_by_id(&self, id: &str) -> Result<UserRecord, ScimError> {
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
fn journal_failed(error: usermgmt_journal::JournalError) -> ScimError {
    ScimError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("the journal failed: {error}"),
    )
}

/// A provider failed: the answer would be incomplete, and an IdP reading "no such
/// user" from it could create a duplicate, so the whole request fails.
fn provider_failed(error: usermgmt::Error) -> ScimError {
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
fn scim(status: StatusCode, body: Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(SCIM_JSON));
    response
}

/// Whether an `If-Match`/`If-None-Match` value (a list of entity tags, or `*`) names
/// `version`.
fn names_version(header: &HeaderValue, version: &str) -> bool {
    header.to_str().is_ok_and(|tags| {
        tags.split(',')
            .any(|t| t.trim() == version || t.trim() == "*")
    })
}

/// One resource, with its version as the `ETag` header; `304` when `If-None-Match`
/// names that version.
fn resource_answer(headers: &HeaderMap, body: Value) -> Response {
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

async fn list_users(
    State(bridge): State<Bridge>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, ScimError> {
    let query = ListQuery::parse(&params)?;
    let found = bridge.users(query.filter.as_ref()).await?;
    let base = &bridge.inner.base;
    let users = found.iter().map(|u| u.resource(base));
    Ok(scim(StatusCode::OK, list_response(users, &query)))
}

/// `If-Match`, when sent, must name the resource's current version (or `*`).
fn check_if_match(headers: &HeaderMap, current: &Value) -> Result<(), ScimError> {
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

fn json_body(bytes: &[u8]) -> Result<Value, ScimError> {
    serde_json::from_slice(bytes)
        .map_err(|e| ScimError::invalid_syntax(format!("the body is not JSON: {e}")))
}

fn no_journal() -> ScimError {
    ScimError::new(
        StatusCode::NOT_IMPLEMENTED,
        "this bridge has no journal, so it makes no changes (every change is recorded)",
    )
}

/// The user with `id` as it is now, as an answer.
async fn answer_user(bridge: &Bridge, id: &str, status: StatusCode) -> Result<Response, ScimError> {
    let user = bridge.user_by_id(id).await?;
    let mut response = resource_answer(&HeaderMap::new(), user.resource(&bridge.inner.base));
    *response.status_mut() = status;
    Ok(response)
}

/// POST /Users: onboard the person (unless created inactive) and store the user.
async fn create_user(
    State(bridge): State<Bridge>,
    body: axum::body::Bytes,
) -> Result<Response, ScimError> {
    let body = json_body(&body)?;
    let journal = bridge.journal_ref().ok_or_else(no_journal)?;
    let attributes = Value::Object(users::writable(&body));
    let email = users::email_of(&attributes)?;
    let user_name = crate::filter::field(&attributes, "userName")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .ok_or_else(|| ScimError::invalid_value("userName is required"))?
        .to_string();
    let active = users::desired_active(&attributes, true)?;
    let mut taken = bridge.users(Some(&user_name_filter(&email))).await?;
    if user_name != email {
        taken.extend(bridge.users(Some(&user_name_filter(&user_name))).await?);
    }
    if let Some(existing) = taken.iter().find(|u| {
        u.stored.is_some() && u.person.email.eq_ignore_ascii_case(&email)
            || u.stored.as_ref().is_some_and(|s| {
                crate::filter::field(&s.attributes, "userName")
                    .and_then(Value::as_str)
                    .is_some_and(|n| n.eq_ignore_ascii_case(&user_name))
            })
            || (!u.person.accounts.is_empty() && u.person.email.eq_ignore_ascii_case(&email))
    }) {
        return Err(ScimError::uniqueness(format!(
            "{email} exists already (user {}): find it with filter=userName eq \"{}\"",
            existing.id(),
            existing.person.email
        )));
    }
    let new_user = provision::NewUser {
        name: users::name_of(&attributes, &email),
        department: users::department(&attributes),
        email: email.clone(),
    };
    if active {
        bridge.create(&new_user, "POST /Users").await?;
    }
    let now = chrono::Utc::now();
    let stored = ScimUser {
        id: uuid::Uuid::new_v4().to_string(),
        email: email.to_lowercase(),
        external_id: users::external_id(&body),
        attributes,
        created: now,
        last_modified: now,
        offboard_run: None,
    };
    journal.save_scim_user(&stored).map_err(journal_failed)?;
    let mut response = answer_user(&bridge, &stored.id, StatusCode::CREATED).await?;
    let location = format!("{}/Users/{}", bridge.inner.base, stored.id);
    if let Ok(location) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

fn user_name_filter(name: &str) -> Filter {
    Filter::Compare {
        path: AttrPath {
            uri: None,
            attribute: "userName".into(),
            sub_attribute: None,
        },
        op: CompareOp::Eq,
        value: Value::String(name.to_string()),
    }
}

/// PATCH operations may not target what the bridge answers itself (`id`, `meta`,
/// `groups`, the accounts extension): RFC 7644 section 3.5.2, readOnly attributes.
fn check_patch_targets(body: &Value) -> Result<(), ScimError> {
    for operation in patch::operations(body)? {
        let path = crate::filter::field(operation, "path").and_then(Value::as_str);
        let targets: Vec<String> = match path {
            Some(path) => {
                let top = if path.trim().to_ascii_lowercase().starts_with("urn:")
                    && users::is_answered(path.trim())
                {
                    path.trim().to_string()
                } else {
                    crate::filter::PatchPath::parse(path)
                        .map(|p| p.attribute.attribute)
                        .unwrap_or_default()
                };
                vec![top]
            }
            None => crate::filter::field(operation, "value")
                .and_then(Value::as_object)
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default(),
        };
        if let Some(target) = targets.iter().find(|t| users::is_answered(t)) {
            return Err(ScimError::mutability(format!(
                "{target} is read-only: the bridge answers it from the providers' state"
            )));
        }
    }
    Ok(())
}

async fn patch_user(
    State(bridge): State<Bridge>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, ScimError> {
    let body = json_body(&body)?;
    check_patch_targets(&body)?;
    change_user(&bridge, "PATCH", &id, &headers, |current| {
        let mut patched = current.clone();
        patch::apply(&mut patched, &body)?;
        Ok(patched)
    })
    .await
}

async fn put_user(
    State(bridge): State<Bridge>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, ScimError> {
    let body = json_body(&body)?;
    change_user(&bridge, "PUT", &id, &headers, |_| Ok(body)).await
}

/// The common part of PATCH and PUT: find the user, check `If-Match`, compute the user
/// as written (`written` from the current one), refuse a rename, carry out a change of
/// `active` (offboard; reinstate from the offboarding run, or onboard), store the user,
/// answer with it as it is now.
async fn change_user(
    bridge: &Bridge,
    method: &str,
    id: &str,
    headers: &HeaderMap,
    written: impl FnOnce(&Value) -> Result<Value, ScimError>,
) -> Result<Response, ScimError> {
    let journal = bridge.journal_ref().ok_or_else(no_journal)?;
    let user = bridge.user_by_id(id).await?;
    let current = user.resource(&bridge.inner.base);
    check_if_match(headers, &current)?;
    let after = written(&current)?;
    users::check_same_person(&current, &after, &user.person.email)?;
    let mut attributes = users::writable(&after);
    if !attributes
        .keys()
        .any(|k| k.eq_ignore_ascii_case("userName"))
    {
        attributes.insert("userName".into(), current["userName"].clone());
    }
    let was_active = resource::active(&user.person, user.stored.as_ref());
    let active = users::desired_active(&Value::Object(attributes.clone()), was_active)?;
    attributes.insert("active".into(), Value::Bool(active));
    let mut offboard_run = user.stored.as_ref().and_then(|s| s.offboard_run.clone());
    let request = format!("{method} /Users/{id}");
    if active != was_active {
        if !active {
            offboard_run = bridge.offboard(&user.person, &request).await?;
        } else if let Some(run) = offboard_run.take() {
            bridge.reinstate(&user.person.email, &run, &request).await?;
        } else {
            let attributes = Value::Object(attributes.clone());
            let new_user = provision::NewUser {
                name: users::name_of(&attributes, &user.person.email),
                department: users::department(&attributes),
                email: user.person.email.clone(),
            };
            bridge.create(&new_user, &request).await?;
        }
    }
    let now = chrono::Utc::now();
    let stored = ScimUser {
        id: user.id(),
        email: user.person.email.to_lowercase(),
        external_id: users::external_id(&after),
        attributes: Value::Object(attributes),
        created: user.stored.as_ref().map_or(now, |s| s.created),
        last_modified: now,
        offboard_run,
    };
    journal.save_scim_user(&stored).map_err(journal_failed)?;
    answer_user(bridge, &stored.id, StatusCode::OK).await
}

/// DELETE /Users/{id}: offboard the person everywhere (when active) and forget the
/// user; `204`, then `404`.
async fn delete_user(
    State(bridge): State<Bridge>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ScimError> {
    let journal = bridge.journal_ref().ok_or_else(no_journal)?;
    let user = bridge.user_by_id(&id).await?;
    check_if_match(&headers, &user.resource(&bridge.inner.base))?;
    if resource::active(&user.person, user.stored.as_ref()) {
        bridge
            .offboard(&user.person, &format!("DELETE /Users/{id}"))
            .await?;
    }
    if let Some(stored) = &user.stored {
        journal
            .forget_scim_user(&stored.id)
            .map_err(journal_failed)?;
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn get_user(
    State(bridge): State<Bridge>,
    Path(id): Path<String>,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Response, ScimError> {
    let projection = crate::query::Projection::from_params(&params);
    let user = bridge.user_by_id(&id).await?;
    let resource = user.resource(&bridge.inner.base);
    let version = resource["meta"]["version"].clone();
    let mut shown = projection.apply(resource);
    shown["meta"]["version"] = version;
    Ok(resource_answer(&headers, shown))
}

/// Every profile as a group, with the people whose access matches it.
async fn groups(bridge: &Bridge) -> Result<Vec<Value>, ScimError> {
    let people = bridge.everyone().await?;
    Ok(bridge
        .inner
        .profiles
        .keys()
        .map(|name| {
            let members: Vec<&PersonRecord> = people
                .iter()
                .filter(|p| p.profile.as_deref() == Some(name.as_str()))
                .collect();
            resource::group(name, &members, &bridge.inner.base)
        })
        .collect())
}

async fn list_groups(
    State(bridge): State<Bridge>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, ScimError> {
    let query = ListQuery::parse(&params)?;
    let groups = groups(&bridge).await?;
    Ok(scim(StatusCode::OK, list_response(groups, &query)))
}

async fn get_group(
    State(bridge): State<Bridge>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ScimError> {
    let group = groups(&bridge)
        .await?
        .into_iter()
        .find(|g| g["id"] == id.as_str())
        .ok_or_else(|| ScimError::not_found(format!("no group {id:?}")))?;
    Ok(resource_answer(&headers, group))
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
