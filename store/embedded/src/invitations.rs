//! Invitations to steward a group in SQLite (migration 0005). Accepting and
//! withdrawing each begin with their guarded UPDATE, so SQLite holds the
//! write lock before it reads whether the link is open: a link is used up
//! once.

use crate::commons::{ADD_STEWARD, forget, missing_or_closed, opt_time, time, unique_or};
use crate::{EmbeddedStore, backend};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use learnscape_core::commons::invitation::{
    Invitation, NewInvitation, OPEN_INVITATIONS_PER_GROUP, too_many_open_words,
};
use learnscape_core::commons::{GroupId, UserId};
use learnscape_core::store::{InvitationStore, StoreError, StoreResult};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

macro_rules! invitations {
    ($tail:literal) => {
        concat!(
            "SELECT id, group_id, secret_hash, invited_by, created_at, expires_at, accepted_by, accepted_at, withdrawn_at FROM invitations ",
            $tail
        )
    };
}

fn invitation_row(r: &SqliteRow) -> StoreResult<Invitation> {
    Ok(Invitation {
        id: r.get("id"),
        group: GroupId(r.get("group_id")),
        secret_hash: r.get("secret_hash"),
        invited_by: UserId(r.get("invited_by")),
        created_at: time(r.get("created_at"))?,
        expires_at: time(r.get("expires_at"))?,
        accepted_by: r.get::<Option<i64>, _>("accepted_by").map(UserId),
        accepted_at: opt_time(r.get("accepted_at"))?,
        withdrawn_at: opt_time(r.get("withdrawn_at"))?,
    })
}

#[async_trait]
impl InvitationStore for EmbeddedStore {
    async fn insert_invitation(&self, new: NewInvitation) -> StoreResult<Invitation> {
        // One statement: SQLite counts the open ones holding the write
        // lock, so two made at once cannot both pass the limit.
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO invitations (group_id, secret_hash, invited_by, created_at, expires_at) \
             SELECT ?1, ?2, ?3, ?4, ?5 WHERE (SELECT count(*) FROM invitations WHERE group_id = ?1 \
             AND accepted_at IS NULL AND withdrawn_at IS NULL AND expires_at > ?4) < ?6 RETURNING id",
        )
        .bind(new.group.0)
        .bind(&new.secret_hash)
        .bind(new.invited_by.0)
        .bind(new.created_at.to_rfc3339())
        .bind(new.expires_at.to_rfc3339())
        .bind(OPEN_INVITATIONS_PER_GROUP as i64)
        .fetch_optional(&self.pool)
        .await
        .map_err(|e| {
            unique_or(e, "that secret is already in use".into())
                .for_missing(|| format!("group {} or account {}", new.group.0, new.invited_by.0))
        })?;
        let id = id.ok_or_else(|| StoreError::Conflict(too_many_open_words()))?;
        Ok(new.stored(id))
    }

    async fn invitation(&self, secret_hash: &str) -> StoreResult<Option<Invitation>> {
        sqlx::query(invitations!("WHERE secret_hash = ?"))
            .bind(secret_hash)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?
            .as_ref()
            .map(invitation_row)
            .transpose()
    }

    async fn invitations_of(&self, group: GroupId) -> StoreResult<Vec<Invitation>> {
        sqlx::query(invitations!("WHERE group_id = ? ORDER BY id DESC"))
            .bind(group.0)
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?
            .iter()
            .map(invitation_row)
            .collect()
    }

    async fn withdraw_invitation(
        &self,
        group: GroupId,
        id: i64,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let done = sqlx::query(
            "UPDATE invitations SET withdrawn_at = ?3 WHERE id = ?1 AND group_id = ?2 \
             AND accepted_at IS NULL AND withdrawn_at IS NULL AND expires_at > ?3",
        )
        .bind(id)
        .bind(group.0)
        .bind(at.to_rfc3339())
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        if done.rows_affected() == 1 {
            return Ok(());
        }
        let found = sqlx::query(invitations!("WHERE id = ? AND group_id = ?"))
            .bind(id)
            .bind(group.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?;
        Err(missing_or_closed(found, invitation_row, at))
    }

    async fn accept_invitation(
        &self,
        secret_hash: &str,
        user: UserId,
        at: DateTime<Utc>,
    ) -> StoreResult<GroupId> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let group: Option<i64> = sqlx::query_scalar(
            "UPDATE invitations SET accepted_by = ?2, accepted_at = ?3 WHERE secret_hash = ?1 \
             AND accepted_at IS NULL AND withdrawn_at IS NULL AND expires_at > ?3 RETURNING group_id",
        )
        .bind(secret_hash)
        .bind(user.0)
        .bind(at.to_rfc3339())
        .fetch_optional(&mut *tx)
        .await
        .map_err(|e| unique_or(e, format!("account {}", user.0)))?;
        let Some(group) = group else {
            let found = sqlx::query(invitations!("WHERE secret_hash = ?"))
                .bind(secret_hash)
                .fetch_optional(&mut *tx)
                .await
                .map_err(backend)?;
            return Err(missing_or_closed(found, invitation_row, at));
        };
        sqlx::query(ADD_STEWARD)
            .bind(group)
            .bind(user.0)
            .execute(&mut *tx)
            .await
            .map_err(|e| unique_or(e, format!("group {group} or account {}", user.0)))?;
        tx.commit().await.map_err(backend)?;
        Ok(GroupId(group))
    }

    async fn forget_closed_invitations(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        forget(
            &self.pool,
            "DELETE FROM invitations \
             WHERE accepted_at <= ?1 OR withdrawn_at <= ?1 OR expires_at <= ?1",
            before,
        )
        .await
    }
}
