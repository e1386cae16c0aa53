//! Rate-limit counting in the database, so every process sharing it counts
//! against one limit (migration 0004).

use crate::backend;
use learnscape_core::store::{Attempts, StoreResult};
use sqlx::PgPool;

/// Windows that ended this long ago are deleted now and then.
const KEEP_SECS: f64 = 86_400.0;

/// Counts one attempt at `key` in the current epoch-aligned window.
pub async fn count(pool: &PgPool, key: &str, window_secs: u32) -> StoreResult<Attempts> {
    let window = f64::from(window_secs.max(1));
    // One statement, so concurrent attempts from any process serialise on
    // the row: none is lost and none counted twice.
    let (count, resets_in): (i32, f64) = sqlx::query_as(
        "WITH now AS (SELECT extract(epoch FROM clock_timestamp())::float8 AS t)
         INSERT INTO rate_attempts AS r (key, window_start, count)
         SELECT $1, to_timestamp(floor(t / $2) * $2), 1 FROM now
         ON CONFLICT (key, window_start) DO UPDATE SET count = r.count + 1
         RETURNING r.count, extract(epoch FROM r.window_start)::float8 + $2 - (SELECT t FROM now)",
    )
    .bind(key)
    .bind(window)
    .fetch_one(pool)
    .await
    .map_err(backend)?;
    if count == 1 && rand::random::<u8>() == 0 {
        // About one new window in 256 sweeps out old ones.
        sqlx::query(
            "DELETE FROM rate_attempts WHERE window_start < now() - make_interval(secs => $1)",
        )
        .bind(KEEP_SECS)
        .execute(pool)
        .await
        .map_err(backend)?;
    }
    Ok(Attempts {
        count: u32::try_from(count).unwrap_or(u32::MAX),
        resets_in: resets_in.ceil().max(1.0) as u64,
    })
}

#[cfg(test)]
mod tests {
    use crate::PostgisStore;
    use crate::testing::fresh_database;
    use learnscape_core::store::CommonsStore;
    use std::sync::Arc;

    #[tokio::test]
    async fn two_processes_count_against_one_limit() {
        let url = fresh_database().await;
        // Two stores, two pools: as two server processes would hold.
        let (a, b) = (
            Arc::new(PostgisStore::open(&url).await.expect("open")),
            Arc::new(PostgisStore::open(&url).await.expect("open")),
        );
        let mut counts = Vec::new();
        for store in [&a, &b, &a, &b] {
            let n = store
                .count_attempt("k", 3600)
                .await
                .expect("counts")
                .expect("shared");
            assert!((1..=3600).contains(&n.resets_in), "{n:?}");
            counts.push(n.count);
        }
        assert_eq!(counts, [1, 2, 3, 4]);
        let other = b
            .count_attempt("other", 3600)
            .await
            .expect("counts")
            .expect("shared");
        assert_eq!(other.count, 1);
        // Concurrent attempts are each counted once.
        let mut burst = tokio::task::JoinSet::new();
        for i in 0..20 {
            let s = Arc::clone(if i % 2 == 0 { &a } else { &b });
            burst.spawn(async move { s.count_attempt("burst", 3600).await });
        }
        let mut seen: Vec<u32> = burst
            .join_all()
            .await
            .into_iter()
            .map(|r| r.expect("counts").expect("shared").count)
            .collect();
        seen.sort_unstable();
        assert_eq!(seen, (1..=20).collect::<Vec<_>>());
    }
}
