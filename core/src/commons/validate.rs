//! Every field of a resource checked, each error naming its field, so an
//! API answer can say exactly what to fix.

use super::{Location, ResourceContent};
use crate::LonLat;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

pub const MAX_NAME: usize = 120;
pub const MAX_TEXT: usize = 2000;
pub const MAX_SHORT: usize = 300;
pub const MAX_OUTLINE_POINTS: usize = 500;
/// An outline larger than this is not one shared resource.
pub const MAX_OUTLINE_SPAN_DEG: f64 = 0.05;

fn text(errors: &mut Vec<FieldError>, field: &str, value: &str, min: usize, max: usize) {
    let n = value.chars().count();
    if value.trim().chars().count() < min {
        errors.push(FieldError::new(
            field,
            if min == 1 {
                "is required".to_string()
            } else {
                format!("needs at least {min} characters")
            },
        ));
    } else if n > max {
        errors.push(FieldError::new(
            field,
            format!("is {n} characters; at most {max}"),
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        errors.push(FieldError::new(field, "contains control characters"));
    }
}

fn lonlat_ok(p: &LonLat) -> bool {
    p.lon.is_finite()
        && p.lat.is_finite()
        && (-180.0..=180.0).contains(&p.lon)
        && (-85.0..=85.0).contains(&p.lat)
}

/// An http(s) URL with a host, at most [`MAX_SHORT`] characters.
pub fn check_url(raw: &str) -> Result<(), String> {
    if raw.chars().count() > MAX_SHORT {
        return Err(format!("is longer than {MAX_SHORT} characters"));
    }
    let rest = raw
        .strip_prefix("https://")
        .or_else(|| raw.strip_prefix("http://"))
        .ok_or("must start with http:// or https://")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty()
        || host.contains(char::is_whitespace)
        || !host.contains('.') && !host.starts_with("localhost")
    {
        return Err("has no valid host".into());
    }
    if raw.contains(char::is_whitespace) {
        return Err("contains spaces".into());
    }
    Ok(())
}

fn location(errors: &mut Vec<FieldError>, loc: &Location, within: Option<crate::Bbox>) {
    let points: Vec<&LonLat> = match loc {
        Location::Point(p) => vec![p],
        Location::Outline(ring) => ring.iter().collect(),
    };
    if let Some(bad) = points.iter().position(|p| !lonlat_ok(p)) {
        errors.push(FieldError::new(
            "location",
            format!("coordinate {bad} is not a longitude in -180..180 and a latitude in -85..85"),
        ));
        return;
    }
    if let Location::Outline(ring) = loc {
        if ring.len() < 4 || ring.first() != ring.last() {
            errors.push(FieldError::new(
                "location",
                "an outline needs at least 3 corners and must end where it starts",
            ));
            return;
        }
        if ring.len() > MAX_OUTLINE_POINTS {
            errors.push(FieldError::new(
                "location",
                format!("an outline has at most {MAX_OUTLINE_POINTS} points"),
            ));
            return;
        }
        let (mut w, mut s, mut e, mut n) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for p in ring {
            w = w.min(p.lon);
            e = e.max(p.lon);
            s = s.min(p.lat);
            n = n.max(p.lat);
        }
        if e - w > MAX_OUTLINE_SPAN_DEG || n - s > MAX_OUTLINE_SPAN_DEG {
            errors.push(FieldError::new(
                "location",
                "the outline is larger than a shared resource can be (about 5 km)",
            ));
        }
        if crosses_itself(ring) {
            errors.push(FieldError::new(
                "location",
                "the outline crosses itself: give its corners in order around its edge",
            ));
            return;
        }
        let area2: f64 = ring
            .windows(2)
            .map(|w| w[0].lon * w[1].lat - w[1].lon * w[0].lat)
            .sum();
        if area2.abs() < 1e-12 {
            errors.push(FieldError::new("location", "the outline has no area"));
        }
    }
    if let Some(b) = within {
        let p = loc.point();
        if !(b.west..=b.east).contains(&p.lon) || !(b.south..=b.north).contains(&p.lat) {
            errors.push(FieldError::new(
                "location",
                format!(
                    "is outside the area this map covers ({:.3},{:.3} – {:.3},{:.3})",
                    b.west, b.south, b.east, b.north
                ),
            ));
        }
    }
}

/// A figure of eight (corners taken out of order) has no inside a planner
/// or a walker could use.
fn crosses_itself(ring: &[LonLat]) -> bool {
    let line: geo_types::LineString<f64> = ring.iter().map(|p| (p.lon, p.lat)).collect();
    crate::shape::crosses_itself(&geo_types::Polygon::new(line, Vec::new()))
}

/// Checks every field; an empty list means valid. `within` is the area
/// the map covers (a resource elsewhere could never be reached on foot).
pub fn validate(c: &ResourceContent, within: Option<crate::Bbox>) -> Vec<FieldError> {
    let mut errors = Vec::new();
    text(&mut errors, "name", &c.name, 1, MAX_NAME);
    text(&mut errors, "offers", &c.offers, 1, MAX_TEXT);
    text(&mut errors, "access_terms", &c.access_terms, 1, MAX_TEXT);
    text(&mut errors, "contact", &c.contact, 3, MAX_SHORT);
    location(&mut errors, &c.location, within);
    if let Some(oh) = &c.opening_hours {
        if oh.chars().count() > MAX_SHORT {
            errors.push(FieldError::new(
                "opening_hours",
                format!("is longer than {MAX_SHORT} characters"),
            ));
        } else if let Err(first) = crate::hours::Hours::parse(oh) {
            errors.push(FieldError::new("opening_hours", format!("is not valid OSM opening_hours syntax ({first}); for example \"Mo-Fr 09:00-17:00; Sa 10:00-14:00\"")));
        }
    }
    if let Some(url) = &c.website
        && let Err(e) = check_url(url)
    {
        errors.push(FieldError::new("website", e));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commons::Licence;
    use crate::{Bbox, Category};

    fn good() -> ResourceContent {
        ResourceContent {
            name: "Saatgutbibliothek".into(),
            category: Category::CommunityGarden,
            location: Location::Point(LonLat::new(9.52, 47.14)),
            offers: "seeds to borrow".into(),
            opening_hours: Some("Mo-Fr 09:00-17:00; Sa 10:00-14:00".into()),
            access_terms: "everyone".into(),
            contact: "seeds@example.org".into(),
            website: Some("https://example.org/seeds".into()),
            sensitive: false,
            licence: Licence::Odbl,
        }
    }

    fn fields(c: &ResourceContent) -> Vec<String> {
        validate(c, Some(Bbox::new(9.47, 47.04, 9.64, 47.28)))
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    /// A closed ring from corners in units of 0.0001° east and north of
    /// a point in Liechtenstein.
    fn outline(corners: &[(i32, i32)]) -> Location {
        let at = |(x, y): (i32, i32)| {
            LonLat::new(9.52 + f64::from(x) * 1e-4, 47.14 + f64::from(y) * 1e-4)
        };
        let mut ring: Vec<LonLat> = corners.iter().copied().map(at).collect();
        ring.extend(corners.first().copied().map(at));
        Location::Outline(ring)
    }

    #[test]
    fn an_outline_may_not_cross_itself_but_may_repeat_a_corner() {
        let messages = |loc: Location| {
            let mut c = good();
            c.location = loc;
            fields_and_messages(&c)
        };
        let square = [(0, 0), (4, 0), (4, 4), (0, 4)];
        assert!(messages(outline(&square)).is_empty());
        assert!(messages(outline(&[(0, 0), (4, 0), (4, 0), (4, 4), (0, 4)])).is_empty());
        // An L-shaped yard, concave but simple.
        assert!(messages(outline(&[(0, 0), (4, 0), (4, 2), (2, 2), (2, 4), (0, 4)])).is_empty());
        let bow_tie = messages(outline(&[(0, 0), (4, 4), (4, 0), (0, 4)]));
        assert_eq!(bow_tie.len(), 1, "{bow_tie:?}");
        assert!(bow_tie[0].contains("crosses itself"), "{bow_tie:?}");
        // A loop that goes back over its own edge.
        let folded = messages(outline(&[(0, 0), (4, 0), (4, 4), (2, -2)]));
        assert!(
            folded.iter().any(|m| m.contains("crosses itself")),
            "{folded:?}"
        );
    }

    fn fields_and_messages(c: &ResourceContent) -> Vec<String> {
        validate(c, Some(Bbox::new(9.47, 47.04, 9.64, 47.28)))
            .into_iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect()
    }

    #[test]
    fn a_good_entry_passes_and_each_bad_field_is_named() {
        assert!(fields(&good()).is_empty());
        type Change = Box<dyn Fn(&mut ResourceContent)>;
        let cases: Vec<(&str, Change)> = vec![
            ("name", Box::new(|c| c.name = "  ".into())),
            ("name", Box::new(|c| c.name = "x".repeat(MAX_NAME + 1))),
            ("offers", Box::new(|c| c.offers = String::new())),
            ("contact", Box::new(|c| c.contact = "a\u{7}b".into())),
            (
                "opening_hours",
                Box::new(|c| c.opening_hours = Some("whenever".into())),
            ),
            (
                "website",
                Box::new(|c| c.website = Some("javascript:alert(1)".into())),
            ),
            ("website", Box::new(|c| c.website = Some("https://".into()))),
            (
                "location",
                Box::new(|c| c.location = Location::Point(LonLat::new(f64::NAN, 47.0))),
            ),
            (
                "location",
                Box::new(|c| c.location = Location::Point(LonLat::new(2.35, 48.85))),
            ),
            (
                "location",
                Box::new(|c| {
                    c.location = Location::Outline(vec![
                        LonLat::new(9.52, 47.14),
                        LonLat::new(9.53, 47.14),
                        LonLat::new(9.52, 47.14),
                    ])
                }),
            ),
            (
                "location",
                Box::new(|c| c.location = outline(&[(0, 0), (4, 4), (4, 0), (0, 4)])),
            ),
        ];
        for (field, change) in cases {
            let mut c = good();
            change(&mut c);
            assert_eq!(fields(&c), vec![field.to_string()], "{c:?}");
        }
    }
}
