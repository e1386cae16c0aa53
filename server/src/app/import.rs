//! The import use case: parse and validate every file first (nothing is
//! written if any file is bad), then replace all their sources in one
//! store transaction.

use crate::exit::Failure;
use learnscape_core::{
    BasemapFeature, BasemapKind, Bbox, DataSource, LonLat, Place, PlaceFilter, SourceData,
    SourceId, SourceKind, Store,
};
use learnscape_importers::osm::near_street::{WITHIN_M, name_by_streets};
use learnscape_importers::run::{reader_of, sha256_file};
use learnscape_importers::{
    CategoryRules, ImportReport, ImportSpec, Imported, Progress, run_import,
};
use std::sync::Arc;

/// Builds the progress display for one file; called on the parsing thread.
pub type ProgressFactory = Arc<dyn Fn() -> Box<dyn Progress + Send> + Send + Sync>;

#[derive(Debug, Default)]
pub struct ImportOutcome {
    pub reports: Vec<ImportReport>,
}

/// Specs the store does not hold as they would be imported now: the file
/// differs (by SHA-256), or it was read by another edition of the importer
/// or with other options (a name field, a category), or credited or noted
/// otherwise.
/// An import is all or nothing, so a store upgraded from an earlier
/// learnscape is brought up to date by the next `serve --dataset`.
pub async fn changed_specs(
    store: &dyn Store,
    specs: Vec<ImportSpec>,
) -> Result<(Vec<ImportSpec>, Vec<SourceId>), Failure> {
    let held = store.sources().await?;
    let mut changed = Vec::new();
    let mut unchanged = Vec::new();
    for spec in specs {
        let path = spec.path.clone();
        let sha = tokio::task::spawn_blocking(move || sha256_file(&path))
            .await
            .map_err(|e| Failure::Usage(format!("checksum task failed: {e}")))??;
        let reader = reader_of(&spec);
        let same = held.iter().any(|s| {
            s.id == spec.source
                && s.sha256 == sha
                && s.reader == reader
                && s.attribution == spec.attribution
                && s.note == spec.note
        });
        if same {
            unchanged.push(spec.source);
        } else {
            changed.push(spec);
        }
    }
    Ok((changed, unchanged))
}

/// Imports `specs` into `store`, all or nothing. `before_write` is told
/// which sources are about to be written once every file has parsed.
pub async fn import(
    store: &dyn Store,
    specs: Vec<ImportSpec>,
    progress: ProgressFactory,
    before_write: impl FnOnce(&[DataSource]),
) -> Result<ImportOutcome, Failure> {
    let parsed = parse(specs, progress).await?;
    write(store, parsed, before_write).await
}

/// Every file of `specs` parsed and validated, on the blocking pool; the
/// import stops at the first bad file. Spawned at once, so it runs while
/// the caller does other things (opening the store) until awaited.
pub fn parse(
    specs: Vec<ImportSpec>,
    progress: ProgressFactory,
) -> impl Future<Output = Result<Vec<Imported>, Failure>> {
    let parsing = tokio::task::spawn_blocking(move || {
        let rules = CategoryRules::default();
        specs
            .iter()
            .map(|spec| run_import(spec, &rules, progress().as_ref()))
            .collect::<Result<Vec<_>, _>>()
    });
    async move {
        parsing
            .await
            .map_err(|e| Failure::Usage(format!("import task failed: {e}")))?
            .map_err(Failure::from)
    }
}

/// Replaces the sources of `parsed` in `store`, in one transaction.
/// `before_write` is told which sources are about to be written.
pub async fn write(
    store: &dyn Store,
    parsed: Vec<Imported>,
    before_write: impl FnOnce(&[DataSource]),
) -> Result<ImportOutcome, Failure> {
    let mut reports = Vec::with_capacity(parsed.len());
    let mut batch = Vec::with_capacity(parsed.len());
    for imported in parsed {
        reports.push(imported.report);
        batch.push((imported.source, imported.data));
    }
    if !batch.is_empty() {
        name_facilities_by_streets(store, &mut batch).await?;
        // With the facility files named afresh by an extract's streets.
        let sources: Vec<DataSource> = batch.iter().map(|(s, _)| s.clone()).collect();
        before_write(&sources);
        store.replace_sources(batch).await?;
    }
    Ok(ImportOutcome { reports })
}

/// A facility file's unnamed places go by the nearest named street, as an
/// extract's do at import: "School by Rua Álvares Penteado", where a list
/// of São Paulo's school cells read "Unnamed school" three times over. The
/// streets are those of an extract imported with the file, else those the
/// store holds around its places.
async fn name_facilities_by_streets(
    store: &dyn Store,
    batch: &mut Vec<(DataSource, SourceData)>,
) -> Result<(), Failure> {
    // Cloned only when a place is to be named by them: an extract's named
    // roads are most of its basemap.
    let brings_streets = (batch.iter()).any(|(_, d)| d.basemap.iter().any(named_road));
    let streets_of = |batch: &[(DataSource, SourceData)]| -> Vec<BasemapFeature> {
        (batch.iter())
            .flat_map(|(_, d)| d.basemap.iter().filter(|f| named_road(f)).cloned())
            .collect()
    };
    let mut brought = None;
    if brings_streets {
        let held = held_facilities(store, batch).await?;
        if !held.is_empty() {
            let streets = brought.insert(streets_of(batch));
            batch.extend(renamed_by(held, streets));
        }
    }
    let unnamed = |p: &Place| p.name.is_none() && p.attribute(Place::NEAR_STREET).is_none();
    let wanting: Vec<LonLat> = (batch.iter())
        .filter(|(s, _)| s.kind == SourceKind::Facilities)
        .flat_map(|(_, d)| d.places.iter().filter(|p| unnamed(p)))
        .map(|p| p.representative_point)
        .collect();
    let Some(around) = reach_of(&wanting) else {
        return Ok(());
    };
    let roads = match brought {
        Some(streets) => streets,
        None if brings_streets => streets_of(batch),
        None => {
            let mut held = store.basemap_features(Some(around)).await?;
            held.retain(named_road);
            held
        }
    };
    for (_, data) in batch
        .iter_mut()
        .filter(|(s, _)| s.kind == SourceKind::Facilities)
    {
        name_by_streets(&mut data.places, &roads);
    }
    Ok(())
}

fn named_road(f: &BasemapFeature) -> bool {
    f.kind == BasemapKind::Road && f.name.is_some()
}

/// The facility files the store holds that `batch` does not replace, each
/// with its places, if any of them is unnamed.
async fn held_facilities(
    store: &dyn Store,
    batch: &[(DataSource, SourceData)],
) -> Result<Vec<(DataSource, Vec<Place>)>, Failure> {
    let mut held = Vec::new();
    for source in store.sources().await? {
        if source.kind != SourceKind::Facilities || batch.iter().any(|(b, _)| b.id == source.id) {
            continue;
        }
        let filter = PlaceFilter {
            source: Some(source.id.clone()),
            ..PlaceFilter::default()
        };
        let places = store.places(&filter).await?;
        if places.iter().any(|p| p.name.is_none()) {
            held.push((source, places));
        }
    }
    Ok(held)
}

/// An extract brings `streets`: the unnamed places of the facility files
/// the store holds go by them afresh, and a file whose places so change
/// is rewritten in the same transaction as the extract (its ids, credit
/// and checksum as they were). A file imported before any extract would
/// else list "Unnamed school" for good, and one imported before a newer
/// extract keep a street since renamed: the order of imports must not
/// change what a resident reads. A place no street of the extract passes
/// near keeps the one it had (another extract's, perhaps).
fn renamed_by(
    held: Vec<(DataSource, Vec<Place>)>,
    streets: &[BasemapFeature],
) -> Vec<(DataSource, SourceData)> {
    let mut renamed = Vec::new();
    for (source, before) in held {
        let mut places = before.clone();
        for place in places.iter_mut().filter(|p| p.name.is_none()) {
            place.attributes.remove(Place::NEAR_STREET);
        }
        name_by_streets(&mut places, streets);
        for (place, was) in places.iter_mut().zip(&before) {
            if let (None, Some(street)) = (
                place.attribute(Place::NEAR_STREET),
                was.attribute(Place::NEAR_STREET),
            ) {
                let street = street.to_string();
                place
                    .attributes
                    .insert(Place::NEAR_STREET.to_string(), street);
            }
        }
        if places != before {
            let data = SourceData {
                places,
                ..SourceData::default()
            };
            renamed.push((source, data));
        }
    }
    renamed
}

/// The box around `points` and [`WITHIN_M`] beyond; `None` for none.
fn reach_of(points: &[LonLat]) -> Option<Bbox> {
    let b = Bbox::of(&geo_types::MultiPoint::from_iter(
        points.iter().map(|p| geo_types::Point::new(p.lon, p.lat)),
    ))?;
    let dy = WITHIN_M / 111_320.0;
    let widest = b.south.abs().max(b.north.abs()).min(89.0);
    let dx = dy / widest.to_radians().cos();
    Some(Bbox {
        west: b.west - dx,
        south: b.south - dy,
        east: b.east + dx,
        north: b.north + dy,
    })
}
