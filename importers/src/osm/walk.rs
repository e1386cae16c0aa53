//! The walk network of walk-model.md §1 from the ways the reader kept.

use super::read::Extract;
use super::tags::is_walkable;
use crate::report::ImportReport;
use learnscape_core::units::haversine_m;
use learnscape_core::{LonLat, WalkNetwork, WalkNode, WalkSegment};
use std::collections::HashMap;

pub fn build_walk_network(extract: &Extract, report: &mut ImportReport) -> WalkNetwork {
    let mut network = WalkNetwork::default();
    let mut index: HashMap<i64, u32> = HashMap::new();
    let mut vertex = |id: i64, position: LonLat, network: &mut WalkNetwork| -> u32 {
        *index.entry(id).or_insert_with(|| {
            network.nodes.push(WalkNode {
                osm_id: id,
                position,
            });
            (network.nodes.len() - 1) as u32
        })
    };
    for way in &extract.ways {
        let Some(tags) = &way.tags else { continue };
        if !is_walkable(|k| tags.get(k)) {
            continue;
        }
        for pair in way.refs.windows(2) {
            // A node the file references but does not contain cuts the way:
            // both segments touching it are dropped, the rest stay.
            let (Some(a), Some(b)) = (extract.nodes.get(pair[0]), extract.nodes.get(pair[1]))
            else {
                report.walk_segments_cut += 1;
                continue;
            };
            let (a, b) = (LonLat::new(a.0, a.1), LonLat::new(b.0, b.1));
            let from = vertex(pair[0], a, &mut network);
            let to = vertex(pair[1], b, &mut network);
            network.segments.push(WalkSegment {
                from,
                to,
                length_m: haversine_m(a, b),
                way_id: way.id,
            });
        }
    }
    report.walk_nodes = network.nodes.len();
    report.walk_segments = network.segments.len();
    report.walk_length_km = network.total_length_m() / 1000.0;
    network
}
