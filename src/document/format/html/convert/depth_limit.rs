//! Capping how deeply elements nest before the HTML5 parser sees them.
//!
//! A light scan of the tags (comments, doctypes and the raw text of
//! `script`, `style` and the like skipped) keeps a model of the open
//! elements; start tags deeper than [`MAX_DEPTH`] and their end tags are
//! cut out of the text, which stays. Elements whose end tag may be left
//! out (`p`, `li`, `td`…) are not counted, so untidy pages are not cut.
//! Text within the cap comes back borrowed, unchanged.

use std::borrow::Cow;

use super::{MAX_DEPTH, is_void, local};

/// How far down the model of open elements an end tag looks for its
/// start tag: bounded, so that stray end tags cost linear time.
const SEARCH: usize = 2 * MAX_DEPTH;

/// `html` with the start tags deeper than [`MAX_DEPTH`], and their end
/// tags, left out.
pub(super) fn limit(html: &str) -> Cow<'_, str> {
    let cuts = cuts(html);
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for (start, end) in cuts {
        out.push_str(&html[at..start]);
        at = end;
    }
    out.push_str(&html[at..]);
    Cow::Owned(out)
}

/// The byte ranges of the tags to cut, in order.
fn cuts(html: &str) -> Vec<(usize, usize)> {
    let mut cuts = Vec::new();
    // Open elements: lower-case name and whether it was cut.
    let mut open: Vec<(String, bool)> = Vec::new();
    let mut foreign = 0usize;
    for tag in Tags::new(html) {
        let name = local(&tag.name.to_ascii_lowercase()).to_owned();
        if is_void(&name) || optional_end(&name) || tag.self_closed && foreign > 0 && !tag.closing {
            continue;
        }
        if tag.closing {
            let found = open
                .iter()
                .rev()
                .take(SEARCH)
                .position(|(open_name, _)| *open_name == name);
            if let Some(from_top) = found {
                let keep = open.len() - from_top - 1;
                for (popped, cut) in open.drain(keep..).rev() {
                    foreign -= usize::from(is_foreign(&popped));
                    if popped == name && cut {
                        cuts.push(tag.range);
                    }
                }
            }
        } else {
            let cut = open.len() >= MAX_DEPTH;
            if cut {
                cuts.push(tag.range);
            }
            foreign += usize::from(is_foreign(&name));
            open.push((name, cut));
        }
    }
    cuts
}

/// Whether an element starts foreign content, where `<x/>` closes itself.
fn is_foreign(name: &str) -> bool {
    matches!(name, "svg" | "math")
}

/// Whether an element's end tag may be left out (or it cannot nest).
fn optional_end(name: &str) -> bool {
    matches!(
        name,
        "p" | "li"
            | "dt"
            | "dd"
            | "tr"
            | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
            | "option"
            | "optgroup"
            | "colgroup"
            | "caption"
            | "rb"
            | "rt"
            | "rp"
            | "rtc"
            | "html"
            | "head"
            | "body"
    )
}

/// Whether an element's content is raw text, where `<` starts no tag.
fn is_raw_text(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "textarea"
            | "title"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "noscript"
            | "plaintext"
    )
}

/// One tag found by the scan.
struct Tag<'a> {
    /// Its bytes, `<` to `>`.
    range: (usize, usize),
    /// Its name as written.
    name: &'a str,
    /// An end tag.
    closing: bool,
    /// Written `<x/>`.
    self_closed: bool,
}

/// The tags of a text, in order.
struct Tags<'a> {
    /// The text.
    html: &'a str,
    /// Where the scan stands.
    pos: usize,
}

impl<'a> Tags<'a> {
    /// The tags of `html`.
    fn new(html: &'a str) -> Tags<'a> {
        Tags { html, pos: 0 }
    }

    /// Moves past the next `pattern` at or after `from`, or to the end.
    fn skip_past(&mut self, from: usize, pattern: &str) {
        self.pos = self.html[from..]
            .find(pattern)
            .map_or(self.html.len(), |i| from + i + pattern.len());
    }

    /// Moves to the end tag of the raw text element `name` (or the end).
    fn skip_raw_text(&mut self, name: &str) {
        let bytes = self.html.as_bytes();
        let mut at = self.pos;
        while let Some(i) = memchr::memchr(b'<', &bytes[at..]) {
            let tag = at + i;
            let candidate = bytes.get(tag + 2..tag + 2 + name.len());
            if bytes.get(tag + 1) == Some(&b'/')
                && candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes()))
            {
                self.pos = tag;
                return;
            }
            at = tag + 1;
        }
        self.pos = bytes.len();
    }
}

impl<'a> Iterator for Tags<'a> {
    type Item = Tag<'a>;

    fn next(&mut self) -> Option<Tag<'a>> {
        let bytes = self.html.as_bytes();
        loop {
            let at = self.pos + memchr::memchr(b'<', bytes.get(self.pos..)?)?;
            let rest = &self.html[at..];
            if rest.starts_with("<!--") {
                self.skip_past(at + 4, "-->");
                continue;
            }
            if rest.starts_with("<!") || rest.starts_with("<?") {
                self.skip_past(at + 2, ">");
                continue;
            }
            let closing = rest.as_bytes().get(1) == Some(&b'/');
            let name_start = at + 1 + usize::from(closing);
            let name_len = self.html[name_start..]
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b':' | b'-' | b'_' | b'.'))
                .count();
            if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
                self.pos = at + 1;
                continue;
            }
            let name = &self.html[name_start..name_start + name_len];
            let end = tag_end(bytes, name_start + name_len)?;
            let self_closed = bytes[end - 1] == b'/';
            self.pos = end + 1;
            if !closing && !self_closed && is_raw_text(&name.to_ascii_lowercase()) {
                self.skip_raw_text(name);
            }
            return Some(Tag {
                range: (at, end + 1),
                name,
                closing,
                self_closed,
            });
        }
    }
}

/// The index of the `>` that ends a tag whose attributes start at `from`
/// (quoted values may hold `>`), if any.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    let mut after_equals = false;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'>' => return Some(i),
                b'"' | b'\'' if after_equals => quote = Some(b),
                b'=' => after_equals = true,
                b if b.is_ascii_whitespace() => {}
                _ => after_equals = false,
            },
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_text_is_borrowed() {
        let html = "<div><p>a<p>b<ul><li>c<li>d</ul><script>if (a<b) {'<div>'}</script></div>";
        assert!(matches!(limit(html), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_cut_and_text_kept() {
        let n = MAX_DEPTH + 10;
        let html = format!("{}x{}", "<div class='a>b'>".repeat(n), "</div>".repeat(n));
        let limited = limit(&html);
        assert_eq!(limited.matches("<div").count(), MAX_DEPTH);
        assert_eq!(limited.matches("</div>").count(), MAX_DEPTH);
        assert!(limited.contains('x'));
    }

    #[test]
    fn unclosed_paragraphs_and_items_are_not_counted() {
        let html = format!(
            "<ul>{}</ul>{}",
            "<li><p>item".repeat(2 * MAX_DEPTH),
            "<p>p".repeat(1000)
        );
        assert!(matches!(limit(&html), Cow::Borrowed(_)));
    }

    #[test]
    fn self_closed_svg_children_do_not_nest() {
        let html = format!(
            "<svg>{}</svg><div>x</div>",
            "<path d='M0 0'/>".repeat(3 * MAX_DEPTH)
        );
        assert!(matches!(limit(&html), Cow::Borrowed(_)));
    }
}
