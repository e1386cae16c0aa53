//! XYZ tiles over spherical Web Mercator (EPSG:3857).

use learnscape_core::{Bbox, LonLat};
use std::f64::consts::PI;

/// Web Mercator cannot show the poles; latitudes are clamped to this.
pub const MAX_LATITUDE: f64 = 85.051_128_779_806_59;

/// Deepest zoom served.
pub const MAX_ZOOM: u8 = 22;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TileError {
    #[error("zoom {0} is outside 0..={MAX_ZOOM}")]
    Zoom(u32),
    #[error("x {x} or y {y} is outside 0..{n} at zoom {z}")]
    Outside { z: u8, x: u32, y: u32, n: u64 },
    #[error("cannot encode tile: {0}")]
    Encode(String),
}

/// A tile address: zoom, column (west to east), row (north to south).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TileCoord {
    pub z: u8,
    pub x: u32,
    pub y: u32,
}

/// Position in the world square [0, 1]², x east, y south.
pub fn world_xy(p: LonLat) -> (f64, f64) {
    let lat = p.lat.clamp(-MAX_LATITUDE, MAX_LATITUDE).to_radians();
    let x = (p.lon + 180.0) / 360.0;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / PI) / 2.0;
    (x, y)
}

/// Inverse of [`world_xy`].
pub fn world_to_lonlat(x: f64, y: f64) -> LonLat {
    let lon = x * 360.0 - 180.0;
    let lat = (PI * (1.0 - 2.0 * y)).sinh().atan().to_degrees();
    LonLat::new(lon, lat)
}

impl TileCoord {
    pub fn new(z: u32, x: u32, y: u32) -> Result<Self, TileError> {
        let z8 = u8::try_from(z)
            .ok()
            .filter(|z| *z <= MAX_ZOOM)
            .ok_or(TileError::Zoom(z))?;
        let n = 1u64 << z8;
        if u64::from(x) >= n || u64::from(y) >= n {
            return Err(TileError::Outside { z: z8, x, y, n });
        }
        Ok(Self { z: z8, x, y })
    }

    /// Tiles across the world at this zoom.
    pub fn scale(&self) -> f64 {
        (1u64 << self.z) as f64
    }

    /// Position of `p` in this tile's units: (0, 0) north-west corner,
    /// (extent, extent) south-east.
    pub fn to_tile(&self, p: LonLat, extent: f64) -> (f64, f64) {
        let (wx, wy) = world_xy(p);
        let s = self.scale();
        (
            (wx * s - f64::from(self.x)) * extent,
            (wy * s - f64::from(self.y)) * extent,
        )
    }

    /// The tile's area in degrees, widened by `buffer` of `extent` units.
    pub fn bounds(&self, buffer: f64, extent: f64) -> Bbox {
        let s = self.scale();
        let pad = buffer / extent;
        let nw = world_to_lonlat(
            (f64::from(self.x) - pad) / s,
            ((f64::from(self.y) - pad) / s).max(0.0),
        );
        let se = world_to_lonlat(
            (f64::from(self.x) + 1.0 + pad) / s,
            ((f64::from(self.y) + 1.0 + pad) / s).min(1.0),
        );
        Bbox::new(nw.lon, se.lat, se.lon, nw.lat)
    }

    /// Every tile at zoom `z` meeting `bbox`.
    pub fn covering(bbox: &Bbox, z: u8) -> Vec<TileCoord> {
        let n = 1u32 << z;
        let s = f64::from(n);
        let (x0, y0) = world_xy(LonLat::new(bbox.west, bbox.north));
        let (x1, y1) = world_xy(LonLat::new(bbox.east, bbox.south));
        let clamp = |v: f64| ((v * s).floor().max(0.0) as u32).min(n - 1);
        let mut out = Vec::new();
        for x in clamp(x0)..=clamp(x1) {
            for y in clamp(y0)..=clamp(y1) {
                out.push(TileCoord { z, x, y });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn vaduz_is_in_the_expected_tiles() {
        let vaduz = LonLat::new(9.5209, 47.1410);
        // The slippy-map formula computed independently (Python): 539.08, 359.58.
        let t = TileCoord::covering(&Bbox::new(vaduz.lon, vaduz.lat, vaduz.lon, vaduz.lat), 10);
        assert_eq!(
            t,
            vec![TileCoord {
                z: 10,
                x: 539,
                y: 359
            }]
        );
        let (x, y) = t[0].to_tile(vaduz, 4096.0);
        assert!((0.0..4096.0).contains(&x) && (0.0..4096.0).contains(&y));
        assert!(TileCoord::new(23, 0, 0).is_err());
        assert!(TileCoord::new(2, 4, 0).is_err());
    }

    proptest! {
        #[test]
        fn world_positions_round_trip(lon in -180.0f64..180.0, lat in -85.0f64..85.0) {
            let (x, y) = world_xy(LonLat::new(lon, lat));
            let back = world_to_lonlat(x, y);
            prop_assert!((back.lon - lon).abs() < 1e-9 && (back.lat - lat).abs() < 1e-9);
        }

        #[test]
        fn a_point_lies_inside_the_tile_that_covers_it(
            lon in -179.9f64..179.9, lat in -85.0f64..85.0, z in 0u8..=18
        ) {
            let p = LonLat::new(lon, lat);
            let tiles = TileCoord::covering(&Bbox::new(lon, lat, lon, lat), z);
            prop_assert_eq!(tiles.len(), 1);
            prop_assert!(tiles[0].bounds(0.0, 4096.0).contains(p));
        }
    }
}
