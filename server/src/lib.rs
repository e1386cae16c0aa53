//! learnscape's server crate: the `learnscape` command line, the
//! application services it and the HTTP API share, and the axum router.

pub mod app;
pub mod backend;
pub mod cli;
pub mod exit;
pub mod geojson_out;
pub mod places_out;
pub mod provenance;
pub mod reliance_out;
pub mod reports_out;
pub mod routes;

pub use app::AppState;
pub use routes::app;
