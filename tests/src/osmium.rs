//! osmium-tool (Debian `osmium-tool`) as the outside reference. Tests that
//! need it fail with instructions when it is missing; they never skip.

use crate::opl::{OplObject, parse};
use std::path::Path;
use std::process::Command;

fn run(args: &[&str]) -> String {
    let output = Command::new("osmium")
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run osmium ({e}); install it: apt-get install osmium-tool")
        });
    assert!(
        output.status.success(),
        "osmium {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap_or_else(|e| panic!("osmium wrote non-UTF-8: {e}"))
}

/// `osmium tags-filter FILE EXPRESSIONS… -f opl`: the objects matching
/// the expressions, with the nodes they reference when `with_nodes`.
fn filter(file: &Path, expressions: &[&str], with_nodes: bool) -> Vec<OplObject> {
    let file = file.to_string_lossy();
    let mut args = vec!["tags-filter", "-f", "opl,add_metadata=false", "-o", "-"];
    if !with_nodes {
        args.push("--omit-referenced");
    }
    args.push(&file);
    args.extend_from_slice(expressions);
    parse(&run(&args))
}

/// The objects matching `expressions`, without the nodes they reference.
pub fn tags_filter(file: &Path, expressions: &[&str]) -> Vec<OplObject> {
    filter(file, expressions, false)
}

/// The objects matching `expressions` and the nodes they reference.
pub fn tags_filter_with_nodes(file: &Path, expressions: &[&str]) -> Vec<OplObject> {
    filter(file, expressions, true)
}

/// `osmium fileinfo -g header.option.osmosis_replication_timestamp`: how
/// current the file says it is, as written there; None when it does not say.
pub fn replication_timestamp(file: &Path) -> Option<String> {
    let out = run(&[
        "fileinfo",
        "-g",
        "header.option.osmosis_replication_timestamp",
        &file.to_string_lossy(),
    ]);
    Some(out.trim().to_string()).filter(|t| !t.is_empty())
}
