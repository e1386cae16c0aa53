//! What a resident types into search, read as an address, a street, a
//! postcode, and folded for matching.
#![no_main]

use learnscape_core::address_query::{
    address_readings, number_key, number_keys, street_readings, without_postcode,
};
use learnscape_core::postcode_query::{postcode_key, postcode_readings};
use learnscape_core::text::search_key;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|q: &str| {
    let key = search_key(q);
    for text in [q, key.as_str()] {
        let _ = address_readings(text);
        let _ = street_readings(text);
        let _ = postcode_readings(text);
        let _ = without_postcode(text);
        let _ = number_key(text);
        let _ = number_keys(text);
        let _ = postcode_key(text);
    }
});
