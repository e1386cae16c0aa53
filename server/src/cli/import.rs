//! `learnscape import`: a dataset description or single files.

use super::progress_bars::Bars;
use crate::app::import::{ProgressFactory, parse, write};
use crate::backend::Backend;
use crate::exit::Failure;
use chrono::{DateTime, Utc};
use clap::{Args, ValueEnum};
use learnscape_core::{DataSource, StoreResult};
use learnscape_importers::csv_table::CsvColumns;
use learnscape_importers::dataset::{
    OSM_ATTRIBUTION, data_as_of, facility_category, one_paragraph, source_for,
};
use learnscape_importers::tables::FacilityFields;
use learnscape_importers::{Dataset, ImportSpec, SpecKind};
use std::path::{Path, PathBuf};
use std::pin::pin;
use std::sync::Arc;
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FileKind {
    /// An OpenStreetMap extract (.osm.pbf).
    Osm,
    /// Neighbourhood boundaries (GeoJSON polygons).
    Neighbourhoods,
    /// Population units: polygons or points with a count (GeoJSON or CSV).
    Population,
    /// A list of learning spaces (GeoJSON or CSV).
    Facilities,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  learnscape import datasets/liechtenstein.toml
  learnscape import city.osm.pbf
  learnscape import districts.geojson --kind neighbourhoods --name-field nimi_fi
  learnscape import libraries.csv --kind facilities --category library")]
pub struct ImportArgs {
    /// A dataset description (.toml) or data files; all are imported in one
    /// transaction, so either all land or none.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,

    /// What the files hold; .osm.pbf and .toml need no --kind.
    #[arg(long, value_enum)]
    kind: Option<FileKind>,

    /// Source id (default: the file name's stem); only with one file.
    #[arg(long, value_name = "ID")]
    source: Option<String>,

    /// Property holding the name (neighbourhoods, facilities).
    #[arg(long, default_value = "name", value_name = "FIELD")]
    name_field: String,

    /// Neighbourhood names written in capitals ("SÖRNÄINEN") are shown in
    /// title case ("Sörnäinen").
    #[arg(long)]
    title_case: bool,

    /// Property holding the number of residents.
    #[arg(long, value_name = "FIELD")]
    population_field: Option<String>,

    /// Category of every facility in the file.
    #[arg(long, value_name = "CATEGORY", conflicts_with = "category_field")]
    category: Option<String>,

    /// Property holding each facility's category.
    #[arg(long, value_name = "FIELD")]
    category_field: Option<String>,

    /// Property holding a facility's capacity (E2SFCA supply; default 1).
    #[arg(long, value_name = "FIELD")]
    capacity_field: Option<String>,

    /// CSV column with longitudes (default: lon, lng, longitude or x).
    #[arg(long, value_name = "COLUMN")]
    lon_field: Option<String>,

    /// CSV column with latitudes (default: lat, latitude or y).
    #[arg(long, value_name = "COLUMN")]
    lat_field: Option<String>,

    /// CSV column with WKT geometry instead of lon/lat (default: wkt, geometry, geom or the_geom).
    #[arg(long, value_name = "COLUMN")]
    wkt_field: Option<String>,

    /// Attribution shown on the map and in exports (OSM's is automatic).
    #[arg(long, value_name = "TEXT")]
    attribution: Option<String>,

    /// How current the data is (YYYY-MM-DD), for files that do not say,
    /// such as a census's reference day; shown with the figures and in
    /// exports. A dataset file states it per file as `data_as_of`.
    #[arg(long, value_name = "DATE", value_parser = stated_day)]
    data_as_of: Option<DateTime<Utc>>,

    /// What the figures drawn from the file should be read with (how it
    /// was made, what it misses), shown under "About these figures" and
    /// in the API's `about`. A dataset file says it per file as `note`.
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,

    /// Print the import reports as JSON on stdout.
    #[arg(long)]
    json: bool,
}

fn stated_day(text: &str) -> Result<DateTime<Utc>, String> {
    data_as_of(text, Utc::now())
}

fn lower_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

impl ImportArgs {
    fn specs(&self) -> Result<Vec<ImportSpec>, Failure> {
        if self.source.is_some() && self.files.len() > 1 {
            return Err(Failure::Usage(
                "--source names one source; give one file at a time".into(),
            ));
        }
        let mut specs = Vec::new();
        for path in &self.files {
            let name = lower_name(path);
            if name.ends_with(".toml") {
                if self.data_as_of.is_some() || self.note.is_some() {
                    return Err(Failure::Usage(format!(
                        "{}: a dataset file states each file's data_as_of and note itself; --data-as-of and --note are for single files",
                        path.display()
                    )));
                }
                specs.extend(Dataset::load(path)?.specs);
            } else {
                specs.push(self.spec_for(path, &name)?);
            }
        }
        Ok(specs)
    }

    fn spec_for(&self, path: &Path, name: &str) -> Result<ImportSpec, Failure> {
        let kind = match self.kind {
            Some(k) => k,
            None if name.ends_with(".pbf") => FileKind::Osm,
            None => {
                return Err(Failure::Usage(format!(
                    "{}: say what the file holds with --kind (neighbourhoods, population or facilities)",
                    path.display()
                )));
            }
        };
        let csv = CsvColumns {
            lon: self.lon_field.clone(),
            lat: self.lat_field.clone(),
            wkt: self.wkt_field.clone(),
            id: None,
        };
        let needs = |flag: &str| Failure::Usage(format!("--kind {kind:?} needs {flag}"));
        let spec_kind = match kind {
            FileKind::Osm => SpecKind::Osm,
            FileKind::Neighbourhoods => SpecKind::Neighbourhoods {
                name_field: self.name_field.clone(),
                population_field: self.population_field.clone(),
                title_case: self.title_case,
            },
            FileKind::Population => SpecKind::Population {
                population_field: self
                    .population_field
                    .clone()
                    .ok_or_else(|| needs("--population-field"))?,
                csv,
            },
            FileKind::Facilities => SpecKind::Facilities {
                fields: FacilityFields {
                    category: facility_category(self.category.clone(), self.category_field.clone())
                        .map_err(Failure::Usage)?,
                    name: self.name_field.clone(),
                    capacity: self.capacity_field.clone(),
                    description: None,
                },
                csv,
            },
        };
        let attribution = match (&self.attribution, kind) {
            (Some(a), _) => a.clone(),
            (None, FileKind::Osm) => OSM_ATTRIBUTION.to_string(),
            (None, _) => String::new(),
        };
        Ok(ImportSpec {
            source: source_for(path, self.source.as_deref()).map_err(Failure::Usage)?,
            path: path.to_path_buf(),
            attribution,
            data_as_of: self.data_as_of,
            note: (self.note.as_deref())
                .map(one_paragraph)
                .unwrap_or_default(),
            kind: spec_kind,
        })
    }
}

/// Tells the operator (and the crash tests) that parsing is over and the
/// store transaction starts now.
pub fn announce_write(store: &str, sources: &[DataSource]) {
    let ids: Vec<&str> = sources.iter().map(|s| s.id.0.as_str()).collect();
    eprintln!(
        "writing {} to {} in one transaction…",
        ids.join(", "),
        store
    );
}

/// Parses the files while `open` opens the store (on PostGIS: connecting
/// and, on a new database, migrating, about 0.1 s), then writes them in
/// one transaction and closes the store. Whichever of the two fails first
/// is reported at once: a bad file does not wait for a database that is
/// slow to answer, nor the other way round.
pub async fn run(
    open: impl Future<Output = StoreResult<Backend>>,
    args: ImportArgs,
) -> Result<(), Failure> {
    let started = Instant::now();
    let specs = args.specs()?;
    let bars = Bars::default();
    let progress: ProgressFactory = {
        let bars = bars.clone();
        Arc::new(move || Box::new(bars.clone()))
    };
    let opening = async {
        open.await.map_err(|e| {
            // The parse goes on, out of sight, until the process exits.
            bars.stop();
            Failure::from(e)
        })
    };
    let mut opening = pin!(opening);
    let mut parsing = pin!(parse(specs, progress));
    let (backend, parsed) = tokio::select! {
        opened = &mut opening => {
            let backend = opened?;
            match parsing.await {
                Ok(parsed) => (backend, parsed),
                Err(e) => {
                    backend.close().await;
                    return Err(e);
                }
            }
        }
        parsed = &mut parsing => {
            let parsed = parsed?;
            (opening.await?, parsed)
        }
    };
    let place = backend.describe();
    let written = write(backend.store().as_ref(), parsed, |sources| {
        announce_write(&place, sources)
    })
    .await;
    backend.close().await;
    let outcome = written?;
    if args.json {
        let json = serde_json::to_string_pretty(&outcome.reports)
            .map_err(|e| Failure::Output(e.to_string()))?;
        println!("{json}");
    } else {
        for report in &outcome.reports {
            println!("{report}\n");
        }
        println!(
            "imported {} source(s) into {} in {:.2} s",
            outcome.reports.len(),
            place,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}
