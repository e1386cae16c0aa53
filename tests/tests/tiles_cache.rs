//! The tile cache is invalidated exactly: a changed place shows up in the
//! next request for its tiles, and unrelated tiles stay cached.

use learnscape_core::{Category, LonLat, Place, PlaceId, Shape, SourceId};
use learnscape_server::app::tiles::{LayerName, TileService};
use learnscape_tests::data;
use learnscape_tiles::TileCoord;
use std::sync::Arc;

fn tile_at(p: LonLat, z: u8) -> TileCoord {
    let b = learnscape_core::Bbox::new(p.lon, p.lat, p.lon, p.lat);
    TileCoord::covering(&b, z)[0]
}

#[test]
fn a_changed_place_shows_up_and_unrelated_tiles_stay_cached() {
    let (osm, _) = data::import_extract(&data::liechtenstein_pbf());
    let service = TileService::new(osm.places, osm.basemap, Vec::new(), "© OSM".into());
    let vaduz = LonLat::new(9.5209, 47.1410);
    let balzers = LonLat::new(9.4995, 47.0665);
    let here = [tile_at(vaduz, 14), tile_at(vaduz, 8)];
    let there = [tile_at(balzers, 14), tile_at(balzers, 12)];
    let before: Vec<_> = here
        .iter()
        .chain(&there)
        .map(|c| service.tile(LayerName::Places, *c).expect("tile"))
        .collect();
    // Asked again, the very same encoded tiles come from the cache.
    for (c, b) in here.iter().chain(&there).zip(&before) {
        assert!(Arc::ptr_eq(
            &service.tile(LayerName::Places, *c).expect("tile"),
            b
        ));
    }

    let source = SourceId("commons".into());
    let place = Place {
        id: PlaceId::new(&source, "42"),
        source,
        source_ref: "42".into(),
        category: Category::Makerspace,
        name: Some("Werkstatt am Rhein".into()),
        shape: Shape::Point(vaduz),
        representative_point: vaduz,
        attributes: Default::default(),
    };
    service.upsert_place(place.clone());

    let z14 = service.tile(LayerName::Places, here[0]).expect("tile");
    assert!(
        !Arc::ptr_eq(&z14, &before[0]),
        "the tile with the new place is re-encoded"
    );
    assert_ne!(z14.etag, before[0].etag);
    assert!(String::from_utf8_lossy(&z14.raw).contains("Werkstatt am Rhein"));
    let z8 = service.tile(LayerName::Places, here[1]).expect("tile");
    assert_ne!(z8.raw, before[1].raw, "the z8 cluster counts the new place");
    for (c, b) in there.iter().zip(&before[2..]) {
        assert!(
            Arc::ptr_eq(&service.tile(LayerName::Places, *c).expect("tile"), b),
            "{c:?} is unrelated and stays cached"
        );
    }

    // Removed again: the tile is as it was.
    assert!(service.remove_place(&place.id));
    assert_eq!(
        service.tile(LayerName::Places, here[0]).expect("tile").raw,
        before[0].raw
    );
}

#[test]
fn a_cache_of_size_zero_encodes_every_request_and_a_bounded_one_evicts_the_oldest() {
    let (osm, _) = data::import_extract(&data::liechtenstein_pbf());
    let service = TileService::new(osm.places, osm.basemap, Vec::new(), "© OSM".into());
    let vaduz = tile_at(LonLat::new(9.5209, 47.1410), 14);
    let balzers = tile_at(LonLat::new(9.4995, 47.0665), 14);
    let first = service.tile(LayerName::Basemap, vaduz).expect("tile");
    service.set_cache_capacity(0);
    let again = service.tile(LayerName::Basemap, vaduz).expect("tile");
    assert!(!Arc::ptr_eq(&first, &again), "nothing is cached");
    assert_eq!(first.raw, again.raw, "the same tile, encoded again");

    service.set_cache_capacity(1);
    let a = service.tile(LayerName::Basemap, vaduz).expect("tile");
    assert!(Arc::ptr_eq(
        &a,
        &service.tile(LayerName::Basemap, vaduz).expect("tile")
    ));
    let _ = service.tile(LayerName::Basemap, balzers).expect("tile");
    assert!(
        !Arc::ptr_eq(&a, &service.tile(LayerName::Basemap, vaduz).expect("tile")),
        "the older tile was evicted"
    );
}

/// A place keeps its position in its tiles when it is edited (a commons
/// resource approved again, say): tiles list places by id as bytes, so
/// which label wins where labels collide does not change with the order
/// of edits, nor between the backends (`backends_agree`).
#[test]
fn an_edited_place_keeps_its_order_in_its_tiles() {
    let (osm, _) = data::import_extract(&data::liechtenstein_pbf());
    let places = osm.places.clone();
    let service = TileService::new(osm.places, osm.basemap, Vec::new(), "© OSM".into());
    let tile = tile_at(LonLat::new(9.5209, 47.1410), 12);
    let ids = || -> Vec<String> {
        let raw = &service.tile(LayerName::Places, tile).expect("tile").raw;
        learnscape_tests::mvt_decode::features(raw)
            .expect("a decodable tile")
            .into_iter()
            .map(|(_, p)| {
                p.get("id")
                    .and_then(|v| v.as_str())
                    .expect("an id")
                    .to_string()
            })
            .collect()
    };
    let before = ids();
    assert!(before.len() > 2, "{before:?}");
    let mut by_id = before.clone();
    by_id.sort();
    assert_eq!(before, by_id, "by id");

    let mut edited = places
        .into_iter()
        .find(|p| p.id.0 == before[0])
        .expect("the tile's first place");
    edited.name = Some("Renamed by its stewards".into());
    service.upsert_place(edited);
    assert_eq!(ids(), before);
}
