//! The duplicate warning: a new entry with the same category within 100 m
//! and a similar name is probably already on the map.

use crate::units::haversine_m;
use crate::{Category, LonLat};

pub const DUPLICATE_RADIUS_M: f64 = 100.0;

/// Lower case, letters and digits only, words single-spaced.
fn normalise(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut row = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            row[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(row[j] + 1);
        }
        prev = row;
    }
    prev[b.len()]
}

/// Same after normalising, one containing the other, or at most one edit
/// in five characters apart.
pub fn similar_names(a: &str, b: &str) -> bool {
    let (a, b) = (normalise(a), normalise(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b || (a.len() >= 4 && b.contains(&a)) || (b.len() >= 4 && a.contains(&b)) {
        return true;
    }
    let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let longest = ca.len().max(cb.len());
    levenshtein(&ca, &cb) * 5 <= longest
}

/// A candidate already known: its id, name, category and point.
#[derive(Debug, Clone)]
pub struct Known<'a> {
    pub id: &'a str,
    pub name: Option<&'a str>,
    pub category: Category,
    pub point: LonLat,
}

/// The ids of `known` entries a new entry probably duplicates.
pub fn likely_duplicates<'a>(
    name: &str,
    category: Category,
    point: LonLat,
    known: impl IntoIterator<Item = Known<'a>>,
) -> Vec<(&'a str, f64)> {
    known
        .into_iter()
        .filter(|k| k.category == category)
        .filter_map(|k| {
            let d = haversine_m(point, k.point);
            (d <= DUPLICATE_RADIUS_M && k.name.is_some_and(|n| similar_names(n, name)))
                .then_some((k.id, d))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_names_are_found_and_different_ones_are_not() {
        assert!(
            similar_names("Repair Café Vaduz", "repair cafe vaduz")
                || similar_names("Repair Café Vaduz", "Repair-Café  Vaduz")
        );
        assert!(similar_names("Repair-Café  Vaduz", "Repair Café Vaduz"));
        assert!(similar_names("Bücherschrank", "Bücherschrank Städtle"));
        assert!(similar_names("Werkstatt am Rhein", "Werkstat am Rhein"));
        assert!(!similar_names(
            "Landesbibliothek",
            "Gemeindebibliothek Schaan"
        ));
        assert!(!similar_names("", "x"));
    }

    #[test]
    fn only_the_same_category_near_enough_counts() {
        let here = LonLat::new(9.5215, 47.1410);
        let near = LonLat::new(9.5220, 47.1412); // ~40 m
        let far = LonLat::new(9.5300, 47.1410); // ~640 m
        let known = vec![
            Known {
                id: "a",
                name: Some("Repair Café"),
                category: Category::Makerspace,
                point: near,
            },
            Known {
                id: "b",
                name: Some("Repair Café"),
                category: Category::Library,
                point: near,
            },
            Known {
                id: "c",
                name: Some("Repair Café"),
                category: Category::Makerspace,
                point: far,
            },
            Known {
                id: "d",
                name: Some("Nähstube"),
                category: Category::Makerspace,
                point: near,
            },
        ];
        let found: Vec<&str> = likely_duplicates("Repair Cafe", Category::Makerspace, here, known)
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(found, vec!["a"]);
    }
}
