//! A closure's loss ("what if this library closed?", with new ones
//! planned or not) against what removing the facility for real, the
//! planned ones added, and recomputing everything shows: residents left
//! out, and supply per resident (E2SFCA), overall and by area.

use learnscape_access::analysis::{Analysis, AreaInput};
use learnscape_access::population::DemandPoint;
use learnscape_access::{AccessEngine, FacilityInput};
use learnscape_core::{Category, LonLat, PlaceId, WalkingSpeed};
use proptest::prelude::*;

mod common;
use common::{Rng, facilities, library_at, library_figures, network, offset, square, supply};

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
    let anywhere = |rng: &mut Rng| {
        offset(
            rng.next() * (extent + 400.0) - 200.0,
            rng.next() * (extent + 400.0) - 200.0,
        )
    };
    let points: Vec<DemandPoint> = (0..40)
        .map(|_| DemandPoint {
            position: anywhere(&mut rng),
            population: 1.0 + (rng.next() * 50.0).round(),
            unit: 0,
        })
        .collect();
    let areas: Vec<AreaInput> = (0..2)
        .map(|k| AreaInput {
            id: format!("a{k}"),
            name: format!("A{k}"),
            area: square(anywhere(&mut rng), 100.0 + rng.next() * 300.0),
            stated_population: None,
            near: None,
        })
        .collect();
    // Short walks too, so some facilities are too far apart to share anyone.
    let minutes = 1.0 + (rng.next() * 8.0).round();
    // New libraries planned (a move: one planned, one closed), or none.
    let planned: Vec<LonLat> = (0..rng.below(3)).map(|_| anywhere(&mut rng)).collect();
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
    }
    assert_eq!(
        analysis.closure(&engine, &PlaceId("t:none".into()), minutes, &planned),
        None
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn closing_a_facility_loses_what_removing_it_would(seed in any::<u64>()) {
        check(seed);
    }
}
