//! A closure's loss ("what if this library closed?", with new ones
//! planned or not) against what removing the facility for real, the
//! planned ones added, and recomputing everything shows: residents left
//! out, and supply per resident (E2SFCA), overall and by area.

use learnscape_access::analysis::{Analysis, ClosureLoss};
use learnscape_access::population::DemandPoint;
use learnscape_access::{AccessEngine, FacilityInput};
use learnscape_core::{Category, LonLat, PlaceId, WalkNetwork, WalkingSpeed};
use proptest::prelude::*;

mod common;
use common::{
    Rng, anywhere, facilities, library_at, library_figures, network, offset, residents_and_areas,
    supply,
};

/// Closing each facility of a generated city in turn loses what removing
/// it and recomputing shows.
fn check(seed: u64) {
    let mut rng = Rng(seed | 1);
    let side = 3 + rng.below(6);
    let net = network(&mut rng, side);
    let count = 1 + rng.below(6);
    let mut list = facilities(&mut rng, side, count);
    // Capacities other than 1, so a closed one's share is weighed by it.
    for f in &mut list {
        f.capacity = 1.0 + rng.below(4) as f64;
    }
    let extent = side as f64 * 100.0;
    let (points, areas) = residents_and_areas(&mut rng, extent);
    // Short walks too, so some facilities are too far apart to share anyone.
    let minutes = 1.0 + (rng.next() * 8.0).round();
    // New libraries planned (a move: one planned, one closed), or none.
    let planned: Vec<LonLat> = (0..rng.below(3))
        .map(|_| anywhere(&mut rng, extent))
        .collect();
    let sites: Vec<FacilityInput> = (planned.iter().enumerate())
        .map(|(k, &at)| library_at(at, k))
        .collect();
    let with_sites = |list: &[FacilityInput]| [list, &sites].concat();
    let engine = AccessEngine::new(&net, list.clone(), WalkingSpeed::DEFAULT);
    let analysis = Analysis::new(&engine, points.clone(), areas.clone());
    let now = library_figures(&net, with_sites(&list), &points, &areas, minutes);
    let close = |a: f64, b: f64, what: &str| {
        assert!(
            (a - b).abs() < 1e-9 * b.abs().max(1.0),
            "seed {seed}: {what}: {a} against {b}"
        );
    };
    for (k, closed) in list.iter().enumerate() {
        let loss = (analysis.closure(&engine, &closed.id, minutes, &planned))
            .expect("a facility it holds");
        assert_eq!(loss.category, Category::Library);
        let rest: Vec<FacilityInput> = (list.iter())
            .filter(|f| f.id != closed.id)
            .cloned()
            .collect();
        let after = library_figures(&net, with_sites(&rest), &points, &areas, minutes);
        let what = |w: &str| format!("closing {k}: {w}");
        close(
            loss.left_out,
            after.0.uncovered - now.0.uncovered,
            &what("left out"),
        );
        close(
            loss.supply,
            supply(&now.0) - supply(&after.0),
            &what("supply"),
        );
        for a in 0..areas.len() {
            close(
                loss.by_area[a],
                after.1[a].uncovered - now.1[a].uncovered,
                &what(&format!("left out in area {a}")),
            );
            close(
                loss.supply_by_area[a],
                supply(&now.1[a]) - supply(&after.1[a]),
                &what(&format!("supply in area {a}")),
            );
        }
        assert!(loss.left_out <= loss.within + 1e-9, "seed {seed}");
        // Some generated facilities lie beyond the snap limit.
        assert!(loss.reachable || loss.homes.is_empty(), "seed {seed}");
        check_homes(&loss, &net, &with_sites(&rest), &points, minutes);
    }
    assert_eq!(
        analysis.closure(&engine, &PlaceId("t:none".into()), minutes, &planned),
        None
    );
    check_reliance(&analysis, &engine, &list, minutes);
}

/// The ranking of every facility at once says, of each, what its closure
/// without a plan says, most relied on first.
fn check_reliance(
    analysis: &Analysis,
    engine: &AccessEngine,
    list: &[FacilityInput],
    minutes: f64,
) {
    let ranked = analysis.reliance(engine, Category::Library, minutes);
    assert_eq!(ranked.len(), list.len(), "every facility ranked");
    for r in &ranked {
        let alone = analysis.closure(engine, &r.id, minutes, &[]).expect("held");
        assert!(
            (r.sole - alone.left_out).abs() < 1e-9 * alone.left_out.max(1.0),
            "{r:?} against {alone:?}"
        );
        assert!(
            (r.within - alone.within).abs() < 1e-9 * alone.within.max(1.0),
            "{r:?} against {alone:?}"
        );
        // Where most of those who rely on it alone live.
        let most = alone.by_area.iter().copied().fold(0.0, f64::max);
        match r.area {
            Some(k) => assert!(
                most > 0.0 && alone.by_area[k] >= most - 1e-9 * most,
                "{r:?} against {alone:?}"
            ),
            None => assert_eq!(most, 0.0, "{r:?} against {alone:?}"),
        }
    }
    assert!(
        ranked
            .windows(2)
            .all(|w| (w[0].sole, w[0].within) >= (w[1].sole, w[1].within)),
        "most relied on first"
    );
}

/// The homes a closure lists are the residents within its walk, and
/// those it marks left out are exactly the demand points that, with it
/// removed (the planned sites added), have none within the walk.
fn check_homes(
    loss: &ClosureLoss,
    net: &WalkNetwork,
    rest: &[FacilityInput],
    points: &[DemandPoint],
    minutes: f64,
) {
    let everyone: f64 = loss.homes.iter().map(|h| h.residents).sum();
    let left: f64 = (loss.homes.iter().filter(|h| h.left_out))
        .map(|h| h.residents)
        .sum();
    assert!(
        (everyone - loss.within).abs() < 1e-9,
        "homes: {everyone} against {}",
        loss.within
    );
    assert!(
        (left - loss.left_out).abs() < 1e-9,
        "left out: {left} against {}",
        loss.left_out
    );
    let engine = AccessEngine::new(net, rest.to_vec(), WalkingSpeed::DEFAULT);
    let after = Analysis::new(&engine, points.to_vec(), Vec::new()).measures(
        &engine,
        Category::Library,
        minutes,
    );
    for home in &loss.homes {
        assert_eq!(home.position, points[home.point].position);
        assert!(home.minutes <= minutes, "{home:?} beyond the walk");
        assert_eq!(
            home.left_out,
            after.nearest_min[home.point] > minutes,
            "{home:?}: nearest after, {} min",
            after.nearest_min[home.point]
        );
    }
    let walks: Vec<f64> = loss.homes.iter().map(|h| h.minutes).collect();
    assert!(walks.is_sorted(), "homes in order of walk");
}

/// A place beyond every street is told apart from one nobody lives near:
/// no walk to it is measured at all.
#[test]
fn a_place_beyond_every_street_is_not_reachable() {
    let net = network(&mut Rng(7), 4);
    let (near, far) = (
        library_at(offset(150.0, 150.0), 0),
        library_at(offset(-2000.0, -2000.0), 1),
    );
    let engine = AccessEngine::new(&net, vec![near.clone(), far.clone()], WalkingSpeed::DEFAULT);
    let analysis = Analysis::new(&engine, Vec::new(), Vec::new());
    let closure = |f: &FacilityInput| analysis.closure(&engine, &f.id, 15.0, &[]).expect("held");
    assert!(closure(&near).reachable);
    let beyond = closure(&far);
    assert!(!beyond.reachable);
    assert_eq!((beyond.within, beyond.homes.len()), (0.0, 0));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn closing_a_facility_loses_what_removing_it_would(seed in any::<u64>()) {
        check(seed);
    }
}
