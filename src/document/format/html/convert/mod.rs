//! Turning an HTML or XHTML tree into the block model.
//!
//! The page is parsed by a real HTML5 parser (dom_query, on html5ever),
//! then walked once, in document order, with an explicit stack — never by
//! recursion — so 100,000 nested elements neither overflow the stack nor
//! cost more than their number. Block elements (`p`, `div`, headings,
//! lists, quotes, `pre`, tables, figures, notes) start and end blocks;
//! inline elements (`em`, `strong`, `code`, `a`, …) become style ranges
//! over the block's text. Every text is sanitized as
//! [`sanitize`](crate::document::sanitize::sanitize) does (controls and
//! escapes become visible symbols), white space is collapsed as HTML does
//! outside `pre`, and `id`s become the anchors of the block they stand in
//! (or of the next block, for an element with no text of its own).
//!
//! What is dropped, on purpose: scripts, styles, `noscript`, templates,
//! the `head`, SVG pictures, form controls and comments.

use std::mem;

mod depth_limit;

use dom_query::{Document, NodeRef};
use regex::{Captures, Regex};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::document::BlockKind;
use crate::document::block::{Block, Inline, InlineStyle, Role};
use crate::document::format::bullet;
use crate::document::sanitize::{TAB_WIDTH, sanitize, visible_control};

/// The widest table, in columns, drawn as a grid; a wider one is told row
/// by row.
pub const MAX_GRID_WIDTH: usize = 80;

/// Parses a whole HTML document, or a fragment of one, and returns its
/// blocks in reading order.
///
/// ```
/// use liseuse::document::format::html::convert::blocks_from_html;
/// let blocks = blocks_from_html("<h1>Title</h1><p>Some <em>text</em>.</p>");
/// assert_eq!(blocks[0].text, "Title");
/// assert_eq!(blocks[1].text, "Some text.");
/// assert_eq!(blocks[1].styles[0].range, 5..9);
/// ```
pub fn blocks_from_html(html: &str) -> Vec<Block> {
    blocks_from_node(parse_html(html).root())
}

/// The deepest nesting of elements the parser is given: deeper start tags
/// (and their end tags) are left out, their text kept, as browsers cap
/// the depth of the tree (Blink at 512). The HTML5 tree builder looks
/// through its stack of open elements at each tag, so a deeper stack
/// would make hostile pages (100,000 nested `div`s) cost quadratic time.
pub const MAX_DEPTH: usize = 256;

/// Parses an HTML document (or fragment) as a browser would, its nesting
/// capped at [`MAX_DEPTH`]: what a reader mode should parse pages with.
pub fn parse_html(html: &str) -> Document {
    Document::from(&*depth_limit::limit(html))
}

/// Parses an XHTML document (an EPUB chapter) as HTML, after writing its
/// self-closed elements (`<a id="x"/>`, `<title/>`, `<script/>`) as an
/// open and a close tag, which is what they mean in XML but not in HTML
/// (where `<title/>` would swallow the rest of the file).
pub fn parse_xhtml(xhtml: &str) -> Document {
    parse_html(&expand_self_closed(xhtml))
}

/// The blocks of `node` and everything inside it, in reading order: the
/// converter over an already parsed tree, for a node a reader mode kept
/// (the article) or a whole [`Document::root`].
pub fn blocks_from_node(node: NodeRef<'_>) -> Vec<Block> {
    let mut walker = Walker::default();
    walker.walk(node);
    walker.finish()
}

/// The language a document declares: the `lang` (or `xml:lang`)
/// attribute of its `html` element, else of its `body`, sanitized;
/// `None` when neither says.
pub fn document_language(document: &Document) -> Option<String> {
    let candidates = [Some(document.html_root()), document.body()];
    candidates.into_iter().flatten().find_map(|node| {
        ["lang", "xml:lang"]
            .into_iter()
            .filter_map(|name| node.attr(name))
            .map(|value| clean_line(&value))
            .find(|value| !value.is_empty())
    })
}

/// Sanitizes `text` and collapses its white space to single spaces,
/// trimmed: for attributes and titles shown on one line.
pub fn clean_line(text: &str) -> String {
    sanitize(text)
        .split(is_html_space)
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `c` is white space as HTML collapses it.
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

/// The elements whose name is not void in HTML, written `<x/>`, become
/// `<x></x>`; everything else is left as it is.
fn expand_self_closed(xhtml: &str) -> String {
    static SELF_CLOSED: std::sync::LazyLock<Option<Regex>> = std::sync::LazyLock::new(|| {
        Regex::new(
            r#"<([A-Za-z][A-Za-z0-9:_.-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/>"#,
        )
        .ok()
    });
    let Some(pattern) = SELF_CLOSED.as_ref() else {
        return xhtml.to_owned();
    };
    pattern
        .replace_all(xhtml, |caps: &Captures<'_>| {
            let name = &caps[1];
            if is_void(local(&name.to_ascii_lowercase())) {
                caps[0].to_owned()
            } else {
                format!("<{name}{}></{name}>", &caps[2])
            }
        })
        .into_owned()
}

/// Whether an HTML element never has content.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// An element's name without its namespace prefix (`m:math` is `math`).
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// What the walker does with an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Treatment {
    /// Left out with everything inside it.
    Drop,
    /// A block of its own kind (or a container of blocks).
    Block(BlockElement),
    /// A style over its text.
    Styled(InlineStyle0),
    /// A link (its target is read when it is entered).
    Link,
    /// Superscript or subscript.
    Script(Script),
    /// A line break.
    Break,
    /// A thematic break.
    Rule,
    /// An image.
    Image,
    /// MathML.
    Math,
    /// A table.
    Table,
    /// Any other element: its content flows on.
    Transparent,
}

/// The block elements the walker tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BlockElement {
    /// A heading of this level.
    Heading(u8),
    /// `pre`.
    Pre,
    /// `blockquote`.
    Quote,
    /// `ul`, `ol` (ordered) or `menu`.
    List { ordered: bool },
    /// `li`.
    Item,
    /// `dt`.
    Term,
    /// `dd`.
    Definition,
    /// A footnote or endnote.
    Note,
    /// A group of verse lines (`class="linegroup"`, `stanza`, `poem`…):
    /// the blocks inside are its lines.
    Verse,
    /// Any other block (`p`, `div`, `section`, `figure`, …).
    Plain,
}

/// The inline styles that need no argument (a link carries its target).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InlineStyle0 {
    /// `em`, `i`, `cite`.
    Emphasis,
    /// `strong`, `b`.
    Strong,
    /// `code`, `kbd`, `samp`, `tt`.
    Code,
    /// `s`, `del`, `strike`.
    Strike,
}

impl InlineStyle0 {
    /// The style it stands for.
    fn style(self) -> InlineStyle {
        match self {
            InlineStyle0::Emphasis => InlineStyle::Emphasis,
            InlineStyle0::Strong => InlineStyle::Strong,
            InlineStyle0::Code => InlineStyle::Code,
            InlineStyle0::Strike => InlineStyle::Strike,
        }
    }
}

/// Superscript or subscript, as the text inside is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Script {
    /// Characters as they are.
    #[default]
    None,
    /// Unicode superscript characters.
    Super,
    /// Unicode subscript characters.
    Sub,
}

/// How `name` (lower case, without prefix) and its attributes are treated.
fn treatment(node: &NodeRef<'_>, name: &str) -> Treatment {
    use BlockElement as B;
    if is_note(node) {
        return Treatment::Block(B::Note);
    }
    match name {
        "script" | "style" | "noscript" | "template" | "head" | "svg" | "input" | "select"
        | "textarea" | "button" | "option" | "datalist" | "object" | "iframe" | "canvas"
        | "audio" | "video" | "embed" | "title" | "meta" | "link" | "base" | "map" => {
            Treatment::Drop
        }
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            let level = name.as_bytes()[1] - b'0';
            Treatment::Block(B::Heading(level))
        }
        "pre" | "listing" | "xmp" | "plaintext" => Treatment::Block(B::Pre),
        "blockquote" => Treatment::Block(B::Quote),
        "ul" | "menu" | "dir" => Treatment::Block(B::List { ordered: false }),
        "ol" => Treatment::Block(B::List { ordered: true }),
        "li" => Treatment::Block(B::Item),
        "dt" => Treatment::Block(B::Term),
        "dd" => Treatment::Block(B::Definition),
        "p" | "div" | "section" | "article" | "aside" | "header" | "footer" | "nav" | "main"
        | "address" | "center" | "details" | "summary" | "dialog" | "dl" | "fieldset"
        | "figure" | "figcaption" | "form" | "hgroup" | "legend" | "body" | "html" | "caption"
        | "search" => {
            if is_verse(node) {
                Treatment::Block(B::Verse)
            } else {
                Treatment::Block(B::Plain)
            }
        }
        "em" | "i" | "cite" | "dfn" | "var" => Treatment::Styled(InlineStyle0::Emphasis),
        "strong" | "b" => Treatment::Styled(InlineStyle0::Strong),
        "code" | "kbd" | "samp" | "tt" => Treatment::Styled(InlineStyle0::Code),
        "s" | "del" | "strike" => Treatment::Styled(InlineStyle0::Strike),
        "a" => Treatment::Link,
        "sup" => Treatment::Script(Script::Super),
        "sub" => Treatment::Script(Script::Sub),
        "br" => Treatment::Break,
        "hr" => Treatment::Rule,
        "img" => Treatment::Image,
        "math" => Treatment::Math,
        "table" => Treatment::Table,
        _ => Treatment::Transparent,
    }
}

/// Whether the element holds lines of verse, by its class.
fn is_verse(node: &NodeRef<'_>) -> bool {
    node.attr("class").is_some_and(|classes| {
        classes.split_ascii_whitespace().any(|class| {
            matches!(
                class.to_ascii_lowercase().as_str(),
                "linegroup" | "line-group" | "lg" | "stanza" | "verse" | "poem" | "poetry"
            )
        })
    })
}

/// Whether the element is a footnote or an endnote (`epub:type` or ARIA
/// `role`); a note reference (`noteref`) is not.
fn is_note(node: &NodeRef<'_>) -> bool {
    let notes = ["footnote", "endnote", "rearnote", "note"];
    let epub = node.attr("epub:type").is_some_and(|types| {
        types
            .split_ascii_whitespace()
            .any(|t| notes.contains(&t) || t == "footnotes" || t == "endnotes")
    });
    let aria = node.attr("role").is_some_and(|roles| {
        roles
            .split_ascii_whitespace()
            .any(|r| matches!(r, "doc-footnote" | "doc-endnote" | "doc-endnotes"))
    });
    epub || aria
}

/// What surrounds the text being read: it sets the blocks made there.
#[derive(Debug, Clone, Copy, Default)]
struct Context {
    /// The role of blocks made here.
    role: Role,
    /// Block quotes around.
    quote: u8,
    /// Lists around.
    list: u8,
    /// Inside `pre`: text kept verbatim.
    pre: bool,
    /// Inside a footnote or endnote.
    note: bool,
    /// Superscript or subscript characters.
    script: Script,
    /// Inside a `sup` or `sub`.
    scripted: bool,
    /// Inside a group of verse lines.
    verse: bool,
}

/// One open list: what its next item is numbered.
#[derive(Debug, Clone, Copy)]
struct List {
    /// Numbered (`ol`), or bulleted.
    ordered: bool,
    /// The next item's number.
    next: i64,
    /// +1, or −1 for a `reversed` list.
    step: i64,
}

/// What to undo when the walk leaves an element.
#[derive(Debug, Clone, Copy)]
struct Frame {
    /// The context before the element.
    saved: Context,
    /// It was a block: end the block being built.
    block: bool,
    /// It opened an inline style: close it.
    inline: bool,
    /// It opened a list: close it.
    list: bool,
    /// It was a list item: its marker goes if nothing took it.
    item: bool,
    /// It was a line of verse: a new line follows it.
    line: bool,
}

/// One step of the walk.
enum Step<'a> {
    /// Read this node (and push its children).
    Enter(NodeRef<'a>),
    /// Leave an element.
    Leave(Frame),
}

/// An inline style opened and not closed yet.
#[derive(Debug)]
struct Open {
    /// The style, or `None` for a link that is no link (`javascript:`).
    style: Option<InlineStyle>,
    /// Where it starts in the block's text.
    start: usize,
}

/// The walk's state: the blocks made, and the one being built.
#[derive(Default)]
struct Walker {
    /// Blocks made so far.
    blocks: Vec<Block>,
    /// The text of the block being built.
    text: String,
    /// Its styles closed so far.
    styles: Vec<Inline>,
    /// Anchors waiting for a block with text.
    anchors: Vec<String>,
    /// The marker of the list item whose first block is not made yet.
    marker: Option<String>,
    /// White space read and not written yet.
    space: bool,
    /// The display column in a preformatted block's current line.
    column: usize,
    /// The block being built has line breaks (`<br>`).
    broken: bool,
    /// Styles open.
    open: Vec<Open>,
    /// Lists open.
    lists: Vec<List>,
    /// Where the walk stands.
    context: Context,
    /// Reading a table cell: tables inside are read as running text.
    in_cell: bool,
}

impl Walker {
    /// Walks `root` and everything inside it.
    fn walk<'a>(&mut self, root: NodeRef<'a>) {
        let mut stack = vec![Step::Enter(root)];
        while let Some(step) = stack.pop() {
            match step {
                Step::Leave(frame) => self.leave(frame),
                Step::Enter(node) => {
                    if let Some(frame) = self.enter(&node) {
                        stack.push(Step::Leave(frame));
                        stack.extend(node.children_it(true).map(Step::Enter));
                    }
                }
            }
        }
    }

    /// Reads one node; returns the frame to leave it by when its children
    /// are to be read.
    fn enter(&mut self, node: &NodeRef<'_>) -> Option<Frame> {
        if node.is_text() {
            self.push_text(&node.text());
            return None;
        }
        if node.is_document() || node.is_fragment() {
            return Some(self.frame());
        }
        let name = node.node_name()?.to_ascii_lowercase();
        let mut treatment = treatment(node, local(&name));
        if self.in_cell && treatment == Treatment::Table {
            treatment = Treatment::Transparent;
        }
        if self.in_cell && matches!(local(&name), "td" | "th" | "tr") {
            self.space = true;
        }
        if treatment == Treatment::Drop {
            return None;
        }
        if let Treatment::Block(element) = treatment
            && self.context.verse
            && matches!(element, BlockElement::Plain | BlockElement::Verse)
        {
            // A line, or a stanza (a blank line before it).
            self.new_line();
            if element == BlockElement::Verse {
                self.blank_line();
            }
            self.take_ids(node);
            let mut frame = self.frame();
            frame.line = true;
            return Some(frame);
        }
        if let Treatment::Block(element) = treatment
            && !self.context.pre
        {
            self.end_block();
            self.take_ids(node);
            return Some(self.open_block(node, element));
        }
        self.take_ids(node);
        let mut frame = self.frame();
        match treatment {
            Treatment::Styled(style) => self.open_style(&mut frame, Some(style.style())),
            Treatment::Link => {
                let style = node
                    .attr("href")
                    .and_then(|href| link_target(&href))
                    .map(InlineStyle::Link);
                self.open_style(&mut frame, style);
            }
            Treatment::Script(script) => {
                // Only the outermost is looked at: nested ones cost nothing.
                if !self.context.scripted {
                    self.context.scripted = true;
                    if node.text().chars().all(|c| scripted(c, script).is_some()) {
                        self.context.script = script;
                    }
                }
            }
            Treatment::Break => {
                self.line_break();
                return None;
            }
            Treatment::Rule => {
                self.rule();
                return None;
            }
            Treatment::Image => {
                self.image(node);
                return None;
            }
            Treatment::Math => {
                self.math(node);
                return None;
            }
            Treatment::Table => {
                self.table(node);
                return None;
            }
            Treatment::Block(_) | Treatment::Transparent | Treatment::Drop => {}
        }
        Some(frame)
    }

    /// A frame that restores the current context and does nothing else.
    fn frame(&self) -> Frame {
        Frame {
            saved: self.context,
            block: false,
            inline: false,
            list: false,
            item: false,
            line: false,
        }
    }

    /// Opens a block element: ends nothing (the caller did), sets the
    /// context its blocks are made in.
    fn open_block(&mut self, node: &NodeRef<'_>, element: BlockElement) -> Frame {
        let mut frame = self.frame();
        frame.block = true;
        let context = &mut self.context;
        match element {
            BlockElement::Heading(level) => context.role = Role::Heading(level),
            BlockElement::Pre => {
                context.pre = true;
                context.role = Role::Code;
                self.column = 0;
            }
            BlockElement::Quote => context.quote = context.quote.saturating_add(1),
            BlockElement::List { ordered } => {
                context.list = context.list.saturating_add(1);
                self.marker = None;
                self.lists.push(new_list(node, ordered));
                frame.list = true;
            }
            BlockElement::Item => {
                frame.item = true;
                context.list = context.list.max(1);
                self.marker = Some(self.next_marker(node));
            }
            BlockElement::Term => context.role = Role::Term,
            BlockElement::Definition => context.list = context.list.saturating_add(1),
            BlockElement::Note => context.note = true,
            BlockElement::Verse => context.verse = true,
            BlockElement::Plain => {}
        }
        frame
    }

    /// The marker of the list item `node` in the innermost open list.
    fn next_marker(&mut self, node: &NodeRef<'_>) -> String {
        let depth = usize::from(self.context.list);
        let Some(list) = self.lists.last_mut() else {
            return bullet(1).to_owned();
        };
        if !list.ordered {
            return bullet(depth).to_owned();
        }
        if let Some(value) = node
            .attr("value")
            .and_then(|v| v.trim().parse::<i64>().ok())
        {
            list.next = value;
        }
        let number = list.next;
        list.next = list.next.saturating_add(list.step);
        format!("{number}.")
    }

    /// Opens an inline style (`None`: a link that is no link, still
    /// closed in order).
    fn open_style(&mut self, frame: &mut Frame, style: Option<InlineStyle>) {
        frame.inline = true;
        self.open.push(Open {
            style,
            start: self.text.len(),
        });
    }

    /// Leaves an element: closes what it opened, restores the context.
    fn leave(&mut self, frame: Frame) {
        if frame.inline
            && let Some(open) = self.open.pop()
        {
            self.close_style(open);
        }
        if frame.block {
            self.end_block();
        }
        if frame.line {
            self.new_line();
        }
        if frame.list {
            self.lists.pop();
        }
        if frame.item {
            self.marker = None;
        }
        self.context = frame.saved;
    }

    /// Records the style `open` over what was written since it opened.
    fn close_style(&mut self, open: Open) {
        let end = self.text.len();
        if let Some(style) = open.style
            && open.start < end
        {
            self.styles.push(Inline {
                range: open.start..end,
                style,
            });
        }
    }

    /// Takes the `id` (and, on `a`, the `name`) of an element as anchors.
    fn take_ids(&mut self, node: &NodeRef<'_>) {
        let name = node.node_name().is_some_and(|n| local(&n) == "a");
        let ids = [Some("id"), name.then_some("name")];
        for attribute in ids.into_iter().flatten() {
            if let Some(value) = node.attr(attribute) {
                let value = clean_line(&value);
                if !value.is_empty() && !self.anchors.contains(&value) {
                    self.anchors.push(value);
                }
            }
        }
    }

    /// Writes the text of a text node.
    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            if self.context.pre {
                self.push_verbatim(c);
            } else if is_html_space(c) {
                self.space = true;
            } else {
                self.push_char(c);
            }
        }
    }

    /// Writes one character that is not white space, after the space
    /// read before it (never at the start of a line).
    fn push_char(&mut self, c: char) {
        if mem::take(&mut self.space) && !self.text.is_empty() && !self.text.ends_with('\n') {
            // Styles opened where the space goes start after it.
            let at = self.text.len();
            for open in self.open.iter_mut().rev() {
                if open.start != at {
                    break;
                }
                open.start += 1;
            }
            self.text.push(' ');
        }
        let c = match self.context.script {
            Script::None => c,
            script => scripted(c, script).unwrap_or(c),
        };
        self.text.push(visible_control(c).unwrap_or(c));
    }

    /// Writes one character of preformatted text as
    /// [`sanitize`] would: tabs to the next stop, CR as a line end.
    fn push_verbatim(&mut self, c: char) {
        match c {
            '\r' => {
                self.text.push('\n');
                self.column = 0;
            }
            '\n' => {
                // A CR already ended this line.
                if !self.text.ends_with('\r') {
                    self.text.push('\n');
                }
                self.column = 0;
            }
            '\t' => {
                let spaces = TAB_WIDTH - self.column % TAB_WIDTH;
                self.text.extend(std::iter::repeat_n(' ', spaces));
                self.column += spaces;
            }
            _ => {
                let shown = visible_control(c).unwrap_or(c);
                self.text.push(shown);
                self.column += shown.width().unwrap_or(0);
            }
        }
    }

    /// A `<br>`: a new line in running text and in `pre`, a space in a
    /// heading or a term.
    fn line_break(&mut self) {
        if self.context.pre {
            self.push_verbatim('\n');
        } else if matches!(self.context.role, Role::Body) && !self.text.is_empty() {
            self.text.push('\n');
            self.broken = true;
            self.space = false;
        } else {
            self.space = true;
        }
    }

    /// Ends the line of verse being written, if it has text.
    fn new_line(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
            self.broken = true;
        }
        self.space = false;
    }

    /// Leaves a blank line after the verse written, if any.
    fn blank_line(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.text.push('\n');
        }
    }

    /// A thematic break: a block of its own.
    fn rule(&mut self) {
        self.end_block();
        let block = self.new_block(String::new(), Role::Rule, BlockKind::Prose);
        self.blocks.push(block);
    }

    /// An image: a figure block, or `[image: alt]` inside running text.
    fn image(&mut self, node: &NodeRef<'_>) {
        let alt = node.attr("alt").map(|a| clean_line(&a)).unwrap_or_default();
        let label = if alt.is_empty() {
            node.attr("src")
                .map(|src| clean_line(file_name(&src)))
                .unwrap_or_default()
        } else {
            alt
        };
        let text = if label.is_empty() {
            "[image]".to_owned()
        } else {
            format!("[image: {label}]")
        };
        self.own_block_or_inline(text, Role::Figure);
    }

    /// MathML: its `alttext`, or its text; a block of its own when it is
    /// displayed as one or stands alone, else inline.
    fn math(&mut self, node: &NodeRef<'_>) {
        // Some books give every formula the same placeholder.
        let alt = node
            .attr("alttext")
            .map(|a| clean_line(&a))
            .filter(|a| !a.is_empty() && !a.to_ascii_lowercase().contains("not available"));
        let text = alt.unwrap_or_else(|| clean_line(&node.text()));
        if text.is_empty() {
            return;
        }
        let display = node.attr("display").is_some_and(|d| &*d == "block");
        if display {
            self.end_block();
            let block = self.new_block(text, Role::Math, BlockKind::Prose);
            self.blocks.push(block);
        } else {
            self.push_inline_text(&text);
        }
    }

    /// `text` as a block of its own with `role` when nothing is written in
    /// the current block, else inline where it stands.
    fn own_block_or_inline(&mut self, text: String, role: Role) {
        if self.text.is_empty() && !self.context.pre {
            self.space = false;
            let block = self.new_block(text, role, BlockKind::Prose);
            self.blocks.push(block);
        } else {
            self.push_inline_text(&text);
        }
    }

    /// Writes already cleaned text where the walk stands.
    fn push_inline_text(&mut self, text: &str) {
        let script = mem::take(&mut self.context.script);
        self.push_text(text);
        self.context.script = script;
    }

    /// A table: one grid, or a block a row.
    fn table(&mut self, node: &NodeRef<'_>) {
        self.end_block();
        let table = read_table(node);
        for id in &table.ids {
            if !self.anchors.contains(id) {
                self.anchors.push(id.clone());
            }
        }
        if let Some(caption) = table.caption.as_ref().filter(|c| !c.is_empty()) {
            let block = self.new_block(caption.clone(), Role::Body, BlockKind::Prose);
            self.blocks.push(block);
        }
        if let Some(grid) = grid(&table.rows) {
            let block = self.new_block(grid, Role::Table, BlockKind::Preformatted);
            self.blocks.push(block);
            return;
        }
        let header = table.header.then(|| table.rows.first()).flatten();
        let body = &table.rows[usize::from(header.is_some())..];
        for row in body {
            let text = row_text(header, row);
            if !text.is_empty() {
                let block = self.new_block(text, Role::Table, BlockKind::Prose);
                self.blocks.push(block);
            }
        }
    }

    /// A block made here with `text`: it takes the waiting anchors and
    /// marker and the context's nesting.
    fn new_block(&mut self, text: String, role: Role, kind: BlockKind) -> Block {
        Block {
            text,
            kind,
            role,
            quote: self.context.quote,
            list: self.context.list,
            marker: self.marker.take(),
            styles: Vec::new(),
            anchors: mem::take(&mut self.anchors),
        }
    }

    /// Ends the block being built: trimmed, kept when it has text.
    fn end_block(&mut self) {
        let mut text = mem::take(&mut self.text);
        let mut styles = mem::take(&mut self.styles);
        // Styles still open cover what is written, and go on in the next
        // block from its start.
        let end = text.len();
        for open in &mut self.open {
            if let Some(style) = &open.style
                && open.start < end
            {
                styles.push(Inline {
                    range: open.start..end,
                    style: style.clone(),
                });
            }
            open.start = 0;
        }
        self.space = false;
        self.column = 0;
        let broken = mem::take(&mut self.broken);
        let pre = self.context.pre;
        trim(&mut text, &mut styles, pre);
        if text.is_empty() {
            return;
        }
        styles.sort_by_key(|inline| inline.range.start);
        let kind = if pre || broken && text.contains('\n') {
            BlockKind::Preformatted
        } else {
            BlockKind::Prose
        };
        let role = match self.context.role {
            Role::Body if self.context.note => Role::Note,
            role => role,
        };
        let mut block = self.new_block(text, role, kind);
        block.styles = styles;
        self.blocks.push(block);
    }

    /// Ends the walk: the last block, and anchors nothing followed go to
    /// the last block.
    fn finish(mut self) -> Vec<Block> {
        self.end_block();
        if !self.anchors.is_empty()
            && let Some(last) = self.blocks.last_mut()
        {
            last.anchors.append(&mut self.anchors);
        }
        self.blocks
    }
}

/// A list opened by `node`: numbered from its `start`, counting down when
/// `reversed` (from its number of items when it has no `start`).
fn new_list(node: &NodeRef<'_>, ordered: bool) -> List {
    let reversed = ordered && node.has_attr("reversed");
    let start = node
        .attr("start")
        .and_then(|s| s.trim().parse::<i64>().ok());
    let next = start.unwrap_or_else(|| {
        if reversed {
            let items = node
                .children_it(false)
                .filter(|child| child.node_name().is_some_and(|n| local(&n) == "li"))
                .count();
            i64::try_from(items).unwrap_or(i64::MAX)
        } else {
            1
        }
    });
    List {
        ordered,
        next,
        step: if reversed { -1 } else { 1 },
    }
}

/// The target a link's `href` gives, sanitized; `None` for a
/// `javascript:` link (or an empty one), which is no link.
fn link_target(href: &str) -> Option<String> {
    let target = clean_line(href);
    let scheme: String = target
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(11)
        .collect::<String>()
        .to_ascii_lowercase();
    if target.is_empty() || scheme.starts_with("javascript:") || scheme.starts_with("vbscript:") {
        return None;
    }
    Some(target)
}

/// The last segment of a path or URL (what follows the last `/`, before
/// any `?` or `#`).
fn file_name(src: &str) -> &str {
    let path = src.split(['?', '#']).next().unwrap_or(src);
    path.rsplit('/').next().unwrap_or(path)
}

/// `c` as a superscript or subscript character, when Unicode has one;
/// white space stays as it is.
fn scripted(c: char, script: Script) -> Option<char> {
    if is_html_space(c) {
        return Some(c);
    }
    let (digits, others): (&[char; 10], &[(char, char)]) = match script {
        Script::None => return Some(c),
        Script::Super => (
            &['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'],
            &[
                ('+', '⁺'),
                ('-', '⁻'),
                ('−', '⁻'),
                ('=', '⁼'),
                ('(', '⁽'),
                (')', '⁾'),
                ('n', 'ⁿ'),
                ('i', 'ⁱ'),
            ],
        ),
        Script::Sub => (
            &['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'],
            &[
                ('+', '₊'),
                ('-', '₋'),
                ('−', '₋'),
                ('=', '₌'),
                ('(', '₍'),
                (')', '₎'),
            ],
        ),
    };
    if let Some(digit) = c.to_digit(10).filter(|_| c.is_ascii_digit()) {
        return digits.get(digit as usize).copied();
    }
    others
        .iter()
        .find(|(from, _)| *from == c)
        .map(|(_, to)| *to)
}

/// Trims a block's text (white space at both ends; in `pre`, blank lines
/// at the start and white space at the end) and moves its styles with
/// it, dropping those left empty.
fn trim(text: &mut String, styles: &mut Vec<Inline>, pre: bool) {
    let end = text.trim_end().len();
    let start = if pre {
        // Blank lines go; the indentation of the first line stays.
        end - text[..end].trim_start_matches('\n').len()
    } else {
        end - text[..end].trim_start().len()
    };
    text.truncate(end);
    text.drain(..start);
    styles.retain_mut(|inline| {
        inline.range.start = inline.range.start.clamp(start, end) - start;
        inline.range.end = inline.range.end.clamp(start, end) - start;
        inline.range.start < inline.range.end
    });
}

/// A table as read: its rows of cells, cleaned, and what else it holds.
#[derive(Debug, Default)]
struct Table {
    /// Its caption.
    caption: Option<String>,
    /// Its rows, each a list of cell texts.
    rows: Vec<Vec<String>>,
    /// Whether the first row is a header (in `thead`, or all `th`).
    header: bool,
    /// The ids of the elements inside.
    ids: Vec<String>,
}

/// Reads a table's rows and cells, iteratively; what a cell holds is
/// read on one line (a table inside a cell adds its text to that cell).
fn read_table(table: &NodeRef<'_>) -> Table {
    let mut out = Table::default();
    let mut row: Option<(Vec<String>, bool)> = None;
    let mut first_row_in_head = false;
    let mut stack = vec![(*table, false)];
    while let Some((node, in_head)) = stack.pop() {
        if let Some(id) = node.attr("id").map(|id| clean_line(&id))
            && !id.is_empty()
        {
            out.ids.push(id);
        }
        let name = node
            .node_name()
            .map(|n| local(&n.to_ascii_lowercase()).to_owned())
            .unwrap_or_default();
        match name.as_str() {
            "tr" => {
                finish_row(&mut out, &mut row);
                row = Some((Vec::new(), true));
                if out.rows.is_empty() {
                    first_row_in_head = in_head;
                }
            }
            "td" | "th" => {
                let (text, ids) = cell_text(&node);
                out.ids.extend(ids);
                let (cells, all_th) = row.get_or_insert_with(|| (Vec::new(), true));
                cells.push(text);
                *all_th &= name == "th";
                continue;
            }
            "caption" => {
                let (text, ids) = cell_text(&node);
                out.ids.extend(ids);
                out.caption = Some(text);
                continue;
            }
            _ => {}
        }
        let head = in_head || name == "thead";
        let children: Vec<_> = node.children_it(true).filter(|c| c.is_element()).collect();
        stack.extend(children.into_iter().map(|c| (c, head)));
    }
    finish_row(&mut out, &mut row);
    out.header = out.rows.len() > 1 && (out.header || first_row_in_head);
    out
}

/// Adds the row being read to the table, if it has cells; a first row
/// of `th` only is a header.
fn finish_row(table: &mut Table, row: &mut Option<(Vec<String>, bool)>) {
    if let Some((cells, all_th)) = row.take()
        && !cells.is_empty()
    {
        if table.rows.is_empty() && all_th {
            table.header = true;
        }
        table.rows.push(cells);
    }
}

/// The text of a cell (or caption) on one line, with the alternatives of
/// its images and formulas, and the ids inside it.
fn cell_text(cell: &NodeRef<'_>) -> (String, Vec<String>) {
    let mut walker = Walker {
        in_cell: true,
        ..Walker::default()
    };
    for child in cell.children_it(false) {
        walker.walk(child);
    }
    let mut ids = mem::take(&mut walker.anchors);
    let blocks = walker.finish();
    let texts: Vec<&str> = blocks.iter().map(|block| block.text.as_str()).collect();
    ids.extend(
        blocks
            .iter()
            .flat_map(|block| block.anchors.iter().cloned()),
    );
    (clean_line(&texts.join(" ")), ids)
}

/// The table drawn as a box-drawing grid, when it fits in
/// [`MAX_GRID_WIDTH`] columns.
fn grid(rows: &[Vec<String>]) -> Option<String> {
    let columns = rows.iter().map(Vec::len).max().filter(|&n| n > 0)?;
    let mut widths = vec![0; columns];
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let total = widths.iter().sum::<usize>() + 3 * columns + 1;
    if total > MAX_GRID_WIDTH {
        return None;
    }
    let line = |left: &str, middle: &str, right: &str| {
        let bars: Vec<String> = widths.iter().map(|w| "─".repeat(w + 2)).collect();
        format!("{left}{}{right}", bars.join(middle))
    };
    let mut lines = vec![line("┌", "┬", "┐")];
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            lines.push(line("├", "┼", "┤"));
        }
        let cells: Vec<String> = widths
            .iter()
            .enumerate()
            .map(|(j, w)| {
                let cell = row.get(j).map_or("", String::as_str);
                format!(" {cell}{} ", " ".repeat(w - cell.width()))
            })
            .collect();
        lines.push(format!("│{}│", cells.join("│")));
    }
    lines.push(line("└", "┴", "┘"));
    Some(lines.join("\n"))
}

/// One row told as prose: `Header: cell; …`, or the cells alone.
fn row_text(header: Option<&Vec<String>>, row: &[String]) -> String {
    let parts: Vec<String> = row
        .iter()
        .enumerate()
        .filter(|(_, cell)| !cell.is_empty())
        .map(
            |(i, cell)| match header.and_then(|h| h.get(i)).filter(|h| !h.is_empty()) {
                Some(label) => format!("{label}: {cell}"),
                None => cell.clone(),
            },
        )
        .collect();
    parts.join("; ")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The texts of the blocks `html` makes.
    fn texts(html: &str) -> Vec<String> {
        blocks_from_html(html).into_iter().map(|b| b.text).collect()
    }

    /// The one block `html` makes.
    fn one(html: &str) -> Block {
        let mut blocks = blocks_from_html(html);
        assert_eq!(blocks.len(), 1, "{blocks:#?}");
        blocks.remove(0)
    }

    /// The styles of a block as (covered text, style).
    fn styled(block: &Block) -> Vec<(&str, InlineStyle)> {
        block
            .styles
            .iter()
            .map(|i| (&block.text[i.range.clone()], i.style.clone()))
            .collect()
    }

    /// Checks the model's invariants on every block.
    pub(crate) fn check_invariants(blocks: &[Block]) {
        for block in blocks {
            if block.kind == BlockKind::Prose {
                assert!(!block.text.contains('\n'), "{block:?}");
                assert_eq!(block.text.trim(), block.text, "{block:?}");
            }
            if block.role != Role::Rule {
                assert!(!block.text.is_empty(), "{block:?}");
            }
            assert!(!block.text.chars().any(|c| c != '\n' && c.is_control()));
            let mut last = 0;
            for inline in &block.styles {
                let range = &inline.range;
                assert!(range.start < range.end && range.end <= block.text.len());
                assert!(block.text.is_char_boundary(range.start));
                assert!(block.text.is_char_boundary(range.end));
                assert!(range.start >= last, "styles in order: {block:?}");
                last = range.start;
            }
        }
    }

    #[test]
    fn headings_and_paragraphs() {
        let blocks = blocks_from_html(
            "<h1>One</h1><h3>Three</h3><p>  Some   text\n here. </p><div>Loose <b>bold</b></div>after",
        );
        let roles: Vec<Role> = blocks.iter().map(|b| b.role).collect();
        assert_eq!(
            roles,
            [
                Role::Heading(1),
                Role::Heading(3),
                Role::Body,
                Role::Body,
                Role::Body
            ]
        );
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            ["One", "Three", "Some text here.", "Loose bold", "after"]
        );
        assert!(blocks.iter().all(|b| b.kind == BlockKind::Prose));
    }

    #[test]
    fn loose_text_between_blocks_makes_blocks() {
        assert_eq!(texts("<div>a<p>b</p>c</div>"), ["a", "b", "c"]);
    }

    #[test]
    fn inline_styles_have_exact_ranges() {
        let block = one(
            "<p>an <em>emphasis</em>, <strong>strong</strong> <code>code()</code> \
             <s>gone</s> <a href='https://x.org/'>link</a> <i><b>both</b></i></p>",
        );
        assert_eq!(block.text, "an emphasis, strong code() gone link both");
        assert_eq!(
            styled(&block),
            [
                ("emphasis", InlineStyle::Emphasis),
                ("strong", InlineStyle::Strong),
                ("code()", InlineStyle::Code),
                ("gone", InlineStyle::Strike),
                ("link", InlineStyle::Link("https://x.org/".into())),
                ("both", InlineStyle::Strong),
                ("both", InlineStyle::Emphasis),
            ]
        );
    }

    #[test]
    fn spaces_inside_styles_stay_outside_ranges() {
        let block = one("<p>a<em> b </em>c</p>");
        assert_eq!(block.text, "a b c");
        assert_eq!(styled(&block), [("b", InlineStyle::Emphasis)]);
        let block = one("<p><em> lead</em> x <b>trail </b></p>");
        assert_eq!(block.text, "lead x trail");
        assert_eq!(
            styled(&block),
            [
                ("lead", InlineStyle::Emphasis),
                ("trail", InlineStyle::Strong)
            ]
        );
    }

    #[test]
    fn multibyte_ranges_on_char_boundaries() {
        let block = one("<p>élan <em>vitæ</em> 日本<b>語</b></p>");
        assert_eq!(block.text, "élan vitæ 日本語");
        assert_eq!(
            styled(&block),
            [("vitæ", InlineStyle::Emphasis), ("語", InlineStyle::Strong)]
        );
        check_invariants(&[block]);
    }

    #[test]
    fn line_breaks_make_verse() {
        let block = one(
            "<p>April is the cruellest month, breeding<br/>\n   Lilacs out of the dead land, <br>mixing</p>",
        );
        assert_eq!(block.kind, BlockKind::Preformatted);
        assert_eq!(
            block.text,
            "April is the cruellest month, breeding\nLilacs out of the dead land,\nmixing"
        );
        let block = one("<p><br>only one line<br></p>");
        assert_eq!(block.text, "only one line");
        assert_eq!(block.kind, BlockKind::Prose);
    }

    #[test]
    fn a_break_in_a_heading_is_a_space() {
        let block = one("<h2>Part<br>One</h2>");
        assert_eq!(block.text, "Part One");
        assert_eq!(block.kind, BlockKind::Prose);
    }

    #[test]
    fn pre_is_kept_verbatim() {
        let block = one("<pre>\nfn main() {\n\t<b>x</b>();\r\n}\n\n</pre>");
        assert_eq!(block.role, Role::Code);
        assert_eq!(block.kind, BlockKind::Preformatted);
        assert_eq!(block.text, "fn main() {\n        x();\n}");
        assert_eq!(styled(&block), [("x", InlineStyle::Strong)]);
        // The same as sanitize would make of it.
        assert_eq!(block.text, sanitize("fn main() {\n\tx();\r\n}"));
    }

    #[test]
    fn quotes_nest() {
        let blocks = blocks_from_html(
            "<blockquote><p>one</p><blockquote>two</blockquote>three</blockquote><p>out</p>",
        );
        let depths: Vec<(&str, u8)> = blocks.iter().map(|b| (b.text.as_str(), b.quote)).collect();
        assert_eq!(depths, [("one", 1), ("two", 2), ("three", 1), ("out", 0)]);
    }

    #[test]
    fn lists_have_depth_and_markers() {
        let blocks = blocks_from_html(
            "<ul><li>a<ul><li>b<ul><li>c<ul><li>d</li></ul></li></ul></li></ul></li><li>e</li></ul>\
             <ol start='7'><li>seven</li><li><p>eight</p><p>more</p></li></ol>\
             <ol reversed><li>x</li><li>y</li><li value='10'>z</li></ol>",
        );
        let items: Vec<(&str, u8, Option<&str>)> = blocks
            .iter()
            .map(|b| (b.text.as_str(), b.list, b.marker.as_deref()))
            .collect();
        assert_eq!(
            items,
            [
                ("a", 1, Some("•")),
                ("b", 2, Some("◦")),
                ("c", 3, Some("▪")),
                ("d", 4, Some("▪")),
                ("e", 1, Some("•")),
                ("seven", 1, Some("7.")),
                ("eight", 1, Some("8.")),
                ("more", 1, None),
                ("x", 1, Some("3.")),
                ("y", 1, Some("2.")),
                ("z", 1, Some("10.")),
            ]
        );
    }

    #[test]
    fn definition_lists() {
        let blocks = blocks_from_html("<dl><dt>Term</dt><dd>Its meaning</dd></dl>");
        assert_eq!(blocks[0].role, Role::Term);
        assert_eq!(blocks[0].text, "Term");
        assert_eq!((blocks[1].role, blocks[1].list), (Role::Body, 1));
        assert_eq!(blocks[1].text, "Its meaning");
    }

    #[test]
    fn rules_are_kept_empty() {
        let blocks = blocks_from_html("<p>a</p><hr><p>b</p>");
        assert_eq!(blocks.len(), 3);
        assert_eq!((blocks[1].role, blocks[1].text.as_str()), (Role::Rule, ""));
    }

    #[test]
    fn narrow_tables_are_grids() {
        let block = one("<table><thead><tr><th>Name</th><th>Qty</th></tr></thead>\
             <tbody><tr><td>pommes</td><td>3</td></tr><tr><td>日本</td><td></td></tr></tbody></table>");
        assert_eq!(block.role, Role::Table);
        assert_eq!(block.kind, BlockKind::Preformatted);
        assert_eq!(
            block.text,
            "┌────────┬─────┐\n\
             │ Name   │ Qty │\n\
             ├────────┼─────┤\n\
             │ pommes │ 3   │\n\
             ├────────┼─────┤\n\
             │ 日本   │     │\n\
             └────────┴─────┘"
        );
    }

    #[test]
    fn wide_tables_are_told_row_by_row() {
        let long = "word ".repeat(20);
        let blocks = blocks_from_html(&format!(
            "<table><caption>Cap</caption><tr><th>Key</th><th>Value</th></tr>\
             <tr><td>k1</td><td>{long}</td></tr><tr><td>k2</td><td>v2</td></tr></table>"
        ));
        let texts: Vec<(&str, Role)> = blocks.iter().map(|b| (b.text.as_str(), b.role)).collect();
        assert_eq!(
            texts,
            [
                ("Cap", Role::Body),
                (
                    format!("Key: k1; Value: {}", long.trim()).as_str(),
                    Role::Table
                ),
                ("Key: k2; Value: v2", Role::Table),
            ]
        );
        assert!(blocks.iter().all(|b| b.kind == BlockKind::Prose));
    }

    #[test]
    fn images_are_figures_or_inline() {
        let blocks = blocks_from_html(
            "<img src='images/cover.jpg'><figure><img alt='A  map'><figcaption>The map</figcaption></figure>\
             <p>see <img src='x/y.png?s=1' alt='icon'> here</p>",
        );
        let all: Vec<(&str, Role)> = blocks.iter().map(|b| (b.text.as_str(), b.role)).collect();
        assert_eq!(
            all,
            [
                ("[image: cover.jpg]", Role::Figure),
                ("[image: A map]", Role::Figure),
                ("The map", Role::Body),
                ("see [image: icon] here", Role::Body),
            ]
        );
    }

    #[test]
    fn math_by_alttext_or_text() {
        let blocks = blocks_from_html(
            "<p>Let <math><mi>x</mi><mo>+</mo><mn>1</mn></math> be.</p>\
             <math display='block' alttext='a^2 + b^2'><mi>a</mi></math>",
        );
        assert_eq!(blocks[0].text, "Let x+1 be.");
        assert_eq!(
            (blocks[1].role, blocks[1].text.as_str()),
            (Role::Math, "a^2 + b^2")
        );
    }

    #[test]
    fn verse_line_groups_keep_their_lines() {
        let blocks = blocks_from_html(
            "<div class='poem'><div class='linegroup'><div>One line,</div>\n<div>two <em>lines</em>.</div></div>\
             <div class='stanza'><p>Then</p></div></div><div>prose</div>",
        );
        assert_eq!(blocks[0].text, "One line,\ntwo lines.\n\nThen");
        assert_eq!(blocks[0].kind, BlockKind::Preformatted);
        assert_eq!(styled(&blocks[0]), [("lines", InlineStyle::Emphasis)]);
        assert_eq!(blocks[1].text, "prose");
        assert_eq!(blocks.len(), 2);
    }

    #[test]
    fn placeholder_alttext_gives_way_to_the_text() {
        let block =
            one("<p>M <math alttext='Alternative text not available'><mi>A</mi></math> Matrix</p>");
        assert_eq!(block.text, "M A Matrix");
    }

    #[test]
    fn notes() {
        let blocks = blocks_from_html(
            "<p>text</p><aside epub:type='footnote' id='n1'><p>A note.</p></aside>\
             <div role='doc-endnote'>End.</div><p epub:type='footnote'>Third.</p>",
        );
        let roles: Vec<Role> = blocks.iter().map(|b| b.role).collect();
        assert_eq!(roles, [Role::Body, Role::Note, Role::Note, Role::Note]);
        assert_eq!(blocks[1].anchors, ["n1"]);
    }

    #[test]
    fn superscripts_and_subscripts() {
        assert_eq!(
            one("<p>x<sup>2</sup> H<sub>2</sub>O e<sup>-10</sup></p>").text,
            "x² H₂O e⁻¹⁰"
        );
        assert_eq!(
            one("<p>1<sup>st</sup> and CO<sub>x</sub></p>").text,
            "1st and COx"
        );
        let block = one("<p>word<sup><a href='#n1'>1</a></sup></p>");
        assert_eq!(block.text, "word¹");
        assert_eq!(styled(&block), [("¹", InlineStyle::Link("#n1".into()))]);
    }

    #[test]
    fn dropped_elements() {
        assert_eq!(
            texts(
                "<html><head><title>T</title><style>p{}</style></head><body>\
                 <script>alert(1)</script><noscript>no</noscript><template>t</template>\
                 <svg><title>s</title><text>svg</text></svg><!-- comment -->\
                 <form>Name <input value='v'><select><option>o</option></select>\
                 <textarea>ta</textarea><button>Go</button></form><p>kept</p></body></html>"
            ),
            ["Name", "kept"]
        );
    }

    #[test]
    fn ids_become_anchors() {
        let blocks = blocks_from_html(
            "<section id='s1'><a id='top'></a><h1 id='h'>Title</h1>\
             <p>text <span id='mid'>mid</span> <a name='old'></a></p></section><a id='end'></a>",
        );
        assert_eq!(blocks[0].anchors, ["s1", "top", "h"]);
        assert_eq!(blocks[1].anchors, ["mid", "old", "end"]);
    }

    #[test]
    fn escapes_are_made_visible() {
        let blocks = blocks_from_html(
            "<p>a\u{1b}[31mred\u{7}</p><img alt='\u{1b}]0;x'><p><a href='\u{1b}[2Jh'>l</a>\u{202e}</p>",
        );
        assert_eq!(blocks[0].text, "a␛[31mred␇");
        assert_eq!(blocks[1].text, "[image: ␛]0;x]");
        assert_eq!(blocks[2].text, "l\u{21C4}");
        assert_eq!(blocks[2].styles[0].style, InlineStyle::Link("␛[2Jh".into()));
        check_invariants(&blocks);
    }

    #[test]
    fn javascript_links_are_not_links() {
        let block =
            one("<p><a href=' JavaScript:alert(1)'>click</a> <a href='java\tscript:x'>b</a></p>");
        assert_eq!(block.text, "click b");
        assert!(block.styles.is_empty(), "{block:?}");
    }

    #[test]
    fn language() {
        let document = parse_html("<html lang=' fr-CA '><body>x</body></html>");
        assert_eq!(document_language(&document).as_deref(), Some("fr-CA"));
        let document =
            parse_xhtml("<html xmlns='http://www.w3.org/1999/xhtml' xml:lang='en'><body/></html>");
        assert_eq!(document_language(&document).as_deref(), Some("en"));
        assert_eq!(document_language(&parse_html("<p>x</p>")), None);
    }

    #[test]
    fn xhtml_self_closed_elements() {
        let document = parse_xhtml(
            "<?xml version='1.0'?><html><head><title/><script src='a.js'/></head>\
             <body><p>one<a id='x'/> two<br/>three</p><div/><p>four</p></body></html>",
        );
        let blocks = blocks_from_node(document.root());
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["one two\nthree", "four"]);
        assert_eq!(blocks[0].anchors, ["x"]);
        assert!(blocks[0].styles.is_empty());
    }

    #[test]
    fn deep_nesting_is_walked_without_recursion() {
        for tag in ["div", "blockquote", "em", "sup", "table"] {
            let n = 100_000;
            let html = format!(
                "{}deep{}",
                format!("<{tag}>").repeat(n),
                format!("</{tag}>").repeat(n)
            );
            let blocks = blocks_from_html(&html);
            assert!(blocks.iter().any(|b| b.text.contains("deep")), "{tag}");
            check_invariants(&blocks);
        }
    }

    proptest::proptest! {
        #[test]
        fn any_input_keeps_the_invariants(html in "(</?(p|div|pre|ul|ol|li|em|b|a|table|tr|td|th|br|hr|img|math|sup|sub|blockquote|h1|dl|dt|dd|aside|code|svg|script)( (id|href|alt|start|epub:type|display)='[^']{0,6}')?/?>|[^<]{0,12}|&[a-z#0-9]{0,5};?){0,40}") {
            check_invariants(&blocks_from_html(&html));
        }

        #[test]
        fn any_string_keeps_the_invariants(html in "\\PC*") {
            check_invariants(&blocks_from_html(&html));
        }
    }
}
