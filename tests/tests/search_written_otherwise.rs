//! People write a name otherwise than the sign does. A compound apart
//! that the sign writes joined, or the other way round: "Gemeinde
//! Bibliothek Eschen" for Gemeindebibliothek Eschen, "Musik Schule"; and
//! an abbreviation spelt out: "Kindergarten Sankt Wolfgang" for
//! Kindergarten St.Wolfgang. Search finds a learning space by the letters
//! of its name either way, as it finds streets ("Vorarlberger Strasse",
//! "Doktor Josef Hoop").

use learnscape_tests::http::{encoded, fetch, search};
use learnscape_tests::{app, data, osmium};
use std::collections::BTreeSet;

/// Each named learning space of Liechtenstein's dataset that `written`
/// writes otherwise, searched for so: the texts tried, and those that did
/// not find it listed by its name (with the answer).
async fn each_place_written_otherwise(
    a: &str,
    written: impl Fn(&str) -> Option<String>,
) -> (Vec<String>, Vec<String>) {
    let places = fetch(a, "/api/v1/places", &[]).await.json();
    let (mut tried, mut lost) = (Vec::new(), Vec::new());
    for place in places["features"].as_array().expect("places") {
        let Some(typed) = place["properties"]["name"].as_str().and_then(&written) else {
            continue;
        };
        let path = format!("/api/v1/search?limit=50&q={}", encoded(&typed));
        let r = fetch(a, &path, &[]).await.json();
        let hits = r["results"].as_array().expect("results");
        let hit = hits.iter().find(|h| h["id"] == place["id"]);
        if hit.map(|h| &h["name"]) != Some(&place["properties"]["name"]) {
            lost.push(format!("{typed}: {r}"));
        }
        tried.push(typed);
    }
    (tried, lost)
}

/// Words that end the compounds in the names of Liechtenstein's learning
/// spaces ("Primarschule", "Kindergarten", "Jugendhaus").
const ENDINGS: [&str; 8] = [
    "bibliothek",
    "schule",
    "garten",
    "zentrum",
    "platz",
    "haus",
    "halle",
    "park",
];

/// Each named learning space of the extract whose name holds such a
/// compound, typed with it parted ("Primar Schule Ebenholz"), is found by
/// it, and listed by its name.
#[tokio::test(flavor = "multi_thread")]
async fn a_learning_space_is_found_with_its_compound_written_apart() {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve_dataset(dir.path(), &data::dataset("liechtenstein")).await;
    let (tried, lost) = each_place_written_otherwise(&a, |name| {
        name.split(' ').find_map(|word| {
            let lower = word.to_lowercase();
            let ending = ENDINGS.iter().find(|e| {
                lower.ends_with(*e)
                    && lower.len() >= e.len() + 3
                    && word.is_char_boundary(word.len() - e.len())
            })?;
            let (start, end) = word.split_at(word.len() - ending.len());
            let end = end[..1].to_uppercase() + &end[1..];
            Some(name.replacen(word, &format!("{start} {end}"), 1))
        })
    })
    .await;
    assert!(tried.len() >= 25, "{tried:?}");
    assert!(
        lost.is_empty(),
        "{} of {}: {lost:?}",
        lost.len(),
        tried.len()
    );

    // The whole name parted comes first.
    for typed in ["Landes Bibliothek", "Liechtensteinische Musik Schule"] {
        let r = search(&a, typed).await;
        let letters = |s: &str| s.replace(' ', "").to_lowercase();
        let first = r["results"][0]["name"].as_str().map(letters);
        assert_eq!(first, Some(letters(typed)), "{typed}: {r}");
    }
}

/// What a German name's abbreviations stand for, as people say them.
const SPELT_OUT: [(&str, &str); 2] = [("St.", "Sankt "), ("Dr.", "Doktor ")];

/// Each named learning space of the extract whose name abbreviates "Sankt"
/// or "Doktor", typed with it spelt out, is found by it and listed by its
/// name.
#[tokio::test(flavor = "multi_thread")]
async fn a_learning_space_is_found_with_its_abbreviation_spelt_out() {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve_dataset(dir.path(), &data::dataset("liechtenstein")).await;
    let (tried, lost) = each_place_written_otherwise(&a, |name| {
        let (short, long) = SPELT_OUT.iter().find(|(short, _)| name.contains(short))?;
        // "St.Wolfgang" and "St. Wolfgang" alike become "Sankt Wolfgang".
        Some(
            name.replace(&format!("{short} "), long)
                .replace(short, long),
        )
    })
    .await;
    assert!(!tried.is_empty(), "no name abbreviates");
    assert!(
        lost.is_empty(),
        "{} of {}: {lost:?}",
        lost.len(),
        tried.len()
    );

    // Its name begun so comes first.
    let r = search(&a, "Kindergarten Sankt Wolf").await;
    let first = &r["results"][0];
    assert_eq!(
        (&first["kind"], &first["name"]),
        (
            &serde_json::json!("learning_space"),
            &serde_json::json!("Kindergarten St.Wolfgang A & B")
        ),
        "{r}"
    );
}

/// Each street of the extract whose name begins "Sankt" or "Doktor" (15,
/// by osmium, 4 with a hyphen: "Doktor Grass-Strasse"), typed as a phone
/// is typed, with the sign's abbreviation and without its stop ("St
/// Florinsgasse"), is found by it and listed by its name, or by another
/// of its names written so; with the stop too.
#[tokio::test(flavor = "multi_thread")]
async fn a_street_is_found_by_its_abbreviation_typed_with_or_without_its_stop() {
    let streets: BTreeSet<String> = osmium::tags_filter(&data::liechtenstein_pbf(), &["w/highway"])
        .iter()
        .filter_map(|o| o.tag("name"))
        .filter(|n| n.starts_with("Sankt ") || n.starts_with("Doktor "))
        .map(str::to_string)
        .collect();
    assert!(streets.len() >= 12, "{streets:?}");
    assert!(streets.iter().any(|s| s.contains('-')), "{streets:?}");
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve_dataset(dir.path(), &data::dataset("liechtenstein")).await;
    let mut lost = Vec::new();
    for name in &streets {
        for short in ["St", "St.", "Dr", "Dr."] {
            let long = if short.starts_with("St") {
                "Sankt "
            } else {
                "Doktor "
            };
            let Some(rest) = name.strip_prefix(long) else {
                continue;
            };
            let typed = format!("{short} {rest}");
            let r = search(&a, &typed).await;
            // Or by another of its names written so, which says the
            // map's: "St. Georg-Strasse" for Sankt Georg-Strasse.
            let found = (r["results"].as_array().expect("results").iter()).any(|h| {
                h["kind"] == "street"
                    && (h["name"] == name.as_str() || h["name_on_map"] == name.as_str())
            });
            if !found {
                lost.push(format!("{typed}: {r}"));
            }
        }
    }
    assert!(lost.is_empty(), "{} lost: {lost:?}", lost.len());
}
