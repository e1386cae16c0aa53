//! What a walk avoiding steps goes around, as the planner's map asks for
//! it (`/api/v1/access/barriers`), on Liechtenstein and both stores: over
//! the whole file, the segments of steps and those barred by each kind
//! are as many as osmium finds (`reference::walk_totals`), each barred one
//! lies where osmium has one barred by the same (`reference::barred_pairs`),
//! and none is level; a box around one turnstile's segment holds it; a
//! box wider than a town's surroundings is refused.

use learnscape_tests::app::{self, Backend};
use learnscape_tests::http::{fetch, fetch_json};
use learnscape_tests::{data, osmium, reference};
use serde_json::Value;
use std::collections::BTreeMap;

/// A two-point line's ends in 1e-7°, as `reference::barred_pairs` keys them.
fn ends(feature: &Value) -> [(i64, i64); 2] {
    let point = |i: usize| {
        let c = &feature["geometry"]["coordinates"][i];
        let at = |k: usize| (c[k].as_f64().expect("a coordinate") * 1e7).round() as i64;
        (at(0), at(1))
    };
    [point(0), point(1)]
}

async fn the_barriers_in_a_box_are_osmiums(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve(app::liechtenstein_state(backend, dir.path()).await).await;
    let objects = osmium::tags_filter_with_nodes(&data::liechtenstein_pbf(), &["w/highway"]);
    let totals = reference::walk_totals(&objects);
    let barred = reference::barred_pairs(&objects);

    // The file's data reaches 9.398–9.681°E, 46.823–47.526°N.
    let all = fetch_json(&a, "/api/v1/access/barriers?bbox=9.39,46.82,9.69,47.53").await;
    let features = all["features"].as_array().expect("features");
    let mut steps = 0;
    let mut by: BTreeMap<String, usize> = BTreeMap::new();
    for f in features {
        assert_eq!(f["geometry"]["type"], "LineString", "{f}");
        let is_steps = f["properties"]["steps"].as_bool().expect("steps");
        let bar = f["properties"]["bar"].as_str();
        assert!(is_steps || bar.is_some(), "a level segment: {f}");
        steps += usize::from(is_steps);
        if let Some(bar) = bar {
            *by.entry(bar.to_string()).or_default() += 1;
            // osmium's barred pairs leave flights of steps out.
            if !is_steps {
                assert_eq!(barred.get(&ends(f)).copied(), Some(bar), "{f}");
            }
        }
    }
    assert_eq!(steps, totals.steps, "segments of steps");
    let expected: BTreeMap<String, usize> = (totals.barred_by.iter())
        .map(|(k, n)| (k.to_string(), *n))
        .collect();
    assert_eq!(by, expected, "barred segments by what bars them");
    assert!(
        all["attribution"]
            .as_str()
            .is_some_and(|a| a.contains("OpenStreetMap")),
        "{}",
        all["attribution"]
    );

    // A box a few centimetres across, in the middle of a segment through a
    // turnstile.
    let (turnstile, _) = (barred.iter())
        .filter(|(_, kind)| **kind == "turnstile")
        .min_by_key(|(pair, _)| **pair)
        .expect("Liechtenstein has turnstiles");
    let [(x0, y0), (x1, y1)] = *turnstile;
    let (lon, lat) = ((x0 + x1) as f64 / 2e7, (y0 + y1) as f64 / 2e7);
    let near = fetch_json(
        &a,
        &format!(
            "/api/v1/access/barriers?bbox={},{},{},{}",
            lon - 1e-7,
            lat - 1e-7,
            lon + 1e-7,
            lat + 1e-7
        ),
    )
    .await;
    let near = near["features"].as_array().expect("features");
    assert!(
        (near.iter()).any(|f| {
            let [p, q] = ends(f);
            f["properties"]["bar"] == "turnstile" && ([p, q] == *turnstile || [q, p] == *turnstile)
        }),
        "{near:?}"
    );
    assert!(
        near.len() < 10,
        "{} segments in a few centimetres",
        near.len()
    );

    for bad in [
        "bbox=9.0,46.8,10.5,47.5",
        "bbox=9.6,47.1,9.5,47.2",
        "bbox=nine",
    ] {
        let r = fetch(&a, &format!("/api/v1/access/barriers?{bad}"), &[]).await;
        assert_eq!(r.status, 400, "{bad}");
    }
    assert_eq!(fetch(&a, "/api/v1/access/barriers", &[]).await.status, 400);
}

learnscape_tests::on_every_backend!(the_barriers_in_a_box_are_osmiums);
