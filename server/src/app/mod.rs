//! Application services: each runs one use case against the store. The CLI
//! and the HTTP handlers call these and only render what they return.

pub mod access;
pub mod import;
pub mod places;
pub mod summary;
pub mod surface;
pub mod tiles;

use learnscape_core::Store;
use std::sync::Arc;

/// What every request and command shares.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub access: Arc<access::AccessSnapshot>,
    pub tiles: Arc<tiles::TileService>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").finish_non_exhaustive()
    }
}

impl AppState {
    pub fn new(
        store: Arc<dyn Store>,
        access: Arc<access::AccessSnapshot>,
        tiles: Arc<tiles::TileService>,
    ) -> Self {
        Self {
            store,
            access,
            tiles,
        }
    }

    /// Loads the store's data into the access engine and precomputes every
    /// category × default threshold.
    pub async fn load(store: Arc<dyn Store>) -> learnscape_core::StoreResult<Self> {
        let snapshot =
            Arc::new(access::AccessSnapshot::load(store.as_ref(), Default::default()).await?);
        let warm = snapshot.clone();
        tokio::task::spawn_blocking(move || warm.precompute())
            .await
            .map_err(|e| learnscape_core::StoreError::Backend(format!("precompute failed: {e}")))?;
        let surface_from = snapshot.clone();
        let surface = tokio::task::spawn_blocking(move || {
            surface::AccessSurface::new(&surface_from, &surface_from.vertex_positions())
        })
        .await
        .map_err(|e| learnscape_core::StoreError::Backend(format!("surface failed: {e}")))?;
        let tiles = Arc::new(
            tiles::TileService::load(
                store.as_ref(),
                snapshot.attribution().to_string(),
                snapshot.neighbourhood_features(),
                surface,
            )
            .await?,
        );
        Ok(Self::new(store, snapshot, tiles))
    }
}
