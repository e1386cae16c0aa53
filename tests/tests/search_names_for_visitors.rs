//! A visitor from abroad types a place's name as it is given to them
//! (`int_name`): "University of Liechtenstein" for Universität
//! Liechtenstein, which carries no `name:en`. Search finds it by it, lists
//! it by it and says what the map calls it.

use learnscape_tests::http::{fetch, search};
use learnscape_tests::{app, data, osmium};
use std::collections::HashMap;

#[tokio::test(flavor = "multi_thread")]
async fn a_learning_space_is_found_by_its_international_name() {
    // Each object with an `int_name` that none of its other names is
    // (osmium): found by it only because `int_name` is read.
    let international: HashMap<String, String> =
        osmium::tags_filter(&data::liechtenstein_pbf(), &["nwr/int_name"])
            .iter()
            .filter_map(|o| {
                let int = o.tag("int_name")?;
                let named_so = (o.tags.iter())
                    .filter(|(k, _)| k.starts_with("name") || k.ends_with("_name"))
                    .any(|(k, v)| k != "int_name" && v == int);
                (!named_so).then(|| (format!("{}{}", o.kind, o.id), int.to_string()))
            })
            .collect();
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve_dataset(dir.path(), &data::dataset("liechtenstein")).await;
    let places = fetch(&a, "/api/v1/places", &[]).await.json();
    let mut checked = Vec::new();
    for place in places["features"].as_array().expect("places") {
        let reference = place["properties"]["source_ref"].as_str();
        let Some(int) = reference.and_then(|r| international.get(r)) else {
            continue;
        };
        let r = search(&a, int).await;
        let hits = r["results"].as_array().expect("results");
        let hit = hits.iter().find(|h| h["id"] == place["id"]);
        let name = &place["properties"]["name"];
        assert_eq!(
            hit.map(|h| (&h["name"], &h["name_on_map"])),
            Some((&serde_json::json!(int), name)),
            "{int}: {r}"
        );
        checked.push(int.as_str());
    }
    assert!(
        checked.contains(&"University of Liechtenstein"),
        "{checked:?}"
    );
}
