//! Basemap tiles cut by PostGIS: `ST_AsMVTGeom` clips, snaps to the tile
//! grid and drops what collapses; `ST_AsMVT` encodes. Same layer name,
//! properties, extent, buffer and per-zoom selection (`minzoom`) as the
//! embedded encoder, so a client cannot tell which store it talks to.

use crate::backend;
use learnscape_core::StoreResult;
use learnscape_tiles::{BUFFER, EXTENT};
use sqlx::PgPool;

/// Raw MVT of the `basemap` layer at z/x/y; empty when nothing is there.
pub async fn basemap(pool: &PgPool, z: u8, x: u32, y: u32) -> StoreResult<Vec<u8>> {
    let tile: Option<Vec<u8>> = sqlx::query_scalar(
        "WITH b AS (SELECT ST_TileEnvelope($1, $2, $3) AS env, \
                           ST_TileEnvelope($1, $2, $3, margin => $5::float8 / $4) AS search) \
         SELECT ST_AsMVT(t.*, 'basemap', $4, 'geom') FROM ( \
             SELECT kind, class, name, \
                    CASE WHEN kind = 'building' THEN residential END AS residential, \
                    trunc(population)::bigint AS population, \
                    ST_AsMVTGeom(geom_3857, b.env, $4, $5, true) AS geom \
             FROM basemap, b \
             WHERE geom_3857 && b.search AND minzoom <= $1 \
             ORDER BY source, ordinal \
         ) t WHERE t.geom IS NOT NULL",
    )
    .bind(i32::from(z))
    .bind(x as i32)
    .bind(y as i32)
    .bind(EXTENT as i32)
    .bind(BUFFER as i32)
    .fetch_one(pool)
    .await
    .map_err(backend)?;
    Ok(tile.unwrap_or_default())
}
