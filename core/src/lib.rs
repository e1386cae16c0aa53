//! learnscape's domain: what a learning space, a neighbourhood, a population
//! unit, the walk network and a basemap feature are, and the store traits
//! every backend implements.
//!
//! Coordinates are WGS84 longitude/latitude, longitude first, everywhere.

pub mod address_query;
pub mod basemap;
pub mod category;
mod category_terms;
pub mod commons;
pub mod hours;
pub mod lonlat;
pub mod neighbourhood;
pub mod place;
pub mod population;
pub mod postcode_query;
pub mod shape;
pub mod source;
pub mod spelling;
pub mod stamp;
pub mod store;
pub mod streets;
pub mod summary;
pub mod text;
pub mod units;
pub mod walk_network;
pub mod walk_packed;

#[cfg(feature = "test-util")]
pub mod conformance;
#[cfg(feature = "test-util")]
mod conformance_commons;
#[cfg(feature = "test-util")]
mod conformance_forget;
#[cfg(feature = "test-util")]
mod conformance_resets;
#[cfg(feature = "test-util")]
pub mod memory_commons;
#[cfg(feature = "test-util")]
mod memory_invitations;
#[cfg(feature = "test-util")]
mod memory_password_resets;
#[cfg(feature = "test-util")]
pub mod memory_store;

pub use basemap::{BasemapFeature, BasemapKind};
pub use category::{Category, Subject, UnknownCategory};
pub use lonlat::{Bbox, LonLat};
pub use neighbourhood::Neighbourhood;
pub use place::{Place, PlaceFilter, PlaceId};
pub use population::PopulationUnit;
pub use shape::Shape;
pub use source::{DataSource, SourceData, SourceId, SourceKind, oldest_data_as_of, osm_data_as_of};
pub use store::{Store, StoreError, StoreResult};
pub use units::{Meters, Minutes, WalkingSpeed};
pub use walk_network::{Bar, WalkNetwork, WalkNode, WalkSegment};
