//! The runs that print instead of opening the reader: the laid-out text
//! (or its lines that match `--search`) and the export of highlights.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::cli::Cli;
use crate::column::DEFAULT_MEASURE;
use crate::document::Document;
use crate::document::sanitize::sanitize_label;
use crate::layout::Typesetting;
use crate::load::{load, state_path};
use crate::plain::{Format, write_matching, write_plain};
use crate::settings::Settings;
use crate::state::Store;
use crate::state::keeper::export_highlights;

/// Prints the saved highlights of `file`, as Markdown or JSON
/// (`--export-format`).
pub(super) fn export(cli: &Cli, file: &std::path::Path) -> Result<ExitCode> {
    let document = load(cli, Some(file))?;
    let Some(store) = Store::locate(cli.state_dir.as_deref()) else {
        bail!("no state directory: set --state-dir or LISEUSE_STATE_DIR");
    };
    let path = state_path(Some(file));
    let (text, warnings) = export_highlights(&store, &document, path.as_deref(), cli.export_format);
    for warning in warnings {
        eprintln!("liseuse: {}", sanitize_label(&warning));
    }
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => Err(error.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// Prints `document` laid out as `settings` and `setting` say (at the
/// window's width at most), or only its lines matching `--search`.
pub(super) fn print_plain(
    document: &Document,
    cli: &Cli,
    settings: &Settings,
    setting: Typesetting,
) -> Result<ExitCode> {
    let (measure, search) = (settings.width, cli.search.as_deref());
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
    let format = Format {
        width: width.into(),
        setting,
        justify: settings.justify,
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = match search {
        Some(pattern) => {
            let mark = window.is_some();
            write_matching(document, &format, pattern, mark, &mut out).map(|found| {
                if found == 0 {
                    eprintln!("liseuse: no match for '{}'", sanitize_label(pattern));
                    ExitCode::FAILURE
                } else {
                    ExitCode::SUCCESS
                }
            })
        }
        None => write_plain(document, &format, &mut out).map(|()| ExitCode::SUCCESS),
    };
    match written.and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => Ok(code),
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(error) => Err(error.into()),
    }
}
