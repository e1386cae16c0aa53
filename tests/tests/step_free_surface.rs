//! The walk-time surface of walks that avoid steps, on Liechtenstein and
//! both stores: each cell of the `access_step_free` tiles holds the
//! minutes the API measures walking around steps from the cell's centre,
//! as each cell of `access` holds those taking them; in Vaduz, whose lanes
//! climb by steps, some cells differ; and the layer is served like the
//! others.

use geo_types::Geometry;
use learnscape_core::{Category, LonLat};
use learnscape_server::app::AppState;
use learnscape_server::app::access::{Steps, Walking};
use learnscape_server::app::tiles::LayerName;
use learnscape_tests::app::{self, Backend};
use learnscape_tests::http::fetch;
use learnscape_tests::mvt_check::check_tile;
use learnscape_tiles::{TileCoord, Value};
use std::collections::HashMap;

/// Vaduz at z14.
const VADUZ: (u32, u32, u32) = (14, 8625, 5753);
const KINDS: [Category; 2] = [Category::Library, Category::School];

/// Each cell of `layer` in the tile: its centre and its minutes by kind.
fn cells(state: &AppState, layer: LayerName) -> Vec<(LonLat, HashMap<String, f64>)> {
    let coord = TileCoord::new(VADUZ.0, VADUZ.1, VADUZ.2).expect("a tile");
    let content = state.tiles.layer_content(layer, coord);
    assert_eq!(content.name, layer.as_str());
    (content.features.iter())
        .map(|f| {
            let Geometry::Polygon(square) = &f.geometry else {
                panic!("a cell is a square: {:?}", f.geometry)
            };
            let (xs, ys): (Vec<f64>, Vec<f64>) =
                square.exterior().points().map(|p| (p.x(), p.y())).unzip();
            let middle = |v: &[f64]| {
                (v.iter().copied().fold(f64::INFINITY, f64::min)
                    + v.iter().copied().fold(f64::NEG_INFINITY, f64::max))
                    / 2.0
            };
            let minutes = (f.properties.iter())
                .filter_map(|(k, v)| match v {
                    Value::Double(m) => Some((k.clone(), *m)),
                    _ => None,
                })
                .collect();
            (LonLat::new(middle(&xs), middle(&ys)), minutes)
        })
        .collect()
}

/// Every cell's minutes to the nearest library and school are the API's
/// walk from its centre, taking or avoiding `steps` (to the tenth of a
/// minute the tiles keep); a kind absent from a cell reaches none.
fn assert_cells_are_walks(
    state: &AppState,
    layer: LayerName,
    steps: Steps,
) -> Vec<(LonLat, HashMap<String, f64>)> {
    let walking = Walking {
        pace: state.access.speed(),
        steps,
    };
    let found = cells(state, layer);
    assert!(found.len() > 100, "{} cells in {layer:?}", found.len());
    for (centre, minutes) in &found {
        for kind in KINDS {
            let field = format!("{}_min", kind.as_str());
            let walked = (state.access.nearest(*centre, kind, 1, None, None, walking))
                .ok()
                .and_then(|a| a.facilities.first().map(|f| f.minutes));
            match (minutes.get(&field), walked) {
                (Some(tile), Some(api)) => assert!(
                    (tile - api).abs() <= 0.05 + 1e-6,
                    "{layer:?} at {centre:?}: {field} {tile}, the API walks {api}"
                ),
                (None, None) => {}
                other => panic!("{layer:?} at {centre:?}: {field}: {other:?}"),
            }
        }
    }
    found
}

async fn the_step_free_surface_holds_the_walks_around_steps(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let state = app::liechtenstein_state(backend, dir.path()).await;
    let taken = assert_cells_are_walks(&state, LayerName::Access, Steps::Taken);
    let avoided = assert_cells_are_walks(&state, LayerName::AccessStepFree, Steps::Avoided);

    // Where steps matter, the two surfaces differ.
    let by_centre: HashMap<(i64, i64), &HashMap<String, f64>> = (taken.iter())
        .map(|(c, m)| {
            (
                ((c.lon * 1e7).round() as i64, (c.lat * 1e7).round() as i64),
                m,
            )
        })
        .collect();
    let differ = (avoided.iter())
        .filter(|(c, m)| {
            let key = ((c.lon * 1e7).round() as i64, (c.lat * 1e7).round() as i64);
            by_centre
                .get(&key)
                .is_some_and(|t| t.get("library_min") != m.get("library_min"))
        })
        .count();
    assert!(differ >= 3, "{differ} of {} cells differ", avoided.len());

    // Served as the other layers are: TileJSON, and the tile as encoded.
    let a = app::serve(state).await;
    let doc = fetch(&a, "/tiles/access_step_free.json", &[]).await;
    assert_eq!(doc.status, 200);
    let doc: serde_json::Value = serde_json::from_slice(&doc.body).expect("json");
    assert_eq!(doc["vector_layers"][0]["id"], "access_step_free");
    let fields = doc["vector_layers"][0]["fields"]
        .as_object()
        .expect("fields");
    assert!(fields.contains_key("library_min") && fields.contains_key("all_min"));
    let (z, x, y) = VADUZ;
    let tile = fetch(&a, &format!("/tiles/access_step_free/{z}/{x}/{y}.mvt"), &[]).await;
    assert_eq!(tile.status, 200);
    let stats = check_tile(&tile.body, 64).expect("a valid tile");
    assert_eq!(stats.features, avoided.len(), "{stats:?}");
}

learnscape_tests::on_every_backend!(the_step_free_surface_holds_the_walks_around_steps);
