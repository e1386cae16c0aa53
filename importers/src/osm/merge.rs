//! The same real-world place mapped twice — a node inside an area with the
//! same category and name — is one place (categories.md). The area stays;
//! the node's attributes fill the area's gaps.

use crate::report::ImportReport;
use geo::{Area, Contains};
use learnscape_core::{Place, Shape};

fn same_name(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.trim().to_lowercase() == b.trim().to_lowercase(),
        // Two unnamed features cannot be told to be the same place.
        _ => false,
    }
}

pub fn merge_nodes_into_areas(places: Vec<Place>, report: &mut ImportReport) -> Vec<Place> {
    let (mut areas, points): (Vec<Place>, Vec<Place>) =
        places.into_iter().partition(|p| p.shape.is_area());
    let area_bboxes: Vec<_> = areas.iter().map(|a| a.shape.bbox()).collect();
    let sizes: Vec<f64> = areas
        .iter()
        .map(|a| match &a.shape {
            Shape::Area(mp) => mp.unsigned_area(),
            Shape::Point(_) => 0.0,
        })
        .collect();
    let mut kept_points = Vec::with_capacity(points.len());
    for point in points {
        let p = point.representative_point;
        let holder = areas
            .iter()
            .enumerate()
            .filter(|(i, a)| {
                a.category == point.category
                    && same_name(&a.name, &point.name)
                    && area_bboxes[*i].is_some_and(|b| b.contains(p))
                    && matches!(&a.shape, Shape::Area(mp) if mp.contains(&geo_types::Point::from(p)))
            })
            .min_by(|a, b| sizes[a.0].total_cmp(&sizes[b.0]))
            .map(|(i, _)| i);
        match holder {
            Some(i) => {
                let area = &mut areas[i];
                for (k, v) in point.attributes {
                    area.attributes.entry(k).or_insert(v);
                }
                *report.merged.entry(point.category).or_insert(0) += 1;
            }
            None => kept_points.push(point),
        }
    }
    areas.extend(kept_points);
    areas.sort_by(|a, b| a.id.cmp(&b.id));
    areas
}
