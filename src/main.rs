//! The `liseuse` command: parse the command line, load the text, then open
//! the reader, or print the laid-out text when stdout is not a terminal.

use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::os::fd::AsFd;
use std::os::unix::fs::FileTypeExt;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Result, bail};
use liseuse::app::App;
use liseuse::cli::Cli;
use liseuse::column::DEFAULT_MEASURE;
use liseuse::document::format::epub::Enough;
use liseuse::document::rest::Rest;
use liseuse::document::sanitize::sanitize_label;
use liseuse::document::{Document, Options};
use liseuse::language::Language;
use liseuse::layout::Typesetting;
use liseuse::plain::{Format, write_matching, write_plain};
use liseuse::settings::{Mistakes, Settings, load_config};
use liseuse::state::keeper::{Keeper, export_markdown};
use liseuse::state::{FileMark, Identity, Store};
use liseuse::tui::{self, Exit};
use liseuse::ui::theme::{self, Theme};

fn main() -> ExitCode {
    let cli = Cli::parse_args(std::env::args_os());
    match run(&cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("liseuse: {error:#}");
            ExitCode::FAILURE
        }
    }
}

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

fn run(cli: &Cli) -> Result<ExitCode> {
    if cli.print_config {
        let (settings, mistakes, warnings) = gather(cli, None, false);
        for warning in mistakes.lines().into_iter().chain(warnings) {
            eprintln!("liseuse: {}", sanitize_label(&warning));
        }
        let file = liseuse::settings::config_path(cli);
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
        true => Some(tui::open(asks)?),
        false => None,
    };
    let (document, rest) = open(cli, interactive, store.as_ref())?;
    if state_path(cli.file.as_deref()).is_some() {
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
    // A file opened again unchanged is known by its identity: its
    // document's id and its language are remembered, not found again.
    let path = state_path(cli.file.as_deref());
    let recalled = store
        .as_ref()
        .zip(path.as_deref())
        .filter(|_| interactive)
        .and_then(|(store, path)| store.recall(path));
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
        None => tui::open(asks)?,
    };
    let (width, height) = tui::window_size().unwrap_or((80, 24));
    let mut app = App::with_typesetting(document, setting, settings.default_width, width, height);
    if settings.width != settings.default_width {
        app.set_measure(settings.width);
    }
    app.set_justify(settings.justify);
    app.set_wpm(settings.wpm);
    let preferences = store.clone();
    // A book shown from its beginning has its state once it is whole (the
    // state is the whole text's, and it has none yet: see `open`).
    let mut waiting = None;
    let mut keeper = None;
    match rest {
        Some(rest) => {
            app.set_rest(rest);
            waiting = store;
        }
        None => {
            let known = recalled.map(|recalled| recalled.doc);
            keeper = store.map(|store| {
                Keeper::open_file(store, &mut app, read_from.clone(), known, cli.from_start)
            });
        }
    }
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
    let mut watched = cli
        .follow
        .then(|| state_path(cli.file.as_deref()))
        .flatten()
        .map(Watched::new);
    let result = tui::run(&mut app, screen, &shell, &mut |app| {
        let mut changed = false;
        if !app.is_reading_rest()
            && let Some(store) = waiting.take()
        {
            give_back_freed_memory();
            if !app.is_partial() {
                keeper = Some(Keeper::open_file(
                    store,
                    app,
                    read_from.clone(),
                    None,
                    cli.from_start,
                ));
                changed = true;
            }
        }
        let asked = app.take_reload_request();
        let changed_on_disk = watched.as_mut().is_some_and(Watched::changed);
        let reloaded = (asked || changed_on_disk) && reload(cli, app, &mut keeper, asked);
        changed |= keeper.as_mut().is_some_and(|keeper| keeper.sync(app)) || reloaded;
        if keeper.is_none() && app.take_export_request() {
            // Without a place to keep state there is nowhere to export to.
            app.set_message(
                "cannot export: no state directory (--state-dir or LISEUSE_STATE_DIR)".to_owned(),
            );
            changed = true;
        }
        if let Some(measure) = app.take_measure_change()
            && let Some(store) = &preferences
        {
            changed |= remember_measure(store, measure, app);
        }
        changed
    });
    // The status line has room for a few words of the configuration's
    // mistakes, and only until a key is pressed: each is listed once the
    // terminal is the shell's again.
    for mistake in mistakes.lines() {
        eprintln!("liseuse: {}", sanitize_label(&mistake));
    }
    // Whatever ended the reader (q, a signal, a lost terminal, an error),
    // what changed is saved.
    if let Some(Err(error)) = keeper.as_mut().map(|keeper| keeper.finish(&mut app)) {
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

/// A file watched for changes (`--follow`): its size and modification
/// time, looked at no more often than [`Watched::EVERY`].
struct Watched {
    path: PathBuf,
    seen: Option<(u64, std::time::SystemTime)>,
    looked: std::time::Instant,
}

impl Watched {
    /// How often the file is looked at.
    const EVERY: std::time::Duration = std::time::Duration::from_millis(250);

    fn new(path: PathBuf) -> Watched {
        let seen = Watched::look(&path);
        Watched {
            path,
            seen,
            looked: std::time::Instant::now(),
        }
    }

    fn look(path: &std::path::Path) -> Option<(u64, std::time::SystemTime)> {
        let metadata = std::fs::metadata(path).ok()?;
        Some((metadata.len(), metadata.modified().ok()?))
    }

    /// Whether the file changed since it was last looked at.
    fn changed(&mut self) -> bool {
        if self.looked.elapsed() < Watched::EVERY {
            return false;
        }
        self.looked = std::time::Instant::now();
        let now = Watched::look(&self.path);
        let changed = now.is_some() && now != self.seen;
        self.seen = now;
        changed
    }
}

/// Reads the file again into `app`, its state following (saved, then
/// opened for the new text), saying so when `asked`; whether the app
/// changed.
fn reload(cli: &Cli, app: &mut App, keeper: &mut Option<Keeper>, asked: bool) -> bool {
    let Some(path) = state_path(cli.file.as_deref()) else {
        app.set_message("only a file can be read again".to_owned());
        return true;
    };
    let document = match load(cli, Some(&path)) {
        Ok(document) => document,
        Err(error) => {
            app.set_message(format!("cannot read it again: {error:#}"));
            return true;
        }
    };
    if let Some(Err(error)) = keeper.as_mut().map(|keeper| keeper.finish(app)) {
        app.set_message(format!("cannot save: {error}"));
        return true;
    }
    app.replace_document(document);
    if let Some(store) = keeper.take().map(Keeper::into_store) {
        *keeper = Some(Keeper::open(store, app, Some(&path), true));
    }
    if asked {
        app.set_message("read again".to_owned());
    }
    true
}

/// Saves `measure` as the user's preferred one; says on the status line
/// (returning true) when it cannot.
fn remember_measure(store: &Store, measure: u16, app: &mut App) -> bool {
    let (mut preferences, warning) = store.load_preferences();
    preferences.measure = Some(measure);
    match store.save_preferences(&preferences) {
        Ok(()) => match warning {
            Some(warning) => {
                app.set_message(warning);
                true
            }
            None => false,
        },
        Err(error) => {
            app.set_message(format!("cannot save the preferences: {error}"));
            true
        }
    }
}

/// The file whose path is remembered with its state: a named regular
/// file (not standard input, a pipe or a device).
fn state_path(file: Option<&std::path::Path>) -> Option<PathBuf> {
    file.filter(|path| path.as_os_str() != "-" && !is_stream(path))
        .map(std::path::Path::to_path_buf)
}

/// Prints the saved highlights of `file` as Markdown.
fn export(cli: &Cli, file: &std::path::Path) -> Result<ExitCode> {
    let document = load(cli, Some(file))?;
    let Some(store) = Store::locate(cli.state_dir.as_deref()) else {
        bail!("no state directory: set --state-dir or LISEUSE_STATE_DIR");
    };
    let path = state_path(Some(file));
    let (markdown, warnings) = export_markdown(&store, &document, path.as_deref());
    for warning in warnings {
        eprintln!("liseuse: {}", sanitize_label(&warning));
    }
    let mut out = io::stdout().lock();
    match out
        .write_all(markdown.as_bytes())
        .and_then(|()| out.flush())
    {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => Err(error.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// The document to show, and the rest of it still to read when only its
/// beginning was: a book read for the first time in the reader opens on
/// its first screen, read in a few milliseconds, while its other chapters
/// are read. Not a book read before (its saved place and highlights are
/// the whole text's, found at once), nor one searched from the command
/// line or followed.
fn open(cli: &Cli, interactive: bool, store: Option<&Store>) -> Result<(Document, Option<Rest>)> {
    let quick = interactive && cli.search.is_none() && !cli.follow;
    let path = state_path(cli.file.as_deref())
        .filter(|path| quick && !store.is_some_and(|store| store.knows(path)));
    let Some(path) = path else {
        return Ok((load(cli, cli.file.as_deref())?, None));
    };
    // A screen's cells and rows; a generous screen when it cannot be told.
    let (width, height) = ratatui::crossterm::terminal::size().unwrap_or((200, 60));
    let enough = Enough {
        blocks: height.into(),
        bytes: usize::from(width) * usize::from(height),
    };
    let opened = Document::open_beginning(&path, options(cli), enough)?;
    if opened.0.is_structured() {
        give_back_freed_memory();
    }
    Ok(opened)
}

/// How the command line asks the document to be read.
fn options(cli: &Cli) -> Options {
    Options {
        encoding: cli.encoding,
        show_escapes: cli.show_escapes,
        format: cli.format,
        full_page: cli.full_page,
    }
}

fn load(cli: &Cli, file: Option<&std::path::Path>) -> Result<Document> {
    let options = options(cli);
    let document = match file {
        Some(path) if path.as_os_str() == "-" => {
            let _notice = SlowNotice::start("standard input");
            Document::from_reader("stdin", io::stdin(), options)?
        }
        Some(path) => {
            let name = format!("'{}'", path.display());
            let _notice = is_stream(path).then(|| SlowNotice::start(&name));
            Document::open(path, options)?
        }
        None if stdin_is_piped() => {
            let _notice = SlowNotice::start("standard input");
            Document::from_reader("stdin", io::stdin(), options)?
        }
        None => Document::bundled_with(options),
    };
    if document.is_structured() {
        give_back_freed_memory();
    }
    Ok(document)
}

/// Returns to the system the memory freed after parsing a structured
/// document (a book's parsed chapters are dropped once laid out; glibc
/// would otherwise keep them for the rest of the session).
fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory at the top of the
    // heaps and of each arena; it may be called at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Whether the document is read from a stream (standard input, a pipe, a
/// device): read until it ends.
fn reads_stream(cli: &Cli) -> bool {
    match cli.file.as_deref() {
        Some(path) => path.as_os_str() == "-" || is_stream(path),
        None => stdin_is_piped(),
    }
}

/// Whether `path` is a pipe or a device: opening a pipe waits for a
/// writer, and reading either waits for its end.
fn is_stream(path: &std::path::Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.file_type().is_fifo() || m.file_type().is_char_device())
}

/// Says, on a terminal, what is being waited for when reading a stream
/// takes longer than a moment; dropping it (the reading is over) keeps it
/// quiet.
struct SlowNotice {
    done: Arc<AtomicBool>,
}

impl SlowNotice {
    /// How long reading may take before the notice is given.
    const DELAY: Duration = Duration::from_millis(300);

    /// After [`SlowNotice::DELAY`], says that `what` is being read.
    fn start(what: &str) -> SlowNotice {
        let done = Arc::<AtomicBool>::default();
        if io::stderr().is_terminal() {
            let what = sanitize_label(what);
            let done = Arc::clone(&done);
            std::thread::spawn(move || {
                std::thread::sleep(SlowNotice::DELAY);
                if !done.load(Ordering::Relaxed) {
                    eprintln!("liseuse: reading {what} until it ends (Ctrl-c stops)");
                }
            });
        }
        SlowNotice { done }
    }
}

impl Drop for SlowNotice {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
    }
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

fn print_plain(
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
