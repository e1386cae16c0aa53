//! The postcodes search finds ("9490", "FL-9490 Vaduz", "00100"): one
//! point each, made at import from the addresses that carry the code
//! (see `BasemapKind::Postcode`), with the town its letters go to.

use super::{key, rank};
use learnscape_core::postcode_query::{postcode_key, postcode_readings, without_country_letters};
use learnscape_core::{BasemapFeature, BasemapKind, LonLat};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub(super) struct Postcode {
    /// As the addresses write it ("9490", "AD500").
    pub code: String,
    key: String,
    /// Its key without the country's letters it is written after ("500"
    /// of "AD500"), so that the code typed bare finds it.
    bare_key: Option<String>,
    /// The town most of its addresses name, else the one it lies in.
    pub town: Option<String>,
    town_key: String,
    pub position: LonLat,
}

#[derive(Debug, Default)]
pub(super) struct Postcodes(Vec<Postcode>);

impl Postcodes {
    /// The basemap's postcodes; `town_at` names the town of one whose
    /// addresses name none.
    pub fn new(basemap: &[BasemapFeature], town_at: impl Fn(LonLat) -> Option<String>) -> Self {
        Self(
            basemap
                .iter()
                .filter(|f| f.kind == BasemapKind::Postcode)
                .filter_map(|f| {
                    let geo_types::Geometry::Point(at) = f.geometry else {
                        return None;
                    };
                    let position = LonLat::new(at.x(), at.y());
                    let town = f.name.clone().or_else(|| town_at(position));
                    let code_key = postcode_key(&f.class);
                    Some(Postcode {
                        bare_key: without_country_letters(&code_key).map(str::to_string),
                        key: code_key,
                        code: f.class.clone(),
                        town_key: town.as_deref().map(key).unwrap_or_default(),
                        town,
                        position,
                    })
                })
                .collect(),
        )
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The postcodes `q` (folded) reads as, each with how well: 0 the code
    /// as typed, 1 a code it begins. A town typed with the code must
    /// begin its town's name or a word of it.
    pub fn matching(&self, q: &str) -> Vec<(&Postcode, u8)> {
        let mut best: HashMap<usize, u8> = HashMap::new();
        for reading in postcode_readings(q) {
            for (i, p) in self.0.iter().enumerate() {
                let keys = || std::iter::once(&p.key).chain(&p.bare_key);
                let by_code = if keys().any(|k| *k == reading.code) {
                    0
                } else if keys().any(|k| k.starts_with(&reading.code)) {
                    1
                } else {
                    continue;
                };
                let in_town = reading.town.is_empty()
                    || rank(&p.town_key, &reading.town).is_some_and(|r| r <= 2);
                if in_town {
                    best.entry(i)
                        .and_modify(|b| *b = (*b).min(by_code))
                        .or_insert(by_code);
                }
            }
        }
        best.into_iter().map(|(i, r)| (&self.0[i], r)).collect()
    }
}
