//! Every text of `../shared/corpus/` through the real pipeline (load,
//! decode, sanitize, split, lay out): no panic, no control character out,
//! no line wider than the column. Skipped, with a notice, when the corpus is
//! absent.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use liseuse::document::Document;
use liseuse::plain::write_plain;
use unicode_width::UnicodeWidthStr;

fn corpus() -> Option<Vec<PathBuf>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("corpus test skipped: {} is absent", dir.display());
        return None;
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            !name.starts_with('.') && name != "SOURCES.md"
        })
        .collect();
    files.sort();
    Some(files)
}

#[test]
fn every_corpus_text_lays_out_safely() {
    let Some(files) = corpus() else { return };
    assert!(!files.is_empty());
    for path in files {
        let doc = Document::open(&path).unwrap();
        assert!(!doc.is_empty(), "{}", path.display());
        for width in [30, 70] {
            let mut out = Vec::new();
            write_plain(&doc, width, &mut out).unwrap();
            let out = String::from_utf8(out).unwrap();
            for line in out.lines() {
                assert!(line.width() <= width, "{}: {line:?}", path.display());
                assert!(
                    !line.chars().any(char::is_control),
                    "{}: {line:?}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn gutenberg_paragraphs_are_joined() {
    let Some(files) = corpus() else { return };
    let path = files
        .iter()
        .find(|p| p.to_string_lossy().contains("war_and_peace"))
        .unwrap();
    let doc = Document::open(path).unwrap();
    let opening = doc
        .iter()
        .map(|(_, p)| p)
        .find(|p| p.text.starts_with("“Well, Prince, so Genoa and Lucca"))
        .expect("the novel's first paragraph");
    // Seven lines hard-wrapped at 72 columns in the file, one flowing
    // paragraph here.
    assert!(
        opening.text.ends_with("tell me all the news.”"),
        "{}",
        opening.text
    );
    assert!(!opening.text.contains('\n'));
}
