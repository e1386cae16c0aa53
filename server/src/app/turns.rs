//! Heavy work one at a time, with a short queue. A best-site search
//! uses every core for a while (half a second on Liechtenstein, more on a
//! city): many asked at once would each wait for all before it, holding a
//! thread, long after their askers gave up. Beyond a few waiting, an asker
//! is told to come back, and when.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

/// The queue is full: come back in this many seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy {
    pub retry_after: u64,
}

/// Turns at one kind of work: one running, at most `limit - 1` waiting.
#[derive(Debug)]
pub struct Turns {
    running: Mutex<()>,
    /// Running and waiting.
    queued: AtomicUsize,
    limit: usize,
    /// How long the last turn that did the work took, in milliseconds.
    last_ms: AtomicU64,
}

/// A turn: the work runs while it is held.
#[derive(Debug)]
pub struct Turn<'a> {
    turns: &'a Turns,
    _running: MutexGuard<'a, ()>,
    started: Instant,
}

impl Turns {
    /// At most `limit` (at least 1) running or waiting.
    pub fn new(limit: usize) -> Self {
        Self {
            running: Mutex::new(()),
            queued: AtomicUsize::new(0),
            limit: limit.max(1),
            last_ms: AtomicU64::new(0),
        }
    }

    /// Waits for a turn, or says when to come back if `limit` are already
    /// running or waiting.
    pub fn take(&self) -> Result<Turn<'_>, Busy> {
        let ahead = self.queued.fetch_add(1, Ordering::SeqCst);
        if ahead >= self.limit {
            self.queued.fetch_sub(1, Ordering::SeqCst);
            // Those ahead each take about as long as the last did.
            let ms = self
                .last_ms
                .load(Ordering::Relaxed)
                .saturating_mul(ahead as u64);
            return Err(Busy {
                retry_after: ms.div_ceil(1000).max(1),
            });
        }
        // A panic in an earlier turn leaves nothing half-done to guard.
        let running = self
            .running
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        Ok(Turn {
            turns: self,
            _running: running,
            started: Instant::now(),
        })
    }
}

impl Turn<'_> {
    /// The work was done (not found done by an earlier turn): its time
    /// is what those waiting are told to expect.
    pub fn worked(self) {
        let ms = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.turns.last_ms.store(ms, Ordering::Relaxed);
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        self.turns.queued.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::time::Duration;

    #[test]
    fn beyond_the_limit_askers_are_told_to_come_back() {
        let turns = Arc::new(Turns::new(3));
        let first = turns.take().expect("a turn");
        // Two wait behind the first...
        let waiting: Vec<_> = (0..2)
            .map(|_| {
                let turns = turns.clone();
                std::thread::spawn(move || turns.take().map(|_turn| ()))
            })
            .collect();
        while turns.queued.load(Ordering::SeqCst) < 3 {
            std::thread::sleep(Duration::from_millis(1));
        }
        // ...and a fourth is turned away, without waiting.
        assert_eq!(
            turns.take().err(),
            Some(Busy { retry_after: 1 }),
            "nothing measured yet: one second"
        );
        drop(first);
        for w in waiting {
            assert_eq!(w.join().expect("joined"), Ok(()));
        }
        assert_eq!(turns.queued.load(Ordering::SeqCst), 0);
        let _again = turns.take().expect("a turn once the others are done");
        // Those ahead are expected to take as long as the last that
        // worked did.
        let full = Turns::new(1);
        let slow = full.take().expect("a turn");
        std::thread::sleep(Duration::from_millis(1100));
        slow.worked();
        let quick = full.take().expect("a turn");
        let last = full.last_ms.load(Ordering::Relaxed);
        assert!(last >= 1100, "{last}");
        assert_eq!(
            full.take().err(),
            Some(Busy {
                retry_after: last.div_ceil(1000)
            }),
            "one ahead, {last} ms: at least 2 s"
        );
        drop(quick);
        assert_eq!(
            full.last_ms.load(Ordering::Relaxed),
            last,
            "quick did no work"
        );
    }

    #[test]
    fn a_turn_that_panics_leaves_the_queue() {
        let turns = Arc::new(Turns::new(1));
        let t = turns.clone();
        let crashed = std::thread::spawn(move || {
            let _turn = t.take().expect("a turn");
            panic!("the work failed");
        })
        .join();
        assert!(crashed.is_err());
        assert!(turns.take().is_ok(), "the queue is free again");
    }
}
