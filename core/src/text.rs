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

/// [`search_key`] with only its letters and digits: without the spaces,
/// hyphens and full stops that part or join words, which people write
/// either way ("Landes Bibliothek" for Landesbibliothek, "Musik Schule").
pub fn letters_key(s: &str) -> String {
    search_key(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Keys of another name of a place or road, besides `name:<language>`:
/// as it is called locally, otherwise (several split at `;`), in full,
/// short, or to visitors from abroad ("The National Library of Finland",
/// "University of Liechtenstein").
const OTHER_NAME_KEYS: [&str; 5] = [
    "loc_name",
    "alt_name",
    "official_name",
    "short_name",
    "int_name",
];

/// Whether an OSM key holds another name of what carries it, that search
/// finds it by: `name:<language>` with a two- or three-letter code
/// (`name:sv` in bilingual Helsinki, not `name:etymology`), or one of
/// [`OTHER_NAME_KEYS`]. Not `old_name`: a name no longer used would
/// mislead.
pub fn is_other_name_key(key: &str) -> bool {
    let language = key.strip_prefix("name:").is_some_and(|code| {
        (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())
    });
    language || OTHER_NAME_KEYS.contains(&key)
}

/// The other names in `tags` ([`is_other_name_key`]), each once, none of
/// them `name`.
pub fn other_names<'a>(
    tags: impl IntoIterator<Item = (&'a str, &'a str)>,
    name: Option<&str>,
) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for (_, value) in tags.into_iter().filter(|(k, _)| is_other_name_key(k)) {
        for other in value.split(';').map(str::trim).filter(|v| !v.is_empty()) {
            if name != Some(other) && !out.contains(&other) {
                out.push(other);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn other_names_are_in_other_languages_local_or_for_visitors_but_not_old() {
        let tags = [
            ("name", "Kansalliskirjasto"),
            ("name:sv", "Nationalbiblioteket"),
            ("name:fi", "Kansalliskirjasto"),
            ("name:etymology", "nation"),
            ("int_name", "The National Library of Finland"),
            ("alt_name", "KK; Nationalbiblioteket"),
            ("old_name", "Helsingin yliopiston kirjasto"),
            ("short_name", "KK"),
        ];
        assert_eq!(
            other_names(tags, Some("Kansalliskirjasto")),
            [
                "Nationalbiblioteket",
                "The National Library of Finland",
                "KK"
            ]
        );
        assert!(is_other_name_key("name:de") && is_other_name_key("int_name"));
        assert!(!is_other_name_key("name:etymology") && !is_other_name_key("old_name"));
    }
}
