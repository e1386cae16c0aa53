//! Snapping a point to the closest walkable segment (walk-model.md §2).

use crate::frame::{LocalFrame, closest_on_segment};
use crate::graph::WalkGraph;
use learnscape_core::LonLat;
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};

/// Where a point meets the graph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Snap {
    pub segment: u32,
    /// Fraction of the way from the segment's `a` to its `b`.
    pub t: f64,
    /// The snapped position on the segment.
    pub position: LonLat,
    /// The access leg: straight-line metres from the point to `position`.
    pub access_m: f64,
    /// Metres along the segment from `position` to `a` and to `b`.
    pub to_a_m: f64,
    pub to_b_m: f64,
}

type Entry = GeomWithData<Rectangle<[f64; 2]>, u32>;

/// An R-tree over segment bounding boxes in degrees; distances are measured
/// in a local frame around each query point.
#[derive(Debug, Default)]
pub struct SnapIndex {
    tree: RTree<Entry>,
}

impl SnapIndex {
    pub fn new(graph: &WalkGraph) -> Self {
        let entries = graph
            .segments()
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let (a, b) = (graph.position(s.a), graph.position(s.b));
                GeomWithData::new(
                    Rectangle::from_corners([a.lon, a.lat], [b.lon, b.lat]),
                    i as u32,
                )
            })
            .collect();
        Self {
            tree: RTree::bulk_load(entries),
        }
    }

    /// The closest segment within `max_m`, ties to the lowest segment id;
    /// `None` when there is none (the point is unreachable).
    pub fn snap(&self, graph: &WalkGraph, point: LonLat, max_m: f64) -> Option<Snap> {
        let frame = LocalFrame::at(point);
        let (dlon, dlat) = frame.degrees(max_m);
        let envelope = AABB::from_corners(
            [point.lon - dlon, point.lat - dlat],
            [point.lon + dlon, point.lat + dlat],
        );
        let mut best: Option<(f64, u32, f64)> = None;
        for entry in self.tree.locate_in_envelope_intersecting(&envelope) {
            let id = entry.data;
            let s = graph.segment(id);
            let a = frame.to_xy(graph.position(s.a));
            let b = frame.to_xy(graph.position(s.b));
            let (t, d) = closest_on_segment([0.0, 0.0], a, b);
            let better = match best {
                None => true,
                Some((bd, bid, _)) => d < bd || (d == bd && id < bid),
            };
            if better {
                best = Some((d, id, t));
            }
        }
        let (access_m, segment, t) = best.filter(|(d, _, _)| *d <= max_m)?;
        let s = graph.segment(segment);
        let a = frame.to_xy(graph.position(s.a));
        let b = frame.to_xy(graph.position(s.b));
        let position = frame.to_lonlat([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
        Some(Snap {
            segment,
            t,
            position,
            access_m,
            to_a_m: t * s.length_m,
            to_b_m: (1.0 - t) * s.length_m,
        })
    }
}
