//! Password reset links over HTTP: an admin makes one for an account;
//! whoever holds it reads whose password it sets and, with no account
//! signed in, sets a new one and is signed in. The secret travels in the
//! body, never in a path or query that logs would keep.

use super::ApiError;
use super::commons::{Authed, JsonBody, SecretBody, created, signed_in};
use crate::app::AppState;
use crate::app::commons::{password_resets, view};
use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MakeBody {
    email: String,
}

/// A new link, with the secret it holds (shown only now).
pub async fn make(
    State(state): State<AppState>,
    Authed(admin, _): Authed,
    JsonBody(b): JsonBody<MakeBody>,
) -> Result<Response, ApiError> {
    let (r, account, secret) = password_resets::make(&state, &admin, &b.email).await?;
    Ok(created(json!({
        "id": r.id,
        "account": view::account_json(&account),
        "created_at": r.created_at.to_rfc3339(),
        "expires_at": r.expires_at.to_rfc3339(),
        "secret": secret,
    })))
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
