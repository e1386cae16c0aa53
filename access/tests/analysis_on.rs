//! An analysis moved onto another network of the same city (the one
//! without its steps) measures what an analysis built on that network
//! from nothing measures: its residents snapped to the other streets, not
//! to the segments of the first.

use learnscape_access::AccessEngine;
use learnscape_access::analysis::Analysis;
use learnscape_core::{Category, WalkingSpeed};
use proptest::prelude::*;

mod common;
use common::{Rng, facilities, network, residents_and_areas};

fn check(seed: u64) {
    let mut rng = Rng(seed | 1);
    let side = 3 + rng.below(6);
    let mut net = network(&mut rng, side);
    // Some segments are flights of steps.
    for s in &mut net.segments {
        s.steps = rng.next() < 0.3;
    }
    let step_free = net.step_free();
    let count = 1 + rng.below(5);
    let list = facilities(&mut rng, side, count);
    let (points, areas) = residents_and_areas(&mut rng, side as f64 * 100.0);
    let minutes = 1.0 + (rng.next() * 8.0).round();
    let engine = AccessEngine::new(&net, list.clone(), WalkingSpeed::DEFAULT);
    let first = list[0].id.clone();
    let other = AccessEngine::new(&step_free, list, WalkingSpeed::DEFAULT);
    let moved = Analysis::new(&engine, points.clone(), areas.clone()).on(&other);
    let fresh = Analysis::new(&other, points, areas);
    let (a, b) = (
        moved.measures(&other, Category::Library, minutes),
        fresh.measures(&other, Category::Library, minutes),
    );
    assert_eq!(a, b, "seed {seed}: the residents' measures");
    assert_eq!(
        moved.area_reports(&a, minutes),
        fresh.area_reports(&b, minutes),
        "seed {seed}: the areas' figures"
    );
    assert_eq!(moved.overall(&a, minutes), fresh.overall(&b, minutes));
    assert_eq!(
        moved.closure(&other, &first, minutes, &[]),
        fresh.closure(&other, &first, minutes, &[]),
        "seed {seed}: a closure"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn an_analysis_moved_to_another_network_measures_as_one_built_on_it(seed in any::<u64>()) {
        check(seed);
    }
}
