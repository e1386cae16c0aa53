//! People and requests for the commons registry tests: accounts made
//! through the real API, each holding an API token and a browser session.

use crate::http::{Response, send};
use learnscape_core::Store;
use learnscape_core::commons::{Role, UserId};
use serde_json::{Value, json};

#[derive(Debug, Clone)]
pub struct Person {
    pub id: i64,
    pub email: String,
    pub token: String,
    /// The session cookie's value and its CSRF token.
    pub session: String,
    pub csrf: String,
}

/// Signs up `email` through the API, sets its role in the store, signs in
/// and creates an API token.
pub async fn person(address: &str, store: &dyn Store, email: &str, role: Role) -> Person {
    let r = send(address, "POST", "/api/v1/accounts", &[], Some(json!({
        "email": email, "password": "a long enough password", "display_name": email.split('@').next().unwrap_or(email),
    })))
    .await;
    assert_eq!(r.status, 201, "sign-up: {}", r.text());
    let id = r.json()["id"].as_i64().expect("id");
    store.set_role(UserId(id), role, false).await.expect("role");
    let r = send(
        address,
        "POST",
        "/api/v1/sessions",
        &[],
        Some(json!({"email": email, "password": "a long enough password"})),
    )
    .await;
    assert_eq!(r.status, 201, "sign-in: {}", r.text());
    let cookie = r
        .header("set-cookie")
        .expect("a session cookie")
        .to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let session = cookie
        .split(';')
        .next()
        .and_then(|kv| kv.split_once('='))
        .map(|(_, v)| v.to_string())
        .expect("cookie value");
    let csrf = r.json()["csrf_token"].as_str().expect("csrf").to_string();
    let cookie_header = format!("learnscape_session={session}");
    let r = send(
        address,
        "POST",
        "/api/v1/tokens",
        &[("Cookie", &cookie_header), ("X-CSRF-Token", &csrf)],
        Some(json!({"label": "tests"})),
    )
    .await;
    assert_eq!(r.status, 201, "token: {}", r.text());
    let token = r.json()["token"].as_str().expect("token").to_string();
    Person {
        id,
        email: email.into(),
        token,
        session,
        csrf,
    }
}

impl Person {
    pub fn bearer(&self) -> String {
        format!("Bearer {}", self.token)
    }

    pub async fn call(
        &self,
        address: &str,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> Response {
        send(
            address,
            method,
            path,
            &[("Authorization", &self.bearer())],
            body,
        )
        .await
    }
}

/// A resource as the registration form sends it.
pub fn resource(group: i64, name: &str, category: &str, lon: f64, lat: f64) -> Value {
    json!({
        "group": group,
        "name": name,
        "category": category,
        "location": {"type": "Point", "coordinates": [lon, lat]},
        "offers": "Werkzeug und Hilfe beim Reparieren",
        "opening_hours": "Sa 10:00-14:00",
        "access_terms": "offen für alle, kostenlos",
        "contact": "kontakt@example.org",
        "website": "https://example.org/werkstatt",
        "licence": "CC0",
        "comment": "neu",
    })
}

/// Creates a group stewarded by `steward`; its id.
pub async fn group(address: &str, steward: &Person, name: &str) -> i64 {
    let r = steward
        .call(
            address,
            "POST",
            "/api/v1/groups",
            Some(json!({"name": name, "description": "test group"})),
        )
        .await;
    assert_eq!(r.status, 201, "group: {}", r.text());
    r.json()["id"].as_i64().expect("group id")
}

impl Person {
    /// Approves `revision` at a resource's decision path (a moderator's
    /// call); panics unless it is accepted.
    pub async fn approve(&self, address: &str, decision_path: &str, revision: u32) -> Value {
        let r = self
            .call(
                address,
                "POST",
                decision_path,
                Some(json!({"revision": revision, "decision": "approve"})),
            )
            .await;
        assert_eq!(r.status, 200, "approve: {}", r.text());
        r.json()
    }
}
