//! The places held in memory with an R-tree over their bounding boxes,
//! rebuilt at start-up and after each import.

use learnscape_core::{Place, PlaceFilter, PlaceId};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};
use std::collections::BTreeMap;

type Entry = GeomWithData<Rectangle<[f64; 2]>, usize>;

#[derive(Debug, Default)]
pub struct PlaceIndex {
    places: Vec<Place>,
    /// Each place's [`Place::search_key`]: search asks by name at every
    /// keystroke.
    search_keys: Vec<Option<String>>,
    by_id: BTreeMap<PlaceId, usize>,
    tree: RTree<Entry>,
}

impl PlaceIndex {
    pub fn new(mut places: Vec<Place>) -> Self {
        places.sort_by(|a, b| a.id.cmp(&b.id));
        let by_id = places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        let entries = places
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let b = p.shape.bbox()?;
                Some(GeomWithData::new(
                    Rectangle::from_corners([b.west, b.south], [b.east, b.north]),
                    i,
                ))
            })
            .collect();
        Self {
            search_keys: places.iter().map(Place::search_key).collect(),
            places,
            by_id,
            tree: RTree::bulk_load(entries),
        }
    }

    pub fn get(&self, id: &PlaceId) -> Option<&Place> {
        self.by_id.get(id).map(|&i| &self.places[i])
    }

    /// Places matching `filter`, ordered by id; the bbox goes through the
    /// tree, the name is looked for in the keys kept.
    pub fn query(&self, filter: &PlaceFilter) -> Vec<Place> {
        let needle = filter.name_key();
        let wanted = |&i: &usize| {
            let named = (needle.as_deref())
                .is_none_or(|n| PlaceFilter::holds(self.search_keys[i].as_deref(), n));
            named && filter.matches_but_the_name(&self.places[i])
        };
        let found: Vec<usize> = match filter.bbox {
            Some(b) => {
                let envelope = AABB::from_corners([b.west, b.south], [b.east, b.north]);
                let mut hits: Vec<usize> = self
                    .tree
                    .locate_in_envelope_intersecting(&envelope)
                    .map(|e| e.data)
                    .collect();
                hits.sort_unstable();
                hits.into_iter().filter(wanted).collect()
            }
            None => (0..self.places.len()).filter(wanted).collect(),
        };
        found.into_iter().map(|i| self.places[i].clone()).collect()
    }
}
