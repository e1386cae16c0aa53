//! The import use case: parse and validate every file first (nothing is
//! written if any file is bad), then replace all their sources in one
//! store transaction.

use crate::exit::Failure;
use learnscape_core::{DataSource, SourceId, Store};
use learnscape_importers::run::{reader_of, sha256_file};
use learnscape_importers::{
    CategoryRules, ImportReport, ImportSpec, Imported, Progress, run_import,
};
use std::sync::Arc;

/// Builds the progress display for one file; called on the parsing thread.
pub type ProgressFactory = Arc<dyn Fn() -> Box<dyn Progress + Send> + Send + Sync>;

#[derive(Debug, Default)]
pub struct ImportOutcome {
    pub reports: Vec<ImportReport>,
}

/// Specs the store does not hold as they would be imported now: the file
/// differs (by SHA-256), or it was read by another edition of the importer
/// or with other options (a name field, a category), or credited otherwise.
/// An import is all or nothing, so a store upgraded from an earlier
/// learnscape is brought up to date by the next `serve --dataset`.
pub async fn changed_specs(
    store: &dyn Store,
    specs: Vec<ImportSpec>,
) -> Result<(Vec<ImportSpec>, Vec<SourceId>), Failure> {
    let held = store.sources().await?;
    let mut changed = Vec::new();
    let mut unchanged = Vec::new();
    for spec in specs {
        let path = spec.path.clone();
        let sha = tokio::task::spawn_blocking(move || sha256_file(&path))
            .await
            .map_err(|e| Failure::Usage(format!("checksum task failed: {e}")))??;
        let reader = reader_of(&spec);
        let same = held.iter().any(|s| {
            s.id == spec.source
                && s.sha256 == sha
                && s.reader == reader
                && s.attribution == spec.attribution
        });
        if same {
            unchanged.push(spec.source);
        } else {
            changed.push(spec);
        }
    }
    Ok((changed, unchanged))
}

/// Imports `specs` into `store`, all or nothing. `before_write` is told
/// which sources are about to be written once every file has parsed.
pub async fn import(
    store: &dyn Store,
    specs: Vec<ImportSpec>,
    progress: ProgressFactory,
    before_write: impl FnOnce(&[DataSource]),
) -> Result<ImportOutcome, Failure> {
    let parsed = parse(specs, progress).await?;
    write(store, parsed, before_write).await
}

/// Every file of `specs` parsed and validated, on the blocking pool; the
/// import stops at the first bad file. Spawned at once, so it runs while
/// the caller does other things (opening the store) until awaited.
pub fn parse(
    specs: Vec<ImportSpec>,
    progress: ProgressFactory,
) -> impl Future<Output = Result<Vec<Imported>, Failure>> {
    let parsing = tokio::task::spawn_blocking(move || {
        let rules = CategoryRules::default();
        specs
            .iter()
            .map(|spec| run_import(spec, &rules, progress().as_ref()))
            .collect::<Result<Vec<_>, _>>()
    });
    async move {
        parsing
            .await
            .map_err(|e| Failure::Usage(format!("import task failed: {e}")))?
            .map_err(Failure::from)
    }
}

/// Replaces the sources of `parsed` in `store`, in one transaction.
/// `before_write` is told which sources are about to be written.
pub async fn write(
    store: &dyn Store,
    parsed: Vec<Imported>,
    before_write: impl FnOnce(&[DataSource]),
) -> Result<ImportOutcome, Failure> {
    let sources: Vec<DataSource> = parsed.iter().map(|i| i.source.clone()).collect();
    let mut reports = Vec::with_capacity(parsed.len());
    let mut batch = Vec::with_capacity(parsed.len());
    for imported in parsed {
        reports.push(imported.report);
        batch.push((imported.source, imported.data));
    }
    if !batch.is_empty() {
        before_write(&sources);
        store.replace_sources(batch).await?;
    }
    Ok(ImportOutcome { reports })
}
