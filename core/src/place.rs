//! A learning space: a library, a park, a community centre…

use crate::{Bbox, Category, LonLat, Shape, SourceId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// `"{source}:{reference}"`, e.g. `liechtenstein-osm:w25306538`: stable
/// across re-imports of the same source, so links to a place keep working.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PlaceId(pub String);

impl PlaceId {
    pub fn new(source: &SourceId, reference: &str) -> Self {
        Self(format!("{}:{reference}", source.0))
    }
}

impl fmt::Display for PlaceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub id: PlaceId,
    pub source: SourceId,
    /// The id within the source: `n123`/`w123`/`r123` for OSM, the id
    /// column or `line N` for a CSV, the feature id or index for GeoJSON.
    pub source_ref: String,
    pub category: Category,
    pub name: Option<String>,
    pub shape: Shape,
    /// Inside the shape; for labels and lists.
    pub representative_point: LonLat,
    /// Kept tags (categories.md "attributes worth keeping"): opening_hours,
    /// wheelchair, website, operator, capacity, addr:*, contact:*…
    pub attributes: BTreeMap<String, String>,
}

impl Place {
    /// The attribute an unnamed place goes by in lists: the street it lies
    /// on or by, derived at import (never an OSM tag of its own).
    pub const NEAR_STREET: &'static str = "near_street";

    pub fn attribute(&self, key: &str) -> Option<&str> {
        self.attributes.get(key).map(String::as_str)
    }

    /// What lists call it: its name, else the street it goes by.
    pub fn called(&self) -> Option<&str> {
        (self.name.as_deref()).or_else(|| self.attribute(Self::NEAR_STREET))
    }

    /// The other names it is known by, kept from its source's tags:
    /// `name:<language>` ("Nationalbiblioteket" for Kansalliskirjasto),
    /// `loc_name`, `alt_name`… ([`crate::text::other_names`]).
    pub fn other_names(&self) -> Vec<&str> {
        let tags = (self.attributes.iter()).map(|(k, v)| (k.as_str(), v.as_str()));
        crate::text::other_names(tags, self.name.as_deref())
    }

    /// [`Place::called`] and its [`Place::other_names`], by their letters
    /// and digits alone ([`crate::text::letters_key`]), a line each: what
    /// [`PlaceFilter::name_contains`] looks in, which a database may keep
    /// beside the place to search.
    pub fn search_key(&self) -> Option<String> {
        let names = self.called().into_iter().chain(self.other_names());
        let keys: Vec<String> = names.map(crate::text::letters_key).collect();
        (!keys.is_empty()).then(|| keys.join("\n"))
    }

    /// Its `opening_hours`, when they read (those that do not are shown as
    /// given but cannot say when the place is open), with the public
    /// holidays of the country it lies in.
    pub fn hours(&self) -> Option<crate::hours::Hours> {
        self.attribute("opening_hours")
            .and_then(|text| crate::hours::Hours::for_place(text, self.representative_point).ok())
    }

    /// Capacity for supply measures: the `capacity` attribute when it is a
    /// positive number, else 1 (walk-model.md §5).
    pub fn capacity(&self) -> f64 {
        self.attribute("capacity")
            .and_then(|c| c.trim().parse::<f64>().ok())
            .filter(|c| c.is_finite() && *c > 0.0)
            .unwrap_or(1.0)
    }
}

/// Which places a query wants; every field narrows the result.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlaceFilter {
    /// Any of these categories (empty: all).
    pub categories: Vec<Category>,
    /// Places whose shape's bounding box meets this box.
    pub bbox: Option<Bbox>,
    /// Substring of the name, or of the street an unnamed place goes by
    /// ([`Place::NEAR_STREET`]), or of one of its other names
    /// ([`Place::search_key`]), by letters and digits: case, accents, ß
    /// against ss, and the spaces, hyphens and full stops between words do
    /// not matter ([`crate::text::letters_key`]: "landes bibliothek" is in
    /// Landesbibliothek). A text without a letter or digit is in no name.
    pub name_contains: Option<String>,
    pub source: Option<SourceId>,
}

impl PlaceFilter {
    pub fn matches(&self, place: &Place) -> bool {
        self.matches_but_the_name(place)
            && (self.name_contains.is_none() || self.name_in(place.search_key().as_deref()))
    }

    /// [`PlaceFilter::matches`] but for [`PlaceFilter::name_contains`]:
    /// for a store that keeps each place's search key and compares it
    /// itself ([`PlaceFilter::name_in`]), rather than fold every place's
    /// names at every keystroke.
    pub fn matches_but_the_name(&self, place: &Place) -> bool {
        if !self.categories.is_empty() && !self.categories.contains(&place.category) {
            return false;
        }
        if let Some(source) = &self.source
            && &place.source != source
        {
            return false;
        }
        if let Some(bbox) = &self.bbox {
            match place.shape.bbox() {
                Some(b) if b.intersects(bbox) => {}
                _ => return false,
            }
        }
        true
    }

    /// Whether a place of this [`Place::search_key`] has the name asked
    /// for (any, when none is).
    pub fn name_in(&self, search_key: Option<&str>) -> bool {
        (self.name_key()).is_none_or(|needle| Self::holds(search_key, &needle))
    }

    /// Whether a place of this [`Place::search_key`] holds `needle`, a
    /// [`PlaceFilter::name_key`]: never an empty one.
    pub fn holds(search_key: Option<&str>, needle: &str) -> bool {
        !needle.is_empty() && search_key.is_some_and(|k| k.contains(needle))
    }

    /// [`PlaceFilter::name_contains`] as a [`Place::search_key`] holds it:
    /// what a store looks for.
    pub fn name_key(&self) -> Option<String> {
        self.name_contains.as_deref().map(crate::text::letters_key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_searched_by_what_lists_call_it_and_its_other_names() {
        let attributes = [
            ("name:sv", "Nationalbiblioteket"),
            ("name:fi", "Kansalliskirjasto"),
            ("alt_name", "Kansalliskirjasto; KK ;"),
            ("official_name", "Suomen Kansalliskirjasto"),
            ("name:etymology", "Kansa"),
            ("old_name", "Yliopiston kirjasto"),
            ("opening_hours", "Mo-Fr 09:00-20:00"),
        ];
        let place = Place {
            id: PlaceId("osm:n1".into()),
            source: SourceId("osm".into()),
            source_ref: "n1".into(),
            category: Category::Library,
            name: Some("Kansalliskirjasto".into()),
            shape: Shape::Point(LonLat::new(24.95, 60.17)),
            representative_point: LonLat::new(24.95, 60.17),
            attributes: (attributes.iter())
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        };
        assert_eq!(
            place.other_names(),
            ["KK", "Nationalbiblioteket", "Suomen Kansalliskirjasto"]
        );
        // By letters alone: "Suomen kansallis kirjasto" is found too.
        assert_eq!(
            place.search_key().as_deref(),
            Some("kansalliskirjasto\nkk\nnationalbiblioteket\nsuomenkansalliskirjasto")
        );
        let named = |text: &str| PlaceFilter {
            name_contains: Some(text.into()),
            ..PlaceFilter::default()
        };
        assert!(named("Suomen kansallis-kirjasto").matches(&place));
        assert!(
            !named("kk nationalbiblioteket").matches(&place),
            "across two names"
        );
        assert!(!named(" - ").matches(&place), "no letter");
        let unnamed = Place {
            name: None,
            attributes: BTreeMap::new(),
            ..place
        };
        assert_eq!(unnamed.search_key(), None);
    }
}
