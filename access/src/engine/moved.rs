//! Which walks a change to a category's facilities may have moved, so
//! that what was measured from many points (the access surface's cells)
//! is measured again only from those: on the merged benchmark file a
//! moderator's approval walks 2 % of the surfaces' cells again at the
//! median (docs/benchmarks.md), not every one.

use super::{AccessEngine, CategoryState};
use learnscape_core::Category;

/// A category's nearest-facility distances at every vertex, and the
/// segments its facilities are snapped onto, as they were before a change
/// ([`AccessEngine::mark`]).
#[derive(Debug, Clone)]
pub struct FieldMark {
    category: Category,
    /// `None`: the engine held no facility of the category.
    dist: Option<Vec<f64>>,
    on_segment: Vec<u32>,
}

impl FieldMark {
    pub fn category(&self) -> Category {
        self.category
    }
}

/// The segments facilities of the category are snapped onto: walked to
/// along the segment itself, not through its ends.
fn segments_holding(state: &CategoryState) -> impl Iterator<Item = u32> + '_ {
    (state.on_segment.iter())
        .filter(|(_, facilities)| !facilities.is_empty())
        .map(|(segment, _)| *segment)
}

impl AccessEngine {
    /// What [`AccessEngine::moved_since`] compares with, taken before a
    /// change to `category`'s facilities.
    pub fn mark(&self, category: Category) -> FieldMark {
        let state = self.categories.get(&category);
        FieldMark {
            category,
            dist: state.map(|s| s.field.dist.clone()),
            on_segment: state.map_or_else(Vec::new, |s| segments_holding(s).collect()),
        }
    }

    /// Per segment (by index), whether the walk from a point on it to the
    /// nearest facility of the mark's category may be another length than
    /// when it was marked: the walk leaves a segment through its ends, or
    /// reaches a facility snapped onto it directly, so a segment whose ends
    /// are as far from the nearest as before and that holds no such
    /// facility, then or now, gives every point on it the same walk.
    pub fn moved_since(&self, mark: &FieldMark) -> Vec<bool> {
        let state = self.categories.get(&mark.category);
        let dist = |field: Option<&Vec<f64>>, v: u32| {
            field.map_or(f64::INFINITY, |d| d[v as usize]).to_bits()
        };
        let now = state.map(|s| &s.field.dist);
        let vertex_moved = |v: u32| dist(mark.dist.as_ref(), v) != dist(now, v);
        let mut moved: Vec<bool> = (self.graph.segments().iter())
            .map(|s| vertex_moved(s.a) || vertex_moved(s.b))
            .collect();
        let holding = state.into_iter().flat_map(segments_holding);
        for segment in mark.on_segment.iter().copied().chain(holding) {
            if let Some(m) = moved.get_mut(segment as usize) {
                *m = true;
            }
        }
        moved
    }
}
