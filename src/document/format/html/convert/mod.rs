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
//!
//! The walk is split by concern: `walker` (its state and the single pass),
//! `elements` (what each element is treated as), `blocks` (blocks and how
//! they nest), `lists` (numbers and markers), `inline` (text and styles),
//! `figures` (images and MathML), `table`, `depth_limit` (capping the
//! nesting before the parser sees it) and `self_closed` (XHTML's `<x/>`).

mod blocks;
mod depth_limit;
mod elements;
mod figures;
mod inline;
mod lists;
mod self_closed;
mod table;
mod walker;

#[cfg(test)]
pub(crate) mod tests;

use dom_query::{Document, NodeRef};

use crate::document::block::Block;
use crate::document::sanitize::sanitize;
use elements::{is_void, local};
pub use table::MAX_GRID_WIDTH;
use walker::Walker;

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
    parse_html(&self_closed::expand(xhtml))
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
