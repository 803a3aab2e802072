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

mod tokens;

pub(crate) use tokens::tag_end;
use tokens::{
    comment_end, contains_ignore_case, end_tag_end, is_pre, is_space, raw_text_end, script_end,
    svg_end, tag_name,
};

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

#[cfg(test)]
mod tests;
