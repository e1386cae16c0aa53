//! A reader for osmium's OPL text format, enough to count and measure what
//! osmium finds: ids, tags, node positions, way node lists, relation members.

use std::collections::HashMap;

#[derive(Debug, Clone, Default)]
pub struct OplObject {
    /// 'n', 'w' or 'r'.
    pub kind: char,
    pub id: i64,
    pub tags: HashMap<String, String>,
    pub lon: Option<f64>,
    pub lat: Option<f64>,
    /// Way node ids.
    pub nodes: Vec<i64>,
    /// Relation members as (kind, id, role).
    pub members: Vec<(char, i64, String)>,
}

impl OplObject {
    pub fn tag(&self, key: &str) -> Option<&str> {
        self.tags.get(key).map(String::as_str)
    }
}

/// OPL escapes special characters as `%hex%` (a Unicode code point).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('%') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('%') {
            Some(end) => {
                let code = u32::from_str_radix(&after[..end], 16).ok();
                out.push(code.and_then(char::from_u32).unwrap_or('\u{fffd}'));
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn parse_list(text: &str) -> impl Iterator<Item = &str> {
    text.split(',').filter(|s| !s.is_empty())
}

pub fn parse_line(line: &str) -> Option<OplObject> {
    let mut tokens = line.split(' ');
    let head = tokens.next()?;
    let kind = head.chars().next()?;
    let id = head.get(1..)?.parse().ok()?;
    let mut object = OplObject {
        kind,
        id,
        ..OplObject::default()
    };
    for token in tokens {
        let Some(field) = token.chars().next() else {
            continue;
        };
        let value = &token[field.len_utf8()..];
        match field {
            'T' => {
                for pair in parse_list(value) {
                    let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                    object.tags.insert(unescape(k), unescape(v));
                }
            }
            'x' => object.lon = value.parse().ok(),
            'y' => object.lat = value.parse().ok(),
            'N' => {
                object.nodes = parse_list(value)
                    .filter_map(|n| n.get(1..)?.parse().ok())
                    .collect();
            }
            'M' => {
                object.members = parse_list(value)
                    .filter_map(|m| {
                        let (what, role) = m.split_once('@').unwrap_or((m, ""));
                        let kind = what.chars().next()?;
                        Some((kind, what.get(1..)?.parse().ok()?, unescape(role)))
                    })
                    .collect();
            }
            _ => {}
        }
    }
    Some(object)
}

pub fn parse(text: &str) -> Vec<OplObject> {
    text.lines().filter_map(parse_line).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tags_positions_and_members() {
        let n = parse_line("n5 v1 Tamenity=library,name=Caf%e9%%20%Bib x9.5 y47.1").expect("node");
        assert_eq!(n.kind, 'n');
        assert_eq!(n.tag("name"), Some("Café Bib"));
        assert_eq!((n.lon, n.lat), (Some(9.5), Some(47.1)));
        let w = parse_line("w7 Thighway=path Nn1,n2,n3").expect("way");
        assert_eq!(w.nodes, vec![1, 2, 3]);
        let r = parse_line("r9 Ttype=multipolygon Mw1@outer,w2@inner").expect("relation");
        assert_eq!(r.members[1], ('w', 2, "inner".to_string()));
    }
}
