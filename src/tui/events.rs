//! Reading the terminal's events on a thread of their own, which can be
//! paused while another program (the reader's editor) has the terminal.
//!
//! The thread waits for input a little at a time ([`WAIT`]) so that it
//! can notice a pause between two waits: a blocking read could not be
//! interrupted, and would take keys meant for the editor.

use std::io;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, TryIter};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};

/// How long the thread waits for input before looking for a pause.
const WAIT: Duration = Duration::from_millis(100);

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

/// The events read, and the means to pause their reading.
pub struct EventReader {
    receiver: Receiver<io::Result<Event>>,
    pause: Arc<Pause>,
}

impl EventReader {
    /// Starts the thread that reads events.
    pub fn spawn() -> EventReader {
        let (sender, receiver) = mpsc::channel();
        let pause = Arc::new(Pause::default());
        let shared = Arc::clone(&pause);
        thread::spawn(move || {
            loop {
                shared.wait_while_asked();
                let event = match event::poll(WAIT) {
                    Ok(false) => continue,
                    Ok(true) => event::read(),
                    Err(error) => Err(error),
                };
                let failed = event.is_err();
                if sender.send(event).is_err() || failed {
                    return;
                }
            }
        });
        EventReader { receiver, pause }
    }

    /// The next event, waiting at most `timeout`.
    pub fn recv_timeout(&self, timeout: Duration) -> Result<io::Result<Event>, RecvTimeoutError> {
        self.receiver.recv_timeout(timeout)
    }

    /// The events already read.
    pub fn try_iter(&self) -> TryIter<'_, io::Result<Event>> {
        self.receiver.try_iter()
    }

    /// Stops reading events until [`EventReader::resume`]: returns once
    /// the thread waits no more for input (or has stopped).
    pub fn pause(&self) {
        let mut state = self.pause.lock();
        state.asked = true;
        // The thread notices within one WAIT; one that stopped never
        // does, hence the bound.
        let (state, _) = self
            .pause
            .changed
            .wait_timeout_while(state, WAIT * 5, |state| !state.paused)
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
