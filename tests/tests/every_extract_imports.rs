//! Every `.osm.pbf` in `../shared/data` imports, quirks and all; the merged
//! benchmark file holds exactly what its seven parts hold.

use learnscape_importers::ImportReport;
use learnscape_tests::data;
use std::path::Path;

fn import(file: &Path) -> ImportReport {
    let (data, report) = data::import_extract(file);
    assert_eq!(data.walk_network.segments.len(), report.walk_segments);
    assert!(
        report.walk_segments > 1000,
        "{}: {} walk segments",
        file.display(),
        report.walk_segments
    );
    for place in &data.places {
        assert!(place.representative_point.is_valid(), "{:?}", place.id);
        if let learnscape_core::Shape::Area(area) = &place.shape {
            use geo::Contains;
            let p: geo_types::Point<f64> = place.representative_point.into();
            assert!(
                area.contains(&p),
                "{:?}: label point outside its area",
                place.id
            );
        }
    }
    report
}

#[test]
fn every_extract_imports_and_the_merged_file_is_the_sum_of_its_parts() {
    let files = data::all_pbfs();
    let merged_path = data::merged_pbf();
    assert!(files.len() >= 9, "expected the 9 extracts, found {files:?}");
    let mut parts_places = 0;
    let mut parts_segments = 0;
    let mut parts_cut = 0;
    let mut merged = None;
    for file in &files {
        let report = import(file);
        eprintln!(
            "{}: {} places, {} walk segments ({} cut), {} basemap features",
            file.display(),
            report.total_places(),
            report.walk_segments,
            report.walk_segments_cut,
            report.basemap_features
        );
        // The merged file holds seven regions: every extract but Kotka.
        let is_kotka = file.to_string_lossy().contains("/kotka/");
        if *file == merged_path {
            merged = Some(report);
        } else if !is_kotka {
            parts_places += report.total_places();
            parts_segments += report.walk_segments;
            parts_cut += report.walk_segments_cut;
        }
    }
    let merged = merged.expect("the merged benchmark file is among them");
    assert!(
        merged.walk_segments_cut > 0,
        "the merged file has missing node references"
    );
    assert_eq!(merged.total_places(), parts_places);
    assert_eq!(merged.walk_segments, parts_segments);
    assert_eq!(merged.walk_segments_cut, parts_cut);
}
