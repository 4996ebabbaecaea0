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
use axum::routing::get;
use futures::TryStreamExt;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};
use subtle::ConstantTimeEq;
use tokio::net::TcpListener;
use usermgmt::{AccessProfile, Directory, Person, Recorder, Snapshot};
use wildmatch::WildMatch;

use crate::filter::{AttrPath, CompareOp, Filter};
use crate::people::{self, PersonRecord};
use crate::query::{ListQuery, list_response};
use crate::{SCIM_JSON, ScimError, discovery, provision, resource};

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
    /// Where changes are recorded; without one the bridge changes nothing.
    recorder: Option<Arc<dyn Recorder>>,
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
            .field("journaled", &self.inner.recorder.is_some())
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
                recorder: None,
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

    /// Record every change in `recorder` (the journal); without one the bridge only
    /// reads, and writes answer `501`.
    pub fn recorder(self, recorder: Arc<dyn Recorder>) -> Self {
        self.map(|inner| inner.recorder = Some(recorder))
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
        self.inner.recorder.as_deref()
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
            .route("/ServiceProviderConfig", get(service_provider_config))
            .route("/ResourceTypes", get(resource_types))
            .route("/ResourceTypes/{id}", get(resource_type))
            .route("/Schemas", get(schemas))
            .route("/Schemas/{id}", get(schema))
            .route("/Users", get(list_users).post(create_user))
            .route("/Users/{id}", get(get_user).patch(patch_user).put(put_user))
            .route("/Groups", get(list_groups))
            .route("/Groups/{id}", get(get_group))
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

    /// The people `filter` can only match, when it pins `userName` to one email: one
    /// look-up per provider instead of a full listing.
    async fn candidates(&self, filter: Option<&Filter>) -> Result<Vec<PersonRecord>, ScimError> {
        let Some(person) = filter.and_then(pinned_user_name) else {
            return self.everyone().await;
        };
        let mut accounts = Vec::new();
        for (_, answer) in self.inner.directory.find_snapshots(&person).await {
            accounts.extend(answer.map_err(provider_failed)?);
        }
        Ok(people::group(accounts, &self.inner.profiles))
    }
}

/// A provider failed: the answer would be incomplete, and an IdP reading "no such
/// user" from it could create a duplicate, so the whole request fails.
fn provider_failed(error: usermgmt::Error) -> ScimError {
    ScimError::new(
        StatusCode::BAD_GATEWAY,
        format!("a provider could not be read, so the answer would be incomplete: {error}"),
    )
}

/// `userName eq "<email>"` (alone or and-ed with more): the person it pins.
fn pinned_user_name(filter: &Filter) -> Option<Person> {
    match filter {
        Filter::Compare {
            path,
            op: CompareOp::Eq,
            value: Value::String(email),
        } if is_user_name(path) => Person::new(email).ok(),
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
    let people = bridge.candidates(query.filter.as_ref()).await?;
    let base = &bridge.inner.base;
    let users = people.iter().map(|p| resource::user(p, base));
    Ok(scim(StatusCode::OK, list_response(users, &query)))
}

/// The person with SCIM id `id`.
async fn person_by_id(bridge: &Bridge, id: &str) -> Result<PersonRecord, ScimError> {
    bridge
        .everyone()
        .await?
        .into_iter()
        .find(|p| resource::user_id(&p.email) == id)
        .ok_or_else(|| ScimError::not_found(format!("no user {id:?}")))
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

/// The user as it is after a change: read again; a person whose every account was
/// deleted is shown as they were, inactive and without accounts.
async fn after_change(bridge: &Bridge, before: PersonRecord) -> Result<Response, ScimError> {
    let filter = user_name_filter(&before.email);
    let now = bridge
        .candidates(Some(&filter))
        .await?
        .into_iter()
        .next()
        .unwrap_or(PersonRecord {
            accounts: Vec::new(),
            profile: None,
            ..before
        });
    Ok(resource_answer(
        &HeaderMap::new(),
        resource::user(&now, &bridge.inner.base),
    ))
}

async fn create_user(
    State(bridge): State<Bridge>,
    body: axum::body::Bytes,
) -> Result<Response, ScimError> {
    let body = json_body(&body)?;
    let user = provision::new_user(&body)?;
    let pinned = user_name_filter(&user.email);
    let existing = bridge.candidates(Some(&pinned)).await?;
    if existing.iter().any(|p| !p.accounts.is_empty()) {
        return Err(ScimError::uniqueness(format!(
            "{} exists already (accounts in one or more providers): find it with filter=userName eq \"{}\"",
            user.email, user.email
        )));
    }
    bridge.create(&user, "POST /Users").await?;
    let before = PersonRecord {
        email: user.email.clone(),
        name: Some(user.name.clone()),
        accounts: Vec::new(),
        profile: None,
    };
    let mut response = after_change(&bridge, before).await?;
    *response.status_mut() = StatusCode::CREATED;
    let location = resource::user_location(&user.email, &bridge.inner.base);
    if let Ok(location) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

fn user_name_filter(email: &str) -> Filter {
    Filter::Compare {
        path: AttrPath {
            uri: None,
            attribute: "userName".into(),
            sub_attribute: None,
        },
        op: CompareOp::Eq,
        value: Value::String(email.to_string()),
    }
}

async fn patch_user(
    State(bridge): State<Bridge>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, ScimError> {
    let body = json_body(&body)?;
    let active = provision::patch_active(&body)?;
    change_user(&bridge, "PATCH", &id, &headers, |_| Ok(active)).await
}

async fn put_user(
    State(bridge): State<Bridge>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, ScimError> {
    let body = json_body(&body)?;
    change_user(&bridge, "PUT", &id, &headers, |person| {
        provision::put_active(&body, person)
    })
    .await
}

/// The common part of PATCH and PUT: find the user, check `If-Match`, set the `active`
/// that `wanted` reads from the request, answer with the user as it is now.
async fn change_user(
    bridge: &Bridge,
    method: &str,
    id: &str,
    headers: &HeaderMap,
    wanted: impl FnOnce(&PersonRecord) -> Result<Option<bool>, ScimError>,
) -> Result<Response, ScimError> {
    let person = person_by_id(bridge, id).await?;
    check_if_match(headers, &resource::user(&person, &bridge.inner.base))?;
    if let Some(active) = wanted(&person)? {
        bridge
            .set_active(&person, active, &format!("{method} /Users/{id}"))
            .await?;
    }
    after_change(bridge, person).await
}

async fn get_user(
    State(bridge): State<Bridge>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ScimError> {
    let person = person_by_id(&bridge, &id).await?;
    Ok(resource_answer(
        &headers,
        resource::user(&person, &bridge.inner.base),
    ))
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

async fn not_supported() -> ScimError {
    ScimError::new(
        StatusCode::NOT_IMPLEMENTED,
        "not supported by this bridge yet: it reads users and groups, creates users and \
         deactivates them (PATCH or PUT with active false); deleting users and changing \
         groups are not (use `usermgmt offboard` or `reconcile`)",
    )
}

async fn no_such_endpoint() -> ScimError {
    ScimError::not_found("no such endpoint: the SCIM endpoints are under /scim/v2")
}
