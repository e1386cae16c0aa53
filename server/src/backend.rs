//! Which store this process runs on: the embedded file (default) or
//! PostGIS (`--database-url` / `DATABASE_URL`). Everything above works on
//! `dyn Store`; only opening, naming and hearing other processes differ.

use crate::app::AppState;
use crate::app::table_tiles::TableTiles;
use crate::app::tiles::{CLUSTER_BELOW_ZOOM, LayerName};
use async_trait::async_trait;
use learnscape_core::{Store, StoreError, StoreResult, WalkingSpeed};
use learnscape_store_embedded::EmbeddedStore;
use learnscape_store_postgis::{
    ChangeFeed, DEFAULT_SCHEMA, PlacesLayer, PostgisStore, StoreOptions,
};
use learnscape_tiles::TileCoord;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub enum Backend {
    Embedded(Arc<EmbeddedStore>),
    Postgis(Arc<PostgisStore>),
}

impl Backend {
    /// PostGIS when a database URL is given (connected with `options`),
    /// else the embedded file. Either is made where missing when
    /// `options.create_if_missing` says so, and refused otherwise.
    pub async fn open(
        file: &Path,
        database_url: Option<&str>,
        options: &StoreOptions,
    ) -> StoreResult<Self> {
        Ok(match database_url {
            Some(url) => Self::Postgis(Arc::new(PostgisStore::open_with(url, options).await?)),
            None if options.create_if_missing => {
                Self::Embedded(Arc::new(EmbeddedStore::open(file).await?))
            }
            None => Self::Embedded(Arc::new(EmbeddedStore::open_existing(file).await?)),
        })
    }

    pub fn store(&self) -> Arc<dyn Store> {
        match self {
            Self::Embedded(s) => s.clone(),
            Self::Postgis(s) => s.clone(),
        }
    }

    /// Where the data lives, for messages (a URL without its password).
    pub fn describe(&self) -> String {
        match self {
            Self::Embedded(s) => s.path().display().to_string(),
            Self::Postgis(s) if s.schema() == DEFAULT_SCHEMA => s.url().to_string(),
            Self::Postgis(s) => format!("{} (schema {})", s.url(), s.schema()),
        }
    }

    /// Other processes' commons writes; `None` for the embedded store,
    /// which one process owns.
    pub async fn changes(&self) -> StoreResult<Option<ChangeFeed>> {
        match self {
            Self::Embedded(_) => Ok(None),
            Self::Postgis(s) => s.changes().await.map(Some),
        }
    }

    /// The server's state over this store; with PostGIS, basemap, places
    /// and commons tiles are cut by the database.
    pub async fn load_state(&self, speed: WalkingSpeed) -> StoreResult<AppState> {
        let state = AppState::load_walking_at(self.store(), speed).await?;
        Ok(match self {
            Self::Embedded(_) => state,
            Self::Postgis(s) => state.with_table_tiles(Arc::new(PostgisTiles::new(s.clone()))),
        })
    }

    pub async fn close(&self) {
        match self {
            Self::Embedded(s) => s.close().await,
            Self::Postgis(s) => s.close().await,
        }
    }
}

/// PostGIS cuts the table-backed layers: basemap, places, commons. The
/// neighbourhood figures and the access surface are computed in memory.
struct PostgisTiles {
    store: Arc<PostgisStore>,
    /// After the database was found away, tiles skip it until then (each
    /// try waits for the pool's timeout; the map should not).
    away_until: std::sync::Mutex<Option<Instant>>,
}

/// How long tiles skip an unreachable database before trying it again.
const AWAY: Duration = Duration::from_secs(2);

impl PostgisTiles {
    fn new(store: Arc<PostgisStore>) -> Self {
        Self {
            store,
            away_until: std::sync::Mutex::new(None),
        }
    }

    fn away(&self) -> bool {
        let until = *self.away_until.lock().unwrap_or_else(|p| p.into_inner());
        until.is_some_and(|t| Instant::now() < t)
    }
}

#[async_trait]
impl TableTiles for PostgisTiles {
    async fn tile(&self, layer: LayerName, c: TileCoord) -> StoreResult<Option<Vec<u8>>> {
        if self.away() {
            return Err(StoreError::Unavailable(
                "the database was unreachable moments ago".into(),
            ));
        }
        let answer = self.cut(layer, c).await;
        if let Err(StoreError::Unavailable(_)) = &answer {
            *self.away_until.lock().unwrap_or_else(|p| p.into_inner()) =
                Some(Instant::now() + AWAY);
        }
        answer
    }
}

impl PostgisTiles {
    async fn cut(&self, layer: LayerName, c: TileCoord) -> StoreResult<Option<Vec<u8>>> {
        match layer {
            LayerName::Basemap => self.store.basemap_tile(c.z, c.x, c.y).await.map(Some),
            LayerName::Places => {
                let cluster = c.z < CLUSTER_BELOW_ZOOM;
                let layer = PlacesLayer::Places { cluster };
                self.store.places_tile(layer, c.z, c.x, c.y).await.map(Some)
            }
            LayerName::Commons => {
                let layer = PlacesLayer::Commons;
                self.store.places_tile(layer, c.z, c.x, c.y).await.map(Some)
            }
            _ => Ok(None),
        }
    }
}
