//! What only a durable store can show: data survives closing and reopening,
//! and the place index is rebuilt from the file.

use learnscape_core::conformance::sample_source;
use learnscape_core::store::SourceStore;
use learnscape_core::{PlaceFilter, Store};
use learnscape_store_embedded::EmbeddedStore;

async fn snapshot(store: &dyn Store) -> String {
    let sources = store.sources().await.expect("sources");
    let places = store.places(&PlaceFilter::default()).await.expect("places");
    let hoods = store.neighbourhoods().await.expect("neighbourhoods");
    let units = store.population_units().await.expect("units");
    let walk = store.walk_network().await.expect("walk");
    let basemap = store.basemap_features(None).await.expect("basemap");
    format!("{sources:?}\n{places:?}\n{hoods:?}\n{units:?}\n{walk:?}\n{basemap:?}")
}

#[tokio::test]
async fn everything_survives_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("nested/store.db");
    let store = EmbeddedStore::open(&path).await.expect("open");
    let (a, a_data) = sample_source("alpha", 0.0);
    let (b, b_data) = sample_source("beta", 0.5);
    store.replace_source(a, a_data).await.expect("import a");
    store.replace_source(b, b_data).await.expect("import b");
    let before = snapshot(&store).await;
    store.close().await;
    drop(store);

    let reopened = EmbeddedStore::open(&path).await.expect("reopen");
    let after = snapshot(&reopened).await;
    assert_eq!(before, after);
    assert_eq!(reopened.sources().await.expect("sources").len(), 2);
}

/// A reader given a path with no store (a typo, the wrong directory)
/// says so and makes nothing there; once an import made it, it opens.
#[tokio::test]
async fn a_reader_refuses_a_missing_store_file_and_makes_none() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("typo").join("city.db");
    match EmbeddedStore::open_existing(&path).await {
        Err(learnscape_core::StoreError::Unavailable(message)) => {
            assert!(
                message.contains("city.db does not exist") && message.contains("--store"),
                "{message}"
            );
        }
        other => panic!("opened or failed otherwise: {other:?}"),
    }
    assert!(!dir.path().join("typo").exists(), "nothing made");

    EmbeddedStore::open(&path)
        .await
        .expect("made")
        .close()
        .await;
    let store = EmbeddedStore::open_existing(&path).await.expect("opens");
    assert!(store.sources().await.expect("sources").is_empty());
    store.close().await;
}
