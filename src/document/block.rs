//! The structured model every format turns its bytes into: blocks of
//! visible text with a role, a nesting and inline styles, and the
//! document's metadata and table of contents.
//!
//! A block's `text` is what the reader sees and searches: sanitized, no
//! markup. Everything else a block carries — its role, the bar of a quote,
//! the bullet of a list item — is drawn around that text, never inside it,
//! so search, highlights and positions address the text alone. Invariants:
//! every [`Inline::range`] lies inside its block's text, on character
//! boundaries, with `start < end`; prose text holds no `\n`.

use std::ops::Range;

use super::BlockKind;

/// What a block is: it sets how the block is laid out and drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    /// Running text.
    #[default]
    Body,
    /// A heading of level 1 (the largest) to 6.
    Heading(u8),
    /// Code or other preformatted text, kept verbatim.
    Code,
    /// A thematic break (its text is empty).
    Rule,
    /// A table drawn as a grid, or one row of a table too wide for one.
    Table,
    /// An image or figure, shown by its alternative text or file name.
    Figure,
    /// A footnote or endnote.
    Note,
    /// A term of a definition list.
    Term,
    /// Mathematics, shown by its text alternative.
    Math,
}

/// A style over a range of a block's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InlineStyle {
    /// Emphasis (italic).
    Emphasis,
    /// Strong importance (bold).
    Strong,
    /// Inline code.
    Code,
    /// Struck-through text.
    Strike,
    /// A link: its target, sanitized. A target inside the document is
    /// `#` and an anchor some block lists in [`Block::anchors`].
    Link(String),
}

/// One inline style and the bytes of the block's text it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inline {
    /// The bytes it covers (`start < end`, on character boundaries).
    pub range: Range<usize>,
    /// The style.
    pub style: InlineStyle,
}

/// One block of a structured document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Block {
    /// The visible text, sanitized; `\n` only in preformatted blocks.
    pub text: String,
    /// Whether its lines are joined and wrapped, or kept.
    pub kind: BlockKind,
    /// What it is.
    pub role: Role,
    /// How many block quotes it stands in.
    pub quote: u8,
    /// How many lists it stands in (its indentation).
    pub list: u8,
    /// The marker drawn before its first line (`•`, `3.`, `☐`), if it is a
    /// list item.
    pub marker: Option<String>,
    /// Inline styles, in order of their start.
    pub styles: Vec<Inline>,
    /// Anchors that links inside the document can point at (element ids,
    /// EPUB `file#id` keys), each naming this block.
    pub anchors: Vec<String>,
}

/// The marker of each row of a table told as prose (a table too wide
/// for a grid, one block per row).
pub const ROW_MARKER: &str = "▪";

impl Block {
    /// A block of running text holding `text`, with no style.
    pub fn body(text: impl Into<String>) -> Block {
        Block {
            text: text.into(),
            ..Block::default()
        }
    }

    /// This block as one row of a table told as prose: marked and hung
    /// as a list item one level deeper, so that rows which wrap stand
    /// apart. A list item's own marker, pending on it, is kept.
    #[must_use]
    pub fn as_table_row(mut self) -> Block {
        self.list = self.list.saturating_add(1);
        self.marker.get_or_insert_with(|| ROW_MARKER.to_owned());
        self
    }
}

/// What is known about a document besides its text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Metadata {
    /// Its title.
    pub title: Option<String>,
    /// Its author or byline.
    pub author: Option<String>,
    /// Its language, as a tag (`fr`, `en-GB`).
    pub language: Option<String>,
    /// The site or publisher it comes from.
    pub site: Option<String>,
    /// When it was published, as written.
    pub date: Option<String>,
}

/// One entry of a table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    /// Its depth, from 1.
    pub level: u8,
    /// Its title, sanitized.
    pub title: String,
    /// The index, in [`Structured::blocks`], of the block it leads to.
    pub block: usize,
}

/// A whole structured document, as a format module makes it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Structured {
    /// The blocks, in reading order.
    pub blocks: Vec<Block>,
    /// Title, author, language and the like.
    pub metadata: Metadata,
    /// The table of contents (empty: the headings make the outline).
    pub toc: Vec<TocEntry>,
}
