//! A harness that runs the real `liseuse` binary in a pseudo-terminal and
//! reads its screen through a VT parser.
//!
//! [`Term::spawn`] starts the binary in a pty of a given size, in a fresh
//! temporary directory that is also its `HOME` and XDG base, with
//! `TERM=xterm-256color`. A reader thread feeds every byte the program
//! writes into a shared [`vt100::Parser`] and keeps the raw bytes too, so a
//! test can both look at the screen and check what was sent to the
//! terminal. Since vt100 is passive, the harness answers the terminal
//! queries a program may make (cursor position `ESC[6n`, primary device
//! attributes `ESC[c`, background colour `OSC 11 ; ?`) as a terminal
//! would; [`Term::spawn_on`] chooses the background it reports, or none.
//!
//! Every wait has a timeout; a failed wait returns a [`Timeout`] whose
//! `Debug` shows the screen, so `.unwrap()` on it prints what was there.
//!
//! Test files use it with `mod support;`; not every test file uses every
//! helper, hence the `dead_code` allowance.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::ffi::OsStr;
use std::fmt;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// The timeout for waits that should succeed quickly on an idle machine;
/// generous, so a loaded CI runner does not fail a test.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// How often waits look at the screen again.
const POLL: Duration = Duration::from_millis(10);

/// The binary under test.
pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_liseuse")
}

/// A directory under the system's temporary directory, removed on drop.
#[derive(Debug)]
pub struct TempDir {
    path: PathBuf,
}

impl TempDir {
    /// Creates a fresh, empty directory with a unique name.
    pub fn new() -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!(
            "liseuse-test-{}-{}-{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let path = std::env::temp_dir().join(name);
        std::fs::create_dir_all(&path).expect("create temp dir");
        TempDir { path }
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `contents` to `name` inside the directory; returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path.join(name);
        std::fs::write(&path, contents).expect("write temp file");
        path
    }
}

impl Default for TempDir {
    fn default() -> TempDir {
        TempDir::new()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// A `std::process::Command` for the binary, isolated like [`Term::spawn`]
/// (cwd, `HOME` and XDG directories inside `dir`). Stdio is left to the
/// caller, who should set all three explicitly.
pub fn command(dir: &TempDir) -> Command {
    let mut command = Command::new(binary());
    command.current_dir(dir.path());
    for (key, value) in isolated_env(dir.path()) {
        command.env(key, value);
    }
    command
        .env_remove("COLUMNS")
        .env_remove("LINES")
        .env_remove("LISEUSE_CONFIG");
    command
}

/// What a finished (or timed-out) [`run`] saw.
#[derive(Debug)]
pub struct Run {
    /// The exit status, or `None` if the program was killed at the timeout.
    pub status: Option<std::process::ExitStatus>,
    /// Everything written to stdout.
    pub stdout: Vec<u8>,
    /// Everything written to stderr.
    pub stderr: Vec<u8>,
}

impl Run {
    /// Stdout as text.
    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    /// Stderr as text.
    pub fn stderr_text(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    /// The exit code; panics, showing stderr, if there is none.
    pub fn code(&self) -> i32 {
        match self.status.and_then(|s| s.code()) {
            Some(code) => code,
            None => panic!(
                "no exit code ({:?}); stderr: {}",
                self.status,
                self.stderr_text()
            ),
        }
    }
}

/// Runs `command` with `input` on a piped stdin (closed once written; no
/// input: `/dev/null`), stdout and stderr piped; kills it after `timeout`.
pub fn run(mut command: Command, input: Option<&[u8]>, timeout: Duration) -> Run {
    use std::process::Stdio;
    command
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("spawn the program");
    let feeder = child.stdin.take().map(|mut stdin| {
        let input = input.unwrap_or_default().to_vec();
        thread::spawn(move || {
            // The program may stop reading early; that is its business.
            let _ = stdin.write_all(&input);
        })
    });
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let status = wait_child(&mut child, timeout);
    if status.is_none() {
        let _ = child.kill();
        let _ = child.wait();
    }
    if let Some(feeder) = feeder {
        let _ = feeder.join();
    }
    Run {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    }
}

/// Waits up to `timeout` for `child` to exit.
pub fn wait_child(
    child: &mut std::process::Child,
    timeout: Duration,
) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        if Instant::now() >= deadline {
            return None;
        }
        thread::sleep(POLL);
    }
}

/// Environment variables that keep a run from touching the user's files.
fn isolated_env(dir: &Path) -> Vec<(&'static str, PathBuf)> {
    vec![
        ("HOME", dir.to_path_buf()),
        ("XDG_CONFIG_HOME", dir.join("config")),
        ("XDG_DATA_HOME", dir.join("data")),
        ("XDG_STATE_HOME", dir.join("state")),
        ("XDG_CACHE_HOME", dir.join("cache")),
        // Saved state never goes to the real home, whatever XDG says.
        ("LISEUSE_STATE_DIR", dir.join("state").join("liseuse")),
    ]
}

/// A wait that did not succeed in time: what was awaited, and the screen
/// (and the end of the raw output) at that moment.
pub struct Timeout {
    /// What the test was waiting for.
    pub what: String,
    /// The screen's text when the wait gave up.
    pub screen: String,
    /// The last bytes the program wrote, escaped.
    pub raw_tail: String,
}

impl fmt::Debug for Timeout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "timed out waiting for {}", self.what)?;
        writeln!(f, "---- screen ----")?;
        for (i, line) in self.screen.lines().enumerate() {
            writeln!(f, "{i:>3}|{line}")?;
        }
        writeln!(f, "---- last output bytes ----")?;
        write!(f, "{}", self.raw_tail)
    }
}

impl fmt::Display for Timeout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

impl std::error::Error for Timeout {}

/// The parser's callbacks: answers to terminal queries, queued for the
/// reader thread to write back to the program, and a record of what the
/// program asked of the terminal beyond the screen (titles, clipboard).
#[derive(Debug, Default)]
pub struct Answers {
    pending: Vec<u8>,
    requests: Vec<String>,
    /// When the output last parsed was read from the terminal.
    arrived: Option<Instant>,
    /// The background colour reported to OSC 11 (`rgb:RRRR/GGGG/BBBB`);
    /// `None`: the query goes unanswered, as in terminals that do not
    /// know it.
    background: Option<String>,
    /// Whether the program asked the background colour.
    background_asked: bool,
}

/// The background [`Term::spawn`] reports: black.
pub const DARK_BACKGROUND: &str = "rgb:0000/0000/0000";

/// A white background, for [`Term::spawn_on`].
pub const LIGHT_BACKGROUND: &str = "rgb:ffff/ffff/ffff";

impl vt100::Callbacks for Answers {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.requests
            .push(format!("title {}", String::from_utf8_lossy(title)));
    }

    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.requests
            .push(format!("icon name {}", String::from_utf8_lossy(name)));
    }

    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, ty: &[u8], data: &[u8]) {
        self.requests.push(format!(
            "clipboard {} {}",
            String::from_utf8_lossy(ty),
            String::from_utf8_lossy(data)
        ));
    }

    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, ty: &[u8]) {
        self.requests
            .push(format!("paste {}", String::from_utf8_lossy(ty)));
    }

    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        // OSC 11 ; ? — what is the background colour?
        if matches!(params, [b"11", b"?"]) {
            self.background_asked = true;
        }
        if let ([b"11", b"?"], Some(colour)) = (params, &self.background) {
            let answer = format!("\x1b]11;{colour}\x07");
            self.pending.extend_from_slice(answer.as_bytes());
        }
    }

    fn unhandled_csi(
        &mut self,
        screen: &mut vt100::Screen,
        i1: Option<u8>,
        _i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        match (i1, c, params) {
            // Device status report: where is the cursor (1-based)?
            (None, 'n', [[6]]) => {
                let (row, col) = screen.cursor_position();
                let answer = format!("\x1b[{};{}R", row + 1, col + 1);
                self.pending.extend_from_slice(answer.as_bytes());
            }
            // Primary device attributes: a VT220 with ANSI colour.
            (None, 'c', []) | (None, 'c', [[0]]) => {
                self.pending.extend_from_slice(b"\x1b[?62;22c");
            }
            _ => {}
        }
    }
}

/// What the parser is shown in place of U+FFFD REPLACEMENT CHARACTER.
///
/// vt100 takes every U+FFFD for the mark of an invalid UTF-8 sequence and
/// draws nothing, where a terminal draws `�` in one cell; the rest of the
/// row would then stand one column to the left of where the program put it.
/// So the harness hands the parser this private-use character (one cell
/// wide) instead, and the text helpers ([`Term::screen_text`],
/// [`Term::rows`], [`Term::cell_text`]) turn it back into `�`. Raw output
/// ([`Term::raw`]) is kept as the program wrote it.
pub const FFFD_STAND_IN: char = '\u{e000}';

/// Replaces the UTF-8 encoding of U+FFFD (`EF BF BD`) in a byte stream with
/// [`FFFD_STAND_IN`], holding back a possible start of it at the end of a
/// read until the next one.
#[derive(Debug, Default)]
struct StandIn {
    carry: Vec<u8>,
}

impl StandIn {
    const FFFD: &'static [u8] = "\u{fffd}".as_bytes();

    fn feed(&mut self, bytes: &[u8]) -> Vec<u8> {
        let mut data = std::mem::take(&mut self.carry);
        data.extend_from_slice(bytes);
        let keep = (1..Self::FFFD.len())
            .rev()
            .find(|&k| data.ends_with(&Self::FFFD[..k]))
            .unwrap_or(0);
        self.carry = data.split_off(data.len() - keep);
        let mut stand_in = [0u8; 4];
        let stand_in = FFFD_STAND_IN.encode_utf8(&mut stand_in).as_bytes();
        let mut out = Vec::with_capacity(data.len());
        let mut rest = &data[..];
        while let Some(at) = rest.windows(Self::FFFD.len()).position(|w| w == Self::FFFD) {
            out.extend_from_slice(&rest[..at]);
            out.extend_from_slice(stand_in);
            rest = &rest[at + Self::FFFD.len()..];
        }
        out.extend_from_slice(rest);
        out
    }

    fn finish(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.carry)
    }
}

/// Turns [`FFFD_STAND_IN`] back into U+FFFD.
fn restore_fffd(text: String) -> String {
    if text.contains(FFFD_STAND_IN) {
        text.replace(FFFD_STAND_IN, "\u{fffd}")
    } else {
        text
    }
}

/// The shared terminal model.
pub type Parser = vt100::Parser<Answers>;

/// What the program writes to the terminal, as the reader thread sees it.
struct Output {
    parser: Mutex<Parser>,
    /// Signalled each time output has been parsed, so waits wake at once
    /// (benchmarks time screens with it).
    parsed: Condvar,
    raw: Mutex<Vec<u8>>,
    closed: AtomicBool,
}

/// A program running in a pseudo-terminal.
pub struct Term {
    output: Arc<Output>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    exit: Option<ExitStatus>,
    dir: TempDir,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Term {
    /// Runs `liseuse` with `args` in a `cols` × `rows` terminal.
    pub fn spawn<S: AsRef<OsStr>>(args: &[S], cols: u16, rows: u16) -> Term {
        Term::spawn_program(binary(), args, &[], cols, rows)
    }

    /// Runs any `program` with `args` and the extra environment `env` in a
    /// `cols` × `rows` terminal, in a fresh temporary directory (also its
    /// `HOME`), with `TERM=xterm-256color`.
    pub fn spawn_program<S: AsRef<OsStr>>(
        program: impl AsRef<OsStr>,
        args: &[S],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Term {
        Term::spawn_on(program, args, env, Some(DARK_BACKGROUND), cols, rows)
    }

    /// As [`Term::spawn_program`], in a terminal that reports `background`
    /// (see [`DARK_BACKGROUND`]) to OSC 11, or does not answer it (`None`).
    pub fn spawn_on<S: AsRef<OsStr>>(
        program: impl AsRef<OsStr>,
        args: &[S],
        env: &[(&str, &str)],
        background: Option<&str>,
        cols: u16,
        rows: u16,
    ) -> Term {
        let dir = TempDir::new();
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("open a pty");
        let mut command = CommandBuilder::new(program);
        command.args(args);
        command.cwd(dir.path());
        command.env("TERM", "xterm-256color");
        for (key, value) in isolated_env(dir.path()) {
            command.env(key, value);
        }
        for key in [
            "COLUMNS",
            "LINES",
            "NO_COLOR",
            "COLORTERM",
            "COLORFGBG",
            "TMUX",
            "STY",
            "LISEUSE_CONFIG",
        ] {
            command.env_remove(key);
        }
        for (key, value) in env {
            command.env(key, value);
        }
        let child = pair.slave.spawn_command(command).expect("spawn in pty");
        // Only the child holds the slave, so reads end when it is gone.
        drop(pair.slave);
        let master = pair.master;
        let mut reader = master.try_clone_reader().expect("pty reader");
        let writer: Arc<Mutex<Box<dyn Write + Send>>> =
            Arc::new(Mutex::new(master.take_writer().expect("pty writer")));
        let rows = std::num::NonZeroU16::new(rows).expect("rows > 0");
        let cols = std::num::NonZeroU16::new(cols).expect("cols > 0");
        let output = Arc::new(Output {
            parser: Mutex::new(vt100::Parser::new_with_callbacks(
                rows,
                cols,
                0,
                Answers {
                    background: background.map(str::to_owned),
                    ..Answers::default()
                },
            )),
            parsed: Condvar::new(),
            raw: Mutex::new(Vec::new()),
            closed: AtomicBool::new(false),
        });
        let thread_output = Arc::clone(&output);
        let thread_writer = Arc::clone(&writer);
        // One thread reads and stamps each piece of output as it arrives,
        // another parses: parsing one piece never delays reading the next,
        // so timings measure the program, not the harness.
        let (pieces, received) = std::sync::mpsc::channel::<(Instant, Vec<u8>)>();
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        if pieces.send((Instant::now(), buf[..n].to_vec())).is_err() {
                            break;
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    // EIO once the last holder of the slave side is gone.
                    Err(_) => break,
                }
            }
        });
        let reader = thread::spawn(move || {
            let mut stand_in = StandIn::default();
            for (arrived, piece) in received {
                let answers = {
                    let mut parser = lock(&thread_output.parser);
                    parser.callbacks_mut().arrived = Some(arrived);
                    lock(&thread_output.raw).extend_from_slice(&piece);
                    parser.process(&stand_in.feed(&piece));
                    std::mem::take(&mut parser.callbacks_mut().pending)
                };
                thread_output.parsed.notify_all();
                if !answers.is_empty() {
                    let mut writer = lock(&thread_writer);
                    let _ = writer.write_all(&answers);
                    let _ = writer.flush();
                }
            }
            lock(&thread_output.parser).process(&stand_in.finish());
            thread_output.closed.store(true, Ordering::SeqCst);
        });
        Term {
            output,
            writer,
            master,
            child,
            reader: Some(reader),
            exit: None,
            dir,
        }
    }

    /// The program's working directory (and `HOME`).
    pub fn dir(&self) -> &TempDir {
        &self.dir
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Whether the program asked the terminal its background (OSC 11).
    pub fn asked_background(&self) -> bool {
        lock(&self.output.parser).callbacks().background_asked
    }

    /// Types `keys` (as UTF-8).
    pub fn send(&self, keys: &str) {
        self.send_bytes(keys.as_bytes());
    }

    /// Writes `bytes` to the terminal's input.
    pub fn send_bytes(&self, bytes: &[u8]) {
        let mut writer = lock(&self.writer);
        writer.write_all(bytes).expect("write to pty");
        writer.flush().expect("flush pty");
    }

    /// Runs `f` on the parsed screen.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(lock(&self.output.parser).screen())
    }

    /// The whole screen's text: every row as [`Term::rows`] gives it,
    /// separated by `\n`, so line `n` is always row `n`.
    pub fn screen_text(&self) -> String {
        self.with_screen(screen_text)
    }

    /// The screen's rows, each as vt100 gives it: cells never drawn (or
    /// erased) at the end of a row are left out, drawn spaces are kept.
    pub fn rows(&self) -> Vec<String> {
        self.with_screen(|screen| {
            let (_, cols) = screen.size();
            screen.rows(0, cols.get()).map(restore_fffd).collect()
        })
    }

    /// Row `n` (0-based) of the screen; empty past the bottom.
    pub fn row(&self, n: u16) -> String {
        self.rows().get(usize::from(n)).cloned().unwrap_or_default()
    }

    /// The bottom row.
    pub fn last_row(&self) -> String {
        self.rows().pop().unwrap_or_default()
    }

    /// The cell at `row`, `col` (0-based): its text and style. A `�` the
    /// program drew holds [`FFFD_STAND_IN`] here; [`Term::cell_text`] gives
    /// the text as drawn.
    pub fn cell(&self, row: u16, col: u16) -> Option<vt100::Cell> {
        self.with_screen(|screen| screen.cell(row, col).cloned())
    }

    /// The text of the cell at `row`, `col` (0-based); empty for a blank
    /// cell or outside the screen.
    pub fn cell_text(&self, row: u16, col: u16) -> String {
        let text = self
            .cell(row, col)
            .map(|cell| cell.contents().to_owned())
            .unwrap_or_default();
        restore_fffd(text)
    }

    /// The screen size as (rows, cols).
    pub fn size(&self) -> (u16, u16) {
        self.with_screen(|screen| {
            let (rows, cols) = screen.size();
            (rows.get(), cols.get())
        })
    }

    /// Everything the program wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        lock(&self.output.raw).clone()
    }

    /// What the program asked of the terminal beyond drawing: window
    /// titles, icon names, clipboard writes and reads, in order.
    pub fn requests(&self) -> Vec<String> {
        lock(&self.output.parser).callbacks().requests.clone()
    }

    /// Waits until `predicate` holds for the screen's text; returns it.
    pub fn wait_for(
        &self,
        predicate: impl FnMut(&str) -> bool,
        timeout: Duration,
    ) -> Result<String, Timeout> {
        self.wait_for_what("a condition on the screen text", predicate, timeout)
    }

    /// [`Term::wait_for`] with a description for the failure message.
    pub fn wait_for_what(
        &self,
        what: &str,
        mut predicate: impl FnMut(&str) -> bool,
        timeout: Duration,
    ) -> Result<String, Timeout> {
        self.wait_for_screen_what(
            what,
            |screen| {
                let text = screen_text(screen);
                predicate(&text).then_some(text)
            },
            timeout,
        )
    }

    /// Waits until `text` is on the screen.
    pub fn wait_for_text(&self, text: &str, timeout: Duration) -> Result<String, Timeout> {
        self.wait_for_what(
            &format!("{text:?}"),
            |screen| screen.contains(text),
            timeout,
        )
    }

    /// Waits until `predicate` holds on the parsed screen (text, styles,
    /// modes, cursor).
    pub fn wait_for_screen(
        &self,
        predicate: impl FnMut(&vt100::Screen) -> bool,
        timeout: Duration,
    ) -> Result<(), Timeout> {
        let mut predicate = predicate;
        self.wait_for_screen_what(
            "a condition on the screen",
            |screen| predicate(screen).then_some(()),
            timeout,
        )
    }

    /// Waits until `probe` returns something on the parsed screen.
    pub fn wait_for_screen_what<T>(
        &self,
        what: &str,
        mut probe: impl FnMut(&vt100::Screen) -> Option<T>,
        timeout: Duration,
    ) -> Result<T, Timeout> {
        self.wait_parsed(what, |parser| probe(parser.screen()), timeout)
    }

    /// Waits until `predicate` holds for the screen's text, and returns
    /// when the output that made it hold was read from the terminal: a
    /// timing that leaves out the harness's own parsing and checking, which
    /// would otherwise cost more to a program writing in several pieces.
    pub fn wait_for_arrival(
        &self,
        mut predicate: impl FnMut(&str) -> bool,
        timeout: Duration,
    ) -> Result<Instant, Timeout> {
        self.wait_parsed(
            "a condition on the screen text",
            |parser| {
                let found = predicate(&screen_text(parser.screen()));
                found.then(|| parser.callbacks().arrived).flatten()
            },
            timeout,
        )
    }

    /// Waits until `probe` returns something on the parser.
    fn wait_parsed<T>(
        &self,
        what: &str,
        mut probe: impl FnMut(&Parser) -> Option<T>,
        timeout: Duration,
    ) -> Result<T, Timeout> {
        let deadline = Instant::now() + timeout;
        let mut parser = lock(&self.output.parser);
        loop {
            if let Some(found) = probe(&parser) {
                return Ok(found);
            }
            let now = Instant::now();
            if now >= deadline {
                drop(parser);
                return Err(self.timeout(what));
            }
            let wait = (deadline - now).min(POLL);
            parser = self
                .output
                .parsed
                .wait_timeout(parser, wait)
                .map_or_else(|poisoned| poisoned.into_inner().0, |(guard, _)| guard);
        }
    }

    /// A [`Timeout`] describing the current state.
    pub fn timeout(&self, what: &str) -> Timeout {
        let raw = self.raw();
        let tail = &raw[raw.len().saturating_sub(600)..];
        Timeout {
            what: what.to_owned(),
            screen: self.screen_text(),
            raw_tail: tail.escape_ascii().to_string(),
        }
    }

    /// Resizes the terminal: the parser first, then the pty (which sends
    /// SIGWINCH), so output for the new size is parsed at the new size.
    pub fn resize(&self, cols: u16, rows: u16) {
        let mut parser = lock(&self.output.parser);
        parser.set_size(
            std::num::NonZeroU16::new(rows).expect("rows > 0"),
            std::num::NonZeroU16::new(cols).expect("cols > 0"),
        );
        self.master.resize(size(cols, rows)).expect("resize pty");
    }

    /// Sends `signal` (a name such as `TERM`, or a number) to the program
    /// with `kill(1)`.
    pub fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.pid().to_string())
            .stdin(std::process::Stdio::null())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{signal} failed: {status}");
    }

    /// Whether the program has exited (and been reaped).
    pub fn has_exited(&mut self) -> bool {
        if self.exit.is_none() {
            self.exit = self.child.try_wait().ok().flatten();
        }
        self.exit.is_some()
    }

    /// Waits for the program to exit, then for its last output to be read
    /// (so the screen shows its final state); returns its exit status.
    pub fn wait_exit(&mut self, timeout: Duration) -> Result<ExitStatus, Timeout> {
        let deadline = Instant::now() + timeout;
        while !self.has_exited() {
            if Instant::now() >= deadline {
                return Err(self.timeout("the program to exit"));
            }
            thread::sleep(POLL);
        }
        while !self.output.closed.load(Ordering::SeqCst) {
            if Instant::now() >= deadline {
                return Err(self.timeout("the end of the program's output"));
            }
            thread::sleep(POLL);
        }
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        Ok(self.exit.clone().expect("exit status"))
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        if !self.has_exited() {
            // SIGHUP, then SIGKILL after a short grace period.
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        // The reader thread ends by itself once the pty is closed; it is
        // not joined, so a stray grandchild holding the pty cannot hang the
        // test.
    }
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// The text of every row of `screen` (as [`Term::rows`]), separated by
/// `\n`. Unlike [`vt100::Screen::contents`], rows the terminal marked
/// as wrapped still end a line, and trailing blank rows are kept.
pub fn screen_text(screen: &vt100::Screen) -> String {
    let (_, cols) = screen.size();
    let rows: Vec<String> = screen.rows(0, cols.get()).collect();
    restore_fffd(rows.join("\n"))
}

/// Collapses every run of whitespace to one space, so text wrapped over
/// several rows can be searched as one line.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `app` drawn with ratatui's `TestBackend` in a `width` × `height`
/// window.
pub fn draw_in(
    app: &liseuse::app::App,
    width: u16,
    height: u16,
) -> ratatui::Terminal<ratatui::backend::TestBackend> {
    let backend = ratatui::backend::TestBackend::new(width, height);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
    terminal
}

/// `app` drawn in `theme` (and the default keys) with ratatui's
/// `TestBackend` in a `width` × `height` window.
pub fn draw_themed(
    app: &liseuse::app::App,
    theme: &liseuse::ui::theme::Theme,
    width: u16,
    height: u16,
) -> ratatui::Terminal<ratatui::backend::TestBackend> {
    let keymap = liseuse::keymap::Keymap::default();
    let view = liseuse::ui::View {
        app,
        theme,
        keymap: &keymap,
    };
    let backend = ratatui::backend::TestBackend::new(width, height);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal
        .draw(|frame| frame.render_widget(view, frame.area()))
        .unwrap();
    terminal
}

/// The symbols of row `y` of `buffer`, as one string.
pub fn row_text(buffer: &ratatui::buffer::Buffer, y: u16) -> String {
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}
