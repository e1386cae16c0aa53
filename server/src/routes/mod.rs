//! The HTTP API. Handlers extract and validate, call one application
//! service and render; the domain work lives below.

mod about;
mod access;
pub mod browser_policy;
mod client;
mod commons;
mod error;
mod health;
mod hours;
mod invitations;
mod params;
mod password_resets;
mod places;
mod tiles;

pub use error::ApiError;

use crate::app::{AppState, LiveState};
use axum::Router;
use axum::extract::FromRef;
use axum::routing::{delete, get, post, put};

/// The OpenAPI document describing every route below.
pub const OPENAPI: &str = include_str!("../openapi.json");

/// Every route, for the check that the OpenAPI document lists them all.
pub const ROUTES: &[&str] = &[
    "/health",
    "/api/openapi.json",
    "/api/v1/about",
    "/api/v1/places",
    "/api/v1/places/{id}",
    "/api/v1/search",
    "/api/v1/search/reverse",
    "/api/v1/opening-hours",
    "/api/v1/access/nearest",
    "/api/v1/access/isochrone",
    "/api/v1/access/route",
    "/api/v1/access/barriers",
    "/api/v1/access/candidate",
    "/api/v1/access/closure",
    "/api/v1/access/reliance",
    "/api/v1/access/best-site",
    "/api/v1/neighbourhoods",
    "/api/v1/gaps",
    "/tiles/{file}",
    "/tiles/{layer}/{z}/{x}/{y}",
    "/api/v1/accounts",
    "/api/v1/accounts/{id}/role",
    "/api/v1/roles",
    "/api/v1/sessions",
    "/api/v1/sessions/current",
    "/api/v1/me",
    "/api/v1/me/password",
    "/api/v1/tokens",
    "/api/v1/tokens/{id}",
    "/api/v1/groups",
    "/api/v1/groups/{id}",
    "/api/v1/groups/{id}/stewards",
    "/api/v1/groups/{id}/stewards/{account}",
    "/api/v1/groups/{id}/invitations",
    "/api/v1/groups/{id}/invitations/{invitation}",
    "/api/v1/invitations/preview",
    "/api/v1/invitations/accept",
    "/api/v1/password-resets",
    "/api/v1/password-resets/{id}",
    "/api/v1/password-resets/preview",
    "/api/v1/password-resets/use",
    "/api/v1/resources",
    "/api/v1/resources/mine",
    "/api/v1/resources/{id}",
    "/api/v1/resources/{id}/history",
    "/api/v1/resources/{id}/archive",
    "/api/v1/resources/{id}/restore",
    "/api/v1/resources/{id}/reports",
    "/api/v1/moderation/queue",
    "/api/v1/moderation/groups",
    "/api/v1/moderation/resources/{id}/decision",
    "/api/v1/moderation/reports/{id}/resolve",
    "/api/v1/exports/{file}",
];

/// The largest request body the API reads (a resource with a 500-point
/// outline is about 20 KB).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

async fn openapi() -> impl axum::response::IntoResponse {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        OPENAPI,
    )
}

/// Handlers take the state current when their request starts.
impl FromRef<LiveState> for AppState {
    fn from_ref(live: &LiveState) -> Self {
        live.current()
    }
}

/// The whole router, built from state so tests can drive it in-process or
/// over a real socket.
pub fn app(state: AppState) -> Router {
    app_live(LiveState::new(state), browser_policy::PagePolicy::default())
}

/// The router answering from `live`, whose state may be replaced while it
/// serves (`app::follow`), its page under `page`.
pub fn app_live(live: LiveState, page: browser_policy::PagePolicy) -> Router {
    Router::<LiveState>::new()
        .route("/health", get(health::health))
        .route("/api/openapi.json", get(openapi))
        .route("/api/v1/about", get(about::about))
        .route("/api/v1/places", get(places::list))
        .route("/api/v1/places/{id}", get(places::one))
        .route("/api/v1/search", get(places::search))
        .route("/api/v1/search/reverse", get(places::reverse))
        .route("/api/v1/opening-hours", get(hours::check))
        .route("/api/v1/access/nearest", get(access::nearest))
        .route("/api/v1/access/isochrone", get(access::isochrone))
        .route("/api/v1/access/route", get(access::route))
        .route("/api/v1/access/barriers", get(access::barriers))
        .route("/api/v1/access/candidate", get(access::candidate))
        .route("/api/v1/access/closure", get(access::closure))
        .route("/api/v1/access/reliance", get(access::reliance))
        .route("/api/v1/access/best-site", get(access::best_site))
        .route("/api/v1/neighbourhoods", get(access::neighbourhoods))
        .route("/api/v1/gaps", get(access::gaps))
        .route("/tiles/{file}", get(tiles::tilejson))
        .route("/tiles/{layer}/{z}/{x}/{y}", get(tiles::tile))
        .route("/api/v1/accounts", post(commons::create_account))
        .route("/api/v1/accounts/{id}/role", put(commons::set_role))
        .route(
            "/api/v1/roles",
            get(commons::staff).put(commons::set_role_by_email),
        )
        .route("/api/v1/sessions", post(commons::login))
        .route("/api/v1/sessions/current", delete(commons::logout))
        .route(
            "/api/v1/me",
            get(commons::me).delete(commons::erase_account),
        )
        .route("/api/v1/me/password", put(commons::change_password))
        .route("/api/v1/tokens", post(commons::create_token))
        .route("/api/v1/tokens/{id}", delete(commons::revoke_token))
        .route(
            "/api/v1/groups",
            get(commons::groups).post(commons::create_group),
        )
        .route("/api/v1/groups/{id}", put(commons::edit_group))
        .route("/api/v1/groups/{id}/stewards", post(commons::add_steward))
        .route(
            "/api/v1/groups/{id}/stewards/{account}",
            delete(commons::remove_steward),
        )
        .route(
            "/api/v1/groups/{id}/invitations",
            get(invitations::open).post(invitations::invite),
        )
        .route(
            "/api/v1/groups/{id}/invitations/{invitation}",
            delete(invitations::withdraw),
        )
        .route("/api/v1/invitations/preview", post(invitations::preview))
        .route("/api/v1/invitations/accept", post(invitations::accept))
        .route(
            "/api/v1/password-resets",
            get(password_resets::open).post(password_resets::make),
        )
        .route(
            "/api/v1/password-resets/{id}",
            delete(password_resets::withdraw),
        )
        .route(
            "/api/v1/password-resets/preview",
            post(password_resets::preview),
        )
        .route(
            "/api/v1/password-resets/use",
            post(password_resets::set_password),
        )
        .route(
            "/api/v1/resources",
            get(commons::public_list).post(commons::register),
        )
        .route("/api/v1/resources/mine", get(commons::mine))
        .route(
            "/api/v1/resources/{id}",
            get(commons::one).put(commons::edit),
        )
        .route("/api/v1/resources/{id}/history", get(commons::history))
        .route("/api/v1/resources/{id}/archive", post(commons::archive))
        .route("/api/v1/resources/{id}/restore", post(commons::restore))
        .route("/api/v1/resources/{id}/reports", post(commons::report))
        .route("/api/v1/moderation/queue", get(commons::queue))
        .route("/api/v1/moderation/groups", get(commons::every_group))
        .route(
            "/api/v1/moderation/resources/{id}/decision",
            post(commons::decide),
        )
        .route(
            "/api/v1/moderation/reports/{id}/resolve",
            post(commons::resolve),
        )
        .route("/api/v1/exports/{file}", get(commons::export))
        .route("/", get(client::index))
        .fallback(client::fallback)
        .layer(axum::middleware::map_response_with_state(
            page,
            browser_policy::add,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(live)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_openapi_document_lists_every_route_and_nothing_else() {
        let doc: serde_json::Value = serde_json::from_str(OPENAPI).expect("valid JSON");
        assert_eq!(doc["openapi"], "3.1.0");
        let paths = doc["paths"].as_object().expect("paths");
        let mut documented: Vec<&str> = paths.keys().map(String::as_str).collect();
        let mut routed = ROUTES.to_vec();
        documented.sort_unstable();
        routed.sort_unstable();
        assert_eq!(documented, routed);
        let categories = doc["components"]["schemas"]["Category"]["enum"]
            .as_array()
            .expect("categories");
        let names: Vec<&str> = learnscape_core::Category::ALL
            .iter()
            .map(|c| c.as_str())
            .collect();
        assert_eq!(categories.len(), names.len());
        assert!(
            categories
                .iter()
                .all(|c| names.contains(&c.as_str().unwrap_or("")))
        );
    }
}
