//! GeoJSON and CSV files imported as neighbourhoods, population and
//! facility lists: the first byte picks the format and the kind.
#![no_main]

#[path = "common.rs"]
mod common;

use learnscape_core::Category;
use learnscape_importers::SpecKind;
use learnscape_importers::csv_table::CsvColumns;
use learnscape_importers::tables::{CategoryChoice, FacilityFields};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let extension = if choice & 1 == 0 { "geojson" } else { "csv" };
    let kind = match (choice >> 1) % 4 {
        0 => SpecKind::Neighbourhoods {
            name_field: "name".into(),
            population_field: Some("population".into()),
            title_case: choice & 0x80 != 0,
        },
        1 => SpecKind::Population {
            population_field: "population".into(),
            csv: CsvColumns::default(),
        },
        2 => SpecKind::Facilities {
            fields: FacilityFields {
                category: CategoryChoice::Fixed(Category::Library),
                name: "name".into(),
                capacity: Some("seats".into()),
                description: None,
            },
            csv: CsvColumns::default(),
        },
        _ => SpecKind::Facilities {
            fields: FacilityFields {
                category: CategoryChoice::Field("type".into()),
                name: "name".into(),
                capacity: None,
                description: Some("fuzz".into()),
            },
            csv: CsvColumns {
                wkt: Some("wkt".into()),
                ..CsvColumns::default()
            },
        },
    };
    common::import_bytes(bytes, extension, kind);
});
