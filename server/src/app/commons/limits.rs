//! Rate limits: a fixed window per key (an address, an account), enough to
//! stop password guessing and runaway scripts. Counted in the store when
//! several processes share it (PostGIS), so a load balancer spreading one
//! guesser over ten processes does not give it ten limits; otherwise in
//! this process's memory.

use super::Failure;
use super::secrets::secret_hash;
use learnscape_core::store::CommonsStore;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct RateLimiter {
    /// Keeps the limiters' keys apart in a shared store.
    name: &'static str,
    limit: u32,
    window: Duration,
    seen: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    pub fn new(name: &'static str, limit: u32, window: Duration) -> Self {
        Self {
            name,
            limit,
            window,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one request for `key`; `TooMany` (with the seconds to wait)
    /// over the limit.
    pub async fn check<S: CommonsStore + ?Sized>(
        &self,
        store: &S,
        key: &str,
    ) -> Result<(), Failure> {
        // Hashed: the keys hold e-mail and IP addresses, which the shared
        // table has no need to show.
        let shared = secret_hash(&format!("{}:{key}", self.name));
        let window = u32::try_from(self.window.as_secs()).unwrap_or(u32::MAX);
        match store.count_attempt(&shared, window).await? {
            Some(a) if a.count > self.limit => Err(Failure::TooMany(a.resets_in)),
            Some(_) => Ok(()),
            None => self.check_here(key).map_err(Failure::TooMany),
        }
    }

    /// Counts one request for `key` in memory: `Err(seconds to wait)` over
    /// the limit.
    fn check_here(&self, key: &str) -> Result<(), u64> {
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
            logins: RateLimiter::new("logins", logins_per_minute, Duration::from_secs(60)),
            writes: RateLimiter::new("writes", writes_per_minute, Duration::from_secs(60)),
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
        let l = RateLimiter::new("test", 2, Duration::from_secs(60));
        assert!(l.check_here("a").is_ok() && l.check_here("a").is_ok());
        let wait = l.check_here("a").expect_err("third is over");
        assert!((1..=60).contains(&wait));
        assert!(l.check_here("b").is_ok());
    }
}
