//! Invitations to steward a group, over HTTP: a group's stewards make,
//! list and withdraw links; whoever holds one reads what it invites to and,
//! signed in, accepts it. The secret travels in the body, never in a path
//! or query that logs would keep.

use super::ApiError;
use super::commons::{Authed, JsonBody, SecretBody, created, group_answer, number_id};
use crate::app::AppState;
use crate::app::commons::invitations;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use learnscape_core::commons::invitation::Invitation;
use learnscape_core::commons::{Account, GroupId};
use serde_json::{Value, json};

fn invitation_json(i: &Invitation, by: &Account) -> Value {
    json!({
        "id": i.id,
        "group": i.group.0,
        "invited_by": {"id": by.id.0, "display_name": by.display_name},
        "created_at": i.created_at.to_rfc3339(),
        "expires_at": i.expires_at.to_rfc3339(),
    })
}

/// A new link's invitation, with the secret it holds (shown only now).
pub async fn invite(
    State(state): State<AppState>,
    Authed(account, _): Authed,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let group = GroupId(number_id(&id, "group")?);
    let (i, secret) = invitations::invite(&state, &account, group).await?;
    let mut answer = invitation_json(&i, &account);
    answer["secret"] = json!(secret);
    Ok(created(answer))
}

pub async fn open(
    State(state): State<AppState>,
    Authed(account, _): Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let group = GroupId(number_id(&id, "group")?);
    let open: Vec<Value> = invitations::open_invitations(&state, &account, group)
        .await?
        .iter()
        .map(|(i, by)| invitation_json(i, by))
        .collect();
    Ok(Json(json!({ "invitations": open })))
}

pub async fn withdraw(
    State(state): State<AppState>,
    Authed(account, _): Authed,
    Path((id, invitation)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let group = GroupId(number_id(&id, "group")?);
    let invitation = number_id(&invitation, "invitation")?;
    invitations::withdraw(&state, &account, group, invitation).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// What a link invites to; no account needed.
pub async fn preview(
    State(state): State<AppState>,
    JsonBody(b): JsonBody<SecretBody>,
) -> Result<Json<Value>, ApiError> {
    let (i, group, by) = invitations::preview(&state, &b.secret).await?;
    Ok(Json(json!({
        "group": {"id": group.id.0, "name": group.name, "description": group.description},
        "invited_by": by.display_name,
        "expires_at": i.expires_at.to_rfc3339(),
    })))
}

/// Accepts: the group as its stewards see it, the new one among them.
pub async fn accept(
    State(state): State<AppState>,
    Authed(account, _): Authed,
    JsonBody(b): JsonBody<SecretBody>,
) -> Result<Json<Value>, ApiError> {
    let g = invitations::accept(&state, &account, &b.secret).await?;
    Ok(Json(group_answer(&state, &g).await?))
}
