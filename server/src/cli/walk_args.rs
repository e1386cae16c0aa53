//! The one part of the walk model a deployment may set: the walking speed
//! (walk-model.md §1, "5.0 km/h unless configured").

use clap::Args;
use learnscape_core::WalkingSpeed;

#[derive(Debug, Clone, Copy, Args)]
pub struct WalkArgs {
    /// The walking speed every walk time is measured at, in km/h: 5 is an
    /// adult's usual pace; a city planning for older residents or young
    /// children may choose 4 or 3.5.
    #[arg(
        long,
        env = "LEARNSCAPE_WALKING_SPEED",
        value_name = "KM/H",
        default_value = "5",
        value_parser = walking_speed
    )]
    walking_speed: WalkingSpeed,
}

impl WalkArgs {
    pub fn speed(&self) -> WalkingSpeed {
        self.walking_speed
    }
}

const KMH: std::ops::RangeInclusive<f64> = WalkingSpeed::PLAUSIBLE_KMH;

fn walking_speed(text: &str) -> Result<WalkingSpeed, String> {
    let kmh: f64 = (text.trim().parse())
        .map_err(|_| format!("{text:?} is not a number of kilometres per hour"))?;
    if !KMH.contains(&kmh) {
        return Err(format!(
            "{kmh} km/h is outside {}..={} km/h: is it in another unit? (5 km/h is 1.39 m/s, 83 m/min)",
            KMH.start(),
            KMH.end()
        ));
    }
    WalkingSpeed::from_kmh(kmh).ok_or_else(|| format!("{kmh} is not a walking speed"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pace_in_metres_per_second_is_refused_with_the_units_named() {
        assert_eq!(walking_speed("4").map(WalkingSpeed::kmh), Ok(4.0));
        assert_eq!(walking_speed(" 3.5 ").map(WalkingSpeed::kmh), Ok(3.5));
        let refused = walking_speed("1.4").expect_err("a pace in m/s");
        assert!(refused.contains("1.39 m/s"), "{refused}");
        assert!(walking_speed("83").is_err());
        assert!(walking_speed("NaN").is_err());
        assert!(
            walking_speed("fast")
                .expect_err("not a number")
                .contains("\"fast\"")
        );
    }
}
