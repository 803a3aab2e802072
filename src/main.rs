//! The `liseuse` command: parses the command line and runs it (see
//! [`liseuse::launch`]), reporting an error in one line.

use std::process::ExitCode;

use liseuse::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse_args(std::env::args_os());
    match liseuse::launch::run(&cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("liseuse: {error:#}");
            ExitCode::FAILURE
        }
    }
}
