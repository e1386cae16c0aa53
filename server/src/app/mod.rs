//! Application services: each runs one use case against the store. The CLI
//! and the HTTP handlers call these and only render what they return.

pub mod import;
pub mod places;
pub mod summary;

use learnscape_core::Store;
use std::sync::Arc;

/// What every request and command shares.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").finish_non_exhaustive()
    }
}

impl AppState {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self { store }
    }
}
