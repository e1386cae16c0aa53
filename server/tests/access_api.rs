//! The accessibility API over a real socket, on Liechtenstein.

mod common;

use common::http_get;
use learnscape_importers::{Dataset, NoProgress, Progress};
use learnscape_server::app::AppState;
use learnscape_server::app::import::{ProgressFactory, import};
use learnscape_store_embedded::EmbeddedStore;
use serde_json::{Value, json};
use std::path::Path;
use std::sync::Arc;

/// A store in `dir` holding the Liechtenstein dataset.
async fn imported_store(dir: &Path) -> Arc<EmbeddedStore> {
    let store = Arc::new(
        EmbeddedStore::open(&dir.join("store.db"))
            .await
            .expect("open"),
    );
    let dataset = Path::new(env!("CARGO_MANIFEST_DIR")).join("../datasets/liechtenstein.toml");
    let progress: ProgressFactory = Arc::new(|| Box::new(NoProgress) as Box<dyn Progress + Send>);
    import(
        store.as_ref(),
        Dataset::load(&dataset).expect("dataset").specs,
        progress,
        |_| {},
    )
    .await
    .expect("import");
    store
}

/// Imports Liechtenstein, loads the engine, serves on a free port.
async fn serve(dir: &Path) -> String {
    let state = AppState::load(imported_store(dir).await)
        .await
        .expect("load");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address").to_string();
    tokio::spawn(async move {
        let _ = axum::serve(
            listener,
            learnscape_server::app(state)
                .into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await;
    });
    address
}

async fn get(address: &str, path: &str) -> (u16, String) {
    let (a, p) = (address.to_string(), path.to_string());
    tokio::task::spawn_blocking(move || http_get(&a, &p))
        .await
        .expect("request")
}

async fn json(address: &str, path: &str) -> Value {
    let (status, body) = get(address, path).await;
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_accessibility_api_answers_residents_and_planners() {
    let dir = tempfile::tempdir().expect("dir");
    let a = serve(dir.path()).await;

    // Near the Landesbibliothek in Vaduz.
    let nearest = json(
        &a,
        "/api/v1/access/nearest?lon=9.5209&lat=47.1410&category=library&limit=3",
    )
    .await;
    assert_eq!(nearest["reachable"], true);
    let facilities = nearest["facilities"].as_array().expect("facilities");
    assert_eq!(facilities.len(), 3);
    assert_eq!(facilities[0]["name"], "Landesbibliothek");
    let meters: Vec<f64> = facilities
        .iter()
        .map(|f| f["meters"].as_f64().expect("m"))
        .collect();
    assert!(meters.windows(2).all(|w| w[0] <= w[1]), "{meters:?}");
    let first = &facilities[0];
    let minutes = first["minutes"].as_f64().expect("minutes");
    assert!((minutes - meters[0] / (5000.0 / 60.0)).abs() < 0.01);
    let route = nearest["route"]["geometry"]["coordinates"]
        .as_array()
        .expect("route");
    assert_eq!(route.first(), Some(&serde_json::json!([9.5209, 47.141])));
    assert!(route.len() > 5);
    assert!(
        nearest["attribution"]
            .as_str()
            .expect("attribution")
            .contains("OpenStreetMap")
    );

    // Within a limit of 10 minutes only the first is left.
    let limited = json(
        &a,
        "/api/v1/access/nearest?lon=9.5209&lat=47.1410&category=library&minutes=10",
    )
    .await;
    assert_eq!(limited["facilities"].as_array().map(Vec::len), Some(1));

    // A mountainside far from any path: unreachable, no invented number.
    let far = json(
        &a,
        "/api/v1/access/nearest?lon=9.6&lat=47.0&category=library",
    )
    .await;
    assert_eq!(far["reachable"], false);
    assert!(far.get("facilities").is_none());

    let iso = json(
        &a,
        "/api/v1/access/isochrone?lon=9.5209&lat=47.1410&minutes=5,10,15",
    )
    .await;
    let features = iso["features"].as_array().expect("features");
    let order: Vec<f64> = features
        .iter()
        .map(|f| f["properties"]["minutes"].as_f64().expect("m"))
        .collect();
    assert_eq!(order, [15.0, 10.0, 5.0]);
    let extent = |f: &Value| {
        let text = f["geometry"]["coordinates"].to_string();
        let numbers: Vec<f64> = text
            .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
            .filter_map(|s| s.parse().ok())
            .collect();
        let lons: Vec<f64> = numbers.iter().step_by(2).copied().collect();
        lons.iter().copied().fold(f64::MIN, f64::max)
            - lons.iter().copied().fold(f64::MAX, f64::min)
    };
    assert!(extent(&features[0]) > extent(&features[1]));
    assert!(extent(&features[1]) > extent(&features[2]));

    // Planners: every municipality with its figures.
    let hoods = json(&a, "/api/v1/neighbourhoods?category=school&minutes=15").await;
    let hoods = hoods["features"].as_array().expect("features");
    assert_eq!(hoods.len(), 11);
    for h in hoods {
        let p = &h["properties"];
        let (pop, covered, uncovered) = (
            p["population"].as_f64().expect("population"),
            p["covered"].as_f64().expect("covered"),
            p["uncovered"].as_f64().expect("uncovered"),
        );
        assert!((covered + uncovered - pop).abs() < 0.5, "{p}");
        assert!(
            (pop - p["stated_population"].as_f64().expect("stated")).abs() < 0.5,
            "{p}"
        );
        assert!(h["geometry"]["type"] == "MultiPolygon");
    }
    // Ranked as the gap list is: a GIS user sorting or labelling the
    // layer by `rank` sees the planner's list.
    let school_gaps = json(&a, "/api/v1/gaps?category=school&minutes=15").await;
    let by_rank: Vec<(Value, Value)> = (school_gaps["gaps"].as_array().into_iter().flatten())
        .map(|r| (r["rank"].clone(), r["id"].clone()))
        .collect();
    let layer: Vec<(Value, Value)> = hoods
        .iter()
        .map(|h| (h["properties"]["rank"].clone(), h["id"].clone()))
        .collect();
    assert_eq!(layer, by_rank);
    assert_eq!(layer[0].0, 1);

    let gaps = json(&a, "/api/v1/gaps?category=library&minutes=15").await;
    let rows = gaps["gaps"].as_array().expect("gaps");
    assert_eq!(rows.len(), 11);
    let uncovered: Vec<f64> = rows
        .iter()
        .map(|r| r["uncovered"].as_f64().expect("u"))
        .collect();
    assert!(uncovered.windows(2).all(|w| w[0] >= w[1]), "{uncovered:?}");
    assert!(rows[0]["uncovered"].as_f64() > Some(0.0));

    // Each row carries its area's extent, for a client to zoom to it.
    for row in rows {
        let hood = hoods
            .iter()
            .find(|h| h["id"] == row["id"])
            .expect("the same neighbourhood");
        let text = hood["geometry"]["coordinates"].to_string();
        let numbers: Vec<f64> = text
            .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
            .filter_map(|s| s.parse().ok())
            .collect();
        let (lons, lats): (Vec<f64>, Vec<f64>) =
            numbers.chunks(2).map(|pair| (pair[0], pair[1])).unzip();
        let min = |v: &[f64]| v.iter().copied().fold(f64::MAX, f64::min);
        let max = |v: &[f64]| v.iter().copied().fold(f64::MIN, f64::max);
        let expected = [min(&lons), min(&lats), max(&lons), max(&lats)];
        let bbox: Vec<f64> = row["bbox"]
            .as_array()
            .expect("bbox")
            .iter()
            .map(|x| x.as_f64().expect("number"))
            .collect();
        assert!(
            bbox.iter().zip(expected).all(|(b, e)| (b - e).abs() < 2e-7),
            "{}: {bbox:?} against {expected:?}",
            row["name"]
        );
    }
    assert!(gaps["overall"].get("bbox").is_none());

    // Each answer says how many facilities its figures stand on; a
    // category the data lacks says none, which the map explains.
    let count = |body: &Value| body["features"].as_array().map_or(0, Vec::len);
    let libraries = json(&a, "/api/v1/places?category=library").await;
    assert_eq!(gaps["facilities"], count(&libraries));
    assert!(count(&libraries) > 0);
    let schools = json(&a, "/api/v1/places?category=school").await;
    assert_eq!(
        json(&a, "/api/v1/neighbourhoods?category=school&minutes=15").await["facilities"],
        count(&schools)
    );
    let makerspaces = json(&a, "/api/v1/gaps?category=makerspace&minutes=15").await;
    assert_eq!(
        count(&json(&a, "/api/v1/places?category=makerspace").await),
        0,
        "Liechtenstein's extract has no makerspace"
    );
    assert_eq!(makerspaces["facilities"], 0);
    assert_eq!(makerspaces["overall"]["uncovered_share"], 1.0);

    let (status, csv) = get(&a, "/api/v1/gaps?category=library&minutes=15&format=csv").await;
    assert_eq!(status, 200);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 13, "header, 11 municipalities, the whole area");
    assert!(lines[0].starts_with("rank,id,name,category,minutes,population"));
    assert!(lines[1].starts_with("1,"));
}

#[tokio::test(flavor = "multi_thread")]
async fn every_documented_route_is_served() {
    let dir = tempfile::tempdir().expect("dir");
    let a = serve(dir.path()).await;
    let doc: Value = serde_json::from_str(learnscape_server::routes::OPENAPI).expect("openapi");
    for route in learnscape_server::routes::ROUTES {
        assert!(
            doc["paths"].get(*route).is_some(),
            "{route} is not documented"
        );
        let path = route
            .replace("{id}", "osm-liechtenstein:n315636966")
            .replace("{file}", "places.json")
            .replace("{layer}", "places")
            .replace("{z}/{x}/{y}", "10/539/359.mvt");
        let (status, body) = get(&a, &path).await;
        let fallback = format!("no such resource: {path}");
        assert!(!body.contains(&fallback), "{route} is not routed: {status}");
    }
    let (status, _) = get(&a, "/api/v1/nowhere").await;
    assert_eq!(status, 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_parameters_are_400_naming_the_parameter() {
    let dir = tempfile::tempdir().expect("dir");
    let a = serve(dir.path()).await;
    for (path, parameter) in [
        (
            "/api/v1/access/nearest?lon=9.52&lat=47.14&category=casino",
            "category",
        ),
        ("/api/v1/access/nearest?lon=9.52&lat=47.14", "category"),
        ("/api/v1/access/barriers?bbox=9,46,11,47", "bbox"),
        ("/api/v1/access/barriers", "bbox"),
        (
            "/api/v1/access/nearest?lon=190&lat=47.14&category=park",
            "lon",
        ),
        (
            "/api/v1/access/nearest?lon=9.52&lat=north&category=park",
            "lat",
        ),
        (
            "/api/v1/access/nearest?lon=9.52&lat=47.14&category=park&limit=0",
            "limit",
        ),
        (
            "/api/v1/access/isochrone?lon=9.52&lat=47.14&minutes=5,90",
            "minutes",
        ),
        (
            "/api/v1/access/isochrone?lon=9.52&lat=47.14&minutes=5,x",
            "minutes",
        ),
        (
            "/api/v1/access/isochrone?lon=-173.1&lat=54.4&minutes=",
            "minutes",
        ),
        ("/api/v1/neighbourhoods?category=park&minutes=0", "minutes"),
        (
            "/api/v1/access/nearest?lon=9.52&lat=47.14&category=park&at=2026-02-30T10:00",
            "at",
        ),
        (
            "/api/v1/access/nearest?lon=9.52&lat=47.14&category=park&at=2026-12-03T10:00Z",
            "at",
        ),
        (
            "/api/v1/access/nearest?lon=9.52&lat=47.14&category=park&at=2026-12-03T10:00&open=yes",
            "open",
        ),
        (
            "/api/v1/access/nearest?lon=9.52&lat=47.14&category=park&at=today",
            "at",
        ),
        ("/api/v1/places/x?at=1999-12-31T23:59", "at"),
        ("/api/v1/gaps?category=park&format=xml", "format"),
        // A pace in metres per second, or none at all.
        (
            "/api/v1/gaps?category=park&walking_speed_kmh=1.4",
            "walking_speed_kmh",
        ),
        (
            "/api/v1/access/nearest?lon=9.52&lat=47.14&category=park&walking_speed_kmh=fast",
            "walking_speed_kmh",
        ),
        (
            "/api/v1/access/best-site?category=park&walking_speed_kmh=3.3",
            "walking_speed_kmh",
        ),
        ("/api/v1/gaps?category=park&step_free=1", "step_free"),
    ] {
        let (status, body) = get(&a, path).await;
        assert_eq!(status, 400, "{path}: {body}");
        let problem: Value = serde_json::from_str(&body).expect("problem+json");
        assert_eq!(problem["parameter"], parameter, "{path}: {body}");
        assert!(
            problem["detail"]
                .as_str()
                .expect("detail")
                .starts_with(parameter)
        );
    }
}

/// Every answer asked at another pace than the server's (5 km/h) walks as
/// far as the server's pace does in as many more minutes: 30 min at
/// 2.5 km/h is 15 min at 5. The counts are the same, the times doubled.
#[tokio::test(flavor = "multi_thread")]
async fn an_answer_at_another_pace_walks_as_far_as_the_city_s_in_proportionate_minutes() {
    let dir = tempfile::tempdir().expect("dir");
    let a = serve(dir.path()).await;
    let number = |v: &Value| v.as_f64().unwrap_or_else(|| panic!("a number: {v}"));

    let city = json(&a, "/api/v1/gaps?category=park&minutes=15").await;
    let slow = json(
        &a,
        "/api/v1/gaps?category=park&minutes=30&walking_speed_kmh=2.5",
    )
    .await;
    assert_eq!(city["walking_speed_kmh"], 5.0);
    assert_eq!(slow["walking_speed_kmh"], 2.5);
    assert_eq!(slow["minutes"], 30.0);
    let rows = |g: &Value| g["gaps"].as_array().expect("gaps").clone();
    assert_eq!(rows(&slow).len(), rows(&city).len());
    let mut doubled = 0;
    for (s, c) in rows(&slow).iter().zip(rows(&city).iter()) {
        assert_eq!(s["id"], c["id"], "the same ranking");
        for figure in [
            "population",
            "uncovered",
            "covered",
            "e2sfca_per_10k",
            "gini",
        ] {
            assert_eq!(s[figure], c[figure], "{} {figure}", s["name"]);
        }
        assert_eq!(s["walking_speed_kmh"], 2.5);
        if let (Some(sp), Some(cp)) = (s["p50_min"].as_f64(), c["p50_min"].as_f64()) {
            assert!((sp - 2.0 * cp).abs() < 0.02, "{}: {sp} {cp}", s["name"]);
            doubled += 1;
        }
    }
    assert!(doubled >= 5, "{doubled} neighbourhoods with a median walk");
    // At the city's own pace, asked for, the very same answer.
    let asked = json(
        &a,
        "/api/v1/gaps?category=park&minutes=15&walking_speed_kmh=5",
    )
    .await;
    assert_eq!(asked, city);
    // Slower at the same minutes: more are left out.
    let four = json(
        &a,
        "/api/v1/gaps?category=park&minutes=15&walking_speed_kmh=4",
    )
    .await;
    assert!(number(&four["overall"]["uncovered"]) > number(&city["overall"]["uncovered"]));
    let csv = get(
        &a,
        "/api/v1/gaps?category=park&minutes=15&walking_speed_kmh=4&format=csv",
    )
    .await
    .1;
    let header: Vec<&str> = csv.lines().next().expect("header").split(',').collect();
    let column = header
        .iter()
        .position(|h| *h == "walking_speed_kmh")
        .expect("a pace column");
    let first: Vec<&str> = csv.lines().nth(1).expect("a row").split(',').collect();
    assert_eq!(first.get(column).copied(), Some("4.0"), "{csv:.300}");
    let layer = json(
        &a,
        "/api/v1/neighbourhoods?category=park&minutes=30&walking_speed_kmh=2.5",
    )
    .await;
    let features = layer["features"].as_array().expect("features");
    assert_eq!(features.len(), rows(&city).len());
    for (f, c) in features.iter().zip(rows(&city).iter()) {
        assert_eq!(f["properties"]["uncovered"], c["uncovered"]);
        assert_eq!(f["properties"]["walking_speed_kmh"], 2.5);
    }

    // A resident near the Landesbibliothek: the same places, each twice as far in time.
    let near = "/api/v1/access/nearest?lon=9.5209&lat=47.1410&category=library&limit=3";
    let at_city = json(&a, near).await;
    let at_slow = json(&a, &format!("{near}&walking_speed_kmh=2.5")).await;
    assert_eq!(at_slow["walking_speed_kmh"], 2.5);
    let places = |n: &Value| n["facilities"].as_array().expect("facilities").clone();
    assert_eq!(places(&at_slow).len(), 3);
    for (s, c) in places(&at_slow).iter().zip(places(&at_city).iter()) {
        assert_eq!((&s["id"], &s["meters"]), (&c["id"], &c["meters"]));
        let (sm, cm) = (number(&s["minutes"]), number(&c["minutes"]));
        assert!((sm - 2.0 * cm).abs() < 0.02, "{sm} against {cm}");
    }
    // Within 20 minutes at 2.5 km/h, as within 10 at 5: only the first.
    let within = json(&a, &format!("{near}&minutes=20&walking_speed_kmh=2.5")).await;
    assert_eq!(within["facilities"].as_array().map(Vec::len), Some(1));

    // The area within 10 minutes at 2.5 km/h is the area within 5 at 5 km/h.
    let iso = "/api/v1/access/isochrone?lon=9.5209&lat=47.1410";
    let slow_iso = json(&a, &format!("{iso}&minutes=10&walking_speed_kmh=2.5")).await;
    let city_iso = json(&a, &format!("{iso}&minutes=5")).await;
    let shape = |i: &Value| i["features"][0]["geometry"].clone();
    assert_eq!(shape(&slow_iso), shape(&city_iso));
    assert_eq!(slow_iso["features"][0]["properties"]["minutes"], 10.0);
    assert_eq!(
        slow_iso["features"][0]["properties"]["walking_speed_kmh"],
        2.5
    );

    // A planner's new park in Vaduz, and the best site: as far, the same.
    let site = "/api/v1/access/candidate?lon=9.5209&lat=47.1410&category=park";
    let slow_site = json(&a, &format!("{site}&minutes=30&walking_speed_kmh=2.5")).await;
    let city_site = json(&a, &format!("{site}&minutes=15")).await;
    assert_eq!(slow_site["walking_speed_kmh"], 2.5);
    for figure in [
        "residents_within",
        "newly_covered",
        "uncovered_now",
        "neighbourhoods",
    ] {
        assert_eq!(slow_site[figure], city_site[figure], "{figure}");
    }
    let slow_best = json(
        &a,
        "/api/v1/access/best-site?category=park&minutes=30&walking_speed_kmh=2.5",
    )
    .await;
    let city_best = json(&a, "/api/v1/access/best-site?category=park&minutes=15").await;
    assert_eq!(slow_best["walking_speed_kmh"], 2.5);
    assert_eq!(
        (&slow_best["site"], &slow_best["newly_covered"]),
        (&city_best["site"], &city_best["newly_covered"])
    );
    assert!(number(&city_best["newly_covered"]) > 0.0);
}

/// Any minutes, and so any pace, may be asked for: the reports kept stay
/// bounded, and those of the walks the map offers are never the ones let
/// go, even when every one of them is kept, taking steps and avoiding them.
#[tokio::test(flavor = "multi_thread")]
async fn reports_for_any_walk_asked_for_are_kept_within_a_bound() {
    use learnscape_core::{Category, Subject};
    use learnscape_server::app::access::{
        AccessSnapshot, DEFAULT_MINUTES, REPORTS_KEPT, Steps, Walking,
    };

    let dir = tempfile::tempdir().expect("dir");
    let store = imported_store(dir.path()).await;
    let snapshot = AccessSnapshot::load(store.as_ref(), Default::default())
        .await
        .expect("load");
    let pace = snapshot.speed();
    let mut offered = Vec::new();
    for subject in Subject::ALL {
        for minutes in DEFAULT_MINUTES {
            for steps in [Steps::Taken, Steps::Avoided] {
                let walking = Walking { pace, steps };
                offered.push((
                    subject,
                    minutes,
                    walking,
                    snapshot.report_at(subject, minutes, walking),
                ));
            }
        }
    }
    assert!(snapshot.reports_kept() <= REPORTS_KEPT);
    for k in 0..2 * REPORTS_KEPT {
        let minutes = 1.0 + k as f64 * 0.1;
        snapshot.report(Category::Library, minutes);
        assert!(snapshot.reports_kept() <= REPORTS_KEPT, "{minutes} min");
    }
    for (subject, minutes, walking, report) in &offered {
        let again = snapshot.report_at(*subject, *minutes, *walking);
        assert!(
            std::sync::Arc::ptr_eq(report, &again),
            "{subject:?} at {minutes} min, {walking:?}: let go"
        );
    }
}

/// A resident asks what is open: near Vaduz's Landesbibliothek, whose OSM
/// hours are "Mo-Fr 09:00-18:30; Sa 13:00-17:00".
#[tokio::test(flavor = "multi_thread")]
async fn nearest_places_say_when_they_are_open_and_can_be_only_the_open_ones() {
    let dir = tempfile::tempdir().expect("dir");
    let a = serve(dir.path()).await;
    let near = "/api/v1/access/nearest?lon=9.5209&lat=47.1410&category=library";
    // 2026-12-03 is a Thursday.
    let thursday = json(&a, &format!("{near}&limit=50&at=2026-12-03T10:00")).await;
    assert_eq!(thursday["at"], "2026-12-03T10:00");
    let all = thursday["facilities"].as_array().expect("facilities");
    let first = &all[0];
    assert_eq!(first["name"], "Landesbibliothek");
    assert_eq!(first["open"]["state"], "open");
    assert_eq!(first["open"]["changes_at"], "2026-12-03T18:30");
    assert_eq!(first["open"]["changes_to"], "closed");
    // Every place is told apart: open, closed, or no hours (null).
    assert!(all.iter().all(|f| f.get("open").is_some()));
    assert!(
        all.iter().any(|f| f["open"].is_null()),
        "some libraries have no hours"
    );

    // Only the open ones: exactly those the full list says are open, in
    // the same order (the filter runs inside the search, so a limit
    // counts open places only).
    let open = json(
        &a,
        &format!("{near}&limit=50&at=2026-12-03T10:00&open=true"),
    )
    .await;
    assert_eq!(open["open_only"], true);
    let ids = |list: &[Value]| -> Vec<String> {
        list.iter()
            .map(|f| f["id"].as_str().expect("id").to_string())
            .collect()
    };
    let expected: Vec<Value> = all
        .iter()
        .filter(|f| f["open"]["state"] == "open")
        .cloned()
        .collect();
    let got = open["facilities"].as_array().expect("facilities");
    assert!(!expected.is_empty());
    assert_eq!(ids(got), ids(&expected));
    let nearest_open = json(&a, &format!("{near}&limit=1&at=2026-12-03T10:00&open=true")).await;
    assert_eq!(
        ids(nearest_open["facilities"].as_array().expect("facilities")),
        ids(&expected[..1])
    );

    // Saturday at noon the Landesbibliothek is closed until one; with
    // open=true it is not listed, and the route goes to the first open one.
    let saturday = json(&a, &format!("{near}&limit=50&at=2026-12-05T12:00")).await;
    let lb = &saturday["facilities"][0];
    assert_eq!(lb["open"]["state"], "closed");
    assert_eq!(lb["open"]["changes_at"], "2026-12-05T13:00");
    assert_eq!(lb["open"]["changes_to"], "open");
    let saturday_open = json(&a, &format!("{near}&at=2026-12-05T12:00&open=true")).await;
    let listed = saturday_open["facilities"].as_array().expect("facilities");
    assert!(
        listed
            .iter()
            .all(|f| f["id"] != lb["id"] && f["open"]["state"] == "open")
    );
    match listed.first() {
        Some(f) => assert_eq!(saturday_open["route"]["properties"]["to"], f["id"]),
        None => assert!(saturday_open["route"].is_null()),
    }

    // Of the parks, the nearest with hours ("08:00-22:00") is not the
    // nearest: asked for one open park, the search goes on past those
    // without hours to it, and the route leads there.
    let park =
        "/api/v1/access/nearest?lon=9.5209&lat=47.1410&category=park&limit=1&at=2026-12-05T12:00";
    let any_park = json(&a, park).await;
    let open_park = json(&a, &format!("{park}&open=true")).await;
    let first_open = &open_park["facilities"][0];
    assert_eq!(first_open["name"], "Familienpark Äule");
    assert_ne!(any_park["facilities"][0]["id"], first_open["id"]);
    assert!(first_open["minutes"].as_f64() > any_park["facilities"][0]["minutes"].as_f64());
    assert_eq!(open_park["route"]["properties"]["to"], first_open["id"]);

    // Without `at` nothing is said about hours.
    let plain = json(&a, &format!("{near}&limit=1")).await;
    assert!(plain["facilities"][0].get("open").is_none());
    assert!(plain["at"].is_null());

    // The place card says the same.
    let id = first["id"].as_str().expect("id");
    let card = json(&a, &format!("/api/v1/places/{id}?at=2026-12-05T12:00")).await;
    assert_eq!(card["properties"]["open"], lb["open"]);
    let card = json(&a, &format!("/api/v1/places/{id}")).await;
    assert!(card["properties"].get("open").is_none());
}

/// "Open now" is now on the places' clock (Vaduz: UTC+1 in winter, +2 in
/// summer), whatever the server's or the asker's zone.
#[tokio::test(flavor = "multi_thread")]
async fn open_now_is_read_on_the_places_own_clock() {
    use chrono::{DateTime, Utc};
    let dir = tempfile::tempdir().expect("dir");
    let a = serve(dir.path()).await;
    let near = "/api/v1/access/nearest?lon=9.5209&lat=47.1410&category=library&limit=50";
    let vaduz = |t: DateTime<Utc>| {
        t.with_timezone(&chrono_tz::Europe::Vaduz)
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    };
    let before = vaduz(Utc::now());
    let now = json(&a, &format!("{near}&at=now")).await;
    let after = vaduz(Utc::now());
    assert_eq!(now["at"], "now");
    let all = now["facilities"].as_array().expect("facilities");
    let lb = &all[0];
    assert_eq!(lb["name"], "Landesbibliothek");
    let there = lb["open"]["at"].as_str().expect("read at a local time");
    assert!(
        there == before || there == after,
        "{there} is not now in Vaduz ({before})"
    );
    // It is the same answer as asking for that local time.
    let same = json(&a, &format!("{near}&at={there}")).await;
    assert_eq!(same["facilities"][0]["open"], lb["open"]);

    // open=true alone lists the places open now.
    let open_now = json(&a, &format!("{near}&open=true")).await;
    assert_eq!(open_now["at"], "now");
    assert_eq!(open_now["open_only"], true);
    let listed = open_now["facilities"].as_array().expect("facilities");
    assert!(listed.iter().all(|f| f["open"]["state"] == "open"));
    // Exactly the places open at that minute there, in order.
    let minute = listed
        .first()
        .and_then(|f| f["open"]["at"].as_str())
        .unwrap_or(there);
    let full = json(&a, &format!("{near}&at={minute}")).await;
    let ids = |list: &[Value]| -> Vec<Value> {
        list.iter()
            .filter(|f| f["open"]["state"] == "open")
            .map(|f| f["id"].clone())
            .collect()
    };
    assert_eq!(
        ids(listed),
        ids(full["facilities"].as_array().expect("facilities"))
    );
}

/// A commoning group typing its hours sees how they read: the next seven
/// days on the clock of the place, or a 400 saying where they stop reading.
#[tokio::test(flavor = "multi_thread")]
async fn opening_hours_are_read_back_as_the_next_seven_days() {
    use chrono::{Datelike, NaiveDate, Weekday};
    let dir = tempfile::tempdir().expect("dir");
    let a = serve(dir.path()).await;
    let vaduz = "&lon=9.5209&lat=47.141";
    // "Mo-Fr 09:00-18:00; Sa 10:00-14:00"
    let value = "Mo-Fr%2009:00-18:00%3B%20Sa%2010:00-14:00";
    let vaduz_today = || {
        chrono::Utc::now()
            .with_timezone(&chrono_tz::Europe::Vaduz)
            .date_naive()
            .to_string()
    };
    let before = vaduz_today();
    let read = json(&a, &format!("/api/v1/opening-hours?value={value}{vaduz}")).await;
    let after = vaduz_today();
    assert_eq!(read["value"], "Mo-Fr 09:00-18:00; Sa 10:00-14:00");
    assert_eq!(read["time_zone"], "Europe/Vaduz");
    assert!(["open", "closed"].contains(&read["open"]["state"].as_str().expect("a state")));
    let days = read["days"].as_array().expect("days");
    assert_eq!(days.len(), 7);
    for (i, day) in days.iter().enumerate() {
        let date = NaiveDate::parse_from_str(day["date"].as_str().expect("date"), "%Y-%m-%d")
            .expect("a date");
        if i > 0 {
            let before = days[i - 1]["date"].as_str().expect("date");
            assert_eq!(
                date.pred_opt().map(|d| d.to_string()).as_deref(),
                Some(before)
            );
        }
        let expected = match date.weekday() {
            Weekday::Sat => json!([["10:00", "14:00"]]),
            Weekday::Sun => json!([]),
            _ => json!([["09:00", "18:00"]]),
        };
        assert_eq!(day["open"], expected, "{date}");
    }
    // Today is today in Vaduz, whatever the server's zone.
    let first = days[0]["date"].as_str().expect("date");
    assert!(
        first == before || first == after,
        "{first} is not today in Vaduz ({before})"
    );

    // Around the clock, with no place: UTC, and nothing said about now.
    let always = json(&a, "/api/v1/opening-hours?value=24/7").await;
    assert!(always["time_zone"].is_null() && always["open"].is_null());
    assert!(
        always["days"]
            .as_array()
            .expect("days")
            .iter()
            .all(|d| d["open"] == json!([["00:00", "24:00"]]))
    );

    for (path, parameter, says) in [
        (
            "/api/v1/opening-hours?value=Mo-Fr%209%20to%205",
            "value",
            "at character 7, \"9 to 5\"",
        ),
        ("/api/v1/opening-hours?value=%20", "value", "is required"),
        (
            "/api/v1/opening-hours?value=24/7&lon=9.52",
            "lat",
            "is required",
        ),
    ] {
        let (status, body) = get(&a, path).await;
        assert_eq!(status, 400, "{path}: {body}");
        let problem: Value = serde_json::from_str(&body).expect("problem+json");
        assert_eq!(problem["parameter"], parameter, "{body}");
        assert!(
            problem["detail"].as_str().expect("detail").contains(says),
            "{body}"
        );
    }
}

/// The commons issue will add a facility when a resource is approved: the
/// service updates incrementally and must match a full rebuild.
#[tokio::test(flavor = "multi_thread")]
async fn adding_a_facility_updates_the_figures_like_a_full_rebuild() {
    use learnscape_access::FacilityInput;
    use learnscape_core::store::SourceStore;
    use learnscape_core::{
        Category, DataSource, LonLat, Place, PlaceId, Shape, SourceData, SourceId, SourceKind,
    };
    use learnscape_server::app::access::AccessSnapshot;

    let dir = tempfile::tempdir().expect("dir");
    let store = imported_store(dir.path()).await;
    let snapshot = AccessSnapshot::load(store.as_ref(), Default::default())
        .await
        .expect("load");
    let schaan = |r: &learnscape_server::app::access::CategoryReport| {
        r.areas
            .iter()
            .find(|a| snapshot.areas()[a.area].name == "Schaan")
            .map(|a| a.figures.clone())
            .expect("Schaan")
    };
    let before = snapshot.report(Category::Library, 15.0);
    assert_eq!(
        schaan(&before).covered,
        0.0,
        "Schaan has no library within 15 minutes"
    );

    // A new library by Schaan's town hall.
    let source = SourceId("commons".into());
    let p = LonLat::new(9.5096, 47.1649);
    let place = Place {
        id: PlaceId::new(&source, "1"),
        source: source.clone(),
        source_ref: "1".into(),
        category: Category::Library,
        name: Some("Bibliothek der Dinge".into()),
        shape: Shape::Point(p),
        representative_point: p,
        attributes: Default::default(),
    };
    snapshot.add_facility(FacilityInput::from(&place));
    let after = snapshot.report(Category::Library, 15.0);
    assert!(schaan(&after).covered > 1000.0, "{:?}", schaan(&after));

    // The same place imported and everything rebuilt gives the same figures.
    store
        .replace_source(
            DataSource {
                id: source.clone(),
                kind: SourceKind::Facilities,
                path: "test".into(),
                sha256: "0".repeat(64),
                reader: String::new(),
                imported_at: chrono::Utc::now(),
                data_as_of: None,
                attribution: String::new(),
                note: String::new(),
            },
            SourceData {
                places: vec![place.clone()],
                ..Default::default()
            },
        )
        .await
        .expect("store");
    let rebuilt = AccessSnapshot::load(store.as_ref(), Default::default())
        .await
        .expect("load");
    let full = rebuilt.report(Category::Library, 15.0);
    // Sums over facilities run in another order, so compare to 1e-9.
    let close = |a: &Option<f64>, b: &Option<f64>| match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(1.0),
        (None, None) => true,
        _ => false,
    };
    for (a, b) in after.areas.iter().zip(&full.areas) {
        let (x, y) = (&a.figures, &b.figures);
        let name = &snapshot.areas()[a.area].name;
        assert!(
            close(&Some(x.covered), &Some(y.covered)),
            "{name}: {x:?} vs {y:?}"
        );
        assert!(
            close(&x.e2sfca_per_10k, &y.e2sfca_per_10k),
            "{name}: {x:?} vs {y:?}"
        );
        assert!(close(&x.gini, &y.gini), "{name}: {x:?} vs {y:?}");
        assert!(
            close(&x.p50_min, &y.p50_min) && close(&x.p90_min, &y.p90_min),
            "{name}"
        );
        assert!(close(&x.cumulative_mean, &y.cumulative_mean), "{name}");
    }

    // And removing it restores the figures from before.
    assert!(snapshot.remove_facility(Category::Library, &place.id));
    assert_eq!(snapshot.report(Category::Library, 15.0).areas, before.areas);
}
