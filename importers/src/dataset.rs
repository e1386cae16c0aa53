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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNeighbourhoods {
    path: PathBuf,
    source: Option<String>,
    name_field: String,
    population_field: Option<String>,
    attribution: Option<String>,
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
    lon_field: Option<String>,
    lat_field: Option<String>,
}

fn default_name_field() -> String {
    "name".into()
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
        let mut specs = Vec::new();
        if let Some(osm) = raw.osm {
            let path = resolve(&osm.path);
            specs.push(ImportSpec {
                source: source_for(&path, osm.source.as_deref()).map_err(bad)?,
                path,
                attribution: OSM_ATTRIBUTION.into(),
                kind: SpecKind::Osm,
            });
        }
        for n in raw.neighbourhoods {
            let path = resolve(&n.path);
            specs.push(ImportSpec {
                source: source_for(&path, n.source.as_deref()).map_err(bad)?,
                path,
                attribution: n.attribution.unwrap_or_default(),
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
