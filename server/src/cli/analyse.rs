//! `learnscape analyse`: the gap report without a server.

use super::walk_args::WalkArgs;
use crate::app::access::{AccessSnapshot, Steps, Walking};
use crate::exit::Failure;
use crate::reports_out::{gaps_json, neighbourhoods_geojson, write_gaps_csv};
use clap::{Args, ValueEnum};
use learnscape_core::Subject;
use learnscape_core::{Category, Store};
use serde_json::{Value, json};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One row per neighbourhood and category, ranked by uncovered people.
    Csv,
    /// Neighbourhood polygons with their figures.
    Geojson,
    /// The ranked lists with an overall summary.
    Json,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  learnscape analyse --category library --minutes 15 --format csv
  learnscape analyse --category library --step-free --format csv
  learnscape analyse --format geojson --output gaps.geojson")]
pub struct AnalyseArgs {
    /// Categories to report (repeat or separate with commas; `all` is any
    /// learning space; default: every category).
    #[arg(long, value_delimiter = ',', value_name = "CATEGORY")]
    category: Vec<Subject>,

    /// Walking time threshold in minutes.
    #[arg(long, default_value_t = 15.0, value_parser = parse_minutes)]
    minutes: f64,

    /// Walks that avoid flights of steps without a ramp, as a wheelchair,
    /// a pram or a walking frame must.
    #[arg(long)]
    step_free: bool,

    #[arg(long, value_enum, default_value = "csv")]
    format: Format,

    /// Write here instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,

    #[command(flatten)]
    walk: WalkArgs,
}

fn parse_minutes(text: &str) -> Result<f64, String> {
    let m: f64 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number"))?;
    if (1.0..=60.0).contains(&m) {
        Ok(m)
    } else {
        Err(format!("{m} is outside 1..=60"))
    }
}

pub async fn run(store: &dyn Store, args: AnalyseArgs) -> Result<(), Failure> {
    let snapshot = AccessSnapshot::load(store, args.walk.speed()).await?;
    let categories: Vec<Subject> = if args.category.is_empty() {
        Category::ALL.iter().map(|&c| Subject::One(c)).collect()
    } else {
        args.category.clone()
    };
    let minutes = args.minutes;
    let areas = snapshot.areas();
    if areas.is_empty() {
        eprintln!(
            "note: the store holds no neighbourhoods; import boundaries to get a per-area report"
        );
    }
    let walking = Walking {
        pace: snapshot.speed(),
        steps: if args.step_free {
            Steps::Avoided
        } else {
            Steps::Taken
        },
    };
    let reports: Vec<_> = categories
        .iter()
        .map(|&c| snapshot.report_at(c, minutes, walking))
        .collect();
    let provenance = snapshot.provenance();
    let bytes = match args.format {
        Format::Csv => {
            let ranked: Vec<_> = reports
                .iter()
                .map(|r| (r.as_ref(), r.gaps(areas)))
                .collect();
            let mut writer = csv::Writer::from_writer(Vec::new());
            write_gaps_csv(&mut writer, &ranked, areas, provenance)
                .map_err(|e| Failure::Output(e.to_string()))?;
            writer
                .into_inner()
                .map_err(|e| Failure::Output(e.to_string()))?
        }
        Format::Geojson => {
            let mut features: Vec<Value> = Vec::new();
            for report in &reports {
                let ranked = report.gaps(areas);
                let collection = neighbourhoods_geojson(report, areas, &ranked, provenance);
                if let Some(list) = collection["features"].as_array() {
                    features.extend(list.iter().cloned());
                }
            }
            let collection = json!({
                "type": "FeatureCollection",
                "attribution": provenance.attribution(),
                "sources": provenance.sources_json(),
                "population_from": provenance.population_from(),
                "minutes": minutes,
                "walking_speed_kmh": snapshot.speed().kmh(),
                "step_free": args.step_free,
                "features": features,
            });
            let mut out =
                serde_json::to_vec(&collection).map_err(|e| Failure::Output(e.to_string()))?;
            out.push(b'\n');
            out
        }
        Format::Json => {
            let list: Vec<Value> = reports
                .iter()
                .map(|r| gaps_json(r, areas, &r.gaps(areas), provenance))
                .collect();
            let mut out =
                serde_json::to_vec_pretty(&list).map_err(|e| Failure::Output(e.to_string()))?;
            out.push(b'\n');
            out
        }
    };
    super::write_output(args.output.as_deref(), &bytes)?;
    for report in reports.iter().filter(|r| r.facilities == 0) {
        eprintln!(
            "note: the store holds no {} facilities, so every resident counts as left out",
            report.category.as_str()
        );
    }
    for category in categories.iter().filter_map(|s| match s {
        Subject::One(c) => Some(*c),
        Subject::Any => None,
    }) {
        let stranded = snapshot.unreachable_facilities(category);
        if let Some(first) = stranded.first() {
            eprintln!(
                "note: {} {} facilit{} more than 250 m from any street serve nobody (e.g. {first})",
                stranded.len(),
                category.as_str(),
                if stranded.len() == 1 {
                    "y is"
                } else {
                    "ies are"
                }
            );
        }
    }
    let overall = reports.first().map(|r| &r.overall);
    if overall.is_some_and(|o| o.population <= 0.0) {
        eprintln!(
            "note: the store holds no residents, so nobody counts as left out; import population \
             (a grid, census areas, or neighbourhoods with a population field) to measure gaps"
        );
    }
    // The same residents are off the network for every category.
    if let Some(overall) = overall
        && off_network_is_notable(overall.off_network, overall.population)
    {
        eprintln!(
            "note: {:.0} of {:.0} residents live more than 250 m from any street in the data, \
             so they count as left out for every category: a gap in the street data, not \
             necessarily in provision (does the OSM extract cover the whole study area?)",
            overall.off_network, overall.population
        );
    }
    // The same neighbourhoods for every category, as the residents are.
    let beyond = reports.first().map_or(0, |r| {
        (r.areas.iter())
            .filter(|a| a.figures.mostly_off_network())
            .count()
    });
    if beyond > 0 {
        let (s, their, are, follow) = match beyond {
            1 => ("", "its", "is", "it follows"),
            _ => ("s", "their", "are", "they follow"),
        };
        eprintln!(
            "note: {beyond} neighbourhood{s} with most of {their} residents beyond the street \
             data {are} not ranked: {follow} the ranked ones, with rank empty"
        );
    }
    let population = snapshot.population_summary();
    let coarser = match population.units_over_coarser_grid {
        0 => String::new(),
        n => format!(
            " ({n} of them over 1,000 km² with no residential building in the street data, \
             so over a coarser grid)"
        ),
    };
    eprintln!(
        "analysed {} categor{} at {minutes} min walking at {} km/h over {} neighbourhoods \
         (demand from {} units as points, {} over buildings, {} over a 100 m grid{coarser}; built in {:.2} s)",
        categories.len(),
        if categories.len() == 1 { "y" } else { "ies" },
        snapshot.speed().kmh(),
        areas.len(),
        population.units_as_points,
        population.units_over_buildings,
        population.units_over_grid,
        snapshot.build_seconds
    );
    Ok(())
}

/// Residents beyond the street network are worth a word once they are a
/// whole person and at least 1 % of everyone: a few stray buildings on a
/// mountain are not, an extract that misses a district is.
fn off_network_is_notable(off_network: f64, population: f64) -> bool {
    off_network.round() >= 1.0 && off_network >= 0.01 * population
}
