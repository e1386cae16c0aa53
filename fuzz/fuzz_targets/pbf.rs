//! An OSM PBF extract imported whole: blobs, blocks, ways, relations, the
//! walk network, the basemap, addresses and postcodes.
#![no_main]

#[path = "common.rs"]
mod common;

use learnscape_importers::SpecKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::import_bytes(data, "osm.pbf", SpecKind::Osm);
});
