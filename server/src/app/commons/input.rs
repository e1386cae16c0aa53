//! A resource as the API receives it, turned into the domain's content
//! with every problem named by its field.

use learnscape_core::commons::validate::validate;
use learnscape_core::commons::{FieldError, Licence, Location, ResourceContent};
use learnscape_core::{Bbox, Category, LonLat};
use serde::Deserialize;

/// A GeoJSON Point or Polygon (one ring).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GeometryInput {
    #[serde(rename = "type")]
    pub kind: String,
    pub coordinates: serde_json::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceInput {
    /// The owning group (on registration).
    pub group: Option<i64>,
    /// The revision an edit is based on (on edits).
    pub base_revision: Option<u32>,
    pub name: String,
    pub category: String,
    pub location: GeometryInput,
    pub offers: String,
    pub opening_hours: Option<String>,
    pub access_terms: String,
    pub contact: String,
    pub website: Option<String>,
    #[serde(default)]
    pub sensitive: bool,
    pub licence: String,
    /// What changed and why, for the history.
    #[serde(default)]
    pub comment: String,
}

fn position(v: &serde_json::Value) -> Option<LonLat> {
    let a = v.as_array()?;
    match a.as_slice() {
        [lon, lat] => Some(LonLat::new(lon.as_f64()?, lat.as_f64()?)),
        _ => None,
    }
}

fn location(g: &GeometryInput) -> Result<Location, String> {
    match g.kind.as_str() {
        "Point" => position(&g.coordinates)
            .map(Location::Point)
            .ok_or_else(|| "a Point needs coordinates [longitude, latitude]".to_string()),
        "Polygon" => {
            let rings = g
                .coordinates
                .as_array()
                .ok_or("a Polygon needs a list of rings")?;
            if rings.len() != 1 {
                return Err("an outline is one ring, without holes".into());
            }
            rings[0]
                .as_array()
                .ok_or("a ring is a list of [longitude, latitude]")?
                .iter()
                .map(|p| {
                    position(p)
                        .ok_or_else(|| "a ring is a list of [longitude, latitude]".to_string())
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Location::Outline)
        }
        other => Err(format!("{other:?} is not Point or Polygon")),
    }
}

fn blank_to_none(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

impl ResourceInput {
    /// The content, or every field error at once. `within`: the area the
    /// map covers.
    pub fn content(&self, within: Option<Bbox>) -> Result<ResourceContent, Vec<FieldError>> {
        let mut errors = Vec::new();
        let category = self
            .category
            .parse::<Category>()
            .map_err(|e| errors.push(FieldError::new("category", e.to_string())))
            .ok();
        let licence = match self.licence.as_str() {
            "CC0" | "cc0" => Some(Licence::Cc0),
            "ODbL" | "odbl" => Some(Licence::Odbl),
            other => {
                errors.push(FieldError::new(
                    "licence",
                    format!("{other:?} is not CC0 or ODbL"),
                ));
                None
            }
        };
        let loc = location(&self.location)
            .map_err(|e| errors.push(FieldError::new("location", e)))
            .ok();
        if self.comment.chars().count() > learnscape_core::commons::validate::MAX_TEXT {
            errors.push(FieldError::new("comment", "is longer than 2000 characters"));
        }
        let (Some(category), Some(licence), Some(location)) = (category, licence, loc) else {
            return Err(errors);
        };
        let content = ResourceContent {
            name: self.name.trim().to_string(),
            category,
            location,
            offers: self.offers.trim().to_string(),
            opening_hours: blank_to_none(&self.opening_hours),
            access_terms: self.access_terms.trim().to_string(),
            contact: self.contact.trim().to_string(),
            website: blank_to_none(&self.website),
            sensitive: self.sensitive,
            licence,
        };
        errors.extend(validate(&content, within));
        if errors.is_empty() {
            Ok(content)
        } else {
            Err(errors)
        }
    }
}
