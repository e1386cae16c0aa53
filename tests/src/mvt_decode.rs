//! A strict MVT 2.1 decoder for the conformance suite: protobuf decoding
//! by geozero's prost types, plus the rules whose breach is fatal, with
//! the result rendered as the fixtures' `tile.json`.

use geozero::mvt::tile::{GeomType, Layer, Value as MvtValue};
use geozero::mvt::{Message, Tile};
use serde_json::{Map, Value, json};

/// Reads a varint at `*at`.
fn varint(bytes: &[u8], at: &mut usize) -> Result<u64, String> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at).ok_or("truncated varint")?;
        *at += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err("varint too long".into())
}

/// The fields present in a protobuf message: (number, wire type, bytes of
/// a length-delimited value).
/// A protobuf field: number, wire type, raw value.
type Field<'a> = (u64, u64, &'a [u8]);

fn fields(bytes: &[u8]) -> Result<Vec<Field<'_>>, String> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let key = varint(bytes, &mut at)?;
        let (number, wire) = (key >> 3, key & 7);
        let mut start = at;
        match wire {
            0 => {
                varint(bytes, &mut at)?;
            }
            1 => at += 8,
            2 => {
                let len = varint(bytes, &mut at)? as usize;
                start = at;
                at += len;
            }
            5 => at += 4,
            other => return Err(format!("wire type {other}")),
        }
        let value = bytes.get(start..at).ok_or("field runs past the end")?;
        out.push((number, wire, value));
    }
    Ok(out)
}

/// proto2 fills a missing `version` with its default; the spec requires it.
fn every_layer_has_a_version(bytes: &[u8]) -> Result<(), String> {
    let mut at = 0;
    while at < bytes.len() {
        let key = varint(bytes, &mut at)?;
        match key & 7 {
            2 => {
                let len = varint(bytes, &mut at)? as usize;
                let body = bytes.get(at..at + len).ok_or("layer runs past the end")?;
                at += len;
                if key >> 3 == 3 && !fields(body)?.iter().any(|(n, w, _)| *n == 15 && *w == 0) {
                    return Err("a layer without a version".into());
                }
            }
            0 => {
                varint(bytes, &mut at)?;
            }
            1 => at += 8,
            5 => at += 4,
            other => return Err(format!("wire type {other}")),
        }
    }
    Ok(())
}

fn value_json(v: &MvtValue) -> Result<Value, String> {
    let set: Vec<(&str, Value)> = [
        v.string_value.as_ref().map(|s| ("string_value", json!(s))),
        v.float_value.map(|f| ("float_value", json!(f64::from(f)))),
        v.double_value.map(|d| ("double_value", json!(d))),
        v.int_value.map(|i| ("int_value", json!(i))),
        v.uint_value.map(|u| ("uint_value", json!(u))),
        v.sint_value.map(|s| ("sint_value", json!(s))),
        v.bool_value.map(|b| ("bool_value", json!(b))),
    ]
    .into_iter()
    .flatten()
    .collect();
    match set.as_slice() {
        [(k, v)] => Ok(json!({ *k: v })),
        [] => Err("a value of no known type".into()),
        _ => Err("a value with several types".into()),
    }
}

fn zigzag(v: u32) -> i64 {
    i64::from((v >> 1) as i32 ^ -((v & 1) as i32))
}

/// The command stream's grammar for the geometry type (coordinates and
/// winding are not fatal and are not checked here).
fn geometry_ok(g: &[u32], tp: GeomType) -> Result<(), String> {
    if tp == GeomType::Unknown {
        return Ok(());
    }
    let (mut i, mut points_in_part, mut first) = (0usize, 0usize, true);
    while i < g.len() {
        let (id, count) = (g[i] & 7, (g[i] >> 3) as usize);
        i += 1;
        match (id, tp) {
            (1, _) => {
                if count == 0 || (tp != GeomType::Point && count != 1) {
                    return Err(format!("MoveTo count {count}"));
                }
                points_in_part = count;
            }
            (2, GeomType::Linestring | GeomType::Polygon) if !first => {
                if count == 0 {
                    return Err("LineTo count 0".into());
                }
                points_in_part += count;
            }
            (7, GeomType::Polygon) if !first => {
                if count != 1 || points_in_part < 3 {
                    return Err(format!(
                        "ClosePath count {count} after {points_in_part} points"
                    ));
                }
                continue;
            }
            _ => return Err(format!("command {id} out of place")),
        }
        first = false;
        let params = count.checked_mul(2).ok_or("count overflows")?;
        if g.len() - i < params {
            return Err(format!(
                "{count} points promised, {} integers left",
                g.len() - i
            ));
        }
        for k in 0..count {
            let _ = (zigzag(g[i + 2 * k]), zigzag(g[i + 2 * k + 1]));
        }
        i += params;
    }
    if first {
        return Err("no geometry".into());
    }
    Ok(())
}

fn layer_json(layer: &Layer) -> Result<Value, String> {
    if layer.version != 1 && layer.version != 2 {
        return Err(format!("layer version {}", layer.version));
    }
    if layer.name.is_empty() {
        return Err("a layer without a name".into());
    }
    let values = layer
        .values
        .iter()
        .map(value_json)
        .collect::<Result<Vec<_>, _>>()?;
    let mut features = Vec::new();
    for f in &layer.features {
        if f.tags.len() % 2 != 0 {
            return Err("an odd number of tag indices".into());
        }
        for pair in f.tags.chunks(2) {
            if pair[0] as usize >= layer.keys.len() || pair[1] as usize >= layer.values.len() {
                return Err(format!("tag {pair:?} points past the keys or values"));
            }
        }
        let mut m = Map::new();
        if let Some(id) = f.id {
            m.insert("id".into(), json!(id));
        }
        m.insert("tags".into(), json!(f.tags));
        // Like extent: the proto2 default (UNKNOWN) is always shown.
        m.insert("type".into(), json!(f.r#type.unwrap_or(0)));
        m.insert("geometry".into(), json!(f.geometry));
        features.push(Value::Object(m));
    }
    let mut m = Map::new();
    m.insert("version".into(), json!(layer.version));
    m.insert("name".into(), json!(layer.name));
    m.insert("features".into(), Value::Array(features));
    m.insert("keys".into(), json!(layer.keys));
    m.insert("values".into(), Value::Array(values));
    // proto2 default; the fixtures' tile.json files disagree on whether an
    // absent extent is shown, so it always is (see `normalise`).
    m.insert("extent".into(), json!(layer.extent.unwrap_or(4096)));
    Ok(Value::Object(m))
}

/// Reads every feature's command stream; decoding stays lazy about
/// geometry, as readers of the format are.
pub fn read_geometries(bytes: &[u8]) -> Result<(), String> {
    let tile = Tile::decode(bytes).map_err(|e| format!("protobuf: {e}"))?;
    for layer in &tile.layers {
        for f in &layer.features {
            let tp = f
                .r#type
                .and_then(|t| GeomType::try_from(t).ok())
                .unwrap_or(GeomType::Unknown);
            geometry_ok(&f.geometry, tp)?;
        }
    }
    Ok(())
}

/// Decodes a tile (structure, values, tags), or says which fatal rule it
/// breaks; geometry is read by [`read_geometries`].
pub fn decode(bytes: &[u8]) -> Result<Value, String> {
    every_layer_has_a_version(bytes)?;
    let tile = Tile::decode(bytes).map_err(|e| format!("protobuf: {e}"))?;
    if tile.layers.is_empty() {
        return Ok(json!({}));
    }
    let layers = tile
        .layers
        .iter()
        .map(layer_json)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(json!({ "layers": layers }))
}

/// JSON equality with floats compared to 1e-6 (f32 values widen).
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(p), Some(q)) if x.is_f64() || y.is_f64() => {
                (p - q).abs() <= 1e-6 * p.abs().max(1.0)
            }
            _ => x == y,
        },
        // Fixture 076's tile.json writes the string value "613" as the
        // number 613; the tile itself holds a string.
        (Value::String(x), Value::Number(y)) | (Value::Number(y), Value::String(x)) => {
            *x == y.to_string()
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_json(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// Fills the defaults a fixture's `tile.json` may leave out (extent 4096,
/// geometry type 0).
pub fn normalise(mut tile: Value) -> Value {
    if let Some(layers) = tile.get_mut("layers").and_then(Value::as_array_mut) {
        for layer in layers {
            if let Some(m) = layer.as_object_mut() {
                m.entry("extent").or_insert(json!(4096));
                if let Some(features) = m.get_mut("features").and_then(Value::as_array_mut) {
                    for f in features.iter_mut().filter_map(Value::as_object_mut) {
                        f.entry("type").or_insert(json!(0));
                    }
                }
            }
        }
    }
    tile
}

/// A feature's layer name and properties.
pub type Feature = (String, Map<String, Value>);

/// Every feature of a decoded tile as (layer name, properties), tags
/// resolved to their keys and plain values.
pub fn features(bytes: &[u8]) -> Result<Vec<Feature>, String> {
    Ok(features_with_geometry(bytes)?
        .into_iter()
        .map(|(f, _, _)| f)
        .collect())
}

/// A feature and its one point in tile units.
pub type PointFeature = (Feature, (i64, i64));

/// Every feature that is a single point, with its position in tile units
/// (0..4096 inside the tile; outside it, in the buffer).
pub fn single_points(bytes: &[u8]) -> Result<Vec<PointFeature>, String> {
    Ok(features_with_geometry(bytes)?
        .into_iter()
        .filter_map(|(f, tp, g)| match (tp, g.as_slice()) {
            (1, [9, x, y]) => Some((f, (zigzag(*x), zigzag(*y)))),
            _ => None,
        })
        .collect())
}

/// A feature with its geometry type (1 point, 2 line, 3 polygon) and
/// command stream.
pub type TypedFeature = (Feature, u64, Vec<u32>);

/// Every feature of a decoded tile, with its geometry.
pub fn features_with_geometry(bytes: &[u8]) -> Result<Vec<TypedFeature>, String> {
    let tile = decode(bytes)?;
    let mut out = Vec::new();
    for layer in tile["layers"].as_array().into_iter().flatten() {
        let name = layer["name"].as_str().unwrap_or_default().to_string();
        let keys = layer["keys"].as_array().cloned().unwrap_or_default();
        let values = layer["values"].as_array().cloned().unwrap_or_default();
        for f in layer["features"].as_array().into_iter().flatten() {
            let tags: Vec<usize> = f["tags"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|t| t.as_u64().map(|t| t as usize))
                .collect();
            let mut props = Map::new();
            for pair in tags.chunks(2) {
                let key = keys[pair[0]].as_str().unwrap_or_default().to_string();
                let value = values[pair[1]]
                    .as_object()
                    .and_then(|o| o.values().next().cloned())
                    .unwrap_or(Value::Null);
                props.insert(key, value);
            }
            let geometry = f["geometry"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|c| c.as_u64().map(|c| c as u32))
                .collect();
            let tp = f["type"].as_u64().unwrap_or_default();
            out.push(((name.clone(), props), tp, geometry));
        }
    }
    Ok(out)
}
