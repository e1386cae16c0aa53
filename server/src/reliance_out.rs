//! The places of one kind most relied on, as JSON and CSV: for the API,
//! the planner's list and a council's spreadsheet.

use crate::app::access::Walking;
use crate::geojson_out;
use crate::provenance::Provenance;
use crate::reports_out::{round, text_cell};
use learnscape_access::analysis::{AreaInput, Reliance};
use learnscape_core::Category;
use serde_json::{Value, json};

/// The walk the ranking is measured for.
#[derive(Debug, Clone, Copy)]
pub struct Walk {
    pub category: Category,
    pub minutes: f64,
    pub walking: Walking,
}

/// The ranking as the API answers it.
pub fn reliance_json(
    walk: Walk,
    ranked: &[Reliance],
    areas: &[AreaInput],
    attribution: &str,
) -> Value {
    let places: Vec<Value> = (ranked.iter())
        .map(|r| {
            json!({
                "id": r.id.0,
                "name": r.name,
                "near_street": r.near_street,
                "at": geojson_out::lonlat_json(r.at),
                "residents_within": round(r.within, 1),
                "left_out": round(r.sole, 1),
                "neighbourhood": r.area.map(|k| json!({ "id": areas[k].id, "name": areas[k].name })),
            })
        })
        .collect();
    json!({
        "category": walk.category.as_str(),
        "minutes": walk.minutes,
        "walking_speed_kmh": walk.walking.pace.kmh(),
        "step_free": walk.walking.steps.avoided(),
        "places": places,
        "attribution": attribution,
    })
}

const COLUMNS: &[&str] = &[
    "rank",
    "id",
    "name",
    "near_street",
    "category",
    "lon",
    "lat",
    "minutes",
    "walking_speed_kmh",
    "step_free",
    "residents_within",
    "left_out",
    "neighbourhood_id",
    "neighbourhood",
    "attribution",
    "osm_data_as_of",
    "population_as_of",
];

/// The ranking as CSV, one place a row, most relied on first; the data's
/// credit and days on every row, as the gap table has them.
pub fn write_reliance_csv<W: std::io::Write>(
    writer: &mut csv::Writer<W>,
    walk: Walk,
    ranked: &[Reliance],
    areas: &[AreaInput],
    provenance: &Provenance,
) -> Result<(), csv::Error> {
    writer.write_record(COLUMNS)?;
    let text = |s: Option<&str>| s.map(text_cell).unwrap_or_default();
    for (rank, r) in ranked.iter().enumerate() {
        let area = r.area.map(|k| &areas[k]);
        writer.write_record([
            (rank + 1).to_string(),
            text(Some(&r.id.0)),
            text(r.name.as_deref()),
            text(r.near_street.as_deref()),
            walk.category.as_str().to_string(),
            geojson_out::round(r.at.lon).to_string(),
            geojson_out::round(r.at.lat).to_string(),
            walk.minutes.to_string(),
            walk.walking.pace.kmh().to_string(),
            walk.walking.steps.avoided().to_string(),
            round(r.within, 1).to_string(),
            round(r.sole, 1).to_string(),
            text(area.map(|a| a.id.as_str())),
            text(area.map(|a| a.name.as_str())),
            text(Some(provenance.attribution())),
            provenance.osm_day().unwrap_or_default(),
            provenance.population_day().unwrap_or_default(),
        ])?;
    }
    writer.flush()?;
    Ok(())
}
