//! Isochrones look like the reached streets: holes where nothing is
//! reached, no cover over an unconnected street nearby.

mod common;

use common::offset;
use geo::{Area, Contains, Validation};
use geo_types::Point;
use learnscape_access::AccessEngine;
use learnscape_access::isochrone::IsochroneStyle;
use learnscape_core::units::haversine_m;
use learnscape_core::{LonLat, WalkNetwork, WalkNode, WalkSegment, WalkingSpeed};

/// A 400 m square loop of streets, and a separate street 150 m east of it
/// with no connection.
fn loop_and_island() -> WalkNetwork {
    let corners = [
        (0.0, 0.0),
        (400.0, 0.0),
        (400.0, 400.0),
        (0.0, 400.0),
        (550.0, 0.0),
        (550.0, 400.0),
    ];
    let nodes: Vec<WalkNode> = corners
        .iter()
        .enumerate()
        .map(|(i, &(x, y))| WalkNode {
            osm_id: i as i64 + 1,
            position: offset(x, y),
        })
        .collect();
    let segment = |a: u32, b: u32| WalkSegment {
        from: a,
        to: b,
        length_m: haversine_m(nodes[a as usize].position, nodes[b as usize].position),
        way_id: 1,
        steps: false,
        barred: None,
    };
    let segments = vec![
        segment(0, 1),
        segment(1, 2),
        segment(2, 3),
        segment(3, 0),
        segment(4, 5),
    ];
    WalkNetwork { nodes, segments }
}

fn covers(area: &geo_types::MultiPolygon<f64>, p: LonLat) -> bool {
    area.contains(&Point::new(p.lon, p.lat))
}

#[test]
fn a_loop_leaves_a_hole_and_an_unconnected_street_stays_out() {
    let engine = AccessEngine::new(&loop_and_island(), Vec::new(), WalkingSpeed::DEFAULT);
    let origin = offset(0.0, -10.0);
    let polygons = engine
        .isochrones(origin, &[5.0, 15.0], IsochroneStyle::default())
        .expect("snaps");
    let (five, fifteen) = (&polygons[0], &polygons[1]);

    // 15 minutes (1,250 m) reaches the whole 1,600 m loop from a corner.
    for p in [
        offset(200.0, 0.0),
        offset(400.0, 200.0),
        offset(200.0, 400.0),
    ] {
        assert!(covers(fifteen, p), "{p:?} is on a reached street");
    }
    assert!(
        !covers(fifteen, offset(200.0, 200.0)),
        "the middle is a hole"
    );
    assert!(fifteen.0.iter().any(|poly| !poly.interiors().is_empty()));
    assert!(
        !covers(fifteen, offset(550.0, 200.0)),
        "no way to the island"
    );

    // 5 minutes (417 m) goes about 400 m along each side from the corner.
    assert!(covers(five, offset(300.0, 0.0)));
    assert!(!covers(five, offset(400.0, 200.0)));
    assert!(five.unsigned_area() < fifteen.unsigned_area());
    // Smoothed, yet still valid polygons (rings closed, simple, apart).
    for polygons in [five, fifteen] {
        assert!(polygons.is_valid(), "{:?}", polygons.validation_errors());
    }
}
