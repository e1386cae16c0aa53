//! The street graph of walk-model.md §1 in compressed sparse rows: vertex
//! ids are u32, each undirected segment is two directed edges.

use learnscape_core::{Bar, LonLat, WalkNetwork, WalkSegment};

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

    /// (neighbour, length in metres) of every edge leaving `v`.
    pub fn edges(&self, v: u32) -> impl Iterator<Item = (u32, f64)> + '_ {
        let range = self.offsets[v as usize] as usize..self.offsets[v as usize + 1] as usize;
        self.targets[range.clone()]
            .iter()
            .copied()
            .zip(self.lengths[range].iter().copied())
    }
}
