//! `learnscape basemap`: the basemap features made from the OSM extract as
//! GeoJSON (newline-delimited), with the zoom each is drawn from (`null`
//! for house numbers, postcodes and the other names of roads and towns,
//! which are kept for search) — for GIS work, and to load the very same features into
//! another tile server.

use crate::exit::Failure;
use crate::geojson_out::geometry;
use clap::Args;
use learnscape_core::{BasemapKind, Bbox, Store};
use learnscape_tiles::basemap_minzoom;
use learnscape_tiles::minzoom::NOT_DRAWN;
use serde_json::json;
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(after_help = "Example:
  learnscape basemap --bbox 9.47,47.04,9.64,47.28 --output basemap.geojsonl")]
pub struct BasemapArgs {
    /// Only features meeting this box: west,south,east,north in degrees.
    #[arg(long, value_parser = Bbox::parse, allow_hyphen_values = true, value_name = "W,S,E,N")]
    bbox: Option<Bbox>,

    /// Write here instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub async fn run(store: &dyn Store, args: BasemapArgs) -> Result<(), Failure> {
    let features = store.basemap_features(args.bbox).await?;
    let mut out = Vec::new();
    for f in &features {
        let residential = match f.kind {
            BasemapKind::Building { residential } => Some(residential),
            _ => None,
        };
        let line = json!({
            "type": "Feature",
            "geometry": geometry(&f.geometry),
            "properties": {
                "kind": f.kind.as_str(),
                "class": f.class,
                "name": f.name,
                "population": f.population,
                "residential": residential,
                "minzoom": Some(basemap_minzoom(f)).filter(|&z| z != NOT_DRAWN),
            },
        });
        serde_json::to_writer(&mut out, &line).map_err(|e| Failure::Output(e.to_string()))?;
        out.push(b'\n');
    }
    eprintln!(
        "{} basemap features; © OpenStreetMap contributors (ODbL 1.0)",
        features.len()
    );
    super::write_output(args.output.as_deref(), &out)
}
