//! The store conformance suite: what every store must do, written once.
//!
//! A store crate runs it with
//! `learnscape_core::store_conformance_tests!(async { MyStore::open(..).await });`
//! which expands to one `#[tokio::test]` per check, each on a fresh store.

pub use crate::conformance_commons::*;
pub use crate::conformance_forget::*;
pub use crate::conformance_resets::*;
use crate::store::StoreError;
use crate::{
    BasemapFeature, BasemapKind, Bbox, Category, DataSource, LonLat, Neighbourhood, Place,
    PlaceFilter, PlaceId, PopulationUnit, Shape, SourceData, SourceId, SourceKind, Store,
    WalkNetwork, WalkNode, WalkSegment,
};
use chrono::{TimeZone, Utc};
use geo_types::{Geometry, LineString, MultiPolygon, Polygon, line_string, polygon};
use std::collections::BTreeMap;

/// A small source holding one of everything, offset by `dx` degrees so two
/// samples do not overlap.
pub fn sample_source(id: &str, dx: f64) -> (DataSource, SourceData) {
    let source_id = SourceId(id.to_string());
    let source = DataSource {
        id: source_id.clone(),
        kind: SourceKind::Osm,
        path: format!("/data/{id}.osm.pbf"),
        sha256: format!("{:064x}", id.len()),
        reader: format!("sample reader of {id}"),
        imported_at: Utc
            .with_ymd_and_hms(2026, 11, 23, 12, 0, 0)
            .single()
            .unwrap_or_default(),
        // A Geofabrik extract's replication timestamp, to the second.
        data_as_of: Utc.with_ymd_and_hms(2024, 3, 4, 21, 21, 35).single(),
        attribution: "© OpenStreetMap contributors (ODbL 1.0)".into(),
        note: format!("{id}: a sample, made up for the suite"),
    };
    let square = |x: f64, y: f64, s: f64| -> Polygon<f64> {
        polygon![(x: x, y: y), (x: x + s, y: y), (x: x + s, y: y + s), (x: x, y: y + s), (x: x, y: y)]
    };
    let park_area = MultiPolygon(vec![Polygon::new(
        square(9.50 + dx, 47.10, 0.01).exterior().clone(),
        vec![square(9.502 + dx, 47.102, 0.002).exterior().clone()],
    )]);
    let mut attributes = BTreeMap::new();
    attributes.insert("opening_hours".to_string(), "Mo-Fr 09:00-18:00".to_string());
    attributes.insert("wheelchair".to_string(), "yes".to_string());
    let library = Place {
        id: PlaceId::new(&source_id, "n1"),
        source: source_id.clone(),
        source_ref: "n1".into(),
        category: Category::Library,
        name: Some("Landesbibliothek".into()),
        shape: Shape::Point(LonLat::new(9.52 + dx, 47.14)),
        representative_point: LonLat::new(9.52 + dx, 47.14),
        attributes,
    };
    let park_shape = Shape::Area(park_area.clone());
    let park = Place {
        id: PlaceId::new(&source_id, "w2"),
        source: source_id.clone(),
        source_ref: "w2".into(),
        category: Category::Park,
        name: None,
        representative_point: park_shape
            .representative_point()
            .unwrap_or(LonLat::new(0.0, 0.0)),
        shape: park_shape,
        // Unnamed, so it goes by its street (set at import).
        attributes: BTreeMap::from([(Place::NEAR_STREET.to_string(), "Äulestrasse".to_string())]),
    };
    let neighbourhood = Neighbourhood {
        id: format!("{id}:0"),
        source: source_id.clone(),
        name: "Vaduz".into(),
        area: MultiPolygon(vec![square(9.49 + dx, 47.09, 0.1)]),
        population: Some(5229.0),
    };
    let unit = PopulationUnit {
        id: format!("{id}:cell-1"),
        source: source_id.clone(),
        shape: Shape::Area(MultiPolygon(vec![square(9.51 + dx, 47.11, 0.002)])),
        population: 120.0,
    };
    // OSM node ids differ per sample unless a test joins them on purpose.
    let base = 1000 * i64::from(id.bytes().next().unwrap_or(b'x'));
    let walk_network = WalkNetwork {
        nodes: vec![
            WalkNode {
                osm_id: base,
                position: LonLat::new(9.51 + dx, 47.12),
            },
            WalkNode {
                osm_id: base + 1,
                position: LonLat::new(9.511 + dx, 47.12),
            },
            WalkNode {
                osm_id: base + 2,
                position: LonLat::new(9.511 + dx, 47.121),
            },
        ],
        segments: vec![
            WalkSegment {
                from: 0,
                to: 1,
                length_m: 75.8,
                way_id: 7,
                steps: false,
                barred: None,
            },
            WalkSegment {
                from: 1,
                to: 2,
                length_m: 111.2,
                way_id: 7,
                steps: false,
                barred: None,
            },
        ],
    };
    let basemap = vec![
        BasemapFeature {
            kind: BasemapKind::Road,
            class: "primary".into(),
            name: Some("Landstrasse".into()),
            population: None,
            geometry: Geometry::LineString(
                line_string![(x: 9.5 + dx, y: 47.1), (x: 9.6 + dx, y: 47.2)],
            ),
        },
        BasemapFeature {
            kind: BasemapKind::Building { residential: true },
            class: "house".into(),
            name: None,
            population: None,
            geometry: Geometry::Polygon(square(9.505 + dx, 47.105, 0.0002)),
        },
        BasemapFeature {
            kind: BasemapKind::PlaceLabel,
            class: "town".into(),
            name: Some("Vaduz".into()),
            population: Some(5229.0),
            geometry: Geometry::Point(geo_types::Point::new(9.52 + dx, 47.14)),
        },
        BasemapFeature {
            kind: BasemapKind::Waterway,
            class: "river".into(),
            name: Some("Rhein".into()),
            population: None,
            geometry: Geometry::MultiLineString(geo_types::MultiLineString(vec![
                LineString::from(vec![(9.49 + dx, 47.0), (9.5 + dx, 47.3)]),
            ])),
        },
        // The house's number, kept for search and never drawn.
        BasemapFeature {
            kind: BasemapKind::Address,
            class: "12a".into(),
            name: Some("Äulestrasse".into()),
            population: None,
            geometry: Geometry::Point(geo_types::Point::new(9.5051 + dx, 47.1051)),
        },
        // Its postcode, kept for search and never drawn.
        BasemapFeature {
            kind: BasemapKind::Postcode,
            class: "9490".into(),
            name: Some("Vaduz".into()),
            population: None,
            geometry: Geometry::Point(geo_types::Point::new(9.5052 + dx, 47.1052)),
        },
    ];
    (
        source,
        SourceData {
            places: vec![library, park],
            neighbourhoods: vec![neighbourhood],
            population_units: vec![unit],
            walk_network,
            basemap,
        },
    )
}

fn basemap_key(f: &BasemapFeature) -> String {
    format!("{}/{}/{:?}", f.kind.as_str(), f.class, f.name)
}

fn sorted_basemap(mut v: Vec<BasemapFeature>) -> Vec<BasemapFeature> {
    v.sort_by_key(basemap_key);
    v
}

pub async fn a_replaced_source_reads_back_exactly(store: &dyn Store) {
    let (source, data) = sample_source("li", 0.0);
    store
        .replace_source(source.clone(), data.clone())
        .await
        .expect("import");
    assert_eq!(store.sources().await.expect("sources"), vec![source]);
    let mut places = data.places.clone();
    places.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(
        store.places(&PlaceFilter::default()).await.expect("places"),
        places
    );
    assert_eq!(
        store.neighbourhoods().await.expect("neighbourhoods"),
        data.neighbourhoods
    );
    assert_eq!(
        store.population_units().await.expect("units"),
        data.population_units
    );
    assert_eq!(store.walk_network().await.expect("walk"), data.walk_network);
    assert_eq!(
        sorted_basemap(store.basemap_features(None).await.expect("basemap")),
        sorted_basemap(data.basemap)
    );
}

pub async fn reimporting_a_source_replaces_it_and_never_duplicates(store: &dyn Store) {
    let (source, data) = sample_source("li", 0.0);
    store
        .replace_source(source.clone(), data.clone())
        .await
        .expect("first");
    let mut smaller = data.clone();
    smaller.places.truncate(1);
    smaller.basemap.truncate(2);
    let mut again = source.clone();
    again.sha256 = "f".repeat(64);
    // A file that does not say how current it is.
    again.data_as_of = None;
    store
        .replace_source(again.clone(), smaller)
        .await
        .expect("second");
    assert_eq!(store.sources().await.expect("sources"), vec![again]);
    assert_eq!(
        store
            .places(&PlaceFilter::default())
            .await
            .expect("places")
            .len(),
        1
    );
    assert_eq!(
        store.basemap_features(None).await.expect("basemap").len(),
        2
    );
    assert_eq!(store.neighbourhoods().await.expect("n").len(), 1);
    assert_eq!(store.walk_network().await.expect("walk").segments.len(), 2);
}

pub async fn sources_coexist_and_removing_one_keeps_the_other(store: &dyn Store) {
    let (a, da) = sample_source("a", 0.0);
    let (b, db) = sample_source("b", 1.0);
    store.replace_source(a.clone(), da).await.expect("a");
    store.replace_source(b.clone(), db).await.expect("b");
    assert_eq!(
        store
            .places(&PlaceFilter::default())
            .await
            .expect("places")
            .len(),
        4
    );
    assert_eq!(store.walk_network().await.expect("walk").nodes.len(), 6);
    store.remove_source(&a.id).await.expect("remove");
    assert_eq!(store.sources().await.expect("sources"), vec![b]);
    let left = store.places(&PlaceFilter::default()).await.expect("places");
    assert!(left.iter().all(|p| p.source.0 == "b"), "{left:?}");
    assert_eq!(store.population_units().await.expect("units").len(), 1);
    assert_eq!(
        store.basemap_features(None).await.expect("basemap").len(),
        6
    );
}

pub async fn walk_networks_of_two_sources_join_at_shared_nodes(store: &dyn Store) {
    let (a, da) = sample_source("a", 0.0);
    let (b, mut db) = sample_source("b", 0.0);
    db.walk_network.nodes[0].osm_id = da.walk_network.nodes[2].osm_id; // b starts where a ends
    store.replace_source(a, da).await.expect("a");
    store.replace_source(b, db).await.expect("b");
    let walk = store.walk_network().await.expect("walk");
    assert_eq!(walk.nodes.len(), 5);
    assert_eq!(walk.segments.len(), 4);
}

/// `network` as an OSM import builds one: positions on OSM's 1e-7° grid,
/// each segment as long as the haversine distance of its ends.
pub fn as_imported(mut network: WalkNetwork) -> WalkNetwork {
    let on_grid = |d: f64| f64::from((d * 1e7).round() as i32) * 1e-7;
    for node in &mut network.nodes {
        node.position = LonLat::new(on_grid(node.position.lon), on_grid(node.position.lat));
    }
    let positions: Vec<LonLat> = network.nodes.iter().map(|n| n.position).collect();
    for s in &mut network.segments {
        if let (Some(&a), Some(&b)) = (positions.get(s.from as usize), positions.get(s.to as usize))
        {
            s.length_m = crate::units::haversine_m(a, b);
        }
    }
    network
}

/// An import's network (positions on OSM's 1e-7° grid, lengths measured
/// between the ends) is stored in the compact layout, any other in fixed
/// records: all read back bit for bit, steps, barred segments and all.
pub async fn a_walk_network_reads_back_exactly_in_either_layout(store: &dyn Store) {
    use crate::walk_packed::{Layout, pack};
    let (a, mut da) = sample_source("a", 0.0);
    da.walk_network = as_imported(da.walk_network);
    da.walk_network.segments[1].steps = true;
    da.walk_network.segments[0].barred = Some(crate::Bar::Turnstile);
    let (b, mut db) = sample_source("b", 1.0);
    db.walk_network.nodes[1].position.lon += 1e-9;
    let (c, mut dc) = sample_source("c", 2.0);
    dc.walk_network.nodes[1].position.lon += 1e-9;
    dc.walk_network.segments[0].steps = true;
    dc.walk_network.segments[1].barred = Some(crate::Bar::RaisedKerb);
    assert_eq!(pack(&da.walk_network).layout, Layout::Compact);
    assert_eq!(pack(&db.walk_network).layout, Layout::Fixed);
    assert_eq!(pack(&dc.walk_network).layout, Layout::FixedSteps);
    let expected = WalkNetwork::merge([
        da.walk_network.clone(),
        db.walk_network.clone(),
        dc.walk_network.clone(),
    ]);
    store.replace_source(a, da).await.expect("a");
    store.replace_source(b, db).await.expect("b");
    store.replace_source(c, dc).await.expect("c");
    let read = store.walk_network().await.expect("walk");
    let bits = |n: &WalkNetwork| -> Vec<(i64, u64, u64)> {
        n.nodes
            .iter()
            .map(|n| (n.osm_id, n.position.lon.to_bits(), n.position.lat.to_bits()))
            .collect()
    };
    assert_eq!(bits(&read), bits(&expected));
    assert_eq!(read, expected);
}

/// What a store held before it had a `layout` column. Source "a" is
/// imported (compact, as `stored_layout` must say), then `write_as_before`
/// replaces its row as the code before wrote it, giving no layout: node
/// count and fixed records. That row must read back.
pub async fn a_walk_network_written_before_layouts_still_reads(
    store: &dyn Store,
    stored_layout: impl AsyncFnOnce() -> i64,
    write_as_before: impl AsyncFnOnce(i64, crate::walk_packed::Packed),
) {
    use crate::walk_packed::{Layout, pack_fixed};
    let (source, mut data) = sample_source("a", 0.0);
    data.walk_network = as_imported(data.walk_network);
    store
        .replace_source(source, data.clone())
        .await
        .expect("import");
    assert_eq!(stored_layout().await, i64::from(Layout::Compact.code()));
    let count = i64::try_from(data.walk_network.nodes.len()).unwrap_or(i64::MAX);
    write_as_before(count, pack_fixed(&data.walk_network)).await;
    assert_eq!(store.walk_network().await.expect("walk"), data.walk_network);
}

pub async fn places_filter_by_category_bbox_and_name(store: &dyn Store) {
    let (a, da) = sample_source("a", 0.0);
    let (b, db) = sample_source("b", 1.0);
    store.replace_source(a, da).await.expect("a");
    store.replace_source(b, db).await.expect("b");
    let libraries = PlaceFilter {
        categories: vec![Category::Library],
        ..Default::default()
    };
    assert_eq!(store.places(&libraries).await.expect("q").len(), 2);
    let near_a = PlaceFilter {
        bbox: Some(Bbox::new(9.4, 47.0, 9.6, 47.2)),
        ..Default::default()
    };
    let found = store.places(&near_a).await.expect("q");
    assert_eq!(found.len(), 2);
    assert!(found.iter().all(|p| p.source.0 == "a"));
    let by_name = PlaceFilter {
        name_contains: Some("landesBIB".into()),
        ..Default::default()
    };
    assert_eq!(store.places(&by_name).await.expect("q").len(), 2);
    // By its letters: words typed apart or hyphenated where the name
    // joins them; a text with no letter is in no name.
    for (text, libraries) in [("Landes Bibliothek", 2), ("landes-bib", 2), (" - ", 0)] {
        let by_letters = PlaceFilter {
            name_contains: Some(text.into()),
            ..Default::default()
        };
        let found = store.places(&by_letters).await.expect("q");
        assert_eq!(found.len(), libraries, "{text}: {found:?}");
    }
    // An unnamed place is found by the street it goes by, whatever the
    // case and accents typed ("Äulestrasse").
    let by_street = PlaceFilter {
        name_contains: Some("AULESTR".into()),
        ..Default::default()
    };
    let found = store.places(&by_street).await.expect("q");
    assert_eq!(found.len(), 2);
    assert!(
        found
            .iter()
            .all(|p| p.category == Category::Park && p.name.is_none())
    );
    let none = PlaceFilter {
        categories: vec![Category::School],
        ..Default::default()
    };
    assert!(store.places(&none).await.expect("q").is_empty());

    // By its other names too, each whole: in another language, or as
    // people call it ("LaLi", of two `alt_name`s).
    let (c, mut dc) = sample_source("c", 2.0);
    for p in dc.places.iter_mut().filter(|p| p.name.is_some()) {
        let names = [("name:en", "National Library"), ("alt_name", "LaLi;LB")];
        p.attributes
            .extend(names.map(|(k, v)| (k.to_string(), v.to_string())));
    }
    store.replace_source(c, dc).await.expect("c");
    let named = |text: &str| PlaceFilter {
        name_contains: Some(text.into()),
        ..Default::default()
    };
    for text in ["national LIBR", "lali", "LB"] {
        let found = store.places(&named(text)).await.expect("q");
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert_eq!(found[0].source.0, "c", "{text}");
    }
    // Not across two of its names.
    assert!(store.places(&named("lalilb")).await.expect("q").is_empty());
    assert!(
        store
            .places(&named("library lali"))
            .await
            .expect("q")
            .is_empty()
    );
    assert_eq!(store.places(&named("landesbib")).await.expect("q").len(), 3);
}

pub async fn missing_things_are_not_found(store: &dyn Store) {
    let missing = store.place(&PlaceId("nowhere:n1".into())).await;
    assert!(
        matches!(missing, Err(StoreError::NotFound { .. })),
        "{missing:?}"
    );
    let removed = store.remove_source(&SourceId("nowhere".into())).await;
    assert!(
        matches!(removed, Err(StoreError::NotFound { .. })),
        "{removed:?}"
    );
    let (a, da) = sample_source("a", 0.0);
    store.replace_source(a, da.clone()).await.expect("a");
    let found = store.place(&da.places[0].id).await.expect("found");
    assert_eq!(found, da.places[0]);
}

pub async fn an_empty_store_is_empty(store: &dyn Store) {
    assert!(store.sources().await.expect("sources").is_empty());
    assert!(
        store
            .places(&PlaceFilter::default())
            .await
            .expect("places")
            .is_empty()
    );
    assert!(store.walk_network().await.expect("walk").is_empty());
    assert!(
        store
            .basemap_features(None)
            .await
            .expect("basemap")
            .is_empty()
    );
}

pub async fn a_batch_commits_whole_or_not_at_all(store: &dyn Store) {
    let (a, da) = sample_source("a", 0.0);
    let (b, db) = sample_source("b", 0.5);
    store
        .replace_sources(vec![(a.clone(), da.clone()), (b.clone(), db.clone())])
        .await
        .expect("batch");
    assert_eq!(
        store.sources().await.expect("sources"),
        vec![a.clone(), b.clone()]
    );
    let before = store.places(&PlaceFilter::default()).await.expect("places");
    assert_eq!(before.len(), da.places.len() + db.places.len());

    // A batch that fails (here: one source twice) leaves everything as it was.
    let (c, dc) = sample_source("c", 1.0);
    let (a_again, _) = sample_source("a", 2.0);
    let failed = store
        .replace_sources(vec![
            (c, dc),
            (a_again.clone(), SourceData::default()),
            (a_again, SourceData::default()),
        ])
        .await;
    assert!(matches!(failed, Err(StoreError::Conflict(_))), "{failed:?}");
    assert_eq!(store.sources().await.expect("sources"), vec![a, b]);
    assert_eq!(
        store.places(&PlaceFilter::default()).await.expect("places"),
        before
    );
}

pub async fn basemap_features_filter_by_bbox(store: &dyn Store) {
    let (a, da) = sample_source("a", 0.0);
    let (b, db) = sample_source("b", 0.5);
    let in_order: Vec<BasemapFeature> = da.basemap.iter().chain(&db.basemap).cloned().collect();
    store
        .replace_sources(vec![(b, db), (a, da)])
        .await
        .expect("import");
    // All of them in import order: by source, then as the source listed
    // them (tiles draw them in this order).
    assert_eq!(store.basemap_features(None).await.expect("all"), in_order);
    assert_eq!(in_order.len(), 12);
    // Around the first sample's house, its number and postcode and the
    // label only: the road and the river of the first sample cross it
    // too, the second sample is east.
    let around = Bbox::new(9.504, 47.104, 9.53, 47.15);
    let mut kinds: Vec<&str> = Vec::new();
    let found = store.basemap_features(Some(around)).await.expect("bbox");
    for f in &found {
        kinds.push(f.kind.as_str());
    }
    kinds.sort_unstable();
    assert_eq!(
        kinds,
        ["address", "building", "place_label", "postcode", "road"],
        "{found:?}"
    );
    let nowhere = Bbox::new(-10.0, -10.0, -9.0, -9.0);
    assert!(
        store
            .basemap_features(Some(nowhere))
            .await
            .expect("bbox")
            .is_empty()
    );
}

/// Expands to one `#[tokio::test]` per conformance check. `$make` is an
/// expression evaluating to a future that yields a fresh, empty store.
#[macro_export]
macro_rules! store_conformance_tests {
    ($make:expr) => {
        $crate::store_conformance_tests!(@each $make;
            a_replaced_source_reads_back_exactly,
            reimporting_a_source_replaces_it_and_never_duplicates,
            sources_coexist_and_removing_one_keeps_the_other,
            walk_networks_of_two_sources_join_at_shared_nodes,
            a_walk_network_reads_back_exactly_in_either_layout,
            places_filter_by_category_bbox_and_name,
            missing_things_are_not_found,
            an_empty_store_is_empty,
            a_batch_commits_whole_or_not_at_all,
            basemap_features_filter_by_bbox,
            accounts_are_unique_by_email_and_read_back,
            credentials_are_found_by_hash_and_revoked_only_by_their_owner,
            a_new_password_ends_every_other_live_credential,
            an_erased_account_keeps_only_its_id,
            groups_keep_their_stewards,
            a_group_is_renamed_and_never_loses_its_last_steward_by_stepping_down,
            the_last_admin_stays_one_even_when_two_step_back_at_once,
            an_invitation_makes_one_steward_and_is_used_up,
            a_group_never_has_more_open_invitations_than_the_limit,
            a_reset_link_sets_one_password_once,
            what_can_never_be_used_again_is_forgotten_and_nothing_else,
            a_resource_keeps_every_revision_and_saves_only_over_the_version_it_read,
            reports_are_closed_once
        );
    };
    (@each $make:expr; $($check:ident),+) => {
        $(
            #[tokio::test]
            async fn $check() {
                let store = $make.await;
                $crate::conformance::$check(&store).await;
            }
        )+
    };
}
