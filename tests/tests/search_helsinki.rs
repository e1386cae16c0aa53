//! Helsinki's neighbourhoods are its districts, while its addresses name
//! the city: search must find "Fabianinkatu 37, 00130 Helsinki" as its
//! letters write it, and say which district the house is in, named as
//! people write it: the city's file has the names in capitals.

use learnscape_core::text::search_key as fold;
use learnscape_tests::http::{fetch, search};
use learnscape_tests::{app, data, osmium};
use serde_json::json;
use std::collections::{BTreeMap, HashMap, HashSet};

#[tokio::test(flavor = "multi_thread")]
async fn an_address_is_found_by_its_city_as_well_as_its_district() {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve_dataset(dir.path(), &data::dataset("helsinki")).await;
    let r = search(&a, "Fabianinkatu 37").await;
    let house = &r["results"][0];
    assert_eq!(house["kind"], "address", "{r}");
    assert_eq!(house["name"], "Fabianinkatu 37", "{r}");
    let district = house["locality"].as_str().expect("a district").to_string();
    assert_eq!(district, "Kluuvi", "{r}");
    let areas = fetch(
        &a,
        "/api/v1/neighbourhoods?category=library&minutes=15",
        &[],
    )
    .await
    .json();
    let names: Vec<&str> = areas["features"]
        .as_array()
        .expect("neighbourhoods")
        .iter()
        .filter_map(|n| n["properties"]["name"].as_str())
        .collect();
    assert!(names.len() > 50, "{names:?}");
    assert!(names.contains(&"Etu-Töölö"), "{names:?}");
    assert!(
        names.iter().all(|n| n.chars().any(char::is_lowercase)),
        "{names:?}"
    );

    for q in [
        "Fabianinkatu 37, 00130 Helsinki".to_string(),
        "Fabianinkatu 37 Helsinki".to_string(),
        format!("Fabianinkatu 37, {district}"),
        "00130 Helsinki, Fabianinkatu 37".to_string(),
    ] {
        let r = search(&a, &q).await;
        assert_eq!(r["results"][0], *house, "{q}: {r}");
    }
    // Another city's name is not this one's.
    for q in ["Fabianinkatu 37, Espoo", "Espoo, Fabianinkatu 37"] {
        let r = search(&a, q).await;
        assert!(
            r["results"]
                .as_array()
                .is_some_and(|hits| hits.iter().all(|h| h["kind"] != "address")),
            "{q}: {r}"
        );
    }
}

/// Helsinki's squares are streets by name, where people meet: Kaivopiha
/// whole, and Narinkkatori and Kauppatori though the extract's box cuts
/// through them (drawn by no tile, found all the same).
#[tokio::test(flavor = "multi_thread")]
async fn a_square_is_found_by_its_name_whole_or_cut_by_the_extract() {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve_dataset(dir.path(), &data::dataset("helsinki")).await;
    for square in ["Kaivopiha", "Narinkkatori", "Kauppatori"] {
        let r = search(&a, square).await;
        let first = &r["results"][0];
        assert_eq!(first["kind"], "street", "{square}: {r}");
        assert_eq!(first["name"], square, "{square}: {r}");
        assert_eq!(first["class"], "square", "{square}: {r}");
    }
}

/// Helsinki is bilingual: its streets and squares are found by their
/// Swedish names too (`name:sv`), where the Finnish one is.
#[tokio::test(flavor = "multi_thread")]
async fn a_street_is_found_by_its_swedish_name() {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve_dataset(dir.path(), &data::dataset("helsinki")).await;
    for (swedish, finnish) in [
        ("Skillnadsgatan", "Erottajankatu"),
        ("Norra Esplanaden", "Pohjoisesplanadi"),
        ("Brunnsgården", "Kaivopiha"),
    ] {
        let sv = search(&a, swedish).await;
        let fi = search(&a, finnish).await;
        let (first, its) = (&sv["results"][0], &fi["results"][0]);
        assert_eq!(first["kind"], "street", "{swedish}: {sv}");
        assert_eq!(first["name"], swedish, "{swedish}: {sv}");
        assert_eq!(first["class"], its["class"], "{swedish}: {sv}, {fi}");
        assert_eq!(first["locality"], its["locality"], "{swedish}: {sv}, {fi}");
        assert_eq!(first["position"], its["position"], "{swedish}: {sv}, {fi}");
        // Listed in Swedish, it says what the map calls it.
        assert_eq!(first["name_on_map"], finnish, "{swedish}: {sv}");
        assert_eq!(its["name_on_map"], json!(null), "{finnish}: {fi}");
    }
}

/// A street is one result, whichever of its names what is typed begins:
/// for each street whose Finnish and Swedish names (osmium) begin alike
/// ("Fabian" of Fabianinkatu and Fabiansgatan), the letters they share
/// list no street by its Swedish name where its Finnish one, which the
/// map shows, begins with them as well.
#[tokio::test(flavor = "multi_thread")]
async fn a_street_begun_alike_in_both_languages_is_listed_once() {
    let highways = osmium::tags_filter(&data::helsinki_pbf(), &["w/highway"]);
    let mut begun: Vec<String> = (highways.iter())
        .filter_map(|o| Some((fold(o.tag("name")?), fold(o.tag("name:sv")?))))
        .filter_map(|(fi, sv)| {
            let shared = (fi.chars().zip(sv.chars()))
                .take_while(|(a, b)| a == b)
                .count();
            // Shorter than either: a name typed whole is matched better.
            let shorter = shared < fi.chars().count().min(sv.chars().count());
            (shared >= 4 && shorter).then(|| fi.chars().take(shared).collect())
        })
        .collect();
    begun.sort_unstable();
    begun.dedup();
    assert!(begun.len() >= 20, "{begun:?}");

    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve_dataset(dir.path(), &data::dataset("helsinki")).await;
    let mut twice = Vec::new();
    for q in &begun {
        let r = search(&a, q).await;
        let streets =
            (r["results"].as_array().expect("results").iter()).filter(|h| h["kind"] == "street");
        for hit in streets {
            let on_map = hit["name_on_map"].as_str().map(fold);
            if on_map.is_some_and(|m| m.starts_with(q.as_str())) {
                twice.push(format!("{q}: {hit}"));
            }
        }
    }
    assert!(
        twice.is_empty(),
        "{} of {}: {twice:?}",
        twice.len(),
        begun.len()
    );
}

/// A house is at its street's Swedish name too, and the city and its
/// districts go by theirs: each street of the extract with a `name:sv`
/// (osmium) that a house names gives, typed as "{Swedish} {number}", the
/// house it gives typed in Finnish, named in Swedish.
#[tokio::test(flavor = "multi_thread")]
async fn a_house_and_a_town_are_found_by_their_swedish_names() {
    let file = data::helsinki_pbf();
    // By the Finnish name in small letters: a house may write it
    // otherwise ("Alvar Aallon Katu" on "Alvar Aallon katu"). Of the ways
    // whose nodes are all in the file: Iso Roobertinkatu's one way is
    // cut off by the extract's box, so neither name finds a street there.
    let highways = osmium::tags_filter_with_nodes(&file, &["w/highway"]);
    let nodes: HashSet<i64> = (highways.iter())
        .filter(|o| o.kind == 'n')
        .map(|o| o.id)
        .collect();
    let swedish: BTreeMap<String, String> = (highways.iter())
        .filter(|o| o.kind == 'w' && o.nodes.iter().all(|n| nodes.contains(n)))
        .filter_map(|o| Some((o.tag("name")?, o.tag("name:sv")?)))
        .filter(|(fi, sv)| fi != sv)
        .map(|(fi, sv)| (fi.to_lowercase(), sv.to_string()))
        .collect();
    // A house number per street, the lowest that is a plain number, of
    // the address nodes (a way may lack nodes the extract cut off).
    let mut houses: BTreeMap<&str, u32> = BTreeMap::new();
    let addresses = osmium::tags_filter(&file, &["n/addr:housenumber"]);
    for o in addresses.iter().filter(|o| o.kind == 'n') {
        let (Some(street), Some(number)) = (o.tag("addr:street"), o.tag("addr:housenumber")) else {
            continue;
        };
        if let (true, Ok(n)) = (swedish.contains_key(&street.to_lowercase()), number.parse()) {
            let lowest = houses.entry(street).or_insert(n);
            *lowest = (*lowest).min(n);
        }
    }
    assert!(houses.len() >= 40, "{houses:?}");

    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve_dataset(dir.path(), &data::dataset("helsinki")).await;
    for (fi, number) in &houses {
        let sv = &swedish[&fi.to_lowercase()];
        let r = search(&a, &format!("{fi} {number}")).await;
        let house = &r["results"][0];
        let name = house["name"].as_str().map(str::to_lowercase);
        assert_eq!(name, Some(format!("{fi} {number}").to_lowercase()), "{r}");
        assert_eq!(house["name_on_map"], json!(null), "{r}");
        let q = format!("{sv} {number}");
        let r = search(&a, &q).await;
        let first = &r["results"][0];
        assert_eq!(first["kind"], "address", "{q}: {r}");
        assert_eq!(first["name"], q, "{q}: {r}");
        assert_eq!(first["position"], house["position"], "{q}: {r}");
        assert_eq!(first["locality"], house["locality"], "{q}: {r}");
        assert_eq!(first["name_on_map"], house["name"], "{q}: {r}");
    }

    // Helsingfors is Helsinki, and Gloet Kluuvi, the district of
    // Fabianinkatu 37.
    let r = search(&a, "Helsingfors").await;
    assert_eq!(r["results"][0]["kind"], "locality", "{r}");
    assert_eq!(r["results"][0]["name"], "Helsingfors", "{r}");
    assert_eq!(r["results"][0]["name_on_map"], "Helsinki", "{r}");
    let r = search(&a, "Fabianinkatu 37").await;
    let house = &r["results"][0];
    assert_eq!(house["locality"], "Kluuvi", "{r}");
    for q in [
        "Fabiansgatan 37, 00130 Helsingfors",
        "Fabiansgatan 37, Helsingfors",
        "Fabiansgatan 37, Gloet",
        "Fabianinkatu 37, Helsingfors",
    ] {
        let r = search(&a, q).await;
        let first = &r["results"][0];
        assert_eq!(first["kind"], "address", "{q}: {r}");
        assert_eq!(first["position"], house["position"], "{q}: {r}");
    }
}

/// A learning space is found by its other names too: each of Helsinki's
/// with a `name:sv` (osmium) that is not its `name` is found typed so,
/// and listed by it ("Nationalbiblioteket" for Kansalliskirjasto), saying
/// what the map calls it; the places API's `name` finds it by it as well.
#[tokio::test(flavor = "multi_thread")]
async fn a_learning_space_is_found_by_its_swedish_name() {
    let swedish: HashMap<String, String> =
        osmium::tags_filter(&data::helsinki_pbf(), &["nwr/name:sv"])
            .iter()
            .filter_map(|o| {
                let sv = o.tag("name:sv")?;
                (o.tag("name") != Some(sv)).then(|| (format!("{}{}", o.kind, o.id), sv.into()))
            })
            .collect();
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve_dataset(dir.path(), &data::dataset("helsinki")).await;
    let places = fetch(&a, "/api/v1/places", &[]).await.json();
    let mut checked = 0;
    for place in places["features"].as_array().expect("places") {
        let reference = place["properties"]["source_ref"].as_str();
        let Some(sv) = reference.and_then(|r| swedish.get(r)) else {
            continue;
        };
        let r = search(&a, sv).await;
        let hits = r["results"].as_array().expect("results");
        let hit = hits.iter().find(|h| h["id"] == place["id"]);
        assert_eq!(hit.map(|h| &h["name"]), Some(&json!(sv)), "{sv}: {r}");
        let name = &place["properties"]["name"];
        assert_eq!(hit.map(|h| &h["name_on_map"]), Some(name), "{sv}: {r}");
        checked += 1;
    }
    assert!(checked >= 15, "{checked}");
    let named = fetch(&a, "/api/v1/places?name=nationalbibliotek", &[])
        .await
        .json();
    let names: Vec<&str> = (named["features"].as_array().expect("places").iter())
        .filter_map(|p| p["properties"]["name"].as_str())
        .collect();
    assert!(!names.is_empty(), "{named}");
    assert!(names.iter().all(|n| *n == "Kansalliskirjasto"), "{names:?}");
}
