//! What the `liseuse` command does with its command line: the reader in
//! the terminal, or the laid-out text printed when standard output is not
//! one, or the saved highlights exported ([`run`]). The binary only parses
//! its arguments and reports the error this returns.

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::app::App;
use crate::cli::Cli;
use crate::document::sanitize::sanitize_label;
use crate::language::Language;
use crate::layout::Typesetting;
use crate::load::{open, reads_stream, state_path};
use crate::session::Session;
use crate::settings::{Mistakes, Settings, load_config};
use crate::state::{FileMark, Identity, Store};
use crate::tui::{self, Exit};
use crate::ui::theme::{self, Theme};

mod printed;

use printed::{export, print_plain};

/// The settings for this run (configuration file, remembered measure,
/// command line), the configuration file's mistakes, and the warnings
/// about what else could not be used.
fn gather(
    cli: &Cli,
    store: Option<&Store>,
    interactive: bool,
) -> (Settings, Mistakes, Vec<String>) {
    let (config, mistakes) = load_config(cli);
    let mut warnings = Vec::new();
    // The remembered measure is the reader's; plain output reads no state.
    let remembered = store.filter(|_| interactive).and_then(|store| {
        let (preferences, warning) = store.load_preferences();
        warnings.extend(warning);
        preferences.measure
    });
    let (settings, more) = Settings::resolve(cli, &config, remembered);
    warnings.extend(more);
    (settings, mistakes, warnings)
}

/// Runs the command `cli` describes; the exit code, or the error to
/// report in one line.
pub fn run(cli: &Cli) -> Result<ExitCode> {
    crate::load::limit_heaps();
    if cli.print_config {
        let (settings, mistakes, warnings) = gather(cli, None, false);
        for warning in mistakes.lines().into_iter().chain(warnings) {
            eprintln!("liseuse: {}", sanitize_label(&warning));
        }
        let file = crate::settings::config_path(cli);
        print!("{}", settings.effective().to_toml(file.as_deref()));
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(file) = &cli.export_highlights {
        return export(cli, file);
    }
    let interactive = !cli.plain && io::stdout().is_terminal();
    let store = Store::locate(cli.state_dir.as_deref());
    let (settings, mistakes, warnings) = gather(cli, store.as_ref(), interactive);
    // The terminal is asked its colours before the document is read, and
    // answers meanwhile (not before a stream, which is waited for with a
    // notice on the terminal).
    let colorfgbg = std::env::var("COLORFGBG").ok();
    let no_color = theme::no_color();
    let asks = Theme::asks_terminal(settings.theme, no_color, colorfgbg.as_deref());
    let mut opening = match interactive && !reads_stream(cli) {
        true => Some(tui::open(asks, settings.mouse)?),
        false => None,
    };
    // What the state remembers of the file, read once: whether it was
    // read before (then it is read whole), and, unchanged, its document's
    // id and language (not found again).
    let path = state_path(cli.file.as_deref());
    let memory = store
        .as_ref()
        .zip(path.as_deref())
        .filter(|_| interactive)
        .map(|(store, path)| store.remembered(path))
        .unwrap_or_default();
    let (document, rest) = open(cli, interactive, memory.seen())?;
    if path.is_some() {
        // The file is mapped: another program may cut it short under us.
        tui::bus::catch_shrinking(&format!("'{}'", document.name()));
    }
    if document.looks_binary() && !cli.binary {
        if !interactive {
            bail!(
                "'{}' looks binary; --binary shows it anyway",
                document.name()
            );
        }
        // The question reads the terminal itself.
        drop(opening.take());
        if !tui::confirm(&format!(
            "\"{}\" looks binary. Show anyway? y/n",
            document.name()
        ))? {
            return Ok(ExitCode::FAILURE);
        }
    }
    let recalled = memory.clone().unchanged();
    let remembered = recalled
        .as_ref()
        .and_then(|recalled| recalled.language.as_deref())
        .and_then(Language::from_code);
    // The language is detected only when neither --lang nor the
    // configuration names it, nor the file's state remembers it.
    let detected = match settings.language {
        Some(_) => None,
        None => remembered.or_else(|| Language::detect_document(&document)),
    };
    let setting = Typesetting {
        language: settings.language.or(detected),
        hyphenate: settings.hyphenate,
        indent: settings.indent,
    };
    let read_from = path.as_ref().map(|path| FileMark {
        path: path.clone(),
        identity: Identity::of(path),
        language: detected.or(remembered).map(|l| l.code().to_owned()),
    });
    if !interactive {
        for warning in mistakes.lines().iter().chain(&warnings) {
            eprintln!("liseuse: {}", sanitize_label(warning));
        }
        return print_plain(&document, cli, &settings, setting);
    }
    let opening = match opening {
        Some(opening) => opening,
        None => tui::open(asks, settings.mouse)?,
    };
    let (width, height) = tui::window_size().unwrap_or((80, 24));
    let mut app = App::with_typesetting(document, setting, settings.default_width, width, height);
    if settings.width != settings.default_width {
        app.set_measure(settings.width);
    }
    app.set_justify(settings.justify);
    app.set_wpm(settings.wpm);
    if let Some(rest) = rest {
        app.set_rest(rest);
    }
    let mut session = Session::start(cli, &mut app, store, read_from, memory);
    if let Some(pattern) = &cli.search {
        app.search_for(pattern);
    }
    if !mistakes.is_empty() || !warnings.is_empty() {
        // After what the state said (back where you left off…), not over it;
        // the configuration's mistakes summed up (see `Mistakes::summary`).
        let said = app.message().map(str::to_owned);
        let all: Vec<String> = said
            .into_iter()
            .chain(mistakes.summary())
            .chain(warnings)
            .collect();
        app.set_message(all.join("; "));
    }
    app.prepare_view();
    let (screen, background) = opening.finish()?;
    let shell = tui::Shell {
        keymap: settings.keymap.clone(),
        theme: Theme::choose(settings.theme, no_color, colorfgbg.as_deref(), || {
            background
        }),
    };
    let result = tui::run(&mut app, screen, &shell, &mut session);
    // The status line has room for a few words of the configuration's
    // mistakes, and only until a key is pressed: each is listed once the
    // terminal is the shell's again.
    for mistake in mistakes.lines() {
        eprintln!("liseuse: {}", sanitize_label(&mistake));
    }
    // Whatever ended the reader (q, a signal, a lost terminal, an error),
    // what changed is saved.
    if let Err(error) = session.finish(&mut app) {
        eprintln!(
            "liseuse: cannot save: {}",
            sanitize_label(&error.to_string())
        );
    }
    match result? {
        Exit::Quit => Ok(ExitCode::SUCCESS),
        Exit::Signal(signal) => Ok(ExitCode::from(128u8.saturating_add(signal as u8))),
        Exit::HangUp => Ok(ExitCode::from(128 + 1)),
    }
}
