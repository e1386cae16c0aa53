//! Where a facility is entered (walk-model.md §3): a point at its snapped
//! position; an area at every graph vertex inside it or within 20 m of its
//! boundary, else at a point on its surface, snapped.

use crate::frame::{LocalFrame, closest_on_segment};
use crate::graph::WalkGraph;
use crate::snap::{Snap, SnapIndex};
use crate::{AREA_ENTRY_MARGIN_M, MAX_SNAP_M};
use geo::{BoundingRect, Contains};
use geo_types::{MultiPolygon, Point};
use learnscape_core::{LonLat, Shape};
use rstar::primitives::GeomWithData;
use rstar::{AABB, RTree};

/// How a facility meets the graph.
#[derive(Debug, Clone, PartialEq)]
pub enum Entries {
    /// Entered at these vertices at no extra cost.
    Vertices(Vec<u32>),
    /// Entered at a snapped point (a point facility, or an area with no
    /// vertex inside or near it).
    Snapped(Snap),
    /// Farther than the snap limit from every walkable segment.
    Unreachable,
}

/// Graph vertices in an R-tree, for the area rule.
#[derive(Debug, Default)]
pub struct VertexIndex {
    tree: RTree<GeomWithData<[f64; 2], u32>>,
}

impl VertexIndex {
    pub fn new(graph: &WalkGraph) -> Self {
        let points = graph
            .positions()
            .iter()
            .enumerate()
            .map(|(i, p)| GeomWithData::new([p.lon, p.lat], i as u32))
            .collect();
        Self {
            tree: RTree::bulk_load(points),
        }
    }
}

/// Metres from `p` to the nearest edge of any ring of `area`.
fn distance_to_boundary(area: &MultiPolygon<f64>, p: LonLat) -> f64 {
    let frame = LocalFrame::at(p);
    let mut best = f64::INFINITY;
    for polygon in area {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            for line in ring.lines() {
                let a = frame.to_xy(LonLat::new(line.start.x, line.start.y));
                let b = frame.to_xy(LonLat::new(line.end.x, line.end.y));
                best = best.min(closest_on_segment([0.0, 0.0], a, b).1);
            }
        }
    }
    best
}

pub fn entries(
    shape: &Shape,
    representative: LonLat,
    graph: &WalkGraph,
    snaps: &SnapIndex,
    vertices: &VertexIndex,
) -> Entries {
    let snapped = |p: LonLat| {
        snaps
            .snap(graph, p, MAX_SNAP_M)
            .map_or(Entries::Unreachable, Entries::Snapped)
    };
    let area = match shape {
        Shape::Point(p) => return snapped(*p),
        Shape::Area(area) => area,
    };
    let Some(rect) = area.bounding_rect() else {
        return snapped(representative);
    };
    // Widen the box by the margin, measured at its most poleward edge.
    let frame = LocalFrame::at(LonLat::new(
        rect.min().x,
        rect.max().y.abs().max(rect.min().y.abs()),
    ));
    let (dlon, dlat) = frame.degrees(AREA_ENTRY_MARGIN_M);
    let envelope = AABB::from_corners(
        [rect.min().x - dlon, rect.min().y - dlat],
        [rect.max().x + dlon, rect.max().y + dlat],
    );
    let mut inside: Vec<u32> = vertices
        .tree
        .locate_in_envelope(&envelope)
        .filter(|v| {
            let p = LonLat::new(v.geom()[0], v.geom()[1]);
            area.contains(&Point::new(p.lon, p.lat))
                || distance_to_boundary(area, p) <= AREA_ENTRY_MARGIN_M
        })
        .map(|v| v.data)
        .collect();
    if inside.is_empty() {
        return snapped(representative);
    }
    inside.sort_unstable();
    Entries::Vertices(inside)
}
