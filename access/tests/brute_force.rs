//! The engine against a brute-force reading of walk-model.md on generated
//! graphs: snapping by scanning every segment, and a plain O(n²) Dijkstra
//! on the graph with the origin and facility split into their segments.

use chrono::NaiveDateTime;
use geo::Contains;
use geo_types::Point;
use learnscape_access::frame::{LocalFrame, closest_on_segment};
use learnscape_access::{AccessEngine, FacilityInput, Footing, Route};
use learnscape_core::hours::{LOCAL_TIME, When};
use learnscape_core::units::haversine_m;
use learnscape_core::{
    Bar, Category, LonLat, PlaceId, Shape, WalkNetwork, WalkSegment, WalkingSpeed,
};
use proptest::prelude::*;

mod common;
use common::{Rng, facilities, network, offset};

/// Brute-force snap: every segment scanned.
fn brute_snap(net: &WalkNetwork, p: LonLat) -> Option<(usize, f64, f64)> {
    let frame = LocalFrame::at(p);
    net.segments
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let a = frame.to_xy(net.nodes[s.from as usize].position);
            let b = frame.to_xy(net.nodes[s.to as usize].position);
            let (t, d) = closest_on_segment([0.0, 0.0], a, b);
            (i, t, d)
        })
        .filter(|(_, _, d)| *d <= 250.0)
        .min_by(|x, y| x.2.total_cmp(&y.2).then(x.0.cmp(&y.0)))
}

/// Plain Dijkstra, O(n²), on an explicit adjacency list.
fn plain_dijkstra(n: usize, edges: &[(usize, usize, f64)], source: usize) -> Vec<f64> {
    let mut adj = vec![Vec::new(); n];
    for &(a, b, w) in edges {
        adj[a].push((b, w));
        adj[b].push((a, w));
    }
    let mut dist = vec![f64::INFINITY; n];
    let mut done = vec![false; n];
    dist[source] = 0.0;
    for _ in 0..n {
        let Some(u) = (0..n)
            .filter(|&i| !done[i] && dist[i].is_finite())
            .min_by(|&a, &b| dist[a].total_cmp(&dist[b]))
        else {
            break;
        };
        done[u] = true;
        for &(v, w) in &adj[u] {
            dist[v] = dist[v].min(dist[u] + w);
        }
    }
    dist
}

/// Metres from `origin` to facility `f` by the walk model, brute force.
fn brute_distance(net: &WalkNetwork, origin: LonLat, f: &FacilityInput) -> Option<f64> {
    let (os, ot, oa) = brute_snap(net, origin)?;
    let n = net.nodes.len();
    let (origin_node, target_node) = (n, n + 1);
    let mut edges: Vec<(usize, usize, f64)> = Vec::new();
    // Splits segment `seg` at fraction `t` into the node `at`.
    let split = |seg: usize, cuts: &[(f64, usize)], edges: &mut Vec<(usize, usize, f64)>| {
        let s = &net.segments[seg];
        let mut points = vec![(0.0, s.from as usize)];
        points.extend_from_slice(cuts);
        points.push((1.0, s.to as usize));
        points.sort_by(|a, b| a.0.total_cmp(&b.0));
        for w in points.windows(2) {
            edges.push((w[0].1, w[1].1, (w[1].0 - w[0].0) * s.length_m));
        }
    };
    let mut targets: Vec<(usize, f64)> = Vec::new();
    let mut facility_cut: Option<(usize, f64)> = None;
    let entry_vertices: Vec<usize> = match &f.shape {
        Shape::Area(area) => (0..n)
            .filter(|&v| {
                let p = net.nodes[v].position;
                area.contains(&Point::new(p.lon, p.lat)) || {
                    let frame = LocalFrame::at(p);
                    area.0[0].exterior().lines().any(|l| {
                        let a = frame.to_xy(LonLat::new(l.start.x, l.start.y));
                        let b = frame.to_xy(LonLat::new(l.end.x, l.end.y));
                        closest_on_segment([0.0, 0.0], a, b).1 <= 20.0
                    })
                }
            })
            .collect(),
        Shape::Point(_) => Vec::new(),
    };
    if entry_vertices.is_empty() {
        let (fs, ft, fa) = brute_snap(net, f.representative_point)?;
        facility_cut = Some((fs, ft));
        targets.push((target_node, fa));
    } else {
        targets.extend(entry_vertices.iter().map(|&v| (v, 0.0)));
    }
    for (i, s) in net.segments.iter().enumerate() {
        let mut cuts = Vec::new();
        if i == os {
            cuts.push((ot, origin_node));
        }
        if let Some((fs, ft)) = facility_cut
            && i == fs
        {
            cuts.push((ft, target_node));
        }
        if cuts.is_empty() {
            edges.push((s.from as usize, s.to as usize, s.length_m));
        } else {
            split(i, &cuts, &mut edges);
        }
    }
    let dist = plain_dijkstra(n + 2, &edges, origin_node);
    targets
        .iter()
        .map(|&(v, extra)| oa + dist[v] + extra)
        .filter(|d| d.is_finite())
        .min_by(f64::total_cmp)
}

fn check_case(seed: u64) {
    let mut rng = Rng(seed | 1);
    let side = 3 + rng.below(5);
    let mut net = network(&mut rng, side);
    // Some segments are flights of steps, drawn from a generator of their
    // own so that the kept seeds still make the same cities.
    let mut flights = Rng(seed.rotate_left(17) | 1);
    for s in &mut net.segments {
        s.steps = flights.next() < 0.3;
    }
    // And some barred to a wheelchair otherwise, from a third, by each
    // kind of bar in turn (not drawn, so that the seeds make those cities).
    let mut barriers = Rng(seed.rotate_left(29) | 1);
    for (i, s) in net.segments.iter_mut().enumerate() {
        s.barred = (barriers.next() < 0.2).then_some(Bar::ALL[i % Bar::ALL.len()]);
    }
    let count = 1 + rng.below(6);
    let list = facilities(&mut rng, side, count);
    let engine = AccessEngine::new(&net, list.clone(), WalkingSpeed::DEFAULT);
    // A point facility is reported unreachable exactly when nothing snaps.
    let stranded = engine.unreachable_facilities(Category::Library);
    for f in list.iter().filter(|f| matches!(f.shape, Shape::Point(_))) {
        assert_eq!(
            stranded.contains(&f.id),
            brute_snap(&net, f.representative_point).is_none(),
            "seed {seed}: {}",
            f.id.0
        );
    }
    for _ in 0..8 {
        let extent = side as f64 * 100.0;
        // Some origins exactly at a facility (zero distance), some far off.
        let origin = if rng.next() < 0.2 {
            list[rng.below(list.len())].representative_point
        } else {
            offset(
                rng.next() * (extent + 800.0) - 400.0,
                rng.next() * (extent + 800.0) - 400.0,
            )
        };
        let expected = list
            .iter()
            .filter_map(|f| brute_distance(&net, origin, f))
            .min_by(f64::total_cmp);
        match (
            brute_snap(&net, origin),
            engine.nearest(origin, Category::Library, 3, None, None),
        ) {
            (None, Err(_)) => {}
            (None, Ok(a)) => panic!("seed {seed}: {origin:?} should be unreachable, got {a:?}"),
            (Some(_), Err(e)) => panic!("seed {seed}: {origin:?} snaps, engine says {e}"),
            (Some(_), Ok(answer)) => {
                let got = answer.facilities.first().map(|f| f.meters);
                match (expected, got) {
                    (None, None) => {}
                    (Some(e), Some(g)) => assert!(
                        (e - g).abs() < 1e-6,
                        "seed {seed}: {origin:?}: brute force {e} m, engine {g} m"
                    ),
                    other => panic!("seed {seed}: {origin:?}: {other:?}"),
                }
                // The precomputed field agrees with the search.
                let field = engine
                    .nearest_from_snap(&answer.snap, Category::Library)
                    .map(|(m, _)| m);
                match (got, field) {
                    (Some(g), Some(f)) => assert!((g - f).abs() < 1e-6, "seed {seed}"),
                    (None, None) => {}
                    other => panic!("seed {seed}: search and field disagree: {other:?}"),
                }
                // Facilities come in order of distance, each brute-checked.
                for pair in answer.facilities.windows(2) {
                    assert!(pair[0].meters <= pair[1].meters);
                }
                for found in &answer.facilities {
                    let f = list.iter().find(|f| f.id == found.id).expect("listed");
                    let e = brute_distance(&net, origin, f).expect("reachable");
                    assert!((e - found.meters).abs() < 1e-6, "seed {seed}: {}", f.id.0);
                }
                check_open_at(&engine, &net, &list, origin, seed);
                check_walk_to(&engine, &net, &list, origin, seed);
            }
        }
    }
}

/// The walk to each facility, nearest or not, is as long as brute force
/// finds it, with a route to it; none where no walk reaches it.
fn check_walk_to(
    engine: &AccessEngine,
    net: &WalkNetwork,
    list: &[FacilityInput],
    origin: LonLat,
    seed: u64,
) {
    for f in list {
        let answer = engine
            .walk_to(origin, &f.id)
            .expect("the origin snaps")
            .expect("the engine holds it");
        let got = answer.facilities.first().map(|x| (x.id.clone(), x.meters));
        match (brute_distance(net, origin, f), got) {
            (None, None) => assert!(answer.route.is_none(), "seed {seed}: {}", f.id.0),
            (Some(e), Some((id, g))) => {
                assert_eq!(id, f.id, "seed {seed}");
                assert!(
                    (e - g).abs() < 1e-6,
                    "seed {seed}: {}: brute force {e} m, walk {g} m",
                    f.id.0
                );
                let route = answer.route.as_ref().expect("a route");
                assert!((route.meters - g).abs() < 1e-6, "seed {seed}");
                check_route_steps(net, route, seed);
            }
            other => panic!("seed {seed}: {}: {other:?}", f.id.0),
        }
    }
    let none = engine.walk_to(origin, &PlaceId("no such place".into()));
    assert!(matches!(none, Ok(None)), "seed {seed}: {none:?}");
}

/// Each piece of a route is steps (and barred, by what) exactly when the segment
/// it runs along is; a piece along no segment (the walk to or from the
/// streets) never is; and the route's metres on steps are those pieces'.
fn check_route_steps(net: &WalkNetwork, route: &Route, seed: u64) {
    assert_eq!(
        route.steps.len() + 1,
        route.coordinates.len(),
        "seed {seed}"
    );
    let mut on_steps = 0.0;
    for (a, b, footing) in route.pieces() {
        let length = haversine_m(a, b);
        if footing.steps {
            on_steps += length;
        }
        // A piece shorter than twice the tolerance below cannot be told to
        // run along a segment: the level walk onto the streets from a point
        // 7 mm off a flight of steps lies "on" it (seed 17877935869522862884).
        if length < 0.02 {
            continue;
        }
        let frame = LocalFrame::at(a);
        let on = |p: LonLat, s: &WalkSegment| {
            let ends = [s.from, s.to].map(|v| frame.to_xy(net.nodes[v as usize].position));
            closest_on_segment(frame.to_xy(p), ends[0], ends[1]).1 < 0.01
        };
        let along: Vec<Footing> = (net.segments.iter())
            .filter(|s| on(a, s) && on(b, s))
            .map(Footing::of)
            .collect();
        match along.as_slice() {
            [] => assert_eq!(footing, Footing::LEVEL, "seed {seed}: off the streets"),
            [first, rest @ ..] if rest.iter().all(|f| f == first) => {
                assert_eq!(footing, *first, "seed {seed}: {a:?} to {b:?}");
            }
            // Segments of several kinds along one line: either was walked.
            _ => {}
        }
    }
    assert!((route.steps_m() - on_steps).abs() < 1e-9, "seed {seed}");
    assert!(on_steps <= route.meters + 1e-6, "seed {seed}");
}

/// Asked for places open at a time, the engine lists exactly the nearest
/// of those whose hours say open then, in order: none without hours.
fn check_open_at(
    engine: &AccessEngine,
    net: &WalkNetwork,
    list: &[FacilityInput],
    origin: LonLat,
    seed: u64,
) {
    // A Thursday morning, a Saturday noon and a Sunday night.
    for at in ["2026-12-03T10:00", "2026-12-05T12:00", "2026-12-06T23:00"] {
        let at = When::Local(NaiveDateTime::parse_from_str(at, LOCAL_TIME).expect("a time"));
        let mut expected: Vec<(f64, &str)> = list
            .iter()
            .filter(|f| f.hours.as_ref().is_some_and(|h| h.is_open(at)))
            .filter_map(|f| Some((brute_distance(net, origin, f)?, f.id.0.as_str())))
            .collect();
        expected.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(b.1)));
        expected.truncate(3);
        let answer = engine
            .nearest(origin, Category::Library, 3, None, Some(at))
            .expect("the origin snaps");
        let got: Vec<(f64, &str)> = answer
            .facilities
            .iter()
            .map(|f| (f.meters, f.id.0.as_str()))
            .collect();
        assert_eq!(
            got.len(),
            expected.len(),
            "seed {seed} at {at:?}: {got:?} vs {expected:?}"
        );
        for (g, e) in got.iter().zip(&expected) {
            assert!(
                (g.0 - e.0).abs() < 1e-6,
                "seed {seed} at {at:?}: {got:?} vs {expected:?}"
            );
        }
        for f in &answer.facilities {
            assert!(
                f.hours.as_ref().is_some_and(|h| h.is_open(at)),
                "seed {seed}: {}",
                f.id
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn nearest_equals_brute_force(seed in any::<u64>()) {
        check_case(seed);
    }
}

#[test]
fn a_point_at_a_facility_is_zero_metres_away() {
    let mut rng = Rng(7);
    let net = network(&mut rng, 4);
    // A facility exactly on a street vertex.
    let p = net.nodes[5].position;
    let f = FacilityInput {
        id: PlaceId("t:zero".into()),
        name: None,
        near_street: None,
        category: Category::Park,
        shape: Shape::Point(p),
        representative_point: p,
        capacity: 1.0,
        hours: None,
    };
    let engine = AccessEngine::new(&net, vec![f], WalkingSpeed::DEFAULT);
    let answer = engine
        .nearest(p, Category::Park, 1, None, None)
        .expect("snaps");
    assert!(answer.facilities[0].meters.abs() < 1e-9);
}

#[test]
fn far_points_are_unreachable_not_invented() {
    let mut rng = Rng(11);
    let net = network(&mut rng, 3);
    let engine = AccessEngine::new(&net, Vec::new(), WalkingSpeed::DEFAULT);
    let far = offset(-1000.0, -1000.0);
    assert!(
        engine
            .nearest(far, Category::Library, 1, None, None)
            .is_err()
    );
    assert!(engine.isochrones(far, &[5.0], Default::default()).is_err());
}

fn check_catchments(seed: u64) {
    use learnscape_access::analysis::DemandIndex;
    use learnscape_access::population::DemandPoint;
    let mut rng = Rng(seed | 1);
    let side = 3 + rng.below(4);
    let net = network(&mut rng, side);
    let count = 1 + rng.below(4);
    let list = facilities(&mut rng, side, count);
    let engine = AccessEngine::new(&net, list.clone(), WalkingSpeed::DEFAULT);
    let extent = side as f64 * 100.0;
    let points: Vec<DemandPoint> = (0..12)
        .map(|_| DemandPoint {
            position: offset(
                rng.next() * (extent + 400.0) - 200.0,
                rng.next() * (extent + 400.0) - 200.0,
            ),
            population: 10.0,
            unit: 0,
        })
        .collect();
    let demand = DemandIndex::new(&engine, &points);
    let limit_m = 100.0 + rng.next() * 600.0;
    let catchments = engine.catchments(Category::Library, limit_m, &demand);
    // Catchments come in facility order: the engine sorts by id.
    let mut sorted = list.clone();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(catchments.len(), sorted.len());
    for (c, f) in catchments.iter().zip(&sorted) {
        let expected: Vec<(usize, f64)> = points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let m = brute_distance(&net, p.position, f)?;
                (m <= limit_m).then(|| (i, m / WalkingSpeed::DEFAULT.meters_per_minute()))
            })
            .collect();
        assert_eq!(
            c.reached.iter().map(|r| r.0).collect::<Vec<_>>(),
            expected.iter().map(|r| r.0).collect::<Vec<_>>(),
            "seed {seed}: {} reaches",
            f.id.0
        );
        for (got, want) in c.reached.iter().zip(&expected) {
            assert!(
                (got.1 - want.1).abs() < 1e-6,
                "seed {seed}: {got:?} vs {want:?}"
            );
        }
    }
    // Within several limits from one search each, to the farthest: the
    // same, bit for bit, as a search to each limit.
    let limits = [limit_m * 0.3, limit_m, limit_m * 0.7, limit_m * 1.6];
    let within = engine.catchments_within(Category::Library, &limits, &demand);
    assert_eq!(within.len(), limits.len());
    for (limit, got) in limits.iter().zip(&within) {
        let each = engine.catchments(Category::Library, *limit, &demand);
        assert_eq!(got, &each, "seed {seed}: within {limit} m");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]
    #[test]
    fn catchments_equal_brute_force(seed in any::<u64>()) {
        check_catchments(seed);
    }
}
