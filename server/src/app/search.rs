//! Finding a place by name: towns, villages and localities from the
//! basemap's place labels, postcodes, streets, addresses (house numbers),
//! and learning spaces (commons entries included; an unnamed one by the
//! street it goes by), best matches first.

mod joined;
mod learning_spaces;
mod other_names;
mod postcodes;
mod reverse;
mod spelt_out;

use crate::app::AppState;
use geo::{Area as _, BoundingRect, Centroid, Intersects};
use geo_types::{MultiPolygon, Point, Rect};
use learnscape_core::address_query::{
    StreetReading, address_readings, number_keys, street_readings, without_postcode,
};
use learnscape_core::spelling::Spelling;
use learnscape_core::streets::{self, Zone, named_streets_within};
use learnscape_core::{
    BasemapFeature, BasemapKind, Category, LonLat, Neighbourhood, PlaceFilter, StoreResult,
};
use other_names::OtherNames;
use postcodes::Postcodes;
pub use reverse::{NEAR_AREA_M, Whereabouts};
use rstar::RTree;
use rstar::primitives::GeomWithData;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A named locality from the OSM extract.
#[derive(Debug, Clone)]
struct Locality {
    name: String,
    key: String,
    class: String,
    population: f64,
    position: LonLat,
}

/// A named street, as [`learnscape_core::streets`] finds it, in its towns.
#[derive(Debug, Clone)]
struct Street {
    street: streets::Street,
    key: String,
    locality: Option<String>,
    towns: TownKeys,
    /// For a street that is only another name of roads, the street the
    /// map calls them by ([`streets::named_on_map`]): the two are listed
    /// once.
    named_on_map: Option<usize>,
}

/// A house number on a street.
#[derive(Debug, Clone)]
struct Address {
    street: String,
    street_key: String,
    number: String,
    position: LonLat,
    locality: Option<String>,
    towns: TownKeys,
}

impl Address {
    /// How hits and whereabouts name it: "Städtle 35".
    fn label(&self) -> String {
        format!("{} {}", self.street, self.number)
    }
}

/// The towns a street or an address may be said to be in, folded: its
/// neighbourhood (else the nearest locality: what hits show), the nearest
/// village or town inside that neighbourhood (else anywhere), and the
/// nearest city. Postal addresses name the last two: "Nendeln" for a
/// house in Eschen, "Helsinki" for one in Kaartinkaupunki.
#[derive(Debug, Clone, Default)]
struct TownKeys(Vec<String>);

impl TownKeys {
    /// Whether the town typed with a street or a name is one of them: any,
    /// when none was typed.
    fn include(&self, town: &TypedTown) -> bool {
        town.text.is_empty()
            || (self.0.iter()).any(|k| {
                let by_name = if town.whole {
                    k == town.text
                } else {
                    rank(k, town.text).is_some_and(|r| r <= 2)
                };
                by_name || town.by_other_name.contains(&k.as_str())
            })
    }
}

/// A town as typed with a street or a name, folded: the whole name of a
/// town the data knows, which then means that town alone ("Triesen", not
/// Triesenberg), else the start of a town's name or of a word of it, as
/// while it is being typed ("Tries").
struct TypedTown<'a> {
    text: &'a str,
    whole: bool,
    /// The towns it names by another of their names ("Helsingfors" for
    /// Helsinki), by their keys.
    by_other_name: Vec<&'a str>,
}

/// Place labels that name the town in a postal address.
const SETTLEMENTS: [&str; 3] = ["city", "town", "village"];

/// A neighbourhood's outline, to say which one a street or place is in.
#[derive(Debug, Clone)]
struct Area {
    name: String,
    bounds: Rect<f64>,
    outline: MultiPolygon<f64>,
    size: f64,
}

/// A locality's index in a plane where degrees of longitude are shrunk
/// to their length at its latitude: near enough to metres for "nearest".
type Label = GeomWithData<[f64; 2], usize>;

fn plane(at: LonLat) -> [f64; 2] {
    [at.lon * at.lat.to_radians().cos(), at.lat]
}

/// The place labels and streets, kept for search, and the neighbourhoods
/// that say where a street or place is.
#[derive(Debug, Default)]
pub struct Gazetteer {
    localities: Vec<Locality>,
    streets: Vec<Street>,
    addresses: Vec<Address>,
    /// The addresses in an index, and the named roads' pieces, to name
    /// where a point is.
    address_index: RTree<Label>,
    named_roads: reverse::NamedRoads,
    postcodes: Postcodes,
    /// Each house number (as `number_key` writes it) to its addresses.
    by_number: BTreeMap<String, Vec<usize>>,
    areas: Vec<Area>,
    /// The localities addresses name ([`ADDRESS_LOCALITIES`]), and all.
    address_labels: RTree<Label>,
    all_labels: RTree<Label>,
    /// The [`SETTLEMENTS`] in each neighbourhood, all of them, and the
    /// cities: each address asks for its nearest, so in an index.
    settlements_in: Vec<Vec<usize>>,
    settlement_labels: RTree<Label>,
    city_labels: RTree<Label>,
    /// What streets and towns are also called.
    other_names: OtherNames,
    /// Each locality's other names: its index, the name and its key.
    locality_names: Vec<(usize, String, String)>,
    /// Every town any street or address is in: a text read as a street
    /// and a town that names none of them is not looked for street by
    /// street.
    towns: TownKeys,
    /// The words of every name it finds, and of the learning spaces' names
    /// and kinds, to put a misspelt one right.
    spelling: Spelling,
}

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// `locality`, `postcode`, `street`, `address` or `learning_space`.
    pub kind: &'static str,
    /// `None` for an unnamed learning space, which goes by `near_street`.
    pub name: Option<String>,
    /// For localities: city, town, village…; `postcode` for postcodes; for
    /// streets: the road class; for addresses: the house number; for
    /// learning spaces: the category.
    pub class: String,
    pub category: Option<Category>,
    /// The place id of a learning space.
    pub id: Option<String>,
    /// The street an unnamed learning space goes by.
    pub near_street: Option<String>,
    /// What the map and the place's card call a hit listed by another of
    /// its names: "Helsinki" for "Helsingfors", "Fabianinkatu 37" for
    /// "Fabiansgatan 37". `None` for one listed by the map's name.
    pub name_on_map: Option<String>,
    /// The neighbourhood it lies in, else the nearest town, village or
    /// district, to tell streets and places of the same name apart; for a
    /// postcode its town; `None` for localities themselves.
    pub locality: Option<String>,
    pub position: LonLat,
    /// How well it matches, its kind's [`order`], then how it compares
    /// with its equals: first, then second.
    score: (u8, u8, i64, i64),
}

/// Where a hit's kind comes among equally good matches.
mod order {
    /// A text with a house number in it is most likely an address.
    pub const ADDRESS: u8 = 0;
    pub const LOCALITY: u8 = 1;
    /// After the town: "9490 Vaduz" is most likely Vaduz itself.
    pub const POSTCODE: u8 = 2;
    pub const NAMED_PLACE: u8 = 3;
    pub const STREET: u8 = 4;
    /// After the street itself: "Bammiliweg" finds the street first, then
    /// the unnamed park by it.
    pub const PLACE_BY_STREET: u8 = 5;
}

/// Farther than this from every place label, a point is in no town: in an
/// extract with no labels there (one filtered to roads and parks, say)
/// the nearest may be a country away, and "Hauptstraße 52, Ruggell" for
/// a house in Heidelberg is worse than no town at all.
const LOCALITY_REACH_M: f64 = 30_000.0;

/// Localities a street or place is said to be in: the ones people name
/// their address by. Hamlets and neighbourhoods only where there is none.
const ADDRESS_LOCALITIES: [&str; 4] = ["city", "town", "village", "suburb"];

fn key(s: &str) -> String {
    learnscape_core::text::search_key(s)
}

/// 0 exact, 1 prefix, 2 a word starts with it, 3 contains; `None` otherwise.
/// Words typed with a full stop are abbreviations ("Hauptstr.", "Av."):
/// see [`abbreviated`].
fn rank(name_key: &str, q: &str) -> Option<u8> {
    if name_key == q {
        Some(0)
    } else if name_key.starts_with(q) {
        Some(1)
    } else if words(name_key).any(|w| w.starts_with(q)) {
        Some(2)
    } else if name_key.contains(q) {
        Some(3)
    } else {
        abbreviated(name_key, q)
    }
}

/// How well a name (folded) matches `q`: [`rank`], else by letters alone
/// ([`joined::rank_joined`]: "Landes Bibliothek", "Vorarlberger
/// Strasse"), else a name the map abbreviates spelt out
/// ([`spelt_out::rank_spelt_out`]: "Doktor Josef Hoop", "Kindergarten
/// Sankt Wolfgang"). For towns, streets and addresses, which search holds
/// itself, and learning spaces, which the store finds by the letters their
/// names contain ([`needle`], [`spelt_out::written_short`]).
fn rank_name(name_key: &str, q: &str) -> Option<u8> {
    rank(name_key, q)
        .or_else(|| joined::rank_joined(name_key, q))
        .or_else(|| spelt_out::rank_spelt_out(name_key, q))
}

/// The words of a folded name: "rua dr. flores" → rua, dr, flores.
fn words(name_key: &str) -> impl Iterator<Item = &str> {
    name_key
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// How `q`, written with abbreviations, matches a name: addresses are
/// written so ("Hauptstr. 5", "Av. Ipiranga, 1200", "R. Padre Chagas")
/// and OpenStreetMap spells names out. The words typed must begin the
/// name's words one after another: a word with a full stop any word it
/// begins ("str." → "strasse", "hauptstr." → "hauptstrasse"), the last
/// one as it is being typed, the others whole. A short form of
/// [`SHORT_FOR`] typed without its stop before another word ("St
/// Florinsgasse", as phones are typed) reads as with it; a hyphen parts
/// typed words as it parts the name's ("Dr. Grass-Strasse"). 0 when they
/// are the whole name, 1 when they start it, or stand for it by
/// [`SHORT_FOR`] or across a hyphen typed (so that the name typed as it is
/// written comes first: "St. Martins-Ring" before "Sankt Martins-Ring",
/// "Dr. Josef Hoop-Str." before "Dr. Josef Hoop-Strasse"), 2 when they
/// start at a later word; `None` without an abbreviation or a match.
fn abbreviated(name_key: &str, q: &str) -> Option<u8> {
    let typed = abbreviations(q);
    let hyphen = q.contains('-');
    if !typed.iter().any(|(_, dotted)| *dotted) || typed.iter().any(|(stem, _)| stem.is_empty()) {
        return None;
    }
    let name: Vec<&str> = words(name_key).collect();
    let last = typed.len().checked_sub(1)?;
    (0..name.len())
        .filter(|start| start + typed.len() <= name.len())
        .filter_map(|start| {
            let all_whole = typed.iter().zip(&name[start..]).enumerate().try_fold(
                true,
                |whole, (i, ((stem, dotted), word))| {
                    if *dotted || i == last {
                        let begins = word.starts_with(stem);
                        (begins || (*dotted && short_for(stem, word)))
                            .then_some(whole && begins && (*dotted || word == stem))
                    } else {
                        (word == stem).then_some(whole)
                    }
                },
            )?;
            Some(match start {
                0 if all_whole && typed.len() == name.len() && !hyphen => 0,
                0 => 1,
                _ => 2,
            })
        })
        .min()
}

/// Abbreviations that are not the start of the word they stand for, as
/// letters write them: "St. Florinsgasse" (Sankt), "Sta. Coloma" (Santa),
/// "Av. Dr. Carlos Barbosa" (Doutor); and as the map writes them, typed
/// spelt out ([`spelt_out`]).
const SHORT_FOR: [(&str, &[&str]); 4] = [
    ("st", &["sankt", "saint", "sint", "sant", "santo", "santa"]),
    ("sta", &["santa"]),
    ("sto", &["santo"]),
    ("dr", &["doktor", "doutor", "doctor"]),
];

/// Whether `word` (typed, without a stop) is a short form of [`SHORT_FOR`].
fn is_short_form(word: &str) -> bool {
    SHORT_FOR.iter().any(|(short, _)| *short == word)
}

/// The words of `q` as a name's are read ([`typed_words`]), each without
/// its full stop and whether it is an abbreviation: written with a stop,
/// or a short form of [`SHORT_FOR`] before another word ("st
/// florinsgasse", but not "st" alone, which begins "Städtle" as it is
/// being typed).
fn abbreviations(q: &str) -> Vec<(&str, bool)> {
    let typed: Vec<&str> = typed_words(q).collect();
    (typed.iter().enumerate())
        .map(|(i, w)| match w.strip_suffix('.') {
            Some(stem) => (stem, true),
            None => (*w, i + 1 < typed.len() && is_short_form(w)),
        })
        .collect()
}

/// The words of a text typed, parted at spaces and hyphens as a name's
/// are ("dr. grass-str." → "dr.", "grass", "str."), each with its stop.
fn typed_words(q: &str) -> impl Iterator<Item = &str> {
    q.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
}

/// Whether `stem` (typed as an abbreviation) stands for `word` by
/// [`SHORT_FOR`], as "st" for "sankt"; or for the word's start.
fn short_for(stem: &str, word: &str) -> bool {
    SHORT_FOR
        .iter()
        .any(|(short, long)| *short == stem && long.iter().any(|l| word.starts_with(l)))
}

impl Gazetteer {
    pub fn new(basemap: &[BasemapFeature], neighbourhoods: &[Neighbourhood]) -> Self {
        // Each locality with the index of its place label in the basemap.
        let (labels, localities): (Vec<usize>, Vec<Locality>) = basemap
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind == BasemapKind::PlaceLabel)
            .filter_map(|(i, f)| {
                let name = f.name.clone()?;
                let c = f.geometry.centroid()?;
                Some((
                    i,
                    Locality {
                        key: key(&name),
                        name,
                        class: f.class.clone(),
                        population: f.population.unwrap_or(0.0),
                        position: LonLat::new(c.x(), c.y()),
                    },
                ))
            })
            .unzip();
        let other_names = OtherNames::new(basemap);
        let locality_names = (other_names.labels.iter())
            .filter_map(|(label, name, key)| {
                let i = labels.binary_search(label).ok()?;
                Some((i, name.clone(), key.clone()))
            })
            .collect();
        // A neighbourhood named by a code (a grid cell's H3 index) is no
        // locality: "Rua dos Andradas, 89a901288c7ffff" says nothing, and
        // a street would be cut at each cell's edge into a row per cell.
        let areas = (neighbourhoods.iter())
            .filter(|n| !n.named_by_code())
            .filter_map(|n| {
                Some(Area {
                    name: n.name.clone(),
                    bounds: n.area.bounding_rect()?,
                    size: n.area.unsigned_area(),
                    outline: n.area.clone(),
                })
            })
            .collect();
        let labels = |classes: &[&str]| {
            RTree::bulk_load(
                localities
                    .iter()
                    .enumerate()
                    .filter(|(_, l)| classes.is_empty() || classes.contains(&l.class.as_str()))
                    .map(|(i, l)| Label::new(plane(l.position), i))
                    .collect(),
            )
        };
        let mut gazetteer = Self {
            address_labels: labels(&ADDRESS_LOCALITIES),
            all_labels: labels(&[]),
            settlement_labels: labels(&SETTLEMENTS),
            city_labels: labels(&["city"]),
            localities,
            streets: Vec::new(),
            addresses: Vec::new(),
            address_index: RTree::new(),
            named_roads: reverse::NamedRoads::new(basemap),
            postcodes: Postcodes::default(),
            by_number: BTreeMap::new(),
            areas,
            settlements_in: Vec::new(),
            other_names,
            locality_names,
            towns: TownKeys::default(),
            spelling: Spelling::default(),
        };
        let mut settlements_in = vec![Vec::new(); gazetteer.areas.len()];
        for s in gazetteer.settlement_labels.iter() {
            if let Some(a) = gazetteer.area_at(gazetteer.localities[s.data].position) {
                settlements_in[a].push(s.data);
            }
        }
        gazetteer.settlements_in = settlements_in;
        // A street through several neighbourhoods is one in each: "Landstrasse,
        // Balzers" and "Landstrasse, Vaduz", as their residents say; where
        // there are none, one in each town or village's reach (its
        // districts' parts with it: addresses name the town), so that
        // "Vaduz, Landstrasse" finds the part by Vaduz, not one street
        // named for the town nearest its middle.
        let zone_of = |p| {
            let near = |labels: &RTree<Label>| gazetteer.label_near(labels, p);
            (gazetteer.area_at(p).map(Zone::Area)).or_else(|| {
                (near(&gazetteer.settlement_labels).or_else(|| gazetteer.nearest_locality(p)))
                    .map(Zone::Near)
            })
        };
        let found = named_streets_within(basemap, zone_of);
        let paired = streets::named_on_map(&found);
        gazetteer.streets = (found.into_iter().zip(paired))
            .map(|(s, named_on_map)| {
                let (area, locality) = match s.zone {
                    Some(Zone::Area(i)) => (Some(i), Some(gazetteer.areas[i].name.clone())),
                    Some(Zone::Near(i)) => (None, Some(gazetteer.localities[i].name.clone())),
                    None => (None, gazetteer.locality_of(s.position)),
                };
                Street {
                    key: key(&s.name),
                    towns: gazetteer.towns_of(area, locality.as_deref(), s.position),
                    locality,
                    street: s,
                    named_on_map,
                }
            })
            .collect();
        gazetteer.add_addresses(basemap);
        gazetteer.address_index =
            reverse::address_index(gazetteer.addresses.iter().map(|a| a.position));
        gazetteer.postcodes = Postcodes::new(basemap, |at| gazetteer.locality_of(at));
        let mut towns: Vec<String> = (gazetteer.streets.iter().map(|s| &s.towns))
            .chain(gazetteer.addresses.iter().map(|a| &a.towns))
            .flat_map(|t| t.0.iter().cloned())
            .collect();
        towns.sort_unstable();
        towns.dedup();
        gazetteer.towns = TownKeys(towns);
        let names = (gazetteer.localities.iter().map(|l| &l.name))
            .chain(gazetteer.locality_names.iter().map(|(_, name, _)| name))
            .chain(gazetteer.areas.iter().map(|a| &a.name))
            .chain(gazetteer.streets.iter().map(|s| &s.street.name))
            .chain(gazetteer.addresses.iter().map(|a| &a.street));
        let terms = Category::ALL.iter().flat_map(|c| c.search_terms());
        let mut spelling = Spelling::default();
        for name in names.map(String::as_str).chain(terms.copied()) {
            spelling.learn(name);
        }
        gazetteer.spelling = spelling;
        gazetteer
    }

    /// Learns the words of `names` (the learning spaces'), to put a
    /// misspelt word of them right.
    pub fn learn_names<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        for name in names {
            self.spelling.learn(name);
        }
    }

    /// How many localities, streets, addresses, postcodes and words
    /// search knows.
    pub fn sizes(&self) -> (usize, usize, usize, usize, usize) {
        (
            self.localities.len(),
            self.streets.len(),
            self.addresses.len(),
            self.postcodes.len(),
            self.spelling.len(),
        )
    }

    /// The basemap's house numbers, each once: a building and the entrance
    /// inside it often carry the same address.
    fn add_addresses(&mut self, basemap: &[BasemapFeature]) {
        let mut seen = HashSet::new();
        for f in basemap.iter().filter(|f| f.kind == BasemapKind::Address) {
            let (Some(street), Some(at)) = (&f.name, f.geometry.centroid()) else {
                continue;
            };
            let position = LonLat::new(at.x(), at.y());
            let area = self.area_at(position);
            let locality = match area {
                Some(i) => Some(self.areas[i].name.clone()),
                None => self.locality_of(position),
            };
            let street_key = key(street);
            let keys = number_keys(&f.class);
            if keys.is_empty() || !seen.insert((street_key.clone(), keys.clone(), locality.clone()))
            {
                continue;
            }
            let index = self.addresses.len();
            for k in keys {
                self.by_number.entry(k).or_default().push(index);
            }
            self.addresses.push(Address {
                street: street.clone(),
                street_key,
                number: f.class.clone(),
                position,
                towns: self.towns_of(area, locality.as_deref(), position),
                locality,
            });
        }
    }

    /// Addresses matching `q` read as a street and a house number (and a
    /// town): the number as typed first ("12"), then those it begins
    /// ("12a", "120"), nearest in value first, as while it is being typed.
    fn address_hits(&self, q: &str, near: Option<LonLat>) -> Vec<Hit> {
        // Each address's best match, and the street's other name it is by.
        let mut best: HashMap<usize, ((u8, i64), Option<&str>)> = HashMap::new();
        for reading in address_readings(q) {
            let town = self.typed_town(&reading.place);
            let numbers = self
                .by_number
                .range(reading.number.clone()..)
                .take_while(|(k, _)| k.starts_with(&reading.number));
            for (number, found) in numbers {
                let by_number = if *number == reading.number {
                    0
                } else {
                    1 + leading_digits(number)
                };
                for &i in found {
                    let a = &self.addresses[i];
                    if !a.towns.include(&town) {
                        continue;
                    }
                    // "Fabiansgatan 37" for Fabianinkatu 37: by its
                    // street's other names too, where that name's roads are.
                    let other_names = (self.other_names.of_street(&a.street_key).iter())
                        .filter(|n| n.reaches(a.position))
                        .map(|n| (&n.key, Some(n.name.as_str())));
                    let matches = std::iter::once((&a.street_key, None))
                        .chain(other_names)
                        .filter_map(|(k, by)| Some((rank_name(k, &reading.street)?, by)));
                    // The name as written first, of equal matches.
                    let Some((r, by)) = matches.min_by_key(|(r, _)| *r) else {
                        continue;
                    };
                    let found = ((r, by_number), by);
                    best.entry(i)
                        .and_modify(|b| {
                            if found.0 < b.0 {
                                *b = found;
                            }
                        })
                        .or_insert(found);
                }
            }
        }
        best.into_iter()
            .map(|(i, ((r, by_number), by))| {
                let a = &self.addresses[i];
                Hit {
                    kind: "address",
                    name: Some(match by {
                        Some(street) => format!("{street} {}", a.number),
                        None => a.label(),
                    }),
                    class: a.number.clone(),
                    category: None,
                    id: None,
                    near_street: None,
                    name_on_map: by.map(|_| a.label()),
                    locality: a.locality.clone(),
                    position: a.position,
                    score: (r, order::ADDRESS, by_number, metres(near, a.position)),
                }
            })
            .collect()
    }

    /// The neighbourhood `at` lies in (the smallest, where they nest),
    /// else the nearest town, village or district label: the
    /// neighbourhoods are the areas the city itself names, while the
    /// nearest label may be a hamlet across the border of the right one.
    fn locality_of(&self, at: LonLat) -> Option<String> {
        if let Some(i) = self.area_at(at) {
            return Some(self.areas[i].name.clone());
        }
        (self.nearest_locality(at)).map(|i| self.localities[i].name.clone())
    }

    /// The nearest town, village or district label, else the nearest
    /// label of any kind, within [`LOCALITY_REACH_M`].
    fn nearest_locality(&self, at: LonLat) -> Option<usize> {
        (self.label_near(&self.address_labels, at))
            .or_else(|| self.label_near(&self.all_labels, at))
    }

    /// The label in `index` nearest `at`, if within [`LOCALITY_REACH_M`].
    fn label_near(&self, index: &RTree<Label>, at: LonLat) -> Option<usize> {
        let i = index.nearest_neighbor(&plane(at))?.data;
        let metres = learnscape_core::units::haversine_m(at, self.localities[i].position);
        (metres <= LOCALITY_REACH_M).then_some(i)
    }

    /// See [`TownKeys`]: `area` is the neighbourhood `at` lies in, and
    /// `locality` what hits say it is in.
    fn towns_of(&self, area: Option<usize>, locality: Option<&str>, at: LonLat) -> TownKeys {
        let here = plane(at);
        let key_of = |i: usize| self.localities[i].key.clone();
        let nearest_in = |index: &RTree<Label>| self.label_near(index, at).map(key_of);
        // Inside its neighbourhood: the few settlements there, compared.
        let settlement = match area {
            Some(a) => self.settlements_in[a]
                .iter()
                .map(|&i| {
                    let p = plane(self.localities[i].position);
                    ((p[0] - here[0]).powi(2) + (p[1] - here[1]).powi(2), i)
                })
                .min_by(|x, y| x.0.total_cmp(&y.0))
                .map(|(_, i)| key_of(i)),
            None => nearest_in(&self.settlement_labels),
        };
        let mut keys: Vec<String> = [locality.map(key), settlement, nearest_in(&self.city_labels)]
            .into_iter()
            .flatten()
            .collect();
        keys.dedup();
        TownKeys(keys)
    }

    /// The towns a learning space at `at` may be said to be in, as for a
    /// street there ([`TownKeys`]).
    fn towns_at(&self, at: LonLat) -> TownKeys {
        let area = self.area_at(at);
        let locality = match area {
            Some(i) => Some(self.areas[i].name.clone()),
            None => self.locality_of(at),
        };
        self.towns_of(area, locality.as_deref(), at)
    }

    /// The readings of `q` as a name and a town ("kindergarten triesen",
    /// "vaduz, bibliothek") whose town is one of those any street or
    /// address is in.
    fn town_readings(&self, q: &str) -> Vec<StreetReading> {
        let mut readings = street_readings(q);
        readings.retain(|r| self.towns.include(&self.typed_town(&r.place)));
        readings
    }

    /// `text` as a town typed: whole where a town is called so.
    fn typed_town<'a>(&'a self, text: &'a str) -> TypedTown<'a> {
        // "Helsingfors" typed whole is Helsinki, by another of its names.
        let whole = (self.towns.0).binary_search_by(|k| k.as_str().cmp(text));
        let whole = whole.is_ok() || self.other_names.is_a_town_s(text);
        TypedTown {
            text,
            whole,
            by_other_name: self.other_names.towns_called(text, whole),
        }
    }

    /// The smallest neighbourhood `at` lies in, where they nest.
    fn area_at(&self, at: LonLat) -> Option<usize> {
        let point = Point::new(at.lon, at.lat);
        self.areas
            .iter()
            .enumerate()
            .filter(|(_, a)| a.bounds.intersects(&point) && a.outline.intersects(&point))
            .min_by(|(_, a), (_, b)| a.size.total_cmp(&b.size))
            .map(|(i, _)| i)
    }

    fn hits(&self, q: &str, near: Option<LonLat>) -> Vec<Hit> {
        // "9490 Vaduz", as a letter's last line: the town, not a street
        // with Vaduz in its name at house number 9490.
        let town = without_postcode(q);
        let rank_town = |k: &str| {
            let as_town = town.as_deref().and_then(|t| rank_name(k, t));
            rank_name(k, q).into_iter().chain(as_town).min()
        };
        // Each locality once, by the name it matches best ("Helsingfors"
        // for Helsinki), the name as written first of equal matches.
        let mut named: HashMap<usize, (u8, &str)> = HashMap::new();
        let other_names = (self.locality_names.iter()).map(|(i, name, k)| (*i, name, k));
        let all_names = (self.localities.iter().enumerate())
            .map(|(i, l)| (i, &l.name, &l.key))
            .chain(other_names);
        for (i, name, k) in all_names {
            if let Some(r) = rank_town(k) {
                let e = named.entry(i).or_insert((r, name));
                if r < e.0 {
                    *e = (r, name);
                }
            }
        }
        let localities = named.into_iter().map(|(i, (r, name))| {
            let l = &self.localities[i];
            Hit {
                kind: "locality",
                name: Some(name.to_string()),
                class: l.class.clone(),
                category: None,
                id: None,
                near_street: None,
                name_on_map: (name != l.name).then(|| l.name.clone()),
                locality: None,
                position: l.position,
                score: (r, order::LOCALITY, -(l.population as i64), 0),
            }
        });
        let mut hits: Vec<Hit> = localities.collect();
        hits.extend(self.postcodes.matching(q).into_iter().map(|(p, r)| Hit {
            kind: "postcode",
            name: Some(p.code.clone()),
            class: "postcode".to_string(),
            category: None,
            id: None,
            near_street: None,
            name_on_map: None,
            locality: p.town.clone(),
            position: p.position,
            score: (r, order::POSTCODE, metres(near, p.position), 0),
        }));
        let mut streets: HashMap<usize, u8> = self
            .streets
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Some((i, rank_name(&s.key, q)?)))
            .collect();
        let addresses = self.address_hits(q, near);
        let mut in_town = |street: &str, place: &str| {
            let town = self.typed_town(place);
            for (i, s) in self.streets.iter().enumerate() {
                let in_place = s.towns.include(&town);
                if let Some(r) = rank_name(&s.key, street).filter(|_| in_place) {
                    streets
                        .entry(i)
                        .and_modify(|best| *best = (*best).min(r))
                        .or_insert(r);
                }
            }
        };
        // "Dorfstrasse, Triesen", "Triesen, Dorfstrasse": the street in
        // that town.
        for reading in self.town_readings(q) {
            in_town(&reading.street, &reading.place);
        }
        if addresses.is_empty() {
            // A house number the extract lacks (many cities map few):
            // the street it is on still gives somewhere to walk from.
            for reading in address_readings(q) {
                if self.towns.include(&self.typed_town(&reading.place)) {
                    in_town(&reading.street, &reading.place);
                }
            }
        }
        // Of two equally good streets the nearer first, where the searcher
        // is looking is known: "Dorfstrasse" is the one in their village.
        // Else the longer: main streets are the ones more people look for.
        hits.extend(self.each_street_once(streets).into_iter().map(|(i, r)| {
            let s = &self.streets[i];
            let longer_first = -(s.street.length_m as i64);
            let score = match near {
                Some(at) => (
                    r,
                    order::STREET,
                    s.street.metres_from(at) as i64,
                    longer_first,
                ),
                None => (r, order::STREET, longer_first, 0),
            };
            Hit {
                kind: "street",
                name: Some(s.street.name.clone()),
                class: s.street.class.clone(),
                category: None,
                id: None,
                near_street: None,
                name_on_map: s.street.on_map.clone(),
                locality: s.locality.clone(),
                position: s.street.position,
                score,
            }
        }));
        hits.extend(addresses);
        hits
    }

    /// The streets matched (by index, with their rank), a street and its
    /// other names once ("Fabia": Fabianinkatu, not Fabiansgatan too), by
    /// the name it matches best, the map's own first of equal matches: as
    /// localities and addresses are listed.
    fn each_street_once(&self, matched: HashMap<usize, u8>) -> HashMap<usize, u8> {
        let mut best: HashMap<usize, (u8, bool, usize)> = HashMap::new();
        for (i, r) in matched {
            let on_map = self.streets[i].named_on_map;
            let found = (r, on_map.is_some(), i);
            best.entry(on_map.unwrap_or(i))
                .and_modify(|b| *b = (*b).min(found))
                .or_insert(found);
        }
        best.into_values().map(|(r, _, i)| (i, r)).collect()
    }
}

/// What every name [`rank`] accepts for `q` contains, for the store to
/// look for: `q` itself, or with abbreviations ("landesbibl.") the longest
/// word without its full stop, as each begins a word of the name.
fn needle(q: &str) -> &str {
    if !abbreviations(q).iter().any(|(_, dotted)| *dotted) {
        return q;
    }
    // Not "st" of "st.", which a name may hold as "sankt".
    typed_words(q)
        .map(|w| w.strip_suffix('.').unwrap_or(w))
        .filter(|w| !is_short_form(w))
        .max_by_key(|w| w.len())
        .unwrap_or(q)
}

/// A kind of place typed alone (`q` folded) asks for places of that kind:
/// anything else the word begins (a Parkstrasse, a school called
/// Parkschule) comes after them, unless its name is the word itself.
fn after_the_kind_typed(q: &str, hits: &mut [Hit]) {
    let Some(kind) = Category::asked_by(q) else {
        return;
    };
    let others = hits.iter_mut().filter(|h| h.category != Some(kind));
    for h in others.filter(|h| h.score.0 > 0) {
        h.score.0 = h.score.0.max(learning_spaces::OF_THE_KIND + 1);
    }
}

/// Whole metres from where the searcher is looking to `at`, to order
/// equal matches nearest first; 0 for all where it is not known.
fn metres(near: Option<LonLat>, at: LonLat) -> i64 {
    near.map_or(0, |from| {
        learnscape_core::units::haversine_m(from, at) as i64
    })
}

/// The number a house number starts with ("12a" → 12), to order the
/// numbers a typed one begins.
fn leading_digits(number: &str) -> i64 {
    number
        .chars()
        .take_while(char::is_ascii_digit)
        .take(12)
        .fold(0, |n, d| n * 10 + i64::from(d.to_digit(10).unwrap_or(0)))
}

/// Localities, postcodes, streets, addresses and learning spaces whose
/// name matches `q` (ignoring case and accents; a street or a learning
/// space with its town too; learning spaces also by the kind typed,
/// [`Category::asked_by`], "library in Vaduz"), best first: exact, then
/// prefix, then word prefix (or of the kind typed), then anywhere; among
/// equals addresses, localities, postcodes, named learning spaces,
/// streets, then unnamed learning spaces by their street. A kind typed
/// alone ("kindergarten", "kindergarten near me") finds its places by
/// their kind, before anything else the word begins. Given where the
/// searcher is looking (`near`), streets, addresses, postcodes and
/// learning spaces matching equally well come nearest it first; without
/// it, the longer street. Where nothing matches, a misspelt word is put
/// right ([`learnscape_core::spelling`]) and the text searched for again,
/// as read next best where that finds nothing either.
pub async fn search(
    state: &AppState,
    q: &str,
    limit: usize,
    near: Option<LonLat>,
) -> StoreResult<Found> {
    let hits = search_for(state, q, limit, near).await?;
    if !hits.is_empty() {
        return Ok(Found::as_typed(hits));
    }
    // The commons entries approved since the words were learnt too.
    let mut since = Spelling::default();
    for place in state.registry.public_places(&PlaceFilter::default()) {
        since.learn(place.name.as_deref().unwrap_or_default());
    }
    let readings = (state.gazetteer.spelling).corrections(q.trim(), &since, CORRECTIONS_TRIED);
    for corrected in readings {
        let hits = search_for(state, &corrected, limit, near).await?;
        if !hits.is_empty() {
            return Ok(Found {
                hits,
                corrected: Some(corrected),
            });
        }
    }
    Ok(Found::as_typed(hits))
}

/// Readings of a misspelt text searched for, at most: the best and the
/// next few (a word put right otherwise), each a search more only where
/// the ones before found nothing.
const CORRECTIONS_TRIED: usize = 4;

/// What search found, and for what: the text typed, or as put right.
#[derive(Debug)]
pub struct Found {
    pub hits: Vec<Hit>,
    /// The text searched for instead of the one typed, a misspelt word
    /// put right ("Landstrasse" for "Landstrase"), where that found what
    /// the typed one did not.
    pub corrected: Option<String>,
}

impl Found {
    fn as_typed(hits: Vec<Hit>) -> Self {
        Self {
            hits,
            corrected: None,
        }
    }
}

async fn search_for(
    state: &AppState,
    q: &str,
    limit: usize,
    near: Option<LonLat>,
) -> StoreResult<Vec<Hit>> {
    let q = key(q.trim());
    let mut hits = state.gazetteer.hits(&q, near);
    hits.extend(learning_spaces::hits(state, &q, near).await?);
    after_the_kind_typed(&q, &mut hits);
    hits.sort_by(|a, b| {
        a.score
            .cmp(&b.score)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.near_street.cmp(&b.near_street))
            .then_with(|| a.locality.cmp(&b.locality))
    });
    hits.truncate(limit);
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_beats_prefix_beats_word_beats_anywhere() {
        assert_eq!(rank("vaduz", "vaduz"), Some(0));
        assert_eq!(rank("vaduzer hof", "vaduz"), Some(1));
        assert_eq!(rank("bad vaduz", "vaduz"), Some(2));
        assert_eq!(rank("obervaduz", "vaduz"), Some(3));
        assert_eq!(rank("schaan", "vaduz"), None);
    }

    #[test]
    fn the_store_is_asked_for_what_every_match_contains() {
        for (name, q) in [
            ("landesbibliothek", "landesbibl."),
            ("gemeindebibliothek schaan", "gemeindebibl. schaan"),
            ("st. gallen", "st. gallen"),
            ("avenida ipiranga", "av. ipiranga"),
            ("vaduz", "vad"),
            ("sankt florinsgasse", "st. florinsgasse"),
            ("sankt florinsgasse", "st florinsgasse"),
            ("avenida doutor carlos barbosa", "av. dr. carlos barbosa"),
            ("doktor grass-strasse", "dr. grass-strasse"),
            ("dr. josef hoop-strasse", "dr. josef hoop-str."),
        ] {
            assert!(rank(name, q).is_some(), "{q}");
            assert!(name.contains(needle(q)), "{q}: {}", needle(q));
        }
        assert_eq!(needle("gemeindebibl. schaan"), "gemeindebibl");
        assert_eq!(needle("st florinsgasse"), "florinsgasse");
        assert_eq!(needle("dr. hoop-strasse"), "strasse");
        assert_eq!(needle("st"), "st");
    }

    #[test]
    fn a_misspelt_town_street_house_name_or_kind_is_put_right_by_the_words_known() {
        let basemap = [
            label("Vaduz", "town", (9.52, 47.14)),
            road("Landstrasse", "primary", &[(9.52, 47.14), (9.53, 47.15)]),
            house("Äulestrasse", "12", (9.521, 47.141)),
        ];
        let mut g = Gazetteer::new(&basemap, &[]);
        g.learn_names(["Kunstmuseum Liechtenstein"]);
        let correct = |q: &str| g.spelling.correct(q);
        assert_eq!(
            correct("Landstrase 3, Vadz").as_deref(),
            Some("Landstrasse 3, Vaduz")
        );
        assert_eq!(correct("Aulestrase 12").as_deref(), Some("Äulestrasse 12"));
        assert_eq!(
            correct("Kunstmusem").as_deref(),
            Some("Kunstmuseum"),
            "a learning space's name"
        );
        assert_eq!(correct("libary").as_deref(), Some("library"), "a kind");
        assert_eq!(correct("Vaduz, Landstr"), None, "known, or being typed");
    }

    #[test]
    fn words_with_a_full_stop_are_abbreviations() {
        // As addresses are written in German and Portuguese.
        assert_eq!(rank("hauptstrasse", "hauptstr."), Some(0));
        assert_eq!(rank("speyerer strasse", "speyerer str."), Some(0));
        assert_eq!(rank("avenida ipiranga", "av. ipiranga"), Some(0));
        assert_eq!(rank("rua padre chagas", "r. padre chagas"), Some(0));
        // Typed so far, or the start of a longer name.
        assert_eq!(rank("avenida ipiranga", "av. ipi"), Some(1));
        assert_eq!(rank("rua padre chagas", "r. padre"), Some(1));
        assert_eq!(rank("travessa rua nova", "r. nova"), Some(2));
        // Each word begins its own, in order, the others typed whole.
        assert_eq!(rank("rua padre chagas", "r. pad chagas"), None);
        assert_eq!(rank("avenida ipiranga", "ipiranga av."), None);
        assert_eq!(rank("hauptstrasse", "haupt.str."), None);
        assert_eq!(rank("hauptstrasse", "."), None);
        // A name written with the stop itself matches as before.
        assert_eq!(rank("st. gallen", "st. gallen"), Some(0));
        // An abbreviation that is no start of its word, where letters
        // write it so and the map spells it out.
        assert_eq!(rank("sankt florinsgasse", "st. florinsgasse"), Some(1));
        assert_eq!(rank("santa coloma", "sta. coloma"), Some(1));
        assert_eq!(rank("sant julia de loria", "st. julia"), Some(1));
        assert_eq!(
            rank("avenida doutor carlos barbosa", "av. dr. carlos barbosa"),
            Some(1)
        );
        // The name written so is the whole name typed.
        assert_eq!(rank("st. peter", "st. peter"), Some(0));
        assert_eq!(rank("st. peter", "st peter"), Some(0));
        // Typed without its stop before another word, as on a phone.
        assert_eq!(rank("sankt florinsgasse", "st florinsgasse"), Some(1));
        assert_eq!(
            rank("avenida doutor carlos barbosa", "av. dr carlos"),
            Some(1)
        );
        // A hyphen parts typed words as it parts the name's; the name
        // written with it, as typed, comes first.
        assert_eq!(rank("doktor grass-strasse", "dr. grass-strasse"), Some(1));
        assert_eq!(rank("doktor grass-strasse", "dr grass-str."), Some(1));
        assert_eq!(rank("sankt luzi-strasse", "st luzi-str"), Some(1));
        assert_eq!(rank("dr. josef hoop-str.", "dr. josef hoop-str."), Some(0));
        assert_eq!(
            rank("dr. josef hoop-strasse", "dr. josef hoop-str."),
            Some(1)
        );
        assert_eq!(rank("kirch-strasse", "kirch-str."), Some(1));
        assert_eq!(rank("doktor grass-strasse", "dr. grassstrasse"), None);
        // Alone, a short form is a word being typed: "Sankt" does not begin with it.
        assert_eq!(rank("sankt florinsgasse", "st"), None);
        assert_eq!(rank("sankt florinsgasse", "st florinsweg"), None);
        assert_eq!(rank("stadtstrasse", "sta. coloma"), None);
    }

    fn label(name: &str, class: &str, at: (f64, f64)) -> BasemapFeature {
        BasemapFeature {
            kind: BasemapKind::PlaceLabel,
            class: class.into(),
            name: Some(name.into()),
            population: None,
            geometry: geo_types::Geometry::Point(at.into()),
        }
    }

    /// A named road of this class along `line`.
    fn road(name: &str, class: &str, line: &[(f64, f64)]) -> BasemapFeature {
        BasemapFeature {
            kind: BasemapKind::Road,
            class: class.into(),
            name: Some(name.into()),
            population: None,
            geometry: geo_types::Geometry::LineString(line.to_vec().into()),
        }
    }

    #[test]
    fn a_street_is_in_its_neighbourhood_else_by_the_nearest_village() {
        let road = |at: f64| road("Dorfstrasse", "minor", &[(at, 47.0), (at + 0.001, 47.0)]);
        let basemap = vec![
            label("Schaan", "town", (9.50, 47.02)),
            // Nearer to both streets, but not a name addresses use.
            label("Forst", "hamlet", (9.6, 47.0)),
            label("Planken", "village", (9.65, 47.0)),
            road(9.599),
            road(9.601),
        ];
        // A neighbourhood holding the west street only.
        let west = Neighbourhood {
            id: "n:1".into(),
            source: learnscape_core::SourceId("n".into()),
            name: "Vaduz".into(),
            area: MultiPolygon(vec![geo_types::Polygon::new(
                vec![
                    (9.59, 46.99),
                    (9.6005, 46.99),
                    (9.6005, 47.01),
                    (9.59, 47.01),
                    (9.59, 46.99),
                ]
                .into(),
                vec![],
            )]),
            population: None,
        };
        let g = Gazetteer::new(&basemap, &[west]);
        let found = g.hits("dorfstrasse", None);
        let mut localities: Vec<_> = found.iter().map(|h| h.locality.as_deref()).collect();
        localities.sort_unstable();
        assert_eq!(localities, [Some("Planken"), Some("Vaduz")], "{found:?}");
        // With no town or village about, the hamlet it is.
        let g = Gazetteer::new(&[label("Forst", "hamlet", (9.6, 47.0)), road(9.601)], &[]);
        assert_eq!(g.hits("dorf", None)[0].locality.as_deref(), Some("Forst"));
    }

    #[test]
    fn without_neighbourhoods_a_street_through_two_towns_is_one_in_each() {
        // One Landstrasse in touching pieces from Vaduz's label (9.52) to
        // Triesen's (9.62) 7.6 km east, as no neighbourhood cuts it.
        let step = 0.01;
        let pieces = (0..10).map(|i| {
            let west = 9.52 + f64::from(i) * step;
            road(
                "Landstrasse",
                "primary",
                &[(west, 47.1), (west + step, 47.1)],
            )
        });
        let basemap: Vec<_> = [
            label("Vaduz", "town", (9.52, 47.1)),
            label("Triesen", "village", (9.62, 47.1)),
        ]
        .into_iter()
        .chain(pieces)
        .collect();
        let g = Gazetteer::new(&basemap, &[]);
        let streets = |q: &str| {
            let mut hits = g.hits(&key(q), None);
            hits.sort_by_key(|h| h.score);
            hits.into_iter()
                .filter(|h| h.kind == "street")
                .map(|h| (h.locality.unwrap_or_default(), h.position.lon))
                .collect::<Vec<_>>()
        };
        // The part in each town's reach (west and east of 9.57), at a
        // point of that part, the whole length kept.
        let mut both = streets("landstrasse");
        both.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(both.len(), 2, "{both:?}");
        assert_eq!(
            (both[0].0.as_str(), both[1].0.as_str()),
            ("Triesen", "Vaduz")
        );
        assert!(both[0].1 >= 9.57 && both[1].1 <= 9.57, "{both:?}");
        let metres: f64 = g.streets.iter().map(|s| s.street.length_m).sum();
        // 0.1° of longitude at 47.1° N: 111.195 km × cos 47.1° ÷ 10.
        assert!((metres - 7_569.0).abs() < 5.0, "{metres} m");
        // Each found by its own town, in either order; neither by the other.
        for (q, town) in [
            ("Vaduz, Landstrasse", "Vaduz"),
            ("Landstrasse Vaduz", "Vaduz"),
            ("Triesen, Landstrasse", "Triesen"),
        ] {
            let found = streets(q);
            assert_eq!(found.len(), 1, "{q}: {found:?}");
            assert_eq!(found[0].0, town, "{q}");
        }
    }

    #[test]
    fn a_street_across_grid_cells_named_by_code_is_one_street_in_none() {
        let basemap = vec![
            road(
                "Rua dos Andradas",
                "minor",
                &[(-51.235, -30.03), (-51.225, -30.03)],
            ),
            road(
                "Rua dos Andradas",
                "minor",
                &[(-51.225, -30.03), (-51.215, -30.03)],
            ),
        ];
        let cells = [
            square("89a90128853ffff", -51.24, -30.04, 0.02),
            square("89a9012885bffff", -51.22, -30.04, 0.02),
        ];
        let g = Gazetteer::new(&basemap, &cells);
        let found = g.hits("rua dos andradas", None);
        let localities: Vec<_> = found.iter().map(|h| h.locality.as_deref()).collect();
        assert_eq!(localities, [None], "{found:?}");
        // Nor is a point said to be in a cell.
        assert_eq!(g.whereabouts(LonLat::new(-51.23, -30.035)), None);
        // A neighbourhood named as people say it still is a locality.
        let named = [square("Centro Histórico", -51.24, -30.04, 0.04)];
        let g = Gazetteer::new(&basemap, &named);
        let found = g.hits("rua dos andradas", None);
        assert_eq!(found[0].locality.as_deref(), Some("Centro Histórico"));
    }

    #[test]
    fn a_town_typed_whole_is_that_town_and_begun_any_it_begins() {
        let dorfstrasse = |west: f64| {
            road(
                "Dorfstrasse",
                "minor",
                &[(west, 47.1), (west + 0.002, 47.1)],
            )
        };
        let basemap = vec![
            label("Triesen", "village", (9.52, 47.1)),
            label("Triesenberg", "village", (9.60, 47.1)),
            dorfstrasse(9.52),
            dorfstrasse(9.60),
        ];
        let g = Gazetteer::new(&basemap, &[]);
        let towns = |q: &str| {
            let mut found: Vec<String> = (g.hits(&key(q), None).into_iter())
                .filter(|h| h.kind == "street")
                .filter_map(|h| h.locality)
                .collect();
            found.sort_unstable();
            found
        };
        assert_eq!(towns("Dorfstrasse Triesen"), ["Triesen"]);
        assert_eq!(towns("Triesen, Dorfstrasse"), ["Triesen"]);
        assert_eq!(towns("Dorfstrasse Triesenberg"), ["Triesenberg"]);
        assert_eq!(towns("Dorfstrasse Tries"), ["Triesen", "Triesenberg"]);
    }

    #[test]
    fn where_one_looks_the_nearer_of_equal_streets_and_houses_comes_first() {
        // Triesen's Dorfstrasse runs 3 km east towards Triesenberg's short
        // one; each has a number 5.
        let basemap = vec![
            label("Triesen", "village", (9.52, 47.1)),
            label("Triesenberg", "village", (9.60, 47.1)),
            road("Dorfstrasse", "minor", &[(9.52, 47.1), (9.56, 47.1)]),
            road("Dorfstrasse", "minor", &[(9.57, 47.1), (9.572, 47.1)]),
            house("Dorfstrasse", "5", (9.521, 47.1001)),
            house("Dorfstrasse", "5", (9.571, 47.1001)),
        ];
        let g = Gazetteer::new(&basemap, &[]);
        let towns = |q: &str, near: Option<(f64, f64)>, kind: &str| {
            let mut hits = g.hits(&key(q), near.map(|(lon, lat)| LonLat::new(lon, lat)));
            hits.sort_by_key(|h| h.score);
            (hits.into_iter())
                .filter(|h| h.kind == kind)
                .map(|h| h.locality.unwrap_or_default())
                .collect::<Vec<_>>()
        };
        // Nowhere in particular: the longer street first.
        assert_eq!(towns("Dorfstr", None, "street"), ["Triesen", "Triesenberg"]);
        // Beside Triesen's street near its east end, whose middle is
        // farther away than Triesenberg's: the street one is by.
        let by_its_end = Some((9.559, 47.1002));
        assert_eq!(
            towns("Dorfstr", by_its_end, "street"),
            ["Triesen", "Triesenberg"]
        );
        let in_triesenberg = Some((9.58, 47.1));
        assert_eq!(
            towns("Dorfstr", in_triesenberg, "street"),
            ["Triesenberg", "Triesen"]
        );
        assert_eq!(
            towns("Dorfstrasse 5", in_triesenberg, "address"),
            ["Triesenberg", "Triesen"]
        );
        let in_triesen = Some((9.52, 47.1));
        assert_eq!(
            towns("Dorfstrasse 5", in_triesen, "address"),
            ["Triesen", "Triesenberg"]
        );
    }

    #[test]
    fn a_kind_typed_alone_puts_its_places_before_names_the_word_begins() {
        let hit = |kind: &'static str, name: &str, category: Option<Category>, rank: u8| Hit {
            kind,
            name: Some(name.into()),
            class: String::new(),
            category,
            id: None,
            near_street: None,
            name_on_map: None,
            locality: None,
            position: LonLat::new(9.5, 47.1),
            score: (rank, order::STREET, 0, 0),
        };
        let mut hits = vec![
            hit("street", "Parkstrasse", None, 1),
            hit("learning_space", "Parkschule", Some(Category::School), 1),
            hit("learning_space", "Park", Some(Category::School), 0),
            hit("learning_space", "Äule", Some(Category::Park), 2),
        ];
        let ranks = |hits: &[Hit]| hits.iter().map(|h| h.score.0).collect::<Vec<_>>();
        after_the_kind_typed("parkst", &mut hits);
        assert_eq!(ranks(&hits), [1, 1, 0, 2], "no kind typed: as found");
        after_the_kind_typed("parks", &mut hits);
        assert_eq!(ranks(&hits), [3, 3, 0, 2]);
    }

    #[test]
    fn a_town_a_country_away_is_no_street_s_or_house_s_town() {
        // Ruggell's label, and streets there and 250 km north, in an
        // extract without Heidelberg's labels.
        let basemap = vec![
            label("Ruggell", "village", (9.53, 47.24)),
            road("Dorfstrasse", "minor", &[(9.53, 47.25), (9.532, 47.25)]),
            road("Hauptstraße", "primary", &[(8.69, 49.41), (8.70, 49.41)]),
            house("Hauptstraße", "52", (8.695, 49.4101)),
        ];
        let g = Gazetteer::new(&basemap, &[]);
        let towns = |q: &str| {
            (g.hits(&key(q), None).into_iter())
                .filter(|h| h.kind != "locality")
                .map(|h| (h.kind, h.locality))
                .collect::<Vec<_>>()
        };
        assert_eq!(towns("Dorfstrasse"), [("street", Some("Ruggell".into()))]);
        let mut far = towns("Hauptstr");
        far.sort_unstable();
        assert_eq!(far, [("street", None)]);
        assert_eq!(towns("Hauptstraße 52"), [("address", None)]);
        // A field 2 km from the street: nowhere the data can name.
        assert_eq!(g.whereabouts(LonLat::new(8.69, 49.43)), None);
        let by_ruggell = g.whereabouts(LonLat::new(9.55, 47.27)).map(|w| w.name);
        assert_eq!(by_ruggell.as_deref(), Some("Ruggell"));
    }

    fn square(name: &str, west: f64, south: f64, side: f64) -> Neighbourhood {
        let (east, north) = (west + side, south + side);
        Neighbourhood {
            id: format!("n:{name}"),
            source: learnscape_core::SourceId("n".into()),
            name: name.into(),
            area: MultiPolygon(vec![geo_types::Polygon::new(
                vec![
                    (west, south),
                    (east, south),
                    (east, north),
                    (west, north),
                    (west, south),
                ]
                .into(),
                vec![],
            )]),
            population: None,
        }
    }

    #[test]
    fn an_address_is_found_by_the_town_its_letters_name() {
        // Two municipalities; Eschen holds the villages Eschen and Nendeln.
        let areas = [
            square("Eschen", 9.50, 47.0, 0.1),
            square("Vaduz", 9.60, 47.0, 0.1),
        ];
        let basemap = vec![
            label("Eschen", "village", (9.52, 47.05)),
            label("Nendeln", "village", (9.58, 47.05)),
            label("Vaduz", "town", (9.61, 47.05)),
            // Nearer Vaduz's label than Nendeln's, but in Eschen.
            house("Churer Strasse", "5", (9.598, 47.05)),
        ];
        let g = Gazetteer::new(&basemap, &areas);
        let eschen = Some("Eschen".to_string());
        let churer = [("Churer Strasse 5".to_string(), eschen)];
        assert_eq!(found(&g, "Churer Strasse 5, 9485 Nendeln"), churer);
        assert_eq!(found(&g, "Churer Strasse 5, 9492 Eschen"), churer);
        assert!(found(&g, "Churer Strasse 5, Vaduz").is_empty());
        assert!(found(&g, "Churer Strasse 5, Schaan").is_empty());

        // A city's districts: each house is in the city too.
        let areas = [
            square("Kaartinkaupunki", 24.94, 60.16, 0.01),
            square("Kluuvi", 24.94, 60.17, 0.01),
        ];
        let basemap = vec![
            label("Helsinki", "city", (24.945, 60.175)),
            house("Fabianinkatu", "37", (24.945, 60.165)),
        ];
        let g = Gazetteer::new(&basemap, &areas);
        assert_eq!(
            found(&g, "Fabianinkatu 37, 00130 Helsinki"),
            [(
                "Fabianinkatu 37".to_string(),
                Some("Kaartinkaupunki".to_string())
            )]
        );
        assert!(found(&g, "Fabianinkatu 37, Kluuvi").is_empty());
    }

    fn house(street: &str, number: &str, at: (f64, f64)) -> BasemapFeature {
        BasemapFeature {
            kind: BasemapKind::Address,
            class: number.into(),
            name: Some(street.into()),
            population: None,
            geometry: geo_types::Geometry::Point(at.into()),
        }
    }

    fn found(g: &Gazetteer, q: &str) -> Vec<(String, Option<String>)> {
        let mut hits = g.hits(&key(q), None);
        hits.sort_by(|a, b| a.score.cmp(&b.score).then_with(|| a.name.cmp(&b.name)));
        hits.into_iter()
            .filter(|h| h.kind == "address")
            .map(|h| (h.name.unwrap_or_default(), h.locality))
            .collect()
    }

    #[test]
    fn an_address_is_found_by_street_and_number_in_either_order() {
        let basemap = vec![
            label("Triesen", "village", (9.53, 47.10)),
            label("Ruggell", "village", (9.53, 47.24)),
            house("Dorfstrasse", "5", (9.531, 47.101)),
            // The same address on the building and its entrance: one hit.
            house("Dorfstrasse", "5", (9.5311, 47.1011)),
            house("Dorfstrasse", "5", (9.531, 47.241)),
            house("Dorfstrasse", "50", (9.532, 47.101)),
            house("Dorfstrasse", "5a", (9.533, 47.101)),
            house("Dorfstrasse", "7;9", (9.534, 47.101)),
            house("Äulestrasse", "12", (9.52, 47.14)),
        ];
        let g = Gazetteer::new(&basemap, &[]);
        let triesen = Some("Triesen".to_string());
        let ruggell = Some("Ruggell".to_string());
        let five = ("Dorfstrasse 5".to_string(), triesen.clone());
        assert_eq!(
            found(&g, "Dorfstrasse 5, Triesen"),
            [
                five.clone(),
                ("Dorfstrasse 5a".into(), triesen.clone()),
                ("Dorfstrasse 50".into(), triesen.clone())
            ],
            "the number typed, then those it begins, nearest first"
        );
        assert_eq!(
            found(&g, "5 dorfstr ruggell"),
            [("Dorfstrasse 5".into(), ruggell.clone())]
        );
        assert_eq!(found(&g, "dorfstrasse 5").len(), 4, "in both villages");
        assert_eq!(
            found(&g, "dorfstrasse 9"),
            [("Dorfstrasse 7;9".into(), triesen.clone())]
        );
        assert_eq!(found(&g, "aulestrasse 12")[0].0, "Äulestrasse 12");
        assert!(found(&g, "dorfstrasse").is_empty(), "no number, no address");
        assert!(found(&g, "schaanerstrasse 5").is_empty());
        assert_eq!(
            found(&g, "Dorfstr. 5, Triesen")[0],
            five,
            "a street written short"
        );
    }

    #[test]
    fn a_house_number_the_extract_lacks_still_finds_its_street() {
        let road = |name: &str, at: f64| road(name, "minor", &[(at, 47.0), (at + 0.001, 47.0)]);
        let basemap = vec![
            label("Triesen", "village", (9.50, 47.0)),
            label("Ruggell", "village", (9.60, 47.0)),
            road("Dorfstrasse", 9.50),
            road("Dorfstrasse", 9.60),
            house("Dorfstrasse", "7", (9.5005, 47.0)),
        ];
        let g = Gazetteer::new(&basemap, &[]);
        let kinds = |q: &str| -> Vec<(&'static str, Option<String>)> {
            let mut hits = g.hits(&key(q), None);
            hits.sort_by_key(|a| a.score);
            hits.into_iter().map(|h| (h.kind, h.locality)).collect()
        };
        let triesen = Some("Triesen".to_string());
        let ruggell = Some("Ruggell".to_string());
        // No number 99: the streets of that name, in the village if named.
        assert_eq!(kinds("dorfstrasse 99, ruggell"), [("street", ruggell)]);
        assert_eq!(kinds("dorfstrasse 99").len(), 2);
        // A number that is there: the house, not the streets.
        assert_eq!(kinds("dorfstrasse 7"), [("address", triesen)]);
    }

    fn other_name(of: &BasemapFeature, name: &str) -> BasemapFeature {
        BasemapFeature {
            kind: BasemapKind::OtherName,
            name: Some(name.into()),
            ..of.clone()
        }
    }

    #[test]
    fn a_house_and_a_town_are_found_by_their_other_names() {
        let helsinki = label("Helsinki", "city", (24.94, 60.17));
        let street = road(
            "Fabianinkatu",
            "minor",
            &[(24.949, 60.165), (24.949, 60.172)],
        );
        let basemap = vec![
            helsinki.clone(),
            label("Espoo", "city", (24.65, 60.20)),
            street.clone(),
            // A street of the same name a town away, with no other name.
            road("Fabianinkatu", "minor", &[(24.70, 60.20), (24.70, 60.21)]),
            other_name(&helsinki, "Helsingfors"),
            other_name(&helsinki, "Helsinki"),
            other_name(&street, "Fabiansgatan"),
            house("Fabianinkatu", "37", (24.9496, 60.1690)),
            house("Fabianinkatu", "37", (24.7005, 60.205)),
        ];
        let g = Gazetteer::new(&basemap, &[]);
        let (helsinki, espoo) = (Some("Helsinki".to_string()), Some("Espoo".to_string()));
        let swedish = ("Fabiansgatan 37".to_string(), helsinki.clone());
        let finnish = ("Fabianinkatu 37".to_string(), helsinki.clone());
        assert_eq!(found(&g, "Fabiansgatan 37"), vec![swedish.clone()]);
        assert_eq!(
            found(&g, "Fabiansgatan 37, Helsingfors"),
            vec![swedish.clone()]
        );
        assert_eq!(
            found(&g, "Helsingfors, Fabiansgatan 37"),
            vec![swedish.clone()]
        );
        assert_eq!(
            found(&g, "Fabiansgatan 37, Helsingf"),
            [swedish],
            "a town's other name while it is typed"
        );
        assert_eq!(found(&g, "Fabianinkatu 37, Helsingfors"), [finnish]);
        assert_eq!(found(&g, "Fabianinkatu 37").len(), 2);
        assert!(found(&g, "Fabiansgatan 37, Espoo").is_empty());
        assert_eq!(
            found(&g, "Fabianinkatu 37, Espoo"),
            [("Fabianinkatu 37".to_string(), espoo)]
        );
        // Each listed by the name typed, with what the map calls it.
        let listed = |q: &str, kind: &str| {
            let mut hits = g.hits(&key(q), None);
            hits.retain(|h| h.kind == kind);
            (hits.into_iter())
                .map(|h| (h.name.unwrap_or_default(), h.name_on_map))
                .collect::<Vec<_>>()
        };
        let towns = |q: &str| listed(q, "locality");
        let on_map = |name: &str| Some(name.to_string());
        assert_eq!(
            towns("Helsingfors"),
            [("Helsingfors".into(), on_map("Helsinki"))]
        );
        assert_eq!(
            towns("Hel"),
            [("Helsinki".into(), None)],
            "once, as written of equals"
        );
        assert_eq!(towns("Espoo"), [("Espoo".into(), None)]);
        assert_eq!(
            listed("Fabiansgatan 37", "address"),
            [("Fabiansgatan 37".into(), on_map("Fabianinkatu 37"))]
        );
        assert!((listed("Fabianinkatu 37", "address").iter()).all(|(_, on_map)| on_map.is_none()));
        assert_eq!(
            listed("Fabiansgatan", "street"),
            [("Fabiansgatan".into(), on_map("Fabianinkatu"))]
        );
        // A street and its other name, both begun by what is typed, are
        // one street, by the map's name; each Fabianinkatu once.
        let streets = |q: &str| {
            let mut hits = g.hits(&key(q), None);
            hits.retain(|h| h.kind == "street");
            let mut listed: Vec<_> = (hits.into_iter())
                .map(|h| (h.name.unwrap_or_default(), h.locality.unwrap_or_default()))
                .collect();
            listed.sort_unstable();
            listed
        };
        let fabianinkatu = |town: &str| ("Fabianinkatu".to_string(), town.to_string());
        assert_eq!(
            streets("Fabia"),
            [fabianinkatu("Espoo"), fabianinkatu("Helsinki")]
        );
        assert_eq!(
            streets("Fabians"),
            [("Fabiansgatan".into(), "Helsinki".into())]
        );
    }

    #[test]
    fn a_postcode_and_a_town_find_the_town() {
        let basemap = vec![
            label("Vaduz", "town", (9.52, 47.14)),
            BasemapFeature {
                kind: BasemapKind::Road,
                class: "path".into(),
                name: Some("Alte Rheinbrücke Vaduz".into()),
                population: None,
                geometry: geo_types::Geometry::LineString(
                    vec![(9.51, 47.13), (9.512, 47.13)].into(),
                ),
            },
        ];
        let g = Gazetteer::new(&basemap, &[]);
        for q in ["9490 Vaduz", "FL-9490 Vaduz", "Vaduz 9490"] {
            let mut hits = g.hits(&key(q), None);
            hits.sort_by_key(|h| h.score);
            let first = hits.first().expect(q);
            assert_eq!(
                (first.kind, first.name.as_deref(), first.score.0),
                ("locality", Some("Vaduz"), 0),
                "{q}"
            );
        }
    }

    #[test]
    fn a_point_is_named_by_the_house_at_it_else_its_neighbourhood_else_the_nearest_town() {
        let areas = [square("Vaduz", 9.50, 47.10, 0.05)];
        let basemap = vec![
            label("Vaduz", "town", (9.52, 47.14)),
            label("Buchs", "town", (9.47, 47.17)),
            house("Städtle", "35", (9.5200, 47.1300)),
            house("Städtle", "37", (9.5203, 47.1300)),
        ];
        let g = Gazetteer::new(&basemap, &areas);
        let at = |lon: f64, lat: f64| g.whereabouts(LonLat::new(lon, lat)).expect("named");
        // At the door of 35 (a metre east), then 40 m east: nearer 37.
        let door = at(9.52001, 47.13);
        assert_eq!(
            (door.kind, door.name.as_str(), door.locality.as_deref()),
            ("address", "Städtle 35", Some("Vaduz"))
        );
        assert!(door.distance_m < 2.0, "{door:?}");
        assert_eq!(at(9.52053, 47.13).name, "Städtle 37");
        // 140 m north of 35 still by it; 160 m north, the neighbourhood.
        let north = |m: f64| at(9.52, 47.13 + m / 111_195.0);
        assert_eq!(north(140.0).kind, "address");
        assert!((north(140.0).distance_m - 140.0).abs() < 1.0);
        assert_eq!(
            (north(160.0).kind, north(160.0).name.as_str()),
            ("neighbourhood", "Vaduz")
        );
        // Outside every neighbourhood and far from houses: the nearest town.
        let across = at(9.471, 47.171);
        assert_eq!((across.kind, across.name.as_str()), ("locality", "Buchs"));
        assert!(
            across.distance_m > 100.0 && across.distance_m < 200.0,
            "{across:?}"
        );
        // Nothing to name a point by.
        assert_eq!(
            Gazetteer::new(&[], &[]).whereabouts(LonLat::new(9.5, 47.1)),
            None
        );
    }

    #[test]
    fn where_no_house_is_near_a_named_street_names_the_point() {
        let areas = [square("Vaduz", 9.50, 47.10, 0.05)];
        // A road running north–south at 9.53, and a house far from it.
        let road = road("Landstrasse", "primary", &[(9.53, 47.11), (9.53, 47.14)]);
        let unnamed = BasemapFeature {
            name: None,
            geometry: geo_types::Geometry::LineString(vec![(9.54, 47.11), (9.54, 47.14)].into()),
            ..road.clone()
        };
        let basemap = vec![road, unnamed, house("Städtle", "35", (9.50, 47.12))];
        let g = Gazetteer::new(&basemap, &areas);
        let east = |m: f64| {
            let lon = 9.53 + m / (111_195.0 * 47.125_f64.to_radians().cos());
            g.whereabouts(LonLat::new(lon, 47.125)).expect("named")
        };
        let near = east(60.0);
        assert_eq!(
            (near.kind, near.name.as_str(), near.locality.as_deref()),
            ("street", "Landstrasse", Some("Vaduz"))
        );
        assert!((near.distance_m - 60.0).abs() < 1.0, "{near:?}");
        // The point on the road straight west of it, to within 10 m: the
        // plane shrinks each vertex's longitude at its own latitude, which
        // tilts this 3 km piece a little (OSM's pieces are far shorter).
        assert!((near.position.lon - 9.53).abs() < 1e-4, "{near:?}");
        assert!((near.position.lat - 47.125).abs() < 1e-4, "{near:?}");
        // Beyond 100 m, and by the unnamed road: the neighbourhood.
        assert_eq!(east(120.0).kind, "neighbourhood");
        assert_eq!(east(760.0).kind, "neighbourhood");
        // A house within 150 m still comes first.
        let by_house = g.whereabouts(LonLat::new(9.5005, 47.12)).expect("named");
        assert_eq!(by_house.kind, "address");
    }

    /// Porto Alegre's roads-only extract: no houses, no place labels, and
    /// its neighbourhoods grid cells named by code. A point 100 to 500 m
    /// from a named street was nowhere; it is that far from the street.
    #[test]
    fn where_nothing_closer_names_a_point_a_street_within_500_m_does_with_its_distance() {
        let east = |m: f64| 9.53 + m / (111_195.0 * 47.125_f64.to_radians().cos());
        let landstrasse = road("Landstrasse", "primary", &[(9.53, 47.11), (9.53, 47.14)]);
        let cell = square("89a90128463ffff", 9.52, 47.12, 0.02);
        let g = Gazetteer::new(
            std::slice::from_ref(&landstrasse),
            std::slice::from_ref(&cell),
        );
        let at = |m: f64| g.whereabouts(LonLat::new(east(m), 47.125));
        let off = at(300.0).expect("named");
        assert_eq!(
            (off.kind, off.name.as_str(), off.locality),
            ("street", "Landstrasse", None)
        );
        assert!((off.distance_m - 300.0).abs() < 5.0, "{}", off.distance_m);
        // Within 100 m, as before; beyond 500 m, nowhere.
        assert_eq!(at(80.0).map(|w| w.kind), Some("street"));
        assert_eq!(at(520.0), None);
        // A neighbourhood with a name, or a place label, still says more.
        let named = square("Vaduz", 9.52, 47.12, 0.02);
        let g = Gazetteer::new(std::slice::from_ref(&landstrasse), &[named]);
        let inside = g.whereabouts(LonLat::new(east(300.0), 47.125));
        assert_eq!(
            inside.map(|w| (w.kind, w.name)),
            Some(("neighbourhood", "Vaduz".into()))
        );
        let village = label("Mühleholz", "village", (east(900.0), 47.125));
        let g = Gazetteer::new(&[landstrasse, village], &[cell]);
        let near = g.whereabouts(LonLat::new(east(300.0), 47.125));
        assert_eq!(
            near.map(|w| (w.kind, w.name)),
            Some(("locality", "Mühleholz".into()))
        );
    }

    #[test]
    fn beyond_a_house_s_door_a_nearer_street_names_the_point() {
        let areas = [square("Vaduz", 9.50, 47.10, 0.05)];
        let east = |m: f64| 9.53 + m / (111_195.0 * 47.125_f64.to_radians().cos());
        let road = road("Landstrasse", "primary", &[(9.53, 47.11), (9.53, 47.14)]);
        // A house up the hill, 120 m east of the road, and one by it, 30 m
        // east of it and 550 m north.
        let basemap = vec![
            road,
            house("Rathausgasse", "3", (east(120.0), 47.125)),
            house("Landstrasse", "12", (east(30.0), 47.13)),
        ];
        let g = Gazetteer::new(&basemap, &areas);
        let at = |m: f64| g.whereabouts(LonLat::new(east(m), 47.125)).expect("named");
        // On the road, and 20 m off it: the road, though the house is
        // within 150 m.
        for m in [0.0, 20.0] {
            let on = at(m);
            assert_eq!(
                (on.kind, on.name.as_str()),
                ("street", "Landstrasse"),
                "{m}"
            );
            assert!(on.distance_m < m + 1.0, "{on:?}");
        }
        // 45 m from the house, 75 m from the road: by the house; and 40 m
        // from it as well.
        for m in [75.0, 80.0] {
            let by = at(m);
            assert_eq!(
                (by.kind, by.name.as_str()),
                ("address", "Rathausgasse 3"),
                "{m}"
            );
        }
        // 10 m off the road, 20 m from a house: by the house.
        let outside = g
            .whereabouts(LonLat::new(east(10.0), 47.13))
            .expect("named");
        assert_eq!(outside.name, "Landstrasse 12", "{outside:?}");
    }

    fn postcode(code: &str, town: Option<&str>, at: (f64, f64)) -> BasemapFeature {
        BasemapFeature {
            kind: BasemapKind::Postcode,
            class: code.into(),
            name: town.map(str::to_string),
            population: None,
            geometry: geo_types::Geometry::Point(at.into()),
        }
    }

    #[test]
    fn a_postcode_finds_itself_and_with_its_town_after_the_town() {
        let basemap = vec![
            label("Vaduz", "town", (9.52, 47.14)),
            label("Schaan", "town", (9.51, 47.17)),
            postcode("9490", Some("Vaduz"), (9.521, 47.141)),
            postcode("9494", Some("Schaan"), (9.511, 47.171)),
            // No town named on its houses: the one it lies nearest.
            postcode("9498", None, (9.52, 47.17)),
            house("Städtle", "9490", (9.522, 47.142)),
        ];
        let g = Gazetteer::new(&basemap, &[]);
        let first = |q: &str| -> Vec<(&'static str, String, Option<String>, u8)> {
            let mut hits = g.hits(&key(q), None);
            hits.sort_by(|a, b| a.score.cmp(&b.score).then_with(|| a.name.cmp(&b.name)));
            hits.into_iter()
                .map(|h| (h.kind, h.name.unwrap_or_default(), h.locality, h.score.0))
                .collect()
        };
        let code =
            |c: &str, town: &str, r: u8| ("postcode", c.to_string(), Some(town.to_string()), r);
        assert_eq!(first("9490"), [code("9490", "Vaduz", 0)]);
        assert_eq!(first("FL-9494"), [code("9494", "Schaan", 0)]);
        assert_eq!(first("9498")[0], code("9498", "Schaan", 0));
        // Typing: the codes it begins, none of them exactly.
        assert_eq!(
            first("949"),
            [
                code("9490", "Vaduz", 1),
                code("9494", "Schaan", 1),
                code("9498", "Schaan", 1)
            ]
        );
        // With its town: the town first, then the code; a town the code
        // does not go to finds no code.
        let hits = first("9490 Vaduz");
        assert_eq!(hits[0].0, "locality");
        assert_eq!(hits[1], code("9490", "Vaduz", 0));
        assert!(!first("9490 Schaan").iter().any(|h| h.0 == "postcode"));
        // Too short to be looked for.
        assert!(first("94").is_empty());
        // A house numbered like a code is still found by its street.
        assert_eq!(first("Städtle 9490")[0].0, "address");
    }

    /// Andorra's codes are written "AD500": typed bare, "500" finds it,
    /// as "ad 500" and "AD500" do; "50" is too short to look for.
    #[test]
    fn a_code_written_with_its_country_letters_is_found_without_them() {
        let basemap = vec![
            postcode("AD500", Some("Andorra la Vella"), (1.52, 42.51)),
            postcode("AD700", Some("Escaldes-Engordany"), (1.54, 42.51)),
        ];
        let g = Gazetteer::new(&basemap, &[]);
        let codes = |q: &str| -> Vec<(String, u8)> {
            let mut hits: Vec<(String, u8)> = (g.hits(&key(q), None).into_iter())
                .filter(|h| h.kind == "postcode")
                .map(|h| (h.name.unwrap_or_default(), h.score.0))
                .collect();
            hits.sort();
            hits
        };
        let exact = vec![("AD500".to_string(), 0)];
        assert_eq!(codes("500"), exact);
        assert_eq!(codes("AD500"), exact);
        assert_eq!(codes("ad 500"), exact);
        assert_eq!(codes("500 Andorra"), exact);
        assert_eq!(codes("50"), []);
        assert_eq!(codes("ad"), [], "letters alone are no code");
        assert_eq!(
            codes("AD5"),
            [("AD500".to_string(), 1)],
            "typing it: the code it begins"
        );
    }
}
