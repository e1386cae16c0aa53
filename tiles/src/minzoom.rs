//! Which basemap features a zoom level draws: the one policy both stores'
//! tiles follow (the embedded encoder and PostGIS's `ST_AsMVT`).

use learnscape_core::{BasemapFeature, BasemapKind};

/// The zoom from which a basemap feature is drawn.
pub fn basemap_minzoom(f: &BasemapFeature) -> u8 {
    match (&f.kind, f.class.as_str()) {
        (BasemapKind::PlaceLabel, "city" | "town") => 0,
        (BasemapKind::PlaceLabel, "village") => 10,
        (BasemapKind::PlaceLabel, _) => 12,
        (BasemapKind::Water, _) | (BasemapKind::Waterway, "river") => 6,
        (BasemapKind::Waterway, _) => 12,
        (BasemapKind::Road, "motorway" | "trunk" | "primary") => 8,
        (BasemapKind::Road, "secondary" | "tertiary") => 10,
        (BasemapKind::Road, "minor") => 12,
        (BasemapKind::Road, _) => 14,
        (BasemapKind::Railway, _) => 10,
        (BasemapKind::Green | BasemapKind::Landuse, _) => 10,
        (BasemapKind::Building { .. }, _) => 14,
    }
}
