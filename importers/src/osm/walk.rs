//! The walk network of walk-model.md §1 from the ways the reader kept.

use super::read::{Extract, RawWay};
use super::tags::{is_steps, is_walkable};
use crate::report::ImportReport;
use learnscape_core::units::haversine_m;
use learnscape_core::{LonLat, WalkNetwork, WalkNode, WalkSegment};
use rayon::prelude::*;

/// One way's segments as indices into the extract's node arrays, plus how
/// many pairs were cut at missing nodes.
struct WaySegments {
    way_id: i64,
    steps: bool,
    pairs: Vec<(usize, usize)>,
    cut: usize,
}

fn way_segments(way: &RawWay, extract: &Extract) -> Option<WaySegments> {
    let tags = way.tags.as_ref()?;
    if !is_walkable(|k| tags.get(k)) {
        return None;
    }
    let indices: Vec<Option<usize>> = way
        .refs
        .iter()
        .map(|&id| extract.nodes.index_of(id))
        .collect();
    let mut out = WaySegments {
        way_id: way.id,
        steps: is_steps(|k| tags.get(k)),
        pairs: Vec::with_capacity(indices.len().saturating_sub(1)),
        cut: 0,
    };
    for pair in indices.windows(2) {
        // A node the file references but does not contain cuts the way:
        // both segments touching it are dropped, the rest stay.
        match (pair[0], pair[1]) {
            (Some(a), Some(b)) => out.pairs.push((a, b)),
            _ => out.cut += 1,
        }
    }
    Some(out)
}

pub fn build_walk_network(extract: &Extract, report: &mut ImportReport) -> WalkNetwork {
    // Node lookups in parallel; vertex numbering afterwards in file order,
    // so the result does not depend on thread timing.
    let ways: Vec<WaySegments> = extract
        .ways
        .par_iter()
        .filter_map(|way| way_segments(way, extract))
        .collect();
    let mut network = WalkNetwork::default();
    let mut vertex_of = vec![u32::MAX; extract.nodes.count()];
    let mut vertex = |index: usize, network: &mut WalkNetwork| -> (u32, LonLat) {
        let (lon, lat) = extract.nodes.at(index);
        let position = LonLat::new(lon, lat);
        if vertex_of[index] == u32::MAX {
            vertex_of[index] = network.nodes.len() as u32;
            network.nodes.push(WalkNode {
                osm_id: extract.nodes.id_at(index),
                position,
            });
        }
        (vertex_of[index], position)
    };
    network
        .segments
        .reserve(ways.iter().map(|w| w.pairs.len()).sum());
    for way in &ways {
        report.walk_segments_cut += way.cut;
        for &(a, b) in &way.pairs {
            let (from, pa) = vertex(a, &mut network);
            let (to, pb) = vertex(b, &mut network);
            network.segments.push(WalkSegment {
                from,
                to,
                length_m: haversine_m(pa, pb),
                way_id: way.way_id,
                steps: way.steps,
            });
        }
    }
    report.walk_nodes = network.nodes.len();
    report.walk_segments = network.segments.len();
    report.walk_steps_segments = network.segments.iter().filter(|s| s.steps).count();
    report.walk_length_km = network.total_length_m() / 1000.0;
    network
}
