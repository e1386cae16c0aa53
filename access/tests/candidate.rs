//! A candidate site's gain ("what if a library opened here?") against
//! what adding it for real and recomputing everything shows.

use learnscape_access::analysis::{Analysis, AreaInput};
use learnscape_access::population::DemandPoint;
use learnscape_access::{AccessEngine, FacilityInput};
use learnscape_core::{Category, LonLat, PlaceId, Shape, Subject, WalkNetwork, WalkingSpeed};
use proptest::prelude::*;

mod common;
use common::{Rng, facilities, network, offset, square};

/// A generated street grid with up to `most_facilities - 1` libraries and
/// `residents` demand points in and around it.
struct Case {
    net: WalkNetwork,
    list: Vec<FacilityInput>,
    points: Vec<DemandPoint>,
    extent: f64,
}

impl Case {
    fn new(rng: &mut Rng, sides: usize, most_facilities: usize, residents: usize) -> Self {
        let side = 3 + rng.below(sides);
        let net = network(rng, side);
        let count = rng.below(most_facilities);
        let list = facilities(rng, side, count);
        let mut case = Case {
            net,
            list,
            points: Vec::new(),
            extent: side as f64 * 100.0,
        };
        case.points = (0..residents)
            .map(|_| DemandPoint {
                position: case.anywhere(rng),
                population: 1.0 + (rng.next() * 50.0).round(),
                unit: 0,
            })
            .collect();
        case
    }

    /// A point on the grid or up to 200 m around it.
    fn anywhere(&self, rng: &mut Rng) -> LonLat {
        offset(
            rng.next() * (self.extent + 400.0) - 200.0,
            rng.next() * (self.extent + 400.0) - 200.0,
        )
    }
}

fn check(seed: u64) {
    let mut rng = Rng(seed | 1);
    let case = Case::new(&mut rng, 5, 4, 30);
    let Case {
        net, list, points, ..
    } = &case;
    let anywhere = |rng: &mut Rng| case.anywhere(rng);
    // Two areas that may overlap, and may leave points out.
    let areas: Vec<AreaInput> = (0..2)
        .map(|k| AreaInput {
            id: format!("a{k}"),
            name: format!("A{k}"),
            area: {
                let centre = anywhere(&mut rng);
                square(centre, 100.0 + rng.next() * 300.0)
            },
            stated_population: None,
        })
        .collect();
    let at = anywhere(&mut rng);
    let minutes = 1.0 + (rng.next() * 10.0).round();
    let speed = WalkingSpeed::DEFAULT;

    let engine = AccessEngine::new(net, list.clone(), speed);
    let analysis = Analysis::new(&engine, points.clone(), areas.clone());
    let subject = Subject::One(Category::Library);
    let gain = match analysis.candidate(&engine, subject, minutes, at) {
        Ok(g) => g,
        Err(_) => {
            assert!(
                engine.snap(at).is_err(),
                "seed {seed}: refused on the network"
            );
            return;
        }
    };
    let before = analysis.measures(&engine, Category::Library, minutes);

    let mut with = list.clone();
    with.push(FacilityInput {
        id: PlaceId("t:zz-candidate".into()),
        name: None,
        category: Category::Library,
        shape: Shape::Point(at),
        representative_point: at,
        capacity: 1.0,
    });
    let engine_after = AccessEngine::new(net, with, speed);
    let after_analysis = Analysis::new(&engine_after, points.clone(), areas);
    let after = after_analysis.measures(&engine_after, Category::Library, minutes);

    let close = |a: f64, b: f64, what: &str| {
        assert!((a - b).abs() < 1e-9, "seed {seed}: {what}: {a} against {b}");
    };
    let (o0, o1) = (
        analysis.overall(&before, minutes),
        after_analysis.overall(&after, minutes),
    );
    close(gain.newly_covered, o0.uncovered - o1.uncovered, "overall");
    let (r0, r1) = (
        analysis.area_reports(&before, minutes),
        after_analysis.area_reports(&after, minutes),
    );
    for (k, (a, b)) in r0.iter().zip(&r1).enumerate() {
        close(
            gain.by_area[k],
            a.figures.uncovered - b.figures.uncovered,
            &format!("area {k}"),
        );
    }
    // Its catchment is the last (ids sort it last).
    let limit_m = minutes * speed.meters_per_minute();
    let catchments = engine_after.catchments(Category::Library, limit_m, after_analysis.demand());
    let reached = catchments.last().map_or(0.0, |c| {
        c.reached
            .iter()
            .map(|&(i, _)| after_analysis.points()[i].population)
            .sum()
    });
    close(gain.within, reached, "within");
    assert!(gain.newly_covered <= gain.within + 1e-9);
}

/// The best site is a street vertex that gains at least as much as a
/// candidate at any other vertex, and what it claims to.
fn check_best(seed: u64) {
    let mut rng = Rng(seed | 1);
    let Case {
        net, list, points, ..
    } = Case::new(&mut rng, 4, 3, 25);
    let minutes = 1.0 + (rng.next() * 6.0).round();
    let engine = AccessEngine::new(&net, list, WalkingSpeed::DEFAULT);
    let analysis = Analysis::new(&engine, points, Vec::new());
    let subject = Subject::One(Category::Library);
    let gain_at = |p| {
        analysis
            .candidate(&engine, subject, minutes, p)
            .map_or(0.0, |g| g.newly_covered)
    };
    let most = engine
        .graph()
        .positions()
        .iter()
        .map(|&p| gain_at(p))
        .fold(0.0, f64::max);
    match analysis.best_site(&engine, subject, minutes) {
        Some((site, claimed)) => {
            assert!(
                (gain_at(site) - claimed).abs() <= 1e-6 * claimed,
                "seed {seed}: claims {claimed}, gains {}",
                gain_at(site)
            );
            assert!(
                (claimed - most).abs() <= 1e-6 * most.max(1.0),
                "seed {seed}: {claimed} against the most, {most}"
            );
        }
        None => assert_eq!(most, 0.0, "seed {seed}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn a_candidate_gains_what_adding_it_would(seed in any::<u64>()) {
        check(seed);
    }

    #[test]
    fn the_best_site_gains_the_most_of_any_street_vertex(seed in any::<u64>()) {
        check_best(seed);
    }
}

/// Where a facility stands now, a second one there gains nothing; with
/// none, a site on the network gains everyone within reach of it.
#[test]
fn a_second_facility_on_the_first_gains_nobody() {
    let mut rng = Rng(7);
    let net = network(&mut rng, 5);
    let here = offset(200.0, 200.0);
    let points: Vec<DemandPoint> = (0..20)
        .map(|k| DemandPoint {
            position: offset(f64::from(k % 5) * 100.0, f64::from(k / 5) * 100.0),
            population: 10.0,
            unit: 0,
        })
        .collect();
    let library = FacilityInput {
        id: PlaceId("t:lib".into()),
        name: None,
        category: Category::Library,
        shape: Shape::Point(here),
        representative_point: here,
        capacity: 1.0,
    };
    let subject = Subject::One(Category::Library);
    let none = AccessEngine::new(&net, Vec::new(), WalkingSpeed::DEFAULT);
    let alone = Analysis::new(&none, points.clone(), Vec::new())
        .candidate(&none, subject, 10.0, here)
        .expect("on the network");
    assert!(alone.within > 0.0);
    assert_eq!(alone.newly_covered, alone.within);
    let one = AccessEngine::new(&net, vec![library], WalkingSpeed::DEFAULT);
    let second = Analysis::new(&one, points, Vec::new())
        .candidate(&one, subject, 10.0, here)
        .expect("on the network");
    assert_eq!(second.within, alone.within);
    assert_eq!(second.newly_covered, 0.0);
}
