//! What wakes the reader: the terminal's events, read on a thread of
//! their own that can be paused while another program (the reader's
//! editor) has the terminal, and the signals and hang-up the watcher
//! reports ([`super::watch`]). Both threads block until something
//! happens: an idle reader wakes up for nothing.

use std::io;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryIter};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};
use signal_hook::consts::SIGWINCH;

use super::watch;

/// How long a pause waits for the thread to say it has paused.
const PAUSE_BOUND: Duration = Duration::from_millis(500);

/// Something that wakes the reader.
#[derive(Debug)]
pub enum Wake {
    /// An event read from the terminal, or the error that ended reading.
    Event(io::Result<Event>),
    /// A signal came (the loop reads which from its flags).
    Signal,
    /// The terminal went away.
    HangUp,
}

/// Whether the thread is asked to pause, and whether it has.
#[derive(Debug, Default)]
struct PauseState {
    asked: bool,
    paused: bool,
}

/// The pause, shared with the thread.
#[derive(Debug, Default)]
struct Pause {
    state: Mutex<PauseState>,
    changed: Condvar,
}

/// What wakes the reader, and the means to pause the reading of events.
pub struct EventReader {
    receiver: Receiver<Wake>,
    pause: Arc<Pause>,
}

impl EventReader {
    /// Starts the thread that reads events and the one that watches for
    /// `signals` and for the terminal going away.
    pub fn spawn(signals: &[libc::c_int]) -> io::Result<EventReader> {
        let (sender, receiver) = mpsc::channel();
        watch::spawn(sender.clone(), signals)?;
        let pause = Arc::new(Pause::default());
        let shared = Arc::clone(&pause);
        thread::Builder::new()
            .name("events".into())
            .spawn(move || read_events(&sender, &shared))?;
        Ok(EventReader { receiver, pause })
    }

    /// The next wake-up, waiting at most `timeout`, or for ever when it
    /// is `None`.
    pub fn next(&self, timeout: Option<Duration>) -> Result<Wake, RecvTimeoutError> {
        match timeout {
            Some(timeout) => self.receiver.recv_timeout(timeout),
            None => self
                .receiver
                .recv()
                .map_err(|_| RecvTimeoutError::Disconnected),
        }
    }

    /// The wake-ups already there.
    pub fn try_iter(&self) -> TryIter<'_, Wake> {
        self.receiver.try_iter()
    }

    /// Stops reading events until [`EventReader::resume`]: returns once
    /// the thread waits no more for input (or has stopped).
    ///
    /// crossterm gives no way to interrupt a read but an event: the
    /// thread is woken as a resize would wake it, by SIGWINCH, and the
    /// resize it then reads (of the same size) does nothing.
    pub fn pause(&self) {
        let mut state = self.pause.lock();
        state.asked = true;
        let _ = signal_hook::low_level::raise(SIGWINCH);
        // A thread that stopped never says it paused, hence the bound.
        let (state, _) = self
            .pause
            .changed
            .wait_timeout_while(state, PAUSE_BOUND, |state| !state.paused)
            .unwrap_or_else(PoisonError::into_inner);
        drop(state);
    }

    /// Reads events again.
    pub fn resume(&self) {
        let mut state = self.pause.lock();
        state.asked = false;
        self.pause.changed.notify_all();
    }
}

/// Reads the terminal's events into `sender`, blocking until each comes,
/// pausing when asked, until reading fails or nobody listens.
fn read_events(sender: &Sender<Wake>, pause: &Pause) {
    loop {
        pause.wait_while_asked();
        let event = event::read();
        let failed = event.is_err();
        if sender.send(Wake::Event(event)).is_err() || failed {
            return;
        }
    }
}

impl Pause {
    fn lock(&self) -> std::sync::MutexGuard<'_, PauseState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits, saying so, while a pause is asked for.
    fn wait_while_asked(&self) {
        let mut state = self.lock();
        while state.asked {
            state.paused = true;
            self.changed.notify_all();
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        state.paused = false;
    }
}
