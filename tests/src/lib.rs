//! Shared helpers for learnscape's black-box tests and benchmarks: where
//! the real data lives, osmium as an outside reference, and independent
//! re-implementations of the documented rules to hold the importer to.

pub mod app;
pub mod area_whereabouts;
pub mod commons;
pub mod data;
pub mod http;
pub mod mvt_check;
pub mod mvt_decode;
pub mod opl;
pub mod osmium;
pub mod reference;
pub mod snapshot;
pub mod walk_reference;
