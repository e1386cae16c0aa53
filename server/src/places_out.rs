//! Places as GeoJSON or CSV, each carrying the attribution its source
//! requires (OSM data is ODbL: exports must say so).

use crate::geojson_out::{geometry, round};
use learnscape_core::hours::{Day, Hours, LOCAL_TIME, When};
use learnscape_core::{DataSource, Place, SourceId};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// Attribution per source id, from the store's source list.
#[derive(Debug, Clone, Default)]
pub struct Attributions(BTreeMap<SourceId, String>);

impl Attributions {
    pub fn new(sources: &[DataSource]) -> Self {
        Self(
            sources
                .iter()
                .map(|s| (s.id.clone(), s.attribution.clone()))
                .collect(),
        )
    }

    /// Adds the attribution of a source the store does not list (the
    /// commons registry).
    pub fn add(&mut self, source: SourceId, attribution: &str) {
        self.0.insert(source, attribution.to_string());
    }

    pub fn of(&self, source: &SourceId) -> &str {
        self.0.get(source).map_or("", String::as_str)
    }

    /// The distinct, non-empty attributions of `places`, sorted.
    pub fn for_places(&self, places: &[Place]) -> Vec<String> {
        let set: BTreeSet<&str> = places
            .iter()
            .map(|p| self.of(&p.source))
            .filter(|a| !a.is_empty())
            .collect();
        set.into_iter().map(str::to_string).collect()
    }
}

/// A place's state at a time: the local time there it was read `at`, its
/// `state` (open, closed, unknown), the rule's `comment`, and when it
/// `changes_at` (local time) to `changes_to`; null for a place with no
/// hours that read.
pub fn open_json(hours: Option<&Hours>, when: When) -> Value {
    let Some(status) = hours.map(|h| h.status(when)) else {
        return Value::Null;
    };
    json!({
        "at": status.at.format(LOCAL_TIME).to_string(),
        "state": status.state,
        "comment": status.comment,
        "changes_at": status.next.map(|(t, _)| t.format(LOCAL_TIME).to_string()),
        "changes_to": status.next.map(|(_, s)| s),
    })
}

/// Days of hours as `{date, open, unknown}`, spans as `["09:00", "18:00"]`
/// on the place's clock (one that runs to midnight ends at "24:00").
pub fn days_json(days: &[Day]) -> Value {
    let spans = |spans: &[(u16, u16)]| -> Value {
        let hhmm = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
        spans
            .iter()
            .map(|&(a, b)| json!([hhmm(a), hhmm(b)]))
            .collect()
    };
    days.iter()
        .map(|d| {
            json!({
                "date": d.date.format("%Y-%m-%d").to_string(),
                "open": spans(&d.open),
                "unknown": spans(&d.unknown),
            })
        })
        .collect()
}

/// The `at` asked for, as given: `now` or a local time.
pub fn when_json(when: Option<When>) -> Value {
    match when {
        None => Value::Null,
        Some(When::Instant(_)) => json!("now"),
        Some(When::Local(t)) => json!(t.format(LOCAL_TIME).to_string()),
    }
}

pub fn place_feature(place: &Place) -> Value {
    let mut properties = Map::new();
    properties.insert("id".into(), json!(place.id.0));
    properties.insert("category".into(), json!(place.category.as_str()));
    properties.insert("name".into(), json!(place.name));
    properties.insert("source".into(), json!(place.source.0));
    properties.insert("source_ref".into(), json!(place.source_ref));
    properties.insert(
        "representative_point".into(),
        json!([
            round(place.representative_point.lon),
            round(place.representative_point.lat)
        ]),
    );
    for (key, value) in &place.attributes {
        properties
            .entry(key.clone())
            .or_insert_with(|| json!(value));
    }
    json!({
        "type": "Feature",
        "id": place.id.0,
        "geometry": geometry(&place.shape.to_geometry()),
        "properties": properties,
    })
}

/// A FeatureCollection with an `attribution` foreign member (RFC 7946 §6.1).
pub fn places_geojson(places: &[Place], attributions: &Attributions) -> Value {
    json!({
        "type": "FeatureCollection",
        "attribution": attributions.for_places(places).join("; "),
        "features": places.iter().map(place_feature).collect::<Vec<_>>(),
    })
}

/// The attributes every CSV export has a column for, in this order.
const CSV_ATTRIBUTES: &[&str] = &[
    "opening_hours",
    "wheelchair",
    "website",
    "operator",
    "phone",
    "capacity",
    "osm:tag",
    "near_street",
];

/// One row per place at its representative point; the last column is the
/// source's attribution.
pub fn write_places_csv<W: std::io::Write>(
    out: W,
    places: &[Place],
    attributions: &Attributions,
) -> Result<(), csv::Error> {
    let mut writer = csv::Writer::from_writer(out);
    let mut header = vec![
        "id",
        "category",
        "name",
        "lon",
        "lat",
        "source",
        "source_ref",
    ];
    header.extend_from_slice(CSV_ATTRIBUTES);
    header.push("attribution");
    writer.write_record(&header)?;
    for place in places {
        let mut row = vec![
            place.id.0.clone(),
            place.category.as_str().to_string(),
            place.name.clone().unwrap_or_default(),
            format!("{:.7}", place.representative_point.lon),
            format!("{:.7}", place.representative_point.lat),
            place.source.0.clone(),
            place.source_ref.clone(),
        ];
        for key in CSV_ATTRIBUTES {
            row.push(place.attribute(key).unwrap_or_default().to_string());
        }
        row.push(attributions.of(&place.source).to_string());
        writer.write_record(&row)?;
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use learnscape_core::conformance::sample_source;

    #[test]
    fn exports_carry_the_attribution_of_their_sources() {
        let (source, data) = sample_source("osm", 0.0);
        let attributions = Attributions::new(std::slice::from_ref(&source));
        let collection = places_geojson(&data.places, &attributions);
        assert_eq!(collection["attribution"], source.attribution);
        assert_eq!(
            collection["features"].as_array().map(Vec::len),
            Some(data.places.len())
        );

        let mut csv = Vec::new();
        write_places_csv(&mut csv, &data.places, &attributions).expect("csv");
        let text = String::from_utf8(csv).expect("utf8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), data.places.len() + 1);
        assert!(lines[0].ends_with(",attribution"));
        assert!(lines[1].contains("OpenStreetMap"), "{}", lines[1]);
    }

    #[test]
    fn an_unnamed_place_exports_the_street_it_goes_by() {
        let (source, mut data) = sample_source("osm", 0.0);
        let attributions = Attributions::new(std::slice::from_ref(&source));
        data.places[0].name = None;
        data.places[0]
            .attributes
            .insert(Place::NEAR_STREET.into(), "Äulestrasse".into());
        let feature = place_feature(&data.places[0]);
        assert_eq!(feature["properties"]["near_street"], "Äulestrasse");
        let mut csv = Vec::new();
        write_places_csv(&mut csv, &data.places[..1], &attributions).expect("csv");
        let text = String::from_utf8(csv).expect("utf8");
        let mut rows = csv::Reader::from_reader(text.as_bytes());
        let column = rows
            .headers()
            .expect("header")
            .iter()
            .position(|h| h == "near_street")
            .expect("a near_street column");
        let row = rows.records().next().expect("a row").expect("readable");
        assert_eq!(row.get(column), Some("Äulestrasse"));
    }
}
