//! Acknowledged writes survive SIGKILL: a stream of registrations and
//! edits runs against the real server, the server is killed mid-stream,
//! and after a restart every write that got a 2xx is there, intact.

mod common;

use common::http_send;
use serde_json::{Value, json};
use std::path::Path;
use std::process::{Child, Command};
use std::sync::{Arc, Mutex};

fn start(store: &Path) -> (Child, String) {
    common::spawn_server(&["--store".as_ref(), store.as_os_str()])
}

fn json_of(r: &common::Answer) -> Value {
    serde_json::from_str(&r.2).unwrap_or(Value::Null)
}

fn body(group: i64, name: &str) -> Value {
    json!({
        "group": group, "name": name, "category": "makerspace",
        "location": {"type": "Point", "coordinates": [9.52, 47.14]},
        "offers": "Werkzeug", "access_terms": "alle", "contact": "x@example.org", "licence": "ODbL",
    })
}

#[test]
fn every_acknowledged_write_survives_sigkill() {
    let dir = tempfile::tempdir().expect("dir");
    let store = dir.path().join("store.db");
    let (mut server, a) = start(&store);
    let signup = json!({"email": "s@example.org", "password": "a long enough password", "display_name": "S"}).to_string();
    assert_eq!(
        http_send(&a, "POST", "/api/v1/accounts", &[], Some(&signup))
            .expect("up")
            .0,
        201
    );
    let login = json!({"email": "s@example.org", "password": "a long enough password"}).to_string();
    let session = http_send(&a, "POST", "/api/v1/sessions", &[], Some(&login)).expect("up");
    let cookie = session
        .1
        .iter()
        .find(|(k, _)| k == "set-cookie")
        .map(|(_, v)| v.split(';').next().unwrap_or("").to_string())
        .expect("cookie");
    let csrf = json_of(&session)["csrf_token"]
        .as_str()
        .expect("csrf")
        .to_string();
    let headers = [("Cookie", cookie.as_str()), ("X-CSRF-Token", csrf.as_str())];
    let g = http_send(
        &a,
        "POST",
        "/api/v1/groups",
        &headers,
        Some(&json!({"name": "G"}).to_string()),
    )
    .expect("up");
    let group = json_of(&g)["id"].as_i64().expect("group");

    // Each acknowledged write: (resource id, revision, name).
    let acked: Arc<Mutex<Vec<(i64, i64, String)>>> = Arc::default();
    let writer = {
        let (a, acked, cookie, csrf) = (a.clone(), acked.clone(), cookie.clone(), csrf.clone());
        std::thread::spawn(move || {
            let headers = [("Cookie", cookie.as_str()), ("X-CSRF-Token", csrf.as_str())];
            for i in 0.. {
                let name = format!("Werkstatt {i}");
                let Some(r) = http_send(
                    &a,
                    "POST",
                    "/api/v1/resources",
                    &headers,
                    Some(&body(group, &name).to_string()),
                ) else {
                    return;
                };
                if r.0 != 201 {
                    return;
                }
                let id = json_of(&r)["id"].as_i64().expect("id");
                acked.lock().expect("lock").push((id, 1, name.clone()));
                // And an edit of it: revision 2.
                let mut edit = body(group, &format!("{name} (2)"));
                edit["base_revision"] = json!(1);
                let Some(r) = http_send(
                    &a,
                    "PUT",
                    &format!("/api/v1/resources/{id}"),
                    &headers,
                    Some(&edit.to_string()),
                ) else {
                    return;
                };
                if r.0 != 200 {
                    return;
                }
                acked
                    .lock()
                    .expect("lock")
                    .push((id, 2, format!("{name} (2)")));
            }
        })
    };
    // Let the stream run, then kill the server without warning.
    while acked.lock().expect("lock").len() < 40 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    Command::new("kill")
        .arg("-9")
        .arg(server.id().to_string())
        .status()
        .expect("kill");
    let _ = server.wait();
    writer.join().expect("writer");
    let acked = acked.lock().expect("lock").clone();
    assert!(acked.len() >= 40);

    let (mut server, a) = start(&store);
    let headers = [("Cookie", cookie.as_str())];
    let mine = http_send(&a, "GET", "/api/v1/resources/mine", &headers, None).expect("up");
    assert_eq!(mine.0, 200, "the session survived too: {}", mine.2);
    let resources = json_of(&mine)["resources"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for (id, revision, name) in &acked {
        let r = resources
            .iter()
            .find(|r| r["id"] == *id)
            .unwrap_or_else(|| panic!("resource {id} was acknowledged and is gone"));
        let rev = r["revisions"]
            .as_array()
            .and_then(|v| v.get(*revision as usize - 1))
            .unwrap_or_else(|| panic!("revision {revision} of {id} is gone"));
        assert_eq!(
            rev["content"]["name"],
            name.as_str(),
            "resource {id} revision {revision} intact"
        );
    }
    Command::new("kill")
        .arg("-15")
        .arg(server.id().to_string())
        .status()
        .expect("kill");
    let _ = server.wait();
}

#[tokio::test]
async fn the_first_moderator_is_made_on_the_command_line() {
    use learnscape_core::commons::{NewAccount, Role};
    use learnscape_core::store::CommonsStore;
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("store.db");
    let store = learnscape_store_embedded::EmbeddedStore::open(&path)
        .await
        .expect("open");
    let account = store
        .insert_account(NewAccount {
            email: "ana@example.org".into(),
            display_name: "Ana".into(),
            role: Role::Member,
            password_hash: "x".into(),
            created_at: chrono::Utc::now(),
        })
        .await
        .expect("account");
    store.close().await;
    let role = |email: &str, role: &str| {
        Command::new(env!("CARGO_BIN_EXE_learnscape"))
            .arg("--store")
            .arg(&path)
            .args(["role", email, role])
            .env_remove("DATABASE_URL")
            .output()
            .expect("run")
    };
    let out = role("Ana@Example.org", "moderator");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(role("nobody@example.org", "admin").status.code(), Some(2));
    assert_eq!(role("ana@example.org", "emperor").status.code(), Some(2));
    let store = learnscape_store_embedded::EmbeddedStore::open(&path)
        .await
        .expect("open");
    assert_eq!(
        store.account(account.id).await.expect("read").role,
        Role::Moderator
    );
}

#[tokio::test]
async fn a_forgotten_password_is_reset_on_the_command_line() {
    use learnscape_core::commons::{CredentialKind, NewCredential};
    use learnscape_core::store::CommonsStore;
    use learnscape_server::app::commons::secrets::verify_password;
    use std::io::Write;
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("store.db");
    let (store, account) = common::store_with_ana(&path).await;
    let now = chrono::Utc::now();
    let session = store
        .insert_credential(NewCredential {
            kind: CredentialKind::Session,
            user: account.id,
            secret_hash: "ab".repeat(32),
            label: "browser session".into(),
            csrf: Some("c".repeat(64)),
            created_at: now,
            expires_at: Some(now + chrono::Duration::days(14)),
        })
        .await
        .expect("session");
    store.close().await;
    let reset = |email: &str, stdin: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_learnscape"))
            .arg("--store")
            .arg(&path)
            .args(["password", email])
            .env_remove("DATABASE_URL")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run");
        let written = child
            .stdin
            .take()
            .expect("stdin")
            .write_all(stdin.as_bytes());
        // It may refuse (an unknown address) and exit before it reads.
        if let Err(e) = written {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write: {e}");
        }
        child.wait_with_output().expect("wait")
    };
    let hash = || async {
        let store = learnscape_store_embedded::EmbeddedStore::open(&path)
            .await
            .expect("open");
        let hash = store.account(account.id).await.expect("read").password_hash;
        let revoked = store
            .credential(&"ab".repeat(32))
            .await
            .expect("read")
            .expect("kept")
            .revoked_at;
        store.close().await;
        (hash, revoked)
    };

    // Refused with the reason, and nothing changes.
    for (email, stdin, says) in [
        ("nobody@example.org", "a new long password\n", "no account"),
        ("ana@example.org", "too short\n", "needs 10 to 200"),
        ("ana@example.org", "", "needs 10 to 200"),
    ] {
        let out = reset(email, stdin);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{email} {stdin:?}: {err}");
        assert!(err.contains(says), "{err}");
        let (h, revoked) = hash().await;
        assert!(verify_password("forgotten long ago", &h));
        assert_eq!(revoked, None);
    }

    let out = reset("Ana@Example.org", "a new long password\r\n");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("1 session(s)"), "{said}");
    let (h, revoked) = hash().await;
    assert!(
        verify_password("a new long password", &h),
        "line ending kept"
    );
    assert!(!verify_password("forgotten long ago", &h));
    assert!(revoked.is_some(), "session {} still open", session.id);
}
