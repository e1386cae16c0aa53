//! Generated test inputs: jittered street grids with gaps and facilities,
//! some beyond the snap limit, some areas.
#![allow(dead_code)]

use geo_types::{MultiPolygon, polygon};
use learnscape_access::analysis::{Analysis, AreaInput};
use learnscape_access::frame::LocalFrame;
use learnscape_access::measures::AreaFigures;
use learnscape_access::population::DemandPoint;
use learnscape_access::{AccessEngine, FacilityInput};
use learnscape_core::hours::Hours;
use learnscape_core::units::haversine_m;
use learnscape_core::{
    Category, LonLat, PlaceId, Shape, WalkNetwork, WalkNode, WalkSegment, WalkingSpeed,
};

/// A small deterministic generator, so proptest only has to pick seeds.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next() * n as f64) as usize).min(n - 1)
    }
}

pub const BASE: LonLat = LonLat::new(9.52, 47.14);

pub fn offset(east_m: f64, north_m: f64) -> LonLat {
    LocalFrame::at(BASE).to_lonlat([east_m, north_m])
}

/// A jittered grid with random gaps (so some parts are disconnected).
pub fn network(rng: &mut Rng, side: usize) -> WalkNetwork {
    let mut nodes = Vec::new();
    for y in 0..side {
        for x in 0..side {
            nodes.push(WalkNode {
                osm_id: (y * side + x) as i64 + 1,
                position: offset(
                    x as f64 * 100.0 + rng.next() * 30.0,
                    y as f64 * 100.0 + rng.next() * 30.0,
                ),
            });
        }
    }
    let mut segments = Vec::new();
    let link = |a: usize, b: usize, segments: &mut Vec<WalkSegment>| {
        segments.push(WalkSegment {
            from: a as u32,
            to: b as u32,
            length_m: haversine_m(nodes[a].position, nodes[b].position),
            way_id: segments.len() as i64,
            steps: false,
            barred: None,
        });
    };
    for y in 0..side {
        for x in 0..side {
            let i = y * side + x;
            if x + 1 < side && rng.next() < 0.8 {
                link(i, i + 1, &mut segments);
            }
            if y + 1 < side && rng.next() < 0.8 {
                link(i, i + side, &mut segments);
            }
        }
    }
    WalkNetwork { nodes, segments }
}

pub fn square(center: LonLat, half_m: f64) -> MultiPolygon<f64> {
    let frame = LocalFrame::at(center);
    let c = |x: f64, y: f64| {
        let p = frame.to_lonlat([x, y]);
        (p.lon, p.lat)
    };
    let (a, b, cc, d) = (
        c(-half_m, -half_m),
        c(half_m, -half_m),
        c(half_m, half_m),
        c(-half_m, half_m),
    );
    MultiPolygon(vec![polygon![
        (x: a.0, y: a.1), (x: b.0, y: b.1), (x: cc.0, y: cc.1), (x: d.0, y: d.1), (x: a.0, y: a.1)
    ]])
}

/// Opening hours the generated facilities take in turn; none for some.
pub const HOURS: [Option<&str>; 4] = [
    Some("Mo-Fr 09:00-17:00"),
    None,
    Some("Sa,Su 10:00-14:00; PH off"),
    Some("24/7"),
];

pub fn facilities(rng: &mut Rng, side: usize, count: usize) -> Vec<FacilityInput> {
    let extent = side as f64 * 100.0;
    (0..count)
        .map(|i| {
            // Some beyond the 250 m snap limit, some areas.
            let p = offset(
                rng.next() * (extent + 600.0) - 300.0,
                rng.next() * (extent + 600.0) - 300.0,
            );
            let shape = if rng.next() < 0.3 {
                Shape::Area(square(p, 10.0 + rng.next() * 60.0))
            } else {
                Shape::Point(p)
            };
            FacilityInput {
                id: PlaceId(format!("t:f{i}")),
                name: Some(format!("F{i}")),
                near_street: None,
                category: Category::Library,
                shape,
                representative_point: p,
                capacity: 1.0,
                // By index, not drawn: the random stream (and the seeds
                // kept in regression files) stays as it was.
                hours: HOURS[i % HOURS.len()].map(|h| Hours::parse(h).expect("test hours read")),
            }
        })
        .collect()
}

/// A point on a grid `extent` metres wide, or up to 200 m around it.
pub fn anywhere(rng: &mut Rng, extent: f64) -> LonLat {
    offset(
        rng.next() * (extent + 400.0) - 200.0,
        rng.next() * (extent + 400.0) - 200.0,
    )
}

/// 40 residents on or around a grid `extent` metres wide, 1 to 51 at each
/// point, and two square areas over parts of it.
pub fn residents_and_areas(rng: &mut Rng, extent: f64) -> (Vec<DemandPoint>, Vec<AreaInput>) {
    let points = (0..40)
        .map(|_| DemandPoint {
            position: anywhere(rng, extent),
            population: 1.0 + (rng.next() * 50.0).round(),
            unit: 0,
        })
        .collect();
    let areas = (0..2)
        .map(|k| AreaInput {
            id: format!("a{k}"),
            name: format!("A{k}"),
            area: square(anywhere(rng, extent), 100.0 + rng.next() * 300.0),
            stated_population: None,
            near: None,
        })
        .collect();
    (points, areas)
}

/// The whole area's library figures and each area's within `minutes`,
/// recomputed from nothing with `list` open: what a what-if must match.
pub fn library_figures(
    net: &WalkNetwork,
    list: Vec<FacilityInput>,
    points: &[DemandPoint],
    areas: &[AreaInput],
    minutes: f64,
) -> (AreaFigures, Vec<AreaFigures>) {
    let engine = AccessEngine::new(net, list, WalkingSpeed::DEFAULT);
    let analysis = Analysis::new(&engine, points.to_vec(), areas.to_vec());
    let m = analysis.measures(&engine, Category::Library, minutes);
    let by_area = (analysis.area_reports(&m, minutes).into_iter())
        .map(|r| r.figures)
        .collect();
    (analysis.overall(&m, minutes), by_area)
}

/// An area's E2SFCA per 10,000, none (no residents) as 0.
pub fn supply(f: &AreaFigures) -> f64 {
    f.e2sfca_per_10k.unwrap_or(0.0)
}

/// A new library at `at` standing beside `list`.
pub fn library_at(at: LonLat, k: usize) -> FacilityInput {
    FacilityInput {
        id: PlaceId(format!("t:zz-candidate-{k}")),
        name: None,
        near_street: None,
        category: Category::Library,
        shape: Shape::Point(at),
        representative_point: at,
        capacity: 1.0,
        hours: None,
    }
}
