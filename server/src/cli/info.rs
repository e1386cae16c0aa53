//! `learnscape info`: what the store holds.

use crate::app::summary::summary;
use crate::exit::Failure;
use clap::Args;
use learnscape_core::Store;
use learnscape_core::summary::StoreSummary;
use std::fmt::Write;

#[derive(Debug, Args)]
pub struct InfoArgs {
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub async fn run(store: &dyn Store, args: InfoArgs) -> Result<(), Failure> {
    let summary = summary(store).await?;
    if args.json {
        let json =
            serde_json::to_string_pretty(&summary).map_err(|e| Failure::Output(e.to_string()))?;
        println!("{json}");
    } else {
        print!("{}", render(&summary));
    }
    Ok(())
}

fn render(s: &StoreSummary) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "sources:");
    if s.sources.is_empty() {
        let _ = writeln!(out, "  (none — run `learnscape import`)");
    }
    for source in &s.sources {
        let as_of = source
            .data_as_of
            .map(|t| format!("data as of {}  ", t.format("%Y-%m-%d %H:%M:%S UTC")))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {:<24} {:<14} imported {}  {as_of}sha256 {}\n  {:<24} {}",
            source.id.0,
            source.kind.as_str(),
            source.imported_at.format("%Y-%m-%d %H:%M:%S UTC"),
            &source.sha256,
            "",
            source.path
        );
        if !source.note.is_empty() {
            let _ = writeln!(out, "  {:<24} {}", "", source.note);
        }
    }
    let total: usize = s.places_per_category.values().sum();
    let _ = writeln!(out, "places: {total}");
    for (category, count) in &s.places_per_category {
        let _ = writeln!(out, "  {:<20} {count:>7}", category.as_str());
    }
    let _ = writeln!(out, "neighbourhoods: {}", s.neighbourhoods.len());
    for n in &s.neighbourhoods {
        let population = n.population.map_or("population unknown".to_string(), |p| {
            format!("{p:.0} residents")
        });
        let places: Vec<String> = n
            .places
            .iter()
            .map(|(c, k)| format!("{k} {}", c.as_str()))
            .collect();
        let _ = writeln!(
            out,
            "  {:<28} {:>20}  {}",
            n.name,
            population,
            if places.is_empty() {
                "no places".to_string()
            } else {
                places.join(", ")
            }
        );
    }
    let _ = writeln!(
        out,
        "population units: {} ({:.0} people)",
        s.population_units, s.population_total
    );
    let _ = writeln!(
        out,
        "walk network: {} nodes, {} segments, {:.1} km",
        s.walk_nodes, s.walk_segments, s.walk_length_km
    );
    let _ = writeln!(
        out,
        "basemap features (house numbers, postcodes and other names included): {}",
        s.basemap_features
    );
    out
}
