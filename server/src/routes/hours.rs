//! How an OSM `opening_hours` value reads, for whoever writes one (the
//! commons form checks it as it is typed).

use crate::places_out::{days_json, open_json};
use crate::routes::ApiError;
use crate::routes::params::{self, Params};
use axum::Json;
use axum::extract::Query;
use chrono::Utc;
use learnscape_core::commons::validate::MAX_SHORT;
use learnscape_core::hours::{Hours, When};
use serde_json::{Value, json};

/// `GET /api/v1/opening-hours?value[&lon&lat]` → the next seven days as
/// the value reads, on the clock of the place at `lon,lat` (with its
/// public holidays, and whether it is open now); without a place, in UTC
/// with no holidays. A value that does not read is a 400 naming `value`
/// and where it stops reading.
pub async fn check(Query(q): Query<Params>) -> Result<Json<Value>, ApiError> {
    let bad = |detail: String| ApiError::BadParameter {
        name: "value",
        detail,
    };
    let text = params::text(&q, "value")?;
    if text.chars().count() > MAX_SHORT {
        return Err(bad(format!("is longer than {MAX_SHORT} characters")));
    }
    let position = params::optional_lonlat(&q)?;
    let hours = match position {
        Some(p) => Hours::for_place(text, p),
        None => Hours::parse(text),
    }
    .map_err(|e| bad(format!("does not read as OSM opening_hours ({e})")))?;
    let now = When::Instant(Utc::now());
    let today = hours.local_time(now).date();
    Ok(Json(json!({
        "value": text,
        "time_zone": position.map(|_| hours.time_zone().name()),
        "open": position.map(|_| open_json(Some(&hours), now)),
        "days": days_json(&hours.days(today, 7)),
    })))
}
