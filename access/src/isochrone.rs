//! Isochrone polygons: the street pieces reachable within a time, buffered
//! on a fine grid and traced into polygons with holes where nothing is
//! reached. Not a convex hull of vertices: a river or a rail yard with no
//! crossing stays outside.

use crate::dijkstra::Search;
use crate::frame::LocalFrame;
use crate::graph::WalkGraph;
use crate::snap::Snap;
use geo::{MapCoords, SimplifyVwPreserve};
use geo_types::{Coord, LineString, MultiPolygon, Polygon};
use learnscape_core::LonLat;
use std::collections::HashMap;

/// How the reached network is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IsochroneStyle {
    /// Grid cell size in metres.
    pub cell_m: f64,
    /// How far either side of a reached street counts as reached: a few
    /// steps off the pavement, into the buildings along it.
    pub buffer_m: f64,
}

impl Default for IsochroneStyle {
    fn default() -> Self {
        Self {
            cell_m: 10.0,
            buffer_m: 40.0,
        }
    }
}

/// A closed outline as grid corners.
type Ring = Vec<(isize, isize)>;

struct Grid {
    frame: LocalFrame,
    /// Metres of the grid's south-west corner in the frame.
    min: [f64; 2],
    cell: f64,
    width: usize,
    height: usize,
    filled: Vec<bool>,
    disk: Vec<(isize, isize)>,
}

impl Grid {
    fn new(origin: LonLat, reach_m: f64, style: IsochroneStyle) -> Self {
        let half = reach_m + style.buffer_m + 2.0 * style.cell_m;
        let cells = (2.0 * half / style.cell_m).ceil() as usize + 1;
        let r = (style.buffer_m / style.cell_m).ceil() as isize;
        let mut disk = Vec::new();
        for dy in -r..=r {
            for dx in -r..=r {
                let d = ((dx * dx + dy * dy) as f64).sqrt() * style.cell_m;
                if d <= style.buffer_m {
                    disk.push((dx, dy));
                }
            }
        }
        Self {
            frame: LocalFrame::at(origin),
            min: [-half, -half],
            cell: style.cell_m,
            width: cells,
            height: cells,
            filled: vec![false; cells * cells],
            disk,
        }
    }

    fn mark(&mut self, xy: [f64; 2]) {
        let cx = ((xy[0] - self.min[0]) / self.cell).floor() as isize;
        let cy = ((xy[1] - self.min[1]) / self.cell).floor() as isize;
        for &(dx, dy) in &self.disk {
            let (x, y) = (cx + dx, cy + dy);
            if x >= 0 && y >= 0 && (x as usize) < self.width && (y as usize) < self.height {
                self.filled[y as usize * self.width + x as usize] = true;
            }
        }
    }

    /// Marks the stretch of `a`→`b` from `a` up to `fraction` of its length.
    fn mark_line(&mut self, a: LonLat, b: LonLat, fraction: f64) {
        let (pa, pb) = (self.frame.to_xy(a), self.frame.to_xy(b));
        let end = [
            pa[0] + (pb[0] - pa[0]) * fraction,
            pa[1] + (pb[1] - pa[1]) * fraction,
        ];
        let len = ((end[0] - pa[0]).powi(2) + (end[1] - pa[1]).powi(2)).sqrt();
        let steps = (len / (self.cell / 2.0)).ceil().max(1.0) as usize;
        for i in 0..=steps {
            let f = i as f64 / steps as f64;
            self.mark([pa[0] + (end[0] - pa[0]) * f, pa[1] + (end[1] - pa[1]) * f]);
        }
    }

    fn is_filled(&self, x: isize, y: isize) -> bool {
        x >= 0
            && y >= 0
            && (x as usize) < self.width
            && (y as usize) < self.height
            && self.filled[y as usize * self.width + x as usize]
    }

    /// Fills one cell of every diagonal pair (two filled cells touching
    /// only at a corner), so no traced ring touches itself: such pinches
    /// make invalid polygons. Grows the area by at most a cell here and there.
    fn remove_saddles(&mut self) {
        let mut changed = true;
        while changed {
            changed = false;
            for y in 0..self.height.saturating_sub(1) {
                for x in 0..self.width.saturating_sub(1) {
                    let at = |x: usize, y: usize| y * self.width + x;
                    let (a, b) = (self.filled[at(x, y)], self.filled[at(x + 1, y)]);
                    let (c, d) = (self.filled[at(x, y + 1)], self.filled[at(x + 1, y + 1)]);
                    if a && d && !b && !c {
                        self.filled[at(x + 1, y)] = true;
                        changed = true;
                    } else if b && c && !a && !d {
                        self.filled[at(x, y)] = true;
                        changed = true;
                    }
                }
            }
        }
    }

    /// Traces the filled cells' outlines: rings with the filled side on
    /// the left, so outer rings run anticlockwise and holes clockwise.
    fn polygons(&mut self) -> MultiPolygon<f64> {
        self.remove_saddles();
        // Directed boundary edges between grid corners.
        let mut next: HashMap<(isize, isize), Vec<(isize, isize)>> = HashMap::new();
        for y in 0..self.height as isize {
            for x in 0..self.width as isize {
                if !self.is_filled(x, y) {
                    continue;
                }
                if !self.is_filled(x, y - 1) {
                    next.entry((x, y)).or_default().push((x + 1, y));
                }
                if !self.is_filled(x + 1, y) {
                    next.entry((x + 1, y)).or_default().push((x + 1, y + 1));
                }
                if !self.is_filled(x, y + 1) {
                    next.entry((x + 1, y + 1)).or_default().push((x, y + 1));
                }
                if !self.is_filled(x - 1, y) {
                    next.entry((x, y + 1)).or_default().push((x, y));
                }
            }
        }
        let mut starts: Vec<(isize, isize)> = next.keys().copied().collect();
        starts.sort_unstable();
        let mut rings: Vec<Vec<(isize, isize)>> = Vec::new();
        for start in starts {
            while next.get(&start).is_some_and(|v| !v.is_empty()) {
                let mut ring = vec![start];
                let mut at = start;
                let mut heading = (0isize, 0isize);
                while let Some(outs) = next.get_mut(&at) {
                    // At a corner shared by two diagonal cells, turn left
                    // (keep to the same cell) so rings never cross.
                    let pick = if outs.len() > 1 {
                        let left = (-heading.1, heading.0);
                        outs.iter()
                            .position(|&(nx, ny)| (nx - at.0, ny - at.1) == left)
                            .unwrap_or(0)
                    } else {
                        0
                    };
                    let to = outs.swap_remove(pick);
                    heading = (to.0 - at.0, to.1 - at.1);
                    at = to;
                    if at == start {
                        break;
                    }
                    ring.push(at);
                }
                rings.push(ring);
            }
        }
        self.assemble(rings)
    }

    /// A ring of grid corners in the frame's metres.
    fn ring_to_xy(&self, ring: &[(isize, isize)]) -> LineString<f64> {
        // Drop corners where the outline runs straight on.
        let n = ring.len();
        let mut coords: Vec<Coord<f64>> = Vec::with_capacity(n + 1);
        for i in 0..n {
            let (p, c, q) = (ring[(i + n - 1) % n], ring[i], ring[(i + 1) % n]);
            let straight = (c.0 - p.0) * (q.1 - c.1) == (c.1 - p.1) * (q.0 - c.0);
            if straight {
                continue;
            }
            coords.push(Coord {
                x: self.min[0] + c.0 as f64 * self.cell,
                y: self.min[1] + c.1 as f64 * self.cell,
            });
        }
        if let Some(&first) = coords.first() {
            coords.push(first);
        }
        LineString::new(coords)
    }

    fn assemble(&self, rings: Vec<Vec<(isize, isize)>>) -> MultiPolygon<f64> {
        let signed_area = |r: &[(isize, isize)]| -> i64 {
            let n = r.len();
            (0..n)
                .map(|i| {
                    let (a, b) = (r[i], r[(i + 1) % n]);
                    (a.0 * b.1 - b.0 * a.1) as i64
                })
                .sum()
        };
        let (outers, holes): (Vec<_>, Vec<_>) = rings.into_iter().partition(|r| signed_area(r) > 0);
        let mut polygons: Vec<(Ring, Vec<Ring>)> =
            outers.into_iter().map(|o| (o, Vec::new())).collect();
        for hole in holes {
            // A hole belongs to the smallest outer ring around it.
            let probe = (hole[0].0 as f64 + 0.5, hole[0].1 as f64 + 0.25);
            let owner = polygons
                .iter()
                .enumerate()
                .filter(|(_, (outer, _))| contains(outer, probe))
                .min_by_key(|(_, (outer, _))| signed_area(outer))
                .map(|(i, _)| i);
            if let Some(i) = owner {
                polygons[i].1.push(hole);
            }
        }
        MultiPolygon(
            polygons
                .iter()
                .map(|(outer, holes)| {
                    let polygon = Polygon::new(
                        self.ring_to_xy(outer),
                        holes.iter().map(|h| self.ring_to_xy(h)).collect(),
                    );
                    // Smooth the cell staircase: drop corners whose triangle
                    // is under half a cell, keeping rings valid and apart.
                    let smooth = polygon.simplify_vw_preserve(self.cell * self.cell / 2.0);
                    smooth.map_coords(|c| {
                        let ll = self.frame.to_lonlat([c.x, c.y]);
                        Coord {
                            x: ll.lon,
                            y: ll.lat,
                        }
                    })
                })
                .collect(),
        )
    }
}

/// Even-odd point-in-ring test on grid corners.
fn contains(ring: &[(isize, isize)], p: (f64, f64)) -> bool {
    let n = ring.len();
    let mut inside = false;
    for i in 0..n {
        let (a, b) = (ring[i], ring[(i + 1) % n]);
        let (ax, ay, bx, by) = (a.0 as f64, a.1 as f64, b.0 as f64, b.1 as f64);
        if (ay > p.1) != (by > p.1) && p.0 < ax + (p.1 - ay) * (bx - ax) / (by - ay) {
            inside = !inside;
        }
    }
    inside
}

/// Polygons reachable within each of `reaches_m` (ascending) from `origin`
/// snapped at `snap`; `search` must hold a search from that snap run to at
/// least the largest reach.
pub fn polygons(
    graph: &WalkGraph,
    search: &Search,
    origin: LonLat,
    snap: &Snap,
    reaches_m: &[f64],
    style: IsochroneStyle,
) -> Vec<MultiPolygon<f64>> {
    reaches_m
        .iter()
        .map(|&reach| {
            let mut grid = Grid::new(origin, reach, style);
            if snap.access_m <= reach {
                grid.mark_line(origin, snap.position, 1.0);
                let left = reach - snap.access_m;
                let s = graph.segment(snap.segment);
                for (end, along) in [(s.a, snap.to_a_m), (s.b, snap.to_b_m)] {
                    let fraction = if along > 0.0 {
                        (left / along).min(1.0)
                    } else {
                        1.0
                    };
                    grid.mark_line(snap.position, graph.position(end), fraction);
                }
            } else {
                grid.mark_line(origin, snap.position, reach / snap.access_m);
            }
            for &u in search.reached() {
                let du = search.dist(u);
                if du > reach {
                    continue;
                }
                for (v, w) in graph.edges(u) {
                    let fraction = if w > 0.0 {
                        ((reach - du) / w).min(1.0)
                    } else {
                        1.0
                    };
                    grid.mark_line(graph.position(u), graph.position(v), fraction);
                }
            }
            grid.polygons()
        })
        .collect()
}
