//! OpenStreetMap PBF → places, walk network and basemap (with the house
//! numbers and postcodes search finds).

mod addresses;
mod assemble;
mod basemap;
mod merge;
pub mod near_street;
mod nodes;
mod places;
mod postcodes;
mod read;
pub mod tags;
mod walk;

use crate::ImportError;
use crate::category_rules::CategoryRules;
use crate::progress::Progress;
use crate::report::ImportReport;
use chrono::{DateTime, Utc};
use learnscape_core::{Place, SourceData, SourceId};
use std::collections::HashMap;
use std::path::Path;

/// What one extract gave.
#[derive(Debug)]
pub struct OsmImport {
    pub data: SourceData,
    pub report: ImportReport,
    /// How current the extract is, when its header says (Geofabrik's do).
    pub data_as_of: Option<DateTime<Utc>>,
}

/// Reads an `.osm.pbf` file whole: every learning space by `rules`, the
/// walk network and the basemap features.
pub fn import_osm(
    path: &Path,
    source: &SourceId,
    rules: &CategoryRules,
    progress: &dyn Progress,
) -> Result<OsmImport, ImportError> {
    let extract = read::read_extract(path, rules, progress)?;
    let data_as_of = extract.as_of;
    let ways_by_id: HashMap<i64, &read::RawWay> = extract.ways.iter().map(|w| (w.id, w)).collect();

    let mut report = ImportReport::new(&path.display().to_string(), &source.0);
    // The three parts read the extract and nothing else, so they are built
    // side by side: each has sequential stretches that the others fill.
    let ((mut places, places_report), ((walk_network, walk_report), (basemap, basemap_report))) =
        rayon::join(
            || with_report(|r| merged_places(&extract, &ways_by_id, rules, source, r)),
            || {
                rayon::join(
                    || with_report(|r| walk::build_walk_network(&extract, r)),
                    || with_report(|r| basemap::build_basemap(&extract, &ways_by_id, r)),
                )
            },
        );
    for part in [places_report, walk_report, basemap_report] {
        report.absorb(part);
    }
    near_street::name_by_streets(&mut places, &basemap);
    // Millions of small allocations: freed while the caller writes.
    drop(ways_by_id);
    rayon::spawn(move || drop(extract));
    Ok(OsmImport {
        data: SourceData {
            places,
            walk_network,
            basemap,
            ..SourceData::default()
        },
        report,
        data_as_of,
    })
}

/// Runs `build` with a report of its own, for the import's to absorb.
fn with_report<T>(build: impl FnOnce(&mut ImportReport) -> T) -> (T, ImportReport) {
    let mut report = ImportReport::default();
    (build(&mut report), report)
}

/// Learning spaces, with nodes merged into the areas they mark.
fn merged_places(
    extract: &read::Extract,
    ways_by_id: &HashMap<i64, &read::RawWay>,
    rules: &CategoryRules,
    source: &SourceId,
    report: &mut ImportReport,
) -> Vec<Place> {
    let places = places::build_places(extract, ways_by_id, rules, source, report);
    let places = merge::merge_nodes_into_areas(places, report);
    for place in &places {
        *report.places.entry(place.category).or_insert(0) += 1;
    }
    places
}
