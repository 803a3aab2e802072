//! The formats a document comes in, each a module that turns bytes into
//! the [`super::block::Structured`] model (plain text keeps its own lazy
//! path in [`super::paragraphs`]), and how a document's format is told:
//! named, else by its file's extension, else by its first bytes.

pub mod epub;
pub mod html;
pub mod markdown;
pub mod reader_mode;

use std::fmt;

use encoding_rs::Encoding;

use super::Options;
use super::block::{Block, InlineStyle, Role, Structured};
use super::decode::decode;
use super::source::Source;

/// A document's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text, in any encoding.
    Text,
    /// Markdown (CommonMark with GitHub's extensions).
    Markdown,
    /// A web page, shown in reader mode.
    Html,
    /// An EPUB book.
    Epub,
}

/// The bullet of an unordered list's item at nesting `depth` (1 for the
/// outermost list), the same in every format.
pub fn bullet(depth: usize) -> &'static str {
    match depth {
        0 | 1 => "•",
        2 => "◦",
        _ => "▪",
    }
}

/// The first bytes of a zip archive.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

impl Format {
    /// Every format, in the order the help lists them.
    pub const ALL: [Format; 4] = [Format::Text, Format::Markdown, Format::Html, Format::Epub];

    /// The format a name given on the command line stands for.
    ///
    /// ```
    /// use liseuse::document::format::Format;
    /// assert_eq!(Format::named("md"), Some(Format::Markdown));
    /// assert_eq!(Format::named("HTML"), Some(Format::Html));
    /// assert_eq!(Format::named("pdf"), None);
    /// ```
    pub fn named(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "text" | "txt" | "plain" => Some(Format::Text),
            "markdown" | "md" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" | "web" => Some(Format::Html),
            "epub" => Some(Format::Epub),
            _ => None,
        }
    }

    /// The format a file name's extension says, if it says one.
    pub fn by_extension(name: &str) -> Option<Format> {
        let extension = name.trim_end_matches(['\'', '"']).rsplit_once('.')?.1;
        match extension.to_ascii_lowercase().as_str() {
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "epub" => Some(Format::Epub),
            _ => None,
        }
    }

    /// The format the first bytes show: a zip archive (an EPUB book), a
    /// web page, or else text.
    pub fn sniff(bytes: &[u8]) -> Format {
        if bytes.starts_with(ZIP_MAGIC) {
            Format::Epub
        } else if reader_mode::looks_like_html(bytes) {
            Format::Html
        } else {
            Format::Text
        }
    }

    /// The format of a document named `name` that starts with `bytes`:
    /// its extension's, else the one its bytes show.
    pub fn detect(name: &str, bytes: &[u8]) -> Format {
        Format::by_extension(name).unwrap_or_else(|| Format::sniff(bytes))
    }
}

/// Reads `bytes` as `format` (a structured one: Markdown, a web page, a
/// book), with the encoding it was in; or why it cannot be read, in a
/// few words for a one-line message.
pub fn read(
    format: Format,
    name: &str,
    bytes: &[u8],
    options: &Options,
) -> Result<(Structured, &'static Encoding), String> {
    match format {
        Format::Text => Err("plain text is read as lines, not parsed".to_owned()),
        Format::Markdown => {
            let (text, encoding) = decode_text(bytes, options);
            Ok((markdown::read(&text), encoding))
        }
        Format::Html => Ok(read_page(bytes, options)),
        Format::Epub => epub::read(name, bytes)
            .map(|book| (book, encoding_rs::UTF_8))
            .map_err(|error| error.to_string()),
    }
}

/// `bytes` decoded as a text file is (its encoding named or detected).
fn decode_text(bytes: &[u8], options: &Options) -> (String, &'static Encoding) {
    let decoded = decode(Source::Owned(bytes.to_vec()), options.encoding);
    let text = &decoded.source.bytes()[decoded.base..];
    (String::from_utf8_lossy(text).into_owned(), decoded.encoding)
}

/// A web page in reader mode (or whole, when asked): its title, byline,
/// site and date at the top, then the article.
fn read_page(bytes: &[u8], options: &Options) -> (Structured, &'static Encoding) {
    let (html, encoding) = match options.encoding {
        Some(forced) => (
            forced.decode_without_bom_handling(bytes).0.into_owned(),
            forced,
        ),
        None => reader_mode::decode(bytes),
    };
    let mut article = reader_mode::extract(&html, options.full_page);
    let mut blocks = std::mem::take(&mut article.blocks);
    let mut top = Vec::new();
    if let Some(title) = &article.title {
        let stated = blocks
            .iter()
            .find(|b| matches!(b.role, Role::Heading(_)))
            .is_some_and(|b| same_words(&b.text, title));
        if !stated {
            top.push(Block {
                text: title.clone(),
                role: Role::Heading(1),
                ..Block::default()
            });
        }
    }
    let about: Vec<&str> = [&article.byline, &article.site, &article.date]
        .into_iter()
        .filter_map(|part| part.as_deref())
        .collect();
    if !about.is_empty() {
        let text = about.join(" · ");
        top.push(Block {
            styles: vec![super::block::Inline {
                range: 0..text.len(),
                style: InlineStyle::Emphasis,
            }],
            text,
            ..Block::default()
        });
    }
    top.append(&mut blocks);
    let metadata = super::block::Metadata {
        title: article.title,
        author: article.byline,
        language: article.language,
        site: article.site,
        date: article.date,
    };
    (
        Structured {
            blocks: top,
            metadata,
            toc: Vec::new(),
        },
        encoding,
    )
}

/// Whether two titles have the same words, case and punctuation aside.
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    words(a) == words(b)
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Epub => "epub",
        })
    }
}
