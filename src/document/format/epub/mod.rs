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

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::{Cursor, Read};
use std::sync::atomic::{AtomicUsize, Ordering};

use dom_query::NodeRef;
use encoding_rs::Encoding;
use percent_encoding::percent_decode_str;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::html::convert::{blocks_from_node, clean_line, document_language, parse_xhtml};
use crate::document::block::{Block, InlineStyle, Metadata, Structured, TocEntry};

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
/// there are at least this many blocks and bytes of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Enough {
    /// Blocks (a screen's rows, since each block takes one at least).
    pub blocks: usize,
    /// Bytes of text (a screen's cells).
    pub bytes: usize,
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
    let (mut blocks, mut text) = (0, 0);
    for item in &spine {
        if blocks >= enough.blocks && text >= enough.bytes {
            return Ok(Opening {
                structured: assemble(path_name, &package, &spine, converted),
                whole: false,
            });
        }
        let chapter = convert(item, inflate(&mut book, item)?.as_deref());
        blocks += chapter.0.len();
        text += chapter
            .0
            .iter()
            .map(|block| block.text.len())
            .sum::<usize>();
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
    match book.bytes(&item.path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(error @ (EpubError::EntryTooLarge { .. } | EpubError::BookTooLarge { .. })) => {
            Err(error)
        }
        Err(_) => Ok(None),
    }
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
    out.toc = package.toc(book, &out.blocks)?;
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

/// A chapter converted: its blocks, and the language it declares.
type Chapter = (Vec<Block>, Option<String>);

/// A chapter's blocks and the language it declares, for each chapter
/// (`None`: it could not be read), in order; converted on as many threads
/// as there are cores, each taking the next chapter not yet taken.
fn convert_all(spine: &[Item], chapters: &[Option<Vec<u8>>]) -> Vec<Chapter> {
    let convert_at = |index: usize| convert(&spine[index], chapters[index].as_deref());
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(chapters.len());
    if workers <= 1 {
        return (0..chapters.len()).map(convert_at).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, Chapter)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        if index >= chapters.len() {
                            return mine;
                        }
                        mine.push((index, convert_at(index)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            // A worker that panicked loses its chapters: they are
            // converted again below, on this thread.
            .flat_map(|handle| handle.join().unwrap_or_default())
            .collect()
    });
    done.sort_by_key(|(index, _)| *index);
    let mut out = Vec::with_capacity(chapters.len());
    let mut done = done.into_iter().peekable();
    for index in 0..chapters.len() {
        match done.next_if(|(at, _)| *at == index) {
            Some((_, chapter)) => out.push(chapter),
            None => out.push(convert_at(index)),
        }
    }
    out
}

/// The chapter `item` whose bytes are `bytes` (`None`: unreadable),
/// converted.
fn convert(item: &Item, bytes: Option<&[u8]>) -> Chapter {
    match bytes {
        Some(bytes) => {
            let document = parse_xhtml(&decode(bytes));
            let language = document_language(&document);
            (chapter_blocks(document.root(), &item.path), language)
        }
        None => (vec![unreadable(&item.path)], None),
    }
}

/// The block that stands for a chapter that could not be read.
fn unreadable(path: &str) -> Block {
    Block::body(format!("[unreadable: {}]", clean_line(path)))
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

/// A chapter's blocks, with its anchors named `"{path}#{id}"` and its links
/// rewritten to name anchors of the book.
fn chapter_blocks(root: NodeRef<'_>, path: &str) -> Vec<Block> {
    let mut blocks = blocks_from_node(root);
    let folder = folder(path);
    for block in &mut blocks {
        for anchor in &mut block.anchors {
            *anchor = format!("{path}#{anchor}");
        }
        for inline in &mut block.styles {
            if let InlineStyle::Link(target) = &mut inline.style
                && let Some(inside) = internal_link(folder, path, target)
            {
                *target = inside;
            }
        }
    }
    blocks
}

/// The anchor an internal link leads to, `#{path}` or `#{path}#{id}`;
/// `None` for a link out of the book.
fn internal_link(folder: &str, path: &str, target: &str) -> Option<String> {
    if let Some(id) = target.strip_prefix('#') {
        let id = percent_decode_str(id).decode_utf8_lossy();
        return Some(format!("#{path}#{id}"));
    }
    let (resolved, fragment) = resolve(folder, target)?;
    Some(match fragment {
        Some(id) => format!("#{resolved}#{id}"),
        None => format!("#{resolved}"),
    })
}

/// The folder of an entry (`OEBPS/text` for `OEBPS/text/ch1.xhtml`,
/// empty at the root).
fn folder(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// Resolves `href`, relative to `folder`, to an entry's name and the
/// fragment after `#`, both percent-decoded; `None` when `href` leads out
/// of the book (it has a scheme: `https:`, `mailto:`…) or is empty.
fn resolve(folder: &str, href: &str) -> Option<(String, Option<String>)> {
    let (path, fragment) = match href.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    if has_scheme(path) || path.starts_with("//") {
        return None;
    }
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let mut parts: Vec<&str> = if decoded.starts_with('/') {
        Vec::new()
    } else {
        folder.split('/').filter(|p| !p.is_empty()).collect()
    };
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    if parts.is_empty() {
        return None;
    }
    let fragment = fragment
        .filter(|f| !f.is_empty())
        .map(|f| percent_decode_str(f).decode_utf8_lossy().into_owned());
    Some((parts.join("/"), fragment))
}

/// Whether a URL starts with a scheme (`letters:` before any `/`).
fn has_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// Decodes the text of an XML or XHTML entry: by its byte-order mark, else
/// by the encoding its XML declaration names, else as UTF-8 (bad bytes
/// become U+FFFD).
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    let encoding = Encoding::for_bom(bytes)
        .map(|(encoding, _)| encoding)
        .or_else(|| declared_encoding(bytes))
        .unwrap_or(encoding_rs::UTF_8);
    let (text, _, _) = encoding.decode(bytes);
    text
}

/// The encoding an XML declaration (`<?xml … encoding="…"?>`) names, if
/// encoding_rs knows it (and it is not UTF-16, which needs a BOM).
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(256))?;
    let head = std::str::from_utf8(head)
        .unwrap_or_else(|e| std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or(""));
    let declaration = head.trim_start().strip_prefix("<?xml")?;
    let declaration = &declaration[..declaration.find("?>")?];
    let after = &declaration[declaration.find("encoding")? + "encoding".len()..];
    let value = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let label = value[1..].split(quote).next()?;
    let encoding = Encoding::for_label(label.trim().as_bytes())?;
    (encoding != encoding_rs::UTF_16LE && encoding != encoding_rs::UTF_16BE).then_some(encoding)
}

/// The zip archive and what has been read from it.
struct Book<'a> {
    /// The archive.
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// The limits on what it expands to.
    limits: Limits,
    /// How many bytes all the entries read so far expanded to.
    read: u64,
}

impl<'a> Book<'a> {
    /// Opens the archive (its central directory only).
    fn open(bytes: &'a [u8], limits: Limits) -> Result<Book<'a>, EpubError> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|error| EpubError::NotZip(error.to_string()))?;
        Ok(Book {
            zip,
            limits,
            read: 0,
        })
    }

    /// Whether the archive has an entry named `name`.
    fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// The bytes of the entry `name`, within the limits.
    fn bytes(&mut self, name: &str) -> Result<Vec<u8>, EpubError> {
        let corrupt = |error: &dyn fmt::Display| EpubError::Corrupt {
            entry: clean_line(name),
            reason: error.to_string(),
        };
        let mut entry = match self.zip.by_name(name) {
            Ok(entry) => entry,
            Err(zip::result::ZipError::FileNotFound) => {
                return Err(EpubError::Missing(clean_line(name)));
            }
            Err(zip::result::ZipError::UnsupportedArchive(reason))
                if reason.contains("assword") =>
            {
                return Err(EpubError::Protected);
            }
            Err(error) => return Err(corrupt(&error)),
        };
        let left = self.limits.book.saturating_sub(self.read);
        let limit = self.limits.entry.min(left);
        let mut out = Vec::new();
        let taken = (&mut entry)
            .take(limit.saturating_add(1))
            .read_to_end(&mut out)
            .map_err(|error| corrupt(&error))?;
        let taken = u64::try_from(taken).unwrap_or(u64::MAX);
        if taken > limit {
            return Err(if limit == self.limits.entry {
                EpubError::EntryTooLarge {
                    entry: clean_line(name),
                    limit,
                }
            } else {
                EpubError::BookTooLarge {
                    limit: self.limits.book,
                }
            });
        }
        self.read += taken;
        Ok(out)
    }

    /// The entry `name` decoded as text.
    fn text(&mut self, name: &str) -> Result<String, EpubError> {
        Ok(decode(&self.bytes(name)?).into_owned())
    }

    /// The entries `META-INF/encryption.xml` says are encrypted, other than
    /// by font obfuscation (which hides fonts, not text).
    fn encrypted(&mut self) -> Result<HashSet<String>, EpubError> {
        const ENCRYPTION: &str = "META-INF/encryption.xml";
        if !self.has(ENCRYPTION) {
            return Ok(HashSet::new());
        }
        Ok(encrypted_entries(&self.text(ENCRYPTION)?))
    }
}

/// The font obfuscation algorithms: not DRM.
const FONT_OBFUSCATION: [&str; 2] = [
    "http://www.idpf.org/2008/embedding",
    "http://ns.adobe.com/pdf/enc#RC",
];

/// The entries an `encryption.xml` lists as encrypted by an algorithm that
/// is not font obfuscation.
fn encrypted_entries(xml: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut algorithm: Option<String> = None;
    for event in XmlEvents::new(xml) {
        match event {
            XmlEvent::Start(name, attributes) => match name.as_str() {
                "EncryptedData" => algorithm = None,
                "EncryptionMethod" if algorithm.is_none() => {
                    algorithm = attribute(&attributes, "Algorithm");
                }
                "CipherReference" => {
                    let obfuscation = algorithm
                        .as_deref()
                        .is_some_and(|a| FONT_OBFUSCATION.contains(&a));
                    if let Some((path, _)) = attribute(&attributes, "URI")
                        .and_then(|uri| resolve("", &uri))
                        .filter(|_| !obfuscation)
                    {
                        out.insert(path);
                    }
                }
                _ => {}
            },
            XmlEvent::End(_) | XmlEvent::Text(_) => {}
        }
    }
    out
}

/// The package's path, from `container.xml`: its first `rootfile` of the
/// OPF type (else its first `rootfile`).
fn rootfile(container: &str) -> Option<String> {
    let mut first = None;
    for event in XmlEvents::new(container) {
        if let XmlEvent::Start(name, attributes) = event
            && name == "rootfile"
            && let Some(path) = attribute(&attributes, "full-path")
        {
            let path = resolve("", &path).map(|(p, _)| p)?;
            let media = attribute(&attributes, "media-type");
            if media.as_deref() == Some("application/oebps-package+xml") {
                return Some(path);
            }
            first.get_or_insert(path);
        }
    }
    first
}

/// One manifest item.
#[derive(Debug, Clone)]
struct Item {
    /// Its entry's name in the zip.
    path: String,
    /// Its media type.
    media_type: String,
    /// Its EPUB 3 properties (`nav`, …).
    properties: String,
}

/// What the package (OPF) says.
#[derive(Debug, Default)]
struct Package {
    /// Title, authors, language, publisher, date.
    metadata: Metadata,
    /// The manifest, by id.
    manifest: HashMap<String, Item>,
    /// The spine: manifest ids, and whether each is linear.
    spine: Vec<(String, bool)>,
    /// The NCX's manifest id (`spine@toc`).
    ncx: Option<String>,
}

impl Package {
    /// Reads the package at `path` from its text; what is malformed is
    /// left out.
    fn parse(opf: &str, path: &str) -> Package {
        let folder = folder(path);
        let mut package = Package::default();
        let mut creators: Vec<String> = Vec::new();
        let mut field: Option<String> = None;
        let mut text = String::new();
        for event in XmlEvents::new(opf) {
            match event {
                XmlEvent::Start(name, attributes) => match name.as_str() {
                    "title" | "creator" | "language" | "publisher" | "date" => {
                        field = Some(name);
                        text.clear();
                    }
                    "item" => package.add_item(folder, &attributes),
                    "spine" => package.ncx = attribute(&attributes, "toc"),
                    "itemref" => {
                        if let Some(id) = attribute(&attributes, "idref") {
                            let linear = attribute(&attributes, "linear").as_deref() != Some("no");
                            package.spine.push((id, linear));
                        }
                    }
                    _ => {}
                },
                XmlEvent::Text(t) if field.is_some() => text.push_str(&t),
                XmlEvent::End(name) if field.as_deref() == Some(name.as_str()) => {
                    field = None;
                    let value = clean_line(&text);
                    if value.is_empty() {
                        continue;
                    }
                    let metadata = &mut package.metadata;
                    let slot = match name.as_str() {
                        "title" => &mut metadata.title,
                        "language" => &mut metadata.language,
                        "publisher" => &mut metadata.site,
                        "date" => &mut metadata.date,
                        _ => {
                            if !creators.contains(&value) {
                                creators.push(value);
                            }
                            continue;
                        }
                    };
                    slot.get_or_insert(value);
                }
                XmlEvent::Text(_) | XmlEvent::End(_) => {}
            }
        }
        if !creators.is_empty() {
            package.metadata.author = Some(creators.join(", "));
        }
        package
    }

    /// Adds a manifest `item`.
    fn add_item(&mut self, folder: &str, attributes: &[(String, String)]) {
        let (Some(id), Some(href)) = (attribute(attributes, "id"), attribute(attributes, "href"))
        else {
            return;
        };
        let Some((path, _)) = resolve(folder, &href) else {
            return;
        };
        let item = Item {
            path,
            media_type: attribute(attributes, "media-type").unwrap_or_default(),
            properties: attribute(attributes, "properties").unwrap_or_default(),
        };
        self.manifest.entry(id).or_insert(item);
    }

    /// The chapters to show, in reading order: the linear spine items,
    /// then the others; each once, (X)HTML only.
    fn reading_order(&self) -> Vec<Item> {
        let mut seen = HashSet::new();
        let linear = self.spine.iter().filter(|(_, linear)| *linear);
        let other = self.spine.iter().filter(|(_, linear)| !*linear);
        linear
            .chain(other)
            .filter_map(|(id, _)| self.manifest.get(id))
            .filter(|item| is_html(&item.media_type) && seen.insert(item.path.clone()))
            .cloned()
            .collect()
    }

    /// The table of contents, resolved to blocks: from the EPUB 3
    /// navigation document, else from the NCX.
    fn toc(&self, book: &mut Book<'_>, blocks: &[Block]) -> Result<Vec<TocEntry>, EpubError> {
        let mut anchors = HashMap::new();
        for (index, block) in blocks.iter().enumerate() {
            for anchor in &block.anchors {
                anchors.entry(anchor.as_str()).or_insert(index);
            }
        }
        let resolve_entries = |entries: Vec<(u8, String, String)>| -> Vec<TocEntry> {
            entries
                .into_iter()
                .filter_map(|(level, title, target)| {
                    let block = *anchors.get(target.as_str())?;
                    Some(TocEntry {
                        level,
                        title,
                        block,
                    })
                })
                .collect()
        };
        let nav = self
            .manifest
            .values()
            .find(|item| item.properties.split_ascii_whitespace().any(|p| p == "nav"));
        if let Some(nav) = nav
            && let Some(bytes) = optional(book.bytes(&nav.path))?
        {
            let toc = resolve_entries(nav_entries(&decode(&bytes), &nav.path));
            if !toc.is_empty() {
                return Ok(toc);
            }
        }
        let ncx = self
            .ncx
            .as_ref()
            .and_then(|id| self.manifest.get(id))
            .or_else(|| {
                self.manifest
                    .values()
                    .find(|item| item.media_type == "application/x-dtbncx+xml")
            });
        if let Some(ncx) = ncx
            && let Some(bytes) = optional(book.bytes(&ncx.path))?
        {
            return Ok(resolve_entries(ncx_entries(&decode(&bytes), &ncx.path)));
        }
        Ok(Vec::new())
    }
}

/// An entry that may be missing or unreadable (a table of contents):
/// `None` then, but a refusal past the limits stays an error.
fn optional(result: Result<Vec<u8>, EpubError>) -> Result<Option<Vec<u8>>, EpubError> {
    match result {
        Ok(bytes) => Ok(Some(bytes)),
        Err(error @ (EpubError::EntryTooLarge { .. } | EpubError::BookTooLarge { .. })) => {
            Err(error)
        }
        Err(_) => Ok(None),
    }
}

/// Whether a media type is a chapter the converter reads.
fn is_html(media_type: &str) -> bool {
    matches!(
        media_type.trim().to_ascii_lowercase().as_str(),
        "application/xhtml+xml" | "text/html" | "application/html" | "text/x-oeb1-document"
    )
}

/// The target anchor key (`path` or `path#id`) of a table of contents
/// entry's `href`, relative to the file `from`.
fn toc_target(from: &str, href: &str) -> Option<String> {
    let (path, fragment) = if let Some(id) = href.strip_prefix('#') {
        (
            from.to_owned(),
            Some(percent_decode_str(id).decode_utf8_lossy().into_owned()),
        )
    } else {
        resolve(folder(from), href)?
    };
    Some(match fragment {
        Some(id) => format!("{path}#{id}"),
        None => path,
    })
}

/// The entries of an EPUB 3 navigation document's table of contents
/// (`nav[epub:type~=toc]`, else its first `nav`): level, title and target
/// anchor key, in order. Nested `ol`s make the levels.
fn nav_entries(xhtml: &str, path: &str) -> Vec<(u8, String, String)> {
    let document = parse_xhtml(xhtml);
    let navs = document.select("nav");
    let navs: Vec<NodeRef<'_>> = navs.nodes().to_vec();
    let toc = navs
        .iter()
        .find(|nav| {
            nav.attr("epub:type")
                .is_some_and(|t| t.split_ascii_whitespace().any(|t| t == "toc"))
        })
        .or_else(|| navs.first());
    let Some(toc) = toc else {
        return Vec::new();
    };
    let mut entries = Vec::new();
    let mut stack = vec![(*toc, 0u8)];
    while let Some((node, lists)) = stack.pop() {
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        let lists = if name == "ol" || name == "ul" {
            lists.saturating_add(1)
        } else {
            lists
        };
        if name == "li"
            && let Some(label) = node
                .children_it(false)
                .find(|c| c.node_name().is_some_and(|n| matches!(&*n, "a" | "span")))
        {
            let title = clean_line(&label.text());
            let target = label.attr("href").and_then(|href| toc_target(path, &href));
            if let Some(target) = target.filter(|_| !title.is_empty()) {
                entries.push((lists.max(1), title, target));
            }
        }
        let children: Vec<_> = node.children_it(true).filter(|c| c.is_element()).collect();
        stack.extend(children.into_iter().map(|c| (c, lists)));
    }
    entries
}

/// The entries of an EPUB 2 NCX `navMap`: level (nested `navPoint`s),
/// title and target anchor key, in order.
fn ncx_entries(ncx: &str, path: &str) -> Vec<(u8, String, String)> {
    let mut entries = Vec::new();
    // Per open navPoint: its label and target, once known.
    let mut points: Vec<(String, Option<String>, bool)> = Vec::new();
    let mut in_map = false;
    let mut in_text = false;
    for event in XmlEvents::new(ncx) {
        match event {
            XmlEvent::Start(name, attributes) => match name.as_str() {
                "navMap" => in_map = true,
                "navPoint" if in_map => points.push((String::new(), None, false)),
                "text" => in_text = true,
                "content" => {
                    let depth = points.len();
                    if let Some(point) = points.last_mut()
                        && point.1.is_none()
                    {
                        point.1 = attribute(&attributes, "src").and_then(|s| toc_target(path, &s));
                        emit(&mut entries, point, depth);
                    }
                }
                _ => {}
            },
            XmlEvent::Text(text) if in_text => {
                if let Some(point) = points.last_mut()
                    && point.1.is_none()
                {
                    point.0.push_str(&text);
                }
            }
            XmlEvent::End(name) => match name.as_str() {
                "navMap" => in_map = false,
                "text" => in_text = false,
                "navPoint" => {
                    points.pop();
                }
                _ => {}
            },
            XmlEvent::Text(_) => {}
        }
    }
    entries
}

/// Records a navPoint once its label and target are read (its label comes
/// before its content).
fn emit(
    entries: &mut Vec<(u8, String, String)>,
    point: &mut (String, Option<String>, bool),
    depth: usize,
) {
    let title = clean_line(&point.0);
    if let Some(target) = &point.1
        && !title.is_empty()
        && !point.2
    {
        point.2 = true;
        let level = u8::try_from(depth).unwrap_or(u8::MAX).max(1);
        entries.push((level, title, target.clone()));
    }
}

/// The value of the attribute `name` among `attributes`.
fn attribute(attributes: &[(String, String)], name: &str) -> Option<String> {
    attributes
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.clone())
}

/// One event of [`XmlEvents`]: names without their prefix.
#[derive(Debug)]
enum XmlEvent {
    /// An element opens (an empty element opens, then closes).
    Start(String, Vec<(String, String)>),
    /// An element closes.
    End(String),
    /// Text (entities resolved).
    Text(String),
}

/// A lenient pull parser over an XML text (quick-xml): end names are not
/// checked, it stops at the first error.
struct XmlEvents<'a> {
    /// The reader.
    reader: Reader<&'a [u8]>,
    /// An end to give after an empty element's start.
    pending_end: Option<String>,
    /// Whether the text is over.
    done: bool,
}

impl<'a> XmlEvents<'a> {
    /// Events over `xml`.
    fn new(xml: &'a str) -> XmlEvents<'a> {
        let mut reader = Reader::from_str(xml);
        reader.config_mut().check_end_names = false;
        XmlEvents {
            reader,
            pending_end: None,
            done: false,
        }
    }
}

/// The local name of an element and its attributes, values unescaped.
fn start(element: &BytesStart<'_>) -> (String, Vec<(String, String)>) {
    let name = element.local_name().as_ref().to_owned();
    let attributes = element
        .attributes()
        .flatten()
        .map(|attribute| {
            let key = attribute.key.local_name().as_ref().to_owned();
            let value = attribute
                .normalized_value_with(
                    XmlVersion::Implicit1_0,
                    4,
                    quick_xml::escape::resolve_predefined_entity,
                )
                .map(Cow::into_owned)
                .unwrap_or_else(|_| attribute.value.clone().into_owned());
            (key, value)
        })
        .collect();
    (name, attributes)
}

impl Iterator for XmlEvents<'_> {
    type Item = XmlEvent;

    fn next(&mut self) -> Option<XmlEvent> {
        if let Some(name) = self.pending_end.take() {
            return Some(XmlEvent::End(name));
        }
        while !self.done {
            let event = match self.reader.read_event() {
                Ok(Event::Start(element)) => {
                    let (name, attributes) = start(&element);
                    XmlEvent::Start(name, attributes)
                }
                Ok(Event::Empty(element)) => {
                    let (name, attributes) = start(&element);
                    self.pending_end = Some(name.clone());
                    XmlEvent::Start(name, attributes)
                }
                Ok(Event::End(element)) => XmlEvent::End(element.local_name().as_ref().to_owned()),
                Ok(Event::Text(text)) => XmlEvent::Text(text.xml10_content().into_owned()),
                Ok(Event::CData(data)) => XmlEvent::Text(data.to_string()),
                Ok(Event::GeneralRef(reference)) => {
                    let text = match reference.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => quick_xml::escape::resolve_predefined_entity(&reference)
                            .unwrap_or_default()
                            .to_owned(),
                    };
                    XmlEvent::Text(text)
                }
                Ok(Event::Eof) | Err(_) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => continue,
            };
            return Some(event);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::time::Instant;

    use zip::write::SimpleFileOptions;

    use super::*;
    use crate::document::block::Role;

    const CONTAINER: &str = r##"<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"##;

    /// A zip of `entries` (name, bytes), `mimetype` stored first, the rest
    /// deflated.
    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        let deflated =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("mimetype", stored).unwrap();
        zip.write_all(b"application/epub+zip").unwrap();
        for (name, bytes) in entries {
            zip.start_file(*name, deflated).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    /// An OPF with `metadata` and these manifest items and spine.
    fn opf(metadata: &str, items: &str, spine: &str) -> String {
        format!(
            r##"<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">{metadata}</metadata>
<manifest>{items}</manifest>
<spine toc="ncx">{spine}</spine>
</package>"##
        )
    }

    /// An XHTML chapter around `body`.
    fn xhtml(body: &str) -> String {
        format!(
            r##"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="en">
<head><title/><link rel="stylesheet" href="style.css"/></head>
<body>{body}</body></html>"##
        )
    }

    /// A small EPUB 3: two chapters (one in a sub-folder with a space in
    /// its name), a nav document, a non-linear notes file.
    fn epub3() -> Vec<u8> {
        let package = opf(
            "<dc:title>A  Book</dc:title><dc:creator>Ann Author</dc:creator>\
             <dc:creator>Bob</dc:creator><dc:language>en-GB</dc:language>\
             <dc:publisher>Pub</dc:publisher><dc:date>2020-01-02</dc:date>",
            r##"<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
               <item id="c1" href="text/one.xhtml" media-type="application/xhtml+xml"/>
               <item id="c2" href="text/chapter%20two.xhtml" media-type="application/xhtml+xml"/>
               <item id="notes" href="notes.xhtml" media-type="application/xhtml+xml"/>
               <item id="img" href="images/cover.jpg" media-type="image/jpeg"/>"##,
            r##"<itemref idref="notes" linear="no"/><itemref idref="c1"/><itemref idref="c2"/>"##,
        );
        let nav = xhtml(
            r##"<nav epub:type="toc"><ol>
                 <li><a href="text/one.xhtml">One</a>
                   <ol><li><a href="text/one.xhtml#s2">Section &amp; two</a></li></ol></li>
                 <li><a href="text/chapter%20two.xhtml">Two</a></li>
                 <li><a href="missing.xhtml">Gone</a></li>
               </ol></nav><nav epub:type="landmarks"><ol><li><a href="notes.xhtml">Notes</a></li></ol></nav>"##,
        );
        let one = xhtml(
            r##"<h1>One</h1><p>First <a href="chapter%20two.xhtml#end">next</a>
               <a href="#s2">below</a> <a href="../notes.xhtml#n1" epub:type="noteref">1</a>
               <a href="https://example.org/x">out</a> <a href="mailto:a@b.c">mail</a></p>
               <img src="../images/cover.jpg" alt=""/>
               <h2 id="s2">Second</h2><p>Text.</p>"##,
        );
        let two = xhtml(r##"<h1>Two</h1><p id="end">The end.</p>"##);
        let notes = xhtml(r##"<aside epub:type="footnote" id="n1"><p>A note.</p></aside>"##);
        zip_of(&[
            ("META-INF/container.xml", CONTAINER.as_bytes()),
            ("OEBPS/content.opf", package.as_bytes()),
            ("OEBPS/nav.xhtml", nav.as_bytes()),
            ("OEBPS/text/one.xhtml", one.as_bytes()),
            ("OEBPS/text/chapter two.xhtml", two.as_bytes()),
            ("OEBPS/notes.xhtml", notes.as_bytes()),
        ])
    }

    /// The laid-out text of `book`.
    fn laid_text(book: Structured) -> String {
        crate::document::structure::lay(book).text
    }

    #[test]
    fn the_opening_is_the_first_chapters_and_the_start_of_the_whole_text() {
        let bytes = epub3();
        let whole = read("b.epub", &bytes).unwrap();
        let enough = Enough {
            blocks: 1,
            bytes: 1,
        };
        let opening = read_opening("b.epub", &bytes, enough).unwrap();
        assert!(!opening.whole);
        // One chapter is enough: "One" and its paragraphs, not "Two".
        let first = &opening.structured;
        assert_eq!(first.blocks[0].text, "One");
        assert!(first.blocks.iter().all(|b| b.text != "Two"), "{first:?}");
        assert_eq!(first.metadata, whole.metadata);
        let (start, all) = (laid_text(opening.structured), laid_text(whole));
        assert!(start.len() < all.len());
        assert!(all.starts_with(&start), "{start:?} / {all:?}");
    }

    #[test]
    fn a_book_shorter_than_enough_opens_whole_with_its_contents() {
        let bytes = epub3();
        let enough = Enough {
            blocks: 1000,
            bytes: 1 << 20,
        };
        let opening = read_opening("b.epub", &bytes, enough).unwrap();
        assert!(opening.whole);
        let whole = read("b.epub", &bytes).unwrap();
        assert_eq!(opening.structured, whole);
        assert!(!opening.structured.toc.is_empty());
    }

    #[test]
    fn the_opening_refuses_what_the_whole_refuses() {
        let enough = Enough {
            blocks: 1,
            bytes: 1,
        };
        let missing = zip_of(&[("OEBPS/content.opf", b"<package/>")]);
        assert_eq!(
            read_opening("b.epub", &missing, enough).unwrap_err(),
            EpubError::Missing("META-INF/container.xml".into())
        );
        assert!(matches!(
            read_opening("b.epub", b"PK\x03\x04 cut", enough),
            Err(EpubError::NotZip(_))
        ));
    }

    /// Every internal link of `book` names an anchor some block has.
    fn internal_links_resolve(book: &Structured) -> usize {
        let anchors: HashSet<&str> = book
            .blocks
            .iter()
            .flat_map(|b| b.anchors.iter().map(String::as_str))
            .collect();
        let mut count = 0;
        for block in &book.blocks {
            for inline in &block.styles {
                if let InlineStyle::Link(target) = &inline.style
                    && let Some(anchor) = target.strip_prefix('#')
                {
                    assert!(anchors.contains(anchor), "{target} in {block:?}");
                    count += 1;
                }
            }
        }
        count
    }

    /// The book's toc entries point at blocks.
    fn check(book: &Structured) {
        crate::document::format::html::convert::tests::check_invariants(&book.blocks);
        for entry in &book.toc {
            assert!(entry.block < book.blocks.len() && entry.level >= 1);
        }
    }

    #[test]
    fn epub3_with_nav() {
        let book = read("dir/a.epub", &epub3()).unwrap();
        check(&book);
        let texts: Vec<&str> = book.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "One",
                "First next below 1 out mail",
                "[image: cover.jpg]",
                "Second",
                "Text.",
                "Two",
                "The end.",
                "A note.",
            ]
        );
        assert_eq!(book.blocks[0].anchors, ["OEBPS/text/one.xhtml"]);
        assert_eq!(book.blocks[3].anchors, ["OEBPS/text/one.xhtml#s2"]);
        assert_eq!(book.blocks[5].anchors, ["OEBPS/text/chapter two.xhtml"]);
        assert_eq!(book.blocks[7].role, Role::Note);
        assert_eq!(
            book.blocks[7].anchors,
            ["OEBPS/notes.xhtml", "OEBPS/notes.xhtml#n1"]
        );
        let links: Vec<String> = book.blocks[1]
            .styles
            .iter()
            .map(|i| match &i.style {
                InlineStyle::Link(target) => target.clone(),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            links,
            [
                "#OEBPS/text/chapter two.xhtml#end",
                "#OEBPS/text/one.xhtml#s2",
                "#OEBPS/notes.xhtml#n1",
                "https://example.org/x",
                "mailto:a@b.c",
            ]
        );
        assert_eq!(internal_links_resolve(&book), 3);
        let toc: Vec<(u8, &str, usize)> = book
            .toc
            .iter()
            .map(|e| (e.level, e.title.as_str(), e.block))
            .collect();
        assert_eq!(toc, [(1, "One", 0), (2, "Section & two", 3), (1, "Two", 5)]);
        assert_eq!(
            book.metadata,
            Metadata {
                title: Some("A Book".into()),
                author: Some("Ann Author, Bob".into()),
                language: Some("en-GB".into()),
                site: Some("Pub".into()),
                date: Some("2020-01-02".into()),
            }
        );
    }

    #[test]
    fn epub2_with_ncx_only() {
        let package = opf(
            "<dc:title>Old</dc:title>",
            r##"<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
               <item id="c1" href="c1.html" media-type="application/xhtml+xml"/>"##,
            r##"<itemref idref="c1"/>"##,
        );
        let ncx = r##"<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/">
            <docTitle><text>Old</text></docTitle><navMap>
            <navPoint id="p1" playOrder="1"><navLabel><text>Part</text></navLabel><content src="c1.html"/>
              <navPoint id="p2" playOrder="2"><navLabel><text>Chapter  1</text></navLabel><content src="c1.html#c1"/></navPoint>
            </navPoint>
            <navPoint id="p3"><navLabel><text>Nowhere</text></navLabel><content src="c1.html#none"/></navPoint>
            </navMap></ncx>"##;
        let chapter = xhtml(r##"<h1>Part</h1><div id="c1"><h2>Chapter 1</h2><p>Words.</p></div>"##);
        let bytes = zip_of(&[
            ("META-INF/container.xml", CONTAINER.as_bytes()),
            ("OEBPS/content.opf", package.as_bytes()),
            ("OEBPS/toc.ncx", ncx.as_bytes()),
            ("OEBPS/c1.html", chapter.as_bytes()),
        ]);
        let book = read("old.epub", &bytes).unwrap();
        check(&book);
        let toc: Vec<(u8, &str, usize)> = book
            .toc
            .iter()
            .map(|e| (e.level, e.title.as_str(), e.block))
            .collect();
        assert_eq!(toc, [(1, "Part", 0), (2, "Chapter 1", 1)]);
        assert_eq!(book.metadata.title.as_deref(), Some("Old"));
        assert_eq!(book.metadata.language.as_deref(), Some("en"));
    }

    #[test]
    fn missing_container_and_package() {
        let bytes = zip_of(&[("OEBPS/content.opf", b"<package/>")]);
        let error = read("x.epub", &bytes).unwrap_err();
        assert_eq!(error, EpubError::Missing("META-INF/container.xml".into()));
        assert_eq!(
            error.to_string(),
            "not a valid EPUB: 'META-INF/container.xml' is missing"
        );
        let bytes = zip_of(&[("META-INF/container.xml", CONTAINER.as_bytes())]);
        let error = read("x.epub", &bytes).unwrap_err();
        assert_eq!(error, EpubError::Missing("OEBPS/content.opf".into()));
    }

    #[test]
    fn not_a_zip_and_truncated() {
        assert!(matches!(
            read("x", b"plain text"),
            Err(EpubError::NotZip(_))
        ));
        assert!(matches!(read("x", b""), Err(EpubError::NotZip(_))));
        let bytes = epub3();
        for cut in [bytes.len() - 10, bytes.len() / 2, 30] {
            let error = read("x", &bytes[..cut]).unwrap_err();
            assert!(!error.to_string().contains('\n'), "{error}");
        }
    }

    #[test]
    fn corrupt_chapter_is_shown_unreadable() {
        let mut bytes = epub3();
        // Spoil the deflated data of the second chapter.
        let name = b"OEBPS/text/chapter two.xhtml";
        let at = bytes.windows(name.len()).position(|w| w == name).unwrap() + name.len();
        for byte in &mut bytes[at..at + 40] {
            *byte ^= 0x55;
        }
        let book = read("x", &bytes).unwrap();
        check(&book);
        assert!(
            book.blocks
                .iter()
                .any(|b| b.text == "[unreadable: OEBPS/text/chapter two.xhtml]")
        );
    }

    #[test]
    fn encrypted_chapters_are_refused_fonts_are_not() {
        let encryption = |algorithm: &str, uri: &str| {
            format!(
                r##"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
                  xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
                  <enc:EncryptedData><enc:EncryptionMethod Algorithm="{algorithm}"/>
                  <enc:CipherData><enc:CipherReference URI="{uri}"/></enc:CipherData>
                  </enc:EncryptedData></encryption>"##
            )
        };
        let with = |xml: String| {
            let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
            let mut archive = zip::ZipArchive::new(Cursor::new(epub3())).unwrap();
            for i in 0..archive.len() {
                let mut file = archive.by_index(i).unwrap();
                let mut data = Vec::new();
                file.read_to_end(&mut data).unwrap();
                let name = file.name().unwrap().into_owned();
                if name != "mimetype" {
                    entries.push((name, data));
                }
            }
            entries.push(("META-INF/encryption.xml".into(), xml.into_bytes()));
            let refs: Vec<(&str, &[u8])> = entries
                .iter()
                .map(|(n, d)| (n.as_str(), d.as_slice()))
                .collect();
            zip_of(&refs)
        };
        let aes = "http://www.w3.org/2001/04/xmlenc#aes128-cbc";
        let book = with(encryption(aes, "OEBPS/text/one.xhtml"));
        let error = read("x", &book).unwrap_err();
        assert_eq!(error, EpubError::Protected);
        assert!(error.to_string().contains("DRM"));
        let fonts = with(encryption(
            "http://www.idpf.org/2008/embedding",
            "OEBPS/text/one.xhtml",
        ));
        assert!(read("x", &fonts).is_ok());
        let image = with(encryption(aes, "OEBPS/images/cover.jpg"));
        assert!(read("x", &image).is_ok());
    }

    #[test]
    fn bombs_are_refused() {
        let zeros = vec![0u8; 4 << 20];
        let package = opf(
            "",
            r##"<item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/>"##,
            r##"<itemref idref="c1"/>"##,
        );
        let bytes = zip_of(&[
            ("META-INF/container.xml", CONTAINER.as_bytes()),
            ("OEBPS/content.opf", package.as_bytes()),
            ("OEBPS/c1.xhtml", &zeros),
        ]);
        assert!(bytes.len() < 64 << 10, "deflated small: {}", bytes.len());
        let limits = Limits {
            entry: 1 << 20,
            book: 512 << 20,
        };
        let error = read_with_limits("x", &bytes, limits).unwrap_err();
        assert_eq!(
            error,
            EpubError::EntryTooLarge {
                entry: "OEBPS/c1.xhtml".into(),
                limit: 1 << 20
            }
        );
        assert!(error.to_string().contains("zip bomb"));
        let limits = Limits {
            entry: 64 << 20,
            book: 2 << 20,
        };
        let error = read_with_limits("x", &bytes, limits).unwrap_err();
        assert_eq!(error, EpubError::BookTooLarge { limit: 2 << 20 });
        // Within the limits, the same book opens.
        assert!(read("x", &bytes).is_ok());
    }

    #[test]
    fn escapes_in_metadata_and_titles_are_sanitized() {
        let package = opf(
            "<dc:title>Evil\u{1b}[2J title&#x1b;</dc:title><dc:creator>A\u{7}</dc:creator>",
            r##"<item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/>
               <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>"##,
            r##"<itemref idref="c1"/>"##,
        );
        let nav = xhtml(
            "<nav epub:type='toc'><ol><li><a href='c1.xhtml'>T\u{1b}]0;x</a></li></ol></nav>",
        );
        let chapter = xhtml("<p>ok</p>");
        let bytes = zip_of(&[
            ("META-INF/container.xml", CONTAINER.as_bytes()),
            ("OEBPS/content.opf", package.as_bytes()),
            ("OEBPS/nav.xhtml", nav.as_bytes()),
            ("OEBPS/c1.xhtml", chapter.as_bytes()),
        ]);
        let book = read("x", &bytes).unwrap();
        assert_eq!(book.metadata.title.as_deref(), Some("Evil␛[2J title␛"));
        assert_eq!(book.metadata.author.as_deref(), Some("A␇"));
        assert_eq!(book.toc[0].title, "T␛]0;x");
    }

    #[test]
    fn declared_encodings_are_honoured() {
        let mut latin1 = b"<?xml version='1.0' encoding='ISO-8859-1'?><p>caf".to_vec();
        latin1.extend([0xE9, b'<', b'/', b'p', b'>']);
        assert_eq!(
            decode(&latin1),
            "<?xml version='1.0' encoding='ISO-8859-1'?><p>café</p>"
        );
        assert_eq!(decode(b"<p>caf\xC3\xA9\xFF</p>"), "<p>café\u{FFFD}</p>");
    }

    #[test]
    fn hrefs_resolve() {
        assert_eq!(
            resolve("OEBPS/text", "../img/a%20b.png#x%41"),
            Some(("OEBPS/img/a b.png".into(), Some("xA".into())))
        );
        assert_eq!(
            resolve("a", "/root.xhtml"),
            Some(("root.xhtml".into(), None))
        );
        assert_eq!(resolve("a", "../../../x"), Some(("x".into(), None)));
        assert_eq!(resolve("a", "https://x.org/a"), None);
        assert_eq!(resolve("a", "//x.org/a"), None);
        assert_eq!(resolve("", ""), None);
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..2048)) {
            if let Ok(book) = read("x", &bytes) {
                check(&book);
            }
        }

        #[test]
        fn spoiled_books_never_panic(at in 0usize..4000, xor in 1u8..=255, cut in 0usize..5000) {
            let mut bytes = epub3();
            let at = at % bytes.len();
            bytes[at] ^= xor;
            bytes.truncate(bytes.len() - cut.min(bytes.len()));
            if let Ok(book) = read("x", &bytes) {
                check(&book);
            }
        }
    }

    /// The books of the shared formats corpus, or `None` (with a notice)
    /// when it is absent.
    fn corpus() -> Option<Vec<std::path::PathBuf>> {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/formats/epub");
        let Ok(entries) = std::fs::read_dir(folder) else {
            eprintln!("skipped: {folder} is absent");
            return None;
        };
        let mut books: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "epub"))
            .collect();
        books.sort();
        Some(books)
    }

    /// The corpus book whose name starts with `prefix`.
    fn corpus_book(books: &[std::path::PathBuf], prefix: &str) -> Option<Structured> {
        let path = books.iter().find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })?;
        let bytes = std::fs::read(path).ok()?;
        Some(read(&path.to_string_lossy(), &bytes).unwrap())
    }

    #[test]
    fn corpus_books_open() {
        let Some(books) = corpus() else { return };
        for path in &books {
            let bytes = std::fs::read(path).unwrap();
            let book = read(&path.to_string_lossy(), &bytes)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            check(&book);
            assert!(!book.blocks.is_empty(), "{}", path.display());
            assert!(!book.toc.is_empty(), "{}", path.display());
            internal_links_resolve(&book);
            // A screen's worth opens first, and is the start of the whole.
            let screen = Enough {
                blocks: 30,
                bytes: 100 * 30,
            };
            let opening = read_opening(&path.to_string_lossy(), &bytes, screen).unwrap();
            let metadata = opening.structured.metadata.clone();
            let start = laid_text(opening.structured);
            assert!(start.len() >= 3000 || opening.whole, "{}", path.display());
            assert_eq!(metadata.title, book.metadata.title, "{}", path.display());
            let all = laid_text(book.clone());
            assert!(all.starts_with(&start), "{}", path.display());
            eprintln!(
                "{}: {} blocks, {} toc entries, title {:?}",
                path.display(),
                book.blocks.len(),
                book.toc.len(),
                book.metadata.title
            );
        }
    }

    #[test]
    fn corpus_toc_in_order() {
        let Some(books) = corpus() else { return };
        for prefix in ["moby-dick", "war-and-peace"] {
            let Some(book) = corpus_book(&books, prefix) else {
                eprintln!("skipped: no {prefix}");
                continue;
            };
            assert!(book.toc.len() > 10, "{prefix}");
            for pair in book.toc.windows(2) {
                assert!(pair[0].block <= pair[1].block, "{prefix}: {pair:?}");
            }
        }
    }

    #[test]
    fn corpus_war_and_peace() {
        let Some(books) = corpus() else { return };
        let Some(path) = books
            .iter()
            .find(|p| p.to_string_lossy().contains("war-and-peace"))
        else {
            eprintln!("skipped: no War and Peace");
            return;
        };
        let bytes = std::fs::read(path).unwrap();
        let started = Instant::now();
        let book = read("war-and-peace.epub", &bytes).unwrap();
        eprintln!(
            "War and Peace read whole in {:?}: {} blocks",
            started.elapsed(),
            book.blocks.len()
        );
        let text: String = book
            .blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        for sentence in [
            "Well, Prince, so Genoa and Lucca are now just family estates of the Buonapartes.",
            "Pierre",
        ] {
            assert!(text.contains(sentence), "{sentence}");
        }
        assert_eq!(book.metadata.title.as_deref(), Some("War and Peace"));
    }

    #[test]
    fn corpus_internal_links() {
        let Some(books) = corpus() else { return };
        let Some(book) = corpus_book(&books, "internallinks") else {
            eprintln!("skipped: no internallinks");
            return;
        };
        assert!(internal_links_resolve(&book) > 0);
    }

    #[test]
    fn corpus_wasteland_keeps_lines() {
        let Some(books) = corpus() else { return };
        let Some(book) = corpus_book(&books, "wasteland") else {
            eprintln!("skipped: no wasteland");
            return;
        };
        let verse = book
            .blocks
            .iter()
            .find(|b| b.text.contains("April is the cruellest month"))
            .unwrap();
        assert_eq!(
            verse.kind,
            crate::document::BlockKind::Preformatted,
            "{verse:?}"
        );
        assert!(
            verse.text.contains("breeding\nLilacs out of the dead land"),
            "{verse:?}"
        );
    }

    #[test]
    fn corpus_linear_algebra_has_math() {
        let Some(books) = corpus() else { return };
        let Some(book) = corpus_book(&books, "linear-algebra") else {
            eprintln!("skipped: no linear-algebra");
            return;
        };
        // Its formulas are inline, their alttext a placeholder: their text
        // stands in the running text.
        let math = book.blocks.iter().filter(|b| b.role == Role::Math).count();
        eprintln!("linear-algebra: {math} math blocks");
        let notation = book.blocks.iter().find(|b| b.text.contains("Matrix\nMC"));
        assert!(
            notation.is_some_and(|b| b.text.starts_with("M A \u{a0}\u{a0}Matrix\nMC A i j ")),
            "{notation:?}"
        );
        assert!(!book.blocks.iter().any(|b| b.text.contains("not available")));
    }
}
