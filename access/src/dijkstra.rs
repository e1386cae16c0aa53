//! Shortest walks: multi-source Dijkstra labelling every vertex with its
//! nearest facility, its incremental updates, and a bounded single-origin
//! search for point queries and isochrones.
//!
//! Labels compare as (distance, facility rank), the rank being the order
//! of the facilities' ids, so a tie goes to the lower id: a full run and
//! any history of incremental updates give the same labels, and two
//! processes holding the same facilities answer alike.

use crate::graph::WalkGraph;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// No facility.
pub const NONE: u32 = u32::MAX;

/// A heap entry. Distances are non-negative, and the bit patterns of
/// non-negative f64s order like the numbers, so the key compares as a
/// plain integer pair: (distance bits, label), then vertex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    dist_bits: u64,
    label: u32,
    vertex: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Item(Key);

impl Item {
    fn new(dist: f64, label: u32, vertex: u32) -> Self {
        Item(Key {
            // + 0.0 turns a -0.0 (whose bits would sort last) into +0.0.
            dist_bits: (dist + 0.0).to_bits(),
            label,
            vertex,
        })
    }
    fn dist(&self) -> f64 {
        f64::from_bits(self.0.dist_bits)
    }
}

impl PartialOrd for Item {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Item {
    /// Reversed, so the max-heap pops the smallest first.
    fn cmp(&self, other: &Self) -> Ordering {
        other.0.cmp(&self.0)
    }
}

/// Each facility index's place in the order of ids; an index past its end
/// (or `NONE`) ranks last.
pub type Ranks = [u32];

fn rank(ranks: &Ranks, label: u32) -> u32 {
    ranks.get(label as usize).copied().unwrap_or(u32::MAX)
}

fn better(d: f64, label: u32, than_d: f64, than_label: u32, ranks: &Ranks) -> bool {
    d < than_d || (d == than_d && rank(ranks, label) < rank(ranks, than_label))
}

/// A seed: facility `facility` reaches `vertex` at `cost` metres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Seed {
    pub vertex: u32,
    pub cost: f64,
    pub facility: u32,
}

/// Every vertex's distance to its nearest facility and which one it is.
#[derive(Debug, Clone, PartialEq)]
pub struct NearestField {
    pub dist: Vec<f64>,
    pub facility: Vec<u32>,
}

impl NearestField {
    pub fn unreached(n: usize) -> Self {
        Self {
            dist: vec![f64::INFINITY; n],
            facility: vec![NONE; n],
        }
    }

    /// Full computation from every seed.
    pub fn compute(graph: &WalkGraph, seeds: &[Seed], ranks: &Ranks) -> Self {
        let mut field = Self::unreached(graph.vertex_count());
        field.add(graph, seeds, ranks);
        field
    }

    /// Adds seeds (a new facility's): only vertices it now wins change.
    /// `ranks` must order the facilities already labelled as before.
    pub fn add(&mut self, graph: &WalkGraph, seeds: &[Seed], ranks: &Ranks) {
        let mut heap = BinaryHeap::new();
        for s in seeds {
            self.offer(s.vertex, s.cost, s.facility, ranks, &mut heap);
        }
        self.settle(graph, heap, ranks);
    }

    /// Labels `v` with (`dist`, `facility`) if that beats its label.
    fn offer(
        &mut self,
        v: u32,
        dist: f64,
        facility: u32,
        ranks: &Ranks,
        heap: &mut BinaryHeap<Item>,
    ) {
        let i = v as usize;
        if better(dist, facility, self.dist[i], self.facility[i], ranks) {
            self.dist[i] = dist;
            self.facility[i] = facility;
            heap.push(Item::new(dist, facility, v));
        }
    }

    /// Removes a facility: its catchment is cleared and refilled from its
    /// border and from `remaining` seeds inside it.
    pub fn remove(&mut self, graph: &WalkGraph, facility: u32, remaining: &[Seed], ranks: &Ranks) {
        let cleared: Vec<u32> = (0..self.facility.len() as u32)
            .filter(|&v| self.facility[v as usize] == facility)
            .collect();
        for &v in &cleared {
            self.dist[v as usize] = f64::INFINITY;
            self.facility[v as usize] = NONE;
        }
        let mut heap = BinaryHeap::new();
        for &v in &cleared {
            for (u, w) in graph.edges(v) {
                let (du, fu) = (self.dist[u as usize], self.facility[u as usize]);
                if fu != NONE {
                    self.offer(v, du + w, fu, ranks, &mut heap);
                }
            }
        }
        for s in remaining {
            self.offer(s.vertex, s.cost, s.facility, ranks, &mut heap);
        }
        self.settle(graph, heap, ranks);
    }

    /// Pops in order of distance (ties in index order, which need not be
    /// rank order: a label beaten on a tie is improved and spread again).
    fn settle(&mut self, graph: &WalkGraph, mut heap: BinaryHeap<Item>, ranks: &Ranks) {
        while let Some(item) = heap.pop() {
            let (dist, label, vertex) = (item.dist(), item.0.label, item.0.vertex);
            let v = vertex as usize;
            if dist != self.dist[v] || label != self.facility[v] {
                continue; // stale
            }
            for (u, w) in graph.edges(vertex) {
                self.offer(u, dist + w, label, ranks, &mut heap);
            }
        }
    }
}

/// Reusable state for bounded searches from one origin; resetting costs
/// only what the last search touched.
#[derive(Debug, Default)]
pub struct Search {
    dist: Vec<f64>,
    pred: Vec<u32>,
    touched: Vec<u32>,
    heap: BinaryHeap<Item>,
}

/// What a visitor tells the search after a vertex is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Stop,
}

impl Search {
    pub fn new(n: usize) -> Self {
        Self {
            dist: vec![f64::INFINITY; n],
            pred: vec![NONE; n],
            touched: Vec::new(),
            heap: BinaryHeap::new(),
        }
    }

    fn reset(&mut self, n: usize) {
        if self.dist.len() != n {
            *self = Self::new(n);
            return;
        }
        for &v in &self.touched {
            self.dist[v as usize] = f64::INFINITY;
            self.pred[v as usize] = NONE;
        }
        self.touched.clear();
        self.heap.clear();
    }

    /// Dijkstra from `seeds` (vertex, metres), settling vertices in order
    /// of distance up to `limit_m`; `visit(vertex, distance)` may stop it.
    pub fn run(
        &mut self,
        graph: &WalkGraph,
        seeds: &[(u32, f64)],
        limit_m: f64,
        mut visit: impl FnMut(u32, f64) -> Flow,
    ) {
        self.reset(graph.vertex_count());
        for &(v, cost) in seeds {
            if cost < self.dist[v as usize] && cost <= limit_m {
                if self.dist[v as usize].is_infinite() {
                    self.touched.push(v);
                }
                self.dist[v as usize] = cost;
                self.heap.push(Item::new(cost, 0, v));
            }
        }
        while let Some(item) = self.heap.pop() {
            let (dist, vertex) = (item.dist(), item.0.vertex);
            if dist != self.dist[vertex as usize] {
                continue;
            }
            if visit(vertex, dist) == Flow::Stop {
                return;
            }
            for (u, w) in graph.edges(vertex) {
                let nd = dist + w;
                let ui = u as usize;
                if nd < self.dist[ui] && nd <= limit_m {
                    if self.dist[ui].is_infinite() {
                        self.touched.push(u);
                    }
                    self.dist[ui] = nd;
                    self.pred[ui] = vertex;
                    self.heap.push(Item::new(nd, 0, u));
                }
            }
        }
    }

    /// Distance of `v` in the last search (infinite if not reached).
    pub fn dist(&self, v: u32) -> f64 {
        self.dist[v as usize]
    }

    /// Vertices reached by the last search.
    pub fn reached(&self) -> &[u32] {
        &self.touched
    }

    /// The path of the last search from its seed to `v`, seed first.
    pub fn path_to(&self, v: u32) -> Vec<u32> {
        let mut path = vec![v];
        let mut at = v;
        while self.pred[at as usize] != NONE {
            at = self.pred[at as usize];
            path.push(at);
        }
        path.reverse();
        path
    }
}
