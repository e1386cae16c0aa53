//! Accessibility answers: nearest facilities, isochrones, neighbourhood
//! figures and the ranked gaps.

use crate::app::AppState;
use crate::app::access::{Candidate, Closure, DEFAULT_MINUTES, Steps, Walking};
use crate::geojson_out::{GeoJson, lonlat_json};
use crate::places_out::{open_json, when_json};
use crate::reliance_out::{Walk, reliance_json, write_reliance_csv};
use crate::reports_out::{gaps_json, neighbourhoods_geojson, round, write_gaps_csv};
use crate::routes::ApiError;
use crate::routes::params::{self, Params};
use axum::Json;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use learnscape_access::analysis::{AreaInput, ClosureLoss, Plan};
use learnscape_access::directions::Leg;
use learnscape_access::engine::NearestAnswer;
use learnscape_access::{AccessError, MAX_SNAP_M, NearestFacility, Snap};
use learnscape_core::hours::When;
use learnscape_core::{LonLat, PlaceId};
use serde_json::{Value, json};

fn unreachable(origin: LonLat, steps: Steps) -> Value {
    let street = match steps {
        Steps::Taken => "walkable street",
        Steps::Avoided => "walkable street without steps",
    };
    json!({
        "reachable": false,
        "origin": lonlat_json(origin),
        "reason": format!("the point is more than {MAX_SNAP_M} m from any {street}, so it has no walking distance"),
    })
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::Internal(format!("task failed: {e}")))
}

/// How wide and high a box `barriers` answers for: a town and its
/// surroundings (the map asks from zoom 14, a tenth of that), so that no
/// answer holds a whole region's tracks.
const MAX_BARRIERS_BOX_DEGREES: f64 = 1.0;

/// `GET /api/v1/access/barriers?bbox=w,s,e,n` → what a walk that avoids
/// steps goes around there: each segment of steps or otherwise barred to a
/// wheelchair, as a GeoJSON line.
pub async fn barriers(
    State(state): State<AppState>,
    Query(q): Query<Params>,
) -> Result<Json<Value>, ApiError> {
    let bbox = params::bbox(&q, MAX_BARRIERS_BOX_DEGREES)?;
    let access = state.access.clone();
    let found = blocking(move || access.hindrances(bbox)).await?;
    let features: Vec<Value> = (found.iter())
        .map(|([a, b], footing)| {
            json!({
                "type": "Feature",
                "geometry": { "type": "LineString", "coordinates": [lonlat_json(*a), lonlat_json(*b)] },
                "properties": { "steps": footing.steps, "bar": footing.barred },
            })
        })
        .collect();
    Ok(Json(json!({
        "type": "FeatureCollection",
        "attribution": state.access.attribution(),
        "features": features,
    })))
}

/// `GET /api/v1/access/nearest?lon&lat&category[&limit=5][&minutes][&at][&open=true][&walking_speed_kmh][&step_free=true]`
pub async fn nearest(
    State(state): State<AppState>,
    Query(q): Query<Params>,
) -> Result<Json<Value>, ApiError> {
    let origin = params::lonlat(&q)?;
    let category = params::category(&q)?;
    let limit = params::optional_number(&q, "limit", 1.0, 50.0)?.map_or(5, |l| l as usize);
    let minutes = params::optional_number(&q, "minutes", 1.0, params::MAX_MINUTES)?;
    let walking = params::walking(&q, state.access.speed())?;
    let at = params::when(&q)?;
    let open_only = params::flag(&q, "open")?;
    // open=true alone means open now.
    let at = match at {
        None if open_only => Some(When::Instant(Utc::now())),
        at => at,
    };
    let open_at = at.filter(|_| open_only);
    let access = state.access.clone();
    let answer = blocking(move || {
        let answer = access.nearest(origin, category, limit, minutes, open_at, walking)?;
        let legs = access.directions(&answer);
        Ok((answer, legs))
    })
    .await?;
    let (answer, legs) = match answer {
        Ok(a) => a,
        Err(AccessError::Unreachable { .. }) => {
            return Ok(Json(unreachable(origin, walking.steps)));
        }
        Err(e) => return Err(ApiError::NotFound(e.to_string())),
    };
    let facilities: Vec<Value> = (answer.facilities.iter())
        .map(|f| facility_json(f, at))
        .collect();
    Ok(Json(json!({
        "reachable": true,
        "origin": lonlat_json(origin),
        "snapped": snapped_json(&answer.snap),
        "category": category.as_str(),
        "walking_speed_kmh": walking.pace.kmh(),
        "step_free": walking.steps.avoided(),
        "at": when_json(at),
        "open_only": open_only,
        "facilities": facilities,
        "route": route_json(&answer, &legs),
        "attribution": state.access.attribution(),
    })))
}

/// `GET /api/v1/access/route?lon&lat&to[&walking_speed_kmh][&step_free=true]`:
/// the walk to one place, nearest or not, with its directions.
pub async fn route(
    State(state): State<AppState>,
    Query(q): Query<Params>,
) -> Result<Json<Value>, ApiError> {
    let origin = params::lonlat(&q)?;
    let to = PlaceId(params::text(&q, "to")?.to_string());
    let walking = params::walking(&q, state.access.speed())?;
    let access = state.access.clone();
    let id = to.clone();
    let answer = blocking(move || {
        let answer = access.walk_to(origin, &id, walking)?;
        let legs = answer.as_ref().map(|a| access.directions(a));
        Ok((answer, legs.unwrap_or_default()))
    })
    .await?;
    let (answer, legs) = match answer {
        Ok((Some(a), legs)) => (a, legs),
        Ok((None, _)) => return Err(ApiError::NotFound(format!("no learning space {}", to.0))),
        Err(AccessError::Unreachable { .. }) => {
            return Ok(Json(unreachable(origin, walking.steps)));
        }
        Err(e) => return Err(ApiError::NotFound(e.to_string())),
    };
    Ok(Json(json!({
        "reachable": true,
        "origin": lonlat_json(origin),
        "snapped": snapped_json(&answer.snap),
        "walking_speed_kmh": walking.pace.kmh(),
        "step_free": walking.steps.avoided(),
        "place": answer.facilities.first().map(|f| facility_json(f, None)),
        "route": route_json(&answer, &legs),
        "attribution": state.access.attribution(),
    })))
}

fn snapped_json(snap: &Snap) -> Value {
    json!({
        "position": lonlat_json(snap.position),
        "access_meters": (snap.access_m * 10.0).round() / 10.0,
    })
}

/// A place of a nearest answer; whether it is open at `at`, if given.
fn facility_json(f: &NearestFacility, at: Option<When>) -> Value {
    let mut facility = json!({
        "id": f.id.0,
        "name": f.name,
        "category": f.category.as_str(),
        "meters": (f.meters * 10.0).round() / 10.0,
        "minutes": (f.minutes * 100.0).round() / 100.0,
        "position": lonlat_json(f.position),
    });
    if let Some(street) = &f.near_street {
        facility["near_street"] = json!(street);
    }
    if let Some(at) = at {
        facility["open"] = open_json(f.hours.as_ref(), at);
    }
    facility
}

/// The route to an answer's first place, with `legs` its directions.
fn route_json(answer: &NearestAnswer, legs: &[Leg]) -> Option<Value> {
    answer.route.as_ref().map(|r| {
        json!({
            "type": "Feature",
            "geometry": {
                "type": "LineString",
                "coordinates": r.coordinates.iter().map(|p| lonlat_json(*p)).collect::<Vec<_>>(),
            },
            "properties": {
                "meters": (r.meters * 10.0).round() / 10.0,
                "to": answer.facilities.first().map(|f| f.id.0.clone()),
                "directions": legs.iter().map(leg_json).collect::<Vec<_>>(),
                "steps_meters": (r.steps_m() * 10.0).round() / 10.0,
                "steps_at": r.flights(),
                "barriers_at": r.barriers(),
                "barriers_bars": r.barrier_bars(),
            },
        })
    })
}

/// One leg of a route's directions, its metres to the decimetre.
fn leg_json(leg: &Leg) -> Value {
    json!({
        "along": leg.along,
        "class": leg.class,
        "meters": (leg.meters * 10.0).round() / 10.0,
        "turn": leg.turn,
        "heading": leg.heading,
        "steps": leg.steps,
        "barred": leg.barred(),
        "bars": leg.bars,
    })
}

/// `GET /api/v1/access/isochrone?lon&lat&minutes=5,10,15[&walking_speed_kmh][&step_free=true]`
pub async fn isochrone(
    State(state): State<AppState>,
    Query(q): Query<Params>,
) -> Result<Json<Value>, ApiError> {
    let origin = params::lonlat(&q)?;
    let minutes = params::minutes_list(&q, &[5.0, 10.0, 15.0])?;
    let walking = params::walking(&q, state.access.speed())?;
    let access = state.access.clone();
    let (speed, step_free) = (walking.pace.kmh(), walking.steps.avoided());
    let asked = minutes.clone();
    let result = blocking(move || access.isochrones(origin, &asked, walking)).await?;
    let polygons = match result {
        Ok(p) => p,
        Err(AccessError::Unreachable { .. }) => {
            let mut body = unreachable(origin, walking.steps);
            body["type"] = json!("FeatureCollection");
            body["features"] = json!([]);
            return Ok(Json(body));
        }
        Err(e) => return Err(ApiError::NotFound(e.to_string())),
    };
    // Largest first, so a map draws the smaller ones on top.
    let features: Vec<Value> = minutes
        .iter()
        .zip(&polygons)
        .rev()
        .map(|(m, p)| {
            json!({
                "type": "Feature",
                "geometry": crate::geojson_out::geometry(&geo_types::Geometry::MultiPolygon(p.clone())),
                "properties": { "minutes": m, "walking_speed_kmh": speed, "step_free": step_free },
            })
        })
        .collect();
    Ok(Json(json!({
        "type": "FeatureCollection",
        "reachable": true,
        "origin": lonlat_json(origin),
        "step_free": step_free,
        "attribution": state.access.attribution(),
        "features": features,
    })))
}

/// `GET /api/v1/access/candidate?lon&lat&category&minutes&planned[&walking_speed_kmh][&step_free=true]`: what
/// a new learning space here would change — the residents it would bring
/// within the walk who are left out now, besides the planned sites, and
/// where they live.
pub async fn candidate(
    State(state): State<AppState>,
    Query(q): Query<Params>,
) -> Result<Json<Value>, ApiError> {
    let at = params::lonlat(&q)?;
    let category = params::subject(&q)?;
    let minutes = params::minutes(&q, 15.0)?;
    let planned = params::planned(&q)?;
    let walking = params::walking(&q, state.access.speed())?;
    let access = state.access.clone();
    let sites = planned.len();
    let answer =
        blocking(move || access.candidate(category, minutes, at, &planned, walking)).await?;
    let Candidate { gain, plan, report } = match answer {
        Ok(answer) => answer,
        Err(AccessError::Unreachable { .. }) => {
            return Ok(Json(unreachable(at, walking.steps)));
        }
        Err(e) => return Err(ApiError::NotFound(e.to_string())),
    };
    let planned = &plan.gain;
    let areas = state.access.areas();
    // Where it would bring anyone left out within the walk, or add to the
    // supply per resident of people who have a place near already.
    let gained = changed_areas(areas, &gain.by_area, &gain.supply_by_area);
    let neighbourhoods: Vec<Value> = gained
        .iter()
        .map(|&(k, people, supply)| {
            let (before, supply_before) = report.with_plan(planned, Some(k));
            json!({
                "id": areas[k].id,
                "name": areas[k].name,
                "newly_covered": round(people, 1),
                "uncovered_before": round(before, 1),
                "uncovered_after": round(before - people, 1),
                "e2sfca_before": supply_before.map(|e| round(e, 3)),
                "e2sfca_after": supply_before.map(|e| round(e + supply, 3)),
            })
        })
        .collect();
    let (before, supply_before) = report.with_plan(planned, None);
    Ok(Json(json!({
        "reachable": true,
        "origin": lonlat_json(at),
        "category": category.as_str(),
        "minutes": minutes,
        "walking_speed_kmh": report.speed.kmh(),
        "step_free": report.steps.avoided(),
        "facilities": report.facilities,
        "residents_within": round(gain.within, 1),
        "newly_covered": round(gain.newly_covered, 1),
        "planned": planned_json(sites, &plan),
        "uncovered_now": round(report.overall.uncovered, 1),
        "uncovered_before": round(before, 1),
        "uncovered_after": round(before - gain.newly_covered, 1),
        "e2sfca_now": report.overall.e2sfca_per_10k.map(|e| round(e, 3)),
        "e2sfca_before": supply_before.map(|e| round(e, 3)),
        "e2sfca_after": supply_before.map(|e| round(e + gain.supply, 3)),
        "neighbourhoods": neighbourhoods,
        "attribution": state.access.attribution(),
    })))
}

/// A plan of `sites` sites in an answer: how many, whom they would bring
/// within the walk, and which (from 1) are off every street.
fn planned_json(sites: usize, plan: &Plan) -> Value {
    json!({
        "sites": sites,
        "newly_covered": round(plan.gain.newly_covered, 1),
        "off_network": plan.off_network.iter().map(|k| k + 1).collect::<Vec<_>>(),
    })
}

/// The areas whose residents (`people`, by area) or supply per resident
/// (`supply`) a what-if changes, as (area, people, supply): most people
/// first, then most supply, then by name.
fn changed_areas(areas: &[AreaInput], people: &[f64], supply: &[f64]) -> Vec<(usize, f64, f64)> {
    let mut changed: Vec<(usize, f64, f64)> = (0..areas.len())
        .map(|k| {
            let at = |v: &[f64]| v.get(k).copied().unwrap_or(0.0);
            (k, at(people), at(supply))
        })
        .filter(|&(_, people, supply)| people >= 0.05 || supply >= 0.05)
        .collect();
    changed.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then(b.2.total_cmp(&a.2))
            .then(areas[a.0].name.cmp(&areas[b.0].name))
    });
    changed
}

/// `GET /api/v1/access/closure?place&minutes[&planned][&walking_speed_kmh][&step_free=true][&format=json|geojson]`:
/// what closing a learning space would take away — the residents within
/// its walk that no other of its kind (nor a planned one) reaches, and
/// where they live.
pub async fn closure(
    State(state): State<AppState>,
    Query(q): Query<Params>,
) -> Result<Response, ApiError> {
    let id = PlaceId(params::text(&q, "place")?.to_string());
    let minutes = params::minutes(&q, 15.0)?;
    let planned = params::planned(&q)?;
    let walking = params::walking(&q, state.access.speed())?;
    let format = params::format(&q, &["json", "geojson"])?;
    let access = state.access.clone();
    let (asked, sites) = (id.clone(), planned.len());
    let Closure { loss, report } =
        blocking(move || access.closure(&asked, minutes, &planned, walking))
            .await?
            .ok_or_else(|| ApiError::NotFound(format!("no learning space {}", id.0)))?;
    if format == "geojson" {
        return Ok(GeoJson(closure_homes(&id, &loss, minutes, walking, &state)).into_response());
    }
    let plan = &loss.plan.gain;
    let areas = state.access.areas();
    let neighbourhoods: Vec<Value> = changed_areas(areas, &loss.by_area, &loss.supply_by_area)
        .iter()
        .map(|&(k, people, supply)| {
            let (before, supply_before) = report.with_plan(plan, Some(k));
            json!({
                "id": areas[k].id,
                "name": areas[k].name,
                "left_out": round(people, 1),
                "uncovered_before": round(before, 1),
                "uncovered_after": round(before + people, 1),
                "e2sfca_before": supply_before.map(|e| round(e, 3)),
                "e2sfca_after": supply_before.map(|e| round((e - supply).max(0.0), 3)),
            })
        })
        .collect();
    let (before, supply_before) = report.with_plan(plan, None);
    Ok(Json(json!({
        "place": id.0,
        "category": loss.category.as_str(),
        "minutes": minutes,
        "walking_speed_kmh": report.speed.kmh(),
        "step_free": report.steps.avoided(),
        "facilities": report.facilities,
        "reachable": loss.reachable,
        "residents_within": round(loss.within, 1),
        "left_out": round(loss.left_out, 1),
        "planned": planned_json(sites, &loss.plan),
        "uncovered_now": round(report.overall.uncovered, 1),
        "uncovered_before": round(before, 1),
        "uncovered_after": round(before + loss.left_out, 1),
        "e2sfca_now": report.overall.e2sfca_per_10k.map(|e| round(e, 3)),
        "e2sfca_before": supply_before.map(|e| round(e, 3)),
        "e2sfca_after": supply_before.map(|e| round((e - loss.supply).max(0.0), 3)),
        "neighbourhoods": neighbourhoods,
        "attribution": state.access.attribution(),
    }))
    .into_response())
}

/// Where the residents within a closing place's walk live, as GeoJSON
/// points: each a residential building or a population cell, with its
/// residents, its walk to the place as `walking`, and whether the closing
/// would leave them out. What the map draws under the closure card.
fn closure_homes(
    id: &PlaceId,
    loss: &ClosureLoss,
    minutes: f64,
    walking: Walking,
    state: &AppState,
) -> Value {
    // The analysis walks at the deployment's pace: its minutes, told at the pace asked.
    let at_pace = state.access.speed().kmh() / walking.pace.kmh();
    let features: Vec<Value> = (loss.homes.iter())
        .map(|home| {
            json!({
                "type": "Feature",
                "geometry": { "type": "Point", "coordinates": lonlat_json(home.position) },
                "properties": {
                    "residents": round(home.residents, 1),
                    "minutes": round(home.minutes * at_pace, 1),
                    "left_out": home.left_out,
                },
            })
        })
        .collect();
    json!({
        "type": "FeatureCollection",
        "place": id.0,
        "category": loss.category.as_str(),
        "minutes": minutes,
        "walking_speed_kmh": walking.pace.kmh(),
        "step_free": walking.steps.avoided(),
        "reachable": loss.reachable,
        "attribution": state.access.attribution(),
        "features": features,
    })
}

/// `GET /api/v1/access/reliance?category&minutes[&walking_speed_kmh][&step_free=true][&format=json|csv]`:
/// the places of one kind, most relied on first — the residents within the
/// walk of each who have no other of its kind within it.
pub async fn reliance(
    State(state): State<AppState>,
    Query(q): Query<Params>,
) -> Result<Response, ApiError> {
    let category = params::category(&q)?;
    let minutes = params::minutes(&q, 15.0)?;
    let walking = params::walking(&q, state.access.speed())?;
    let format = params::format(&q, &["json", "csv"])?;
    let access = state.access.clone();
    let ranked = blocking(move || access.reliance(category, minutes, walking)).await?;
    let walk = Walk {
        category,
        minutes,
        walking,
    };
    let areas = state.access.areas();
    if format == "json" {
        let attribution = state.access.attribution();
        return Ok(Json(reliance_json(walk, &ranked, areas, attribution)).into_response());
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    write_reliance_csv(&mut writer, walk, &ranked, areas, state.access.provenance())
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    csv_download(writer, "learnscape-most-relied-on.csv")
}

/// A table written to memory, as a CSV file to download.
fn csv_download(writer: csv::Writer<Vec<u8>>, filename: &str) -> Result<Response, ApiError> {
    let bytes = writer
        .into_inner()
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// `GET /api/v1/access/best-site?category&minutes&planned[&walking_speed_kmh][&step_free=true]`: the street
/// point where a new learning space, besides the planned sites, would
/// bring the most residents left out within the walk (ask `candidate`
/// there for the neighbourhoods).
pub async fn best_site(
    State(state): State<AppState>,
    Query(q): Query<Params>,
) -> Result<Json<Value>, ApiError> {
    let category = params::subject(&q)?;
    // One search per resident left out: kept for the thresholds the map
    // offers, not for any number a client may send.
    let minutes = params::minutes(&q, 15.0)?;
    if !DEFAULT_MINUTES.contains(&minutes) {
        return Err(ApiError::BadParameter {
            name: "minutes",
            detail: format!("{minutes} is not one of 5, 10, 15, 20 or 30"),
        });
    }
    let planned = params::planned(&q)?;
    let city = state.access.speed();
    let walking = params::walking(&q, city)?;
    let pace = walking.pace;
    // Half steps, as the map offers them: another pace is another search.
    if pace != city && (pace.kmh() * 2.0).fract() != 0.0 {
        return Err(ApiError::BadParameter {
            name: "walking_speed_kmh",
            detail: format!("{} is not in half steps (3.5, 4, 4.5 …)", pace.kmh()),
        });
    }
    let access = state.access.clone();
    let sites = planned.len();
    let best = blocking(move || access.best_site(category, minutes, &planned, walking))
        .await?
        .map_err(|busy| ApiError::Busy {
            detail: "the server is already trying every street for others".to_string(),
            retry_after: busy.retry_after,
        })?;
    Ok(Json(json!({
        "category": category.as_str(),
        "minutes": minutes,
        "walking_speed_kmh": pace.kmh(),
        "step_free": walking.steps.avoided(),
        "planned": sites,
        "site": best.map(|(p, _)| lonlat_json(p)),
        "newly_covered": round(best.map_or(0.0, |(_, people)| people), 1),
        "attribution": state.access.attribution(),
    })))
}

/// `GET /api/v1/neighbourhoods?category&minutes[&walking_speed_kmh][&step_free=true]`
pub async fn neighbourhoods(
    State(state): State<AppState>,
    Query(q): Query<Params>,
) -> Result<crate::geojson_out::GeoJson, ApiError> {
    let category = params::subject(&q)?;
    let minutes = params::minutes(&q, 15.0)?;
    let walking = params::walking(&q, state.access.speed())?;
    let access = state.access.clone();
    let report = blocking(move || access.report_at(category, minutes, walking)).await?;
    // Ranked as the gap list is, so that `rank` means the same in both.
    let ranked = report.gaps(state.access.areas());
    Ok(crate::geojson_out::GeoJson(neighbourhoods_geojson(
        &report,
        state.access.areas(),
        &ranked,
        state.access.provenance(),
    )))
}

/// `GET /api/v1/gaps?category&minutes[&walking_speed_kmh][&step_free=true][&format=csv|json]`
pub async fn gaps(
    State(state): State<AppState>,
    Query(q): Query<Params>,
) -> Result<Response, ApiError> {
    let category = params::subject(&q)?;
    let minutes = params::minutes(&q, 15.0)?;
    let walking = params::walking(&q, state.access.speed())?;
    let format = params::format(&q, &["json", "csv"])?;
    let access = state.access.clone();
    let report = blocking(move || access.report_at(category, minutes, walking)).await?;
    let areas = state.access.areas();
    let ranked = report.gaps(areas);
    if format == "csv" {
        let mut writer = csv::Writer::from_writer(Vec::new());
        write_gaps_csv(
            &mut writer,
            &[(&report, ranked)],
            areas,
            state.access.provenance(),
        )
        .map_err(|e| ApiError::Internal(e.to_string()))?;
        return csv_download(writer, "learnscape-gaps.csv");
    }
    Ok(Json(gaps_json(
        &report,
        areas,
        &ranked,
        state.access.provenance(),
    ))
    .into_response())
}
