//! TileJSON 3.0.0 documents for vector layers.

use learnscape_core::Bbox;
use serde_json::{Map, Value, json};

/// One vector layer as TileJSON describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct VectorLayer {
    pub id: String,
    pub description: String,
    pub minzoom: u8,
    pub maxzoom: u8,
    /// Attribute name → description (type and meaning).
    pub fields: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TileSet {
    pub name: String,
    pub description: String,
    /// URL template with `{z}/{x}/{y}`.
    pub tiles: String,
    pub bounds: Bbox,
    pub minzoom: u8,
    pub maxzoom: u8,
    pub attribution: String,
    pub layers: Vec<VectorLayer>,
}

pub fn tilejson(set: &TileSet) -> Value {
    let layers: Vec<Value> = set
        .layers
        .iter()
        .map(|l| {
            let fields: Map<String, Value> = l
                .fields
                .iter()
                .map(|(k, v)| (k.clone(), json!(v)))
                .collect();
            json!({
                "id": l.id,
                "description": l.description,
                "minzoom": l.minzoom,
                "maxzoom": l.maxzoom,
                "fields": fields,
            })
        })
        .collect();
    let b = &set.bounds;
    let centre_zoom = set.minzoom.max(10).min(set.maxzoom);
    json!({
        "tilejson": "3.0.0",
        "name": set.name,
        "description": set.description,
        "scheme": "xyz",
        "tiles": [set.tiles],
        "bounds": [b.west, b.south, b.east, b.north],
        "center": [(b.west + b.east) / 2.0, (b.south + b.north) / 2.0, centre_zoom],
        "minzoom": set.minzoom,
        "maxzoom": set.maxzoom,
        "attribution": set.attribution,
        "vector_layers": layers,
    })
}
