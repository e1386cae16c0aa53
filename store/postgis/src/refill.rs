//! Readying the tables with big indexes for an import's COPY, and indexing
//! them after: an index built over sorted rows costs about a third of one
//! grown row by row, and a table whose rows are all replaced is better
//! emptied at once than deleted row by row.

use crate::backend;
use learnscape_core::{SourceData, StoreResult};
use sqlx::{Postgres, Transaction};

/// How many rows an import writes into each table with big indexes.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Incoming {
    pub places: usize,
    pub population_units: usize,
    pub basemap: usize,
}

impl Incoming {
    pub fn of<'a>(batch: impl IntoIterator<Item = &'a SourceData>) -> Self {
        batch.into_iter().fold(Self::default(), |n, data| Self {
            places: n.places + data.places.len(),
            population_units: n.population_units + data.population_units.len(),
            basemap: n.basemap + data.basemap.len(),
        })
    }
}

/// A table's indexes: which [`Incoming`] count is its, its queries (see
/// [`table_queries!`]) and each index as (drop, create).
struct TableIndexes {
    incoming: fn(&Incoming) -> usize,
    queries: TableQueries,
    indexes: &'static [(&'static str, &'static str)],
}

struct TableQueries {
    /// How many sources other than those replaced (`$1`) have rows here.
    other_sources: &'static str,
    /// The rows of sources other than those replaced (`$2`), counted up
    /// to `$1`.
    staying_rows: &'static str,
    truncate: &'static str,
}

/// A table's [`TableQueries`], written out whole so that each is a
/// literal. `other_sources` walks the table's `source` index from one
/// source to the next, a probe each, instead of reading every row: on a
/// re-import of the only source, reading them all to find none took
/// 74 ms of the merged extract's basemap.
macro_rules! table_queries {
    ($table:literal) => {
        TableQueries {
            other_sources: concat!(
                "WITH RECURSIVE s(source) AS ( \
                     SELECT min(source) FROM ",
                $table,
                " \
                     UNION ALL \
                     SELECT (SELECT min(source) FROM ",
                $table,
                " WHERE source > s.source) FROM s \
                     WHERE s.source IS NOT NULL) \
                 SELECT count(*) FROM s WHERE source IS NOT NULL AND source <> ALL($1)"
            ),
            staying_rows: concat!(
                "SELECT count(*) FROM (SELECT FROM ",
                $table,
                " WHERE source <> ALL($2) LIMIT $1) kept"
            ),
            truncate: concat!("TRUNCATE ", $table),
        }
    };
}

const SPATIAL_INDEXES: &[TableIndexes] = &[
    TableIndexes {
        incoming: |n| n.basemap,
        queries: table_queries!("basemap"),
        indexes: &[
            (
                "DROP INDEX basemap_geom",
                "CREATE INDEX basemap_geom ON basemap USING gist (geom)",
            ),
            (
                "DROP INDEX basemap_geom_z10",
                "CREATE INDEX basemap_geom_z10 ON basemap USING gist (geom) WHERE minzoom <= 10",
            ),
            (
                "DROP INDEX basemap_geom_z12",
                "CREATE INDEX basemap_geom_z12 ON basemap USING gist (geom) WHERE minzoom <= 12",
            ),
            (
                "DROP INDEX basemap_by_source",
                "CREATE INDEX basemap_by_source ON basemap(source)",
            ),
        ],
    },
    TableIndexes {
        incoming: |n| n.places,
        queries: table_queries!("places"),
        indexes: &[(
            "DROP INDEX places_geom",
            "CREATE INDEX places_geom ON places USING gist (geom)",
        )],
    },
    TableIndexes {
        incoming: |n| n.population_units,
        queries: table_queries!("population_units"),
        indexes: &[(
            "DROP INDEX population_units_geom",
            "CREATE INDEX population_units_geom ON population_units USING gist (geom)",
        )],
    },
];

/// Whether to drop a table's indexes before the COPY and build them after
/// rather than have the COPY grow them row by row. Building is about three
/// times cheaper a row (merged extract, 152,441 basemap rows: 0.5 s for
/// the four indexes against 1.4 s of upkeep), and it covers the rows that
/// stay as well as those written: it wins while those staying are fewer
/// than twice those written.
pub fn rebuild_indexes(staying: u64, incoming: u64) -> bool {
    incoming > 0 && staying <= 2 * incoming
}

/// Readies the big tables for the COPY, before the replaced sources are
/// deleted, and returns the indexes to build after it:
/// - a table holding only rows of the replaced sources is truncated: a new
///   empty file instead of each row deleted, left behind as a dead tuple
///   for VACUUM, and indexed again along with the new ones;
/// - a table this import writes most of loses its indexes, to be built
///   anew ([`rebuild_indexes`]).
///
/// First the tables are locked against other writers (not readers) until
/// commit: whether a table holds only the replaced sources is decided on
/// what is committed, and another import's rows must not arrive between
/// the look and the TRUNCATE. Emptying and reindexing then lock the
/// table whole until commit, through the COPY and the index
/// builds (about a second on the merged extract): other processes' tile
/// queries give up on the lock and their tiles are drawn from memory
/// (`connect::Pools`), their other reads wait. Nobody sees the table half
/// done, and a failed import rolls both back with the rest. One exception,
/// as TRUNCATE is not MVCC-safe: a transaction at REPEATABLE READ or above
/// whose snapshot predates the commit sees a truncated table empty
/// (learnscape's own reads are READ COMMITTED and take a fresh snapshot
/// after waiting for the lock).
pub async fn prepare_tables(
    tx: &mut Transaction<'_, Postgres>,
    replaced: &[&str],
    incoming: &Incoming,
) -> StoreResult<Vec<&'static str>> {
    // Readers and tiles go on. The mode conflicts with itself, so one
    // import at a time holds it, and all take it in this order.
    sqlx::query("LOCK TABLE basemap, places, population_units IN SHARE ROW EXCLUSIVE MODE")
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    let mut rebuild = Vec::new();
    for table in SPATIAL_INDEXES {
        let incoming = (table.incoming)(incoming) as u64;
        let others: i64 = sqlx::query_scalar(table.queries.other_sources)
            .bind(replaced)
            .fetch_one(&mut **tx)
            .await
            .map_err(backend)?;
        let staying = if others == 0 {
            sqlx::query(table.queries.truncate)
                .execute(&mut **tx)
                .await
                .map_err(backend)?;
            0
        } else {
            // Counting stops past the limit: a big table next to a small
            // import costs no full scan.
            let limit = i64::try_from(2 * incoming + 1).unwrap_or(i64::MAX);
            sqlx::query_scalar::<_, i64>(table.queries.staying_rows)
                .bind(limit)
                .bind(replaced)
                .fetch_one(&mut **tx)
                .await
                .map_err(backend)?
        };
        if !rebuild_indexes(staying.max(0) as u64, incoming) {
            continue;
        }
        for (drop, create) in table.indexes {
            sqlx::query(*drop)
                .execute(&mut **tx)
                .await
                .map_err(backend)?;
            rebuild.push(*create);
        }
    }
    Ok(rebuild)
}

pub async fn create_indexes(
    tx: &mut Transaction<'_, Postgres>,
    statements: Vec<&'static str>,
) -> StoreResult<()> {
    for statement in statements {
        sqlx::query(statement)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::rebuild_indexes;
    use crate::PostgisStore;
    use learnscape_core::conformance::sample_source;
    use learnscape_core::store::{BasemapStore, PlaceStore, SourceStore};
    use learnscape_core::{DataSource, PlaceFilter, SourceData};
    use sqlx::PgPool;

    #[test]
    fn indexes_are_built_anew_while_fewer_rows_stay_than_twice_those_written() {
        assert!(rebuild_indexes(0, 1));
        assert!(rebuild_indexes(200, 100));
        assert!(!rebuild_indexes(201, 100));
        assert!(!rebuild_indexes(0, 0), "nothing written, nothing to gain");
    }

    /// The basemap's file and each of its indexes by name: a truncated
    /// table has a new file, a rebuilt index a new oid.
    async fn layout(pool: &PgPool) -> (i64, Vec<(String, i64)>) {
        let file: i64 = sqlx::query_scalar("SELECT pg_relation_filenode('basemap')::int8")
            .fetch_one(pool)
            .await
            .expect("filenode");
        let indexes = sqlx::query_as(
            "SELECT indexname::text, quote_ident(indexname)::regclass::oid::int8 \
             FROM pg_indexes WHERE tablename = 'basemap' ORDER BY 1",
        )
        .fetch_all(pool)
        .await
        .expect("indexes");
        (file, indexes)
    }

    /// A sample source with `n` basemap features.
    fn source_with_basemap(id: &str, dx: f64, n: usize) -> (DataSource, SourceData) {
        let (source, mut data) = sample_source(id, dx);
        let first = data.basemap[0].clone();
        data.basemap = vec![first; n];
        (source, data)
    }

    async fn basemap_rows(store: &PostgisStore) -> usize {
        store.basemap_features(None).await.expect("basemap").len()
    }

    /// A store on a new database holding source `id` with `n` features.
    async fn store_holding(id: &str, n: usize) -> (PostgisStore, DataSource, SourceData) {
        let store = PostgisStore::open(&crate::testing::fresh_database().await)
            .await
            .expect("open");
        let (source, data) = source_with_basemap(id, 0.0, n);
        store
            .replace_source(source.clone(), data.clone())
            .await
            .expect("first import");
        (store, source, data)
    }

    #[tokio::test]
    async fn a_table_is_emptied_or_reindexed_only_where_an_import_writes_most_of_it() {
        let (store, big, big_data) = store_holding("big", 20).await;
        let (file, indexes) = layout(&store.pool).await;
        assert_eq!(indexes.len(), 4, "{indexes:?}");

        // One feature next to twenty: the table and its indexes are kept.
        let (small, small_data) = source_with_basemap("small", 1.0, 1);
        store
            .replace_source(small, small_data)
            .await
            .expect("small");
        assert_eq!(layout(&store.pool).await, (file, indexes.clone()));
        assert_eq!(basemap_rows(&store).await, 21);

        // Twenty written where one stays: the indexes are built anew, the
        // other source's row kept.
        store
            .replace_source(big.clone(), big_data)
            .await
            .expect("big again");
        let (same_file, rebuilt) = layout(&store.pool).await;
        assert_eq!(same_file, file);
        assert_eq!(rebuilt.len(), 4);
        assert!(
            rebuilt
                .iter()
                .zip(&indexes)
                .all(|(a, b)| a.0 == b.0 && a.1 != b.1),
            "{rebuilt:?} against {indexes:?}"
        );
        assert_eq!(basemap_rows(&store).await, 21);
        store.close().await;
    }

    /// Another process's import of source `b` whose rows are written
    /// but not yet committed, on its own connection.
    async fn open_import_of_b(url: &str) -> sqlx::PgConnection {
        use sqlx::Connection;
        let mut other = sqlx::PgConnection::connect(url).await.expect("connect");
        for statement in [
            "BEGIN",
            "INSERT INTO sources (id, kind, path, sha256, imported_at, attribution, reader) \
             SELECT 'b', kind, path, sha256, imported_at, attribution, reader FROM sources WHERE id = 'a'",
            "INSERT INTO basemap SELECT 'b', ordinal, kind, residential, class, name, population, \
             minzoom, geom, geom_3857 FROM basemap WHERE source = 'a'",
        ] {
            sqlx::query(statement)
                .execute(&mut other)
                .await
                .expect(statement);
        }
        other
    }

    /// Waits until some session of the database waits for a lock.
    async fn until_one_waits_for_a_lock(pool: &PgPool) {
        for _ in 0..200 {
            let waiting: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM pg_stat_activity \
                 WHERE datname = current_database() AND wait_event_type = 'Lock'",
            )
            .fetch_one(pool)
            .await
            .expect("pg_stat_activity");
            if waiting > 0 {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        panic!("no session waited for a lock within 5 s");
    }

    /// Two processes importing different sources at once: the one that
    /// finds only its own source's rows must not empty the table while
    /// the other's rows are on their way, or they are lost when it
    /// commits. Each import locks the tables it may empty against other
    /// writers before looking.
    #[tokio::test]
    async fn an_import_does_not_empty_a_table_another_import_is_writing_to() {
        let url = crate::testing::fresh_database().await;
        let store = std::sync::Arc::new(PostgisStore::open(&url).await.expect("open"));
        let (a, data) = source_with_basemap("a", 0.0, 5);
        store
            .replace_source(a.clone(), data.clone())
            .await
            .expect("first import");
        let mut other = open_import_of_b(&url).await;

        let importing = tokio::spawn({
            let store = store.clone();
            async move { store.replace_source(a, data).await }
        });
        until_one_waits_for_a_lock(&store.pool).await;
        sqlx::query("COMMIT")
            .execute(&mut other)
            .await
            .expect("commit b");
        importing.await.expect("join").expect("re-import of a");

        let kept: i64 = sqlx::query_scalar("SELECT count(*) FROM basemap WHERE source = 'b'")
            .fetch_one(&store.pool)
            .await
            .expect("count");
        assert_eq!(kept, 5, "b's rows, committed while a was imported");
        assert_eq!(basemap_rows(&store).await, 10);
        store.close().await;
    }

    #[tokio::test]
    async fn replacing_the_only_source_empties_the_table_and_a_failure_undoes_it() {
        let (store, a, data) = store_holding("a", 5).await;
        let before = layout(&store.pool).await;
        let places = store.places(&PlaceFilter::default()).await.expect("places");

        // Two places with one id: the COPY fails after the table was
        // emptied and its indexes dropped; all of it is rolled back.
        let mut broken = data.clone();
        broken.places.push(broken.places[0].clone());
        let failed = store.replace_source(a.clone(), broken).await;
        assert!(failed.is_err(), "{failed:?}");
        assert_eq!(layout(&store.pool).await, before);
        assert_eq!(basemap_rows(&store).await, 5);
        assert_eq!(
            store.places(&PlaceFilter::default()).await.expect("places"),
            places
        );

        let (_, smaller) = source_with_basemap("a", 0.0, 3);
        store.replace_source(a, smaller).await.expect("again");
        let (file, indexes) = layout(&store.pool).await;
        assert_ne!(file, before.0, "a new file, no dead rows");
        assert_eq!(indexes.len(), 4, "{indexes:?}");
        assert_eq!(basemap_rows(&store).await, 3);
        store.close().await;
    }
}
