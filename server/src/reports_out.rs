//! Gap reports and neighbourhood figures as JSON, GeoJSON and CSV — the
//! same for the API and `learnscape analyse`.

use crate::app::access::CategoryReport;
use crate::geojson_out::geometry;
use crate::provenance::Provenance;
use geo_types::Geometry;
use learnscape_access::analysis::{AreaInput, AreaReport};
use learnscape_access::measures::AreaFigures;
use learnscape_core::Bbox;
use serde_json::{Map, Value, json};

/// `x` to `digits` decimals; -0 (a difference that came out a hair below
/// zero) is 0.
pub(crate) fn round(x: f64, digits: i32) -> f64 {
    let k = 10f64.powi(digits);
    (x * k).round() / k + 0.0
}

fn opt(x: Option<f64>, digits: i32) -> Value {
    x.filter(|v| v.is_finite())
        .map_or(Value::Null, |v| json!(round(v, digits)))
}

/// A ranked row's place in the ranking, from 1; null for a neighbourhood
/// the ranking lists after it, unranked (`AreaFigures::rankable`), which
/// `rank_gaps` sorts last, so the ranks run on without a gap.
fn rank_of(index: usize, f: &AreaFigures) -> Value {
    if f.rankable() {
        json!(index + 1)
    } else {
        Value::Null
    }
}

/// The figures of one neighbourhood as flat properties.
pub fn figure_properties(
    report: &CategoryReport,
    area: &AreaInput,
    f: &AreaFigures,
) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("id".into(), json!(area.id));
    m.insert("name".into(), json!(area.name));
    m.insert("near".into(), json!(area.near));
    m.insert("category".into(), json!(report.category.as_str()));
    m.insert("minutes".into(), json!(report.minutes));
    m.insert("walking_speed_kmh".into(), json!(report.speed.kmh()));
    m.insert("step_free".into(), json!(report.steps.avoided()));
    m.insert("population".into(), json!(round(f.population, 1)));
    m.insert("stated_population".into(), opt(area.stated_population, 1));
    m.insert("covered".into(), json!(round(f.covered, 1)));
    m.insert("uncovered".into(), json!(round(f.uncovered, 1)));
    m.insert("off_network".into(), json!(round(f.off_network, 1)));
    m.insert("covered_share".into(), opt(f.covered_share, 4));
    m.insert("uncovered_share".into(), opt(f.uncovered_share, 4));
    m.insert("e2sfca_per_10k".into(), opt(f.e2sfca_per_10k, 4));
    m.insert("cumulative_mean".into(), opt(f.cumulative_mean, 3));
    m.insert("gini".into(), opt(f.gini, 4));
    m.insert("p50_min".into(), opt(f.p50_min, 2));
    m.insert("p90_min".into(), opt(f.p90_min, 2));
    m.insert("demand_points".into(), json!(f.demand_points));
    m
}

/// Neighbourhood polygons with their figures (RFC 7946 FeatureCollection).
pub fn neighbourhoods_geojson(
    report: &CategoryReport,
    areas: &[AreaInput],
    rows: &[AreaReport],
    provenance: &Provenance,
) -> Value {
    let features: Vec<Value> = rows
        .iter()
        .enumerate()
        .map(|(rank, r)| {
            let area = &areas[r.area];
            let mut props = figure_properties(report, area, &r.figures);
            props.insert("rank".into(), rank_of(rank, &r.figures));
            json!({
                "type": "Feature",
                "id": area.id,
                "geometry": geometry(&Geometry::MultiPolygon(area.area.clone())),
                "properties": props,
            })
        })
        .collect();
    json!({
        "type": "FeatureCollection",
        "attribution": provenance.attribution(),
        "sources": provenance.sources_json(),
        "population_from": provenance.population_from(),
        "category": report.category.as_str(),
        "minutes": report.minutes,
        "walking_speed_kmh": report.speed.kmh(),
        "step_free": report.steps.avoided(),
        "facilities": report.facilities,
        "features": features,
    })
}

/// The ranked gap list without geometry, each area with its bounding box.
pub fn gaps_json(
    report: &CategoryReport,
    areas: &[AreaInput],
    ranked: &[AreaReport],
    provenance: &Provenance,
) -> Value {
    let rows: Vec<Value> = ranked
        .iter()
        .enumerate()
        .map(|(rank, r)| {
            let area = &areas[r.area];
            let mut props = figure_properties(report, area, &r.figures);
            props.insert("rank".into(), rank_of(rank, &r.figures));
            // So that a client can show the area without its geometry.
            if let Some(b) = Bbox::of(&area.area) {
                // Rounded outwards, so the box still holds every vertex.
                let (down, up) = (
                    |x: f64| (x * 1e7).floor() / 1e7,
                    |x: f64| (x * 1e7).ceil() / 1e7,
                );
                let corners = [down(b.west), down(b.south), up(b.east), up(b.north)];
                props.insert("bbox".into(), json!(corners));
            }
            Value::Object(props)
        })
        .collect();
    let overall = figure_properties(report, &overall_area(), &report.overall);
    json!({
        "category": report.category.as_str(),
        "minutes": report.minutes,
        "walking_speed_kmh": report.speed.kmh(),
        "step_free": report.steps.avoided(),
        "facilities": report.facilities,
        "attribution": provenance.attribution(),
        "sources": provenance.sources_json(),
        "population_from": provenance.population_from(),
        "overall": overall,
        "gaps": rows,
    })
}

/// The pseudo-area holding every demand point.
fn overall_area() -> AreaInput {
    AreaInput {
        id: "all".into(),
        name: "whole study area".into(),
        area: geo_types::MultiPolygon(Vec::new()),
        stated_population: None,
        near: None,
    }
}

/// Text as a spreadsheet cell. Names come from OpenStreetMap, which
/// anyone may edit: one that would start a formula (`=`, `+`, `-`, `@`, a
/// tab or a return) is kept as text by a leading apostrophe (OWASP, "CSV
/// injection").
pub(crate) fn text_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn cell(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => text_cell(s),
        Some(Value::Null) | None => String::new(),
        Some(v) => v.to_string(),
    }
}

const CSV_COLUMNS: &[&str] = &[
    "rank",
    "id",
    "name",
    "category",
    "minutes",
    "population",
    "stated_population",
    "covered",
    "uncovered",
    "off_network",
    "covered_share",
    "uncovered_share",
    "e2sfca_per_10k",
    "cumulative_mean",
    "gini",
    "p50_min",
    "p90_min",
    "demand_points",
    // Added after the figures, so that a sheet reading the columns by
    // position reads the same ones as before.
    "near",
    "walking_speed_kmh",
    "step_free",
];

/// Ranked rows as CSV; the last columns carry the data's attribution, the
/// day of its OpenStreetMap data and the day its residents were counted
/// (each empty when the files do not say).
pub fn write_gaps_csv<W: std::io::Write>(
    writer: &mut csv::Writer<W>,
    reports: &[(&CategoryReport, Vec<AreaReport>)],
    areas: &[AreaInput],
    provenance: &Provenance,
) -> Result<(), csv::Error> {
    let mut header: Vec<&str> = CSV_COLUMNS.to_vec();
    header.extend(["attribution", "osm_data_as_of", "population_as_of"]);
    writer.write_record(&header)?;
    // On every row, as the credit is: a row pasted into another sheet
    // keeps whose data it is and how current.
    let credit = [
        provenance.attribution().to_string(),
        provenance.osm_day().unwrap_or_default(),
        provenance.population_day().unwrap_or_default(),
    ];
    for (report, ranked) in reports {
        for (rank, r) in ranked.iter().enumerate() {
            let mut props = figure_properties(report, &areas[r.area], &r.figures);
            props.insert("rank".into(), rank_of(rank, &r.figures));
            let mut row: Vec<String> = CSV_COLUMNS.iter().map(|c| cell(props.get(*c))).collect();
            row.extend(credit.iter().cloned());
            writer.write_record(&row)?;
        }
        // The whole study area last, unranked: the city's own total.
        let all = overall_area();
        let props = figure_properties(report, &all, &report.overall);
        let mut row: Vec<String> = CSV_COLUMNS.iter().map(|c| cell(props.get(*c))).collect();
        row.extend(credit.iter().cloned());
        writer.write_record(&row)?;
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::text_cell;

    #[test]
    fn a_name_that_would_start_a_formula_stays_text() {
        assert_eq!(
            text_cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(text_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text_cell("-1+2"), "'-1+2");
        assert_eq!(text_cell("Landesbibliothek"), "Landesbibliothek");
        assert_eq!(text_cell(""), "");
    }
}
