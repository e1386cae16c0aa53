//! What streets and towns are also called (the basemap's other names:
//! `name:sv`, `loc_name`…). In bilingual Helsinki a house on Fabianinkatu
//! is also at "Fabiansgatan 37", and the city is also Helsingfors. A
//! street is found by its other names as a street of their own
//! ([`learnscape_core::streets`]); this is what the rest of search needs
//! of them: the houses on such a street, and the towns.

use super::key;
use geo::BoundingRect;
use geo_types::{Coord, Rect};
use learnscape_core::{BasemapFeature, BasemapKind, LonLat, basemap};
use std::collections::HashMap;

/// A house's address point lies this close to a line of its street or
/// closer: deep plots and courtyards included.
const HOUSE_REACH_M: f64 = 250.0;

/// Metres in a degree of latitude, a little less than any.
const METRES_PER_DEGREE: f64 = 111_000.0;

/// Another name of a street, where its roads carry it.
#[derive(Debug, Clone)]
pub(super) struct StreetName {
    pub name: String,
    pub key: String,
    /// The roads' extent, widened by [`HOUSE_REACH_M`]: the houses of a
    /// "Hauptstrasse" whose `loc_name` is only that village's are not
    /// those of every Hauptstrasse.
    reach: Rect<f64>,
}

impl StreetName {
    pub fn reaches(&self, at: LonLat) -> bool {
        let (min, max) = (self.reach.min(), self.reach.max());
        (min.x..=max.x).contains(&at.lon) && (min.y..=max.y).contains(&at.lat)
    }
}

#[derive(Debug, Default)]
pub(super) struct OtherNames {
    /// By a street's key (its `name`'s), its other names.
    streets: HashMap<String, Vec<StreetName>>,
    /// Each town's other names' keys from each of their words on, with
    /// the town's key and whether it is the whole name, in order: what a
    /// town being typed begins, found by halving (a city may have a
    /// hundred names, in every language). So "Fabianinkatu 37,
    /// Helsingfors" is a house in Helsinki.
    town_starts: Vec<(String, String, bool)>,
    /// Each place label's other names: its index in the basemap, the name
    /// and its key.
    pub labels: Vec<(usize, String, String)>,
}

impl OtherNames {
    pub fn new(basemap: &[BasemapFeature]) -> Self {
        let mut all = Self::default();
        let mut towns: Vec<(String, String)> = Vec::new();
        for (i, other) in basemap::other_names(basemap) {
            let named = &basemap[i];
            let (Some(name), other_key) = (named.name.as_deref(), key(other)) else {
                continue;
            };
            let name_key = key(name);
            if other_key == name_key {
                continue;
            }
            if named.kind == BasemapKind::PlaceLabel {
                towns.push((other_key.clone(), name_key));
                all.labels.push((i, other.to_string(), other_key));
                continue;
            }
            let Some(reach) = reach(named) else {
                continue;
            };
            // A street of many ways carries its other names on each: one
            // entry, over all of them.
            let names = all.streets.entry(name_key).or_default();
            match names.iter_mut().find(|n| n.name == other) {
                Some(n) => n.reach = union(n.reach, reach),
                None => names.push(StreetName {
                    name: other.to_string(),
                    key: other_key,
                    reach,
                }),
            }
        }
        for (other, town) in towns {
            let starts = other.char_indices().filter(|&(i, c)| {
                c.is_alphanumeric()
                    && (other[..i].chars().next_back()).is_none_or(|b| !b.is_alphanumeric())
            });
            (all.town_starts)
                .extend(starts.map(|(i, _)| (other[i..].to_string(), town.clone(), i == 0)));
        }
        all.town_starts.sort_unstable();
        all.town_starts.dedup();
        all
    }

    /// The other names of the street whose name folds to `street_key`.
    pub fn of_street(&self, street_key: &str) -> &[StreetName] {
        self.streets.get(street_key).map_or(&[], Vec::as_slice)
    }

    /// Whether `text` (folded) is a town's other name, whole.
    pub fn is_a_town_s(&self, text: &str) -> bool {
        let first = (self.town_starts).partition_point(|(start, ..)| start.as_str() < text);
        (self.town_starts[first..].iter())
            .take_while(|(start, ..)| start == text)
            .any(|(.., whole)| *whole)
    }

    /// The keys of the towns `text` (folded) names by another of their
    /// names: that name `whole`, else one it begins or begins a word of,
    /// as while it is being typed ([`super::TownKeys`]).
    pub fn towns_called(&self, text: &str, whole: bool) -> Vec<&str> {
        if text.is_empty() {
            return Vec::new();
        }
        let first = (self.town_starts).partition_point(|(start, ..)| start.as_str() < text);
        let mut towns: Vec<&str> = (self.town_starts[first..].iter())
            .take_while(|(start, ..)| start.starts_with(text))
            .filter(|(start, _, name)| !whole || (start == text && *name))
            .map(|(_, town, _)| town.as_str())
            .collect();
        towns.sort_unstable();
        towns.dedup();
        towns
    }
}

/// A road's extent, widened by [`HOUSE_REACH_M`] on every side.
fn reach(road: &BasemapFeature) -> Option<Rect<f64>> {
    let bounds = road.geometry.bounding_rect()?;
    let dy = HOUSE_REACH_M / METRES_PER_DEGREE;
    let widest = bounds.min().y.abs().max(bounds.max().y.abs());
    let dx = dy / widest.to_radians().cos().max(0.01);
    Some(Rect::new(
        Coord {
            x: bounds.min().x - dx,
            y: bounds.min().y - dy,
        },
        Coord {
            x: bounds.max().x + dx,
            y: bounds.max().y + dy,
        },
    ))
}

fn union(a: Rect<f64>, b: Rect<f64>) -> Rect<f64> {
    Rect::new(
        Coord {
            x: a.min().x.min(b.min().x),
            y: a.min().y.min(b.min().y),
        },
        Coord {
            x: a.max().x.max(b.max().x),
            y: a.max().y.max(b.max().y),
        },
    )
}
