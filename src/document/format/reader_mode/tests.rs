//! Tests of reader mode: extraction, metadata, charsets, sniffing, hostile
//! pages, and the shared Readability pages scored by word F1.

use std::borrow::Cow;

use encoding_rs::UTF_8;

use super::quality::{text_of, word_f1};
use super::*;

/// A paragraph of real-sounding prose, long enough to score as content.
fn prose(topic: &str) -> String {
    format!(
        "<p>The story of {topic} begins in a small harbour town, where the fishermen \
         still mend their nets by hand on the quay every morning, and where the tide \
         decides, more than any clock, when the day starts and when it ends. Nobody \
         there remembers a winter as long as the last one, and everybody has an opinion \
         about why it lasted so long.</p>"
    )
}

/// A news page with its furniture: cookie banner, navigation, sidebar,
/// comments and footer around a five-paragraph article.
fn furnished_page() -> String {
    let body: String = ["herring", "salt", "boats", "storms", "the lighthouse"]
        .iter()
        .map(|topic| prose(topic))
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
         <title>A winter by the sea - The Harbour Post</title>\
         <meta property=\"og:site_name\" content=\"The Harbour Post\">\
         <meta name=\"author\" content=\"Ada Writer\">\
         <meta property=\"article:published_time\" content=\"2024-03-12T08:00:00Z\">\
         </head><body>\
         <div class=\"cookie-banner\"><p>We use cookies to measure our audience.</p></div>\
         <nav class=\"menu\"><ul><li><a href=\"/\">Frontpage</a></li><li><a href=\"/w\">Worldnews</a></li>\
         <li><a href=\"/s\">Sportsdesk</a></li></ul></nav>\
         <main><article><h1>A winter by the sea</h1><div class=\"story\">{body}</div></article>\
         <section id=\"comments\" class=\"comments\"><h2>Comments</h2>\
         <div class=\"comment\"><a href=\"/u/1\">zed</a><p>Firstcomment, lovely.</p></div></section></main>\
         <aside class=\"sidebar\"><h3>Most read</h3><ul><li><a href=\"/1\">Teaserlink one</a></li>\
         <li><a href=\"/2\">Teaserlink two</a></li></ul></aside>\
         <footer class=\"footer\"><a href=\"/about\">Aboutus</a> <p>Copyrightnotice 2024</p></footer>\
         </body></html>"
    )
}

#[test]
fn metadata_of_a_small_page() {
    let article = extract(&furnished_page(), false);
    assert_eq!(article.title.as_deref(), Some("A winter by the sea"));
    assert_eq!(article.byline.as_deref(), Some("Ada Writer"));
    assert_eq!(article.site.as_deref(), Some("The Harbour Post"));
    assert_eq!(article.date.as_deref(), Some("2024-03-12T08:00:00Z"));
    assert_eq!(article.language.as_deref(), Some("en-GB"));
}

#[test]
fn direction_comes_from_the_page() {
    let page = format!(
        "<html dir=\"rtl\" lang=\"ar\"><head><title>عنوان</title></head><body><div>{}{}</div></body></html>",
        prose("one"),
        prose("two")
    );
    assert_eq!(extract(&page, false).direction.as_deref(), Some("rtl"));
    assert_eq!(extract(&page, true).direction.as_deref(), Some("rtl"));
}

#[test]
fn the_blocks_are_those_of_the_article_html() {
    // Converted from the extraction's own tree, they are what parsing
    // the article's HTML again would give.
    let page = format!(
        "{}<script>var x = '<p>not text</p>';</script><!-- a note -->",
        furnished_page()
    );
    for full_page in [false, true] {
        let article = extract(&page, full_page);
        assert!(article.blocks.len() > 4, "{full_page}");
        assert_eq!(
            article.blocks,
            crate::document::format::html::convert::blocks_from_html(&article.html),
            "{full_page}"
        );
        assert!(!article.html.contains("not text") && !article.html.contains("a note"));
    }
}

#[test]
fn furniture_is_dropped_and_the_article_kept() {
    let article = extract(&furnished_page(), false);
    let text = text_of(&article.html);
    for kept in [
        "herring",
        "salt",
        "boats",
        "storms",
        "lighthouse",
        "harbour town",
    ] {
        assert!(text.contains(kept), "{kept:?} missing from {text}");
    }
    for dropped in [
        "cookies",
        "Frontpage",
        "Sportsdesk",
        "Firstcomment",
        "Teaserlink",
        "Aboutus",
        "Copyrightnotice",
    ] {
        assert!(!text.contains(dropped), "{dropped:?} kept in {text}");
    }
}

#[test]
fn full_page_keeps_the_navigation() {
    let article = extract(&furnished_page(), true);
    let text = text_of(&article.html);
    for kept in [
        "Frontpage",
        "Sportsdesk",
        "herring",
        "Firstcomment",
        "Copyrightnotice",
    ] {
        assert!(text.contains(kept), "{kept:?} missing from {text}");
    }
    assert_eq!(article.title.as_deref(), Some("A winter by the sea"));
    assert_eq!(article.site.as_deref(), Some("The Harbour Post"));
}

#[test]
fn scripts_and_styles_never_reach_the_text() {
    let page = "<html><head><style>p{color:red}</style></head><body>\
                <script>var secret = 1;</script><p>Visible words.</p></body></html>";
    for full_page in [false, true] {
        let html = extract(page, full_page).html;
        assert!(
            !html.contains("secret") && !html.contains("color"),
            "{html}"
        );
        assert!(html.contains("Visible words."), "{html}");
    }
}

#[test]
fn a_page_with_no_article_gives_its_body() {
    let page = "<html><head><title>Index</title></head><body>\
                <aside class=\"sidebar\"><p>Only a sidebar.</p></aside>\
                <footer><p>Contact us.</p></footer></body></html>";
    // Readability finds nothing here...
    assert_eq!(readability(page), None);
    // ...and the reader still shows every word of the page.
    let article = extract(page, false);
    let text = text_of(&article.html);
    for kept in ["Only a sidebar.", "Contact us."] {
        assert!(text.contains(kept), "{kept:?} missing from {text:?}");
    }
    assert_eq!(article.title.as_deref(), Some("Index"));
}

#[test]
fn hidden_text_alone_is_still_shown() {
    let page = "<html><body><div style=\"display:none\">Hidden text.</div></body></html>";
    assert!(text_of(&extract(page, false).html).contains("Hidden text."));
}

#[test]
fn bare_text_is_kept() {
    let article = extract("just some words", false);
    assert!(text_of(&article.html).contains("just some words"));
}

#[test]
fn escapes_in_the_title_are_made_visible() {
    let page = "<html><head><title>Evil\u{1b}]0;pwned\u{7}\n\t title \u{202e}x</title></head>\
                <body><p>Text.</p></body></html>";
    for full_page in [false, true] {
        let title = extract(page, full_page).title.unwrap_or_default();
        assert!(
            title.chars().all(|c| !c.is_control() && c != '\u{202e}'),
            "{title:?}"
        );
        assert!(title.contains('␛') && title.contains('⇄'), "{title:?}");
        assert!(title.contains("pwned␇ title"), "{title:?}");
    }
}

#[test]
fn deeply_nested_divs_are_flattened_not_fatal() {
    let depth = 100_000;
    let page = format!(
        "<html><head><title>Deep</title></head><body>{}<p>At the bottom of the well.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let flat = cap_nesting(&page);
    assert!(matches!(flat, Cow::Owned(_)));
    assert_eq!(flat.matches("<div>").count(), MAX_DEPTH);
    assert_eq!(flat.matches("</div>").count(), MAX_DEPTH);
    // On a test thread's small stack, and quickly.
    let start = std::time::Instant::now();
    for full_page in [false, true] {
        let article = extract(&page, full_page);
        assert!(text_of(&article.html).contains("At the bottom of the well."));
    }
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

#[test]
fn self_closing_html_tags_still_nest() {
    // `<div/>` opens a div in HTML: it must count as nesting.
    let page = "<div/>".repeat(MAX_DEPTH + 10);
    assert!(matches!(cap_nesting(&page), Cow::Owned(_)));
    // In SVG, `<path/>` does close: many of them are not deep.
    let svg = format!("<svg>{}</svg>", "<path d=\"M0 0\"/>".repeat(MAX_DEPTH + 10));
    assert!(matches!(cap_nesting(&svg), Cow::Borrowed(_)));
}

#[test]
fn ordinary_pages_are_not_rewritten() {
    let paragraphs = "<p>unclosed paragraph <li>item ".repeat(MAX_DEPTH * 4);
    let page = format!(
        "<html><body><script>if (a<b) {{ x = '<div>'; }}</script>{paragraphs}</body></html>"
    );
    assert!(matches!(cap_nesting(&page), Cow::Borrowed(_)));
    assert!(matches!(cap_nesting(&furnished_page()), Cow::Borrowed(_)));
}

mod charset {
    use super::*;

    #[test]
    fn a_byte_order_mark_wins() {
        let (text, encoding) = decode(b"\xEF\xBB\xBF<meta charset=iso-8859-1>caf\xC3\xA9");
        assert_eq!(encoding, UTF_8);
        assert_eq!(text, "<meta charset=iso-8859-1>café");
        let (text, encoding) = decode(b"\xFF\xFE<\x00p\x00>\x00");
        assert_eq!(encoding, encoding_rs::UTF_16LE);
        assert_eq!(text, "<p>");
    }

    /// French in Windows-1252, which the detector alone takes for
    /// Windows-1252: what a declaration says must win over it.
    fn french() -> Vec<u8> {
        let text = "<p>Les élèves étaient déjà là, près de la fenêtre.</p>".repeat(4);
        encoding_rs::WINDOWS_1252.encode(&text).0.into_owned()
    }

    #[test]
    fn the_detector_alone_reads_french_as_windows_1252() {
        assert_eq!(decode(&french()).1, encoding_rs::WINDOWS_1252);
    }

    #[test]
    fn meta_charset_is_read() {
        let mut page = b"<!DOCTYPE html><html><head><!-- <meta charset=koi8-r> -->\
                         <meta name=viewport content=\"width=device-width\">\
                         <meta charset=\"ISO-8859-7\"></head><body>"
            .to_vec();
        page.extend(french());
        let (text, encoding) = decode(&page);
        assert_eq!(encoding, encoding_rs::ISO_8859_7);
        // 0xE9 is é in Windows-1252, ι in Greek.
        assert!(text.contains("Les ιlθves"), "{text}");
    }

    #[test]
    fn http_equiv_content_type_is_read() {
        let mut page = b"<html><head><META HTTP-EQUIV='Content-Type' \
                         CONTENT='text/html; charset=\"KOI8-R\"'></head>"
            .to_vec();
        page.extend(french());
        assert_eq!(decode(&page).1, encoding_rs::KOI8_R);
        // Without http-equiv, a content attribute says nothing.
        let mut page = b"<meta content='text/html; charset=koi8-r'>".to_vec();
        page.extend(french());
        assert_eq!(decode(&page).1, encoding_rs::WINDOWS_1252);
    }

    #[test]
    fn shift_jis_is_declared_and_decoded() {
        let (text, encoding) = decode(b"<meta charset=shift_jis><p>\x93\xfa\x96\x7b</p>");
        assert_eq!(encoding, encoding_rs::SHIFT_JIS);
        assert!(text.contains("日本"), "{text}");
    }

    #[test]
    fn utf8_bytes_overrule_a_stale_declaration() {
        // As the shared `qq` page: saved as UTF-8, still saying gb2312.
        let page = "<meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">\
                    <p>人工智能迈上新台阶</p>";
        let (text, encoding) = decode(page.as_bytes());
        assert_eq!(encoding, UTF_8);
        assert_eq!(text, page);
        // ASCII alone proves nothing: the declaration stands.
        let (_, encoding) = decode(b"<meta charset=gb2312><p>ascii</p>");
        assert_eq!(encoding, encoding_rs::GBK);
    }

    #[test]
    fn declared_utf16_means_utf8() {
        let (text, encoding) = decode("<meta charset=utf-16><p>é".as_bytes());
        assert_eq!(encoding, UTF_8);
        assert!(text.ends_with('é'));
    }

    #[test]
    fn a_declaration_past_the_prescan_is_not_seen() {
        let mut page = vec![b' '; PRESCAN_BYTES];
        page.extend_from_slice(b"<meta charset=koi8-r>");
        page.extend(french());
        assert_eq!(decode(&page).1, encoding_rs::WINDOWS_1252);
    }

    #[test]
    fn undeclared_legacy_bytes_are_detected() {
        let sentence = "<p>Les élèves étaient déjà là, près de la fenêtre, à côté du maître qui \
                        répétait sa leçon de français à voix très haute.</p>";
        let page = sentence.repeat(8);
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
        let (text, encoding) = decode(&bytes);
        assert_eq!(encoding, encoding_rs::WINDOWS_1252);
        assert!(text.contains("élèves étaient déjà"), "{text}");
    }

    #[test]
    fn undeclared_utf8_is_utf8() {
        let (text, encoding) = decode("<p>Ça marche, 日本語 aussi.</p>".as_bytes());
        assert_eq!(encoding, UTF_8);
        assert_eq!(text, "<p>Ça marche, 日本語 aussi.</p>");
        assert_eq!(decode(b""), (String::new(), UTF_8));
    }
}

mod sniffing {
    use super::*;

    #[test]
    fn pages_are_recognised() {
        for page in [
            &b"<!DOCTYPE html><html><body>x</body></html>"[..],
            b"<!doctype HTML>",
            b"\xEF\xBB\xBF  \r\n\t<html lang=fr>",
            b"<HTML>",
            b"<html\n  lang=\"en\"\n>",
            b"<head><title>t</title></head>",
            b"<body>",
            b"<!-- saved from url=(0014)about:internet -->\n<!DOCTYPE html>",
            b"<!-- generator -->\n<html>",
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">",
        ] {
            assert!(looks_like_html(page), "{:?}", String::from_utf8_lossy(page));
        }
    }

    #[test]
    fn text_and_markdown_are_not_pages() {
        for text in [
            &b""[..],
            b"Just a text.",
            b"<3 to everyone who came",
            b"<html is how a page starts, and this sentence is not one.",
            b"<htmlish>",
            b"<p align=\"center\"><img src=\"logo.png\"></p>\n\n# ripgrep\n\nSome <b>bold</b> text.",
            b"<div>Markdown with a block of HTML</div>\n\n* item",
            b"# Title\n\n<html> mentioned inside a Markdown line",
            b"<!-- a Markdown comment -->\n# Title\n\n<details><summary>x</summary></details>",
            b"<?xml version=\"1.0\"?>\n<rss><channel></channel></rss>",
        ] {
            assert!(!looks_like_html(text), "{:?}", String::from_utf8_lossy(text));
        }
    }

    #[test]
    fn the_root_must_come_within_a_kibibyte() {
        let mut page = b"<!--".to_vec();
        page.extend(std::iter::repeat_n(b'x', SNIFF_BYTES));
        page.extend_from_slice(b"--><html>");
        assert!(!looks_like_html(&page));
    }
}

#[test]
fn word_f1_counts_words_as_a_multiset() {
    assert_eq!(word_f1("", ""), 1.0);
    assert_eq!(word_f1("word", ""), 0.0);
    assert_eq!(word_f1("Déjà-vu, DÉJÀ vu!", "déjà vu déjà vu"), 1.0);
    // Precision 1/2 (the, the), recall 1/1.
    assert!((word_f1("the the", "the") - 2.0 / 3.0).abs() < 1e-9);
    // Words in separate blocks stay separate.
    assert_eq!(
        text_of("<p>one</p><p>two</p>").split_whitespace().count(),
        2
    );
}

/// Scores the article extracted from each of the shared Readability test
/// pages against its `expected.html`, printing every page's F1, and holds
/// the mean and the worst to what the chosen extractor reaches.
#[test]
fn shared_pages_score_near_readability() {
    let root = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/formats/html"
    ));
    let Ok(entries) = std::fs::read_dir(root) else {
        eprintln!("skipped: {} is absent", root.display());
        return;
    };
    let mut pages: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.join("source.html").is_file() && path.join("expected.html").is_file())
        .collect();
    pages.sort();
    let mut scores = Vec::new();
    for page in &pages {
        let (Ok(source), Ok(expected)) = (
            std::fs::read(page.join("source.html")),
            std::fs::read_to_string(page.join("expected.html")),
        ) else {
            continue;
        };
        let (source, _) = decode(&source);
        let article = extract(&source, false);
        let score = word_f1(&text_of(&article.html), &text_of(&expected));
        eprintln!(
            "{:<22} F1 {score:.3}",
            page.file_name().unwrap_or_default().to_string_lossy()
        );
        scores.push(score);
    }
    if scores.is_empty() {
        eprintln!("skipped: no page in {}", root.display());
        return;
    }
    let mean = scores.iter().sum::<f64>() / scores.len() as f64;
    let worst = scores.iter().copied().fold(f64::INFINITY, f64::min);
    eprintln!(
        "{} pages: mean F1 {mean:.3}, worst {worst:.3}",
        scores.len()
    );
    assert!(mean >= 0.99, "mean F1 {mean:.3}");
    assert!(worst >= 0.95, "worst F1 {worst:.3}");
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn any_string_is_read_without_panic(page in "(<[a-z/!?]{0,6}[^<]{0,12}|[^<]{0,20}){0,40}") {
            let article = extract(&page, false);
            let _ = extract(&page, true);
            for label in [article.title, article.byline, article.site].into_iter().flatten() {
                prop_assert!(label.chars().all(|c| !c.is_control()));
            }
            let _ = looks_like_html(page.as_bytes());
            let _ = decode(page.as_bytes());
        }

        #[test]
        fn any_bytes_are_decoded_and_sniffed_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = decode(&bytes);
            let _ = looks_like_html(&bytes);
            let _ = cap_nesting(&String::from_utf8_lossy(&bytes));
        }
    }
}
