//! Cutting out of a web page, before it is parsed, what reader mode throws
//! away once it is parsed: scripts (but JSON-LD metadata), style sheets,
//! comments, and SVG pictures made of shapes only; and shortening each run
//! of white space between tags to one byte, outside `pre` and `listing`
//! (HTML shows a run as one space, and pages indent their markup with
//! tens of thousands of them).
//!
//! On real pages these are a third to a half of the bytes (the largest
//! shared page, 368 kB, holds 98 kB of scripts and 102 kB of SVG icons),
//! and html5ever spends as long on them as on the article; Readability
//! then removes scripts, styles and comments first thing, and the
//! converter drops SVG. Cutting them from the text is cheaper than
//! building them into the tree and taking them out again.
//!
//! Every cut must leave the tree the parser builds what it would have been
//! with the cut element taken out of it. So the text is read as the HTML
//! tokenizer reads it ([HTML § 13.2.5]): tags end where the tokenizer ends
//! them (quoted attribute values may hold `>`), comments end at `-->` or
//! `--!>`, the raw text of `title`, `textarea`, `style`, `xmp`, `iframe`,
//! `noembed` and `noframes` ends at its own end tag, and a script ends
//! where the script data states end it (`</script` followed by white
//! space, `/` or `>`, in any case, unless the script opened `<!--` and
//! then `<script`: the double-escaped state, where old pages write
//! `document.write("<script>…</script>")`).
//!
//! Where the tokenizer's state would depend on more than this reading
//! knows, nothing more is cut and the rest of the text is left as it is:
//! at `plaintext`, at `math`, at an SVG picture holding anything but
//! shapes and text (`foreignObject`, `style`, `script`, HTML elements that
//! break out of SVG, CDATA sections), and at a tag the text ends inside.
//! Left in, such elements are parsed and dropped later as before. What
//! this reading cannot see is an element the tree builder ignores: a
//! `style` or `title` inside `select` holds markup, not raw text.
//!
//! `noscript` stays (with scripting off, the parser reads its content as
//! markup, and Readability takes the images a lazy-loading page hides in
//! it), and so do `template`s.
//!
//! [HTML § 13.2.5]: https://html.spec.whatwg.org/multipage/parsing.html#tokenization

use std::borrow::Cow;
use std::ops::Range;

/// Elements whose content the tokenizer reads as text up to their own end
/// tag (RCDATA and RAWTEXT), skipped without being cut.
const RAW_TEXT: &[&[u8]] = &[
    b"title",
    b"textarea",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
];

/// The SVG elements a picture cut whole may hold: shapes, paint servers,
/// text. Anything else keeps the picture (and the rest of the page) as it
/// is. `title` and `desc` may hold text only (they are HTML integration
/// points, where tags would be read as HTML).
const SVG_SHAPES: &[&[u8]] = &[
    b"svg",
    b"g",
    b"path",
    b"circle",
    b"ellipse",
    b"line",
    b"polyline",
    b"polygon",
    b"rect",
    b"defs",
    b"use",
    b"symbol",
    b"clippath",
    b"mask",
    b"lineargradient",
    b"radialgradient",
    b"stop",
    b"pattern",
    b"image",
    b"text",
    b"tspan",
    b"title",
    b"desc",
];

/// `html` with its scripts (but JSON-LD), style sheets, comments and
/// SVG pictures of shapes cut out, and its runs of white space shortened
/// to their first byte outside preformatted text; borrowed unchanged when
/// there is nothing to cut. See the module's documentation for what is
/// kept.
///
/// ```
/// use liseuse::document::format::html::inert::strip_inert;
/// let page = "<p>a<script>if (x</script>y) {}</script>b<!-- c --></p>\n\n<pre>d  e</pre>";
/// assert_eq!(strip_inert(page), "<p>ay) {}</script>b</p>\n<pre>d  e</pre>");
/// ```
pub fn strip_inert(html: &str) -> Cow<'_, str> {
    let cuts = cuts(html.as_bytes());
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut kept = String::with_capacity(html.len());
    let mut copied = 0;
    for cut in cuts {
        kept.push_str(&html[copied..cut.start]);
        copied = cut.end;
    }
    kept.push_str(&html[copied..]);
    Cow::Owned(kept)
}

/// What a `<` in the text starts.
enum Markup {
    /// `<!--`: a comment.
    Comment,
    /// `<!`, `<?` or `</` followed by neither a letter nor `>`: a bogus
    /// comment, to the next `>`.
    Bogus,
    /// `</>`: nothing (three bytes the tokenizer drops).
    Nothing,
    /// `<` and a letter: a start tag.
    StartTag,
    /// `</` and a letter: an end tag.
    EndTag,
    /// Anything else: a `<` of the text.
    Text,
}

/// What the `<` that `rest` starts with starts.
fn markup(rest: &[u8]) -> Markup {
    match (rest.get(1), rest.get(2)) {
        (Some(b'!'), _) if rest[2..].starts_with(b"--") => Markup::Comment,
        (Some(b'!' | b'?'), _) => Markup::Bogus,
        (Some(b'/'), Some(b'>')) => Markup::Nothing,
        (Some(b'/'), Some(c)) if c.is_ascii_alphabetic() => Markup::EndTag,
        (Some(b'/'), Some(_)) => Markup::Bogus,
        (Some(c), _) if c.is_ascii_alphabetic() => Markup::StartTag,
        _ => Markup::Text,
    }
}

/// The byte ranges to cut out of `bytes`, in order, not overlapping.
fn cuts(bytes: &[u8]) -> Vec<Range<usize>> {
    let mut scan = Scan {
        bytes,
        cuts: Vec::new(),
        pre: 0,
    };
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        scan.text(at..start);
        let rest = &bytes[start..];
        let next = match markup(rest) {
            Markup::Comment => {
                let end = start + comment_end(&rest[4..]).map_or(rest.len(), |end| 4 + end);
                scan.cuts.push(start..end);
                Some(end)
            }
            Markup::Bogus => Some(start + memchr::memchr(b'>', rest).map_or(rest.len(), |e| e + 1)),
            Markup::Nothing => Some(start + 3),
            Markup::Text => Some(start + 1),
            Markup::EndTag => scan.end_tag(start),
            Markup::StartTag => scan.element(start),
        };
        match next {
            Some(next) => at = next,
            None => return scan.cuts,
        }
    }
    scan.text(at..bytes.len());
    scan.cuts
}

/// A reading of the page: the cuts found so far, and whether it stands
/// in preformatted text.
struct Scan<'a> {
    /// The page.
    bytes: &'a [u8],
    /// The ranges to cut, in order.
    cuts: Vec<Range<usize>>,
    /// How many `pre` and `listing` elements are open: their white space
    /// is kept.
    pre: usize,
}

impl Scan<'_> {
    /// Shortens each run of white space in the text `range` to its first
    /// byte, outside preformatted text: HTML shows a run as one space, and
    /// pages indent their markup with thousands of them.
    ///
    /// Only the runs at the ends of the text are shortened (the
    /// indentation between tags), so that prose is not read byte by byte.
    fn text(&mut self, range: Range<usize>) {
        if self.pre > 0 {
            return;
        }
        let text = &self.bytes[range.clone()];
        let lead = text.iter().take_while(|&&b| is_space(b)).count();
        if lead > 1 {
            self.cuts.push(range.start + 1..range.start + lead);
        }
        if lead == text.len() {
            return;
        }
        let trail = text.iter().rev().take_while(|&&b| is_space(b)).count();
        if trail > 1 {
            self.cuts.push(range.end - trail + 1..range.end);
        }
    }

    /// Reads the end tag at `start`; returns where reading goes on.
    fn end_tag(&mut self, start: usize) -> Option<usize> {
        let rest = &self.bytes[start..];
        let name = tag_name(&rest[2..]);
        if is_pre(name) {
            self.pre = self.pre.saturating_sub(1);
        }
        tag_end(rest, 2 + name.len()).map(|tag| start + tag.end)
    }

    /// Reads the start tag at `start` and, for the elements this module
    /// knows, their content: notes what to cut and returns where reading
    /// goes on, or `None` when nothing more may be cut.
    fn element(&mut self, start: usize) -> Option<usize> {
        let bytes = self.bytes;
        let rest = &bytes[start..];
        let name = tag_name(&rest[1..]);
        let tag = tag_end(rest, 1 + name.len())?;
        let content = start + tag.end;
        let is = |wanted: &[u8]| name.eq_ignore_ascii_case(wanted);
        if is(b"script") {
            let end = script_end(&bytes[content..]).map_or(bytes.len(), |at| content + at);
            let after = end_tag_end(bytes, end, b"script");
            // JSON-LD holds the article's metadata (author, date, site).
            if !contains_ignore_case(&rest[..tag.end], b"json") {
                self.cuts.push(start..after);
            }
            Some(after)
        } else if is(b"style") {
            let end =
                raw_text_end(&bytes[content..], b"style").map_or(bytes.len(), |at| content + at);
            let after = end_tag_end(bytes, end, b"style");
            self.cuts.push(start..after);
            Some(after)
        } else if let Some(raw) = RAW_TEXT.iter().find(|raw| is(raw)) {
            Some(raw_text_end(&bytes[content..], raw).map_or(bytes.len(), |at| content + at))
        } else if is(b"svg") {
            let end = if tag.self_closing {
                content
            } else {
                content + svg_end(&bytes[content..])?
            };
            self.cuts.push(start..end);
            Some(end)
        } else if is(b"plaintext") || is(b"math") {
            None
        } else {
            self.pre += usize::from(is_pre(name));
            Some(content)
        }
    }
}

/// Whether an element's white space is kept (`pre`, `listing`).
fn is_pre(name: &[u8]) -> bool {
    name.eq_ignore_ascii_case(b"pre") || name.eq_ignore_ascii_case(b"listing")
}

/// Where the end tag named `name` that starts at `at` (if one does) ends,
/// else `at` (the end of the text).
fn end_tag_end(bytes: &[u8], at: usize, name: &[u8]) -> usize {
    if at >= bytes.len() {
        return bytes.len();
    }
    tag_end(&bytes[at..], 2 + name.len()).map_or(bytes.len(), |tag| at + tag.end)
}

/// The name of the tag whose name starts `bytes`: up to white space, `/`
/// or `>`.
fn tag_name(bytes: &[u8]) -> &[u8] {
    let len = bytes
        .iter()
        .position(|&b| is_space(b) || b == b'/' || b == b'>')
        .unwrap_or(bytes.len());
    &bytes[..len]
}

/// Whether the tokenizer takes `byte` for white space (a carriage return
/// becomes a line feed before it reads).
fn is_space(byte: u8) -> bool {
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
fn comment_end(text: &[u8]) -> Option<usize> {
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
fn named(bytes: &[u8], name: &[u8]) -> bool {
    bytes.len() > name.len()
        && bytes[..name.len()].eq_ignore_ascii_case(name)
        && (is_space(bytes[name.len()]) || matches!(bytes[name.len()], b'/' | b'>'))
}

/// Where the raw text `text` of an element named `name` ends: the offset
/// of the `</` of its end tag, or `None` when it runs to the end.
fn raw_text_end(text: &[u8], name: &[u8]) -> Option<usize> {
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
fn script_end(text: &[u8]) -> Option<usize> {
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
fn svg_end(content: &[u8]) -> Option<usize> {
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
fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
#[path = "inert_tests.rs"]
mod tests;
