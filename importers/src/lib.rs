//! Importers: OpenStreetMap PBF, GeoJSON and CSV into learnscape's model.
//!
//! Each importer parses and validates a whole file before anything is
//! written; the caller hands the result to a store, which replaces the
//! source in one transaction. A bad file therefore changes nothing.

pub mod category_rules;
pub mod csv_table;
pub mod dataset;
pub mod geojson;
pub mod name_case;
pub mod osm;
pub mod progress;
pub mod records;
pub mod report;
pub mod run;
pub mod tables;

pub use category_rules::CategoryRules;
pub use dataset::{Dataset, ImportSpec, SpecKind};
pub use progress::{NoProgress, Progress};
pub use report::ImportReport;
pub use run::{Imported, run_import};

/// Why an import failed. Every message names the file and, where there is
/// one, the feature or line.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: {detail}")]
    Io { file: String, detail: String },
    #[error("{file}{}: {detail}", location.as_ref().map(|l| format!(", {l}")).unwrap_or_default())]
    Malformed {
        file: String,
        /// `feature 3`, `line 12`, `blob 7`…
        location: Option<String>,
        detail: String,
    },
    #[error("{0}")]
    Dataset(String),
}
