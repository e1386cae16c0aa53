//! The invitations part of [`crate::memory_store::MemoryStore`].

use crate::commons::OneTimeLink;
use crate::commons::invitation::{
    Invitation, NewInvitation, OPEN_INVITATIONS_PER_GROUP, too_many_open_words,
};
use crate::commons::{GroupId, UserId};
use crate::memory_commons::{MemoryCommons, forget, not_found};
use crate::memory_store::MemoryStore;
use crate::store::{InvitationStore, StoreError, StoreResult, not_open};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

#[async_trait]
impl InvitationStore for MemoryCommons {
    async fn insert_invitation(&self, new: NewInvitation) -> StoreResult<Invitation> {
        self.with(|t| {
            if !t.groups.contains_key(&new.group.0) {
                return Err(not_found(format!("group {}", new.group.0)));
            }
            if t.invitations
                .values()
                .any(|i| i.secret_hash == new.secret_hash)
            {
                return Err(StoreError::Conflict("that secret is already in use".into()));
            }
            let open = (t.invitations.values())
                .filter(|i| i.group == new.group && i.is_open(new.created_at))
                .count();
            if open >= OPEN_INVITATIONS_PER_GROUP {
                return Err(StoreError::Conflict(too_many_open_words()));
            }
            let id = t.id();
            let i = new.stored(id);
            t.invitations.insert(id, i.clone());
            Ok(i)
        })
    }

    async fn invitation(&self, secret_hash: &str) -> StoreResult<Option<Invitation>> {
        self.with(|t| {
            Ok(t.invitations
                .values()
                .find(|i| i.secret_hash == secret_hash)
                .cloned())
        })
    }

    async fn invitations_of(&self, group: GroupId) -> StoreResult<Vec<Invitation>> {
        self.with(|t| {
            Ok(t.invitations
                .values()
                .rev()
                .filter(|i| i.group == group)
                .cloned()
                .collect())
        })
    }

    async fn withdraw_invitation(
        &self,
        group: GroupId,
        id: i64,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.with(|t| {
            let i = (t.invitations.get_mut(&id))
                .filter(|i| i.group == group)
                .ok_or_else(|| not_found(format!("invitation {id} to group {}", group.0)))?;
            if !i.is_open(at) {
                return Err(not_open(Some(&*i), at));
            }
            i.withdrawn_at = Some(at);
            Ok(())
        })
    }

    async fn accept_invitation(
        &self,
        secret_hash: &str,
        user: UserId,
        at: DateTime<Utc>,
    ) -> StoreResult<GroupId> {
        self.with(|t| {
            if !t.has_account(user) {
                return Err(not_found(format!("account {}", user.0)));
            }
            let i = (t.invitations.values_mut())
                .find(|i| i.secret_hash == secret_hash)
                .ok_or_else(|| not_found("invitation".into()))?;
            if !i.is_open(at) {
                return Err(not_open(Some(&*i), at));
            }
            let g = (t.groups.get_mut(&i.group.0))
                .ok_or_else(|| not_found(format!("group {}", i.group.0)))?;
            i.accepted_by = Some(user);
            i.accepted_at = Some(at);
            if !g.stewards.contains(&user) {
                g.stewards.push(user);
            }
            Ok(g.id)
        })
    }

    async fn forget_closed_invitations(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        self.with(|t| Ok(forget(&mut t.invitations, |i| i.closed_by(before))))
    }
}

#[async_trait]
impl InvitationStore for MemoryStore {
    async fn insert_invitation(&self, new: NewInvitation) -> StoreResult<Invitation> {
        self.commons.insert_invitation(new).await
    }
    async fn invitation(&self, secret_hash: &str) -> StoreResult<Option<Invitation>> {
        self.commons.invitation(secret_hash).await
    }
    async fn invitations_of(&self, group: GroupId) -> StoreResult<Vec<Invitation>> {
        self.commons.invitations_of(group).await
    }
    async fn withdraw_invitation(
        &self,
        group: GroupId,
        id: i64,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.commons.withdraw_invitation(group, id, at).await
    }
    async fn accept_invitation(
        &self,
        secret_hash: &str,
        user: UserId,
        at: DateTime<Utc>,
    ) -> StoreResult<GroupId> {
        self.commons.accept_invitation(secret_hash, user, at).await
    }
    async fn forget_closed_invitations(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        self.commons.forget_closed_invitations(before).await
    }
}
