//! Reading places with the attribution their sources require.

use crate::places_out::Attributions;
use learnscape_core::{Place, PlaceFilter, Store, StoreResult};

#[derive(Debug)]
pub struct PlaceList {
    pub places: Vec<Place>,
    pub attributions: Attributions,
}

pub async fn list(store: &dyn Store, filter: &PlaceFilter) -> StoreResult<PlaceList> {
    let places = store.places(filter).await?;
    let attributions = Attributions::new(&store.sources().await?);
    Ok(PlaceList {
        places,
        attributions,
    })
}
