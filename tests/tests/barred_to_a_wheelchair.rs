//! Walks that avoid steps avoid what else bars a wheelchair, on
//! Liechtenstein and both stores: ways tagged `wheelchair=no` and the
//! segments through turnstiles, stiles and raised kerbs, found by osmium
//! (`reference::barred_pairs`). From an end of such a segment, a walk to
//! the nearest place of some kind that passes one, asked to avoid steps,
//! passes none; and the walk that passes one is told where it does
//! (`barriers_at`, and on a leg of its directions, with what bars there:
//! the turnstile, the kerb or the way's tag osmium finds), not told to
//! climb steps there.

use learnscape_tests::app::{self, Backend};
use learnscape_tests::http::fetch_json;
use learnscape_tests::{data, osmium, reference};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};

/// Each barred segment, both ways round, and what bars it.
type Pairs = HashMap<[(i64, i64); 2], &'static str>;

/// The points of `route` (a GeoJSON line) in 1e-7°.
fn points(route: &Value) -> Vec<(i64, i64)> {
    let line = route["geometry"]["coordinates"].as_array();
    let key = |p: &Value| {
        let degrees = |v: &Value| (v.as_f64().expect("a coordinate") * 1e7).round() as i64;
        (degrees(&p[0]), degrees(&p[1]))
    };
    (line.unwrap_or_else(|| panic!("a route: {route}")).iter())
        .map(key)
        .collect()
}

/// The pieces of `route` on barred segments, by the index of their first
/// coordinate, with what bars each.
fn barred_pieces(barred: &Pairs, route: &Value) -> Vec<(usize, &'static str)> {
    (points(route).windows(2).enumerate())
        .filter_map(|(i, w)| Some((i, *barred.get(&[w[0], w[1]])?)))
        .collect()
}

async fn walks_that_avoid_steps_pass_no_barrier(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve(app::liechtenstein_state(backend, dir.path()).await).await;
    let barred = reference::barred_pairs(&osmium::tags_filter_with_nodes(
        &data::liechtenstein_pbf(),
        &["w/highway"],
    ));
    assert!(
        barred.len() > 100,
        "{} barred segments, both ways round",
        barred.len() / 2
    );
    let nearest = |(lon, lat): (i64, i64), category: &str, free: bool| {
        let (lon, lat) = (lon as f64 * 1e-7, lat as f64 * 1e-7);
        format!(
            "/api/v1/access/nearest?lon={lon}&lat={lat}&category={category}&limit=1&step_free={free}"
        )
    };
    // The ends of the barred segments, in a fixed order: those of
    // segments barred by a barrier on a node first, then by a way's
    // `wheelchair=no`, then by its roughness, as the ways are most of
    // them. Walks from three, two and one of each, each passing what
    // bars there.
    let group = |kind: &str| match kind {
        "way" => 1,
        "rough" => 2,
        _ => 0,
    };
    let mut ends: Vec<(usize, (i64, i64))> = (barred.iter())
        .map(|(p, &kind)| (group(kind), p[0]))
        .collect();
    ends.sort_unstable();
    ends.dedup();
    let wanted = [3, 2, 1];
    let mut found = [0, 0, 0];
    let mut kinds_told = BTreeSet::new();
    'ends: for &(by, end) in &ends {
        if found[by] == wanted[by] {
            continue;
        }
        for category in ["library", "school", "park", "community_centre"] {
            let taken = fetch_json(&a, &nearest(end, category, false)).await;
            // A walk that passes what bars its end, not only a rough
            // track on the way there.
            let passes_its_own = |route: &Value| {
                (barred_pieces(&barred, route).iter()).any(|&(_, kind)| group(kind) == by)
            };
            if !taken["route"].is_object() || !passes_its_own(&taken["route"]) {
                continue;
            }
            let avoided = fetch_json(&a, &nearest(end, category, true)).await;
            assert_eq!(avoided["step_free"], true, "{avoided}");
            if !avoided["route"].is_object() {
                continue;
            }
            assert_eq!(
                barred_pieces(&barred, &avoided["route"]),
                Vec::new(),
                "{avoided}"
            );
            let minutes = |v: &Value| v["facilities"][0]["minutes"].as_f64().expect("minutes");
            assert!(
                minutes(&avoided) >= minutes(&taken) || avoided["snapped"] != taken["snapped"],
                "{avoided} against {taken}"
            );
            // A barrier is no flight of steps: the walk that passes one is
            // not told to climb any there, but told where it passes one.
            let runs = |answer: &Value, key: &str| -> Vec<[usize; 2]> {
                serde_json::from_value(answer["route"]["properties"][key].clone()).expect(key)
            };
            let (flights, barriers) = (runs(&taken, "steps_at"), runs(&taken, "barriers_at"));
            for (i, _) in barred_pieces(&barred, &taken["route"]) {
                assert!(
                    !flights.iter().any(|f| (f[0]..f[1]).contains(&i)),
                    "piece {i} told as steps: {taken}"
                );
                assert!(
                    barriers.iter().any(|b| (b[0]..b[1]).contains(&i)),
                    "piece {i} not told as barred: {taken}"
                );
            }
            assert_eq!(runs(&avoided, "barriers_at"), Vec::<[usize; 2]>::new());
            // The directions say so on a leg, the step-free walk's on none.
            let barred_legs = |answer: &Value| -> usize {
                let legs = answer["route"]["properties"]["directions"].as_array();
                let legs = legs.unwrap_or_else(|| panic!("directions: {answer}"));
                legs.iter().filter(|leg| leg["barred"] == true).count()
            };
            assert!(barred_legs(&taken) > 0, "no leg passes a barrier: {taken}");
            assert_eq!(barred_legs(&avoided), 0, "{avoided}");
            // And what bars there: the legs name what osmium finds on the
            // pieces, no more and no less.
            let passed: BTreeSet<&str> = (barred_pieces(&barred, &taken["route"]).into_iter())
                .map(|(_, kind)| kind)
                .collect();
            let told: BTreeSet<String> = (taken["route"]["properties"]["directions"].as_array())
                .into_iter()
                .flatten()
                .flat_map(|leg| leg["bars"].as_array().cloned().unwrap_or_default())
                .map(|bar| bar.as_str().expect("a bar's name").to_string())
                .collect();
            assert_eq!(
                told,
                passed.iter().map(|s| s.to_string()).collect(),
                "{taken}"
            );
            kinds_told.extend(told);
            // Each stretch `barriers_at` gives, with what bars on it.
            let by_stretch: Vec<Vec<&str>> = barriers
                .iter()
                .map(|&[first, last]| {
                    let mut bars: Vec<&str> = Vec::new();
                    for (i, kind) in barred_pieces(&barred, &taken["route"]) {
                        if (first..last).contains(&i) && !bars.contains(&kind) {
                            bars.push(kind);
                        }
                    }
                    bars
                })
                .collect();
            let stretch_bars: Vec<Vec<String>> =
                serde_json::from_value(taken["route"]["properties"]["barriers_bars"].clone())
                    .expect("barriers_bars");
            assert_eq!(stretch_bars, by_stretch, "{taken}");
            eprintln!("from {end:?}, the nearest {category}: passes {passed:?}, avoided");
            found[by] += 1;
            continue 'ends;
        }
    }
    assert_eq!(
        found, wanted,
        "walks past a barrier that a step-free walk avoids, from barriers, ways tagged and rough ways"
    );
    // Liechtenstein's turnstiles, raised kerbs, paths tagged
    // `wheelchair=no` and rough tracks are told as such.
    let kinds_told: Vec<String> = kinds_told.into_iter().collect();
    assert_eq!(kinds_told, ["raised_kerb", "rough", "turnstile", "way"]);
}

learnscape_tests::on_every_backend!(walks_that_avoid_steps_pass_no_barrier);
