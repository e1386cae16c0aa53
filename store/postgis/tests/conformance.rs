//! The PostGIS store passes the store conformance suite, each check on a
//! new database of the PostgreSQL named by LEARNSCAPE_TEST_DATABASE_URL.

use learnscape_store_postgis::PostgisStore;
use learnscape_store_postgis::testing::fresh_database;

async fn fresh() -> PostgisStore {
    PostgisStore::open(&fresh_database().await)
        .await
        .expect("open store")
}

learnscape_core::store_conformance_tests!(fresh());
