//! Why a command failed, and the exit code scripts can rely on.

use learnscape_core::StoreError;
use learnscape_importers::ImportError;
use std::process::ExitCode;

/// Exit codes (also listed in `learnscape --help`).
pub mod code {
    /// Bad input: a file that cannot be read or is malformed.
    pub const INPUT: u8 = 1;
    /// Bad usage: unknown flags, values that do not parse (clap's own code).
    pub const USAGE: u8 = 2;
    /// The store cannot be opened, read or written.
    pub const STORE: u8 = 3;
    /// The server cannot start (e.g. the address is taken).
    pub const SERVE: u8 = 4;
}

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Output(String),
    #[error("{0}")]
    Serve(String),
}

impl Failure {
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(match self {
            Failure::Import(_) | Failure::Output(_) => code::INPUT,
            Failure::Usage(_) => code::USAGE,
            Failure::Store(_) => code::STORE,
            Failure::Serve(_) => code::SERVE,
        })
    }
}
