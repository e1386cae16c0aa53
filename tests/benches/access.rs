//! Access benchmark: graph build, all-categories nearest-facility
//! precompute against one plain multi-source Dijkstra per category (the
//! practical limit), `nearest` and 15-minute `isochrone` latencies over
//! 1,000 random points, and pandana's `nearest_pois` on the same graph
//! when a venv with pandana can be made. Prints a table; asserts nothing.
//!
//! `cargo bench -p learnscape-tests --bench access`

use learnscape_access::analysis::Analysis;
use learnscape_access::directions::{Roads, directions};
use learnscape_access::isochrone::IsochroneStyle;
use learnscape_access::population::DemandPoint;
use learnscape_access::{AccessEngine, FacilityInput, MAX_SNAP_M, SnapIndex, WalkGraph};
use learnscape_core::{Category, LonLat, PlaceId, Shape, WalkingSpeed};
use learnscape_tests::data;
use rayon::prelude::*;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};
use std::alloc::System;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Plain multi-source Dijkstra: distances only, integer-millimetre keys.
fn plain_dijkstra(graph: &WalkGraph, seeds: &[(u32, f64)]) -> Vec<f64> {
    let mut dist = vec![f64::INFINITY; graph.vertex_count()];
    let mut heap = BinaryHeap::new();
    for &(v, c) in seeds {
        if c < dist[v as usize] {
            dist[v as usize] = c;
            heap.push(Reverse(((c * 1000.0) as u64, v)));
        }
    }
    while let Some(Reverse((_, v))) = heap.pop() {
        let d = dist[v as usize];
        for (u, w) in graph.edges(v) {
            let nd = d + w;
            if nd < dist[u as usize] {
                dist[u as usize] = nd;
                heap.push(Reverse(((nd * 1000.0) as u64, u)));
            }
        }
    }
    dist
}

/// Every allocation is counted, so that a structure's memory is the
/// bytes it keeps. The process's resident size, read before, moved with
/// what the allocator had kept from earlier work: the step-free engine,
/// built second on a smaller network, read 2–7 times the first. The
/// count costs an atomic add per allocation, on both sides of every
/// ratio here but pandana's, against which it can only slow ours.
#[global_allocator]
static ALLOCATOR: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// The MiB held now that were not held when `since` began.
fn held_mib(since: &Region<'_, System>) -> f64 {
    let change = since.change();
    let held = change.bytes_allocated as f64 - change.bytes_deallocated as f64
        + change.bytes_reallocated as f64;
    held / (1024.0 * 1024.0)
}

fn percentile(mut v: Vec<f64>, q: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((v.len() as f64 - 1.0) * q).round() as usize]
}

/// The extract's places, plus 50 synthetic ones per category that has
/// fewer than 5 (roads-only extracts have none).
fn facilities(
    places: &[learnscape_core::Place],
    graph: &WalkGraph,
    rng: &mut Rng,
) -> (Vec<FacilityInput>, usize) {
    let mut list: Vec<FacilityInput> = places.iter().map(FacilityInput::from).collect();
    let mut synthetic = 0;
    for category in Category::ALL {
        if list.iter().filter(|f| f.category == category).count() >= 5 {
            continue;
        }
        for i in 0..50 {
            let v = (rng.next() * graph.vertex_count() as f64) as u32;
            let p = graph.position(v.min(graph.vertex_count() as u32 - 1));
            list.push(FacilityInput {
                id: PlaceId(format!("synthetic:{category}-{i}")),
                name: None,
                near_street: None,
                category,
                shape: Shape::Point(p),
                representative_point: p,
                capacity: 1.0,
                hours: None,
            });
            synthetic += 1;
        }
    }
    (list, synthetic)
}

struct PandanaInput {
    dir: tempfile::TempDir,
}

fn write_pandana_input(graph: &WalkGraph, pois: &[(Category, LonLat)]) -> PandanaInput {
    let dir = tempfile::tempdir().expect("dir");
    let mut nodes = String::from("id,x,y\n");
    for (i, p) in graph.positions().iter().enumerate() {
        nodes.push_str(&format!("{i},{},{}\n", p.lon, p.lat));
    }
    let mut edges = String::from("from,to,weight\n");
    for s in graph.segments() {
        edges.push_str(&format!("{},{},{}\n", s.a, s.b, s.length_m));
    }
    let mut poi = String::from("category,x,y\n");
    for (c, p) in pois {
        poi.push_str(&format!("{},{},{}\n", c.as_str(), p.lon, p.lat));
    }
    std::fs::write(dir.path().join("nodes.csv"), nodes).expect("write");
    std::fs::write(dir.path().join("edges.csv"), edges).expect("write");
    std::fs::write(dir.path().join("pois.csv"), poi).expect("write");
    PandanaInput { dir }
}

const PANDANA_SCRIPT: &str = r#"
import sys, time, pandas as pd, pandana
d = sys.argv[1]
nodes = pd.read_csv(f"{d}/nodes.csv", index_col="id")
edges = pd.read_csv(f"{d}/edges.csv")
pois = pd.read_csv(f"{d}/pois.csv")
t0 = time.perf_counter()
net = pandana.Network(nodes.x, nodes.y, edges["from"], edges["to"], edges[["weight"]], twoway=True)
# pandana searches within a radius: 2,500 m is a 30-minute walk, the
# largest threshold learnscape reports (our fields are unbounded).
# nearest_pois needs no precompute(), whose range tables exhaust memory
# on the merged file.
maxdist = 2500
t1 = time.perf_counter()
total = 0.0
for c, group in pois.groupby("category"):
    net.set_pois(c, maxdist, 1, group.x, group.y)
    s = time.perf_counter()
    net.nearest_pois(maxdist, c, num_pois=1)
    total += time.perf_counter() - s
print(f"{t1 - t0:.4f} {total:.4f}")
"#;

/// Seconds for pandana's network build and for nearest_pois over every
/// category, or why it could not run.
fn pandana(input: &PandanaInput) -> Result<(f64, f64), String> {
    let venv = std::env::temp_dir().join("learnscape-bench-pandana");
    let python = venv.join("bin/python");
    if !python.exists() {
        let made = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .map_err(|e| e.to_string())?;
        if !made.success() {
            return Err("python3 -m venv failed".into());
        }
        let pip = Command::new(venv.join("bin/pip"))
            .args(["install", "-q", "pandana"])
            .status()
            .map_err(|e| e.to_string())?;
        if !pip.success() {
            return Err("pip install pandana failed".into());
        }
    }
    let out = Command::new(&python)
        .args(["-c", PANDANA_SCRIPT])
        .arg(input.dir.path())
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let last = stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        return Err(format!("pandana exited with {}: {last}", out.status));
    }
    // pandana prints its own progress first; our two numbers are last.
    let text = String::from_utf8_lossy(&out.stdout);
    let last = text.lines().last().unwrap_or("");
    let mut numbers = last
        .split_whitespace()
        .filter_map(|n| n.parse::<f64>().ok());
    match (numbers.next(), numbers.next()) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(format!("unexpected output {text:?}")),
    }
}

/// Prints the row of the main table; returns the rows of the what-if
/// table (closing each library) and of the step-free table.
fn bench(label: &str, file: &Path, with_pandana: bool) -> (String, String) {
    let (data, _) = data::import_extract(file);
    let graph = WalkGraph::new(&data.walk_network);
    let snaps = SnapIndex::new(&graph);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (list, synthetic) = facilities(&data.places, &graph, &mut rng);
    let pois: Vec<(Category, LonLat)> = list
        .iter()
        .map(|f| (f.category, f.representative_point))
        .collect();

    // The practical limit: one plain Dijkstra per category from the same
    // snapped seeds.
    let seeds_by_category: Vec<Vec<(u32, f64)>> = Category::ALL
        .iter()
        .map(|&c| {
            list.iter()
                .filter(|f| f.category == c)
                .filter_map(|f| snaps.snap(&graph, f.representative_point, MAX_SNAP_M))
                .flat_map(|s| {
                    let seg = graph.segment(s.segment);
                    [
                        (seg.a, s.access_m + s.to_a_m),
                        (seg.b, s.access_m + s.to_b_m),
                    ]
                })
                .collect()
        })
        .collect();
    // In parallel over categories, as the engine runs them.
    let started = Instant::now();
    seeds_by_category.par_iter().for_each(|seeds| {
        std::hint::black_box(plain_dijkstra(&graph, seeds));
    });
    let plain_s = started.elapsed().as_secs_f64();

    // Each engine's memory: the bytes it keeps once built.
    let (held, started) = (Region::new(ALLOCATOR), Instant::now());
    let engine = AccessEngine::new(&data.walk_network, list.clone(), WalkingSpeed::DEFAULT);
    let engine_s = started.elapsed().as_secs_f64();
    let engine_mib = held_mib(&held);
    // The server's second engine, for walks that avoid steps: the same
    // facilities on the network without its steps and what else bars a
    // wheelchair. The server keeps the engine, not that network.
    let (held, started) = (Region::new(ALLOCATOR), Instant::now());
    let level = data.walk_network.step_free();
    let step_free = AccessEngine::new(&level, list, WalkingSpeed::DEFAULT);
    let step_free_s = started.elapsed().as_secs_f64();
    let left_out = data.walk_network.segments.len() - level.segments.len();
    drop(level);
    let step_free_mib = held_mib(&held);
    let times = engine.build_times;
    let build_s = times.graph_s;
    let precompute_s = times.entries_s + times.fields_s;
    // The basemap's roads, which a route's directions are read against,
    // and the memory their index keeps.
    let (held, started) = (Region::new(ALLOCATOR), Instant::now());
    let roads = Roads::new(&data.basemap);
    let roads_s = started.elapsed().as_secs_f64();
    let roads_mib = held_mib(&held);

    // 1,000 random points near the streets.
    let points: Vec<LonLat> = (0..1000)
        .map(|_| {
            let v =
                ((rng.next() * graph.vertex_count() as f64) as usize).min(graph.vertex_count() - 1);
            let p = graph.position(v as u32);
            LonLat::new(
                p.lon + (rng.next() - 0.5) * 0.002,
                p.lat + (rng.next() - 0.5) * 0.002,
            )
        })
        .collect();
    let mut nearest_ms: Vec<f64> = Vec::new();
    let mut step_free_ms: Vec<f64> = Vec::new();
    let mut iso_ms = Vec::new();
    let mut directions_ms = Vec::new();
    for (i, &p) in points.iter().enumerate() {
        let category = Category::ALL[i % Category::ALL.len()];
        let t = Instant::now();
        let answer = std::hint::black_box(engine.nearest(p, category, 5, None, None));
        nearest_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        let _ = std::hint::black_box(step_free.nearest(p, category, 5, None, None));
        step_free_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        if let Some(route) = answer.ok().and_then(|a| a.route) {
            let t = Instant::now();
            std::hint::black_box(directions(&route, &roads));
            directions_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        let t = Instant::now();
        let _ = std::hint::black_box(engine.isochrones(p, &[15.0], IsochroneStyle::default()));
        iso_ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let pandana_cell = if with_pandana {
        match pandana(&write_pandana_input(&graph, &pois)) {
            Ok((_, query_s)) => format!("{query_s:.3} s ({:.0}×)", query_s / precompute_s),
            Err(e) => format!("n/a ({e})"),
        }
    } else {
        "not run".into()
    };
    println!(
        "| {label} | {} / {} | {} (+{synthetic} synthetic) | {build_s:.3} | {precompute_s:.3} ({:.3} + {:.3}) | {plain_s:.3} | {:.2}× | {:.2} / {:.2} | {:.2} / {:.2} | {pandana_cell} | {roads_s:.3} ({:.2}×), {roads_mib:.0} MiB | {:.3} / {:.3} ({:.2}×) |",
        graph.vertex_count(),
        graph.edge_count() / 2,
        data.places.len(),
        times.entries_s,
        times.fields_s,
        precompute_s / plain_s,
        percentile(nearest_ms.clone(), 0.5),
        percentile(nearest_ms.clone(), 0.99),
        percentile(iso_ms.clone(), 0.5),
        percentile(iso_ms, 0.99),
        roads_s / build_s,
        percentile(directions_ms.clone(), 0.5),
        percentile(directions_ms.clone(), 0.99),
        percentile(directions_ms, 0.5) / percentile(nearest_ms.clone(), 0.5),
    );
    let planning = planning_around_steps(&engine, &step_free);
    let steps_row = format!(
        "| {label} | {left_out} | {engine_s:.3} | {step_free_s:.3} ({:.2}×) | {engine_mib:.0} | {step_free_mib:.0} ({:.2}×) | {:.2} | {:.2} ({:.2}×) | {planning} |",
        step_free_s / engine_s,
        step_free_mib / engine_mib,
        percentile(nearest_ms.clone(), 0.5),
        percentile(step_free_ms.clone(), 0.5),
        percentile(step_free_ms, 0.5) / percentile(nearest_ms, 0.5),
    );
    (closing_each_library(label, &engine), steps_row)
}

/// One resident at every fourth street vertex: the extracts carry no
/// population.
fn synthetic_residents(engine: &AccessEngine) -> Vec<DemandPoint> {
    let graph = engine.graph();
    (0..graph.vertex_count() as u32)
        .step_by(4)
        .map(|v| DemandPoint {
            position: graph.position(v),
            population: 1.0,
            unit: 0,
        })
        .collect()
}

/// The planner's figures around steps: the residents snapped to the
/// network without steps (once, on the first figures asked for), against
/// building the analysis; the libraries' figures at 15 min on it, against
/// those taking steps. Residents as for closing each library.
fn planning_around_steps(engine: &AccessEngine, step_free: &AccessEngine) -> String {
    let points = synthetic_residents(engine);
    let started = Instant::now();
    let analysis = Analysis::new(engine, points, Vec::new());
    let analysis_s = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let moved = analysis.on(step_free);
    let moved_s = started.elapsed().as_secs_f64();
    let started = Instant::now();
    std::hint::black_box(analysis.measures(engine, Category::Library, 15.0));
    let measures_s = started.elapsed().as_secs_f64();
    let started = Instant::now();
    std::hint::black_box(moved.measures(step_free, Category::Library, 15.0));
    let free_s = started.elapsed().as_secs_f64();
    format!(
        "{moved_s:.3} ({:.2}×) | {measures_s:.3} | {free_s:.3} ({:.2}×)",
        moved_s / analysis_s,
        free_s / measures_s,
    )
}

/// Closing each library in turn ("what if it closed?"), against the
/// category's figures computed once, which the naive answer (remove it,
/// recompute) needs at least; and ranking them all by whom each one's
/// closing would leave out, against both. Residents: one at every fourth street
/// vertex (synthetic: the extracts carry no population).
fn closing_each_library(label: &str, engine: &AccessEngine) -> String {
    let points = synthetic_residents(engine);
    let analysis = Analysis::new(engine, points.clone(), Vec::new());
    let started = Instant::now();
    std::hint::black_box(analysis.measures(engine, Category::Library, 15.0));
    let measures_s = started.elapsed().as_secs_f64();
    let libraries: Vec<PlaceId> = (0..engine.facility_count(Category::Library) as u32)
        .filter_map(|i| engine.facility_id(Category::Library, i).cloned())
        .collect();
    let closing_ms: Vec<f64> = libraries
        .iter()
        .map(|id| {
            let t = Instant::now();
            std::hint::black_box(analysis.closure(engine, id, 15.0, &[]));
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    let p50 = percentile(closing_ms.clone(), 0.5);
    let each_ms: f64 = closing_ms.iter().sum();
    // All ranked at once, against closing each in turn.
    let t = Instant::now();
    std::hint::black_box(analysis.reliance(engine, Category::Library, 15.0));
    let ranking_ms = t.elapsed().as_secs_f64() * 1000.0;
    format!(
        "| {label} | {} | {} | {measures_s:.3} | {p50:.1} / {:.1} | {:.3}× | {ranking_ms:.1} | {:.2}× | {:.2}× |",
        libraries.len(),
        points.len(),
        percentile(closing_ms, 1.0),
        p50 / 1000.0 / measures_s,
        ranking_ms / 1000.0 / measures_s,
        ranking_ms / each_ms,
    )
}

fn main() {
    let with_pandana = std::env::var("LEARNSCAPE_BENCH_NO_PANDANA").is_err();
    println!(
        "| extract | vertices / segments | facilities | graph build s | all-categories precompute s (entries + fields) | plain Dijkstra × 11 s (parallel) | ratio | nearest p50 / p99 ms | isochrone 15 min p50 / p99 ms | pandana nearest_pois (× ours) | roads index s (× graph build), memory | directions p50 / p99 ms (p50 × nearest's) |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    let files: [(&str, PathBuf); 4] = [
        ("Liechtenstein", data::liechtenstein_pbf()),
        (
            "Heidelberg",
            data::shared_data().join("heidelberg/osm/heidelberg_2024_ors.osm.pbf"),
        ),
        (
            "Porto",
            data::shared_data().join("porto/osm/porto_2015_r5.osm.pbf"),
        ),
        ("merged 14.5 MB", data::merged_pbf()),
    ];
    // LEARNSCAPE_BENCH_ONLY=merged runs the rows whose label contains it.
    let only = std::env::var("LEARNSCAPE_BENCH_ONLY").unwrap_or_default();
    let (mut closing, mut steps) = (Vec::new(), Vec::new());
    for (label, file) in files {
        if label.to_lowercase().contains(&only.to_lowercase()) {
            let (closing_row, steps_row) = bench(label, &file, with_pandana);
            closing.push(closing_row);
            steps.push(steps_row);
        }
    }
    println!(
        "({} cores; precompute = facility entries + every category's nearest field; 5 km/h)",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!();
    println!(
        "| extract | libraries | residents (synthetic, 1 per 4th vertex) | library figures at 15 min s | closing one p50 / max ms | p50 × the figures | ranking all (reliance) ms | × the figures | × closing each in turn |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for row in closing {
        println!("{row}");
    }
    println!();
    println!(
        "| extract | segments of steps or barred | engine build s | step-free engine build s (× the engine) | engine MiB | step-free engine MiB (×) | nearest p50 ms | step-free nearest p50 ms (×) | residents snapped around steps s (× the analysis build) | library figures at 15 min s | step-free s (×) |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for row in steps {
        println!("{row}");
    }
}
