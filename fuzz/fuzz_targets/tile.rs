//! Any geometry a source may hold, encoded into a tile near it: the
//! encoder projects, simplifies, clips, quantises and winds it, and the
//! tile must keep every rule of MVT 2.1, as checked by the independent
//! decoder of the black-box tests (`tests/src/mvt_check.rs`).
#![no_main]

#[path = "../../tests/src/mvt_check.rs"]
mod mvt_check;

use geo_types::{Coord, Geometry, LineString, MultiLineString, MultiPolygon, Point, Polygon};
use learnscape_core::LonLat;
use learnscape_tiles::coord::world_xy;
use learnscape_tiles::generalise::generalise;
use learnscape_tiles::{
    BUFFER, Space, TileCoord, TileFeature, TileLayer, Value, encode_tile, to_world,
};
use libfuzzer_sys::fuzz_target;

/// Reads the fuzzer's bytes as numbers, zero once they run out.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        let Some((&b, rest)) = self.0.split_first() else {
            return 0;
        };
        self.0 = rest;
        b
    }

    fn i16(&mut self) -> i16 {
        i16::from_le_bytes([self.byte(), self.byte()])
    }
}

fuzz_target!(|data: &[u8]| {
    let mut bytes = Bytes(data);
    let z = bytes.byte() % 21;
    // The tile around an anchor anywhere a web map shows (±85.05°).
    let anchor = LonLat::new(
        f64::from(bytes.i16()) / f64::from(i16::MAX) * 179.9,
        f64::from(bytes.i16()) / f64::from(i16::MAX) * 85.0,
    );
    let (wx, wy) = world_xy(anchor);
    let n = f64::from(1u32 << z);
    let Ok(coord) = TileCoord::new(
        u32::from(z),
        ((wx * n) as u32).min((1u32 << z) - 1),
        ((wy * n) as u32).min((1u32 << z) - 1),
    ) else {
        return;
    };
    // Vertices at steps of a few tile units around the anchor, so that
    // rings cross the tile's edge, fold, repeat points and collapse.
    let step = 360.0 / (n * 4096.0) * f64::from(1 + bytes.byte() % 64);
    let coords = |count: u8, bytes: &mut Bytes| -> Vec<Coord<f64>> {
        (0..count)
            .map(|_| Coord {
                x: (anchor.lon + f64::from(bytes.i16()) * step).clamp(-180.0, 180.0),
                y: (anchor.lat + f64::from(bytes.i16()) * step).clamp(-85.0, 85.0),
            })
            .collect()
    };
    let mut features = Vec::new();
    while !bytes.0.is_empty() && features.len() < 16 {
        let kind = bytes.byte();
        let count = bytes.byte() % 48;
        let line = LineString::new(coords(count, &mut bytes));
        let mut ring = line.clone();
        ring.close();
        let geometry = match kind % 5 {
            0 => match line.0.first() {
                Some(c) => Geometry::Point(Point(*c)),
                None => continue,
            },
            1 => Geometry::LineString(line),
            2 => Geometry::MultiLineString(MultiLineString::new(vec![line, ring])),
            3 => {
                let hole = LineString::new(coords(bytes.byte() % 16, &mut bytes));
                Geometry::Polygon(Polygon::new(ring, vec![hole]))
            }
            _ => {
                let other = LineString::new(coords(bytes.byte() % 16, &mut bytes));
                Geometry::MultiPolygon(MultiPolygon::new(vec![
                    Polygon::new(ring, vec![]),
                    Polygon::new(other, vec![]),
                ]))
            }
        };
        features.push(TileFeature {
            id: Some(features.len() as u64),
            geometry,
            properties: vec![("kind".into(), Value::Int(i64::from(kind)))],
        });
    }
    // As the server draws a layer: generalised for the zoom, in degrees
    // or projected once at load.
    let generalised: Vec<TileFeature> = features
        .iter()
        .map(|f| TileFeature {
            geometry: generalise(&f.geometry, z).unwrap_or_else(|| f.geometry.clone()),
            ..f.clone()
        })
        .collect();
    let projected: Vec<TileFeature> = generalised
        .iter()
        .map(|f| TileFeature {
            geometry: to_world(&f.geometry),
            ..f.clone()
        })
        .collect();
    for (features, space) in [
        (features, Space::LonLat),
        (generalised, Space::LonLat),
        (projected, Space::World),
    ] {
        let layer = TileLayer {
            name: "fuzz".into(),
            features,
            space,
        };
        let tile = encode_tile(coord, &[layer]).expect("a tile of valid coordinates encodes");
        if let Err(broken) = mvt_check::check_tile(&tile, i64::from(BUFFER)) {
            panic!("z{z} {coord:?} {space:?}: {broken}");
        }
    }
});
