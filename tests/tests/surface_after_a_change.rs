//! After a change to learning spaces (a commons resource approved, moved,
//! re-categorised or archived) the walk-time surfaces are walked again
//! only where the change may have moved a walk, on Liechtenstein: they end
//! up cell for cell as surfaces built whole, taking steps and avoiding
//! them, and every tile of theirs the cache held is the tile drawn anew.
//! The neighbourhood figures, made again at every default walking time at
//! once, are those asked for one report at a time.

use learnscape_core::{Category, Place, PlaceFilter, PlaceId, Subject};
use learnscape_server::app::AppState;
use learnscape_server::app::access::{DEFAULT_MINUTES, Steps};
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

/// A change: what it is, and the place before and after.
type Change = (&'static str, Option<Place>, Option<Place>);

/// A library archived and approved again, a new library where a school
/// is, and a library that becomes a school.
async fn changes(state: &AppState) -> [Change; 4] {
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
        ..school
    };
    let library_as_school = Place {
        category: Category::School,
        ..library.clone()
    };
    [
        ("a library archived", Some(library.clone()), None),
        ("it again", None, Some(library.clone())),
        ("a library at a school", None, Some(new_library)),
        (
            "a library now a school",
            Some(library),
            Some(library_as_school),
        ),
    ]
}

#[tokio::test(flavor = "multi_thread")]
async fn surfaces_walked_again_where_a_change_moved_them_equal_surfaces_built_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let state = app::liechtenstein_state(Backend::Embedded, dir.path()).await;
    let access = state.access.clone();
    assert!(access.has_barriers(), "Liechtenstein's lanes have steps");

    let mut surfaces = AccessSurfaces::new(&access);
    let cells = surfaces.of(Steps::Taken).len();
    assert!(cells > 10_000, "{cells} cells");
    for (change, before, after) in changes(&state).await {
        let cached = warm(&state);
        let moved = access.replace_facility(before.as_ref(), after.as_ref());

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

/// Two services on the same data take the same changes: one makes the
/// figures again as a change to the commons does, every default walking
/// time at once; the other leaves them to be asked for, report by report.
/// The neighbourhood tiles' figures are the same.
#[tokio::test(flavor = "multi_thread")]
async fn figures_made_again_after_a_change_are_those_asked_for_one_by_one() {
    let dirs = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    let refigured = app::liechtenstein_state(Backend::Embedded, dirs.0.path()).await;
    let asked = app::liechtenstein_state(Backend::Embedded, dirs.1.path()).await;
    for (change, before, after) in changes(&refigured).await {
        let moved = (refigured.access).replace_facility(before.as_ref(), after.as_ref());
        (asked.access).replace_facility(before.as_ref(), after.as_ref());
        let categories: Vec<Category> = moved.iter().map(|m| m.category).collect();
        refigured.access.refigure(&categories);
        let (a, b) = (
            refigured.access.neighbourhood_features(),
            asked.access.neighbourhood_features(),
        );
        assert_eq!(a.len(), 11, "{change}: Liechtenstein's municipalities");
        assert_eq!(a, b, "{change}");
        // Unrounded, as the gap reports give them.
        for subject in (categories.iter().map(|c| Subject::One(*c))).chain([Subject::Any]) {
            for minutes in DEFAULT_MINUTES {
                let (a, b) = (
                    refigured.access.report(subject, minutes),
                    asked.access.report(subject, minutes),
                );
                assert_eq!(a, b, "{change}: {subject:?} within {minutes} min");
            }
        }
    }
}
