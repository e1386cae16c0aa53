//! `learnscape places`: filtered places as GeoJSON or CSV.

use crate::app::places::list;
use crate::exit::Failure;
use crate::places_out::{places_geojson, write_places_csv};
use clap::{Args, ValueEnum};
use learnscape_core::{Bbox, Category, PlaceFilter, SourceId, Store};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Geojson,
    Csv,
}

#[derive(Debug, Args)]
pub struct PlacesArgs {
    #[arg(long, value_enum, default_value = "geojson")]
    format: Format,

    /// Only these categories (repeat or separate with commas).
    #[arg(long, value_delimiter = ',', value_name = "CATEGORY")]
    category: Vec<Category>,

    /// Only places meeting this box: west,south,east,north in degrees.
    #[arg(long, value_parser = Bbox::parse, allow_hyphen_values = true, value_name = "W,S,E,N")]
    bbox: Option<Bbox>,

    /// Only places whose name contains this (ignoring case, accents and the spaces
    /// or hyphens between words); an unnamed place by the street it goes by.
    #[arg(long, value_name = "TEXT")]
    name: Option<String>,

    /// Only places from this source.
    #[arg(long, value_name = "ID")]
    source: Option<String>,

    /// Write here instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub async fn run(store: &dyn Store, args: PlacesArgs) -> Result<(), Failure> {
    let filter = PlaceFilter {
        categories: args.category,
        bbox: args.bbox,
        name_contains: args.name,
        source: args.source.map(SourceId),
    };
    let found = list(store, &filter).await?;
    let mut bytes = Vec::new();
    match args.format {
        Format::Geojson => {
            let collection = places_geojson(&found.places, &found.attributions);
            serde_json::to_writer(&mut bytes, &collection)
                .map_err(|e| Failure::Output(e.to_string()))?;
            bytes.push(b'\n');
        }
        Format::Csv => write_places_csv(&mut bytes, &found.places, &found.attributions)
            .map_err(|e| Failure::Output(e.to_string()))?,
    }
    super::write_output(args.output.as_deref(), &bytes)?;
    eprintln!("{} places", found.places.len());
    Ok(())
}
