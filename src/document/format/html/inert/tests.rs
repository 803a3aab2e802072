//! Tests of cutting inert markup: each rule of the tokenizer the cut
//! follows, what is kept, where cutting stops, and, on the shared pages,
//! that the parsed tree is the one the parser builds from the whole page
//! with those elements taken out.

use dom_query::Document;

use super::tokens::TagEnd;
use super::*;

/// `html` once stripped.
fn strip(html: &str) -> String {
    strip_inert(html).into_owned()
}

#[test]
fn scripts_styles_and_comments_are_cut() {
    assert_eq!(
        strip("<head><script src=a.js></script><style>p { x: '<p>' }</style></head><p>text</p>"),
        "<head></head><p>text</p>"
    );
    assert_eq!(strip("<p>a<!-- note -->b</p>"), "<p>ab</p>");
}

#[test]
fn runs_of_white_space_are_shortened_outside_preformatted_text() {
    assert_eq!(
        strip("<div>\n  <p>\n a</p>\n\n  <p>b \n</p>\n</div>"),
        "<div>\n<p>\na</p>\n<p>b </p>\n</div>"
    );
    // Within a text, a run stays (the converter collapses it).
    assert_eq!(strip("<p>a  \n\t b</p>"), "<p>a  \n\t b</p>");
    let page = "<pre>a  \n  <b>b  c</b></pre><listing>\n\n d</listing>";
    assert_eq!(strip(page), page);
    // Nested, and in any case.
    let page = "<PRE><pre>a</pre>  b</PRE>  c";
    assert_eq!(strip(page), "<PRE><pre>a</pre>  b</PRE> c");
    // White space inside a tag, in raw text, or a single one, stays.
    let page = "<p\n  class=x>a b</p><title>a   b</title><textarea>  x</textarea>";
    assert_eq!(strip(page), page);
}

#[test]
fn a_page_with_nothing_to_cut_is_borrowed() {
    let page = "<p title=\"<script>\">text</p>";
    assert!(matches!(strip_inert(page), Cow::Borrowed(_)));
}

#[test]
fn json_ld_stays() {
    let page =
        "<script type=\"application/ld+json\">{\"author\": \"A\"}</script><script>x</script>";
    assert_eq!(
        strip(page),
        "<script type=\"application/ld+json\">{\"author\": \"A\"}</script>"
    );
}

#[test]
fn a_script_ends_at_its_end_tag_only() {
    // `</scripts` is no end tag; `</SCRIPT` followed by white space or `/` is.
    assert_eq!(strip("<script>s = '</scripts>';</script>after"), "after");
    assert_eq!(strip("<script>x</SCRIPT\n>after"), "after");
    assert_eq!(strip("<script>x</script/>after"), "after");
    // The end tag's attributes are read as a tag's: `>` in quotes.
    assert_eq!(strip("<script>x</script a='>'>after"), "after");
    // A script that never ends runs to the end of the page.
    assert_eq!(strip("<p>a</p><script>x"), "<p>a</p>");
}

#[test]
fn a_double_escaped_script_ends_at_the_outer_end_tag() {
    let page = "<script><!-- document.write('<script>x</script>'); --></script><p>after</p>";
    assert_eq!(strip(page), "<p>after</p>");
    // Escaped but not double escaped: the first end tag ends it.
    assert_eq!(
        strip("<script><!-- a </script><p>after</p>"),
        "<p>after</p>"
    );
    // `-->` ends the escape: `<script` after it opens nothing.
    let page = "<script><!-- a --> <script></script><p>after</p>";
    assert_eq!(strip(page), "<p>after</p>");
}

#[test]
fn comments_end_as_the_tokenizer_ends_them() {
    assert_eq!(strip("a<!-->b"), "ab");
    assert_eq!(strip("a<!--->b"), "ab");
    assert_eq!(strip("a<!---->b"), "ab");
    assert_eq!(strip("a<!-- x --!>b"), "ab");
    assert_eq!(strip("a<!-- x -- y -->b"), "ab");
    assert_eq!(strip("a<!-- to the end"), "a");
    // Bogus comments and doctypes are left to the parser.
    assert_eq!(
        strip("<!DOCTYPE html><?xml x?>a"),
        "<!DOCTYPE html><?xml x?>a"
    );
}

#[test]
fn raw_text_is_not_read_as_markup() {
    let page = "<title>a <script>b</script></title><textarea><!-- c --></textarea>\
                <iframe><style>d</style></iframe>";
    assert_eq!(strip(page), page);
    // After the raw text, cutting goes on.
    assert_eq!(strip("<title>t</title><!-- c -->"), "<title>t</title>");
}

#[test]
fn attribute_values_are_read_as_the_tokenizer_reads_them() {
    let page = "<div data-a=\"<script>\" data-b='-->' c=<!-- d>text</div>";
    assert_eq!(strip(page), page);
    // `="x>"` is an attribute named `="x`: the tag ends at the first `>`.
    assert_eq!(strip("<div =\"x>\"<!-- y -->\">"), "<div =\"x>\"\">");
}

#[test]
fn a_tag_the_page_ends_inside_stops_cutting() {
    assert_eq!(strip("<!-- a --><div class=\"x"), "<div class=\"x");
}

#[test]
fn svg_pictures_of_shapes_are_cut() {
    let page = "<a href=/>Home<svg viewBox=\"0 0 1 1\"><title>Logo</title>\
                <g><path d=\"M0 0\"/><circle r=1 /></g><svg/></svg></a>";
    assert_eq!(strip(page), "<a href=/>Home</a>");
    assert_eq!(strip("a<svg/>b"), "ab");
}

#[test]
fn svg_pictures_with_more_than_shapes_stop_cutting() {
    for picture in [
        "<svg><foreignObject><p>x</p></foreignObject></svg>",
        "<svg><style>p {}</style></svg>",
        "<svg><p>breaks out</p></svg>",
        "<svg><![CDATA[ x ]]></svg>",
        "<svg><title>a <b>bold</b> title</title></svg>",
        "<svg><path d=x>",
    ] {
        let page = format!("{picture}<script>x</script>");
        assert_eq!(strip(&page), page, "{picture}");
    }
}

#[test]
fn plaintext_and_math_stop_cutting() {
    let page = "<plaintext><script>x</script>";
    assert_eq!(strip(page), page);
    let page = "<!-- a --><math><mi>x</mi></math><script>x</script>";
    assert_eq!(strip(page), "<math><mi>x</mi></math><script>x</script>");
}

#[test]
fn tags_end_where_the_tokenizer_ends_them() {
    let end = |tag: &str| tag_end(tag.as_bytes(), 1);
    assert_eq!(
        end("<a b='>' c=\"/>\">rest"),
        Some(TagEnd {
            end: 16,
            self_closing: false
        })
    );
    assert_eq!(
        end("<a b=c/>"),
        Some(TagEnd {
            end: 8,
            self_closing: false
        })
    );
    assert_eq!(
        end("<a b/ >"),
        Some(TagEnd {
            end: 7,
            self_closing: false
        })
    );
    assert_eq!(
        end("<a b='c'/>"),
        Some(TagEnd {
            end: 10,
            self_closing: true
        })
    );
    assert_eq!(end("<a b='>"), None);
}

/// `document` serialized once its scripts, styles, SVG pictures and
/// comments are taken out of the tree, each run of white space written as
/// one space (no shared page has white space in `pre` that the cut
/// would shorten: that is tested above).
fn without_inert(document: &Document) -> String {
    document.select("script, style, svg").remove();
    for node in document.root().descendants() {
        if node.is_comment() {
            node.remove_from_parent();
        }
    }
    let html = document.html();
    html.split(|c: char| c.is_ascii_whitespace())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_shared_pages_parse_to_the_same_tree() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/formats/html");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    };
    let (mut pages, mut shrunk) = (0, 0);
    for entry in entries.flatten() {
        let Ok(bytes) = std::fs::read(entry.path().join("source.html")) else {
            continue;
        };
        let (html, _) = crate::document::format::reader_mode::decode(&bytes);
        let stripped = strip_inert(&html);
        shrunk += usize::from(stripped.len() < html.len());
        let whole = without_inert(&Document::from(html.as_str()));
        let cut = without_inert(&Document::from(stripped.as_ref()));
        if whole != cut {
            let at = first_difference(&whole, &cut);
            panic!(
                "{}: the trees differ at byte {at}:\n{:?}\n{:?}",
                entry.path().display(),
                around(&whole, at),
                around(&cut, at)
            );
        }
        pages += 1;
    }
    // Most pages have something to cut (a few small test pages have no
    // script, style, comment or SVG at all).
    assert!(pages > 0 && shrunk * 4 >= pages * 3, "{shrunk} of {pages}");
}

/// The first byte where `a` and `b` differ.
fn first_difference(a: &str, b: &str) -> usize {
    a.bytes()
        .zip(b.bytes())
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()))
}

/// Some text of `s` around byte `at`.
fn around(s: &str, at: usize) -> &str {
    let mut start = at.saturating_sub(80);
    while !s.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + 80).min(s.len());
    while !s.is_char_boundary(end) {
        end += 1;
    }
    &s[start..end]
}
