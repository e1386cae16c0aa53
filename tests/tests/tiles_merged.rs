//! The largest extract (seven regions, 14.5 MB) at z4–z14: every tile that
//! holds data follows the MVT rules and stays within 500 KB compressed and
//! 200,000 features.

use learnscape_server::app::tiles::{LayerName, TileService};
use learnscape_tests::data;
use learnscape_tests::mvt_check::check_tile;

#[test]
fn merged_file_tiles_stay_within_the_limits() {
    let (osm, _) = data::import_extract(&data::merged_pbf());
    let service = TileService::new(osm.places, osm.basemap, Vec::new(), "© OSM".into());
    for z in [4u8, 6, 8, 10, 12, 14] {
        let (mut tiles, mut largest, mut most) = (0, 0, 0);
        for coord in service.data_tiles(z) {
            for layer in [LayerName::Places, LayerName::Basemap] {
                let tile = service.tile(layer, coord).expect("encodes");
                if tile.raw.is_empty() {
                    continue;
                }
                let where_ = format!("{} {z}/{}/{}", layer.as_str(), coord.x, coord.y);
                let stats = check_tile(&tile.raw, 64).unwrap_or_else(|e| panic!("{where_}: {e}"));
                assert!(
                    tile.gzip.len() <= 500 * 1024,
                    "{where_}: {} bytes",
                    tile.gzip.len()
                );
                assert!(
                    stats.features <= 200_000,
                    "{where_}: {} features",
                    stats.features
                );
                tiles += 1;
                largest = largest.max(tile.gzip.len());
                most = most.max(stats.features);
            }
        }
        eprintln!("z{z}: {tiles} tiles, largest {largest} B gzipped, at most {most} features");
    }
}
