//! A bad file gives an error naming the file (and the feature or line) and
//! leaves the store exactly as it was — even when other files of the same
//! import were good.

use learnscape_core::{SourceId, Store};
use learnscape_importers::csv_table::CsvColumns;
use learnscape_importers::tables::{CategoryChoice, FacilityFields};
use learnscape_importers::{ImportSpec, NoProgress, Progress, SpecKind};
use learnscape_server::app::import::{ProgressFactory, import};
use learnscape_server::exit::Failure;
use learnscape_tests::app::{Backend, osm_spec};
use learnscape_tests::snapshot::{Snapshot, snapshot};
use learnscape_tests::{app, data};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn no_progress() -> ProgressFactory {
    Arc::new(|| Box::new(NoProgress) as Box<dyn Progress + Send>)
}

/// A store holding the Liechtenstein dataset, and its snapshot.
async fn liechtenstein_store(backend: Backend, dir: &Path) -> (Arc<dyn Store>, Snapshot) {
    let store = app::liechtenstein_store(backend, dir).await;
    let before = snapshot(store.as_ref()).await;
    assert!(
        before.places.contains("Landesbibliothek"),
        "the store holds data to lose"
    );
    (store, before)
}

fn neighbourhood_spec(path: &Path) -> ImportSpec {
    ImportSpec {
        path: path.to_path_buf(),
        // The same source as the good data: a failed replace must keep it.
        source: SourceId("li-municipalities".into()),
        attribution: String::new(),
        data_as_of: None,
        note: String::new(),
        kind: SpecKind::Neighbourhoods {
            name_field: "name".into(),
            population_field: None,
            title_case: false,
        },
    }
}

/// Runs a failing import and returns its message after checking that the
/// store is unchanged.
async fn fails_cleanly(store: &dyn Store, before: &Snapshot, specs: Vec<ImportSpec>) -> String {
    let mut wrote = false;
    let result = import(store, specs, no_progress(), |_| wrote = true).await;
    let message = match result {
        Err(Failure::Import(e)) => e.to_string(),
        other => panic!("expected an import error, got {other:?}"),
    };
    assert!(!wrote, "nothing may be written when a file is bad");
    assert_eq!(
        &snapshot(store).await,
        before,
        "store changed after: {message}"
    );
    message
}

async fn a_truncated_pbf_is_an_error_and_changes_nothing(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let (store, before) = liechtenstein_store(backend, dir.path()).await;
    let bytes = std::fs::read(data::liechtenstein_pbf()).expect("read");
    // Cut in the middle of a blob (a cut exactly at a blob boundary is a
    // valid, shorter file as far as the format can tell).
    let truncated = dir.path().join("truncated.osm.pbf");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2 + 123]).expect("write");
    let message = fails_cleanly(
        store.as_ref(),
        &before,
        vec![osm_spec(&truncated, "osm-liechtenstein")],
    )
    .await;
    assert!(message.contains("truncated.osm.pbf"), "{message}");
}

async fn a_random_bytes_pbf_is_an_error_and_changes_nothing(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let (store, before) = liechtenstein_store(backend, dir.path()).await;
    // A fixed pseudo-random sequence (xorshift) so failures reproduce.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let noise: Vec<u8> = (0..200_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect();
    let random = dir.path().join("random.osm.pbf");
    std::fs::write(&random, noise).expect("write");
    let message = fails_cleanly(
        store.as_ref(),
        &before,
        vec![osm_spec(&random, "osm-liechtenstein")],
    )
    .await;
    assert!(message.contains("random.osm.pbf"), "{message}");
}

fn invalid_geojson() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in std::fs::read_dir(data::geojson_conformance("invalid")).expect("fixtures") {
        for file in std::fs::read_dir(dir.expect("entry").path()).expect("fixtures") {
            files.push(file.expect("entry").path());
        }
    }
    files.sort();
    files
}

async fn each_invalid_geojson_is_an_error_naming_file_and_feature_and_changes_nothing(
    backend: Backend,
) {
    let dir = tempfile::tempdir().expect("dir");
    let (store, before) = liechtenstein_store(backend, dir.path()).await;
    let files = invalid_geojson();
    assert_eq!(files.len(), 36);
    for file in files {
        let message = fails_cleanly(store.as_ref(), &before, vec![neighbourhood_spec(&file)]).await;
        assert!(message.contains(&file.display().to_string()), "{message}");
        let root: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("json");
        if root["type"] == "Feature" {
            assert!(message.contains("feature 0"), "{message}");
        }
    }
}

async fn a_csv_with_a_bad_row_names_the_line_and_changes_nothing(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let (store, before) = liechtenstein_store(backend, dir.path()).await;
    let spec = ImportSpec {
        path: data::fixture("facilities/bad-row.csv"),
        source: SourceId("vaduz-spots".into()),
        attribution: String::new(),
        data_as_of: None,
        note: String::new(),
        kind: SpecKind::Facilities {
            fields: FacilityFields {
                category: CategoryChoice::Field("category".into()),
                name: "name".into(),
                capacity: None,
                description: None,
            },
            csv: CsvColumns::default(),
        },
    };
    let message = fails_cleanly(store.as_ref(), &before, vec![spec]).await;
    assert!(message.contains("bad-row.csv"), "{message}");
    assert!(message.contains("line 4"), "{message}");
}

async fn one_bad_file_keeps_the_good_files_of_the_same_import_out(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let (store, before) = liechtenstein_store(backend, dir.path()).await;
    let bad = data::geojson_conformance("invalid").join("polygon/1d.json");
    let message = fails_cleanly(
        store.as_ref(),
        &before,
        vec![
            osm_spec(&data::helsinki_pbf(), "osm-helsinki"),
            neighbourhood_spec(&bad),
        ],
    )
    .await;
    assert!(message.contains("1d.json"), "{message}");
}

learnscape_tests::on_every_backend!(
    a_truncated_pbf_is_an_error_and_changes_nothing,
    a_random_bytes_pbf_is_an_error_and_changes_nothing,
    each_invalid_geojson_is_an_error_naming_file_and_feature_and_changes_nothing,
    a_csv_with_a_bad_row_names_the_line_and_changes_nothing,
    one_bad_file_keeps_the_good_files_of_the_same_import_out,
);
