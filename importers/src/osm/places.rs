//! Places from OSM: category nodes, closed ways and multipolygons.

use super::assemble::{closed_way_area, multipolygon_area};
use super::read::{Extract, RawWay};
use super::tags::Tags;
use crate::category_rules::{CategoryMatch, CategoryRules, keeps_attribute};
use crate::report::ImportReport;
use geo_types::MultiPolygon;
use learnscape_core::{LonLat, Place, PlaceId, Shape, SourceId, shape};
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
            Ok(area) => {
                warn_if_crossing(report, &area, || describe(&reference, tags));
                places.push(make_place(
                    source,
                    reference,
                    m,
                    tags,
                    Shape::Area(area),
                    rules,
                ));
            }
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
            Ok(area) => {
                warn_if_crossing(report, &area, || describe(&reference, &relation.tags));
                places.push(make_place(
                    source,
                    reference,
                    m,
                    &relation.tags,
                    Shape::Area(area),
                    rules,
                ));
            }
            Err(e) => report.skip(e.reason(), Some(m.category), || {
                describe(&reference, &relation.tags)
            }),
        }
    }
    places
}

/// A place's outline that crosses itself is kept (it is the mapped place),
/// and reported so that it can be mended in OpenStreetMap.
fn warn_if_crossing(
    report: &mut ImportReport,
    area: &MultiPolygon<f64>,
    example: impl FnOnce() -> String,
) {
    if area.0.iter().any(shape::crosses_itself) {
        report.warn(
            "place outline crosses itself: where it is entered and what it contains depend on the tool; mend it in OpenStreetMap",
            example,
        );
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::osm::nodes::NodePositions;

    /// A park mapped as a figure of eight is kept (it is the mapped park)
    /// and warned of by its way; a plain one beside it is not.
    #[test]
    fn a_place_outline_that_crosses_itself_is_kept_and_warned_of() {
        let mut nodes = NodePositions::default();
        // Lobes of unequal size: a symmetric figure of eight has no area.
        for (id, lon, lat) in [
            (1, 9.50, 47.10),
            (2, 9.52, 47.12),
            (3, 9.52, 47.10),
            (4, 9.50, 47.11),
            (5, 9.53, 47.10),
            (6, 9.54, 47.10),
            (7, 9.54, 47.11),
        ] {
            nodes.push(
                id,
                (lon * 1e7_f64).round() as i32,
                (lat * 1e7_f64).round() as i32,
            );
        }
        nodes.finish();
        let park = |name| {
            Some(
                [("leisure", "park"), ("name", name)]
                    .into_iter()
                    .collect::<Tags>(),
            )
        };
        let extract = Extract {
            as_of: None,
            nodes,
            tagged_nodes: Vec::new(),
            barriers: Vec::new(),
            ways: vec![
                RawWay {
                    id: 10,
                    refs: vec![1, 2, 3, 4, 1],
                    tags: park("Figure"),
                },
                RawWay {
                    id: 11,
                    refs: vec![5, 6, 7, 5],
                    tags: park("Triangle"),
                },
            ],
            relations: Vec::new(),
        };
        let ways_by_id = extract.ways.iter().map(|w| (w.id, w)).collect();
        let mut report = ImportReport::new("t.osm.pbf", "t");
        let places = build_places(
            &extract,
            &ways_by_id,
            &CategoryRules::default(),
            &SourceId("t".into()),
            &mut report,
        );
        assert_eq!(places.len(), 2);
        assert!(places.iter().all(|p| p.shape.is_area()));
        assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
        assert_eq!(report.warnings[0].examples, ["w10 \"Figure\""]);
    }
}
