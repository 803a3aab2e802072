//! Asking the terminal its background colour (OSC 11), to choose the
//! theme, without ever waiting long: the question is followed by one that
//! every terminal answers at once (primary device attributes, DA1), whose
//! answer ends the wait.

use std::io::{self, Write};
use std::time::{Duration, Instant};

use crate::ui::theme::{Background, background_from_osc11};

/// How long the terminal has to answer, from the question: the wait ends
/// with the DA1 answer, which every terminal gives at once locally; a long
/// limit keeps a slow link's late answer (over SSH) from arriving after
/// the reader starts, where it would read as keys. Only a terminal that
/// answers nothing at all waits it out.
pub const BACKGROUND_TIMEOUT: Duration = Duration::from_millis(1000);

/// How long an answer is waited for when the time allowed ran out while
/// the first frame was prepared: one already there is read.
const GRACE: Duration = Duration::from_millis(50);

/// The colour question, asked.
#[derive(Debug)]
pub struct Question {
    tty: std::fs::File,
    asked: Instant,
}

impl Question {
    /// Asks the terminal (`/dev/tty`, in raw mode) its background colour;
    /// `None` when there is no terminal to ask.
    pub fn ask() -> Option<Question> {
        let mut tty = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
            .ok()?;
        tty.write_all(b"\x1b]11;?\x07\x1b[c")
            .and_then(|()| tty.flush())
            .ok()?;
        Some(Question {
            tty,
            asked: Instant::now(),
        })
    }

    /// Reads the answer, until the DA1 answer arrives or the time allowed
    /// passes: the background the terminal said it has, if it said.
    pub fn answer(self) -> Option<Background> {
        let deadline = (self.asked + BACKGROUND_TIMEOUT).max(Instant::now() + GRACE);
        background_from_osc11(&read_answer(self.tty, deadline))
    }
}

/// What `tty` says until it has answered DA1 or `deadline` passes.
fn read_answer(mut tty: std::fs::File, deadline: Instant) -> Vec<u8> {
    use std::os::fd::AsRawFd;
    let mut reply = Vec::new();
    let mut buf = [0u8; 256];
    while !has_device_attributes(&reply) {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        let mut poll = libc::pollfd {
            fd: tty.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        let millis = libc::c_int::try_from(left.as_millis().max(1)).unwrap_or(100);
        // SAFETY: one valid pollfd, for the length given.
        let ready = unsafe { libc::poll(&mut poll, 1, millis) };
        if ready <= 0 {
            break;
        }
        match io::Read::read(&mut tty, &mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => reply.extend_from_slice(&buf[..n]),
        }
    }
    reply
}

/// Whether `reply` holds an answer to DA1: `ESC [ ?` digits and `;`, `c`.
fn has_device_attributes(reply: &[u8]) -> bool {
    reply.windows(3).enumerate().any(|(at, w)| {
        w == b"\x1b[?"
            && reply[at + 3..]
                .iter()
                .find(|b| !(b.is_ascii_digit() || **b == b';'))
                == Some(&b'c')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A question whose answer is `reply`, asked `ago`.
    fn asked(ago: Duration, reply: &[u8]) -> Question {
        let (reader, mut writer) = std::io::pipe().unwrap();
        writer.write_all(reply).unwrap();
        Question {
            tty: std::fs::File::from(std::os::fd::OwnedFd::from(reader)),
            asked: Instant::now() - ago,
        }
    }

    #[test]
    fn an_answer_waiting_is_read_however_long_ago_the_question_was() {
        let light = b"\x1b]11;rgb:ffff/ffff/ffff\x07\x1b[?62;22c";
        let answer = asked(Duration::ZERO, light).answer();
        assert_eq!(answer, Some(Background::Light));
        // The first frame took longer than the time allowed: the answer,
        // there already, is still read, not left to be read as keys.
        let late = asked(BACKGROUND_TIMEOUT * 2, light).answer();
        assert_eq!(late, Some(Background::Light));
        // A terminal that says nothing of its colour: no background.
        assert_eq!(asked(Duration::ZERO, b"\x1b[?62;22c").answer(), None);
    }

    #[test]
    fn the_device_attributes_answer_is_told_from_the_rest() {
        assert!(has_device_attributes(b"\x1b]11;rgb:0/0/0\x07\x1b[?62;22c"));
        assert!(has_device_attributes(b"\x1b[?1;2c"));
        assert!(!has_device_attributes(b"\x1b]11;rgb:0/0/0\x07\x1b[?62;2"));
        assert!(!has_device_attributes(b"\x1b[?62;22R"));
        assert!(!has_device_attributes(b""));
    }
}
