//! The web client (`web/dist`, built by `npm run build` in `web/`), served
//! at `/`. Release builds embed it in the binary; debug builds read it from
//! disk, so `vite build --watch` works without recompiling.

use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

#[derive(rust_embed::Embed)]
#[folder = "../web/dist/"]
#[allow_missing = true]
struct Client;

const NOT_BUILT: &str = "<!doctype html><meta charset=utf-8><title>learnscape</title>\
<p>The web client is not built. Run <code>npm ci &amp;&amp; npm run build</code> in <code>web/</code> \
(or start the server with <code>scripts/run</code>), then reload. The API is at \
<a href=\"/api/openapi.json\">/api/openapi.json</a>.</p>";

/// Gzipped copies of text assets by path and content hash.
type GzipCache = Mutex<HashMap<(String, [u8; 32]), Arc<Vec<u8>>>>;

/// The gzipped asset, compressed on first request.
fn gzipped(path: &str, hash: [u8; 32], bytes: &[u8]) -> Option<Arc<Vec<u8>>> {
    static CACHE: OnceLock<GzipCache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let key = (path.to_string(), hash);
    if let Some(hit) = cache.lock().ok()?.get(&key) {
        return Some(hit.clone());
    }
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).ok()?;
    let out = Arc::new(enc.finish().ok()?);
    cache.lock().ok()?.insert(key, out.clone());
    Some(out)
}

fn compressible(mime: &str) -> bool {
    mime.starts_with("text/")
        || mime.contains("javascript")
        || mime.contains("json")
        || mime.contains("svg")
}

/// Serves `path` from the client, or `None` when it has no such file.
fn serve(path: &str, headers: &HeaderMap) -> Option<Response> {
    let file = Client::get(path)?;
    let hash = file.metadata.sha256_hash();
    let etag = format!(
        "\"{}\"",
        hash[..12]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    // Hashed asset names never change content; the page itself must be
    // revalidated so a new build is picked up.
    let cache = if path.starts_with("assets/") {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let mime = file.metadata.mimetype().to_string();
    let mut response = if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag))
    {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let accepts_gzip = headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("gzip"));
        match (accepts_gzip && compressible(&mime))
            .then(|| gzipped(path, hash, &file.data))
            .flatten()
        {
            Some(body) => (
                [(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"))],
                body.as_ref().clone(),
            )
                .into_response(),
            None => file.data.into_owned().into_response(),
        }
    };
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&mime) {
        h.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    Some(response)
}

/// `GET /`: the map page.
pub async fn index(headers: HeaderMap) -> Response {
    serve("index.html", &headers).unwrap_or_else(|| {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            NOT_BUILT,
        )
            .into_response()
    })
}

/// Anything else that is not an API route: a client file, or the API's 404.
pub async fn fallback(uri: Uri, headers: HeaderMap) -> Response {
    let path = uri.path().trim_start_matches('/');
    if path.is_empty() || path.contains("..") {
        return super::error::not_found(uri).await.into_response();
    }
    match serve(path, &headers) {
        Some(r) => r,
        None => super::error::not_found(uri).await.into_response(),
    }
}
