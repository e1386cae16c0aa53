//! A row of a GeoJSON or CSV file, read and validated, before it becomes a
//! neighbourhood, population unit or place.

use crate::ImportError;
use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Where it is in the file, for messages: `feature 3`, `line 12`.
    pub location: String,
    /// The feature `id`, or a CSV `id` column.
    pub id: Option<String>,
    pub properties: Map<String, Value>,
    pub geometry: Option<geo_types::Geometry<f64>>,
}

/// The records of one file, with the file's name for messages.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordFile {
    pub file: String,
    pub records: Vec<Record>,
}

impl RecordFile {
    pub fn error(&self, record: &Record, detail: String) -> ImportError {
        ImportError::Malformed {
            file: self.file.clone(),
            location: Some(record.location.clone()),
            detail,
        }
    }
}

impl Record {
    /// A property as text: strings as they are, numbers printed.
    pub fn text(&self, key: &str) -> Option<String> {
        match self.properties.get(key)? {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// A property as a number. `Ok(None)` when absent, null or empty;
    /// `Err` with a message when present but not a number.
    pub fn number(&self, key: &str) -> Result<Option<f64>, String> {
        let value = match self.properties.get(key) {
            None | Some(Value::Null) => return Ok(None),
            Some(v) => v,
        };
        let parsed = match value {
            Value::Number(n) => n.as_f64(),
            Value::String(s) if s.trim().is_empty() => return Ok(None),
            Value::String(s) => s.trim().parse::<f64>().ok(),
            _ => None,
        };
        match parsed {
            Some(n) if n.is_finite() => Ok(Some(n)),
            _ => Err(format!("property {key:?} is {value}, not a number")),
        }
    }

    /// Names of the properties, for "did you mean" messages.
    pub fn property_names(&self) -> String {
        let mut names: Vec<&str> = self.properties.keys().map(String::as_str).collect();
        names.sort_unstable();
        if names.is_empty() {
            "none".into()
        } else {
            names.join(", ")
        }
    }
}
