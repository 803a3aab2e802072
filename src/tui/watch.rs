//! The watcher: a thread that sleeps until a signal comes or the
//! terminal goes away, and wakes the reader's loop when either happens.
//!
//! The signals' handlers note which came in flags (see `Signals` in the
//! parent module) and, through [`signal_hook::low_level::pipe`], write a
//! byte the watcher waits for. It also waits on the terminal for a hang-up
//! only (no input: that is the event thread's), since crossterm, once its
//! terminal has hung up, spins inside its read instead of failing.

use std::fs::File;
use std::io::{self, Read};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::mpsc::Sender;
use std::thread;

use super::events::Wake;

/// Starts watching for `signals` and for the terminal going away; each is
/// told to `sender`.
pub(super) fn spawn(sender: Sender<Wake>, signals: &[libc::c_int]) -> io::Result<()> {
    let (mut read_end, write_end) = UnixStream::pair()?;
    for &signal in signals {
        signal_hook::low_level::pipe::register(signal, write_end.try_clone()?)?;
    }
    // The terminal as the event thread reads it: standard input when it
    // is one, else the process's own.
    let tty = open_tty();
    let tty_fd = tty.as_ref().map_or(libc::STDIN_FILENO, AsRawFd::as_raw_fd);
    thread::Builder::new()
        .name("watcher".into())
        .spawn(move || {
            let _kept_open = tty;
            loop {
                match wait(read_end.as_raw_fd(), tty_fd, FOR_EVER) {
                    Ready::Signal => {
                        let mut bytes = [0u8; 64];
                        let _ = read_end.read(&mut bytes);
                        if sender.send(Wake::Signal).is_err() {
                            return;
                        }
                    }
                    Ready::HangUp => {
                        let _ = sender.send(Wake::HangUp);
                        return;
                    }
                    Ready::Nothing => {}
                }
            }
        })?;
    Ok(())
}

/// `/dev/tty` when standard input is not a terminal; `None` when it is
/// (or when there is no terminal to open).
fn open_tty() -> Option<File> {
    // SAFETY: isatty only reads the descriptor's kind.
    if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
        return None;
    }
    File::open("/dev/tty").ok()
}

/// What woke the watcher.
#[derive(Debug, PartialEq, Eq)]
enum Ready {
    /// A byte from a signal's handler.
    Signal,
    /// The terminal hung up (or its descriptor is no longer valid).
    HangUp,
    /// Nothing to act on (an interrupted wait, or the time ran out).
    Nothing,
}

/// No time limit, for [`wait`].
const FOR_EVER: libc::c_int = -1;

/// Waits, at most `timeout` milliseconds ([`FOR_EVER`]: without a limit),
/// until `signals` can be read or `tty` hangs up. The terminal is asked
/// for no event: a hang-up, an error or an invalid descriptor are told
/// whatever is asked.
fn wait(signals: RawFd, tty: RawFd, timeout: libc::c_int) -> Ready {
    let mut fds = [
        libc::pollfd {
            fd: signals,
            events: libc::POLLIN,
            revents: 0,
        },
        libc::pollfd {
            fd: tty,
            events: 0,
            revents: 0,
        },
    ];
    // SAFETY: two valid pollfd, for the length given.
    let ready = unsafe { libc::poll(fds.as_mut_ptr(), 2, timeout) };
    if ready <= 0 {
        return Ready::Nothing;
    }
    if fds[1].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        return Ready::HangUp;
    }
    if fds[0].revents & libc::POLLIN != 0 {
        return Ready::Signal;
    }
    // The signals' pipe itself closed or failed: nothing more will come
    // from it, and waiting again would not block.
    Ready::HangUp
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_byte_from_a_handler_is_a_signal_and_a_closed_terminal_a_hang_up() {
        let (signals, mut handler) = UnixStream::pair().unwrap();
        let (tty, other_end) = UnixStream::pair().unwrap();
        let waited = |timeout| wait(signals.as_raw_fd(), tty.as_raw_fd(), timeout);
        assert_eq!(waited(0), Ready::Nothing);
        // Input on the terminal is the event thread's: it does not wake
        // the watcher.
        (&other_end).write_all(b"key").unwrap();
        assert_eq!(waited(0), Ready::Nothing);
        handler.write_all(b"x").unwrap();
        assert_eq!(waited(FOR_EVER), Ready::Signal);
        let mut byte = [0u8; 1];
        (&signals).read_exact(&mut byte).unwrap();
        assert_eq!(waited(0), Ready::Nothing);
        drop(other_end);
        assert_eq!(waited(FOR_EVER), Ready::HangUp);
    }
}
