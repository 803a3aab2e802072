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

use dom_query::Document;
use dom_smoothie::Readability;

use crate::document::block::Block;
use crate::document::format::html::convert::{blocks_from_html, blocks_from_node};
use crate::document::format::html::inert::strip_inert;
use crate::document::sanitize::sanitize_label;

mod charset;
mod nesting;
mod sniff;

pub use charset::decode;
use nesting::cap_nesting;
pub use sniff::looks_like_html;

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
mod tests;
