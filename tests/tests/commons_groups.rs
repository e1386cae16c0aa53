//! Stewarding a group together, over a real socket, on both stores: its
//! stewards add one another by e-mail and see each other by name (never
//! by address), rename and describe the group, and remove one another or
//! step down — but the last steward stays unless a moderator ends it.
//! Nobody else changes the group; moderators see every group's stewards.

use learnscape_core::commons::{GroupId, Role, UserId};
use learnscape_tests::app::{self, Backend};
use learnscape_tests::commons::{Person, group, person};
use learnscape_tests::http::Response;
use serde_json::{Value, json};

/// The stewards an answer names: (id, name) in the order they joined.
fn named(r: &Response) -> Vec<(i64, String)> {
    r.json()["steward_accounts"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|s| {
                    let id = s["id"].as_i64().unwrap_or_default();
                    (id, s["display_name"].as_str().unwrap_or_default().into())
                })
                .collect()
        })
        .unwrap_or_default()
}

fn who(p: &Person) -> (i64, String) {
    (p.id, p.email.split('@').next().unwrap_or_default().into())
}

async fn my_groups(a: &str, p: &Person) -> Vec<String> {
    let r = p.call(a, "GET", "/api/v1/me", None).await;
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["groups"]
        .as_array()
        .map(|gs| {
            gs.iter()
                .filter_map(|g| g["name"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

async fn stewards_share_a_group_and_the_last_one_stays(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let (a, store) = app::serve_empty(backend, dir.path()).await;
    let ana = person(&a, store.as_ref(), "ana@example.org", Role::Member).await;
    let bo = person(&a, store.as_ref(), "bo@example.org", Role::Member).await;
    let cy = person(&a, store.as_ref(), "cy@example.org", Role::Member).await;
    let mo = person(&a, store.as_ref(), "mo@example.org", Role::Moderator).await;
    let g = group(&a, &ana, "Repair Café").await;
    group(&a, &cy, "Saatgut").await;
    let path = format!("/api/v1/groups/{g}");
    let stewards_path = format!("/api/v1/groups/{g}/stewards");
    let without = |p: &Person| format!("/api/v1/groups/{g}/stewards/{}", p.id);

    // Ana adds Bo by his address, however typed; the answer names both.
    let r = ana
        .call(
            &a,
            "POST",
            &stewards_path,
            Some(json!({"email": " BO@example.org "})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(named(&r), [who(&ana), who(&bo)]);
    assert!(
        !r.text().contains("@example.org"),
        "no addresses: {}",
        r.text()
    );
    let r = ana
        .call(
            &a,
            "POST",
            &stewards_path,
            Some(json!({"email": "nobody@example.org"})),
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(r.json()["errors"][0]["field"], "email");
    assert_eq!(my_groups(&a, &bo).await, ["Repair Café"]);
    let me = bo.call(&a, "GET", "/api/v1/me", None).await.json();
    assert_eq!(
        me["groups"][0]["steward_accounts"][1],
        json!({"id": bo.id, "display_name": "bo"})
    );

    // Bo renames and describes it; everyone sees the new name.
    let r = bo
        .call(
            &a,
            "PUT",
            &path,
            Some(json!({"name": " Repair Café Vaduz ", "description": "Jeden ersten Samstag"})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        (&r.json()["name"], &r.json()["description"]),
        (&json!("Repair Café Vaduz"), &json!("Jeden ersten Samstag"))
    );
    let public = ana.call(&a, "GET", "/api/v1/groups", None).await.json();
    assert_eq!(public["groups"][0]["name"], "Repair Café Vaduz");
    // A name another group has, an empty one, a missing description: refused.
    let r = bo
        .call(
            &a,
            "PUT",
            &path,
            Some(json!({"name": "Saatgut", "description": ""})),
        )
        .await;
    assert_eq!(r.status, 409, "{}", r.text());
    let r = bo
        .call(
            &a,
            "PUT",
            &path,
            Some(json!({"name": "  ", "description": "x".repeat(2001)})),
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text());
    let fields: Vec<Value> = r.json()["errors"]
        .as_array()
        .map(|e| e.iter().map(|e| e["field"].clone()).collect())
        .unwrap_or_default();
    assert_eq!(
        fields,
        [json!("name"), json!("description")],
        "{}",
        r.text()
    );
    let r = bo
        .call(&a, "PUT", &path, Some(json!({"name": "Ohne Beschreibung"})))
        .await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(r.json()["errors"][0]["field"], "description");
    let read = store.group(GroupId(g)).await.expect("group");
    assert_eq!(
        (read.name.as_str(), read.description.as_str()),
        ("Repair Café Vaduz", "Jeden ersten Samstag")
    );

    // Cy stewards another group, not this one: she changes nothing here.
    for (method, p, body) in [
        (
            "PUT",
            path.clone(),
            Some(json!({"name": "Cys", "description": ""})),
        ),
        (
            "POST",
            stewards_path.clone(),
            Some(json!({"email": "cy@example.org"})),
        ),
        ("DELETE", without(&bo), None),
    ] {
        let r = cy.call(&a, method, &p, body).await;
        assert_eq!(r.status, 403, "{method} {p}: {}", r.text());
    }
    let r = ana.call(&a, "DELETE", &without(&cy), None).await;
    assert_eq!(r.status, 404, "not a steward: {}", r.text());

    // Bo removes Ana; she no longer stewards it, nor changes it.
    let r = bo.call(&a, "DELETE", &without(&ana), None).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(named(&r), [who(&bo)]);
    assert!(my_groups(&a, &ana).await.is_empty());
    let r = ana
        .call(
            &a,
            "PUT",
            &path,
            Some(json!({"name": "Zurück", "description": ""})),
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.text());

    // Bo, the last steward, cannot step down: the answer says what to do.
    let r = bo.call(&a, "DELETE", &without(&bo), None).await;
    assert_eq!(r.status, 409, "{}", r.text());
    assert!(r.text().contains("add another"), "{}", r.text());
    assert_eq!(
        store.group(GroupId(g)).await.expect("group").stewards,
        [UserId(bo.id)]
    );
    // He adds Cy, then steps down himself.
    let r = bo
        .call(
            &a,
            "POST",
            &stewards_path,
            Some(json!({"email": "cy@example.org"})),
        )
        .await;
    assert_eq!(named(&r), [who(&bo), who(&cy)]);
    let r = bo.call(&a, "DELETE", &without(&bo), None).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(my_groups(&a, &bo).await, Vec::<String>::new());
    assert_eq!(my_groups(&a, &cy).await, ["Repair Café Vaduz", "Saatgut"]);

    // A moderator may end the last stewardship (one gone rogue, say).
    let r = mo.call(&a, "DELETE", &without(&cy), None).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(named(&r), []);
    assert_eq!(my_groups(&a, &cy).await, ["Saatgut"]);
    // Moderators see every group and its stewards, those without one
    // first, and give it a steward again. Members do not.
    let r = mo.call(&a, "GET", "/api/v1/moderation/groups", None).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let listed: Vec<(String, usize)> = r.json()["groups"]
        .as_array()
        .map(|gs| {
            gs.iter()
                .map(|g| {
                    let name = g["name"].as_str().unwrap_or_default().to_string();
                    let stewards = g["steward_accounts"].as_array().map_or(99, Vec::len);
                    (name, stewards)
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        listed,
        [
            ("Repair Café Vaduz".to_string(), 0),
            ("Saatgut".to_string(), 1)
        ]
    );
    let r = cy.call(&a, "GET", "/api/v1/moderation/groups", None).await;
    assert_eq!(r.status, 403, "{}", r.text());
    let r = mo
        .call(
            &a,
            "POST",
            &stewards_path,
            Some(json!({"email": "bo@example.org"})),
        )
        .await;
    assert_eq!(named(&r), [who(&bo)]);
    let r = mo
        .call(
            &a,
            "PUT",
            &path,
            Some(json!({"name": "Repair Café Vaduz", "description": "Sucht Leute"})),
        )
        .await;
    assert_eq!(r.status, 200, "moderators change it still: {}", r.text());
}

learnscape_tests::on_every_backend!(stewards_share_a_group_and_the_last_one_stays);
