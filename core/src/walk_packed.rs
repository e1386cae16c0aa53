//! The walk network as two packed little-endian arrays, the layout both
//! stores keep it in: it is always read whole into the routing graph, so a
//! blob per source beats a million rows.
//!
//! Node: OSM id (i64), lon (f64), lat (f64). Segment: from (u32), to (u32),
//! length in metres (f64), way id (i64).

use crate::{LonLat, StoreError, WalkNetwork, WalkNode, WalkSegment};

const NODE_BYTES: usize = 24;
const SEGMENT_BYTES: usize = 24;

/// The network as two packed arrays: nodes, then segments.
pub fn pack(network: &WalkNetwork) -> (Vec<u8>, Vec<u8>) {
    let mut nodes = Vec::new();
    write_nodes(network, &mut nodes);
    let mut segments = Vec::new();
    write_segments(network, &mut segments);
    (nodes, segments)
}

/// Appends the packed node array to `out` (a COPY row writes it in place).
pub fn write_nodes(network: &WalkNetwork, out: &mut Vec<u8>) {
    out.reserve(network.nodes.len() * NODE_BYTES);
    for n in &network.nodes {
        out.extend_from_slice(&n.osm_id.to_le_bytes());
        out.extend_from_slice(&n.position.lon.to_le_bytes());
        out.extend_from_slice(&n.position.lat.to_le_bytes());
    }
}

/// Appends the packed segment array to `out`.
pub fn write_segments(network: &WalkNetwork, out: &mut Vec<u8>) {
    out.reserve(network.segments.len() * SEGMENT_BYTES);
    for s in &network.segments {
        out.extend_from_slice(&s.from.to_le_bytes());
        out.extend_from_slice(&s.to.to_le_bytes());
        out.extend_from_slice(&s.length_m.to_le_bytes());
        out.extend_from_slice(&s.way_id.to_le_bytes());
    }
}

fn array<const N: usize>(bytes: &[u8]) -> [u8; N] {
    let mut out = [0u8; N];
    out.copy_from_slice(&bytes[..N]);
    out
}

/// Inverse of [`pack`]; `Corrupt` when the arrays do not hold a network.
pub fn unpack(nodes: &[u8], segments: &[u8]) -> Result<WalkNetwork, StoreError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_network_survives_packing_and_a_torn_one_is_refused() {
        let network = WalkNetwork {
            nodes: vec![
                WalkNode {
                    osm_id: 7,
                    position: LonLat::new(9.5, 47.1),
                },
                WalkNode {
                    osm_id: -3,
                    position: LonLat::new(9.6, 47.2),
                },
            ],
            segments: vec![WalkSegment {
                from: 0,
                to: 1,
                length_m: 12.5,
                way_id: 42,
            }],
        };
        let (nodes, segments) = pack(&network);
        let back = unpack(&nodes, &segments).expect("unpack");
        assert_eq!(back.nodes, network.nodes);
        assert_eq!(back.segments, network.segments);
        assert!(unpack(&nodes[..nodes.len() - 1], &segments).is_err());
        assert!(unpack(&nodes[..NODE_BYTES], &segments).is_err());
    }
}
