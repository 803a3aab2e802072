//! Reading the page as the HTML tokenizer does, as far as cutting needs:
//! where a tag, a comment, raw text, a script and an SVG picture end.

use super::{Markup, SVG_SHAPES, markup};

/// Whether an element's white space is kept (`pre`, `listing`).
pub(super) fn is_pre(name: &[u8]) -> bool {
    name.eq_ignore_ascii_case(b"pre") || name.eq_ignore_ascii_case(b"listing")
}

/// Where the end tag named `name` that starts at `at` (if one does) ends,
/// else `at` (the end of the text).
pub(super) fn end_tag_end(bytes: &[u8], at: usize, name: &[u8]) -> usize {
    if at >= bytes.len() {
        return bytes.len();
    }
    tag_end(&bytes[at..], 2 + name.len()).map_or(bytes.len(), |tag| at + tag.end)
}

/// The name of the tag whose name starts `bytes`: up to white space, `/`
/// or `>`.
pub(super) fn tag_name(bytes: &[u8]) -> &[u8] {
    let len = bytes
        .iter()
        .position(|&b| is_space(b) || b == b'/' || b == b'>')
        .unwrap_or(bytes.len());
    &bytes[..len]
}

/// Whether the tokenizer takes `byte` for white space (a carriage return
/// becomes a line feed before it reads).
pub(super) fn is_space(byte: u8) -> bool {
    matches!(byte, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// Whether `byte` may end a tag's name, an attribute's name or an
/// unquoted value (white space, `/`, `=`, `>`): the bytes in between
/// change no state.
fn is_delimiter(byte: u8) -> bool {
    is_space(byte) || matches!(byte, b'/' | b'=' | b'>')
}

/// A tag read to its end.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct TagEnd {
    /// The offset just past its `>`.
    pub end: usize,
    /// Whether it ends with `/>`.
    pub self_closing: bool,
}

/// The states of the tokenizer inside a tag.
#[derive(Clone, Copy)]
enum TagState {
    Name,
    BeforeAttributeName,
    AttributeName,
    AfterAttributeName,
    BeforeValue,
    Quoted(u8),
    Unquoted,
    AfterQuoted,
    SelfClosing,
}

/// Where the tag that `tag` starts (at its `<`) ends, reading from
/// `from` (inside its name) as the tokenizer does, attribute values with
/// their quotes; `None` when the text ends inside the tag (the tokenizer
/// then drops it).
pub(crate) fn tag_end(tag: &[u8], from: usize) -> Option<TagEnd> {
    use TagState as S;
    let mut state = S::Name;
    let mut at = from;
    while let Some(&byte) = tag.get(at) {
        match state {
            S::Quoted(quote) => {
                // The value runs to its closing quote, whatever it holds.
                at += memchr::memchr(quote, &tag[at..])? + 1;
                state = S::AfterQuoted;
                continue;
            }
            S::Name | S::AttributeName | S::Unquoted if !is_delimiter(byte) => {
                // Names and unquoted values run to a delimiter, which the
                // states below read.
                at += tag[at..].iter().position(|&b| is_delimiter(b))?;
                continue;
            }
            _ => {}
        }
        let space = is_space(byte);
        let (next, consumed) = match (state, byte) {
            // Read above.
            (S::Quoted(_), _) => (S::AfterQuoted, true),
            // Outside a quoted value, `>` ends the tag in every state.
            (_, b'>') => {
                return Some(TagEnd {
                    end: at + 1,
                    self_closing: matches!(state, S::SelfClosing),
                });
            }
            (S::Name | S::AfterAttributeName | S::AfterQuoted, b'/') => (S::SelfClosing, true),
            (S::Name | S::Unquoted | S::AfterQuoted, _) if space => (S::BeforeAttributeName, true),
            (S::Name | S::Unquoted, _) => (state, true),
            (S::BeforeAttributeName | S::AfterAttributeName | S::BeforeValue, _) if space => {
                (state, true)
            }
            (S::BeforeAttributeName, b'/') => (S::AfterAttributeName, false),
            (S::BeforeAttributeName, b'=') => (S::AttributeName, true),
            (S::BeforeAttributeName, _) => (S::AttributeName, false),
            (S::AttributeName, _) if space || byte == b'/' => (S::AfterAttributeName, false),
            (S::AttributeName | S::AfterAttributeName, b'=') => (S::BeforeValue, true),
            (S::AttributeName, _) => (state, true),
            (S::AfterAttributeName, _) => (S::AttributeName, false),
            (S::BeforeValue, b'"' | b'\'') => (S::Quoted(byte), true),
            (S::BeforeValue, _) => (S::Unquoted, false),
            (S::AfterQuoted | S::SelfClosing, _) => (S::BeforeAttributeName, false),
        };
        state = next;
        at += usize::from(consumed);
    }
    None
}

/// Where the comment whose text starts `text` (just after `<!--`) ends:
/// the offset just past its `-->` or `--!>` (or the `>` of `<!-->` and
/// `<!--->`); `None` when it runs to the end of the text.
pub(super) fn comment_end(text: &[u8]) -> Option<usize> {
    if text.starts_with(b">") {
        return Some(1);
    }
    if text.starts_with(b"->") {
        return Some(2);
    }
    let mut at = 0;
    loop {
        at += memchr::memchr(b'>', &text[at..])?;
        let before = &text[..at];
        if before.ends_with(b"--") || before.ends_with(b"--!") {
            return Some(at + 1);
        }
        at += 1;
    }
}

/// Whether `bytes` start with `name` (lowercase ASCII) in any case, then
/// white space, `/` or `>`: a tag of that name, as the tokenizer tells
/// an appropriate end tag.
pub(super) fn named(bytes: &[u8], name: &[u8]) -> bool {
    bytes.len() > name.len()
        && bytes[..name.len()].eq_ignore_ascii_case(name)
        && (is_space(bytes[name.len()]) || matches!(bytes[name.len()], b'/' | b'>'))
}

/// Where the raw text `text` of an element named `name` ends: the offset
/// of the `</` of its end tag, or `None` when it runs to the end.
pub(super) fn raw_text_end(text: &[u8], name: &[u8]) -> Option<usize> {
    memchr::memmem::find_iter(text, b"</").find(|&at| named(&text[at + 2..], name))
}

/// The script data states of the tokenizer, as far as they decide where
/// a script ends.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ScriptState {
    /// Script data.
    Data,
    /// After `<!--`: escaped.
    Escaped,
    /// After `<!--` and then `<script`: double escaped.
    DoubleEscaped,
}

/// Where the script whose text starts `text` ends: the offset of the `</`
/// of its end tag, or `None` when it runs to the end. Follows the script
/// data states of the HTML standard, escapes and double escapes included.
pub(super) fn script_end(text: &[u8]) -> Option<usize> {
    use ScriptState as S;
    let mut state = S::Data;
    let mut dashes = 0usize;
    let mut at = 0;
    while at < text.len() {
        if state == S::Data {
            at += memchr::memchr(b'<', &text[at..])?;
            let rest = &text[at..];
            if rest.starts_with(b"</") && named(&rest[2..], b"script") {
                return Some(at);
            }
            if rest.starts_with(b"<!--") {
                state = S::Escaped;
                dashes = 2;
                at += 4;
            } else {
                at += 1;
            }
            continue;
        }
        let rest = &text[at..];
        match rest[0] {
            b'-' => dashes += 1,
            b'>' if dashes >= 2 => {
                state = S::Data;
                dashes = 0;
            }
            b'<' => {
                dashes = 0;
                let escape = if state == S::Escaped {
                    if rest.starts_with(b"</") && named(&rest[2..], b"script") {
                        return Some(at);
                    }
                    named(&rest[1..], b"script").then_some((S::DoubleEscaped, 8))
                } else {
                    (rest.starts_with(b"</") && named(&rest[2..], b"script"))
                        .then_some((S::Escaped, 9))
                };
                if let Some((next, len)) = escape {
                    // The name and the byte after it are read.
                    state = next;
                    at += len;
                    continue;
                }
            }
            _ => dashes = 0,
        }
        at += 1;
    }
    None
}

/// Where the SVG picture whose content starts `content` (just after its
/// start tag) ends: the offset just past its `</svg>`; `None` when it
/// holds more than shapes and text (see [`SVG_SHAPES`]), or never ends.
pub(super) fn svg_end(content: &[u8]) -> Option<usize> {
    let mut depth = 1usize;
    // Inside `title` or `desc`: text only.
    let mut text_only = false;
    let mut at = 0;
    loop {
        at += memchr::memchr(b'<', &content[at..])?;
        let rest = &content[at..];
        match markup(rest) {
            Markup::Comment => at += 4 + comment_end(&rest[4..])?,
            Markup::Text => at += 1,
            Markup::Bogus | Markup::Nothing => return None,
            Markup::EndTag => {
                let name = tag_name(&rest[2..]);
                let shape = SVG_SHAPES.iter().find(|s| name.eq_ignore_ascii_case(s))?;
                at += tag_end(rest, 2 + name.len())?.end;
                if *shape == b"svg" {
                    depth -= 1;
                    if depth == 0 {
                        return Some(at);
                    }
                }
                text_only &= !matches!(*shape, b"title" | b"desc");
            }
            Markup::StartTag => {
                if text_only {
                    return None;
                }
                let name = tag_name(&rest[1..]);
                let shape = SVG_SHAPES.iter().find(|s| name.eq_ignore_ascii_case(s))?;
                let tag = tag_end(rest, 1 + name.len())?;
                at += tag.end;
                if !tag.self_closing {
                    depth += usize::from(*shape == b"svg");
                    text_only = matches!(*shape, b"title" | b"desc");
                }
            }
        }
    }
}

/// Whether `haystack` holds `needle` (lowercase ASCII) in any case.
pub(super) fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window.eq_ignore_ascii_case(needle))
}
