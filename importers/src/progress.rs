//! Progress of long import steps, shown by the CLI as bars; the importers
//! only report it.

pub trait Progress: Sync {
    /// A new step with `total` units of work.
    fn start(&self, step: &'static str, total: u64);
    fn inc(&self, units: u64);
    fn finish(&self);
}

/// Reports nothing.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _: &'static str, _: u64) {}
    fn inc(&self, _: u64) {}
    fn finish(&self) {}
}
