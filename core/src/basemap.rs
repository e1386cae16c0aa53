//! Basemap features drawn under the learning spaces, made from the same OSM
//! extract so the map needs nothing from outside.

use geo::CoordsIter;
use geo_types::{Geometry, LineString, Polygon};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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
    /// Another name of a road, square or place label, in another language
    /// or as people call it (`name:sv` "Skillnadsgatan" for
    /// Erottajankatu, "Helsingfors" for Helsinki, `loc_name` "Lindaplatz"
    /// for Lindenplatz): `name` the other name, `class` and geometry the
    /// named feature's, which pair them ([`other_names`]). For search, not
    /// drawn: the tiles draw the feature by its `name`.
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

/// Each other name ([`BasemapKind::OtherName`]) with the index in
/// `basemap` of the road, square or place label it names: the one of its
/// class and geometry. The importer gives an other name the geometry of
/// what it names, so the stores keep no key to pair them by.
pub fn other_names(basemap: &[BasemapFeature]) -> Vec<(usize, &str)> {
    let mut by_shape: HashMap<_, Vec<&BasemapFeature>> = HashMap::new();
    for f in basemap.iter().filter(|f| f.kind == BasemapKind::OtherName) {
        if let Some(shape) = fingerprint(&f.geometry) {
            by_shape.entry(shape).or_default().push(f);
        }
    }
    if by_shape.is_empty() {
        return Vec::new();
    }
    let named = basemap
        .iter()
        .enumerate()
        .filter(|(_, f)| matches!(f.kind, BasemapKind::Road | BasemapKind::PlaceLabel));
    let mut pairs = Vec::new();
    for (i, f) in named {
        let Some(others) = fingerprint(&f.geometry).and_then(|shape| by_shape.get(&shape)) else {
            continue;
        };
        let same = |o: &&&BasemapFeature| o.class == f.class && o.geometry == f.geometry;
        pairs.extend(
            others
                .iter()
                .filter(same)
                .filter_map(|o| Some((i, o.name.as_deref()?))),
        );
    }
    pairs
}

/// A geometry's first point and number of points: the same geometry has
/// the same, and the few others that do (roads starting at one node with
/// as many points) are told apart by comparing them whole. Cheaper to
/// take of every road than a hash of all its points.
fn fingerprint(geometry: &Geometry<f64>) -> Option<(u64, u64, usize)> {
    let first = match geometry {
        Geometry::Point(p) => p.0,
        Geometry::LineString(l) => *l.0.first()?,
        Geometry::MultiLineString(m) => *m.0.first()?.0.first()?,
        Geometry::Polygon(p) => *p.exterior().0.first()?,
        Geometry::MultiPolygon(m) => *m.0.first()?.exterior().0.first()?,
        other => other.coords_iter().next()?,
    };
    Some((
        first.x.to_bits(),
        first.y.to_bits(),
        geometry.coords_count(),
    ))
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

    #[test]
    fn an_other_name_names_the_feature_of_its_class_and_geometry() {
        let with = |kind, class: &str, name: &str, g: Geometry<f64>| BasemapFeature {
            kind,
            class: class.into(),
            name: Some(name.into()),
            population: None,
            geometry: g,
        };
        let street = Geometry::LineString(LineString::from(vec![(0.0, 0.0), (1.0, 0.0)]));
        let backwards = Geometry::LineString(LineString::from(vec![(1.0, 0.0), (0.0, 0.0)]));
        let town = Geometry::Point(Point::new(0.5, 0.5));
        let basemap = [
            with(BasemapKind::Road, "minor", "Fabianinkatu", street.clone()),
            // A footway along the street's very line is another road.
            with(BasemapKind::Road, "path", "Polku", street.clone()),
            with(BasemapKind::PlaceLabel, "city", "Helsinki", town.clone()),
            with(BasemapKind::Green, "park", "Puisto", town.clone()),
            with(
                BasemapKind::OtherName,
                "minor",
                "Fabiansgatan",
                street.clone(),
            ),
            with(BasemapKind::OtherName, "minor", "Fabbe", street),
            with(BasemapKind::OtherName, "city", "Helsingfors", town.clone()),
            // Of no feature: another class, or a line no road runs along
            // (the same points, walked the other way).
            with(BasemapKind::OtherName, "town", "Stadt", town),
            with(BasemapKind::OtherName, "minor", "Ingen", backwards),
        ];
        let mut pairs = other_names(&basemap);
        pairs.sort_unstable();
        assert_eq!(
            pairs,
            [(0, "Fabbe"), (0, "Fabiansgatan"), (2, "Helsingfors")]
        );
        assert!(other_names(&basemap[..4]).is_empty());
    }
}
