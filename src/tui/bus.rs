//! A text that shrinks on disk while it is read.
//!
//! A file is mapped, not read (see [`crate::document::source`]). When
//! another program truncates it, or rewrites it shorter in place, the next
//! read of a page it lost raises SIGBUS, which by default kills the reader
//! in raw mode on the alternate screen. The handler installed here gives
//! the terminal back and ends the reader with one line that names the
//! file, exiting with 128 + SIGBUS as the signal would. It makes only
//! async-signal-safe calls: `write`, `tcsetattr` and `_exit`.

use std::fs::OpenOptions;
use std::os::fd::{IntoRawFd, RawFd};
use std::sync::OnceLock;
use std::sync::atomic::Ordering;

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
    // SAFETY: the action makes only async-signal-safe calls (write,
    // tcsetattr, _exit) and reads statics set before it is registered.
    let _ = unsafe { signal_hook::low_level::register(SIGBUS, on_bus_error) };
}

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

/// Gives the terminal back, says which file shrank, and exits.
fn on_bus_error() {
    // SAFETY: write, tcsetattr and _exit are async-signal-safe; the
    // buffers are statics that live for the whole process.
    unsafe {
        if ON_ALTERNATE_SCREEN.load(Ordering::SeqCst) {
            libc::write(
                libc::STDOUT_FILENO,
                GIVE_BACK.as_ptr().cast(),
                GIVE_BACK.len(),
            );
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
