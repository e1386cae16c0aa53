//! Connecting: two pools with short timeouts (a request should fail fast with
//! 503 rather than hang when the database is gone), and clear errors when
//! the database is unreachable or lacks PostGIS.

use crate::schema::{self, DEFAULT_SCHEMA};
use learnscape_core::{StoreError, StoreResult};
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPoolOptions, PgSslMode};
use sqlx::{Connection, PgPool};
use std::str::FromStr;
use std::time::Duration;

/// How long a query waits for a connection before the store answers
/// `Unavailable`.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);

/// How long opening the store waits for the database's first answer. A
/// host that drops packets, or a server or tunnel that accepts and then
/// stalls, would otherwise keep a command (or a server's start) waiting
/// for minutes, or for good, without a word; managed databases that wake
/// on demand answer well within it.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// `url` with any password replaced by `***`.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let Some((credentials, host)) = rest.rsplit_once('@') else {
        return url.to_string();
    };
    match credentials.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

/// The store's two pools: one for imports, commons writes and reads at
/// start-up, one for tiles.
pub struct Pools {
    pub main: PgPool,
    pub tiles: PgPool,
}

/// How long a tile query waits for a table lock. Only an import (or a
/// DBA's DDL) locks a table against reading, and while it does the server
/// cuts the tiles from its snapshot instead, which still holds the rows
/// the import replaces: waiting would tie up pooled connections until it
/// commits, and on a big region that is many seconds.
const TILE_LOCK_TIMEOUT: &str = "200ms";

/// How many connections a process holds at most by default: 16, as
/// before the limit could be set (the tile benchmark's 32 concurrent
/// requests run on the 8 of the tile pool); six such processes fit in
/// PostgreSQL's default `max_connections` of 100.
pub const DEFAULT_CONNECTIONS: u32 = 16;

/// The fewest a process can work with: one listening for other processes'
/// changes, one for everything else, one for tiles.
pub const MIN_CONNECTIONS: u32 = 3;

/// How a store connects: how many connections it may hold, the schema
/// its tables live in and whether to make the store where there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreOptions {
    /// At most this many connections ([`split`] between the pools).
    pub connections: u32,
    /// The schema learnscape's tables live in ([`crate::schema`]).
    pub schema: String,
    /// Make the store (schema, PostGIS, tables) where there is none; when
    /// false, a database or schema without one is refused untouched (a
    /// command that only reads was most likely given the wrong one).
    pub create_if_missing: bool,
}

impl Default for StoreOptions {
    fn default() -> Self {
        Self {
            connections: DEFAULT_CONNECTIONS,
            schema: DEFAULT_SCHEMA.to_string(),
            create_if_missing: true,
        }
    }
}

/// `total` connections split as (main, tiles): tiles get half, the main
/// pool the rest, the change feed's listening connection included, so that
/// tiles can never take every connection from writes and reads.
pub fn split(total: u32) -> (u32, u32) {
    let total = total.max(MIN_CONNECTIONS);
    (total - total / 2, total / 2)
}

pub async fn pools(url: &str, options: &StoreOptions) -> StoreResult<Pools> {
    let shown = redact(url);
    // sqlx reads any scheme as PostgreSQL, so `mysql://db` would fail
    // later as an unreachable host instead of as the wrong kind of URL.
    let scheme = url.split_once("://").map(|(s, _)| s.to_ascii_lowercase());
    if !matches!(scheme.as_deref(), Some("postgres" | "postgresql")) {
        return Err(StoreError::Unavailable(format!(
            "{shown} is not a PostgreSQL URL: it must start with postgres:// or postgresql://"
        )));
    }
    let connect = PgConnectOptions::from_str(url)
        .map_err(|e| StoreError::Unavailable(format!("{shown} is not a PostgreSQL URL: {e}")))?;
    // One direct connection first: a pool only says "timed out", this
    // says why (refused, unknown host, bad password, no such database).
    // With the role's usual settings, it also readies PostGIS and the
    // schema before any pooled connection looks for them.
    let mut probe = tokio::time::timeout(CONNECT_TIMEOUT, PgConnection::connect_with(&connect))
        .await
        .map_err(|_| {
            StoreError::Unavailable(format!(
                "cannot connect to {shown}: no answer within {} s (is the host reachable, \
                 and is it a PostgreSQL server on that port?)",
                CONNECT_TIMEOUT.as_secs()
            ))
        })?
        .map_err(|e| {
            StoreError::Unavailable(format!(
                "cannot connect to {shown}: {}{}",
                crate::said(&e),
                hint(&connect, &e)
            ))
        })?;
    let prepared = async {
        if !options.create_if_missing && !schema::holds_store(&mut probe, &options.schema).await? {
            return Err(schema::no_store(&options.schema, &shown));
        }
        ensure_postgis(&mut probe, &shown).await?;
        schema::prepare(&mut probe, &options.schema, &shown).await
    }
    .await;
    let _ = probe.close().await;
    let search_path = prepared?;
    let pool = |size: u32, settings: &[(&str, &str)]| {
        let mut pool = PgPoolOptions::new()
            .max_connections(size)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            // A connection the server dropped (restart, pg_terminate_backend)
            // is found out before a query is sent on it.
            .test_before_acquire(true);
        if let Some(path) = search_path.clone() {
            // Set by a query, not a startup option: those are split at
            // spaces, which quoted schema names may hold.
            pool = pool.after_connect(move |conn, _| {
                let path = path.clone();
                Box::pin(async move {
                    sqlx::query("SELECT set_config('search_path', $1, false)")
                        .bind(path)
                        .execute(conn)
                        .await
                        .map(|_| ())
                })
            });
        }
        pool.connect_lazy_with(
            connect
                .clone()
                .application_name("learnscape")
                // Short queries from many requests at once: a parallel
                // worker costs more to start than it saves, and a plan
                // made once per connection beats planning every tile.
                .options([
                    ("max_parallel_workers_per_gather", "0"),
                    ("plan_cache_mode", "force_generic_plan"),
                ])
                .options(settings.iter().copied()),
        )
    };
    let (main, tiles) = split(options.connections);
    Ok(Pools {
        main: pool(main, &[]),
        tiles: pool(tiles, &[("lock_timeout", TILE_LOCK_TIMEOUT)]),
    })
}

/// What to add to the URL when the server's certificate was refused;
/// empty for other failures.
fn hint(connect: &PgConnectOptions, e: &sqlx::Error) -> &'static str {
    // Verified against the system's trusted CAs unless the URL names one:
    // a city's or a cloud provider's own CA must be named. rustls reports
    // a refused certificate as invalid data on the socket; sqlx's own TLS
    // errors (no TLS on the server, an unreadable CA file) need other
    // advice than this.
    let verifying = matches!(
        connect.get_ssl_mode(),
        PgSslMode::VerifyCa | PgSslMode::VerifyFull
    );
    let refused = matches!(e, sqlx::Error::Io(io) if io.kind() == std::io::ErrorKind::InvalidData);
    if verifying && refused {
        " (if the database's certificate comes from its own CA, name that CA's \
         certificate in the URL: sslrootcert=/path/to/ca.crt)"
    } else {
        ""
    }
}

/// Makes sure the database has PostGIS, creating the extension if this
/// role may (where the role's usual settings put it, not in learnscape's
/// schema, so the rest of the database can use it); otherwise says what to
/// do.
async fn ensure_postgis(conn: &mut PgConnection, shown: &str) -> StoreResult<()> {
    let installed: Option<String> =
        sqlx::query_scalar("SELECT extversion FROM pg_extension WHERE extname = 'postgis'")
            .fetch_optional(&mut *conn)
            .await
            .map_err(crate::backend)?;
    if installed.is_some() {
        return Ok(());
    }
    let available: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'postgis')",
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(crate::backend)?;
    if !available {
        return Err(StoreError::Unavailable(format!(
            "{shown} has no PostGIS: the extension is not installed on the database server \
             (Debian: apt-get install postgresql-15-postgis-3)"
        )));
    }
    sqlx::query("CREATE EXTENSION IF NOT EXISTS postgis")
        .execute(&mut *conn)
        .await
        .map(|_| ())
        .map_err(|e| {
            StoreError::Unavailable(format!(
                "{shown} lacks the PostGIS extension and this role cannot create it ({}); \
                 run CREATE EXTENSION postgis; in that database as a superuser",
                crate::said(&e)
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::{DEFAULT_CONNECTIONS, MIN_CONNECTIONS, StoreError, redact, split};

    #[test]
    fn connections_are_split_between_the_pools_and_never_exceed_the_total() {
        assert_eq!(split(DEFAULT_CONNECTIONS), (8, 8));
        assert_eq!(
            split(3),
            (2, 1),
            "one listens, one for the rest, one for tiles"
        );
        assert_eq!(split(7), (4, 3));
        assert_eq!(split(1), split(MIN_CONNECTIONS));
        for total in MIN_CONNECTIONS..64 {
            let (main, tiles) = split(total);
            assert_eq!(main + tiles, total);
            assert!(main >= 2 && tiles >= 1 && main >= tiles);
        }
    }

    async fn both_pools_use_tls(store: &crate::PostgisStore) {
        for pool in [&store.pool, &store.tile_pool] {
            let tls: bool =
                sqlx::query_scalar("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                    .fetch_one(pool)
                    .await
                    .expect("pg_stat_ssl");
            assert!(tls, "a connection without TLS");
        }
    }

    /// Only a PostgreSQL URL is taken for one; nothing is tried for the rest.
    #[tokio::test]
    async fn a_url_of_another_kind_is_refused_as_such() {
        for url in ["mysql://db/city", "sqlite://city.db", "db.example/city"] {
            match crate::PostgisStore::open(url).await {
                Err(StoreError::Unavailable(message)) => assert!(
                    message.contains("is not a PostgreSQL URL: it must start with postgres://"),
                    "{url}: {message}"
                ),
                other => panic!("{url}: opened or failed otherwise: {other:?}"),
            }
        }
    }

    /// A server that accepts the connection and never answers (stalled,
    /// or a tunnel whose other end is gone) is given up on with a
    /// message, not waited for without end.
    #[tokio::test]
    async fn a_database_that_never_answers_is_given_up_on() {
        let silent = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("listen");
        let url = format!(
            "postgres://learnscape@{}/city",
            silent.local_addr().expect("address")
        );
        tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((socket, _)) = silent.accept().await {
                held.push(socket);
            }
        });
        match crate::PostgisStore::open(&url).await {
            Err(StoreError::Unavailable(message)) => assert!(
                message.contains("cannot connect to")
                    && message.contains(&format!(
                        "no answer within {} s",
                        super::CONNECT_TIMEOUT.as_secs()
                    )),
                "{message}"
            ),
            other => panic!("opened or failed otherwise: {other:?}"),
        }
    }

    /// The server's refusal is passed on as the server words it, with its
    /// detail, and without sqlx's "at line N": that is a line of
    /// PostgreSQL's C source, which a user would take for one of theirs.
    #[tokio::test]
    async fn a_refused_connection_says_what_the_server_said_and_no_source_line() {
        let missing = crate::testing::with_database(
            &crate::testing::admin_url(),
            "learnscape_no_such_database",
        );
        match crate::PostgisStore::open(&missing).await {
            Err(StoreError::Unavailable(message)) => {
                assert!(
                    message.contains("database \"learnscape_no_such_database\" does not exist"),
                    "{message}"
                );
                assert!(!message.contains(" at line "), "{message}");
            }
            other => panic!("opened or failed otherwise: {other:?}"),
        }
    }

    /// Managed databases (a city's, a cloud provider's) require TLS:
    /// `sslmode` in the URL is honoured, by both pools.
    #[tokio::test]
    async fn tls_is_used_when_the_url_asks_for_it() {
        let url = crate::testing::fresh_database().await;
        let join = if url.contains('?') { '&' } else { '?' };
        let options = super::StoreOptions {
            connections: 4,
            ..Default::default()
        };
        let store =
            crate::PostgisStore::open_with(&format!("{url}{join}sslmode=require"), &options)
                .await
                .unwrap_or_else(|e| {
                    panic!("{e} (the test server needs TLS on: scripts/start-postgis turns it on)")
                });
        both_pools_use_tls(&store).await;
    }

    /// A city's database is used with `sslmode=verify-full`: the server's
    /// certificate must come from the CA the URL names (`sslrootcert`) and
    /// name the host. Without that CA the store refuses to connect and says
    /// what to add.
    #[tokio::test]
    async fn verify_full_checks_the_certificate_and_says_what_to_add_when_it_fails() {
        let url = crate::testing::fresh_database().await;
        let (base, query) = url.split_once('?').unwrap_or((&url, ""));
        let root_cert = query
            .split('&')
            .find(|p| p.starts_with("sslrootcert="))
            .unwrap_or_else(|| {
                panic!(
                    "{} does not name the test server's CA (sslrootcert=…); \
                     scripts/start-postgis's URL does",
                    crate::redact(&url)
                )
            });
        let options = super::StoreOptions {
            connections: 4,
            ..Default::default()
        };
        let verified = format!("{base}?sslmode=verify-full&{root_cert}");
        let store = crate::PostgisStore::open_with(&verified, &options)
            .await
            .unwrap_or_else(|e| panic!("verify-full with the test CA: {e}"));
        both_pools_use_tls(&store).await;
        store.close().await;

        let unverified = format!("{base}?sslmode=verify-full");
        let refused = crate::PostgisStore::open_with(&unverified, &options).await;
        let Err(StoreError::Unavailable(message)) = refused else {
            panic!("a certificate from an unknown CA was accepted");
        };
        assert!(
            message.contains("certificate") && message.contains("sslrootcert="),
            "{message}"
        );
    }

    /// This process's TCP sockets to `port`, each with whether Nagle's
    /// algorithm is off (TCP_NODELAY). The sockets are reached through
    /// /proc and pidfd_getfd: sqlx does not hand them out.
    fn nodelay_of_sockets_to(port: u16) -> Vec<bool> {
        use rustix::process::{PidfdFlags, PidfdGetfdFlags, getpid, pidfd_getfd, pidfd_open};
        let me = pidfd_open(getpid(), PidfdFlags::empty()).expect("pidfd_open");
        let mut found = Vec::new();
        for entry in std::fs::read_dir("/proc/self/fd").expect("/proc/self/fd") {
            let entry = entry.expect("fd entry");
            let is_socket = std::fs::read_link(entry.path())
                .is_ok_and(|target| target.to_string_lossy().starts_with("socket:"));
            let fd = entry.file_name().to_str().and_then(|n| n.parse().ok());
            let Some(fd) = fd.filter(|_| is_socket) else {
                continue;
            };
            let Ok(socket) = pidfd_getfd(&me, fd, PidfdGetfdFlags::empty()) else {
                continue; // closed since the listing
            };
            let peer = rustix::net::getpeername(&socket)
                .ok()
                .flatten()
                .and_then(|a| std::net::SocketAddr::try_from(a).ok());
            if peer.is_some_and(|a| a.port() == port) {
                found.push(rustix::net::sockopt::tcp_nodelay(&socket).expect("TCP_NODELAY"));
            }
        }
        found
    }

    /// With Nagle's algorithm on, a TLS handshake stalls twice on the
    /// server's delayed ACK (40 ms each: two small records written one
    /// after the other), so every command paid about 0.2 s over TLS.
    /// sqlx 0.9.0 left it on; vendor/sqlx-core turns it off.
    #[tokio::test]
    async fn every_connection_sends_without_waiting_for_acks() {
        let url = crate::testing::fresh_database().await;
        let store = crate::PostgisStore::open(&url).await.expect("open");
        both_pools_use_tls(&store).await;
        let port = url
            .parse::<sqlx::postgres::PgConnectOptions>()
            .expect("url")
            .get_port();
        let sockets = nodelay_of_sockets_to(port);
        assert!(sockets.len() >= 2, "the store's connections: {sockets:?}");
        assert!(sockets.iter().all(|&off| off), "Nagle on: {sockets:?}");
        store.close().await;
    }

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact("postgres://ada:s3cret@db:5432/city"),
            "postgres://ada:***@db:5432/city"
        );
        assert_eq!(redact("postgres://ada@db/city"), "postgres://ada@db/city");
        assert_eq!(redact("postgres:///city"), "postgres:///city");
    }
}
