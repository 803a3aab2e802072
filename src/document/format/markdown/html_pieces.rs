//! Raw HTML split, in one linear pass, into text, tags (with their
//! attributes) and comments; character references decoded.

use pulldown_cmark::{Event, Parser, Tag};

/// Decodes the character references of HTML text (`&amp;`, `&#x27;`,
/// every named one), by pulldown-cmark's own table: the text is read as
/// the title of a link, where Markdown decodes references and nothing
/// else once `\` and `"` are escaped. One line at a time: a line end is
/// left as it is.
pub(super) fn decode_entities(text: &str) -> String {
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
pub(super) enum Piece<'a> {
    /// Text between tags, character references not yet decoded.
    Text(&'a str),
    /// A start or end tag.
    Tag(HtmlTag<'a>),
    /// A comment, doctype or processing instruction.
    Comment,
}

/// A start or end tag of raw HTML.
pub(super) struct HtmlTag<'a> {
    /// Its name, in lower case.
    pub(super) name: String,
    /// Whether it ends an element (`</p>`).
    pub(super) closing: bool,
    /// What follows the name, up to the closing `>`.
    attributes: &'a str,
}

impl HtmlTag<'_> {
    /// The value of the attribute `wanted`, references decoded.
    pub(super) fn attribute(&self, wanted: &str) -> Option<String> {
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
pub(super) struct HtmlPieces<'a> {
    rest: &'a str,
    /// Once a tag is found unclosed up to the end, no later one is sought
    /// (which keeps a flood of `<a` linear).
    unclosed: bool,
}

impl<'a> HtmlPieces<'a> {
    /// The pieces of `raw`.
    pub(super) fn new(raw: &'a str) -> HtmlPieces<'a> {
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
