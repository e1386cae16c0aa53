//! Dataset description files (TOML): everything a city needs, imported by
//! one command. Relative paths resolve against the description file.
//!
//! ```toml
//! name = "Liechtenstein"
//! [osm]
//! path = "../../shared/data/liechtenstein/osm/liechtenstein_2024-03_geofabrik.osm.pbf"
//! [[neighbourhoods]]
//! path = "…/liechtenstein_gemeinden_osm2024.geojson"
//! name_field = "name"
//! population_field = "population_osm_place_node"
//! ```

use crate::ImportError;
use crate::csv_table::CsvColumns;
use crate::tables::{CategoryChoice, FacilityFields};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use learnscape_core::{Category, SourceId};
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub const OSM_ATTRIBUTION: &str = "© OpenStreetMap contributors (ODbL 1.0)";

/// One file to import and how to read it.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportSpec {
    pub path: PathBuf,
    pub source: SourceId,
    pub attribution: String,
    /// How current the file's data is, as the operator states it (a
    /// census's reference day, say): a file of figures seldom says. It
    /// wins over what the file says (an OSM extract's header).
    pub data_as_of: Option<DateTime<Utc>>,
    /// What figures drawn from the file should be read with
    /// ([`learnscape_core::DataSource::note`]); empty when nothing.
    pub note: String,
    pub kind: SpecKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SpecKind {
    Osm,
    Neighbourhoods {
        name_field: String,
        population_field: Option<String>,
        /// Names written wholly in capitals are title-cased
        /// ([`crate::name_case::title_case_capitals`]).
        title_case: bool,
    },
    Population {
        population_field: String,
        csv: CsvColumns,
    },
    Facilities {
        fields: FacilityFields,
        csv: CsvColumns,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pub name: String,
    pub file: PathBuf,
    pub specs: Vec<ImportSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDataset {
    name: String,
    osm: Option<RawOsm>,
    #[serde(default)]
    neighbourhoods: Vec<RawNeighbourhoods>,
    #[serde(default)]
    population: Vec<RawPopulation>,
    #[serde(default)]
    facilities: Vec<RawFacilities>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOsm {
    path: PathBuf,
    source: Option<String>,
    data_as_of: Option<toml::value::Datetime>,
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNeighbourhoods {
    path: PathBuf,
    source: Option<String>,
    name_field: String,
    population_field: Option<String>,
    attribution: Option<String>,
    data_as_of: Option<toml::value::Datetime>,
    note: Option<String>,
    /// The file writes names in capitals ("SÖRNÄINEN"): show them in
    /// title case ("Sörnäinen").
    #[serde(default)]
    title_case: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPopulation {
    path: PathBuf,
    source: Option<String>,
    population_field: String,
    attribution: Option<String>,
    data_as_of: Option<toml::value::Datetime>,
    note: Option<String>,
    lon_field: Option<String>,
    lat_field: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFacilities {
    path: PathBuf,
    source: Option<String>,
    category: Option<String>,
    category_field: Option<String>,
    #[serde(default = "default_name_field")]
    name_field: String,
    capacity_field: Option<String>,
    description: Option<String>,
    attribution: Option<String>,
    data_as_of: Option<toml::value::Datetime>,
    note: Option<String>,
    lon_field: Option<String>,
    lat_field: Option<String>,
}

fn default_name_field() -> String {
    "name".into()
}

/// A stated "data as of": a day (`2023-12-31`, read as its start in UTC)
/// or a moment (`2023-12-31T00:00:00Z`; without an offset, UTC), not
/// after `now`: data cannot be more current than the day it is imported.
pub fn data_as_of(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    let moment = DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").map(|t| t.and_utc()))
        .or_else(|_| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map(|d| d.and_time(Default::default()).and_utc())
        })
        .map_err(|_| {
            format!("data_as_of {text:?} is not a day (YYYY-MM-DD) or a moment (RFC 3339)")
        })?;
    if moment > now {
        return Err(format!("data_as_of {text} is in the future"));
    }
    Ok(moment)
}

/// `text` with its runs of white space (line breaks too) as single spaces.
pub fn one_paragraph(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The source id: as given, else the file's stem.
pub fn source_for(path: &Path, given: Option<&str>) -> Result<SourceId, String> {
    match given {
        Some(s) => SourceId::parse(s),
        None => {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("source");
            let stem = name.split('.').next().unwrap_or(name);
            Ok(SourceId::from_file_stem(stem))
        }
    }
}

pub fn facility_category(
    category: Option<String>,
    field: Option<String>,
) -> Result<CategoryChoice, String> {
    match (category, field) {
        (Some(c), None) => c
            .parse::<Category>()
            .map(CategoryChoice::Fixed)
            .map_err(|e| e.to_string()),
        (None, Some(f)) => Ok(CategoryChoice::Field(f)),
        _ => Err(
            "a facility list needs exactly one of `category` (for all rows) or `category_field`"
                .into(),
        ),
    }
}

impl Dataset {
    pub fn load(file: &Path) -> Result<Dataset, ImportError> {
        let shown = file.display().to_string();
        let text = std::fs::read_to_string(file).map_err(|e| ImportError::Io {
            file: shown.clone(),
            detail: e.to_string(),
        })?;
        let raw: RawDataset = toml::from_str(&text).map_err(|e| ImportError::Malformed {
            file: shown.clone(),
            location: None,
            detail: e.to_string(),
        })?;
        let base = file.parent().unwrap_or(Path::new("."));
        let resolve = |p: &Path| {
            if p.is_absolute() {
                p.to_path_buf()
            } else {
                base.join(p)
            }
        };
        let bad = |detail: String| ImportError::Dataset(format!("{shown}: {detail}"));
        let now = chrono::Utc::now();
        let stated = |d: Option<toml::value::Datetime>| {
            d.map(|d| data_as_of(&d.to_string(), now))
                .transpose()
                .map_err(bad)
        };
        // A TOML string spread over lines reads as one paragraph.
        let noted = |n: Option<String>| n.map(|n| one_paragraph(&n)).unwrap_or_default();
        let mut specs = Vec::new();
        if let Some(osm) = raw.osm {
            let path = resolve(&osm.path);
            specs.push(ImportSpec {
                source: source_for(&path, osm.source.as_deref()).map_err(bad)?,
                path,
                attribution: OSM_ATTRIBUTION.into(),
                data_as_of: stated(osm.data_as_of)?,
                note: noted(osm.note),
                kind: SpecKind::Osm,
            });
        }
        for n in raw.neighbourhoods {
            let path = resolve(&n.path);
            specs.push(ImportSpec {
                source: source_for(&path, n.source.as_deref()).map_err(bad)?,
                path,
                attribution: n.attribution.unwrap_or_default(),
                data_as_of: stated(n.data_as_of)?,
                note: noted(n.note),
                kind: SpecKind::Neighbourhoods {
                    name_field: n.name_field,
                    population_field: n.population_field,
                    title_case: n.title_case,
                },
            });
        }
        for p in raw.population {
            let path = resolve(&p.path);
            specs.push(ImportSpec {
                source: source_for(&path, p.source.as_deref()).map_err(bad)?,
                path,
                attribution: p.attribution.unwrap_or_default(),
                data_as_of: stated(p.data_as_of)?,
                note: noted(p.note),
                kind: SpecKind::Population {
                    population_field: p.population_field,
                    csv: CsvColumns {
                        lon: p.lon_field,
                        lat: p.lat_field,
                        ..CsvColumns::default()
                    },
                },
            });
        }
        for f in raw.facilities {
            let path = resolve(&f.path);
            specs.push(ImportSpec {
                source: source_for(&path, f.source.as_deref()).map_err(bad)?,
                path,
                attribution: f.attribution.unwrap_or_default(),
                data_as_of: stated(f.data_as_of)?,
                note: noted(f.note),
                kind: SpecKind::Facilities {
                    fields: FacilityFields {
                        category: facility_category(f.category, f.category_field).map_err(bad)?,
                        name: f.name_field,
                        capacity: f.capacity_field,
                        description: f.description,
                    },
                    csv: CsvColumns {
                        lon: f.lon_field,
                        lat: f.lat_field,
                        ..CsvColumns::default()
                    },
                },
            });
        }
        let mut ids: Vec<&SourceId> = specs.iter().map(|s| &s.source).collect();
        ids.sort();
        if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
            return Err(bad(format!(
                "two files would import as source {:?}; give one a `source = \"…\"`",
                w[0].0
            )));
        }
        if specs.is_empty() {
            return Err(bad("names no files to import".into()));
        }
        Ok(Dataset {
            name: raw.name,
            file: file.to_path_buf(),
            specs,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn load(toml: &str) -> Result<Dataset, ImportError> {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("city.toml");
        std::fs::write(&file, toml).expect("write");
        Dataset::load(&file)
    }

    #[test]
    fn a_note_over_several_lines_is_one_paragraph() {
        let dataset = load(
            "name = \"x\"\n[osm]\npath = \"x.osm.pbf\"\nnote = \"\"\"\nCut by a box:\n  its edges\tmiss streets.\n\"\"\"\n",
        )
        .expect("dataset");
        assert_eq!(
            dataset.specs[0].note,
            "Cut by a box: its edges miss streets."
        );
        let unnoted = load("name = \"x\"\n[osm]\npath = \"x.osm.pbf\"\n").expect("dataset");
        assert_eq!(unnoted.specs[0].note, "");
    }

    #[test]
    fn a_stated_day_is_its_start_in_utc_and_never_after_today() {
        let now = Utc
            .with_ymd_and_hms(2026, 12, 5, 9, 0, 0)
            .single()
            .expect("now");
        let start = |y, m, d| {
            Utc.with_ymd_and_hms(y, m, d, 0, 0, 0)
                .single()
                .expect("day")
        };
        assert_eq!(data_as_of("2023-12-31", now), Ok(start(2023, 12, 31)));
        assert_eq!(
            data_as_of("2024-01-01T01:00:00+01:00", now),
            Ok(start(2024, 1, 1))
        );
        assert_eq!(
            data_as_of("2024-01-01T00:00:00", now),
            Ok(start(2024, 1, 1))
        );
        assert_eq!(data_as_of("2026-12-05", now), Ok(start(2026, 12, 5)));
        let refused = |text: &str| data_as_of(text, now).expect_err(text);
        assert!(refused("2026-12-06").contains("in the future"));
        assert!(refused("31.12.2023").contains("not a day (YYYY-MM-DD)"));
        assert!(refused("2023").contains("not a day"));
    }

    #[test]
    fn a_dataset_states_how_current_a_file_is_and_a_bad_statement_names_the_file() {
        let dataset = load(
            "name = \"x\"\n\
             [[population]]\npath = \"census.csv\"\npopulation_field = \"n\"\ndata_as_of = 2023-12-31\n\
             [[neighbourhoods]]\npath = \"districts.geojson\"\nname_field = \"name\"\n",
        )
        .expect("loads");
        let day = Utc.with_ymd_and_hms(2023, 12, 31, 0, 0, 0).single();
        assert_eq!(dataset.specs[1].data_as_of, day, "{:?}", dataset.specs);
        assert_eq!(dataset.specs[0].data_as_of, None);
        assert!(
            crate::run::reader_of(&dataset.specs[1])
                .ends_with("; data as of 2023-12-31T00:00:00+00:00")
        );

        let error = load(
            "name = \"x\"\n[[population]]\npath = \"census.csv\"\npopulation_field = \"n\"\ndata_as_of = 10:30:00\n",
        )
        .expect_err("a time is no day")
        .to_string();
        assert!(
            error.contains("city.toml") && error.contains("data_as_of \"10:30:00\""),
            "{error}"
        );
        let error = load(
            "name = \"x\"\n[[population]]\npath = \"census.csv\"\npopulation_field = \"n\"\ndata_as_of = \"2023\"\n",
        )
        .expect_err("a string is not a TOML date")
        .to_string();
        assert!(error.contains("city.toml"), "{error}");
    }
}
