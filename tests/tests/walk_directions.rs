//! The walk to the nearest place in words, on real extracts and both
//! stores: the route's directions name the streets osmium says its pieces
//! go along, in the order walked, and add up to the walk; the route says
//! where it takes the flights of steps osmium sees, and only there.

use learnscape_server::app::AppState;
use learnscape_tests::app::{self, Backend};
use learnscape_tests::http::fetch;
use learnscape_tests::{data, osmium};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// An OSM position as the API and osmium both write it, to 1e-7°.
fn key(lon: f64, lat: f64) -> (i64, i64) {
    ((lon * 1e7).round() as i64, (lat * 1e7).round() as i64)
}

/// The highway ways of `file`, by osmium: each node's position, and the
/// name of the way each pair of consecutive nodes belongs to ("" for an
/// unnamed way).
struct Highways {
    node_at: HashMap<(i64, i64), i64>,
    step_name: HashMap<(i64, i64), String>,
    names: HashSet<String>,
    /// Pairs of consecutive nodes of `highway=steps` ways without a
    /// wheelchair ramp (walk-model-notes.md), and of other ways; steps
    /// with a ramp are in neither.
    flights: HashSet<(i64, i64)>,
    level: HashSet<(i64, i64)>,
}

impl Highways {
    fn of(file: &Path) -> Self {
        let objects = osmium::tags_filter_with_nodes(file, &["w/highway"]);
        let mut node_at = HashMap::new();
        let mut step_name = HashMap::new();
        let mut names = HashSet::new();
        let (mut flights, mut level) = (HashSet::new(), HashSet::new());
        for o in &objects {
            match (o.kind, o.lon, o.lat) {
                ('n', Some(lon), Some(lat)) => {
                    node_at.insert(key(lon, lat), o.id);
                }
                ('w', _, _) => {
                    let name = o.tag("name").unwrap_or_default().to_string();
                    let ramp = o.tag("ramp:wheelchair") == Some("yes")
                        || o.tag("wheelchair") == Some("yes");
                    let mut kind = match o.tag("highway") {
                        Some("steps") if ramp => None,
                        Some("steps") => Some(&mut flights),
                        _ => Some(&mut level),
                    };
                    for pair in o.nodes.windows(2) {
                        step_name.insert((pair[0], pair[1]), name.clone());
                        step_name.insert((pair[1], pair[0]), name.clone());
                        if let Some(kind) = kind.as_mut() {
                            kind.insert((pair[0], pair[1]));
                            kind.insert((pair[1], pair[0]));
                        }
                    }
                    names.insert(name);
                }
                _ => {}
            }
        }
        Self {
            node_at,
            step_name,
            names,
            flights,
            level,
        }
    }

    /// Whether osmium sees the piece from `a` to `b` (positions as the API
    /// writes them) on steps: `None` where it cannot say (a point that is
    /// no node, as where the walk meets the streets, or nodes joined both
    /// by steps and by a level way).
    fn on_steps(&self, a: &Value, b: &Value) -> Option<bool> {
        let node = |p: &Value| {
            let (lon, lat) = (p[0].as_f64()?, p[1].as_f64()?);
            self.node_at.get(&key(lon, lat)).copied()
        };
        let pair = (node(a)?, node(b)?);
        match (self.flights.contains(&pair), self.level.contains(&pair)) {
            (true, false) => Some(true),
            (false, true) => Some(false),
            _ => None,
        }
    }

    /// The named streets `route` walks along, in order, each walked at
    /// least `at_least_m` at a stretch (a street crossed, or a few metres
    /// of one, is no step of the directions).
    fn streets_walked(&self, route: &[Value], at_least_m: f64) -> Vec<String> {
        let point = |p: &Value| {
            let lon = p[0].as_f64().expect("lon");
            let lat = p[1].as_f64().expect("lat");
            (key(lon, lat), lon, lat)
        };
        let mut runs: Vec<(String, f64)> = Vec::new();
        for pair in route.windows(2) {
            let ((a, alon, alat), (b, blon, blat)) = (point(&pair[0]), point(&pair[1]));
            let name = (self.node_at.get(&a).zip(self.node_at.get(&b)))
                .and_then(|(a, b)| self.step_name.get(&(*a, *b)))
                .cloned()
                .unwrap_or_default();
            let m = learnscape_core::units::haversine_m(
                learnscape_core::LonLat::new(alon, alat),
                learnscape_core::LonLat::new(blon, blat),
            );
            match runs.last_mut() {
                Some((last, total)) if *last == name => *total += m,
                _ => runs.push((name, m)),
            }
        }
        let mut streets: Vec<String> = Vec::new();
        for (name, m) in runs {
            if !name.is_empty() && m >= at_least_m && streets.last() != Some(&name) {
                streets.push(name);
            }
        }
        streets
    }
}

/// The nearest place of `category` from `lon, lat`: its route's
/// coordinates, metres and directions.
async fn walk(address: &str, lon: f64, lat: f64, category: &str) -> (Vec<Value>, f64, Vec<Value>) {
    let path = format!("/api/v1/access/nearest?lon={lon}&lat={lat}&category={category}&limit=1");
    let r = fetch(address, &path, &[]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let answer: Value = serde_json::from_slice(&r.body).expect("json");
    let route = &answer["route"];
    let coordinates = route["geometry"]["coordinates"]
        .as_array()
        .expect("line")
        .clone();
    let meters = route["properties"]["meters"].as_f64().expect("meters");
    let legs = route["properties"]["directions"]
        .as_array()
        .expect("directions")
        .clone();
    (coordinates, meters, legs)
}

fn names(legs: &[Value]) -> Vec<String> {
    (legs.iter())
        .filter_map(|l| l["along"].as_str().map(str::to_string))
        .collect()
}

/// What holds for every walk's directions: they add up to the walk, only
/// the first has no turn, and none is a step of a few metres.
fn assert_told_whole(legs: &[Value], meters: f64, what: &str) {
    assert!(!legs.is_empty(), "{what}");
    let told: f64 = legs.iter().map(|l| l["meters"].as_f64().expect("m")).sum();
    assert!(
        (told - meters).abs() < 1.0,
        "{what}: {told} m told of {meters} m"
    );
    assert!(legs[0]["turn"].is_null(), "{what}: {legs:?}");
    assert!(
        legs[1..].iter().all(|l| l["turn"].is_string()),
        "{what}: {legs:?}"
    );
    // A flight of steps is told however short.
    if legs.len() > 1 {
        let shortest = (legs.iter())
            .filter(|l| l["steps"] == false)
            .map(|l| l["meters"].as_f64().expect("m"))
            .fold(f64::INFINITY, f64::min);
        assert!(shortest >= 25.0, "{what}: a leg of {shortest} m: {legs:?}");
    }
}

/// Serves `file` alone from a store of `backend` in `dir`.
async fn serve_extract(backend: Backend, dir: &Path, file: &Path) -> String {
    let store = app::extract_store(backend, dir, file).await;
    app::serve(AppState::load(store).await.expect("load")).await
}

async fn liechtenstein_walks_name_the_streets_osmium_says_they_go_along(backend: Backend) {
    let file = data::liechtenstein_pbf();
    let highways = Highways::of(&file);
    let dir = tempfile::tempdir().expect("dir");
    let a = serve_extract(backend, dir.path(), &file).await;

    // From Städtle 35, Vaduz, to the Landesbibliothek: down the
    // pedestrian street, across the square, right and left.
    let (route, meters, legs) = walk(&a, 9.5226888, 47.1391336, "library").await;
    assert_told_whole(&legs, meters, "to the library");
    assert_eq!(names(&legs), highways.streets_walked(&route, 25.0));
    assert_eq!(names(&legs).first().map(String::as_str), Some("Städtle"));
    let turn = |street: &str| {
        (legs.iter())
            .find(|l| l["along"] == street)
            .map(|l| l["turn"].clone())
    };
    assert_eq!(turn("Kirchstrasse"), Some("right".into()), "{legs:?}");
    assert_eq!(turn("Gerberweg"), Some("left".into()), "{legs:?}");
    assert_eq!(legs[0]["heading"], "south");

    // From Schaan down Landstrasse to the Landesbibliothek: osmium sees
    // 76 m of it named Churerstrasse, walked straight through; told as
    // one leg along Landstrasse, the streets told are the others in order.
    let path = "/api/v1/access/route?lon=9.5095&lat=47.165&to=osm:n315636966";
    let schaan: Value = serde_json::from_slice(&fetch(&a, path, &[]).await.body).expect("json");
    let route = schaan["route"]["geometry"]["coordinates"]
        .as_array()
        .expect("line");
    let meters = schaan["route"]["properties"]["meters"]
        .as_f64()
        .expect("meters");
    let legs = schaan["route"]["properties"]["directions"]
        .as_array()
        .expect("legs");
    assert_told_whole(legs, meters, "from Schaan");
    let walked = highways.streets_walked(route, 25.0);
    let renamed = (walked.windows(3))
        .position(|w| w[1] == "Churerstrasse" && w[0] == "Landstrasse" && w[2] == "Landstrasse")
        .expect("osmium sees Churerstrasse walked between two stretches of Landstrasse");
    let mut expected = walked.clone();
    expected.drain(renamed + 1..renamed + 3);
    // A path beside a street may be told as that street (Giessenstrasse).
    let told: Vec<String> = (legs.iter())
        .filter(|l| l["class"] != "path" || expected.iter().any(|e| *e == l["along"]))
        .filter_map(|l| l["along"].as_str().map(str::to_string))
        .collect();
    assert_eq!(told, expected, "{legs:?}");
    let along = (legs.iter())
        .find(|l| l["along"] == "Landstrasse")
        .and_then(|l| l["meters"].as_f64())
        .expect("Landstrasse");
    assert!(along > 2_500.0, "{legs:?}");

    // Across the country: every street walked a stretch is told, in
    // order; a leg on a path beside one may be told as that street too.
    for (lon, lat, category) in [
        (9.5090, 47.1680, "school"),
        (9.4970, 47.0560, "park"),
        (9.5226888, 47.1391336, "community_centre"),
        (9.4970, 47.0560, "library"),
    ] {
        let what = format!("{lon},{lat} to a {category}");
        let (route, meters, legs) = walk(&a, lon, lat, category).await;
        assert_told_whole(&legs, meters, &what);
        let walked = highways.streets_walked(&route, 25.0);
        let told = names(&legs);
        let mut rest = told.iter();
        for street in &walked {
            assert!(
                rest.any(|t| t == street),
                "{what}: {street} of {walked:?} not in {told:?}"
            );
        }
        for l in &legs {
            if let Some(name) = l["along"].as_str() {
                assert!(highways.names.contains(name), "{what}: {name}");
                let on_it = walked.iter().any(|w| w == name);
                assert!(
                    on_it || l["class"] == "path",
                    "{what}: {l} is walked along nothing of its name"
                );
            }
        }
    }
}

/// What a route says of its steps, checked against osmium: each piece
/// marked as steps (`steps_at`) is on a `highway=steps` way and each
/// other piece on a level one, wherever osmium can tell; `steps_meters`
/// are the marked pieces' metres; the legs told as steps are as many as
/// the flights and hold their metres. Returns the metres on steps.
fn assert_steps_where_osmium_sees_them(route: &Value, highways: &Highways, what: &str) -> f64 {
    let line = route["geometry"]["coordinates"].as_array().expect("line");
    let mut marked = vec![false; line.len().saturating_sub(1)];
    let flights = route["properties"]["steps_at"]
        .as_array()
        .expect("steps_at");
    for flight in flights {
        let [from, to] = [0, 1].map(|i| flight[i].as_u64().expect("index") as usize);
        assert!(from < to && to < line.len(), "{what}: {flight}");
        marked[from..to].iter_mut().for_each(|m| *m = true);
    }
    let mut on_steps = 0.0;
    for (i, pair) in line.windows(2).enumerate() {
        if let Some(steps) = highways.on_steps(&pair[0], &pair[1]) {
            assert_eq!(marked[i], steps, "{what}: piece {i}, {pair:?}");
        }
        if marked[i] {
            let at = |p: &Value| {
                learnscape_core::LonLat::new(
                    p[0].as_f64().expect("lon"),
                    p[1].as_f64().expect("lat"),
                )
            };
            on_steps += learnscape_core::units::haversine_m(at(&pair[0]), at(&pair[1]));
        }
    }
    let said = route["properties"]["steps_meters"]
        .as_f64()
        .expect("steps_meters");
    assert!(
        (said - on_steps).abs() < 0.1,
        "{what}: {said} m said, {on_steps} m marked"
    );
    let legs = route["properties"]["directions"].as_array().expect("legs");
    let told: Vec<f64> = (legs.iter())
        .filter(|l| l["steps"] == true)
        .map(|l| l["meters"].as_f64().expect("m"))
        .collect();
    assert!(told.len() <= flights.len(), "{what}: {legs:?}");
    assert_eq!(told.is_empty(), flights.is_empty(), "{what}: {legs:?}");
    // A flight's leg may also hold the few metres from a door to it.
    assert!(told.iter().sum::<f64>() >= said - 0.5, "{what}: {legs:?}");
    said
}

/// Near Vaduz's centre, where lanes climb the hillside by steps: walks
/// taking steps say where they take them, walks avoiding steps take none.
async fn liechtenstein_walks_say_where_they_take_the_steps_osmium_sees(backend: Backend) {
    let file = data::liechtenstein_pbf();
    let highways = Highways::of(&file);
    let dir = tempfile::tempdir().expect("dir");
    let a = serve_extract(backend, dir.path(), &file).await;
    let (mut walks, mut with_steps) = (0, 0);
    for i in 0..=10 {
        for j in 0..=10 {
            let (lon, lat) = (9.515 + f64::from(i) * 0.0015, 47.135 + f64::from(j) * 0.001);
            let ask = |free: bool| {
                format!(
                    "/api/v1/access/nearest?lon={lon:.5}&lat={lat:.5}&category=library&limit=1&step_free={free}"
                )
            };
            let taken: Value =
                serde_json::from_slice(&fetch(&a, &ask(false), &[]).await.body).expect("json");
            let avoided: Value =
                serde_json::from_slice(&fetch(&a, &ask(true), &[]).await.body).expect("json");
            let (route, around) = (&taken["route"], &avoided["route"]);
            if route.is_null() || around.is_null() {
                continue;
            }
            let what = format!("{lon:.5},{lat:.5}");
            walks += 1;
            if assert_steps_where_osmium_sees_them(route, &highways, &what) > 0.0 {
                with_steps += 1;
            }
            assert_eq!(
                assert_steps_where_osmium_sees_them(around, &highways, &what),
                0.0,
                "{what}"
            );
            assert_eq!(
                around["properties"]["steps_at"],
                serde_json::json!([]),
                "{what}"
            );
        }
    }
    assert!(walks >= 100, "{walks} walks");
    assert!(
        with_steps >= 3,
        "{with_steps} of {walks} walks to a library take steps"
    );
}

async fn helsinki_sidewalks_go_by_their_streets(backend: Backend) {
    let file = data::helsinki_pbf();
    let highways = Highways::of(&file);
    let dir = tempfile::tempdir().expect("dir");
    let a = serve_extract(backend, dir.path(), &file).await;

    // Helsinki draws its sidewalks as unnamed footways beside the street:
    // from Erottaja to the library at Rikhardinkatu, osmium sees no street
    // walked at all, the directions name the streets beside.
    let (route, meters, legs) = walk(&a, 24.9440, 60.1660, "library").await;
    assert_told_whole(&legs, meters, "to Rikhardinkatu");
    assert!(highways.streets_walked(&route, 25.0).is_empty());
    let sidewalks: Vec<&Value> = (legs.iter())
        .filter(|l| l["class"] == "path" && l["along"].is_string())
        .collect();
    assert!(sidewalks.len() >= 2, "{legs:?}");
    for l in &legs {
        if let Some(name) = l["along"].as_str() {
            assert!(highways.names.contains(name), "{name}");
        }
    }
    assert_eq!(
        legs.last().map(|l| &l["along"]),
        Some(&"Rikhardinkatu".into())
    );
}

async fn the_walk_to_any_listed_place_is_as_long_as_the_list_says(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let a = serve_extract(backend, dir.path(), &data::liechtenstein_pbf()).await;
    let (lon, lat) = (9.5226888, 47.1391336);
    let near = format!("/api/v1/access/nearest?lon={lon}&lat={lat}&category=park&limit=4");
    let nearest: Value = serde_json::from_slice(&fetch(&a, &near, &[]).await.body).expect("json");
    let listed = nearest["facilities"].as_array().expect("facilities");
    assert_eq!(listed.len(), 4, "{nearest}");
    for (i, place) in listed.iter().enumerate() {
        let id = place["id"].as_str().expect("id");
        let path = format!("/api/v1/access/route?lon={lon}&lat={lat}&to={id}&walking_speed_kmh=4");
        let r = fetch(&a, &path, &[]).await;
        assert_eq!(r.status, 200, "{}", r.text());
        let walk: Value = serde_json::from_slice(&r.body).expect("json");
        assert_eq!(walk["place"]["id"], place["id"], "{walk}");
        assert_eq!(walk["place"]["meters"], place["meters"], "{id}");
        // At 4 km/h, as asked.
        let minutes = walk["place"]["minutes"].as_f64().expect("minutes");
        let meters = place["meters"].as_f64().expect("meters");
        assert!(
            (minutes - meters / (4000.0 / 60.0)).abs() < 0.01,
            "{id}: {minutes}"
        );
        let route = &walk["route"];
        assert_eq!(route["properties"]["to"], place["id"]);
        assert_eq!(route["properties"]["meters"], place["meters"]);
        let legs = route["properties"]["directions"].as_array().expect("legs");
        assert_told_whole(legs, meters, id);
        if i == 0 {
            assert_eq!(
                route, &nearest["route"],
                "the nearest's walk is the same walk"
            );
        }
    }
    let unknown = fetch(
        &a,
        &format!("/api/v1/access/route?lon={lon}&lat={lat}&to=nowhere"),
        &[],
    )
    .await;
    assert_eq!(unknown.status, 404, "{}", unknown.text());
    let nameless = fetch(
        &a,
        &format!("/api/v1/access/route?lon={lon}&lat={lat}"),
        &[],
    )
    .await;
    assert_eq!(nameless.status, 400, "{}", nameless.text());
    let id = listed[0]["id"].as_str().expect("id");
    let far = fetch(
        &a,
        &format!("/api/v1/access/route?lon=9.6&lat=47.0&to={id}"),
        &[],
    )
    .await;
    let far: Value = serde_json::from_slice(&far.body).expect("json");
    assert_eq!(far["reachable"], false, "{far}");
}

learnscape_tests::on_every_backend!(
    liechtenstein_walks_name_the_streets_osmium_says_they_go_along,
    helsinki_sidewalks_go_by_their_streets,
    liechtenstein_walks_say_where_they_take_the_steps_osmium_sees,
    the_walk_to_any_listed_place_is_as_long_as_the_list_says,
);
