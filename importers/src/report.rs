//! What an import did: matched, kept, merged and skipped, with reasons.

use learnscape_core::Category;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// OSM objects whose tags match a category, by type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MatchedByType {
    pub nodes: usize,
    pub ways: usize,
    pub relations: usize,
}

impl MatchedByType {
    pub fn total(&self) -> usize {
        self.nodes + self.ways + self.relations
    }
}

/// Features passed over (or, among warnings, kept with a doubt) for one
/// reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkipGroup {
    pub reason: String,
    pub category: Option<Category>,
    pub count: usize,
    /// A few of them, e.g. `w123 "Stadtpark"` or `feature 4`.
    pub examples: Vec<String>,
}

const EXAMPLES_PER_GROUP: usize = 5;

/// Counts one feature in its reason's group, keeping a few examples.
fn count_in(
    groups: &mut Vec<SkipGroup>,
    reason: &str,
    category: Option<Category>,
    example: impl FnOnce() -> String,
) {
    match groups
        .iter_mut()
        .find(|g| g.reason == reason && g.category == category)
    {
        Some(group) => {
            group.count += 1;
            if group.examples.len() < EXAMPLES_PER_GROUP {
                group.examples.push(example());
            }
        }
        None => groups.push(SkipGroup {
            reason: reason.to_string(),
            category,
            count: 1,
            examples: vec![example()],
        }),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ImportReport {
    pub file: String,
    pub source: String,
    /// OSM objects whose tags match each category (categories.md).
    pub matched: BTreeMap<Category, MatchedByType>,
    /// Places of each category after merging.
    pub places: BTreeMap<Category, usize>,
    /// Nodes merged into an area of the same category and name.
    pub merged: BTreeMap<Category, usize>,
    pub skipped: Vec<SkipGroup>,
    /// Features kept as given whose figures deserve a look (an outline
    /// that crosses itself): the operator should hear of them.
    pub warnings: Vec<SkipGroup>,
    pub neighbourhoods: usize,
    pub population_units: usize,
    pub population_total: f64,
    pub walk_nodes: usize,
    pub walk_segments: usize,
    /// Segments dropped because one of their nodes is missing from the file.
    pub walk_segments_cut: usize,
    /// Segments of steps, which a walk avoiding steps leaves out.
    pub walk_steps_segments: usize,
    /// Segments barred to a wheelchair otherwise (`wheelchair=no`, a
    /// turnstile, a raised kerb), which a walk avoiding steps leaves out too.
    pub walk_barred_segments: usize,
    pub walk_length_km: f64,
    /// Drawn basemap features; the house numbers are counted apart.
    pub basemap_features: usize,
    /// House numbers with their street, kept with the basemap for search.
    pub addresses: usize,
    /// Postcodes those house numbers carry, kept for search as well.
    pub postcodes: usize,
    pub elapsed_ms: u128,
}

impl ImportReport {
    pub fn new(file: &str, source: &str) -> Self {
        Self {
            file: file.to_string(),
            source: source.to_string(),
            ..Self::default()
        }
    }

    pub fn skip(
        &mut self,
        reason: &str,
        category: Option<Category>,
        example: impl FnOnce() -> String,
    ) {
        count_in(&mut self.skipped, reason, category, example);
    }

    /// A feature kept as given, with a doubt the operator should hear of.
    pub fn warn(&mut self, reason: &str, example: impl FnOnce() -> String) {
        count_in(&mut self.warnings, reason, None, example);
    }

    /// Adds what another part of the same import counted (the parts are
    /// built side by side), as if it had been counted here after this.
    pub fn absorb(&mut self, other: ImportReport) {
        for (category, m) in other.matched {
            let here = self.matched.entry(category).or_default();
            here.nodes += m.nodes;
            here.ways += m.ways;
            here.relations += m.relations;
        }
        for (category, n) in other.places {
            *self.places.entry(category).or_insert(0) += n;
        }
        for (category, n) in other.merged {
            *self.merged.entry(category).or_insert(0) += n;
        }
        for (here, there) in [
            (&mut self.skipped, other.skipped),
            (&mut self.warnings, other.warnings),
        ] {
            for group in there {
                match here
                    .iter_mut()
                    .find(|g| g.reason == group.reason && g.category == group.category)
                {
                    Some(g) => {
                        g.count += group.count;
                        let room = EXAMPLES_PER_GROUP.saturating_sub(g.examples.len());
                        g.examples.extend(group.examples.into_iter().take(room));
                    }
                    None => here.push(group),
                }
            }
        }
        self.neighbourhoods += other.neighbourhoods;
        self.population_units += other.population_units;
        self.population_total += other.population_total;
        self.walk_nodes += other.walk_nodes;
        self.walk_segments += other.walk_segments;
        self.walk_segments_cut += other.walk_segments_cut;
        self.walk_steps_segments += other.walk_steps_segments;
        self.walk_barred_segments += other.walk_barred_segments;
        self.walk_length_km += other.walk_length_km;
        self.basemap_features += other.basemap_features;
        self.addresses += other.addresses;
        self.postcodes += other.postcodes;
    }

    /// Features of `category` skipped for any reason.
    pub fn skipped_for(&self, category: Category) -> usize {
        self.skipped
            .iter()
            .filter(|g| g.category == Some(category))
            .map(|g| g.count)
            .sum()
    }

    pub fn total_places(&self) -> usize {
        self.places.values().sum()
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} → source {:?}", self.file, self.source)?;
        if !self.matched.is_empty() || !self.places.is_empty() {
            writeln!(
                f,
                "  {:<18} {:>8} {:>8} {:>8} {:>8}",
                "category", "matched", "merged", "skipped", "places"
            )?;
            for category in Category::ALL {
                let matched = self.matched.get(&category).map_or(0, MatchedByType::total);
                let places = self.places.get(&category).copied().unwrap_or(0);
                if matched == 0 && places == 0 {
                    continue;
                }
                writeln!(
                    f,
                    "  {:<18} {:>8} {:>8} {:>8} {:>8}",
                    category.as_str(),
                    matched,
                    self.merged.get(&category).copied().unwrap_or(0),
                    self.skipped_for(category),
                    places
                )?;
            }
            writeln!(f, "  places after merging: {}", self.total_places())?;
        }
        if self.walk_segments > 0 {
            writeln!(
                f,
                "  walk network: {} nodes, {} segments ({} of steps, {} otherwise barred to a wheelchair), {:.1} km ({} segments cut at missing nodes)",
                self.walk_nodes,
                self.walk_segments,
                self.walk_steps_segments,
                self.walk_barred_segments,
                self.walk_length_km,
                self.walk_segments_cut
            )?;
        }
        if self.basemap_features > 0 {
            writeln!(f, "  basemap features: {}", self.basemap_features)?;
        }
        if self.addresses > 0 {
            writeln!(
                f,
                "  addresses (house numbers, for search): {}",
                self.addresses
            )?;
        }
        if self.postcodes > 0 {
            writeln!(f, "  postcodes (for search): {}", self.postcodes)?;
        }
        if self.neighbourhoods > 0 {
            writeln!(f, "  neighbourhoods: {}", self.neighbourhoods)?;
        }
        if self.population_units > 0 {
            writeln!(
                f,
                "  population units: {} ({:.0} people)",
                self.population_units, self.population_total
            )?;
        }
        if !self.skipped.is_empty() {
            writeln!(f, "  skipped:")?;
            for g in &self.skipped {
                let what = g.category.map_or(String::new(), |c| format!("{c}: "));
                writeln!(
                    f,
                    "    {:>6} × {what}{} — e.g. {}",
                    g.count,
                    g.reason,
                    g.examples.join(", ")
                )?;
            }
        }
        if !self.warnings.is_empty() {
            writeln!(f, "  warnings (kept as given):")?;
            for g in &self.warnings {
                writeln!(
                    f,
                    "    {:>6} × {} — e.g. {}",
                    g.count,
                    g.reason,
                    g.examples.join(", ")
                )?;
            }
        }
        write!(f, "  took {:.2} s", self.elapsed_ms as f64 / 1000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absorbing_a_part_counts_as_if_counted_in_one_report() {
        let skip_a = |r: &mut ImportReport, i: usize| {
            r.skip("outline open", Some(Category::Park), || format!("w{i}"));
        };
        let skip_b = |r: &mut ImportReport, i: usize| {
            r.skip("basemap water: open", None, || format!("w{i}"));
        };
        let mut whole = ImportReport::new("f.osm.pbf", "s");
        let mut first = ImportReport::new("f.osm.pbf", "s");
        let mut second = ImportReport::default();
        for i in 0..3 {
            skip_a(&mut whole, i);
            skip_a(&mut first, i);
        }
        for i in 3..8 {
            skip_a(&mut whole, i);
            skip_a(&mut second, i);
            skip_b(&mut whole, i);
            skip_b(&mut second, i);
        }
        for i in 0..7 {
            let part = if i < 2 { &mut first } else { &mut second };
            part.warn("outline crosses itself", || format!("feature {i}"));
            whole.warn("outline crosses itself", || format!("feature {i}"));
        }
        for r in [&mut whole, &mut first] {
            r.matched.entry(Category::Park).or_default().ways += 2;
            *r.places.entry(Category::Park).or_insert(0) += 2;
        }
        for r in [&mut whole, &mut second] {
            r.matched.entry(Category::Park).or_default().relations += 1;
            r.walk_nodes += 10;
            r.walk_segments += 9;
            r.walk_length_km += 1.5;
            r.basemap_features += 4;
        }
        first.absorb(second);
        assert_eq!(first, whole);
        assert_eq!(first.skipped[0].count, 8);
        assert_eq!(first.skipped[0].examples, ["w0", "w1", "w2", "w3", "w4"]);
        assert_eq!(first.warnings[0].count, 7);
        assert_eq!(first.warnings[0].examples.len(), 5);
    }
}
