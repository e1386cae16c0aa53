// Shared by the file targets: the fuzzer's bytes become a file the
// importer reads, as an operator's would be, through `run_import`.
use learnscape_core::SourceId;
use learnscape_importers::{CategoryRules, ImportSpec, NoProgress, SpecKind, run_import};
use std::io::Write;

/// Writes `bytes` to a fresh file named `*.{extension}` and imports it
/// as `kind`. Only a panic (or a sanitizer report) is a finding: an
/// `Err` is the importer refusing bad input, as it should.
pub fn import_bytes(bytes: &[u8], extension: &str, kind: SpecKind) {
    let Ok(mut file) = tempfile::Builder::new()
        .suffix(&format!(".{extension}"))
        .tempfile()
    else {
        return;
    };
    if file.write_all(bytes).is_err() {
        return;
    }
    let spec = ImportSpec {
        path: file.path().to_path_buf(),
        source: SourceId("fuzz".into()),
        attribution: String::new(),
        data_as_of: None,
        note: String::new(),
        kind,
    };
    let _ = run_import(&spec, &CategoryRules::default(), &NoProgress);
}
