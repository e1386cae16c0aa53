//! The `learnscape` command line.

mod analyse;
mod basemap;
mod export_tiles;
mod import;
mod info;
mod password;
mod places;
mod progress_bars;
mod role;
mod serve;
mod walk_args;

use crate::backend::Backend;
use crate::exit::{Failure, code};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  bad input: a file is missing, unreadable or malformed (nothing was imported)
  2  bad usage: unknown option or a value that does not parse
  3  the store cannot be opened, read or written
  4  the server cannot start (e.g. the address is taken)";

/// Where people can learn and share in a city — and where they can't.
#[derive(Debug, Parser)]
#[command(name = "learnscape", version, after_help = EXIT_CODES)]
pub struct Cli {
    /// The embedded store file (made by import and serve if missing).
    #[arg(
        long,
        global = true,
        env = "LEARNSCAPE_STORE",
        default_value = "learnscape.db",
        value_name = "PATH"
    )]
    store: PathBuf,

    /// Use PostGIS at this URL instead of the embedded store
    /// (postgres://user:password@host:port/database).
    #[arg(
        long,
        global = true,
        env = "DATABASE_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    database_url: Option<String>,

    /// With PostGIS: the most connections this process holds, half for
    /// tiles, the rest for everything else (one listens for other
    /// processes' changes). Several processes on one database must stay
    /// within its max_connections together.
    #[arg(
        long,
        global = true,
        env = "LEARNSCAPE_DATABASE_CONNECTIONS",
        value_name = "N",
        default_value_t = learnscape_store_postgis::DEFAULT_CONNECTIONS,
        value_parser = clap::value_parser!(u32).range(i64::from(learnscape_store_postgis::MIN_CONNECTIONS)..)
    )]
    database_connections: u32,

    /// With PostGIS: the schema learnscape's tables live in (made by import
    /// and serve if missing), so that they sit apart from the database's
    /// own tables (or another region's).
    #[arg(
        long,
        global = true,
        env = "LEARNSCAPE_DATABASE_SCHEMA",
        value_name = "NAME",
        default_value = learnscape_store_postgis::DEFAULT_SCHEMA,
        value_parser = schema_name
    )]
    database_schema: String,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Import a dataset description (.toml) or single files into the store.
    Import(import::ImportArgs),
    #[command(flatten)]
    OnStore(StoreCommand),
}

/// The commands that work on an opened store (an import opens its own
/// while its files parse).
#[derive(Debug, Subcommand)]
enum StoreCommand {
    /// Show what the store holds.
    Info(info::InfoArgs),
    /// List places as GeoJSON or CSV.
    Places(places::PlacesArgs),
    /// Write the basemap features (from the OSM extract) as GeoJSON lines.
    Basemap(basemap::BasemapArgs),
    /// Write the gap report (neighbourhoods ranked by people not covered).
    Analyse(analyse::AnalyseArgs),
    /// Write vector tiles to a PMTiles archive for static hosting.
    ExportTiles(export_tiles::ExportTilesArgs),
    /// Serve the API (and, with --dataset, import it first if it changed).
    Serve(serve::ServeArgs),
    /// Grant a commons registry role (the first admin or moderator).
    Role(role::RoleArgs),
    /// Set a new password for an account whose owner forgot it (ends its sessions and tokens).
    Password(password::PasswordArgs),
}

impl Command {
    /// Whether the command makes the store where there is none: an import
    /// fills it, a server takes the commons' writes. The others only read,
    /// and refuse a missing store untouched (a mistyped `--store` should
    /// say so, not leave an empty store behind).
    fn makes_store(&self) -> bool {
        matches!(
            self,
            Command::Import(_) | Command::OnStore(StoreCommand::Serve(_))
        )
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(code::SERVE);
        }
    };
    let result = runtime.block_on(run(cli));
    // Without waiting for blocking tasks: an import that failed to open
    // its store leaves its parse running, which has nothing left to do.
    runtime.shutdown_background();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("error: {failure}");
            failure.exit_code()
        }
    }
}

/// Writes a command's output to `path`, or stdout. A closed pipe (`| head`)
/// is not an error: the reader has what it wanted.
fn write_output(path: Option<&std::path::Path>, bytes: &[u8]) -> Result<(), Failure> {
    use std::io::Write;
    match path {
        Some(path) => std::fs::write(path, bytes)
            .map_err(|e| Failure::Output(format!("{}: {e}", path.display()))),
        None => match std::io::stdout().lock().write_all(bytes) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(Failure::Output(format!("stdout: {e}")))
            }
            _ => Ok(()),
        },
    }
}

fn schema_name(name: &str) -> Result<String, String> {
    learnscape_store_postgis::check_schema_name(name).map(|()| name.to_string())
}

async fn run(cli: Cli) -> Result<(), Failure> {
    let options = learnscape_store_postgis::StoreOptions {
        connections: cli.database_connections,
        schema: cli.database_schema,
        create_if_missing: cli.command.makes_store(),
    };
    let open = Backend::open(&cli.store, cli.database_url.as_deref(), &options);
    let command = match cli.command {
        // An import opens the store while its files parse, and closes it.
        Command::Import(args) => return import::run(open, args).await,
        Command::OnStore(command) => command,
    };
    // A mistyped or broken dataset is refused before a store is made for it.
    let dataset = match &command {
        StoreCommand::Serve(args) => serve::dataset(args)?,
        _ => None,
    };
    let backend = open.await?;
    let store = backend.store();
    let result = match command {
        StoreCommand::Info(args) => info::run(store.as_ref(), args).await,
        StoreCommand::Places(args) => places::run(store.as_ref(), args).await,
        StoreCommand::Basemap(args) => basemap::run(store.as_ref(), args).await,
        StoreCommand::Analyse(args) => analyse::run(store.as_ref(), args).await,
        StoreCommand::ExportTiles(args) => export_tiles::run(store, args).await,
        StoreCommand::Serve(args) => serve::run(&backend, args, dataset).await,
        StoreCommand::Role(args) => role::run(store.as_ref(), args).await,
        StoreCommand::Password(args) => password::run(store.as_ref(), args).await,
    };
    backend.close().await;
    result
}
