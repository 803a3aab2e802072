//! Every text of `../shared/corpus/` through the real pipeline (load,
//! detect the encoding, decode, remove escapes, sanitize, split, lay out):
//! known words come out right, no control character comes out, no line is
//! wider than the column. Skipped, with a notice, when the corpus is
//! absent. `cargo test --test corpus -- --nocapture` prints each file's
//! encoding and time to open.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::time::Instant;

use liseuse::document::{Document, Options};
use liseuse::plain::{Format, write_plain};
use unicode_width::UnicodeWidthStr;

fn corpus_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("corpus test skipped: {} is absent", dir.display());
        None
    }
}

/// Each corpus file, the encoding it must be read in, and words that must
/// come out of it.
const FILES: &[(&str, &str, &[&str])] = &[
    (
        "fr_dumas_trois_mousquetaires_latin1_crlf.txt",
        "windows-1252",
        &["mousquetaires", "Tréville", "d'Artagnan"],
    ),
    (
        "fr_flaubert_madame_bovary_utf8bom_crlf.txt",
        "UTF-8",
        &["Bovary", "Charles"],
    ),
    (
        "fr_zola_germinal_cp1252_crlf_oneline_paras.txt",
        "windows-1252",
        &["Germinal, Émile Zola", "cœur"],
    ),
    (
        "en_tolstoy_war_and_peace_utf8bom_lf.txt",
        "UTF-8",
        &["Well, Prince, so Genoa and Lucca", "Natásha"],
    ),
    (
        "ja_soseki_wagahai_wa_neko_shiftjis_crlf.txt",
        "Shift_JIS",
        &["吾輩は猫である", "名前はまだ無い"],
    ),
    (
        "ja_soseki_kokoro_utf8bom_lf.txt",
        "UTF-8",
        &["こころ", "夏目漱石"],
    ),
    (
        "zh_cao_xueqin_hongloumeng_gbk_lf.txt",
        "GBK",
        &["红楼梦", "甄士隐梦幻识通灵"],
    ),
    (
        "zh_luo_guanzhong_sanguo_yanyi_utf8_crlf_htmlresidue.txt",
        "UTF-8",
        &["三国演义"],
    ),
    (
        "ar_1001_nights_sinbad_utf8_html_in_md.md",
        "UTF-8",
        &["السندباد البحري"],
    ),
    (
        "he_tanakh_jonah_nikkud_cantillation_utf8.md",
        "UTF-8",
        &["אֶל־יוֹנָ֥ה"],
    ),
    (
        "he_apocrypha_tobit_unpointed_utf8.md",
        "UTF-8",
        &["Book of Tobit", "זה ספר"],
    ),
    (
        "rfc3986_uri_generic_syntax.txt",
        "UTF-8",
        &["Uniform Resource Identifier", "␌"],
    ),
    ("md_ripgrep_README.md", "UTF-8", &["ripgrep"]),
    (
        "log_travis_redox_ansi_cr.log",
        "UTF-8",
        &["Worker information", "Build system information"],
    ),
    (
        "changelog_libxslt_mixed_latin1_utf8_tabs.txt",
        "UTF-8",
        &["Björn", "Stéphane", "Kłoczko", "‰"],
    ),
    (
        "kuhn_UTF-8-test_malformed.txt",
        "UTF-8",
        &[
            "UTF-8 decoder capability and stress test",
            // "κόσμε", its omicron with oxia (U+1F79) as in the file.
            "\u{3ba}\u{1f79}\u{3c3}\u{3bc}\u{3b5}",
            "\u{FFFD}",
        ],
    ),
    (
        "kuhn_UTF-8-demo.txt",
        "UTF-8",
        &["Markus Kuhn", "ሰማይ አይታረስ"],
    ),
    (
        "fr_zola_germinal_single_786kB_line_uppercase.txt",
        "UTF-8",
        &["EMILEZOLAGERMINAL"],
    ),
];

#[test]
fn every_corpus_text_reads_right_and_lays_out_safely() {
    let Some(dir) = corpus_dir() else { return };
    for (name, encoding, words) in FILES {
        let path = dir.join(name);
        let start = Instant::now();
        let doc = Document::open(&path, Options::default()).unwrap();
        let first = doc.first().map(|id| doc.paragraph(id));
        let opened = start.elapsed();
        assert!(first.is_some(), "{name}: empty");
        assert_eq!(doc.encoding().name(), *encoding, "{name}");
        assert!(!doc.looks_binary(), "{name} looks binary");
        let mut text = String::new();
        for width in [30, 70] {
            let mut out = Vec::new();
            write_plain(&doc, &Format::plain(width), &mut out).unwrap();
            let out = String::from_utf8(out).unwrap();
            for line in out.lines() {
                assert!(line.width() <= width, "{name}: {line:?}");
                assert!(!line.chars().any(char::is_control), "{name}: {line:?}");
            }
            text = out;
        }
        let flowing = text.replace('\n', " ");
        for word in *words {
            assert!(
                text.contains(word) || flowing.contains(word),
                "{name}: {word:?} not found"
            );
        }
        eprintln!("{name}: {encoding}, opened in {opened:?}");
    }
}

#[test]
fn escape_sequences_are_removed_unless_asked_for() {
    let Some(dir) = corpus_dir() else { return };
    let path = dir.join("log_travis_redox_ansi_cr.log");
    let doc = Document::open(&path, Options::default()).unwrap();
    assert!(doc.iter().all(|(_, p)| !p.text.contains('␛')));
    while doc.counting() {
        std::thread::yield_now();
    }
    assert!(
        doc.hidden_escapes().value() > 2000,
        "{:?}",
        doc.hidden_escapes()
    );
    let shown = Options {
        show_escapes: true,
        ..Options::default()
    };
    let doc = Document::open(&path, shown).unwrap();
    assert!(doc.iter().any(|(_, p)| p.text.contains("␛[33;1m")));
}

#[test]
fn gutenberg_paragraphs_are_joined() {
    let Some(dir) = corpus_dir() else { return };
    let path = dir.join("en_tolstoy_war_and_peace_utf8bom_lf.txt");
    let doc = Document::open(&path, Options::default()).unwrap();
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
