//! The embedded store: one SQLite file (WAL, synchronous=FULL) as durable
//! truth, with places also held in memory behind an R-tree.
//!
//! A re-import deletes and inserts a source's rows in one transaction:
//! SQLite's journal guarantees that a crash or SIGKILL at any point leaves
//! the previous data, and a failed import rolls back.

mod basemap_codec;
mod codec;
mod commons;
mod invitations;
mod password_resets;
mod place_index;
mod rows;

use async_trait::async_trait;
use learnscape_core::store::{
    BasemapStore, NeighbourhoodStore, PlaceStore, PopulationStore, SourceStore, StoreError,
    StoreResult, WalkNetworkStore, check_distinct_sources,
};
use learnscape_core::{
    BasemapFeature, Bbox, DataSource, Neighbourhood, Place, PlaceFilter, PlaceId, PopulationUnit,
    SourceData, SourceId, WalkNetwork,
};
use place_index::PlaceIndex;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::Duration;

#[derive(Debug)]
pub struct EmbeddedStore {
    path: PathBuf,
    pool: SqlitePool,
    places: RwLock<PlaceIndex>,
}

pub(crate) fn backend(e: sqlx::Error) -> StoreError {
    match e {
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
            StoreError::Unavailable(e.to_string())
        }
        other => StoreError::Backend(other.to_string()),
    }
}

impl EmbeddedStore {
    /// Opens (creating if needed) the store file at `path`, applies
    /// migrations and loads the place index.
    pub async fn open(path: &Path) -> StoreResult<Self> {
        Self::open_at(path, true).await
    }

    /// [`open`](Self::open), but a missing file is refused and not made:
    /// a command that only reads was most likely given the wrong path.
    pub async fn open_existing(path: &Path) -> StoreResult<Self> {
        if !path.exists() {
            return Err(StoreError::Unavailable(format!(
                "{} does not exist: `learnscape import` makes a store there, \
                 --store names another",
                path.display()
            )));
        }
        Self::open_at(path, false).await
    }

    async fn open_at(path: &Path, create: bool) -> StoreResult<Self> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| {
                StoreError::Unavailable(format!("cannot create {}: {e}", parent.display()))
            })?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(create)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|e| {
                StoreError::Unavailable(format!("cannot open store {}: {e}", path.display()))
            })?;
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .map_err(|e| {
                StoreError::Backend(format!("cannot migrate store {}: {e}", path.display()))
            })?;
        let store = Self {
            path: path.to_path_buf(),
            pool,
            places: RwLock::new(PlaceIndex::default()),
        };
        store.reload_places().await?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    async fn reload_places(&self) -> StoreResult<()> {
        let places = rows::load_places(&self.pool).await?;
        let index = PlaceIndex::new(places);
        *self
            .places
            .write()
            .map_err(|_| StoreError::Backend("place index lock poisoned".into()))? = index;
        Ok(())
    }

    fn with_places<T>(&self, f: impl FnOnce(&PlaceIndex) -> T) -> StoreResult<T> {
        let guard = self
            .places
            .read()
            .map_err(|_| StoreError::Backend("place index lock poisoned".into()))?;
        Ok(f(&guard))
    }

    /// Closes the pool, checkpointing the WAL into the main file.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

#[async_trait]
impl SourceStore for EmbeddedStore {
    async fn replace_sources(&self, batch: Vec<(DataSource, SourceData)>) -> StoreResult<()> {
        check_distinct_sources(&batch)?;
        let mut tx = self.pool.begin().await.map_err(backend)?;
        for (source, data) in &batch {
            rows::delete_source(&mut tx, &source.id).await?;
            rows::insert_source(&mut tx, source, data).await?;
        }
        // Dropping `tx` on an error above rolls back; only this commits.
        tx.commit().await.map_err(backend)?;
        self.reload_places().await
    }

    async fn sources(&self) -> StoreResult<Vec<DataSource>> {
        rows::load_sources(&self.pool).await
    }

    async fn remove_source(&self, id: &SourceId) -> StoreResult<()> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let removed = rows::delete_source(&mut tx, id).await?;
        if !removed {
            return Err(StoreError::NotFound {
                what: format!("source {id}"),
            });
        }
        tx.commit().await.map_err(backend)?;
        self.reload_places().await
    }
}

#[async_trait]
impl PlaceStore for EmbeddedStore {
    async fn places(&self, filter: &PlaceFilter) -> StoreResult<Vec<Place>> {
        self.with_places(|index| index.query(filter))
    }

    async fn place(&self, id: &PlaceId) -> StoreResult<Place> {
        self.with_places(|index| index.get(id).cloned())?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("place {id}"),
            })
    }
}

#[async_trait]
impl NeighbourhoodStore for EmbeddedStore {
    async fn neighbourhoods(&self) -> StoreResult<Vec<Neighbourhood>> {
        rows::load_neighbourhoods(&self.pool).await
    }
}

#[async_trait]
impl PopulationStore for EmbeddedStore {
    async fn population_units(&self) -> StoreResult<Vec<PopulationUnit>> {
        rows::load_population_units(&self.pool).await
    }
}

#[async_trait]
impl WalkNetworkStore for EmbeddedStore {
    async fn walk_network(&self) -> StoreResult<WalkNetwork> {
        rows::load_walk_network(&self.pool).await
    }
}

#[async_trait]
impl BasemapStore for EmbeddedStore {
    async fn basemap_features(&self, bbox: Option<Bbox>) -> StoreResult<Vec<BasemapFeature>> {
        rows::load_basemap(&self.pool, bbox).await
    }
}

pub(crate) use backend as sqlx_error;
