//! Reader mode for web pages: the article of a page, not its furniture.
//!
//! This module owns three things a web page needs before it becomes blocks:
//!
//! - [`looks_like_html`]: whether bytes are a web page at all (so
//!   `curl -s URL | liseuse` reads the article), without taking Markdown
//!   or prose that merely starts with `<` for one;
//! - [`decode`]: the page's characters, from its byte order mark, its
//!   `<meta charset>` declaration, or a guess;
//! - [`extract`]: the article — its cleaned HTML, title, byline, site,
//!   date, language and direction — as Firefox's Reader View shows it.
//!
//! Extraction is [dom_smoothie], a port of Mozilla's Readability (the
//! algorithm of Firefox's Reader View) on html5ever. It was chosen over
//! libreadability, readabilityrs, trafilatura and rs-trafilatura on
//! measured word-level F1 (see the commit that added this module, and
//! [`quality`]). It never touches the network: it is given a string and
//! depends on no HTTP client.
//!
//! Scripts, style sheets, comments, SVG icons and the white space that
//! indents the markup are cut from the text before it is parsed
//! ([`strip_inert`]): Readability would remove them from the tree anyway,
//! and html5ever spends as long on them as on the rest of a real page.
//! The page is parsed once: the article's blocks come from the tree
//! Readability leaves, not from its HTML parsed again.
//!
//! html5ever's tree builder, and Readability's scoring after it, take time
//! quadratic in how deeply elements nest (16 s to parse 16,000 nested
//! `<div>`s). A hostile page is therefore flattened first: a cheap scan
//! measures the nesting and, past [`MAX_DEPTH`], drops the tags that nest
//! deeper, keeping every word of their text.
//!
//! [dom_smoothie]: https://docs.rs/dom_smoothie

use std::borrow::Cow;

use dom_query::Document;
use dom_smoothie::Readability;
use encoding_rs::{Encoding, UTF_8};

use crate::document::block::Block;
use crate::document::format::html::convert::{blocks_from_html, blocks_from_node};
use crate::document::format::html::inert::{strip_inert, tag_end};
use crate::document::sanitize::sanitize_label;

/// Elements nested deeper than this are flattened away before the page is
/// parsed (their text stays). Real pages nest a few dozen deep.
pub const MAX_DEPTH: usize = 256;

/// Bytes of the page's start searched for a `<meta>` charset declaration
/// (the HTML standard's prescan looks at 1024; some pages declare later).
pub const PRESCAN_BYTES: usize = 4096;

/// Bytes of the page's start searched for the root element behind a
/// leading comment or XML declaration.
const SNIFF_BYTES: usize = 1024;

/// Bytes given to the encoding detector when nothing declares one.
const DETECTOR_BYTES: usize = 64 * 1024;

/// The article of a web page, ready to be turned into blocks.
///
/// Every metadata string is whitespace-collapsed and sanitized
/// ([`sanitize_label`]); an empty one is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Article {
    /// The article's cleaned HTML, or the whole body's when the page was
    /// read in full or holds no article.
    pub html: String,
    /// The blocks of that HTML, converted from the tree the extraction
    /// left (so that the page is parsed once, not once more from `html`).
    pub blocks: Vec<Block>,
    /// The article's title.
    pub title: Option<String>,
    /// Its author line, as written.
    pub byline: Option<String>,
    /// The site or publisher.
    pub site: Option<String>,
    /// When it was published, as the page gives it.
    pub date: Option<String>,
    /// The page's language tag (`fr`, `en-US`).
    pub language: Option<String>,
    /// The text direction (`ltr`, `rtl`), when the page sets one.
    pub direction: Option<String>,
}

/// Extracts the article of a web page, or, when `full_page` is set, keeps
/// the whole body (navigation and all) with the same metadata.
///
/// A page with no article found, or whose article holds no text, gives
/// its whole body instead: a page with text never gives an empty
/// document. Scripts, styles and templates are never part of the result.
///
/// ```
/// use liseuse::document::format::reader_mode::extract;
/// let page = "<html lang=fr><head><title>Bonjour</title></head>\
///             <body><nav><a href=/>Accueil</a></nav><p>Le texte.</p></body></html>";
/// let article = extract(page, true);
/// assert_eq!(article.title.as_deref(), Some("Bonjour"));
/// assert_eq!(article.language.as_deref(), Some("fr"));
/// assert!(article.html.contains("Accueil"));
/// ```
pub fn extract(html: &str, full_page: bool) -> Article {
    let html = strip_inert(html);
    let html = cap_nesting(&html);
    let html = html.as_ref();
    if !full_page && let Some(article) = readability(html) {
        return article;
    }
    whole_body(html)
}

/// The article Readability finds, if it finds one with text in it.
fn readability(html: &str) -> Option<Article> {
    let mut reader = Readability::new(html, None, None).ok()?;
    let found = reader.parse().ok()?;
    if found.text_content.trim().is_empty() {
        return None;
    }
    // The article stands in the reader's tree under this id.
    let root = reader.doc.select_single("#readability-page-1");
    let blocks = match root.nodes().first() {
        Some(node) => blocks_from_node(*node),
        None => blocks_from_html(&found.content),
    };
    Some(Article {
        html: found.content.to_string(),
        blocks,
        title: label(Some(found.title.as_str())),
        byline: label(found.byline.as_deref()),
        site: label(found.site_name.as_deref()),
        date: label(found.published_time.as_deref()),
        language: label(found.lang.as_deref()),
        direction: label(found.dir.as_deref()),
    })
}

/// The whole body of the page, less scripts and styles, with the page's
/// metadata.
fn whole_body(html: &str) -> Article {
    let document = Document::from(html);
    let (title, byline, site, date, language) =
        match Readability::with_document(document.clone(), None, None) {
            Ok(reader) => {
                let meta = reader.get_article_metadata(reader.parse_json_ld());
                (
                    label(Some(meta.title.as_str())),
                    label(meta.byline.as_deref()),
                    label(meta.site_name.as_deref()),
                    label(meta.published_time.as_deref()),
                    label(meta.lang.as_deref()),
                )
            }
            Err(_) => Default::default(),
        };
    let direction = label(document.select("html").attr("dir").as_deref());
    document
        .select("script, style, noscript, template")
        .remove();
    let body = document.select("body");
    let (html, blocks) = match body.nodes().first() {
        Some(node) => (body.inner_html().to_string(), blocks_from_node(*node)),
        None => (
            document.html().to_string(),
            blocks_from_node(document.root()),
        ),
    };
    Article {
        html,
        blocks,
        title,
        byline,
        site,
        date,
        language,
        direction,
    }
}

/// A metadata string, whitespace collapsed and sanitized; `None` when
/// nothing is left.
fn label(text: Option<&str>) -> Option<String> {
    let collapsed = text?.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then(|| sanitize_label(&collapsed))
}

/// Decodes a web page: its byte order mark decides, else a `<meta>`
/// declaration in its first [`PRESCAN_BYTES`] (unless the bytes are valid
/// UTF-8 beyond ASCII: a page saved again as UTF-8 keeps the declaration
/// it had), else valid UTF-8 is UTF-8, else the encoding detector of
/// Firefox (chardetng) guesses.
/// Returns the text (without byte order mark) and the encoding used.
///
/// ```
/// use liseuse::document::format::reader_mode::decode;
/// let (text, encoding) = decode(b"<meta charset=iso-8859-1><p>caf\xe9");
/// assert_eq!(encoding, encoding_rs::WINDOWS_1252);
/// assert!(text.ends_with("café"));
/// ```
pub fn decode(bytes: &[u8]) -> (String, &'static Encoding) {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let text = encoding.decode_without_bom_handling(&bytes[bom..]).0;
        return (text.into_owned(), encoding);
    }
    let utf8 = simdutf8::basic::from_utf8(bytes).is_ok();
    let declared = prescan(&bytes[..bytes.len().min(PRESCAN_BYTES)])
        // A page saved again as UTF-8 keeps its old declaration (the
        // shared `qq` page says gb2312): bytes beyond ASCII that are all
        // valid UTF-8 are UTF-8, whatever the page says. Legacy text is
        // next to never valid UTF-8.
        .filter(|_| !utf8 || bytes.is_ascii());
    let encoding = declared.unwrap_or_else(|| {
        if utf8 {
            UTF_8
        } else {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(&bytes[..bytes.len().min(DETECTOR_BYTES)], true);
            detector.guess(None, chardetng::Utf8Detection::Allow)
        }
    });
    let text = encoding.decode_without_bom_handling(bytes).0;
    (text.into_owned(), encoding)
}

/// The encoding a `<meta charset>` or `<meta http-equiv="Content-Type">`
/// declares in `head`, after the HTML standard's prescan (simplified:
/// comments are skipped, attributes read, other tags passed over). A
/// declared UTF-16 means UTF-8 (the bytes cannot be UTF-16 if ASCII
/// declared it), and `x-user-defined` means Windows-1252, as the standard
/// says.
fn prescan(head: &[u8]) -> Option<&'static Encoding> {
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &head[at..]) {
        at += offset;
        let rest = &head[at..];
        if rest.starts_with(b"<!--") {
            at += memchr::memmem::find(&rest[4..], b"-->").map_or(rest.len(), |end| end + 7);
            continue;
        }
        let tag = starts_with_ignore_case(rest, b"<meta")
            && rest
                .get(5)
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/');
        let (attributes, end) = attributes(&rest[1..]);
        at += 1 + end;
        if !tag {
            continue;
        }
        let mut charset = None;
        let mut http_equiv = false;
        let mut content = None;
        for (name, value) in attributes {
            match name.to_ascii_lowercase().as_slice() {
                b"charset" => charset = charset.or(Some(value)),
                b"http-equiv" => http_equiv |= value.eq_ignore_ascii_case(b"content-type"),
                b"content" => content = content.or(Some(value)),
                _ => {}
            }
        }
        let label = charset.or_else(|| {
            content
                .filter(|_| http_equiv)
                .and_then(|content| charset_in_content(content))
        });
        if let Some(encoding) = label.and_then(Encoding::for_label) {
            return Some(match encoding.name() {
                "UTF-16LE" | "UTF-16BE" => UTF_8,
                "x-user-defined" => encoding_rs::WINDOWS_1252,
                _ => encoding,
            });
        }
    }
    None
}

/// A tag's attribute: its name and its value (empty when it has none).
type Attribute<'a> = (&'a [u8], &'a [u8]);

/// The attributes of the tag whose name starts `tag` (just after its
/// `<`), and the offset just past its `>`. Values may be quoted with `"`
/// or `'`, or not at all.
fn attributes(tag: &[u8]) -> (Vec<Attribute<'_>>, usize) {
    let mut found = Vec::new();
    let mut at = tag
        .iter()
        .position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
        .unwrap_or(tag.len());
    loop {
        while at < tag.len() && (tag[at].is_ascii_whitespace() || tag[at] == b'/') {
            at += 1;
        }
        if at >= tag.len() || tag[at] == b'>' {
            return (found, (at + 1).min(tag.len()));
        }
        let name_start = at;
        while at < tag.len() && !tag[at].is_ascii_whitespace() && !matches!(tag[at], b'=' | b'>') {
            at += 1;
        }
        let name = &tag[name_start..at];
        while at < tag.len() && tag[at].is_ascii_whitespace() {
            at += 1;
        }
        let mut value: &[u8] = &[];
        if tag.get(at) == Some(&b'=') {
            at += 1;
            while at < tag.len() && tag[at].is_ascii_whitespace() {
                at += 1;
            }
            match tag.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let start = at + 1;
                    let end = memchr::memchr(quote, &tag[start..]).map_or(tag.len(), |n| start + n);
                    value = &tag[start..end];
                    at = (end + 1).min(tag.len());
                }
                _ => {
                    let start = at;
                    while at < tag.len() && !tag[at].is_ascii_whitespace() && tag[at] != b'>' {
                        at += 1;
                    }
                    value = &tag[start..at];
                }
            }
        }
        found.push((name, value));
    }
}

/// The label after `charset=` in a `Content-Type` value, quotes removed.
fn charset_in_content(content: &[u8]) -> Option<&[u8]> {
    let lower = content.to_ascii_lowercase();
    let at = memchr::memmem::find(&lower, b"charset")? + 7;
    let rest = content[at..].trim_ascii_start();
    let rest = rest.strip_prefix(b"=")?.trim_ascii_start();
    let rest = match rest.first() {
        Some(&quote @ (b'"' | b'\'')) => {
            let inner = &rest[1..];
            &inner[..memchr::memchr(quote, inner)?]
        }
        _ => {
            let end = rest
                .iter()
                .position(|b| b.is_ascii_whitespace() || *b == b';')
                .unwrap_or(rest.len());
            &rest[..end]
        }
    };
    (!rest.is_empty()).then_some(rest)
}

/// Whether `bytes` are a web page rather than text or Markdown: after an
/// optional UTF-8 byte order mark and whitespace they start (in any case)
/// with `<!doctype html`, `<html`, `<head` or `<body`; or with a comment
/// or an XML declaration followed, within the first 1 KiB, by one of those
/// (`<html` for XML).
///
/// ```
/// use liseuse::document::format::reader_mode::looks_like_html;
/// assert!(looks_like_html(b"\n<!DOCTYPE html><title>x</title>"));
/// assert!(!looks_like_html(b"<p align=center>A README</p>\n# Title"));
/// ```
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes.trim_ascii_start();
    let window = &start[..start.len().min(SNIFF_BYTES)];
    if root_tag_at(window) {
        return true;
    }
    let later = |opening: &[u8], roots: &[&[u8]]| {
        starts_with_ignore_case(window, opening)
            && window.iter().enumerate().any(|(at, &b)| {
                b == b'<' && roots.iter().any(|root| tag_named(&window[at..], root))
            })
    };
    later(b"<!--", &[b"<!doctype html", b"<html", b"<head", b"<body"])
        || later(b"<?xml", &[b"<!doctype html", b"<html"])
}

/// Whether `bytes` start with a doctype or a root element of a page.
fn root_tag_at(bytes: &[u8]) -> bool {
    [&b"<!doctype html"[..], b"<html", b"<head", b"<body"]
        .iter()
        .any(|root| tag_named(bytes, root))
}

/// Whether `bytes` start with the tag `name` (in any case): followed by
/// what may follow a tag's name, and closed by a `>` before any other `<`
/// (`<html>` and `<html lang=fr>`, not `<htmlish>` nor `<html is how a
/// page starts` in prose).
fn tag_named(bytes: &[u8], name: &[u8]) -> bool {
    if !starts_with_ignore_case(bytes, name)
        || !bytes
            .get(name.len())
            .is_some_and(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
    {
        return false;
    }
    let rest = &bytes[name.len()..];
    memchr::memchr2(b'>', b'<', rest).is_some_and(|at| rest[at] == b'>')
}

fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix)
}

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
fn cap_nesting(html: &str) -> Cow<'_, str> {
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

/// How close an extracted article's text is to the expected one: the
/// measure the extractor was chosen on, kept public so that the whole
/// pipeline (blocks, layout, plain output) can be scored the same way.
#[doc(hidden)]
pub mod quality {
    use std::collections::HashMap;

    use dom_query::Document;

    /// The visible text of an HTML page or fragment: scripts, styles,
    /// templates and the head left out, blocks separated by line ends.
    pub fn text_of(html: &str) -> String {
        let document = Document::from(html);
        document
            .select("head, script, style, noscript, template")
            .remove();
        document.formatted_text().to_string()
    }

    /// The words of `text`: lowercase runs of alphanumeric characters,
    /// counted.
    fn words(text: &str) -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for word in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
        {
            *counts.entry(word.to_lowercase()).or_insert(0) += 1;
        }
        counts
    }

    /// Word-level F1 of `extracted` text against `expected` text, over
    /// the multisets of their words: precision is the words in common over
    /// the words extracted, recall over the words expected. Two empty
    /// texts score 1, one empty text 0.
    ///
    /// ```
    /// use liseuse::document::format::reader_mode::quality::word_f1;
    /// assert_eq!(word_f1("the cat sat", "The cat sat."), 1.0);
    /// assert!((word_f1("the cat", "the cat sat on the mat") - 0.5).abs() < 1e-9);
    /// ```
    pub fn word_f1(extracted: &str, expected: &str) -> f64 {
        let found = words(extracted);
        let wanted = words(expected);
        let found_total: usize = found.values().sum();
        let wanted_total: usize = wanted.values().sum();
        if found_total == 0 || wanted_total == 0 {
            return if found_total == wanted_total {
                1.0
            } else {
                0.0
            };
        }
        let common: usize = found
            .iter()
            .map(|(word, &count)| count.min(wanted.get(word).copied().unwrap_or(0)))
            .sum();
        if common == 0 {
            return 0.0;
        }
        let precision = common as f64 / found_total as f64;
        let recall = common as f64 / wanted_total as f64;
        2.0 * precision * recall / (precision + recall)
    }
}

#[cfg(test)]
#[path = "reader_mode_tests.rs"]
mod tests;
