//! For Liechtenstein, Helsinki and Andorra the objects the importer matches
//! per category and type equal what `osmium tags-filter` finds for the
//! categories.md rules, and every difference between "matched" and "places
//! after merging" is a merge or a reported skip.

use geo::Contains;
use learnscape_core::Category;
use learnscape_importers::ImportReport;
use learnscape_importers::report::MatchedByType;
use learnscape_tests::{data, osmium, reference};
use std::collections::BTreeMap;
use std::path::Path;

fn reference_matched(file: &Path) -> BTreeMap<Category, MatchedByType> {
    let mut matched: BTreeMap<Category, MatchedByType> = BTreeMap::new();
    for object in osmium::tags_filter(file, reference::CATEGORY_EXPRESSIONS) {
        if !reference::counts_as_candidate(&object) {
            continue;
        }
        let Some(name) = reference::category(&object) else {
            continue;
        };
        let category: Category = name.parse().expect("a documented category");
        let entry = matched.entry(category).or_default();
        match object.kind {
            'n' => entry.nodes += 1,
            'w' => entry.ways += 1,
            _ => entry.relations += 1,
        }
    }
    matched
}

fn check(file: &Path, expect_at_least: usize) -> ImportReport {
    let (data, report) = data::import_extract(file);
    let expected = reference_matched(file);
    eprintln!("{}: osmium {expected:?}", file.display());
    assert_eq!(
        report.matched,
        expected,
        "{}: matched per category differs from osmium",
        file.display()
    );
    let total: usize = expected.values().map(MatchedByType::total).sum();
    assert!(
        total >= expect_at_least,
        "{}: only {total} matched",
        file.display()
    );

    // matched = places + merged + skipped, category by category.
    for (category, m) in &report.matched {
        let places = report.places.get(category).copied().unwrap_or(0);
        let merged = report.merged.get(category).copied().unwrap_or(0);
        let skipped = report.skipped_for(*category);
        assert_eq!(
            m.total(),
            places + merged + skipped,
            "{}: {category}: {} matched, {places} places, {merged} merged, {skipped} skipped",
            file.display(),
            m.total()
        );
        let held = data
            .places
            .iter()
            .filter(|p| p.category == *category)
            .count();
        assert_eq!(held, places, "{category}: report and data disagree");
    }

    // The merge rule, checked from osmium's nodes: a named node lying in an
    // imported area of the same category and name is merged, no other.
    let mut merged_by_rule: BTreeMap<Category, usize> = BTreeMap::new();
    for node in osmium::tags_filter(file, reference::CATEGORY_EXPRESSIONS)
        .into_iter()
        .filter(|o| o.kind == 'n')
    {
        let (Some(name), Some(category)) = (node.tag("name"), reference::category(&node)) else {
            continue;
        };
        let category: Category = category.parse().expect("category");
        let point = geo_types::Point::new(node.lon.expect("lon"), node.lat.expect("lat"));
        let inside_twin = data.places.iter().any(|p| {
            p.category == category
                && p.name
                    .as_deref()
                    .is_some_and(|n| n.trim().to_lowercase() == name.trim().to_lowercase())
                && match &p.shape {
                    learnscape_core::Shape::Area(area) => area.contains(&point),
                    learnscape_core::Shape::Point(_) => false,
                }
        });
        if inside_twin {
            *merged_by_rule.entry(category).or_default() += 1;
            assert!(
                !data
                    .places
                    .iter()
                    .any(|p| p.source_ref == format!("n{}", node.id)),
                "n{} should have been merged into its area",
                node.id
            );
        }
    }
    let merged: BTreeMap<Category, usize> = report
        .merged
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(c, n)| (*c, *n))
        .collect();
    eprintln!("{}: merged {merged_by_rule:?}", file.display());
    assert_eq!(merged, merged_by_rule, "{}: merges", file.display());
    report
}

#[test]
fn liechtenstein_matches_osmium() {
    let report = check(&data::liechtenstein_pbf(), 100);
    assert!(report.places.get(&Category::Library).copied().unwrap_or(0) >= 3);
}

#[test]
fn helsinki_matches_osmium() {
    check(&data::helsinki_pbf(), 20);
}

#[test]
fn andorra_matches_osmium() {
    check(&data::andorra_pbf(), 50);
}
