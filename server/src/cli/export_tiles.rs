//! `learnscape export-tiles`: a PMTiles archive for static hosting.

use super::walk_args::WalkArgs;
use crate::app::AppState;
use crate::app::tiles::LayerName;
use crate::exit::Failure;
use clap::{Args, ValueEnum};
use learnscape_core::Store;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// PMTiles v3: one file, served with HTTP range requests.
    Pmtiles,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Example:
  learnscape export-tiles --format pmtiles --output city.pmtiles --layers places,basemap --max-zoom 14")]
pub struct ExportTilesArgs {
    #[arg(long, value_enum, default_value = "pmtiles")]
    format: ExportFormat,

    /// The archive to write.
    #[arg(long, short, value_name = "FILE")]
    output: PathBuf,

    /// Layers to include, each tile holding all of them (access_step_free,
    /// the walk times avoiding steps, on request).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "places,basemap,neighbourhoods,access,commons",
        value_name = "LAYER"
    )]
    layers: Vec<String>,

    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u8).range(0..=22))]
    min_zoom: u8,

    #[arg(long, default_value_t = 14, value_parser = clap::value_parser!(u8).range(0..=22))]
    max_zoom: u8,

    // The pace of the access and neighbourhoods layers' walk times.
    #[command(flatten)]
    walk: WalkArgs,
}

pub async fn run(store: Arc<dyn Store>, args: ExportTilesArgs) -> Result<(), Failure> {
    let layers = args
        .layers
        .iter()
        .map(|l| {
            LayerName::parse(l).ok_or_else(|| {
                Failure::Usage(format!(
                    "no tile layer {l:?}; the layers are {}",
                    LayerName::names()
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    if args.min_zoom > args.max_zoom {
        return Err(Failure::Usage("--min-zoom is above --max-zoom".into()));
    }
    let ExportFormat::Pmtiles = args.format;
    let state = AppState::load_walking_at(store, args.walk.speed()).await?;
    let (zooms, output) = (args.min_zoom..=args.max_zoom, args.output.clone());
    let summary =
        tokio::task::spawn_blocking(move || state.tiles.export_pmtiles(&layers, zooms, &output))
            .await
            .map_err(|e| Failure::Output(format!("export failed: {e}")))?
            .map_err(|e| Failure::Output(e.to_string()))?;
    eprintln!(
        "wrote {} tiles ({:.1} MB before compression) to {}",
        summary.tiles,
        summary.bytes as f64 / 1e6,
        args.output.display()
    );
    Ok(())
}
