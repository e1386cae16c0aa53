//! `serve --dataset` skips a file the store already holds, but only when
//! an import now would give the same rows: the same bytes, read by the same
//! edition of the importer with the same options, credited and noted the
//! same way.
//! A store from an earlier learnscape (no house numbers) or a dataset whose
//! name field changed is imported again.

use learnscape_core::Store;
use learnscape_importers::{CategoryRules, Dataset, ImportSpec, NoProgress, SpecKind, run_import};
use learnscape_server::app::import::changed_specs;
use learnscape_tests::app::{self, Backend};
use learnscape_tests::{data, on_every_backend};

async fn skipped_when_read_the_same(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let store = app::empty_store(backend, dir.path()).await;
    let specs = Dataset::load(&data::dataset("liechtenstein"))
        .expect("dataset")
        .specs;
    let spec = specs
        .into_iter()
        .find(|s| matches!(s.kind, SpecKind::Neighbourhoods { .. }))
        .expect("a neighbourhoods file");
    let hold = |reader: Option<&str>| {
        let mut imported =
            run_import(&spec, &CategoryRules::default(), &NoProgress).expect("import");
        if let Some(r) = reader {
            imported.source.reader = r.into();
        }
        (imported.source, imported.data)
    };

    store
        .replace_sources(vec![hold(None)])
        .await
        .expect("write");
    assert_eq!(
        decide(store.as_ref(), spec.clone()).await,
        (0, 1),
        "as read now: skipped"
    );

    let mut renamed = spec.clone();
    if let SpecKind::Neighbourhoods { name_field, .. } = &mut renamed.kind {
        *name_field = "name:de".into();
    }
    assert_eq!(
        decide(store.as_ref(), renamed).await,
        (1, 0),
        "another name field"
    );
    let mut credited = spec.clone();
    credited.attribution.push_str(" (revised)");
    assert_eq!(
        decide(store.as_ref(), credited).await,
        (1, 0),
        "another credit"
    );
    let mut noted = spec.clone();
    noted.note.push_str(" Revised.");
    assert_eq!(decide(store.as_ref(), noted).await, (1, 0), "another note");

    // As a store written before sources said what read them.
    store
        .replace_sources(vec![hold(Some(""))])
        .await
        .expect("write");
    assert_eq!(
        decide(store.as_ref(), spec.clone()).await,
        (1, 0),
        "an earlier edition"
    );
    let held = store.sources().await.expect("sources");
    assert_eq!(held[0].reader, "", "the store keeps what it was told");
}

/// How many of `spec` would be imported and how many skipped.
async fn decide(store: &dyn Store, spec: ImportSpec) -> (usize, usize) {
    let (changed, unchanged) = changed_specs(store, vec![spec]).await.expect("compare");
    (changed.len(), unchanged.len())
}

on_every_backend!(skipped_when_read_the_same);
