//! An outline that crosses itself is kept as given, and the import report
//! warns of it, naming the feature: the figures of such an area depend on
//! the tool asked, and the operator should mend it at the source.

use learnscape_core::SourceId;
use learnscape_importers::ImportReport;
use learnscape_importers::geojson::read_geojson;
use learnscape_importers::tables::{neighbourhoods, population_units};
use std::path::Path;

/// Helsinki's postal areas: 00600's outline (feature 44) crosses itself.
#[test]
fn helsinki_00600_is_kept_and_warned_of() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data/helsinki/boundaries/helsinki_postinumerot.geojson");
    let file = read_geojson(&path).expect("readable");
    let mut report = ImportReport::new(&path.display().to_string(), "hel-postal");
    let areas = neighbourhoods(
        &file,
        &SourceId("hel-postal".into()),
        "tunnus",
        None,
        false,
        &mut report,
    )
    .expect("imports");
    assert_eq!(areas.len(), 84, "every area is kept");
    assert!(areas.iter().any(|a| a.name == "00600"));
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    let warning = &report.warnings[0];
    assert_eq!(warning.count, 1);
    assert_eq!(warning.examples, ["feature 44 (00600)"]);
    assert!(
        warning.reason.contains("crosses itself"),
        "{}",
        warning.reason
    );
    let shown = report.to_string();
    assert!(
        shown.contains("warnings (kept as given):") && shown.contains("feature 44 (00600)"),
        "{shown}"
    );
}

/// A generated figure of eight beside a square and a square with a corner
/// given twice: one warning, for the figure of eight, as a neighbourhood
/// and as a population unit; all three kept.
#[test]
fn only_a_figure_of_eight_is_warned_of() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("areas.geojson");
    let feature = |id: &str, ring: &str| {
        format!(
            r#"{{"type":"Feature","id":"{id}","properties":{{"name":"{id}","population":10}},"geometry":{{"type":"Polygon","coordinates":[{ring}]}}}}"#
        )
    };
    let features = [
        feature(
            "square",
            "[[9.50,47.10],[9.51,47.10],[9.51,47.11],[9.50,47.11],[9.50,47.10]]",
        ),
        // Lobes of unequal size: a symmetric one has no area, and is skipped.
        feature(
            "bow-tie",
            "[[9.50,47.10],[9.52,47.12],[9.52,47.10],[9.50,47.11],[9.50,47.10]]",
        ),
        feature(
            "slip",
            "[[9.50,47.10],[9.51,47.10],[9.51,47.10],[9.51,47.11],[9.50,47.11],[9.50,47.10]]",
        ),
    ];
    std::fs::write(
        &path,
        format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            features.join(",")
        ),
    )
    .expect("written");
    let file = read_geojson(&path).expect("readable");
    let source = SourceId("t".into());

    let mut report = ImportReport::new("areas.geojson", "t");
    let areas = neighbourhoods(&file, &source, "name", None, false, &mut report).expect("imports");
    assert_eq!(areas.len(), 3);
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    assert_eq!(report.warnings[0].examples, ["feature 1 (bow-tie)"]);

    let mut report = ImportReport::new("areas.geojson", "t");
    let units = population_units(&file, &source, "population", &mut report).expect("imports");
    assert_eq!(units.len(), 3);
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    assert!(report.warnings[0].reason.starts_with("population unit"));
    assert_eq!(report.warnings[0].examples, ["feature 1 (bow-tie)"]);
}
