//! What figures rest on, carried with them into every answer and export
//! that holds them: the ODbL asks for the credit wherever OSM data goes,
//! and a figure cited in a council report needs the files behind it and
//! how current they were.

use chrono::{DateTime, SecondsFormat, Utc};
use learnscape_core::{DataSource, SourceId};
use serde_json::{Value, json};
use std::sync::Arc;

#[derive(Debug, Clone, Default)]
pub struct Provenance {
    sources: Arc<[DataSource]>,
    attribution: String,
    /// The sources the residents were counted from (one population file,
    /// the finest; else the boundary files that state a population).
    population_from: Vec<SourceId>,
}

/// The day of a moment, as a spreadsheet cell holds it.
fn day(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d").to_string()
}

/// A moment as the API writes it: RFC 3339 in UTC, to the second.
pub fn stamp(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl Provenance {
    pub fn new(sources: Arc<[DataSource]>) -> Self {
        let mut credits: Vec<&str> = sources
            .iter()
            .map(|s| s.attribution.as_str())
            .filter(|a| !a.is_empty())
            .collect();
        credits.sort_unstable();
        credits.dedup();
        let attribution = credits.join("; ");
        Self {
            sources,
            attribution,
            population_from: Vec::new(),
        }
    }

    /// The same, saying the residents were counted from `sources`.
    pub fn with_population_from(mut self, mut sources: Vec<SourceId>) -> Self {
        sources.sort_unstable();
        sources.dedup();
        self.population_from = sources;
        self
    }

    pub fn population_from(&self) -> &[SourceId] {
        &self.population_from
    }

    /// The day the residents were counted (the oldest of their sources'),
    /// when every one of them says or was told at import.
    pub fn population_day(&self) -> Option<String> {
        let counted = (self.sources.iter()).filter(|s| self.population_from.contains(&s.id));
        learnscape_core::oldest_data_as_of(counted).map(day)
    }

    /// Every source's attribution, distinct, joined with "; ".
    pub fn attribution(&self) -> &str {
        &self.attribution
    }

    pub fn sources(&self) -> &Arc<[DataSource]> {
        &self.sources
    }

    /// The day of the oldest OSM extract (`2024-03-04`), when every
    /// extract says; the date a spreadsheet row can carry.
    pub fn osm_day(&self) -> Option<String> {
        learnscape_core::osm_data_as_of(&self.sources).map(day)
    }

    /// Each file as `/api/v1/about` lists it: its name only (the folders
    /// it was read from are the operator's business), SHA-256, how
    /// current its data is when it says, when it was read, whose it is,
    /// and what figures drawn from it should be read with.
    pub fn sources_json(&self) -> Value {
        self.sources
            .iter()
            .map(|s| {
                json!({
                    "id": s.id.0,
                    "kind": s.kind.as_str(),
                    "file": s.file_name(),
                    "sha256": s.sha256,
                    "data_as_of": s.data_as_of.as_ref().map(stamp),
                    "imported_at": stamp(&s.imported_at),
                    "attribution": s.attribution,
                    "note": s.note,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use learnscape_core::{SourceId, SourceKind};

    fn source(id: &str, kind: SourceKind, attribution: &str, day: Option<u32>) -> DataSource {
        DataSource {
            id: SourceId(id.into()),
            kind,
            path: format!("/srv/data/{id}.osm.pbf"),
            sha256: "ab".repeat(32),
            reader: String::new(),
            imported_at: DateTime::<Utc>::default(),
            data_as_of: day.and_then(|d| Utc.with_ymd_and_hms(2024, 3, d, 21, 0, 2).single()),
            attribution: attribution.into(),
            note: String::new(),
        }
    }

    #[test]
    fn credits_each_owner_once_and_dates_the_street_data_by_its_oldest_extract() {
        let osm = "© OpenStreetMap contributors (ODbL 1.0)";
        let p = Provenance::new(Arc::from([
            source("b", SourceKind::Osm, osm, Some(9)),
            source("a", SourceKind::Neighbourhoods, "© City (CC BY 4.0)", None),
            source("c", SourceKind::Osm, osm, Some(4)),
            source("d", SourceKind::Facilities, "", None),
        ]));
        assert_eq!(p.attribution(), format!("© City (CC BY 4.0); {osm}"));
        assert_eq!(p.osm_day().as_deref(), Some("2024-03-04"));
        let listed = p.sources_json();
        assert_eq!(listed[0]["file"], "b.osm.pbf");
        assert_eq!(listed[0]["data_as_of"], "2024-03-09T21:00:02Z");
        assert_eq!(listed[1]["data_as_of"], Value::Null);
        assert_eq!(listed[3]["attribution"], "");
        assert_eq!(Provenance::default().osm_day(), None);
        assert_eq!(Provenance::default().attribution(), "");
    }

    #[test]
    fn dates_the_residents_by_the_sources_they_were_counted_from() {
        let sources: Arc<[DataSource]> = Arc::from([
            source("grid", SourceKind::Population, "", Some(20)),
            source("postal", SourceKind::Population, "", Some(2)),
            source("districts", SourceKind::Neighbourhoods, "", None),
        ]);
        let counted = |ids: &[&str]| {
            Provenance::new(sources.clone())
                .with_population_from(ids.iter().map(|i| SourceId((*i).into())).collect())
        };
        assert_eq!(
            counted(&["grid", "grid"]).population_day().as_deref(),
            Some("2024-03-20")
        );
        assert_eq!(
            counted(&["grid"]).population_from(),
            [SourceId("grid".into())]
        );
        assert_eq!(
            counted(&["postal", "grid"]).population_day().as_deref(),
            Some("2024-03-02")
        );
        assert_eq!(
            counted(&["districts", "grid"]).population_day(),
            None,
            "one does not say"
        );
        assert_eq!(counted(&[]).population_day(), None);
    }
}
