//! Password reset links over HTTP: an admin makes one for an account (and
//! lists and withdraws the open ones; the account's owner may withdraw it too);
//! whoever holds it reads whose password it sets and, with no account
//! signed in, sets a new one and is signed in. The secret travels in the
//! body, never in a path or query that logs would keep.

use super::ApiError;
use super::commons::{Authed, JsonBody, SecretBody, created, number_id, signed_in};
use crate::app::AppState;
use crate::app::commons::{password_resets, view};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use learnscape_core::commons::{Account, PasswordReset};
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MakeBody {
    email: String,
}

fn link_json(r: &PasswordReset, account: &Account, made_by: &Account) -> Value {
    json!({
        "id": r.id,
        "account": view::account_json(account),
        "made_by": {"id": made_by.id.0, "display_name": made_by.display_name},
        "created_at": r.created_at.to_rfc3339(),
        "expires_at": r.expires_at.to_rfc3339(),
    })
}

/// A new link, with the secret it holds (shown only now).
pub async fn make(
    State(state): State<AppState>,
    Authed(admin, _): Authed,
    JsonBody(b): JsonBody<MakeBody>,
) -> Result<Response, ApiError> {
    let (r, account, secret) = password_resets::make(&state, &admin, &b.email).await?;
    let mut answer = link_json(&r, &account, &admin);
    answer["secret"] = json!(secret);
    Ok(created(answer))
}

/// The links that can still be used, newest first, without their secrets.
pub async fn open(
    State(state): State<AppState>,
    Authed(admin, _): Authed,
) -> Result<Json<Value>, ApiError> {
    let open: Vec<Value> = password_resets::open_links(&state, &admin)
        .await?
        .iter()
        .map(|o| link_json(&o.link, &o.account, &o.made_by))
        .collect();
    Ok(Json(json!({ "password_resets": open })))
}

/// Withdraws a link: admins any, an account's owner those for their own.
pub async fn withdraw(
    State(state): State<AppState>,
    Authed(actor, _): Authed,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    password_resets::withdraw(&state, &actor, number_id(&id, "password reset")?).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Whose password a link sets; no account needed.
pub async fn preview(
    State(state): State<AppState>,
    JsonBody(b): JsonBody<SecretBody>,
) -> Result<Json<Value>, ApiError> {
    let (r, account) = password_resets::preview(&state, &b.secret).await?;
    Ok(Json(json!({
        "account": {"display_name": account.display_name, "email": account.email},
        "expires_at": r.expires_at.to_rfc3339(),
    })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UseBody {
    secret: String,
    new_password: String,
}

/// Sets the new password and signs in, as `POST /api/v1/sessions` does.
pub async fn set_password(
    State(state): State<AppState>,
    headers: HeaderMap,
    JsonBody(b): JsonBody<UseBody>,
) -> Result<Response, ApiError> {
    let s = password_resets::set_password(&state, &b.secret, &b.new_password).await?;
    Ok(signed_in(
        &headers,
        &s.secret,
        json!({
            "account": view::account_json(&s.account),
            "csrf_token": s.csrf,
            "revoked": s.ended,
        }),
    ))
}
