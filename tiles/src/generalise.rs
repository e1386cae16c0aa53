//! Per-zoom generalisation done once, in the manner of tippecanoe: a line
//! or polygon simplified for zoom z keeps every vertex the encoder's own
//! one-unit simplification could keep, so encoding a tile from it gives
//! what encoding from the full geometry gives, at a fraction of the work
//! for long coastlines, rivers and forests seen at low zoom.

use crate::EXTENT;
use geo::{CoordsIter, Simplify};
use geo_types::Geometry;

/// Geometries with fewer vertices than this are cheap as they are.
pub const MIN_VERTICES: usize = 64;

/// From this zoom the basemap is encoded from full-detail geometry.
pub const FULL_DETAIL_ZOOM: u8 = 14;

/// Half a tile unit at zoom `z`, in degrees, at the geometry's most
/// poleward latitude `lat` (where a degree of latitude is the fewest tile
/// units): conservative in both axes.
fn tolerance(z: u8, lat: f64) -> f64 {
    let unit_lon = 360.0 / (f64::from(1u32 << z.min(24)) * f64::from(EXTENT));
    0.5 * unit_lon * lat.to_radians().cos().max(0.01)
}

/// `g` simplified for zoom `z`; `None` when it is small enough already or
/// not a line or polygon.
pub fn generalise(g: &Geometry<f64>, z: u8) -> Option<Geometry<f64>> {
    if g.coords_count() < MIN_VERTICES {
        return None;
    }
    let lat = g.coords_iter().map(|c| c.y.abs()).fold(0.0_f64, f64::max);
    let eps = tolerance(z, lat);
    match g {
        Geometry::LineString(l) => Some(Geometry::LineString(l.simplify(eps))),
        Geometry::MultiLineString(l) => Some(Geometry::MultiLineString(l.simplify(eps))),
        Geometry::Polygon(p) => Some(Geometry::Polygon(p.simplify(eps))),
        Geometry::MultiPolygon(p) => Some(Geometry::MultiPolygon(p.simplify(eps))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TileCoord;
    use crate::encode::{Space, TileFeature, TileLayer, encode_tile};
    use geo_types::{LineString, Polygon};

    /// A wiggly ring of `n` points around (9.52, 47.14).
    fn wiggly(n: usize) -> Polygon<f64> {
        let ring: LineString<f64> = (0..=n)
            .map(|i| {
                let a = i as f64 / n as f64 * std::f64::consts::TAU;
                let r = 0.02 + 0.00002 * ((i * 7) as f64).sin();
                (9.52 + r * a.cos(), 47.14 + r * a.sin())
            })
            .collect();
        Polygon::new(ring, Vec::new())
    }

    #[test]
    fn low_zoom_copies_are_small_and_encode_alike() {
        let g = Geometry::Polygon(wiggly(4000));
        let at10 = generalise(&g, 10).expect("simplified");
        assert!(
            at10.coords_count() < 1000,
            "{} points at z10",
            at10.coords_count()
        );
        assert!(generalise(&Geometry::Polygon(wiggly(20)), 10).is_none());
        // The tile from the generalised copy is the tile from the original.
        let coord =
            TileCoord::covering(&learnscape_core::Bbox::new(9.52, 47.14, 9.52, 47.14), 10)[0];
        let tile = |geometry: Geometry<f64>| {
            encode_tile(
                coord,
                &[TileLayer {
                    name: "t".into(),
                    space: Space::LonLat,
                    features: vec![TileFeature {
                        id: None,
                        geometry,
                        properties: Vec::new(),
                    }],
                }],
            )
            .expect("encodes")
        };
        let (a, b) = (tile(g), tile(at10));
        let size_ratio = a.len() as f64 / b.len() as f64;
        assert!(
            (0.9..=1.1).contains(&size_ratio),
            "{} vs {} bytes",
            a.len(),
            b.len()
        );
    }
}
