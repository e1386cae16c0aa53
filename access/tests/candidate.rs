//! A candidate site's gain ("what if a library opened here?"), alone or
//! besides a plan of others, against what adding them for real and
//! recomputing everything shows: residents left out, and supply per
//! resident (E2SFCA).

use learnscape_access::analysis::{Analysis, AreaInput};
use learnscape_access::measures::AreaFigures;
use learnscape_access::population::DemandPoint;
use learnscape_access::{AccessEngine, FacilityInput};
use learnscape_core::{Category, LonLat, PlaceId, Shape, Subject, WalkNetwork, WalkingSpeed};
use proptest::prelude::*;

mod common;
use common::{Rng, facilities, library_at, library_figures, network, offset, square, supply};

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

/// The whole area's figures and each area's, with `list` and a library at
/// each of `sites` open, recomputed from nothing.
fn figures_with(
    net: &WalkNetwork,
    list: &[FacilityInput],
    sites: &[LonLat],
    points: &[DemandPoint],
    areas: &[AreaInput],
    minutes: f64,
) -> (AreaFigures, Vec<AreaFigures>) {
    let mut all = list.to_vec();
    all.extend(sites.iter().enumerate().map(|(k, &at)| library_at(at, k)));
    library_figures(net, all, points, areas, minutes)
}

/// A candidate's gain, and its plan's, equal the fall in uncovered that
/// opening them for real and recomputing everything shows.
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
            near: None,
        })
        .collect();
    let planned: Vec<LonLat> = (0..rng.below(3)).map(|_| anywhere(&mut rng)).collect();
    let at = anywhere(&mut rng);
    let minutes = 1.0 + (rng.next() * 10.0).round();
    let speed = WalkingSpeed::DEFAULT;

    let engine = AccessEngine::new(net, list.clone(), speed);
    let analysis = Analysis::new(&engine, points.clone(), areas.clone());
    let subject = Subject::One(Category::Library);
    // A planned site off the network serves nobody, as such a facility.
    let plan = analysis.plan(&engine, subject, minutes, &planned);
    let off: Vec<usize> = (0..planned.len())
        .filter(|&k| engine.snap(planned[k]).is_err())
        .collect();
    assert_eq!(plan.off_network, off, "seed {seed}");
    let gain = match analysis.candidate(&engine, &plan, at) {
        Ok(g) => g,
        Err(_) => {
            assert!(
                engine.snap(at).is_err(),
                "seed {seed}: refused on the network"
            );
            return;
        }
    };
    let close = |a: f64, b: f64, what: &str| {
        assert!(
            (a - b).abs() < 1e-9 * b.abs().max(1.0),
            "seed {seed}: {what}: {a} against {b}"
        );
    };
    let now = figures_with(net, list, &[], points, &areas, minutes);
    let with_plan = figures_with(net, list, &planned, points, &areas, minutes);
    let mut everything = planned.clone();
    everything.push(at);
    let after = figures_with(net, list, &everything, points, &areas, minutes);

    close(
        plan.gain.newly_covered,
        now.0.uncovered - with_plan.0.uncovered,
        "the plan, overall",
    );
    close(
        gain.newly_covered,
        with_plan.0.uncovered - after.0.uncovered,
        "overall",
    );
    close(
        plan.gain.supply,
        supply(&with_plan.0) - supply(&now.0),
        "the plan's supply, overall",
    );
    close(
        gain.supply,
        supply(&after.0) - supply(&with_plan.0),
        "supply, overall",
    );
    for k in 0..areas.len() {
        close(
            plan.gain.by_area[k],
            now.1[k].uncovered - with_plan.1[k].uncovered,
            &format!("the plan, area {k}"),
        );
        close(
            gain.by_area[k],
            with_plan.1[k].uncovered - after.1[k].uncovered,
            &format!("area {k}"),
        );
        close(
            plan.gain.supply_by_area[k],
            supply(&with_plan.1[k]) - supply(&now.1[k]),
            &format!("the plan's supply, area {k}"),
        );
        close(
            gain.supply_by_area[k],
            supply(&after.1[k]) - supply(&with_plan.1[k]),
            &format!("supply, area {k}"),
        );
    }
    // Its catchment is the last (ids sort it last).
    let mut with = list.clone();
    with.push(library_at(at, 9));
    let engine_after = AccessEngine::new(net, with, speed);
    let after_analysis = Analysis::new(&engine_after, points.clone(), areas);
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

/// The best site, besides those planned, is a street vertex that gains at
/// least as much as a candidate at any other vertex, and what it claims to.
fn check_best(seed: u64) {
    let mut rng = Rng(seed | 1);
    let case = Case::new(&mut rng, 4, 3, 25);
    let planned: Vec<LonLat> = (0..rng.below(2)).map(|_| case.anywhere(&mut rng)).collect();
    let Case {
        net, list, points, ..
    } = case;
    let minutes = 1.0 + (rng.next() * 6.0).round();
    let engine = AccessEngine::new(&net, list, WalkingSpeed::DEFAULT);
    let analysis = Analysis::new(&engine, points, Vec::new());
    let subject = Subject::One(Category::Library);
    let plan = analysis.plan(&engine, subject, minutes, &planned);
    let gain_at = |p| {
        analysis
            .candidate(&engine, &plan, p)
            .map_or(0.0, |g| g.newly_covered)
    };
    let most = engine
        .graph()
        .positions()
        .iter()
        .map(|&p| gain_at(p))
        .fold(0.0, f64::max);
    match analysis.best_site(&engine, &plan) {
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

/// Where a facility stands now, or is planned, a second one there gains
/// nothing; with none, a site on the network gains everyone within reach.
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
        near_street: None,
        category: Category::Library,
        shape: Shape::Point(here),
        representative_point: here,
        capacity: 1.0,
        hours: None,
    };
    let subject = Subject::One(Category::Library);
    let none = AccessEngine::new(&net, Vec::new(), WalkingSpeed::DEFAULT);
    let analysis = Analysis::new(&none, points.clone(), Vec::new());
    let nothing = analysis.plan(&none, subject, 10.0, &[]);
    let alone = analysis
        .candidate(&none, &nothing, here)
        .expect("on the network");
    assert!(alone.within > 0.0);
    assert_eq!(alone.newly_covered, alone.within);
    // Planned there, it is what the plan gains, and a second gains nobody.
    let planned = analysis.plan(&none, subject, 10.0, &[here]);
    assert_eq!(planned.gain, alone);
    let again = analysis
        .candidate(&none, &planned, here)
        .expect("on the network");
    assert_eq!((again.within, again.newly_covered), (alone.within, 0.0));
    let one = AccessEngine::new(&net, vec![library], WalkingSpeed::DEFAULT);
    let analysis = Analysis::new(&one, points, Vec::new());
    let nothing = analysis.plan(&one, subject, 10.0, &[]);
    let second = analysis
        .candidate(&one, &nothing, here)
        .expect("on the network");
    assert_eq!(second.within, alone.within);
    assert_eq!(second.newly_covered, 0.0);
}
