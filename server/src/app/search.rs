//! Finding a place by name: towns, villages and localities from the
//! basemap's place labels, and learning spaces (commons entries included),
//! best matches first.

use crate::app::AppState;
use geo::Centroid;
use learnscape_core::{BasemapFeature, BasemapKind, Category, LonLat, PlaceFilter, StoreResult};

/// A named locality from the OSM extract.
#[derive(Debug, Clone)]
struct Locality {
    name: String,
    key: String,
    class: String,
    population: f64,
    position: LonLat,
}

/// The place labels, kept for search.
#[derive(Debug, Default)]
pub struct Gazetteer {
    localities: Vec<Locality>,
}

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// `locality` or `learning_space`.
    pub kind: &'static str,
    pub name: String,
    /// For localities: city, town, village…; for learning spaces: the category.
    pub class: String,
    pub category: Option<Category>,
    /// The place id of a learning space.
    pub id: Option<String>,
    pub position: LonLat,
    score: (u8, u8, i64),
}

fn key(s: &str) -> String {
    s.to_lowercase()
}

/// 0 exact, 1 prefix, 2 a word starts with it, 3 contains; `None` otherwise.
fn rank(name_key: &str, q: &str) -> Option<u8> {
    if name_key == q {
        Some(0)
    } else if name_key.starts_with(q) {
        Some(1)
    } else if name_key
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w.starts_with(q))
    {
        Some(2)
    } else if name_key.contains(q) {
        Some(3)
    } else {
        None
    }
}

impl Gazetteer {
    pub fn new(basemap: &[BasemapFeature]) -> Self {
        let localities = basemap
            .iter()
            .filter(|f| f.kind == BasemapKind::PlaceLabel)
            .filter_map(|f| {
                let name = f.name.clone()?;
                let c = f.geometry.centroid()?;
                Some(Locality {
                    key: key(&name),
                    name,
                    class: f.class.clone(),
                    population: f.population.unwrap_or(0.0),
                    position: LonLat::new(c.x(), c.y()),
                })
            })
            .collect();
        Self { localities }
    }

    fn hits(&self, q: &str) -> Vec<Hit> {
        self.localities
            .iter()
            .filter_map(|l| {
                let r = rank(&l.key, q)?;
                Some(Hit {
                    kind: "locality",
                    name: l.name.clone(),
                    class: l.class.clone(),
                    category: None,
                    id: None,
                    position: l.position,
                    score: (r, 0, -(l.population as i64)),
                })
            })
            .collect()
    }
}

/// Localities and learning spaces whose name matches `q` (case-insensitive),
/// best first: exact, then prefix, then word prefix, then anywhere;
/// localities before learning spaces, bigger places first.
pub async fn search(state: &AppState, q: &str, limit: usize) -> StoreResult<Vec<Hit>> {
    let q = key(q.trim());
    let mut hits = state.gazetteer.hits(&q);
    let filter = PlaceFilter {
        name_contains: Some(q.clone()),
        ..PlaceFilter::default()
    };
    let mut places = state.store.places(&filter).await?;
    places.extend(state.registry.public_places(&filter));
    hits.extend(places.into_iter().filter_map(|p| {
        let name = p.name.clone()?;
        let r = rank(&key(&name), &q)?;
        Some(Hit {
            kind: "learning_space",
            class: p.category.as_str().to_string(),
            category: Some(p.category),
            id: Some(p.id.0.clone()),
            position: p.representative_point,
            name,
            score: (r, 1, 0),
        })
    }));
    hits.sort_by(|a, b| a.score.cmp(&b.score).then_with(|| a.name.cmp(&b.name)));
    hits.truncate(limit);
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_beats_prefix_beats_word_beats_anywhere() {
        assert_eq!(rank("vaduz", "vaduz"), Some(0));
        assert_eq!(rank("vaduzer hof", "vaduz"), Some(1));
        assert_eq!(rank("bad vaduz", "vaduz"), Some(2));
        assert_eq!(rank("obervaduz", "vaduz"), Some(3));
        assert_eq!(rank("schaan", "vaduz"), None);
    }
}
