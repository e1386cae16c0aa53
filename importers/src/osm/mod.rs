//! OpenStreetMap PBF → places, walk network and basemap.

mod assemble;
mod basemap;
mod merge;
mod places;
mod read;
pub mod tags;
mod walk;

use crate::ImportError;
use crate::category_rules::CategoryRules;
use crate::progress::Progress;
use crate::report::ImportReport;
use learnscape_core::{SourceData, SourceId};
use std::collections::HashMap;
use std::path::Path;

/// Reads an `.osm.pbf` file whole: every learning space by `rules`, the
/// walk network and the basemap features.
pub fn import_osm(
    path: &Path,
    source: &SourceId,
    rules: &CategoryRules,
    progress: &dyn Progress,
) -> Result<(SourceData, ImportReport), ImportError> {
    let mut report = ImportReport::new(&path.display().to_string(), &source.0);
    let extract = read::read_extract(path, rules, progress)?;
    let ways_by_id: HashMap<i64, &read::RawWay> = extract.ways.iter().map(|w| (w.id, w)).collect();

    let places = places::build_places(&extract, &ways_by_id, rules, source, &mut report);
    let places = merge::merge_nodes_into_areas(places, &mut report);
    for place in &places {
        *report.places.entry(place.category).or_insert(0) += 1;
    }
    let walk_network = walk::build_walk_network(&extract, &mut report);
    let basemap = basemap::build_basemap(&extract, &ways_by_id, &mut report);
    Ok((
        SourceData {
            places,
            walk_network,
            basemap,
            ..SourceData::default()
        },
        report,
    ))
}
