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
use clap::Parser;
use encoding_rs::Encoding;
use liseuse::app::App;
use liseuse::column::DEFAULT_MEASURE;
use liseuse::document::sanitize::sanitize_label;
use liseuse::document::{Document, Options};
use liseuse::language::Language;
use liseuse::layout::Typesetting;
use liseuse::plain::{Format, write_matching, write_plain};
use liseuse::state::Store;
use liseuse::state::keeper::{Keeper, export_markdown};
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

    /// Read the text in this encoding (a WHATWG label such as latin1,
    /// windows-1252, shift_jis, gbk, utf-16le) instead of the one detected.
    #[arg(short, long, value_name = "LABEL", value_parser = parse_encoding)]
    encoding: Option<&'static Encoding>,

    /// Show terminal escape sequences (colours, titles…) as visible
    /// symbols instead of removing them.
    #[arg(long)]
    show_escapes: bool,

    /// Show a file that looks binary without asking (plain output refuses
    /// such files otherwise).
    #[arg(long)]
    binary: bool,

    /// Open at the first match of PATTERN, matches highlighted (also
    /// written `+/PATTERN`, as in less); in plain output, print only the
    /// paragraphs that match.
    #[arg(short, long, value_name = "PATTERN")]
    search: Option<String>,

    /// The text's language, as an ISO 639-1 code (fr, en, de…), instead of
    /// the one detected; typography (hyphenation, French spacing) follows
    /// it.
    #[arg(short, long, value_name = "CODE", value_parser = parse_language)]
    lang: Option<Language>,

    /// Do not hyphenate words (Y toggles it in the reader).
    #[arg(long)]
    no_hyphenate: bool,

    /// Justify lines to both edges of the column (J toggles it).
    #[arg(short, long)]
    justify: bool,

    /// Mark paragraphs with a first-line indent instead of a blank line.
    #[arg(long)]
    indent: bool,

    /// Open at the top, not where the document was left.
    #[arg(long)]
    from_start: bool,

    /// Print the highlights of the document FILE (`-`: standard input) as
    /// Markdown and exit.
    #[arg(long, value_name = "FILE")]
    export_highlights: Option<PathBuf>,

    /// Keep reading positions and highlights in DIR (default: the XDG state
    /// directory, ~/.local/state/liseuse; also LISEUSE_STATE_DIR).
    #[arg(long, value_name = "DIR")]
    state_dir: Option<PathBuf>,
}

/// The language named by an ISO 639-1 code.
fn parse_language(code: &str) -> Result<Language, String> {
    Language::from_code(code).ok_or_else(|| {
        format!("unknown language '{code}' (an ISO 639-1 code such as fr, en, de, es, it)")
    })
}

/// The encoding named by a WHATWG label.
fn parse_encoding(label: &str) -> Result<&'static Encoding, String> {
    Encoding::for_label(label.trim().as_bytes())
        .ok_or_else(|| format!("unknown encoding '{label}' (try utf-8, latin1, shift_jis, gbk)"))
}

fn main() -> ExitCode {
    let cli = parse_command_line(std::env::args_os().collect());
    match run(&cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("liseuse: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Parses the command line, taking less's `+/PATTERN` for `--search
/// PATTERN`.
fn parse_command_line(mut args: Vec<std::ffi::OsString>) -> Cli {
    let mut pattern = None;
    args.retain(
        |arg| match arg.to_str().and_then(|a| a.strip_prefix("+/")) {
            Some(found) if pattern.is_none() => {
                pattern = Some(found.to_owned());
                false
            }
            _ => true,
        },
    );
    let mut cli = Cli::parse_from(args);
    if cli.search.is_none() {
        cli.search = pattern;
    }
    cli
}

fn run(cli: &Cli) -> Result<ExitCode> {
    if let Some(file) = &cli.export_highlights {
        return export(cli, file);
    }
    let document = load(cli, cli.file.as_deref())?;
    let interactive = !cli.plain && io::stdout().is_terminal();
    if document.looks_binary() && !cli.binary {
        if !interactive {
            bail!(
                "'{}' looks binary; --binary shows it anyway",
                document.name()
            );
        }
        if !tui::confirm(&format!(
            "\"{}\" looks binary. Show anyway? y/n",
            document.name()
        ))? {
            return Ok(ExitCode::FAILURE);
        }
    }
    if !interactive {
        let setting = Typesetting {
            language: cli.lang.or_else(|| Language::detect_document(&document)),
            hyphenate: !cli.no_hyphenate,
            indent: cli.indent,
        };
        return print_plain(&document, cli, setting);
    }
    // The app detects the language; --lang overrides it.
    let mut app = App::new(document, cli.width, 80, 24);
    let detected = app.typesetting().language;
    app.set_typesetting(Typesetting {
        language: cli.lang.or(detected),
        hyphenate: !cli.no_hyphenate,
        indent: cli.indent,
    });
    app.set_justify(cli.justify);
    let path = state_path(cli.file.as_deref());
    let mut keeper = Store::locate(cli.state_dir.as_deref())
        .map(|store| Keeper::open(store, &mut app, path.as_deref(), cli.from_start));
    if let Some(pattern) = &cli.search {
        app.search_for(pattern);
    }
    let result = tui::run(&mut app, &mut |app| {
        let reloaded = app.take_reload_request() && reload(cli, app, &mut keeper);
        keeper.as_mut().is_some_and(|keeper| keeper.sync(app)) || reloaded
    });
    // Whatever ended the reader (q, a signal, a lost terminal, an error),
    // what changed is saved.
    if let Some(Err(error)) = keeper.as_mut().map(|keeper| keeper.finish(&mut app)) {
        eprintln!("liseuse: cannot save: {error}");
    }
    match result? {
        Exit::Quit => Ok(ExitCode::SUCCESS),
        Exit::Signal(signal) => Ok(ExitCode::from(128u8.saturating_add(signal as u8))),
        Exit::HangUp => Ok(ExitCode::from(128 + 1)),
    }
}

/// Reads the file again into `app`, its state following (saved, then
/// opened for the new text); whether the app changed (it always says
/// something).
fn reload(cli: &Cli, app: &mut App, keeper: &mut Option<Keeper>) -> bool {
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
    app.set_message("read again".to_owned());
    true
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

fn load(cli: &Cli, file: Option<&std::path::Path>) -> Result<Document> {
    let options = Options {
        encoding: cli.encoding,
        show_escapes: cli.show_escapes,
    };
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
    Ok(document)
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

fn print_plain(document: &Document, cli: &Cli, setting: Typesetting) -> Result<ExitCode> {
    let (measure, search) = (cli.width, cli.search.as_deref());
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
        justify: cli.justify,
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
