//! The only terminal I/O: entering and leaving the full screen, reading
//! events, signals, suspending.
//!
//! The terminal is restored on quit, on error, on panic (ratatui's hook,
//! extended to release the mouse), on SIGTERM, SIGHUP and SIGINT, and around
//! a suspend (`Ctrl-z` or SIGTSTP); SIGCONT redraws the whole screen.

use std::io::{self, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};

use crate::action::Action;
use crate::app::{App, WHEEL_LINES};
use crate::keymap::{self, Mode};
use crate::ui;

/// How long to wait for an event before looking at signals again.
const POLL: Duration = Duration::from_millis(50);

/// Why the reader stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The reader asked to quit.
    Quit,
    /// This signal asked the reader to stop.
    Signal(i32),
}

/// Signals noted by their handlers, for the loop to act on.
struct Signals {
    terminate: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    resume: Arc<AtomicBool>,
}

impl Signals {
    fn register() -> io::Result<Signals> {
        let signals = Signals {
            terminate: Arc::default(),
            stop: Arc::default(),
            resume: Arc::default(),
        };
        for signal in [SIGTERM, SIGHUP, SIGINT] {
            signal_hook::flag::register_usize(
                signal,
                Arc::clone(&signals.terminate),
                signal as usize,
            )?;
        }
        signal_hook::flag::register(SIGTSTP, Arc::clone(&signals.stop))?;
        signal_hook::flag::register(SIGCONT, Arc::clone(&signals.resume))?;
        Ok(signals)
    }
}

/// Runs the interactive reader until it quits or a signal stops it; the
/// terminal is restored in every case.
pub fn run(app: &mut App) -> io::Result<Exit> {
    let signals = Signals::register()?;
    let mut terminal = ratatui::try_init()?;
    let result = enter_extras().and_then(|()| {
        install_panic_hook();
        event_loop(&mut terminal, app, &signals)
    });
    let restored = leave();
    let exit = result?;
    restored?;
    Ok(exit)
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    signals: &Signals,
) -> io::Result<Exit> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|frame| {
                frame.render_widget(&*app, frame.area());
                if let Some(position) = ui::cursor_position(app, frame.area()) {
                    frame.set_cursor_position(position);
                }
            })?;
            dirty = false;
        }
        if app.should_quit() {
            return Ok(Exit::Quit);
        }
        if event::poll(POLL)? {
            if let Some(action) = action_for(app.mode(), event::read()?) {
                app.update(action);
            }
            dirty = true;
        }
        let signal = signals.terminate.swap(0, Ordering::SeqCst);
        if signal != 0 {
            return Ok(Exit::Signal(signal as i32));
        }
        if signals.stop.swap(false, Ordering::SeqCst) || app.take_suspend() {
            suspend(terminal)?;
            dirty = true;
        }
        if signals.resume.swap(false, Ordering::SeqCst) {
            terminal.clear()?;
            dirty = true;
        }
    }
}

fn action_for(mode: Mode, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => keymap::action_for(mode, key),
        Event::Mouse(mouse) if mode == Mode::Normal => match mouse.kind {
            MouseEventKind::ScrollDown => Some(Action::ScrollDown(WHEEL_LINES)),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp(WHEEL_LINES)),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize(width, height)),
        _ => None,
    }
}

/// What the reader adds to ratatui's setup: mouse reports.
fn enter_extras() -> io::Result<()> {
    execute!(stdout(), EnableMouseCapture)
}

/// Gives the terminal back as it was found.
fn leave() -> io::Result<()> {
    let mouse = execute!(stdout(), DisableMouseCapture);
    let restored = ratatui::try_restore();
    let cursor = execute!(stdout(), Show);
    mouse.and(restored).and(cursor)
}

/// Hands the terminal back, stops the process as SIGTSTP would, and takes
/// the terminal again once resumed.
fn suspend(terminal: &mut DefaultTerminal) -> io::Result<()> {
    leave()?;
    signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture, Hide)?;
    terminal.clear()
}

/// Extends ratatui's panic hook (which restores the terminal) to release
/// the mouse first.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture, LeaveAlternateScreen, Show);
        let _ = disable_raw_mode();
        previous(info);
    }));
}
