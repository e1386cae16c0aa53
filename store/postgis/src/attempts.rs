//! Rate-limit counting in the database, so every process sharing it counts
//! against one limit (migration 0004).

use crate::backend;
use learnscape_core::store::{Attempts, StoreResult};
use sqlx::PgPool;

/// Keys whose window opened this long ago are deleted now and then.
const KEEP_SECS: f64 = 86_400.0;

/// Counts one attempt at `key` in its window, which opens at the key's
/// first attempt and, once `window_secs` have passed, at the next one.
pub async fn count(pool: &PgPool, key: &str, window_secs: u32) -> StoreResult<Attempts> {
    let window = f64::from(window_secs.max(1));
    // One statement, so concurrent attempts from any process serialise on
    // the row: none is lost and none counted twice. `now()` is this
    // statement's time (it runs in a transaction of its own).
    let (count, resets_in): (i32, f64) = sqlx::query_as(
        "INSERT INTO rate_attempts AS r (key, window_start, count) VALUES ($1, now(), 1)
         ON CONFLICT (key) DO UPDATE SET
             window_start = CASE WHEN r.window_start <= now() - make_interval(secs => $2)
                                 THEN now() ELSE r.window_start END,
             count = CASE WHEN r.window_start <= now() - make_interval(secs => $2)
                          THEN 1 ELSE r.count + 1 END
         RETURNING r.count, extract(epoch FROM r.window_start - now())::float8 + $2",
    )
    .bind(key)
    .bind(window)
    .fetch_one(pool)
    .await
    .map_err(backend)?;
    if count == 1 && rand::random::<u8>() == 0 {
        // About one new window in 256 sweeps out keys long idle.
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
    use learnscape_core::store::{Attempts, CommonsStore};
    use std::sync::Arc;

    /// One attempt at `key` through `store`, which must share its counts.
    async fn attempt(store: &PostgisStore, key: &str, window_secs: u32) -> Attempts {
        store
            .count_attempt(key, window_secs)
            .await
            .expect("counts")
            .expect("shared")
    }

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
            let n = attempt(store, "k", 3600).await;
            assert!((1..=3600).contains(&n.resets_in), "{n:?}");
            counts.push(n.count);
        }
        assert_eq!(counts, [1, 2, 3, 4]);
        let other = attempt(&b, "other", 3600).await;
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
        // A window opens at a key's first attempt and again once it ends.
        assert_eq!(attempt(&a, "short", 1).await.count, 1);
        assert_eq!(attempt(&a, "short", 1).await.count, 2);
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        let fresh = attempt(&b, "short", 1).await;
        assert_eq!((fresh.count, fresh.resets_in), (1, 1));
    }
}
