//! Units that travel between crates, so a number always says what it is.

use serde::{Deserialize, Serialize};

/// A distance in metres.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, Serialize, Deserialize)]
pub struct Meters(pub f64);

/// A duration in minutes.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, Serialize, Deserialize)]
pub struct Minutes(pub f64);

/// A walking speed. The walk model's default is 5.0 km/h (walk-model.md §1).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
pub struct WalkingSpeed {
    kilometres_per_hour: f64,
}

impl WalkingSpeed {
    pub const DEFAULT: WalkingSpeed = WalkingSpeed {
        kilometres_per_hour: 5.0,
    };

    /// Paces people walk at, km/h, from a slow walk with a frame to a
    /// brisk one. Outside them a number is more likely in another unit:
    /// 1.4 is a usual pace in metres per second, 80 in metres per minute.
    pub const PLAUSIBLE_KMH: std::ops::RangeInclusive<f64> = 2.0..=8.0;

    /// `None` unless the speed is finite and positive.
    pub fn from_kmh(kilometres_per_hour: f64) -> Option<Self> {
        (kilometres_per_hour.is_finite() && kilometres_per_hour > 0.0).then_some(Self {
            kilometres_per_hour,
        })
    }

    pub fn kmh(self) -> f64 {
        self.kilometres_per_hour
    }

    pub fn meters_per_minute(self) -> f64 {
        self.kilometres_per_hour * 1000.0 / 60.0
    }

    pub fn time(self, distance: Meters) -> Minutes {
        Minutes(distance.0 / self.meters_per_minute())
    }

    pub fn distance(self, time: Minutes) -> Meters {
        Meters(time.0 * self.meters_per_minute())
    }

    /// The minutes at this pace that walk as far as `time` at `other`:
    /// half the pace takes twice as long. At the same pace, `time` itself.
    pub fn as_far_as(self, time: Minutes, other: WalkingSpeed) -> Minutes {
        if self == other {
            return time;
        }
        Minutes(time.0 * other.kilometres_per_hour / self.kilometres_per_hour)
    }
}

impl Default for WalkingSpeed {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Mean Earth radius the walk model measures segments on (walk-model.md §1).
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Great-circle distance on the walk model's sphere.
pub fn haversine_m(a: crate::LonLat, b: crate::LonLat) -> f64 {
    let (la1, la2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = la2 - la1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LonLat;

    #[test]
    fn five_km_per_hour_walks_a_kilometre_in_twelve_minutes() {
        let t = WalkingSpeed::DEFAULT.time(Meters(1000.0));
        assert!((t.0 - 12.0).abs() < 1e-9);
        assert!((WalkingSpeed::DEFAULT.distance(Minutes(15.0)).0 - 1250.0).abs() < 1e-9);
        assert!(WalkingSpeed::from_kmh(0.0).is_none());
    }

    #[test]
    fn half_the_pace_walks_as_far_in_twice_the_minutes() {
        let slow = WalkingSpeed::from_kmh(2.5).expect("a pace");
        assert_eq!(
            slow.as_far_as(Minutes(15.0), WalkingSpeed::DEFAULT),
            Minutes(30.0)
        );
        assert_eq!(
            WalkingSpeed::DEFAULT.as_far_as(Minutes(30.0), slow),
            Minutes(15.0)
        );
        let four = WalkingSpeed::from_kmh(4.0).expect("a pace");
        let far = WalkingSpeed::DEFAULT.as_far_as(Minutes(15.0), four);
        assert!(
            (WalkingSpeed::DEFAULT.distance(far).0 - four.distance(Minutes(15.0)).0).abs() < 1e-9
        );
        // The same pace gives back the very number, not one rounded on the way.
        let odd = Minutes(0.1 + 0.2);
        assert_eq!(four.as_far_as(odd, four), odd);
    }

    #[test]
    fn a_degree_of_latitude_is_about_111_km() {
        let d = haversine_m(LonLat::new(9.5, 47.0), LonLat::new(9.5, 48.0));
        assert!((d - 111_195.08).abs() < 1.0, "{d}");
    }
}
