//! Throwaway databases for tests (feature `test-util`): each test gets a
//! new database on the PostgreSQL named by `LEARNSCAPE_TEST_DATABASE_URL`.
//! Without it the test fails and says how to provide one: PostGIS tests
//! never pass by being skipped.

use sqlx::Connection;
use sqlx::postgres::PgConnection;

/// The variable naming a PostgreSQL (with PostGIS available) where tests
/// may create databases.
pub const ENV: &str = "LEARNSCAPE_TEST_DATABASE_URL";

/// The admin URL, or a panic that says what to do.
pub fn admin_url() -> String {
    match std::env::var(ENV) {
        Ok(url) if !url.is_empty() => url,
        _ => panic!(
            "PostGIS tests need {ENV}=postgres://user@host:port/db (a role that may CREATE \
             DATABASE, on a server with postgresql-15-postgis-3 installed). scripts/test \
             starts one and sets it; these tests are not skipped without it."
        ),
    }
}

/// `url` with its database name replaced by `name`.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    let root = match base[after_scheme..].find('/') {
        Some(i) => &base[..after_scheme + i],
        None => base,
    };
    match query {
        Some(q) => format!("{root}/{name}?{q}"),
        None => format!("{root}/{name}"),
    }
}

/// The database `url` names (its path, without the query).
pub fn database_name(url: &str) -> &str {
    let base = url.split_once('?').map_or(url, |(b, _)| b);
    base.rsplit('/').next().unwrap_or(base)
}

/// Creates an empty database and returns its URL. Databases are named
/// `ls_test_*`; `scripts/test` drops leftovers before a run.
pub async fn fresh_database() -> String {
    fresh_database_with("").await
}

/// [`fresh_database`] made with `options` (`CREATE DATABASE`'s own, e.g.
/// a collation other than the cluster's).
pub async fn fresh_database_with(options: &str) -> String {
    let admin = admin_url();
    let name = format!("ls_test_{:016x}", rand::random::<u64>());
    let mut conn = PgConnection::connect(&admin)
        .await
        .unwrap_or_else(|e| panic!("cannot connect to {} ({ENV}): {e}", crate::redact(&admin)));
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "CREATE DATABASE {name} {options}"
    )))
    .execute(&mut conn)
    .await
    .unwrap_or_else(|e| panic!("cannot create a test database: {e}"));
    let _ = conn.close().await;
    with_database(&admin, &name)
}

/// A connection holding `table`'s ACCESS EXCLUSIVE lock, as an import
/// rewriting the table does (TRUNCATE, DROP INDEX), until it rolls back or
/// closes.
pub async fn hold_lock(url: &str, table: &str) -> PgConnection {
    let mut import = PgConnection::connect(url).await.expect("connect");
    sqlx::query("BEGIN")
        .execute(&mut import)
        .await
        .expect("begin");
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE"
    )))
    .execute(&mut import)
    .await
    .expect("lock");
    import
}

#[cfg(test)]
mod tests {
    use super::{database_name, with_database};

    #[test]
    fn the_database_name_is_the_path_without_the_query() {
        assert_eq!(database_name("postgres://u@h:5/city"), "city");
        assert_eq!(
            database_name("postgres://u@h:5/city?sslrootcert=/tmp/ca.crt"),
            "city"
        );
    }

    #[test]
    fn the_database_name_is_swapped_and_the_rest_kept() {
        assert_eq!(
            with_database("postgres://u:p@h:5/test?sslmode=disable", "x"),
            "postgres://u:p@h:5/x?sslmode=disable"
        );
        assert_eq!(with_database("postgres://h:5", "x"), "postgres://h:5/x");
    }
}
