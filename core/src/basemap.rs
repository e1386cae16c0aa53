//! Basemap features drawn under the learning spaces, made from the same OSM
//! extract so the map needs nothing from outside.

use geo_types::{Geometry, LineString, Polygon};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BasemapKind {
    /// `class`: motorway, trunk, primary, secondary, tertiary, minor,
    /// pedestrian, service, track, path; and square, an area (a square or
    /// other pedestrian area: `place=square`, `highway=pedestrian` with
    /// `area=yes` or as a multipolygon).
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
    /// Another name of a road or square, in another language or as
    /// people call it (`name:sv` "Skillnadsgatan" for Erottajankatu,
    /// `loc_name` "Lindaplatz" for Lindenplatz): `name` the other name,
    /// `class` the road's class, the geometry the road's. For search, not
    /// drawn: the tiles draw the road by its `name`.
    OtherName,
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
            BasemapKind::OtherName => "other_name",
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
            "other_name" => BasemapKind::OtherName,
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

impl BasemapFeature {
    /// The lines a road runs along: its own, or the outer edge of each
    /// part of a square's area, so that a square is a street by its edge
    /// (a point beside it is near it, it joins the streets it opens onto).
    /// Not its holes: a fountain in the middle of a square is no second
    /// square of its name. None for a point.
    pub fn lines(&self) -> Vec<&LineString<f64>> {
        match &self.geometry {
            Geometry::LineString(l) => vec![l],
            Geometry::MultiLineString(m) => m.0.iter().collect(),
            Geometry::Polygon(p) => vec![p.exterior()],
            Geometry::MultiPolygon(m) => m.0.iter().map(Polygon::exterior).collect(),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo_types::{MultiLineString, MultiPolygon, Point};

    fn feature(geometry: Geometry<f64>) -> BasemapFeature {
        BasemapFeature {
            kind: BasemapKind::Road,
            class: "square".into(),
            name: Some("Dorfplatz".into()),
            population: None,
            geometry,
        }
    }

    #[test]
    fn a_road_runs_along_its_lines_and_a_square_along_its_edge() {
        let line = LineString::from(vec![(0.0, 0.0), (1.0, 0.0)]);
        let other = LineString::from(vec![(2.0, 0.0), (3.0, 0.0)]);
        let outer = LineString::from(vec![(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 0.0)]);
        let inner = LineString::from(vec![(1.0, 1.0), (2.0, 1.0), (2.0, 2.0), (1.0, 1.0)]);
        let square = Polygon::new(outer.clone(), vec![inner.clone()]);
        let lines = |g: Geometry<f64>| feature(g).lines().into_iter().cloned().collect::<Vec<_>>();
        assert_eq!(
            lines(Geometry::LineString(line.clone())),
            vec![line.clone()]
        );
        assert_eq!(
            lines(Geometry::MultiLineString(MultiLineString(vec![
                line.clone(),
                other.clone()
            ]))),
            [line, other]
        );
        assert_eq!(
            lines(Geometry::Polygon(square.clone())),
            vec![outer.clone()]
        );
        let apart = Polygon::new(inner, vec![]);
        assert_eq!(
            lines(Geometry::MultiPolygon(MultiPolygon(vec![
                square,
                apart.clone()
            ]))),
            [outer, apart.exterior().clone()]
        );
        assert!(lines(Geometry::Point(Point::new(0.0, 0.0))).is_empty());
    }
}
