use std::process::ExitCode;

fn main() -> ExitCode {
    learnscape_server::cli::main()
}
