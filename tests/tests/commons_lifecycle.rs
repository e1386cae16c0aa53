//! The commons registry over a real socket on the Liechtenstein data: a
//! group registers a resource, a moderator approves it, it shows up in
//! places, tiles, access answers, gap figures and exports at once; edits
//! keep the approved version public until reviewed; concurrent edits on
//! one revision cannot both win; reports reach the queue; archived,
//! pending and rejected entries are never public.

use learnscape_core::commons::{Resource, ResourceId, Role};
use learnscape_core::{Bbox, LonLat};
use learnscape_tests::app::Backend;
use learnscape_tests::commons::{Person, group, person, resource};
use learnscape_tests::http::{Response, fetch, search, send};
use learnscape_tests::{app, mvt_decode};
use learnscape_tiles::TileCoord;
use serde_json::{Value, json};

const BALZERS: (f64, f64) = (9.4995, 47.0665);

fn tile_path(layer: &str, lon: f64, lat: f64, z: u8) -> String {
    let c = TileCoord::covering(&Bbox::new(lon, lat, lon, lat), z)[0];
    format!("/tiles/{layer}/{}/{}/{}.mvt", c.z, c.x, c.y)
}

async fn tile_names(a: &str, lon: f64, lat: f64) -> Vec<String> {
    layer_names(a, "places", lon, lat).await
}

/// The commons layer shows exactly the approved resources.
async fn commons_tile_names(a: &str, lon: f64, lat: f64) -> Vec<String> {
    layer_names(a, "commons", lon, lat).await
}

/// Whether a feature named with `needle` is in the z14 `places` and
/// `commons` tiles at the point; the two layers must agree.
async fn on_the_map(a: &str, needle: &str, lon: f64, lat: f64) -> bool {
    let in_places = tile_names(a, lon, lat)
        .await
        .iter()
        .any(|n| n.contains(needle));
    let in_commons = commons_tile_names(a, lon, lat)
        .await
        .iter()
        .any(|n| n.contains(needle));
    assert_eq!(in_places, in_commons, "the layers disagree about {needle}");
    in_places
}

async fn layer_names(a: &str, layer: &str, lon: f64, lat: f64) -> Vec<String> {
    let r = fetch(a, &tile_path(layer, lon, lat, 14), &[]).await;
    if r.status == 204 {
        return Vec::new();
    }
    mvt_decode::features(&r.body)
        .expect("a valid tile")
        .into_iter()
        .filter_map(|(_, p)| p.get("name").and_then(Value::as_str).map(str::to_string))
        .collect()
}

async fn public_names(a: &str) -> (Vec<String>, Vec<String>, String) {
    let places = fetch(a, "/api/v1/places?category=makerspace", &[])
        .await
        .json();
    let names = places["features"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["properties"]["name"].as_str().map(str::to_string))
        .collect();
    let export = fetch(a, "/api/v1/exports/commons.geojson", &[])
        .await
        .json();
    let exported = export["features"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["properties"]["name"].as_str().map(str::to_string))
        .collect();
    let csv = fetch(a, "/api/v1/exports/commons.csv", &[]).await.text();
    (names, exported, csv)
}

/// The nearest makerspace's name; the walk that avoids steps (measured on
/// an engine of its own, which every approval and archive must change
/// alike) finds the same one here.
async fn nearest_first(a: &str, lon: f64, lat: f64) -> Option<String> {
    let mut names = Vec::new();
    for step_free in [false, true] {
        let path = format!(
            "/api/v1/access/nearest?lon={lon}&lat={lat}&category=makerspace&limit=1&step_free={step_free}"
        );
        let r = fetch(a, &path, &[]).await.json();
        names.push(r["facilities"][0]["name"].as_str().map(str::to_string));
    }
    assert_eq!(names[0], names[1], "taking steps and avoiding them");
    names.swap_remove(0)
}

async fn balzers_uncovered(a: &str) -> f64 {
    balzers_figure(a, "uncovered").await
}

/// One of Balzers' figures for makerspaces within 15 minutes.
async fn balzers_figure(a: &str, field: &str) -> f64 {
    let gaps = fetch(a, "/api/v1/gaps?category=makerspace&minutes=15", &[])
        .await
        .json();
    gaps["gaps"]
        .as_array()
        .expect("gaps")
        .iter()
        .find(|g| g["name"] == "Balzers")
        .and_then(|g| g[field].as_f64())
        .expect("Balzers is a municipality")
}

async fn balzers_tile_uncovered(a: &str) -> f64 {
    let r = fetch(
        a,
        &tile_path("neighbourhoods", BALZERS.0, BALZERS.1, 12),
        &[],
    )
    .await;
    mvt_decode::features(&r.body)
        .expect("valid")
        .into_iter()
        .find(|(_, p)| p.get("name").and_then(Value::as_str) == Some("Balzers"))
        .and_then(|(_, p)| p.get("makerspace_15_uncovered").and_then(Value::as_f64))
        .expect("Balzers in its tile")
}

/// A server on the Liechtenstein data, a member who stewards a group and
/// a moderator.
async fn steward_and_moderator(
    backend: Backend,
    dir: &std::path::Path,
) -> (String, Person, Person) {
    let state = app::liechtenstein_state(backend, dir).await;
    let store = state.store.clone();
    let a = app::serve(state).await;
    let steward = person(&a, store.as_ref(), "s@example.org", Role::Member).await;
    let moderator = person(&a, store.as_ref(), "m@example.org", Role::Moderator).await;
    (a, steward, moderator)
}

/// A closure's GeoJSON points: how many, and their residents, all and
/// those left out.
#[derive(Debug)]
struct Homes {
    count: usize,
    within: f64,
    left_out: f64,
}

impl Homes {
    /// Whether a sum of its points' residents, each rounded to 0.1, is
    /// `figure`.
    fn near(&self, sum: f64, figure: f64) -> bool {
        (sum - figure).abs() <= 0.05 * self.count as f64 + 0.11
    }
}

/// A closure's GeoJSON points, checked to be within the walk, nearest
/// first.
async fn homes_of(a: &str, path: &str) -> Homes {
    let r = fetch(a, path, &[]).await;
    assert_eq!(r.header("content-type"), Some("application/geo+json"));
    let homes = ok(&r, "closure as GeoJSON");
    let features = homes["features"].as_array().expect("features");
    let walks: Vec<f64> = (features.iter())
        .map(|f| f["properties"]["minutes"].as_f64().expect("minutes"))
        .collect();
    assert!(
        walks.is_sorted() && walks.iter().all(|&m| m <= 15.0),
        "{walks:?}"
    );
    let residents = |f: &&Value| f["properties"]["residents"].as_f64().expect("residents");
    let left_out = |f: &&Value| f["properties"]["left_out"] == json!(true);
    Homes {
        count: features.len(),
        within: features.iter().map(|f| residents(&f)).sum(),
        left_out: features
            .iter()
            .filter(left_out)
            .map(|f| residents(&f))
            .sum(),
    }
}

fn ok(r: &Response, what: &str) -> Value {
    assert!(
        (200..300).contains(&r.status),
        "{what}: {} {}",
        r.status,
        r.text()
    );
    r.json()
}

async fn a_resource_from_registration_to_archive(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let state = app::liechtenstein_state(backend, dir.path()).await;
    let store = state.store.clone();
    let a = app::serve(state).await;
    let steward = person(&a, store.as_ref(), "steward@example.org", Role::Member).await;
    let moderator = person(&a, store.as_ref(), "moderator@example.org", Role::Moderator).await;
    let stranger = person(&a, store.as_ref(), "stranger@example.org", Role::Member).await;
    let g = group(&a, &steward, "Repair Café Balzers").await;

    let before = balzers_uncovered(&a).await;
    let tile_before = balzers_tile_uncovered(&a).await;
    assert!(
        before > 0.0,
        "Balzers has residents without a makerspace nearby"
    );

    // Registered through a browser session: the cookie alone is refused
    // (CSRF); with the token header it is accepted.
    let cookie = format!("learnscape_session={}", steward.session);
    let body = resource(
        g,
        "Reparatur-Werkstatt Balzers",
        "makerspace",
        BALZERS.0,
        BALZERS.1,
    );
    let r = send(
        &a,
        "POST",
        "/api/v1/resources",
        &[("Cookie", &cookie)],
        Some(body.clone()),
    )
    .await;
    assert_eq!(r.status, 403, "{}", r.text());
    let r = send(
        &a,
        "POST",
        "/api/v1/resources",
        &[("Cookie", &cookie), ("X-CSRF-Token", &steward.csrf)],
        Some(body),
    )
    .await;
    let created = ok(&r, "register");
    let id = created["id"].as_i64().expect("id");
    assert_eq!(created["status"], "pending");
    assert_eq!(created["content"]["contact"], "kontakt@example.org");

    // Pending: nowhere public.
    let path = format!("/api/v1/resources/{id}");
    assert_eq!(fetch(&a, &path, &[]).await.status, 404);
    assert_eq!(stranger.call(&a, "GET", &path, None).await.status, 404);
    let (names, exported, csv) = public_names(&a).await;
    assert!(
        !names.iter().any(|n| n.contains("Reparatur-Werkstatt"))
            && exported.is_empty()
            && !csv.contains("Reparatur")
    );
    assert!(!on_the_map(&a, "Reparatur", BALZERS.0, BALZERS.1).await);
    assert_ne!(
        nearest_first(&a, BALZERS.0, BALZERS.1).await.as_deref(),
        Some("Reparatur-Werkstatt Balzers")
    );

    // The moderator's queue has it; a member cannot decide.
    let queue = ok(
        &moderator
            .call(&a, "GET", "/api/v1/moderation/queue", None)
            .await,
        "queue",
    );
    assert_eq!(queue["pending"][0]["id"], id);
    let decision = format!("/api/v1/moderation/resources/{id}/decision");
    assert_eq!(
        steward
            .call(
                &a,
                "POST",
                &decision,
                Some(json!({"revision": 1, "decision": "approve"}))
            )
            .await
            .status,
        403
    );
    let approved = ok(
        &moderator
            .call(
                &a,
                "POST",
                &decision,
                Some(json!({"revision": 1, "decision": "approve", "reason": "looks right"})),
            )
            .await,
        "approve",
    );
    assert_eq!(approved["status"], "approved");

    // Approved: on the map, in searches, the analysis and exports at once.
    let public = ok(&fetch(&a, &path, &[]).await, "public view");
    assert!(
        public["content"].get("contact").is_none(),
        "contact is private: {public}"
    );
    let (names, exported, csv) = public_names(&a).await;
    assert!(names.contains(&"Reparatur-Werkstatt Balzers".to_string()));
    assert_eq!(exported, vec!["Reparatur-Werkstatt Balzers".to_string()]);
    assert!(
        csv.contains("Reparatur-Werkstatt Balzers")
            && csv.contains("CC0 1.0")
            && !csv.contains("kontakt@")
    );
    assert!(on_the_map(&a, "Reparatur-Werkstatt Balzers", BALZERS.0, BALZERS.1).await);
    // Searched for misspelt: its words are known from its approval on.
    let misspelt = search(&a, "Reparatr-Werkstatt").await;
    assert_eq!(misspelt["corrected"], "Reparatur-Werkstatt", "{misspelt}");
    assert_eq!(
        misspelt["results"][0]["name"], "Reparatur-Werkstatt Balzers",
        "{misspelt}"
    );
    assert_eq!(
        nearest_first(&a, BALZERS.0, BALZERS.1).await.as_deref(),
        Some("Reparatur-Werkstatt Balzers")
    );
    // Its hours ("Sa 10:00-14:00") came with it: open on Saturday
    // 5 December 2026 until two, not on the Monday after.
    let open_at = |at: &'static str| {
        let a = a.clone();
        async move {
            let q = format!(
                "/api/v1/access/nearest?lon={}&lat={}&category=makerspace&limit=50&at={at}&open=true",
                BALZERS.0, BALZERS.1
            );
            fetch(&a, &q, &[]).await.json()["facilities"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        }
    };
    let saturday = open_at("2026-12-05T11:00").await;
    let workshop = saturday
        .iter()
        .find(|f| f["name"] == "Reparatur-Werkstatt Balzers")
        .expect("open on Saturday");
    assert_eq!(workshop["open"]["changes_at"], "2026-12-05T14:00");
    assert!(
        !open_at("2026-12-07T11:00")
            .await
            .iter()
            .any(|f| f["name"] == "Reparatur-Werkstatt Balzers")
    );
    let after = balzers_uncovered(&a).await;
    assert!(after < before, "Balzers' gap shrinks: {before} → {after}");
    let tile_after = balzers_tile_uncovered(&a).await;
    assert!(
        tile_after < tile_before,
        "and so does its tile: {tile_before} → {tile_after}"
    );
    assert!(
        (tile_after - after).abs() < 1.0,
        "tile {tile_after} and API {after} agree"
    );

    // An edit stays pending; the approved version stays public.
    let mut edit = resource(
        g,
        "Reparatur-Werkstatt am Rhein",
        "makerspace",
        BALZERS.0,
        BALZERS.1,
    );
    edit["base_revision"] = json!(1);
    edit["comment"] = json!("neuer Name");
    ok(
        &steward.call(&a, "PUT", &path, Some(edit.clone())).await,
        "edit",
    );
    assert_eq!(
        fetch(&a, &path, &[]).await.json()["content"]["name"],
        "Reparatur-Werkstatt Balzers"
    );
    let private = ok(&steward.call(&a, "GET", &path, None).await, "private view");
    assert_eq!(private["pending_revision"], 2);
    assert_eq!(private["pending_changes"], json!(["name"]));
    // A stranger may not edit; a stale base revision is refused and changes nothing.
    edit["base_revision"] = json!(2);
    assert_eq!(
        stranger
            .call(&a, "PUT", &path, Some(edit.clone()))
            .await
            .status,
        403
    );
    edit["base_revision"] = json!(1);
    let stale = steward.call(&a, "PUT", &path, Some(edit)).await;
    assert_eq!(stale.status, 409);
    assert_eq!(stale.json()["current_revision"], 2);

    // History: everything for the steward, approved revisions for the public.
    let history = ok(
        &steward
            .call(&a, "GET", &format!("{path}/history"), None)
            .await,
        "history",
    );
    assert_eq!(history["revisions"].as_array().map(Vec::len), Some(2));
    assert_eq!(history["moderation"][0]["action"], "approve");
    let public_history = ok(
        &fetch(&a, &format!("{path}/history"), &[]).await,
        "public history",
    );
    assert_eq!(
        public_history["revisions"].as_array().map(Vec::len),
        Some(1)
    );
    assert!(!public_history.to_string().contains("kontakt@"));
    // Who made each revision and decision, by name, for the steward; the
    // public history names nobody.
    let people: Vec<(i64, &str)> = history["people"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|p| {
                    (
                        p["id"].as_i64().unwrap_or_default(),
                        p["display_name"].as_str().unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        people,
        [(steward.id, "steward"), (moderator.id, "moderator")]
    );
    assert_eq!(public_history.get("people"), None);

    // A resident reports it; the moderator sees and closes the report.
    let report = send(
        &a,
        "POST",
        &format!("{path}/reports"),
        &[],
        Some(json!({"kind": "wrong_information", "comment": "closed on Saturdays"})),
    )
    .await;
    let report = ok(&report, "report");
    let queue = ok(
        &moderator
            .call(&a, "GET", "/api/v1/moderation/queue", None)
            .await,
        "queue",
    );
    assert_eq!(queue["reports"][0]["id"], report["id"]);
    let resolve = format!("/api/v1/moderation/reports/{}/resolve", report["id"]);
    ok(
        &moderator
            .call(&a, "POST", &resolve, Some(json!({"note": "hours fixed"})))
            .await,
        "resolve",
    );
    assert_eq!(
        moderator
            .call(&a, "POST", &resolve, Some(json!({})))
            .await
            .status,
        409
    );

    // Archived: gone from every public answer, history kept.
    ok(
        &steward
            .call(
                &a,
                "POST",
                &format!("{path}/archive"),
                Some(json!({"reason": "closed"})),
            )
            .await,
        "archive",
    );
    assert_eq!(fetch(&a, &path, &[]).await.status, 404);
    let (names, exported, _) = public_names(&a).await;
    assert!(!names.iter().any(|n| n.contains("Reparatur")) && exported.is_empty());
    assert!(!on_the_map(&a, "Reparatur", BALZERS.0, BALZERS.1).await);
    assert_ne!(
        nearest_first(&a, BALZERS.0, BALZERS.1).await.as_deref(),
        Some("Reparatur-Werkstatt Balzers")
    );
    assert!(
        (balzers_uncovered(&a).await - before).abs() < 1e-6,
        "the gap is back"
    );
    let mine = ok(
        &steward
            .call(&a, "GET", "/api/v1/resources/mine", None)
            .await,
        "mine",
    );
    assert_eq!(mine["resources"][0]["status"], "archived");
    // The edit that waited for review waits no more while it is archived.
    let in_queue = || async {
        let queue = ok(
            &moderator
                .call(&a, "GET", "/api/v1/moderation/queue", None)
                .await,
            "queue",
        );
        (queue["pending"].as_array().into_iter().flatten()).any(|r| r["id"] == id)
    };
    assert!(!in_queue().await);

    // The group opens it again: public as last approved, on the map.
    let restore = format!("{path}/restore");
    let back = Some(json!({"reason": "open again"}));
    ok(
        &steward.call(&a, "POST", &restore, back.clone()).await,
        "restore",
    );
    assert_eq!(fetch(&a, &path, &[]).await.status, 200);
    assert!(on_the_map(&a, "Reparatur", BALZERS.0, BALZERS.1).await);
    // ... and, restored, it waits again: public as approved, the edit pending.
    assert_eq!(
        fetch(&a, &path, &[]).await.json()["content"]["name"],
        "Reparatur-Werkstatt Balzers"
    );
    let private = ok(&steward.call(&a, "GET", &path, None).await, "private view");
    assert_eq!(private["pending_revision"], 2);
    assert!(in_queue().await);
    assert_eq!(
        steward
            .call(&a, "POST", &restore, back.clone())
            .await
            .status,
        409
    );
    // What a moderator took down, only a moderator puts back.
    let down = Some(json!({"reason": "reported"}));
    let archive = format!("{path}/archive");
    ok(
        &moderator.call(&a, "POST", &archive, down).await,
        "take down",
    );
    assert_eq!(
        steward
            .call(&a, "POST", &restore, back.clone())
            .await
            .status,
        403
    );
    assert_eq!(fetch(&a, &path, &[]).await.status, 404);
    ok(
        &moderator.call(&a, "POST", &restore, back).await,
        "moderator restores",
    );
    let (names, _, _) = public_names(&a).await;
    assert!(names.iter().any(|n| n.contains("Reparatur")), "{names:?}");
}

async fn rejected_and_sensitive_entries_show_only_what_they_may(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let (a, steward, moderator) = steward_and_moderator(backend, dir.path()).await;
    let g = group(&a, &steward, "Saatgut Vaduz").await;

    let rejected = ok(
        &steward
            .call(
                &a,
                "POST",
                "/api/v1/resources",
                Some(resource(
                    g,
                    "Tauschregal",
                    "public_bookcase",
                    9.5215,
                    47.141,
                )),
            )
            .await,
        "register",
    );
    let rid = rejected["id"].as_i64().expect("id");
    ok(
        &moderator
            .call(
                &a,
                "POST",
                &format!("/api/v1/moderation/resources/{rid}/decision"),
                Some(json!({"revision": 1, "decision": "reject", "reason": "a duplicate"})),
            )
            .await,
        "reject",
    );
    assert_eq!(
        fetch(&a, &format!("/api/v1/resources/{rid}"), &[])
            .await
            .status,
        404
    );
    assert!(
        !fetch(&a, "/api/v1/places?name=Tauschregal", &[])
            .await
            .text()
            .contains("Tauschregal")
    );
    assert!(
        !tile_names(&a, 9.5215, 47.141)
            .await
            .contains(&"Tauschregal".to_string())
    );

    // Nor in access answers or exports.
    let near = fetch(
        &a,
        "/api/v1/access/nearest?lon=9.5215&lat=47.141&category=public_bookcase&limit=50",
        &[],
    )
    .await
    .text();
    assert!(!near.contains("Tauschregal"), "{near}");
    assert!(
        !fetch(&a, "/api/v1/exports/commons.geojson", &[])
            .await
            .text()
            .contains("Tauschregal")
    );
    assert!(
        !fetch(&a, "/api/v1/exports/commons.csv", &[])
            .await
            .text()
            .contains("Tauschregal")
    );
    assert!(
        !commons_tile_names(&a, 9.5215, 47.141)
            .await
            .contains(&"Tauschregal".to_string())
    );

    // A sensitive entry: public only as its fixed coarse cell.
    let mut body = resource(
        g,
        "Lernraum im Keller",
        "community_centre",
        9.52157,
        47.14102,
    );
    body["sensitive"] = json!(true);
    let s = ok(
        &steward
            .call(&a, "POST", "/api/v1/resources", Some(body))
            .await,
        "register",
    );
    let sid = s["id"].as_i64().expect("id");
    moderator
        .approve(
            &a,
            &format!("/api/v1/moderation/resources/{sid}/decision"),
            1,
        )
        .await;
    let public = ok(
        &fetch(&a, &format!("/api/v1/resources/{sid}"), &[]).await,
        "public",
    );
    let shown = &public["content"]["location"]["coordinates"];
    let cell = learnscape_core::commons::coarse_cell_centre(LonLat::new(9.52157, 47.14102));
    assert!(
        (shown[0].as_f64().unwrap_or(0.0) - cell.lon).abs() < 1e-6
            && (shown[1].as_f64().unwrap_or(0.0) - cell.lat).abs() < 1e-6,
        "{shown}"
    );
    let again = ok(
        &fetch(&a, &format!("/api/v1/resources/{sid}"), &[]).await,
        "public",
    );
    assert_eq!(
        again["content"]["location"], public["content"]["location"],
        "the same cell every time"
    );
    let export = fetch(&a, "/api/v1/exports/commons.geojson", &[])
        .await
        .text();
    assert!(!export.contains("9.52157") && !export.contains("47.14102"));
    let private = ok(
        &steward
            .call(&a, "GET", &format!("/api/v1/resources/{sid}"), None)
            .await,
        "private",
    );
    assert_eq!(
        private["content"]["location"]["coordinates"],
        json!([9.52157, 47.14102])
    );
}

async fn two_edits_on_one_revision_one_wins_the_other_gets_409(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let state = app::liechtenstein_state(backend, dir.path()).await;
    let store = state.store.clone();
    let a = app::serve(state).await;
    let steward = person(&a, store.as_ref(), "s@example.org", Role::Member).await;
    let other: Person = person(&a, store.as_ref(), "o@example.org", Role::Member).await;
    let g = group(&a, &steward, "Werkstatt").await;
    ok(
        &steward
            .call(
                &a,
                "POST",
                &format!("/api/v1/groups/{g}/stewards"),
                Some(json!({"email": other.email})),
            )
            .await,
        "steward",
    );
    let r = ok(
        &steward
            .call(
                &a,
                "POST",
                "/api/v1/resources",
                Some(resource(g, "Werkstatt", "makerspace", 9.5215, 47.141)),
            )
            .await,
        "register",
    );
    let path = format!("/api/v1/resources/{}", r["id"]);

    for round in 0..5 {
        let base = ok(&steward.call(&a, "GET", &path, None).await, "read")["head_revision"]
            .as_i64()
            .expect("head");
        let edit = |who: &str| {
            let mut b = resource(
                g,
                &format!("Werkstatt {who} {round}"),
                "makerspace",
                9.5215,
                47.141,
            );
            b["base_revision"] = json!(base);
            b
        };
        let (x, y) = tokio::join!(
            steward.call(&a, "PUT", &path, Some(edit("A"))),
            other.call(&a, "PUT", &path, Some(edit("B"))),
        );
        let mut statuses = [x.status, y.status];
        statuses.sort_unstable();
        assert_eq!(
            statuses,
            [200, 409],
            "round {round}: {} / {}",
            x.text(),
            y.text()
        );
        let winner = if x.status == 200 { "A" } else { "B" };
        let now = ok(&steward.call(&a, "GET", &path, None).await, "read");
        assert_eq!(
            now["head_revision"].as_i64(),
            Some(base + 1),
            "exactly one new revision"
        );
        assert_eq!(
            now["content"]["name"],
            format!("Werkstatt {winner} {round}"),
            "the winner's edit, whole"
        );
        let loser = if x.status == 409 { &x } else { &y };
        assert_eq!(loser.json()["current_revision"].as_i64(), Some(base + 1));
    }
}

async fn moving_an_approved_resource_moves_it_everywhere_once_approved(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let (a, steward, moderator) = steward_and_moderator(backend, dir.path()).await;
    let g = group(&a, &steward, "Werkstatt").await;
    let vaduz = (9.5215, 47.141);
    let r = ok(
        &steward
            .call(
                &a,
                "POST",
                "/api/v1/resources",
                Some(resource(
                    g,
                    "Wanderwerkstatt",
                    "makerspace",
                    vaduz.0,
                    vaduz.1,
                )),
            )
            .await,
        "register",
    );
    let path = format!("/api/v1/resources/{}", r["id"]);
    let decision = format!("/api/v1/moderation/resources/{}/decision", r["id"]);
    moderator.approve(&a, &decision, 1).await;
    assert!(
        commons_tile_names(&a, vaduz.0, vaduz.1)
            .await
            .contains(&"Wanderwerkstatt".to_string())
    );

    // Moved to Balzers: still in Vaduz until the move is approved.
    let mut moved = resource(g, "Wanderwerkstatt", "makerspace", BALZERS.0, BALZERS.1);
    moved["base_revision"] = json!(1);
    ok(&steward.call(&a, "PUT", &path, Some(moved)).await, "move");
    assert!(
        commons_tile_names(&a, vaduz.0, vaduz.1)
            .await
            .contains(&"Wanderwerkstatt".to_string())
    );
    assert!(
        !commons_tile_names(&a, BALZERS.0, BALZERS.1)
            .await
            .contains(&"Wanderwerkstatt".to_string())
    );
    moderator.approve(&a, &decision, 2).await;
    assert!(
        !commons_tile_names(&a, vaduz.0, vaduz.1)
            .await
            .contains(&"Wanderwerkstatt".to_string())
    );
    assert!(
        !tile_names(&a, vaduz.0, vaduz.1)
            .await
            .contains(&"Wanderwerkstatt".to_string())
    );
    assert!(
        commons_tile_names(&a, BALZERS.0, BALZERS.1)
            .await
            .contains(&"Wanderwerkstatt".to_string())
    );
    assert_eq!(
        nearest_first(&a, BALZERS.0, BALZERS.1).await.as_deref(),
        Some("Wanderwerkstatt")
    );
    // From Vaduz it is now a Balzers walk away, not around the corner.
    let from_vaduz = |m: Value| {
        m["facilities"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|f| f["name"] == "Wanderwerkstatt")
            .and_then(|f| f["minutes"].as_f64())
    };
    let q = format!(
        "/api/v1/access/nearest?lon={}&lat={}&category=makerspace&limit=50",
        vaduz.0, vaduz.1
    );
    let minutes = from_vaduz(fetch(&a, &q, &[]).await.json()).expect("still reachable");
    assert!(minutes > 60.0, "{minutes} min from Vaduz to Balzers");
}

/// A garden registered as its outline: from z14 both layers draw the
/// outline, followed by one point marked `label_point` where the map rings
/// and names it; below z14 it is that point alone.
async fn an_outline_resource_is_drawn_with_one_label_point(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let (a, steward, moderator) = steward_and_moderator(backend, dir.path()).await;
    let g = group(&a, &steward, "Gartengruppe").await;
    let (lon, lat) = BALZERS;
    let (w, e, s, n) = (lon - 0.0004, lon + 0.0004, lat - 0.0003, lat + 0.0003);
    let mut garden = resource(
        g,
        "Gemeinschaftsgarten Balzers",
        "community_garden",
        lon,
        lat,
    );
    garden["location"] =
        json!({"type": "Polygon", "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]});
    let r = ok(
        &steward
            .call(&a, "POST", "/api/v1/resources", Some(garden))
            .await,
        "register",
    );
    let decision = format!("/api/v1/moderation/resources/{}/decision", r["id"]);
    moderator.approve(&a, &decision, 1).await;

    let shapes = |body: &[u8]| -> Vec<(u64, bool)> {
        mvt_decode::features_with_geometry(body)
            .expect("a valid tile")
            .into_iter()
            .filter(|((_, p), _, _)| p.get("name") == Some(&json!("Gemeinschaftsgarten Balzers")))
            .map(|((_, p), tp, _)| (tp, p.get("label_point") == Some(&json!(true))))
            .collect()
    };
    for layer in ["places", "commons"] {
        let z14 = fetch(&a, &tile_path(layer, lon, lat, 14), &[]).await;
        assert_eq!(shapes(&z14.body), [(3, false), (1, true)], "{layer} at z14");
        let z13 = fetch(&a, &tile_path(layer, lon, lat, 13), &[]).await;
        assert_eq!(shapes(&z13.body), [(1, false)], "{layer} at z13");
    }
}

/// A planner's "what if a makerspace opened here?" predicts what the
/// gap figures show once a group registers one there and it is approved,
/// and "what if it closed?" what they show once it is archived.
async fn a_candidate_site_predicts_what_an_approval_then_shows(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let (a, steward, moderator) = steward_and_moderator(backend, dir.path()).await;
    let (lon, lat) = BALZERS;
    let ask =
        format!("/api/v1/access/candidate?lon={lon}&lat={lat}&category=makerspace&minutes=15");
    let before = ok(&fetch(&a, &ask, &[]).await, "candidate");
    let newly = before["newly_covered"].as_f64().expect("newly_covered");
    let within = before["residents_within"]
        .as_f64()
        .expect("residents_within");
    assert!(newly > 100.0 && newly <= within, "{before}");
    let first = &before["neighbourhoods"][0];
    assert_eq!(first["name"], "Balzers", "{before}");
    let balzers_before = balzers_uncovered(&a).await;
    assert_eq!(first["uncovered_before"].as_f64(), Some(balzers_before));
    let by_area: f64 = before["neighbourhoods"]
        .as_array()
        .expect("neighbourhoods")
        .iter()
        .filter_map(|n| n["newly_covered"].as_f64())
        .sum();
    assert!(by_area <= newly + 0.5, "{before}");
    let overall = |gaps: Value| gaps["overall"]["uncovered"].as_f64().expect("overall");
    let gaps_path = "/api/v1/gaps?category=makerspace&minutes=15";
    let gaps_now = fetch(&a, gaps_path, &[]).await.json();
    assert_eq!(
        before["uncovered_before"].as_f64(),
        Some(overall(gaps_now.clone()))
    );
    // Supply per resident: as the figures say now, and more with it.
    let supply = |v: &Value, field: &str| v[field].as_f64().expect(field);
    assert_eq!(
        before["e2sfca_now"].as_f64(),
        gaps_now["overall"]["e2sfca_per_10k"].as_f64()
    );
    assert_eq!(before["e2sfca_before"], before["e2sfca_now"]);
    let added = supply(&before, "e2sfca_after") - supply(&before, "e2sfca_before");
    assert!(added > 0.0, "{before}");
    assert_eq!(
        first["e2sfca_before"].as_f64(),
        Some(balzers_figure(&a, "e2sfca_per_10k").await)
    );
    assert!(supply(first, "e2sfca_after") > supply(first, "e2sfca_before"));
    // The best site gains at least as much, and what it claims; with the
    // Balzers one planned, the best next site too.
    let best_site = |a: String, planned: String| async move {
        let best = ok(
            &fetch(
                &a,
                &format!("/api/v1/access/best-site?category=makerspace&minutes=15{planned}"),
                &[],
            )
            .await,
            "best site",
        );
        let site = best["site"].as_array().expect("a site").clone();
        let claimed = best["newly_covered"].as_f64().expect("newly_covered");
        let there = format!(
            "/api/v1/access/candidate?lon={}&lat={}&category=makerspace&minutes=15{planned}",
            site[0], site[1]
        );
        let answer = ok(&fetch(&a, &there, &[]).await, "candidate at the best site");
        let gains = answer["newly_covered"].as_f64().expect("newly_covered");
        assert!(
            (claimed - gains).abs() <= 0.11,
            "claims {claimed}, gains {gains}"
        );
        (site, claimed, answer)
    };
    let (_, best_before, _) = best_site(a.clone(), String::new()).await;
    assert!(
        best_before >= newly - 0.1,
        "{best_before} at best, {newly} in Balzers"
    );
    let with_balzers = format!("&planned={lon},{lat}");
    let (next_site, next_claim, next) = best_site(a.clone(), with_balzers).await;
    assert_eq!(next["planned"]["sites"], 1, "{next}");
    let close = |a: f64, b: f64| (a - b).abs() <= 0.11;
    let planned_gain = next["planned"]["newly_covered"].as_f64().expect("planned");
    assert!(
        close(planned_gain, newly),
        "{planned_gain} planned, {newly} alone"
    );
    let after_balzers = before["uncovered_after"].as_f64().expect("uncovered_after");
    assert!(
        close(
            next["uncovered_before"].as_f64().expect("before"),
            after_balzers
        ),
        "{next}"
    );
    // A planned site beyond every street serves nobody, and is named.
    let off_plan = ok(
        &fetch(&a, &format!("{ask}&planned=9.0,47.0"), &[]).await,
        "planned off the network",
    );
    assert_eq!(off_plan["planned"]["off_network"], json!([1]), "{off_plan}");
    assert_eq!(off_plan["newly_covered"], before["newly_covered"]);
    let malformed = fetch(&a, &format!("{ask}&planned=9.5"), &[]).await;
    assert_eq!(malformed.status, 400);
    // Far from any street: no walk, no made-up gain.
    let off = fetch(
        &a,
        "/api/v1/access/candidate?lon=9.0&lat=47.0&category=makerspace",
        &[],
    )
    .await;
    assert_eq!(ok(&off, "off the network")["reachable"], false);

    let g = group(&a, &steward, "Werkstatt Balzers").await;
    let r = ok(
        &steward
            .call(
                &a,
                "POST",
                "/api/v1/resources",
                Some(resource(g, "Werkstatt", "makerspace", lon, lat)),
            )
            .await,
        "register",
    );
    let decision = format!("/api/v1/moderation/resources/{}/decision", r["id"]);
    moderator.approve(&a, &decision, 1).await;

    let after = overall(fetch(&a, gaps_path, &[]).await.json());
    let predicted = before["uncovered_after"].as_f64().expect("uncovered_after");
    assert!(
        close(after, predicted),
        "{after} left out now, {predicted} predicted"
    );
    let balzers_after = balzers_uncovered(&a).await;
    let predicted = first["uncovered_after"].as_f64().expect("Balzers after");
    assert!(
        close(balzers_after, predicted),
        "Balzers: {balzers_after} against {predicted}"
    );
    // And the supply per resident it predicted (to the answers' rounding).
    let gaps_after = fetch(&a, gaps_path, &[]).await.json();
    let near = |a: f64, b: f64| (a - b).abs() <= 0.002;
    let overall_supply = gaps_after["overall"]["e2sfca_per_10k"]
        .as_f64()
        .expect("supply");
    assert!(
        near(overall_supply, supply(&before, "e2sfca_after")),
        "{overall_supply} against {before}"
    );
    let balzers_supply = balzers_figure(&a, "e2sfca_per_10k").await;
    assert!(
        near(balzers_supply, supply(first, "e2sfca_after")),
        "Balzers: {balzers_supply} against {first}"
    );
    // With one more makerspace, the best site is found anew: the one the
    // plan with it found, gaining what the plan said it would.
    let (site_after, best_after, answer_after) = best_site(a.clone(), String::new()).await;
    assert_eq!(site_after, next_site);
    assert!(
        close(best_after, next_claim),
        "{best_after} after, {next_claim} planned"
    );
    assert!(
        close(
            answer_after["uncovered_after"].as_f64().expect("after"),
            next["uncovered_after"].as_f64().expect("planned after")
        ),
        "{answer_after} against {next}"
    );
    // A second one on the same spot brings nobody more within the walk,
    // and adds as much supply as the first: its catchment is the same.
    let again = ok(&fetch(&a, &ask, &[]).await, "candidate again");
    assert_eq!(again["newly_covered"].as_f64(), Some(0.0), "{again}");
    let listed = again["neighbourhoods"].as_array().expect("neighbourhoods");
    assert!(!listed.is_empty(), "{again}");
    assert!(
        listed.iter().all(|n| n["newly_covered"] == json!(0.0)),
        "{again}"
    );
    let added_again = supply(&again, "e2sfca_after") - supply(&again, "e2sfca_before");
    assert!(near(added_again, added), "{added_again} against {added}");

    // "What if it closed?": the residents it alone brought within the walk,
    // and its supply per resident; then archived, the figures say so.
    let id = Resource::place_id(ResourceId(r["id"].as_i64().expect("id")));
    let closing = ok(
        &fetch(
            &a,
            &format!("/api/v1/access/closure?place={}&minutes=15", id.0),
            &[],
        )
        .await,
        "closure",
    );
    assert_eq!(closing["category"], "makerspace", "{closing}");
    let left_out = closing["left_out"].as_f64().expect("left_out");
    assert!(
        close(left_out, newly),
        "{left_out} left out, {newly} gained"
    );
    let within_after = closing["residents_within"].as_f64().expect("within");
    assert!(close(within_after, within), "{closing}");
    assert!(
        close(supply(&closing, "e2sfca_now"), overall_supply),
        "{closing}"
    );
    assert!(
        near(
            supply(&closing, "e2sfca_after"),
            supply(&before, "e2sfca_now")
        ),
        "{closing} against {before}"
    );
    let balzers_closing = &closing["neighbourhoods"][0];
    assert_eq!(balzers_closing["name"], "Balzers", "{closing}");
    // Ranked among the makerspaces, it says what its closure says.
    let relied = ok(
        &fetch(
            &a,
            "/api/v1/access/reliance?category=makerspace&minutes=15",
            &[],
        )
        .await,
        "reliance",
    );
    let ranked = (relied["places"].as_array().expect("places").iter())
        .find(|p| p["id"] == json!(id.0))
        .expect("the approved makerspace is ranked");
    assert_eq!(ranked["left_out"], closing["left_out"], "{relied}");
    assert_eq!(
        ranked["residents_within"], closing["residents_within"],
        "{relied}"
    );
    assert_eq!(ranked["neighbourhood"]["name"], "Balzers", "{relied}");
    // The map's dots: where those within its walk live, and those left out.
    let homes_path = format!(
        "/api/v1/access/closure?place={}&minutes=15&format=geojson",
        id.0
    );
    let homes = homes_of(&a, &homes_path).await;
    assert!(homes.count > 0 && homes.left_out > 0.0, "{homes:?}");
    assert!(
        homes.near(homes.within, within),
        "{homes:?}: {within} within"
    );
    assert!(
        homes.near(homes.left_out, left_out),
        "{homes:?}: {left_out} left out"
    );
    // Moved a street away, nobody need be left out: a new one planned
    // where it stands reaches all it reached.
    let moved = ok(
        &fetch(
            &a,
            &format!(
                "/api/v1/access/closure?place={}&minutes=15&planned={lon},{lat}",
                id.0
            ),
            &[],
        )
        .await,
        "closure with a new one planned there",
    );
    assert_eq!(moved["planned"]["sites"], 1, "{moved}");
    assert_eq!(moved["left_out"].as_f64(), Some(0.0), "{moved}");
    assert_eq!(moved["uncovered_before"], moved["uncovered_now"], "{moved}");
    assert_eq!(moved["uncovered_after"], moved["uncovered_now"], "{moved}");
    let moved_homes = homes_of(&a, &format!("{homes_path}&planned={lon},{lat}")).await;
    assert!(
        moved_homes.near(moved_homes.within, within),
        "{moved_homes:?}"
    );
    assert_eq!(moved_homes.left_out, 0.0, "{moved_homes:?}");
    ok(
        &steward
            .call(
                &a,
                "POST",
                &format!("/api/v1/resources/{}/archive", r["id"]),
                Some(json!({"reason": "closed"})),
            )
            .await,
        "archive",
    );
    let gaps_closed = fetch(&a, gaps_path, &[]).await.json();
    let predicted = closing["uncovered_after"].as_f64().expect("after");
    assert!(
        close(overall(gaps_closed.clone()), predicted),
        "{gaps_closed} against {closing}"
    );
    let closed_supply = gaps_closed["overall"]["e2sfca_per_10k"]
        .as_f64()
        .expect("supply");
    assert!(
        near(closed_supply, supply(&closing, "e2sfca_after")),
        "{closed_supply} against {closing}"
    );
    let balzers_closed = balzers_uncovered(&a).await;
    let predicted = balzers_closing["uncovered_after"].as_f64().expect("after");
    assert!(
        close(balzers_closed, predicted),
        "Balzers: {balzers_closed} against {predicted}"
    );
    // Gone, it can be asked about no more.
    let gone = fetch(&a, &format!("/api/v1/access/closure?place={}", id.0), &[]).await;
    assert_eq!(gone.status, 404);
    let unasked = fetch(&a, "/api/v1/access/closure?minutes=15", &[]).await;
    assert_eq!(unasked.status, 400);
}

learnscape_tests::on_every_backend!(
    a_candidate_site_predicts_what_an_approval_then_shows,
    an_outline_resource_is_drawn_with_one_label_point,
    a_resource_from_registration_to_archive,
    rejected_and_sensitive_entries_show_only_what_they_may,
    two_edits_on_one_revision_one_wins_the_other_gets_409,
    moving_an_approved_resource_moves_it_everywhere_once_approved,
);
