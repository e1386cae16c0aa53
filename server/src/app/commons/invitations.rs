//! Inviting someone to steward a group by a link, for a person whose
//! address the group does not know or who has no account yet: a steward
//! (or moderator) makes the link and gives it to them; they open it, sign
//! in or up, and accept. The link holds a secret of which only the hash is
//! stored; it is for one person, for [`INVITATION_LIFETIME`], and its
//! stewards may withdraw it until then.

use super::groups::{editable, stewarded};
use super::{Failure, secrets, write_allowed};
use crate::app::AppState;
use learnscape_core::commons::invitation::{INVITATION_LIFETIME, Invitation, NewInvitation};
use learnscape_core::commons::{Account, Group, GroupId, OneTimeLink};
use learnscape_core::stamp;

/// A new invitation and the secret its link holds (shown once: only its
/// hash is kept).
pub async fn invite(
    state: &AppState,
    actor: &Account,
    group: GroupId,
) -> Result<(Invitation, String), Failure> {
    editable(state, actor, group).await?;
    let now = stamp::now();
    // The store refuses one more than OPEN_INVITATIONS_PER_GROUP open.
    let secret = secrets::new_secret();
    let invitation = state
        .store
        .insert_invitation(NewInvitation {
            group,
            secret_hash: secrets::secret_hash(&secret),
            invited_by: actor.id,
            created_at: now,
            expires_at: now + INVITATION_LIFETIME,
        })
        .await?;
    Ok((invitation, secret))
}

/// The group's invitations that can still be accepted, newest first, each
/// with who made it.
pub async fn open_invitations(
    state: &AppState,
    actor: &Account,
    group: GroupId,
) -> Result<Vec<(Invitation, Account)>, Failure> {
    stewarded(state, actor, group).await?;
    let now = stamp::now();
    let mut out = Vec::new();
    for i in state.store.invitations_of(group).await? {
        if i.is_open(now) {
            let by = state.store.account(i.invited_by).await?;
            out.push((i, by));
        }
    }
    Ok(out)
}

pub async fn withdraw(
    state: &AppState,
    actor: &Account,
    group: GroupId,
    id: i64,
) -> Result<(), Failure> {
    editable(state, actor, group).await?;
    Ok(state
        .store
        .withdraw_invitation(group, id, stamp::now())
        .await?)
}

/// The open invitation a link's secret names, or 404 (unknown or not a
/// secret) or 409 (saying why it is closed).
async fn open_one(state: &AppState, secret: &str) -> Result<Invitation, Failure> {
    secrets::open_link(
        secret,
        |hash| async move { state.store.invitation(&hash).await },
    )
    .await
}

/// What a link invites to, for the person who opened it, before they sign
/// in: the group, and who invited them (by name).
pub async fn preview(
    state: &AppState,
    secret: &str,
) -> Result<(Invitation, Group, Account), Failure> {
    let invitation = open_one(state, secret).await?;
    let group = state.store.group(invitation.group).await?;
    let by = state.store.account(invitation.invited_by).await?;
    Ok((invitation, group, by))
}

/// `actor` accepts: they steward the group, and the link is used up. One
/// who stewards it already is told so, and the link stays for whom it was
/// meant.
pub async fn accept(state: &AppState, actor: &Account, secret: &str) -> Result<Group, Failure> {
    write_allowed(state, actor).await?;
    let invitation = open_one(state, secret).await?;
    let group = state.store.group(invitation.group).await?;
    if group.stewards.contains(&actor.id) {
        return Err(Failure::Conflict(format!(
            "you steward “{}” already: the link stays for whom it was meant",
            group.name
        )));
    }
    let id = state
        .store
        .accept_invitation(&invitation.secret_hash, actor.id, stamp::now())
        .await?;
    Ok(state.store.group(id).await?)
}
