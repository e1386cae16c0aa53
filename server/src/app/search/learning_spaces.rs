//! Learning spaces in search: by name or another of their names (an
//! unnamed one by the street it goes by), by name and town
//! ("Kindergarten Triesen", "Vaduz, Bibliothek"), and by the kind of place
//! typed ("libraries", "school Vaduz"), commons entries among them.

use super::spelt_out::written_short;
use super::{Gazetteer, Hit, needle, order, rank_name};
use crate::app::AppState;
use learnscape_core::address_query::StreetReading;
use learnscape_core::{Category, LonLat, Place, PlaceFilter, StoreResult};
use std::collections::HashSet;

/// How well a place of the kind typed matches: as a word of its name
/// would, so that a name typed from its start ("Kindergarten Sand") still
/// comes first.
pub(super) const OF_THE_KIND: u8 = 2;

/// What a folded text asks of the learning spaces.
struct Wanted<'a> {
    q: &'a str,
    /// Its readings as a name and a town the data knows.
    in_town: Vec<StreetReading>,
    /// The kinds of place it names, each anywhere (`None`) or in a town.
    kinds: Vec<(Category, Option<String>)>,
    /// The kind it names as a whole ("kindergarten"), if it does.
    kind_alone: Option<Category>,
}

impl<'a> Wanted<'a> {
    fn new(gazetteer: &Gazetteer, q: &'a str) -> Self {
        let in_town = gazetteer.town_readings(q);
        let kind_alone = Category::asked_by(q);
        let kinds = (kind_alone.map(|c| (c, None)).into_iter())
            .chain(in_town.iter().filter_map(|r| {
                Category::asked_before_a_town(&r.street).map(|c| (c, Some(r.place.clone())))
            }))
            .collect();
        Self {
            q,
            in_town,
            kinds,
            kind_alone,
        }
    }

    /// What the store is asked for: the names, and the kinds typed.
    fn filters(&self) -> Vec<PlaceFilter> {
        let names = needles(self.q, &self.in_town)
            .into_iter()
            .map(|n| PlaceFilter {
                name_contains: Some(n),
                ..PlaceFilter::default()
            });
        let mut kinds: Vec<Category> = self.kinds.iter().map(|(c, _)| *c).collect();
        kinds.sort_unstable();
        kinds.dedup();
        let kinds = (!kinds.is_empty()).then(|| PlaceFilter {
            categories: kinds,
            ..PlaceFilter::default()
        });
        names.chain(kinds).collect()
    }

    /// How well `place`, called `called` (folded), matches: its name, its
    /// name in its town, or its kind (in its town); and whether by its
    /// kind alone.
    fn rank(&self, gazetteer: &Gazetteer, place: &Place, called: &str) -> Option<(u8, bool)> {
        let by_name = rank_name(called, self.q);
        if by_name == Some(0) {
            return Some((0, false));
        }
        // The kind typed alone ("kindergarten"): a place of it is found by
        // its kind, the nearest first, even where its name begins with
        // the word ("Kindergarten Sand" in the next town is not ahead of
        // the one down the road).
        if self.kind_alone == Some(place.category) {
            return Some((OF_THE_KIND, true));
        }
        let mut towns = None;
        let mut in_town = |town: &str| {
            (towns.get_or_insert_with(|| gazetteer.towns_at(place.representative_point)))
                .include(&gazetteer.typed_town(town))
        };
        let by_town = (self.in_town.iter())
            .filter(|r| in_town(&r.place))
            .filter_map(|r| rank_name(called, &r.street))
            .min();
        let by_kind = (self.kinds.iter())
            .filter(|(c, _)| *c == place.category)
            .any(|(_, town)| town.as_deref().is_none_or(&mut in_town))
            .then_some(OF_THE_KIND);
        let by_words = by_name.into_iter().chain(by_town).min();
        match (by_words, by_kind) {
            (Some(w), Some(k)) if k < w => Some((k, true)),
            (None, Some(k)) => Some((k, true)),
            (w, _) => w.map(|w| (w, false)),
        }
    }
}

/// What the store is asked for by name: what every name matching `q`, or
/// the name part of a reading, contains ([`needle`]), and the same written
/// short where it spells out what a name may abbreviate
/// ([`written_short`]: "Sankt Wolfgang" for "St.Wolfgang"). A text that
/// contains another one asked for is left out: its places are among that
/// one's.
fn needles(q: &str, readings: &[StreetReading]) -> Vec<String> {
    let texts = std::iter::once(q).chain(readings.iter().map(|r| r.street.as_str()));
    let mut all: Vec<String> = texts
        .flat_map(|t| std::iter::once(needle(t).to_string()).chain(written_short(t)))
        .collect();
    all.sort_by_key(String::len);
    let mut kept: Vec<String> = Vec::new();
    for n in all {
        if !kept.iter().any(|k| n.contains(k.as_str())) {
            kept.push(n);
        }
    }
    kept
}

/// The learning spaces (stored and commons entries) matching `q`
/// (folded). Given where the searcher is looking (`near`), those that
/// match equally well come nearest it first, and those found by their
/// kind alone nearest first whether named or not: "library" typed is the
/// library down the road before the one across town.
pub(super) async fn hits(state: &AppState, q: &str, near: Option<LonLat>) -> StoreResult<Vec<Hit>> {
    let wanted = Wanted::new(&state.gazetteer, q);
    let mut places = Vec::new();
    for filter in wanted.filters() {
        places.extend(state.store.places(&filter).await?);
        places.extend(state.registry.public_places(&filter));
    }
    let mut seen = HashSet::new();
    places.retain(|p| seen.insert(p.id.clone()));
    Ok(places
        .into_iter()
        .filter_map(|p| {
            let near_street = (p.name.is_none())
                .then(|| p.attribute(Place::NEAR_STREET).map(str::to_string))
                .flatten();
            let (called, kind_order) = match (&p.name, &near_street) {
                (Some(name), _) => (name, order::NAMED_PLACE),
                (None, Some(street)) => (street, order::PLACE_BY_STREET),
                (None, None) => return None,
            };
            // By its name, else one of its other names ("Nationalbiblioteket"
            // for Kansalliskirjasto), shown as typed.
            let mut best =
                (wanted.rank(&state.gazetteer, &p, &super::key(called))).map(|r| (r, None));
            for other in p.other_names() {
                let Some(r) = wanted.rank(&state.gazetteer, &p, &super::key(other)) else {
                    continue;
                };
                if best.as_ref().is_none_or(|(b, _)| r.0 < b.0) {
                    best = Some((r, Some(other.to_string())));
                }
            }
            let ((r, by_kind), other_name) = best?;
            // Found by its kind alone near where one looks: named or not,
            // the nearest first.
            let kind_order = if by_kind && near.is_some() {
                order::NAMED_PLACE
            } else {
                kind_order
            };
            Some(Hit {
                kind: "learning_space",
                class: p.category.as_str().to_string(),
                category: Some(p.category),
                id: Some(p.id.0.clone()),
                locality: state.gazetteer.locality_of(p.representative_point),
                position: p.representative_point,
                name_on_map: other_name.is_some().then(|| p.name.clone()).flatten(),
                name: other_name.or(p.name),
                near_street,
                score: (
                    r,
                    kind_order,
                    super::metres(near, p.representative_point),
                    0,
                ),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_and_its_town_ask_the_store_for_the_name_once() {
        let read = |street: &str| StreetReading {
            street: street.into(),
            place: "triesen".into(),
        };
        let q = "kindergarten am bach triesen";
        let readings = [
            read("kindergarten"),
            read("kindergarten am"),
            read("kindergarten am bach"),
        ];
        assert_eq!(needles(q, &readings), ["kindergarten"]);
        assert_eq!(
            needles("vaduz, landesbibl.", &[read("landesbibl.")]),
            ["landesbibl"]
        );
        assert_eq!(needles("bibliothek", &[]), ["bibliothek"]);
        // Spelt out, and as a name may write it.
        assert_eq!(
            needles("sankt wolfgang triesen", &[read("sankt wolfgang")]),
            ["st wolfgang", "sankt wolfgang"].map(str::to_string)
        );
        // Neither contains the other: both are asked for, shortest first.
        assert_eq!(
            needles("haus triesen", &[read("schule")]),
            ["schule", "haus triesen"].map(str::to_string)
        );
    }
}
