//! For tests of the real server: a minimal HTTP/1.1 client over a real
//! socket, a server process, and a store holding one member.
#![allow(dead_code)]

use learnscape_core::commons::{Account, NewAccount, Role};
use learnscape_core::store::CommonsStore;
use learnscape_server::app::commons::secrets::hash_password;
use learnscape_store_embedded::EmbeddedStore;

use std::io::{Read, Write};
use std::net::TcpStream;

/// GETs `path` and returns (status, body).
pub fn http_get(address: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).expect("read");
    // Tiles are binary: the body is only for messages, so lossy is fine.
    let response = String::from_utf8_lossy(&bytes).into_owned();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status");
    let body = response.split("\r\n\r\n").nth(1).unwrap_or("").to_string();
    (status, body)
}

/// Status, headers (names lower-cased) and body.
pub type Answer = (u16, Vec<(String, String)>, String);

/// Sends `method path` with headers and a JSON body; (status, headers
/// lower-cased, body), or `None` if the connection failed (a killed
/// server).
pub fn http_send(
    address: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Option<Answer> {
    let mut stream = TcpStream::connect(address).ok()?;
    let mut request =
        format!("{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n");
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    let body = body.unwrap_or("");
    request.push_str(&format!(
        "Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    ));
    stream.write_all(request.as_bytes()).ok()?;
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).ok()?;
    let response = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = response.split_once("\r\n\r\n")?;
    let mut lines = head.lines();
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_string()))
        .collect();
    Some((status, headers, body.to_string()))
}

/// Starts `learnscape <store_args> serve --listen 127.0.0.1:0` and waits
/// for the address it prints. The environment's store settings are
/// removed, so only `store_args` choose the store.
pub fn spawn_server(store_args: &[&std::ffi::OsStr]) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_learnscape"))
        .args(store_args)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env_remove("DATABASE_URL")
        .env_remove("LEARNSCAPE_STORE")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let Some(stdout) = child.stdout.take() else {
        let _ = child.kill();
        let _ = child.wait();
        panic!("no stdout");
    };
    let mut out = std::io::BufReader::new(stdout);
    let mut line = String::new();
    loop {
        line.clear();
        let read = out.read_line(&mut line).expect("read");
        if read == 0 {
            let _ = child.kill();
            let _ = child.wait();
            panic!("server ended early");
        }
        if let Some(addr) = line.trim().strip_prefix("listening on http://") {
            return (child, addr.to_string());
        }
    }
}

/// An embedded store at `path` holding one member, ana@example.org, whose
/// password is "forgotten long ago". Close it before a learnscape process
/// opens the file.
pub async fn store_with_ana(path: &std::path::Path) -> (EmbeddedStore, Account) {
    let store = EmbeddedStore::open(path).await.expect("open");
    let ana = store
        .insert_account(NewAccount {
            email: "ana@example.org".into(),
            display_name: "Ana".into(),
            role: Role::Member,
            password_hash: hash_password("forgotten long ago").expect("hash"),
            created_at: chrono::Utc::now(),
        })
        .await
        .expect("account");
    (store, ana)
}
