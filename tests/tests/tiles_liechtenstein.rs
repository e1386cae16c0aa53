//! Every tile with data for Liechtenstein at z0–z15, every layer, decoded
//! by an independent decoder and held to the MVT 2.1 rules; none over
//! 500 KB compressed.

use learnscape_server::app::tiles::LayerName;
use learnscape_tests::app;
use learnscape_tests::mvt_check::check_tile;
use learnscape_tiles::TileCoord;

#[tokio::test(flavor = "multi_thread")]
async fn every_liechtenstein_tile_follows_the_spec() {
    let dir = tempfile::tempdir().expect("dir");
    let state = app::liechtenstein_state(app::Backend::Embedded, dir.path()).await;
    let service = state.tiles.clone();
    let (checked, largest) = tokio::task::spawn_blocking(move || {
        let mut checked = 0;
        let mut largest = 0;
        for z in 0..=15u8 {
            let data = service.data_tiles(z);
            let all = TileCoord::covering(&service.bounds(), z);
            assert!(data.len() <= all.len());
            for coord in all {
                for layer in LayerName::ALL {
                    let tile = service.tile(layer, coord).expect("encodes");
                    if tile.raw.is_empty() {
                        continue;
                    }
                    // Only tiles meeting some feature's box hold data, so
                    // exports may skip the rest.
                    assert!(data.binary_search(&coord).is_ok(), "{coord:?} holds data");
                    let where_ = format!("{} {z}/{}/{}", layer.as_str(), coord.x, coord.y);
                    let stats =
                        check_tile(&tile.raw, 64).unwrap_or_else(|e| panic!("{where_}: {e}"));
                    assert_eq!(stats.layers, vec![layer.as_str().to_string()], "{where_}");
                    assert!(
                        tile.gzip.len() <= 500 * 1024,
                        "{where_}: {} bytes",
                        tile.gzip.len()
                    );
                    largest = largest.max(tile.gzip.len());
                    checked += 1;
                }
            }
        }
        (checked, largest)
    })
    .await
    .expect("tiles");
    eprintln!("{checked} tiles checked; the largest is {largest} bytes compressed");
    assert!(checked > 500, "only {checked} tiles held data");
}
