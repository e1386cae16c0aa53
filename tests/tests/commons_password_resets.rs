//! Setting a forgotten password with a link, over a real socket, on both
//! stores: an admin makes the link for an account (its secret shown once),
//! whoever holds it reads whose password it sets, sets a new one and is
//! signed in; every other session and token of the account ends, and the
//! link is used up. A newer link withdraws an older one; admins list the
//! open links and withdraw them; nobody else makes, sees or withdraws one.

use chrono::DateTime;
use learnscape_core::commons::Role;
use learnscape_tests::app::{self, Backend};
use learnscape_tests::commons::person;
use learnscape_tests::http::{Response, send};
use serde_json::{Value, json};

const MAKE: &str = "/api/v1/password-resets";

async fn post(a: &str, path: &str, body: Value) -> Response {
    send(a, "POST", path, &[], Some(body)).await
}

async fn preview(a: &str, secret: &str) -> Response {
    post(
        a,
        "/api/v1/password-resets/preview",
        json!({ "secret": secret }),
    )
    .await
}

async fn set(a: &str, secret: &str, new_password: &str) -> Response {
    post(
        a,
        "/api/v1/password-resets/use",
        json!({ "secret": secret, "new_password": new_password }),
    )
    .await
}

/// `answer` is what the OpenAPI document says `POST path` answers with
/// `status` (the web client's types are generated from it).
fn documented(path: &str, status: u16, answer: &Value) {
    documented_as(path, "post", status, answer);
}

fn documented_get(path: &str, answer: &Value) {
    documented_as(path, "get", 200, answer);
}

fn documented_as(path: &str, method: &str, status: u16, answer: &Value) {
    let doc: Value = serde_json::from_str(learnscape_server::routes::OPENAPI).expect("json");
    let response = &doc["paths"][path][method]["responses"][status.to_string()];
    let schema = &response["content"]["application/json"]["schema"];
    assert!(schema.is_object(), "{path} {status} is documented");
    let root = json!({"allOf": [schema], "components": doc["components"]});
    let validator = jsonschema::validator_for(&root).expect("a valid schema");
    let errors: Vec<String> = validator
        .iter_errors(answer)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{path} {status}: {errors:?} in {answer}");
}

async fn sign_in(a: &str, email: &str, password: &str) -> u16 {
    let body = json!({ "email": email, "password": password });
    post(a, "/api/v1/sessions", body).await.status
}

async fn a_reset_link_sets_a_forgotten_password_once(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let (a, store) = app::serve_empty(backend, dir.path()).await;
    let ana = person(&a, store.as_ref(), "ana@example.org", Role::Admin).await;
    let bo = person(&a, store.as_ref(), "bo@example.org", Role::Member).await;
    let mo = person(&a, store.as_ref(), "mo@example.org", Role::Moderator).await;
    let for_bo = Some(json!({ "email": " Bo@Example.org " }));

    // Only admins make links; nobody unsigned does.
    for p in [&mo, &bo] {
        let r = p.call(&a, "POST", MAKE, for_bo.clone()).await;
        assert_eq!(r.status, 403, "{}: {}", p.email, r.text());
    }
    let r = send(&a, "POST", MAKE, &[], for_bo.clone()).await;
    assert_eq!(r.status, 401);
    let r = (ana.call(&a, "POST", MAKE, Some(json!({"email": "who@example.org"})))).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["errors"][0]["field"], "email", "{}", r.text());

    // Ana makes one for Bo, then a newer one, which replaces it.
    let first = ana.call(&a, "POST", MAKE, for_bo.clone()).await;
    assert_eq!(first.status, 201, "{}", first.text());
    let made = ana.call(&a, "POST", MAKE, for_bo.clone()).await.json();
    documented(MAKE, 201, &made);
    let secret = made["secret"].as_str().expect("secret").to_string();
    assert!(secret.len() == 64 && secret.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(made["account"]["email"], "bo@example.org");
    let time = |k: &str| DateTime::parse_from_rfc3339(made[k].as_str().unwrap_or_default());
    let lifetime = time("expires_at").expect("expires") - time("created_at").expect("created");
    assert_eq!(lifetime.num_days(), 2);
    let old = first.json()["secret"].as_str().expect("secret").to_string();
    let r = set(&a, &old, "a new password for bo").await;
    assert_eq!(r.status, 409);
    assert!(r.text().contains("withdrawn"), "{}", r.text());

    // Admins see the open links (for whom, by whom), never their secrets,
    // and withdraw one made for the wrong person.
    let for_mo = ana
        .call(&a, "POST", MAKE, Some(json!({"email": mo.email})))
        .await;
    let for_mo = for_mo.json();
    let listed = ana.call(&a, "GET", MAKE, None).await;
    assert_eq!(listed.status, 200, "{}", listed.text());
    documented_get(MAKE, &listed.json());
    let rows: Vec<(Value, Value)> = (listed.json()["password_resets"]
        .as_array()
        .into_iter()
        .flatten())
    .map(|r| (r["id"].clone(), r["account"]["email"].clone()))
    .collect();
    assert_eq!(
        rows,
        [
            (for_mo["id"].clone(), json!(mo.email)),
            (made["id"].clone(), json!("bo@example.org"))
        ]
    );
    assert_eq!(
        listed.json()["password_resets"][0]["made_by"]["display_name"],
        "ana"
    );
    assert!(!listed.text().contains(&secret), "never listed again");
    for p in [&mo, &bo] {
        assert_eq!(p.call(&a, "GET", MAKE, None).await.status, 403);
    }
    let one = format!("{MAKE}/{}", for_mo["id"]);
    assert_eq!(bo.call(&a, "DELETE", &one, None).await.status, 403);
    assert_eq!(ana.call(&a, "DELETE", &one, None).await.status, 204);
    let r = ana.call(&a, "DELETE", &one, None).await;
    assert_eq!(r.status, 409, "{}", r.text());
    assert_eq!(
        ana.call(&a, "DELETE", &format!("{MAKE}/999999"), None)
            .await
            .status,
        404
    );
    let withdrawn = for_mo["secret"].as_str().expect("secret");
    assert_eq!(preview(&a, withdrawn).await.status, 409);

    // Bo, still signed in somewhere, sees that a link is open for him.
    let own = bo.call(&a, "GET", "/api/v1/me", None).await.json();
    assert_eq!(own["password_resets"].as_array().map(Vec::len), Some(1));
    assert_eq!(own["password_resets"][0]["made_by"], "ana");
    // The time read back is the time the making answer gave, to the
    // microsecond and in the same words, on every backend.
    assert_eq!(own["password_resets"][0]["expires_at"], made["expires_at"]);
    let others = mo.call(&a, "GET", "/api/v1/me", None).await.json();
    assert_eq!(others["password_resets"], json!([]), "not for others");

    // Whoever holds it reads whose password it sets, without an account.
    let r = preview(&a, &secret).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["account"]["display_name"], "bo");
    assert_eq!(r.json()["account"]["email"], "bo@example.org");
    documented("/api/v1/password-resets/preview", 200, &r.json());
    for wrong in ["nonsense", &"0".repeat(64)] {
        assert_eq!(preview(&a, wrong).await.status, 404, "{wrong}");
        let r = set(&a, wrong, "a new password for bo").await;
        assert_eq!(r.status, 404, "{wrong}");
    }
    let r = set(&a, &secret, "short").await;
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["errors"][0]["field"], "new_password");
    assert_eq!(preview(&a, &secret).await.status, 200, "still open");

    // Bo sets a new one: he is signed in, and what he had before ends.
    let r = set(&a, &secret, "a new password for bo").await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["account"]["email"], "bo@example.org");
    assert_eq!(r.json()["revoked"], 2, "his session and token");
    documented("/api/v1/password-resets/use", 201, &r.json());
    let cookie = r.header("set-cookie").expect("a session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    let cookie = cookie.split(';').next().unwrap_or_default().to_string();
    let csrf = r.json()["csrf_token"].as_str().map(str::to_string);
    let csrf = csrf.unwrap_or_default();
    let me = send(&a, "GET", "/api/v1/me", &[("Cookie", &cookie)], None).await;
    assert_eq!(me.status, 200, "{}", me.text());
    assert_eq!(me.json()["account"]["email"], "bo@example.org");
    assert_eq!(me.json()["csrf_token"], r.json()["csrf_token"]);
    assert_eq!(me.json()["password_resets"], json!([]), "used up");
    assert_eq!(bo.call(&a, "GET", "/api/v1/me", None).await.status, 401);
    assert_eq!(sign_in(&a, &bo.email, "a long enough password").await, 401);
    assert_eq!(sign_in(&a, &bo.email, "a new password for bo").await, 201);

    // The link is used up.
    let r = set(&a, &secret, "someone else's password").await;
    assert_eq!(r.status, 409);
    assert!(r.text().contains("set a password already"), "{}", r.text());
    assert_eq!(preview(&a, &secret).await.status, 409);
    assert_eq!(sign_in(&a, &bo.email, "a new password for bo").await, 201);

    // A link Bo did not ask for: he sees it and withdraws it himself,
    // keeping the password he knows; nobody else but an admin may.
    let unasked = ana.call(&a, "POST", MAKE, for_bo.clone()).await.json();
    let as_bo = [("Cookie", cookie.as_str()), ("X-CSRF-Token", csrf.as_str())];
    let own = send(&a, "GET", "/api/v1/me", &as_bo, None).await.json();
    documented_get("/api/v1/me", &own);
    assert_eq!(own["password_resets"][0]["id"], unasked["id"]);
    let path = format!("{MAKE}/{}", unasked["id"]);
    assert_eq!(mo.call(&a, "DELETE", &path, None).await.status, 403);
    let r = send(&a, "DELETE", &path, &as_bo, None).await;
    assert_eq!(r.status, 204, "{}", r.text());
    let unasked = unasked["secret"].as_str().unwrap_or_default();
    assert_eq!(preview(&a, unasked).await.status, 409);
    let own = send(&a, "GET", "/api/v1/me", &as_bo, None).await.json();
    assert_eq!(own["password_resets"], json!([]));
    // Once it is closed, it is no longer his to withdraw.
    assert_eq!(send(&a, "DELETE", &path, &as_bo, None).await.status, 403);
    assert_eq!(sign_in(&a, &bo.email, "a new password for bo").await, 201);

    // An account erased after its link was made is not opened again.
    let link = ana
        .call(&a, "POST", MAKE, Some(json!({"email": mo.email})))
        .await;
    let link = link.json()["secret"].as_str().expect("secret").to_string();
    let body = Some(json!({"password": "a long enough password"}));
    let r = mo.call(&a, "DELETE", "/api/v1/me", body).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(preview(&a, &link).await.status, 404);
    assert_eq!(set(&a, &link, "back from the erased").await.status, 404);
}

learnscape_tests::on_every_backend!(a_reset_link_sets_a_forgotten_password_once);
