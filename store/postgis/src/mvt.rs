//! Tiles cut by PostGIS and encoded by `ST_AsMVT`, with the same layer
//! name, properties, extent, buffer and per-zoom selection (`minzoom`) as
//! the embedded encoder, so a client cannot tell which store it talks to.
//!
//! Polygons skip `ST_AsMVTGeom`, which makes each one valid by rebuilding
//! it through wagyu: that was most of a z10 tile's time, and the
//! embedded encoder does not repair polygons either. Instead they take
//! the embedded encoder's steps:
//! - cut to the buffered tile by `ST_ClipByBox2D` (GEOS's rectangle
//!   clipper, which unlike `ST_Intersection` does not fail on OSM's
//!   self-intersecting polygons); skipped when the bounding box is
//!   already inside, tested against a box one unit inside the buffer as
//!   bounding boxes are single precision and snapping rounds;
//! - moved into tile units, snapped to the integer grid, simplified to
//!   one unit (rings that collapse are dropped here);
//! - wound exterior-positive by `ST_ForcePolygonCCW` (tile units, y down,
//!   as MVT 2.1 asks);
//! - dropped by the outer filter when nothing with area is left.
//!
//! Lines and points go through `ST_AsMVTGeom`, which is cheap for them.
//!
//! `OFFSET 0` keeps the planner from pushing `geom IS NOT NULL` into the
//! scan, where it would compute every feature's geometry twice.

use crate::backend;
use learnscape_core::StoreResult;
use learnscape_tiles::{BUFFER, EXTENT, PLACE_AREAS_FROM_ZOOM};
use sqlx::PgPool;

/// The basemap tile query; `$band` is empty or a literal `minzoom` bound
/// that lets the planner use a partial index (see [`basemap`]).
macro_rules! basemap_sql {
    ($band:literal) => {
        concat!(
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
                            CASE WHEN area \
                                 THEN ST_ForcePolygonCCW(ST_Simplify(ST_SnapToGrid(ST_Affine( \
                                          CASE WHEN g @ b.within THEN g ELSE ST_ClipByBox2D(g, b.within) END, \
                                          b.scale, 0, 0, -b.scale, -b.x0 * b.scale, b.y0 * b.scale), 1.0), 1.0)) \
                                 ELSE ST_AsMVTGeom(g, b.env, $4, $5, true) \
                            END AS geom \
                     FROM (SELECT source, ordinal, kind, class, name, residential, population, geom_3857 AS g, \
                                  GeometryType(geom_3857) IN ('POLYGON', 'MULTIPOLYGON') AS area \
                           FROM basemap, b WHERE geom && b.search AND minzoom <= $1", $band, ") f, b \
                     ORDER BY source, ordinal \
                     OFFSET 0 \
                 ) m \
                 WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom) \
                   AND (GeometryType(geom) NOT IN ('POLYGON', 'MULTIPOLYGON') OR ST_Area(geom) > 0) \
             ) t"
        )
    };
}

/// The query for zoom `z`, with the `minzoom` bound of its index.
fn basemap_query(z: u8) -> &'static str {
    match z {
        ..=10 => basemap_sql!(" AND minzoom <= 10"),
        11..=12 => basemap_sql!(" AND minzoom <= 12"),
        _ => basemap_sql!(""),
    }
}

/// Raw MVT of the `basemap` layer at z/x/y; empty when nothing is there.
///
/// Up to z12 most features are not drawn (a z10 tile over Liechtenstein
/// keeps 5,000 of the 31,000 its box holds), so those zooms search the
/// partial GiST indexes of the features drawn by z10 and by z12
/// (migration 0003): the bound is written into the query text, because a
/// partial index can only be used where the planner sees a constant that
/// implies its predicate.
pub async fn basemap(pool: &PgPool, z: u8, x: u32, y: u32) -> StoreResult<Vec<u8>> {
    let tile: Option<Vec<u8>> = sqlx::query_scalar(basemap_query(z))
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
/// areas as outlines from z14, each followed by its representative point
/// marked `label_point`, representative points below; clusters carry
/// `cluster`, `point_count` and the category when all members share it,
/// and in a cell of several categories each category's part, marked
/// `clustered`. In its order too, which decides whose label shows where
/// labels collide: clustered, by cell, its places by id as bytes, then its
/// clusters by category; else by id as bytes.
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
             SELECT cells.*, \
                    CASE WHEN $7 THEN count(*) OVER (PARTITION BY cx, cy) ELSE 1 END AS n, \
                    CASE WHEN $7 THEN count(*) OVER (PARTITION BY cx, cy, category) ELSE 1 END AS k, \
                    $7 AND min(category) OVER (PARTITION BY cx, cy) \
                        <> max(category) OVER (PARTITION BY cx, cy) AS mixed \
             FROM cells), \
         features AS ( \
             SELECT id, category, name, \
                    attributes->>'opening_hours' AS opening_hours, \
                    attributes->>'wheelchair' AS wheelchair, \
                    attributes->>'website' AS website, \
                    CASE WHEN commons THEN attributes->>'offers' END AS offers, \
                    CASE WHEN commons THEN attributes->>'access_terms' END AS access_terms, \
                    CASE WHEN commons THEN attributes->>'licence' END AS licence, \
                    CASE WHEN commons THEN attributes->>'location_precision' END AS location_precision, \
                    NULL::boolean AS cluster, NULL::bigint AS point_count, label_point, \
                    CASE WHEN n > 1 THEN true END AS clustered, \
                    CASE WHEN area AND label_point IS NULL \
                         THEN ST_Transform(geom, 3857) ELSE rep END AS g, \
                    cx, cy \
             FROM (SELECT counted.*, $1 >= $10 AND GeometryType(geom) <> 'POINT' AS area \
                   FROM counted WHERE n = 1 OR (mixed AND k = 1)) single \
             CROSS JOIN LATERAL (VALUES (NULL::boolean), (true)) AS lp(label_point) \
             WHERE label_point IS NULL OR area \
             UNION ALL \
             SELECT NULL, CASE WHEN count(DISTINCT category) = 1 THEN min(category) ELSE 'mixed' END, \
                    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true, count(*), NULL, NULL, \
                    ST_Transform(ST_SetSRID(ST_MakePoint(avg(rep_lon), avg(rep_lat)), 4326), 3857), \
                    cx, cy \
             FROM counted WHERE n > 1 GROUP BY cx, cy \
             UNION ALL \
             SELECT NULL, category, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true, count(*), NULL, true, \
                    ST_Transform(ST_SetSRID(ST_MakePoint(avg(rep_lon), avg(rep_lat)), 4326), 3857), \
                    cx, cy \
             FROM counted WHERE mixed AND k > 1 GROUP BY cx, cy, category) \
         SELECT ST_AsMVT(t.*, $9, $4, 'geom') FROM ( \
             SELECT id, category, name, opening_hours, wheelchair, website, offers, access_terms, \
                    licence, location_precision, cluster, point_count, label_point, clustered, \
                    ST_AsMVTGeom(g, b.env, $4, $5, true) AS geom \
             FROM features, b \
             ORDER BY cx, cy, id COLLATE \"C\", category COLLATE \"C\", label_point NULLS FIRST \
             OFFSET 0) t \
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
    .bind(i32::from(PLACE_AREAS_FROM_ZOOM))
    .fetch_one(pool)
    .await
    .map_err(backend)?;
    Ok(tile.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::basemap_query;
    use learnscape_core::Bbox;
    use learnscape_tiles::{BUFFER, EXTENT, TileCoord};
    use sqlx::Row;

    /// The tile at zoom `z` holding lon/lat.
    fn tile_at(z: u8, lon: f64, lat: f64) -> (i32, i32) {
        let c = TileCoord::covering(&Bbox::new(lon, lat, lon, lat), z)[0];
        (c.x as i32, c.y as i32)
    }

    /// OSM has self-intersecting polygons; clipping one where it crosses a
    /// tile's edge must still give a tile (garbage in, a shape out), not
    /// fail the request.
    #[tokio::test]
    async fn an_invalid_polygon_across_a_tile_edge_still_gives_tiles() {
        let url = crate::testing::fresh_database().await;
        let store = crate::PostgisStore::open(&url).await.expect("open");
        let (z, x, y) = (14, 8625, 5753);
        // A bow tie, and a hole reaching out of its shell, both across the
        // tile's west edge.
        sqlx::query(
            "WITH w AS (SELECT ST_XMin(t) AS x, ST_YMin(t) AS y, ST_XMax(t) - ST_XMin(t) AS d \
                        FROM ST_TileEnvelope($1, $2, $3) AS t), \
                  p AS (SELECT 1 AS n, ST_MakePolygon(ST_MakeLine(ARRAY[ \
                               ST_MakePoint(x - d / 4, y), ST_MakePoint(x + d / 4, y + d / 2), \
                               ST_MakePoint(x + d / 4, y), ST_MakePoint(x - d / 4, y + d / 2), \
                               ST_MakePoint(x - d / 4, y)])) AS g FROM w \
                        UNION ALL \
                        SELECT 2, ST_MakePolygon( \
                               ST_ExteriorRing(ST_MakeEnvelope(x - d / 4, y, x + d / 4, y + d / 2)), \
                               ARRAY[ST_ExteriorRing(ST_MakeEnvelope(x - d / 2, y + d / 8, x + d / 8, y + d / 4))]) \
                        FROM w) \
             INSERT INTO basemap (source, ordinal, kind, residential, class, minzoom, geom, geom_3857) \
             SELECT 's', n, 'landuse', false, 'meadow', 6, \
                    ST_Transform(ST_Multi(ST_SetSRID(g, 3857)), 4326), ST_Multi(ST_SetSRID(g, 3857)) FROM p",
        )
        .bind(i32::from(z))
        .bind(x as i32)
        .bind(y as i32)
        .execute(&store.pool)
        .await
        .expect("rows");
        for (x, y) in [(x, y), (x - 1, y)] {
            let tile = super::basemap(&store.pool, z, x, y).await;
            assert!(
                tile.as_ref().is_ok_and(|t| !t.is_empty()),
                "{z}/{x}/{y}: {tile:?}"
            );
        }
        store.close().await;
    }

    /// Within a tile, features are drawn in import order: by source id as
    /// bytes compare, then ordinal, as the embedded store draws them,
    /// whatever the database's collation. Production databases are
    /// mostly created in a language's collation, where "alpha" sorts
    /// before "Zeta"; bytes put "Zeta" first.
    #[tokio::test]
    async fn sources_are_drawn_in_byte_order_whatever_the_collation() {
        let url = crate::testing::fresh_database_with(
            "TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'",
        )
        .await;
        let store = crate::PostgisStore::open(&url).await.expect("open");
        let (z, x, y) = (14, 8625, 5753);
        sqlx::query(
            "WITH w AS (SELECT ST_XMin(t) AS x, ST_YMin(t) AS y, ST_XMax(t) - ST_XMin(t) AS d \
                        FROM ST_TileEnvelope($1, $2, $3) AS t) \
             INSERT INTO basemap (source, ordinal, kind, residential, class, name, minzoom, geom, geom_3857) \
             SELECT s, 0, 'road', false, 'footway', 'from ' || s, 6, ST_Transform(g, 4326), g \
             FROM w, LATERAL (SELECT ST_SetSRID(ST_MakeLine( \
                                  ST_MakePoint(x + d / 4, y + d / 4), \
                                  ST_MakePoint(x + 3 * d / 4, y + 3 * d / 4)), 3857) AS g) l, \
                  unnest(ARRAY['alpha', 'Zeta']) AS s",
        )
        .bind(i32::from(z))
        .bind(x)
        .bind(y)
        .execute(&store.pool)
        .await
        .expect("rows");
        let tile = super::basemap(&store.pool, z, x as u32, y as u32)
            .await
            .expect("tile");
        // ST_AsMVT lists a layer's values in the order its features
        // first use them, so the names' order is the features'.
        let at = |name: &str| tile.windows(name.len()).position(|w| w == name.as_bytes());
        let (zeta, alpha) = (at("from Zeta"), at("from alpha"));
        assert!(
            zeta.is_some() && alpha.is_some() && zeta < alpha,
            "Zeta at {zeta:?}, alpha at {alpha:?}"
        );
        store.close().await;
    }

    /// An import locks the tables it rewrites until it commits. A tile
    /// query must then give up at once, saying so (the server cuts the
    /// tile from its snapshot), rather than hold a pooled connection for
    /// the whole import; once the lock is gone, tiles come from PostGIS.
    #[tokio::test]
    async fn a_tile_gives_up_on_a_table_an_import_holds() {
        use learnscape_core::StoreError;
        let url = crate::testing::fresh_database().await;
        let store = crate::PostgisStore::open(&url).await.expect("open");
        let mut import = crate::testing::hold_lock(&url, "basemap").await;
        // A bound, so that a tile waiting on the lock fails the test
        // instead of hanging it.
        let waited = tokio::time::timeout(
            std::time::Duration::from_secs(20),
            store.basemap_tile(14, 8625, 5753),
        )
        .await
        .expect("the tile query waited for the lock");
        assert!(
            matches!(&waited, Err(StoreError::Unavailable(m)) if m.contains("import")),
            "{waited:?}"
        );
        sqlx::query("ROLLBACK")
            .execute(&mut import)
            .await
            .expect("rollback");
        let tile = store.basemap_tile(14, 8625, 5753).await;
        assert!(tile.is_ok(), "{tile:?}");
        store.close().await;
    }

    /// The partial indexes only help if the planner picks them, which it
    /// does only while the bound written into each query implies an
    /// index's predicate: change one without the other and this fails.
    #[tokio::test]
    async fn each_zoom_band_searches_its_own_index() {
        let url = crate::testing::fresh_database().await;
        let store = crate::PostgisStore::open(&url).await.expect("open");
        // 20,000 small squares near Vaduz, one in a hundred drawn from
        // z10 and one from z12, the rest from z14, as buildings are.
        sqlx::query(
            "INSERT INTO basemap (source, ordinal, kind, residential, class, minzoom, geom, geom_3857) \
             SELECT 's', i, 'building', false, 'yes', \
                    CASE i % 100 WHEN 0 THEN 10 WHEN 1 THEN 12 ELSE 14 END, g, ST_Transform(g, 3857) \
             FROM (SELECT i, ST_Multi(ST_MakeEnvelope(9.5 + (i % 200) * 0.0005, 47.1 + (i / 200) * 0.0005, \
                                                      9.5002 + (i % 200) * 0.0005, 47.1002 + (i / 200) * 0.0005, \
                                                      4326)) AS g \
                   FROM generate_series(0, 19999) AS i) s",
        )
        .execute(&store.pool)
        .await
        .expect("rows");
        sqlx::query("ANALYZE basemap")
            .execute(&store.pool)
            .await
            .expect("analyze");
        for (z, index) in [
            (8, "basemap_geom_z10"),
            (10, "basemap_geom_z10"),
            (12, "basemap_geom_z12"),
            (14, "basemap_geom"),
        ] {
            let (x, y) = tile_at(z, 9.55, 47.12);
            let sql = format!("EXPLAIN {}", basemap_query(z));
            let plan: Vec<String> = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(i32::from(z))
                .bind(x)
                .bind(y)
                .bind(EXTENT as i32)
                .bind(BUFFER as i32)
                .fetch_all(&store.pool)
                .await
                .expect("explain")
                .iter()
                .map(|r| r.get::<String, _>(0))
                .collect();
            let plan = plan.join("\n");
            let used: Vec<&str> = plan
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|w| w.starts_with("basemap_geom"))
                .collect();
            assert_eq!(used, [index], "z{z} plan:\n{plan}");
        }
        store.close().await;
    }
}
