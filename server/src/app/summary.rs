//! What the store holds, for `learnscape info` and `/health`.

use learnscape_core::summary::StoreSummary;
use learnscape_core::{PlaceFilter, Store, StoreResult};

pub async fn summary(store: &dyn Store) -> StoreResult<StoreSummary> {
    let sources = store.sources().await?;
    let places = store.places(&PlaceFilter::default()).await?;
    let neighbourhoods = store.neighbourhoods().await?;
    let units = store.population_units().await?;
    let walk = store.walk_network().await?;
    let basemap = store.basemap_features(None).await?.len();
    Ok(StoreSummary::new(
        sources,
        &places,
        &neighbourhoods,
        &units,
        &walk,
        basemap,
    ))
}
