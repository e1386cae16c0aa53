//! The rules of the Mapbox Vector Tile specification 2.1, checked on a
//! tile decoded by an independent decoder (geozero's prost types).

use geozero::mvt::tile::GeomType;
use geozero::mvt::{Message, Tile};
use std::collections::HashSet;

/// What a tile held, for the caller's own assertions.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct TileStats {
    pub layers: Vec<String>,
    pub features: usize,
}

fn zigzag(v: u32) -> i64 {
    i64::from((v >> 1) as i32 ^ -((v & 1) as i32))
}

/// Decodes `bytes` and checks every rule; the error names the broken one.
pub fn check_tile(bytes: &[u8], buffer: i64) -> Result<TileStats, String> {
    let tile = Tile::decode(bytes).map_err(|e| format!("does not decode: {e}"))?;
    let mut stats = TileStats::default();
    let mut names = HashSet::new();
    for layer in &tile.layers {
        if layer.version != 2 {
            return Err(format!("layer {}: version {}", layer.name, layer.version));
        }
        if !names.insert(layer.name.clone()) {
            return Err(format!("layer name {} twice", layer.name));
        }
        let extent = i64::from(layer.extent.unwrap_or(4096));
        for (fi, f) in layer.features.iter().enumerate() {
            let at = |what: String| format!("layer {} feature {fi}: {what}", layer.name);
            if f.tags.len() % 2 != 0 {
                return Err(at("odd number of tag indices".into()));
            }
            for pair in f.tags.chunks(2) {
                if pair[0] as usize >= layer.keys.len() || pair[1] as usize >= layer.values.len() {
                    return Err(at(format!("tag index out of range: {pair:?}")));
                }
            }
            let tp = f
                .r#type
                .and_then(|t| GeomType::try_from(t).ok())
                .unwrap_or(GeomType::Unknown);
            check_geometry(&f.geometry, tp, extent, buffer).map_err(|e| {
                at(format!(
                    "{e} in {:?}",
                    &f.geometry[..f.geometry.len().min(40)]
                ))
            })?;
            stats.features += 1;
        }
        stats.layers.push(layer.name.clone());
    }
    Ok(stats)
}

fn check_geometry(g: &[u32], tp: GeomType, extent: i64, buffer: i64) -> Result<(), String> {
    let (mut i, mut x, mut y) = (0usize, 0i64, 0i64);
    let mut rings: Vec<Vec<(i64, i64)>> = Vec::new();
    let mut current: Vec<(i64, i64)> = Vec::new();
    let mut closed_since_move = true;
    let inside = |x: i64, y: i64| {
        (-buffer..=extent + buffer).contains(&x) && (-buffer..=extent + buffer).contains(&y)
    };
    if g.is_empty() {
        return Err("empty geometry".into());
    }
    while i < g.len() {
        let (id, count) = (g[i] & 7, (g[i] >> 3) as usize);
        i += 1;
        match id {
            1 => {
                if count == 0 || (tp != GeomType::Point && count != 1) {
                    return Err(format!("MoveTo with count {count}"));
                }
                if tp == GeomType::Polygon && !closed_since_move {
                    return Err("ring without ClosePath".into());
                }
                if tp == GeomType::Linestring && !current.is_empty() && current.len() < 2 {
                    return Err("line part with one point".into());
                }
                if !current.is_empty() {
                    rings.push(std::mem::take(&mut current));
                }
                closed_since_move = false;
            }
            2 => {
                if count == 0 || tp == GeomType::Point || current.is_empty() {
                    return Err(format!("LineTo with count {count} out of place"));
                }
            }
            7 => {
                if count != 1 || tp != GeomType::Polygon || closed_since_move || current.len() < 3 {
                    return Err(format!(
                        "ClosePath out of place (count {count}, ring of {} points, at int {i})",
                        current.len()
                    ));
                }
                closed_since_move = true;
                continue;
            }
            other => return Err(format!("unknown command {other}")),
        }
        if i + 2 * count > g.len() {
            return Err("parameters run past the end".into());
        }
        for _ in 0..count {
            let (dx, dy) = (zigzag(g[i]), zigzag(g[i + 1]));
            i += 2;
            if id == 2 && dx == 0 && dy == 0 {
                return Err("zero-length LineTo".into());
            }
            x += dx;
            y += dy;
            if !inside(x, y) {
                return Err(format!("coordinate ({x}, {y}) beyond the buffer"));
            }
            current.push((x, y));
        }
    }
    if !current.is_empty() {
        rings.push(current);
    }
    match tp {
        GeomType::Polygon => {
            if !closed_since_move {
                return Err("last ring without ClosePath".into());
            }
            let area = |r: &Vec<(i64, i64)>| -> i64 {
                (0..r.len())
                    .map(|k| {
                        let (a, b) = (r[k], r[(k + 1) % r.len()]);
                        a.0 * b.1 - b.0 * a.1
                    })
                    .sum()
            };
            match rings.first() {
                Some(first) if area(first) > 0 => {}
                _ => return Err("the first ring is not an exterior (positive area) ring".into()),
            }
            if rings.iter().any(|r| area(r) == 0) {
                return Err("a ring with zero area".into());
            }
        }
        GeomType::Linestring => {
            if rings.iter().any(|r| r.len() < 2) {
                return Err("line part with one point".into());
            }
        }
        GeomType::Point => {}
        GeomType::Unknown => return Err("unknown geometry type".into()),
    }
    Ok(())
}
