//! Basemap features packed into blobs of up to CHUNK features. The
//! embedded store always reads the basemap whole (tiles are cut in memory),
//! and one blob per chunk writes ten times faster than a row per feature.
//!
//! Per feature, little-endian: kind (u8 length + UTF-8), residential (u8),
//! class (u16 length + UTF-8), name (u32 length + UTF-8, u32::MAX = none),
//! population (f64, NaN = none), geometry (u32 length + WKB).

use crate::codec::{from_wkb, to_wkb};
use learnscape_core::{BasemapFeature, BasemapKind, StoreError};

/// Features per blob: keeps every blob far below SQLite's 1 GB limit.
pub const CHUNK: usize = 20_000;

fn too_long(what: &str) -> StoreError {
    StoreError::Backend(format!("basemap {what} too long to store"))
}

pub fn encode(features: &[BasemapFeature]) -> Result<Vec<u8>, StoreError> {
    let mut out = Vec::with_capacity(features.len() * 160);
    for f in features {
        let kind = f.kind.as_str().as_bytes();
        out.push(u8::try_from(kind.len()).map_err(|_| too_long("kind"))?);
        out.extend_from_slice(kind);
        out.push(u8::from(matches!(
            f.kind,
            BasemapKind::Building { residential: true }
        )));
        let class = f.class.as_bytes();
        out.extend_from_slice(
            &u16::try_from(class.len())
                .map_err(|_| too_long("class"))?
                .to_le_bytes(),
        );
        out.extend_from_slice(class);
        match &f.name {
            Some(name) => {
                let len = u32::try_from(name.len())
                    .ok()
                    .filter(|&l| l != u32::MAX)
                    .ok_or_else(|| too_long("name"))?;
                out.extend_from_slice(&len.to_le_bytes());
                out.extend_from_slice(name.as_bytes());
            }
            None => out.extend_from_slice(&u32::MAX.to_le_bytes()),
        }
        out.extend_from_slice(&f.population.unwrap_or(f64::NAN).to_le_bytes());
        let wkb = to_wkb(&f.geometry)?;
        out.extend_from_slice(
            &u32::try_from(wkb.len())
                .map_err(|_| too_long("geometry"))?
                .to_le_bytes(),
        );
        out.extend_from_slice(&wkb);
    }
    Ok(out)
}

/// Reads values off a byte slice, failing with `Corrupt` at the end.
struct Cursor<'a> {
    bytes: &'a [u8],
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], StoreError> {
        if self.bytes.len() < n {
            return Err(StoreError::Corrupt("basemap blob ends mid-feature".into()));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], StoreError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    fn text(&mut self, n: usize) -> Result<String, StoreError> {
        String::from_utf8(self.take(n)?.to_vec())
            .map_err(|_| StoreError::Corrupt("basemap text is not UTF-8".into()))
    }
}

pub fn decode(bytes: &[u8], out: &mut Vec<BasemapFeature>) -> Result<(), StoreError> {
    let mut c = Cursor { bytes };
    while !c.bytes.is_empty() {
        let kind_len = usize::from(c.array::<1>()?[0]);
        let kind = c.text(kind_len)?;
        let residential = c.array::<1>()?[0] == 1;
        let kind = BasemapKind::from_parts(&kind, residential)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown basemap kind {kind:?}")))?;
        let class_len = usize::from(u16::from_le_bytes(c.array()?));
        let class = c.text(class_len)?;
        let name = match u32::from_le_bytes(c.array()?) {
            u32::MAX => None,
            len => Some(c.text(len as usize)?),
        };
        let population = Some(f64::from_le_bytes(c.array()?)).filter(|p| !p.is_nan());
        let wkb_len = u32::from_le_bytes(c.array()?) as usize;
        let geometry = from_wkb(c.take(wkb_len)?)?;
        out.push(BasemapFeature {
            kind,
            class,
            name,
            population,
            geometry,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo_types::{Geometry, line_string, point};

    #[test]
    fn features_round_trip_and_damage_is_reported() {
        let features = vec![
            BasemapFeature {
                kind: BasemapKind::Building { residential: true },
                class: "house".into(),
                name: None,
                population: None,
                geometry: Geometry::Point(point!(x: 9.5, y: 47.1)),
            },
            BasemapFeature {
                kind: BasemapKind::PlaceLabel,
                class: "town".into(),
                name: Some("Vaduz — Städtle".into()),
                population: Some(5229.0),
                geometry: Geometry::LineString(line_string![(x: 9.5, y: 47.1), (x: 9.6, y: 47.2)]),
            },
        ];
        let bytes = encode(&features).expect("encode");
        let mut back = Vec::new();
        decode(&bytes, &mut back).expect("decode");
        assert_eq!(back, features);
        let mut partial = Vec::new();
        assert!(matches!(
            decode(&bytes[..bytes.len() - 3], &mut partial),
            Err(StoreError::Corrupt(_))
        ));
    }
}
