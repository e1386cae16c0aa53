//! OSM `opening_hours` as typed into the commons form or read from OSM:
//! parsed, then read as the API and the nearest list read it.
#![no_main]

use chrono::{DateTime, NaiveDate};
use learnscape_core::LonLat;
use learnscape_core::hours::{Hours, When};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    // Vaduz: a time zone, a country's holidays, a sunrise and sunset.
    for hours in [
        Hours::parse(text),
        Hours::for_place(text, LonLat::new(9.52, 47.14)),
    ]
    .into_iter()
    .flatten()
    {
        let Some(now) = DateTime::from_timestamp(1_764_936_000, 0) else {
            return;
        };
        let _ = hours.status(When::Instant(now));
        let _ = hours.is_open(When::Instant(now));
        if let Some(day) = NaiveDate::from_ymd_opt(2026, 3, 27) {
            // Across the spring clock change.
            let _ = hours.days(day, 7);
        }
    }
});
