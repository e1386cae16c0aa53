//! A local equirectangular frame in metres around a point: precise enough
//! at city scale (walk-model.md §2) and cheap. Built per query point, so a
//! graph spanning continents is still measured locally everywhere.

use learnscape_core::LonLat;
use learnscape_core::units::EARTH_RADIUS_M;

/// Metres per degree of latitude on the walk model's sphere.
pub const METERS_PER_DEGREE: f64 = EARTH_RADIUS_M * std::f64::consts::PI / 180.0;

#[derive(Debug, Clone, Copy)]
pub struct LocalFrame {
    origin: LonLat,
    x_per_degree: f64,
}

impl LocalFrame {
    pub fn at(origin: LonLat) -> Self {
        let cos = origin.lat.to_radians().cos().max(1e-6);
        Self {
            origin,
            x_per_degree: METERS_PER_DEGREE * cos,
        }
    }

    /// Position in metres east and north of the origin.
    pub fn to_xy(&self, p: LonLat) -> [f64; 2] {
        [
            (p.lon - self.origin.lon) * self.x_per_degree,
            (p.lat - self.origin.lat) * METERS_PER_DEGREE,
        ]
    }

    pub fn to_lonlat(&self, xy: [f64; 2]) -> LonLat {
        LonLat::new(
            self.origin.lon + xy[0] / self.x_per_degree,
            self.origin.lat + xy[1] / METERS_PER_DEGREE,
        )
    }

    /// Degrees of (longitude, latitude) that `meters` spans here.
    pub fn degrees(&self, meters: f64) -> (f64, f64) {
        (meters / self.x_per_degree, meters / METERS_PER_DEGREE)
    }
}

/// Closest point of segment `a`–`b` to `p`, as (fraction along a→b,
/// distance) in the plane.
pub fn closest_on_segment(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> (f64, f64) {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (cx, cy) = (a[0] + t * dx, a[1] + t * dy);
    (t, ((p[0] - cx).powi(2) + (p[1] - cy).powi(2)).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hundred_metres_east_and_north_round_trip() {
        let frame = LocalFrame::at(LonLat::new(9.52, 47.14));
        let p = frame.to_lonlat([100.0, 100.0]);
        let xy = frame.to_xy(p);
        assert!((xy[0] - 100.0).abs() < 1e-9 && (xy[1] - 100.0).abs() < 1e-9);
        let d = learnscape_core::units::haversine_m(LonLat::new(9.52, 47.14), p);
        assert!((d - 141.42).abs() < 0.05, "{d}");
    }

    #[test]
    fn the_closest_point_is_clamped_to_the_segment() {
        assert_eq!(
            closest_on_segment([5.0, 3.0], [0.0, 0.0], [10.0, 0.0]),
            (0.5, 3.0)
        );
        assert_eq!(
            closest_on_segment([-4.0, 3.0], [0.0, 0.0], [10.0, 0.0]),
            (0.0, 5.0)
        );
    }
}
