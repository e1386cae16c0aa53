//! On the real Liechtenstein extract, every unnamed learning space goes by
//! its address's street, else by the nearest named road within 150 m,
//! checked against a brute-force search in great-circle metres (every
//! named road densified to 2 m); named places get nothing.

use geo::{Densify, Distance, Haversine};
use geo_types::Point;
use learnscape_core::Place;
use learnscape_importers::osm::near_street::{NEAR_STREET, WITHIN_M};
use learnscape_tests::data;

/// Named roads with their distance from `at`, nearest first.
fn roads_by_distance<'a>(
    at: Point<f64>,
    roads: &'a [(&'a str, Vec<Point<f64>>)],
) -> Vec<(f64, &'a str)> {
    let mut found: Vec<(f64, &str)> = roads
        .iter()
        .filter_map(|(name, points)| {
            let d = points
                .iter()
                .map(|p| Haversine.distance(at, *p))
                .fold(f64::INFINITY, f64::min);
            (d <= WITHIN_M + 2.0).then_some((d, *name))
        })
        .collect();
    found.sort_by(|a, b| a.0.total_cmp(&b.0));
    found
}

#[test]
fn unnamed_places_in_liechtenstein_go_by_the_nearest_named_street() {
    let (data, _) = data::import_extract(&data::liechtenstein_pbf());
    let roads: Vec<(&str, Vec<Point<f64>>)> = data::named_road_lines(&data.basemap)
        .into_iter()
        .map(|(name, l)| (name, Haversine.densify(l, 2.0).points().collect()))
        .collect();
    let (named, unnamed): (Vec<&Place>, Vec<&Place>) =
        data.places.iter().partition(|p| p.name.is_some());
    assert!(unnamed.len() >= 20, "{} unnamed places", unnamed.len());
    for p in &named {
        assert_eq!(p.attribute(NEAR_STREET), None, "{:?} has a name", p.id);
    }
    let mut by_road = 0;
    for p in &unnamed {
        let got = p.attribute(NEAR_STREET);
        if let Some(street) = p.attribute("addr:street") {
            assert_eq!(got, Some(street.trim()), "{:?}", p.id);
            continue;
        }
        let near = roads_by_distance(p.representative_point.into(), &roads);
        match (got, near.first()) {
            (Some(street), Some(&(d, nearest))) => {
                // Within half a metre of the nearest, another road is as near
                // (the tangent plane and the 2 m densifying differ that much).
                assert!(
                    near.iter().any(|&(e, name)| name == street && e <= d + 0.5),
                    "{:?}: {street} against {nearest} at {d:.1} m: {near:?}",
                    p.id
                );
                by_road += 1;
            }
            // None within reach; or only one at the very edge of it.
            (None, first) => assert!(
                first.is_none_or(|&(d, _)| d > WITHIN_M - 2.0),
                "{:?}: none, but {near:?}",
                p.id
            ),
            (Some(street), None) => panic!("{:?}: {street}, but no named road within reach", p.id),
        }
    }
    eprintln!(
        "{} unnamed places, {by_road} by the nearest named road",
        unnamed.len()
    );
    // Most unnamed places lie by a named street: parks, playgrounds, schools.
    assert!(
        by_road * 2 > unnamed.len(),
        "{by_road} of {}",
        unnamed.len()
    );
}
