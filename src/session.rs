//! What an interactive session does between rounds of keys, besides the
//! keys themselves: the saved state (opened at once, or once a book read
//! from its opening is whole, or once a new file's first frame is out),
//! the file followed with `--follow`, reading it again (`R`), and
//! remembering the measure the reader chose.

use std::path::PathBuf;
use std::time::Instant;

use crate::app::App;
use crate::cli::Cli;
use crate::load::{give_back_freed_memory, load, state_path};
use crate::state::keeper::Keeper;
use crate::state::{FileMark, Remembered, StateError, Store};
use crate::tui::Upkeep;

/// One interactive session's upkeep.
#[derive(Debug)]
pub struct Session {
    /// The command line (to read the file again as it was first read).
    cli: Cli,
    /// The saved state of the document, once opened.
    keeper: Option<Keeper>,
    /// The store, while the document is not whole yet (its state is the
    /// whole text's), or until the first frame is out (a file never read
    /// before, whose text is hashed to look for its state).
    waiting: Option<Store>,
    /// Whether the memory a structured document's parsing freed is still
    /// to be given back (once the document is whole and on screen).
    trim_due: bool,
    /// The file the document was read from, as the state remembers it.
    read_from: Option<FileMark>,
    /// The file followed with `--follow`.
    watched: Option<Watched>,
    /// Where the measure chosen is remembered.
    preferences: Option<Store>,
}

impl Session {
    /// A session for `app`, read as `cli` says from `read_from`, its
    /// state in `store`: opened now (by the document's id when `memory`
    /// has the file unchanged), or, while `app` reads the rest of its
    /// document, once it is whole, or, for a file it has never seen, once
    /// the first frame is out.
    pub fn start(
        cli: &Cli,
        app: &mut App,
        store: Option<Store>,
        read_from: Option<FileMark>,
        memory: Remembered,
    ) -> Session {
        let preferences = store.clone();
        // A file the store has never seen can have a state only under
        // another name (moved, copied), found by hashing its whole text:
        // that waits until the first frame is out, as a book's state
        // waits until the book is whole.
        let new_file = !memory.seen() && read_from.is_some();
        let known = memory.unchanged().map(|recalled| recalled.doc);
        let (keeper, waiting) = if app.is_reading_rest() || new_file {
            (None, store)
        } else {
            let keeper = store.map(|store| {
                Keeper::open_file(store, app, read_from.clone(), known, cli.from_start)
            });
            (keeper, None)
        };
        let watched = cli
            .follow
            .then(|| state_path(cli.file.as_deref()))
            .flatten()
            .map(Watched::new);
        Session {
            cli: cli.clone(),
            keeper,
            trim_due: app.document().is_structured(),
            waiting,
            read_from,
            watched,
            preferences,
        }
    }

    /// Saves what changed, opens the state of a document that became
    /// whole, reads the file again when asked or changed, remembers a new
    /// measure; whether the app changed (a message) and must be drawn.
    pub fn after(&mut self, app: &mut App) -> bool {
        let mut changed = false;
        if !app.is_reading_rest() && std::mem::take(&mut self.trim_due) {
            give_back_freed_memory();
        }
        // A book whose rest could not be read keeps no state: it would be
        // its beginning's.
        if !app.is_reading_rest()
            && let Some(store) = self.waiting.take()
            && !app.is_partial()
        {
            self.keeper = Some(Keeper::open_file(
                store,
                app,
                self.read_from.clone(),
                None,
                self.cli.from_start,
            ));
            changed = true;
        }
        let asked = app.take_reload_request();
        let changed_on_disk = self.watched.as_mut().is_some_and(Watched::changed);
        let reloaded = (asked || changed_on_disk) && self.reload(app, asked);
        changed |= self.keeper.as_mut().is_some_and(|keeper| keeper.sync(app)) || reloaded;
        if self.keeper.is_none() && app.take_export_request() {
            // Without a place to keep state there is nowhere to export to.
            app.set_message(
                "cannot export: no state directory (--state-dir or LISEUSE_STATE_DIR)".to_owned(),
            );
            changed = true;
        }
        if let Some(measure) = app.take_measure_change()
            && let Some(store) = &self.preferences
        {
            changed |= remember_measure(store, measure, app);
        }
        changed
    }

    /// When [`Session::after`] next has something to do though no key
    /// comes: a moved position to save, the followed file to look at.
    pub fn next_due(&self) -> Option<Instant> {
        let save = self.keeper.as_ref().and_then(Keeper::next_save);
        let look = self.watched.as_ref().map(Watched::next_look);
        save.into_iter().chain(look).min()
    }

    /// Saves whatever changed, on leaving; the error, if the save failed.
    pub fn finish(&mut self, app: &mut App) -> Result<(), StateError> {
        self.keeper
            .as_mut()
            .map_or(Ok(()), |keeper| keeper.finish(app))
    }

    /// Reads the file again into `app`, its state following (saved, then
    /// opened for the new text), saying so when `asked`; whether the app
    /// changed.
    fn reload(&mut self, app: &mut App, asked: bool) -> bool {
        let Some(path) = state_path(self.cli.file.as_deref()) else {
            app.set_message("only a file can be read again".to_owned());
            return true;
        };
        let document = match load(&self.cli, Some(&path)) {
            Ok(document) => document,
            Err(error) => {
                app.set_message(format!("cannot read it again: {error:#}"));
                return true;
            }
        };
        if let Some(Err(error)) = self.keeper.as_mut().map(|keeper| keeper.finish(app)) {
            app.set_message(format!("cannot save: {error}"));
            return true;
        }
        app.replace_document(document);
        if let Some(store) = self.keeper.take().map(Keeper::into_store) {
            self.keeper = Some(Keeper::open(store, app, Some(&path), true));
        }
        if asked {
            app.set_message("read again".to_owned());
        }
        true
    }
}

impl Upkeep for Session {
    fn after(&mut self, app: &mut App) -> bool {
        Session::after(self, app)
    }

    fn next_due(&self) -> Option<Instant> {
        Session::next_due(self)
    }
}

/// A file watched for changes (`--follow`): its size and modification
/// time, looked at no more often than [`Watched::EVERY`].
#[derive(Debug)]
struct Watched {
    path: PathBuf,
    seen: Option<(u64, std::time::SystemTime)>,
    looked: Instant,
}

impl Watched {
    /// How often the file is looked at.
    const EVERY: std::time::Duration = std::time::Duration::from_millis(250);

    fn new(path: PathBuf) -> Watched {
        let seen = Watched::look(&path);
        Watched {
            path,
            seen,
            looked: Instant::now(),
        }
    }

    fn look(path: &std::path::Path) -> Option<(u64, std::time::SystemTime)> {
        let metadata = std::fs::metadata(path).ok()?;
        Some((metadata.len(), metadata.modified().ok()?))
    }

    /// When the file is next to be looked at.
    fn next_look(&self) -> Instant {
        self.looked + Watched::EVERY
    }

    /// Whether the file changed since it was last looked at.
    fn changed(&mut self) -> bool {
        if self.looked.elapsed() < Watched::EVERY {
            return false;
        }
        self.looked = Instant::now();
        let now = Watched::look(&self.path);
        let changed = now.is_some() && now != self.seen;
        self.seen = now;
        changed
    }
}

/// Saves `measure` as the user's preferred one; says on the status line
/// (returning true) when it cannot.
fn remember_measure(store: &Store, measure: u16, app: &mut App) -> bool {
    let (mut preferences, warning) = store.load_preferences();
    preferences.measure = Some(measure);
    match store.save_preferences(&preferences) {
        Ok(()) => match warning {
            Some(warning) => {
                app.set_message(warning);
                true
            }
            None => false,
        },
        Err(error) => {
            app.set_message(format!("cannot save the preferences: {error}"));
            true
        }
    }
}
