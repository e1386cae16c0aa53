//! Keeping a server in step with what other processes commit to the same
//! database (PostGIS): a commons write is applied to this process's
//! index, tiles and measures as it commits; an import (or a removed
//! source) replaces the whole state, read again from the store, while the
//! old one keeps answering until the new one is ready.

use crate::app::{AppState, LiveState, commons};
use learnscape_core::StoreResult;
use learnscape_store_postgis::{Change, ChangeFeed};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

/// Reads a whole new state from the store (`Backend::load_state`).
pub type Loader =
    Arc<dyn Fn() -> Pin<Box<dyn Future<Output = StoreResult<AppState>> + Send>> + Send + Sync>;

/// How long to wait before trying again when the store cannot be read.
const RETRY: Duration = Duration::from_secs(1);

/// Applies other processes' changes to `live` as they commit. Runs until
/// the store is closed.
pub async fn follow(live: LiveState, mut feed: ChangeFeed, load: Loader) {
    while let Some(change) = feed.next().await {
        match change {
            Change::Resource(id) => commons::apply_changed(&live.current(), id).await,
            Change::Sources => reload(&live, &load).await,
            Change::Missed => {
                if sources_moved_on(&live.current()).await {
                    reload(&live, &load).await;
                } else {
                    commons::resync(&live.current()).await;
                }
            }
        }
    }
}

/// Whether the store's sources differ from those `state` was loaded from
/// (an import may have committed while the notifications were lost).
async fn sources_moved_on(state: &AppState) -> bool {
    loop {
        match state.store.sources().await {
            Ok(now) => return *now != *state.sources,
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the sources to catch up; retrying");
                tokio::time::sleep(RETRY).await;
            }
        }
    }
}

/// Reads the whole state again and answers from it once it is built.
async fn reload(live: &LiveState, load: &Loader) {
    let old = live.current();
    tracing::info!("imported data changed in the database; reloading");
    let fresh = loop {
        match load().await {
            Ok(state) => break state,
            Err(e) => {
                tracing::warn!(error = %e, "cannot reload the imported data; retrying");
                tokio::time::sleep(RETRY).await;
            }
        }
    };
    fresh.tiles.continue_from(&old.tiles);
    live.replace(fresh.clone());
    tracing::info!(
        seconds = fresh.access.build_seconds,
        "reloaded; answering from the new data"
    );
    // Commons writes committed while the new state was read, or by
    // requests that began before the swap, were applied to the old one
    // (writes are not held up by a reload): read every resource onto the
    // new state, now and once such requests have surely finished.
    commons::resync(&fresh).await;
    let later = fresh.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(30)).await;
        commons::resync(&later).await;
    });
}
