//! A minimal HTTP/1.1 client over a real socket: enough to test the real
//! server's status codes, headers and binary bodies.

use std::io::{Read, Write};
use std::net::TcpStream;

#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: u16,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// GETs `path` with extra request headers.
pub fn get(address: &str, path: &str, headers: &[(&str, &str)]) -> Response {
    request(address, "GET", path, headers, None).expect("request")
}

/// Sends one request (a JSON `body` if given); `Err` when the connection
/// fails (a server that is down or was killed mid-answer).
pub fn request(
    address: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> std::io::Result<Response> {
    let mut stream = TcpStream::connect(address)?;
    let mut request =
        format!("{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n");
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(b) = body {
        request.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            b.len()
        ));
    }
    request.push_str("\r\n");
    let mut bytes = request.into_bytes();
    bytes.extend_from_slice(body.unwrap_or_default());
    stream.write_all(&bytes)?;
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes)?;
    parse(&bytes)
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "no full answer"))
}

fn parse(bytes: &[u8]) -> Option<Response> {
    let split = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_string()))
        .collect();
    Some(Response {
        status,
        headers,
        body: bytes[split + 4..].to_vec(),
    })
}

/// [`get`] from async code (on the blocking pool).
pub async fn fetch(address: &str, path: &str, headers: &[(&str, &str)]) -> Response {
    let (a, p) = (address.to_string(), path.to_string());
    let h: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    tokio::task::spawn_blocking(move || {
        let refs: Vec<(&str, &str)> = h.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        get(&a, &p, &refs)
    })
    .await
    .expect("request")
}

/// [`fetch`] an answer that must be a 200, as JSON.
pub async fn fetch_json(address: &str, path: &str) -> serde_json::Value {
    let r = fetch(address, path, &[]).await;
    assert_eq!(
        r.status,
        200,
        "{path}: {}",
        String::from_utf8_lossy(&r.body)
    );
    r.json()
}

/// [`request`] from async code; panics if the connection fails.
pub async fn send(
    address: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<serde_json::Value>,
) -> Response {
    let (a, m, p) = (address.to_string(), method.to_string(), path.to_string());
    let h: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let body = body.map(|b| b.to_string().into_bytes());
    tokio::task::spawn_blocking(move || {
        let refs: Vec<(&str, &str)> = h.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        request(&a, &m, &p, &refs, body.as_deref()).expect("request")
    })
    .await
    .expect("request")
}

impl Response {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// Asks `/api/v1/search` for `q` as typed (spaces, commas, accents) and
/// returns its JSON answer.
pub async fn search(address: &str, q: &str) -> serde_json::Value {
    fetch(address, &format!("/api/v1/search?q={}", encoded(q)), &[])
        .await
        .json()
}

/// As [`search`], looking at `lon`, `lat`: equal matches nearest first.
pub async fn search_near(address: &str, q: &str, (lon, lat): (f64, f64)) -> serde_json::Value {
    let path = format!("/api/v1/search?q={}&lon={lon}&lat={lat}", encoded(q));
    fetch(address, &path, &[]).await.json()
}

/// `q` percent-encoded for a query string.
pub fn encoded(q: &str) -> String {
    q.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Asks with `ask` until the answer is 429 (at most 15 times, enough for
/// a limit of 10 a minute) and checks it says when to try again; panics
/// if the limit never comes.
pub async fn until_too_many<F, Fut>(mut ask: F) -> Response
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Response>,
{
    let mut last = None;
    for _ in 0..15 {
        let r = ask().await;
        let over = r.status == 429;
        last = Some(r);
        if over {
            break;
        }
    }
    let last = last.expect("asked");
    assert_eq!(last.status, 429, "no limit: {}", last.text());
    let wait: u64 = last
        .header("retry-after")
        .and_then(|v| v.parse().ok())
        .expect("Retry-After");
    assert!((1..=60).contains(&wait), "Retry-After {wait}");
    last
}
