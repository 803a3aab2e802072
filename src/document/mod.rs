//! The document: where text comes from, how it is decoded and sanitized, and
//! how it is split into paragraphs.
//!
//! A [`Document`] is built once, at load. Its paragraphs hold sanitized text
//! (see [`sanitize`]) and every later stage — layout, search, rendering —
//! works on that text only, so what is measured is exactly what is drawn.
//! Positions in the document are byte offsets into paragraph texts; the
//! document also gives each paragraph a global start offset, so that a
//! position can be expressed as a fraction of the whole text.

pub mod paragraphs;
pub mod sanitize;

use std::fmt;
use std::io::{self, Read};
use std::path::Path;

/// The article bundled with the binary, shown when no file is given.
pub const BUNDLED_ARTICLE: &str = include_str!("../../assets/article.txt");

/// The name under which the bundled article is shown.
pub const BUNDLED_NAME: &str = "article.txt";

/// How a paragraph is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// Flowing text: one line, wrapped to the column.
    Prose,
    /// Text laid out by hand (tables, verse, code): its lines are kept, and
    /// each is wrapped on its own only when it is wider than the column.
    Preformatted,
}

/// One paragraph of sanitized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// The text, free of control characters; `\n` separates the lines of a
    /// [`BlockKind::Preformatted`] paragraph and never occurs in prose.
    pub text: String,
    /// How the paragraph is laid out.
    pub kind: BlockKind,
}

/// A text ready to be laid out: a name and its paragraphs.
#[derive(Debug, Clone)]
pub struct Document {
    name: String,
    paragraphs: Vec<Paragraph>,
    /// Global byte offset of each paragraph's start; paragraphs are counted
    /// as separated by one byte.
    starts: Vec<usize>,
    len: usize,
}

/// Why a file could not be opened.
#[derive(Debug)]
pub struct LoadError {
    /// The file's name, sanitized for display.
    pub name: String,
    /// The underlying error.
    pub source: io::Error,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot open '{}': {}", self.name, describe(&self.source))
    }
}

/// The message already names the cause, so no source is chained.
impl std::error::Error for LoadError {}

/// The operating system's words for an I/O error, without the
/// "(os error N)" suffix that the standard library appends.
fn describe(error: &io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error ") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    }
}

impl Document {
    /// Builds a document from raw bytes: strips a UTF-8 byte order mark,
    /// decodes (invalid UTF-8 becomes U+FFFD), sanitizes and splits.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Document {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = String::from_utf8_lossy(bytes);
        Document::from_paragraphs(name, paragraphs::split(&sanitize::sanitize(&text)))
    }

    /// The bundled article.
    pub fn bundled() -> Document {
        Document::from_bytes(BUNDLED_NAME, BUNDLED_ARTICLE.as_bytes())
    }

    /// Reads and builds the document at `path`.
    pub fn open(path: &Path) -> Result<Document, LoadError> {
        let name = sanitize::sanitize_label(&path.display().to_string());
        match std::fs::read(path) {
            Ok(bytes) => Ok(Document::from_bytes(&name, &bytes)),
            Err(source) => Err(LoadError { name, source }),
        }
    }

    /// Reads `reader` to its end and builds the document, named `name`.
    pub fn from_reader(name: &str, mut reader: impl Read) -> Result<Document, LoadError> {
        let mut bytes = Vec::new();
        match reader.read_to_end(&mut bytes) {
            Ok(_) => Ok(Document::from_bytes(name, &bytes)),
            Err(source) => Err(LoadError {
                name: name.to_owned(),
                source,
            }),
        }
    }

    /// Builds a document from paragraphs that are already sanitized.
    pub fn from_paragraphs(name: &str, paragraphs: Vec<Paragraph>) -> Document {
        let mut starts = Vec::with_capacity(paragraphs.len());
        let mut len = 0;
        for paragraph in &paragraphs {
            if !starts.is_empty() {
                len += 1;
            }
            starts.push(len);
            len += paragraph.text.len();
        }
        Document {
            name: sanitize::sanitize_label(name),
            paragraphs,
            starts,
            len,
        }
    }

    /// The document's name, safe to display.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Number of paragraphs.
    pub fn paragraph_count(&self) -> usize {
        self.paragraphs.len()
    }

    /// Whether the document has no paragraph at all.
    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }

    /// Paragraph `index`; panics when out of range, like slice indexing.
    pub fn paragraph(&self, index: usize) -> &Paragraph {
        &self.paragraphs[index]
    }

    /// All paragraphs, in order.
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }

    /// Length of the whole text in bytes, one byte counted between
    /// paragraphs.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Global byte offset of `offset` inside paragraph `index`.
    pub fn global_offset(&self, index: usize, offset: usize) -> usize {
        self.starts
            .get(index)
            .map_or(self.len, |start| start + offset)
    }

    /// The paragraph and offset inside it at global byte offset `global`
    /// (clamped to the text), or `None` for an empty document.
    pub fn locate(&self, global: usize) -> Option<(usize, usize)> {
        let index = self.starts.partition_point(|&start| start <= global);
        let index = index.checked_sub(1)?;
        let text = &self.paragraphs[index].text;
        let mut offset = (global - self.starts[index]).min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        Some((index, offset))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_article_has_seven_paragraphs() {
        let doc = Document::bundled();
        assert_eq!(doc.name(), "article.txt");
        assert!(doc.paragraph(0).text.starts_with("Le leader nord-coréen"));
        // The last line, "pays.", continues the sentence before it.
        assert_eq!(doc.paragraph_count(), 7);
        assert!(doc.paragraph(6).text.ends_with("des deux pays."));
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        let doc = Document::from_bytes("x", b"\xEF\xBB\xBFHello");
        assert_eq!(doc.paragraph(0).text, "Hello");
    }

    #[test]
    fn invalid_utf8_is_shown_as_replacement_characters() {
        let doc = Document::from_bytes("x", b"caf\xE9 ok");
        assert_eq!(doc.paragraph(0).text, "caf\u{FFFD} ok");
    }

    #[test]
    fn global_offsets_round_trip() {
        let doc = Document::from_bytes("x", "ab\n\ncdé\n\nf".as_bytes());
        assert_eq!(doc.len(), 2 + 1 + 4 + 1 + 1);
        assert_eq!(doc.global_offset(1, 0), 3);
        assert_eq!(doc.locate(3), Some((1, 0)));
        assert_eq!(doc.locate(5), Some((1, 2)));
        // Inside "é": back to its first byte.
        assert_eq!(doc.locate(6), Some((1, 2)));
        assert_eq!(doc.locate(usize::MAX), Some((2, 1)));
        assert_eq!(Document::from_bytes("x", b"").locate(0), None);
    }

    #[test]
    fn missing_file_is_named_in_the_error() {
        let error = Document::open(Path::new("/nonexistent/x.txt")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot open '/nonexistent/x.txt': No such file or directory"
        );
    }

    #[test]
    fn a_directory_is_refused() {
        let error = Document::open(Path::new("/")).unwrap_err();
        assert_eq!(error.to_string(), "cannot open '/': Is a directory");
    }

    #[test]
    fn hostile_file_names_are_sanitized() {
        let error = Document::open(Path::new("/nonexistent/\u{1b}]0;pwned\u{7}")).unwrap_err();
        assert!(error.to_string().contains("␛]0;pwned␇"));
    }
}
