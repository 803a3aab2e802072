//! The reader's saved state: where each document was left, its highlights,
//! and the user's preferences.
//!
//! **Where.** Under `$XDG_STATE_HOME/liseuse` (`~/.local/state/liseuse`),
//! or the directory given by `--state-dir` or `LISEUSE_STATE_DIR`:
//!
//! ```text
//! docs/<id>.json     one document's position and highlights
//! docs/<id>.lock     held while that file is re-read, merged and written
//! docs/<id>.md       highlights exported from the reader
//! paths/<hash>.json  which document a path last held (finds the state of
//!                    a file that was edited: its id changed)
//! preferences.json   the user's preferences
//! ```
//!
//! Directories are made 0700, files 0600.
//!
//! **Identity.** A document's id is a hash of its decoded text (see
//! [`DocId::of`]), so a renamed or moved file keeps its state, and standard
//! input and the bundled article have state too.
//!
//! **Safety.** Every write goes to a temporary file in the same directory,
//! is synced, renamed over the old file, and the directory synced
//! ([`write_atomic`]): a crash leaves the old state or the new, never a
//! torn file. A file that does not parse is renamed aside with a timestamp
//! and reported; one written by a newer version is left untouched and used
//! read-only. Two readers of the same document merge their changes on
//! save, under a lock ([`merge`]).
//!
//! **What lives here.** Storage only: files and directories, locking,
//! merging, versions, the [`keeper`] that ties a reader to its state, and
//! [`export`]. What is stored comes from elsewhere and is used as is: a
//! highlight's saved form is [`crate::highlights::Record`] and a place in
//! the text is a [`crate::anchor::TextAnchor`]. This module depends on
//! those, never they on it.

pub mod export;
pub mod files;
pub mod keeper;
mod merge;

use std::fmt;
use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

use crate::anchor::TextAnchor;
use crate::document::Document;
use crate::highlights::Record;
pub use files::{FileMark, Identity, Recalled, Remembered};
pub use merge::merge;

/// The version of the state files this build writes.
pub const VERSION: u32 = 1;

/// The environment variable that overrides the state directory.
pub const STATE_DIR_ENV: &str = "LISEUSE_STATE_DIR";

/// Texts up to this many bytes are hashed whole; larger ones by samples.
pub const HASH_WHOLE: usize = 8 << 20;

/// Size of each sample of a large text.
pub const SAMPLE: usize = 64 << 10;

/// Samples taken of a large text, evenly spaced from its first byte to
/// its last.
pub const SAMPLES: usize = 16;

/// A document's identity: a hash of its decoded text, in hexadecimal.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocId(pub String);

impl DocId {
    /// The id of `document`. A text of at most [`HASH_WHOLE`] bytes is
    /// hashed whole with XXH3-128 (a stable, specified hash); a larger one
    /// by its length and [`SAMPLES`] samples of [`SAMPLE`] bytes evenly
    /// spaced from its start to its end, so a gigabyte costs what a
    /// megabyte does (an edit that changes neither the length nor a sample
    /// keeps the id; anchors still find their words).
    pub fn of(document: &Document) -> DocId {
        let text = document.shared_text();
        let bytes = &text.source.bytes()[text.base.min(text.source.bytes().len())..];
        DocId::of_bytes(bytes)
    }

    /// The id of a text given as its decoded bytes (see [`DocId::of`]).
    pub fn of_bytes(bytes: &[u8]) -> DocId {
        let hash = if bytes.len() <= HASH_WHOLE {
            xxh3_128(bytes)
        } else {
            let mut hasher = Xxh3::new();
            hasher.update(&(bytes.len() as u64).to_le_bytes());
            let last = bytes.len() - SAMPLE;
            for i in 0..SAMPLES {
                let at = last / (SAMPLES - 1) * i;
                let at = if i == SAMPLES - 1 { last } else { at };
                hasher.update(&bytes[at..at + SAMPLE]);
            }
            hasher.digest128()
        };
        DocId(format!("{hash:032x}"))
    }
}

/// What is saved for one document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocState {
    /// The version of liseuse's state format that wrote it.
    pub version: u32,
    /// The document's name when it was last read (for people reading the
    /// file).
    #[serde(default)]
    pub name: String,
    /// Where the reader left it: the top of the view, by its first words.
    #[serde(default)]
    pub position: Option<TextAnchor>,
    /// The highlights, in no particular order.
    #[serde(default)]
    pub highlights: Vec<Record>,
}

/// The user's preferences, shared by every document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    /// The version of liseuse's state format that wrote it.
    #[serde(default)]
    pub version: u32,
    /// The measure chosen with the measure keys, if any.
    #[serde(default)]
    pub measure: Option<u16>,
}

/// A state file that could not be read or written: the file, and what
/// went wrong, in one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateError {
    /// The file.
    pub path: PathBuf,
    /// What went wrong.
    pub problem: String,
}

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.problem)
    }
}

impl std::error::Error for StateError {}

/// The operating system's words for an I/O error, without "(os error N)".
fn describe(error: &io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error ") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    }
}

fn error(path: &Path, problem: impl Into<String>) -> StateError {
    StateError {
        path: path.to_owned(),
        problem: problem.into(),
    }
}

/// What loading a document's state found.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The state (fresh when there was none or it was unreadable).
    pub state: DocState,
    /// Whether it must not be written (a newer version's, or unreadable).
    pub read_only: bool,
    /// Things the reader should be told, one line each.
    pub warnings: Vec<String>,
    /// Whether the state is an earlier text's (the file was edited): it
    /// is saved under the new id, where nothing is yet.
    pub migrated: bool,
}

/// How reading one state file went.
enum Read<T> {
    Missing,
    Found(T),
    /// Written by a newer version: used as far as understood, never
    /// written.
    Newer(Option<T>),
    /// Did not parse; renamed aside to this path.
    SetAside(PathBuf, String),
    /// Could not be read at all.
    Unreadable(String),
}

/// The directory that holds the state, and how to read and write it.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

impl Store {
    /// The store in `root`.
    pub fn new(root: impl Into<PathBuf>) -> Store {
        Store { root: root.into() }
    }

    /// The store chosen by `flag` (`--state-dir`), else by
    /// [`STATE_DIR_ENV`], else in the XDG state directory (on systems
    /// without one, macOS and Windows, in the local application data
    /// directory); `None` when there is no home to put it in.
    pub fn locate(flag: Option<&Path>) -> Option<Store> {
        if let Some(dir) = flag {
            return Some(Store::new(dir));
        }
        if let Some(dir) = std::env::var_os(STATE_DIR_ENV).filter(|d| !d.is_empty()) {
            return Some(Store::new(dir));
        }
        // macOS and Windows have no state directory: their place for an
        // application's local data serves.
        dirs::state_dir()
            .or_else(dirs::data_local_dir)
            .map(|dir| Store::new(dir.join("liseuse")))
    }

    /// The store's directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The state file of document `id`.
    pub fn doc_path(&self, id: &DocId) -> PathBuf {
        self.root.join("docs").join(format!("{}.json", id.0))
    }

    /// Where the reader exports document `id`'s highlights.
    pub fn export_path(&self, id: &DocId) -> PathBuf {
        self.root.join("docs").join(format!("{}.md", id.0))
    }

    fn lock_path(&self, id: &DocId) -> PathBuf {
        self.root.join("docs").join(format!("{}.lock", id.0))
    }

    /// The preferences file.
    pub fn preferences_path(&self) -> PathBuf {
        self.root.join("preferences.json")
    }

    /// Makes the directory of `file` (and the root), 0700.
    fn make_dirs(&self, file: &Path) -> Result<(), StateError> {
        let dir = file.parent().unwrap_or(&self.root);
        DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| {
                error(
                    dir,
                    format!("cannot create the directory: {}", describe(&e)),
                )
            })
    }

    /// Loads document `id`'s state. When it has none and `path` last held
    /// another text (the file was edited), that text's state is taken, its
    /// anchors to be found again in the new text.
    pub fn load(&self, id: &DocId, path: Option<&Path>) -> Loaded {
        let mut loaded = Loaded::default();
        let file = self.doc_path(id);
        let mut read = read_file::<DocState>(&file, VERSION);
        if matches!(read, Read::Missing)
            && let Some(previous) = path.and_then(|p| self.previous_doc(p))
            && previous != *id
        {
            // The earlier text's state is read; it is not written to.
            read = match read_file::<DocState>(&self.doc_path(&previous), VERSION) {
                Read::Found(state) => {
                    loaded.migrated = true;
                    Read::Found(state)
                }
                _ => Read::Missing,
            };
        }
        match read {
            Read::Missing => {}
            Read::Found(state) => loaded.state = state,
            Read::Newer(state) => {
                loaded.state = state.unwrap_or_default();
                loaded.read_only = true;
                loaded.warnings.push(format!(
                    "saved state from a newer liseuse, used read-only: {}",
                    file.display()
                ));
            }
            Read::SetAside(aside, problem) => loaded.warnings.push(format!(
                "saved state set aside, {problem}: {}",
                aside.display()
            )),
            Read::Unreadable(problem) => {
                loaded.read_only = true;
                loaded.warnings.push(format!(
                    "saved state {problem}, not saving over it: {}",
                    file.display()
                ));
            }
        }
        loaded.state.version = VERSION;
        loaded
    }

    /// Saves `mine` as document `id`'s state: under the document's lock,
    /// re-reads what is there, merges in the changes made since `base`
    /// (what was last read or written), and writes the result, which it
    /// returns. `read_from` is remembered as holding this document.
    pub fn save(
        &self,
        id: &DocId,
        read_from: Option<&FileMark>,
        base: &DocState,
        mine: &DocState,
    ) -> Result<DocState, StateError> {
        let file = self.doc_path(id);
        self.make_dirs(&file)?;
        if let Some(dir) = file.parent() {
            sweep_leftovers(dir);
        }
        let lock_path = self.lock_path(id);
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .open(&lock_path)
            .map_err(|e| error(&lock_path, describe(&e)))?;
        lock.lock().map_err(|e| error(&lock_path, describe(&e)))?;
        let disk = match read_file::<DocState>(&file, VERSION) {
            // Nothing usable on disk (deleted, or corrupt and set aside):
            // nobody else removed anything, so what this reader has is
            // kept whole.
            Read::Missing | Read::SetAside(..) => base.clone(),
            Read::Found(state) => state,
            Read::Newer(_) => {
                return Err(error(
                    &file,
                    "written by a newer liseuse; not saving over it",
                ));
            }
            Read::Unreadable(problem) => return Err(error(&file, problem)),
        };
        let mut merged = merge(base, mine, &disk);
        merged.version = VERSION;
        write_json(&file, &merged)?;
        drop(lock);
        if let Some(read_from) = read_from {
            self.remember_file(read_from, id)?;
        }
        Ok(merged)
    }

    /// Writes `text` as document `id`'s exported highlights; where it went.
    pub fn write_export(&self, id: &DocId, text: &str) -> Result<PathBuf, StateError> {
        let file = self.export_path(id);
        self.make_dirs(&file)?;
        write_atomic(&file, text.as_bytes())?;
        Ok(file)
    }

    /// The user's preferences (defaults when none are saved or the file is
    /// unreadable, with a warning in the latter case).
    pub fn load_preferences(&self) -> (Preferences, Option<String>) {
        let file = self.preferences_path();
        match read_file::<Preferences>(&file, VERSION) {
            Read::Missing => (Preferences::default(), None),
            Read::Found(preferences) => (preferences, None),
            Read::Newer(preferences) => (preferences.unwrap_or_default(), None),
            Read::SetAside(aside, problem) => (
                Preferences::default(),
                Some(format!(
                    "preferences set aside, {problem}: {}",
                    aside.display()
                )),
            ),
            Read::Unreadable(problem) => (
                Preferences::default(),
                Some(format!("{}: {problem}", file.display())),
            ),
        }
    }

    /// Saves the user's preferences, atomically.
    pub fn save_preferences(&self, preferences: &Preferences) -> Result<(), StateError> {
        let file = self.preferences_path();
        self.make_dirs(&file)?;
        let mut preferences = preferences.clone();
        preferences.version = VERSION;
        write_json(&file, &preferences)
    }
}

/// The version field alone, read first so a newer file is recognised even
/// when the rest has changed shape.
#[derive(Deserialize)]
struct Versioned {
    #[serde(default)]
    version: u32,
}

/// Reads and parses the JSON file at `path`; a file that does not parse is
/// renamed aside, one with a version above `current` is reported newer.
fn read_file<T: DeserializeOwned>(path: &Path, current: u32) -> Read<T> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Read::Missing,
        Err(e) => return Read::Unreadable(describe(&e)),
    };
    let parsed = serde_json::from_slice::<Versioned>(&bytes)
        .map_err(|e| e.to_string())
        .map(|v| (v.version, serde_json::from_slice::<T>(&bytes)));
    match parsed {
        Ok((version, parsed)) if version > current => Read::Newer(parsed.ok()),
        Ok((_, Ok(value))) => Read::Found(value),
        Ok((_, Err(problem))) => set_aside(path, problem.to_string()),
        Err(problem) => set_aside(path, problem),
    }
}

/// Renames the unreadable file at `path` aside, with a timestamp.
fn set_aside<T>(path: &Path, problem: String) -> Read<T> {
    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut aside = path.as_os_str().to_owned();
    aside.push(format!(".corrupt-{stamp}"));
    let aside = PathBuf::from(aside);
    let problem = format!("unreadable ({problem})");
    match fs::rename(path, &aside) {
        Ok(()) => Read::SetAside(aside, problem),
        Err(e) => Read::Unreadable(format!(
            "{problem}, and cannot set it aside: {}",
            describe(&e)
        )),
    }
}

/// Temporary files older than this were left by a writer that was killed.
const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_secs(600);

/// Removes the temporary files in `dir` that a writer killed before its
/// rename left behind (once a process for each directory: a listing costs
/// what the store holds).
fn sweep_leftovers(dir: &Path) {
    static SWEPT: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());
    {
        let mut swept = SWEPT
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if swept.iter().any(|d| d == dir) {
            return;
        }
        swept.push(dir.to_path_buf());
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age > LEFTOVER_AGE);
        if name.starts_with(".liseuse-") && name.ends_with(".tmp") && stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Writes `value` as JSON to `path`, atomically.
fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<(), StateError> {
    let mut json = serde_json::to_vec_pretty(value).map_err(|e| error(path, e.to_string()))?;
    json.push(b'\n');
    write_atomic(path, &json)
}

/// Writes `bytes` to `path` so that a crash at any moment leaves either
/// the old file or the new one: a temporary file (0600) in the same
/// directory, synced, renamed over `path`, then the directory synced.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StateError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let fail = |e: io::Error| error(path, format!("cannot write: {}", describe(&e)));
    let mut temp = tempfile::Builder::new()
        .prefix(".liseuse-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    temp.write_all(bytes).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    temp.persist(path).map_err(|e| fail(e.error))?;
    // The rename itself is made durable by syncing the directory.
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests;
