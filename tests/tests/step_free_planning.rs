//! The planner's figures for walks that avoid steps, on Liechtenstein and
//! both stores. Everyone who lives there is counted either way; more are
//! left out when flights of steps are closed to them. A home's walk to a
//! place, as a closure lists it, is the walk the route answer measures
//! from that home, and a home left out has no other place within the walk
//! by the nearest answer, each taking or avoiding steps as asked: the
//! figures come from residents snapped to the streets their walks take.
//! The ranking, the closure, the best site and the candidate agree with
//! the gap table they are measured against.

use learnscape_tests::app::{self, Backend};
use learnscape_tests::http::{encoded, fetch, fetch_json};
use serde_json::Value;

const MINUTES: f64 = 10.0;

fn figure(v: &Value, k: &str) -> f64 {
    v[k].as_f64().unwrap_or_else(|| panic!("{k} in {v}"))
}

/// The homes within `place`'s walk, as its closure lists them, each
/// walked to it as the route answer walks; those its closing leaves out
/// with no other library within the walk by the nearest answer.
async fn homes_walk_as_routes_do(a: &str, place: &str, free: bool) -> usize {
    let homes = fetch_json(
        a,
        &format!(
            "/api/v1/access/closure?place={}&minutes={MINUTES}&step_free={free}&format=geojson",
            encoded(place)
        ),
    )
    .await;
    assert_eq!(homes["step_free"], free, "{}", homes["step_free"]);
    let features = homes["features"].as_array().expect("homes");
    // Every few, so that a walk of many homes stays quick.
    let every = features.len().div_ceil(25).max(1);
    for home in features.iter().step_by(every) {
        let at = &home["geometry"]["coordinates"];
        let (lon, lat) = (at[0].as_f64().expect("lon"), at[1].as_f64().expect("lat"));
        let route = fetch_json(
            a,
            &format!(
                "/api/v1/access/route?lon={lon}&lat={lat}&to={}&step_free={free}",
                encoded(place)
            ),
        )
        .await;
        let walked = figure(&route["place"], "minutes");
        let listed = figure(&home["properties"], "minutes");
        assert!(
            (walked - listed).abs() <= 0.051,
            "{place}, step_free={free}: a home at {lon},{lat} is {listed} min away by the \
             closure, {walked} by the route"
        );
        let near = fetch_json(
            a,
            &format!(
                "/api/v1/access/nearest?lon={lon}&lat={lat}&category=library&limit=2\
                 &minutes={MINUTES}&step_free={free}"
            ),
        )
        .await;
        let others = (near["facilities"].as_array().expect("facilities").iter())
            .filter(|f| f["id"] != place)
            .count();
        assert_eq!(
            home["properties"]["left_out"],
            others == 0,
            "{place}, step_free={free}: {home} against {near}"
        );
    }
    features.len()
}

async fn planners_can_count_walks_that_avoid_steps(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve(app::liechtenstein_state(backend, dir.path()).await).await;
    let gaps =
        |free: bool| format!("/api/v1/gaps?category=library&minutes={MINUTES}&step_free={free}");
    let taken = fetch_json(&a, &gaps(false)).await;
    let avoided = fetch_json(&a, &gaps(true)).await;
    assert_eq!(
        (&taken["step_free"], &avoided["step_free"]),
        (&Value::Bool(false), &Value::Bool(true))
    );
    assert_eq!(avoided["overall"]["step_free"], true);
    let (before, after) = (&taken["overall"], &avoided["overall"]);
    // The same residents, counted alike.
    assert_eq!(before["population"], after["population"]);
    assert_eq!(before["off_network"], after["off_network"]);
    assert!(
        figure(after, "uncovered") > figure(before, "uncovered"),
        "more left out avoiding steps: {after} against {before}"
    );
    // By neighbourhood: the same, each counted alike.
    let by_id = |v: &Value| -> Vec<(String, f64, f64)> {
        let mut rows: Vec<(String, f64, f64)> = (v["gaps"].as_array().expect("gaps").iter())
            .map(|r| {
                assert_eq!(r["step_free"], v["step_free"], "{r}");
                (
                    r["id"].as_str().expect("id").to_string(),
                    figure(r, "population"),
                    figure(r, "uncovered"),
                )
            })
            .collect();
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        rows
    };
    let (rows_taken, rows_avoided) = (by_id(&taken), by_id(&avoided));
    assert_eq!(rows_taken.len(), rows_avoided.len());
    let mut worse = 0;
    for (t, v) in rows_taken.iter().zip(&rows_avoided) {
        assert_eq!(
            (&t.0, t.1),
            (&v.0, v.1),
            "the same neighbourhood and residents"
        );
        worse += usize::from(v.2 > t.2);
    }
    assert!(worse > 0, "some neighbourhood loses by the steps");
    // The outlines say what the table says.
    let outlines = fetch_json(
        &a,
        &format!("/api/v1/neighbourhoods?category=library&minutes={MINUTES}&step_free=true"),
    )
    .await;
    assert_eq!(outlines["step_free"], true);
    for f in outlines["features"].as_array().expect("features") {
        let id = f["properties"]["id"].as_str().expect("id");
        let row = rows_avoided.iter().find(|r| r.0 == id).expect("listed");
        assert_eq!(figure(&f["properties"], "uncovered"), row.2, "{id}");
    }
    // The table, with a column that says so.
    let csv = fetch(&a, &format!("{}&format=csv", gaps(true)), &[]).await;
    let mut table = csv::Reader::from_reader(csv.body.as_slice());
    let headers = table.headers().expect("headers").clone();
    let column = headers
        .iter()
        .position(|h| h == "step_free")
        .expect("step_free");
    for row in table.records() {
        assert_eq!(&row.expect("a row")[column], "true");
    }

    // The library most relied on by walks that avoid steps: its closure
    // says as much, measured against the same table.
    let ranked = fetch_json(
        &a,
        &format!("/api/v1/access/reliance?category=library&minutes={MINUTES}&step_free=true"),
    )
    .await;
    assert_eq!(ranked["step_free"], true);
    let first = &ranked["places"][0];
    let place = first["id"].as_str().expect("a library");
    let closure = fetch_json(
        &a,
        &format!(
            "/api/v1/access/closure?place={}&minutes={MINUTES}&step_free=true",
            encoded(place)
        ),
    )
    .await;
    assert_eq!(closure["step_free"], true);
    assert_eq!(
        closure["left_out"], first["left_out"],
        "{closure} against {first}"
    );
    assert_eq!(closure["residents_within"], first["residents_within"]);
    assert_eq!(closure["uncovered_now"], after["uncovered"], "{closure}");
    for free in [true, false] {
        let homes = homes_walk_as_routes_do(&a, place, free).await;
        assert!(homes > 0, "{place} has homes within its walk");
    }

    // The best site for one more, and what one there would change.
    let best = fetch_json(
        &a,
        &format!("/api/v1/access/best-site?category=library&minutes={MINUTES}&step_free=true"),
    )
    .await;
    assert_eq!(best["step_free"], true);
    let site = &best["site"];
    let candidate = fetch_json(
        &a,
        &format!(
            "/api/v1/access/candidate?lon={}&lat={}&category=library&minutes={MINUTES}&step_free=true",
            site[0], site[1]
        ),
    )
    .await;
    assert_eq!(candidate["step_free"], true);
    assert_eq!(
        candidate["newly_covered"], best["newly_covered"],
        "{candidate} against {best}"
    );
    assert_eq!(candidate["uncovered_now"], after["uncovered"]);
    assert!(figure(&best, "newly_covered") > 0.0, "{best}");
}

learnscape_tests::on_every_backend!(planners_can_count_walks_that_avoid_steps);
