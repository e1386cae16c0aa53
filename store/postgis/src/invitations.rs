//! Invitations to steward a group in PostgreSQL (migration 0011). A new one
//! is counted against the limit with its group's row locked. Accepting
//! and withdrawing are each one guarded UPDATE: a second one waiting on the
//! row's lock re-reads it, so a link is used up once.

use crate::commons::{ADD_STEWARD, forget, unique_or};
use crate::{PostgisStore, backend};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use learnscape_core::commons::invitation::{
    Invitation, NewInvitation, OPEN_INVITATIONS_PER_GROUP, too_many_open_words,
};
use learnscape_core::commons::{GroupId, UserId};
use learnscape_core::store::{InvitationStore, StoreError, StoreResult, not_open};
use sqlx::Row;
use sqlx::postgres::PgRow;

macro_rules! invitations {
    ($tail:literal) => {
        concat!(
            "SELECT id, group_id, secret_hash, invited_by, created_at, expires_at, accepted_by, accepted_at, withdrawn_at FROM invitations ",
            $tail
        )
    };
}

fn invitation_row(r: &PgRow) -> Invitation {
    Invitation {
        id: r.get("id"),
        group: GroupId(r.get("group_id")),
        secret_hash: r.get("secret_hash"),
        invited_by: UserId(r.get("invited_by")),
        created_at: r.get("created_at"),
        expires_at: r.get("expires_at"),
        accepted_by: r.get::<Option<i64>, _>("accepted_by").map(UserId),
        accepted_at: r.get("accepted_at"),
        withdrawn_at: r.get("withdrawn_at"),
    }
}

#[async_trait]
impl InvitationStore for PostgisStore {
    async fn insert_invitation(&self, new: NewInvitation) -> StoreResult<Invitation> {
        let missing = || format!("group {} or account {}", new.group.0, new.invited_by.0);
        let mut tx = self.pool.begin().await.map_err(backend)?;
        // The group's row locked first, so that invitations made for it at
        // once are counted one after another and cannot pass the limit
        // together. NO KEY UPDATE still lets rows referring to it be
        // written meanwhile (its stewards, its resources).
        let group: Option<i64> =
            sqlx::query_scalar("SELECT id FROM groups WHERE id = $1 FOR NO KEY UPDATE")
                .bind(new.group.0)
                .fetch_optional(&mut *tx)
                .await
                .map_err(backend)?;
        if group.is_none() {
            return Err(StoreError::NotFound { what: missing() });
        }
        let open: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM invitations WHERE group_id = $1 \
             AND accepted_at IS NULL AND withdrawn_at IS NULL AND expires_at > $2",
        )
        .bind(new.group.0)
        .bind(new.created_at)
        .fetch_one(&mut *tx)
        .await
        .map_err(backend)?;
        if open >= OPEN_INVITATIONS_PER_GROUP as i64 {
            return Err(StoreError::Conflict(too_many_open_words()));
        }
        let row = sqlx::query(
            "INSERT INTO invitations (group_id, secret_hash, invited_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5) \
             RETURNING id, group_id, secret_hash, invited_by, created_at, expires_at, accepted_by, accepted_at, withdrawn_at",
        )
        .bind(new.group.0)
        .bind(&new.secret_hash)
        .bind(new.invited_by.0)
        .bind(new.created_at)
        .bind(new.expires_at)
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| unique_or(e, "that secret is already in use".into()).for_missing(missing))?;
        tx.commit().await.map_err(backend)?;
        Ok(invitation_row(&row))
    }

    async fn invitation(&self, secret_hash: &str) -> StoreResult<Option<Invitation>> {
        let row = sqlx::query(invitations!("WHERE secret_hash = $1"))
            .bind(secret_hash)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?;
        Ok(row.as_ref().map(invitation_row))
    }

    async fn invitations_of(&self, group: GroupId) -> StoreResult<Vec<Invitation>> {
        let rows = sqlx::query(invitations!("WHERE group_id = $1 ORDER BY id DESC"))
            .bind(group.0)
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?;
        Ok(rows.iter().map(invitation_row).collect())
    }

    async fn withdraw_invitation(
        &self,
        group: GroupId,
        id: i64,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let done = sqlx::query(
            "UPDATE invitations SET withdrawn_at = $3 WHERE id = $1 AND group_id = $2 \
             AND accepted_at IS NULL AND withdrawn_at IS NULL AND expires_at > $3",
        )
        .bind(id)
        .bind(group.0)
        .bind(at)
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        if done.rows_affected() == 1 {
            return Ok(());
        }
        let found = sqlx::query(invitations!("WHERE id = $1 AND group_id = $2"))
            .bind(id)
            .bind(group.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?;
        Err(not_open(found.as_ref().map(invitation_row).as_ref(), at))
    }

    async fn accept_invitation(
        &self,
        secret_hash: &str,
        user: UserId,
        at: DateTime<Utc>,
    ) -> StoreResult<GroupId> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let group: Option<i64> = sqlx::query_scalar(
            "UPDATE invitations SET accepted_by = $2, accepted_at = $3 WHERE secret_hash = $1 \
             AND accepted_at IS NULL AND withdrawn_at IS NULL AND expires_at > $3 RETURNING group_id",
        )
        .bind(secret_hash)
        .bind(user.0)
        .bind(at)
        .fetch_optional(&mut *tx)
        .await
        .map_err(|e| unique_or(e, format!("account {}", user.0)))?;
        let Some(group) = group else {
            let found = sqlx::query(invitations!("WHERE secret_hash = $1"))
                .bind(secret_hash)
                .fetch_optional(&mut *tx)
                .await
                .map_err(backend)?;
            return Err(not_open(found.as_ref().map(invitation_row).as_ref(), at));
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
             WHERE accepted_at <= $1 OR withdrawn_at <= $1 OR expires_at <= $1",
            before,
        )
        .await
    }
}
