//! Basemap features (roads, water, green, land use, buildings, labels)
//! from the same extract, so the map needs no outside tiles; then the
//! house numbers, for search.

use super::addresses::build_addresses;
use super::assemble::{closed_way_area, multipolygon_area};
use super::places::describe;
use super::read::{Extract, NodePositions, RawWay};
use super::tags::{Form, basemap_class, place_label_class};
use crate::report::ImportReport;
use geo_types::{Coord, Geometry, LineString, MultiLineString, Point};
use learnscape_core::{BasemapFeature, BasemapKind};
use rayon::prelude::*;
use std::collections::HashMap;

pub fn build_basemap(
    extract: &Extract,
    ways_by_id: &HashMap<i64, &RawWay>,
    report: &mut ImportReport,
) -> Vec<BasemapFeature> {
    let mut features = Vec::new();
    for node in &extract.tagged_nodes {
        if let Some(class) = place_label_class(|k| node.tags.get(k)) {
            features.push(BasemapFeature {
                kind: BasemapKind::PlaceLabel,
                class: class.to_string(),
                name: node.tags.name(),
                population: node
                    .tags
                    .get("population")
                    .and_then(|p| p.trim().replace([',', ' '], "").parse::<f64>().ok()),
                geometry: Geometry::Point(Point::new(node.lon, node.lat)),
            });
        }
    }
    // Geometry per way in parallel; results (and skips) applied in file
    // order so the output is deterministic.
    let outcomes: Vec<Result<BasemapFeature, (String, String)>> = extract
        .ways
        .par_iter()
        .filter_map(|way| way_feature(way, &extract.nodes))
        .collect();
    for outcome in outcomes {
        match outcome {
            Ok(feature) => features.push(feature),
            Err((reason, example)) => report.skip(&reason, None, || example),
        }
    }
    for relation in &extract.relations {
        let Some((kind, class, Form::Area)) = basemap_class(|k| relation.tags.get(k)) else {
            continue;
        };
        match multipolygon_area(&relation.ways, ways_by_id, &extract.nodes) {
            Ok(area) => features.push(BasemapFeature {
                kind,
                class,
                name: relation.tags.name(),
                population: None,
                geometry: Geometry::MultiPolygon(area),
            }),
            Err(e) => report.skip(
                &format!("basemap {}: {}", kind.as_str(), e.reason()),
                None,
                || describe(&format!("r{}", relation.id), &relation.tags),
            ),
        }
    }
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
            Err(e) => {
                return Some(Err((
                    format!("basemap {}: {}", kind.as_str(), e.reason()),
                    describe(&format!("w{}", way.id), tags),
                )));
            }
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
