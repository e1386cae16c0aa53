//! Basemap features (roads, water, green, land use, buildings, labels)
//! from the same extract, so the map needs no outside tiles; then the
//! house numbers, for search.

use super::addresses::build_addresses;
use super::assemble::{closed_way_area, multipolygon_area};
use super::places::describe;
use super::read::{Extract, NodePositions, RawWay, Role};
use super::tags::{Form, Tags, basemap_class, other_names, place_label_class};
use crate::report::ImportReport;
use geo_types::{Coord, Geometry, LineString, MultiLineString, Point};
use learnscape_core::{BasemapFeature, BasemapKind};
use rayon::prelude::*;
use std::collections::HashMap;

/// A drawn feature and the features of its other names ([`other_names_of`]).
type WithOtherNames = (BasemapFeature, Vec<BasemapFeature>);

pub fn build_basemap(
    extract: &Extract,
    ways_by_id: &HashMap<i64, &RawWay>,
    report: &mut ImportReport,
) -> Vec<BasemapFeature> {
    let mut features = Vec::new();
    // Not drawn: after every drawn feature, as the house numbers are.
    let mut others = Vec::new();
    for node in &extract.tagged_nodes {
        if let Some(class) = place_label_class(|k| node.tags.get(k)) {
            let label = BasemapFeature {
                kind: BasemapKind::PlaceLabel,
                class: class.to_string(),
                name: node.tags.name(),
                population: node
                    .tags
                    .get("population")
                    .and_then(|p| p.trim().replace([',', ' '], "").parse::<f64>().ok()),
                geometry: Geometry::Point(Point::new(node.lon, node.lat)),
            };
            others.extend(other_names_of(&label, &node.tags));
            features.push(label);
        }
    }
    // Geometry per way in parallel; results (and skips) applied in file
    // order so the output is deterministic.
    let outcomes: Vec<Result<WithOtherNames, (String, String)>> = extract
        .ways
        .par_iter()
        .filter_map(|way| {
            let feature = way_feature(way, &extract.nodes)?;
            let tags = way.tags.as_ref()?;
            Some(feature.map(|f| {
                let others = other_names_of(&f, tags);
                (f, others)
            }))
        })
        .collect();
    for outcome in outcomes {
        match outcome {
            Ok((feature, also)) => {
                features.push(feature);
                others.extend(also);
            }
            Err((reason, example)) => report.skip(&reason, None, || example),
        }
    }
    for relation in &extract.relations {
        let Some((kind, class, Form::Area)) = basemap_class(|k| relation.tags.get(k)) else {
            continue;
        };
        let area = multipolygon_area(&relation.ways, ways_by_id, &extract.nodes);
        let geometry = match area {
            Ok(area) => Ok(Geometry::MultiPolygon(area)),
            Err(e) => {
                let outer = (relation.ways.iter())
                    .filter(|(_, role)| *role == Role::Outer)
                    .filter_map(|(id, _)| ways_by_id.get(id).copied());
                edge_of_square(kind, outer, &extract.nodes).ok_or(e)
            }
        };
        match geometry {
            Ok(geometry) => {
                let feature = BasemapFeature {
                    kind,
                    class,
                    name: relation.tags.name(),
                    population: None,
                    geometry,
                };
                others.extend(other_names_of(&feature, &relation.tags));
                features.push(feature);
            }
            Err(e) => report.skip(
                &format!("basemap {}: {}", kind.as_str(), e.reason()),
                None,
                || describe(&format!("r{}", relation.id), &relation.tags),
            ),
        }
    }
    features.extend(others);
    report.basemap_features = features.len();
    // After every drawn feature, so their order (the drawing order) is
    // the same with or without them.
    features.extend(build_addresses(extract, ways_by_id, report));
    features
}

/// The basemap feature of one way: `None` when it is not drawn, `Err`
/// with (reason, example) when it should be but cannot be assembled.
fn way_feature(
    way: &RawWay,
    nodes: &NodePositions,
) -> Option<Result<BasemapFeature, (String, String)>> {
    let tags = way.tags.as_ref()?;
    let (kind, class, form) = basemap_class(|k| tags.get(k))?;
    let geometry = match form {
        Form::Line => line_pieces(&way.refs, nodes)?,
        Form::Area => match closed_way_area(&way.refs, nodes) {
            Ok(area) => Geometry::MultiPolygon(area),
            Err(e) => match edge_of_square(kind, std::iter::once(way), nodes) {
                Some(edge) => edge,
                None => {
                    return Some(Err((
                        format!("basemap {}: {}", kind.as_str(), e.reason()),
                        describe(&format!("w{}", way.id), tags),
                    )));
                }
            },
        },
    };
    Some(Ok(BasemapFeature {
        kind,
        class,
        name: tags.name(),
        population: None,
        geometry,
    }))
}

/// A road's, square's or place label's other names ([`other_names`]),
/// each a feature of its own that search finds it by and no tile draws.
fn other_names_of(feature: &BasemapFeature, tags: &Tags) -> Vec<BasemapFeature> {
    if !matches!(feature.kind, BasemapKind::Road | BasemapKind::PlaceLabel) {
        return Vec::new();
    }
    (other_names(tags).into_iter())
        .map(|name| BasemapFeature {
            kind: BasemapKind::OtherName,
            class: feature.class.clone(),
            name: Some(name),
            population: None,
            geometry: feature.geometry.clone(),
        })
        .collect()
}

/// What the file holds of the outer ways of a square (a [`BasemapKind::Road`]
/// area) that it cannot close, because the extract is cut through it
/// (Helsinki's Narinkkatori and Kauppatori): as lines, which no tile
/// fills, so that search still finds the square by its name and edge.
/// `None` for any other kind, or where no piece of the edge is left.
fn edge_of_square<'a>(
    kind: BasemapKind,
    outer: impl Iterator<Item = &'a RawWay>,
    nodes: &NodePositions,
) -> Option<Geometry<f64>> {
    if kind != BasemapKind::Road {
        return None;
    }
    let pieces: Vec<LineString<f64>> = outer
        .filter_map(|way| line_pieces(&way.refs, nodes))
        .flat_map(|g| match g {
            Geometry::LineString(l) => vec![l],
            Geometry::MultiLineString(m) => m.0,
            _ => Vec::new(),
        })
        .collect();
    (!pieces.is_empty()).then_some(Geometry::MultiLineString(MultiLineString(pieces)))
}

/// A line split where the file lacks a node, so a cut road still draws.
fn line_pieces(refs: &[i64], nodes: &NodePositions) -> Option<Geometry<f64>> {
    let mut pieces: Vec<LineString<f64>> = Vec::new();
    let mut current: Vec<Coord<f64>> = Vec::new();
    for &id in refs {
        match nodes.get(id) {
            Some((x, y)) => current.push(Coord { x, y }),
            None => {
                if current.len() >= 2 {
                    pieces.push(LineString::from(std::mem::take(&mut current)));
                }
                current.clear();
            }
        }
    }
    if current.len() >= 2 {
        pieces.push(LineString::from(current));
    }
    match pieces.len() {
        0 => None,
        1 => pieces.pop().map(Geometry::LineString),
        _ => Some(Geometry::MultiLineString(MultiLineString(pieces))),
    }
}
