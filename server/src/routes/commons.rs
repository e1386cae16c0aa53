//! The commons registry's HTTP API: accounts, sessions and tokens, groups,
//! resources with history, reports, moderation and exports. Handlers parse
//! and authenticate, call one use case in `app::commons`, and render.

use crate::app::AppState;
use crate::app::commons::input::ResourceInput;
use crate::app::commons::{self as registry, Presented, view};
use crate::routes::ApiError;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRef, FromRequest, FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use learnscape_core::commons::{
    Account, Credential, FieldError, Group, GroupId, ResourceId, Role, UserId,
};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::net::SocketAddr;

pub const SESSION_COOKIE: &str = "learnscape_session";
/// Tells the browser to forget its session cookie.
const CLEAR_COOKIE: &str = "learnscape_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";

/// Parses a JSON body; a wrong shape names the field it is about.
fn body<T: DeserializeOwned>(bytes: &Bytes) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            return ApiError::BadBody(format!("the body is not valid JSON: {inner}"));
        }
        let message = inner.to_string();
        let field = if path.is_empty() || path == "." {
            message.split('`').nth(1).unwrap_or("body").to_string()
        } else {
            path
        };
        ApiError::Invalid(vec![FieldError::new(field, message)])
    })
}

fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn presented<'a>(headers: &'a HeaderMap, method: &Method) -> Presented<'a> {
    let text = |h: &str| headers.get(h).and_then(|v| v.to_str().ok());
    Presented {
        bearer: text(header::AUTHORIZATION.as_str())
            .map(|a| a.strip_prefix("Bearer ").unwrap_or("malformed").trim()),
        cookie: cookie(headers, SESSION_COOKIE),
        csrf_header: text("x-csrf-token"),
        writes: !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS),
    }
}

/// The signed-in account and its credential; extracting it answers 401 or
/// 403 for a request without a good one.
pub struct Authed(pub Account, pub Credential);

impl<S: Send + Sync> FromRequestParts<S> for Authed
where
    AppState: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let p = presented(&parts.headers, &parts.method);
        let (account, credential) = registry::authenticate(&AppState::from_ref(state), &p).await?;
        Ok(Authed(account, credential))
    }
}

/// The account if a credential was sent (and is good); none if none was.
pub struct MaybeAuthed(pub Option<Account>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeAuthed
where
    AppState: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let p = presented(&parts.headers, &parts.method);
        if p.bearer.is_none() && p.cookie.is_none() {
            return Ok(MaybeAuthed(None));
        }
        Ok(MaybeAuthed(Some(
            registry::authenticate(&AppState::from_ref(state), &p)
                .await?
                .0,
        )))
    }
}

/// A JSON body of the expected shape (see [`body`]); too large is 413.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::TooLarge(format!(
                    "the body is larger than {} bytes",
                    crate::routes::MAX_BODY_BYTES
                ))
            } else {
                ApiError::BadBody(e.body_text())
            }
        })?;
        body(&bytes).map(JsonBody)
    }
}

pub(super) fn created(v: Value) -> Response {
    (StatusCode::CREATED, Json(v)).into_response()
}

fn resource_id(raw: &str) -> Result<ResourceId, ApiError> {
    raw.parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .map(ResourceId)
        .ok_or_else(|| ApiError::NotFound(format!("no resource {raw:?}")))
}

pub(super) fn number_id(raw: &str, what: &str) -> Result<i64, ApiError> {
    raw.parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| ApiError::NotFound(format!("no {what} {raw:?}")))
}

// ---- accounts, sessions, tokens -------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewAccountBody {
    email: String,
    password: String,
    display_name: String,
}

pub async fn create_account(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    JsonBody(b): JsonBody<NewAccountBody>,
) -> Result<Response, ApiError> {
    let a = registry::create_account(
        &state,
        &b.email,
        &b.password,
        &b.display_name,
        &addr.ip().to_string(),
    )
    .await?;
    Ok(created(view::account_json(&a)))
}

/// The secret of a link (an invitation, a password reset), carried in the
/// body so that no log keeps it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecretBody {
    pub(super) secret: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginBody {
    email: String,
    password: String,
}

pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    JsonBody(b): JsonBody<LoginBody>,
) -> Result<Response, ApiError> {
    let (secret, csrf, account) =
        registry::login(&state, &b.email, &b.password, &addr.ip().to_string()).await?;
    Ok(signed_in(
        &headers,
        &secret,
        json!({"account": view::account_json(&account), "csrf_token": csrf}),
    ))
}

/// 201 with `body` and the cookie of the new session `secret`.
pub(super) fn signed_in(headers: &HeaderMap, secret: &str, body: Value) -> Response {
    // Secure whenever the client reached us over TLS (directly or via a proxy).
    let secure = headers
        .get("x-forwarded-proto")
        .is_some_and(|v| v == "https");
    let cookie = format!(
        "{SESSION_COOKIE}={secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        14 * 24 * 3600,
        if secure { "; Secure" } else { "" }
    );
    let mut r = created(body);
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

pub async fn logout(
    State(state): State<AppState>,
    Authed(_, cred): Authed,
) -> Result<Response, ApiError> {
    registry::logout(&state, &cred).await?;
    let mut r = StatusCode::NO_CONTENT.into_response();
    r.headers_mut()
        .insert(header::SET_COOKIE, HeaderValue::from_static(CLEAR_COOKIE));
    Ok(r)
}

pub async fn me(
    State(state): State<AppState>,
    Authed(account, cred): Authed,
) -> Result<Json<Value>, ApiError> {
    let mut groups = Vec::new();
    for g in state.store.groups().await? {
        if g.stewards.contains(&account.id) {
            groups.push(group_answer(&state, &g).await?);
        }
    }
    let tokens: Vec<Value> = state
        .store
        .credentials_of(account.id)
        .await?
        .iter()
        .filter(|c| c.kind == learnscape_core::commons::CredentialKind::Token)
        .map(view::credential_json)
        .collect();
    let resets: Vec<Value> = registry::password_resets::open_for(&state, &account)
        .await?
        .iter()
        .map(|(r, by)| {
            json!({"id": r.id, "made_by": by.display_name, "expires_at": r.expires_at.to_rfc3339()})
        })
        .collect();
    Ok(Json(json!({
        "account": view::account_json(&account),
        "groups": groups,
        "tokens": tokens,
        "password_resets": resets,
        "csrf_token": cred.csrf,
    })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordBody {
    current_password: String,
    new_password: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    Authed(account, cred): Authed,
    JsonBody(b): JsonBody<PasswordBody>,
) -> Result<Json<Value>, ApiError> {
    let revoked = registry::password::change(
        &state,
        &account,
        &cred,
        &b.current_password,
        &b.new_password,
    )
    .await?;
    Ok(Json(json!({ "revoked": revoked })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EraseBody {
    password: String,
}

pub async fn erase_account(
    State(state): State<AppState>,
    Authed(account, _): Authed,
    JsonBody(b): JsonBody<EraseBody>,
) -> Result<Response, ApiError> {
    let orphaned = registry::erase::erase(&state, &account, &b.password).await?;
    let mut r = Json(json!({ "groups_without_steward": orphaned })).into_response();
    r.headers_mut()
        .insert(header::SET_COOKIE, HeaderValue::from_static(CLEAR_COOKIE));
    Ok(r)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenBody {
    label: String,
    expires_in_days: Option<i64>,
}

pub async fn create_token(
    State(state): State<AppState>,
    Authed(account, _): Authed,
    JsonBody(b): JsonBody<TokenBody>,
) -> Result<Response, ApiError> {
    let (secret, cred) =
        registry::create_token(&state, &account, &b.label, b.expires_in_days).await?;
    let mut v = view::credential_json(&cred);
    v["token"] = json!(secret);
    Ok(created(v))
}

pub async fn revoke_token(
    State(state): State<AppState>,
    Authed(account, _): Authed,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    registry::revoke_token(&state, &account, number_id(&id, "token")?).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleBody {
    role: String,
}

fn parse_role(raw: &str) -> Result<Role, ApiError> {
    Role::parse(raw).ok_or_else(|| {
        ApiError::Invalid(vec![FieldError::new(
            "role",
            "must be member, moderator or admin",
        )])
    })
}

pub async fn set_role(
    State(state): State<AppState>,
    Authed(account, _): Authed,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<RoleBody>,
) -> Result<Json<Value>, ApiError> {
    let role = parse_role(&b.role)?;
    let user = UserId(number_id(&id, "account")?);
    let a = registry::roles::set_role(&state, &account, user, role).await?;
    Ok(Json(view::account_json(&a)))
}

/// Everyone who moderates (admins).
pub async fn staff(
    State(state): State<AppState>,
    Authed(account, _): Authed,
) -> Result<Json<Value>, ApiError> {
    let all = registry::roles::staff(&state, &account).await?;
    let accounts: Vec<Value> = all.iter().map(view::account_json).collect();
    Ok(Json(json!({ "accounts": accounts })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleByEmail {
    email: String,
    role: String,
}

/// A role given by e-mail address (admins).
pub async fn set_role_by_email(
    State(state): State<AppState>,
    Authed(account, _): Authed,
    JsonBody(b): JsonBody<RoleByEmail>,
) -> Result<Json<Value>, ApiError> {
    let role = parse_role(&b.role)?;
    let a = registry::roles::set_role_by_email(&state, &account, &b.email, role).await?;
    Ok(Json(view::account_json(&a)))
}

// ---- groups ------------------------------------------------------------------

pub async fn groups(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let groups: Vec<Value> = state
        .store
        .groups()
        .await?
        .iter()
        .map(|g| json!({"id": g.id.0, "name": g.name, "description": g.description}))
        .collect();
    Ok(Json(json!({"groups": groups})))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupBody {
    name: String,
    #[serde(default)]
    description: String,
}

/// A group as its stewards see it: with the names of its stewards.
pub(super) async fn group_answer(state: &AppState, g: &Group) -> Result<Value, ApiError> {
    let stewards = registry::groups::stewards_of(state, g).await?;
    Ok(view::group_json(g, &stewards))
}

pub async fn create_group(
    State(state): State<AppState>,
    Authed(account, _): Authed,
    JsonBody(b): JsonBody<GroupBody>,
) -> Result<Response, ApiError> {
    let g = registry::groups::create_group(&state, &account, &b.name, &b.description).await?;
    Ok(created(group_answer(&state, &g).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupEdit {
    name: String,
    description: String,
}

pub async fn edit_group(
    State(state): State<AppState>,
    Authed(account, _): Authed,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<GroupEdit>,
) -> Result<Json<Value>, ApiError> {
    let id = GroupId(number_id(&id, "group")?);
    let g = registry::groups::edit_group(&state, &account, id, &b.name, &b.description).await?;
    Ok(Json(group_answer(&state, &g).await?))
}

/// Every group with its stewards named, those without one first (moderators).
pub async fn every_group(
    State(state): State<AppState>,
    Authed(account, _): Authed,
) -> Result<Json<Value>, ApiError> {
    let groups: Vec<Value> = registry::groups::every_group(&state, &account)
        .await?
        .iter()
        .map(|(g, stewards)| view::group_json(g, stewards))
        .collect();
    Ok(Json(json!({ "groups": groups })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StewardBody {
    email: String,
}

pub async fn add_steward(
    State(state): State<AppState>,
    Authed(account, _): Authed,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<StewardBody>,
) -> Result<Json<Value>, ApiError> {
    let id = GroupId(number_id(&id, "group")?);
    let g = registry::groups::add_steward(&state, &account, id, &b.email).await?;
    Ok(Json(group_answer(&state, &g).await?))
}

pub async fn remove_steward(
    State(state): State<AppState>,
    Authed(account, _): Authed,
    Path((id, user)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let id = GroupId(number_id(&id, "group")?);
    let user = UserId(number_id(&user, "account")?);
    let g = registry::groups::remove_steward(&state, &account, id, user).await?;
    Ok(Json(group_answer(&state, &g).await?))
}

// ---- resources -----------------------------------------------------------------

pub async fn register(
    State(state): State<AppState>,
    Authed(account, _): Authed,
    JsonBody(input): JsonBody<ResourceInput>,
) -> Result<Response, ApiError> {
    let (r, dups) = registry::register_resource(&state, &account, &input).await?;
    let group = state.store.group(r.group).await?;
    let mut v = view::resource_json(&r, &group, true);
    v["possible_duplicates"] = view::duplicates_json(&dups);
    Ok(created(v))
}

pub async fn edit(
    State(state): State<AppState>,
    Authed(account, _): Authed,
    Path(id): Path<String>,
    JsonBody(input): JsonBody<ResourceInput>,
) -> Result<Json<Value>, ApiError> {
    let (r, dups) = registry::edit_resource(&state, &account, resource_id(&id)?, &input).await?;
    let group = state.store.group(r.group).await?;
    let mut v = view::resource_json(&r, &group, true);
    v["possible_duplicates"] = view::duplicates_json(&dups);
    Ok(Json(v))
}

pub async fn one(
    State(state): State<AppState>,
    MaybeAuthed(viewer): MaybeAuthed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id = resource_id(&id)?;
    let r = state.store.resource(id).await?;
    let private = registry::privileged(&state, viewer.as_ref(), &r).await?;
    if !private && r.public().is_none() {
        return Err(ApiError::NotFound(format!("resource {} not found", id.0)));
    }
    let group = state.store.group(r.group).await?;
    Ok(Json(view::resource_json(&r, &group, private)))
}

pub async fn history(
    State(state): State<AppState>,
    MaybeAuthed(viewer): MaybeAuthed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id = resource_id(&id)?;
    let r = state.store.resource(id).await?;
    if registry::privileged(&state, viewer.as_ref(), &r).await? {
        let group = state.store.group(r.group).await?;
        let v = view::resource_json(&r, &group, true);
        let people: Vec<Value> = registry::history_people(&state, &r)
            .await?
            .iter()
            .map(|a| json!({"id": a.id.0, "display_name": a.display_name}))
            .collect();
        return Ok(Json(
            json!({"id": id.0, "revisions": v["revisions"], "moderation": v["moderation"], "people": people}),
        ));
    }
    if r.public().is_none() {
        return Err(ApiError::NotFound(format!("resource {} not found", id.0)));
    }
    Ok(Json(view::public_history(&r)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReasonBody {
    #[serde(default)]
    reason: String,
}

pub async fn archive(
    State(state): State<AppState>,
    Authed(account, _): Authed,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<ReasonBody>,
) -> Result<Json<Value>, ApiError> {
    let r = registry::archive(&state, &account, resource_id(&id)?, &b.reason).await?;
    let group = state.store.group(r.group).await?;
    Ok(Json(view::resource_json(&r, &group, true)))
}

pub async fn restore(
    State(state): State<AppState>,
    Authed(account, _): Authed,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<ReasonBody>,
) -> Result<Json<Value>, ApiError> {
    let r = registry::restore(&state, &account, resource_id(&id)?, &b.reason).await?;
    let group = state.store.group(r.group).await?;
    Ok(Json(view::resource_json(&r, &group, true)))
}

pub async fn mine(
    State(state): State<AppState>,
    Authed(account, _): Authed,
) -> Result<Json<Value>, ApiError> {
    let list: Vec<Value> = registry::my_resources(&state, &account)
        .await?
        .iter()
        .map(|(r, g)| view::resource_json(r, g, true))
        .collect();
    Ok(Json(json!({"resources": list})))
}

pub async fn public_list(
    State(state): State<AppState>,
) -> Result<crate::geojson_out::GeoJson, ApiError> {
    Ok(crate::geojson_out::GeoJson(view::export_geojson(
        &approved(&state).await?,
    )))
}

async fn approved(
    state: &AppState,
) -> Result<
    Vec<(
        learnscape_core::commons::Resource,
        learnscape_core::commons::Group,
    )>,
    ApiError,
> {
    let groups = state.store.groups().await?;
    Ok(state
        .store
        .resources()
        .await?
        .into_iter()
        .filter(|r| r.public().is_some())
        .filter_map(|r| {
            groups
                .iter()
                .find(|g| g.id == r.group)
                .cloned()
                .map(|g| (r, g))
        })
        .collect())
}

pub async fn export(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, ApiError> {
    let items = approved(&state).await?;
    match file.as_str() {
        "commons.geojson" => Ok((
            [(header::CONTENT_TYPE, "application/geo+json")],
            view::export_geojson(&items).to_string(),
        )
            .into_response()),
        "commons.csv" => {
            let bytes = view::export_csv(&items).map_err(|e| ApiError::Internal(e.to_string()))?;
            Ok((
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                    (
                        header::CONTENT_DISPOSITION,
                        "attachment; filename=\"learnscape-commons.csv\"",
                    ),
                ],
                bytes,
            )
                .into_response())
        }
        other => Err(ApiError::NotFound(format!(
            "no export {other:?}: commons.geojson or commons.csv"
        ))),
    }
}

// ---- reports and moderation --------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportBody {
    kind: String,
    #[serde(default)]
    comment: String,
}

pub async fn report(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    // Residents may report without an account; a sent credential must be good.
    MaybeAuthed(reporter): MaybeAuthed,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<ReportBody>,
) -> Result<Response, ApiError> {
    let r = registry::report(
        &state,
        reporter.as_ref(),
        &addr.ip().to_string(),
        resource_id(&id)?,
        &b.kind,
        &b.comment,
    )
    .await?;
    Ok(created(view::report_json(&r)))
}

pub async fn queue(
    State(state): State<AppState>,
    Authed(account, _): Authed,
) -> Result<Json<Value>, ApiError> {
    let (pending, reports) = registry::queue(&state, &account).await?;
    let groups = state.store.groups().await?;
    let pending: Vec<Value> = pending
        .iter()
        .filter_map(|r| {
            groups
                .iter()
                .find(|g| g.id == r.group)
                .map(|g| view::resource_json(r, g, true))
        })
        .collect();
    Ok(Json(
        json!({"pending": pending, "reports": reports.iter().map(view::report_json).collect::<Vec<_>>()}),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionBody {
    revision: u32,
    decision: String,
    #[serde(default)]
    reason: String,
}

pub async fn decide(
    State(state): State<AppState>,
    Authed(account, _): Authed,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<DecisionBody>,
) -> Result<Json<Value>, ApiError> {
    let approve = match b.decision.as_str() {
        "approve" => true,
        "reject" => false,
        _ => {
            return Err(ApiError::Invalid(vec![FieldError::new(
                "decision",
                "must be approve or reject",
            )]));
        }
    };
    let r = registry::decide(
        &state,
        &account,
        resource_id(&id)?,
        b.revision,
        approve,
        &b.reason,
    )
    .await?;
    let group = state.store.group(r.group).await?;
    Ok(Json(view::resource_json(&r, &group, true)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResolveBody {
    #[serde(default)]
    note: String,
}

pub async fn resolve(
    State(state): State<AppState>,
    Authed(account, _): Authed,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<ResolveBody>,
) -> Result<Json<Value>, ApiError> {
    let r = registry::resolve_report(&state, &account, number_id(&id, "report")?, &b.note).await?;
    Ok(Json(view::report_json(&r)))
}
