//! Import benchmark: time and peak memory of learnscape's import (parse +
//! write into a fresh embedded store) next to `osmium cat -f opl -o
//! /dev/null` of the same file, in the same run. Prints a table; asserts
//! nothing (speed is measured, not asserted).
//!
//! Run with `cargo bench -p learnscape-tests --bench import`. Every
//! measurement is a separate process run under `/usr/bin/time` (Debian
//! package `time`) for its peak resident set; the median of RUNS is shown.

use learnscape_importers::{NoProgress, Progress};
use learnscape_server::app::import::{ProgressFactory, import};
use learnscape_store_embedded::EmbeddedStore;
use learnscape_tests::app::osm_spec;
use learnscape_tests::data;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

const RUNS: usize = 5;
const CHILD: &str = "LEARNSCAPE_BENCH_IMPORT";

/// In the child: import one file into a fresh store, print seconds parsing
/// and in total.
fn child(file: &Path) {
    let dir = tempfile::tempdir().expect("temp dir");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let started = Instant::now();
        let store = EmbeddedStore::open(&dir.path().join("bench.db"))
            .await
            .expect("store");
        let spec = osm_spec(file, "osm");
        let progress: ProgressFactory =
            Arc::new(|| Box::new(NoProgress) as Box<dyn Progress + Send>);
        let outcome = import(&store, vec![spec], progress, |_| {})
            .await
            .expect("import");
        store.close().await;
        let parse_s = outcome.reports[0].elapsed_ms as f64 / 1000.0;
        println!("{parse_s} {}", started.elapsed().as_secs_f64());
    });
}

#[derive(Debug, Clone, Copy)]
struct Run {
    seconds: f64,
    parse_seconds: Option<f64>,
    peak_mb: Option<f64>,
}

fn has_gnu_time() -> bool {
    Path::new("/usr/bin/time").exists()
}

/// Runs `program args…` once, under /usr/bin/time when available.
fn measure(program: &Path, args: &[&str], env: Option<(&str, &str)>) -> Run {
    let mut command = if has_gnu_time() {
        let mut c = Command::new("/usr/bin/time");
        c.args(["-f", "TIME %e %M"]).arg(program);
        c
    } else {
        Command::new(program)
    };
    command.args(args);
    if let Some((k, v)) = env {
        command.env(k, v);
    }
    let started = Instant::now();
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", program.display()));
    let wall = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{} failed: {stderr}",
        program.display()
    );
    let peak_mb = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("TIME "))
        .filter_map(|l| l.split(' ').nth(1)?.parse::<f64>().ok())
        .next_back()
        .map(|kb| kb / 1024.0);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut numbers = stdout
        .split_whitespace()
        .filter_map(|n| n.parse::<f64>().ok());
    let parse_seconds = numbers.next();
    Run {
        seconds: wall,
        parse_seconds,
        peak_mb,
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

struct Row {
    what: String,
    seconds: f64,
    parse_seconds: Option<f64>,
    peak_mb: Option<f64>,
}

fn repeat(what: String, f: impl Fn() -> Run) -> Row {
    let runs: Vec<Run> = (0..RUNS).map(|_| f()).collect();
    Row {
        what,
        seconds: median(runs.iter().map(|r| r.seconds).collect()),
        parse_seconds: runs
            .iter()
            .map(|r| r.parse_seconds)
            .collect::<Option<Vec<_>>>()
            .map(median),
        peak_mb: runs
            .iter()
            .map(|r| r.peak_mb)
            .collect::<Option<Vec<_>>>()
            .map(|v| v.into_iter().fold(0.0, f64::max)),
    }
}

fn main() {
    if let Ok(file) = std::env::var(CHILD) {
        child(Path::new(&file));
        return;
    }
    let me = std::env::current_exe().expect("own path");
    let osmium = PathBuf::from("osmium");
    let which = Command::new("osmium").arg("--version").output();
    assert!(
        which.is_ok_and(|o| o.status.success()),
        "osmium is needed as the baseline: apt-get install osmium-tool"
    );
    if !has_gnu_time() {
        eprintln!("/usr/bin/time not found (apt-get install time): peak memory not shown");
    }
    let files = [
        ("Liechtenstein 2.9 MB", data::liechtenstein_pbf()),
        ("merged 14.5 MB", data::merged_pbf()),
    ];
    println!(
        "{:<22} {:<34} {:>9} {:>9} {:>10} {:>9}",
        "file", "what", "median s", "parse s", "peak MB", "× osmium"
    );
    for (label, file) in files {
        let path = file.to_string_lossy().to_string();
        let baseline = repeat("osmium cat -f opl -o /dev/null".into(), || {
            measure(
                &osmium,
                &["cat", "-f", "opl", "-o", "/dev/null", "--overwrite", &path],
                None,
            )
        });
        let ours = repeat("learnscape import (parse + write)".into(), || {
            measure(&me, &[], Some((CHILD, &path)))
        });
        for row in [&baseline, &ours] {
            println!(
                "{:<22} {:<34} {:>9.3} {:>9} {:>10} {:>9.2}",
                label,
                row.what,
                row.seconds,
                row.parse_seconds.map_or("-".into(), |s| format!("{s:.3}")),
                row.peak_mb.map_or("n/a".into(), |m| format!("{m:.0}")),
                row.seconds / baseline.seconds
            );
        }
    }
    println!(
        "({RUNS} runs each; {} cores)",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
}
