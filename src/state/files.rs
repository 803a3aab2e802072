//! Which document a file held when it was last read: one small entry per
//! path (under `paths/`), with the file's identity (device, inode, size,
//! modification time) and the language found in it. A file opened again
//! unchanged is known by its identity, so neither its text is hashed nor
//! its language detected again; an edited file's old state is found
//! through its path, to be migrated.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_128;

use super::{DocId, Read, StateError, Store, read_file, write_json};

/// What tells a file's content has not changed since it was last read,
/// short of reading it: where it is on disk, its size and its
/// modification time (as `make` and `rsync` trust them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    dev: u64,
    ino: u64,
    size: u64,
    modified_s: i64,
    modified_ns: i64,
}

impl Identity {
    /// The identity of the file at `path`, when it can be read.
    pub fn of(path: &Path) -> Option<Identity> {
        let metadata = fs::metadata(path).ok()?;
        Some(Identity {
            dev: metadata.dev(),
            ino: metadata.ino(),
            size: metadata.size(),
            modified_s: metadata.mtime(),
            modified_ns: metadata.mtime_nsec(),
        })
    }
}

/// A file as it was read: where, what it was, and the language detected
/// in it (`None` when it was given, not detected).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileMark {
    /// The path it was opened by.
    pub path: PathBuf,
    /// Its identity when it was read.
    pub identity: Option<Identity>,
    /// The language detected in it, as a code.
    pub language: Option<String>,
}

/// What is remembered of a file opened again unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recalled {
    /// The document it holds.
    pub doc: DocId,
    /// The language detected in it, as a code.
    pub language: Option<String>,
}

/// What the store remembers of a file, by its path.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Remembered {
    /// It was never read (under this path).
    #[default]
    Never,
    /// It was read, and has changed since (or its identity is unknown).
    Changed,
    /// It was read, and is as it was then.
    Unchanged(Recalled),
}

impl Remembered {
    /// Whether the file was read before, changed or not.
    pub fn seen(&self) -> bool {
        !matches!(self, Remembered::Never)
    }

    /// What is remembered of it when it is unchanged.
    pub fn unchanged(self) -> Option<Recalled> {
        match self {
            Remembered::Unchanged(recalled) => Some(recalled),
            Remembered::Never | Remembered::Changed => None,
        }
    }
}

/// Which document a path held when it was last read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct PathEntry {
    path: String,
    doc: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    identity: Option<Identity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    language: Option<String>,
}

impl Store {
    /// The entry of the (canonical) `path`.
    fn path_entry(&self, path: &Path) -> PathBuf {
        let key = xxh3_128(path.as_os_str().as_encoded_bytes());
        self.root.join("paths").join(format!("{key:032x}.json"))
    }

    /// The entry `path` has, if any, with its canonical form.
    fn entry_of(&self, path: &Path) -> Option<PathEntry> {
        let canonical = fs::canonicalize(path).ok()?;
        match read_file::<PathEntry>(&self.path_entry(&canonical), u32::MAX) {
            Read::Found(entry) if Path::new(&entry.path) == canonical => Some(entry),
            _ => None,
        }
    }

    /// Whether the file at `path` was read before (its state may hold a
    /// place to go back to and highlights).
    pub fn knows(&self, path: &Path) -> bool {
        self.remembered(path).seen()
    }

    /// What is remembered of the file at `path`, its entry read once:
    /// [`Store::knows`] and [`Store::recall`] together.
    pub fn remembered(&self, path: &Path) -> Remembered {
        let Some(entry) = self.entry_of(path) else {
            return Remembered::Never;
        };
        match Identity::of(path) {
            Some(identity) if entry.identity == Some(identity) => Remembered::Unchanged(Recalled {
                doc: DocId(entry.doc),
                language: entry.language,
            }),
            _ => Remembered::Changed,
        }
    }

    /// The document `path` held when it was last read, if known.
    pub(super) fn previous_doc(&self, path: &Path) -> Option<DocId> {
        self.entry_of(path).map(|entry| DocId(entry.doc))
    }

    /// What is remembered of the file at `path`, when it has not changed
    /// since it was last read (same identity).
    pub fn recall(&self, path: &Path) -> Option<Recalled> {
        self.remembered(path).unchanged()
    }

    /// Remembers that `file` holds document `id`.
    pub(super) fn remember_file(&self, file: &FileMark, id: &DocId) -> Result<(), StateError> {
        let Ok(path) = fs::canonicalize(&file.path) else {
            return Ok(());
        };
        let entry = PathEntry {
            path: path.to_string_lossy().into_owned(),
            doc: id.0.clone(),
            identity: file.identity,
            language: file.language.clone(),
        };
        let index = self.path_entry(&path);
        self.make_dirs(&index)?;
        write_json(&index, &entry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(path: &Path, language: &str) -> FileMark {
        FileMark {
            path: path.to_path_buf(),
            identity: Identity::of(path),
            language: Some(language.to_owned()),
        }
    }

    #[test]
    fn an_unchanged_file_is_recalled_with_its_document_and_language() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("state"));
        let file = dir.path().join("book.txt");
        fs::write(&file, "Un texte.").unwrap();
        let id = DocId("abc".into());
        assert_eq!(store.recall(&file), None, "never read");
        assert_eq!(store.remembered(&file), Remembered::Never);
        store.remember_file(&mark(&file, "fr"), &id).unwrap();
        let recalled = store.recall(&file).unwrap();
        assert_eq!(recalled.doc, id);
        assert_eq!(recalled.language.as_deref(), Some("fr"));
        assert!(store.knows(&file));
    }

    #[test]
    fn a_changed_file_is_not_recalled_but_still_known_by_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("state"));
        let file = dir.path().join("book.txt");
        fs::write(&file, "Un texte.").unwrap();
        store
            .remember_file(&mark(&file, "fr"), &DocId("abc".into()))
            .unwrap();
        fs::write(&file, "Un texte plus long.").unwrap();
        assert_eq!(store.recall(&file), None);
        assert_eq!(store.remembered(&file), Remembered::Changed);
        assert_eq!(store.previous_doc(&file), Some(DocId("abc".into())));
    }

    #[test]
    fn entries_written_before_identities_load_and_are_not_recalled() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("state"));
        let file = dir.path().join("book.txt");
        fs::write(&file, "Un texte.").unwrap();
        let canonical = fs::canonicalize(&file).unwrap();
        let index = store.path_entry(&canonical);
        fs::create_dir_all(index.parent().unwrap()).unwrap();
        let old = format!(
            r#"{{"path":{},"doc":"abc"}}"#,
            serde_json::to_string(&canonical.to_string_lossy()).unwrap()
        );
        fs::write(&index, old).unwrap();
        assert_eq!(store.previous_doc(&file), Some(DocId("abc".into())));
        assert_eq!(store.recall(&file), None);
    }
}
