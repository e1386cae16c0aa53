//! The API's real answers on Liechtenstein validate against the response
//! schemas of its own OpenAPI document — the schemas the web client's
//! types are generated from, so a drift breaks here before it breaks the map.

use geo::{Distance, Intersects};
use geo_types::{Geometry, LineString, MultiPolygon, Point, Polygon, Rect};
use learnscape_tests::app::Backend;
use learnscape_tests::http::{fetch, search};
use learnscape_tests::{app, data, osmium};
use serde_json::{Value, json};
use std::collections::HashMap;

fn validator(doc: &Value, schema: &str) -> jsonschema::Validator {
    // References are "#/components/schemas/…": resolve them in a root that
    // carries the document's components.
    let root = json!({
        "$ref": format!("#/components/schemas/{schema}"),
        "components": doc["components"],
    });
    jsonschema::validator_for(&root).expect("a valid schema")
}

async fn every_answer_matches_its_documented_schema(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve(app::liechtenstein_state(backend, dir.path()).await).await;
    let doc: Value = serde_json::from_str(learnscape_server::routes::OPENAPI).expect("json");

    let cases = [
        (
            "NearestAnswer",
            "/api/v1/access/nearest?lon=9.5209&lat=47.141&category=library&limit=3",
        ),
        // With opening hours at a time, and only the open ones.
        (
            "NearestAnswer",
            "/api/v1/access/nearest?lon=9.5209&lat=47.141&category=library&limit=10&at=2026-12-05T12:00",
        ),
        (
            "NearestAnswer",
            "/api/v1/access/nearest?lon=9.5209&lat=47.141&category=library&at=2026-12-03T10:00&open=true",
        ),
        // Open now, on the places' clock.
        (
            "NearestAnswer",
            "/api/v1/access/nearest?lon=9.5209&lat=47.141&category=library&limit=10&at=now",
        ),
        (
            "NearestAnswer",
            "/api/v1/access/nearest?lon=9.5209&lat=47.141&category=library&open=true",
        ),
        (
            "Problem",
            "/api/v1/access/nearest?lon=9.5209&lat=47.141&category=library&at=soon",
        ),
        // How opening hours read, at a place and with none.
        (
            "HoursReading",
            "/api/v1/opening-hours?value=Mo-Fr%2009:00-18:00%3B%20Fr%2022:00-02:00%3B%20PH%20off&lon=9.5209&lat=47.141",
        ),
        (
            "HoursReading",
            "/api/v1/opening-hours?value=Mo%2010:00-12:00%20unknown",
        ),
        ("Problem", "/api/v1/opening-hours?value=Mo-Fr%209%20to%205"),
        // More than 250 m from any street: the documented unreachable answer.
        (
            "NearestAnswer",
            "/api/v1/access/nearest?lon=9.605&lat=47.065&category=library",
        ),
        // The walk to one place (the Landesbibliothek), from a street and
        // from beyond every street; an unknown place.
        (
            "WalkAnswer",
            "/api/v1/access/route?lon=9.5209&lat=47.141&to=osm-liechtenstein:n315636966",
        ),
        (
            "WalkAnswer",
            "/api/v1/access/route?lon=9.605&lat=47.065&to=osm-liechtenstein:n315636966",
        ),
        (
            "Problem",
            "/api/v1/access/route?lon=9.5209&lat=47.141&to=osm-liechtenstein:n1",
        ),
        (
            "Isochrones",
            "/api/v1/access/isochrone?lon=9.5209&lat=47.141&minutes=5,10",
        ),
        (
            "Isochrones",
            "/api/v1/access/isochrone?lon=9.605&lat=47.065&minutes=5",
        ),
        // Walks that avoid steps.
        (
            "NearestAnswer",
            "/api/v1/access/nearest?lon=9.5209&lat=47.141&category=library&limit=3&step_free=true",
        ),
        (
            "WalkAnswer",
            "/api/v1/access/route?lon=9.5209&lat=47.141&to=osm-liechtenstein:n315636966&step_free=true",
        ),
        (
            "Isochrones",
            "/api/v1/access/isochrone?lon=9.5209&lat=47.141&minutes=5,10&step_free=true",
        ),
        (
            "Problem",
            "/api/v1/access/isochrone?lon=9.5209&lat=47.141&step_free=yes",
        ),
        (
            "CandidateAnswer",
            "/api/v1/access/candidate?lon=9.4995&lat=47.0665&category=all&minutes=10",
        ),
        (
            "CandidateAnswer",
            "/api/v1/access/candidate?lon=9.605&lat=47.065&category=library",
        ),
        (
            "BestSite",
            "/api/v1/access/best-site?category=library&minutes=10",
        ),
        (
            "CandidateAnswer",
            "/api/v1/access/candidate?lon=9.4995&lat=47.0665&category=library&minutes=10&planned=9.5209,47.141;9.52,47.17",
        ),
        (
            "BestSite",
            "/api/v1/access/best-site?category=library&minutes=10&planned=9.5209,47.141",
        ),
        // A planned site off the network serves nobody; not a site is a 400.
        (
            "BestSite",
            "/api/v1/access/best-site?category=library&minutes=10&planned=9.0,47.0",
        ),
        (
            "Problem",
            "/api/v1/access/candidate?lon=9.4995&lat=47.0665&category=library&planned=9.5",
        ),
        // Searched for the map's thresholds only.
        (
            "Problem",
            "/api/v1/access/best-site?category=library&minutes=12",
        ),
        // Closing the Landesbibliothek, at a slower pace; an unknown place.
        (
            "Closure",
            "/api/v1/access/closure?place=osm-liechtenstein:n315636966&minutes=10&walking_speed_kmh=4",
        ),
        // With a new library planned on a street and one off every street.
        (
            "Closure",
            "/api/v1/access/closure?place=osm-liechtenstein:n315636966&planned=9.5209,47.141;9.0,47.0",
        ),
        (
            "Problem",
            "/api/v1/access/closure?place=osm-liechtenstein:n1",
        ),
        // Every library, most relied on first; one kind only.
        (
            "Reliance",
            "/api/v1/access/reliance?category=library&minutes=10&walking_speed_kmh=4",
        ),
        ("Problem", "/api/v1/access/reliance?category=all"),
        // Where those within its walk live, as points for the map.
        (
            "ClosureHomes",
            "/api/v1/access/closure?place=osm-liechtenstein:n315636966&format=geojson&walking_speed_kmh=4",
        ),
        (
            "Problem",
            "/api/v1/access/closure?place=osm-liechtenstein:n315636966&format=kml",
        ),
        ("Gaps", "/api/v1/gaps?category=park&minutes=10"),
        (
            "Neighbourhoods",
            "/api/v1/neighbourhoods?category=school&minutes=15",
        ),
        ("Places", "/api/v1/places?category=library,community_centre"),
        ("Problem", "/api/v1/gaps?category=casino"),
        ("SearchResults", "/api/v1/search?q=Schaan"),
        // A street, and unnamed parks found by it.
        ("SearchResults", "/api/v1/search?q=bammiliweg"),
        ("SearchResults", "/api/v1/search?q=9490"),
        // Misspelt: the answer says what it searched for instead.
        ("SearchResults", "/api/v1/search?q=Landstrase"),
        (
            "Whereabouts",
            "/api/v1/search/reverse?lon=9.5215&lat=47.1405",
        ),
        ("SearchResults", "/api/v1/search?q=dr%C3%B6schistrasse%201"),
        ("Problem", "/api/v1/search?q=S"),
    ];
    for (schema, path) in cases {
        let r = fetch(&a, path, &[]).await;
        let body: Value = serde_json::from_slice(&r.body).expect("json");
        let errors: Vec<String> = validator(&doc, schema)
            .iter_errors(&body)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{path} against {schema}: {errors:?}");
    }

    // A text longer than any name or address (here 101 house numbers,
    // each a reading of every other word) is refused, not searched.
    let long = format!("/api/v1/search?q={}", "1%20".repeat(100) + "1");
    let r = fetch(&a, &long, &[]).await;
    assert_eq!(r.status, 400);
    let problem: Value = serde_json::from_slice(&r.body).expect("json");
    assert!(validator(&doc, "Problem").is_valid(&problem), "{problem}");
    assert!(problem.to_string().contains("200 characters"), "{problem}");

    // One place by id, taken from the list.
    let list: Value =
        serde_json::from_slice(&fetch(&a, "/api/v1/places?category=library", &[]).await.body)
            .expect("json");
    let id = list["features"][0]["id"].as_str().expect("a library");
    let one: Value = serde_json::from_slice(
        &fetch(
            &a,
            &format!("/api/v1/places/{}", id.replace(':', "%3A")),
            &[],
        )
        .await
        .body,
    )
    .expect("json");
    assert!(validator(&doc, "Place").is_valid(&one), "{one}");
    // With a time, the Landesbibliothek's card says whether it is open.
    let card: Value = serde_json::from_slice(
        &fetch(
            &a,
            "/api/v1/places/osm-liechtenstein%3An315636966?at=2026-12-05T12:00",
            &[],
        )
        .await
        .body,
    )
    .expect("json");
    assert_eq!(card["properties"]["open"]["state"], "closed", "{card}");
    assert!(validator(&doc, "Place").is_valid(&card), "{card}");
    let mut wrong = card.clone();
    wrong["properties"]["open"]["state"] = json!("ajar");
    assert!(!validator(&doc, "Place").is_valid(&wrong));

    // The schemas do reject: a nearest answer without its facilities.
    assert!(
        !validator(&doc, "NearestAnswer")
            .is_valid(&json!({"reachable": true, "origin": [9.5, 47.1]}))
    );
}

async fn search_finds_towns_before_learning_spaces(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve(app::liechtenstein_state(backend, dir.path()).await).await;
    let r = fetch(&a, "/api/v1/search?q=schaan", &[]).await.json();
    let first = &r["results"][0];
    assert_eq!(first["kind"], "locality", "{r}");
    assert_eq!(first["name"], "Schaan");
    let (lon, lat) = (
        first["position"][0].as_f64().unwrap_or(0.0),
        first["position"][1].as_f64().unwrap_or(0.0),
    );
    assert!(
        (lon - 9.51).abs() < 0.02 && (lat - 47.165).abs() < 0.02,
        "Schaan is at {lon},{lat}"
    );
    let r = fetch(&a, "/api/v1/search?q=bibliothek&limit=50", &[])
        .await
        .json();
    let results = r["results"].as_array().expect("results");
    assert!(!results.is_empty());
    assert!(results.iter().all(|h| {
        h["kind"] == "learning_space"
            && h["name"]
                .as_str()
                .unwrap_or("")
                .to_lowercase()
                .contains("bibliothek")
    }));
    assert!(results.iter().any(|h| h["category"] == "library"));
    // A name written short, as on a sign.
    let r = fetch(&a, "/api/v1/search?q=Landesbibl.", &[]).await.json();
    assert_eq!(r["results"][0]["name"], "Landesbibliothek", "{r}");
}

/// Liechtenstein's municipalities as the API outlines them, by name.
async fn municipalities(a: &str) -> Vec<(String, MultiPolygon<f64>)> {
    outlines(
        &fetch(a, "/api/v1/neighbourhoods?category=library", &[])
            .await
            .json(),
    )
}

/// The neighbourhoods' outlines from the API, by name.
fn outlines(neighbourhoods: &Value) -> Vec<(String, MultiPolygon<f64>)> {
    let ring = |r: &Value| -> LineString<f64> {
        r.as_array()
            .into_iter()
            .flatten()
            .map(|c| (c[0].as_f64().unwrap_or(0.0), c[1].as_f64().unwrap_or(0.0)))
            .collect::<Vec<_>>()
            .into()
    };
    let polygon = |p: &Value| {
        let rings: Vec<LineString<f64>> = p.as_array().into_iter().flatten().map(ring).collect();
        let (outer, holes) = rings.split_first().expect("an outer ring");
        Polygon::new(outer.clone(), holes.to_vec())
    };
    neighbourhoods["features"]
        .as_array()
        .expect("features")
        .iter()
        .map(|f| {
            let g = &f["geometry"];
            let polygons = match g["type"].as_str() {
                Some("Polygon") => vec![polygon(&g["coordinates"])],
                _ => g["coordinates"]
                    .as_array()
                    .expect("polygons")
                    .iter()
                    .map(polygon)
                    .collect(),
            };
            let name = f["properties"]["name"]
                .as_str()
                .expect("a name")
                .to_string();
            (name, MultiPolygon(polygons))
        })
        .collect()
}

async fn search_finds_streets_by_their_neighbourhood_and_unnamed_places_by_their_street(
    backend: Backend,
) {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve(app::liechtenstein_state(backend, dir.path()).await).await;
    let areas = municipalities(&a).await;
    assert_eq!(areas.len(), 11, "Liechtenstein's municipalities");
    let area_of = |hit: &Value| {
        let at = Point::new(
            hit["position"][0].as_f64().unwrap_or(0.0),
            hit["position"][1].as_f64().unwrap_or(0.0),
        );
        areas
            .iter()
            .find(|(_, outline)| outline.intersects(&at))
            .map(|(name, _)| name.clone())
    };

    // One name, a street in each of several villages, each said to be in
    // the municipality it lies in.
    let r = fetch(&a, "/api/v1/search?q=dorfstrasse&limit=50", &[])
        .await
        .json();
    let streets: Vec<&Value> = r["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter(|h| h["kind"] == "street" && h["name"] == "Dorfstrasse")
        .collect();
    assert!(streets.len() >= 2, "{r}");
    let mut villages: Vec<&str> = Vec::new();
    for s in &streets {
        let village = s["locality"].as_str().expect("a locality");
        assert_eq!(Some(village.to_string()), area_of(s), "{s}");
        villages.push(village);
    }
    villages.sort_unstable();
    villages.dedup();
    assert_eq!(villages.len(), streets.len(), "told apart: {villages:?}");
    // Each is found by its village, written after the street (maybe with
    // the postcode) or before it: that village's first, none elsewhere.
    for village in &villages {
        for q in [
            format!("Dorfstrasse {village}"),
            format!("Dorfstrasse, {village}"),
            format!("{village}, Dorfstrasse"),
        ] {
            let r = search(&a, &q).await;
            let first = &r["results"][0];
            assert_eq!(first["kind"], "street", "{q}: {r}");
            assert_eq!(first["name"], "Dorfstrasse", "{q}: {r}");
            assert_eq!(first["locality"], *village, "{q}: {r}");
            assert!(
                r["results"]
                    .as_array()
                    .expect("results")
                    .iter()
                    .all(|h| h["name"] != "Dorfstrasse" || h["locality"] == *village),
                "{q}: {r}"
            );
        }
    }
    // Written as people write them, otherwise than the map: "St." for
    // Sankt, the words apart or joined.
    for (q, name, village) in [
        ("St. Florinsgasse", "Sankt Florinsgasse", "Vaduz"),
        ("Peter Kaiser Platz", "Peter-Kaiser-Platz", "Vaduz"),
        ("Vorarlbergerstrasse", "Vorarlberger-Strasse", "Mauren"),
    ] {
        let r = search(&a, q).await;
        let first = &r["results"][0];
        assert_eq!(first["kind"], "street", "{q}: {r}");
        assert_eq!(first["name"], name, "{q}: {r}");
        assert_eq!(first["locality"], village, "{q}: {r}");
    }
    // Every street inside a municipality is said to be in it, not near
    // the nearest label (which may be a hamlet across its border).
    let r = fetch(&a, "/api/v1/search?q=weg&limit=50", &[]).await.json();
    let streets: Vec<&Value> = r["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter(|h| h["kind"] == "street")
        .collect();
    assert!(streets.len() >= 40, "{r}");
    let mut inside = 0;
    for s in &streets {
        // One beyond every municipality (a path along the Rhine or a
        // ridge on the border, whose middle lies abroad) goes by the
        // nearest place label.
        assert!(s["locality"].is_string(), "{s}");
        if let Some(area) = area_of(s) {
            assert_eq!(s["locality"], area.as_str(), "{s}");
            inside += 1;
        }
    }
    assert!(inside >= 40, "{inside} of {} inside", streets.len());

    // A street through several municipalities is one street in each
    // (the main road, from Balzers in the south on), and never two of one
    // name in one municipality, even where OSM breaks it at a junction.
    let r = fetch(&a, "/api/v1/search?q=landstrasse&limit=50", &[])
        .await
        .json();
    let mut seen: Vec<&str> = Vec::new();
    for s in r["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter(|h| h["kind"] == "street" && h["name"] == "Landstrasse")
    {
        let village = s["locality"].as_str().expect("a locality");
        assert_eq!(Some(village.to_string()), area_of(s), "{s}");
        assert!(!seen.contains(&village), "two in {village}: {r}");
        seen.push(village);
    }
    for village in ["Balzers", "Triesen", "Vaduz", "Schaan"] {
        assert!(seen.contains(&village), "none in {village}: {seen:?}");
    }

    // Typed without accents: "aulestrasse" finds Äulestrasse first.
    let r = fetch(&a, "/api/v1/search?q=aulestrasse", &[]).await.json();
    assert_eq!(r["results"][0]["kind"], "street", "{r}");
    assert_eq!(r["results"][0]["name"], "Äulestrasse", "{r}");

    // A street's own name finds the street first, then the unnamed places
    // that go by it, which the places API finds by it too.
    let r = fetch(&a, "/api/v1/search?q=bammiliweg", &[]).await.json();
    let hits = r["results"].as_array().expect("results");
    assert_eq!(hits[0]["kind"], "street", "{r}");
    assert_eq!(hits[0]["name"], "Bammiliweg");
    let by_street: Vec<&Value> = hits[1..].iter().collect();
    assert!(!by_street.is_empty(), "{r}");
    let listed = fetch(&a, "/api/v1/places?name=BAMMILIWEG", &[])
        .await
        .json();
    let mut listed_ids: Vec<&str> = listed["features"]
        .as_array()
        .expect("features")
        .iter()
        .filter_map(|f| f["id"].as_str().or(f["properties"]["id"].as_str()))
        .collect();
    let mut found_ids: Vec<&str> = by_street.iter().filter_map(|h| h["id"].as_str()).collect();
    listed_ids.sort_unstable();
    found_ids.sort_unstable();
    assert_eq!(found_ids, listed_ids);
    for h in by_street {
        assert_eq!(h["kind"], "learning_space", "{h}");
        assert_eq!(h["name"], Value::Null, "{h}");
        assert_eq!(h["near_street"], "Bammiliweg", "{h}");
        assert_eq!(
            h["locality"].as_str().map(str::to_string),
            area_of(h),
            "{h}"
        );
    }
}

/// A learning space is found by its name and its town, as a street is:
/// "Bibliothek Vaduz" lists the places inside Vaduz the places API lists
/// by that name, and none elsewhere. A kind of place typed finds the
/// places of its category, anywhere or in a town: "libraries", "park
/// Vaduz", "Kindergarten Triesen" (not Triesenberg's); given where the
/// searcher is looking, the nearest first.
async fn search_finds_a_learning_space_by_its_town_and_its_kind(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve(app::liechtenstein_state(backend, dir.path()).await).await;
    let areas = municipalities(&a).await;
    let inside = |town: &str, p: &Value| {
        (areas.iter()).any(|(name, outline)| name == town && outline.intersects(&point(p)))
    };
    let ids_in = |town: &str, listed: &Value| {
        let mut ids: Vec<String> = (listed["features"].as_array().into_iter().flatten())
            .filter(|f| inside(town, &f["properties"]["representative_point"]))
            .filter_map(|f| f["id"].as_str().map(str::to_string))
            .collect();
        ids.sort_unstable();
        ids
    };
    let search_all = |q: String| {
        let a = a.clone();
        let path = format!(
            "/api/v1/search?limit=50&q={}",
            q.replace(' ', "%20").replace(',', "%2C")
        );
        async move { fetch(&a, &path, &[]).await.json() }
    };
    for (name, town) in [("Schule", "Triesen"), ("Bibliothek", "Vaduz")] {
        let listed = fetch(&a, &format!("/api/v1/places?name={name}"), &[])
            .await
            .json();
        let in_town = ids_in(town, &listed);
        assert!(!in_town.is_empty(), "{name} in {town}: {listed}");
        for q in [format!("{name} {town}"), format!("{town}, {name}")] {
            // And any named with the whole text ("Primarschule Triesenberg").
            let whole = fetch(
                &a,
                &format!(
                    "/api/v1/places?name={}",
                    q.replace(' ', "%20").replace(',', "%2C")
                ),
                &[],
            )
            .await
            .json();
            let mut whole: Vec<String> = (whole["features"].as_array().into_iter().flatten())
                .filter_map(|f| f["id"].as_str().map(str::to_string))
                .collect();
            let mut expected = [in_town.clone(), whole.clone()].concat();
            expected.sort_unstable();
            expected.dedup();
            let r = search_all(q.clone()).await;
            let hits = r["results"].as_array().expect("results");
            let mut found: Vec<String> = (hits.iter())
                .filter_map(|h| h["id"].as_str().map(str::to_string))
                .collect();
            found.sort_unstable();
            assert_eq!(found, expected, "{q}: {r}");
            whole.sort_unstable();
            for h in hits.iter().filter(|h| h["kind"] == "learning_space") {
                if whole
                    .binary_search(&h["id"].as_str().unwrap_or_default().to_string())
                    .is_err()
                {
                    assert!(inside(town, &h["position"]), "{q}: {h}");
                    assert_eq!(h["locality"], town, "{q}: {h}");
                }
            }
        }
    }
    // A town's first letters are enough while it is typed.
    let r = search(&a, "Kindergarten Tries").await;
    assert!(
        r["results"][0]["name"]
            .as_str()
            .is_some_and(|n| n.starts_with("Kindergarten")),
        "{r}"
    );

    let ids_of = |r: &Value| {
        let mut ids: Vec<String> = (r["results"].as_array().into_iter().flatten())
            .filter_map(|h| h["id"].as_str().map(str::to_string))
            .collect();
        ids.sort_unstable();
        ids
    };
    let libraries = fetch(&a, "/api/v1/places?category=library", &[])
        .await
        .json();
    let mut every_library: Vec<String> = (libraries["features"].as_array().into_iter().flatten())
        .filter_map(|f| f["id"].as_str().map(str::to_string))
        .collect();
    every_library.sort_unstable();
    assert!(every_library.len() >= 2, "{libraries}");
    // Typed in English or in the language of the place ("Bibliothek").
    for q in ["library", "Libraries", "Bibliothek", "Bibliotheken"] {
        let r = fetch(&a, &format!("/api/v1/search?q={q}&limit=50"), &[])
            .await
            .json();
        assert_eq!(ids_of(&r), every_library, "{q}: {r}");
    }
    // Triesen's kindergartens by name first, then its other places for
    // the early years.
    let named = fetch(&a, "/api/v1/places?name=kindergarten", &[])
        .await
        .json();
    let early = (fetch(&a, "/api/v1/places?category=early_years", &[]).await).json();
    let mut expected = [ids_in("Triesen", &named), ids_in("Triesen", &early)].concat();
    expected.sort_unstable();
    expected.dedup();
    assert!(expected.len() > ids_in("Triesen", &named).len(), "{early}");
    let r = search_all("Kindergarten Triesen".into()).await;
    assert_eq!(ids_of(&r), expected, "{r}");
    let by_name: Vec<bool> = (r["results"].as_array().into_iter().flatten())
        .map(|h| {
            h["name"]
                .as_str()
                .is_some_and(|n| n.starts_with("Kindergarten"))
        })
        .collect();
    assert!(by_name.windows(2).all(|w| w[0] >= w[1]), "{r}");
    let parks = fetch(&a, "/api/v1/places?category=park", &[]).await.json();
    let parks_in_vaduz = ids_in("Vaduz", &parks);
    assert!(parks_in_vaduz.len() >= 3, "{parks}");
    let r = fetch(&a, "/api/v1/search?q=park%20Vaduz&limit=50", &[])
        .await
        .json();
    assert_eq!(ids_of(&r), parks_in_vaduz, "{r}");
    // As typed into a search box elsewhere: the same parks.
    let typed = fetch(&a, "/api/v1/search?q=parks%20in%20Vaduz&limit=50", &[]).await;
    assert_eq!(ids_of(&typed.json()), parks_in_vaduz, "parks in Vaduz");
    // Named ones first, then those going by their street.
    let named: Vec<bool> = (r["results"].as_array().into_iter().flatten())
        .filter(|h| h["kind"] == "learning_space")
        .map(|h| h["name"].is_string())
        .collect();
    assert!(named.windows(2).all(|w| w[0] >= w[1]), "{r}");

    // Where the searcher is looking (Eschen): the parks nearest it first,
    // named or not, the nearest of all of them at the top.
    let found = nearest_first(&a, "parks", 20, Point::new(9.522, 47.211), &parks).await;
    let near_me = nearest_first(
        &a,
        "parks%20near%20me",
        20,
        Point::new(9.522, 47.211),
        &parks,
    );
    assert_eq!(near_me.await, found, "parks near me");
    assert!(
        found.iter().any(|h| h["name"].is_null()) && found.iter().any(|h| h["name"].is_string()),
        "{found:?}"
    );
    // The kind typed alone, from Schaan: the nearest early-years place
    // first, though others' names in Vaduz and Triesen begin with
    // "Kindergarten", and nothing else before the kind's places.
    let found = nearest_first(&a, "kindergarten", 12, Point::new(9.51, 47.165), &early).await;
    assert!(
        found.iter().all(|h| h["class"] == "early_years"),
        "{found:?}"
    );
    // "Schule", as Vaduz says it: the schools, nearest first. Without the
    // word, Triesen's school came first, then two kindergartens called
    // "Schule" and Schaan's street "Zur Schule".
    let schools = (fetch(&a, "/api/v1/places?category=school", &[]).await).json();
    let found = nearest_first(&a, "Schule", 10, Point::new(9.5215, 47.1405), &schools).await;
    assert!(found.iter().all(|h| h["class"] == "school"), "{found:?}");

    // Half a point is a clear error, naming the half missing.
    for (half, missing) in [("lon=9.522", "lat"), ("lat=47.211", "lon")] {
        let r = fetch(&a, &format!("/api/v1/search?q=parks&{half}"), &[]).await;
        assert_eq!(r.status, 400, "{half}");
        assert_eq!(r.json()["parameter"], missing, "{half}");
    }
}

/// A `[lon, lat]` of an answer as a point.
fn point(p: &Value) -> Point {
    Point::new(p[0].as_f64().unwrap_or(0.0), p[1].as_f64().unwrap_or(0.0))
}

/// The learning spaces search finds for `q` (a word), `limit` of them
/// and nothing else, looking at `here`: the first is the place of `of` (a
/// places API answer) nearest `here`, and none is nearer than the one
/// before it.
async fn nearest_first(a: &str, q: &str, limit: usize, here: Point, of: &Value) -> Vec<Value> {
    let metres = |p: &Value| geo::Haversine.distance(here, point(p));
    let nearest = (of["features"].as_array().into_iter().flatten())
        .min_by(|x, y| {
            let d = |f: &Value| metres(&f["properties"]["representative_point"]);
            d(x).total_cmp(&d(y))
        })
        .and_then(|f| f["id"].as_str())
        .expect("a place");
    let path = format!(
        "/api/v1/search?q={q}&limit={limit}&lon={}&lat={}",
        here.x(),
        here.y()
    );
    let r = fetch(a, &path, &[]).await.json();
    let found: Vec<Value> = (r["results"].as_array().into_iter().flatten())
        .filter(|h| h["kind"] == "learning_space")
        .cloned()
        .collect();
    assert_eq!(found.len(), limit, "{q}: {r}");
    assert_eq!(found[0]["id"], nearest, "{q}: {r}");
    let away: Vec<f64> = found.iter().map(|h| metres(&h["position"])).collect();
    assert!(away.windows(2).all(|w| w[0] <= w[1] + 1.0), "{q}: {away:?}");
    found
}

/// The houses osmium finds with this street and house number: nodes as
/// tiny squares, buildings as outlines from osmium's own node positions.
fn houses(street: &str, number: &str) -> Vec<Geometry<f64>> {
    let objects = osmium::tags_filter_with_nodes(
        &data::liechtenstein_pbf(),
        &[&format!("nw/addr:street={street}")],
    );
    let at: HashMap<i64, (f64, f64)> = objects
        .iter()
        .filter_map(|o| Some((o.id, (o.lon?, o.lat?))))
        .collect();
    objects
        .iter()
        .filter(|o| o.tag("addr:housenumber") == Some(number))
        .map(|o| match o.kind {
            // A node: within a tenth of a metre of it (OPL rounds).
            'n' => {
                let (x, y) = (o.lon.unwrap_or(0.0), o.lat.unwrap_or(0.0));
                Geometry::Rect(Rect::new((x - 1e-6, y - 1e-6), (x + 1e-6, y + 1e-6)))
            }
            _ => {
                let ring: Vec<(f64, f64)> =
                    o.nodes.iter().filter_map(|n| at.get(n).copied()).collect();
                Geometry::Polygon(Polygon::new(LineString::from(ring), vec![]))
            }
        })
        .collect()
}

async fn search_finds_an_address_typed_as_people_write_it(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve(app::liechtenstein_state(backend, dir.path()).await).await;
    let position = |hit: &Value| {
        Point::new(
            hit["position"][0].as_f64().unwrap_or(0.0),
            hit["position"][1].as_f64().unwrap_or(0.0),
        )
    };
    let house = houses("Dröschistrasse", "19");
    assert_eq!(house.len(), 1, "one building numbered so in the extract");
    // Street then number, number then street, with the village, without
    // accents, the street written short: the same house, inside its building.
    for q in [
        "Dr%C3%B6schistrasse%2019",
        "19%20droschistrasse",
        "droschistr%2019,%20Triesen",
        "Dr%C3%B6schistr.%2019",
    ] {
        let r = fetch(&a, &format!("/api/v1/search?q={q}"), &[])
            .await
            .json();
        let first = &r["results"][0];
        assert_eq!(first["kind"], "address", "{q}: {r}");
        assert_eq!(first["name"], "Dröschistrasse 19", "{q}: {r}");
        assert_eq!(first["class"], "19", "{q}: {r}");
        assert_eq!(first["locality"], "Triesen", "{q}: {r}");
        assert!(house[0].intersects(&position(first)), "{q}: {first}");
    }
    // Written as on a letter (and on the place card): the postcode and the
    // town, which may be a village inside the municipality it is shown in.
    for (q, name, municipality) in [
        ("Fronagass 16, 9492 Eschen", "Fronagass 16", "Eschen"),
        (
            "Churer Strasse 10, 9485 Nendeln",
            "Churer Strasse 10",
            "Eschen",
        ),
        (
            "Vorarlberger-Strasse 118, FL-9486 Schaanwald",
            "Vorarlberger-Strasse 118",
            "Mauren",
        ),
        // The street's words joined or apart, otherwise than the map:
        // that street, not Balzers's Alte Churerstrasse 10.
        (
            "Churerstrasse 10, 9485 Nendeln",
            "Churer Strasse 10",
            "Eschen",
        ),
        ("Churerstrasse 10", "Churer Strasse 10", "Eschen"),
        (
            "Vorarlberger Strasse 118",
            "Vorarlberger-Strasse 118",
            "Mauren",
        ),
        // The town first, as many countries write it.
        ("9492 Eschen, Fronagass 16", "Fronagass 16", "Eschen"),
        ("Triesen, Droschistr. 19", "Dröschistrasse 19", "Triesen"),
    ] {
        let r = search(&a, q).await;
        let first = &r["results"][0];
        assert_eq!(first["kind"], "address", "{q}: {r}");
        assert_eq!(first["name"], name, "{q}: {r}");
        assert_eq!(first["locality"], municipality, "{q}: {r}");
    }
    // A letter's last line alone: the town.
    for (q, town) in [("9490 Vaduz", "Vaduz"), ("FL-9494 Schaan", "Schaan")] {
        let r = search(&a, q).await;
        let first = &r["results"][0];
        assert_eq!(first["kind"], "locality", "{q}: {r}");
        assert_eq!(first["name"], town, "{q}: {r}");
    }
    // In another village, the street has no such house.
    for q in [
        "droschistrasse%2019%20vaduz",
        "vaduz,%20droschistrasse%2019",
    ] {
        let r = fetch(&a, &format!("/api/v1/search?q={q}"), &[])
            .await
            .json();
        assert_eq!(r["results"], json!([]), "{q}: {r}");
    }

    // While the number is typed: on the street itself the number first,
    // then the numbers it begins, in order; after them those on streets
    // whose name holds the text (Oberstädtle). Each a house osmium knows.
    let r = fetch(&a, "/api/v1/search?q=st%C3%A4dtle%201&limit=50", &[])
        .await
        .json();
    let hits = r["results"].as_array().expect("results");
    let street_of = |h: &Value| -> String {
        let name = h["name"].as_str().unwrap_or_default();
        let number = h["class"].as_str().unwrap_or_default();
        name.strip_suffix(&format!(" {number}"))
            .unwrap_or_else(|| panic!("{h}: not its street and number"))
            .to_string()
    };
    let on_it = hits
        .iter()
        .take_while(|h| street_of(h) == "Städtle")
        .count();
    assert!(on_it >= 3, "{r}");
    assert!(
        hits[on_it..].iter().all(|h| street_of(h) == "Oberstädtle"),
        "{r}"
    );
    let numbers: Vec<&str> = hits[..on_it]
        .iter()
        .filter_map(|h| h["class"].as_str())
        .collect();
    assert_eq!(numbers[0], "1", "{r}");
    let values: Vec<u32> = numbers
        .iter()
        .map(|n| {
            n.trim_end_matches(char::is_alphabetic)
                .parse()
                .expect("a number")
        })
        .collect();
    assert!(values.is_sorted(), "{numbers:?}");
    for h in hits {
        assert_eq!(h["kind"], "address", "{h}");
        let number = h["class"].as_str().expect("a number");
        assert!(number.starts_with('1'), "{h}");
        if street_of(h) == "Städtle" {
            assert_eq!(h["locality"], "Vaduz", "{h}");
        }
        assert!(
            houses(&street_of(h), number)
                .iter()
                .any(|b| b.intersects(&position(h))),
            "{h}"
        );
    }
}

/// A postcode alone, as a resident types theirs: the code, named for its
/// town, standing in the municipality its letters go to (Nendeln's code
/// in Eschen, the municipality Nendeln belongs to).
async fn search_finds_a_postcode_where_its_houses_are(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve(app::liechtenstein_state(backend, dir.path()).await).await;
    let areas = municipalities(&a).await;
    for (q, code, town, municipality) in [
        ("9490", "9490", "Vaduz", "Vaduz"),
        ("FL-9494", "9494", "Schaan", "Schaan"),
        ("9485", "9485", "Nendeln", "Eschen"),
        ("9497 Triesenberg", "9497", "Triesenberg", "Triesenberg"),
    ] {
        let r = search(&a, q).await;
        let hit = r["results"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|h| h["kind"] == "postcode")
            .unwrap_or_else(|| panic!("{q}: no postcode in {r}"));
        assert_eq!(hit["name"], code, "{q}: {r}");
        assert_eq!(hit["class"], "postcode", "{q}: {r}");
        assert_eq!(hit["locality"], town, "{q}: {r}");
        let at = Point::new(
            hit["position"][0].as_f64().unwrap_or(0.0),
            hit["position"][1].as_f64().unwrap_or(0.0),
        );
        let inside: Vec<&str> = (areas.iter())
            .filter(|(_, outline)| outline.intersects(&at))
            .map(|(name, _)| name.as_str())
            .collect();
        assert_eq!(inside, [municipality], "{q}: {hit}");
        if !q.contains(' ') {
            assert_eq!(r["results"][0], *hit, "{q}: the code alone finds it first");
        }
    }
    // While it is typed: Liechtenstein's nine codes that begin so, and
    // nothing else.
    let r = search(&a, "949").await;
    let codes: Vec<&str> = (r["results"].as_array().into_iter().flatten())
        .map(|h| {
            assert_eq!(h["kind"], "postcode", "{h}");
            h["name"].as_str().unwrap_or_default()
        })
        .collect();
    assert_eq!(
        codes,
        [
            "9490", "9491", "9492", "9493", "9494", "9495", "9496", "9497", "9498"
        ],
        "{r}"
    );
}

/// A point in words, for the resident's "From …" line: a house's door
/// gives that house, a point by a road far from houses the road, a point
/// in the woods above Vaduz the municipality, a point across the Rhine,
/// outside every municipality, the nearest place label and how far it is.
async fn a_point_is_named_by_the_house_at_it(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve(app::liechtenstein_state(backend, dir.path()).await).await;
    let reverse = |lon: f64, lat: f64| {
        let a = a.clone();
        async move {
            fetch(
                &a,
                &format!("/api/v1/search/reverse?lon={lon}&lat={lat}"),
                &[],
            )
            .await
            .json()["result"]
                .clone()
        }
    };
    let house = search(&a, "Städtle 35").await["results"][0].clone();
    assert_eq!(house["kind"], "address", "{house}");
    let (lon, lat) = (
        house["position"][0].as_f64().unwrap_or_default(),
        house["position"][1].as_f64().unwrap_or_default(),
    );
    let found = reverse(lon, lat).await;
    assert_eq!(found["kind"], "address", "{found}");
    assert_eq!(found["name"], "Städtle 35", "{found}");
    assert_eq!(found["locality"], "Vaduz", "{found}");
    assert_eq!(found["distance_m"], 0.0, "{found}");
    // A vertex of Landstrasse in Triesen whose nearest house, Gartnetschweg
    // 4, stands 126 m up a side street: the road the point is on.
    let road = reverse(9.52498, 47.0943).await;
    assert_eq!(
        (&road["kind"], &road["name"], &road["locality"]),
        (&json!("street"), &json!("Landstrasse"), &json!("Triesen")),
        "{road}"
    );
    assert!(
        road["distance_m"].as_f64().is_some_and(|d| d < 1.0),
        "{road}"
    );
    // Woods on the slope above Vaduz: no house within 150 m.
    let woods = reverse(9.545, 47.16).await;
    assert_eq!(woods["kind"], "neighbourhood", "{woods}");
    assert_eq!(woods["name"], "Vaduz", "{woods}");
    // Fields by Sevelen, across the Rhine: the extract's nearest place
    // label, kilometres away, and the answer says how far.
    let across = reverse(9.485, 47.12).await;
    assert_eq!(across["kind"], "locality", "{across}");
    let label = search(&a, across["name"].as_str().unwrap_or_default()).await["results"][0].clone();
    assert_eq!(label["kind"], "locality", "{label}");
    assert_eq!(across["position"], label["position"], "{across} {label}");
    let far = across["distance_m"].as_f64().unwrap_or_default();
    assert!(far > 1_000.0, "{across}");
    // Up in the Valüna valley, no house within 150 m: the road it is by,
    // one search knows as a street.
    let valley = reverse(9.58, 47.10).await;
    assert_eq!(valley["kind"], "street", "{valley}");
    assert_eq!(valley["name"], "Valünastrasse", "{valley}");
    assert!(
        valley["distance_m"].as_f64().is_some_and(|d| d <= 100.0),
        "{valley}"
    );
    let street = search(&a, "Valünastrasse").await["results"][0].clone();
    assert_eq!(street["kind"], "street", "{street}");
    // Out of range: a clear error.
    let bad = fetch(&a, "/api/v1/search/reverse?lon=9.5&lat=95", &[]).await;
    assert_eq!(bad.status, 400);
}

/// Where nothing matches a text as typed, search puts a misspelt word
/// right and says so: a resident's "Landstrase" on a phone finds what
/// "Landstrasse" does.
async fn search_puts_a_misspelt_word_right_and_says_so(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve(app::liechtenstein_state(backend, dir.path()).await).await;
    // A letter dropped, two swapped, one too few in a town, two edits in a
    // long name, and a learning space's name with its town.
    for (typed, meant) in [
        ("Landstrase", "Landstrasse"),
        ("Vadzu", "Vaduz"),
        ("Rugell", "Ruggell"),
        ("Kirchstrase 10, Schan", "Kirchstrasse 10, Schaan"),
        ("Kunstmusem", "Kunstmuseum"),
        ("Bibliothk Mauren", "Bibliothek Mauren"),
        // "Gnetsch" and "Rüttegasse" are as near and used more, but there
        // is no "Im Gnetsch" or "Obere Rüttegasse": the next best is.
        ("Im Gaetsch", "Im Gapetsch"),
        ("Obere Rüttgasse", "Obere Rüttigasse"),
    ] {
        let (wrong, right) = (search(&a, typed).await, search(&a, meant).await);
        assert_eq!(wrong["corrected"], meant, "{typed}: {wrong}");
        assert!(right.get("corrected").is_none(), "{meant}: {right}");
        let found = right["results"].as_array().map_or(0, Vec::len);
        assert!(found > 0, "{meant}: {right}");
        assert_eq!(wrong["results"], right["results"], "{typed}");
    }
    // Known words, and one still being typed, are searched as they are.
    let typing = search(&a, "Vaduz, Landstr").await;
    assert!(typing.get("corrected").is_none(), "{typing}");
    assert!(typing["results"][0]["name"] == "Landstrasse", "{typing}");
    // Nothing near any name: nothing found, and nothing said.
    let nothing = search(&a, "Xylophonweg").await;
    assert_eq!(nothing, json!({ "results": [] }));
}

learnscape_tests::on_every_backend!(
    every_answer_matches_its_documented_schema,
    search_puts_a_misspelt_word_right_and_says_so,
    search_finds_towns_before_learning_spaces,
    search_finds_streets_by_their_neighbourhood_and_unnamed_places_by_their_street,
    search_finds_a_learning_space_by_its_town_and_its_kind,
    search_finds_an_address_typed_as_people_write_it,
    search_finds_a_postcode_where_its_houses_are,
    a_point_is_named_by_the_house_at_it,
);
