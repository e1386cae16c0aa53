//! The commons registry in PostgreSQL (migration 0002). Every write is one
//! statement or one transaction, durable when it returns. Resource writes
//! notify other processes from inside their transaction.

use crate::wkb::to_hex_ewkb;
use crate::{PostgisStore, backend};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use learnscape_core::commons::report::Resolution;
use learnscape_core::commons::{
    Account, Credential, CredentialKind, Group, GroupId, NewAccount, NewCredential, NewReport,
    Report, Resource, ResourceId, Role, UserId,
};
use learnscape_core::store::{
    Attempts, CommonsStore, ERASED_NAME, LAST_ADMIN, LAST_STEWARD, StoreError, StoreResult,
    ends_the_last_admin, erased_email,
};
use sqlx::postgres::PgRow;
use sqlx::{Postgres, Row, Transaction};

/// Makes account $2 the newest steward of group $1 (no change if
/// they steward it already).
pub(crate) const ADD_STEWARD: &str = "INSERT INTO group_stewards (group_id, user_id, position) \
     SELECT $1, $2, coalesce(max(position), 0) + 1 FROM group_stewards WHERE group_id = $1 \
     ON CONFLICT (group_id, user_id) DO NOTHING";

pub(crate) fn unique_or(e: sqlx::Error, what: String) -> StoreError {
    match e.as_database_error() {
        Some(d) if d.is_unique_violation() => StoreError::Conflict(what),
        Some(d) if d.is_foreign_key_violation() => StoreError::NotFound { what },
        _ => backend(e),
    }
}

/// [`CommonsStore::set_password`] inside `tx`. An erased account (no
/// password hash) is `NotFound`: nobody can set it one. Reset links still
/// open for the account are void from now on.
pub(crate) async fn set_password_in(
    tx: &mut Transaction<'_, Postgres>,
    user: UserId,
    password_hash: &str,
    keep: Option<i64>,
    at: DateTime<Utc>,
) -> StoreResult<u64> {
    let done =
        sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2 AND password_hash <> ''")
            .bind(password_hash)
            .bind(user.0)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    changed_one(done.rows_affected(), || format!("account {}", user.0))?;
    sqlx::query(
        "UPDATE password_resets SET withdrawn_at = $2 WHERE account_id = $1 \
         AND used_at IS NULL AND withdrawn_at IS NULL AND expires_at > $2",
    )
    .bind(user.0)
    .bind(at)
    .execute(&mut **tx)
    .await
    .map_err(backend)?;
    Ok(sqlx::query(
        "UPDATE credentials SET revoked_at = $1 WHERE user_id = $2 AND id IS DISTINCT FROM $3 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $4)",
    )
    .bind(at)
    .bind(user.0)
    .bind(keep)
    .bind(at)
    .execute(&mut **tx)
    .await
    .map_err(backend)?
    .rows_affected())
}

/// `Conflict` if `user` taking `role` would leave no admin. The admins'
/// rows are locked first, in id order (so two of these never wait on each
/// other), and stay locked until `tx` ends: two admins stepping back at
/// once take turns, and the second sees that the first is gone.
async fn keep_an_admin_in(
    tx: &mut Transaction<'_, Postgres>,
    user: UserId,
    role: Role,
) -> StoreResult<()> {
    let admins: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM accounts WHERE role = 'admin' ORDER BY id FOR UPDATE")
            .fetch_all(&mut **tx)
            .await
            .map_err(backend)?;
    let admins: Vec<UserId> = admins.into_iter().map(UserId).collect();
    if ends_the_last_admin(&admins, user, role) {
        return Err(StoreError::Conflict(LAST_ADMIN.into()));
    }
    Ok(())
}

fn json<T: serde::de::DeserializeOwned>(doc: &str, what: &str) -> StoreResult<T> {
    serde_json::from_str(doc).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

fn to_json<T: serde::Serialize>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Backend(e.to_string()))
}

fn account_row(r: &PgRow) -> StoreResult<Account> {
    let role: String = r.get("role");
    Ok(Account {
        id: UserId(r.get("id")),
        email: r.get("email"),
        display_name: r.get("display_name"),
        role: Role::parse(&role).ok_or_else(|| StoreError::Corrupt(format!("role {role:?}")))?,
        password_hash: r.get("password_hash"),
        created_at: r.get("created_at"),
    })
}

fn credential_row(r: &PgRow) -> StoreResult<Credential> {
    let kind: String = r.get("kind");
    Ok(Credential {
        id: r.get("id"),
        kind: match kind.as_str() {
            "session" => CredentialKind::Session,
            "token" => CredentialKind::Token,
            other => return Err(StoreError::Corrupt(format!("credential kind {other:?}"))),
        },
        user: UserId(r.get("user_id")),
        secret_hash: r.get("secret_hash"),
        label: r.get("label"),
        csrf: r.get("csrf"),
        created_at: r.get("created_at"),
        expires_at: r.get("expires_at"),
        revoked_at: r.get("revoked_at"),
    })
}

// sqlx takes only static SQL: the shared column lists are joined at compile time.
macro_rules! accounts {
    ($tail:literal) => {
        concat!(
            "SELECT id, email, display_name, role, password_hash, created_at FROM accounts ",
            $tail
        )
    };
}
macro_rules! credentials {
    ($tail:literal) => {
        concat!("SELECT id, kind, user_id, secret_hash, label, csrf, created_at, expires_at, revoked_at FROM credentials ", $tail)
    };
}

impl PostgisStore {
    /// Keeps `commons_places` at what the public sees of `resource`.
    async fn publish(tx: &mut Transaction<'_, Postgres>, resource: &Resource) -> StoreResult<()> {
        sqlx::query("DELETE FROM commons_places WHERE resource_id = $1")
            .bind(resource.id.0)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
        let Some(place) = resource.public_place() else {
            return Ok(());
        };
        sqlx::query(
            "INSERT INTO commons_places (resource_id, id, category, name, geom, rep_lon, rep_lat, attributes) \
             VALUES ($1, $2, $3, $4, ST_GeomFromEWKB(decode($5, 'hex')), $6, $7, $8::jsonb)",
        )
        .bind(resource.id.0)
        .bind(&place.id.0)
        .bind(place.category.as_str())
        .bind(&place.name)
        .bind(to_hex_ewkb(&place.shape.to_geometry()))
        .bind(place.representative_point.lon)
        .bind(place.representative_point.lat)
        .bind(to_json(&place.attributes)?)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
        Ok(())
    }

    /// Tells other processes, when `tx` commits, that `resource` changed.
    async fn notify(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        resource: ResourceId,
    ) -> StoreResult<()> {
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(self.channel())
            .bind(format!("{}:{}", self.instance, resource.0))
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
        Ok(())
    }

    /// Every row of `sql` (`id`, `doc`) read back from its JSON document.
    async fn documents<T: serde::de::DeserializeOwned>(
        &self,
        sql: &'static str,
        what: &str,
    ) -> StoreResult<Vec<T>> {
        sqlx::query(sql)
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?
            .iter()
            .map(|r| {
                json(
                    r.get::<&str, _>("doc"),
                    &format!("{what} {}", r.get::<i64, _>("id")),
                )
            })
            .collect()
    }

    async fn group_with_stewards(&self, row: &PgRow) -> StoreResult<Group> {
        let id: i64 = row.get("id");
        let stewards =
            sqlx::query("SELECT user_id FROM group_stewards WHERE group_id = $1 ORDER BY position")
                .bind(id)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?
                .iter()
                .map(|r| UserId(r.get("user_id")))
                .collect();
        Ok(Group {
            id: GroupId(id),
            name: row.get("name"),
            description: row.get("description"),
            created_at: row.get("created_at"),
            stewards,
        })
    }
}

#[async_trait]
impl CommonsStore for PostgisStore {
    async fn insert_account(&self, new: NewAccount) -> StoreResult<Account> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO accounts (email, display_name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(&new.email)
        .bind(&new.display_name)
        .bind(new.role.as_str())
        .bind(&new.password_hash)
        .bind(new.created_at)
        .fetch_one(&self.pool)
        .await
        .map_err(|e| unique_or(e, format!("{} already has an account", new.email)))?;
        self.account(UserId(id)).await
    }

    async fn account(&self, id: UserId) -> StoreResult<Account> {
        let row = sqlx::query(accounts!("WHERE id = $1"))
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("account {}", id.0),
            })?;
        account_row(&row)
    }

    async fn account_by_email(&self, email: &str) -> StoreResult<Option<Account>> {
        sqlx::query(accounts!("WHERE email = $1"))
            .bind(email)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?
            .as_ref()
            .map(account_row)
            .transpose()
    }

    async fn set_role(&self, id: UserId, role: Role, keep_an_admin: bool) -> StoreResult<()> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        if keep_an_admin {
            keep_an_admin_in(&mut tx, id, role).await?;
        }
        let done = sqlx::query("UPDATE accounts SET role = $1 WHERE id = $2")
            .bind(role.as_str())
            .bind(id.0)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        changed_one(done.rows_affected(), || format!("account {}", id.0))?;
        tx.commit().await.map_err(backend)?;
        Ok(())
    }

    async fn staff(&self) -> StoreResult<Vec<Account>> {
        sqlx::query(accounts!(
            "WHERE role IN ('moderator', 'admin') ORDER BY id"
        ))
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?
        .iter()
        .map(account_row)
        .collect()
    }

    async fn set_password(
        &self,
        user: UserId,
        password_hash: &str,
        keep: Option<i64>,
        at: DateTime<Utc>,
    ) -> StoreResult<u64> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let revoked = set_password_in(&mut tx, user, password_hash, keep, at).await?;
        tx.commit().await.map_err(backend)?;
        Ok(revoked)
    }

    async fn erase_account(&self, user: UserId, keep_an_admin: bool) -> StoreResult<()> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        if keep_an_admin {
            keep_an_admin_in(&mut tx, user, Role::Member).await?;
        }
        let done = sqlx::query(
            "UPDATE accounts SET email = $1, display_name = $2, password_hash = '', role = 'member' WHERE id = $3",
        )
        .bind(erased_email(user))
        .bind(ERASED_NAME)
        .bind(user.0)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        changed_one(done.rows_affected(), || format!("account {}", user.0))?;
        for statement in [
            "DELETE FROM credentials WHERE user_id = $1",
            "DELETE FROM group_stewards WHERE user_id = $1",
        ] {
            sqlx::query(statement)
                .bind(user.0)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        tx.commit().await.map_err(backend)?;
        Ok(())
    }

    async fn insert_credential(&self, new: NewCredential) -> StoreResult<Credential> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO credentials (kind, user_id, secret_hash, label, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(new.kind.as_str())
        .bind(new.user.0)
        .bind(&new.secret_hash)
        .bind(&new.label)
        .bind(&new.csrf)
        .bind(new.created_at)
        .bind(new.expires_at)
        .fetch_one(&self.pool)
        .await
        .map_err(|e| unique_or(e, "that secret is already in use".into()))?;
        let row = sqlx::query(credentials!("WHERE id = $1"))
            .bind(id)
            .fetch_one(&self.pool)
            .await
            .map_err(backend)?;
        credential_row(&row)
    }

    async fn credential(&self, secret_hash: &str) -> StoreResult<Option<Credential>> {
        sqlx::query(credentials!("WHERE secret_hash = $1"))
            .bind(secret_hash)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?
            .as_ref()
            .map(credential_row)
            .transpose()
    }

    async fn credentials_of(&self, user: UserId) -> StoreResult<Vec<Credential>> {
        sqlx::query(credentials!("WHERE user_id = $1 ORDER BY id DESC"))
            .bind(user.0)
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?
            .iter()
            .map(credential_row)
            .collect()
    }

    async fn revoke_credential(&self, user: UserId, id: i64, at: DateTime<Utc>) -> StoreResult<()> {
        let done = sqlx::query(
            "UPDATE credentials SET revoked_at = coalesce(revoked_at, $1) WHERE id = $2 AND user_id = $3",
        )
        .bind(at)
        .bind(id)
        .bind(user.0)
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        changed_one(done.rows_affected(), || format!("credential {id}"))?;
        Ok(())
    }

    async fn forget_ended_credentials(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        forget(
            &self.pool,
            "DELETE FROM credentials WHERE revoked_at <= $1 OR expires_at <= $1",
            before,
        )
        .await
    }

    async fn insert_group(
        &self,
        name: &str,
        description: &str,
        steward: UserId,
        at: DateTime<Utc>,
    ) -> StoreResult<Group> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO groups (name, description, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(name)
        .bind(description)
        .bind(at)
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| unique_or(e, format!("a group called {name:?} exists")))?;
        sqlx::query("INSERT INTO group_stewards (group_id, user_id, position) VALUES ($1, $2, 0)")
            .bind(id)
            .bind(steward.0)
            .execute(&mut *tx)
            .await
            .map_err(|e| unique_or(e, format!("account {}", steward.0)))?;
        tx.commit().await.map_err(backend)?;
        self.group(GroupId(id)).await
    }

    async fn group(&self, id: GroupId) -> StoreResult<Group> {
        let row = sqlx::query("SELECT id, name, description, created_at FROM groups WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("group {}", id.0),
            })?;
        self.group_with_stewards(&row).await
    }

    async fn groups(&self) -> StoreResult<Vec<Group>> {
        let rows = sqlx::query("SELECT id, name, description, created_at FROM groups ORDER BY id")
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(self.group_with_stewards(r).await?);
        }
        Ok(out)
    }

    async fn add_steward(&self, group: GroupId, user: UserId) -> StoreResult<()> {
        sqlx::query(ADD_STEWARD)
            .bind(group.0)
            .bind(user.0)
            .execute(&self.pool)
            .await
            .map_err(|e| unique_or(e, format!("group {} or account {}", group.0, user.0)))?;
        Ok(())
    }

    async fn update_group(&self, id: GroupId, name: &str, description: &str) -> StoreResult<()> {
        let done = sqlx::query("UPDATE groups SET name = $1, description = $2 WHERE id = $3")
            .bind(name)
            .bind(description)
            .bind(id.0)
            .execute(&self.pool)
            .await
            .map_err(|e| unique_or(e, format!("a group called {name:?} exists")))?;
        changed_one(done.rows_affected(), || format!("group {}", id.0))
    }

    async fn remove_steward(
        &self,
        group: GroupId,
        user: UserId,
        keep_one: bool,
    ) -> StoreResult<()> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        // The group's row is locked before its stewards are counted: two
        // stewards stepping down at once take turns, and the second counts
        // without the first (a bare count would see both, and both would go).
        sqlx::query("SELECT id FROM groups WHERE id = $1 FOR UPDATE")
            .bind(group.0)
            .fetch_optional(&mut *tx)
            .await
            .map_err(backend)?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("group {}", group.0),
            })?;
        let stewards: i64 =
            sqlx::query_scalar("SELECT count(*) FROM group_stewards WHERE group_id = $1")
                .bind(group.0)
                .fetch_one(&mut *tx)
                .await
                .map_err(backend)?;
        let done = sqlx::query("DELETE FROM group_stewards WHERE group_id = $1 AND user_id = $2")
            .bind(group.0)
            .bind(user.0)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        changed_one(done.rows_affected(), || {
            format!("account {} as a steward of group {}", user.0, group.0)
        })?;
        if keep_one && stewards == 1 {
            // Dropping `tx` rolls the removal back.
            return Err(StoreError::Conflict(LAST_STEWARD.into()));
        }
        tx.commit().await.map_err(backend)?;
        Ok(())
    }

    async fn insert_resource(&self, mut resource: Resource) -> StoreResult<Resource> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO resources (group_id, version, doc) VALUES ($1, $2, '{}') RETURNING id",
        )
        .bind(resource.group.0)
        .bind(resource.version as i64)
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| unique_or(e, format!("group {}", resource.group.0)))?;
        resource.id = ResourceId(id);
        sqlx::query("UPDATE resources SET doc = $1::jsonb WHERE id = $2")
            .bind(to_json(&resource)?)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        Self::publish(&mut tx, &resource).await?;
        self.notify(&mut tx, resource.id).await?;
        tx.commit().await.map_err(backend)?;
        Ok(resource)
    }

    async fn resource(&self, id: ResourceId) -> StoreResult<Resource> {
        let doc: String = sqlx::query_scalar("SELECT doc::text FROM resources WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("resource {}", id.0),
            })?;
        json(&doc, &format!("resource {}", id.0))
    }

    async fn resources(&self) -> StoreResult<Vec<Resource>> {
        self.documents(
            "SELECT id, doc::text AS doc FROM resources ORDER BY id",
            "resource",
        )
        .await
    }

    async fn save_resource(&self, resource: &Resource, expected_version: u64) -> StoreResult<()> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let done = sqlx::query(
            "UPDATE resources SET doc = $1::jsonb, version = $2 WHERE id = $3 AND version = $4",
        )
        .bind(to_json(resource)?)
        .bind(resource.version as i64)
        .bind(resource.id.0)
        .bind(expected_version as i64)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        if done.rows_affected() == 0 {
            let exists: Option<i64> =
                sqlx::query_scalar("SELECT version FROM resources WHERE id = $1")
                    .bind(resource.id.0)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(backend)?;
            return Err(match exists {
                None => StoreError::NotFound {
                    what: format!("resource {}", resource.id.0),
                },
                Some(v) => StoreError::Conflict(format!(
                    "resource {} changed meanwhile (version {v} is stored, the change was based on {expected_version})",
                    resource.id.0
                )),
            });
        }
        Self::publish(&mut tx, resource).await?;
        self.notify(&mut tx, resource.id).await?;
        tx.commit().await.map_err(backend)
    }

    async fn insert_report(&self, new: NewReport) -> StoreResult<Report> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO reports (resource_id, doc) VALUES ($1, '{}') RETURNING id",
        )
        .bind(new.resource.0)
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| unique_or(e, format!("resource {}", new.resource.0)))?;
        let report = Report {
            id,
            resource: new.resource,
            kind: new.kind,
            comment: new.comment,
            reporter: new.reporter,
            created_at: new.created_at,
            resolution: None,
        };
        sqlx::query("UPDATE reports SET doc = $1::jsonb WHERE id = $2")
            .bind(to_json(&report)?)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(report)
    }

    async fn reports(&self) -> StoreResult<Vec<Report>> {
        self.documents(
            "SELECT id, doc::text AS doc FROM reports ORDER BY id",
            "report",
        )
        .await
    }

    async fn resolve_report(&self, id: i64, resolution: Resolution) -> StoreResult<Report> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let doc: String =
            sqlx::query_scalar("SELECT doc::text FROM reports WHERE id = $1 FOR UPDATE")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(backend)?
                .ok_or_else(|| StoreError::NotFound {
                    what: format!("report {id}"),
                })?;
        let mut report: Report = json(&doc, &format!("report {id}"))?;
        if report.resolution.is_some() {
            return Err(StoreError::Conflict(format!(
                "report {id} is already closed"
            )));
        }
        report.resolution = Some(resolution);
        sqlx::query("UPDATE reports SET doc = $1::jsonb WHERE id = $2")
            .bind(to_json(&report)?)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(report)
    }

    async fn count_attempt(&self, key: &str, window_secs: u32) -> StoreResult<Option<Attempts>> {
        crate::attempts::count(&self.pool, key, window_secs)
            .await
            .map(Some)
    }
}

/// Runs `delete`, whose `$1` is the moment before which rows ended, and
/// says how many went.
pub(crate) async fn forget(
    pool: &sqlx::PgPool,
    delete: &'static str,
    before: DateTime<Utc>,
) -> StoreResult<u64> {
    let done = sqlx::query(delete)
        .bind(before)
        .execute(pool)
        .await
        .map_err(backend)?;
    Ok(done.rows_affected())
}

/// `NotFound` (`what`) when a statement changed no row.
fn changed_one(rows: u64, what: impl FnOnce() -> String) -> StoreResult<()> {
    if rows == 0 {
        return Err(StoreError::NotFound { what: what() });
    }
    Ok(())
}
