//! Data sources: one imported file, replaced whole on re-import.

use crate::{BasemapFeature, Neighbourhood, Place, PopulationUnit, WalkNetwork};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A short name chosen by the operator (or the file's stem), e.g.
/// `liechtenstein-osm`. Letters, digits, `-`, `_` and `.` only.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SourceId(pub String);

impl SourceId {
    pub fn parse(text: &str) -> Result<Self, String> {
        let ok = !text.is_empty()
            && text.len() <= 64
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if ok {
            Ok(Self(text.to_string()))
        } else {
            Err(format!(
                "source id {text:?} must be 1-64 characters of letters, digits, '-', '_' or '.'"
            ))
        }
    }

    /// A valid id made from a file name: unsupported characters become `-`.
    pub fn from_file_stem(stem: &str) -> Self {
        let cleaned: String = stem
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                    c
                } else {
                    '-'
                }
            })
            .take(64)
            .collect();
        if cleaned.is_empty() {
            Self("source".into())
        } else {
            Self(cleaned)
        }
    }
}

impl fmt::Display for SourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Osm,
    Neighbourhoods,
    Population,
    Facilities,
}

impl SourceKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            SourceKind::Osm => "osm",
            SourceKind::Neighbourhoods => "neighbourhoods",
            SourceKind::Population => "population",
            SourceKind::Facilities => "facilities",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            SourceKind::Osm,
            SourceKind::Neighbourhoods,
            SourceKind::Population,
            SourceKind::Facilities,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataSource {
    pub id: SourceId,
    pub kind: SourceKind,
    /// The file as the operator named it.
    pub path: String,
    /// SHA-256 of the file's bytes, hex.
    pub sha256: String,
    /// What read the file: the importer's edition and the options it was
    /// read with. A file read by another edition or with other options is
    /// imported again, though unchanged ("" for rows written before).
    pub reader: String,
    pub imported_at: DateTime<Utc>,
    /// How current the file's data is, when the file says: an OSM
    /// extract's replication timestamp (Geofabrik's, say). None for files
    /// that do not say, and for rows written before it was kept.
    pub data_as_of: Option<DateTime<Utc>>,
    /// Shown on the map and in exports, e.g. "© OpenStreetMap contributors (ODbL 1.0)".
    pub attribution: String,
    /// What the operator says of the file's data that figures drawn from
    /// it should be read with: how it was made, what it misses ("from the
    /// OSM place node of each name: approximate, undated"). Empty when
    /// nothing, and for rows written before it was kept.
    pub note: String,
}

impl DataSource {
    /// The file's own name, without the folders it was read from (which
    /// are the operator's business).
    pub fn file_name(&self) -> &str {
        self.path.rsplit(['/', '\\']).next().unwrap_or(&self.path)
    }
}

/// How current the street data is that figures drawn from `sources` rest
/// on: the oldest OpenStreetMap extract's date, since figures mixing two
/// extracts are only as current as the older. None when no extract says
/// (or there is none): an unknown date is not guessed from the others.
pub fn osm_data_as_of(sources: &[DataSource]) -> Option<DateTime<Utc>> {
    oldest_data_as_of(sources.iter().filter(|s| s.kind == SourceKind::Osm))
}

/// How current data drawn from all of `sources` is: the oldest one's
/// date; None when there is none, or one of them does not say.
pub fn oldest_data_as_of<'a>(
    sources: impl IntoIterator<Item = &'a DataSource>,
) -> Option<DateTime<Utc>> {
    let mut dates = sources.into_iter().map(|s| s.data_as_of);
    let first = dates.next()??;
    dates.try_fold(first, |oldest, d| Some(oldest.min(d?)))
}

/// Everything one import produced from one source. A store replaces the
/// source's previous data with this in one transaction.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SourceData {
    pub places: Vec<Place>,
    pub neighbourhoods: Vec<Neighbourhood>,
    pub population_units: Vec<PopulationUnit>,
    pub walk_network: WalkNetwork,
    pub basemap: Vec<BasemapFeature>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn from(path: &str) -> DataSource {
        DataSource {
            id: SourceId("s".into()),
            kind: SourceKind::Osm,
            path: path.into(),
            sha256: String::new(),
            reader: String::new(),
            imported_at: DateTime::<Utc>::default(),
            data_as_of: None,
            attribution: String::new(),
            note: String::new(),
        }
    }

    #[test]
    fn a_file_name_leaves_its_folders_out() {
        assert_eq!(
            from("/srv/data/../shared/li_2024-03.osm.pbf").file_name(),
            "li_2024-03.osm.pbf"
        );
        assert_eq!(
            from(r"C:\data\gemeinden.geojson").file_name(),
            "gemeinden.geojson"
        );
        assert_eq!(from("schools.csv").file_name(), "schools.csv");
    }

    #[test]
    fn the_street_data_is_as_current_as_its_oldest_extract() {
        let day = |d: u32| Utc.with_ymd_and_hms(2024, 3, d, 21, 0, 0).single();
        let source = |kind, data_as_of| DataSource {
            kind,
            data_as_of,
            ..from("x")
        };
        let newer = source(SourceKind::Osm, day(9));
        let older = source(SourceKind::Osm, day(4));
        let boundaries = source(SourceKind::Neighbourhoods, day(1));
        assert_eq!(
            osm_data_as_of(&[newer.clone(), boundaries.clone(), older]),
            day(4)
        );
        // Only extracts date the street data.
        assert_eq!(osm_data_as_of(std::slice::from_ref(&boundaries)), None);
        assert_eq!(osm_data_as_of(&[]), None);
        // One extract that does not say leaves the whole unknown.
        let undated = source(SourceKind::Osm, None);
        assert_eq!(osm_data_as_of(&[newer.clone(), undated.clone()]), None);
        assert_eq!(osm_data_as_of(&[undated, newer]), None);
    }
}
