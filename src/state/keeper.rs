//! Keeping one reader's state: restoring it when a document opens, saving
//! it as the reader goes and when it leaves.
//!
//! Highlights are saved on every change; the reading position when it has
//! not moved for [`POSITION_DELAY`], and on leaving. A save that fails says
//! why in the status line and is tried again on the next change; nothing
//! in memory is lost.

use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

use super::export::{About, Export, ExportFormat};
use super::{DocId, DocState, FileMark, Identity, StateError, Store};
use crate::anchor::TextAnchor;
use crate::document::Document;
use crate::document::index::Count;
use crate::highlights::{Highlight, Highlights, Record};
use crate::language::Language;
use crate::viewport::Anchor;

/// How long the view must rest before its position is saved.
pub const POSITION_DELAY: Duration = Duration::from_secs(2);

/// One reader's link to the saved state of its document.
#[derive(Debug)]
pub struct Keeper {
    store: Store,
    id: DocId,
    /// The file the document was read from.
    file: Option<FileMark>,
    /// What was last read from or written to the file.
    base: DocState,
    read_only: bool,
    saved_revision: u64,
    saved_position: Option<TextAnchor>,
    /// When the moved position is due to be saved.
    position_due: Option<Instant>,
}

/// The saved highlights of `document` as loaded from `store` (by its id, or
/// by `path` when the file changed), found in the text; and warnings.
pub fn load_highlights(
    store: &Store,
    document: &Document,
    path: Option<&Path>,
) -> (Vec<Highlight>, Vec<String>) {
    let loaded = store.load(&DocId::of(document), path);
    let highlights = loaded
        .state
        .highlights
        .into_iter()
        .map(|record| Highlight::from_record(record, document))
        .collect();
    (highlights, loaded.warnings)
}

/// The export in `format` of the saved highlights of `document` (see
/// [`export`]), read from the file `path` when it was (its source, and
/// where its remembered language is found); paragraphs counted as far as
/// the last highlight so that every number is exact; and warnings.
pub fn export_highlights(
    store: &Store,
    document: &Document,
    path: Option<&Path>,
    format: ExportFormat,
) -> (String, Vec<String>) {
    let (highlights, warnings) = load_highlights(store, document, path);
    // The count goes in order: once it has numbered the last highlight,
    // all are exact, however much text follows.
    let last = highlights
        .iter()
        .filter_map(|h| h.place.as_ref().map(|p| p.paragraph))
        .max();
    if let Some(last) = last {
        while document.counting() && matches!(document.number_of(last), Count::Estimate(_)) {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    // The language the reader would use: the one remembered for the file,
    // else the one detected (a format that names one is taken at its word
    // by `About`).
    let language = path
        .and_then(|path| store.recall(path))
        .and_then(|recalled| recalled.language)
        .or_else(|| Language::detect_document(document).map(|l| l.code().to_owned()));
    let about = About::new(document, path, language.as_deref(), SystemTime::now());
    let export = Export::new(document, about, &highlights);
    (export.render(format), warnings)
}

/// What a reader shows that the state keeps: its document, highlights
/// and reading position; what the keeper tells it back (highlights merged
/// from another reader, the place to go back to, messages). The app
/// implements it: the state never needs to know the app.
pub trait Kept {
    /// The document read.
    fn document(&self) -> &Document;
    /// Its highlights.
    fn highlights(&self) -> &Highlights;
    /// Replaces the highlights (loaded, or merged with another reader's),
    /// keeping their revision.
    fn replace_highlights(&mut self, items: Vec<Highlight>);
    /// The reading position, by its words.
    fn reading_position(&self) -> Option<TextAnchor>;
    /// Goes to `anchor` (the saved reading position).
    fn restore_position(&mut self, anchor: Anchor);
    /// Says `message` in the status line.
    fn set_message(&mut self, message: String);
    /// Whether an export was asked for; asking clears the request.
    fn take_export_request(&mut self) -> bool;
    /// The language the text is typeset in (detected or chosen), as a
    /// code, for the export.
    fn language(&self) -> Option<String>;
}

impl Keeper {
    /// Opens the saved state of `app`'s document in `store` (`path`: the
    /// file it was read from): places its highlights and, unless
    /// `from_start`, goes back to where the reader left it, saying so.
    pub fn open(
        store: Store,
        app: &mut impl Kept,
        path: Option<&Path>,
        from_start: bool,
    ) -> Keeper {
        let file = path.map(|path| FileMark {
            path: path.to_path_buf(),
            identity: Identity::of(path),
            language: None,
        });
        Keeper::open_file(store, app, file, None, from_start)
    }

    /// [`Keeper::open`] for a document read from `file` (its identity and
    /// detected language taken when it was read), whose id is `known` when
    /// the store recalled it (else its text is hashed).
    pub fn open_file(
        store: Store,
        app: &mut impl Kept,
        file: Option<FileMark>,
        known: Option<DocId>,
        from_start: bool,
    ) -> Keeper {
        let id = known.unwrap_or_else(|| DocId::of(app.document()));
        let path = file.as_ref().map(|file| file.path.as_path());
        let loaded = store.load(&id, path);
        let mut notes = loaded.warnings.clone();
        let highlights: Vec<Highlight> = loaded
            .state
            .highlights
            .iter()
            .cloned()
            .map(|record| Highlight::from_record(record, app.document()))
            .collect();
        let lost = highlights.iter().filter(|h| h.place.is_none()).count();
        if lost > 0 {
            notes.push(format!(
                "{lost} highlight{} not found in the text (H lists them)",
                if lost == 1 { "" } else { "s" }
            ));
        }
        app.replace_highlights(highlights);
        if let Some(saved) = loaded.state.position.as_ref().filter(|_| !from_start) {
            if let Some(place) = saved.locate(app.document()) {
                app.restore_position(Anchor {
                    paragraph: place.paragraph,
                    offset: place.range.start,
                });
                // The share of the text, exact at once (a paragraph's number
                // may still be an estimate while the count runs).
                let percent = app
                    .document()
                    .percent_at(place.paragraph, place.range.start);
                notes.insert(0, format!("back where you left off ({percent}%)"));
            } else {
                notes.push("the saved position is not in the text any more".into());
            }
        }
        if !notes.is_empty() {
            app.set_message(notes.join("; "));
        }
        let saved_position = app.reading_position();
        Keeper {
            store,
            id,
            file,
            base: if loaded.migrated {
                DocState::default()
            } else {
                loaded.state
            },
            read_only: loaded.read_only,
            saved_revision: app.highlights().revision(),
            saved_position,
            position_due: None,
        }
    }

    /// The document's id.
    pub fn id(&self) -> &DocId {
        &self.id
    }

    /// The store, to open another document's state with (after a reload).
    pub fn into_store(self) -> Store {
        self.store
    }

    /// When the moved reading position is due to be saved, if it moved.
    pub fn next_save(&self) -> Option<Instant> {
        self.position_due
    }

    /// Saves what changed, as due, and writes an export when asked;
    /// whether the app changed (a message, merged highlights).
    pub fn sync(&mut self, app: &mut impl Kept) -> bool {
        let mut changed = false;
        if app.take_export_request() {
            let source = self.file.as_ref().map(|file| file.path.as_path());
            let language = app.language();
            let about = About::new(
                app.document(),
                source,
                language.as_deref(),
                SystemTime::now(),
            );
            let markdown = Export::new(app.document(), about, app.highlights().all()).markdown();
            app.set_message(match self.store.write_export(&self.id, &markdown) {
                Ok(file) => format!("highlights written to {}", file.display()),
                Err(error) => format!("cannot export: {error}"),
            });
            changed = true;
        }
        let position = app.reading_position();
        let now = Instant::now();
        if position != self.saved_position {
            if self.position_due.is_none() {
                self.position_due = Some(now + POSITION_DELAY);
            }
        } else {
            self.position_due = None;
        }
        let highlights_changed = app.highlights().revision() != self.saved_revision;
        let position_due = self.position_due.is_some_and(|due| now >= due);
        if highlights_changed || position_due {
            changed |= self.report(app, highlights_changed);
        }
        changed
    }

    /// Saves whatever changed (on leaving); the error, if the save failed.
    pub fn finish(&mut self, app: &mut impl Kept) -> Result<(), StateError> {
        let changed = app.highlights().revision() != self.saved_revision
            || app.reading_position() != self.saved_position;
        if changed { self.save(app) } else { Ok(()) }
    }

    /// Saves, telling the reader of a failure when `loud`.
    fn report(&mut self, app: &mut impl Kept, loud: bool) -> bool {
        match self.save(app) {
            Ok(()) => false,
            Err(error) if loud => {
                app.set_message(format!("cannot save: {error}"));
                true
            }
            Err(_) => false,
        }
    }

    /// Saves the state now, merged with what another reader saved.
    fn save(&mut self, app: &mut impl Kept) -> Result<(), StateError> {
        let position = app.reading_position();
        let revision = app.highlights().revision();
        self.saved_revision = revision;
        self.saved_position = position.clone();
        self.position_due = None;
        if self.read_only {
            return Err(StateError {
                path: self.store.doc_path(&self.id),
                problem: "read-only (written by a newer liseuse, or unreadable)".into(),
            });
        }
        let mine = DocState {
            version: super::VERSION,
            name: app.document().name().to_owned(),
            position,
            highlights: app.highlights().records(),
        };
        let merged = self
            .store
            .save(&self.id, self.file.as_ref(), &self.base, &mine)?;
        if !same_records(&merged.highlights, &mine.highlights) {
            // Another reader's changes: take them in.
            let current = app.highlights().all().to_vec();
            let items = merged
                .highlights
                .iter()
                .map(|record| {
                    current
                        .iter()
                        .find(|h| h.record() == *record)
                        .cloned()
                        .unwrap_or_else(|| Highlight::from_record(record.clone(), app.document()))
                })
                .collect();
            app.replace_highlights(items);
        }
        self.base = merged;
        Ok(())
    }
}

/// Whether `a` and `b` hold the same records, whatever their order (a
/// merge keeps the order of the file, the app that of the text).
fn same_records(a: &[Record], b: &[Record]) -> bool {
    fn sorted(records: &[Record]) -> Vec<&Record> {
        let mut sorted: Vec<&Record> = records.iter().collect();
        sorted.sort_by(|x, y| x.id.cmp(&y.id));
        sorted
    }
    a.len() == b.len() && sorted(a) == sorted(b)
}
