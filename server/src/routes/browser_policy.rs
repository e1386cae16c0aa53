//! What the server tells browsers about everything it sends. The page runs
//! only its own scripts and styles and talks only to this server, so a
//! strict Content-Security-Policy costs it nothing and turns a name that
//! slips past escaping into text rather than code. The page may not be
//! framed by another site: moderators and stewards click buttons that
//! change the registry.

use axum::http::{HeaderValue, header};
use axum::response::Response;

/// The page's policy. MapLibre starts its workers from `blob:` URLs and
/// draws images from `data:`/`blob:`; everything else is this origin's.
pub const PAGE_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
img-src 'self' data: blob:; worker-src 'self' blob:; child-src 'self' blob:; connect-src 'self'; \
font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Adds the headers to `response`: `nosniff` to every answer (a CSV or
/// a name in JSON is never run as a script or a page), the policy and
/// the framing and referrer rules to HTML.
pub async fn add(mut response: Response) -> Response {
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let h = response.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if html {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(PAGE_POLICY),
        );
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        // Links out (to OpenStreetMap, a resource's website) say nothing
        // of where the reader came from.
        h.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        );
    }
    response
}
