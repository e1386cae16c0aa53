//! Who moderates, over a real socket, on both stores: admins see everyone
//! who moderates and give or take roles by e-mail address; members and
//! moderators cannot. The last admin stays one, whether through a role
//! change or by erasing the account.

use learnscape_core::commons::Role;
use learnscape_server::app::commons::roles::LAST_ADMIN;
use learnscape_tests::app::{self, Backend};
use learnscape_tests::commons::{Person, person};
use learnscape_tests::http::Response;
use serde_json::json;

/// (name, role) of each account `GET /api/v1/roles` lists, in its order.
async fn staff(a: &str, admin: &Person) -> Vec<(String, String)> {
    let r = admin.call(a, "GET", "/api/v1/roles", None).await;
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["accounts"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|x| {
                    let name = x["display_name"].as_str().unwrap_or_default();
                    (
                        name.to_string(),
                        x["role"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

async fn give(a: &str, by: &Person, email: &str, role: &str) -> Response {
    by.call(
        a,
        "PUT",
        "/api/v1/roles",
        Some(json!({"email": email, "role": role})),
    )
    .await
}

async fn erase(a: &str, p: &Person) -> Response {
    let body = json!({"password": "a long enough password"});
    p.call(a, "DELETE", "/api/v1/me", Some(body)).await
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(n, r)| (n.to_string(), r.to_string()))
        .collect()
}

async fn admins_give_roles_by_address_and_the_last_admin_stays(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let (a, store) = app::serve_empty(backend, dir.path()).await;
    let zoe = person(&a, store.as_ref(), "zoe@example.org", Role::Admin).await;
    let ana = person(&a, store.as_ref(), "ana@example.org", Role::Member).await;
    let mo = person(&a, store.as_ref(), "mo@example.org", Role::Moderator).await;

    assert_eq!(
        staff(&a, &zoe).await,
        pairs(&[("zoe", "admin"), ("mo", "moderator")])
    );
    // Members and moderators neither see nor change roles.
    for p in [&ana, &mo] {
        assert_eq!(p.call(&a, "GET", "/api/v1/roles", None).await.status, 403);
        let r = give(&a, p, "ana@example.org", "admin").await;
        assert_eq!(r.status, 403, "{}", r.text());
    }

    // Zoe makes Ana a moderator by her address, however typed: Ana now
    // sees the moderation queue.
    assert_eq!(
        ana.call(&a, "GET", "/api/v1/moderation/queue", None)
            .await
            .status,
        403
    );
    let r = give(&a, &zoe, " ANA@example.org ", "moderator").await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["role"], "moderator");
    assert_eq!(
        ana.call(&a, "GET", "/api/v1/moderation/queue", None)
            .await
            .status,
        200
    );
    let r = give(&a, &zoe, "nobody@example.org", "moderator").await;
    assert_eq!(
        (r.status, &r.json()["errors"][0]["field"]),
        (422, &json!("email"))
    );
    let r = give(&a, &zoe, "ana@example.org", "king").await;
    assert_eq!(
        (r.status, &r.json()["errors"][0]["field"]),
        (422, &json!("role"))
    );

    // Zoe is the only admin: she cannot stop being one, by either route,
    // nor erase her account.
    let r = give(&a, &zoe, "zoe@example.org", "moderator").await;
    assert_eq!(r.status, 409, "{}", r.text());
    assert!(r.text().contains(LAST_ADMIN), "{}", r.text());
    let r = zoe
        .call(
            &a,
            "PUT",
            &format!("/api/v1/accounts/{}/role", zoe.id),
            Some(json!({"role": "member"})),
        )
        .await;
    assert_eq!(r.status, 409, "{}", r.text());
    let r = erase(&a, &zoe).await;
    assert_eq!(r.status, 409, "{}", r.text());
    assert!(r.text().contains("last admin"), "{}", r.text());
    assert_eq!(zoe.call(&a, "GET", "/api/v1/me", None).await.status, 200);

    // With Ana an admin too, Zoe may step back; admins are listed first.
    assert_eq!(give(&a, &zoe, "ana@example.org", "admin").await.status, 200);
    assert_eq!(
        staff(&a, &zoe).await,
        pairs(&[("ana", "admin"), ("zoe", "admin"), ("mo", "moderator")])
    );
    let r = give(&a, &zoe, "zoe@example.org", "member").await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(zoe.call(&a, "GET", "/api/v1/roles", None).await.status, 403);
    assert_eq!(
        staff(&a, &ana).await,
        pairs(&[("ana", "admin"), ("mo", "moderator")])
    );
    // Now Ana is the last admin.
    let r = erase(&a, &ana).await;
    assert_eq!(r.status, 409, "{}", r.text());
}

learnscape_tests::on_every_backend!(admins_give_roles_by_address_and_the_last_admin_stays);
