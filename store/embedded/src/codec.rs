//! How values are laid out in SQLite: geometries as OGC WKB, the walk
//! network as packed little-endian arrays.

use geo_types::Geometry;
use geozero::wkb::Wkb;
use geozero::{CoordDimensions, ToGeo, ToWkb};
use learnscape_core::{LonLat, Shape, StoreError, WalkNetwork, WalkNode, WalkSegment};

pub fn to_wkb(geometry: &Geometry<f64>) -> Result<Vec<u8>, StoreError> {
    geometry
        .to_wkb(CoordDimensions::xy())
        .map_err(|e| StoreError::Backend(format!("cannot encode geometry as WKB: {e}")))
}

pub fn from_wkb(bytes: &[u8]) -> Result<Geometry<f64>, StoreError> {
    Wkb(bytes)
        .to_geo()
        .map_err(|e| StoreError::Corrupt(format!("unreadable WKB geometry: {e}")))
}

pub fn shape_from_wkb(bytes: &[u8]) -> Result<Shape, StoreError> {
    match from_wkb(bytes)? {
        Geometry::Point(p) => Ok(Shape::Point(LonLat::from(p))),
        Geometry::MultiPolygon(mp) => Ok(Shape::Area(mp)),
        other => Err(StoreError::Corrupt(format!(
            "expected a Point or MultiPolygon, found {other:?}"
        ))),
    }
}

const NODE_BYTES: usize = 24;
const SEGMENT_BYTES: usize = 24;

pub fn encode_walk(network: &WalkNetwork) -> (Vec<u8>, Vec<u8>) {
    let mut nodes = Vec::with_capacity(network.nodes.len() * NODE_BYTES);
    for n in &network.nodes {
        nodes.extend_from_slice(&n.osm_id.to_le_bytes());
        nodes.extend_from_slice(&n.position.lon.to_le_bytes());
        nodes.extend_from_slice(&n.position.lat.to_le_bytes());
    }
    let mut segments = Vec::with_capacity(network.segments.len() * SEGMENT_BYTES);
    for s in &network.segments {
        segments.extend_from_slice(&s.from.to_le_bytes());
        segments.extend_from_slice(&s.to.to_le_bytes());
        segments.extend_from_slice(&s.length_m.to_le_bytes());
        segments.extend_from_slice(&s.way_id.to_le_bytes());
    }
    (nodes, segments)
}

fn array<const N: usize>(bytes: &[u8]) -> [u8; N] {
    let mut out = [0u8; N];
    out.copy_from_slice(&bytes[..N]);
    out
}

pub fn decode_walk(nodes: &[u8], segments: &[u8]) -> Result<WalkNetwork, StoreError> {
    if !nodes.len().is_multiple_of(NODE_BYTES) || !segments.len().is_multiple_of(SEGMENT_BYTES) {
        return Err(StoreError::Corrupt(
            "walk network arrays have a partial record".into(),
        ));
    }
    let nodes: Vec<WalkNode> = nodes
        .chunks_exact(NODE_BYTES)
        .map(|c| WalkNode {
            osm_id: i64::from_le_bytes(array(&c[0..])),
            position: LonLat::new(
                f64::from_le_bytes(array(&c[8..])),
                f64::from_le_bytes(array(&c[16..])),
            ),
        })
        .collect();
    let segments: Vec<WalkSegment> = segments
        .chunks_exact(SEGMENT_BYTES)
        .map(|c| WalkSegment {
            from: u32::from_le_bytes(array(&c[0..])),
            to: u32::from_le_bytes(array(&c[4..])),
            length_m: f64::from_le_bytes(array(&c[8..])),
            way_id: i64::from_le_bytes(array(&c[16..])),
        })
        .collect();
    let count = nodes.len() as u32;
    if segments.iter().any(|s| s.from >= count || s.to >= count) {
        return Err(StoreError::Corrupt(
            "a walk segment points past the node array".into(),
        ));
    }
    Ok(WalkNetwork { nodes, segments })
}
