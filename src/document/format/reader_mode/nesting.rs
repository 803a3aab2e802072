//! Flattening a page that nests too deep, before it is parsed.

use std::borrow::Cow;

use super::MAX_DEPTH;
use crate::document::format::html::inert::tag_end;

/// Elements that have no end tag: they never nest.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "basefont", "bgsound", "frame", "keygen",
];

/// Elements whose end tag may be left out, or that the parser closes by
/// itself: not counted, so that a long page of unclosed `<p>` or `<li>`
/// does not look deep.
const IMPLIED_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "rb",
    "rt", "rp", "rtc", "colgroup", "caption", "html", "head", "body",
];

/// Elements whose content is raw text, skipped up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// One tag found by [`scan`].
struct Tag {
    /// Its bytes in the page.
    range: std::ops::Range<usize>,
    /// Whether it opens (or closes) an element that nests.
    nests: bool,
    /// Whether it is an end tag.
    end: bool,
}

/// The page as it is when its elements nest at most [`MAX_DEPTH`] deep,
/// else the page without the tags that nest deeper (their text kept).
pub(super) fn cap_nesting(html: &str) -> Cow<'_, str> {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    scan(html, |tag| {
        if tag.nests {
            if tag.end {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
    });
    if deepest <= MAX_DEPTH {
        return Cow::Borrowed(html);
    }
    let mut kept = String::with_capacity(html.len());
    let mut copied = 0;
    depth = 0;
    scan(html, |tag| {
        if !tag.nests {
            return;
        }
        let too_deep = if tag.end {
            let deep = depth > MAX_DEPTH;
            depth = depth.saturating_sub(1);
            deep
        } else {
            depth += 1;
            depth > MAX_DEPTH
        };
        if too_deep {
            kept.push_str(&html[copied..tag.range.start]);
            copied = tag.range.end;
        }
    });
    kept.push_str(&html[copied..]);
    Cow::Owned(kept)
}

/// Calls `found` with every tag of `html`, in order, the way a tokenizer
/// would see them (comments, doctypes and raw text skipped), cheaply, in
/// one pass. Tag ranges lie on character boundaries, since they start at
/// `<` and end after `>` or at the end. A `/>` closes an element only
/// inside SVG or MathML, as in a parser: `<div/>` opens a `div`.
fn scan(html: &str, mut found: impl FnMut(Tag)) {
    let bytes = html.as_bytes();
    let mut at = 0;
    let mut foreign = 0usize;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        at += offset;
        let rest = &bytes[at..];
        if rest.starts_with(b"<!--") {
            at += memchr::memmem::find(&rest[4..], b"-->").map_or(rest.len(), |end| end + 7);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            at += memchr::memchr(b'>', rest).map_or(rest.len(), |end| end + 1);
            continue;
        }
        let end = rest.get(1) == Some(&b'/');
        let name_at = if end { 2 } else { 1 };
        if !rest.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            at += 1;
            continue;
        }
        let name_len = rest[name_at..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
            .unwrap_or(rest.len() - name_at);
        let name = rest[name_at..name_at + name_len].to_ascii_lowercase();
        let len = tag_end(rest, name_at).map_or(rest.len(), |tag| tag.end);
        let is = |list: &[&str]| list.iter().any(|item| item.as_bytes() == name.as_slice());
        let slash = !end && len >= 2 && rest[len - 2] == b'/' && rest[len - 1] == b'>';
        let self_closing = slash && (foreign > 0 || is(&["svg", "math"]));
        if is(&["svg", "math"]) && !self_closing {
            foreign = if end {
                foreign.saturating_sub(1)
            } else {
                foreign + 1
            };
        }
        found(Tag {
            range: at..at + len,
            nests: !self_closing && !is(VOID) && !is(IMPLIED_END),
            end,
        });
        at += len;
        if !end && is(RAW_TEXT) {
            // Skip to the element's end tag, which the loop then reads.
            let closing = [b"</".as_slice(), name.as_slice()].concat();
            let lower_rest = &bytes[at..];
            at += find_ignore_case(lower_rest, &closing).unwrap_or(lower_rest.len());
        }
    }
}

/// Where `needle` (lowercase ASCII) first occurs in `haystack`, in any
/// case.
fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}
