//! The walk graph equals an independent computation of walk-model.md §1
//! over osmium's reading of the same file: the same number of segments and
//! the same total length within 0.01 %, the same segments of steps, and
//! the same segments barred to a wheelchair otherwise, by the same kinds
//! of bar.

use learnscape_tests::{data, osmium, reference};
use std::collections::BTreeMap;
use std::path::Path;

/// Checks the graph against the reference; its segments of steps and
/// those otherwise barred.
fn check(file: &Path) -> (usize, usize) {
    let (data, report) = data::import_extract(file);
    let expected = reference::walk_totals(&osmium::tags_filter_with_nodes(file, &["w/highway"]));
    let length = data.walk_network.total_length_m();
    eprintln!(
        "{}: importer {} segments, {length:.1} m; reference {} segments, {:.1} m",
        file.display(),
        data.walk_network.segments.len(),
        expected.segments,
        expected.length_m
    );
    assert!(
        expected.segments > 1000,
        "{}: reference too small",
        file.display()
    );
    assert_eq!(
        data.walk_network.segments.len(),
        expected.segments,
        "{}: segments",
        file.display()
    );
    let relative = (length - expected.length_m).abs() / expected.length_m;
    assert!(
        relative < 1e-4,
        "{}: length {length:.1} m vs reference {:.1} m ({:.5} %)",
        file.display(),
        expected.length_m,
        relative * 100.0
    );
    assert_eq!(report.walk_segments, expected.segments);
    // The steps a walk avoiding them leaves out, as osmium tags them.
    let steps = data
        .walk_network
        .segments
        .iter()
        .filter(|s| s.steps)
        .count();
    assert_eq!(
        steps,
        expected.steps,
        "{}: segments of steps",
        file.display()
    );
    assert_eq!(report.walk_steps_segments, expected.steps);
    let barred = (data.walk_network.segments.iter())
        .filter(|s| s.barred.is_some())
        .count();
    assert_eq!(
        barred,
        expected.barred,
        "{}: segments barred to a wheelchair",
        file.display()
    );
    assert_eq!(report.walk_barred_segments, expected.barred);
    let mut barred_by: BTreeMap<&str, usize> = BTreeMap::new();
    for bar in data.walk_network.segments.iter().filter_map(|s| s.barred) {
        *barred_by.entry(bar.name()).or_default() += 1;
    }
    eprintln!("{}: barred by {barred_by:?}", file.display());
    assert_eq!(
        barred_by,
        expected.barred_by,
        "{}: what bars each",
        file.display()
    );
    (steps, barred)
}

#[test]
fn liechtenstein_walk_graph_matches_the_reference() {
    let (steps, barred) = check(&data::liechtenstein_pbf());
    assert!(steps > 100, "Liechtenstein has steps");
    // 712 at the last count: 682 on the 20 walkable ways tagged
    // wheelchair=no, the rest through turnstiles and raised kerbs.
    assert!(
        barred > 50,
        "Liechtenstein has ways barred to a wheelchair: {barred}"
    );
}

/// Helsinki is cut by a bounding box: ways reference missing nodes.
#[test]
fn helsinki_walk_graph_matches_the_reference() {
    check(&data::helsinki_pbf());
}
