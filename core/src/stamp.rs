//! The time a stored row is stamped with.
//!
//! PostgreSQL keeps a timestamp to the microsecond, while the clock gives
//! nanoseconds. A row stamped with the clock as it is would be answered
//! one way when it is made and another when it is read back from PostGIS
//! (`…:01.123456789Z`, then `…:01.123456Z`), and differently again by the
//! embedded store, which keeps the nanoseconds. Stamping to the microsecond
//! makes every backend, and every read, give the same time.

use chrono::{DateTime, SubsecRound, Utc};

/// Now, to the microsecond: what every backend keeps of it.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_keeps_no_more_than_microseconds() {
        for _ in 0..100 {
            let t = now();
            assert_eq!(t.timestamp_subsec_nanos() % 1000, 0, "{t:?}");
            assert!(Utc::now() - t < chrono::TimeDelta::seconds(1));
        }
    }
}
