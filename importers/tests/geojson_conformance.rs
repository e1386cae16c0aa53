//! The outside GeoJSON suite (geojson/schema): every valid document is
//! read, every invalid one refused with a message naming the file.

use learnscape_importers::ImportError;
use learnscape_importers::geojson::read_geojson;
use std::path::{Path, PathBuf};

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/conformance/geojson-schema/test/fixtures")
        .join(kind);
    let mut files = Vec::new();
    for dir in std::fs::read_dir(&root).expect("fixture folder") {
        let dir = dir.expect("entry").path();
        for file in std::fs::read_dir(&dir).expect("fixture subfolder") {
            files.push(file.expect("entry").path());
        }
    }
    files.sort();
    files
}

#[test]
fn every_valid_document_is_accepted() {
    let files = fixtures("valid");
    assert_eq!(files.len(), 30, "the suite has 30 valid documents");
    for file in files {
        if let Err(e) = read_geojson(&file) {
            panic!("{} was refused: {e}", file.display());
        }
    }
}

#[test]
fn every_invalid_document_is_refused_naming_file_and_problem() {
    let files = fixtures("invalid");
    assert_eq!(files.len(), 36, "the suite has 36 invalid documents");
    for file in files {
        let shown = file.display().to_string();
        match read_geojson(&file) {
            Ok(records) => panic!("{shown} was accepted: {records:?}"),
            Err(ImportError::Malformed {
                file: named,
                location,
                detail,
            }) => {
                assert_eq!(named, shown);
                assert!(detail.len() > 10, "{shown}: vague message {detail:?}");
                // A document that is a Feature names it as feature 0.
                let text = std::fs::read_to_string(&file).expect("read");
                let root: serde_json::Value = serde_json::from_str(&text).expect("json");
                if root["type"] == "Feature" {
                    assert_eq!(location.as_deref(), Some("feature 0"), "{shown}: {detail}");
                }
            }
            Err(other) => panic!("{shown}: unexpected error kind {other:?}"),
        }
    }
}
