//! Basemap features drawn under the learning spaces, made from the same OSM
//! extract so the map needs nothing from outside.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BasemapKind {
    /// `class`: motorway, trunk, primary, secondary, tertiary, minor,
    /// pedestrian, service, track, path.
    Road,
    Railway,
    /// Water areas; `class`: water, riverbank, reservoir…
    Water,
    /// Rivers, streams, canals as lines.
    Waterway,
    /// Parks, forests, meadows; `class` is the tag value.
    Green,
    /// Other land use: residential, commercial, industrial, farmland…
    Landuse,
    /// Building footprints; `residential` per walk-model.md §4.
    Building {
        residential: bool,
    },
    /// A named settlement or district (`place=*` node); `class` is its type.
    PlaceLabel,
    /// A house number (`addr:housenumber` on a node, a building or an
    /// area): `class` is the number, `name` the street (`addr:street`, else
    /// `addr:place`), the geometry a point on it. For search ("Städtle 35"),
    /// not drawn: the tiles end at z14, long before house numbers show.
    Address,
    /// A postcode (`addr:postcode` on the addresses): `class` is the code,
    /// `name` the town most of its addresses name (`addr:city`), the
    /// geometry the address nearest the middle of them. For search, not
    /// drawn.
    Postcode,
}

impl BasemapKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            BasemapKind::Road => "road",
            BasemapKind::Railway => "railway",
            BasemapKind::Water => "water",
            BasemapKind::Waterway => "waterway",
            BasemapKind::Green => "green",
            BasemapKind::Landuse => "landuse",
            BasemapKind::Building { .. } => "building",
            BasemapKind::PlaceLabel => "place_label",
            BasemapKind::Address => "address",
            BasemapKind::Postcode => "postcode",
        }
    }

    /// Inverse of [`as_str`](Self::as_str); buildings take their flag apart.
    pub fn from_parts(kind: &str, residential: bool) -> Option<Self> {
        Some(match kind {
            "road" => BasemapKind::Road,
            "railway" => BasemapKind::Railway,
            "water" => BasemapKind::Water,
            "waterway" => BasemapKind::Waterway,
            "green" => BasemapKind::Green,
            "landuse" => BasemapKind::Landuse,
            "building" => BasemapKind::Building { residential },
            "place_label" => BasemapKind::PlaceLabel,
            "address" => BasemapKind::Address,
            "postcode" => BasemapKind::Postcode,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BasemapFeature {
    pub kind: BasemapKind,
    /// The finer class within the kind (see [`BasemapKind`]).
    pub class: String,
    pub name: Option<String>,
    /// Residents for place labels (`population=*`), when tagged.
    pub population: Option<f64>,
    pub geometry: geo_types::Geometry<f64>,
}
