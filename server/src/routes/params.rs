//! Query parameters parsed by hand so every bad value is a 400 that names
//! its parameter (axum's own rejections would not).

use crate::app::access::{Steps, Walking};
use crate::routes::ApiError;
use chrono::{Datelike, NaiveDateTime, Utc};
use learnscape_core::hours::{LOCAL_TIME, When};
use learnscape_core::{Bbox, Category, LonLat, WalkingSpeed};
use std::collections::HashMap;

pub type Params = HashMap<String, String>;

fn bad(name: &'static str, detail: impl Into<String>) -> ApiError {
    ApiError::BadParameter {
        name,
        detail: detail.into(),
    }
}

/// A required text parameter, trimmed.
pub fn text<'a>(params: &'a Params, name: &'static str) -> Result<&'a str, ApiError> {
    params
        .get(name)
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| bad(name, "is required"))
}

pub fn number(params: &Params, name: &'static str, min: f64, max: f64) -> Result<f64, ApiError> {
    let text = text(params, name)?;
    let value: f64 = text
        .parse()
        .map_err(|_| bad(name, format!("{text:?} is not a number")))?;
    if !value.is_finite() || value < min || value > max {
        return Err(bad(name, format!("{value} is outside {min}..={max}")));
    }
    Ok(value)
}

pub fn optional_number(
    params: &Params,
    name: &'static str,
    min: f64,
    max: f64,
) -> Result<Option<f64>, ApiError> {
    // Absent is "use the default"; present but empty is a mistake.
    match params.get(name).map(|s| s.trim()) {
        None => Ok(None),
        Some("") => Err(bad(name, "is empty; leave it out for the default")),
        Some(_) => number(params, name, min, max).map(Some),
    }
}

pub fn lonlat(params: &Params) -> Result<LonLat, ApiError> {
    Ok(LonLat::new(
        number(params, "lon", -180.0, 180.0)?,
        number(params, "lat", -90.0, 90.0)?,
    ))
}

/// `bbox` (`west,south,east,north`), required, at most `max_degrees`
/// wide and high.
pub fn bbox(params: &Params, max_degrees: f64) -> Result<Bbox, ApiError> {
    let bbox = Bbox::parse(text(params, "bbox")?).map_err(|e| bad("bbox", e))?;
    if bbox.east - bbox.west > max_degrees || bbox.north - bbox.south > max_degrees {
        return Err(bad(
            "bbox",
            format!("is at most {max_degrees}° wide and high"),
        ));
    }
    Ok(bbox)
}

/// `lon` and `lat` together, or neither.
pub fn optional_lonlat(params: &Params) -> Result<Option<LonLat>, ApiError> {
    match (params.contains_key("lon"), params.contains_key("lat")) {
        (false, false) => Ok(None),
        _ => lonlat(params).map(Some),
    }
}

/// `category`: a category name or `all` (any learning space).
pub fn subject(params: &Params) -> Result<learnscape_core::Subject, ApiError> {
    text(params, "category")?
        .parse()
        .map_err(|e: learnscape_core::UnknownCategory| bad("category", format!("{e}, or all")))
}

pub fn category(params: &Params) -> Result<Category, ApiError> {
    text(params, "category")?
        .parse()
        .map_err(|e: learnscape_core::UnknownCategory| bad("category", e.to_string()))
}

/// `walking_speed_kmh`: the pace the walk is measured at, km/h, within
/// [`WalkingSpeed::PLAUSIBLE_KMH`]; absent, the `city`'s.
pub fn walking_speed(params: &Params, city: WalkingSpeed) -> Result<WalkingSpeed, ApiError> {
    let (slowest, fastest) = WalkingSpeed::PLAUSIBLE_KMH.into_inner();
    let Some(kmh) = optional_number(params, "walking_speed_kmh", slowest, fastest)? else {
        return Ok(city);
    };
    WalkingSpeed::from_kmh(kmh)
        .ok_or_else(|| bad("walking_speed_kmh", format!("{kmh} is not a walking speed")))
}

/// Walking minutes a query may ask for.
pub const MAX_MINUTES: f64 = 60.0;

pub fn minutes(params: &Params, default: f64) -> Result<f64, ApiError> {
    Ok(optional_number(params, "minutes", 1.0, MAX_MINUTES)?.unwrap_or(default))
}

/// A comma-separated list of minutes, ascending and without repeats.
pub fn minutes_list(params: &Params, default: &[f64]) -> Result<Vec<f64>, ApiError> {
    // Absent is "use the default"; present but empty is a mistake, as for
    // single numbers (schemathesis found `minutes=` taken as the default).
    let text = match params.get("minutes").map(|s| s.trim()) {
        None => return Ok(default.to_vec()),
        Some("") => return Err(bad("minutes", "is empty; leave it out for the default")),
        Some(text) => text,
    };
    let mut list = Vec::new();
    for part in text.split(',') {
        let value: f64 = part
            .trim()
            .parse()
            .map_err(|_| bad("minutes", format!("{part:?} is not a number")))?;
        if !value.is_finite() || !(1.0..=MAX_MINUTES).contains(&value) {
            return Err(bad(
                "minutes",
                format!("{value} is outside 1..={MAX_MINUTES}"),
            ));
        }
        list.push(value);
    }
    if list.len() > 6 {
        return Err(bad("minutes", "at most 6 values"));
    }
    list.sort_by(f64::total_cmp);
    list.dedup();
    Ok(list)
}

/// Sites a planner's plan holds at most: a plan, not a second city.
pub const MAX_PLANNED: usize = 10;

/// `planned`: sites as `lon,lat;lon,lat` (none when absent).
pub fn planned(params: &Params) -> Result<Vec<LonLat>, ApiError> {
    let text = match params.get("planned").map(|s| s.trim()) {
        None => return Ok(Vec::new()),
        Some("") => return Err(bad("planned", "is empty; leave it out for no plan")),
        Some(text) => text,
    };
    let sites: Vec<&str> = text.split(';').collect();
    if sites.len() > MAX_PLANNED {
        return Err(bad("planned", format!("at most {MAX_PLANNED} sites")));
    }
    sites
        .iter()
        .enumerate()
        .map(|(k, site)| {
            let site_number = k + 1;
            let parts: Vec<&str> = site.split(',').map(str::trim).collect();
            let [lon, lat] = parts[..] else {
                return Err(bad(
                    "planned",
                    format!("site {site_number}, {site:?}, is not lon,lat"),
                ));
            };
            let degrees = |text: &str, limit: f64| {
                text.parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite() && v.abs() <= limit)
                    .ok_or_else(|| {
                        bad(
                            "planned",
                            format!("site {site_number}: {text:?} is not a number within ±{limit}"),
                        )
                    })
            };
            Ok(LonLat::new(degrees(lon, 180.0)?, degrees(lat, 90.0)?))
        })
        .collect()
}

/// `at`: `now`, which each place reads on its own clock, or a wall-clock
/// time at the places, `YYYY-MM-DDTHH:MM` with no zone, 2000–2099.
pub fn when(params: &Params) -> Result<Option<When>, ApiError> {
    let text = match params.get("at").map(|s| s.trim()) {
        None => return Ok(None),
        Some("") => return Err(bad("at", "is empty; leave it out for no time")),
        Some("now") => return Ok(Some(When::Instant(Utc::now()))),
        Some(text) => text,
    };
    let at = NaiveDateTime::parse_from_str(text, LOCAL_TIME).map_err(|_| {
        bad(
            "at",
            format!("{text:?} is neither now nor a local time YYYY-MM-DDTHH:MM (no zone: the time there)"),
        )
    })?;
    if !(2000..=2099).contains(&at.year()) {
        return Err(bad("at", format!("{text:?} is not within 2000–2099")));
    }
    Ok(Some(When::Local(at)))
}

/// A `true`/`false` parameter; absent is false.
pub fn flag(params: &Params, name: &'static str) -> Result<bool, ApiError> {
    match params.get(name).map(|s| s.trim()) {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(other) => Err(bad(name, format!("{other:?} is not true or false"))),
    }
}

/// `step_free=true`: walks that avoid steps (a wheelchair, a pram).
fn steps(params: &Params) -> Result<Steps, ApiError> {
    Ok(if flag(params, "step_free")? {
        Steps::Avoided
    } else {
        Steps::Taken
    })
}

/// `walking_speed_kmh` and `step_free`: how the walk is measured.
pub fn walking(params: &Params, city: WalkingSpeed) -> Result<Walking, ApiError> {
    Ok(Walking {
        pace: walking_speed(params, city)?,
        steps: steps(params)?,
    })
}

/// `format`: one of `offered`, the first when absent.
pub fn format<'a>(params: &'a Params, offered: &[&'static str]) -> Result<&'a str, ApiError> {
    let first = offered.first().copied().unwrap_or("json");
    let format = params.get("format").map_or(first, String::as_str);
    if offered.contains(&format) {
        Ok(format)
    } else {
        Err(bad(
            "format",
            format!("{format:?} is not {}", offered.join(" or ")),
        ))
    }
}
