//! Reading the document named on the command line: from a file (mapped),
//! a stream (with a notice when it takes long), or the bundled article;
//! a book read for the first time from its opening, the rest behind.

use std::fs::File;
use std::io::{self, IsTerminal};
use std::os::fd::AsFd;
use std::os::unix::fs::FileTypeExt;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Result;

use crate::cli::Cli;
use crate::document::format::epub::Enough;
use crate::document::rest::Rest;
use crate::document::sanitize::sanitize_label;
use crate::document::{Document, Options};

/// The file whose path is remembered with its state: a named regular
/// file (not standard input, a pipe or a device).
pub fn state_path(file: Option<&std::path::Path>) -> Option<PathBuf> {
    file.filter(|path| path.as_os_str() != "-" && !is_stream(path))
        .map(std::path::Path::to_path_buf)
}

/// The document to show, and the rest of it still to read when only its
/// beginning was: a book read for the first time in the reader opens on
/// its first screen, read in a few milliseconds, while its other chapters
/// are read. Not a book read before (`seen`: its saved place and
/// highlights are the whole text's, found at once), nor one searched from
/// the command line or followed.
pub fn open(cli: &Cli, interactive: bool, seen: bool) -> Result<(Document, Option<Rest>)> {
    let quick = interactive && cli.search.is_none() && !cli.follow && !seen;
    let path = state_path(cli.file.as_deref()).filter(|_| quick);
    let Some(path) = path else {
        return Ok((load(cli, cli.file.as_deref())?, None));
    };
    // A screen's rows; a generous screen when it cannot be told.
    let (_, height) = ratatui::crossterm::terminal::size().unwrap_or((200, 60));
    let enough = Enough {
        blocks: height.into(),
    };
    // What parsing freed is given back once the book is whole (see
    // `Session::after`), not before the first frame.
    Ok(Document::open_beginning(&path, options(cli), enough)?)
}

/// How the command line asks the document to be read.
pub fn options(cli: &Cli) -> Options {
    Options {
        encoding: cli.encoding,
        show_escapes: cli.show_escapes,
        format: cli.format,
        full_page: cli.full_page,
    }
}

/// The document `file` names, read whole as `cli` says: standard input
/// for `-` or a pipe, the bundled article when none is named.
pub fn load(cli: &Cli, file: Option<&std::path::Path>) -> Result<Document> {
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

/// Makes the threads other than the main one allocate from one heap
/// (glibc arena) they share, so that what the threads reading a book free
/// can be given back. With a heap per thread, the few allocations that
/// outlive the reading pin whole pages of each: War and Peace settled,
/// by chance, at 7 or 12 MB of anonymous memory; with two heaps, at
/// 6.6–7.5 MB every time (30 runs). One heap for all would do too, but
/// then the search's workers wait for each other's allocations (a common
/// word 50 % slower; with two heaps, 8 %). Called before any thread is
/// started.
pub fn limit_heaps() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tunable of the allocator; M_ARENA_MAX
    // limits the arenas created from then on.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// Returns to the system the memory freed after parsing a structured
/// document (a book's parsed chapters are dropped once laid out; glibc
/// would otherwise keep them for the rest of the session).
pub fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory at the top of the
    // heaps and of each arena; it may be called at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Whether the document is read from a stream (standard input, a pipe, a
/// device): read until it ends.
pub fn reads_stream(cli: &Cli) -> bool {
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
