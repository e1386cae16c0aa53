//! Postcodes, from the addresses that carry one (`addr:postcode`), so a
//! resident can search for "9490" or "00100" as they would for a town:
//! one point per postcode, kept with the basemap and never drawn.
//!
//! OSM has few postcode areas, but most mapped houses carry their code.
//! A postcode is where its addresses are: the one nearest their median
//! stands for it (a typo'd code on a house across the country moves a
//! median little, a mean a lot), and the town most of them name
//! (`addr:city`) is the one its letters are addressed to. A code some
//! houses write after their country's letters and others without
//! ("AD500" and "500") is one code, written as most of them write it.

use super::tags::Tags;
use geo_types::{Geometry, Point};
use learnscape_core::postcode_query::without_country_letters;
use learnscape_core::{BasemapFeature, BasemapKind};
use std::collections::{BTreeMap, HashMap};

/// What one address says of its post: its codes and its town.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Postal {
    /// Each code as [`codes`] reads `addr:postcode`.
    pub codes: Vec<String>,
    /// `addr:city`, when it names a town.
    pub city: Option<String>,
}

impl Postal {
    pub fn of(tags: &Tags) -> Self {
        let city = tags
            .get("addr:city")
            .map(str::trim)
            // Some cities' houses say "7" (a district's number) here.
            .filter(|c| c.chars().any(char::is_alphabetic))
            .map(str::to_string);
        Postal {
            codes: tags.get("addr:postcode").map(codes).unwrap_or_default(),
            city,
        }
    }
}

/// The postcodes an `addr:postcode` value gives: "00100; 00120" is a
/// building on two, as in central Helsinki. A code is as written, in
/// capitals ("AD500"), of 3 to 10 letters, digits, spaces or hyphens with
/// a digit among them; anything else (a street written in the wrong tag)
/// is not a code.
pub fn codes(value: &str) -> Vec<String> {
    value
        .split([';', ','])
        .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|c| {
            (3..=10).contains(&c.chars().count())
                && c.chars().any(|ch| ch.is_ascii_digit())
                && c.chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || ch == ' ' || ch == '-')
        })
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Each code's houses: where each is and the town it names.
type Houses<'a> = Vec<(Point<f64>, Option<&'a str>)>;

/// One postcode feature per code the addresses at `located` carry, in
/// the codes' order: `class` the code, `name` the town most of them name
/// (the first in alphabetical order of equally many; none when none
/// does), the geometry the address nearest their median.
pub fn gather(located: &[(Point<f64>, Postal)]) -> Vec<BasemapFeature> {
    let mut by_code: BTreeMap<&str, Houses> = BTreeMap::new();
    for (at, postal) in located {
        for code in &postal.codes {
            by_code
                .entry(code)
                .or_default()
                .push((*at, postal.city.as_deref()));
        }
    }
    join_country_letters(&mut by_code);
    by_code
        .into_iter()
        .filter_map(|(code, houses)| {
            let at = nearest_to_median(houses.iter().map(|(at, _)| *at).collect())?;
            Some(BasemapFeature {
                kind: BasemapKind::Postcode,
                class: code.to_string(),
                name: most_named(houses.iter().filter_map(|(_, city)| *city)),
                population: None,
                geometry: Geometry::Point(at),
            })
        })
        .collect()
}

/// Joins a code written with its country's letters and without ("AD500"
/// and "500") under the way more houses write it; of equally many, with
/// the letters.
fn join_country_letters(by_code: &mut BTreeMap<&str, Houses>) {
    let pairs: Vec<(&str, &str)> = (by_code.keys())
        .filter_map(|code| Some((*code, without_country_letters(code)?)))
        .filter(|(_, bare)| by_code.contains_key(bare))
        .collect();
    for (lettered, bare) in pairs {
        let (Some(with), Some(without)) = (by_code.get(lettered), by_code.get(bare)) else {
            continue;
        };
        let (kept, joined) = if without.len() > with.len() {
            (bare, lettered)
        } else {
            (lettered, bare)
        };
        if let Some(houses) = by_code.remove(joined) {
            by_code.entry(kept).or_default().extend(houses);
        }
    }
}

/// The town named most often; of equally many, the first alphabetically.
fn most_named<'a>(cities: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for city in cities {
        *counts.entry(city).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|(a, n), (b, m)| n.cmp(m).then_with(|| b.cmp(a)))
        .map(|(city, _)| city.to_string())
}

/// Of `points`, the one nearest the median of their longitudes and of
/// their latitudes (degrees of longitude shrunk to their length there).
fn nearest_to_median(mut points: Vec<Point<f64>>) -> Option<Point<f64>> {
    let median = |values: &mut Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values.get(values.len() / 2).copied()
    };
    let lat = median(&mut points.iter().map(|p| p.y()).collect())?;
    let lon = median(&mut points.iter().map(|p| p.x()).collect())?;
    let shrink = lat.to_radians().cos();
    let distance = |p: &Point<f64>| ((p.x() - lon) * shrink).powi(2) + (p.y() - lat).powi(2);
    points.sort_by(|a, b| distance(a).total_cmp(&distance(b)));
    points.first().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(pairs: &[(&str, &str)]) -> Tags {
        pairs.iter().copied().collect()
    }

    fn house(lon: f64, lat: f64, code: &str, city: Option<&str>) -> (Point<f64>, Postal) {
        (
            Point::new(lon, lat),
            Postal {
                codes: codes(code),
                city: city.map(str::to_string),
            },
        )
    }

    /// Each code found, with its town.
    fn summary(found: &[BasemapFeature]) -> Vec<(&str, Option<&str>)> {
        (found.iter())
            .map(|f| (f.class.as_str(), f.name.as_deref()))
            .collect()
    }

    #[test]
    fn a_postcode_value_may_name_several_and_junk_is_no_code() {
        assert_eq!(codes(" 9490 "), ["9490"]);
        assert_eq!(codes("00100; 00120"), ["00100", "00120"]);
        assert_eq!(codes("00120;00180,00150"), ["00120", "00180", "00150"]);
        assert_eq!(codes("ad500"), ["AD500"]);
        assert_eq!(codes("SW1A  1AA"), ["SW1A 1AA"]);
        assert_eq!(codes("90010-000"), ["90010-000"]);
        assert!(codes("Vaduz").is_empty());
        assert!(codes("12").is_empty());
        assert!(codes("9490/9494").is_empty());
        assert!(codes("").is_empty());
    }

    #[test]
    fn a_town_is_a_name_not_a_district_number() {
        let postal = Postal::of(&tags(&[("addr:postcode", "00100"), ("addr:city", "7")]));
        assert_eq!(postal.codes, ["00100"]);
        assert_eq!(postal.city, None);
        let postal = Postal::of(&tags(&[("addr:city", " Vaduz ")]));
        assert!(postal.codes.is_empty());
        assert_eq!(postal.city.as_deref(), Some("Vaduz"));
    }

    #[test]
    fn a_postcode_stands_where_most_of_its_houses_are_and_for_the_town_most_name() {
        let located = [
            house(9.520, 47.140, "9490", Some("Vaduz")),
            house(9.521, 47.141, "9490", Some("Vaduz")),
            house(9.522, 47.142, "9490", None),
            house(9.523, 47.139, "9490", Some("Schaan")),
            // A typo far away: the median stays among the others.
            house(10.5, 48.0, "9490", Some("Schaan")),
            house(9.53, 47.2, "9494; 9490", Some("Vaduz")),
            house(9.60, 47.3, "9494", Some("Schaan")),
        ];
        let found = gather(&located);
        assert_eq!(
            summary(&found),
            [("9490", Some("Vaduz")), ("9494", Some("Schaan"))],
            "{found:?}"
        );
        assert!(found.iter().all(|f| f.kind == BasemapKind::Postcode));
        // 9490's median is (9.523, 47.142): the house at 9.522, 47.142.
        assert_eq!(
            found[0].geometry,
            Geometry::Point(Point::new(9.522, 47.142))
        );
        // Equally many: alphabetical, so the same file gives the same town.
        let tie = gather(&[
            house(9.5, 47.1, "9485", Some("Nendeln")),
            house(9.5, 47.1, "9485", Some("Eschen")),
        ]);
        assert_eq!(tie[0].name.as_deref(), Some("Eschen"));
        // No town named: none guessed.
        let unnamed = gather(&[house(9.5, 47.1, "9498", None)]);
        assert_eq!(unnamed[0].name, None);
    }

    /// Andorra's houses write "AD500", a few "500": one code, as most
    /// write it, where all its houses are and for the town all of them
    /// name most; where most write it bare, bare.
    #[test]
    fn a_code_with_and_without_its_country_letters_is_one() {
        let house = |lon: f64, code: &str, city: &str| house(lon, 42.5, code, Some(city));
        let found = gather(&[
            house(1.51, "AD500", "Andorra la Vella"),
            house(1.52, "AD500", "Santa Coloma"),
            house(1.53, "500", "Andorra la Vella"),
            house(1.54, "500", "Andorra la Vella"),
            house(1.55, "500", "Santa Coloma"),
            house(1.56, "AD500", "Santa Coloma"),
            house(1.60, "AD700", "Escaldes"),
            house(1.61, "FL-9490", "Vaduz"),
            house(1.62, "9490", "Vaduz"),
            house(1.63, "9490", "Vaduz"),
            // Its letters are its own: not a country's.
            house(1.64, "SW1A 1AA", "London"),
            house(1.65, "1AA", "London"),
        ]);
        assert_eq!(
            summary(&found),
            [
                ("1AA", Some("London")),
                ("9490", Some("Vaduz")),
                ("AD500", Some("Andorra la Vella")),
                ("AD700", Some("Escaldes")),
                ("SW1A 1AA", Some("London")),
            ],
            "{found:?}"
        );
        // The median of all six houses of AD500 and 500.
        assert_eq!(found[2].geometry, Geometry::Point(Point::new(1.54, 42.5)));
    }
}
