//! The embedded store passes the store conformance suite, on a fresh file
//! for every check.

use learnscape_store_embedded::EmbeddedStore;

async fn fresh() -> EmbeddedStore {
    let dir = tempfile::tempdir().expect("temp dir");
    // Keep the directory for the test's lifetime: leak it (the OS cleans /tmp).
    let path = dir.keep().join("store.db");
    EmbeddedStore::open(&path).await.expect("open store")
}

learnscape_core::store_conformance_tests!(fresh());
