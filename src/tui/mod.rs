//! The only terminal I/O: entering and leaving the full screen, reading
//! events, signals, suspending.
//!
//! The terminal is taken in two steps ([`open`], then
//! [`Opening::finish`]) so that the first frame is prepared while it
//! answers the colour question ([`background`]). It is restored on quit,
//! on error, on panic (a hook of its own), on SIGTERM, SIGHUP and SIGINT,
//! and around a suspend (`Ctrl-z` or SIGTSTP) or the reader's editor
//! (`A`, [`editor`]); SIGCONT redraws the whole screen.
//!
//! Events are read on a thread of their own ([`events`]), and a second
//! one ([`watch`]) wakes the loop for signals and for a terminal that has
//! gone away: crossterm 0.29 spins forever inside its read once its tty
//! hangs up (crossterm issue #793), and a reader must not outlive its
//! terminal burning a core. Between them the loop sleeps: it sets a timer
//! only while something is due without a key (background work running, a
//! save, a followed file to look at), and an idle reader never wakes.

use std::io::{self, BufWriter, IsTerminal, Stdout, Write, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, MouseButton,
    MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};

use crate::action::Action;
use crate::app::{App, WHEEL_LINES};
use crate::clipboard;
use crate::config::MouseChoice;
use crate::keymap::{Keymap, Mode};
use crate::ui;
use crate::ui::theme::{Background, Theme};

pub mod background;
pub mod bus;
mod editor;
mod events;
mod mouse;
mod watch;

use events::{EventReader, Wake};
use mouse::{ALTERNATE_SCROLL_OFF, ALTERNATE_SCROLL_ON, Click, mouse_choice};

/// How often the loop looks at background work while it runs (the
/// paragraphs' count, a search, the rest of a book).
const POLL: Duration = Duration::from_millis(50);

/// Why the reader stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The reader asked to quit.
    Quit,
    /// This signal asked the reader to stop.
    Signal(i32),
    /// The terminal went away (its window closed, the connection dropped).
    HangUp,
}

/// The signals the reader acts on.
const SIGNALS: [libc::c_int; 5] = [SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT];

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

/// The terminal as the reader draws on it, through a buffer: a frame goes
/// out in one write (the cursor's moves aside, which ratatui sends on
/// their own), so that a terminal seldom shows half of one.
pub(crate) type FrameTerminal = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// Room for a whole frame of a large window, escape sequences included
/// (a larger one takes more writes).
const FRAME_BUFFER: usize = 1 << 16;

/// A terminal over standard output, drawn whole on its first frame.
fn frame_terminal() -> io::Result<FrameTerminal> {
    Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(
        FRAME_BUFFER,
        stdout(),
    )))
}

/// Whether the reader is on the alternate screen (for the panic hook).
static ON_ALTERNATE_SCREEN: AtomicBool = AtomicBool::new(false);

/// Enters the alternate screen, with mouse reports or the wheel's arrow
/// keys as the mouse setting asks.
pub(crate) fn enter_screen() -> io::Result<()> {
    ON_ALTERNATE_SCREEN.store(true, Ordering::SeqCst);
    execute!(stdout(), EnterAlternateScreen)?;
    match mouse_choice() {
        MouseChoice::Select => execute!(stdout(), EnableMouseCapture),
        MouseChoice::Scroll => {
            let mut out = stdout();
            out.write_all(ALTERNATE_SCROLL_ON.as_bytes())?;
            out.flush()
        }
        MouseChoice::Off => Ok(()),
    }
}

/// The terminal, taken for the reader (see [`Opening::finish`]).
pub struct Screen {
    terminal: FrameTerminal,
    signals: Signals,
}

/// The terminal being taken: signals caught, raw mode on, maybe asked its
/// background colour, whose answer [`Opening::finish`] reads. The first
/// frame is prepared in between, while the answer travels. Dropped
/// unfinished, it reads the answer (so that it does not reach the shell)
/// and leaves raw mode.
#[must_use = "an opening leaves the terminal in raw mode until finished or dropped"]
pub struct Opening {
    /// The signals caught, until [`Opening::finish`] hands them to the
    /// screen: `None` once finished.
    signals: Option<Signals>,
    /// The colour question, until its answer is read.
    question: Option<background::Question>,
}

/// Starts taking the terminal: signals caught, raw mode (restored by a
/// panic), and, when `ask_background`, the background colour asked (see
/// [`background`]). Nothing may read the terminal until
/// [`Opening::finish`].
pub fn open(ask_background: bool, mouse: MouseChoice) -> io::Result<Opening> {
    mouse::set_mouse_choice(mouse);
    let signals = Signals::register()?;
    bus::remember_terminal();
    enable_raw_mode()?;
    install_panic_hook();
    Ok(Opening {
        signals: Some(signals),
        question: ask_background.then(background::Question::ask).flatten(),
    })
}

impl Opening {
    /// Finishes taking the terminal: reads the answer to the colour
    /// question, then enters the alternate screen and turns mouse reports
    /// on. The background the terminal said it has, if it was asked and
    /// said.
    pub fn finish(mut self) -> io::Result<(Screen, Option<Background>)> {
        let background = self.question.take().and_then(background::Question::answer);
        let Some(signals) = self.signals.take() else {
            return Err(io::Error::other("the terminal was taken already"));
        };
        let taken = enter_screen().and_then(|()| frame_terminal());
        match taken {
            Ok(terminal) => Ok((Screen { terminal, signals }, background)),
            Err(error) => {
                let _ = leave();
                Err(error)
            }
        }
    }
}

impl Drop for Opening {
    fn drop(&mut self) {
        if self.signals.is_some() {
            let _ = self.question.take().map(background::Question::answer);
            let _ = disable_raw_mode();
        }
    }
}

/// The size of the terminal, in columns and rows, if it has one.
pub fn window_size() -> Option<(u16, u16)> {
    ratatui::crossterm::terminal::size().ok()
}

/// Asks `question` on the terminal and reads one key: whether it was `y`.
pub fn confirm(question: &str) -> io::Result<bool> {
    eprint!("{question} ");
    enable_raw_mode()?;
    let answer = loop {
        match event::read() {
            Ok(Event::Key(key)) if key.kind == KeyEventKind::Press => {
                break Ok(matches!(key.code, KeyCode::Char('y' | 'Y')));
            }
            Ok(_) => {}
            Err(error) => break Err(error),
        }
    };
    disable_raw_mode()?;
    eprintln!();
    answer
}

/// What the reader is set up with rather than what it is doing: the keys
/// in force and the styles it is drawn with (the app knows neither).
#[derive(Debug, Clone)]
pub struct Shell {
    /// The key bindings.
    pub keymap: Keymap,
    /// The styles.
    pub theme: Theme,
}

/// What the reader's loop does besides keys and drawing: the session's
/// upkeep (saving, the state of a document that became whole, a followed
/// file).
pub trait Upkeep {
    /// Called after each round of events, when something due
    /// ([`Upkeep::next_due`]) or background work wakes the loop, and as
    /// soon as the whole of a document shown from its beginning has come
    /// (before any key acts on it), to save what changed; whether it
    /// changed the app (a message), which is then drawn.
    fn after(&mut self, app: &mut App) -> bool;

    /// When [`Upkeep::after`] next has something to do though no event
    /// comes (a position to save, a followed file to look at); `None`
    /// when nothing is due.
    fn next_due(&self) -> Option<Instant>;
}

/// Runs the interactive reader on `screen` until it quits or a signal
/// stops it; the terminal is restored in every case where there still is
/// one. `upkeep` is called as [`Upkeep::after`] says. Saving on the way
/// out is the caller's, once this returns, whatever the reason.
pub fn run(
    app: &mut App,
    screen: Screen,
    shell: &Shell,
    upkeep: &mut dyn Upkeep,
) -> io::Result<Exit> {
    let Screen {
        mut terminal,
        signals,
    } = screen;
    let result = event_loop(&mut terminal, app, shell, &signals, upkeep);
    if let Ok(Exit::HangUp) = result {
        return result;
    }
    // What a failed write left in the buffer goes out on the alternate
    // screen, not after it.
    drop(terminal);
    let restored = leave();
    let exit = result?;
    restored?;
    Ok(exit)
}

/// Asks the terminal to put `text` in the clipboard (OSC 52; passed
/// through tmux too).
fn copy_to_clipboard(terminal: &mut FrameTerminal, text: &str) -> io::Result<()> {
    let in_tmux = std::env::var_os("TMUX").is_some_and(|v| !v.is_empty());
    let backend = terminal.backend_mut();
    backend.write_all(clipboard::osc52(text, in_tmux).as_bytes())?;
    backend.flush()
}

fn event_loop(
    terminal: &mut FrameTerminal,
    app: &mut App,
    shell: &Shell,
    signals: &Signals,
    upkeep: &mut dyn Upkeep,
) -> io::Result<Exit> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    // The first frame goes out before any thread is started.
    draw(terminal, app, shell)?;
    let events = EventReader::spawn(&SIGNALS)?;
    let mut click: Option<Click> = None;
    app.start_reading_rest();
    app.document().start_counting();
    // What waited for the first frame (a new file's saved state) is done
    // before any key acts.
    let mut dirty = upkeep.after(app);
    let mut was_counting = false;
    loop {
        if dirty {
            draw(terminal, app, shell)?;
        }
        if app.should_quit() {
            return Ok(Exit::Quit);
        }
        // Signals are looked at on every turn (those that came before the
        // watcher started too).
        match act_on_signals(terminal, signals, app)? {
            Acted::Exit(exit) => return Ok(exit),
            Acted::Redrawn => {
                dirty = true;
                continue;
            }
            Acted::Nothing => {}
        }
        let timeout = wait_for(app, was_counting, upkeep.next_due());
        dirty = match events.next(timeout) {
            Ok(Wake::Event(event)) => {
                // Keys act on the whole document: the rest of a book shown
                // from its beginning is waited for (and the upkeep told).
                let mut dirty = app.take_rest(true) && {
                    upkeep.after(app);
                    true
                };
                // Apply everything already queued before drawing again;
                // events that do nothing (mouse moves) draw nothing.
                app.begin_batch();
                let mut hung_up = false;
                let queued = events.try_iter().filter_map(|wake| match wake {
                    Wake::Event(event) => Some(event),
                    // The flags say which signal came: they are read on
                    // every turn.
                    Wake::Signal => None,
                    Wake::HangUp => {
                        hung_up = true;
                        None
                    }
                });
                for event in std::iter::once(event).chain(queued) {
                    let event = event?;
                    if let Event::Mouse(mouse) = &event
                        && mouse.kind == MouseEventKind::Down(MouseButton::Left)
                    {
                        click = Some(Click::next(click, (mouse.column, mouse.row)));
                    }
                    let clicks = click.map_or(1, |c| c.count);
                    if let Some(action) = action_for(&shell.keymap, app.mode(), event, clicks) {
                        app.update(action);
                        dirty = true;
                    }
                }
                if hung_up {
                    return Ok(Exit::HangUp);
                }
                app.end_batch();
                dirty | app.poll_search()
            }
            Ok(Wake::Signal) => false,
            Ok(Wake::HangUp) => return Ok(Exit::HangUp),
            Err(RecvTimeoutError::Timeout) => {
                // Paragraph numbers sharpen while the count runs; matches
                // come in while a search runs.
                let whole = app.take_rest(false);
                let counting = app.document().counting();
                let found = app.poll_search();
                let dirty = whole || counting || was_counting || found;
                was_counting = counting;
                dirty
            }
            // The reading threads only stop by panicking.
            Err(RecvTimeoutError::Disconnected) => {
                return Err(io::Error::other("the terminal's events stopped"));
            }
        };
        dirty |= upkeep.after(app);
        if let Some(request) = app.take_editor_request() {
            editor::edit_note(terminal, &events, app, request)?;
            upkeep.after(app);
            dirty = true;
        }
        if let Some(text) = app.take_clipboard()
            && let Err(error) = copy_to_clipboard(terminal, &text)
        {
            app.set_message(format!("cannot copy: {error}"));
            dirty = true;
        }
    }
}

/// How long the loop may sleep before it has something to do though no
/// event comes: `None` (for ever) when nothing runs in the background
/// (a count that `was_counting` at the last look is drawn once more) and
/// nothing is `due`.
fn wait_for(app: &App, was_counting: bool, due: Option<Instant>) -> Option<Duration> {
    // The rest of a book is looked for often: it is due in a moment.
    if app.is_reading_rest() {
        return Some(POLL / 10);
    }
    let counting = was_counting || app.document().counting();
    let working =
        (counting || app.search().is_some_and(|search| search.is_running())).then_some(POLL);
    let until_due = due.map(|due| due.saturating_duration_since(Instant::now()));
    match (working, until_due) {
        (Some(working), Some(due)) => Some(working.min(due)),
        (working, due) => working.or(due),
    }
}

/// What the signals noted asked of the loop.
enum Acted {
    /// To stop.
    Exit(Exit),
    /// Nothing but to draw again (after a suspend or a resume).
    Redrawn,
    /// Nothing.
    Nothing,
}

/// Acts on the signals noted since the last look, on a suspend the reader
/// asked for, and on a terminal gone away.
fn act_on_signals(
    terminal: &mut FrameTerminal,
    signals: &Signals,
    app: &mut App,
) -> io::Result<Acted> {
    let signal = signals.terminate.swap(0, Ordering::SeqCst);
    if signal != 0 {
        return Ok(Acted::Exit(Exit::Signal(signal as i32)));
    }
    if !stdout().is_terminal() {
        // Or a file that shrank took the terminal away to end the reader.
        bus::wait_if_ending();
        return Ok(Acted::Exit(Exit::HangUp));
    }
    let mut acted = Acted::Nothing;
    if signals.stop.swap(false, Ordering::SeqCst) || app.take_suspend() {
        suspend(terminal)?;
        acted = Acted::Redrawn;
    }
    if signals.resume.swap(false, Ordering::SeqCst) {
        redraw_all(terminal)?;
        acted = Acted::Redrawn;
    }
    Ok(acted)
}

/// Draws one frame of `app`, in the shell's styles.
fn draw(terminal: &mut FrameTerminal, app: &App, shell: &Shell) -> io::Result<()> {
    let view = ui::View {
        app,
        theme: &shell.theme,
        keymap: &shell.keymap,
    };
    terminal.draw(|frame| {
        frame.render_widget(view, frame.area());
        if let Some(position) = ui::cursor_position(app, frame.area()) {
            frame.set_cursor_position(position);
        }
    })?;
    Ok(())
}

/// The action for `event` in `mode`, with the bindings of `keymap`; a
/// press of the mouse's button is the `clicks`-th in a row.
fn action_for(keymap: &Keymap, mode: Mode, event: Event, clicks: u8) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => keymap.action_for(mode, key),
        Event::Mouse(mouse) if matches!(mode, Mode::Normal | Mode::Visual) => match mouse.kind {
            MouseEventKind::ScrollDown => Some(Action::ScrollDown(WHEEL_LINES)),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp(WHEEL_LINES)),
            MouseEventKind::Down(MouseButton::Left) => {
                Some(Action::MousePress(mouse.column, mouse.row, clicks))
            }
            MouseEventKind::Drag(MouseButton::Left) => {
                Some(Action::MouseDrag(mouse.column, mouse.row))
            }
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize(width, height)),
        _ => None,
    }
}

/// Gives the terminal back as it was found.
pub(crate) fn leave() -> io::Result<()> {
    ON_ALTERNATE_SCREEN.store(false, Ordering::SeqCst);
    let mouse = match mouse_choice() {
        MouseChoice::Select => execute!(stdout(), DisableMouseCapture),
        MouseChoice::Scroll => {
            let mut out = stdout();
            out.write_all(ALTERNATE_SCROLL_OFF.as_bytes())
                .and_then(|()| out.flush())
        }
        MouseChoice::Off => Ok(()),
    };
    let restored = ratatui::try_restore();
    let cursor = execute!(stdout(), Show);
    mouse.and(restored).and(cursor)
}

/// Hands the terminal back, stops the process as SIGTSTP would, and takes
/// the terminal again once resumed.
fn suspend(terminal: &mut FrameTerminal) -> io::Result<()> {
    leave()?;
    signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
    enable_raw_mode()?;
    enter_screen()?;
    execute!(stdout(), Hide)?;
    redraw_all(terminal)
}

/// Clears the screen and forgets what was drawn, so the next frame is drawn
/// whole. `Terminal::clear` would ask the terminal for the cursor position,
/// an answer only the event thread can read.
pub(crate) fn redraw_all(terminal: &mut FrameTerminal) -> io::Result<()> {
    execute!(stdout(), Clear(ClearType::All))?;
    *terminal = frame_terminal()?;
    Ok(())
}

/// Restores the terminal (mouse, screen, cursor, raw mode) before a
/// panic's message is printed. A panic on another thread (the paragraph count) leaves
/// the terminal to the reader, which goes on without it.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() != Some("main") {
            return;
        }
        if ON_ALTERNATE_SCREEN.swap(false, Ordering::SeqCst) {
            let _ = execute!(stdout(), DisableMouseCapture, LeaveAlternateScreen);
            let _ = stdout().write_all(ALTERNATE_SCROLL_OFF.as_bytes());
        }
        let _ = execute!(stdout(), Show);
        let _ = disable_raw_mode();
        previous(info);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    fn app(text: &str) -> App {
        let app = App::new(Document::from_bytes("t", text.as_bytes()), 70, 80, 24);
        // A small text is counted at once: nothing runs.
        assert!(!app.document().counting());
        app
    }

    #[test]
    fn an_idle_reader_waits_for_ever_and_wakes_only_for_what_runs_or_is_due() {
        let mut app = app("One paragraph.\n\nAnother, with a word.\n");
        assert_eq!(wait_for(&app, false, None), None);
        // A count that ran at the last look is drawn once more.
        assert_eq!(wait_for(&app, true, None), Some(POLL));
        // A save due in a second: waited for, no longer.
        let due = Instant::now() + Duration::from_secs(1);
        let wait = wait_for(&app, false, Some(due)).unwrap();
        assert!(wait <= Duration::from_secs(1) && wait > POLL, "{wait:?}");
        // Due already: no wait at all.
        let past = Instant::now().checked_sub(Duration::from_secs(1)).unwrap();
        assert_eq!(wait_for(&app, false, Some(past)), Some(Duration::ZERO));
        // Something due later than the next look at a running count.
        assert_eq!(wait_for(&app, true, Some(due)), Some(POLL));
        // A search over, nothing runs again.
        app.search_for("word");
        assert!(!app.search().unwrap().is_running());
        assert_eq!(wait_for(&app, false, None), None);
    }
}
