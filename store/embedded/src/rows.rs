//! SQL for the embedded store: all of it, parameterised.

use crate::basemap_codec;
use crate::codec::{from_wkb, shape_from_wkb, to_wkb};
use crate::sqlx_error as backend;
use chrono::{DateTime, Utc};
use geo_types::Geometry;
use learnscape_core::walk_packed::Layout;
use learnscape_core::{
    BasemapFeature, Bbox, Category, DataSource, LonLat, Neighbourhood, Place, PlaceId,
    PopulationUnit, SourceData, SourceId, SourceKind, StoreError, StoreResult, WalkNetwork,
};
use rayon::prelude::*;
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool, Transaction};
use std::collections::BTreeMap;

/// Rows per multi-row INSERT: well under SQLite's 32,766 parameters.
const BATCH: usize = 500;

/// One literal statement per table: sqlx 0.9 only runs audited SQL text.
const DELETE_SOURCE_ROWS: &[&str] = &[
    "DELETE FROM places WHERE source = ?",
    "DELETE FROM neighbourhoods WHERE source = ?",
    "DELETE FROM population_units WHERE source = ?",
    "DELETE FROM walk_networks WHERE source = ?",
    "DELETE FROM basemap_chunks WHERE source = ?",
];

/// Deletes a source and its rows; false when there was no such source.
pub async fn delete_source(tx: &mut Transaction<'_, Sqlite>, id: &SourceId) -> StoreResult<bool> {
    for statement in DELETE_SOURCE_ROWS {
        sqlx::query(*statement)
            .bind(&id.0)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    }
    let done = sqlx::query("DELETE FROM sources WHERE id = ?")
        .bind(&id.0)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    Ok(done.rows_affected() > 0)
}

pub async fn insert_source(
    tx: &mut Transaction<'_, Sqlite>,
    source: &DataSource,
    data: &SourceData,
) -> StoreResult<()> {
    sqlx::query("INSERT INTO sources (id, kind, path, sha256, imported_at, attribution, reader, data_as_of, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(&source.id.0)
        .bind(source.kind.as_str())
        .bind(&source.path)
        .bind(&source.sha256)
        .bind(source.imported_at.to_rfc3339())
        .bind(&source.attribution)
        .bind(&source.reader)
        .bind(source.data_as_of.map(|t| t.to_rfc3339()))
        .bind(&source.note)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    insert_places(tx, &data.places).await?;
    insert_neighbourhoods(tx, &data.neighbourhoods).await?;
    insert_population_units(tx, &data.population_units).await?;
    if !data.walk_network.nodes.is_empty() {
        let packed = learnscape_core::walk_packed::pack(&data.walk_network);
        sqlx::query(
            "INSERT INTO walk_networks (source, node_count, layout, nodes, segments) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(&source.id.0)
        .bind(data.walk_network.nodes.len() as i64)
        .bind(packed.layout.code())
        .bind(packed.nodes)
        .bind(packed.segments)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    insert_basemap(tx, &source.id, &data.basemap).await
}

async fn insert_places(tx: &mut Transaction<'_, Sqlite>, places: &[Place]) -> StoreResult<()> {
    for chunk in places.chunks(BATCH) {
        let encoded = chunk
            .iter()
            .map(|p| {
                let attributes = serde_json::to_string(&p.attributes)
                    .map_err(|e| StoreError::Backend(e.to_string()))?;
                Ok((p, to_wkb(&p.shape.to_geometry())?, attributes))
            })
            .collect::<StoreResult<Vec<_>>>()?;
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO places (id, source, source_ref, category, name, geometry, rep_lon, rep_lat, attributes) ",
        );
        q.push_values(encoded, |mut b, (p, wkb, attributes)| {
            b.push_bind(p.id.0.clone())
                .push_bind(p.source.0.clone())
                .push_bind(p.source_ref.clone())
                .push_bind(p.category.as_str())
                .push_bind(p.name.clone())
                .push_bind(wkb)
                .push_bind(p.representative_point.lon)
                .push_bind(p.representative_point.lat)
                .push_bind(attributes);
        });
        q.build().execute(&mut **tx).await.map_err(backend)?;
    }
    Ok(())
}

async fn insert_neighbourhoods(
    tx: &mut Transaction<'_, Sqlite>,
    rows: &[Neighbourhood],
) -> StoreResult<()> {
    for chunk in rows.chunks(BATCH) {
        let encoded = chunk
            .iter()
            .map(|n| Ok((n, to_wkb(&Geometry::MultiPolygon(n.area.clone()))?)))
            .collect::<StoreResult<Vec<_>>>()?;
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO neighbourhoods (id, source, name, geometry, population) ",
        );
        q.push_values(encoded, |mut b, (n, wkb)| {
            b.push_bind(n.id.clone())
                .push_bind(n.source.0.clone())
                .push_bind(n.name.clone())
                .push_bind(wkb)
                .push_bind(n.population);
        });
        q.build().execute(&mut **tx).await.map_err(backend)?;
    }
    Ok(())
}

async fn insert_population_units(
    tx: &mut Transaction<'_, Sqlite>,
    rows: &[PopulationUnit],
) -> StoreResult<()> {
    for chunk in rows.chunks(BATCH) {
        let encoded = chunk
            .iter()
            .map(|u| Ok((u, to_wkb(&u.shape.to_geometry())?)))
            .collect::<StoreResult<Vec<_>>>()?;
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO population_units (id, source, geometry, population) ",
        );
        q.push_values(encoded, |mut b, (u, wkb)| {
            b.push_bind(u.id.clone())
                .push_bind(u.source.0.clone())
                .push_bind(wkb)
                .push_bind(u.population);
        });
        q.build().execute(&mut **tx).await.map_err(backend)?;
    }
    Ok(())
}

async fn insert_basemap(
    tx: &mut Transaction<'_, Sqlite>,
    source: &SourceId,
    features: &[BasemapFeature],
) -> StoreResult<()> {
    // Encoding is CPU work: all chunks in parallel, then written in order.
    let chunks = features
        .par_chunks(basemap_codec::CHUNK)
        .map(|chunk| Ok((chunk.len(), basemap_codec::encode(chunk)?)))
        .collect::<StoreResult<Vec<_>>>()?;
    for (part, (count, blob)) in chunks.into_iter().enumerate() {
        sqlx::query(
            "INSERT INTO basemap_chunks (source, part, feature_count, features) VALUES (?, ?, ?, ?)",
        )
        .bind(&source.0)
        .bind(part as i64)
        .bind(count as i64)
        .bind(blob)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    Ok(())
}

fn corrupt(what: &str, detail: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {detail}"))
}

pub async fn load_sources(pool: &SqlitePool) -> StoreResult<Vec<DataSource>> {
    let rows = sqlx::query(
        "SELECT id, kind, path, sha256, imported_at, attribution, reader, data_as_of, note FROM sources ORDER BY id",
    )
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    rows.iter()
        .map(|r| {
            let kind: String = r.get("kind");
            let imported_at: String = r.get("imported_at");
            let data_as_of: Option<String> = r.get("data_as_of");
            Ok(DataSource {
                id: SourceId(r.get("id")),
                kind: SourceKind::parse(&kind).ok_or_else(|| corrupt("source kind", &kind))?,
                path: r.get("path"),
                sha256: r.get("sha256"),
                reader: r.get("reader"),
                imported_at: DateTime::parse_from_rfc3339(&imported_at)
                    .map_err(|e| corrupt("source import time", e))?
                    .with_timezone(&Utc),
                data_as_of: data_as_of
                    .map(|t| DateTime::parse_from_rfc3339(&t))
                    .transpose()
                    .map_err(|e| corrupt("source data date", e))?
                    .map(|t| t.with_timezone(&Utc)),
                attribution: r.get("attribution"),
                note: r.get("note"),
            })
        })
        .collect()
}

pub async fn load_places(pool: &SqlitePool) -> StoreResult<Vec<Place>> {
    let rows = sqlx::query(
        "SELECT id, source, source_ref, category, name, geometry, rep_lon, rep_lat, attributes FROM places ORDER BY id",
    )
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    rows.iter()
        .map(|r| {
            let category: String = r.get("category");
            let attributes: String = r.get("attributes");
            let geometry: Vec<u8> = r.get("geometry");
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
        })
        .collect()
}

pub async fn load_neighbourhoods(pool: &SqlitePool) -> StoreResult<Vec<Neighbourhood>> {
    let rows = sqlx::query(
        "SELECT id, source, name, geometry, population FROM neighbourhoods ORDER BY id",
    )
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    rows.iter()
        .map(|r| {
            let geometry: Vec<u8> = r.get("geometry");
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

pub async fn load_population_units(pool: &SqlitePool) -> StoreResult<Vec<PopulationUnit>> {
    let rows =
        sqlx::query("SELECT id, source, geometry, population FROM population_units ORDER BY id")
            .fetch_all(pool)
            .await
            .map_err(backend)?;
    rows.iter()
        .map(|r| {
            let geometry: Vec<u8> = r.get("geometry");
            Ok(PopulationUnit {
                id: r.get("id"),
                source: SourceId(r.get("source")),
                shape: shape_from_wkb(&geometry)?,
                population: r.get("population"),
            })
        })
        .collect()
}

pub async fn load_walk_network(pool: &SqlitePool) -> StoreResult<WalkNetwork> {
    let rows = sqlx::query("SELECT layout, nodes, segments FROM walk_networks ORDER BY source")
        .fetch_all(pool)
        .await
        .map_err(backend)?;
    let networks = rows
        .iter()
        .map(|r| {
            let nodes: Vec<u8> = r.get("nodes");
            let segments: Vec<u8> = r.get("segments");
            let layout = Layout::from_code(r.get("layout"))?;
            learnscape_core::walk_packed::unpack(layout, &nodes, &segments)
        })
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(WalkNetwork::merge(networks))
}

pub async fn load_basemap(
    pool: &SqlitePool,
    bbox: Option<Bbox>,
) -> StoreResult<Vec<BasemapFeature>> {
    let rows = sqlx::query("SELECT features FROM basemap_chunks ORDER BY source, part")
        .fetch_all(pool)
        .await
        .map_err(backend)?;
    let mut features = Vec::new();
    for row in &rows {
        let blob: &[u8] = row.get("features");
        basemap_codec::decode(blob, &mut features)?;
    }
    if let Some(b) = bbox {
        features.retain(|f| Bbox::of(&f.geometry).is_some_and(|fb| fb.intersects(&b)));
    }
    Ok(features)
}

#[cfg(test)]
mod tests {
    use crate::EmbeddedStore;
    use learnscape_core::conformance;

    /// Rows from before migration 0003 hold fixed records and get the
    /// column's default: they must read as fixed records.
    #[tokio::test]
    async fn a_walk_network_written_before_the_layout_column_still_reads() {
        let dir = tempfile::tempdir().expect("dir");
        let store = EmbeddedStore::open(&dir.path().join("s.db"))
            .await
            .expect("open");
        let pool = &store.pool;
        conformance::a_walk_network_written_before_layouts_still_reads(
            &store,
            async || {
                sqlx::query_scalar::<_, i64>("SELECT layout FROM walk_networks")
                    .fetch_one(pool)
                    .await
                    .expect("layout")
            },
            async |count, old| {
                sqlx::query("DELETE FROM walk_networks")
                    .execute(pool)
                    .await
                    .expect("delete");
                sqlx::query(
                    "INSERT INTO walk_networks (source, node_count, nodes, segments) VALUES ('a', ?, ?, ?)",
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
    }
}
