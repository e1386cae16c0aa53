//! Commoning groups and who stewards them: a member creates a group and
//! becomes its steward; its stewards (and moderators) add stewards by
//! e-mail, rename and describe it, and remove stewards — each may step
//! down, but a group never loses its last steward that way: only a
//! moderator can end that stewardship (or an erasure, which warns first).

use super::{Failure, account_named, write_allowed};
use crate::app::AppState;
use learnscape_core::commons::{Account, Actor, FieldError, Group, GroupId, UserId};
use learnscape_core::stamp;

/// A group's name and description, trimmed, or a 422 naming each bad one.
fn checked<'a>(name: &'a str, description: &'a str) -> Result<(&'a str, &'a str), Failure> {
    let (name, description) = (name.trim(), description.trim());
    let mut errors = Vec::new();
    if name.is_empty() || name.chars().count() > 120 {
        errors.push(FieldError::new("name", "needs 1 to 120 characters"));
    }
    if description.chars().count() > 2000 {
        errors.push(FieldError::new(
            "description",
            "is longer than 2000 characters",
        ));
    }
    if !errors.is_empty() {
        return Err(Failure::Invalid(errors));
    }
    Ok((name, description))
}

/// The group, if `actor` may change it (its stewards and moderators),
/// for a change counted against their writes.
pub(super) async fn editable(
    state: &AppState,
    actor: &Account,
    id: GroupId,
) -> Result<Group, Failure> {
    write_allowed(state, actor).await?;
    stewarded(state, actor, id).await
}

/// The group, if `actor` may change it: its stewards and moderators.
pub(super) async fn stewarded(
    state: &AppState,
    actor: &Account,
    id: GroupId,
) -> Result<Group, Failure> {
    let g = state.store.group(id).await?;
    if !Actor::from(actor).may_edit(&g) {
        return Err(Failure::Forbidden(
            "only the group's stewards and moderators change it or its stewards".into(),
        ));
    }
    Ok(g)
}

pub async fn create_group(
    state: &AppState,
    actor: &Account,
    name: &str,
    description: &str,
) -> Result<Group, Failure> {
    write_allowed(state, actor).await?;
    let (name, description) = checked(name, description)?;
    Ok(state
        .store
        .insert_group(name, description, actor.id, stamp::now())
        .await?)
}

/// Renames the group and replaces its description.
pub async fn edit_group(
    state: &AppState,
    actor: &Account,
    id: GroupId,
    name: &str,
    description: &str,
) -> Result<Group, Failure> {
    editable(state, actor, id).await?;
    let (name, description) = checked(name, description)?;
    state.store.update_group(id, name, description).await?;
    Ok(state.store.group(id).await?)
}

pub async fn add_steward(
    state: &AppState,
    actor: &Account,
    group: GroupId,
    email: &str,
) -> Result<Group, Failure> {
    editable(state, actor, group).await?;
    let user = account_named(state, email).await?;
    state.store.add_steward(group, user.id).await?;
    Ok(state.store.group(group).await?)
}

/// Ends `user`'s stewardship: one stepping down, or a steward or moderator
/// removing another. Only a moderator may remove the last steward.
pub async fn remove_steward(
    state: &AppState,
    actor: &Account,
    group: GroupId,
    user: UserId,
) -> Result<Group, Failure> {
    editable(state, actor, group).await?;
    let keep_one = !actor.role.moderates();
    state.store.remove_steward(group, user, keep_one).await?;
    Ok(state.store.group(group).await?)
}

/// Every group with its stewards, for moderators: those without a steward
/// first (only a moderator can change them, so they wait on one), then by
/// name.
pub async fn every_group(
    state: &AppState,
    actor: &Account,
) -> Result<Vec<(Group, Vec<Account>)>, Failure> {
    if !actor.role.moderates() {
        return Err(Failure::Forbidden(
            "only moderators see every group's stewards".into(),
        ));
    }
    let mut groups = state.store.groups().await?;
    groups.sort_by(|a, b| {
        (!a.stewards.is_empty(), a.name.to_lowercase())
            .cmp(&(!b.stewards.is_empty(), b.name.to_lowercase()))
    });
    let mut out = Vec::with_capacity(groups.len());
    for g in groups {
        let stewards = stewards_of(state, &g).await?;
        out.push((g, stewards));
    }
    Ok(out)
}

/// The accounts stewarding `g`, in the order they joined: their names are
/// shown to the group's stewards, never their addresses.
pub async fn stewards_of(state: &AppState, g: &Group) -> Result<Vec<Account>, Failure> {
    let mut out = Vec::with_capacity(g.stewards.len());
    for id in &g.stewards {
        out.push(state.store.account(*id).await?);
    }
    Ok(out)
}
