//! What the walker makes of each element: its treatment, told by its name
//! and attributes (blocks, inline styles, links, scripts, notes, verse).

use dom_query::NodeRef;

use crate::document::block::InlineStyle;

/// Whether an HTML element never has content.
pub(super) fn is_void(name: &str) -> bool {
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
pub(super) fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// What the walker does with an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Treatment {
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
pub(super) enum BlockElement {
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
pub(super) enum InlineStyle0 {
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
    pub(super) fn style(self) -> InlineStyle {
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
pub(super) enum Script {
    /// Characters as they are.
    #[default]
    None,
    /// Unicode superscript characters.
    Super,
    /// Unicode subscript characters.
    Sub,
}

/// How `name` (lower case, without prefix) and its attributes are treated.
pub(super) fn treatment(node: &NodeRef<'_>, name: &str) -> Treatment {
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
