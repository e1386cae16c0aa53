//! Rate limits: a fixed window per key (an address, an account). Enough
//! to stop password guessing and runaway scripts on one process.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct RateLimiter {
    limit: u32,
    window: Duration,
    seen: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    pub fn new(limit: u32, window: Duration) -> Self {
        Self {
            limit,
            window,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one request for `key`: `Err(seconds to wait)` over the limit.
    pub fn check(&self, key: &str) -> Result<(), u64> {
        let now = Instant::now();
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if seen.len() > 100_000 {
            seen.retain(|_, (start, _)| now.duration_since(*start) < self.window);
        }
        let entry = seen.entry(key.to_string()).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        if entry.1 >= self.limit {
            let wait = self.window.saturating_sub(now.duration_since(entry.0));
            return Err(wait.as_secs().max(1));
        }
        entry.1 += 1;
        Ok(())
    }
}

/// The limits the registry applies.
#[derive(Debug)]
pub struct Limits {
    /// Login attempts per address.
    pub logins: RateLimiter,
    /// Writes per account or, for anonymous reports, per address.
    pub writes: RateLimiter,
}

impl Limits {
    pub fn new(logins_per_minute: u32, writes_per_minute: u32) -> Self {
        Self {
            logins: RateLimiter::new(logins_per_minute, Duration::from_secs(60)),
            writes: RateLimiter::new(writes_per_minute, Duration::from_secs(60)),
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self::new(10, 120)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_over_its_limit_waits_and_others_do_not() {
        let l = RateLimiter::new(2, Duration::from_secs(60));
        assert!(l.check("a").is_ok() && l.check("a").is_ok());
        let wait = l.check("a").expect_err("third is over");
        assert!((1..=60).contains(&wait));
        assert!(l.check("b").is_ok());
    }
}
