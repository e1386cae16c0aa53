// The importers and the tile encoder allocate many small, short-lived
// vectors; mimalloc spent a tenth less time on them than glibc (measured
// on the merged import, docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

fn main() -> ExitCode {
    learnscape_server::cli::main()
}
