//! Tiles cut by PostGIS and encoded by `ST_AsMVT`, with the same layer
//! name, properties, extent, buffer and per-zoom selection (`minzoom`) as
//! the embedded encoder, so a client cannot tell which store it talks to.
//!
//! `ST_AsMVTGeom` makes every polygon valid by rebuilding it through
//! wagyu, which was most of a z10 tile's time. The commonest case
//! cannot need it: a polygon of one ring wholly inside the buffered tile
//! needs no clipping (tested against a box one unit inside the buffer, as
//! bounding boxes are single precision and snapping rounds), and once
//! moved into tile units, snapped to the integer grid and simplified to
//! one unit (as the embedded encoder does) it is either a ring of
//! non-zero area, wound exterior-positive by `ST_ForcePolygonCCW` (tile
//! units, y down, as MVT 2.1 asks), or degenerate with zero area and
//! dropped. Every other polygon (crossing the tile's edge, with holes or
//! in parts) is simplified to one unit and goes through `ST_AsMVTGeom`,
//! as lines and points do.
//!
//! `OFFSET 0` keeps the planner from pushing `geom IS NOT NULL` into the
//! scan, where it would compute every feature's geometry twice.

use crate::backend;
use learnscape_core::StoreResult;
use learnscape_tiles::{BUFFER, EXTENT};
use sqlx::PgPool;

/// Raw MVT of the `basemap` layer at z/x/y; empty when nothing is there.
pub async fn basemap(pool: &PgPool, z: u8, x: u32, y: u32) -> StoreResult<Vec<u8>> {
    let tile: Option<Vec<u8>> = sqlx::query_scalar(
        "WITH b AS (SELECT env, \
                           ST_TileEnvelope($1, $2, $3, margin => ($5 - 1)::float8 / $4) AS within, \
                           ST_Transform(ST_TileEnvelope($1, $2, $3, margin => $5::float8 / $4), 4326) AS search, \
                           $4 / (ST_XMax(env) - ST_XMin(env)) AS scale, \
                           ST_XMin(env) AS x0, ST_YMax(env) AS y0 \
                    FROM ST_TileEnvelope($1, $2, $3) AS env) \
         SELECT ST_AsMVT(t.*, 'basemap', $4, 'geom') FROM ( \
             SELECT kind, class, name, residential, population, geom FROM ( \
                 SELECT source, ordinal, kind, class, name, \
                        CASE WHEN kind = 'building' THEN residential END AS residential, \
                        trunc(population)::bigint AS population, \
                        CASE WHEN simple \
                             THEN ST_ForcePolygonCCW(ST_Simplify(ST_SnapToGrid(ST_Affine(g, \
                                      b.scale, 0, 0, -b.scale, -b.x0 * b.scale, b.y0 * b.scale), 1.0), 1.0)) \
                             WHEN area THEN ST_AsMVTGeom(ST_Simplify(g, 1.0 / b.scale), b.env, $4, $5, true) \
                             ELSE ST_AsMVTGeom(g, b.env, $4, $5, true) \
                        END AS geom \
                 FROM (SELECT source, ordinal, kind, class, name, residential, population, geom_3857 AS g, \
                              GeometryType(geom_3857) IN ('POLYGON', 'MULTIPOLYGON') AS area, \
                              GeometryType(geom_3857) IN ('POLYGON', 'MULTIPOLYGON') \
                                  AND geom_3857 @ b.within AND ST_NRings(geom_3857) = 1 AS simple \
                       FROM basemap, b WHERE geom && b.search AND minzoom <= $1) f, b \
                 ORDER BY source, ordinal \
                 OFFSET 0 \
             ) m \
             WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom) \
               AND (GeometryType(geom) NOT IN ('POLYGON', 'MULTIPOLYGON') OR ST_Area(geom) > 0) \
         ) t",
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

/// Which places a tile shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlacesLayer {
    /// Every public place (imported and approved commons); below the
    /// clustering zoom, one point per 256-unit cell where several meet.
    Places { cluster: bool },
    /// Approved commons resources only, never clustered.
    Commons,
}

/// Cluster cell size in tile units, as in the embedded encoder.
const CLUSTER_CELL: i32 = 256;

/// Raw MVT of the `places` or `commons` layer at z/x/y; empty when nothing
/// is there. The same features and properties as the embedded encoder:
/// areas as outlines from z14, representative points below; clusters carry
/// `cluster`, `point_count` and the category when all members share it.
pub async fn places(
    pool: &PgPool,
    layer: PlacesLayer,
    z: u8,
    x: u32,
    y: u32,
) -> StoreResult<Vec<u8>> {
    let (name, commons_only, cluster) = match layer {
        PlacesLayer::Places { cluster } => ("places", false, cluster),
        PlacesLayer::Commons => ("commons", true, false),
    };
    let tile: Option<Vec<u8>> = sqlx::query_scalar(
        "WITH b AS (SELECT ST_TileEnvelope($1, $2, $3) AS env, \
                           ST_Transform(ST_TileEnvelope($1, $2, $3, margin => $5::float8 / $4), 4326) AS search), \
         hit AS ( \
             SELECT p.*, ST_Transform(ST_SetSRID(ST_MakePoint(p.rep_lon, p.rep_lat), 4326), 3857) AS rep \
             FROM (SELECT id, category, name, geom, rep_lon, rep_lat, attributes, false AS commons \
                     FROM places WHERE NOT $6 \
                   UNION ALL \
                   SELECT id, category, name, geom, rep_lon, rep_lat, attributes, true \
                     FROM commons_places) p, b \
             WHERE p.geom && b.search), \
         cells AS ( \
             SELECT hit.*, \
                    CASE WHEN $7 THEN floor((ST_X(rep) - ST_XMin(b.env)) / (ST_XMax(b.env) - ST_XMin(b.env)) * $4 / $8) END AS cx, \
                    CASE WHEN $7 THEN floor((ST_YMax(b.env) - ST_Y(rep)) / (ST_YMax(b.env) - ST_YMin(b.env)) * $4 / $8) END AS cy \
             FROM hit, b), \
         counted AS ( \
             SELECT cells.*, CASE WHEN $7 THEN count(*) OVER (PARTITION BY cx, cy) ELSE 1 END AS n FROM cells), \
         features AS ( \
             SELECT id, category, name, \
                    attributes->>'opening_hours' AS opening_hours, \
                    attributes->>'wheelchair' AS wheelchair, \
                    attributes->>'website' AS website, \
                    CASE WHEN commons THEN attributes->>'offers' END AS offers, \
                    CASE WHEN commons THEN attributes->>'access_terms' END AS access_terms, \
                    CASE WHEN commons THEN attributes->>'licence' END AS licence, \
                    CASE WHEN commons THEN attributes->>'location_precision' END AS location_precision, \
                    NULL::boolean AS cluster, NULL::bigint AS point_count, \
                    CASE WHEN $1 >= 14 AND GeometryType(geom) <> 'POINT' \
                         THEN ST_Transform(geom, 3857) ELSE rep END AS g \
             FROM counted WHERE n = 1 \
             UNION ALL \
             SELECT NULL, CASE WHEN count(DISTINCT category) = 1 THEN min(category) ELSE 'mixed' END, \
                    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true, count(*), \
                    ST_Transform(ST_SetSRID(ST_MakePoint(avg(rep_lon), avg(rep_lat)), 4326), 3857) \
             FROM counted WHERE n > 1 GROUP BY cx, cy) \
         SELECT ST_AsMVT(t.*, $9, $4, 'geom') FROM ( \
             SELECT id, category, name, opening_hours, wheelchair, website, offers, access_terms, \
                    licence, location_precision, cluster, point_count, \
                    ST_AsMVTGeom(g, b.env, $4, $5, true) AS geom \
             FROM features, b OFFSET 0) t \
         WHERE t.geom IS NOT NULL",
    )
    .bind(i32::from(z))
    .bind(x as i32)
    .bind(y as i32)
    .bind(EXTENT as i32)
    .bind(BUFFER as i32)
    .bind(commons_only)
    .bind(cluster)
    .bind(CLUSTER_CELL)
    .bind(name)
    .fetch_one(pool)
    .await
    .map_err(backend)?;
    Ok(tile.unwrap_or_default())
}
