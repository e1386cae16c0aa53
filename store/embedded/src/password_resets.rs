//! Password reset links in SQLite (migration 0006). Using one begins with
//! its guarded UPDATE, so SQLite holds the write lock before it reads
//! whether the link is open: a link sets one password.

use crate::commons::{forget, missing_or_closed, opt_time, set_password_in, time, unique_or};
use crate::{EmbeddedStore, backend};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use learnscape_core::commons::UserId;
use learnscape_core::commons::password_reset::{NewPasswordReset, PasswordReset};
use learnscape_core::store::{PasswordResetStore, StoreResult};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

fn reset_row(r: &SqliteRow) -> StoreResult<PasswordReset> {
    Ok(PasswordReset {
        id: r.get("id"),
        account: UserId(r.get("account_id")),
        secret_hash: r.get("secret_hash"),
        made_by: UserId(r.get("made_by")),
        created_at: time(r.get("created_at"))?,
        expires_at: time(r.get("expires_at"))?,
        used_at: opt_time(r.get("used_at"))?,
        withdrawn_at: opt_time(r.get("withdrawn_at"))?,
    })
}

macro_rules! resets {
    ($tail:literal) => {
        concat!(
            "SELECT id, account_id, secret_hash, made_by, created_at, expires_at, used_at, withdrawn_at FROM password_resets ",
            $tail
        )
    };
}

#[async_trait]
impl PasswordResetStore for EmbeddedStore {
    async fn insert_password_reset(&self, new: NewPasswordReset) -> StoreResult<PasswordReset> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        // Times are RFC 3339 text in UTC, which sorts as it reads.
        sqlx::query(
            "UPDATE password_resets SET withdrawn_at = ?2 WHERE account_id = ?1 \
             AND used_at IS NULL AND withdrawn_at IS NULL AND expires_at > ?2",
        )
        .bind(new.account.0)
        .bind(new.created_at.to_rfc3339())
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO password_resets (account_id, secret_hash, made_by, created_at, expires_at) \
             VALUES (?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(new.account.0)
        .bind(&new.secret_hash)
        .bind(new.made_by.0)
        .bind(new.created_at.to_rfc3339())
        .bind(new.expires_at.to_rfc3339())
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| {
            unique_or(e, "that secret is already in use".into())
                .for_missing(|| format!("account {} or {}", new.account.0, new.made_by.0))
        })?;
        tx.commit().await.map_err(backend)?;
        Ok(new.stored(id))
    }

    async fn password_reset(&self, secret_hash: &str) -> StoreResult<Option<PasswordReset>> {
        sqlx::query(resets!("WHERE secret_hash = ?"))
            .bind(secret_hash)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?
            .as_ref()
            .map(reset_row)
            .transpose()
    }

    async fn open_password_resets(&self, at: DateTime<Utc>) -> StoreResult<Vec<PasswordReset>> {
        sqlx::query(resets!(
            "WHERE used_at IS NULL AND withdrawn_at IS NULL AND expires_at > ? ORDER BY id DESC"
        ))
        .bind(at.to_rfc3339())
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?
        .iter()
        .map(reset_row)
        .collect()
    }

    async fn withdraw_password_reset(&self, id: i64, at: DateTime<Utc>) -> StoreResult<()> {
        let done = sqlx::query(
            "UPDATE password_resets SET withdrawn_at = ?2 WHERE id = ?1 \
             AND used_at IS NULL AND withdrawn_at IS NULL AND expires_at > ?2",
        )
        .bind(id)
        .bind(at.to_rfc3339())
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        if done.rows_affected() == 1 {
            return Ok(());
        }
        let found = sqlx::query(resets!("WHERE id = ?"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?;
        Err(missing_or_closed(found, reset_row, at))
    }

    async fn use_password_reset(
        &self,
        secret_hash: &str,
        password_hash: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<(UserId, u64)> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let account: Option<i64> = sqlx::query_scalar(
            "UPDATE password_resets SET used_at = ?2 WHERE secret_hash = ?1 \
             AND used_at IS NULL AND withdrawn_at IS NULL AND expires_at > ?2 RETURNING account_id",
        )
        .bind(secret_hash)
        .bind(at.to_rfc3339())
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?;
        let Some(account) = account else {
            let found = sqlx::query(resets!("WHERE secret_hash = ?"))
                .bind(secret_hash)
                .fetch_optional(&mut *tx)
                .await
                .map_err(backend)?;
            return Err(missing_or_closed(found, reset_row, at));
        };
        let user = UserId(account);
        let ended = set_password_in(&mut tx, user, password_hash, None, at).await?;
        tx.commit().await.map_err(backend)?;
        Ok((user, ended))
    }

    async fn forget_closed_password_resets(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        forget(
            &self.pool,
            "DELETE FROM password_resets \
             WHERE used_at <= ?1 OR withdrawn_at <= ?1 OR expires_at <= ?1",
            before,
        )
        .await
    }
}
