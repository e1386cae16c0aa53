//! Hearing other processes' writes (commons resources, imported sources):
//! LISTEN on the store's channel (one per schema). Each write notifies from inside its transaction,
//! so a notification means a committed change; this process's own are
//! skipped (it applied them already).

use crate::{SOURCES, backend};
use learnscape_core::StoreResult;
use learnscape_core::commons::ResourceId;
use sqlx::PgPool;
use sqlx::postgres::PgListener;
use std::time::Duration;

/// What another process changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// This resource was written.
    Resource(ResourceId),
    /// Sources were imported, replaced or removed: everything read from
    /// them (places, walk network, basemap, population) may differ.
    Sources,
    /// The connection was lost and is back: notifications may have been
    /// missed, so everything should be read again (sources included, if
    /// they differ).
    Missed,
}

#[derive(Debug)]
pub struct ChangeFeed {
    pool: PgPool,
    /// `None` once the store is closed: the listener's connection is the
    /// pool's, and closing the pool waits until it is given back.
    listener: Option<PgListener>,
    channel: String,
    instance: String,
}

/// How long to wait before listening again after the database went away.
const RETRY: Duration = Duration::from_millis(500);

async fn subscribe(pool: &PgPool, channel: &str) -> Result<PgListener, sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(channel).await?;
    Ok(listener)
}

impl ChangeFeed {
    pub(crate) async fn listen(pool: &PgPool, channel: &str, instance: &str) -> StoreResult<Self> {
        Ok(Self {
            pool: pool.clone(),
            listener: Some(subscribe(pool, channel).await.map_err(backend)?),
            channel: channel.to_string(),
            instance: instance.to_string(),
        })
    }

    /// The next change another process committed; `None` once the store
    /// is closed (the server is stopping). Otherwise never fails: while the
    /// database is away it waits, and says [`Change::Missed`] once back.
    pub async fn next(&mut self) -> Option<Change> {
        loop {
            let listener = self.listener.as_mut()?;
            match listener.try_recv().await {
                Ok(Some(n)) => {
                    let Some((instance, id)) = n.payload().split_once(':') else {
                        continue;
                    };
                    if instance == self.instance {
                        continue;
                    }
                    if id == SOURCES {
                        return Some(Change::Sources);
                    }
                    match id.parse() {
                        Ok(id) => return Some(Change::Resource(ResourceId(id))),
                        Err(_) => tracing::warn!(payload = n.payload(), "unreadable change"),
                    }
                }
                // Lost and already reconnected (eager reconnect): anything
                // sent in between is gone.
                Ok(None) => return Some(Change::Missed),
                Err(sqlx::Error::PoolClosed) => return self.closed(),
                Err(e) => {
                    tracing::warn!(error = %e, "lost the change feed; listening again");
                    loop {
                        tokio::time::sleep(RETRY).await;
                        match subscribe(&self.pool, &self.channel).await {
                            Ok(listener) => {
                                self.listener = Some(listener);
                                return Some(Change::Missed);
                            }
                            Err(sqlx::Error::PoolClosed) => return self.closed(),
                            Err(_) => {}
                        }
                    }
                }
            }
        }
    }

    /// Gives the listener's connection back so that closing the pool can
    /// finish.
    fn closed(&mut self) -> Option<Change> {
        self.listener = None;
        None
    }
}
