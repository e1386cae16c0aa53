//! Reading a search text as a postcode: residents know their own, and
//! type it alone ("9490", "00100") or as a letter's last line writes it
//! ("FL-9490 Vaduz", "Vaduz 9490"), or only its start while typing.

use crate::address_query::without_country;

/// One way to read a search text as a postcode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostcodeReading {
    /// The code, or its start, as [`postcode_key`] writes it.
    pub code: String,
    /// The other words: the start of its town's name, or nothing.
    pub town: String,
}

/// A postcode as search compares it: folded, without spaces, so
/// "SW1A 1AA" and "sw1a1aa" are one code.
pub fn postcode_key(code: &str) -> String {
    crate::text::search_key(code)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// A code without the country letters it was written after ("AD500",
/// "FL-9490", "d-10115" → "500", "9490", "10115"): one to three letters,
/// a hyphen or none, then digits only. `None` for a code written without
/// them, or one whose letters belong to it ("SW1A 1AA").
pub fn without_country_letters(code: &str) -> Option<&str> {
    let letters = code.chars().take_while(char::is_ascii_alphabetic).count();
    let rest = code[letters..]
        .strip_prefix('-')
        .unwrap_or(&code[letters..]);
    ((1..=3).contains(&letters)
        && rest.len() >= MIN_TYPED
        && rest.chars().all(|c| c.is_ascii_digit()))
    .then_some(rest)
}

/// The fewest characters of a code that are looked for: fewer begin
/// every code ("9" all of Liechtenstein's) and many a house number.
pub const MIN_TYPED: usize = 3;

/// The most words a postcode and its town are read from.
const MAX_WORDS: usize = 5;

/// Every reading of `q` (folded by [`crate::text::search_key`]) as a
/// postcode, or its start, and a town: each word with a digit in it, with
/// and without its country's letters ("fl-9490"), the other words the
/// town; and two short words as one code ("ad 500"), with no town. A
/// text with no such word of [`MIN_TYPED`] characters, or of more than
/// five words, has none.
pub fn postcode_readings(q: &str) -> Vec<PostcodeReading> {
    let words: Vec<&str> = q
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let mut readings = Vec::new();
    if words.len() > MAX_WORDS {
        return readings;
    }
    for (i, word) in words.iter().enumerate() {
        let town = (words.iter().enumerate())
            .filter(|(j, _)| *j != i)
            .map(|(_, w)| *w)
            .collect::<Vec<_>>()
            .join(" ");
        for code in [*word, without_country(word)] {
            let code = postcode_key(code);
            let reading = PostcodeReading {
                code,
                town: town.clone(),
            };
            if could_be_code(&reading.code) && !readings.contains(&reading) {
                readings.push(reading);
            }
        }
    }
    // A code written in two short parts: "AD 500", "SW1A 1AA".
    let whole = postcode_key(q);
    if words.len() == 2 && words.iter().all(|w| w.chars().count() <= 4) && could_be_code(&whole) {
        readings.push(PostcodeReading {
            code: whole,
            town: String::new(),
        });
    }
    readings
}

/// A code or its start: [`MIN_TYPED`] letters, digits or hyphens or
/// more, a digit among them.
fn could_be_code(code: &str) -> bool {
    code.chars().count() >= MIN_TYPED
        && code.chars().any(|c| c.is_ascii_digit())
        && code.chars().all(|c| c.is_alphanumeric() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(q: &str) -> Vec<(String, String)> {
        postcode_readings(q)
            .into_iter()
            .map(|r| (r.code, r.town))
            .collect()
    }

    fn pair(code: &str, town: &str) -> (String, String) {
        (code.to_string(), town.to_string())
    }

    #[test]
    fn a_code_alone_or_with_its_town_either_side() {
        assert_eq!(read("9490"), [pair("9490", "")]);
        assert_eq!(read("949"), [pair("949", "")]);
        assert_eq!(
            read("fl-9490 vaduz"),
            [pair("fl-9490", "vaduz"), pair("9490", "vaduz")]
        );
        assert_eq!(read("vaduz 9490"), [pair("9490", "vaduz")]);
        assert_eq!(read("00100, helsinki"), [pair("00100", "helsinki")]);
        assert_eq!(
            read("ad 500"),
            [pair("500", "ad"), pair("ad500", "")],
            "a code written with a space"
        );
        assert_eq!(
            read("sw1a 1aa"),
            [
                pair("sw1a", "1aa"),
                pair("1aa", "sw1a"),
                pair("sw1a1aa", "")
            ]
        );
    }

    #[test]
    fn no_digit_too_short_or_too_long_is_no_code() {
        assert!(read("vaduz").is_empty());
        assert!(read("94").is_empty(), "begins too many codes");
        assert!(read("städtle 35").is_empty(), "a house number");
        assert!(read("a b c d e 9490").is_empty());
        assert!(read("").is_empty());
    }

    #[test]
    fn a_code_is_the_same_without_its_country_letters() {
        assert_eq!(without_country_letters("AD500"), Some("500"));
        assert_eq!(without_country_letters("FL-9490"), Some("9490"));
        assert_eq!(without_country_letters("d-10115"), Some("10115"));
        assert_eq!(without_country_letters("9490"), None, "none to take off");
        assert_eq!(without_country_letters("SW1A 1AA"), None, "its own letters");
        assert_eq!(without_country_letters("SW1A1AA"), None);
        assert_eq!(without_country_letters("ABCD123"), None, "four letters");
        assert_eq!(without_country_letters("AD50"), None, "too short alone");
        assert_eq!(without_country_letters("90010-000"), None);
    }

    #[test]
    fn codes_compare_folded_without_spaces() {
        assert_eq!(postcode_key("SW1A 1AA"), "sw1a1aa");
        assert_eq!(postcode_key("AD500"), "ad500");
        assert_eq!(postcode_key("90010-000"), "90010-000");
    }
}
