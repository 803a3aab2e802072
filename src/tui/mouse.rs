//! The mouse, as the setting asks: captured (clicks counted into double
//! and triple clicks), or left to the terminal with its wheel turned into
//! arrow keys (alternate-scroll mode), or left alone.

use std::sync::atomic::{AtomicU8, Ordering};
use std::time::{Duration, Instant};

use crate::config::MouseChoice;

/// What the mouse does, as the shell was set up (for entering the screen
/// again after a suspend): [`MouseChoice`] as a number.
static MOUSE: AtomicU8 = AtomicU8::new(0);

/// The terminal's alternate-scroll mode on: the wheel sends the arrow
/// keys on the alternate screen (xterm's mode 1007).
pub(super) const ALTERNATE_SCROLL_ON: &str = "\x1b[?1007h";

/// The alternate-scroll mode off.
pub(super) const ALTERNATE_SCROLL_OFF: &str = "\x1b[?1007l";

/// Sets the mouse setting in force.
pub(super) fn set_mouse_choice(choice: MouseChoice) {
    let number = match choice {
        MouseChoice::Select => 0,
        MouseChoice::Scroll => 1,
        MouseChoice::Off => 2,
    };
    MOUSE.store(number, Ordering::SeqCst);
}

/// The mouse setting in force.
pub(super) fn mouse_choice() -> MouseChoice {
    match MOUSE.load(Ordering::SeqCst) {
        0 => MouseChoice::Select,
        1 => MouseChoice::Scroll,
        _ => MouseChoice::Off,
    }
}

/// Two presses of the mouse's button closer than this, on the same
/// cell, make a double click (three a triple).
const MULTI_CLICK: Duration = Duration::from_millis(500);

/// The last press of the mouse's button: when, where, and how many came
/// in a row.
#[derive(Debug, Clone, Copy)]
pub(super) struct Click {
    at: Instant,
    cell: (u16, u16),
    /// The presses in a row, this one included (1 to 3).
    pub(super) count: u8,
}

impl Click {
    /// The press at `cell` now, counted with the one before when it is a
    /// double or triple click.
    pub(super) fn next(previous: Option<Click>, cell: (u16, u16)) -> Click {
        let now = Instant::now();
        let count = match previous {
            Some(click) if click.cell == cell && now.duration_since(click.at) < MULTI_CLICK => {
                click.count % 3 + 1
            }
            _ => 1,
        };
        Click {
            at: now,
            cell,
            count,
        }
    }
}
