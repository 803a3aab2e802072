//! The `liseuse` command: parse the command line, load the text, then open
//! the reader, or print the laid-out text when stdout is not a terminal.

use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::os::fd::AsFd;
use std::os::unix::fs::FileTypeExt;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;
use liseuse::app::App;
use liseuse::column::DEFAULT_MEASURE;
use liseuse::document::Document;
use liseuse::plain::write_plain;
use liseuse::tui::{self, Exit};

/// A full-screen terminal reader for articles and books.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// Text to read; `-` reads standard input. Without it: standard input
    /// when it is a pipe or a file, else the bundled article.
    file: Option<PathBuf>,

    /// Measure: the width of the text column (0: the whole window).
    #[arg(short, long, value_name = "COLUMNS", default_value_t = DEFAULT_MEASURE)]
    width: u16,

    /// Print the laid-out text and exit (the default when standard output
    /// is not a terminal).
    #[arg(short, long)]
    plain: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("liseuse: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> Result<ExitCode> {
    let document = load(cli)?;
    let interactive = !cli.plain && io::stdout().is_terminal();
    if !interactive {
        return print_plain(&document, cli.width);
    }
    let mut app = App::new(document, cli.width, 80, 24);
    match tui::run(&mut app)? {
        Exit::Quit => Ok(ExitCode::SUCCESS),
        Exit::Signal(signal) => Ok(ExitCode::from(128u8.saturating_add(signal as u8))),
        Exit::HangUp => Ok(ExitCode::from(128 + 1)),
    }
}

fn load(cli: &Cli) -> Result<Document> {
    let document = match &cli.file {
        Some(path) if path.as_os_str() == "-" => Document::from_reader("stdin", io::stdin())?,
        Some(path) => Document::open(path)?,
        None if stdin_is_piped() => Document::from_reader("stdin", io::stdin())?,
        None => Document::bundled(),
    };
    Ok(document)
}

/// Whether standard input is a pipe or a redirected file (not a terminal,
/// not `/dev/null`, not closed).
fn stdin_is_piped() -> bool {
    let Ok(fd) = io::stdin().as_fd().try_clone_to_owned() else {
        return false;
    };
    File::from(fd)
        .metadata()
        .map(|m| m.file_type().is_fifo() || m.file_type().is_file())
        .unwrap_or(false)
}

fn print_plain(document: &Document, measure: u16) -> Result<ExitCode> {
    // Only a terminal has a width (asking crossterm otherwise runs `tput`).
    let window = io::stdout()
        .is_terminal()
        .then(ratatui::crossterm::terminal::size)
        .and_then(Result::ok)
        .map(|(width, _)| width);
    let width = match (measure, window) {
        (0, Some(window)) => window,
        (0, None) => DEFAULT_MEASURE,
        (measure, Some(window)) => measure.min(window),
        (measure, None) => measure,
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    match write_plain(document, width.into(), &mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(error) => Err(error.into()),
    }
}
