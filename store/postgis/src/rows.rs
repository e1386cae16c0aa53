//! Reading sources back, and the statements of an import besides COPY.

use crate::backend;
use crate::wkb::{from_wkb, shape_from_wkb};
use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;
use geo_types::Geometry;
use learnscape_core::walk_packed::{self, Layout};
use learnscape_core::{
    BasemapFeature, BasemapKind, Bbox, Category, DataSource, LonLat, Neighbourhood, Place,
    PlaceFilter, PlaceId, PopulationUnit, SourceId, SourceKind, StoreError, StoreResult,
    WalkNetwork,
};
use sqlx::postgres::PgRow;
use sqlx::{PgPool, Postgres, Row, Transaction};
use std::collections::BTreeMap;

fn corrupt(what: &str, detail: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {detail}"))
}

/// Deletes a source; its rows go with it (ON DELETE CASCADE, and the
/// basemap's here: it has no foreign key). False when there was no such
/// source.
pub async fn delete_source(tx: &mut Transaction<'_, Postgres>, id: &SourceId) -> StoreResult<bool> {
    sqlx::query("DELETE FROM basemap WHERE source = $1")
        .bind(&id.0)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    let done = sqlx::query("DELETE FROM sources WHERE id = $1")
        .bind(&id.0)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    Ok(done.rows_affected() > 0)
}

pub async fn insert_source_row(
    tx: &mut Transaction<'_, Postgres>,
    source: &DataSource,
) -> StoreResult<()> {
    sqlx::query("INSERT INTO sources (id, kind, path, sha256, imported_at, attribution, reader, data_as_of, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
        .bind(&source.id.0)
        .bind(source.kind.as_str())
        .bind(&source.path)
        .bind(&source.sha256)
        .bind(source.imported_at)
        .bind(&source.attribution)
        .bind(&source.reader)
        .bind(source.data_as_of)
        .bind(&source.note)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    Ok(())
}

pub async fn load_sources(pool: &PgPool) -> StoreResult<Vec<DataSource>> {
    let rows = sqlx::query(
        "SELECT id, kind, path, sha256, imported_at, attribution, reader, data_as_of, note FROM sources ORDER BY id COLLATE \"C\"",
    )
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    rows.iter()
        .map(|r| {
            let kind: String = r.get("kind");
            Ok(DataSource {
                id: SourceId(r.get("id")),
                kind: SourceKind::parse(&kind).ok_or_else(|| corrupt("source kind", &kind))?,
                path: r.get("path"),
                sha256: r.get("sha256"),
                reader: r.get("reader"),
                imported_at: r.get::<DateTime<Utc>, _>("imported_at"),
                data_as_of: r.get::<Option<DateTime<Utc>>, _>("data_as_of"),
                attribution: r.get("attribution"),
                note: r.get("note"),
            })
        })
        .collect()
}

// Rows are ordered by byte order ("C" collation), as Rust orders strings.
macro_rules! places {
    ($tail:literal) => {
        concat!(
            "SELECT id, source, source_ref, category, name, ST_AsBinary(geom) AS wkb, rep_lon, rep_lat, attributes::text AS attributes FROM places ",
            $tail
        )
    };
}

fn place_row(r: &PgRow) -> StoreResult<Place> {
    let category: String = r.get("category");
    let attributes: String = r.get("attributes");
    let geometry: Vec<u8> = r.get("wkb");
    Ok(Place {
        id: PlaceId(r.get("id")),
        source: SourceId(r.get("source")),
        source_ref: r.get("source_ref"),
        category: category
            .parse::<Category>()
            .map_err(|e| corrupt("place category", e))?,
        name: r.get("name"),
        shape: shape_from_wkb(&geometry)?,
        representative_point: LonLat::new(r.get("rep_lon"), r.get("rep_lat")),
        attributes: serde_json::from_str::<BTreeMap<String, String>>(&attributes)
            .map_err(|e| corrupt("place attributes", e))?,
    })
}

/// The database narrows by category, source and bbox (GiST); the filter's
/// own `matches` decides, so both stores agree to the letter (case folding
/// of names included).
pub async fn load_places(pool: &PgPool, filter: &PlaceFilter) -> StoreResult<Vec<Place>> {
    let categories: Vec<String> = filter
        .categories
        .iter()
        .map(|c| c.as_str().to_string())
        .collect();
    let b = filter.bbox;
    let rows = sqlx::query(places!(
        "WHERE (cardinality($1::text[]) = 0 OR category = ANY($1)) \
           AND ($2::text IS NULL OR source = $2) \
           AND ($3::float8 IS NULL OR geom && ST_MakeEnvelope($3, $4, $5, $6, 4326)) \
           AND ($7::text IS NULL OR called_key IS NULL OR strpos(called_key, $7) > 0) \
         ORDER BY id COLLATE \"C\""
    ))
    .bind(categories)
    .bind(filter.source.as_ref().map(|s| s.0.clone()))
    .bind(b.map(|b| b.west))
    .bind(b.map(|b| b.south))
    .bind(b.map(|b| b.east))
    .bind(b.map(|b| b.north))
    // Search asks at each keystroke: only the rows whose folded name holds
    // the text leave the database (a row without one, as since migration
    // 0019 until the store opened, is read and compared here).
    .bind(filter.name_key())
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let place = place_row(r)?;
        if filter.matches(&place) {
            out.push(place);
        }
    }
    Ok(out)
}

/// Writes the folded names ([`Place::search_key`]) of each place without
/// them: imported before migration 0015, or folded otherwise before 0019
/// (see [`load_places`]), so that search asks the database for them too;
/// the number of places given one. Once: later imports write it.
pub async fn fill_called_keys(pool: &PgPool) -> StoreResult<u64> {
    let rows = sqlx::query(places!("WHERE called_key IS NULL"))
        .fetch_all(pool)
        .await
        .map_err(backend)?;
    if rows.is_empty() {
        return Ok(0);
    }
    let mut ids = Vec::with_capacity(rows.len());
    let mut keys = Vec::with_capacity(rows.len());
    for r in &rows {
        let place = place_row(r)?;
        keys.push(place.search_key().unwrap_or_default());
        ids.push(place.id.0);
    }
    let filled = sqlx::query(
        "UPDATE places SET called_key = k.key FROM unnest($1::text[], $2::text[]) AS k(id, key) \
         WHERE places.id = k.id AND places.called_key IS NULL",
    )
    .bind(ids)
    .bind(keys)
    .execute(pool)
    .await
    .map_err(backend)?;
    Ok(filled.rows_affected())
}

pub async fn load_place(pool: &PgPool, id: &PlaceId) -> StoreResult<Option<Place>> {
    sqlx::query(places!("WHERE id = $1"))
        .bind(&id.0)
        .fetch_optional(pool)
        .await
        .map_err(backend)?
        .as_ref()
        .map(place_row)
        .transpose()
}

pub async fn load_neighbourhoods(pool: &PgPool) -> StoreResult<Vec<Neighbourhood>> {
    let rows = sqlx::query(
        "SELECT id, source, name, ST_AsBinary(geom) AS wkb, population FROM neighbourhoods ORDER BY id COLLATE \"C\"",
    )
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    rows.iter()
        .map(|r| {
            let geometry: Vec<u8> = r.get("wkb");
            let Geometry::MultiPolygon(area) = from_wkb(&geometry)? else {
                return Err(corrupt("neighbourhood", "geometry is not a MultiPolygon"));
            };
            Ok(Neighbourhood {
                id: r.get("id"),
                source: SourceId(r.get("source")),
                name: r.get("name"),
                area,
                population: r.get("population"),
            })
        })
        .collect()
}

pub async fn load_population_units(pool: &PgPool) -> StoreResult<Vec<PopulationUnit>> {
    let rows = sqlx::query(
        "SELECT id, source, ST_AsBinary(geom) AS wkb, population FROM population_units ORDER BY id COLLATE \"C\"",
    )
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    rows.iter()
        .map(|r| {
            let geometry: Vec<u8> = r.get("wkb");
            Ok(PopulationUnit {
                id: r.get("id"),
                source: SourceId(r.get("source")),
                shape: shape_from_wkb(&geometry)?,
                population: r.get("population"),
            })
        })
        .collect()
}

pub async fn load_walk_network(pool: &PgPool) -> StoreResult<WalkNetwork> {
    let rows = sqlx::query(
        "SELECT layout, nodes, segments FROM walk_networks ORDER BY source COLLATE \"C\"",
    )
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    off_the_runtime(move || {
        let networks = rows
            .iter()
            .map(|r| {
                let layout = Layout::from_code(i64::from(r.get::<i16, _>("layout")))?;
                walk_packed::unpack(layout, r.get("nodes"), r.get("segments"))
            })
            .collect::<StoreResult<Vec<_>>>()?;
        Ok(WalkNetwork::merge(networks))
    })
    .await
}

/// Runs `decode` on a blocking thread: a running server reloads when
/// another process imported, and unpacking a walk network (a tenth of a
/// second on the merged extract) should not hold up the async workers
/// answering requests meanwhile.
async fn off_the_runtime<T: Send + 'static>(
    decode: impl FnOnce() -> StoreResult<T> + Send + 'static,
) -> StoreResult<T> {
    tokio::task::spawn_blocking(decode)
        .await
        .map_err(|e| StoreError::Backend(format!("decoding rows failed: {e}")))?
}

/// In import order (source, then ordinal). The bbox test is the GiST `&&`,
/// the same bounding-box test the embedded store makes.
///
/// Sorted here, not by `ORDER BY`: the whole basemap (68 MB on the merged
/// extract) does not fit PostgreSQL's default `work_mem`, so its sort
/// went to disk, and a server's start waited for it. Rows are decoded as
/// they arrive, so the table's rows are never held beside the features.
pub async fn load_basemap(pool: &PgPool, bbox: Option<Bbox>) -> StoreResult<Vec<BasemapFeature>> {
    let mut rows = sqlx::query(
        "SELECT source, ordinal, kind, residential, class, name, population, \
                ST_AsBinary(geom) AS wkb FROM basemap \
         WHERE $1::float8 IS NULL OR geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)",
    )
    .bind(bbox.map(|b| b.west))
    .bind(bbox.map(|b| b.south))
    .bind(bbox.map(|b| b.east))
    .bind(bbox.map(|b| b.north))
    .fetch(pool);
    let mut sources: Vec<String> = Vec::new();
    let mut found: Vec<(usize, i64, BasemapFeature)> = Vec::new();
    while let Some(row) = rows.try_next().await.map_err(backend)? {
        let feature = basemap_feature(&row)?;
        // GiST boxes are single precision, rounded outwards: the exact
        // test keeps the answer identical to the embedded store's.
        if bbox.is_some_and(|b| !Bbox::of(&feature.geometry).is_some_and(|f| f.intersects(&b))) {
            continue;
        }
        let source: &str = row.get("source");
        let s = match sources.iter().position(|known| known == source) {
            Some(s) => s,
            None => {
                sources.push(source.to_string());
                sources.len() - 1
            }
        };
        found.push((s, row.get("ordinal"), feature));
    }
    // `str` compares bytes, as the embedded store's ORDER BY (and
    // PostgreSQL's "C" collation) does; (source, ordinal) is unique.
    found.sort_unstable_by(|a, b| (sources[a.0].as_str(), a.1).cmp(&(sources[b.0].as_str(), b.1)));
    Ok(found.into_iter().map(|(_, _, feature)| feature).collect())
}

fn basemap_feature(row: &PgRow) -> StoreResult<BasemapFeature> {
    let kind: &str = row.get("kind");
    Ok(BasemapFeature {
        kind: BasemapKind::from_parts(kind, row.get("residential"))
            .ok_or_else(|| corrupt("basemap kind", kind))?,
        class: row.get("class"),
        name: row.get("name"),
        population: row.get("population"),
        geometry: from_wkb(row.get("wkb"))?,
    })
}

#[cfg(test)]
mod tests {
    use crate::PostgisStore;
    use learnscape_core::store::{PlaceStore, SourceStore};
    use learnscape_core::{PlaceFilter, conformance};

    /// The names search finds, folded: the library by its name, the
    /// unnamed park by its street (`Äulestrasse`).
    async fn found(store: &PostgisStore, text: &str) -> Vec<String> {
        let filter = PlaceFilter {
            name_contains: Some(text.into()),
            ..PlaceFilter::default()
        };
        let places = store.places(&filter).await.expect("places");
        places.iter().filter_map(|p| p.search_key()).collect()
    }

    /// Search's text is looked for in the database, in each place's name
    /// folded at import; a row from before that column is compared once read.
    #[tokio::test]
    async fn places_are_found_by_their_folded_name_in_the_database() {
        let url = crate::testing::fresh_database().await;
        let store = PostgisStore::open(&url).await.expect("open");
        let (source, data) = conformance::sample_source("a", 0.0);
        store.replace_source(source, data).await.expect("import");
        let pool = &store.pool;
        let keys = async |pool| -> Vec<Option<String>> {
            sqlx::query_scalar("SELECT called_key FROM places ORDER BY called_key")
                .fetch_all(pool)
                .await
                .expect("keys")
        };
        let written = [Some("aulestrasse".into()), Some("landesbibliothek".into())];
        assert_eq!(keys(pool).await, written);
        assert_eq!(found(&store, "AULE").await, ["aulestrasse"]);
        assert_eq!(found(&store, "bibliot").await, ["landesbibliothek"]);
        assert_eq!(found(&store, "Landes-Bibl").await, ["landesbibliothek"]);

        // The database answers from the column: a key that says otherwise
        // hides the library from its own name; nor does the key alone find
        // it, as its name decides once read.
        sqlx::query("UPDATE places SET called_key = 'elsewhere' WHERE name IS NOT NULL")
            .execute(pool)
            .await
            .expect("update");
        assert!(found(&store, "bibliot").await.is_empty());
        assert!(
            found(&store, "elsewhere").await.is_empty(),
            "the name still decides"
        );

        // Rows written before migration 0015 have none, and are all read
        // until the store opens again.
        sqlx::query("UPDATE places SET called_key = NULL")
            .execute(pool)
            .await
            .expect("update");
        assert_eq!(found(&store, "bibliot").await, ["landesbibliothek"]);
        assert_eq!(found(&store, "strasse").await, ["aulestrasse"]);
        // Opened again, as after an upgrade, the store writes them.
        store.close().await;
        let store = PostgisStore::open(&url).await.expect("open again");
        assert_eq!(keys(&store.pool).await, written);

        // Keys folded before migration 0019 kept the spaces between words,
        // which the text looked for no longer has: it folds them again.
        sqlx::query("UPDATE places SET called_key = replace(called_key, 'bib', ' bib')")
            .execute(&store.pool)
            .await
            .expect("update");
        assert!(found(&store, "landes bibliothek").await.is_empty());
        sqlx::raw_sql(include_str!("../migrations/0019_places_key_by_letters.sql"))
            .execute(&store.pool)
            .await
            .expect("migration 0019");
        store.close().await;
        let store = PostgisStore::open(&url).await.expect("open again");
        assert_eq!(keys(&store.pool).await, written);
        assert_eq!(
            found(&store, "landes bibliothek").await,
            ["landesbibliothek"]
        );
        store.close().await;
    }

    /// Rows from before migration 0008 hold fixed records and get the
    /// column's default: they must read as fixed records.
    #[tokio::test]
    async fn a_walk_network_written_before_the_layout_column_still_reads() {
        let store = PostgisStore::open(&crate::testing::fresh_database().await)
            .await
            .expect("open");
        let pool = &store.pool;
        conformance::a_walk_network_written_before_layouts_still_reads(
            &store,
            async || {
                sqlx::query_scalar::<_, i16>("SELECT layout FROM walk_networks")
                    .fetch_one(pool)
                    .await
                    .map(i64::from)
                    .expect("layout")
            },
            async |count, old| {
                sqlx::query("DELETE FROM walk_networks")
                    .execute(pool)
                    .await
                    .expect("delete");
                sqlx::query(
                    "INSERT INTO walk_networks (source, node_count, nodes, segments) VALUES ('a', $1, $2, $3)",
                )
                .bind(count)
                .bind(old.nodes)
                .bind(old.segments)
                .execute(pool)
                .await
                .expect("write as before");
            },
        )
        .await;
        store.close().await;
    }
}
