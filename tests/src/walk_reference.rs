//! An independent reading of walk-model.md §§1–3 for holding the access
//! engine to: petgraph's Dijkstra over the raw segments, snapping by
//! scanning every segment, facility entries found by brute force. No code
//! is shared with `learnscape-access`.

use geo::Contains;
use geo_types::{MultiPolygon, Point};
use learnscape_core::{LonLat, Place, Shape, WalkNetwork};
use petgraph::algo::dijkstra;
use petgraph::graph::{DiGraph, NodeIndex};

const R: f64 = 6_371_008.8;
const SNAP_LIMIT_M: f64 = 250.0;
const AREA_MARGIN_M: f64 = 20.0;

/// Metres east and north of `o` (equirectangular, walk-model.md §2).
fn local(o: LonLat, p: LonLat) -> (f64, f64) {
    let k = R * std::f64::consts::PI / 180.0;
    (
        (p.lon - o.lon) * k * o.lat.to_radians().cos(),
        (p.lat - o.lat) * k,
    )
}

/// (fraction along a→b, metres) of the point of a–b closest to `p`.
fn nearest_on(p: LonLat, a: LonLat, b: LonLat) -> (f64, f64) {
    let (ax, ay) = local(p, a);
    let (bx, by) = local(p, b);
    let (ux, uy) = (bx - ax, by - ay);
    let uu = ux * ux + uy * uy;
    let t = if uu == 0.0 {
        0.0
    } else {
        (-(ax * ux + ay * uy) / uu).clamp(0.0, 1.0)
    };
    (t, (ax + t * ux).hypot(ay + t * uy))
}

#[derive(Debug, Clone, Copy)]
pub struct RefSnap {
    pub segment: usize,
    pub t: f64,
    pub access_m: f64,
}

#[derive(Debug)]
pub struct RefModel<'a> {
    net: &'a WalkNetwork,
}

/// Per category: every vertex's distance to the nearest entry, and the
/// facilities entered on a snapped point (for the same-segment rule).
#[derive(Debug)]
pub struct RefCategory {
    dist: Vec<f64>,
    snapped: Vec<RefSnap>,
}

impl<'a> RefModel<'a> {
    pub fn new(net: &'a WalkNetwork) -> Self {
        Self { net }
    }

    fn pos(&self, v: u32) -> LonLat {
        self.net.nodes[v as usize].position
    }

    pub fn snap(&self, p: LonLat) -> Option<RefSnap> {
        let mut best: Option<RefSnap> = None;
        for (i, s) in self.net.segments.iter().enumerate() {
            let (t, d) = nearest_on(p, self.pos(s.from), self.pos(s.to));
            if d <= SNAP_LIMIT_M && best.is_none_or(|b| d < b.access_m) {
                best = Some(RefSnap {
                    segment: i,
                    t,
                    access_m: d,
                });
            }
        }
        best
    }

    fn near_boundary(&self, area: &MultiPolygon<f64>, p: LonLat) -> bool {
        area.iter().any(|poly| {
            std::iter::once(poly.exterior())
                .chain(poly.interiors())
                .any(|ring| {
                    ring.lines().any(|l| {
                        let a = LonLat::new(l.start.x, l.start.y);
                        let b = LonLat::new(l.end.x, l.end.y);
                        nearest_on(p, a, b).1 <= AREA_MARGIN_M
                    })
                })
        })
    }

    /// Entry vertices of an area: inside, or within 20 m of its boundary.
    fn area_vertices(&self, area: &MultiPolygon<f64>) -> Vec<u32> {
        use geo::BoundingRect;
        let Some(r) = area.bounding_rect() else {
            return Vec::new();
        };
        let pad = 0.001; // about 110 m of latitude: wider than the margin
        (0..self.net.nodes.len() as u32)
            .filter(|&v| {
                let p = self.pos(v);
                p.lon >= r.min().x - pad * 3.0
                    && p.lon <= r.max().x + pad * 3.0
                    && p.lat >= r.min().y - pad
                    && p.lat <= r.max().y + pad
                    && (area.contains(&Point::new(p.lon, p.lat)) || self.near_boundary(area, p))
            })
            .collect()
    }

    pub fn category(&self, facilities: &[&Place]) -> RefCategory {
        let n = self.net.nodes.len();
        let mut g: DiGraph<(), f64> = DiGraph::with_capacity(n + 1, 2 * self.net.segments.len());
        for _ in 0..n {
            g.add_node(());
        }
        for s in &self.net.segments {
            g.add_edge(
                NodeIndex::new(s.from as usize),
                NodeIndex::new(s.to as usize),
                s.length_m,
            );
            g.add_edge(
                NodeIndex::new(s.to as usize),
                NodeIndex::new(s.from as usize),
                s.length_m,
            );
        }
        let source = g.add_node(());
        let mut snapped = Vec::new();
        for place in facilities {
            let vertices = match &place.shape {
                Shape::Area(area) => self.area_vertices(area),
                Shape::Point(_) => Vec::new(),
            };
            if !vertices.is_empty() {
                for v in vertices {
                    g.add_edge(source, NodeIndex::new(v as usize), 0.0);
                }
                continue;
            }
            let Some(s) = self.snap(place.representative_point) else {
                continue;
            };
            let seg = &self.net.segments[s.segment];
            g.add_edge(
                source,
                NodeIndex::new(seg.from as usize),
                s.access_m + s.t * seg.length_m,
            );
            g.add_edge(
                source,
                NodeIndex::new(seg.to as usize),
                s.access_m + (1.0 - s.t) * seg.length_m,
            );
            snapped.push(s);
        }
        let found = dijkstra(&g, source, None, |e| *e.weight());
        let mut dist = vec![f64::INFINITY; n];
        for (node, d) in found {
            if node.index() < n {
                dist[node.index()] = d;
            }
        }
        RefCategory { dist, snapped }
    }

    /// Walk metres from `p` to the category; `None` if `p` is unreachable
    /// or no facility can be reached.
    pub fn distance(&self, category: &RefCategory, p: LonLat) -> Option<f64> {
        self.distance_from(category, &self.snap(p)?)
    }

    /// As [`Self::distance`] for a point already snapped.
    pub fn distance_from(&self, category: &RefCategory, s: &RefSnap) -> Option<f64> {
        let seg = &self.net.segments[s.segment];
        let mut best = (s.access_m + s.t * seg.length_m + category.dist[seg.from as usize])
            .min(s.access_m + (1.0 - s.t) * seg.length_m + category.dist[seg.to as usize]);
        for f in category.snapped.iter().filter(|f| f.segment == s.segment) {
            best = best.min(s.access_m + (s.t - f.t).abs() * seg.length_m + f.access_m);
        }
        best.is_finite().then_some(best)
    }
}
