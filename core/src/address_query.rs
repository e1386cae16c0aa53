//! Reading a search text as an address. Residents type their address the
//! way their country writes it: "Bammiliweg 12", "12 Bammiliweg", "Rua
//! Padre Chagas, 30", "Dorfstrasse 5 Triesen", "Vaduz, Städtle 35". Each
//! reading says which word is the house number, which words are the
//! street and which, after it or before a comma, the town.

/// One way to read a search text as an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressReading {
    /// The house number as [`number_key`] writes it.
    pub number: String,
    /// The words before the town: part of the street's name.
    pub street: String,
    /// The words after the street, if any: the start of the town's name.
    pub place: String,
}

/// A house number as search compares it: lower case, without spaces, so
/// "4 A" and "4a" are one number.
pub fn number_key(number: &str) -> String {
    number
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The house numbers one `addr:housenumber` value gives: "5;7" and "5,7"
/// are two houses' numbers on one building.
pub fn number_keys(value: &str) -> Vec<String> {
    value
        .split([';', ','])
        .map(number_key)
        .filter(|k| !k.is_empty())
        .collect()
}

/// A word that can be a house number: it starts with a digit ("12",
/// "12a", "12-14") and is short, unlike a postcode-sized run of digits.
fn is_number(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit()) && word.chars().count() <= 6
}

/// A word that is a postcode, which a town may follow in an address as
/// letters write it ("9492 Eschen", "00130 Helsinki", "FL-9490 Vaduz",
/// "90010-000", "00-950"): at least four digits, maybe joined by
/// hyphens, maybe after a country's letters and a hyphen. An address's
/// town is read without them (postcodes are found apart, see
/// [`crate::postcode_query`]).
fn is_postcode(word: &str) -> bool {
    let code = without_country(word);
    // "12-14" is a range of house numbers: a code split by a hyphen has
    // a part of three digits or more ("00-950", "90570-080").
    code.chars().all(|c| c.is_ascii_digit() || c == '-')
        && code.chars().filter(char::is_ascii_digit).count() >= 4
        && code.split('-').any(|part| part.len() >= 3)
}

/// A code written after its country's letters and a hyphen ("fl-9490",
/// "d-10115"): the code; any other word as it is.
pub(crate) fn without_country(word: &str) -> &str {
    match word.split_once('-') {
        Some((country, rest))
            if (1..=3).contains(&country.len()) && country.chars().all(char::is_alphabetic) =>
        {
            rest
        }
        _ => word,
    }
}

/// The most words an address is read from: a street of several words, a
/// number and a town. Readings grow with the square of the words, so a
/// long text is not read as an address at all.
pub const MAX_ADDRESS_WORDS: usize = 8;

/// Every reading of `q` (a text folded by [`crate::text::search_key`]) as
/// a house number and a street, with a town after the street, before it
/// and a comma, or not at all. A
/// text with no number, nothing but one, or more than
/// [`MAX_ADDRESS_WORDS`] words has none.
pub fn address_readings(q: &str) -> Vec<AddressReading> {
    let mut readings = street_first(q);
    readings.extend(town_first(q));
    readings
}

/// Words of `q`, commas read as spaces.
fn words(q: &str) -> Vec<&str> {
    q.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect()
}

/// "Vaduz, Städtle 35", "9492 Eschen, Fronagass 16", "Москва, ул.
/// Тверская, 7": where a country writes the town first, it ends at a
/// comma. The rest is read as a street and a number with nothing after
/// them.
fn town_first(q: &str) -> Vec<AddressReading> {
    let Some((place, rest)) = leading_town(q) else {
        return Vec::new();
    };
    let mut readings = street_first(rest);
    readings.retain(|r| r.place.is_empty());
    for r in &mut readings {
        r.place.clone_from(&place);
    }
    readings
}

/// The town written first and the rest of `q`: the words before the
/// first comma, postcodes left out; none when they hold a house number
/// or nothing else.
fn leading_town(q: &str) -> Option<(String, &str)> {
    let (town, rest) = q.split_once(',')?;
    let town: Vec<&str> = words(town)
        .into_iter()
        .filter(|w| !is_postcode(w))
        .collect();
    if town.is_empty() || town.iter().any(|w| is_number(w)) || words(q).len() > MAX_ADDRESS_WORDS {
        return None;
    }
    Some((town.join(" "), rest))
}

/// A town typed with a street but no house number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreetReading {
    /// The words naming the street.
    pub street: String,
    /// The words naming its town, never empty: a street alone is matched
    /// as the whole text.
    pub place: String,
}

/// Every reading of `q` (folded) as a street and its town, the town after
/// it ("dorfstrasse triesen", "dorfstrasse, 9495 triesen") or before it
/// and a comma ("triesen, dorfstrasse"). A text with a house number (an
/// address) or more than [`MAX_ADDRESS_WORDS`] words has none.
pub fn street_readings(q: &str) -> Vec<StreetReading> {
    let words = words(q);
    if words.len() > MAX_ADDRESS_WORDS || words.iter().any(|w| is_number(w) && !is_postcode(w)) {
        return Vec::new();
    }
    let mut readings: Vec<StreetReading> = (1..words.len())
        .map(|split| StreetReading {
            street: words[..split].join(" "),
            place: without_postcodes(&words[split..]),
        })
        .filter(|r| !r.place.is_empty())
        .collect();
    if let Some((place, rest)) = leading_town(q) {
        let street = without_postcodes(&self::words(rest));
        if !street.is_empty() {
            readings.push(StreetReading { street, place });
        }
    }
    readings
}

/// `q` (folded) without its postcodes, when it has one and other words:
/// "9490 vaduz" and "fl-9494 schaan" name a town as a letter's last line
/// does. `None` for a text with no postcode, or nothing but postcodes.
pub fn without_postcode(q: &str) -> Option<String> {
    let words = words(q);
    if !words.iter().any(|w| is_postcode(w)) {
        return None;
    }
    Some(without_postcodes(&words)).filter(|rest| !rest.is_empty())
}

/// `words` joined, postcodes left out.
fn without_postcodes(words: &[&str]) -> String {
    words
        .iter()
        .filter(|w| !is_postcode(w))
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Readings with the street first (after or before its number) and the
/// town, if any, after it.
fn street_first(q: &str) -> Vec<AddressReading> {
    let words = words(q);
    let mut readings = Vec::new();
    if words.len() > MAX_ADDRESS_WORDS {
        return readings;
    }
    for (i, number) in words.iter().enumerate() {
        if !is_number(number) {
            continue;
        }
        let rest: Vec<&str> = words
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, w)| *w)
            .collect();
        for split in 1..=rest.len() {
            readings.push(AddressReading {
                number: number_key(number),
                street: rest[..split].join(" "),
                place: without_postcodes(&rest[split..]),
            });
        }
    }
    readings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(number: &str, street: &str, place: &str) -> AddressReading {
        AddressReading {
            number: number.into(),
            street: street.into(),
            place: place.into(),
        }
    }

    #[test]
    fn the_number_may_come_before_or_after_the_street() {
        assert_eq!(
            address_readings("bammiliweg 12"),
            [reading("12", "bammiliweg", "")]
        );
        assert_eq!(
            address_readings("12 bammiliweg"),
            [reading("12", "bammiliweg", "")]
        );
        assert_eq!(
            address_readings("rua padre chagas, 30"),
            [
                reading("30", "rua", "padre chagas"),
                reading("30", "rua padre", "chagas"),
                reading("30", "rua padre chagas", ""),
            ]
        );
    }

    #[test]
    fn a_town_may_follow_the_street() {
        let readings = address_readings("dorfstrasse 5a, triesen");
        assert!(readings.contains(&reading("5a", "dorfstrasse", "triesen")));
        assert!(readings.contains(&reading("5a", "dorfstrasse triesen", "")));
    }

    #[test]
    fn no_number_or_nothing_but_one_is_no_address() {
        assert!(address_readings("bammiliweg").is_empty());
        assert!(address_readings("12").is_empty());
        assert!(address_readings("").is_empty());
        // A postcode-long run of digits is not taken for a house number.
        assert!(address_readings("vaduz 9490123").is_empty());
        // Nor is a text longer than any address read as one.
        assert!(address_readings(&"1 ".repeat(MAX_ADDRESS_WORDS + 1)).is_empty());
        assert_eq!(
            address_readings("rua general vitorino 21 centro historico porto alegre").len(),
            7,
            "eight words: each split of the seven around the number"
        );
    }

    #[test]
    fn a_postcode_before_the_town_is_passed_over() {
        // As the place card writes an address, and letters do.
        for (q, town) in [
            ("fronagass 16, 9492 eschen", "eschen"),
            ("fabianinkatu 37, 00130 helsinki", "helsinki"),
            ("stadtle 35, fl-9490 vaduz", "vaduz"),
            (
                "rua padre chagas, 30, 90570-080 porto alegre",
                "porto alegre",
            ),
            ("stadtle 35, 9490", ""),
        ] {
            let (street, number) = if q.starts_with("rua") {
                ("rua padre chagas", "30")
            } else {
                (q.split(' ').next().unwrap_or_default(), "")
            };
            assert!(
                address_readings(q).iter().any(|r| r.street == street
                    && r.place == town
                    && (number.is_empty() || r.number == number)),
                "{q}: {:?}",
                address_readings(q)
            );
        }
        // Nor is a range of house numbers where the town goes.
        assert!(!is_postcode("12-14"));
        assert!(is_postcode("00-950"));
        assert!(is_postcode("fl-9490"));
        // A short number after the street is no postcode.
        assert!(address_readings("dorfstrasse 5 12").contains(&reading("5", "dorfstrasse", "12")));
    }

    #[test]
    fn a_letters_last_line_names_its_town() {
        for (q, town) in [
            ("9490 vaduz", Some("vaduz")),
            ("fl-9494 schaan", Some("schaan")),
            ("00130 helsinki", Some("helsinki")),
            ("ruggell 9491", Some("ruggell")),
            ("9490", None),
            ("vaduz", None),
            // A house number, not a postcode.
            ("stadtle 35", None),
        ] {
            assert_eq!(without_postcode(q).as_deref(), town, "{q}");
        }
    }

    #[test]
    fn a_town_may_come_first_before_a_comma() {
        for (q, street, number, town) in [
            ("vaduz, stadtle 35", "stadtle", "35", "vaduz"),
            ("9492 eschen, fronagass 16", "fronagass", "16", "eschen"),
            ("fl-9490 vaduz, 35 stadtle", "stadtle", "35", "vaduz"),
            ("москва, ул. тверская, 7", "ул. тверская", "7", "москва"),
            (
                "porto alegre, rua padre chagas, 30",
                "rua padre chagas",
                "30",
                "porto alegre",
            ),
        ] {
            assert!(
                address_readings(q).contains(&reading(number, street, town)),
                "{q}: {:?}",
                address_readings(q)
            );
        }
        // Only the first part, only before a comma, and never a number:
        // the street and its number first read as before.
        let readings = address_readings("dorfstrasse 5, triesen");
        assert!(readings.iter().all(|r| r.street.starts_with("dorfstrasse")));
        assert!(
            address_readings("vaduz stadtle 35")
                .iter()
                .all(|r| r.place != "vaduz")
        );
        assert!(
            address_readings("rua padre chagas, 30")
                .iter()
                .all(|r| r.street.starts_with("rua"))
        );
        assert!(
            address_readings("vaduz, 9490")
                .iter()
                .all(|r| r.place.is_empty())
        );
    }

    #[test]
    fn a_street_may_be_typed_with_its_town_and_no_number() {
        let street = |street: &str, place: &str| StreetReading {
            street: street.into(),
            place: place.into(),
        };
        for (q, expected) in [
            ("dorfstrasse triesen", street("dorfstrasse", "triesen")),
            (
                "dorfstrasse, 9495 triesen",
                street("dorfstrasse", "triesen"),
            ),
            (
                "obere dorfstrasse, triesen",
                street("obere dorfstrasse", "triesen"),
            ),
            ("triesen, dorfstrasse", street("dorfstrasse", "triesen")),
            (
                "9495 triesen, obere dorfstrasse",
                street("obere dorfstrasse", "triesen"),
            ),
        ] {
            assert!(
                street_readings(q).contains(&expected),
                "{q}: {:?}",
                street_readings(q)
            );
        }
        // One word, a house number, or only a postcode after the street:
        // no town to read.
        assert!(street_readings("dorfstrasse").is_empty());
        assert!(street_readings("dorfstrasse 5 triesen").is_empty());
        assert!(street_readings("dorfstrasse 9495").is_empty());
    }

    #[test]
    fn numbers_compare_without_case_or_spaces() {
        assert_eq!(number_key("4 A"), "4a");
        assert_eq!(number_keys("5;7"), ["5", "7"]);
        assert_eq!(number_keys("12, 12a"), ["12", "12a"]);
        assert!(number_keys(" ; ").is_empty());
    }
}
