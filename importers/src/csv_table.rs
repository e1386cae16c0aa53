//! CSV tables with a position per row: longitude/latitude columns or a WKT
//! geometry column. A bad row fails the file and names its line.

use crate::ImportError;
use crate::records::{Record, RecordFile};
use geo_types::{Coord, Geometry, Point};
use serde_json::{Map, Value};
use std::path::Path;

const LON_NAMES: &[&str] = &["lon", "lng", "long", "longitude", "x"];
const LAT_NAMES: &[&str] = &["lat", "latitude", "y"];
const WKT_NAMES: &[&str] = &["wkt", "geometry", "geom", "the_geom"];

/// Which columns hold the position; `None` fields are detected by name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CsvColumns {
    pub lon: Option<String>,
    pub lat: Option<String>,
    pub wkt: Option<String>,
    pub id: Option<String>,
}

enum Position {
    LonLat(usize, usize),
    Wkt(usize),
}

pub fn read_csv(path: &Path, columns: &CsvColumns) -> Result<RecordFile, ImportError> {
    let file = path.display().to_string();
    let fail = |location: Option<String>, detail: String| ImportError::Malformed {
        file: file.clone(),
        location,
        detail,
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| ImportError::Io {
            file: file.clone(),
            detail: e.to_string(),
        })?;
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| {
            fail(
                Some("line 1".into()),
                format!("cannot read the header row: {e}"),
            )
        })?
        .iter()
        .map(str::to_string)
        .collect();
    let find = |wanted: &Option<String>,
                defaults: &[&str],
                what: &str|
     -> Result<Option<usize>, ImportError> {
        match wanted {
            Some(name) => headers
                .iter()
                .position(|h| h == name)
                .map(Some)
                .ok_or_else(|| {
                    fail(
                        Some("line 1".into()),
                        format!(
                            "no {what} column {name:?}; the columns are {}",
                            headers.join(", ")
                        ),
                    )
                }),
            None => Ok(headers
                .iter()
                .position(|h| defaults.contains(&h.to_lowercase().as_str()))),
        }
    };
    let position = match (
        find(&columns.lon, LON_NAMES, "longitude")?,
        find(&columns.lat, LAT_NAMES, "latitude")?,
    ) {
        (Some(lon), Some(lat)) if columns.wkt.is_none() => Position::LonLat(lon, lat),
        _ => match find(&columns.wkt, WKT_NAMES, "WKT")? {
            Some(wkt) => Position::Wkt(wkt),
            None => {
                return Err(fail(
                    Some("line 1".into()),
                    format!(
                        "no position columns: name them lon/lat (or longitude/latitude) or wkt; the columns are {}",
                        headers.join(", ")
                    ),
                ));
            }
        },
    };
    let id_column = find(&columns.id, &["id"], "id")?;
    let mut records = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| {
            let line = e
                .position()
                .map_or("a row".to_string(), |p| format!("line {}", p.line()));
            fail(Some(line), format!("not a valid CSV row: {e}"))
        })?;
        let line = row.position().map_or(0, csv::Position::line);
        let location = format!("line {line}");
        let cell = |i: usize| row.get(i).unwrap_or_default();
        let geometry = match position {
            Position::LonLat(lon, lat) => {
                let number = |i: usize| -> Result<f64, ImportError> {
                    cell(i)
                        .parse::<f64>()
                        .ok()
                        .filter(|v| v.is_finite())
                        .ok_or_else(|| {
                            fail(
                                Some(location.clone()),
                                format!("column {:?} is {:?}, not a number", headers[i], cell(i)),
                            )
                        })
                };
                let (x, y) = (number(lon)?, number(lat)?);
                if !(-180.0..=180.0).contains(&x) || !(-90.0..=90.0).contains(&y) {
                    return Err(fail(
                        Some(location),
                        format!("position {x}, {y} is outside longitude ±180 / latitude ±90"),
                    ));
                }
                Geometry::Point(Point(Coord { x, y }))
            }
            Position::Wkt(i) => parse_wkt(cell(i)).map_err(|d| {
                fail(
                    Some(location.clone()),
                    format!("column {:?}: {d}", headers[i]),
                )
            })?,
        };
        let properties: Map<String, Value> = headers
            .iter()
            .zip(row.iter())
            .map(|(h, v)| (h.clone(), Value::String(v.to_string())))
            .collect();
        records.push(Record {
            location,
            id: id_column
                .map(|i| cell(i).to_string())
                .filter(|s| !s.is_empty()),
            properties,
            geometry: Some(geometry),
        });
    }
    Ok(RecordFile { file, records })
}

fn parse_wkt(text: &str) -> Result<Geometry<f64>, String> {
    use std::str::FromStr;
    let parsed =
        wkt::Wkt::<f64>::from_str(text).map_err(|e| format!("{text:?} is not valid WKT: {e}"))?;
    Geometry::try_from(parsed).map_err(|e| format!("{text:?} cannot be used: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write(text: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().expect("temp file");
        f.write_all(text.as_bytes()).expect("write");
        f
    }

    #[test]
    fn rows_with_lon_lat_or_wkt_are_read() {
        let f = write("id,lon,lat,name\n1,9.52,47.14,Landesbibliothek\n");
        let t = read_csv(f.path(), &CsvColumns::default()).expect("reads");
        assert_eq!(t.records.len(), 1);
        assert_eq!(t.records[0].id.as_deref(), Some("1"));
        let f = write("name;wkt\n");
        assert!(
            read_csv(f.path(), &CsvColumns::default()).is_err(),
            "semicolon header is one column"
        );
        let f = write("name,wkt\nA,\"POLYGON((0 0,1 0,1 1,0 0))\"\n");
        let t = read_csv(f.path(), &CsvColumns::default()).expect("reads");
        assert!(matches!(t.records[0].geometry, Some(Geometry::Polygon(_))));
    }

    #[test]
    fn a_bad_row_names_its_line_and_column() {
        let f = write("id,lon,lat\n1,9.5,47.1\n2,9.6,47.2\n3,abc,47.3\n");
        let err = read_csv(f.path(), &CsvColumns::default()).expect_err("bad row");
        let text = err.to_string();
        assert!(text.contains("line 4"), "{text}");
        assert!(text.contains("\"lon\""), "{text}");
        let f = write("id,lon,lat\n1,9.5\n");
        let err = read_csv(f.path(), &CsvColumns::default()).expect_err("short row");
        assert!(err.to_string().contains("line 2"), "{err}");
    }
}
