//! Tiles of table-backed layers cut by the database (`ST_AsMVT`) when the
//! store is PostGIS, and by our encoder otherwise — or when the database
//! cannot be reached. Either way they share the tile cache, the ETags and
//! the TileJSON of [`super::tiles`].

use super::AppState;
use super::tiles::{EncodedTile, LayerName};
use async_trait::async_trait;
use learnscape_core::{StoreError, StoreResult};
use learnscape_tiles::{TileCoord, TileError};
use std::sync::Arc;

/// A store that cuts some layers' tiles itself.
#[async_trait]
pub trait TableTiles: Send + Sync {
    /// Raw MVT of `layer` at `coord` (empty: nothing there), or `None` when
    /// this store does not cut that layer.
    async fn tile(&self, layer: LayerName, coord: TileCoord) -> StoreResult<Option<Vec<u8>>>;
}

#[derive(Debug, thiserror::Error)]
pub enum TileFailure {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Encode(String),
}

impl From<TileError> for TileFailure {
    fn from(e: TileError) -> Self {
        TileFailure::Encode(e.to_string())
    }
}

/// The tile: from the cache, from the database, or encoded here.
pub async fn tile(
    state: &AppState,
    layer: LayerName,
    coord: TileCoord,
) -> Result<Arc<EncodedTile>, TileFailure> {
    if let Some(hit) = state.tiles.cached(layer, coord) {
        return Ok(hit);
    }
    if let Some(table) = &state.table_tiles {
        match table.tile(layer, coord).await {
            Ok(Some(raw)) => return Ok(state.tiles.keep(layer, coord, raw)?),
            Ok(None) => {}
            // The database is away: the same features are in memory, so
            // the map goes on (our encoder's tiles, equal but for slivers).
            Err(StoreError::Unavailable(e)) => {
                tracing::warn!(error = %e, layer = layer.as_str(), "database away; tile cut from memory");
            }
            Err(e) => return Err(e.into()),
        }
    }
    if layer.is_light() {
        return Ok(state.tiles.tile(layer, coord)?);
    }
    let service = state.tiles.clone();
    tokio::task::spawn_blocking(move || service.tile(layer, coord))
        .await
        .map_err(|e| TileFailure::Encode(format!("tile task failed: {e}")))?
        .map_err(TileFailure::from)
}
