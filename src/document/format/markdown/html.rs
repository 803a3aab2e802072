//! HTML inside Markdown, inline or in blocks: tags dropped and their text
//! kept, `<br>` a line break, style tags styles, block tags boundaries,
//! `<h1>`…`<h6>` headings, `<pre>` kept as it is, `id`s anchors.

use super::Reader;
use super::html_pieces::{HtmlPieces, HtmlTag, Piece, decode_entities};
use super::inline::Pending;
use crate::document::BlockKind;
use crate::document::block::{InlineStyle, Role};
use crate::document::sanitize::sanitize_label;

impl Reader {
    /// Inline HTML: tags dropped, `<br>` a line break, comments gone.
    pub(super) fn inline_html(&mut self, raw: &str) {
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
    pub(super) fn read_html(&mut self, raw: &str) {
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

#[cfg(test)]
mod tests {
    use crate::document::BlockKind;
    use crate::document::block::{InlineStyle, Role};
    use crate::document::format::markdown::read;
    use crate::document::format::markdown::tests::{blocks, spans, texts};

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
}
