//! Walks that avoid steps, on Liechtenstein and both stores. osmium finds
//! the flights of steps (`highway=steps` without a wheelchair ramp); a
//! walk to the nearest library that takes one, asked to avoid steps, goes
//! another way — along none of them — and the walk to a place and the
//! area within a walk avoid them too. Where both walks start on the same
//! street, the one avoiding steps is never the shorter, and the area
//! within it never the larger.

use learnscape_tests::app::{self, Backend};
use learnscape_tests::http::{encoded, fetch, fetch_json};
use learnscape_tests::{data, osmium};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// An OSM position as the API and osmium both write it, to 1e-7°.
fn key(lon: f64, lat: f64) -> (i64, i64) {
    ((lon * 1e7).round() as i64, (lat * 1e7).round() as i64)
}

/// The steps of the extract, by osmium: each step of a flight as the
/// positions of its two nodes, both ways round, and the flights' nodes.
struct Flights {
    steps: HashSet<((i64, i64), (i64, i64))>,
    nodes: Vec<(f64, f64)>,
}

fn flights() -> Flights {
    let objects = osmium::tags_filter_with_nodes(&data::liechtenstein_pbf(), &["w/highway=steps"]);
    let at: HashMap<i64, (f64, f64)> = (objects.iter())
        .filter_map(|o| Some((o.id, (o.lon?, o.lat?))))
        .collect();
    let mut flights = Flights {
        steps: HashSet::new(),
        nodes: Vec::new(),
    };
    let ramp = |o: &learnscape_tests::opl::OplObject| {
        o.tag("ramp:wheelchair") == Some("yes") || o.tag("wheelchair") == Some("yes")
    };
    for way in objects.iter().filter(|o| o.kind == 'w' && !ramp(o)) {
        let points: Vec<(f64, f64)> = way
            .nodes
            .iter()
            .filter_map(|n| at.get(n).copied())
            .collect();
        for pair in points.windows(2) {
            let (a, b) = (key(pair[0].0, pair[0].1), key(pair[1].0, pair[1].1));
            flights.steps.insert((a, b));
            flights.steps.insert((b, a));
        }
        flights.nodes.extend(points);
    }
    flights
}

impl Flights {
    /// How many steps of a flight `route` (a GeoJSON line) walks along.
    fn walked(&self, route: &Value) -> usize {
        let line = route["geometry"]["coordinates"].as_array();
        let points: Vec<(i64, i64)> = (line.unwrap_or_else(|| panic!("a route: {route}")).iter())
            .map(|p| key(p[0].as_f64().expect("lon"), p[1].as_f64().expect("lat")))
            .collect();
        points
            .windows(2)
            .filter(|w| self.steps.contains(&(w[0], w[1])))
            .count()
    }
}

/// The area of an isochrone answer's one MultiPolygon, in m².
fn area_m2(answer: &Value) -> f64 {
    use geo::GeodesicArea;
    use geo_types::{Coord, LineString, MultiPolygon, Polygon};
    let ring = |r: &Value| -> LineString<f64> {
        (r.as_array().expect("ring").iter())
            .map(|p| Coord {
                x: p[0].as_f64().expect("lon"),
                y: p[1].as_f64().expect("lat"),
            })
            .collect()
    };
    let polygons = answer["features"][0]["geometry"]["coordinates"]
        .as_array()
        .expect("polygons");
    let shape: MultiPolygon<f64> = (polygons.iter())
        .map(|p| {
            let rings = p.as_array().expect("rings");
            Polygon::new(ring(&rings[0]), rings[1..].iter().map(ring).collect())
        })
        .collect();
    shape.geodesic_area_unsigned()
}

async fn walks_that_avoid_steps_take_none(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve(app::liechtenstein_state(backend, dir.path()).await).await;
    let flights = flights();
    assert!(
        flights.steps.len() > 100,
        "{} steps in Liechtenstein",
        flights.steps.len()
    );

    // From the foot of a flight, the walk to the nearest library that
    // climbs it; asked to avoid steps, the walk takes none. (From some
    // feet of flights no library can be reached without steps at all.)
    let nearest = |lon: f64, lat: f64, free: bool| {
        format!(
            "/api/v1/access/nearest?lon={lon}&lat={lat}&category=library&limit=1&step_free={free}"
        )
    };
    let (mut found, mut cut_off) = (None, 0);
    for &(lon, lat) in &flights.nodes {
        let taken = fetch_json(&a, &nearest(lon, lat, false)).await;
        if !taken["route"].is_object() || flights.walked(&taken["route"]) == 0 {
            continue;
        }
        let avoided = fetch_json(&a, &nearest(lon, lat, true)).await;
        assert_eq!(avoided["step_free"], true, "{avoided}");
        if avoided["route"].is_object() {
            found = Some((lon, lat, taken, avoided));
            break;
        }
        cut_off += 1;
    }
    let (lon, lat, taken, avoided) =
        found.expect("a walk to a library up or down a flight of steps");
    eprintln!("{cut_off} feet of flights reach no library without steps before one that does");
    assert_eq!(taken["step_free"], false);
    assert_eq!(flights.walked(&avoided["route"]), 0, "{avoided}");
    // The walk to that same library, avoiding steps, takes none either.
    let place = taken["facilities"][0]["id"].as_str().expect("a library");
    let to = |free: bool| {
        format!(
            "/api/v1/access/route?lon={lon}&lat={lat}&to={}&step_free={free}",
            encoded(place)
        )
    };
    let around = fetch_json(&a, &to(true)).await;
    assert_eq!(flights.walked(&around["route"]), 0, "{around}");
    assert!(flights.walked(&fetch_json(&a, &to(false)).await["route"]) > 0);

    // In Vaduz, on a street that is no flight of steps: the nearest library
    // is no nearer, and the area within 15 min no larger, avoiding steps.
    let (lon, lat) = (9.5209, 47.141);
    let (taken, avoided) = (
        fetch_json(&a, &nearest(lon, lat, false)).await,
        fetch_json(&a, &nearest(lon, lat, true)).await,
    );
    assert_eq!(taken["snapped"], avoided["snapped"], "the same street");
    let minutes = |v: &Value| v["facilities"][0]["minutes"].as_f64().expect("minutes");
    assert!(
        minutes(&avoided) >= minutes(&taken),
        "{avoided} against {taken}"
    );
    let within = |free: bool| {
        format!("/api/v1/access/isochrone?lon={lon}&lat={lat}&minutes=15&step_free={free}")
    };
    let (wide, narrow) = (
        fetch_json(&a, &within(false)).await,
        fetch_json(&a, &within(true)).await,
    );
    assert_eq!(narrow["step_free"], true);
    let (wide, narrow) = (area_m2(&wide), area_m2(&narrow));
    assert!(
        narrow <= wide * 1.001,
        "{narrow} m² avoiding steps, {wide} m² taking them"
    );
    assert!(
        narrow < wide,
        "steps within 15 min of Vaduz's centre make a difference"
    );
    // A flag is true or false.
    let bad = fetch(&a, &format!("{}x", within(true)), &[]).await;
    assert_eq!(bad.status, 400);
}

learnscape_tests::on_every_backend!(walks_that_avoid_steps_take_none);
