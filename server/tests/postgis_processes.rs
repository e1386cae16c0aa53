//! The real binary on a real PostGIS (a new database on the PostgreSQL of
//! LEARNSCAPE_TEST_DATABASE_URL):
//! - two server processes on one database: a resource approved through one
//!   is in the other's tiles and access answers within a second;
//! - an import by another process (the CLI) reaches a running server's
//!   access answers and tiles without a restart;
//! - password guesses spread over two processes meet one rate limit;
//! - the database connection cut mid-request: 503 with a clear message,
//!   the map keeps answering from memory, and everything works again once
//!   the database is back;
//! - while an import holds the basemap, its tiles are drawn from memory;
//! - SIGTERM stops a server cleanly, even while the database is away;
//! - a process holds no more connections than `--database-connections`;
//! - `--database-schema` keeps an import in its own schema.

mod common;

use common::{Answer, http_send};
use learnscape_store_postgis::testing::{admin_url, database_name, fresh_database, hold_lock};
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BALZERS: (f64, f64) = (9.4995, 47.0665);

fn learnscape(url: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_learnscape"));
    c.arg("--database-url")
        .arg(url)
        .env_remove("DATABASE_URL")
        .env_remove("LEARNSCAPE_STORE")
        .env_remove("LEARNSCAPE_DATABASE_CONNECTIONS")
        .env_remove("LEARNSCAPE_DATABASE_SCHEMA");
    c
}

fn dataset() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../datasets/liechtenstein.toml")
}

/// Imports `args` into `url` with the CLI, a process of its own.
fn import(url: &str, args: &[&std::ffi::OsStr]) {
    let out = learnscape(url)
        .arg("import")
        .args(args)
        .output()
        .expect("import");
    assert!(
        out.status.success(),
        "import: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A new database holding Liechtenstein, imported by the CLI.
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Runtime::new().expect("runtime")
}

fn liechtenstein_database() -> String {
    let url = runtime().block_on(fresh_database());
    import(&url, &[dataset().as_os_str()]);
    url
}

/// A server process; killed when dropped.
struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(url: &str) -> Server {
    let (child, address) = common::spawn_server(&["--database-url".as_ref(), url.as_ref()]);
    Server { child, address }
}

fn call(
    a: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<Value>,
) -> Answer {
    http_send(
        a,
        method,
        path,
        headers,
        body.map(|b| b.to_string()).as_deref(),
    )
    .unwrap_or_else(|| panic!("{method} {path}: no answer"))
}

fn json_of(r: &Answer) -> Value {
    serde_json::from_str(&r.2).unwrap_or(Value::Null)
}

/// Signs `email` up and in; the session cookie and CSRF headers.
fn sign_in(a: &str, email: &str) -> Vec<(String, String)> {
    let password = "a long enough password";
    let r = call(
        a,
        "POST",
        "/api/v1/accounts",
        &[],
        Some(json!({"email": email, "password": password, "display_name": "T"})),
    );
    assert_eq!(r.0, 201, "sign-up: {}", r.2);
    session(a, email)
}

fn session(a: &str, email: &str) -> Vec<(String, String)> {
    let r = call(
        a,
        "POST",
        "/api/v1/sessions",
        &[],
        Some(json!({"email": email, "password": "a long enough password"})),
    );
    assert_eq!(r.0, 201, "sign-in: {}", r.2);
    let cookie =
        r.1.iter()
            .find(|(k, _)| k == "set-cookie")
            .map(|(_, v)| v.split(';').next().unwrap_or("").to_string())
            .expect("cookie");
    let csrf = json_of(&r)["csrf_token"]
        .as_str()
        .expect("csrf")
        .to_string();
    vec![("Cookie".into(), cookie), ("X-CSRF-Token".into(), csrf)]
}

fn with(headers: &[(String, String)]) -> Vec<(&str, &str)> {
    headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// The z14 places tile at Balzers, raw MVT (names are plain UTF-8 in it).
fn balzers_tile(a: &str) -> String {
    let n = 2f64.powi(14);
    let x = ((BALZERS.0 + 180.0) / 360.0 * n) as u32;
    let lat = BALZERS.1.to_radians();
    let y = ((1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * n) as u32;
    call(
        a,
        "GET",
        &format!("/tiles/places/14/{x}/{y}.mvt"),
        &[],
        None,
    )
    .2
}

fn nearest_makerspace(a: &str) -> Option<String> {
    let r = call(
        a,
        "GET",
        &format!(
            "/api/v1/access/nearest?lon={}&lat={}&category=makerspace&limit=1",
            BALZERS.0, BALZERS.1
        ),
        &[],
        None,
    );
    assert_eq!(r.0, 200, "nearest: {}", r.2);
    json_of(&r)["facilities"][0]["name"]
        .as_str()
        .map(str::to_string)
}

/// How long after `since` server `a` shows the makerspace `name` in both
/// its places tile and its access answers; fails after `limit`.
fn until_shown(a: &str, name: &str, since: Instant, limit: Duration) -> Duration {
    loop {
        if balzers_tile(a).contains(name) && nearest_makerspace(a).as_deref() == Some(name) {
            return since.elapsed();
        }
        assert!(
            since.elapsed() < limit,
            "{a} did not show {name} within {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_resource_approved_through_one_process_reaches_the_other_within_a_second() {
    let url = liechtenstein_database();
    let (one, two) = (start(&url), start(&url));
    let (a, b) = (one.address.as_str(), two.address.as_str());
    let name = "Werkstatt Balzers im Rhein";

    let steward = sign_in(a, "steward@example.org");
    let g = call(
        a,
        "POST",
        "/api/v1/groups",
        &with(&steward),
        Some(json!({"name": "Rheinwerk"})),
    );
    assert_eq!(g.0, 201, "group: {}", g.2);
    let r = call(
        a,
        "POST",
        "/api/v1/resources",
        &with(&steward),
        Some(json!({
            "group": json_of(&g)["id"], "name": name, "category": "makerspace",
            "location": {"type": "Point", "coordinates": [BALZERS.0, BALZERS.1]},
            "offers": "Werkzeug", "access_terms": "alle", "contact": "x@example.org", "licence": "ODbL",
        })),
    );
    assert_eq!(r.0, 201, "register: {}", r.2);
    let id = json_of(&r)["id"].as_i64().expect("id");

    // Pending: neither process shows it.
    for s in [a, b] {
        assert!(!balzers_tile(s).contains(name));
        assert_ne!(nearest_makerspace(s).as_deref(), Some(name));
    }

    // A moderator (role granted by the CLI, a third process) approves
    // through process one.
    sign_in(a, "mod@example.org");
    let out = learnscape(&url)
        .args(["role", "mod@example.org", "moderator"])
        .output()
        .expect("role");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let moderator = session(a, "mod@example.org");
    let decided = call(
        a,
        "POST",
        &format!("/api/v1/moderation/resources/{id}/decision"),
        &with(&moderator),
        Some(json!({"revision": 1, "decision": "approve"})),
    );
    assert_eq!(decided.0, 200, "approve: {}", decided.2);
    let approved_at = Instant::now();
    // Process one applied it before answering.
    assert!(balzers_tile(a).contains(name));
    assert_eq!(nearest_makerspace(a).as_deref(), Some(name));

    // Process two hears of it through the database.
    let seen = until_shown(b, name, approved_at, Duration::from_secs(5));
    eprintln!("process two saw the approval after {seen:?}");
    assert!(seen < Duration::from_secs(1), "took {seen:?}");

    // And an archive through process two reaches process one.
    let archived = call(
        b,
        "POST",
        &format!("/api/v1/resources/{id}/archive"),
        &with(&session(b, "steward@example.org")),
        Some(json!({"reason": "moved away"})),
    );
    assert_eq!(archived.0, 200, "archive: {}", archived.2);
    let started = Instant::now();
    while balzers_tile(a).contains(name) {
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "archive not seen"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_ne!(nearest_makerspace(a).as_deref(), Some(name));
}

/// A TCP proxy in front of PostgreSQL that the test can stall and cut.
#[derive(Clone, Default)]
struct Proxy {
    state: Arc<Mutex<ProxyState>>,
}

#[derive(Default)]
struct ProxyState {
    stalled: bool,
    cut: bool,
    open: Vec<TcpStream>,
}

impl Proxy {
    /// Listens on a free port, forwarding to `upstream` (host:port).
    fn start(upstream: String) -> (Self, u16) {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let proxy = Proxy::default();
        let p = proxy.clone();
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                if p.state.lock().expect("lock").cut {
                    let _ = client.shutdown(Shutdown::Both);
                    continue;
                }
                let Ok(server) = TcpStream::connect(&upstream) else {
                    continue;
                };
                {
                    let mut s = p.state.lock().expect("lock");
                    s.open.extend(client.try_clone().ok());
                    s.open.extend(server.try_clone().ok());
                }
                for (from, to) in [
                    (client.try_clone(), server.try_clone()),
                    (server.try_clone(), client.try_clone()),
                ] {
                    let (Ok(from), Ok(to)) = (from, to) else {
                        continue;
                    };
                    let p = p.clone();
                    std::thread::spawn(move || p.pipe(from, to));
                }
            }
        });
        (proxy, port)
    }

    fn pipe(&self, mut from: TcpStream, mut to: TcpStream) {
        let mut buf = [0u8; 16384];
        loop {
            let n = match from.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            // Stalled: hold the bytes, as a hung network would.
            while self.state.lock().expect("lock").stalled {
                std::thread::sleep(Duration::from_millis(10));
            }
            if self.state.lock().expect("lock").cut || to.write_all(&buf[..n]).is_err() {
                break;
            }
        }
        let _ = to.shutdown(Shutdown::Both);
        let _ = from.shutdown(Shutdown::Both);
    }

    fn stall(&self) {
        self.state.lock().expect("lock").stalled = true;
    }

    /// Drops every connection and refuses new ones: the database is gone.
    fn cut(&self) {
        let mut s = self.state.lock().expect("lock");
        s.cut = true;
        s.stalled = false;
        for c in s.open.drain(..) {
            let _ = c.shutdown(Shutdown::Both);
        }
    }

    fn restore(&self) {
        self.state.lock().expect("lock").cut = false;
    }
}

/// A GIS team re-imports while the servers run: the import commits through
/// another process (the CLI), and the server answers from the new data
/// (its walk graph and facilities rebuilt, its tile cache left behind)
/// once it has read it again, without a restart.
#[test]
fn an_import_by_another_process_reaches_a_running_server() {
    let url = liechtenstein_database();
    let server = start(&url);
    let a = server.address.as_str();
    let name = "Rheinwerkstatt Balzers";
    let version =
        |a: &str| json_of(&call(a, "GET", "/tiles/places.json", &[], None))["tiles"][0].clone();
    let before = version(a);
    // Cached now: a stale cache would keep showing this tile.
    assert!(!balzers_tile(a).contains(name));
    assert_eq!(
        nearest_makerspace(a),
        None,
        "Liechtenstein has no makerspace"
    );

    let dir = tempfile::tempdir().expect("dir");
    let csv = dir.path().join("werkstaetten.csv");
    std::fs::write(
        &csv,
        format!("name,lon,lat\n{name},{},{}\n", BALZERS.0, BALZERS.1),
    )
    .expect("csv");
    import(
        &url,
        &[
            csv.as_os_str(),
            "--kind".as_ref(),
            "facilities".as_ref(),
            "--category".as_ref(),
            "makerspace".as_ref(),
        ],
    );
    let imported_at = Instant::now();

    let seen = until_shown(a, name, imported_at, Duration::from_secs(30));
    eprintln!("the server answered from the import after {seen:?}");
    // Clients refetching TileJSON get new tile URLs past every HTTP cache.
    assert_ne!(version(a), before);
    // Everything else is still there.
    let libraries = call(a, "GET", "/api/v1/places?category=library", &[], None);
    assert_eq!(libraries.0, 200);
    assert!(
        !json_of(&libraries)["features"]
            .as_array()
            .expect("features")
            .is_empty()
    );
}

#[test]
fn password_guesses_spread_over_two_processes_meet_one_limit() {
    let url = runtime().block_on(fresh_database());
    let (one, two) = (start(&url), start(&url));
    let (a, b) = (one.address.as_str(), two.address.as_str());
    sign_in(a, "guarded@example.org");
    let guess = |at: &str, email: &str| {
        call(
            at,
            "POST",
            "/api/v1/sessions",
            &[],
            Some(json!({"email": email, "password": "not the password at all"})),
        )
    };
    // Ten attempts a minute per address and account (the default); the
    // sign-in was one. Nine wrong guesses alternate between the processes,
    // as a load balancer's round robin would send them: one process saw
    // six attempts, the other four, so only a shared count refuses the
    // next at both.
    for i in 0..9 {
        let r = guess(if i % 2 == 0 { a } else { b }, "guarded@example.org");
        assert_eq!(r.0, 401, "guess {i}: {}", r.2);
    }
    for at in [a, b] {
        let r = guess(at, "guarded@example.org");
        assert_eq!(r.0, 429, "the eleventh guess, at {at}: {}", r.2);
        assert!(
            r.1.iter().any(|(k, v)| k == "retry-after"
                && v.parse::<u64>().is_ok_and(|s| (1..=60).contains(&s))),
            "{:?}",
            r.1
        );
    }
    // Another account is not held up by this one's guesser.
    assert_eq!(guess(b, "someone.else@example.org").0, 401);
}

/// `host:port` of a postgres:// URL.
fn host_port(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
    let host = rest.split(['/', '?']).next().unwrap_or(rest);
    if host.contains(':') {
        host.to_string()
    } else {
        format!("{host}:5432")
    }
}

#[test]
fn basemap_tiles_are_drawn_from_memory_while_an_import_holds_the_table() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::mpsc;
    let url = liechtenstein_database();
    let server = start(&url);
    // An import that rewrites the basemap locks it until it commits
    // (TRUNCATE or DROP INDEX); here a connection holds that lock until
    // told, or for at most 20 s so that a server waiting on it cannot hang
    // the test.
    let released = Arc::new(AtomicBool::new(false));
    let (locked_tx, locked) = mpsc::channel();
    let (release, release_rx) = mpsc::channel::<()>();
    let holder = {
        let (url, released) = (url.clone(), released.clone());
        std::thread::spawn(move || {
            runtime().block_on(async {
                let mut import = hold_lock(&url, "basemap").await;
                locked_tx.send(()).expect("tell");
                let _ = release_rx.recv_timeout(Duration::from_secs(20));
                released.store(true, Ordering::SeqCst);
                sqlx::query("ROLLBACK")
                    .execute(&mut import)
                    .await
                    .expect("rollback");
            })
        })
    };
    locked.recv().expect("the lock is taken");
    let tile = call(
        &server.address,
        "GET",
        "/tiles/basemap/12/2156/1438.mvt",
        &[],
        None,
    );
    let answered_while_locked = !released.load(Ordering::SeqCst);
    let _ = release.send(());
    holder.join().expect("lock holder");
    assert_eq!(tile.0, 200, "{}", tile.2);
    assert!(!tile.2.is_empty(), "a tile with features");
    assert!(
        answered_while_locked,
        "the tile waited for the import instead of being drawn from memory"
    );
}

#[test]
fn a_lost_database_gives_503_mid_request_and_the_server_recovers() {
    let url = liechtenstein_database();
    let (proxy, port) = Proxy::start(host_port(&admin_url()));
    let database = database_name(&url);
    let through_proxy = format!("postgres://postgres@127.0.0.1:{port}/{database}");
    let server = start(&through_proxy);
    let a = server.address.clone();
    let places = "/api/v1/places?category=library";
    assert_eq!(call(&a, "GET", places, &[], None).0, 200);

    // A request whose query is in flight when the connection dies.
    proxy.stall();
    let in_flight = {
        let a = a.clone();
        std::thread::spawn(move || call(&a, "GET", places, &[], None))
    };
    std::thread::sleep(Duration::from_millis(300));
    proxy.cut();
    let r = in_flight.join().expect("request thread");
    assert_eq!(r.0, 503, "{}", r.2);
    assert!(
        r.1.iter().any(|(k, v)| k == "retry-after" && v == "5"),
        "a 503 says when to retry: {:?}",
        r.1
    );
    let problem = json_of(&r);
    let detail = problem["detail"].as_str().unwrap_or_default();
    assert!(
        detail.contains("database cannot be reached"),
        "the message says what is wrong: {}",
        r.2
    );

    // While it is away: reads of the store and writes are 503, never a
    // hang or a 500; the map and access answers go on from memory.
    let down = call(&a, "GET", places, &[], None);
    assert_eq!(down.0, 503, "{}", down.2);
    let sign_up = || {
        let body = json!({"email": "late@example.org", "password": "a long enough password", "display_name": "L"});
        call(&a, "POST", "/api/v1/accounts", &[], Some(body))
    };
    let write = sign_up();
    assert_eq!(write.0, 503, "{}", write.2);
    let library = call(
        &a,
        "GET",
        "/api/v1/access/nearest?lon=9.52&lat=47.14&category=library&limit=1",
        &[],
        None,
    );
    assert_eq!(library.0, 200, "{}", library.2);
    assert!(library.2.contains("Landesbibliothek"), "{}", library.2);
    for layer in ["places", "basemap"] {
        let tile = call(
            &a,
            "GET",
            &format!("/tiles/{layer}/12/2156/1438.mvt"),
            &[],
            None,
        );
        assert_eq!(tile.0, 200, "{layer}: the map is drawn from memory");
    }

    // Back: the next requests succeed without a restart.
    proxy.restore();
    let started = Instant::now();
    loop {
        let r = call(&a, "GET", places, &[], None);
        if r.0 == 200 {
            assert!(r.2.contains("Landesbibliothek"), "{}", r.2);
            break;
        }
        assert_eq!(r.0, 503, "{}", r.2);
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "never recovered"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let write = sign_up();
    assert_eq!(
        write.0, 201,
        "the write the outage refused now succeeds: {}",
        write.2
    );
}

#[test]
fn an_unreachable_database_or_one_without_postgis_is_named_and_exits_3() {
    let out = learnscape("postgres://ada:s3cret@127.0.0.1:1/city")
        .arg("info")
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains("cannot connect to postgres://ada:***@127.0.0.1:1/city"),
        "{err}"
    );
    assert!(err.to_lowercase().contains("refused"), "says why: {err}");
    assert!(!err.contains("s3cret"), "no password in messages: {err}");

    // A database whose owner may not create extensions, without PostGIS.
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let url = runtime.block_on(fresh_database());
    let name = database_name(&url).to_string();
    let role = format!("{name}_owner");
    let admin = admin_url();
    let sql = |s: &str| {
        let out = Command::new("psql")
            .args([admin.as_str(), "-qc", s])
            .output()
            .expect("psql");
        assert!(
            out.status.success(),
            "{s}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    sql(&format!("CREATE ROLE {role} LOGIN"));
    sql(&format!("ALTER DATABASE {name} OWNER TO {role}"));
    // The same database, signed in as its owner (no password: trust).
    let (scheme, rest) = url.split_once("://").expect("a URL");
    let host = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    let weak = format!("{scheme}://{role}@{host}");
    // An import, which would make the store: a command that only reads
    // stops sooner, at "holds no learnscape store".
    let spots = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/facilities/vaduz-learning-spots.csv");
    let out = learnscape(&weak)
        .arg("import")
        .arg(&spots)
        .args(["--kind", "facilities", "--category-field", "category"])
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains("lacks the PostGIS extension") && err.contains("CREATE EXTENSION postgis"),
        "says what to do: {err}"
    );
    let out = learnscape(&weak).arg("info").output().expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("holds no learnscape store"), "{err}");
}

#[test]
fn sigterm_stops_a_server_on_postgis_even_while_the_database_is_away() {
    let url = runtime().block_on(fresh_database());
    let (proxy, port) = Proxy::start(host_port(&admin_url()));
    let database = database_name(&url);
    let connected = start(&url);
    let cut_off = start(&format!("postgres://postgres@127.0.0.1:{port}/{database}"));
    for server in [&connected, &cut_off] {
        let health = call(&server.address, "GET", "/health", &[], None);
        assert_eq!(health.0, 200, "{}", health.2);
    }
    // The second one's change feed loses its connection and keeps trying.
    proxy.cut();
    std::thread::sleep(Duration::from_secs(1));
    for (what, mut server) in [("connected", connected), ("cut off", cut_off)] {
        let exit = terminate(&mut server.child);
        assert!(
            exit.success(),
            "{what}: SIGTERM shuts down cleanly: {exit:?}"
        );
    }
}

/// Sends SIGTERM and waits for the exit. Closing the store must not wait
/// on the connection that listens for other processes' changes; the bound
/// keeps a hang from stalling the run.
fn terminate(child: &mut Child) -> std::process::ExitStatus {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(exit) = child.try_wait().expect("wait") {
            return exit;
        }
        assert!(
            Instant::now() < deadline,
            "the server still runs 20 s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// How many connections the processes named `learnscape` hold on the
/// database of `url`.
fn connections_to(url: &str) -> usize {
    let name = database_name(url);
    let out = Command::new("psql")
        .args([
            admin_url().as_str(),
            "-Atc",
            &format!(
                "SELECT count(*) FROM pg_stat_activity \
                 WHERE datname = '{name}' AND application_name = 'learnscape'"
            ),
        ])
        .output()
        .expect("psql");
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("a count")
}

/// Every Liechtenstein z14 tile of the table-backed layers at once from 16
/// threads, each tile once (so uncached); every answer 200 or 204.
fn load_tiles(a: &str) {
    let bbox = learnscape_core::Bbox::new(9.47, 47.04, 9.64, 47.28);
    let paths: Vec<String> = learnscape_tiles::TileCoord::covering(&bbox, 14)
        .into_iter()
        .flat_map(|c| {
            ["basemap", "places"].map(|l| format!("/tiles/{l}/{}/{}/{}.mvt", c.z, c.x, c.y))
        })
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..16 {
            s.spawn(|| {
                while let Some(path) =
                    paths.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
                {
                    let r = call(a, "GET", path, &[], None);
                    assert!(r.0 == 200 || r.0 == 204, "{path}: {} {}", r.0, r.2);
                }
            });
        }
    });
}

#[test]
fn a_process_holds_no_more_connections_than_it_is_given() {
    let url = runtime().block_on(fresh_database());
    let limit = ["--database-connections".as_ref(), "3".as_ref()];
    let dataset = dataset();
    import(&url, &[limit[0], limit[1], dataset.as_os_str()]);

    let (child, address) =
        common::spawn_server(&["--database-url".as_ref(), url.as_ref(), limit[0], limit[1]]);
    let small = Server { child, address };
    load_tiles(&small.address);
    // Writes and reads share the one connection that is not listening.
    sign_in(&small.address, "few@example.org");
    let places = call(&small.address, "GET", "/api/v1/places?limit=5", &[], None);
    assert_eq!(places.0, 200, "{}", places.2);
    let held = connections_to(&url);
    assert!((1..=3).contains(&held), "{held} connections held");
    drop(small);
    let since = Instant::now();
    while connections_to(&url) > 0 {
        assert!(
            since.elapsed() < Duration::from_secs(10),
            "connections outlive their process"
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    // The same load on a process with the default limit takes more: the
    // limit above is what held it to three.
    let default = start(&url);
    load_tiles(&default.address);
    let held = connections_to(&url);
    assert!(held > 3, "{held} connections held by default");

    let out = learnscape(&url)
        .args(["--database-connections", "2", "info"])
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("--database-connections"), "{err}");
}

/// `learnscape info --json`'s sources on `url` in `schema`.
fn sources_in(url: &str, schema: &str) -> Vec<String> {
    let out = learnscape(url)
        .args(["--database-schema", schema, "info", "--json"])
        .output()
        .expect("info");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let summary: Value = serde_json::from_slice(&out.stdout).expect("json");
    summary["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|s| s["id"].as_str().expect("id").to_string())
        .collect()
}

#[test]
fn an_import_into_a_schema_stays_there() {
    let url = runtime().block_on(fresh_database());
    let spots = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/facilities/vaduz-learning-spots.csv");
    let out = learnscape(&url)
        .args(["--database-schema", "vaduz", "import"])
        .arg(&spots)
        .args(["--kind", "facilities", "--category-field", "category"])
        .output()
        .expect("import");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");

    assert_eq!(sources_in(&url, "vaduz"), ["vaduz-learning-spots"]);
    // Nothing went elsewhere: public and another schema hold no store, and
    // `info` says so instead of making one.
    for schema in ["public", "schaan"] {
        let out = learnscape(&url)
            .args(["--database-schema", schema, "info"])
            .output()
            .expect("info");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{schema}: {err}");
        assert!(err.contains("holds no learnscape store"), "{schema}: {err}");
    }

    let out = learnscape(&url)
        .args(["--database-schema", "pg_city", "info"])
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("reserved"), "{err}");
}
