//! Tests of the HTML converter, through its public functions.

use super::*;
use crate::document::BlockKind;
use crate::document::block::{Block, InlineStyle, Role};

/// The texts of the blocks `html` makes.
fn texts(html: &str) -> Vec<String> {
    blocks_from_html(html).into_iter().map(|b| b.text).collect()
}

/// The one block `html` makes.
fn one(html: &str) -> Block {
    let mut blocks = blocks_from_html(html);
    assert_eq!(blocks.len(), 1, "{blocks:#?}");
    blocks.remove(0)
}

/// The styles of a block as (covered text, style).
fn styled(block: &Block) -> Vec<(&str, InlineStyle)> {
    block
        .styles
        .iter()
        .map(|i| (&block.text[i.range.clone()], i.style.clone()))
        .collect()
}

/// Checks the model's invariants on every block.
pub(crate) fn check_invariants(blocks: &[Block]) {
    for block in blocks {
        if block.kind == BlockKind::Prose {
            assert!(!block.text.contains('\n'), "{block:?}");
            assert_eq!(block.text.trim(), block.text, "{block:?}");
        }
        if block.role != Role::Rule {
            assert!(!block.text.is_empty(), "{block:?}");
        }
        assert!(!block.text.chars().any(|c| c != '\n' && c.is_control()));
        let mut last = 0;
        for inline in &block.styles {
            let range = &inline.range;
            assert!(range.start < range.end && range.end <= block.text.len());
            assert!(block.text.is_char_boundary(range.start));
            assert!(block.text.is_char_boundary(range.end));
            assert!(range.start >= last, "styles in order: {block:?}");
            last = range.start;
        }
    }
}

#[test]
fn headings_and_paragraphs() {
    let blocks = blocks_from_html(
        "<h1>One</h1><h3>Three</h3><p>  Some   text\n here. </p><div>Loose <b>bold</b></div>after",
    );
    let roles: Vec<Role> = blocks.iter().map(|b| b.role).collect();
    assert_eq!(
        roles,
        [
            Role::Heading(1),
            Role::Heading(3),
            Role::Body,
            Role::Body,
            Role::Body
        ]
    );
    let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        ["One", "Three", "Some text here.", "Loose bold", "after"]
    );
    assert!(blocks.iter().all(|b| b.kind == BlockKind::Prose));
}

#[test]
fn loose_text_between_blocks_makes_blocks() {
    assert_eq!(texts("<div>a<p>b</p>c</div>"), ["a", "b", "c"]);
}

#[test]
fn inline_styles_have_exact_ranges() {
    let block = one(
        "<p>an <em>emphasis</em>, <strong>strong</strong> <code>code()</code> \
         <s>gone</s> <a href='https://x.org/'>link</a> <i><b>both</b></i></p>",
    );
    assert_eq!(block.text, "an emphasis, strong code() gone link both");
    assert_eq!(
        styled(&block),
        [
            ("emphasis", InlineStyle::Emphasis),
            ("strong", InlineStyle::Strong),
            ("code()", InlineStyle::Code),
            ("gone", InlineStyle::Strike),
            ("link", InlineStyle::Link("https://x.org/".into())),
            ("both", InlineStyle::Strong),
            ("both", InlineStyle::Emphasis),
        ]
    );
}

#[test]
fn spaces_inside_styles_stay_outside_ranges() {
    let block = one("<p>a<em> b </em>c</p>");
    assert_eq!(block.text, "a b c");
    assert_eq!(styled(&block), [("b", InlineStyle::Emphasis)]);
    let block = one("<p><em> lead</em> x <b>trail </b></p>");
    assert_eq!(block.text, "lead x trail");
    assert_eq!(
        styled(&block),
        [
            ("lead", InlineStyle::Emphasis),
            ("trail", InlineStyle::Strong)
        ]
    );
}

#[test]
fn multibyte_ranges_on_char_boundaries() {
    let block = one("<p>élan <em>vitæ</em> 日本<b>語</b></p>");
    assert_eq!(block.text, "élan vitæ 日本語");
    assert_eq!(
        styled(&block),
        [("vitæ", InlineStyle::Emphasis), ("語", InlineStyle::Strong)]
    );
    check_invariants(&[block]);
}

#[test]
fn line_breaks_make_verse() {
    let block = one(
        "<p>April is the cruellest month, breeding<br/>\n   Lilacs out of the dead land, <br>mixing</p>",
    );
    assert_eq!(block.kind, BlockKind::Preformatted);
    assert_eq!(
        block.text,
        "April is the cruellest month, breeding\nLilacs out of the dead land,\nmixing"
    );
    let block = one("<p><br>only one line<br></p>");
    assert_eq!(block.text, "only one line");
    assert_eq!(block.kind, BlockKind::Prose);
}

#[test]
fn a_break_in_a_heading_is_a_space() {
    let block = one("<h2>Part<br>One</h2>");
    assert_eq!(block.text, "Part One");
    assert_eq!(block.kind, BlockKind::Prose);
}

#[test]
fn pre_is_kept_verbatim() {
    let block = one("<pre>\nfn main() {\n\t<b>x</b>();\r\n}\n\n</pre>");
    assert_eq!(block.role, Role::Code);
    assert_eq!(block.kind, BlockKind::Preformatted);
    assert_eq!(block.text, "fn main() {\n        x();\n}");
    assert_eq!(styled(&block), [("x", InlineStyle::Strong)]);
    // The same as sanitize would make of it.
    assert_eq!(block.text, sanitize("fn main() {\n\tx();\r\n}"));
}

#[test]
fn quotes_nest() {
    let blocks = blocks_from_html(
        "<blockquote><p>one</p><blockquote>two</blockquote>three</blockquote><p>out</p>",
    );
    let depths: Vec<(&str, u8)> = blocks.iter().map(|b| (b.text.as_str(), b.quote)).collect();
    assert_eq!(depths, [("one", 1), ("two", 2), ("three", 1), ("out", 0)]);
}

#[test]
fn lists_have_depth_and_markers() {
    let blocks = blocks_from_html(
        "<ul><li>a<ul><li>b<ul><li>c<ul><li>d</li></ul></li></ul></li></ul></li><li>e</li></ul>\
         <ol start='7'><li>seven</li><li><p>eight</p><p>more</p></li></ol>\
         <ol reversed><li>x</li><li>y</li><li value='10'>z</li></ol>",
    );
    let items: Vec<(&str, u8, Option<&str>)> = blocks
        .iter()
        .map(|b| (b.text.as_str(), b.list, b.marker.as_deref()))
        .collect();
    assert_eq!(
        items,
        [
            ("a", 1, Some("•")),
            ("b", 2, Some("◦")),
            ("c", 3, Some("▪")),
            ("d", 4, Some("▪")),
            ("e", 1, Some("•")),
            ("seven", 1, Some("7.")),
            ("eight", 1, Some("8.")),
            ("more", 1, None),
            ("x", 1, Some("3.")),
            ("y", 1, Some("2.")),
            ("z", 1, Some("10.")),
        ]
    );
}

#[test]
fn definition_lists() {
    let blocks = blocks_from_html("<dl><dt>Term</dt><dd>Its meaning</dd></dl>");
    assert_eq!(blocks[0].role, Role::Term);
    assert_eq!(blocks[0].text, "Term");
    assert_eq!((blocks[1].role, blocks[1].list), (Role::Body, 1));
    assert_eq!(blocks[1].text, "Its meaning");
}

#[test]
fn rules_are_kept_empty() {
    let blocks = blocks_from_html("<p>a</p><hr><p>b</p>");
    assert_eq!(blocks.len(), 3);
    assert_eq!((blocks[1].role, blocks[1].text.as_str()), (Role::Rule, ""));
}

#[test]
fn narrow_tables_are_grids() {
    let block = one("<table><thead><tr><th>Name</th><th>Qty</th></tr></thead>\
         <tbody><tr><td>pommes</td><td>3</td></tr><tr><td>日本</td><td></td></tr></tbody></table>");
    assert_eq!(block.role, Role::Table);
    assert_eq!(block.kind, BlockKind::Preformatted);
    assert_eq!(
        block.text,
        "┌────────┬─────┐\n\
         │ Name   │ Qty │\n\
         ├────────┼─────┤\n\
         │ pommes │ 3   │\n\
         ├────────┼─────┤\n\
         │ 日本   │     │\n\
         └────────┴─────┘"
    );
}

#[test]
fn wide_tables_are_told_row_by_row() {
    let long = "word ".repeat(20);
    let blocks = blocks_from_html(&format!(
        "<table><caption>Cap</caption><tr><th>Key</th><th>Value</th></tr>\
         <tr><td>k1</td><td>{long}</td></tr><tr><td>k2</td><td>v2</td></tr></table>"
    ));
    let texts: Vec<(&str, Role)> = blocks.iter().map(|b| (b.text.as_str(), b.role)).collect();
    assert_eq!(
        texts,
        [
            ("Cap", Role::Body),
            (
                format!("Key: k1; Value: {}", long.trim()).as_str(),
                Role::Table
            ),
            ("Key: k2; Value: v2", Role::Table),
        ]
    );
    assert!(blocks.iter().all(|b| b.kind == BlockKind::Prose));
    let markers: Vec<_> = blocks
        .iter()
        .map(|b| (b.list, b.marker.as_deref()))
        .collect();
    assert_eq!(markers, [(0, None), (1, Some("▪")), (1, Some("▪"))]);
}

#[test]
fn images_are_figures_or_inline() {
    let blocks = blocks_from_html(
        "<img src='images/cover.jpg'><figure><img alt='A  map'><figcaption>The map</figcaption></figure>\
         <p>see <img src='x/y.png?s=1' alt='icon'> here</p>",
    );
    let all: Vec<(&str, Role)> = blocks.iter().map(|b| (b.text.as_str(), b.role)).collect();
    assert_eq!(
        all,
        [
            ("[image: cover.jpg]", Role::Figure),
            ("[image: A map]", Role::Figure),
            ("The map", Role::Body),
            ("see [image: icon] here", Role::Body),
        ]
    );
}

#[test]
fn math_by_alttext_or_text() {
    let blocks = blocks_from_html(
        "<p>Let <math><mi>x</mi><mo>+</mo><mn>1</mn></math> be.</p>\
         <math display='block' alttext='a^2 + b^2'><mi>a</mi></math>",
    );
    assert_eq!(blocks[0].text, "Let x+1 be.");
    assert_eq!(
        (blocks[1].role, blocks[1].text.as_str()),
        (Role::Math, "a^2 + b^2")
    );
}

#[test]
fn verse_line_groups_keep_their_lines() {
    let blocks = blocks_from_html(
        "<div class='poem'><div class='linegroup'><div>One line,</div>\n<div>two <em>lines</em>.</div></div>\
         <div class='stanza'><p>Then</p></div></div><div>prose</div>",
    );
    assert_eq!(blocks[0].text, "One line,\ntwo lines.\n\nThen");
    assert_eq!(blocks[0].kind, BlockKind::Preformatted);
    assert_eq!(styled(&blocks[0]), [("lines", InlineStyle::Emphasis)]);
    assert_eq!(blocks[1].text, "prose");
    assert_eq!(blocks.len(), 2);
}

#[test]
fn placeholder_alttext_gives_way_to_the_text() {
    let block =
        one("<p>M <math alttext='Alternative text not available'><mi>A</mi></math> Matrix</p>");
    assert_eq!(block.text, "M A Matrix");
}

#[test]
fn notes() {
    let blocks = blocks_from_html(
        "<p>text</p><aside epub:type='footnote' id='n1'><p>A note.</p></aside>\
         <div role='doc-endnote'>End.</div><p epub:type='footnote'>Third.</p>",
    );
    let roles: Vec<Role> = blocks.iter().map(|b| b.role).collect();
    assert_eq!(roles, [Role::Body, Role::Note, Role::Note, Role::Note]);
    assert_eq!(blocks[1].anchors, ["n1"]);
}

#[test]
fn superscripts_and_subscripts() {
    assert_eq!(
        one("<p>x<sup>2</sup> H<sub>2</sub>O e<sup>-10</sup></p>").text,
        "x² H₂O e⁻¹⁰"
    );
    assert_eq!(
        one("<p>1<sup>st</sup> and CO<sub>x</sub></p>").text,
        "1st and COx"
    );
    let block = one("<p>word<sup><a href='#n1'>1</a></sup></p>");
    assert_eq!(block.text, "word¹");
    assert_eq!(styled(&block), [("¹", InlineStyle::Link("#n1".into()))]);
}

#[test]
fn dropped_elements() {
    assert_eq!(
        texts(
            "<html><head><title>T</title><style>p{}</style></head><body>\
             <script>alert(1)</script><noscript>no</noscript><template>t</template>\
             <svg><title>s</title><text>svg</text></svg><!-- comment -->\
             <form>Name <input value='v'><select><option>o</option></select>\
             <textarea>ta</textarea><button>Go</button></form><p>kept</p></body></html>"
        ),
        ["Name", "kept"]
    );
}

#[test]
fn ids_become_anchors() {
    let blocks = blocks_from_html(
        "<section id='s1'><a id='top'></a><h1 id='h'>Title</h1>\
         <p>text <span id='mid'>mid</span> <a name='old'></a></p></section><a id='end'></a>",
    );
    assert_eq!(blocks[0].anchors, ["s1", "top", "h"]);
    assert_eq!(blocks[1].anchors, ["mid", "old", "end"]);
}

#[test]
fn escapes_are_made_visible() {
    let blocks = blocks_from_html(
        "<p>a\u{1b}[31mred\u{7}</p><img alt='\u{1b}]0;x'><p><a href='\u{1b}[2Jh'>l</a>\u{202e}</p>",
    );
    assert_eq!(blocks[0].text, "a␛[31mred␇");
    assert_eq!(blocks[1].text, "[image: ␛]0;x]");
    assert_eq!(blocks[2].text, "l\u{21C4}");
    assert_eq!(blocks[2].styles[0].style, InlineStyle::Link("␛[2Jh".into()));
    check_invariants(&blocks);
}

#[test]
fn javascript_links_are_not_links() {
    let block =
        one("<p><a href=' JavaScript:alert(1)'>click</a> <a href='java\tscript:x'>b</a></p>");
    assert_eq!(block.text, "click b");
    assert!(block.styles.is_empty(), "{block:?}");
}

#[test]
fn language() {
    let document = parse_html("<html lang=' fr-CA '><body>x</body></html>");
    assert_eq!(document_language(&document).as_deref(), Some("fr-CA"));
    let document =
        parse_xhtml("<html xmlns='http://www.w3.org/1999/xhtml' xml:lang='en'><body/></html>");
    assert_eq!(document_language(&document).as_deref(), Some("en"));
    assert_eq!(document_language(&parse_html("<p>x</p>")), None);
}

#[test]
fn xhtml_self_closed_elements() {
    let document = parse_xhtml(
        "<?xml version='1.0'?><html><head><title/><script src='a.js'/></head>\
         <body><p>one<a id='x'/> two<br/>three</p><div/><p>four</p></body></html>",
    );
    let blocks = blocks_from_node(document.root());
    let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, ["one two\nthree", "four"]);
    assert_eq!(blocks[0].anchors, ["x"]);
    assert!(blocks[0].styles.is_empty());
}

#[test]
fn deep_nesting_is_walked_without_recursion() {
    for tag in ["div", "blockquote", "em", "sup", "table"] {
        let n = 100_000;
        let html = format!(
            "{}deep{}",
            format!("<{tag}>").repeat(n),
            format!("</{tag}>").repeat(n)
        );
        let blocks = blocks_from_html(&html);
        assert!(blocks.iter().any(|b| b.text.contains("deep")), "{tag}");
        check_invariants(&blocks);
    }
}

proptest::proptest! {
    #[test]
    fn any_input_keeps_the_invariants(html in "(</?(p|div|pre|ul|ol|li|em|b|a|table|tr|td|th|br|hr|img|math|sup|sub|blockquote|h1|dl|dt|dd|aside|code|svg|script)( (id|href|alt|start|epub:type|display)='[^']{0,6}')?/?>|[^<]{0,12}|&[a-z#0-9]{0,5};?){0,40}") {
        check_invariants(&blocks_from_html(&html));
    }

    #[test]
    fn any_string_keeps_the_invariants(html in "\\PC*") {
        check_invariants(&blocks_from_html(&html));
    }
}

#[test]
fn spanning_cells_keep_the_columns_in_line() {
    let block = one("<table><tr><th colspan=2>Lieu</th><th>N</th></tr>\
         <tr><td rowspan=2>France</td><td>Paris</td><td>2</td></tr>\
         <tr><td>Lyon</td><td>1</td></tr></table>");
    assert_eq!(
        block.text,
        "┌────────┬───────┬───┐\n\
         │ Lieu           │ N │\n\
         ├────────┼───────┼───┤\n\
         │ France │ Paris │ 2 │\n\
         ├────────┼───────┼───┤\n\
         │        │ Lyon  │ 1 │\n\
         └────────┴───────┴───┘"
    );
    // Told as prose, a cell spanning rows is told in each, and the
    // cells keep their columns' headers.
    let long = "mot ".repeat(25);
    let blocks = blocks_from_html(&format!(
        "<table><tr><th>Pays</th><th>Ville</th><th>Note</th></tr>\
         <tr><td rowspan=2>France</td><td>Paris</td><td>{long}</td></tr>\
         <tr><td>Lyon</td><td>bien</td></tr>\
         <tr><td colspan=2>Ailleurs</td><td>rien</td></tr></table>"
    ));
    let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts[1], "Pays: France; Ville: Lyon; Note: bien");
    assert_eq!(texts[2], "Pays: Ailleurs; Note: rien");
}

#[test]
fn huge_spans_are_bounded() {
    let block =
        one("<table><tr><td colspan=999999999 rowspan=99999999>a</td><td>b</td></tr></table>");
    assert!(block.text.lines().count() <= 3, "{}", block.text);
}
