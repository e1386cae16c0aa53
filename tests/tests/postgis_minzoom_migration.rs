//! PostGIS migration 0005 gives basemap rows written before it the zoom
//! the importer writes now ([`basemap_minzoom`]): polygons wait for the
//! zoom where they cover a pixel. Its SQL repeats the Rust formula; were
//! they to disagree, a server on PostGIS would draw features its embedded
//! fallback does not.

use learnscape_tests::app::{Backend, Location, import_dataset};
use learnscape_tests::data;
use learnscape_tiles::basemap_minzoom;
use learnscape_tiles::minzoom::class_minzoom;
use sqlx::PgPool;

const MIGRATION: &str =
    include_str!("../../store/postgis/migrations/0005_basemap_minzoom_by_area.sql");

/// Every basemap row's `minzoom`, in the store's reading order.
async fn written(pool: &PgPool) -> Vec<i16> {
    sqlx::query_scalar("SELECT minzoom FROM basemap ORDER BY source COLLATE \"C\", ordinal")
        .fetch_all(pool)
        .await
        .expect("minzoom")
}

#[tokio::test(flavor = "multi_thread")]
async fn migration_0005_gives_older_rows_the_zoom_the_importer_writes() {
    let dir = tempfile::tempdir().expect("dir");
    let location = Location::fresh(Backend::Postgis, dir.path()).await;
    let Location::Database(url) = &location else {
        panic!("PostGIS lives in a database")
    };
    let store = location.open().await;
    import_dataset(store.as_ref(), &data::dataset("liechtenstein")).await;
    let features = store.basemap_features(None).await.expect("basemap");
    let expected: Vec<i16> = features
        .iter()
        .map(|f| i16::from(basemap_minzoom(f)))
        .collect();
    let pool = PgPool::connect(url).await.expect("connect");
    assert_eq!(
        written(&pool).await,
        expected,
        "the importer writes the policy"
    );

    // The rows as an import before the migration wrote them: each at its
    // class's zoom.
    let by_class: Vec<i16> = features
        .iter()
        .map(|f| i16::from(class_minzoom(f)))
        .collect();
    let raised = by_class
        .iter()
        .zip(&expected)
        .filter(|(c, e)| c != e)
        .count();
    assert!(
        raised > 1000,
        "only {raised} of {} features wait past their class's zoom",
        features.len()
    );
    sqlx::query(
        "WITH o AS (SELECT ctid, row_number() OVER (ORDER BY source COLLATE \"C\", ordinal) AS i \
                    FROM basemap) \
         UPDATE basemap b SET minzoom = ($1::int2[])[o.i] FROM o WHERE b.ctid = o.ctid",
    )
    .bind(&by_class)
    .execute(&pool)
    .await
    .expect("reset");
    assert_eq!(written(&pool).await, by_class);

    let changed = sqlx::raw_sql(MIGRATION)
        .execute(&pool)
        .await
        .expect("migration")
        .rows_affected();
    let after = written(&pool).await;
    let disagree: Vec<_> = after
        .iter()
        .zip(&expected)
        .enumerate()
        .filter(|(_, (a, e))| a != e)
        .take(5)
        .collect();
    assert!(disagree.is_empty(), "(row, (SQL, Rust)): {disagree:?}");
    assert_eq!(changed as usize, raised);
}
