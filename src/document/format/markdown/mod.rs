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
//! Every text passes through [`sanitize`]; the block invariants of
//! [`crate::document::block`] hold for any input (a property test checks
//! them).

use std::collections::HashMap;
use std::mem;
use std::ops::Range;

use pulldown_cmark::{Alignment, Event, Options, Parser, Tag, TagEnd};
use unicode_width::UnicodeWidthStr;

use crate::document::BlockKind;
use crate::document::block::{Block, Inline, InlineStyle, Metadata, Role, Structured};
use crate::document::format::bullet;
use crate::document::sanitize::{sanitize, sanitize_label};

/// The widest table, in terminal columns, still drawn as a grid; a wider
/// one becomes one labelled block per row.
pub const MAX_GRID_WIDTH: usize = 80;

/// How far down the stack of open styles a closing tag looks for its
/// opening one: HTML tags may be left open or closed out of order, and
/// looking no deeper keeps a flood of them linear.
const CLOSE_REACH: usize = 16;

/// Reads a whole Markdown text into blocks.
///
/// Headings give the title (the first of level 1) and anchors (GitHub's
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
/// task lists and footnotes.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
}

/// A nesting count as a block stores it, saturated at `u8::MAX`.
fn depth(count: usize) -> u8 {
    u8::try_from(count).unwrap_or(u8::MAX)
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
}

impl Reader {
    /// Takes one event of the parser.
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
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
            Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => self.flush(),
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
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_) => self.flush(),
        }
    }

    /// The role of running text here: a note inside a footnote.
    fn body_role(&self) -> Role {
        if self.notes > 0 {
            Role::Note
        } else {
            Role::Body
        }
    }

    /// The marker of the next item of the innermost list, counting it.
    fn item_marker(&mut self) -> String {
        let level = self.lists.len();
        match self.lists.last_mut() {
            Some(Some(number)) => {
                let marker = format!("{number}.");
                *number = number.saturating_add(1);
                marker
            }
            _ => bullet(level).to_owned(),
        }
    }

    /// A new block at the current nesting, taking the waiting marker and
    /// anchors (a footnote's label is shown by the first block only).
    fn new_block(&mut self, role: Role, kind: BlockKind) -> Block {
        self.note = None;
        Block {
            role,
            kind,
            quote: depth(self.quotes),
            list: depth(self.lists.len()),
            marker: self.marker.take(),
            anchors: mem::take(&mut self.anchors),
            ..Block::default()
        }
    }

    /// Ends the pending block and starts one of running text with `role`.
    fn begin(&mut self, role: Role) {
        self.flush();
        let label = self.note.take();
        let block = self.new_block(role, BlockKind::Prose);
        let mut pending = Pending::new(block);
        if let Some(label) = label {
            pending.push(&format!("[{label}] "));
        }
        self.pending = Some(pending);
    }

    /// The block inline content goes to, begun as running text if none is.
    fn pending_mut(&mut self) -> &mut Pending {
        if self.pending.is_none() {
            self.begin(self.body_role());
        }
        self.pending
            .get_or_insert_with(|| Pending::new(Block::default()))
    }

    /// Ends the pending block, keeping it unless it is empty.
    fn flush(&mut self) {
        if let Some(pending) = self.pending.take() {
            let block = pending.finish();
            self.keep(block);
        }
    }

    /// Adds a finished block; an empty one hands its marker and anchors on
    /// to the next block instead.
    fn keep(&mut self, mut block: Block) {
        if block.text.is_empty() && block.role != Role::Rule {
            self.anchors.append(&mut block.anchors);
            if self.marker.is_none() {
                self.marker = block.marker;
            }
            return;
        }
        if let Role::Heading(level) = block.role {
            let slug = self.unique_slug(&block.text);
            if !slug.is_empty() {
                block.anchors.push(slug);
            }
            if level == 1 && self.title.is_none() {
                self.title = Some(block.text.clone());
            }
        }
        self.blocks.push(block);
    }

    /// The slug of a heading, numbered as GitHub does when repeated.
    fn unique_slug(&mut self, text: &str) -> String {
        let slug = slug(text);
        let seen = self.slugs.entry(slug.clone()).or_insert(0);
        let unique = if *seen == 0 {
            slug
        } else {
            format!("{slug}-{seen}")
        };
        *seen += 1;
        unique
    }

    /// Text: verbatim into a code or HTML block, sanitized into a block.
    fn text(&mut self, text: &str) {
        if let Some(code) = &mut self.code {
            code.push_str(text);
        } else if let Some(html) = &mut self.html {
            html.push_str(text);
        } else {
            self.pending_mut().push(text);
        }
    }

    /// Text under one style of its own (inline code).
    fn styled(&mut self, text: &str, style: InlineStyle) {
        let pending = self.pending_mut();
        pending.open(style.clone());
        pending.push(text);
        pending.close(&style);
    }

    /// Opens an inline style in the pending block.
    fn open(&mut self, style: InlineStyle) {
        self.pending_mut().open(style);
    }

    /// Closes the innermost open style of the kind of `style`.
    fn close(&mut self, style: &InlineStyle) {
        if let Some(pending) = &mut self.pending {
            pending.close(style);
        }
    }

    /// A hard line break: kept as a line of its own in running text.
    fn hard_break(&mut self) {
        self.pending_mut().hard_break();
    }

    /// A thematic break.
    fn rule(&mut self) {
        self.flush();
        let block = self.new_block(Role::Rule, BlockKind::Prose);
        self.keep(block);
    }

    /// A task list item's box: it replaces the item's bullet.
    fn task(&mut self, done: bool) {
        let symbol = if done { "☑" } else { "☐" };
        match &mut self.pending {
            Some(pending) if pending.block.marker.is_some() => {
                pending.block.marker = Some(symbol.to_owned());
            }
            _ => self.marker = Some(symbol.to_owned()),
        }
    }

    /// A footnote reference: its label, visible, linking to the note.
    fn footnote_reference(&mut self, label: &str) {
        let style = InlineStyle::Link(format!("#{}", note_anchor(label)));
        self.styled(&format!("[{}]", sanitize_label(label)), style);
    }

    /// Ends a code block: its text verbatim, less its final line ends.
    fn end_code(&mut self) {
        let raw = self.code.take().unwrap_or_default();
        let mut block = self.new_block(Role::Code, BlockKind::Preformatted);
        block.text = sanitize(&raw).trim_end_matches('\n').to_owned();
        if block.text.trim().is_empty() {
            block.text.clear();
        }
        self.keep(block);
    }

    /// Ends a table cell: its text, flattened, goes to the row.
    fn end_cell(&mut self) {
        let text = self
            .pending
            .take()
            .map(|pending| pending.finish().text)
            .unwrap_or_default();
        if let Some(table) = &mut self.table {
            table.cell(text.replace('\n', " "));
        }
    }

    /// Ends a table: a grid when it fits, labelled rows when it does not.
    fn end_table(&mut self) {
        let Some(table) = self.table.take() else {
            return;
        };
        let (kind, texts) = match table.grid() {
            Some(grid) => (BlockKind::Preformatted, vec![grid]),
            None => (BlockKind::Prose, table.labelled_rows()),
        };
        for text in texts {
            let mut block = self.new_block(Role::Table, kind);
            block.text = text;
            self.keep(block);
        }
    }

    /// Inline HTML: tags dropped, `<br>` a line break, comments gone.
    fn inline_html(&mut self, raw: &str) {
        for piece in HtmlPieces::new(raw) {
            match piece {
                Piece::Text(text) => self.pending_mut().push(&decode_entities(text)),
                Piece::Tag(tag) => self.html_tag(&tag, false),
                Piece::Comment => {}
            }
        }
        if let Some(pending) = &mut self.pending {
            pending.after_markup = true;
        }
    }

    /// An HTML block: its text in blocks cut at its block-level tags.
    fn read_html(&mut self, raw: &str) {
        for piece in HtmlPieces::new(raw) {
            match piece {
                Piece::Text(text) => self.html_text(text),
                Piece::Tag(tag) => self.html_tag(&tag, true),
                Piece::Comment => {}
            }
        }
        self.flush();
        self.pre = false;
        self.skipping = false;
    }

    /// Text between the tags of an HTML block, its white space collapsed
    /// as a browser does (but inside `<pre>`).
    fn html_text(&mut self, text: &str) {
        if self.skipping {
            return;
        }
        if self.pre {
            let decoded: Vec<String> = text.split('\n').map(decode_entities).collect();
            self.pending_mut().push(&decoded.join("\n"));
            return;
        }
        let collapsed = collapse_white_space(text);
        if collapsed.trim().is_empty() && self.pending.is_none() {
            return;
        }
        let decoded = decode_entities(&collapsed);
        self.pending_mut().push(&decoded);
    }

    /// One HTML tag: a style, a break, a block boundary, or nothing.
    fn html_tag(&mut self, tag: &HtmlTag<'_>, in_block: bool) {
        self.html_anchors(tag);
        let name = tag.name.as_str();
        match name {
            "br" => self.hard_break(),
            "img" if !tag.closing => {
                let alt = tag.attribute("alt").unwrap_or_default();
                let source = tag.attribute("src").unwrap_or_default();
                let pending = self.pending_mut();
                pending.open_image(&source);
                pending.push(&alt);
                pending.close_image();
            }
            "a" if tag.closing => self.close(&InlineStyle::Link(String::new())),
            "a" => {
                if let Some(href) = tag.attribute("href") {
                    self.open(InlineStyle::Link(sanitize_label(&href)));
                }
            }
            _ => {
                if let Some(style) = html_style(name) {
                    if tag.closing {
                        self.close(&style);
                    } else {
                        self.open(style);
                    }
                } else if in_block {
                    self.html_block_tag(name, tag.closing);
                }
            }
        }
    }

    /// The `id` (or old `name`) of an HTML tag, as an anchor of the block
    /// it stands in, or of the next one.
    fn html_anchors(&mut self, tag: &HtmlTag<'_>) {
        if tag.closing {
            return;
        }
        let Some(id) = tag.attribute("id").or_else(|| tag.attribute("name")) else {
            return;
        };
        let id = sanitize_label(id.trim());
        if id.is_empty() {
            return;
        }
        match &mut self.pending {
            Some(pending) => pending.block.anchors.push(id),
            None => self.anchors.push(id),
        }
    }

    /// A tag of an HTML block that is not a style: block boundaries,
    /// headings, rules, preformatted text, hidden scripts.
    fn html_block_tag(&mut self, name: &str, closing: bool) {
        match name {
            "script" | "style" => self.skipping = !closing,
            "hr" => self.rule(),
            "td" | "th" => {
                if let Some(pending) = &mut self.pending {
                    pending.push(" ");
                }
            }
            "pre" => {
                self.flush();
                self.pre = !closing;
                if !closing {
                    let block = self.new_block(Role::Code, BlockKind::Preformatted);
                    self.pending = Some(Pending::new(block));
                }
            }
            _ => {
                if let Some(level) = html_heading(name) {
                    if closing {
                        self.flush();
                    } else {
                        self.begin(Role::Heading(level));
                    }
                } else if HTML_BLOCKS.contains(&name) {
                    self.flush();
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
                title: self.title,
                ..Metadata::default()
            },
            toc: Vec::new(),
        }
    }
}

/// The anchor of the footnote labelled `label`.
fn note_anchor(label: &str) -> String {
    format!("fn-{}", sanitize_label(label))
}

/// GitHub's anchor for a heading: lower case, spaces as `-`, punctuation
/// dropped (letters, digits, marks, `-` and `_` stay).
fn slug(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            _ if c.is_alphanumeric() => Some(c),
            _ if !c.is_ascii() && !is_punctuation(c) && !c.is_whitespace() => Some(c),
            _ => None,
        })
        .collect()
}

/// Whether `c`, beyond ASCII, is punctuation or a symbol GitHub drops from
/// a slug: Latin-1's, the general punctuation block, CJK punctuation,
/// arrows and the like, emoji.
fn is_punctuation(c: char) -> bool {
    matches!(c,
        '\u{a1}'..='\u{bf}' | '\u{d7}' | '\u{f7}'
        | '\u{2000}'..='\u{2bff}'
        | '\u{3000}'..='\u{303f}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff01}'..='\u{ff0f}'
        | '\u{1f000}'..='\u{1faff}')
}

/// A block being filled with inline content: its text grows, styles open
/// and close over it.
struct Pending {
    /// The block, its text so far.
    block: Block,
    /// Styles opened and not yet closed, with where they started.
    open: Vec<(usize, InlineStyle)>,
    /// Whether a hard break asked for its lines to be kept.
    kept_lines: bool,
    /// Images opened and not yet closed.
    images: Vec<OpenImage>,
    /// How many images stand directly in the block, not in another's alt.
    top_images: usize,
    /// The last of those: its placeholder, and its alternative text.
    last_image: Option<(Range<usize>, Range<usize>)>,
    /// Whether HTML markup was just dropped: the space it stood between
    /// is not doubled.
    after_markup: bool,
}

/// An image being read: where its placeholder and its alternative text
/// start, and the file it names.
struct OpenImage {
    start: usize,
    alt: usize,
    source: String,
}

/// What an inline image shows before its alternative text.
const IMAGE_OPEN: &str = "[image: ";

impl Pending {
    /// A pending block starting as `block`.
    fn new(block: Block) -> Pending {
        Pending {
            block,
            open: Vec::new(),
            kept_lines: false,
            images: Vec::new(),
            top_images: 0,
            last_image: None,
            after_markup: false,
        }
    }

    /// Appends `text`, sanitized.
    fn push(&mut self, text: &str) {
        let mut text = text;
        if mem::take(&mut self.after_markup) && self.block.text.ends_with(' ') {
            text = text.trim_start_matches(' ');
        }
        self.block.text.push_str(&sanitize(text));
    }

    /// Opens `style` where the text now ends.
    fn open(&mut self, style: InlineStyle) {
        self.open.push((self.block.text.len(), style));
    }

    /// Closes the innermost open style of the kind of `style`, if near
    /// enough the top; one that covers no text is dropped.
    fn close(&mut self, style: &InlineStyle) {
        let kind = mem::discriminant(style);
        let found = self
            .open
            .iter()
            .rev()
            .take(CLOSE_REACH)
            .position(|(_, open)| mem::discriminant(open) == kind);
        let Some(from_top) = found else {
            return;
        };
        let (start, style) = self.open.remove(self.open.len() - 1 - from_top);
        let end = self.block.text.len();
        if start < end {
            self.block.styles.push(Inline {
                range: start..end,
                style,
            });
        }
    }

    /// A hard line break: a kept line in running text, a space elsewhere.
    fn hard_break(&mut self) {
        if matches!(self.block.role, Role::Body | Role::Note) {
            self.block.text.push('\n');
            self.kept_lines = true;
        } else {
            self.block.text.push(' ');
        }
    }

    /// Opens an image: its placeholder, then its alternative text.
    fn open_image(&mut self, source: &str) {
        let start = self.block.text.len();
        self.block.text.push_str(IMAGE_OPEN);
        self.images.push(OpenImage {
            start,
            alt: self.block.text.len(),
            source: source.to_owned(),
        });
    }

    /// Closes the innermost image: an empty alternative text shows the
    /// file's name.
    fn close_image(&mut self) {
        let Some(image) = self.images.pop() else {
            return;
        };
        if self.block.text[image.alt..].trim().is_empty() {
            let name = file_name(&image.source);
            self.push(name);
        }
        let alt = image.alt..self.block.text.len();
        self.block.text.push(']');
        if self.images.is_empty() {
            self.top_images += 1;
            self.last_image = Some((image.start..self.block.text.len(), alt));
        }
    }

    /// The finished block: styles closed and sorted, prose on one line,
    /// text trimmed, a lone image made a figure.
    fn finish(mut self) -> Block {
        let end = self.block.text.len();
        for (start, style) in self.open.drain(..) {
            if start < end {
                let range = start..end;
                self.block.styles.push(Inline { range, style });
            }
        }
        if self.kept_lines && self.block.kind == BlockKind::Prose {
            self.block.kind = BlockKind::Preformatted;
        }
        if self.block.kind == BlockKind::Prose && self.block.text.contains('\n') {
            // Same length: the ranges still hold.
            self.block.text = self.block.text.replace('\n', " ");
        }
        self.make_figure();
        if self.block.role == Role::Code {
            trim(&mut self.block, |c| c == '\n');
        } else {
            trim(&mut self.block, char::is_whitespace);
        }
        self.block.styles.sort_by_key(|inline| inline.range.start);
        self.block
    }

    /// A block of running text that is one image and nothing else becomes
    /// a figure showing its alternative text.
    fn make_figure(&mut self) {
        let Some((image, alt)) = self.last_image.clone() else {
            return;
        };
        let text = &self.block.text;
        let alone = self.top_images == 1
            && text[..image.start].trim().is_empty()
            && text[image.end..].trim().is_empty();
        if !alone || !matches!(self.block.role, Role::Body | Role::Note) {
            return;
        }
        self.block.text = text[alt.clone()].to_owned();
        let length = self.block.text.len();
        self.block.styles.retain_mut(|inline| {
            let range = &mut inline.range;
            if range.start <= image.start && range.end >= image.end {
                *range = 0..length;
            } else if range.start >= alt.start && range.end <= alt.end {
                *range = range.start - alt.start..range.end - alt.start;
            } else {
                return false;
            }
            range.start < range.end
        });
        self.block.role = Role::Figure;
        self.block.kind = BlockKind::Prose;
        if self.block.text.contains('\n') {
            self.block.text = self.block.text.replace('\n', " ");
        }
    }
}

/// Trims the characters `strip` accepts from both ends of a block's text,
/// moving its styles with the text and dropping those left empty.
fn trim(block: &mut Block, strip: fn(char) -> bool) {
    let text = &block.text;
    let start = text.len() - text.trim_start_matches(strip).len();
    let end = start + text[start..].trim_end_matches(strip).len();
    if start == 0 && end == text.len() {
        return;
    }
    block.text = text[start..end].to_owned();
    block.styles.retain_mut(|inline| {
        let range = &mut inline.range;
        *range = range.start.clamp(start, end) - start..range.end.clamp(start, end) - start;
        range.start < range.end
    });
}

/// The file name at the end of an image's address, or `image`.
fn file_name(source: &str) -> &str {
    let path = source.split(['?', '#']).next().unwrap_or_default();
    match path.trim_end_matches('/').rsplit('/').next() {
        Some(name) if !name.trim().is_empty() => name,
        _ => "image",
    }
}

/// A table being read: its alignments, header and rows of flattened cells.
struct Table {
    alignments: Vec<Alignment>,
    head: Vec<String>,
    rows: Vec<Vec<String>>,
    row: Vec<String>,
}

impl Table {
    /// An empty table with its columns' alignments.
    fn new(alignments: Vec<Alignment>) -> Table {
        Table {
            alignments,
            head: Vec::new(),
            rows: Vec::new(),
            row: Vec::new(),
        }
    }

    /// Adds a cell to the current row.
    fn cell(&mut self, text: String) {
        self.row.push(text);
    }

    /// Ends the header row.
    fn end_head(&mut self) {
        self.head = mem::take(&mut self.row);
    }

    /// Ends a body row.
    fn end_row(&mut self) {
        self.rows.push(mem::take(&mut self.row));
    }

    /// How many columns the widest row has.
    fn columns(&self) -> usize {
        self.rows
            .iter()
            .map(Vec::len)
            .chain([self.head.len(), self.alignments.len()])
            .max()
            .unwrap_or(0)
    }

    /// Each column's width: its widest cell, at least one column.
    fn widths(&self) -> Vec<usize> {
        let mut widths = vec![1; self.columns()];
        for row in self.rows.iter().chain([&self.head]) {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.width());
            }
        }
        widths
    }

    /// The table as a box-drawing grid, or `None` when it is wider than
    /// [`MAX_GRID_WIDTH`] (or has no column).
    fn grid(&self) -> Option<String> {
        let widths = self.widths();
        let total = widths.iter().sum::<usize>() + 3 * widths.len() + 1;
        if widths.is_empty() || total > MAX_GRID_WIDTH {
            return None;
        }
        let mut lines = vec![border(&widths, '┌', '┬', '┐')];
        lines.push(self.grid_row(&self.head, &widths));
        lines.push(border(&widths, '├', '┼', '┤'));
        lines.extend(self.rows.iter().map(|row| self.grid_row(row, &widths)));
        lines.push(border(&widths, '└', '┴', '┘'));
        Some(lines.join("\n"))
    }

    /// One row of the grid, each cell padded as its column is aligned.
    fn grid_row(&self, row: &[String], widths: &[usize]) -> String {
        let mut line = String::from("│");
        for (column, width) in widths.iter().enumerate() {
            let cell = row.get(column).map_or("", String::as_str);
            let alignment = self.alignments.get(column).copied();
            let room = width.saturating_sub(cell.width());
            let before = match alignment {
                Some(Alignment::Right) => room,
                Some(Alignment::Center) => room / 2,
                _ => 0,
            };
            line.push(' ');
            line.extend(std::iter::repeat_n(' ', before));
            line.push_str(cell);
            line.extend(std::iter::repeat_n(' ', room - before));
            line.push_str(" │");
        }
        line
    }

    /// One text per body row (the header's when there is none), each cell
    /// labelled by its column's header: `Header: cell; Header2: cell2`.
    fn labelled_rows(&self) -> Vec<String> {
        if self.rows.is_empty() {
            return vec![self.head.join("; ")];
        }
        self.rows
            .iter()
            .map(|row| {
                let cells: Vec<String> = row
                    .iter()
                    .enumerate()
                    .filter(|(_, cell)| !cell.is_empty())
                    .map(|(column, cell)| match self.head.get(column) {
                        Some(header) if !header.is_empty() => format!("{header}: {cell}"),
                        _ => cell.clone(),
                    })
                    .collect();
                cells.join("; ")
            })
            .collect()
    }
}

/// A horizontal line of a grid: `left`, then each column's width in `─`
/// (with its padding), joined by `middle`, then `right`.
fn border(widths: &[usize], left: char, middle: char, right: char) -> String {
    let mut line = String::from(left);
    for (column, width) in widths.iter().enumerate() {
        if column > 0 {
            line.push(middle);
        }
        line.extend(std::iter::repeat_n('─', width + 2));
    }
    line.push(right);
    line
}

/// The HTML tags that begin or end a block.
const HTML_BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "header",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// The inline style an HTML tag stands for, if any.
fn html_style(name: &str) -> Option<InlineStyle> {
    match name {
        "code" | "kbd" | "samp" | "tt" => Some(InlineStyle::Code),
        "em" | "i" | "cite" => Some(InlineStyle::Emphasis),
        "strong" | "b" => Some(InlineStyle::Strong),
        "s" | "del" | "strike" => Some(InlineStyle::Strike),
        _ => None,
    }
}

/// The level of an HTML heading tag (`h1` to `h6`).
fn html_heading(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', level @ b'1'..=b'6'] => Some(level - b'0'),
        _ => None,
    }
}

/// Collapses each run of HTML white space (ASCII only: a no-break space
/// stays) into one space.
fn collapse_white_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// Decodes the character references of HTML text (`&amp;`, `&#x27;`,
/// every named one), by pulldown-cmark's own table: the text is read as
/// the title of a link, where Markdown decodes references and nothing
/// else once `\` and `"` are escaped. One line at a time: a line end is
/// left as it is.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') || text.contains('\n') {
        return text.to_owned();
    }
    let mut source = String::with_capacity(text.len() + 16);
    source.push_str("[x](x \"");
    for c in text.chars() {
        if matches!(c, '\\' | '"') {
            source.push('\\');
        }
        source.push(c);
    }
    source.push_str("\")");
    Parser::new(&source)
        .find_map(|event| match event {
            Event::Start(Tag::Link { title, .. }) => Some(title.into_string()),
            _ => None,
        })
        .unwrap_or_else(|| text.to_owned())
}

/// A piece of raw HTML.
enum Piece<'a> {
    /// Text between tags, character references not yet decoded.
    Text(&'a str),
    /// A start or end tag.
    Tag(HtmlTag<'a>),
    /// A comment, doctype or processing instruction.
    Comment,
}

/// A start or end tag of raw HTML.
struct HtmlTag<'a> {
    /// Its name, in lower case.
    name: String,
    /// Whether it ends an element (`</p>`).
    closing: bool,
    /// What follows the name, up to the closing `>`.
    attributes: &'a str,
}

impl HtmlTag<'_> {
    /// The value of the attribute `wanted`, references decoded.
    fn attribute(&self, wanted: &str) -> Option<String> {
        let mut rest = self.attributes;
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
            if rest.is_empty() {
                return None;
            }
            let name_end = rest
                .find(|c: char| c.is_ascii_whitespace() || matches!(c, '=' | '/'))
                .unwrap_or(rest.len());
            let name = &rest[..name_end];
            rest = rest[name_end..].trim_start();
            let value = match rest.strip_prefix('=') {
                Some(after) => {
                    let (value, after) = attribute_value(after.trim_start());
                    rest = after;
                    value
                }
                None => "",
            };
            if name.eq_ignore_ascii_case(wanted) {
                return Some(decode_entities(value));
            }
        }
    }
}

/// An attribute's value at the start of `text` (quoted or not), and what
/// follows it.
fn attribute_value(text: &str) -> (&str, &str) {
    match text.chars().next() {
        Some(quote @ ('"' | '\'')) => {
            let inner = &text[1..];
            match inner.find(quote) {
                Some(end) => (&inner[..end], &inner[end + 1..]),
                None => (inner, ""),
            }
        }
        _ => {
            let end = text
                .find(|c: char| c.is_ascii_whitespace())
                .unwrap_or(text.len());
            (&text[..end], &text[end..])
        }
    }
}

/// Splits raw HTML into text, tags and comments, in one pass: a `<` that
/// opens no tag is text.
struct HtmlPieces<'a> {
    rest: &'a str,
    /// Once a tag is found unclosed up to the end, no later one is sought
    /// (which keeps a flood of `<a` linear).
    unclosed: bool,
}

impl<'a> HtmlPieces<'a> {
    /// The pieces of `raw`.
    fn new(raw: &'a str) -> HtmlPieces<'a> {
        HtmlPieces {
            rest: raw,
            unclosed: false,
        }
    }

    /// The markup at the start of the rest, and its length, if it is one.
    fn markup(&mut self) -> Option<(Piece<'a>, usize)> {
        let rest = self.rest;
        if let Some(after) = rest.strip_prefix("<!--") {
            let length = after.find("-->").map_or(rest.len(), |end| 4 + end + 3);
            return Some((Piece::Comment, length));
        }
        let bytes = rest.as_bytes();
        let (closing, name_start) = match bytes {
            [b'<', b'/', c, ..] if c.is_ascii_alphabetic() => (true, 2),
            [b'<', c, ..] if c.is_ascii_alphabetic() => (false, 1),
            [b'<', b'!' | b'?', ..] => {
                let length = rest.find('>').map_or(rest.len(), |end| end + 1);
                return Some((Piece::Comment, length));
            }
            _ => return None,
        };
        if self.unclosed {
            return None;
        }
        let Some(end) = tag_end(rest) else {
            self.unclosed = true;
            return None;
        };
        let inside = &rest[name_start..end];
        let name_end = inside
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(inside.len());
        let tag = HtmlTag {
            name: inside[..name_end].to_ascii_lowercase(),
            closing,
            attributes: &inside[name_end..],
        };
        Some((Piece::Tag(tag), end + 1))
    }
}

/// Where the tag at the start of `text` ends: its `>` outside quotes.
fn tag_end(text: &str) -> Option<usize> {
    let mut quote = None;
    for (at, byte) in text.bytes().enumerate() {
        match (quote, byte) {
            (None, b'>') => return Some(at),
            (None, b'"' | b'\'') => quote = Some(byte),
            (Some(open), _) if open == byte => quote = None,
            _ => {}
        }
    }
    None
}

impl<'a> Iterator for HtmlPieces<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        if self.rest.is_empty() {
            return None;
        }
        if let Some((piece, length)) = self.markup() {
            self.rest = &self.rest[length..];
            return Some(piece);
        }
        // Text, up to the next `<` (a first `<` that opened nothing is text).
        let first = self.rest.chars().next().map_or(1, char::len_utf8);
        let end = self.rest[first..]
            .find('<')
            .map_or(self.rest.len(), |at| at + first);
        let text = &self.rest[..end];
        self.rest = &self.rest[end..];
        Some(Piece::Text(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The blocks of `text`.
    fn blocks(text: &str) -> Vec<Block> {
        read(text).blocks
    }

    /// The texts of the blocks of `text`.
    fn texts(text: &str) -> Vec<String> {
        blocks(text).into_iter().map(|block| block.text).collect()
    }

    /// The text each style of `block` covers, with the style.
    fn spans(block: &Block) -> Vec<(&str, InlineStyle)> {
        block
            .styles
            .iter()
            .map(|inline| (&block.text[inline.range.clone()], inline.style.clone()))
            .collect()
    }

    /// Checks the model's invariants on every block.
    fn assert_invariants(doc: &Structured) {
        for block in &doc.blocks {
            for inline in &block.styles {
                let range = &inline.range;
                assert!(range.start < range.end, "{block:?}");
                assert!(range.end <= block.text.len(), "{block:?}");
                assert!(block.text.is_char_boundary(range.start), "{block:?}");
                assert!(block.text.is_char_boundary(range.end), "{block:?}");
            }
            let starts: Vec<usize> = block.styles.iter().map(|i| i.range.start).collect();
            assert!(starts.is_sorted(), "{block:?}");
            if block.kind == BlockKind::Prose {
                assert!(!block.text.contains('\n'), "{block:?}");
                assert_eq!(block.text.trim(), block.text, "{block:?}");
            }
            assert!(
                !block.text.is_empty() || block.role == Role::Rule,
                "{block:?}"
            );
            assert!(
                block.text.chars().all(|c| c == '\n' || !c.is_control()),
                "{block:?}"
            );
        }
    }

    #[test]
    fn atx_and_setext_headings_are_headings_with_anchors() {
        let doc = read("# The *Title* #\n\nSetext Two\n----------\nbody\n\n### Third\n");
        let got: Vec<(&str, Role)> = doc
            .blocks
            .iter()
            .map(|block| (block.text.as_str(), block.role))
            .collect();
        assert_eq!(
            got,
            [
                ("The Title", Role::Heading(1)),
                ("Setext Two", Role::Heading(2)),
                ("body", Role::Body),
                ("Third", Role::Heading(3)),
            ]
        );
        assert_eq!(doc.blocks[0].anchors, ["the-title"]);
        assert_eq!(doc.blocks[1].anchors, ["setext-two"]);
        assert_eq!(doc.metadata.title.as_deref(), Some("The Title"));
        assert!(doc.toc.is_empty());
        assert_eq!(read("## Two\n\ntext").metadata.title, None);
    }

    #[test]
    fn slugs_follow_github_and_repeat_with_a_number() {
        let doc = read("# What's New? (v2.0)\n\n# Notes\n\n# Notes\n\n# Café à Paris\n");
        let anchors: Vec<&str> = doc.blocks.iter().map(|b| b.anchors[0].as_str()).collect();
        assert_eq!(
            anchors,
            ["whats-new-v20", "notes", "notes-1", "café-à-paris"]
        );
    }

    #[test]
    fn emphasis_ranges_cover_the_right_words() {
        let block = &blocks("Some *soft* and **bold** `co de` ~~gone~~ ***both*** end")[0];
        assert_eq!(block.text, "Some soft and bold co de gone both end");
        let mut got = spans(block);
        // Two styles over one word come in either order.
        got.sort_by_key(|(word, style)| (word.as_ptr(), format!("{style:?}")));
        assert_eq!(
            got,
            [
                ("soft", InlineStyle::Emphasis),
                ("bold", InlineStyle::Strong),
                ("co de", InlineStyle::Code),
                ("gone", InlineStyle::Strike),
                ("both", InlineStyle::Emphasis),
                ("both", InlineStyle::Strong),
            ]
        );
    }

    #[test]
    fn ranges_are_byte_ranges_over_wide_characters() {
        let block = &blocks("  Été *très* chaud — **漢字**  ")[0];
        assert_eq!(block.text, "Été très chaud — 漢字");
        assert_eq!(
            spans(block),
            [
                ("très", InlineStyle::Emphasis),
                ("漢字", InlineStyle::Strong)
            ]
        );
    }

    #[test]
    fn links_keep_their_target_and_fragments_resolve() {
        let doc =
            read("See [Rust](https://rust-lang.org) or [below](#install-it).\n\n## Install it!\n");
        let block = &doc.blocks[0];
        assert_eq!(block.text, "See Rust or below.");
        assert_eq!(
            spans(block),
            [
                ("Rust", InlineStyle::Link("https://rust-lang.org".into())),
                ("below", InlineStyle::Link("#install-it".into())),
            ]
        );
        assert_eq!(doc.blocks[1].anchors, ["install-it"]);
    }

    #[test]
    fn code_blocks_are_verbatim_with_their_blank_lines() {
        let doc = read(
            "```rust\nfn a() {\n\n\tb(); // *not* emphasis\n}\n\n```\n\n    indented\n      more\n",
        );
        let code = &doc.blocks[0];
        assert_eq!(code.text, "fn a() {\n\n        b(); // *not* emphasis\n}");
        assert_eq!(
            (code.role, code.kind),
            (Role::Code, BlockKind::Preformatted)
        );
        assert!(code.styles.is_empty());
        assert_eq!(doc.blocks[1].text, "indented\n  more");
        assert_eq!(doc.blocks[1].role, Role::Code);
        assert_eq!(doc.blocks.len(), 2);
    }

    #[test]
    fn nested_lists_carry_depth_and_markers() {
        let doc = read(
            "3. three\n4. four\n   - inner\n     - deeper\n       - deepest\n\n\
             * loose\n\n  second paragraph\n* next\n",
        );
        let got: Vec<(&str, u8, Option<&str>)> = doc
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.list, b.marker.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("three", 1, Some("3.")),
                ("four", 1, Some("4.")),
                ("inner", 2, Some("◦")),
                ("deeper", 3, Some("▪")),
                ("deepest", 4, Some("▪")),
                ("loose", 1, Some("•")),
                ("second paragraph", 1, None),
                ("next", 1, Some("•")),
            ]
        );
    }

    #[test]
    fn task_items_show_their_box() {
        for text in ["- [ ] todo\n- [x] done\n", "- [ ] todo\n\n- [x] done\n"] {
            let got: Vec<(String, Option<String>)> = blocks(text)
                .into_iter()
                .map(|b| (b.text, b.marker))
                .collect();
            assert_eq!(
                got,
                [
                    ("todo".into(), Some("☐".into())),
                    ("done".into(), Some("☑".into()))
                ],
                "{text:?}"
            );
        }
    }

    #[test]
    fn quotes_carry_their_depth_and_inner_roles() {
        let doc = read("> a\n>\n> > ## b\n> > - c\n\nd\n");
        let got: Vec<(&str, u8, Role, u8)> = doc
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.quote, b.role, b.list))
            .collect();
        assert_eq!(
            got,
            [
                ("a", 1, Role::Body, 0),
                ("b", 2, Role::Heading(2), 0),
                ("c", 2, Role::Body, 1),
                ("d", 0, Role::Body, 0),
            ]
        );
    }

    #[test]
    fn a_rule_is_an_empty_rule_block() {
        let doc = read("a\n\n---\n\nb\n");
        assert_eq!(doc.blocks[1].role, Role::Rule);
        assert_eq!(doc.blocks[1].text, "");
        assert_eq!(doc.blocks.len(), 3);
    }

    #[test]
    fn a_small_table_is_a_grid() {
        let doc = read(
            "| Name | Qty | Mid |\n|:-----|----:|:---:|\n| `pomme` | 3 | *x* |\n| poire | 12 | ab |\n",
        );
        assert_eq!(doc.blocks.len(), 1);
        let table = &doc.blocks[0];
        assert_eq!(
            (table.role, table.kind),
            (Role::Table, BlockKind::Preformatted)
        );
        assert_eq!(
            table.text,
            "┌───────┬─────┬─────┐\n\
             │ Name  │ Qty │ Mid │\n\
             ├───────┼─────┼─────┤\n\
             │ pomme │   3 │  x  │\n\
             │ poire │  12 │ ab  │\n\
             └───────┴─────┴─────┘"
        );
    }

    #[test]
    fn a_grid_measures_wide_characters_by_their_columns() {
        let table = &blocks("| 漢字 | a |\n|---|---|\n| b | c |\n")[0];
        assert_eq!(
            table.text,
            "┌──────┬───┐\n│ 漢字 │ a │\n├──────┼───┤\n│ b    │ c │\n└──────┴───┘"
        );
    }

    #[test]
    fn a_wide_table_becomes_labelled_rows() {
        let long = "word ".repeat(16);
        let text =
            format!("| Key | Meaning |\n|---|---|\n| `+` | {long} |\n| `-` |  |\n| | lone |\n");
        let doc = read(&text);
        let got: Vec<(&str, Role, BlockKind)> = doc
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.role, b.kind))
            .collect();
        let first = format!("Key: +; Meaning: {}", long.trim());
        assert_eq!(
            got,
            [
                (first.as_str(), Role::Table, BlockKind::Prose),
                ("Key: -", Role::Table, BlockKind::Prose),
                ("Meaning: lone", Role::Table, BlockKind::Prose),
            ]
        );
    }

    #[test]
    fn footnotes_are_marked_and_become_notes() {
        let doc = read("Claim[^src] here.\n\n[^src]: The *source*.\n\n    more of it\n");
        let claim = &doc.blocks[0];
        assert_eq!(claim.text, "Claim[src] here.");
        assert_eq!(
            spans(claim),
            [("[src]", InlineStyle::Link("#fn-src".into()))]
        );
        let note = &doc.blocks[1];
        assert_eq!(note.role, Role::Note);
        assert_eq!(note.anchors, ["fn-src"]);
        assert_eq!(note.text, "[src] The source.");
        assert_eq!(spans(note), [("source", InlineStyle::Emphasis)]);
    }

    #[test]
    fn html_tags_go_and_their_text_stays() {
        assert_eq!(texts("<p dir='rtl'>שלום</p>"), ["שלום"]);
        assert_eq!(
            texts("<p dir='rtl' class='x'>a &amp; b &#x27;c&#x27; &lt;d&gt;</p>\n<p>e\n  f</p>\n"),
            ["a & b 'c' <d>", "e f"]
        );
        assert_eq!(
            texts("<div align=\"center\">\n\n**Bold** text\n\n</div>\n"),
            ["Bold text"]
        );
        assert_eq!(
            texts("a <span class=\"x\">b</span> <!-- gone\nfor good --> c"),
            ["a b c"]
        );
        assert_eq!(texts("<!-- a comment -->\n\ntext"), ["text"]);
        assert_eq!(texts("<p><أ ليلة</p>"), ["<أ ليلة"]);
        // Trimming the space before the text moves the styles with it.
        let block = &blocks("<p><em>  lead</em> and <b>end</b>  </p>")[0];
        assert_eq!(block.text, "lead and end");
        assert_eq!(
            spans(block),
            [
                ("lead", InlineStyle::Emphasis),
                ("end", InlineStyle::Strong)
            ]
        );
    }

    #[test]
    fn html_headings_breaks_ids_and_styles_are_read() {
        let doc = read("<h1 dir='rtl'>السندباد</h1>\n<p>one<br>two</p>\n");
        assert_eq!(doc.blocks[0].role, Role::Heading(1));
        assert_eq!(doc.metadata.title.as_deref(), Some("السندباد"));
        assert_eq!(doc.blocks[1].text, "one\ntwo");
        assert_eq!(doc.blocks[1].kind, BlockKind::Preformatted);

        let doc = read("<a id=\"old-name\"></a>\n\n#### New name\n\nuse <code>a &vert; b</code>\n");
        assert_eq!(doc.blocks[0].anchors, ["old-name", "new-name"]);
        assert_eq!(spans(&doc.blocks[1]), [("a | b", InlineStyle::Code)]);
    }

    #[test]
    fn hard_breaks_keep_the_lines_of_verse() {
        let block = &blocks("Roses are *red*,  \nViolets are blue\\\nSugar is sweet\n")[0];
        assert_eq!(
            block.text,
            "Roses are red,\nViolets are blue\nSugar is sweet"
        );
        assert_eq!(block.kind, BlockKind::Preformatted);
        assert_eq!(spans(block), [("red", InlineStyle::Emphasis)]);
        let soft = &blocks("one\ntwo")[0];
        assert_eq!(
            (soft.text.as_str(), soft.kind),
            ("one two", BlockKind::Prose)
        );
    }

    #[test]
    fn images_show_their_alternative_text() {
        let doc = read(
            "![A cat](img/cat.png)\n\nSee ![](pics/dog.jpg?x=1) and [![badge](b.svg)](https://ci)\n",
        );
        assert_eq!(doc.blocks[0].text, "A cat");
        assert_eq!(doc.blocks[0].role, Role::Figure);
        let inline = &doc.blocks[1];
        assert_eq!(inline.text, "See [image: dog.jpg] and [image: badge]");
        assert_eq!(inline.role, Role::Body);
        assert_eq!(
            spans(inline),
            [("[image: badge]", InlineStyle::Link("https://ci".into()))]
        );
        let linked = &blocks("[![Build status](x.svg)](https://ci)")[0];
        assert_eq!(linked.role, Role::Figure);
        assert_eq!(
            spans(linked),
            [("Build status", InlineStyle::Link("https://ci".into()))]
        );
    }

    #[test]
    fn escape_bytes_become_visible_symbols() {
        let doc = read(
            "# red \u{1b}[31m\n\nline \u{1b}[0m *and\u{7}* \u{202e}x\n\n```\n\u{1b}[2J\n```\n",
        );
        let got: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(got, ["red ␛[31m", "line ␛[0m and␇ ⇄x", "␛[2J"]);
        assert_eq!(spans(&doc.blocks[1]), [("and␇", InlineStyle::Emphasis)]);
        assert_invariants(&doc);
    }

    #[test]
    fn deep_nesting_neither_overflows_nor_crawls() {
        for text in [
            format!("{} deep", ">".repeat(100_000)),
            format!("{}deep", "- ".repeat(100_000)),
            format!("{}deep", "*a ".repeat(50_000)),
            format!("{}x", "<em>".repeat(50_000)),
            "<a ".repeat(50_000),
        ] {
            let doc = read(&text);
            assert_invariants(&doc);
            let last = doc.blocks.last().map(|b| (b.quote, b.list));
            assert!(matches!(last, Some((0 | 255, 0 | 255))), "{last:?}");
        }
    }

    #[test]
    fn empty_input_gives_no_block() {
        assert_eq!(read(""), Structured::default());
        assert!(blocks("\n\n   \n<!-- -->\n").is_empty());
    }

    proptest! {
        #[test]
        fn any_text_reads_into_valid_blocks(text in "\\PC*") {
            assert_invariants(&read(&text));
        }

        #[test]
        fn markdown_like_text_reads_into_valid_blocks(
            text in "([-*_#>`~|:!\\[\\]()<>&;/\\\\ \n\t1.xé漢\u{1b}\r]|<br>|<p>|</p>|&amp;|- \\[x\\] |\\[\\^1\\]|\n\n){0,80}"
        ) {
            assert_invariants(&read(&text));
        }
    }

    /// The Markdown files of the shared test data, or `None` (with a
    /// notice) when it is absent.
    fn shared_markdown() -> Option<Vec<(String, String)>> {
        let dirs = [
            concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/formats/md"),
            concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"),
        ];
        let mut files = Vec::new();
        for dir in dirs {
            let Ok(entries) = std::fs::read_dir(dir) else {
                eprintln!("notice: {dir} is absent; skipping the Markdown corpus test");
                return None;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if !path.is_file() || path.extension().is_none_or(|e| e != "md") {
                    continue;
                }
                if path.file_name().is_some_and(|n| n == "SOURCES.md") {
                    continue;
                }
                let bytes = std::fs::read(&path).unwrap();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                files.push((name, String::from_utf8_lossy(&bytes).into_owned()));
            }
        }
        files.sort();
        Some(files)
    }

    #[test]
    fn real_markdown_reads_without_markup_residue() {
        let Some(files) = shared_markdown() else {
            return;
        };
        assert!(files.len() >= 5, "{} files", files.len());
        for (name, text) in &files {
            let doc = read(text);
            assert_invariants(&doc);
            let headings = doc
                .blocks
                .iter()
                .filter(|b| matches!(b.role, Role::Heading(_)))
                .count();
            assert!(headings > 0, "{name}: no heading");
            for block in doc.blocks.iter().filter(|b| b.role != Role::Code) {
                for line in block.text.lines() {
                    let residue = line.starts_with('#')
                        || line.contains("```")
                        || line.contains("<p")
                        || line.contains("</p>")
                        || line.contains("|---")
                        || line.contains("<br");
                    assert!(!residue, "{name}: {line:?} in {block:?}");
                }
            }
        }
    }

    #[test]
    fn the_ripgrep_readme_keeps_its_setext_heading_apart() {
        let Some(files) = shared_markdown() else {
            return;
        };
        let Some((_, text)) = files.iter().find(|(n, _)| n == "md_ripgrep_README.md") else {
            eprintln!("notice: md_ripgrep_README.md is absent; skipping");
            return;
        };
        let doc = read(text);
        assert_eq!(doc.blocks[0].text, "ripgrep (rg)");
        assert_eq!(doc.blocks[0].role, Role::Heading(2));
        assert!(
            doc.blocks[1]
                .text
                .starts_with("ripgrep is a line-oriented search tool")
        );
        assert!(doc.blocks.iter().any(|b| b.role == Role::Table));
        let links = doc.blocks.iter().flat_map(|b| &b.styles);
        let internal: Vec<&str> = links
            .filter_map(|i| match &i.style {
                InlineStyle::Link(url) => url.strip_prefix('#'),
                _ => None,
            })
            .collect();
        assert!(!internal.is_empty());
        for anchor in internal {
            assert!(
                doc.blocks
                    .iter()
                    .any(|b| b.anchors.iter().any(|a| a == anchor)),
                "#{anchor} leads nowhere"
            );
        }
    }

    #[test]
    fn html_wrapped_texts_read_as_paragraphs() {
        let Some(files) = shared_markdown() else {
            return;
        };
        for (name, text) in files.iter().filter(|(_, t)| t.contains("<p dir='rtl'")) {
            let doc = read(text);
            let paragraphs = text.matches("<p dir='rtl'").count();
            let bodies = doc.blocks.iter().filter(|b| b.role == Role::Body).count();
            assert_eq!(bodies, paragraphs, "{name}");
            assert!(
                doc.blocks.iter().all(|b| !b.text.contains("dir=")),
                "{name}"
            );
        }
    }
}
