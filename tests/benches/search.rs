//! Search benchmark: what `/api/v1/search` does for a text a resident
//! types (the gazetteer and the store's learning spaces, as the handler
//! calls it, without HTTP), on Liechtenstein, Helsinki and the merged
//! file, each text against the same run's plain scan of every name for
//! it: the least any search by part of a name must do. Given
//! `LEARNSCAPE_TEST_DATABASE_URL`, the merged file on PostGIS too. Search answers
//! as the resident types, so the texts are a keystroke's. Prints a table;
//! asserts nothing (speed is measured, not asserted).
//!
//! `cargo bench -p learnscape-tests --bench search`

use learnscape_core::text::search_key;
use learnscape_core::{BasemapKind, LonLat, Store};
use learnscape_server::app::AppState;
use learnscape_server::app::search::search;
use learnscape_tests::app::{Backend, dataset_store, extract_store};
use learnscape_tests::data;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// The database PostGIS cases run on, as the tests take it.
const POSTGIS: &str = "LEARNSCAPE_TEST_DATABASE_URL";
/// Timed answers per text, after as many untimed ones.
const RUNS: usize = 60;
const LIMIT: usize = 10;

/// What a case's store holds.
enum Data {
    /// A shipped dataset description, by name.
    Dataset(&'static str),
    /// An extract alone: no neighbourhoods, so towns are place labels.
    Extract(fn() -> PathBuf),
}

struct Case {
    name: &'static str,
    data: Data,
    backend: Backend,
    texts: &'static [Text],
}

/// What is typed, what kind of text it is, and where the searcher is
/// looking (lon, lat), if the text is timed with a point: the map's
/// search passes one, which orders equal matches nearest first.
type Text = (&'static str, &'static str, Option<(f64, f64)>);

/// A point in Schaan, for the texts timed where a searcher looks.
const SCHAAN: Option<(f64, f64)> = Some((9.51, 47.165));

/// Texts of each kind search reads, in each place's own streets and towns.
const LIECHTENSTEIN: &[Text] = &[
    ("La", "two letters", None),
    ("Landstrasse", "one word", None),
    ("Landstrasse", "one word, near Schaan", SCHAAN),
    ("Landstrasse Triesen", "street and town", None),
    ("Vaduz, Landstrasse", "town, street", None),
    ("Bibliothek Vaduz", "name and town", None),
    ("park", "kind of place", None),
    ("park", "kind of place, near Schaan", SCHAAN),
    ("park Vaduz", "kind and town", None),
    ("Städtle 35, 9490 Vaduz", "address as on a letter", None),
    ("Hauptstr. 5", "abbreviated", None),
    ("Landstrase", "misspelt", None),
    ("Vorarlbergerstrasse", "words joined", None),
    ("Landes Bibliothek", "a place's words apart", None),
    ("St. Florinsgasse", "St. for Sankt", None),
    (
        "Kindergarten Sankt Wolfgang",
        "a place's St. spelt out",
        None,
    ),
    ("Sankt", "St. spelt out, alone", None),
    ("9490", "postcode", None),
    ("a b c d e f g h", "8 words", None),
];
const HELSINKI: &[Text] = &[
    ("Ma", "two letters", None),
    ("Mannerheimintie", "one word", None),
    ("Mannerheimintie Helsinki", "street and town", None),
    ("Kluuvi, Fabianinkatu", "district, street", None),
    ("library", "kind of place", None),
    (
        "Fabianinkatu 37, 00130 Helsinki",
        "address as on a letter",
        None,
    ),
    ("Mannerheimint. 5", "abbreviated", None),
    ("Manerheimintie", "misspelt", None),
    ("Fabiansgatan 37, Helsingfors", "other names", None),
    ("Nationalbiblioteket", "a place's other name", None),
    ("Fabia", "a street by either name", None),
    ("00130", "postcode", None),
    ("a b c d e f g h", "8 words", None),
];

async fn store_of(case: &Case, dir: &Path) -> Arc<dyn Store> {
    match case.data {
        Data::Dataset(name) => dataset_store(case.backend, dir, &data::dataset(name)).await,
        Data::Extract(path) => extract_store(case.backend, dir, &path()).await,
    }
}

fn median_and_p90(mut us: Vec<f64>) -> (f64, f64) {
    us.sort_by(f64::total_cmp);
    let at = |q: f64| us[((us.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.9))
}

/// Microseconds of each of [`RUNS`] calls of `f`, after as many untimed,
/// and what the last one found.
async fn timed<T, F: AsyncFnMut() -> T>(mut f: F) -> (Vec<f64>, T) {
    let mut found = black_box(f().await);
    for _ in 1..RUNS {
        found = black_box(f().await);
    }
    let mut us = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        black_box(f().await);
        us.push(started.elapsed().as_secs_f64() * 1e6);
    }
    (us, found)
}

/// Every name search could find by part of it, folded as search folds
/// them: place labels, roads, house numbers with their street, postcodes.
async fn every_name(store: &dyn Store) -> Vec<String> {
    let basemap = store.basemap_features(None).await.expect("basemap");
    // A postcode's name is its town; search finds it by the code, its class.
    basemap
        .iter()
        .filter_map(|f| match f.kind {
            BasemapKind::PlaceLabel | BasemapKind::Road | BasemapKind::Address => f.name.as_deref(),
            BasemapKind::Postcode => Some(f.class.as_str()),
            _ => None,
        })
        .map(search_key)
        .collect()
}

fn main() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let mut cases = vec![
        Case {
            name: "Liechtenstein",
            data: Data::Dataset("liechtenstein"),
            backend: Backend::Embedded,
            texts: LIECHTENSTEIN,
        },
        Case {
            name: "Helsinki",
            data: Data::Dataset("helsinki"),
            backend: Backend::Embedded,
            texts: HELSINKI,
        },
        Case {
            name: "merged 14.5 MB",
            data: Data::Extract(data::merged_pbf),
            backend: Backend::Embedded,
            texts: LIECHTENSTEIN,
        },
    ];
    // With PostGIS, each text also asks the database for the learning
    // spaces whose name contains it.
    if std::env::var_os(POSTGIS).is_some() {
        cases.push(Case {
            name: "merged 14.5 MB, PostGIS",
            data: Data::Extract(data::merged_pbf),
            backend: Backend::Postgis,
            texts: LIECHTENSTEIN,
        });
    } else {
        eprintln!(
            "{POSTGIS} is not set: PostGIS left out (export {POSTGIS}=$(scripts/start-postgis))"
        );
    }
    println!(
        "| data | names | streets | text | kind | hits | first | search µs (median, p90) | plain scan µs | ratio |"
    );
    println!("|---|---:|---:|---|---|---:|---|---:|---:|---:|");
    for case in cases {
        runtime.block_on(async {
            let dir = tempfile::tempdir().expect("temp dir");
            let store = store_of(&case, dir.path()).await;
            let names = every_name(store.as_ref()).await;
            let state = AppState::load(store).await.expect("load");
            let (_, streets, _, _, _) = state.gazetteer.sizes();
            for &(text, kind, near) in case.texts {
                let near = near.map(|(lon, lat)| LonLat::new(lon, lat));
                let (us, found) =
                    timed(async || search(&state, text, LIMIT, near).await.expect("search")).await;
                let hits = found.hits;
                let first = hits.first().map_or("–".to_string(), |h| {
                    let name = (h.name.as_deref()).or(h.near_street.as_deref()).unwrap_or_default();
                    let at = h.locality.as_deref().map_or(String::new(), |l| format!(", {l}"));
                    format!("{} {name}{at}", h.kind)
                });
                let (scan_us, _) = timed(async || {
                    let q = search_key(text);
                    names.iter().filter(|n| n.contains(q.as_str())).count()
                })
                .await;
                let (median, p90) = median_and_p90(us);
                let (scan, _) = median_and_p90(scan_us);
                println!(
                    "| {} | {} | {streets} | `{text}` | {kind} | {} | {first} | {median:.0}, {p90:.0} | {scan:.0} | {:.1}× |",
                    case.name,
                    names.len(),
                    hits.len(),
                    median / scan
                );
            }
        });
    }
}
