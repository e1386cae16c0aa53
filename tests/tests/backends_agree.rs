//! Both stores hold the same thing after the same import: every source,
//! place, neighbourhood, population unit, walk node and segment, and basemap
//! feature, read back equal — whole and through a bounding box. The HTTP
//! suites then run on each backend (`on_every_backend!`).

use learnscape_core::{Bbox, DataSource, PlaceFilter, Store};
use learnscape_tests::app::{self, Backend};
use learnscape_tests::data;
use learnscape_tests::snapshot::snapshot;

/// Sources without their import time, which differs between two imports.
async fn sources(store: &dyn Store) -> Vec<DataSource> {
    let mut all = store.sources().await.expect("sources");
    for s in &mut all {
        s.imported_at = chrono::DateTime::UNIX_EPOCH;
    }
    all
}

async fn the_same_import_reads_back_the_same_from_both_stores(dataset: &str) {
    let dir = tempfile::tempdir().expect("dir");
    let path = data::dataset(dataset);
    let embedded = app::dataset_store(Backend::Embedded, dir.path(), &path).await;
    let postgis = app::dataset_store(Backend::Postgis, dir.path(), &path).await;
    let (e, p) = (embedded.as_ref(), postgis.as_ref());

    assert_eq!(sources(e).await, sources(p).await);
    let (mut se, mut sp) = (snapshot(e).await, snapshot(p).await);
    assert!(se.places.contains("Place {"), "{dataset} has places");
    se.sources.clear();
    sp.sources.clear();
    assert_eq!(se, sp, "{dataset}: the stores disagree");
    assert_eq!(
        e.walk_network().await.expect("walk"),
        p.walk_network().await.expect("walk")
    );
    let basemap = e.basemap_features(None).await.expect("basemap");
    assert!(basemap.len() > 1000, "{dataset} has a basemap");
    assert_eq!(basemap, p.basemap_features(None).await.expect("basemap"));

    // Bounding-box reads: the middle ninth of the data's extent.
    let all = basemap
        .iter()
        .filter_map(|f| Bbox::of(&f.geometry))
        .reduce(|a, b| a.union(&b))
        .expect("extent");
    let (w, h) = (all.east - all.west, all.north - all.south);
    let middle = Bbox::new(
        all.west + w / 3.0,
        all.south + h / 3.0,
        all.east - w / 3.0,
        all.north - h / 3.0,
    );
    let inside = e.basemap_features(Some(middle)).await.expect("basemap");
    assert!(!inside.is_empty() && inside.len() < basemap.len());
    assert_eq!(
        inside,
        p.basemap_features(Some(middle)).await.expect("bbox")
    );
    let filter = PlaceFilter {
        bbox: Some(middle),
        ..PlaceFilter::default()
    };
    assert_eq!(
        e.places(&filter).await.expect("places"),
        p.places(&filter).await.expect("places")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn liechtenstein_reads_back_the_same_from_both_stores() {
    the_same_import_reads_back_the_same_from_both_stores("liechtenstein").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn andorra_reads_back_the_same_from_both_stores() {
    the_same_import_reads_back_the_same_from_both_stores("andorra").await;
}
