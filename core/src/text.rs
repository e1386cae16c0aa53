//! Names as search compares them. A resident types "aulestrasse" on a
//! phone for Äulestrasse, "protasio" for Avenida Protásio Alves, and
//! "strasse" for a sign that reads "Straße".

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// `s` in lower case, its accents dropped (by canonical decomposition) and
/// ß written as ss: two texts that differ only in those match.
pub fn search_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::search_key;

    #[test]
    fn case_accents_and_sharp_s_do_not_matter() {
        assert_eq!(search_key("Äulestrasse"), "aulestrasse");
        assert_eq!(
            search_key("Avenida Protásio Alves"),
            "avenida protasio alves"
        );
        assert_eq!(search_key("Speyerer Straße"), "speyerer strasse");
        assert_eq!(search_key("KAIVOPUISTO"), "kaivopuisto");
        assert_eq!(search_key("Töölö"), search_key("TOOLO"));
        // Letters that are not a base letter with an accent stay.
        assert_eq!(search_key("Ærø"), "ærø");
    }
}
