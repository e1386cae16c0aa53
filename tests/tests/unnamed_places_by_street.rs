//! On the real Liechtenstein extract, every unnamed learning space goes by
//! its address's street, else by the nearest named road within 150 m,
//! checked against a brute-force search in great-circle metres (every
//! named road densified to 2 m); named places get nothing.

use geo::{Densify, Distance, Haversine};
use geo_types::Point;
use learnscape_core::{DataSource, Place, PlaceFilter, SourceId, Store};
use learnscape_importers::osm::near_street::{NEAR_STREET, WITHIN_M};
use learnscape_importers::{Dataset, ImportSpec, SpecKind};
use learnscape_tests::app::{self, Backend};
use learnscape_tests::{data, on_every_backend};
use std::path::{Path, PathBuf};

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

/// Up to six unnamed places of `places` that go by a road, not by their
/// address.
fn by_road(places: impl IntoIterator<Item = Place>) -> Vec<Place> {
    (places.into_iter())
        .filter(|p| p.name.is_none() && p.attribute("addr:street").is_none())
        .filter(|p| p.attribute(NEAR_STREET).is_some())
        .take(6)
        .collect()
}

/// A facility file (and the dataset file importing it) with an unnamed
/// spot at each of `places`, and one on the Galinakopf, far above any
/// named road.
fn write_spots(dir: &Path, places: &[Place]) -> PathBuf {
    let mut csv = String::from("id,name,lon,lat\n");
    for (k, p) in places.iter().enumerate() {
        let at = p.representative_point;
        csv.push_str(&format!("{k},,{},{}\n", at.lon, at.lat));
    }
    csv.push_str("far,,9.6,47.0\n");
    std::fs::write(dir.join("spots.csv"), csv).expect("csv");
    let toml = dir.join("spots.toml");
    std::fs::write(
        &toml,
        "name = \"spots\"\n[[facilities]]\npath = \"spots.csv\"\nsource = \"spots\"\ncategory = \"park\"\n",
    )
    .expect("toml");
    toml
}

fn spots_filter() -> PlaceFilter {
    PlaceFilter {
        source: Some(SourceId("spots".into())),
        ..PlaceFilter::default()
    }
}

/// Each spot of [`write_spots`] goes by the street the place it stands on
/// goes by; the Galinakopf's by none.
async fn assert_spots_go_by(store: &dyn Store, places: &[Place]) {
    let spots = store.places(&spots_filter()).await.expect("spots");
    assert_eq!(spots.len(), places.len() + 1);
    for spot in spots {
        let street = spot.attribute(NEAR_STREET);
        match spot.source_ref.parse::<usize>() {
            Ok(k) => assert_eq!(
                street,
                places[k].attribute(NEAR_STREET),
                "{:?}",
                places[k].id
            ),
            Err(_) => assert_eq!(street, None, "the Galinakopf"),
        }
    }
}

/// Liechtenstein's extract alone, as the dataset reads it.
fn extract_specs() -> Vec<ImportSpec> {
    (Dataset::load(&data::dataset("liechtenstein"))
        .expect("dataset")
        .specs)
        .into_iter()
        .filter(|s| s.kind == SpecKind::Osm)
        .collect()
}

/// A facility file names no street, and an operator may import one on its
/// own, after the extract: each of its unnamed places goes by the street
/// the store's roads give its point, the very one the extract's own
/// unnamed place there goes by; a point no street passes near, by none.
async fn a_facility_file_s_unnamed_places_go_by_the_store_s_streets(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let store = app::empty_store(backend, dir.path()).await;
    app::import_specs(store.as_ref(), extract_specs()).await;
    let places = by_road(store.places(&PlaceFilter::default()).await.expect("places"));
    assert_eq!(places.len(), 6);
    let toml = write_spots(dir.path(), &places);
    app::import_dataset(store.as_ref(), &toml).await;
    assert_spots_go_by(store.as_ref(), &places).await;
}

on_every_backend!(a_facility_file_s_unnamed_places_go_by_the_store_s_streets);

/// The other way round: a facility file imported before any extract has
/// no street to go by, and the extract imported next names its unnamed
/// places as if the two had come together, leaving what else the file
/// brought, and its record, as they were; another city's extract leaves
/// them their streets.
async fn an_extract_names_the_unnamed_places_of_a_file_imported_before_it(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let store = app::empty_store(backend, dir.path()).await;
    let (data, _) = data::import_extract(&data::liechtenstein_pbf());
    let places = by_road(data.places);
    assert_eq!(places.len(), 6);
    let toml = write_spots(dir.path(), &places);
    app::import_dataset(store.as_ref(), &toml).await;
    let before = store.places(&spots_filter()).await.expect("spots");
    assert!(
        before.iter().all(|p| p.attribute(NEAR_STREET).is_none()),
        "no streets yet: {before:?}"
    );
    let record = |sources: Vec<DataSource>| sources.into_iter().find(|s| s.id.0 == "spots");
    let held = record(store.sources().await.expect("sources")).expect("spots held");

    app::import_specs(store.as_ref(), extract_specs()).await;
    assert_spots_go_by(store.as_ref(), &places).await;
    let after = store.places(&spots_filter()).await.expect("spots");
    for (was, now) in before.iter().zip(&after) {
        let mut now = now.clone();
        now.attributes.remove(NEAR_STREET);
        assert_eq!(&now, was, "only the street is new");
    }
    let kept = record(store.sources().await.expect("sources"));
    assert_eq!(kept.as_ref(), Some(&held), "the file's record is as it was");

    // Another city's extract has no street near them: they keep theirs.
    let helsinki = app::osm_spec(&data::helsinki_pbf(), "osm-helsinki");
    app::import_specs(store.as_ref(), vec![helsinki]).await;
    assert_spots_go_by(store.as_ref(), &places).await;
}

on_every_backend!(an_extract_names_the_unnamed_places_of_a_file_imported_before_it);
