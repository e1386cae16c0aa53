//! Every tile with data for Liechtenstein at z0–z15, both layers, decoded
//! by an independent decoder and held to the MVT 2.1 rules; none over
//! 500 KB compressed.

use learnscape_server::app::tiles::{LayerName, TileService};
use learnscape_tests::data;
use learnscape_tests::mvt_check::check_tile;
use learnscape_tiles::TileCoord;

#[test]
fn every_liechtenstein_tile_follows_the_spec() {
    let (osm, _) = data::import_extract(&data::liechtenstein_pbf());
    let service = TileService::new(
        osm.places,
        osm.basemap,
        "© OpenStreetMap contributors".into(),
    );
    let bounds = service.bounds();
    let mut checked = 0;
    let mut largest = 0;
    for z in 0..=15u8 {
        for coord in TileCoord::covering(&bounds, z) {
            for layer in LayerName::ALL {
                let tile = service.tile(layer, coord).expect("encodes");
                if tile.raw.is_empty() {
                    continue;
                }
                let stats = check_tile(&tile.raw, 64).unwrap_or_else(|e| {
                    panic!("{} {z}/{}/{}: {e}", layer.as_str(), coord.x, coord.y)
                });
                assert_eq!(stats.layers, vec![layer.as_str().to_string()]);
                assert!(
                    tile.gzip.len() <= 500 * 1024,
                    "{z}/{}/{} is {} bytes",
                    coord.x,
                    coord.y,
                    tile.gzip.len()
                );
                largest = largest.max(tile.gzip.len());
                checked += 1;
            }
        }
    }
    eprintln!("{checked} tiles checked; the largest is {largest} bytes compressed");
    assert!(checked > 500, "only {checked} tiles held data");
}
