//! The schema learnscape's tables live in. A city's own database may
//! already have a `places` or `basemap` table, or hold two regions side
//! by side: `--database-schema` puts everything learnscape creates (tables,
//! indexes, its migration history) into a schema of its own, made on first
//! open, and every connection finds it first on its `search_path`, ahead
//! of the role's usual path (where PostGIS's functions are). Each schema
//! has its own notification channel, so processes of one region do not
//! reload on another's writes.

use learnscape_core::{StoreError, StoreResult};
use sqlx::PgPool;
use sqlx::migrate::MigrateError;
use sqlx::postgres::PgConnection;

/// Where tables go unless told otherwise: PostgreSQL's default schema, as
/// before schemas could be chosen.
pub const DEFAULT_SCHEMA: &str = "public";

/// The channel every write of the default schema notifies on.
const BASE_CHANNEL: &str = "learnscape_changes";

/// The longest schema name accepted, in bytes: the channel name
/// (`learnscape_changes.<schema>`) must fit PostgreSQL's 63-byte
/// identifiers.
pub const MAX_SCHEMA_LEN: usize = 63 - BASE_CHANNEL.len() - 1;

/// Why `name` cannot be a schema for learnscape, if it cannot.
pub fn check_schema_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("a schema name cannot be empty".into());
    }
    if name.len() > MAX_SCHEMA_LEN {
        return Err(format!(
            "a schema name may have at most {MAX_SCHEMA_LEN} bytes, \"{name}\" has {}",
            name.len()
        ));
    }
    if name.starts_with("pg_") {
        return Err(format!(
            "\"{name}\": names beginning with pg_ are reserved by PostgreSQL"
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(format!("{name:?} holds a control character"));
    }
    Ok(())
}

/// The channel a store on `schema` notifies and listens on.
pub fn channel(schema: &str) -> String {
    if schema == DEFAULT_SCHEMA {
        BASE_CHANNEL.to_string()
    } else {
        format!("{BASE_CHANNEL}.{schema}")
    }
}

/// `name` as a quoted SQL identifier.
fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Whether `schema` holds a learnscape store: its migration history,
/// looked up as the pooled connections will see it (the role's usual
/// `search_path` for the default schema).
pub async fn holds_store(conn: &mut PgConnection, schema: &str) -> StoreResult<bool> {
    let history = if schema == DEFAULT_SCHEMA {
        "_sqlx_migrations".to_string()
    } else {
        format!("{}._sqlx_migrations", quote_ident(schema))
    };
    // to_regclass answers NULL, not an error, for a missing schema too.
    sqlx::query_scalar("SELECT to_regclass($1) IS NOT NULL")
        .bind(history)
        .fetch_one(conn)
        .await
        .map_err(crate::backend)
}

/// The refusal of a database (`shown`) or schema that holds no store.
pub fn no_store(schema: &str, shown: &str) -> StoreError {
    let place = if schema == DEFAULT_SCHEMA {
        shown.to_string()
    } else {
        format!("schema \"{schema}\" of {shown}")
    };
    StoreError::Unavailable(format!(
        "{place} holds no learnscape store: `learnscape import` makes one, \
         --database-schema names another schema"
    ))
}

/// Readies `schema` on the connection `conn` (made with the role's usual
/// settings) and returns the `search_path` every pooled connection should
/// set; `None` for the default schema, which changes nothing.
pub async fn prepare(
    conn: &mut PgConnection,
    schema: &str,
    shown: &str,
) -> StoreResult<Option<String>> {
    if schema == DEFAULT_SCHEMA {
        return Ok(None);
    }
    check_schema_name(schema).map_err(StoreError::Backend)?;
    if !exists(conn, schema).await? {
        let created = sqlx::query(sqlx::AssertSqlSafe(format!(
            "CREATE SCHEMA IF NOT EXISTS {}",
            quote_ident(schema)
        )))
        .execute(&mut *conn)
        .await;
        // Two processes starting together may both try; IF NOT EXISTS
        // does not stop the loser failing, so look again before giving up.
        if let Err(e) = created
            && !exists(conn, schema).await?
        {
            let role: String = sqlx::query_scalar("SELECT quote_ident(current_user)")
                .fetch_one(&mut *conn)
                .await
                .map_err(crate::backend)?;
            return Err(StoreError::Unavailable(format!(
                "schema \"{schema}\" does not exist in {shown} and this role cannot create \
                 it ({}); as the database owner: CREATE SCHEMA {} AUTHORIZATION {role}",
                crate::said(&e),
                quote_ident(schema)
            )));
        }
    }
    let usual: String = sqlx::query_scalar("SELECT current_setting('search_path')")
        .fetch_one(&mut *conn)
        .await
        .map_err(crate::backend)?;
    Ok(Some(format!("{}, {usual}", quote_ident(schema))))
}

/// Why the migrations failed. Where the role may not create tables in
/// the schema (since PostgreSQL 15 not every role may in `public`), says
/// what the database owner can do about it.
pub async fn migration_failed(
    pool: &PgPool,
    schema: &str,
    shown: &str,
    e: MigrateError,
) -> StoreError {
    let (inner, why) = match &e {
        MigrateError::Execute(inner) => (Some(inner), crate::said(inner)),
        MigrateError::ExecuteMigration(inner, version) => (
            Some(inner),
            format!("migration {version}: {}", crate::said(inner)),
        ),
        other => (None, other.to_string()),
    };
    // insufficient_privilege
    let denied = inner
        .and_then(|i| i.as_database_error())
        .and_then(|d| d.code())
        .is_some_and(|code| code == "42501");
    if !denied {
        return StoreError::Backend(format!("cannot migrate {shown}: {why}"));
    }
    let role = sqlx::query_scalar::<_, String>("SELECT quote_ident(current_user)")
        .fetch_one(pool)
        .await
        .unwrap_or_else(|_| "<this role>".into());
    StoreError::Unavailable(format!(
        "this role may not create learnscape's tables in schema \"{schema}\" of {shown} ({why}); \
         as the database owner: GRANT CREATE ON SCHEMA {} TO {role}, or name a schema of \
         learnscape's own with --database-schema",
        quote_ident(schema)
    ))
}

async fn exists(conn: &mut PgConnection, schema: &str) -> StoreResult<bool> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)")
        .bind(schema)
        .fetch_one(&mut *conn)
        .await
        .map_err(crate::backend)
}

#[cfg(test)]
mod tests {
    use super::{MAX_SCHEMA_LEN, channel, check_schema_name, quote_ident};

    #[test]
    fn schema_names_that_postgresql_or_the_channel_would_refuse_are_refused() {
        assert!(check_schema_name("city").is_ok());
        assert!(check_schema_name("Zürich \"old\"").is_ok());
        assert!(check_schema_name(&"a".repeat(MAX_SCHEMA_LEN)).is_ok());
        assert!(check_schema_name(&"a".repeat(MAX_SCHEMA_LEN + 1)).is_err());
        assert!(check_schema_name("").is_err());
        assert!(check_schema_name("pg_city").is_err());
        assert!(check_schema_name("a\nb").is_err());
        assert!(channel(&"a".repeat(MAX_SCHEMA_LEN)).len() <= 63);
    }

    #[test]
    fn the_default_schema_keeps_the_channel_it_always_had() {
        assert_eq!(channel("public"), "learnscape_changes");
        assert_eq!(channel("city"), "learnscape_changes.city");
        assert_eq!(quote_ident("a\"b"), "\"a\"\"b\"");
    }
}

/// On a real PostgreSQL: tables where they were asked to go, nothing else
/// touched.
#[cfg(test)]
mod on_postgis {
    use crate::testing::fresh_database;
    use crate::{Change, PostgisStore, StoreOptions};
    use learnscape_core::conformance::sample_source;
    use learnscape_core::store::{PlaceStore, SourceStore, StoreError};
    use learnscape_core::{Bbox, PlaceFilter};
    use learnscape_tiles::TileCoord;
    use sqlx::{Connection, PgConnection};
    use std::time::Duration;

    async fn open(url: &str, schema: &str) -> PostgisStore {
        let options = StoreOptions {
            connections: 4,
            schema: schema.into(),
            ..Default::default()
        };
        PostgisStore::open_with(url, &options)
            .await
            .unwrap_or_else(|e| panic!("open {schema}: {e}"))
    }

    async fn sources_of(store: &PostgisStore) -> Vec<String> {
        let mut ids: Vec<String> = store
            .places(&PlaceFilter::default())
            .await
            .expect("places")
            .into_iter()
            .map(|p| p.source.0)
            .collect();
        ids.dedup();
        ids
    }

    #[tokio::test]
    async fn two_regions_and_the_databases_own_tables_share_a_database_untouched() {
        let url = fresh_database().await;
        let mut own = PgConnection::connect(&url).await.expect("connect");
        for sql in [
            "CREATE TABLE places (id int PRIMARY KEY, note text)",
            "INSERT INTO places VALUES (1, 'the city''s own')",
        ] {
            sqlx::query(sql).execute(&mut own).await.expect(sql);
        }

        let a = open(&url, "region \"a\"").await;
        let b = open(&url, "region_b").await;
        let (source, data) = sample_source("a", 0.0);
        a.replace_source(source, data).await.expect("import a");
        let (source, data) = sample_source("b", 1.0);
        b.replace_source(source, data).await.expect("import b");

        assert_eq!(sources_of(&a).await, ["a"]);
        assert_eq!(sources_of(&b).await, ["b"]);
        // Tiles come through a pool of their own, which must look in the
        // schema too: a's house is in a's tile, not in b's.
        let house = TileCoord::covering(&Bbox::new(9.505, 47.105, 9.505, 47.105), 14)[0];
        let in_a = a
            .basemap_tile(14, house.x, house.y)
            .await
            .expect("a's tile");
        let in_b = b
            .basemap_tile(14, house.x, house.y)
            .await
            .expect("b's tile");
        assert!(!in_a.is_empty() && in_b.is_empty());
        let notes: Vec<String> = sqlx::query_scalar("SELECT note FROM public.places")
            .fetch_all(&mut own)
            .await
            .expect("the city's table");
        assert_eq!(notes, ["the city's own"]);
        let (basemap, migrations): (Option<String>, Option<String>) = sqlx::query_as(
            "SELECT to_regclass('\"region \"\"a\"\"\".basemap')::text, \
                    to_regclass('region_b._sqlx_migrations')::text",
        )
        .fetch_one(&mut own)
        .await
        .expect("regclass");
        assert!(basemap.is_some() && migrations.is_some());
        let elsewhere: Option<String> =
            sqlx::query_scalar("SELECT to_regclass('public.basemap')::text")
                .fetch_one(&mut own)
                .await
                .expect("regclass");
        assert_eq!(elsewhere, None, "nothing of learnscape's in public");
        let postgis: String = sqlx::query_scalar(
            "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'postgis'",
        )
        .fetch_one(&mut own)
        .await
        .expect("postgis");
        assert_eq!(
            postgis, "public",
            "PostGIS stays usable by the rest of the database"
        );

        // A second process on region b hears b's writes, not a's.
        let b2 = open(&url, "region_b").await;
        let mut feed = b2.changes().await.expect("listen");
        let (source, data) = sample_source("a2", 2.0);
        a.replace_source(source, data).await.expect("import into a");
        let heard = tokio::time::timeout(Duration::from_millis(500), feed.next()).await;
        assert!(heard.is_err(), "region b heard region a: {heard:?}");
        let (source, data) = sample_source("b2", 3.0);
        b.replace_source(source, data).await.expect("import into b");
        let heard = tokio::time::timeout(Duration::from_secs(5), feed.next()).await;
        assert_eq!(heard.expect("b's write heard"), Some(Change::Sources));
        // The feed holds one of b2's connections, which closing waits for.
        drop(feed);
        for store in [a, b, b2] {
            store.close().await;
        }
    }

    /// `learnscape info` (or any command that only reads) pointed at a
    /// database or schema without a store says so and leaves it as it was:
    /// no schema, no extension, no tables made for a mistyped name.
    #[tokio::test]
    async fn a_reader_refuses_a_database_or_schema_without_a_store_and_makes_nothing() {
        let url = fresh_database().await;
        let mut own = PgConnection::connect(&url).await.expect("connect");
        // (schemas named city, PostGIS installed, learnscape tables): an
        // outside test database may have PostGIS in its template.
        let catalogue = "SELECT (SELECT count(*) FROM pg_namespace WHERE nspname = 'city'), \
                                (SELECT count(*) FROM pg_extension WHERE extname = 'postgis'), \
                                (SELECT count(*) FROM pg_class \
                                  WHERE relname IN ('_sqlx_migrations', 'sources'))";
        let before: (i64, i64, i64) = sqlx::query_as(catalogue)
            .fetch_one(&mut own)
            .await
            .expect("catalogue");
        let reader = |schema: &str| StoreOptions {
            connections: 4,
            schema: schema.into(),
            create_if_missing: false,
        };
        for schema in [crate::DEFAULT_SCHEMA, "city"] {
            match PostgisStore::open_with(&url, &reader(schema)).await {
                Err(StoreError::Unavailable(message)) => assert!(
                    message.contains("holds no learnscape store")
                        && message.contains(crate::testing::database_name(&url))
                        && (schema == crate::DEFAULT_SCHEMA || message.contains("\"city\"")),
                    "{message}"
                ),
                other => panic!("{schema}: opened or failed otherwise: {other:?}"),
            }
        }
        let after: (i64, i64, i64) = sqlx::query_as(catalogue)
            .fetch_one(&mut own)
            .await
            .expect("catalogue");
        assert_eq!(
            after, before,
            "(schemas, extensions, tables) before and after"
        );
        assert_eq!((after.0, after.2), (0, 0));

        // Once an import has made the store, the reader opens it.
        open(&url, "city").await.close().await;
        let store = PostgisStore::open_with(&url, &reader("city"))
            .await
            .expect("a store that exists");
        store.close().await;
    }

    /// A new database with PostGIS and a role without privileges in it:
    /// (that role's URL, its name).
    async fn database_with_a_weak_role() -> (String, String) {
        let url = fresh_database().await;
        let name = crate::testing::database_name(&url).to_string();
        let role = format!("{name}_reader");
        let mut admin = PgConnection::connect(&url).await.expect("connect");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE ROLE {role} LOGIN")))
            .execute(&mut admin)
            .await
            .expect("role");
        // PostGIS present, so only what the role may do is missing.
        sqlx::query("CREATE EXTENSION postgis")
            .execute(&mut admin)
            .await
            .expect("postgis");
        let (scheme, rest) = url.split_once("://").expect("a URL");
        let host = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
        (format!("{scheme}://{role}@{host}"), role)
    }

    /// A GIS team reads the tables where they are (psql's `\d+`, QGIS):
    /// each says what it holds, each column of the data it may use says
    /// what it means, and what came from OpenStreetMap carries its licence
    /// (migration 0006), in whatever schema the store is in.
    #[tokio::test]
    async fn every_table_says_what_it_holds_and_osm_data_its_licence() {
        let url = fresh_database().await;
        let store = open(&url, "city").await;
        let mut own = PgConnection::connect(&url).await.expect("connect");
        let tables: Vec<(String, Option<String>)> = sqlx::query_as(
            "SELECT c.relname::text, obj_description(c.oid, 'pg_class') \
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = 'city' AND c.relkind = 'r' AND c.relname <> '_sqlx_migrations' \
             ORDER BY 1",
        )
        .fetch_all(&mut own)
        .await
        .expect("tables");
        assert!(tables.len() >= 14, "{tables:?}");
        let bare: Vec<&str> = tables
            .iter()
            .filter(|(_, comment)| comment.is_none())
            .map(|(t, _)| t.as_str())
            .collect();
        assert!(bare.is_empty(), "tables without a comment: {bare:?}");

        let data = [
            "sources",
            "places",
            "neighbourhoods",
            "population_units",
            "walk_networks",
            "basemap",
            "commons_places",
        ];
        let bare: Vec<(String, String)> = sqlx::query_as(
            "SELECT c.relname::text, a.attname::text \
             FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid \
             JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = 'city' AND c.relname = ANY($1) AND a.attnum > 0 \
               AND NOT a.attisdropped AND col_description(c.oid, a.attnum) IS NULL",
        )
        .bind(&data[..])
        .fetch_all(&mut own)
        .await
        .expect("columns");
        assert!(bare.is_empty(), "data columns without a comment: {bare:?}");

        for table in ["places", "walk_networks", "basemap"] {
            let comment = &tables.iter().find(|(t, _)| t == table).expect(table).1;
            assert!(
                comment.as_deref().is_some_and(|c| c.contains("OpenStreetMap contributors")
                    && c.contains("ODbL")),
                "{table}: {comment:?}"
            );
        }
        store.close().await;
    }

    #[tokio::test]
    async fn a_schema_the_role_may_not_create_is_named_with_what_to_do() {
        let (weak, role) = database_with_a_weak_role().await;
        let options = StoreOptions {
            schema: "city".into(),
            ..Default::default()
        };
        match PostgisStore::open_with(&weak, &options).await {
            Err(StoreError::Unavailable(message)) => assert!(
                message.contains("schema \"city\" does not exist")
                    && message.contains(&format!("CREATE SCHEMA \"city\" AUTHORIZATION {role}")),
                "{message}"
            ),
            other => panic!("opened or failed otherwise: {other:?}"),
        }
    }

    /// PostgreSQL 15 lets only the owner create in `public`: a role given
    /// no more than a login is told what the owner can grant.
    #[tokio::test]
    async fn a_schema_the_role_may_not_create_tables_in_is_named_with_what_to_do() {
        let (weak, role) = database_with_a_weak_role().await;
        match PostgisStore::open(&weak).await {
            Err(StoreError::Unavailable(message)) => assert!(
                message.contains("permission denied for schema public")
                    && message.contains(&format!("GRANT CREATE ON SCHEMA \"public\" TO {role}"))
                    && !message.contains(" at line "),
                "{message}"
            ),
            other => panic!("opened or failed otherwise: {other:?}"),
        }
    }
}
