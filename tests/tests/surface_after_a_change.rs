//! After a change to learning spaces (a commons resource approved, moved,
//! re-categorised or archived) the walk-time surfaces are walked again
//! only where the change may have moved a walk, on Liechtenstein: they end
//! up cell for cell as surfaces built whole, taking steps and avoiding
//! them, and every tile of theirs the cache held is the tile drawn anew.

use learnscape_core::{Category, Place, PlaceFilter, PlaceId};
use learnscape_server::app::AppState;
use learnscape_server::app::access::Steps;
use learnscape_server::app::surface::AccessSurfaces;
use learnscape_server::app::tiles::LayerName;
use learnscape_tests::app::{self, Backend};
use learnscape_tiles::{TileCoord, encode_tile};

/// Every cell of `a` holds the minutes of `b`'s, bit for bit (NaN, none
/// reachable, included), and the two have the same cells.
fn assert_same_surfaces(a: &AccessSurfaces, b: &AccessSurfaces, change: &str) {
    for steps in Steps::BOTH {
        let (a, b) = (a.of(steps), b.of(steps));
        assert_eq!(a.len(), b.len(), "{change}, {steps:?}: cells");
        let differ = (a.keys())
            .filter(|key| {
                let bits = |m: Option<[f32; Category::ALL.len()]>| m.map(|m| m.map(f32::to_bits));
                bits(a.minutes(*key)) != bits(b.minutes(*key))
            })
            .count();
        assert_eq!(
            differ, 0,
            "{change}, {steps:?}: cells unlike a whole surface"
        );
    }
}

/// The access tiles of Vaduz's zooms, each encoded once so the cache holds
/// it.
fn warm(state: &AppState) -> Vec<(LayerName, TileCoord)> {
    let mut tiles = Vec::new();
    for z in [8, 10, 12, 13, 14] {
        for coord in state.tiles.data_tiles(z) {
            for layer in [LayerName::Access, LayerName::AccessStepFree] {
                state.tiles.tile(layer, coord).expect("a tile");
                tiles.push((layer, coord));
            }
        }
    }
    tiles
}

#[tokio::test(flavor = "multi_thread")]
async fn surfaces_walked_again_where_a_change_moved_them_equal_surfaces_built_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let state = app::liechtenstein_state(Backend::Embedded, dir.path()).await;
    let access = state.access.clone();
    assert!(access.has_steps(), "Liechtenstein's lanes have steps");
    let places = state
        .store
        .places(&PlaceFilter::default())
        .await
        .expect("places");
    let first = |category: Category| {
        (places.iter().filter(|p| p.category == category))
            .min_by(|a, b| a.id.0.cmp(&b.id.0))
            .cloned()
            .expect("one of the kind")
    };
    let (library, school) = (first(Category::Library), first(Category::School));
    let new_library = Place {
        id: PlaceId("commons:new-library".into()),
        category: Category::Library,
        ..school.clone()
    };
    let library_as_school = Place {
        category: Category::School,
        ..library.clone()
    };
    let changes: [(&str, Option<&Place>, Option<&Place>); 4] = [
        ("a library archived", Some(&library), None),
        ("it again", None, Some(&library)),
        ("a library at a school", None, Some(&new_library)),
        (
            "a library now a school",
            Some(&library),
            Some(&library_as_school),
        ),
    ];

    let mut surfaces = AccessSurfaces::new(&access);
    let cells = surfaces.of(Steps::Taken).len();
    assert!(cells > 10_000, "{cells} cells");
    for (change, before, after) in changes {
        let cached = warm(&state);
        let moved = access.replace_facility(before, after);

        let rewalked = surfaces.rewalk(&access, &moved);
        let walked = rewalked.len();
        let changed = surfaces.apply(rewalked, 32);
        assert_same_surfaces(&surfaces, &AccessSurfaces::new(&access), change);
        // Walked again where the change may have moved walks, never all
        // over: on Liechtenstein, with few libraries, one library's
        // catchment is a good part of the country (4,246 to 15,963 of the
        // two surfaces' 25,488 cells when this was written).
        assert!(
            walked > 0 && walked < 2 * cells,
            "{change}: {walked} of {cells} cells walked again"
        );
        assert!(changed.iter().all(Option::is_some), "{change}: {changed:?}");

        // The service's own surfaces, as the commons change them: no tile
        // the cache held is served stale.
        state
            .tiles
            .refresh_figures(access.neighbourhood_features(), &access, &moved);
        let stale = (cached.iter())
            .filter(|(layer, coord)| {
                let served = state.tiles.tile(*layer, *coord).expect("a tile");
                let drawn = encode_tile(*coord, &[state.tiles.layer_content(*layer, *coord)])
                    .expect("encoded");
                served.raw != drawn
            })
            .count();
        assert_eq!(stale, 0, "{change}: stale tiles of {}", cached.len());
    }
}
