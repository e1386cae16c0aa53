//! schemathesis (PyPI) fuzzes the running server against its own OpenAPI
//! document: every operation, generated valid and invalid requests, with an
//! admin's API token so the write API is reached too. The settings are in
//! `schemathesis.toml`; `scripts/test` creates the virtualenv.

use chrono::{Duration, Utc};
use learnscape_core::commons::{CredentialKind, NewAccount, NewCredential, Role};
use learnscape_server::app::AppState;
use learnscape_server::app::commons::secrets::{hash_password, new_secret, secret_hash};
use learnscape_tests::{app, data};
use std::process::Command;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_keeps_its_openapi_contract_under_schemathesis() {
    let st = data::repo().join("target/schemathesis-venv/bin/st");
    assert!(
        st.exists(),
        "schemathesis is not installed: scripts/test creates target/schemathesis-venv"
    );
    let dir = tempfile::tempdir().expect("dir");
    let store = app::liechtenstein_store(app::Backend::Embedded, dir.path()).await;
    let admin = store
        .insert_account(NewAccount {
            email: "admin@example.org".into(),
            display_name: "Admin".into(),
            role: Role::Admin,
            password_hash: hash_password("admin password 1").expect("hash"),
            created_at: Utc::now(),
        })
        .await
        .expect("admin");
    let token = new_secret();
    store
        .insert_credential(NewCredential {
            kind: CredentialKind::Token,
            user: admin.id,
            secret_hash: secret_hash(&token),
            label: "schemathesis".into(),
            csrf: None,
            created_at: Utc::now(),
            expires_at: Some(Utc::now() + Duration::days(1)),
        })
        .await
        .expect("token");
    let address = app::serve(AppState::load(store).await.expect("load")).await;
    let output = tokio::task::spawn_blocking(move || {
        Command::new(st)
            .args(["run", &format!("http://{address}/api/openapi.json")])
            // One worker: with two threads, hypothesis's `ast.parse` now and
            // then trips CPython 3.11.7's "AST constructor recursion depth
            // mismatch" (gh-106905, fixed in 3.11.8), a runtime error in the
            // tool, not a finding about the API.
            .args(["--max-examples", "25", "--workers", "1", "--seed", "1"])
            .args(["-H", &format!("Authorization: Bearer {token}")])
            .current_dir(data::repo())
            .output()
            .expect("run schemathesis")
    })
    .await
    .expect("join");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "schemathesis found failures:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("passed"), "{stdout}");
}
