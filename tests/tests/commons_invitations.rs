//! Inviting someone to steward a group by a link, over a real socket, on
//! both stores: a steward makes a link (its secret shown once), anyone
//! holding it reads what it invites to, and one person, signed in, accepts
//! it and stewards the group; then it is used up. Stewards list and
//! withdraw their links; strangers do neither.

use chrono::DateTime;
use learnscape_core::commons::Role;
use learnscape_tests::app::{self, Backend};
use learnscape_tests::commons::{Person, group, person};
use learnscape_tests::http::{Response, send};
use serde_json::{Value, json};

fn stewards(r: &Response) -> Vec<String> {
    (r.json()["steward_accounts"]
        .as_array()
        .into_iter()
        .flatten())
    .filter_map(|s| s["display_name"].as_str().map(str::to_string))
    .collect()
}

async fn open_links(a: &str, p: &Person, g: i64) -> Vec<i64> {
    let r = p
        .call(a, "GET", &format!("/api/v1/groups/{g}/invitations"), None)
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    (r.json()["invitations"].as_array().into_iter().flatten())
        .filter_map(|i| i["id"].as_i64())
        .collect()
}

async fn preview(a: &str, secret: &str) -> Response {
    send(
        a,
        "POST",
        "/api/v1/invitations/preview",
        &[],
        Some(json!({ "secret": secret })),
    )
    .await
}

async fn accept(a: &str, p: &Person, secret: &str) -> Response {
    p.call(
        a,
        "POST",
        "/api/v1/invitations/accept",
        Some(json!({ "secret": secret })),
    )
    .await
}

async fn a_link_makes_one_person_a_steward(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let (a, store) = app::serve_empty(backend, dir.path()).await;
    let ana = person(&a, store.as_ref(), "ana@example.org", Role::Member).await;
    let bo = person(&a, store.as_ref(), "bo@example.org", Role::Member).await;
    let cy = person(&a, store.as_ref(), "cy@example.org", Role::Member).await;
    let mo = person(&a, store.as_ref(), "mo@example.org", Role::Moderator).await;
    let g = group(&a, &ana, "Repair Café").await;
    let links = format!("/api/v1/groups/{g}/invitations");

    // Ana makes a link: its secret is in this answer only.
    let r = ana.call(&a, "POST", &links, None).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let made: Value = r.json();
    let secret = made["secret"].as_str().expect("secret").to_string();
    assert!(secret.len() == 64 && secret.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(made["invited_by"]["display_name"], "ana");
    let time = |k: &str| DateTime::parse_from_rfc3339(made[k].as_str().unwrap_or_default());
    let lifetime = time("expires_at").expect("expires") - time("created_at").expect("created");
    assert_eq!(lifetime.num_days(), 7);
    let listed = ana.call(&a, "GET", &links, None).await;
    assert_eq!(
        open_links(&a, &ana, g).await,
        [made["id"].as_i64().expect("id")]
    );
    assert!(!listed.text().contains(&secret), "never listed again");

    // Strangers neither make, list nor withdraw links; nobody unsigned does.
    let one = format!("{links}/{}", made["id"]);
    for (method, path) in [("POST", &links), ("GET", &links), ("DELETE", &one)] {
        assert_eq!(
            cy.call(&a, method, path, None).await.status,
            403,
            "{method} {path}"
        );
        assert_eq!(send(&a, method, path, &[], None).await.status, 401);
    }

    // Whoever holds it reads what it invites to, without an account.
    let r = preview(&a, &secret).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["group"]["name"], "Repair Café");
    assert_eq!(r.json()["invited_by"], "ana");
    assert!(
        !r.text().contains("@example.org"),
        "no addresses: {}",
        r.text()
    );
    for wrong in ["nonsense", &"0".repeat(64)] {
        assert_eq!(preview(&a, wrong).await.status, 404, "{wrong}");
        assert_eq!(accept(&a, &bo, wrong).await.status, 404, "{wrong}");
    }
    let r = send(
        &a,
        "POST",
        "/api/v1/invitations/accept",
        &[],
        Some(json!({ "secret": secret })),
    )
    .await;
    assert_eq!(r.status, 401, "accepting needs an account");

    // Bo accepts: he stewards the group; the link is used up.
    let r = accept(&a, &bo, &secret).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(stewards(&r), ["ana", "bo"]);
    let r = bo.call(&a, "GET", "/api/v1/me", None).await;
    assert_eq!(r.json()["groups"][0]["name"], "Repair Café");
    let r = accept(&a, &cy, &secret).await;
    assert_eq!(r.status, 409);
    assert!(r.text().contains("accepted already"), "{}", r.text());
    assert_eq!(preview(&a, &secret).await.status, 409);
    assert!(open_links(&a, &ana, g).await.is_empty());

    // A steward who opens a link is told so, and leaves it for its person.
    let second = ana.call(&a, "POST", &links, None).await.json();
    let second_secret = second["secret"].as_str().expect("secret").to_string();
    let r = accept(&a, &bo, &second_secret).await;
    assert_eq!(r.status, 409);
    assert!(r.text().contains("already"), "{}", r.text());
    assert_eq!(
        open_links(&a, &bo, g).await,
        [second["id"].as_i64().expect("id")]
    );

    // Bo withdraws it: nobody can use it, nor withdraw it again.
    let path = format!("{links}/{}", second["id"]);
    let r = bo.call(&a, "DELETE", &path, None).await;
    assert_eq!(r.status, 204, "{}", r.text());
    let r = accept(&a, &cy, &second_secret).await;
    assert_eq!(r.status, 409);
    assert!(r.text().contains("withdrawn"), "{}", r.text());
    assert_eq!(bo.call(&a, "DELETE", &path, None).await.status, 409);
    let unknown = format!("{links}/999999");
    assert_eq!(bo.call(&a, "DELETE", &unknown, None).await.status, 404);
    let r = cy
        .call(&a, "GET", "/api/v1/me", None)
        .await
        .json()
        .to_string();
    assert!(!r.contains("Repair Café"), "cy stewards nothing: {r}");

    // A moderator invites to any group; a group keeps 20 links open at most.
    let r = mo.call(&a, "POST", &links, None).await;
    assert_eq!(r.status, 201, "{}", r.text());
    for _ in 1..20 {
        assert_eq!(ana.call(&a, "POST", &links, None).await.status, 201);
    }
    let r = ana.call(&a, "POST", &links, None).await;
    assert_eq!(r.status, 409);
    assert!(r.text().contains("20 open invitations"), "{}", r.text());
    assert_eq!(open_links(&a, &ana, g).await.len(), 20);
}

learnscape_tests::on_every_backend!(a_link_makes_one_person_a_steward);
