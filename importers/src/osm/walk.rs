//! The walk network of walk-model.md §1 from the ways the reader kept.

use super::read::{Extract, RawWay};
use super::tags::{is_footpath, is_steps, is_walkable, way_bar};
use crate::report::ImportReport;
use learnscape_core::units::haversine_m;
use learnscape_core::{Bar, LonLat, WalkNetwork, WalkNode, WalkSegment};
use rayon::prelude::*;

/// One way's segments as indices into the extract's node arrays, plus how
/// many pairs were cut at missing nodes.
struct WaySegments {
    way_id: i64,
    steps: bool,
    /// What bars a wheelchair all along it ([`way_bar`]).
    barred: Option<Bar>,
    footpath: bool,
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
        barred: way_bar(|k| tags.get(k)),
        footpath: is_footpath(|k| tags.get(k)),
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

/// The nodes that bar a wheelchair, by index into the extract's nodes,
/// and what each bars: the segments touching it of every way, except that
/// where a path and a carriageway share it (a kerb where a path meets a
/// street) the carriageway runs on past it.
struct Barriers {
    /// Sorted node indices.
    at: Vec<usize>,
    /// Beside `at`: what bars there.
    bars: Vec<Bar>,
    /// Beside `at`: whether a footpath touches the node.
    on_a_footpath: Vec<bool>,
}

impl Barriers {
    fn of(extract: &Extract, ways: &[WaySegments]) -> Barriers {
        let mut found: Vec<(usize, Bar)> = (extract.barriers.iter())
            .filter_map(|&(id, bar)| Some((extract.nodes.index_of(id)?, bar)))
            .collect();
        found.sort_unstable_by_key(|&(at, _)| at);
        found.dedup_by_key(|&mut (at, _)| at);
        let (at, bars): (Vec<usize>, Vec<Bar>) = found.into_iter().unzip();
        let mut on_a_footpath = vec![false; at.len()];
        if !at.is_empty() {
            for way in ways.iter().filter(|w| w.footpath) {
                for &(a, b) in &way.pairs {
                    for n in [a, b] {
                        if let Ok(k) = at.binary_search(&n) {
                            on_a_footpath[k] = true;
                        }
                    }
                }
            }
        }
        Barriers {
            at,
            bars,
            on_a_footpath,
        }
    }

    /// What bars the segment from `a` to `b` of `way`, if a barrier does
    /// (the one at `a` where both ends have one).
    fn bar(&self, way: &WaySegments, a: usize, b: usize) -> Option<Bar> {
        if self.at.is_empty() {
            return None;
        }
        [a, b].into_iter().find_map(|n| {
            let k = self.at.binary_search(&n).ok()?;
            (way.footpath || !self.on_a_footpath[k]).then_some(self.bars[k])
        })
    }
}

pub fn build_walk_network(extract: &Extract, report: &mut ImportReport) -> WalkNetwork {
    // Node lookups in parallel; vertex numbering afterwards in file order,
    // so the result does not depend on thread timing.
    let ways: Vec<WaySegments> = extract
        .ways
        .par_iter()
        .filter_map(|way| way_segments(way, extract))
        .collect();
    let barriers = Barriers::of(extract, &ways);
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
                // The barrier, said more plainly than the way's tag.
                barred: (barriers.bar(way, a, b)).or(way.barred),
            });
        }
    }
    report.walk_nodes = network.nodes.len();
    report.walk_segments = network.segments.len();
    report.walk_steps_segments = network.segments.iter().filter(|s| s.steps).count();
    report.walk_barred_segments = (network.segments.iter())
        .filter(|s| s.barred.is_some())
        .count();
    report.walk_length_km = network.total_length_m() / 1000.0;
    network
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::osm::nodes::NodePositions;
    use crate::osm::tags::Tags;

    /// A street (way 1, nodes 1-2-3), a footway across it at node 2 (way
    /// 2, nodes 4-2-5) and a path on from its end (way 3, nodes 5-6-7,
    /// `wheelchair` tagged `path_wheelchair`); `barriers` are the nodes
    /// that bar a wheelchair, turnstiles unless said. Each segment as (way,
    /// from, to, what bars it).
    fn barred_ways(
        barriers: Vec<i64>,
        path_wheelchair: Option<&str>,
    ) -> Vec<(i64, u32, u32, Option<Bar>)> {
        let barriers = barriers
            .into_iter()
            .map(|id| (id, Bar::Turnstile))
            .collect();
        let path: Vec<_> = path_wheelchair
            .map(|w| ("wheelchair", w))
            .into_iter()
            .collect();
        barred_by(barriers, &path)
    }

    /// As [`barred_ways`], with what bars at each barrier said and the
    /// path's tags besides `highway=path`.
    fn barred_by(
        barriers: Vec<(i64, Bar)>,
        path_tags: &[(&str, &str)],
    ) -> Vec<(i64, u32, u32, Option<Bar>)> {
        let mut nodes = NodePositions::default();
        for id in 1..=7 {
            nodes.push(id, 95_200_000 + id as i32 * 1000, 471_400_000);
        }
        nodes.finish();
        let way = |id: i64, refs: Vec<i64>, tags: &[(&str, &str)]| RawWay {
            id,
            refs,
            tags: Some(tags.iter().copied().collect::<Tags>()),
        };
        let mut path = vec![("highway", "path")];
        path.extend_from_slice(path_tags);
        let extract = Extract {
            nodes,
            barriers,
            ways: vec![
                way(1, vec![1, 2, 3], &[("highway", "residential")]),
                way(2, vec![4, 2, 5], &[("highway", "footway")]),
                way(3, vec![5, 6, 7], &path),
            ],
            ..Extract::default()
        };
        let mut report = ImportReport::default();
        let network = build_walk_network(&extract, &mut report);
        assert_eq!(
            report.walk_steps_segments, 0,
            "a barrier is no flight of steps"
        );
        assert!(network.segments.iter().all(|s| !s.steps));
        assert_eq!(
            report.walk_barred_segments,
            network
                .segments
                .iter()
                .filter(|s| s.barred.is_some())
                .count()
        );
        let id = |v: u32| network.nodes[v as usize].osm_id;
        (network.segments.iter())
            .map(|s| (s.way_id, id(s.from) as u32, id(s.to) as u32, s.barred))
            .collect()
    }

    fn barred(segments: &[(i64, u32, u32, Option<Bar>)]) -> Vec<(i64, u32, u32)> {
        (segments.iter())
            .filter(|s| s.3.is_some())
            .map(|&(w, a, b, _)| (w, a, b))
            .collect()
    }

    #[test]
    fn a_barrier_bars_the_segments_through_it() {
        // A turnstile in the middle of a path: both its segments.
        assert_eq!(
            barred(&barred_ways(vec![6], None)),
            vec![(3, 5, 6), (3, 6, 7)]
        );
        // Where two paths meet: the segments of both that touch it.
        assert_eq!(
            barred(&barred_ways(vec![5], None)),
            vec![(2, 2, 5), (3, 5, 6)]
        );
        // A node that is not on the network, or none: nothing.
        assert_eq!(barred(&barred_ways(vec![99], None)), vec![]);
        assert_eq!(barred(&barred_ways(vec![], None)).len(), 0);
    }

    #[test]
    fn a_kerb_a_path_and_a_street_share_bars_the_path_not_the_street() {
        assert_eq!(
            barred(&barred_ways(vec![2], None)),
            vec![(2, 4, 2), (2, 2, 5)]
        );
        // Where no path touches it, the street's segment is barred.
        assert_eq!(barred(&barred_ways(vec![1], None)), vec![(1, 1, 2)]);
    }

    #[test]
    fn a_way_tagged_wheelchair_no_is_barred_and_is_no_flight_of_steps() {
        let segments = barred_ways(vec![], Some("no"));
        assert_eq!(barred(&segments), vec![(3, 5, 6), (3, 6, 7)]);
        assert_eq!(barred(&barred_ways(vec![], Some("yes"))).len(), 0);
    }

    #[test]
    fn each_barred_segment_says_what_bars_it() {
        let bars = |segments: Vec<(i64, u32, u32, Option<Bar>)>| -> Vec<(i64, u32, u32, Bar)> {
            (segments.into_iter())
                .filter_map(|(w, a, b, bar)| Some((w, a, b, bar?)))
                .collect()
        };
        // A raised kerb where the footway crosses the street, a stile on
        // the path the footway leads to.
        assert_eq!(
            bars(barred_by(vec![(2, Bar::RaisedKerb), (6, Bar::Stile)], &[])),
            vec![
                (2, 4, 2, Bar::RaisedKerb),
                (2, 2, 5, Bar::RaisedKerb),
                (3, 5, 6, Bar::Stile),
                (3, 6, 7, Bar::Stile),
            ]
        );
        // On a path tagged `wheelchair=no`, the way; where a turnstile
        // stands on it as well, the turnstile.
        assert_eq!(
            bars(barred_by(
                vec![(7, Bar::Turnstile)],
                &[("wheelchair", "no")]
            )),
            vec![(3, 5, 6, Bar::Way), (3, 6, 7, Bar::Turnstile)]
        );
        // On a path too rough for a wheelchair, its surface; the
        // turnstile again where one stands on it.
        assert_eq!(
            bars(barred_by(
                vec![(7, Bar::Turnstile)],
                &[("smoothness", "very_bad")]
            )),
            vec![(3, 5, 6, Bar::Rough), (3, 6, 7, Bar::Turnstile)]
        );
        // Said passable by a wheelchair, however rough: nothing but the
        // turnstile.
        assert_eq!(
            bars(barred_by(
                vec![(7, Bar::Turnstile)],
                &[("smoothness", "bad"), ("wheelchair", "yes")]
            )),
            vec![(3, 6, 7, Bar::Turnstile)]
        );
    }
}
