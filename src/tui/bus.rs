//! A text that shrinks on disk while it is read.
//!
//! A file is mapped, not read (see [`crate::document::source`]). When
//! another program truncates it, or rewrites it shorter in place, the next
//! read of a page it lost raises SIGBUS, which by default kills the reader
//! in raw mode on the alternate screen. The handler installed here gives
//! the terminal back and ends the reader with one line that names the
//! file, exiting with 128 + SIGBUS as the signal would. It makes only
//! async-signal-safe calls (`dup`, `open`, `write`, `tcsetattr`, `_exit`),
//! and first turns standard output away from the terminal, so that the
//! main thread, which runs on, draws no frame after the terminal is given
//! back.
//!
//! On Linux the handler replaces the one the Rust runtime sets to tell a
//! stack overflow (which Linux reports as SIGSEGV, never SIGBUS): called
//! first by a chain of handlers, that one sets SIGBUS back to its default
//! action before returning, so a second thread reading a lost page at the
//! same moment was killed by the signal before the first could say why.

use std::fs::OpenOptions;
use std::os::fd::{IntoRawFd, RawFd};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use signal_hook::consts::SIGBUS;

use super::ON_ALTERNATE_SCREEN;

/// What the handler says on standard error.
static MESSAGE: OnceLock<Vec<u8>> = OnceLock::new();

/// The terminal's descriptor and its settings before raw mode.
static TERMINAL: OnceLock<(RawFd, libc::termios)> = OnceLock::new();

/// Mouse reports off, the main screen back, the cursor shown.
const GIVE_BACK: &[u8] =
    b"\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?1049l\x1b[?25h";

/// Ends the reader cleanly if the text named `name` (sanitized, quoted as
/// it should be shown) shrinks while it is read.
pub fn catch_shrinking(name: &str) {
    let message = format!("liseuse: {name} shrank on disk while it was read\n");
    if MESSAGE.set(message.into_bytes()).is_err() {
        return;
    }
    install_handler();
}

/// Installs [`on_bus_error`] as the only handler of SIGBUS, every other
/// signal held while it runs.
#[cfg(target_os = "linux")]
fn install_handler() {
    extern "C" fn handler(_signal: libc::c_int) {
        on_bus_error();
    }
    // SAFETY: the handler makes only async-signal-safe calls (see
    // `on_bus_error`) and reads statics set before it is installed;
    // sigaction is given a zeroed, then filled, structure.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = handler as extern "C" fn(libc::c_int) as libc::sighandler_t;
        libc::sigfillset(&mut action.sa_mask);
        libc::sigaction(SIGBUS, &action, std::ptr::null_mut());
    }
}

/// Adds [`on_bus_error`] to the handlers of SIGBUS (where the Rust
/// runtime's may be the one that tells a stack overflow).
#[cfg(not(target_os = "linux"))]
fn install_handler() {
    // SAFETY: the action makes only async-signal-safe calls (write,
    // tcsetattr, _exit) and reads statics set before it is registered.
    let _ = unsafe { signal_hook::low_level::register(SIGBUS, on_bus_error) };
}

/// Whether a thread is already ending the reader: the others wait for it.
static ENDING: AtomicBool = AtomicBool::new(false);

/// Remembers the terminal's settings before raw mode is entered, on the
/// descriptor raw mode is set on (standard input when it is the terminal,
/// else `/dev/tty`, kept open).
pub(super) fn remember_terminal() {
    if TERMINAL.get().is_some() {
        return;
    }
    // SAFETY: isatty only reads the descriptor's kind.
    let fd = if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
        libc::STDIN_FILENO
    } else {
        match OpenOptions::new().read(true).write(true).open("/dev/tty") {
            Ok(tty) => tty.into_raw_fd(),
            Err(_) => return,
        }
    };
    // SAFETY: termios is plain data, filled by tcgetattr on success.
    let mut settings: libc::termios = unsafe { std::mem::zeroed() };
    if unsafe { libc::tcgetattr(fd, &mut settings) } == 0 {
        let _ = TERMINAL.set((fd, settings));
    }
}

/// Waits for ever when a thread is ending the reader because its file
/// shrank: that thread has put standard output aside (so that no frame
/// follows the terminal given back), and exits.
pub(super) fn wait_if_ending() {
    while ENDING.load(Ordering::SeqCst) {
        std::thread::park();
    }
}

/// Gives the terminal back, says which file shrank, and exits; a second
/// thread that reads a lost page meanwhile waits for the first to end it.
fn on_bus_error() {
    // SAFETY: dup, open, dup2, write, tcsetattr, pause and _exit are
    // async-signal-safe;
    // the buffers are statics that live for the whole process.
    unsafe {
        if ENDING.swap(true, Ordering::SeqCst) {
            loop {
                libc::pause();
            }
        }
        // The other threads run on: a frame the main thread writes from
        // now on goes nowhere, not over the terminal given back.
        let terminal = libc::dup(libc::STDOUT_FILENO);
        let nowhere = libc::open(c"/dev/null".as_ptr(), libc::O_WRONLY);
        if terminal >= 0 && nowhere >= 0 {
            libc::dup2(nowhere, libc::STDOUT_FILENO);
        }
        let terminal = if terminal >= 0 {
            terminal
        } else {
            libc::STDOUT_FILENO
        };
        if ON_ALTERNATE_SCREEN.load(Ordering::SeqCst) {
            libc::write(terminal, GIVE_BACK.as_ptr().cast(), GIVE_BACK.len());
        }
        if let Some((fd, settings)) = TERMINAL.get() {
            libc::tcsetattr(*fd, libc::TCSANOW, settings);
        }
        if let Some(message) = MESSAGE.get() {
            libc::write(libc::STDERR_FILENO, message.as_ptr().cast(), message.len());
        }
        libc::_exit(128 + SIGBUS);
    }
}
