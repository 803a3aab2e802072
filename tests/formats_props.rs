//! Whatever bytes are given as a book, a page or Markdown, opening them
//! never panics: the document opens (and lays out, prints and searches
//! without a panic, nothing of the terminal's reaching its text) or a
//! one-line error names the file.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use liseuse::document::format::Format;
use liseuse::document::source::Source;
use liseuse::document::{Document, Options};
use liseuse::plain::{Format as Plain, write_plain};
use liseuse::search::find_all;
use proptest::prelude::*;

/// Bytes that look a little like each format, or not at all.
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"PK\x03\x04".to_vec()),
        Just(b"<!DOCTYPE html><html><head><title>".to_vec()),
        Just(b"</title></head><body><p>".to_vec()),
        Just(b"<blockquote><ul><li><a href='#x' id='x'>".to_vec()),
        Just(b"# Title\n\n> quote\n- item\n```\ncode\n".to_vec()),
        Just(b"| a | b |\n|---|---|\n| 1 | 2 |\n".to_vec()),
        Just(b"\x1b]0;pwned\x07\x1b[31m".to_vec()),
        Just("é€ 吾輩 \u{202e}".as_bytes().to_vec()),
        prop::collection::vec(any::<u8>(), 0..40),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

fn check(name: &str, bytes: Vec<u8>, format: Format) -> Result<(), TestCaseError> {
    let options = Options {
        format: Some(format),
        ..Options::default()
    };
    match Document::read(name, Source::Owned(bytes), options) {
        Ok(doc) => {
            let mut out = Vec::new();
            write_plain(&doc, &Plain::plain(30), &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            prop_assert!(!text.contains('\u{1b}'), "{text:?}");
            let _ = find_all(&doc, "a");
            for value in [&doc.metadata().title, &doc.metadata().author] {
                let value = value.as_deref().unwrap_or_default();
                prop_assert!(!value.contains('\u{1b}'), "{:?}", value);
            }
        }
        Err(error) => {
            let message = error.to_string();
            prop_assert!(message.contains(name), "{message}");
            prop_assert!(!message.contains('\n'), "{message}");
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_bytes_as_a_book_open_or_say_why(bytes in bytes()) {
        check("book.epub", bytes, Format::Epub)?;
    }

    #[test]
    fn any_bytes_as_a_page_open(bytes in bytes()) {
        check("page.html", bytes, Format::Html)?;
    }

    #[test]
    fn any_bytes_as_markdown_open(bytes in bytes()) {
        check("notes.md", bytes, Format::Markdown)?;
    }
}

#[test]
fn hostile_metadata_reaches_the_reader_as_symbols() {
    let page = "<html><head><title>Evil\u{1b}]0;pwned\u{7} title</title>\
                <meta name=author content='Mallory\u{1b}[2J'></head>\
                <body><article><p>Some text that is long enough to be an article, \
                with a <a href='javascript:alert(1)'>link</a> that is only text.</p>\
                </article></body></html>";
    let options = Options {
        format: Some(Format::Html),
        ..Options::default()
    };
    let doc = Document::read("x.html", Source::Owned(page.into()), options).unwrap();
    let title = doc.metadata().title.clone().unwrap();
    assert!(title.contains("␛]0;pwned␇"), "{title}");
    for (_, paragraph) in doc.iter() {
        assert!(!paragraph.text.contains('\u{1b}'), "{:?}", paragraph.text);
        for inline in &paragraph.styles {
            if let liseuse::document::block::InlineStyle::Link(target) = &inline.style {
                assert!(!target.starts_with("javascript:"), "{target}");
            }
        }
    }
}
