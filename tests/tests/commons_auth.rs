//! Every write endpoint of the commons registry refuses missing,
//! malformed, unknown, expired and revoked credentials, a browser session
//! without its CSRF token, and the wrong role — table-driven, over a real
//! socket. Plus: fields are validated and named, bodies are bounded,
//! logins are rate limited.

use chrono::{Duration, Utc};
use learnscape_core::commons::{CredentialKind, NewCredential, OneTimeLink, Role, UserId};
use learnscape_server::app::commons::secrets::secret_hash;
use learnscape_tests::app;
use learnscape_tests::app::Backend;
use learnscape_tests::commons::{group, person, resource};
use learnscape_tests::http::{send, until_too_many};
use serde_json::{Value, json};

async fn every_write_refuses_bad_credentials_and_the_wrong_role(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let state = app::liechtenstein_state(backend, dir.path()).await;
    let store = state.store.clone();
    let a = app::serve(state).await;
    let steward = person(&a, store.as_ref(), "steward@example.org", Role::Member).await;
    let member = person(&a, store.as_ref(), "member@example.org", Role::Member).await;
    let admin = person(&a, store.as_ref(), "admin@example.org", Role::Admin).await;
    let g = group(&a, &steward, "Werkstatt").await;
    let r = steward
        .call(
            &a,
            "POST",
            "/api/v1/resources",
            Some(resource(g, "Werkstatt", "makerspace", 9.5215, 47.141)),
        )
        .await;
    let rid = r.json()["id"].as_i64().expect("resource");
    let report = send(
        &a,
        "POST",
        &format!("/api/v1/resources/{rid}/reports"),
        &[],
        Some(json!({"kind": "does_not_exist"})),
    )
    .await;
    // The resource is pending: only its stewards and moderators may report it.
    assert_eq!(report.status, 404);
    let report = steward
        .call(
            &a,
            "POST",
            &format!("/api/v1/resources/{rid}/reports"),
            Some(json!({"kind": "does_not_exist"})),
        )
        .await;
    let report_id = report.json()["id"].as_i64().expect("report");
    let token_id = steward.call(&a, "GET", "/api/v1/me", None).await.json()["tokens"][0]["id"]
        .as_i64()
        .expect("token id");

    // Credentials that must all be refused with 401.
    let expired = "e".repeat(64);
    let revoked = "f".repeat(64);
    for (secret, expires) in [
        (&expired, Utc::now() - Duration::hours(1)),
        (&revoked, Utc::now() + Duration::days(1)),
    ] {
        store
            .insert_credential(NewCredential {
                kind: CredentialKind::Token,
                user: UserId(admin.id),
                secret_hash: secret_hash(secret),
                label: "test".into(),
                csrf: None,
                created_at: Utc::now() - Duration::days(2),
                expires_at: Some(expires),
            })
            .await
            .expect("credential");
    }
    let revoked_id = store
        .credential(&secret_hash(&revoked))
        .await
        .expect("read")
        .expect("there")
        .id;
    store
        .revoke_credential(UserId(admin.id), revoked_id, Utc::now())
        .await
        .expect("revoke");
    let admin_hash = store
        .account(UserId(admin.id))
        .await
        .expect("admin")
        .password_hash;
    let bad: Vec<(&str, Vec<(String, String)>)> = vec![
        ("missing", vec![]),
        (
            "malformed",
            vec![("Authorization".into(), "Bearer not-a-token".into())],
        ),
        (
            "not bearer",
            vec![("Authorization".into(), format!("Basic {}", admin.token))],
        ),
        (
            "unknown",
            vec![("Authorization".into(), format!("Bearer {}", "a".repeat(64)))],
        ),
        (
            "expired",
            vec![("Authorization".into(), format!("Bearer {expired}"))],
        ),
        (
            "revoked",
            vec![("Authorization".into(), format!("Bearer {revoked}"))],
        ),
        (
            "session as bearer",
            vec![("Authorization".into(), format!("Bearer {}", admin.session))],
        ),
        (
            "token as cookie",
            vec![(
                "Cookie".into(),
                format!("learnscape_session={}", admin.token),
            )],
        ),
    ];

    let invited = steward
        .call(&a, "POST", &format!("/api/v1/groups/{g}/invitations"), None)
        .await;
    assert_eq!(invited.status, 201, "{}", invited.text());
    let (invitation, secret) = (
        invited.json()["id"].as_i64().expect("id"),
        invited.json()["secret"]
            .as_str()
            .expect("secret")
            .to_string(),
    );
    let reset = admin
        .call(
            &a,
            "POST",
            "/api/v1/password-resets",
            Some(json!({"email": "member@example.org"})),
        )
        .await;
    assert_eq!(reset.status, 201, "{}", reset.text());
    let reset = reset.json()["id"].as_i64().expect("id");
    let resource_body = resource(g, "Werkstatt Zwei", "makerspace", 9.5215, 47.141);
    let mut edit_body = resource(g, "Werkstatt", "makerspace", 9.5215, 47.141);
    edit_body["base_revision"] = json!(1);
    // (method, path, body, an account of the wrong role or group, whether a
    // request without any credential is allowed)
    let endpoints: Vec<(
        &str,
        String,
        Value,
        Option<&learnscape_tests::commons::Person>,
        bool,
    )> = vec![
        (
            "POST",
            "/api/v1/tokens".into(),
            json!({"label": "x"}),
            None,
            false,
        ),
        (
            "DELETE",
            format!("/api/v1/tokens/{token_id}"),
            Value::Null,
            None,
            false,
        ),
        (
            "DELETE",
            "/api/v1/sessions/current".into(),
            Value::Null,
            None,
            false,
        ),
        (
            "PUT",
            format!("/api/v1/accounts/{}/role", member.id),
            json!({"role": "moderator"}),
            Some(&member),
            false,
        ),
        (
            "GET",
            "/api/v1/roles".into(),
            Value::Null,
            Some(&member),
            false,
        ),
        (
            "PUT",
            "/api/v1/roles".into(),
            json!({"email": "member@example.org", "role": "admin"}),
            Some(&member),
            false,
        ),
        (
            "POST",
            "/api/v1/password-resets".into(),
            json!({"email": "admin@example.org"}),
            Some(&steward),
            false,
        ),
        (
            "GET",
            "/api/v1/password-resets".into(),
            Value::Null,
            Some(&steward),
            false,
        ),
        (
            "DELETE",
            format!("/api/v1/password-resets/{reset}"),
            Value::Null,
            Some(&steward),
            false,
        ),
        (
            "POST",
            "/api/v1/groups".into(),
            json!({"name": "Neue Gruppe"}),
            None,
            false,
        ),
        (
            "POST",
            format!("/api/v1/groups/{g}/stewards"),
            json!({"email": "member@example.org"}),
            Some(&member),
            false,
        ),
        (
            "PUT",
            format!("/api/v1/groups/{g}"),
            json!({"name": "Übernommen", "description": ""}),
            Some(&member),
            false,
        ),
        (
            "DELETE",
            format!("/api/v1/groups/{g}/stewards/{}", steward.id),
            Value::Null,
            Some(&member),
            false,
        ),
        (
            "POST",
            format!("/api/v1/groups/{g}/invitations"),
            Value::Null,
            Some(&member),
            false,
        ),
        (
            "GET",
            format!("/api/v1/groups/{g}/invitations"),
            Value::Null,
            Some(&member),
            false,
        ),
        (
            "DELETE",
            format!("/api/v1/groups/{g}/invitations/{invitation}"),
            Value::Null,
            Some(&member),
            false,
        ),
        // Anyone signed in may accept a link; nobody without a good credential.
        (
            "POST",
            "/api/v1/invitations/accept".into(),
            json!({ "secret": secret }),
            None,
            false,
        ),
        (
            "POST",
            "/api/v1/resources".into(),
            resource_body,
            Some(&member),
            false,
        ),
        (
            "PUT",
            format!("/api/v1/resources/{rid}"),
            edit_body,
            Some(&member),
            false,
        ),
        (
            "POST",
            format!("/api/v1/resources/{rid}/archive"),
            json!({"reason": "x"}),
            Some(&member),
            false,
        ),
        (
            "POST",
            format!("/api/v1/resources/{rid}/restore"),
            json!({"reason": "x"}),
            Some(&member),
            false,
        ),
        (
            "POST",
            format!("/api/v1/moderation/resources/{rid}/decision"),
            json!({"revision": 1, "decision": "approve"}),
            Some(&steward),
            false,
        ),
        (
            "POST",
            format!("/api/v1/moderation/reports/{report_id}/resolve"),
            json!({"note": "x"}),
            Some(&steward),
            false,
        ),
        (
            "GET",
            "/api/v1/moderation/queue".into(),
            Value::Null,
            Some(&member),
            false,
        ),
        (
            "GET",
            "/api/v1/moderation/groups".into(),
            Value::Null,
            Some(&member),
            false,
        ),
        ("GET", "/api/v1/me".into(), Value::Null, None, false),
        // With the right password: a cross-site form must still fail.
        (
            "DELETE",
            "/api/v1/me".into(),
            json!({"password": "a long enough password"}),
            None,
            false,
        ),
        // With the right current password: a cross-site form must still fail.
        (
            "PUT",
            "/api/v1/me/password".into(),
            json!({"current_password": "a long enough password", "new_password": "taken over at last"}),
            None,
            false,
        ),
        (
            "GET",
            "/api/v1/resources/mine".into(),
            Value::Null,
            None,
            false,
        ),
        // Residents may report without an account, but a sent credential must be good.
        (
            "POST",
            format!("/api/v1/resources/{rid}/reports"),
            json!({"kind": "does_not_exist"}),
            None,
            true,
        ),
    ];
    let mut checked = 0;
    for (method, path, body, wrong, anonymous_ok) in &endpoints {
        let body = (!body.is_null()).then(|| body.clone());
        for (what, headers) in &bad {
            if *what == "missing" && *anonymous_ok {
                continue;
            }
            let h: Vec<(&str, &str)> = headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let r = send(&a, method, path, &h, body.clone()).await;
            assert_eq!(
                r.status,
                401,
                "{method} {path} with a {what} credential: {}",
                r.text()
            );
            assert_eq!(r.header("content-type"), Some("application/problem+json"));
            checked += 1;
        }
        if *method != "GET" {
            // A browser session without its CSRF token (a cross-site form).
            let cookie = format!("learnscape_session={}", admin.session);
            let r = send(&a, method, path, &[("Cookie", &cookie)], body.clone()).await;
            assert_eq!(
                r.status,
                403,
                "{method} {path} by cookie without CSRF: {}",
                r.text()
            );
            let r = send(
                &a,
                method,
                path,
                &[("Cookie", &cookie), ("X-CSRF-Token", &"0".repeat(64))],
                body.clone(),
            )
            .await;
            assert_eq!(
                r.status,
                403,
                "{method} {path} by cookie with a wrong CSRF token: {}",
                r.text()
            );
            checked += 2;
        }
        if let Some(w) = wrong {
            let r = w.call(&a, method, path, body.clone()).await;
            assert_eq!(
                r.status,
                403,
                "{method} {path} by the wrong account: {}",
                r.text()
            );
            checked += 1;
        }
    }
    assert!(checked > 120, "{checked} refusals checked");
    // Nothing the refused requests asked for happened.
    assert_eq!(
        store
            .account(UserId(admin.id))
            .await
            .expect("admin")
            .password_hash,
        admin_hash
    );
    assert_eq!(
        store.account(UserId(member.id)).await.expect("member").role,
        Role::Member
    );
    assert_eq!(store.resources().await.expect("resources").len(), 1);
    let groups = store.groups().await.expect("groups");
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].name, "Werkstatt");
    assert_eq!(groups[0].stewards, [UserId(steward.id)]);
    let resets = store
        .open_password_resets(chrono::Utc::now())
        .await
        .expect("open");
    assert!(
        resets.len() == 1 && resets[0].id == reset,
        "the reset link is neither made again nor withdrawn: {resets:?}"
    );
    let invitations = store.invitations_of(groups[0].id).await.expect("list");
    assert!(
        invitations.len() == 1 && invitations[0].is_open(chrono::Utc::now()),
        "the link is neither made again, used nor withdrawn: {invitations:?}"
    );
    assert!(
        store
            .reports()
            .await
            .expect("reports")
            .iter()
            .all(|r| r.resolution.is_none())
    );
    assert_eq!(
        steward.call(&a, "GET", "/api/v1/me", None).await.status,
        200,
        "the steward's token still works"
    );
}

async fn bad_bodies_are_named_bounded_and_logins_are_rate_limited(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let state = app::liechtenstein_state(backend, dir.path()).await;
    let store = state.store.clone();
    let a = app::serve(state).await;
    let steward = person(&a, store.as_ref(), "s@example.org", Role::Member).await;
    let g = group(&a, &steward, "Gruppe").await;

    let mut body = resource(g, "", "casino", 200.0, 47.1);
    body["opening_hours"] = json!("whenever we feel like it");
    body["website"] = json!("javascript:alert(1)");
    body["licence"] = json!("GPL");
    let r = steward
        .call(&a, "POST", "/api/v1/resources", Some(body))
        .await;
    assert_eq!(r.status, 422, "{}", r.text());
    let fields: Vec<String> = r.json()["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str().map(str::to_string))
        .collect();
    // Category and licence are checked first; the rest once they parse.
    assert_eq!(fields, vec!["category", "licence"], "{}", r.text());
    let mut body = resource(g, "", "library", 2.35, 48.85);
    body["opening_hours"] = json!("whenever we feel like it");
    body["website"] = json!("javascript:alert(1)");
    let r = steward
        .call(&a, "POST", "/api/v1/resources", Some(body))
        .await;
    let fields: Vec<String> = r.json()["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str().map(str::to_string))
        .collect();
    assert_eq!(
        fields,
        vec!["name", "location", "opening_hours", "website"],
        "{}",
        r.text()
    );
    let mut body = resource(g, "x", "library", 9.52, 47.14);
    body["unexpected"] = json!(1);
    let r = steward
        .call(&a, "POST", "/api/v1/resources", Some(body))
        .await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(r.json()["errors"][0]["field"], "unexpected");
    let mut body = resource(g, "x", "library", 9.52, 47.14);
    body.as_object_mut().expect("object").remove("contact");
    let r = steward
        .call(&a, "POST", "/api/v1/resources", Some(body))
        .await;
    assert_eq!(r.json()["errors"][0]["field"], "contact", "{}", r.text());
    // Corners taken out of order: a figure of eight, refused with the fix.
    let mut body = resource(g, "Garten", "community_garden", 9.52, 47.14);
    body["location"] = json!({"type": "Polygon", "coordinates": [[
        [9.520, 47.140], [9.521, 47.141], [9.521, 47.140], [9.520, 47.141], [9.520, 47.140]
    ]]});
    let r = steward
        .call(&a, "POST", "/api/v1/resources", Some(body))
        .await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(r.json()["errors"][0]["field"], "location", "{}", r.text());
    assert!(
        r.json()["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("crosses itself")),
        "{}",
        r.text()
    );

    let raw = learnscape_tests::http::request(
        &a,
        "POST",
        "/api/v1/groups",
        &[("Authorization", &steward.bearer())],
        Some(b"{not json"),
    )
    .expect("answer");
    assert_eq!(raw.status, 400);
    let huge = json!({"name": "x", "description": "d".repeat(200_000)});
    let r = steward.call(&a, "POST", "/api/v1/groups", Some(huge)).await;
    assert_eq!(r.status, 413);
    assert_eq!(store.groups().await.expect("groups").len(), 1);

    until_too_many(|| {
        send(
            &a,
            "POST",
            "/api/v1/sessions",
            &[],
            Some(json!({"email": "s@example.org", "password": "guess guess guess"})),
        )
    })
    .await;
}

learnscape_tests::on_every_backend!(
    every_write_refuses_bad_credentials_and_the_wrong_role,
    bad_bodies_are_named_bounded_and_logins_are_rate_limited,
);
