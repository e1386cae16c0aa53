//! WGS84 positions and boxes, longitude first (as GeoJSON, RFC 7946 §3.1.1).

use serde::{Deserialize, Serialize};

/// A WGS84 position in degrees, longitude first.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LonLat {
    pub lon: f64,
    pub lat: f64,
}

impl LonLat {
    pub const fn new(lon: f64, lat: f64) -> Self {
        Self { lon, lat }
    }

    /// True when both values are finite and inside [-180, 180] × [-90, 90].
    pub fn is_valid(&self) -> bool {
        self.lon.is_finite()
            && self.lat.is_finite()
            && (-180.0..=180.0).contains(&self.lon)
            && (-90.0..=90.0).contains(&self.lat)
    }
}

impl From<LonLat> for geo_types::Point<f64> {
    fn from(p: LonLat) -> Self {
        geo_types::Point::new(p.lon, p.lat)
    }
}

impl From<geo_types::Point<f64>> for LonLat {
    fn from(p: geo_types::Point<f64>) -> Self {
        LonLat::new(p.x(), p.y())
    }
}

/// An axis-aligned WGS84 box. Boxes crossing the antimeridian are not
/// supported: every city learnscape maps lies on one side of it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Bbox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl Bbox {
    pub const fn new(west: f64, south: f64, east: f64, north: f64) -> Self {
        Self {
            west,
            south,
            east,
            north,
        }
    }

    /// Parses `west,south,east,north` as used on command lines and in URLs.
    pub fn parse(text: &str) -> Result<Self, String> {
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        if parts.len() != 4 {
            return Err(format!(
                "a bbox is four numbers west,south,east,north; got {text:?}"
            ));
        }
        let mut v = [0.0; 4];
        for (slot, part) in v.iter_mut().zip(&parts) {
            *slot = part
                .parse::<f64>()
                .map_err(|_| format!("{part:?} in bbox {text:?} is not a number"))?;
        }
        let bbox = Self::new(v[0], v[1], v[2], v[3]);
        if !LonLat::new(bbox.west, bbox.south).is_valid()
            || !LonLat::new(bbox.east, bbox.north).is_valid()
        {
            return Err(format!("bbox {text:?} is outside lon ±180 / lat ±90"));
        }
        if bbox.west > bbox.east || bbox.south > bbox.north {
            return Err(format!(
                "bbox {text:?} must be west,south,east,north with west <= east and south <= north"
            ));
        }
        Ok(bbox)
    }

    pub fn contains(&self, p: LonLat) -> bool {
        p.lon >= self.west && p.lon <= self.east && p.lat >= self.south && p.lat <= self.north
    }

    pub fn intersects(&self, other: &Bbox) -> bool {
        self.west <= other.east
            && other.west <= self.east
            && self.south <= other.north
            && other.south <= self.north
    }

    /// The smallest box holding `self` and `other`.
    pub fn union(&self, other: &Bbox) -> Bbox {
        Bbox::new(
            self.west.min(other.west),
            self.south.min(other.south),
            self.east.max(other.east),
            self.north.max(other.north),
        )
    }

    /// The bounding box of any geometry, `None` when it has no coordinates.
    pub fn of<G: geo::BoundingRect<f64>>(geometry: &G) -> Option<Bbox>
    where
        G::Output: Into<Option<geo_types::Rect<f64>>>,
    {
        let rect: Option<geo_types::Rect<f64>> = geometry.bounding_rect().into();
        rect.map(|r| Bbox::new(r.min().x, r.min().y, r.max().x, r.max().y))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bbox_parses_from_four_numbers() {
        let b = Bbox::parse("9.47, 47.04,9.64,47.27").expect("valid");
        assert_eq!(b, Bbox::new(9.47, 47.04, 9.64, 47.27));
        assert!(b.contains(LonLat::new(9.52, 47.14)));
        assert!(!b.contains(LonLat::new(9.3, 47.14)));
    }

    #[test]
    fn a_bbox_with_swapped_corners_or_bad_numbers_is_refused() {
        assert!(Bbox::parse("9.6,47,9.4,47.2").is_err());
        assert!(Bbox::parse("a,1,2,3").is_err());
        assert!(Bbox::parse("1,2,3").is_err());
        assert!(Bbox::parse("-190,0,0,1").is_err());
    }

    #[test]
    fn positions_outside_wgs84_are_invalid() {
        assert!(LonLat::new(9.5, 47.1).is_valid());
        assert!(!LonLat::new(181.0, 0.0).is_valid());
        assert!(!LonLat::new(0.0, f64::NAN).is_valid());
    }
}
