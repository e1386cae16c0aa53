//! Which store this process runs on: the embedded file (default) or
//! PostGIS (`--database-url` / `DATABASE_URL`). Everything above works on
//! `dyn Store`; only opening, naming and hearing other processes differ.

use learnscape_core::{Store, StoreResult};
use learnscape_store_embedded::EmbeddedStore;
use learnscape_store_postgis::{ChangeFeed, PostgisStore};
use std::path::Path;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub enum Backend {
    Embedded(Arc<EmbeddedStore>),
    Postgis(Arc<PostgisStore>),
}

impl Backend {
    /// PostGIS when a database URL is given, else the embedded file.
    pub async fn open(file: &Path, database_url: Option<&str>) -> StoreResult<Self> {
        Ok(match database_url {
            Some(url) => Self::Postgis(Arc::new(PostgisStore::open(url).await?)),
            None => Self::Embedded(Arc::new(EmbeddedStore::open(file).await?)),
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
            Self::Postgis(s) => s.url().to_string(),
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

    pub async fn close(&self) {
        match self {
            Self::Embedded(s) => s.close().await,
            Self::Postgis(s) => s.close().await,
        }
    }
}
