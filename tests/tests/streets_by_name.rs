//! On the real Liechtenstein extract, the streets search offers are the
//! named roads joined where they touch: nothing lost or counted twice,
//! each street's position on the street, and one name used in several
//! villages kept as several streets; on Andorra's, an avenue with a
//! pedestrian stretch still a street. Search finds every street by its
//! name, misspelt too, with its words joined or apart, and with what the
//! map abbreviates spelt out.

use geo::{Distance, Haversine};
use geo_types::Point;
use learnscape_core::LonLat;
use learnscape_core::streets::{JOIN_M, named_streets};
use learnscape_core::text::search_key as fold;
use learnscape_tests::app::{self, Backend};
use learnscape_tests::data;
use learnscape_tests::http::search;
use std::collections::BTreeMap;

/// Search over every street of Liechtenstein: each name typed whole comes
/// first, and typed with a letter dropped from the middle of its longest
/// word (of six letters or more) is still found, put right.
#[tokio::test(flavor = "multi_thread")]
async fn every_street_is_found_by_its_name_and_when_misspelt() {
    let dir = tempfile::tempdir().expect("dir");
    let state = app::liechtenstein_state(Backend::Embedded, dir.path()).await;
    let basemap = state.store.basemap_features(None).await.expect("basemap");
    let mut names: Vec<String> = named_streets(&basemap)
        .into_iter()
        .map(|s| s.name)
        .collect();
    names.sort_unstable();
    names.dedup();
    let a = app::serve(state).await;
    let is =
        |hit: &serde_json::Value, name: &str| hit["name"].as_str().map(fold) == Some(fold(name));
    let (mut not_first, mut lost, mut tried) = (Vec::new(), Vec::new(), 0);
    // The same letters: "Vorarlberger Strasse" typed is Vorarlberger-Strasse,
    // and where both are streets, either is right.
    let letters = |s: &str| -> String { fold(s).chars().filter(|c| c.is_alphanumeric()).collect() };
    let (mut joined, mut apart) = (0, Vec::new());
    // A name the map abbreviates, typed spelt out ("Doktor Josef
    // Hoop-Strasse" for "Dr. Josef Hoop-Str."): it, or another spelt out
    // alike, comes first.
    let spell_out = |s: &str| {
        (s.replace("Dr. ", "Doktor ").replace("St. ", "Sankt "))
            .replace("Str.", "Strasse")
            .replace("str.", "strasse")
    };
    let (mut spelt, mut unspelt) = (0, Vec::new());
    for name in &names {
        if !is(&search(&a, name).await["results"][0], name) {
            not_first.push(name.clone());
        }
        if name.contains('.') {
            let typed = spell_out(name);
            spelt += 1;
            let first = &search(&a, &typed).await["results"][0];
            if first["name"].as_str().map(|n| letters(&spell_out(n))) != Some(letters(&typed)) {
                unspelt.push(format!("{typed}: {first}"));
            }
        }
        // Written joined, and with hyphens as spaces. Not an abbreviated
        // name: "Dr. Josef Hoop Str." is as much Dr. Josef Hoop-Strasse.
        let other_ways = [name.replace(['-', ' '], ""), name.replace('-', " ")];
        let spelt_out = !name.contains('.');
        for typed in other_ways.iter().filter(|t| *t != name && spelt_out) {
            joined += 1;
            let first = &search(&a, typed).await["results"][0];
            if first["name"].as_str().map(letters) != Some(letters(name)) {
                apart.push(format!("{typed}: {first}"));
            }
        }
        let longest = name.split_whitespace().max_by_key(|w| w.chars().count());
        let Some(word) = longest.filter(|w| w.chars().count() >= 6) else {
            continue;
        };
        // A letter, not a hyphen: "Hoop-Strasse" misspelt is no
        // "HoopStrasse".
        let letters: Vec<char> = word.chars().collect();
        let Some(middle) = (letters.len() / 2..letters.len()).find(|&i| letters[i].is_alphabetic())
        else {
            continue;
        };
        let misspelt: String = (letters[..middle].iter())
            .chain(&letters[middle + 1..])
            .collect();
        let typed = name.replacen(word, &misspelt, 1);
        tried += 1;
        let answer = search(&a, &typed).await;
        if !(answer["results"].as_array().into_iter().flatten()).any(|h| is(h, name)) {
            lost.push(format!("{typed}: {}", answer["corrected"]));
        }
    }
    assert!(names.len() > 900, "{} names", names.len());
    assert!(not_first.is_empty(), "not first: {not_first:?}");
    assert!(joined > 200, "{joined} written otherwise");
    assert!(apart.is_empty(), "{} of {joined}: {apart:?}", apart.len());
    assert!(spelt >= 5, "{spelt} abbreviated");
    assert!(
        unspelt.is_empty(),
        "{} of {spelt}: {unspelt:?}",
        unspelt.len()
    );
    assert!(tried > 800, "{tried} misspelt");
    // Some are as near another name used more ("Banweg": Bahnweg as much
    // as Bandweg), or still the start or part of another ("Erleweg" of
    // Kümmerleweg), as typing goes on: 24 of 945 when this was written;
    // at most one in 25.
    assert!(
        lost.len() * 25 <= tried,
        "{} of {tried}: {lost:?}",
        lost.len()
    );
}

#[test]
fn liechtensteins_named_roads_become_streets() {
    let (data, _) = data::import_extract(&data::liechtenstein_pbf());
    // Per name: every piece's points.
    let mut roads: BTreeMap<&str, Vec<Vec<LonLat>>> = BTreeMap::new();
    for (name, l) in data::named_road_lines(&data.basemap) {
        let name = name.trim();
        if !name.is_empty() {
            let points = l.coords().map(|c| LonLat::new(c.x, c.y)).collect();
            roads.entry(name).or_default().push(points);
        }
    }
    let streets = named_streets(&data.basemap);
    assert!(roads.len() > 500, "{} street names", roads.len());
    let mut by_name: BTreeMap<&str, Vec<_>> = BTreeMap::new();
    for s in &streets {
        by_name.entry(s.name.as_str()).or_default().push(s);
    }
    assert_eq!(
        by_name.keys().collect::<Vec<_>>(),
        roads.keys().collect::<Vec<_>>(),
        "every name, no other"
    );
    for (name, pieces) in &roads {
        let length: f64 = pieces.iter().map(|p| line_m(p)).sum();
        let found = &by_name[name];
        let total: f64 = found.iter().map(|s| s.length_m).sum();
        assert!(
            (total - length).abs() < 0.01,
            "{name}: {total} m of {length} m"
        );
        for s in found {
            assert!(
                pieces.iter().flatten().any(|&p| p == s.position),
                "{name} at {:?} is off the street",
                s.position
            );
        }
        // The same streets as joining by brute force: pieces joined where
        // an end of one lies within JOIN_M of any point of the other, in
        // great-circle metres (geo's), components by depth-first search.
        let mut expected: Vec<f64> = components(pieces)
            .iter()
            .map(|c| c.iter().map(|&i| line_m(&pieces[i])).sum())
            .collect();
        let mut got: Vec<f64> = found.iter().map(|s| s.length_m).collect();
        expected.sort_by(f64::total_cmp);
        got.sort_by(f64::total_cmp);
        assert_eq!(
            got.len(),
            expected.len(),
            "{name}: {got:?} against {expected:?}"
        );
        for (g, e) in got.iter().zip(&expected) {
            assert!((g - e).abs() < 0.01, "{name}: {got:?} against {expected:?}");
        }
    }
    let several: Vec<_> = by_name.iter().filter(|(_, s)| s.len() > 1).collect();
    assert!(
        several.len() >= 10,
        "names used by several streets: {}",
        several.len()
    );
    // And most names are one street: joining works on the real data.
    let one = by_name.values().filter(|s| s.len() == 1).count();
    assert!(
        one * 10 >= by_name.len() * 8,
        "{one} of {} names are one street",
        by_name.len()
    );
    eprintln!(
        "{} names, {} streets; {} names used by several",
        by_name.len(),
        streets.len(),
        several.len()
    );
}

/// Andorra's Avinguda Carlemany is drawn as secondary and tertiary
/// carriageways, a pedestrian stretch (its longest way) and a footway, and
/// Avinguda Meritxell likewise; Passatge Biscariet and Rambla Molines are
/// pedestrian ways only (osmium: `w/name=…`). Search calls the avenues
/// streets for cars, as residents do, and the others pedestrian streets,
/// never paths.
#[test]
fn an_avenue_with_a_pedestrian_stretch_is_a_street_and_a_passage_pedestrian() {
    let (data, _) = data::import_extract(&data::andorra_pbf());
    let streets = named_streets(&data.basemap);
    let class_of_longest = |name: &str| {
        let found: Vec<_> = streets.iter().filter(|s| s.name == name).collect();
        let longest = (found.iter()).max_by(|a, b| a.length_m.total_cmp(&b.length_m));
        longest.map(|s| s.class.clone()).unwrap_or_default()
    };
    for avenue in ["Avinguda Carlemany", "Avinguda Meritxell"] {
        let class = class_of_longest(avenue);
        assert!(
            ["primary", "secondary", "tertiary"].contains(&class.as_str()),
            "{avenue}: {class}"
        );
    }
    for passage in ["Passatge Biscariet", "Rambla Molines"] {
        assert_eq!(class_of_longest(passage), "pedestrian", "{passage}");
    }
}

fn point(p: LonLat) -> Point<f64> {
    Point::new(p.lon, p.lat)
}

fn line_m(points: &[LonLat]) -> f64 {
    points
        .windows(2)
        .map(|w| Haversine.distance(point(w[0]), point(w[1])))
        .sum()
}

fn components(pieces: &[Vec<LonLat>]) -> Vec<Vec<usize>> {
    let ends_near = |a: &[LonLat], b: &[LonLat]| {
        [a[0], a[a.len() - 1]].iter().any(|&e| {
            b.iter()
                .any(|&p| Haversine.distance(point(e), point(p)) <= JOIN_M)
        })
    };
    let joined =
        |i: usize, j: usize| ends_near(&pieces[i], &pieces[j]) || ends_near(&pieces[j], &pieces[i]);
    let mut seen = vec![false; pieces.len()];
    let mut out = Vec::new();
    for start in 0..pieces.len() {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let (mut stack, mut component) = (vec![start], Vec::new());
        while let Some(i) = stack.pop() {
            component.push(i);
            let next: Vec<usize> = (0..pieces.len())
                .filter(|&j| !seen[j] && joined(i, j))
                .collect();
            for j in next {
                seen[j] = true;
                stack.push(j);
            }
        }
        out.push(component);
    }
    out
}
