//! EPUB 2 and 3 books: from the bytes of the zip to one [`Structured`]
//! document.
//!
//! The steps: `META-INF/container.xml` names the package (OPF); the
//! package gives the metadata, the manifest and the spine; each spine
//! item, an XHTML chapter, is turned into blocks by the HTML converter;
//! the table of contents comes from the EPUB 3 navigation document
//! (`nav[epub:type=toc]`), else from the EPUB 2 NCX `navMap`.
//!
//! Chapters are read in spine order, the `linear="no"` items (notes,
//! answers, covers meant to be reached by links) after all the others, so
//! the reading order is the book's and nothing is lost. Every chapter's
//! first block carries the anchor `"{chapter_path}"` and each id the
//! anchor `"{chapter_path}#{id}"`, where `chapter_path` is the entry's
//! name in the zip; links inside the book are rewritten to
//! `"#{chapter_path}"` and `"#{chapter_path}#{id}"`, so that they name
//! these anchors, and links out of it (`https:`, `mailto:`) are kept.
//!
//! Hostile books: nothing remote is ever fetched; every entry is read
//! through a limit ([`Limits`]) and never by its declared size, so a
//! decompression bomb is refused; a book whose chapters are encrypted
//! (DRM) is refused by name; a chapter that cannot be read (missing or
//! corrupt entry) becomes a block `[unreadable: path]` and the rest of
//! the book still opens; no input panics.
//!
//! Here: the public API, and the chapters put together into one book.
//! Beside it: `archive` (the zip, its limits, encryption), `package`
//! (container, OPF, reading order), `chapter` (a chapter's XHTML to
//! blocks, on every core), `toc` (nav and NCX), `links` (hrefs resolved)
//! and `xml` (decoding, quick-xml events).

mod archive;
mod chapter;
mod links;
mod package;
mod toc;
mod xml;

#[cfg(test)]
mod tests;

use std::fmt;

use super::html::convert::clean_line;
use crate::document::block::{Block, Metadata, Structured};
use archive::Book;
use chapter::{Chapter, convert, convert_all};
use package::{Item, Package, rootfile};

/// The most one entry of the zip may expand to.
pub const MAX_ENTRY_BYTES: u64 = 64 << 20;

/// The most all the entries read from one book may expand to.
pub const MAX_BOOK_BYTES: u64 = 512 << 20;

/// How much a book may expand to when it is read: past either limit, it
/// is refused as a likely decompression bomb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most one entry may expand to, in bytes.
    pub entry: u64,
    /// The most all the entries read may expand to, in bytes.
    pub book: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            entry: MAX_ENTRY_BYTES,
            book: MAX_BOOK_BYTES,
        }
    }
}

/// Why an EPUB could not be read. Its message is one line, without the
/// file's name (the caller puts it first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EpubError {
    /// The bytes are not a zip archive, or one cut short or corrupt.
    NotZip(String),
    /// A required entry is not in the archive.
    Missing(String),
    /// The content is encrypted.
    Protected,
    /// An entry expands past the limit of one entry.
    EntryTooLarge {
        /// The entry.
        entry: String,
        /// The limit, in bytes.
        limit: u64,
    },
    /// The entries together expand past the limit of one book.
    BookTooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// A required entry could not be read or parsed.
    Corrupt {
        /// The entry.
        entry: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The package lists no chapter that can be shown.
    NoChapters,
}

impl fmt::Display for EpubError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EpubError::NotZip(reason) => {
                write!(f, "not a readable EPUB (zip archive): {reason}")
            }
            EpubError::Missing(entry) => write!(f, "not a valid EPUB: '{entry}' is missing"),
            EpubError::Protected => {
                write!(
                    f,
                    "is protected by DRM (encrypted content): it cannot be read"
                )
            }
            EpubError::EntryTooLarge { entry, limit } => write!(
                f,
                "'{entry}' expands past {} MiB: refused as a possible zip bomb",
                limit >> 20
            ),
            EpubError::BookTooLarge { limit } => write!(
                f,
                "the book expands past {} MiB: refused as a possible zip bomb",
                limit >> 20
            ),
            EpubError::Corrupt { entry, reason } => {
                write!(f, "'{entry}' cannot be read: {reason}")
            }
            EpubError::NoChapters => write!(f, "the EPUB lists no chapter to show"),
        }
    }
}

impl std::error::Error for EpubError {}

/// Reads an EPUB (2 or 3) whose bytes are `bytes`, with the default
/// [`Limits`]. `path_name` is the book's file name: its stem is the title
/// when the book names none.
pub fn read(path_name: &str, bytes: &[u8]) -> Result<Structured, EpubError> {
    read_with_limits(path_name, bytes, Limits::default())
}

/// [`read`] with other limits on what the book may expand to.
pub fn read_with_limits(
    path_name: &str,
    bytes: &[u8],
    limits: Limits,
) -> Result<Structured, EpubError> {
    let (mut book, package, spine) = open_package(bytes, limits)?;
    // Inflated in order (the limits count as they go), then converted on
    // every core: chapters are independent.
    let mut chapters = Vec::with_capacity(spine.len());
    for item in &spine {
        chapters.push(inflate(&mut book, item)?);
    }
    let converted = convert_all(&spine, &chapters);
    finish(path_name, &mut book, &package, &spine, converted)
}

/// How much of a book its opening holds: chapters are read in order until
/// they hold at least this many blocks with text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Enough {
    /// Blocks with text: a screen's rows, since each such block takes one
    /// row at least.
    pub blocks: usize,
}

/// The first chapters of a book, enough to fill a screen, read without
/// the others (which take a hundred times longer): what is shown while
/// the rest is read.
#[derive(Debug)]
pub struct Opening {
    /// The chapters read. Laid out, its text is the start of the whole
    /// book's, byte for byte.
    pub structured: Structured,
    /// Whether that is the whole book (its table of contents included).
    pub whole: bool,
}

/// Reads the opening of the EPUB whose bytes are `bytes`: its chapters in
/// reading order, one at a time, until they make `enough`; the whole book
/// when it is that short. Fails as [`read`] would on what it reads.
pub fn read_opening(path_name: &str, bytes: &[u8], enough: Enough) -> Result<Opening, EpubError> {
    let (mut book, package, spine) = open_package(bytes, Limits::default())?;
    let mut converted = Vec::new();
    let mut blocks = 0;
    for item in &spine {
        if blocks >= enough.blocks {
            return Ok(Opening {
                structured: assemble(path_name, &package, &spine, converted),
                whole: false,
            });
        }
        let chapter = convert(item, inflate(&mut book, item)?.as_deref());
        blocks += chapter
            .0
            .iter()
            .filter(|block| !block.text.trim().is_empty())
            .count();
        converted.push(chapter);
    }
    let structured = finish(path_name, &mut book, &package, &spine, converted)?;
    Ok(Opening {
        structured,
        whole: true,
    })
}

/// Opens the archive and its package: the book, what the package says,
/// and the chapters in reading order; refused when they are encrypted or
/// there are none.
fn open_package(bytes: &[u8], limits: Limits) -> Result<(Book<'_>, Package, Vec<Item>), EpubError> {
    let mut book = Book::open(bytes, limits)?;
    let container = book.text("META-INF/container.xml")?;
    let opf_path = rootfile(&container).ok_or_else(|| EpubError::Corrupt {
        entry: "META-INF/container.xml".into(),
        reason: "it names no package (rootfile)".into(),
    })?;
    let encrypted = book.encrypted()?;
    let package = Package::parse(&book.text(&opf_path)?, &opf_path);
    let spine = package.reading_order();
    if spine.iter().any(|item| encrypted.contains(&item.path)) {
        return Err(EpubError::Protected);
    }
    if spine.is_empty() {
        return Err(EpubError::NoChapters);
    }
    Ok((book, package, spine))
}

/// A chapter's bytes; `None` when it cannot be read (the book still
/// opens), an error past the limits.
fn inflate(book: &mut Book<'_>, item: &Item) -> Result<Option<Vec<u8>>, EpubError> {
    archive::optional(book.bytes(&item.path))
}

/// The book from its converted chapters (all of them, in reading order):
/// their blocks one after another, the table of contents, the metadata.
fn finish(
    path_name: &str,
    book: &mut Book<'_>,
    package: &Package,
    spine: &[Item],
    converted: Vec<Chapter>,
) -> Result<Structured, EpubError> {
    let mut out = assemble(path_name, package, spine, converted);
    out.toc = toc::read(package, book, &out.blocks)?;
    Ok(out)
}

/// The converted chapters (the first ones of the reading order, or all)
/// one after another, with the package's metadata.
fn assemble(
    path_name: &str,
    package: &Package,
    spine: &[Item],
    converted: Vec<Chapter>,
) -> Structured {
    let mut out = Structured {
        metadata: package.metadata.clone(),
        ..Structured::default()
    };
    let language = converted.iter().find_map(|(_, language)| language.clone());
    let mut pending = Vec::new();
    for ((blocks, _), item) in converted.into_iter().zip(spine) {
        push_chapter(&mut out.blocks, blocks, &item.path, &mut pending);
    }
    if let Some(last) = out.blocks.last_mut() {
        last.anchors.append(&mut pending);
    }
    fill_metadata(&mut out.metadata, language, path_name);
    out
}

/// Adds a chapter's blocks: its first takes the chapter's anchor (and
/// those of empty chapters before it).
fn push_chapter(
    out: &mut Vec<Block>,
    mut blocks: Vec<Block>,
    path: &str,
    pending: &mut Vec<String>,
) {
    pending.push(path.to_owned());
    if let Some(first) = blocks.first_mut() {
        pending.append(&mut first.anchors);
        first.anchors = std::mem::take(pending);
    }
    out.append(&mut blocks);
}

/// Completes the metadata: the language of the first chapter when the
/// package names none, the file's stem when it has no title.
fn fill_metadata(metadata: &mut Metadata, language: Option<String>, path_name: &str) {
    if metadata.language.is_none() {
        metadata.language = language;
    }
    if metadata.title.is_none() {
        let name = path_name.rsplit(['/', '\\']).next().unwrap_or(path_name);
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        let stem = clean_line(stem);
        metadata.title = (!stem.is_empty()).then_some(stem);
    }
}
