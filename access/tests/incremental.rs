//! Adding and removing facilities one at a time gives exactly the field a
//! full recompute gives.

mod common;

use common::{Rng, facilities, network};
use learnscape_access::AccessEngine;
use learnscape_core::{Category, WalkingSpeed};
use proptest::prelude::*;

fn assert_same_field(incremental: &AccessEngine, full: &AccessEngine, seed: u64) {
    assert_eq!(
        incremental.facility_count(Category::Library),
        full.facility_count(Category::Library),
        "seed {seed}: facilities held"
    );
    let a = incremental.field(Category::Library).expect("field");
    let b = full.field(Category::Library).expect("field");
    for v in 0..a.dist.len() {
        assert_eq!(a.dist[v], b.dist[v], "seed {seed}: vertex {v} distance");
        let ia = incremental.facility_id(Category::Library, a.facility[v]);
        let ib = full.facility_id(Category::Library, b.facility[v]);
        assert_eq!(ia, ib, "seed {seed}: vertex {v} nearest facility");
    }
}

fn check(seed: u64) {
    let mut rng = Rng(seed | 1);
    let side = 4 + rng.below(5);
    let net = network(&mut rng, side);
    let all = facilities(&mut rng, side, 10);
    let (start, later) = all.split_at(5);
    let mut engine = AccessEngine::new(&net, start.to_vec(), WalkingSpeed::DEFAULT);
    let mut current: Vec<_> = start.to_vec();
    for step in 0..8 {
        if rng.next() < 0.5 && !current.is_empty() {
            let gone = current.remove(rng.below(current.len()));
            assert!(engine.remove_facility(Category::Library, &gone.id));
        } else {
            let new = later[step % later.len()].clone();
            current.retain(|f| f.id != new.id);
            current.push(new.clone());
            engine.add_facility(new);
        }
        let full = AccessEngine::new(&net, current.clone(), WalkingSpeed::DEFAULT);
        assert_eq!(full.facility_count(Category::Library), current.len());
        assert_same_field(&engine, &full, seed);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]
    #[test]
    fn incremental_updates_equal_a_full_recompute(seed in any::<u64>()) {
        check(seed);
    }
}
