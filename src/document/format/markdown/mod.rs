//! Markdown: CommonMark with GitHub's tables, strikethrough, task lists and
//! footnotes, turned into the [`Structured`] model.
//!
//! This module owns the mapping from Markdown's structure to blocks: which
//! role, nesting, marker and inline styles each piece of text gets, how a
//! table is drawn (a box-drawing grid, or labelled rows when too wide), and
//! how HTML inside Markdown is read (its tags dropped, its text and
//! entities kept, `<br>` a line break, `<h1>`…`<h6>` headings, `id`s
//! anchors). Parsing is pulldown-cmark's; this module only listens to its
//! events, keeping every nesting in counters and stacks, never in
//! recursion, so no input can overflow the stack or cost more than linear
//! time in its depth.
//!
//! Every text passes through
//! [`sanitize`](crate::document::sanitize::sanitize); the block
//! invariants of [`crate::document::block`] hold for any input (a property
//! test checks them).
//!
//! The `Reader` here takes the parser's events and hands each to its part:
//! `blocks` (blocks and how they nest: quotes, lists, code, rules),
//! `inline` (a block's text, styles and images), `table`, `anchors`
//! (heading slugs, footnotes), `html` and `html_pieces` (HTML inside
//! Markdown).

mod anchors;
mod blocks;
mod front_matter;
mod html;
mod html_pieces;
mod inline;
mod table;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::document::block::{Block, InlineStyle, Metadata, Role, Structured};
use crate::document::sanitize::sanitize_label;
use anchors::note_anchor;
use inline::Pending;
use table::Table;

pub use table::MAX_GRID_WIDTH;

/// Reads a whole Markdown text into blocks.
///
/// Front matter gives the title, author, language, date and site (see
/// `front_matter`), else headings give the title (the first of level 1);
/// headings give anchors (GitHub's
/// slugs, so `#slug` links resolve); the table of contents stays empty, as
/// the headings make the outline.
///
/// ```
/// use liseuse::document::block::Role;
/// use liseuse::document::format::markdown::read;
///
/// let doc = read("# Hello\n\nSome *words*.");
/// assert_eq!(doc.metadata.title.as_deref(), Some("Hello"));
/// assert_eq!(doc.blocks[0].role, Role::Heading(1));
/// assert_eq!(doc.blocks[1].text, "Some words.");
/// ```
pub fn read(text: &str) -> Structured {
    let mut reader = Reader::default();
    for event in Parser::new_ext(text, options()) {
        reader.event(event);
    }
    reader.finish()
}

/// The extensions read beside CommonMark: GitHub's tables, strikethrough,
/// task lists and footnotes, and front matter (YAML or TOML).
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// The state of reading one document: the blocks made so far, the one
/// being filled, and where in the nesting the parser stands.
#[derive(Default)]
struct Reader {
    /// Finished blocks.
    blocks: Vec<Block>,
    /// The block (or table cell) whose inline content is being read.
    pending: Option<Pending>,
    /// How many block quotes are open.
    quotes: usize,
    /// One entry per open list: the number of its next item, if ordered.
    lists: Vec<Option<u64>>,
    /// The marker the next block takes (a list item's first block).
    marker: Option<String>,
    /// The label of the footnote whose first block comes next.
    note: Option<String>,
    /// How many footnote definitions are open.
    notes: usize,
    /// Anchors waiting for the next block.
    anchors: Vec<String>,
    /// The raw text of the code block being read.
    code: Option<String>,
    /// The raw text of the HTML block being read.
    html: Option<String>,
    /// Inside an HTML `<pre>`: text is kept as it is.
    pre: bool,
    /// Inside an HTML `<script>` or `<style>`: text is not shown.
    skipping: bool,
    /// The table being read.
    table: Option<Table>,
    /// How many headings had each slug, to tell repeated ones apart.
    slugs: HashMap<String, usize>,
    /// The first level-1 heading's text.
    title: Option<String>,
    /// The front matter, while it is read.
    front: Option<String>,
    /// What the front matter said.
    metadata: Metadata,
}

impl Reader {
    /// Takes one event of the parser.
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => match &mut self.front {
                Some(front) => front.push_str(&text),
                None => self.text(&text),
            },
            Event::Code(code) => self.styled(&code, InlineStyle::Code),
            Event::InlineMath(math) | Event::DisplayMath(math) => self.text(&math),
            Event::Html(html) => match &mut self.html {
                Some(raw) => raw.push_str(&html),
                None => self.inline_html(&html),
            },
            Event::InlineHtml(html) => self.inline_html(&html),
            Event::FootnoteReference(label) => self.footnote_reference(&label),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.hard_break(),
            Event::Rule => self.rule(),
            Event::TaskListMarker(done) => self.task(done),
        }
    }

    /// Opens a block or an inline style.
    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => self.begin(self.body_role()),
            Tag::Heading { level, .. } => self.begin(Role::Heading(level as u8)),
            Tag::BlockQuote(_) => {
                self.flush();
                self.quotes += 1;
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.code = Some(String::new());
            }
            Tag::HtmlBlock => {
                self.flush();
                self.html = Some(String::new());
            }
            Tag::List(start) => {
                self.flush();
                self.lists.push(start);
            }
            Tag::Item => {
                self.flush();
                self.marker = Some(self.item_marker());
            }
            Tag::FootnoteDefinition(label) => {
                self.flush();
                self.notes += 1;
                self.anchors.push(note_anchor(&label));
                self.note = Some(sanitize_label(&label));
            }
            Tag::Table(alignments) => {
                self.flush();
                self.table = Some(Table::new(alignments));
            }
            Tag::TableHead | Tag::TableRow => {}
            Tag::TableCell => self.pending = Some(Pending::new(Block::default())),
            Tag::Emphasis => self.open(InlineStyle::Emphasis),
            Tag::Strong => self.open(InlineStyle::Strong),
            Tag::Strikethrough => self.open(InlineStyle::Strike),
            Tag::Link { dest_url, .. } => self.open(InlineStyle::Link(sanitize_label(&dest_url))),
            Tag::Image { dest_url, .. } => self.pending_mut().open_image(&dest_url),
            Tag::Superscript | Tag::Subscript => {}
            Tag::MetadataBlock(_) => {
                self.flush();
                self.front = Some(String::new());
            }
            Tag::DefinitionList | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                self.flush()
            }
        }
    }

    /// Closes a block or an inline style.
    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quotes = self.quotes.saturating_sub(1);
            }
            TagEnd::CodeBlock => self.end_code(),
            TagEnd::HtmlBlock => {
                let raw = self.html.take().unwrap_or_default();
                self.read_html(&raw);
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::Item => {
                self.flush();
                self.marker = None;
            }
            TagEnd::FootnoteDefinition => {
                self.flush();
                self.notes = self.notes.saturating_sub(1);
                self.note = None;
            }
            TagEnd::TableHead => {
                if let Some(table) = &mut self.table {
                    table.end_head();
                }
            }
            TagEnd::TableRow => {
                if let Some(table) = &mut self.table {
                    table.end_row();
                }
            }
            TagEnd::TableCell => self.end_cell(),
            TagEnd::Table => self.end_table(),
            TagEnd::Emphasis => self.close(&InlineStyle::Emphasis),
            TagEnd::Strong => self.close(&InlineStyle::Strong),
            TagEnd::Strikethrough => self.close(&InlineStyle::Strike),
            TagEnd::Link => self.close(&InlineStyle::Link(String::new())),
            TagEnd::Image => {
                if let Some(pending) = &mut self.pending {
                    pending.close_image();
                }
            }
            TagEnd::Superscript | TagEnd::Subscript => {}
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => self.flush(),
            TagEnd::MetadataBlock(_) => {
                if let Some(front) = self.front.take() {
                    front_matter::read_into(&front, &mut self.metadata);
                }
            }
        }
    }

    /// The document read.
    fn finish(mut self) -> Structured {
        self.flush();
        Structured {
            blocks: self.blocks,
            metadata: Metadata {
                title: self.metadata.title.or(self.title),
                ..self.metadata
            },
            toc: Vec::new(),
        }
    }
}
