//! Runs one import spec: checksum, parse, validate, build. Writes nothing;
//! the caller hands the result to a store in one transaction.

use crate::csv_table::read_csv;
use crate::dataset::{ImportSpec, SpecKind};
use crate::geojson::read_geojson;
use crate::progress::Progress;
use crate::records::RecordFile;
use crate::report::ImportReport;
use crate::{CategoryRules, ImportError, osm, tables};
use learnscape_core::stamp;
use learnscape_core::{DataSource, SourceData, SourceKind};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;
use std::time::Instant;

/// A parsed, validated source ready for [`learnscape_core::store::SourceStore::replace_source`].
#[derive(Debug)]
pub struct Imported {
    pub source: DataSource,
    pub data: SourceData,
    pub report: ImportReport,
}

/// The importer's edition. Raise it whenever the same file would now be
/// read into different data (a tag read that was not, a rule changed):
/// `serve --dataset` then imports again the files a store holds from an
/// earlier edition, which it would otherwise skip as unchanged. 2: house
/// numbers (addresses) in the basemap. 3: how current an OSM extract is
/// ([`DataSource::data_as_of`]). 4: postcodes in the basemap. 5: a
/// postcode written with and without its country's letters is one. 6:
/// `highway=pedestrian` is a road class of its own, not a path. 7:
/// squares (pedestrian areas) are roads of class `square`. 8: roads' and
/// squares' other names (`name:sv`, `loc_name`…) for search. 9: towns'
/// and districts' other names ("Helsingfors"). 10: learning spaces'
/// other names, as attributes. 11: `int_name` is another name. 12: a
/// facility file's unnamed places go by the nearest named street. 13:
/// walk segments that are steps are marked, for walks that avoid them.
/// 14: and those otherwise barred to a wheelchair (`wheelchair=no`, a
/// turnstile, a raised kerb). 15: and what bars each (a turnstile, a
/// stile, a raised kerb, the way's own tag). 16: ways whose surface is
/// too rough for a wheelchair (`smoothness=bad` or worse) are barred too.
pub const READER_EDITION: u32 = 16;

/// What reads `spec`'s file: the edition and the options it is read with
/// (name and population fields, category, CSV columns…), as stored with
/// the source ([`DataSource::reader`]).
pub fn reader_of(spec: &ImportSpec) -> String {
    // A stated date is part of how the file is read: stated otherwise,
    // the source is recorded again.
    let stated = (spec.data_as_of)
        .map(|t| format!("; data as of {}", t.to_rfc3339()))
        .unwrap_or_default();
    format!(
        "learnscape importer {READER_EDITION}; {:?}{stated}",
        spec.kind
    )
}

pub fn sha256_file(path: &Path) -> Result<String, ImportError> {
    let io = |e: std::io::Error| ImportError::Io {
        file: path.display().to_string(),
        detail: e.to_string(),
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buffer).map_err(io)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}

fn read_records(
    spec: &ImportSpec,
    csv: &crate::csv_table::CsvColumns,
) -> Result<RecordFile, ImportError> {
    let name = spec.path.to_string_lossy().to_lowercase();
    if name.ends_with(".csv") {
        read_csv(&spec.path, csv)
    } else {
        read_geojson(&spec.path)
    }
}

pub fn run_import(
    spec: &ImportSpec,
    rules: &CategoryRules,
    progress: &dyn Progress,
) -> Result<Imported, ImportError> {
    let started = Instant::now();
    let sha256 = sha256_file(&spec.path)?;
    let shown = spec.path.display().to_string();
    let mut report = ImportReport::new(&shown, &spec.source.0);
    let mut data_as_of = None;
    let (kind, data) = match &spec.kind {
        SpecKind::Osm => {
            let osm = osm::import_osm(&spec.path, &spec.source, rules, progress)?;
            report = osm.report;
            data_as_of = osm.data_as_of;
            (SourceKind::Osm, osm.data)
        }
        SpecKind::Neighbourhoods {
            name_field,
            population_field,
            title_case,
        } => {
            let records = read_geojson(&spec.path)?;
            let neighbourhoods = tables::neighbourhoods(
                &records,
                &spec.source,
                name_field,
                population_field.as_deref(),
                *title_case,
                &mut report,
            )?;
            (
                SourceKind::Neighbourhoods,
                SourceData {
                    neighbourhoods,
                    ..SourceData::default()
                },
            )
        }
        SpecKind::Population {
            population_field,
            csv,
        } => {
            let records = read_records(spec, csv)?;
            let population_units =
                tables::population_units(&records, &spec.source, population_field, &mut report)?;
            (
                SourceKind::Population,
                SourceData {
                    population_units,
                    ..SourceData::default()
                },
            )
        }
        SpecKind::Facilities { fields, csv } => {
            let records = read_records(spec, csv)?;
            let places = tables::facilities(&records, &spec.source, fields, &mut report)?;
            (
                SourceKind::Facilities,
                SourceData {
                    places,
                    ..SourceData::default()
                },
            )
        }
    };
    report.elapsed_ms = started.elapsed().as_millis();
    let source = DataSource {
        id: spec.source.clone(),
        kind,
        path: shown,
        sha256,
        reader: reader_of(spec),
        imported_at: stamp::now(),
        data_as_of: spec.data_as_of.or(data_as_of),
        attribution: spec.attribution.clone(),
        note: spec.note.clone(),
    };
    Ok(Imported {
        source,
        data,
        report,
    })
}
