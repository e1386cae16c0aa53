//! What the server tells browsers about everything it sends. The page runs
//! only its own scripts and styles and talks only to this server, so a
//! strict Content-Security-Policy costs it nothing and turns a name that
//! slips past escaping into text rather than code. The page may not be
//! framed by another site unless the operator names it (`serve
//! --frame-ancestors`): moderators and stewards click buttons that change
//! the registry.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::Response;

/// The page's policy but for framing. MapLibre starts its workers from
/// `blob:` URLs and draws images from `data:`/`blob:`; everything else is
/// this origin's. (A macro, so that `concat!` can build on it.)
macro_rules! page_policy {
    () => {
        "default-src 'self'; script-src 'self'; style-src 'self'; \
         img-src 'self' data: blob:; worker-src 'self' blob:; child-src 'self' blob:; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
    };
}

/// Framed by nobody.
const STRICT: &str = concat!(page_policy!(), "; frame-ancestors 'none'");

/// What of the device the page may ask for: where you are ("Use my
/// location", from its own origin or a page that frames it and grants
/// it), and nothing else, so a script that slipped in could not either.
const DEVICE: &str = "geolocation=(self), camera=(), microphone=(), payment=(), usb=()";

/// The headers an HTML answer gets.
#[derive(Debug, Clone)]
pub struct PagePolicy {
    csp: HeaderValue,
    /// No site named: `X-Frame-Options: DENY` too, for browsers that
    /// predate `frame-ancestors`.
    deny_frames: bool,
}

impl Default for PagePolicy {
    /// Framed by nobody.
    fn default() -> Self {
        Self {
            csp: HeaderValue::from_static(STRICT),
            deny_frames: true,
        }
    }
}

impl PagePolicy {
    /// Framed by these origins (each checked by [`frame_ancestor`]) and
    /// no others; by nobody when there are none.
    pub fn framed_by(origins: &[String]) -> Result<Self, String> {
        if origins.is_empty() {
            return Ok(Self::default());
        }
        for origin in origins {
            frame_ancestor(origin)?;
        }
        let csp = format!("{}; frame-ancestors {}", page_policy!(), origins.join(" "));
        Ok(Self {
            csp: HeaderValue::from_str(&csp).map_err(|e| e.to_string())?,
            deny_frames: false,
        })
    }
}

/// An origin that may frame the page, as CSP writes one: `https://` or
/// `http://`, a host (its first label may be `*` for any subdomain) and
/// an optional port, nothing after. Anything else is refused with why,
/// so that no value can add a directive of its own.
pub fn frame_ancestor(text: &str) -> Result<String, String> {
    let bad = |why: &str| {
        Err(format!(
            "{text:?} is not an origin ({why}); write it as https://www.example.org"
        ))
    };
    let Some((scheme, rest)) = text.split_once("://") else {
        return bad("no https://");
    };
    if scheme != "https" && scheme != "http" {
        return bad("only https:// or http://");
    }
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (rest, None),
    };
    if port.is_some_and(|p| p.is_empty() || p.len() > 5 || !p.bytes().all(|b| b.is_ascii_digit())) {
        return bad("the port is not a number");
    }
    let host = host.strip_prefix("*.").unwrap_or(host);
    let label_ok = |l: &str| {
        !l.is_empty()
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if host.is_empty() || !host.split('.').all(label_ok) {
        return bad("the host may hold only letters, digits, '-' and '.', and no path");
    }
    Ok(text.to_string())
}

/// Adds the headers to `response`: `nosniff` to every answer (a CSV or
/// a name in JSON is never run as a script or a page), the policy and
/// the framing and referrer rules to HTML.
pub async fn add(State(policy): State<PagePolicy>, mut response: Response) -> Response {
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
        h.insert(header::CONTENT_SECURITY_POLICY, policy.csp.clone());
        if policy.deny_frames {
            h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        }
        // Links out (to OpenStreetMap, a resource's website) say nothing
        // of where the reader came from.
        h.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        );
        h.insert(
            header::HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(DEVICE),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_origin_that_may_frame_the_page_is_an_origin_and_nothing_more() {
        for ok in [
            "https://www.vaduz.li",
            "https://www.vaduz.li/",
            "http://localhost:8000",
            "https://*.llv.li",
            "https://xn--gemeinde-8ya.li:443",
        ] {
            assert_eq!(frame_ancestor(ok), Ok(ok.to_string()), "{ok}");
        }
        for bad in [
            "www.vaduz.li",
            "ftp://files.li",
            "javascript://x",
            "https://",
            "https://city.li/embed",
            "https://city.li; script-src *",
            "https://city.li 'unsafe-inline'",
            "https://city.li:80a",
            "https://-city.li",
            "'self'",
            "*",
        ] {
            let err = frame_ancestor(bad).expect_err(bad);
            assert!(
                err.contains(bad) && err.contains("https://www.example.org"),
                "{err}"
            );
        }
    }

    #[test]
    fn the_page_is_framed_by_the_named_sites_or_by_nobody() {
        let strict = PagePolicy::default();
        assert!(strict.deny_frames);
        assert!(
            strict
                .csp
                .to_str()
                .unwrap_or("")
                .ends_with("; frame-ancestors 'none'")
        );
        assert_eq!(
            PagePolicy::framed_by(&[]).map(|p| p.csp),
            Ok(strict.csp.clone())
        );
        let city =
            PagePolicy::framed_by(&["https://www.vaduz.li".into(), "https://*.llv.li".into()])
                .expect("origins");
        assert!(!city.deny_frames);
        let csp = city.csp.to_str().unwrap_or("");
        assert!(
            csp.ends_with("; frame-ancestors https://www.vaduz.li https://*.llv.li"),
            "{csp}"
        );
        assert!(
            csp.starts_with("default-src 'self'; script-src 'self'; style-src 'self';"),
            "{csp}"
        );
        assert!(PagePolicy::framed_by(&["https://a.li; sandbox".into()]).is_err());
    }
}
