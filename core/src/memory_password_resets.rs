//! The password reset part of [`crate::memory_store::MemoryStore`].

use crate::commons::OneTimeLink;
use crate::commons::UserId;
use crate::commons::password_reset::{NewPasswordReset, PasswordReset};
use crate::memory_commons::{MemoryCommons, forget, not_found};
use crate::memory_store::MemoryStore;
use crate::store::{PasswordResetStore, StoreError, StoreResult, not_open};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

#[async_trait]
impl PasswordResetStore for MemoryCommons {
    async fn insert_password_reset(&self, new: NewPasswordReset) -> StoreResult<PasswordReset> {
        self.with(|t| {
            if !t.has_account(new.account) {
                return Err(not_found(format!("account {}", new.account.0)));
            }
            if (t.password_resets.values()).any(|r| r.secret_hash == new.secret_hash) {
                return Err(StoreError::Conflict("that secret is already in use".into()));
            }
            for r in t.password_resets.values_mut() {
                if r.account == new.account && r.is_open(new.created_at) {
                    r.withdrawn_at = Some(new.created_at);
                }
            }
            let id = t.id();
            let r = new.stored(id);
            t.password_resets.insert(id, r.clone());
            Ok(r)
        })
    }

    async fn password_reset(&self, secret_hash: &str) -> StoreResult<Option<PasswordReset>> {
        self.with(|t| {
            Ok((t.password_resets.values())
                .find(|r| r.secret_hash == secret_hash)
                .cloned())
        })
    }

    async fn open_password_resets(&self, at: DateTime<Utc>) -> StoreResult<Vec<PasswordReset>> {
        self.with(|t| {
            Ok((t.password_resets.values().rev())
                .filter(|r| r.is_open(at))
                .cloned()
                .collect())
        })
    }

    async fn withdraw_password_reset(&self, id: i64, at: DateTime<Utc>) -> StoreResult<()> {
        self.with(|t| {
            let r = (t.password_resets.get_mut(&id))
                .ok_or_else(|| not_found(format!("password reset {id}")))?;
            if !r.is_open(at) {
                return Err(not_open(Some(&*r), at));
            }
            r.withdrawn_at = Some(at);
            Ok(())
        })
    }

    async fn use_password_reset(
        &self,
        secret_hash: &str,
        password_hash: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<(UserId, u64)> {
        self.with(|t| {
            let r = (t.password_resets.values())
                .find(|r| r.secret_hash == secret_hash)
                .ok_or_else(|| not_found("password reset".into()))?;
            if !r.is_open(at) {
                return Err(not_open(Some(r), at));
            }
            let (id, user) = (r.id, r.account);
            let ended = t.set_password(user, password_hash, None, at)?;
            if let Some(r) = t.password_resets.get_mut(&id) {
                r.used_at = Some(at);
            }
            Ok((user, ended))
        })
    }

    async fn forget_closed_password_resets(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        self.with(|t| Ok(forget(&mut t.password_resets, |r| r.closed_by(before))))
    }
}

#[async_trait]
impl PasswordResetStore for MemoryStore {
    async fn insert_password_reset(&self, new: NewPasswordReset) -> StoreResult<PasswordReset> {
        self.commons.insert_password_reset(new).await
    }
    async fn password_reset(&self, secret_hash: &str) -> StoreResult<Option<PasswordReset>> {
        self.commons.password_reset(secret_hash).await
    }
    async fn open_password_resets(&self, at: DateTime<Utc>) -> StoreResult<Vec<PasswordReset>> {
        self.commons.open_password_resets(at).await
    }
    async fn withdraw_password_reset(&self, id: i64, at: DateTime<Utc>) -> StoreResult<()> {
        self.commons.withdraw_password_reset(id, at).await
    }
    async fn use_password_reset(
        &self,
        secret_hash: &str,
        password_hash: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<(UserId, u64)> {
        (self.commons)
            .use_password_reset(secret_hash, password_hash, at)
            .await
    }
    async fn forget_closed_password_resets(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        self.commons.forget_closed_password_resets(before).await
    }
}
