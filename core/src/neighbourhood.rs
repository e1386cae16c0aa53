//! Neighbourhoods: the areas planners compare.

use crate::SourceId;
use geo_types::MultiPolygon;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Neighbourhood {
    /// `"{source}:{reference}"`, stable across re-imports.
    pub id: String,
    pub source: SourceId,
    pub name: String,
    pub area: MultiPolygon<f64>,
    /// Residents, when the boundary file carries a figure.
    pub population: Option<f64>,
}

impl Neighbourhood {
    /// Whether its name is a code rather than what people call the place:
    /// every word holds a digit, as a grid cell's H3 index does
    /// ("89a90129a47ffff") or a postcode; "District 7" or "12e
    /// Arrondissement" has a word without one.
    pub fn named_by_code(&self) -> bool {
        let mut words = self.name.split_whitespace().peekable();
        words.peek().is_some() && words.all(|w| w.chars().any(|c| c.is_ascii_digit()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Neighbourhood {
        Neighbourhood {
            id: format!("cells:{name}"),
            source: SourceId("cells".into()),
            name: name.into(),
            area: MultiPolygon(Vec::new()),
            population: None,
        }
    }

    #[test]
    fn a_name_whose_every_word_holds_a_digit_is_a_code() {
        for code in ["89a90129a47ffff", "00100", "A1 B2"] {
            assert!(named(code).named_by_code(), "{code}");
        }
        for name in [
            "Kallio",
            "District 7",
            "12e Arrondissement",
            "Etu-Töölö",
            "",
        ] {
            assert!(!named(name).named_by_code(), "{name}");
        }
    }
}
