//! Records (from GeoJSON or CSV) → neighbourhoods, population units and
//! facility places. A record that cannot serve the purpose — a line where
//! an area is needed, no population figure — is skipped and reported; a
//! value that is wrong — a population that is not a number, an unknown
//! category — fails the whole file, naming the record.

use crate::ImportError;
use crate::records::{Record, RecordFile};
use crate::report::ImportReport;
use geo_types::{Geometry, MultiPolygon};
use learnscape_core::{
    Category, LonLat, Neighbourhood, Place, PlaceId, PopulationUnit, Shape, SourceId, shape,
};
use std::collections::BTreeMap;

fn reference(record: &Record) -> String {
    record
        .id
        .clone()
        .unwrap_or_else(|| record.location.replace(' ', "-"))
}

fn geometry_name(g: &Option<Geometry<f64>>) -> &'static str {
    match g {
        None => "null",
        Some(Geometry::Point(_)) => "Point",
        Some(Geometry::MultiPoint(_)) => "MultiPoint",
        Some(Geometry::LineString(_) | Geometry::Line(_)) => "LineString",
        Some(Geometry::MultiLineString(_)) => "MultiLineString",
        Some(Geometry::Polygon(_) | Geometry::Rect(_) | Geometry::Triangle(_)) => "Polygon",
        Some(Geometry::MultiPolygon(_)) => "MultiPolygon",
        Some(Geometry::GeometryCollection(_)) => "GeometryCollection",
    }
}

/// A point or a non-empty area, else `None`.
fn shape_of(geometry: &Option<Geometry<f64>>) -> Option<Shape> {
    let shape = match geometry.as_ref()? {
        Geometry::Point(p) => Shape::Point(LonLat::from(*p)),
        Geometry::Polygon(p) => Shape::Area(MultiPolygon(vec![p.clone()])),
        Geometry::MultiPolygon(mp) => Shape::Area(mp.clone()),
        _ => return None,
    };
    (!shape.is_degenerate()).then_some(shape)
}

/// No place has more residents than this, a little over the world's: a
/// larger figure is another field (an area in m², an id) taken for the
/// head count, and would swamp every sum it enters.
const MAX_HEAD_COUNT: f64 = 10e9;

/// A population figure as residents: none negative, none beyond
/// [`MAX_HEAD_COUNT`].
fn check_head_count(population: f64, field: &str) -> Result<(), String> {
    if population < 0.0 {
        return Err(format!("population {population} is negative"));
    }
    if population > MAX_HEAD_COUNT {
        return Err(format!(
            "population {population} is more people than live on Earth: is {field:?} the number of residents?"
        ));
    }
    Ok(())
}

fn unique_check(
    file: &RecordFile,
    seen: &mut BTreeMap<String, String>,
    record: &Record,
    id: &str,
) -> Result<(), ImportError> {
    if let Some(first) = seen.insert(id.to_string(), record.location.clone()) {
        return Err(file.error(
            record,
            format!("id {id:?} is used twice (first at {first})"),
        ));
    }
    Ok(())
}

pub fn neighbourhoods(
    file: &RecordFile,
    source: &SourceId,
    name_field: &str,
    population_field: Option<&str>,
    title_case: bool,
    report: &mut ImportReport,
) -> Result<Vec<Neighbourhood>, ImportError> {
    let mut out = Vec::new();
    let mut seen = BTreeMap::new();
    for record in &file.records {
        let Some(Shape::Area(area)) = shape_of(&record.geometry) else {
            report.skip(
                &format!(
                    "geometry is {}; a neighbourhood needs a Polygon or MultiPolygon",
                    geometry_name(&record.geometry)
                ),
                None,
                || record.location.clone(),
            );
            continue;
        };
        let name = record.text(name_field).ok_or_else(|| {
            file.error(
                record,
                format!(
                    "no name in property {name_field:?}; its properties are: {}",
                    record.property_names()
                ),
            )
        })?;
        // As it is shown, so the report's warnings name it so too.
        let name = if title_case {
            crate::name_case::title_case_capitals(&name)
        } else {
            name
        };
        let population = match population_field {
            Some(field) => record.number(field).map_err(|d| file.error(record, d))?,
            None => None,
        };
        if let (Some(p), Some(field)) = (population, population_field) {
            check_head_count(p, field).map_err(|d| file.error(record, d))?;
        }
        let reference = reference(record);
        unique_check(file, &mut seen, record, &reference)?;
        if area.0.iter().any(shape::crosses_itself) {
            report.warn(
                "neighbourhood outline crosses itself: which residents count in it near the crossing depends on the tool; mend it at the source",
                || format!("{} ({name})", record.location),
            );
        }
        out.push(Neighbourhood {
            id: format!("{source}:{reference}"),
            source: source.clone(),
            name,
            area,
            population,
        });
    }
    report.neighbourhoods = out.len();
    Ok(out)
}

pub fn population_units(
    file: &RecordFile,
    source: &SourceId,
    population_field: &str,
    report: &mut ImportReport,
) -> Result<Vec<PopulationUnit>, ImportError> {
    let mut out = Vec::new();
    let mut seen = BTreeMap::new();
    for record in &file.records {
        let Some(shape) = shape_of(&record.geometry) else {
            report.skip(
                &format!(
                    "geometry is {}; a population unit needs a Point, Polygon or MultiPolygon",
                    geometry_name(&record.geometry)
                ),
                None,
                || record.location.clone(),
            );
            continue;
        };
        if !record.properties.contains_key(population_field) {
            return Err(file.error(
                record,
                format!(
                    "no property {population_field:?} for the population; its properties are: {}",
                    record.property_names()
                ),
            ));
        }
        let Some(population) = record
            .number(population_field)
            .map_err(|d| file.error(record, d))?
        else {
            report.skip("no population figure (null or empty)", None, || {
                record.location.clone()
            });
            continue;
        };
        check_head_count(population, population_field).map_err(|d| file.error(record, d))?;
        let reference = reference(record);
        unique_check(file, &mut seen, record, &reference)?;
        if shape.crosses_itself() {
            report.warn(
                "population unit outline crosses itself: which buildings share its people near the crossing depends on the tool; mend it at the source",
                || format!("{} ({reference})", record.location),
            );
        }
        out.push(PopulationUnit {
            id: format!("{source}:{reference}"),
            source: source.clone(),
            shape,
            population,
        });
    }
    report.population_units = out.len();
    report.population_total = out.iter().fold(0.0, |t, u| t + u.population);
    Ok(out)
}

/// Where a facility's category comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum CategoryChoice {
    Fixed(Category),
    Field(String),
}

/// Property names of a facility list.
#[derive(Debug, Clone, PartialEq)]
pub struct FacilityFields {
    pub category: CategoryChoice,
    pub name: String,
    /// Supply for E2SFCA; 1 when absent.
    pub capacity: Option<String>,
    /// Said of every row without a `description` of its own: what the
    /// list is, where its names or places are not what they seem.
    pub description: Option<String>,
}

pub fn facilities(
    file: &RecordFile,
    source: &SourceId,
    fields: &FacilityFields,
    report: &mut ImportReport,
) -> Result<Vec<Place>, ImportError> {
    let mut out = Vec::new();
    let mut seen = BTreeMap::new();
    for record in &file.records {
        let category = match &fields.category {
            CategoryChoice::Fixed(c) => *c,
            CategoryChoice::Field(field) => {
                let value = record.text(field).ok_or_else(|| {
                    file.error(
                        record,
                        format!(
                            "no category in property {field:?}; its properties are: {}",
                            record.property_names()
                        ),
                    )
                })?;
                value
                    .parse::<Category>()
                    .map_err(|e| file.error(record, format!("property {field:?}: {e}")))?
            }
        };
        let Some(shape) = shape_of(&record.geometry) else {
            report.skip(
                &format!(
                    "geometry is {}; a facility needs a Point, Polygon or MultiPolygon",
                    geometry_name(&record.geometry)
                ),
                Some(category),
                || record.location.clone(),
            );
            continue;
        };
        let mut attributes = BTreeMap::new();
        if let Some(field) = &fields.capacity {
            match record.number(field).map_err(|d| file.error(record, d))? {
                // A row that offers nothing (a grid cell with no schools)
                // is no facility: kept, it would count as capacity 1.
                Some(0.0) => {
                    report.skip(
                        &format!("{field} is 0: nothing to offer"),
                        Some(category),
                        || record.location.clone(),
                    );
                    continue;
                }
                // More than everyone alive could use is another field
                // (an id, a budget) taken for the capacity: it would hand
                // the place's catchment a share of 1e300 per resident.
                Some(c) if c > MAX_HEAD_COUNT => {
                    return Err(file.error(
                        record,
                        format!(
                            "capacity {c} is more than everyone on Earth could use: is {field:?} what the place offers (seats, places, a count)?"
                        ),
                    ));
                }
                Some(c) if c > 0.0 => {
                    attributes.insert("capacity".to_string(), c.to_string());
                }
                Some(c) => return Err(file.error(record, format!("capacity {c} is negative"))),
                None => {}
            }
        }
        for key in [
            "opening_hours",
            "wheelchair",
            "website",
            "operator",
            "phone",
            "description",
        ] {
            if let Some(v) = record.text(key) {
                attributes.insert(key.to_string(), v);
            }
        }
        if let Some(d) = &fields.description {
            attributes
                .entry("description".to_string())
                .or_insert_with(|| d.clone());
        }
        let reference = reference(record);
        unique_check(file, &mut seen, record, &reference)?;
        let representative_point = shape
            .representative_point()
            .unwrap_or(LonLat::new(f64::NAN, f64::NAN));
        *report.places.entry(category).or_insert(0) += 1;
        out.push(Place {
            id: PlaceId::new(source, &reference),
            source: source.clone(),
            source_ref: reference,
            category,
            name: record.text(&fields.name),
            shape,
            representative_point,
            attributes,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geojson::parse_geojson;

    fn areas(population: &str) -> RecordFile {
        let ring = "[[9.50,47.10],[9.51,47.10],[9.51,47.11],[9.50,47.11],[9.50,47.10]]";
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"name":"Vaduz","pop":{population}}},"geometry":{{"type":"Polygon","coordinates":[{ring}]}}}}]}}"#
        );
        parse_geojson("areas.geojson", text.as_bytes()).expect("valid GeoJSON")
    }

    fn as_neighbourhoods(file: &RecordFile) -> Result<Vec<Neighbourhood>, ImportError> {
        let mut report = ImportReport::new("areas.geojson", "t");
        neighbourhoods(
            file,
            &SourceId("t".into()),
            "name",
            Some("pop"),
            false,
            &mut report,
        )
    }

    fn as_units(file: &RecordFile) -> Result<Vec<PopulationUnit>, ImportError> {
        let mut report = ImportReport::new("areas.geojson", "t");
        population_units(file, &SourceId("t".into()), "pop", &mut report)
    }

    /// An error that names the file, its first feature and the field, and
    /// says what is wrong.
    fn says_where_and_what(message: &str, file: &str, field: &str, what: &str) {
        assert!(
            message.contains(file)
                && message.contains("feature 0")
                && message.contains(&format!("{field:?}"))
                && message.contains(what),
            "{message}"
        );
    }

    /// A district's area in m² taken for its residents: refused, naming
    /// the file, the feature and the field, as neighbourhoods and as
    /// population units alike.
    #[test]
    fn more_people_than_live_on_earth_is_refused() {
        let file = areas("25000000000");
        for error in [
            as_neighbourhoods(&file).map(|_| ()),
            as_units(&file).map(|_| ()),
        ] {
            let message = error.expect_err("refused").to_string();
            says_where_and_what(
                &message,
                "areas.geojson",
                "pop",
                "more people than live on Earth",
            );
        }
    }

    fn as_facilities(capacity: &str) -> Result<Vec<Place>, ImportError> {
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"name":"Landesbibliothek","seats":{capacity}}},"geometry":{{"type":"Point","coordinates":[9.5215,47.1405]}}}}]}}"#
        );
        let file = parse_geojson("libraries.geojson", text.as_bytes()).expect("valid GeoJSON");
        let fields = FacilityFields {
            category: CategoryChoice::Fixed(Category::Library),
            name: "name".into(),
            capacity: Some("seats".into()),
            description: None,
        };
        let mut report = ImportReport::new("libraries.geojson", "t");
        facilities(&file, &SourceId("t".into()), &fields, &mut report)
    }

    /// A capacity beyond anyone's use is refused, naming the file, the
    /// feature and the field; a large real one (a stadium's seats) is kept.
    #[test]
    fn a_capacity_more_than_everyone_could_use_is_refused() {
        let message = as_facilities("1e300").expect_err("refused").to_string();
        says_where_and_what(
            &message,
            "libraries.geojson",
            "seats",
            "more than everyone on Earth could use",
        );
        let kept = as_facilities("80000").expect("kept");
        assert_eq!(kept[0].capacity(), 80_000.0);
        let message = as_facilities("-3").expect_err("refused").to_string();
        assert!(message.contains("capacity -3 is negative"), "{message}");
    }

    #[test]
    fn a_negative_head_count_is_refused_and_a_large_real_one_kept() {
        let negative = areas("-5");
        for error in [
            as_neighbourhoods(&negative).map(|_| ()),
            as_units(&negative).map(|_| ()),
        ] {
            let message = error.expect_err("refused").to_string();
            assert!(message.contains("population -5 is negative"), "{message}");
        }
        // A metropolis's figure is a head count.
        let large = areas("37000000");
        let kept = as_neighbourhoods(&large).expect("kept");
        assert_eq!(kept[0].population, Some(37_000_000.0));
        assert_eq!(as_units(&large).expect("kept")[0].population, 37_000_000.0);
    }
}
