//! A member's own account, over a real socket, on both stores.
//! Changing the password: the current one must be proven, the new one
//! meet the rule, and every other session and token ends with the old
//! password while the session it was changed in goes on; guessing through
//! this form is limited like signing in. Erasing the account: who they
//! were goes, what the commons hold stays.

use learnscape_core::commons::{GroupId, Role, UserId};
use learnscape_tests::app::{self, Backend};
use learnscape_tests::commons::{Person, group, person, resource};
use learnscape_tests::http::{Response, send, until_too_many};
use serde_json::json;

/// `person` signs up with this one.
const OLD: &str = "a long enough password";
const NEW: &str = "another long passphrase";

async fn change(a: &str, p: &Person, current: &str, new: &str) -> Response {
    let cookie = format!("learnscape_session={}", p.session);
    send(
        a,
        "PUT",
        "/api/v1/me/password",
        &[("Cookie", &cookie), ("X-CSRF-Token", &p.csrf)],
        Some(json!({"current_password": current, "new_password": new})),
    )
    .await
}

async fn sign_in(a: &str, email: &str, password: &str) -> Response {
    send(
        a,
        "POST",
        "/api/v1/sessions",
        &[],
        Some(json!({"email": email, "password": password})),
    )
    .await
}

fn fields(r: &Response) -> Vec<String> {
    r.json()["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .filter_map(|e| e["field"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

async fn me_with_session(a: &str, session: &str) -> u16 {
    let cookie = format!("learnscape_session={session}");
    send(a, "GET", "/api/v1/me", &[("Cookie", &cookie)], None)
        .await
        .status
}

async fn a_new_password_ends_every_other_session_and_token(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let (a, store) = app::serve_empty(backend, dir.path()).await;
    let ana = person(&a, store.as_ref(), "ana@example.org", Role::Member).await;
    let bo = person(&a, store.as_ref(), "bo@example.org", Role::Member).await;
    // Ana is also signed in on her phone.
    let phone = sign_in(&a, "ana@example.org", OLD).await;
    assert_eq!(phone.status, 201, "{}", phone.text());
    let phone_session = phone
        .header("set-cookie")
        .and_then(|c| c.split(';').next())
        .and_then(|kv| kv.split_once('='))
        .map(|(_, v)| v.to_string())
        .expect("phone cookie");
    let hash_before = store
        .account_by_email("ana@example.org")
        .await
        .expect("read")
        .expect("ana")
        .password_hash;

    // Refused, each naming the field, and nothing changes.
    let r = change(&a, &ana, "not my password at all", NEW).await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(fields(&r), ["current_password"]);
    let r = change(&a, &ana, OLD, "short").await;
    assert_eq!(fields(&r), ["new_password"], "{}", r.text());
    let r = change(&a, &ana, "wrong and", "short").await;
    assert_eq!(fields(&r), ["current_password", "new_password"]);
    let r = change(&a, &ana, OLD, OLD).await;
    assert_eq!(fields(&r), ["new_password"], "{}", r.text());
    let r = send(
        &a,
        "PUT",
        "/api/v1/me/password",
        &[("Authorization", &ana.bearer())],
        Some(json!({"new_password": NEW})),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(fields(&r), ["current_password"], "a missing field is named");
    let hash_now = |email: &'static str| {
        let store = store.clone();
        async move {
            store
                .account_by_email(email)
                .await
                .expect("read")
                .expect("there")
                .password_hash
        }
    };
    assert_eq!(hash_now("ana@example.org").await, hash_before);
    assert_eq!(me_with_session(&a, &phone_session).await, 200);

    // Changed: the phone's session and the API token end, this one goes on.
    let r = change(&a, &ana, OLD, NEW).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json(), json!({"revoked": 2}), "the phone and the token");
    assert_eq!(me_with_session(&a, &ana.session).await, 200);
    assert_eq!(me_with_session(&a, &phone_session).await, 401);
    let r = ana.call(&a, "GET", "/api/v1/me", None).await;
    assert_eq!(r.status, 401, "the token: {}", r.text());
    assert!(r.text().contains("revoked"), "{}", r.text());
    assert_eq!(sign_in(&a, "ana@example.org", OLD).await.status, 401);
    assert_eq!(sign_in(&a, "ana@example.org", NEW).await.status, 201);
    // Bo's password and credentials are his own.
    assert_eq!(bo.call(&a, "GET", "/api/v1/me", None).await.status, 200);
    assert_eq!(sign_in(&a, "bo@example.org", OLD).await.status, 201);
    assert_ne!(
        hash_now("ana@example.org").await,
        hash_now("bo@example.org").await
    );

    // A stolen session cannot guess on: ten tries a minute, as signing in.
    until_too_many(|| change(&a, &bo, "guess guess guess", "whatever it is now")).await;
    // Even the right password waits out the minute.
    assert_eq!(change(&a, &bo, OLD, NEW).await.status, 429);
    assert_eq!(sign_in(&a, "bo@example.org", OLD).await.status, 201);
}

async fn an_erased_account_leaves_its_groups_resources_and_history(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let (a, store) = app::serve_empty(backend, dir.path()).await;
    let ana = person(&a, store.as_ref(), "ana@example.org", Role::Member).await;
    let bo = person(&a, store.as_ref(), "bo@example.org", Role::Member).await;
    let moderator = person(&a, store.as_ref(), "mod@example.org", Role::Moderator).await;
    let hers = group(&a, &ana, "Nur Ana").await;
    let shared = group(&a, &ana, "Gemeinsam").await;
    let r = ana
        .call(
            &a,
            "POST",
            &format!("/api/v1/groups/{shared}/stewards"),
            Some(json!({"email": "bo@example.org"})),
        )
        .await;
    assert!(r.status < 300, "{}", r.text());
    let r = ana
        .call(
            &a,
            "POST",
            "/api/v1/resources",
            Some(resource(hers, "Werkstatt", "makerspace", 9.5215, 47.141)),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let rid = r.json()["id"].as_i64().expect("id");
    moderator
        .approve(
            &a,
            &format!("/api/v1/moderation/resources/{rid}/decision"),
            1,
        )
        .await;
    let erase = |p: &Person, password: &str| {
        let cookie = format!("learnscape_session={}", p.session);
        let (csrf, body) = (p.csrf.clone(), json!({ "password": password }));
        let a = a.clone();
        async move {
            send(
                &a,
                "DELETE",
                "/api/v1/me",
                &[("Cookie", &cookie), ("X-CSRF-Token", &csrf)],
                Some(body),
            )
            .await
        }
    };

    let r = erase(&ana, "not my password at all").await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(fields(&r), ["password"]);
    assert_eq!(
        me_with_session(&a, &ana.session).await,
        200,
        "nothing changed"
    );

    let r = erase(&ana, OLD).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json(), json!({"groups_without_steward": ["Nur Ana"]}));
    assert!(
        r.header("set-cookie")
            .is_some_and(|c| c.starts_with("learnscape_session=;") && c.contains("Max-Age=0")),
        "the browser forgets the session"
    );
    assert_eq!(me_with_session(&a, &ana.session).await, 401);
    assert_eq!(ana.call(&a, "GET", "/api/v1/me", None).await.status, 401);
    assert_eq!(sign_in(&a, "ana@example.org", OLD).await.status, 401);
    let stored = store.account(UserId(ana.id)).await.expect("kept");
    assert!(
        !stored.email.contains("ana") && !stored.display_name.contains("ana"),
        "{stored:?}"
    );

    // What the commons hold stays: the resource on the map, its history
    // (by the erased account's id), the groups; Bo stewards his own.
    let public = send(&a, "GET", "/api/v1/resources", &[], None).await;
    assert!(public.text().contains("Werkstatt"), "{}", public.text());
    let history = moderator
        .call(&a, "GET", &format!("/api/v1/resources/{rid}/history"), None)
        .await;
    assert_eq!(history.status, 200, "{}", history.text());
    assert!(
        history.text().contains(&format!("\"author\":{}", ana.id)),
        "{}",
        history.text()
    );
    assert_eq!(
        history.json()["people"][0],
        json!({"id": ana.id, "display_name": "erased account"}),
        "{}",
        history.text()
    );
    let stewards = |id: i64| {
        let store = store.clone();
        async move {
            store
                .group(GroupId(id))
                .await
                .expect("group")
                .stewards
                .iter()
                .map(|s| s.0)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(stewards(hers).await, Vec::<i64>::new());
    assert_eq!(stewards(shared).await, [bo.id]);
    assert_eq!(bo.call(&a, "GET", "/api/v1/me", None).await.status, 200);
    // The address is free again: a new account, with nothing of the old.
    let again = send(
        &a,
        "POST",
        "/api/v1/accounts",
        &[],
        Some(json!({"email": "ana@example.org", "password": NEW, "display_name": "Ana"})),
    )
    .await;
    assert_eq!(again.status, 201, "{}", again.text());
    assert_ne!(again.json()["id"], json!(ana.id));
}

learnscape_tests::on_every_backend!(
    a_new_password_ends_every_other_session_and_token,
    an_erased_account_leaves_its_groups_resources_and_history,
);
