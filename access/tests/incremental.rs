//! Adding and removing facilities one at a time gives exactly the field a
//! full recompute gives, and the segments said to be moved by a change
//! hold every point whose walk to the nearest it changed.

mod common;

use common::{Rng, anywhere, facilities, network};
use learnscape_access::{AccessEngine, Snap};
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
    // Points to walk from, drawn apart so the seeds kept make the same
    // cities.
    let mut points_rng = Rng(seed.rotate_left(29) | 1);
    let points: Vec<Snap> = (0..60)
        .filter_map(|_| {
            engine
                .snap(anywhere(&mut points_rng, side as f64 * 100.0))
                .ok()
        })
        .collect();
    let walks = |engine: &AccessEngine| -> Vec<Option<f64>> {
        (points.iter())
            .map(|s| {
                engine
                    .nearest_from_snap(s, Category::Library)
                    .map(|(m, _)| m)
            })
            .collect()
    };
    for step in 0..8 {
        let (mark, before) = (engine.mark(Category::Library), walks(&engine));
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
        let moved = engine.moved_since(&mark);
        assert_eq!(moved.len(), engine.graph().segments().len());
        for ((snap, b), a) in points.iter().zip(&before).zip(walks(&engine)) {
            if !moved[snap.segment as usize] {
                assert_eq!(a, *b, "seed {seed}, step {step}: a walk moved on {snap:?}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]
    #[test]
    fn incremental_updates_equal_a_full_recompute(seed in any::<u64>()) {
        check(seed);
    }
}
