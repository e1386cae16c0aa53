//! The street graph of walk-model.md §1 in compressed sparse rows: vertex
//! ids are u32, each undirected segment is two directed edges.

use learnscape_core::{Bar, Bbox, LonLat, WalkNetwork, WalkSegment};

/// What a walk on a segment goes over, as the route tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Footing {
    /// A flight of steps (walk-model.md §1): told as such in directions.
    pub steps: bool,
    /// What bars a wheelchair otherwise (a turnstile, a raised kerb, a
    /// path tagged `wheelchair=no`), if anything: said of the route, never
    /// as steps.
    pub barred: Option<Bar>,
}

impl Footing {
    /// Neither steps nor barred: what the access leg and the way into a
    /// place are walked on.
    pub const LEVEL: Footing = Footing {
        steps: false,
        barred: None,
    };

    /// What the imported segment `s` goes over.
    pub fn of(s: &WalkSegment) -> Footing {
        Footing {
            steps: s.steps,
            barred: s.barred,
        }
    }
}

/// One walkable segment as imported (undirected).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub a: u32,
    pub b: u32,
    pub length_m: f64,
    pub footing: Footing,
}

#[derive(Debug, Clone, Default)]
pub struct WalkGraph {
    positions: Vec<LonLat>,
    /// Edges of vertex v are `offsets[v]..offsets[v + 1]`.
    offsets: Vec<u32>,
    targets: Vec<u32>,
    lengths: Vec<f64>,
    /// What each edge goes over, beside `targets`.
    edge_footing: Vec<Footing>,
    segments: Vec<Segment>,
}

impl WalkGraph {
    pub fn new(network: &WalkNetwork) -> Self {
        let n = network.nodes.len();
        let mut degree = vec![0u32; n + 1];
        for s in &network.segments {
            degree[s.from as usize] += 1;
            degree[s.to as usize] += 1;
        }
        let mut offsets = Vec::with_capacity(n + 1);
        let mut total = 0u32;
        for d in &degree[..n] {
            offsets.push(total);
            total += d;
        }
        offsets.push(total);
        let mut fill = offsets.clone();
        let mut targets = vec![0u32; total as usize];
        let mut lengths = vec![0f64; total as usize];
        let mut edge_footing = vec![Footing::LEVEL; total as usize];
        for s in &network.segments {
            for (u, v) in [(s.from, s.to), (s.to, s.from)] {
                let slot = fill[u as usize] as usize;
                targets[slot] = v;
                lengths[slot] = s.length_m;
                edge_footing[slot] = Footing::of(s);
                fill[u as usize] += 1;
            }
        }
        Self {
            positions: network.nodes.iter().map(|n| n.position).collect(),
            offsets,
            targets,
            lengths,
            edge_footing,
            segments: network
                .segments
                .iter()
                .map(|s| Segment {
                    a: s.from,
                    b: s.to,
                    length_m: s.length_m,
                    footing: Footing::of(s),
                })
                .collect(),
        }
    }

    pub fn vertex_count(&self) -> usize {
        self.positions.len()
    }

    pub fn edge_count(&self) -> usize {
        self.targets.len()
    }

    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    pub fn segment(&self, id: u32) -> Segment {
        self.segments[id as usize]
    }

    pub fn position(&self, v: u32) -> LonLat {
        self.positions[v as usize]
    }

    pub fn positions(&self) -> &[LonLat] {
        &self.positions
    }

    /// What the walk from `u` to its neighbour `v` goes over: the
    /// shortest segment between them, as the shortest is the one a search
    /// walks (a level one where two are as short). Level for vertices
    /// that are not neighbours.
    pub fn footing_between(&self, u: u32, v: u32) -> Footing {
        let range = self.offsets[u as usize] as usize..self.offsets[u as usize + 1] as usize;
        (range.filter(|&e| self.targets[e] == v))
            .map(|e| (self.lengths[e], self.edge_footing[e]))
            .min_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)))
            .map_or(Footing::LEVEL, |(_, footing)| footing)
    }

    /// The segments a walk that avoids steps leaves out (steps, or barred
    /// otherwise) that reach into `bbox`: what the planner's figures of
    /// such walks go around there. A scan of every segment: the map asks
    /// for one view at a time, from zoom 14.
    pub fn hindrances_within(&self, bbox: Bbox) -> impl Iterator<Item = &Segment> + '_ {
        self.segments.iter().filter(move |s| {
            let (a, b) = (self.position(s.a), self.position(s.b));
            let extent = Bbox::new(
                a.lon.min(b.lon),
                a.lat.min(b.lat),
                a.lon.max(b.lon),
                a.lat.max(b.lat),
            );
            s.footing != Footing::LEVEL && bbox.intersects(&extent)
        })
    }

    /// (neighbour, length in metres) of every edge leaving `v`.
    pub fn edges(&self, v: u32) -> impl Iterator<Item = (u32, f64)> + '_ {
        let range = self.offsets[v as usize] as usize..self.offsets[v as usize + 1] as usize;
        self.targets[range.clone()]
            .iter()
            .copied()
            .zip(self.lengths[range].iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use learnscape_core::WalkNode;

    /// Four nodes in a row 0.001° apart: steps, a level street, a
    /// turnstile.
    fn row() -> WalkGraph {
        let node = |i: u32| WalkNode {
            osm_id: i64::from(i),
            position: LonLat::new(9.5 + f64::from(i) * 0.001, 47.1),
        };
        let segment = |from: u32, steps: bool, barred: Option<Bar>| WalkSegment {
            from,
            to: from + 1,
            length_m: 76.0,
            way_id: i64::from(from),
            steps,
            barred,
        };
        WalkGraph::new(&WalkNetwork {
            nodes: (0..4).map(node).collect(),
            segments: vec![
                segment(0, true, None),
                segment(1, false, None),
                segment(2, false, Some(Bar::Turnstile)),
            ],
        })
    }

    #[test]
    fn hindrances_are_the_segments_not_level_that_reach_into_the_box() {
        let graph = row();
        let within = |west: f64, east: f64| -> Vec<u32> {
            (graph.hindrances_within(Bbox::new(west, 47.0, east, 47.2)))
                .map(|s| s.a)
                .collect()
        };
        assert_eq!(within(9.0, 10.0), [0, 2], "never the level street");
        // A box on the street between them touches neither end of either.
        assert_eq!(within(9.5012, 9.5018), Vec::<u32>::new());
        // A box in the middle of a segment, touching neither of its ends.
        assert_eq!(within(9.5024, 9.5026), [2]);
        assert_eq!(within(9.4, 9.5), [0], "at its end");
        let steps = graph.hindrances_within(Bbox::new(9.0, 47.0, 10.0, 47.2));
        let footings: Vec<Footing> = steps.map(|s| s.footing).collect();
        assert_eq!(
            footings,
            [
                Footing {
                    steps: true,
                    barred: None
                },
                Footing {
                    steps: false,
                    barred: Some(Bar::Turnstile)
                }
            ]
        );
    }
}
