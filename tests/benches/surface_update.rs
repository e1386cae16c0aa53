//! The walk-time surfaces after a commons change (what every approval,
//! move or archive waits for before the moderator's answer): walked again
//! only from the cells whose walks the change may have moved, against the
//! same run's surfaces built whole, as every change did before. On
//! Liechtenstein, Helsinki and the merged file: libraries taken away and
//! put back one at a time, and a new library at a school, then taken away
//! again. The incremental time includes the engine's own update of the
//! facility's catchment, which both ways need, so the ratio understates
//! the gain. Beside them, the neighbourhood figures recomputed after the
//! change (the rest of what the moderator waits for): report by report as
//! the tiles asked for them, and precomputed, each category's measures
//! once and the walking times side by side. Prints a table; asserts
//! nothing (speed is measured, not asserted).
//!
//! `cargo bench -p learnscape-tests --bench surface_update`

use learnscape_core::{Category, Place, PlaceFilter, PlaceId, Store};
use learnscape_server::app::AppState;
use learnscape_server::app::access::Steps;
use learnscape_server::app::surface::AccessSurfaces;
use learnscape_tests::app::{Backend, dataset_store, extract_store};
use learnscape_tests::data;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

/// Libraries taken away and back, and schools given a library, per case.
const EACH: usize = 6;

fn percentile(mut v: Vec<f64>, q: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(((v.len() as f64 - 1.0) * q).round() as usize)
        .copied()
        .unwrap_or(f64::NAN)
}

/// Up to `n` of `places` of `category`, spread over their ids' order.
fn spread(places: &[Place], category: Category, n: usize) -> Vec<Place> {
    let mut of_kind: Vec<&Place> = places.iter().filter(|p| p.category == category).collect();
    of_kind.sort_by(|a, b| a.id.0.cmp(&b.id.0));
    let step = (of_kind.len() / n.max(1)).max(1);
    of_kind.into_iter().step_by(step).take(n).cloned().collect()
}

/// Each change as (before, after).
fn changes(places: &[Place]) -> Vec<(Option<Place>, Option<Place>)> {
    let mut out = Vec::new();
    for library in spread(places, Category::Library, EACH) {
        out.push((Some(library.clone()), None));
        out.push((None, Some(library)));
    }
    for (i, school) in spread(places, Category::School, EACH)
        .into_iter()
        .enumerate()
    {
        let new = Place {
            id: PlaceId(format!("commons:bench-{i}")),
            category: Category::Library,
            ..school
        };
        out.push((None, Some(new.clone())));
        out.push((Some(new), None));
    }
    out
}

async fn row(label: &'static str, store: Arc<dyn Store>) -> String {
    let places = store.places(&PlaceFilter::default()).await.expect("places");
    let state = AppState::load(store).await.expect("load");
    let access = state.access.clone();
    tokio::task::spawn_blocking(move || {
        let mut surfaces = AccessSurfaces::new(&access);
        let cells = surfaces.of(Steps::Taken).len();
        let (mut walked, mut incremental, mut whole) = (Vec::new(), Vec::new(), Vec::new());
        let (mut lazy, mut figures) = (Vec::new(), Vec::new());
        let changes = changes(&places);
        for (before, after) in &changes {
            let started = Instant::now();
            let moved = access.replace_facility(before.as_ref(), after.as_ref());
            let rewalked = surfaces.rewalk(&access, &moved);
            walked.push(rewalked.len() as f64);
            surfaces.apply(rewalked, 32);
            incremental.push(started.elapsed().as_secs_f64() * 1e3);
            let started = Instant::now();
            std::hint::black_box(AccessSurfaces::new(&access));
            whole.push(started.elapsed().as_secs_f64() * 1e3);

            // The figures as each change left them to be asked for, report
            // by report; then, the change undone and made again, as they
            // are precomputed now.
            let started = Instant::now();
            std::hint::black_box(access.neighbourhood_features());
            lazy.push(started.elapsed().as_secs_f64() * 1e3);
            for (b, a) in [(after, before), (before, after)] {
                let moved = access.replace_facility(b.as_ref(), a.as_ref());
                let rewalked = surfaces.rewalk(&access, &moved);
                surfaces.apply(rewalked, 32);
            }
            let started = Instant::now();
            access.refigure(&moved.iter().map(|m| m.category).collect::<Vec<_>>());
            std::hint::black_box(access.neighbourhood_features());
            figures.push(started.elapsed().as_secs_f64() * 1e3);
        }
        let (inc, all) = (percentile(incremental.clone(), 0.5), percentile(whole, 0.5));
        format!(
            "| {label} | {cells} | {} | {:.0} / {:.0} | {inc:.1} / {:.1} | {all:.1} | {:.3}× | {:.1} / {:.1} ({:.2}×) |",
            changes.len(),
            percentile(walked.clone(), 0.5),
            percentile(walked, 1.0),
            percentile(incremental, 1.0),
            inc / all,
            percentile(lazy.clone(), 0.5),
            percentile(figures.clone(), 0.5),
            percentile(figures, 0.5) / percentile(lazy, 0.5),
        )
    })
    .await
    .expect("bench task")
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    println!(
        "| data | cells | changes | cells walked again p50 / max (both surfaces) | incremental ms p50 / max | whole ms p50 | incremental ÷ whole (p50) | neighbourhood figures ms p50: report by report / precomputed (×) |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    runtime.block_on(async {
        for (label, dataset) in [("Liechtenstein", "liechtenstein"), ("Helsinki", "helsinki")] {
            let dir = tempfile::tempdir().expect("dir");
            let store = dataset_store(Backend::Embedded, dir.path(), &data::dataset(dataset)).await;
            println!("{}", row(label, store).await);
        }
        let dir = tempfile::tempdir().expect("dir");
        let merged: &Path = &data::merged_pbf();
        let store = extract_store(Backend::Embedded, dir.path(), merged).await;
        println!("{}", row("merged 14.5 MB", store).await);
    });
}
