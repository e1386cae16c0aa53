//! Everything a store holds, as one comparable value: what "the store is
//! unchanged" means in the tests.

use learnscape_core::{PlaceFilter, Store};
use std::hash::{DefaultHasher, Hash, Hasher};

/// A hash of every node and segment: the walk network is too big to keep
/// as text, and any change to it changes this.
fn fingerprint(walk: &impl std::fmt::Debug) -> u64 {
    let mut hasher = DefaultHasher::new();
    format!("{walk:?}").hash(&mut hasher);
    hasher.finish()
}

#[derive(Debug, PartialEq)]
pub struct Snapshot {
    pub sources: String,
    pub places: String,
    pub neighbourhoods: String,
    pub population_units: String,
    pub walk: String,
    pub basemap_features: usize,
}

pub async fn snapshot<S: Store + ?Sized>(store: &S) -> Snapshot {
    let walk = store.walk_network().await.expect("walk network");
    Snapshot {
        sources: format!("{:?}", store.sources().await.expect("sources")),
        places: format!(
            "{:?}",
            store.places(&PlaceFilter::default()).await.expect("places")
        ),
        neighbourhoods: format!(
            "{:?}",
            store.neighbourhoods().await.expect("neighbourhoods")
        ),
        population_units: format!("{:?}", store.population_units().await.expect("units")),
        walk: format!(
            "{} nodes, {} segments, {:.3} m, fingerprint {:x}",
            walk.nodes.len(),
            walk.segments.len(),
            walk.total_length_m(),
            fingerprint(&walk)
        ),
        basemap_features: store.basemap_features(None).await.expect("basemap").len(),
    }
}
