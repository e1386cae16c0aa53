//! On real data, walk distances from 200 fixed points to every category
//! agree within 1 m with an independent computation (`walk_reference`:
//! petgraph over the raw segments).

use learnscape_access::{AccessEngine, FacilityInput};
use learnscape_core::{Category, LonLat, Place, WalkingSpeed};
use learnscape_tests::data;
use learnscape_tests::walk_reference::RefModel;
use std::path::Path;

/// 200 points: street vertices picked by a fixed sequence, moved up to
/// 300 m, so most snap and some do not.
fn fixed_points(nodes: &[learnscape_core::WalkNode]) -> Vec<LonLat> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..200)
        .map(|_| {
            let v = &nodes[(next() * nodes.len() as f64) as usize % nodes.len()];
            let (dx, dy) = ((next() - 0.5) * 600.0, (next() - 0.5) * 600.0);
            LonLat::new(
                v.position.lon + dx / (111_195.0 * v.position.lat.to_radians().cos()),
                v.position.lat + dy / 111_195.0,
            )
        })
        .collect()
}

fn check(file: &Path) {
    let (data, _) = data::import_extract(file);
    let engine = AccessEngine::new(
        &data.walk_network,
        data.places.iter().map(FacilityInput::from).collect(),
        WalkingSpeed::DEFAULT,
    );
    let reference = RefModel::new(&data.walk_network);
    let points = fixed_points(&data.walk_network.nodes);
    let mut compared = 0;
    for category in Category::ALL {
        let places: Vec<&Place> = data
            .places
            .iter()
            .filter(|p| p.category == category)
            .collect();
        let expected_field = reference.category(&places);
        for (i, &p) in points.iter().enumerate() {
            let expected = reference.distance(&expected_field, p);
            let got = engine
                .snap(p)
                .ok()
                .and_then(|snap| engine.nearest_from_snap(&snap, category))
                .map(|(m, _)| m);
            match (expected, got) {
                (Some(e), Some(g)) => {
                    assert!(
                        (e - g).abs() <= 1.0,
                        "{}: point {i} {p:?} to {category}: reference {e:.2} m, engine {g:.2} m",
                        file.display()
                    );
                    compared += 1;
                }
                (None, None) => {}
                other => panic!(
                    "{}: point {i} {p:?} to {category}: {other:?}",
                    file.display()
                ),
            }
        }
    }
    eprintln!("{}: {compared} distances agree", file.display());
    assert!(
        compared > 500,
        "too few reachable pairs to mean anything: {compared}"
    );
}

#[test]
fn liechtenstein_distances_match_the_reference() {
    check(&data::liechtenstein_pbf());
}

#[test]
fn helsinki_distances_match_the_reference() {
    check(&data::helsinki_pbf());
}

/// Isochrones over real streets: valid polygons, growing with the time.
#[test]
fn liechtenstein_isochrones_are_valid_and_nested() {
    use geo::{Area, Validation};
    let (data, _) = data::import_extract(&data::liechtenstein_pbf());
    let engine = AccessEngine::new(&data.walk_network, Vec::new(), WalkingSpeed::DEFAULT);
    let mut reached = 0;
    for p in fixed_points(&data.walk_network.nodes).into_iter().take(25) {
        let Ok(polygons) = engine.isochrones(p, &[5.0, 10.0, 15.0], Default::default()) else {
            continue;
        };
        reached += 1;
        for (minutes, area) in [5, 10, 15].iter().zip(&polygons) {
            assert!(
                area.is_valid(),
                "{p:?}, {minutes} min: {:?}",
                area.validation_errors()
            );
        }
        let areas: Vec<f64> = polygons.iter().map(|a| a.unsigned_area()).collect();
        assert!(areas.windows(2).all(|w| w[0] <= w[1]), "{p:?}: {areas:?}");
    }
    assert!(reached > 10, "only {reached} of 25 points snap");
}
