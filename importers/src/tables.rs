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
        if population.is_some_and(|p| p < 0.0) {
            return Err(file.error(record, "population is negative".into()));
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
        if population < 0.0 {
            return Err(file.error(record, format!("population {population} is negative")));
        }
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
