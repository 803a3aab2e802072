//! Tests of whole books, and the fixtures the epub modules' tests share:
//! small EPUBs made in memory, the shared corpus of real books.

use std::collections::HashSet;
use std::io::{Cursor, Write};
use std::time::Instant;

use zip::write::SimpleFileOptions;

use super::*;
use crate::document::block::{InlineStyle, Role};

pub(super) const CONTAINER: &str = r##"<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"##;

/// A zip of `entries` (name, bytes), `mimetype` stored first, the rest
/// deflated.
pub(super) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/epub+zip").unwrap();
    for (name, bytes) in entries {
        zip.start_file(*name, deflated).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// An OPF with `metadata` and these manifest items and spine.
pub(super) fn opf(metadata: &str, items: &str, spine: &str) -> String {
    format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">{metadata}</metadata>
<manifest>{items}</manifest>
<spine toc="ncx">{spine}</spine>
</package>"##
    )
}

/// An XHTML chapter around `body`.
pub(super) fn xhtml(body: &str) -> String {
    format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="en">
<head><title/><link rel="stylesheet" href="style.css"/></head>
<body>{body}</body></html>"##
    )
}

/// A small EPUB 3: two chapters (one in a sub-folder with a space in
/// its name), a nav document, a non-linear notes file.
pub(super) fn epub3() -> Vec<u8> {
    let package = opf(
        "<dc:title>A  Book</dc:title><dc:creator>Ann Author</dc:creator>\
         <dc:creator>Bob</dc:creator><dc:language>en-GB</dc:language>\
         <dc:publisher>Pub</dc:publisher><dc:date>2020-01-02</dc:date>",
        r##"<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
           <item id="c1" href="text/one.xhtml" media-type="application/xhtml+xml"/>
           <item id="c2" href="text/chapter%20two.xhtml" media-type="application/xhtml+xml"/>
           <item id="notes" href="notes.xhtml" media-type="application/xhtml+xml"/>
           <item id="img" href="images/cover.jpg" media-type="image/jpeg"/>"##,
        r##"<itemref idref="notes" linear="no"/><itemref idref="c1"/><itemref idref="c2"/>"##,
    );
    let nav = xhtml(
        r##"<nav epub:type="toc"><ol>
             <li><a href="text/one.xhtml">One</a>
               <ol><li><a href="text/one.xhtml#s2">Section &amp; two</a></li></ol></li>
             <li><a href="text/chapter%20two.xhtml">Two</a></li>
             <li><a href="missing.xhtml">Gone</a></li>
           </ol></nav><nav epub:type="landmarks"><ol><li><a href="notes.xhtml">Notes</a></li></ol></nav>"##,
    );
    let one = xhtml(
        r##"<h1>One</h1><p>First <a href="chapter%20two.xhtml#end">next</a>
           <a href="#s2">below</a> <a href="../notes.xhtml#n1" epub:type="noteref">1</a>
           <a href="https://example.org/x">out</a> <a href="mailto:a@b.c">mail</a></p>
           <img src="../images/cover.jpg" alt=""/>
           <h2 id="s2">Second</h2><p>Text.</p>"##,
    );
    let two = xhtml(r##"<h1>Two</h1><p id="end">The end.</p>"##);
    let notes = xhtml(r##"<aside epub:type="footnote" id="n1"><p>A note.</p></aside>"##);
    zip_of(&[
        ("META-INF/container.xml", CONTAINER.as_bytes()),
        ("OEBPS/content.opf", package.as_bytes()),
        ("OEBPS/nav.xhtml", nav.as_bytes()),
        ("OEBPS/text/one.xhtml", one.as_bytes()),
        ("OEBPS/text/chapter two.xhtml", two.as_bytes()),
        ("OEBPS/notes.xhtml", notes.as_bytes()),
    ])
}

/// The laid-out text of `book`.
fn laid_text(book: Structured) -> String {
    crate::document::structure::lay(book).text
}

#[test]
fn the_opening_is_the_first_chapters_and_the_start_of_the_whole_text() {
    let bytes = epub3();
    let whole = read("b.epub", &bytes).unwrap();
    let enough = Enough { blocks: 1 };
    let opening = read_opening("b.epub", &bytes, enough).unwrap();
    assert!(!opening.whole);
    // One chapter is enough: "One" and its paragraphs, not "Two".
    let first = &opening.structured;
    assert_eq!(first.blocks[0].text, "One");
    assert!(first.blocks.iter().all(|b| b.text != "Two"), "{first:?}");
    assert_eq!(first.metadata, whole.metadata);
    let (start, all) = (laid_text(opening.structured), laid_text(whole));
    assert!(start.len() < all.len());
    assert!(all.starts_with(&start), "{start:?} / {all:?}");
}

#[test]
fn the_opening_reads_chapters_until_a_screen_of_blocks_with_text() {
    let bytes = epub3();
    let whole = read("b.epub", &bytes).unwrap();
    let first_chapter = whole.blocks.iter().take_while(|b| b.text != "Two").count();
    let has_two = |blocks: usize| {
        let opening = read_opening("b.epub", &bytes, Enough { blocks }).unwrap();
        opening.structured.blocks.iter().any(|b| b.text == "Two")
    };
    // The first chapter's blocks fill a screen of as many rows…
    assert!(!has_two(first_chapter));
    // …but not one row more: the next chapter is read.
    assert!(has_two(first_chapter + 1));
}

#[test]
fn a_book_shorter_than_enough_opens_whole_with_its_contents() {
    let bytes = epub3();
    let enough = Enough { blocks: 1000 };
    let opening = read_opening("b.epub", &bytes, enough).unwrap();
    assert!(opening.whole);
    let whole = read("b.epub", &bytes).unwrap();
    assert_eq!(opening.structured, whole);
    assert!(!opening.structured.toc.is_empty());
}

#[test]
fn the_opening_refuses_what_the_whole_refuses() {
    let enough = Enough { blocks: 1 };
    let missing = zip_of(&[("OEBPS/content.opf", b"<package/>")]);
    assert_eq!(
        read_opening("b.epub", &missing, enough).unwrap_err(),
        EpubError::Missing("META-INF/container.xml".into())
    );
    assert!(matches!(
        read_opening("b.epub", b"PK\x03\x04 cut", enough),
        Err(EpubError::NotZip(_))
    ));
}

/// Every internal link of `book` names an anchor some block has.
fn internal_links_resolve(book: &Structured) -> usize {
    let anchors: HashSet<&str> = book
        .blocks
        .iter()
        .flat_map(|b| b.anchors.iter().map(String::as_str))
        .collect();
    let mut count = 0;
    for block in &book.blocks {
        for inline in &block.styles {
            if let InlineStyle::Link(target) = &inline.style
                && let Some(anchor) = target.strip_prefix('#')
            {
                assert!(anchors.contains(anchor), "{target} in {block:?}");
                count += 1;
            }
        }
    }
    count
}

/// The book's toc entries point at blocks.
pub(super) fn check(book: &Structured) {
    crate::document::format::html::convert::tests::check_invariants(&book.blocks);
    for entry in &book.toc {
        assert!(entry.block < book.blocks.len() && entry.level >= 1);
    }
}

#[test]
fn epub3_with_nav() {
    let book = read("dir/a.epub", &epub3()).unwrap();
    check(&book);
    let texts: Vec<&str> = book.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "One",
            "First next below 1 out mail",
            "[image: cover.jpg]",
            "Second",
            "Text.",
            "Two",
            "The end.",
            "A note.",
        ]
    );
    assert_eq!(book.blocks[0].anchors, ["OEBPS/text/one.xhtml"]);
    assert_eq!(book.blocks[3].anchors, ["OEBPS/text/one.xhtml#s2"]);
    assert_eq!(book.blocks[5].anchors, ["OEBPS/text/chapter two.xhtml"]);
    assert_eq!(book.blocks[7].role, Role::Note);
    assert_eq!(
        book.blocks[7].anchors,
        ["OEBPS/notes.xhtml", "OEBPS/notes.xhtml#n1"]
    );
    let links: Vec<String> = book.blocks[1]
        .styles
        .iter()
        .map(|i| match &i.style {
            InlineStyle::Link(target) => target.clone(),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        links,
        [
            "#OEBPS/text/chapter two.xhtml#end",
            "#OEBPS/text/one.xhtml#s2",
            "#OEBPS/notes.xhtml#n1",
            "https://example.org/x",
            "mailto:a@b.c",
        ]
    );
    assert_eq!(internal_links_resolve(&book), 3);
    let toc: Vec<(u8, &str, usize)> = book
        .toc
        .iter()
        .map(|e| (e.level, e.title.as_str(), e.block))
        .collect();
    assert_eq!(toc, [(1, "One", 0), (2, "Section & two", 3), (1, "Two", 5)]);
    assert_eq!(
        book.metadata,
        Metadata {
            title: Some("A Book".into()),
            author: Some("Ann Author, Bob".into()),
            language: Some("en-GB".into()),
            site: Some("Pub".into()),
            date: Some("2020-01-02".into()),
        }
    );
}

proptest::proptest! {
    #[test]
    fn any_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..2048)) {
        if let Ok(book) = read("x", &bytes) {
            check(&book);
        }
    }

    #[test]
    fn spoiled_books_never_panic(at in 0usize..4000, xor in 1u8..=255, cut in 0usize..5000) {
        let mut bytes = epub3();
        let at = at % bytes.len();
        bytes[at] ^= xor;
        bytes.truncate(bytes.len() - cut.min(bytes.len()));
        if let Ok(book) = read("x", &bytes) {
            check(&book);
        }
    }
}

/// The books of the shared formats corpus, or `None` (with a notice)
/// when it is absent.
fn corpus() -> Option<Vec<std::path::PathBuf>> {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/formats/epub");
    let Ok(entries) = std::fs::read_dir(folder) else {
        eprintln!("skipped: {folder} is absent");
        return None;
    };
    let mut books: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "epub"))
        .collect();
    books.sort();
    Some(books)
}

/// The corpus book whose name starts with `prefix`.
fn corpus_book(books: &[std::path::PathBuf], prefix: &str) -> Option<Structured> {
    let path = books.iter().find(|p| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
    })?;
    let bytes = std::fs::read(path).ok()?;
    Some(read(&path.to_string_lossy(), &bytes).unwrap())
}

#[test]
fn corpus_books_open() {
    let Some(books) = corpus() else { return };
    for path in &books {
        let bytes = std::fs::read(path).unwrap();
        let book = read(&path.to_string_lossy(), &bytes)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        check(&book);
        assert!(!book.blocks.is_empty(), "{}", path.display());
        assert!(!book.toc.is_empty(), "{}", path.display());
        internal_links_resolve(&book);
        // A screen's worth opens first, and is the start of the whole.
        let screen = Enough { blocks: 30 };
        let opening = read_opening(&path.to_string_lossy(), &bytes, screen).unwrap();
        let metadata = opening.structured.metadata.clone();
        let with_text = (opening.structured.blocks.iter())
            .filter(|block| !block.text.trim().is_empty())
            .count();
        assert!(with_text >= 30 || opening.whole, "{}", path.display());
        let start = laid_text(opening.structured);
        assert_eq!(metadata.title, book.metadata.title, "{}", path.display());
        let all = laid_text(book.clone());
        assert!(all.starts_with(&start), "{}", path.display());
        eprintln!(
            "{}: {} blocks, {} toc entries, title {:?}",
            path.display(),
            book.blocks.len(),
            book.toc.len(),
            book.metadata.title
        );
    }
}

#[test]
fn corpus_toc_in_order() {
    let Some(books) = corpus() else { return };
    for prefix in ["moby-dick", "war-and-peace"] {
        let Some(book) = corpus_book(&books, prefix) else {
            eprintln!("skipped: no {prefix}");
            continue;
        };
        assert!(book.toc.len() > 10, "{prefix}");
        for pair in book.toc.windows(2) {
            assert!(pair[0].block <= pair[1].block, "{prefix}: {pair:?}");
        }
    }
}

#[test]
fn corpus_war_and_peace() {
    let Some(books) = corpus() else { return };
    let Some(path) = books
        .iter()
        .find(|p| p.to_string_lossy().contains("war-and-peace"))
    else {
        eprintln!("skipped: no War and Peace");
        return;
    };
    let bytes = std::fs::read(path).unwrap();
    let started = Instant::now();
    let book = read("war-and-peace.epub", &bytes).unwrap();
    eprintln!(
        "War and Peace read whole in {:?}: {} blocks",
        started.elapsed(),
        book.blocks.len()
    );
    let text: String = book
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    for sentence in [
        "Well, Prince, so Genoa and Lucca are now just family estates of the Buonapartes.",
        "Pierre",
    ] {
        assert!(text.contains(sentence), "{sentence}");
    }
    assert_eq!(book.metadata.title.as_deref(), Some("War and Peace"));
}

#[test]
fn corpus_internal_links() {
    let Some(books) = corpus() else { return };
    let Some(book) = corpus_book(&books, "internallinks") else {
        eprintln!("skipped: no internallinks");
        return;
    };
    assert!(internal_links_resolve(&book) > 0);
}

#[test]
fn corpus_wasteland_keeps_lines() {
    let Some(books) = corpus() else { return };
    let Some(book) = corpus_book(&books, "wasteland") else {
        eprintln!("skipped: no wasteland");
        return;
    };
    let verse = book
        .blocks
        .iter()
        .find(|b| b.text.contains("April is the cruellest month"))
        .unwrap();
    assert_eq!(
        verse.kind,
        crate::document::BlockKind::Preformatted,
        "{verse:?}"
    );
    assert!(
        verse.text.contains("breeding\nLilacs out of the dead land"),
        "{verse:?}"
    );
}

#[test]
fn corpus_linear_algebra_has_math() {
    let Some(books) = corpus() else { return };
    let Some(book) = corpus_book(&books, "linear-algebra") else {
        eprintln!("skipped: no linear-algebra");
        return;
    };
    // Its formulas are inline, their alttext a placeholder: their text
    // stands in the running text.
    let math = book.blocks.iter().filter(|b| b.role == Role::Math).count();
    eprintln!("linear-algebra: {math} math blocks");
    let notation = book.blocks.iter().find(|b| b.text.contains("Matrix\nMC"));
    assert!(
        notation.is_some_and(|b| b.text.starts_with("M A \u{a0}\u{a0}Matrix\nMC A i j ")),
        "{notation:?}"
    );
    assert!(!book.blocks.iter().any(|b| b.text.contains("not available")));
}
