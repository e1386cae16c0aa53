//! GDAL (Debian `gdal-bin`) reads a tile of each layer: `ogrinfo` lists the
//! layer with its features.

use learnscape_core::commons::ResourceId;
use learnscape_core::{Category, LonLat, Place, PlaceId, Shape, SourceId};
use learnscape_server::app::tiles::LayerName;
use learnscape_tests::app;
use learnscape_tiles::TileCoord;
use std::process::Command;

#[tokio::test(flavor = "multi_thread")]
async fn ogrinfo_reads_every_layer() {
    let dir = tempfile::tempdir().expect("dir");
    let state = app::liechtenstein_state(app::Backend::Embedded, dir.path()).await;
    // One approved commons resource, so its layer has something to show.
    let vaduz = LonLat::new(9.5215, 47.141);
    let source = SourceId(ResourceId::SOURCE.into());
    state.tiles.upsert_place(Place {
        id: PlaceId::new(&source, "1"),
        source,
        source_ref: "1".into(),
        category: Category::Makerspace,
        name: Some("Werkstatt".into()),
        shape: Shape::Point(vaduz),
        representative_point: vaduz,
        attributes: [("offers".to_string(), "Werkzeug".to_string())].into(),
    });
    // Vaduz: z14 for places and basemap, z10 for the municipalities.
    assert_eq!(LayerName::ALL.len(), 6, "every layer is read below");
    for (layer, (z, x, y)) in [
        (LayerName::Places, (14, 8625, 5753)),
        (LayerName::Basemap, (14, 8625, 5753)),
        (LayerName::Neighbourhoods, (10, 539, 359)),
        (LayerName::Access, (14, 8625, 5753)),
        (LayerName::AccessStepFree, (14, 8625, 5753)),
        (LayerName::Commons, (14, 8625, 5753)),
    ] {
        let coord = TileCoord::new(z, x, y).expect("tile");
        let tile = state.tiles.tile(layer, coord).expect("tile");
        assert!(!tile.raw.is_empty(), "{} has data here", layer.as_str());
        let file = dir.path().join(format!("{}.mvt", layer.as_str()));
        std::fs::write(&file, &tile.raw).expect("write");
        let out = Command::new("ogrinfo")
            .args(["-ro", "-so", "-al"])
            .args([
                "-oo",
                &format!("Z={z}"),
                "-oo",
                &format!("X={x}"),
                "-oo",
                &format!("Y={y}"),
            ])
            .arg(&file)
            .output()
            .expect("ogrinfo (Debian gdal-bin) must be installed");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            text.contains(&format!("Layer name: {}", layer.as_str())),
            "{text}"
        );
        let count: usize = text
            .lines()
            .find_map(|l| l.strip_prefix("Feature Count: "))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0);
        assert!(count > 0, "{}: {text}", layer.as_str());
    }
}
