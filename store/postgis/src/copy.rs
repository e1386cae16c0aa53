//! Bulk import with COPY in PostgreSQL's binary format: rows are encoded
//! (in parallel) before the transaction opens, then streamed in one COPY
//! per table, inside the import's one transaction, so a failure anywhere
//! leaves the previous data.
//!
//! The walk network goes the same way, one row per source holding its two
//! packed arrays (learnscape_core::walk_packed) as bytea: packed here,
//! not inside the transaction, and written by the server as it arrives.
//!
//! Binary rather than text: geometries go as the EWKB PostGIS stores,
//! written straight into the row, where text COPY needed them in hex
//! (twice the bytes, escaped on our side, decoded on the server's).

use crate::backend;
use crate::wkb::{SRID, WEB_MERCATOR, lon_lat, web_mercator, write_ewkb};
use learnscape_core::{
    BasemapFeature, BasemapKind, DataSource, Neighbourhood, Place, PopulationUnit, SourceData,
    StoreError, StoreResult, WalkNetwork, walk_packed,
};
use learnscape_tiles::basemap_minzoom;
use rayon::prelude::*;
use sqlx::{Postgres, Transaction};

/// One source's rows, ready to stream.
#[derive(Debug, Default)]
pub struct EncodedRows {
    places: Vec<u8>,
    neighbourhoods: Vec<u8>,
    population_units: Vec<u8>,
    basemap: Vec<u8>,
    walk_network: Vec<u8>,
}

/// The binary COPY stream's signature, flags and header extension length.
const HEADER: &[u8] = b"PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0";
/// A field count of -1 ends the stream.
const TRAILER: &[u8] = &(-1i16).to_be_bytes();

/// A row builder for binary COPY: a field count, then each field as its
/// length and its bytes in the column type's binary ("send") format.
struct Row<'a> {
    out: &'a mut Vec<u8>,
}

impl<'a> Row<'a> {
    fn new(out: &'a mut Vec<u8>, fields: i16) -> Self {
        out.extend_from_slice(&fields.to_be_bytes());
        Self { out }
    }
    fn field(self, bytes: &[u8]) -> Self {
        let len = i32::try_from(bytes.len()).unwrap_or(i32::MAX);
        self.out.extend_from_slice(&len.to_be_bytes());
        self.out.extend_from_slice(bytes);
        self
    }
    fn null(self) -> Self {
        self.out.extend_from_slice(&(-1i32).to_be_bytes());
        self
    }
    /// A field whose bytes are written by `write`, its length filled in
    /// after.
    fn field_with(self, write: impl FnOnce(&mut Vec<u8>)) -> StoreResult<Self> {
        let at = self.out.len();
        self.out.extend_from_slice(&[0; 4]);
        write(self.out);
        let len = i32::try_from(self.out.len() - at - 4)
            .map_err(|_| StoreError::Backend("a row's field exceeds 2 GB".into()))?;
        self.out[at..at + 4].copy_from_slice(&len.to_be_bytes());
        Ok(self)
    }
    fn text(self, value: &str) -> Self {
        self.field(value.as_bytes())
    }
    fn opt_text(self, value: Option<&str>) -> Self {
        match value {
            Some(v) => self.text(v),
            None => self.null(),
        }
    }
    fn bool(self, value: bool) -> Self {
        self.field(&[u8::from(value)])
    }
    fn int2(self, value: i16) -> Self {
        self.field(&value.to_be_bytes())
    }
    fn int8(self, value: i64) -> Self {
        self.field(&value.to_be_bytes())
    }
    fn float8(self, value: f64) -> Self {
        self.field(&value.to_be_bytes())
    }
    /// Non-finite numbers are stored as unknown (NULL), as JSON has no NaN.
    fn opt_float8(self, value: Option<f64>) -> Self {
        match value.filter(|v| v.is_finite()) {
            Some(v) => self.float8(v),
            None => self.null(),
        }
    }
    /// jsonb's binary format: a version byte (1), then the JSON text.
    fn jsonb(self, json: &str) -> StoreResult<Self> {
        self.field_with(|out| {
            out.push(1);
            out.extend_from_slice(json.as_bytes());
        })
    }
    /// A geometry column's binary format is EWKB.
    fn geometry(self, geometry: &geo_types::Geometry<f64>, mercator: bool) -> StoreResult<Self> {
        self.field_with(|out| {
            if mercator {
                write_ewkb(out, geometry, WEB_MERCATOR, &web_mercator)
            } else {
                write_ewkb(out, geometry, SRID, &lon_lat)
            }
        })
    }
}

/// The rows in `parts`, in order, framed as a whole COPY stream in one
/// copy (the basemap's are encoded in parallel parts, 68 MB on the merged
/// extract); nothing when there are no rows.
fn stream(parts: Vec<Vec<u8>>) -> Vec<u8> {
    let len: usize = parts.iter().map(Vec::len).sum();
    if len == 0 {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(HEADER.len() + len + TRAILER.len());
    out.extend_from_slice(HEADER);
    for part in parts {
        out.extend_from_slice(&part);
    }
    out.extend_from_slice(TRAILER);
    out
}

fn encode_places(places: &[Place]) -> StoreResult<Vec<u8>> {
    let mut out = Vec::with_capacity(places.len() * 200);
    for p in places {
        let attributes = serde_json::to_string(&p.attributes)
            .map_err(|e| StoreError::Backend(format!("place {}: {e}", p.id)))?;
        Row::new(&mut out, 10)
            .text(&p.id.0)
            .text(&p.source.0)
            .text(&p.source_ref)
            .text(p.category.as_str())
            .opt_text(p.name.as_deref())
            .geometry(&p.shape.to_geometry(), false)?
            .float8(p.representative_point.lon)
            .float8(p.representative_point.lat)
            .jsonb(&attributes)?
            // Empty for a place called nothing: NULL is a row from before.
            .text(&p.search_key().unwrap_or_default());
    }
    Ok(stream(vec![out]))
}

fn encode_neighbourhoods(rows: &[Neighbourhood]) -> StoreResult<Vec<u8>> {
    let mut out = Vec::new();
    for n in rows {
        Row::new(&mut out, 5)
            .text(&n.id)
            .text(&n.source.0)
            .text(&n.name)
            .geometry(&geo_types::Geometry::MultiPolygon(n.area.clone()), false)?
            .opt_float8(n.population);
    }
    Ok(stream(vec![out]))
}

fn encode_population_units(rows: &[PopulationUnit]) -> StoreResult<Vec<u8>> {
    let mut out = Vec::with_capacity(rows.len() * 120);
    for u in rows {
        Row::new(&mut out, 4)
            .text(&u.id)
            .text(&u.source.0)
            .geometry(&u.shape.to_geometry(), false)?
            .float8(u.population);
    }
    Ok(stream(vec![out]))
}

/// Features per parallel encoding job.
const BASEMAP_CHUNK: usize = 4096;

fn encode_basemap(source: &str, features: &[BasemapFeature]) -> StoreResult<Vec<u8>> {
    let parts = features
        .par_chunks(BASEMAP_CHUNK)
        .enumerate()
        .map(|(part, chunk)| {
            let mut out = Vec::with_capacity(chunk.len() * 400);
            for (i, f) in chunk.iter().enumerate() {
                let ordinal = i64::try_from(part * BASEMAP_CHUNK + i).unwrap_or(i64::MAX);
                let residential = matches!(f.kind, BasemapKind::Building { residential: true });
                Row::new(&mut out, 10)
                    .text(source)
                    .int8(ordinal)
                    .text(f.kind.as_str())
                    .bool(residential)
                    .text(&f.class)
                    .opt_text(f.name.as_deref())
                    .opt_float8(f.population)
                    .int2(i16::from(basemap_minzoom(f)))
                    .geometry(&f.geometry, false)?
                    .geometry(&f.geometry, true)?;
            }
            Ok(out)
        })
        .collect::<StoreResult<Vec<Vec<u8>>>>()?;
    Ok(stream(parts))
}

/// One row: the source, its node count, the layout and the two packed
/// arrays; nothing for a source without a walk network.
fn encode_walk_network(source: &str, network: &WalkNetwork) -> StoreResult<Vec<u8>> {
    if network.nodes.is_empty() {
        return Ok(Vec::new());
    }
    let node_count = i64::try_from(network.nodes.len()).unwrap_or(i64::MAX);
    let packed = walk_packed::pack(network);
    let mut out = Vec::with_capacity(packed.nodes.len() + packed.segments.len() + 64);
    Row::new(&mut out, 5)
        .text(source)
        .int8(node_count)
        .int2(packed.layout.code())
        .field_with(|out| out.extend_from_slice(&packed.nodes))?
        .field_with(|out| out.extend_from_slice(&packed.segments))?;
    Ok(stream(vec![out]))
}

pub fn encode_source(source: &DataSource, data: &SourceData) -> StoreResult<EncodedRows> {
    // The basemap is encoded in parallel chunks; the walk network, one
    // sequential 37 MB pack on the merged extract, alongside it.
    let (basemap, walk_network) = rayon::join(
        || encode_basemap(&source.id.0, &data.basemap),
        || encode_walk_network(&source.id.0, &data.walk_network),
    );
    Ok(EncodedRows {
        places: encode_places(&data.places)?,
        neighbourhoods: encode_neighbourhoods(&data.neighbourhoods)?,
        population_units: encode_population_units(&data.population_units)?,
        basemap: basemap?,
        walk_network: walk_network?,
    })
}

async fn copy(
    tx: &mut Transaction<'_, Postgres>,
    statement: &'static str,
    data: Vec<u8>,
) -> StoreResult<()> {
    if data.is_empty() {
        return Ok(());
    }
    let mut sink = tx.copy_in_raw(statement).await.map_err(backend)?;
    if let Err(e) = sink.send(data).await {
        // The connection must leave COPY mode before the rollback.
        let _ = sink.abort("learnscape: sending rows failed").await;
        return Err(backend(e));
    }
    sink.finish().await.map_err(backend)?;
    Ok(())
}

pub async fn copy_rows(tx: &mut Transaction<'_, Postgres>, rows: EncodedRows) -> StoreResult<()> {
    copy(
        tx,
        "COPY places (id, source, source_ref, category, name, geom, rep_lon, rep_lat, attributes, called_key) FROM STDIN (FORMAT binary)",
        rows.places,
    )
    .await?;
    copy(
        tx,
        "COPY neighbourhoods (id, source, name, geom, population) FROM STDIN (FORMAT binary)",
        rows.neighbourhoods,
    )
    .await?;
    copy(
        tx,
        "COPY population_units (id, source, geom, population) FROM STDIN (FORMAT binary)",
        rows.population_units,
    )
    .await?;
    copy(
        tx,
        "COPY basemap (source, ordinal, kind, residential, class, name, population, minzoom, geom, geom_3857) FROM STDIN (FORMAT binary)",
        rows.basemap,
    )
    .await?;
    copy(
        tx,
        "COPY walk_networks (source, node_count, layout, nodes, segments) FROM STDIN (FORMAT binary)",
        rows.walk_network,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_a_field_count_then_length_prefixed_fields() {
        let mut out = Vec::new();
        Row::new(&mut out, 4)
            .text("ab")
            .opt_text(None)
            .opt_float8(Some(f64::NAN))
            .int2(7);
        assert_eq!(
            out,
            [
                &[0, 4][..],
                &[0, 0, 0, 2, b'a', b'b'],
                &[0xff; 4],
                &[0xff; 4],
                &[0, 0, 0, 2, 0, 7],
            ]
            .concat()
        );
    }

    #[test]
    fn a_stream_is_framed_and_nothing_is_sent_for_no_rows() {
        assert!(stream(vec![Vec::new(), Vec::new()]).is_empty());
        let framed = stream(vec![vec![9]]);
        assert!(framed.starts_with(b"PGCOPY\n\xff\r\n\0"));
        assert_eq!(framed.len(), 19 + 1 + 2);
        assert!(framed.ends_with(&[9, 0xff, 0xff]));
        assert!(stream(vec![vec![1], Vec::new(), vec![2]]).ends_with(&[1, 2, 0xff, 0xff]));
    }

    #[test]
    fn a_walk_network_is_one_row_of_its_packed_arrays_and_none_is_no_row() {
        use learnscape_core::{LonLat, WalkNode, WalkSegment};
        assert!(
            encode_walk_network("s", &WalkNetwork::default())
                .expect("encode")
                .is_empty()
        );
        let network = WalkNetwork {
            nodes: vec![
                WalkNode {
                    osm_id: 1,
                    position: LonLat::new(9.5, 47.1),
                },
                WalkNode {
                    osm_id: 2,
                    position: LonLat::new(9.6, 47.2),
                },
            ],
            segments: vec![WalkSegment {
                from: 0,
                to: 1,
                length_m: 3.5,
                way_id: 9,
                steps: false,
                barred: None,
            }],
        };
        let packed = walk_packed::pack(&network);
        let mut row = Vec::new();
        Row::new(&mut row, 5)
            .text("s")
            .int8(2)
            .int2(packed.layout.code())
            .field(&packed.nodes)
            .field(&packed.segments);
        assert_eq!(
            encode_walk_network("s", &network).expect("encode"),
            stream(vec![row])
        );
    }
}
