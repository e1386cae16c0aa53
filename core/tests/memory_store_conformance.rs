//! The in-memory reference store passes the conformance suite.
#![cfg(feature = "test-util")]

use learnscape_core::memory_store::MemoryStore;

learnscape_core::store_conformance_tests!(async { MemoryStore::new() });
