//! Places from OSM: category nodes, closed ways and multipolygons.

use super::assemble::{closed_way_area, multipolygon_area};
use super::read::{Extract, RawWay};
use super::tags::Tags;
use crate::category_rules::{CategoryMatch, CategoryRules, keeps_attribute};
use crate::report::ImportReport;
use learnscape_core::{LonLat, Place, PlaceId, Shape, SourceId};
use std::collections::{BTreeMap, HashMap};

pub fn build_places(
    extract: &Extract,
    ways_by_id: &HashMap<i64, &RawWay>,
    rules: &CategoryRules,
    source: &SourceId,
    report: &mut ImportReport,
) -> Vec<Place> {
    let mut places = Vec::new();
    for node in &extract.tagged_nodes {
        let Some(m) = rules.classify(|k| node.tags.get(k)) else {
            continue;
        };
        report.matched.entry(m.category).or_default().nodes += 1;
        let position = LonLat::new(node.lon, node.lat);
        places.push(make_place(
            source,
            format!("n{}", node.id),
            m,
            &node.tags,
            Shape::Point(position),
            rules,
        ));
    }
    for way in &extract.ways {
        let Some(tags) = &way.tags else { continue };
        let Some(m) = rules.classify(|k| tags.get(k)) else {
            continue;
        };
        report.matched.entry(m.category).or_default().ways += 1;
        let reference = format!("w{}", way.id);
        match closed_way_area(&way.refs, &extract.nodes) {
            Ok(area) => places.push(make_place(
                source,
                reference,
                m,
                tags,
                Shape::Area(area),
                rules,
            )),
            Err(e) => report.skip(e.reason(), Some(m.category), || describe(&reference, tags)),
        }
    }
    for relation in &extract.relations {
        let Some(m) = rules.classify(|k| relation.tags.get(k)) else {
            continue;
        };
        report.matched.entry(m.category).or_default().relations += 1;
        let reference = format!("r{}", relation.id);
        match multipolygon_area(&relation.ways, ways_by_id, &extract.nodes) {
            Ok(area) => places.push(make_place(
                source,
                reference,
                m,
                &relation.tags,
                Shape::Area(area),
                rules,
            )),
            Err(e) => report.skip(e.reason(), Some(m.category), || {
                describe(&reference, &relation.tags)
            }),
        }
    }
    places
}

pub fn describe(reference: &str, tags: &Tags) -> String {
    match tags.name() {
        Some(name) => format!("{reference} {name:?}"),
        None => reference.to_string(),
    }
}

fn make_place(
    source: &SourceId,
    reference: String,
    m: CategoryMatch,
    tags: &Tags,
    shape: Shape,
    rules: &CategoryRules,
) -> Place {
    let mut attributes: BTreeMap<String, String> = tags
        .0
        .iter()
        .filter(|(k, _)| keeps_attribute(m.category, k))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    attributes.insert("osm:tag".into(), rules.matched_tag(m));
    let representative_point = shape
        .representative_point()
        .unwrap_or(LonLat::new(f64::NAN, f64::NAN));
    Place {
        id: PlaceId::new(source, &reference),
        source: source.clone(),
        source_ref: reference,
        category: m.category,
        name: tags.name(),
        shape,
        representative_point,
        attributes,
    }
}
