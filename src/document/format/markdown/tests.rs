//! Tests of whole Markdown texts, and the helpers the markdown modules'
//! tests share: the model's invariants, the shared corpus of real files.

use proptest::prelude::*;

use super::*;
use crate::document::BlockKind;

/// The blocks of `text`.
pub(super) fn blocks(text: &str) -> Vec<Block> {
    read(text).blocks
}

/// The texts of the blocks of `text`.
pub(super) fn texts(text: &str) -> Vec<String> {
    blocks(text).into_iter().map(|block| block.text).collect()
}

/// The text each style of `block` covers, with the style.
pub(super) fn spans(block: &Block) -> Vec<(&str, InlineStyle)> {
    block
        .styles
        .iter()
        .map(|inline| (&block.text[inline.range.clone()], inline.style.clone()))
        .collect()
}

/// Checks the model's invariants on every block.
fn assert_invariants(doc: &Structured) {
    for block in &doc.blocks {
        for inline in &block.styles {
            let range = &inline.range;
            assert!(range.start < range.end, "{block:?}");
            assert!(range.end <= block.text.len(), "{block:?}");
            assert!(block.text.is_char_boundary(range.start), "{block:?}");
            assert!(block.text.is_char_boundary(range.end), "{block:?}");
        }
        let starts: Vec<usize> = block.styles.iter().map(|i| i.range.start).collect();
        assert!(starts.is_sorted(), "{block:?}");
        if block.kind == BlockKind::Prose {
            assert!(!block.text.contains('\n'), "{block:?}");
            assert_eq!(block.text.trim(), block.text, "{block:?}");
        }
        assert!(
            !block.text.is_empty() || block.role == Role::Rule,
            "{block:?}"
        );
        assert!(
            block.text.chars().all(|c| c == '\n' || !c.is_control()),
            "{block:?}"
        );
    }
}

#[test]
fn escape_bytes_become_visible_symbols() {
    let doc =
        read("# red \u{1b}[31m\n\nline \u{1b}[0m *and\u{7}* \u{202e}x\n\n```\n\u{1b}[2J\n```\n");
    let got: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(got, ["red ␛[31m", "line ␛[0m and␇ ⇄x", "␛[2J"]);
    assert_eq!(spans(&doc.blocks[1]), [("and␇", InlineStyle::Emphasis)]);
    assert_invariants(&doc);
}

#[test]
fn deep_nesting_neither_overflows_nor_crawls() {
    for text in [
        format!("{} deep", ">".repeat(100_000)),
        format!("{}deep", "- ".repeat(100_000)),
        format!("{}deep", "*a ".repeat(50_000)),
        format!("{}x", "<em>".repeat(50_000)),
        "<a ".repeat(50_000),
    ] {
        let doc = read(&text);
        assert_invariants(&doc);
        let last = doc.blocks.last().map(|b| (b.quote, b.list));
        assert!(matches!(last, Some((0 | 255, 0 | 255))), "{last:?}");
    }
}

#[test]
fn empty_input_gives_no_block() {
    assert_eq!(read(""), Structured::default());
    assert!(blocks("\n\n   \n<!-- -->\n").is_empty());
}

proptest! {
    #[test]
    fn any_text_reads_into_valid_blocks(text in "\\PC*") {
        assert_invariants(&read(&text));
    }

    #[test]
    fn markdown_like_text_reads_into_valid_blocks(
        text in "([-*_#>`~|:!\\[\\]()<>&;/\\\\ \n\t1.xé漢\u{1b}\r]|<br>|<p>|</p>|&amp;|- \\[x\\] |\\[\\^1\\]|\n\n){0,80}"
    ) {
        assert_invariants(&read(&text));
    }
}

/// The Markdown files of the shared test data, or `None` (with a
/// notice) when it is absent.
fn shared_markdown() -> Option<Vec<(String, String)>> {
    let dirs = [
        concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/formats/md"),
        concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"),
    ];
    let mut files = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            eprintln!("notice: {dir} is absent; skipping the Markdown corpus test");
            return None;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if !path.is_file() || path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            if path.file_name().is_some_and(|n| n == "SOURCES.md") {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            files.push((name, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    files.sort();
    Some(files)
}

#[test]
fn real_markdown_reads_without_markup_residue() {
    let Some(files) = shared_markdown() else {
        return;
    };
    assert!(files.len() >= 5, "{} files", files.len());
    for (name, text) in &files {
        let doc = read(text);
        assert_invariants(&doc);
        let headings = doc
            .blocks
            .iter()
            .filter(|b| matches!(b.role, Role::Heading(_)))
            .count();
        assert!(headings > 0, "{name}: no heading");
        for block in doc.blocks.iter().filter(|b| b.role != Role::Code) {
            for line in block.text.lines() {
                let residue = line.starts_with('#')
                    || line.contains("```")
                    || line.contains("<p")
                    || line.contains("</p>")
                    || line.contains("|---")
                    || line.contains("<br");
                assert!(!residue, "{name}: {line:?} in {block:?}");
            }
        }
    }
}

#[test]
fn the_ripgrep_readme_keeps_its_setext_heading_apart() {
    let Some(files) = shared_markdown() else {
        return;
    };
    let Some((_, text)) = files.iter().find(|(n, _)| n == "md_ripgrep_README.md") else {
        eprintln!("notice: md_ripgrep_README.md is absent; skipping");
        return;
    };
    let doc = read(text);
    assert_eq!(doc.blocks[0].text, "ripgrep (rg)");
    assert_eq!(doc.blocks[0].role, Role::Heading(2));
    assert!(
        doc.blocks[1]
            .text
            .starts_with("ripgrep is a line-oriented search tool")
    );
    assert!(doc.blocks.iter().any(|b| b.role == Role::Table));
    let links = doc.blocks.iter().flat_map(|b| &b.styles);
    let internal: Vec<&str> = links
        .filter_map(|i| match &i.style {
            InlineStyle::Link(url) => url.strip_prefix('#'),
            _ => None,
        })
        .collect();
    assert!(!internal.is_empty());
    for anchor in internal {
        assert!(
            doc.blocks
                .iter()
                .any(|b| b.anchors.iter().any(|a| a == anchor)),
            "#{anchor} leads nowhere"
        );
    }
}

#[test]
fn html_wrapped_texts_read_as_paragraphs() {
    let Some(files) = shared_markdown() else {
        return;
    };
    for (name, text) in files.iter().filter(|(_, t)| t.contains("<p dir='rtl'")) {
        let doc = read(text);
        let paragraphs = text.matches("<p dir='rtl'").count();
        let bodies = doc.blocks.iter().filter(|b| b.role == Role::Body).count();
        assert_eq!(bodies, paragraphs, "{name}");
        assert!(
            doc.blocks.iter().all(|b| !b.text.contains("dir=")),
            "{name}"
        );
    }
}

#[test]
fn front_matter_is_not_shown_and_names_the_document() {
    let doc =
        read("---\ntitle: Les Notes\nauthor: Moi\nlang: fr\n---\n\n# Autre titre\n\nTexte.\n");
    assert_eq!(doc.metadata.title.as_deref(), Some("Les Notes"));
    assert_eq!(doc.metadata.author.as_deref(), Some("Moi"));
    assert_eq!(doc.metadata.language.as_deref(), Some("fr"));
    let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, ["Autre titre", "Texte."]);
    let toml = read("+++\ntitle = \"Hugo\"\n+++\nCorps.\n");
    assert_eq!(toml.metadata.title.as_deref(), Some("Hugo"));
    assert_eq!(toml.blocks.len(), 1);
    // A rule that opens a text is still a rule when nothing closes it.
    let rule = read("---\n\nTexte.\n");
    assert_eq!(rule.metadata.title, None);
    assert_eq!(rule.blocks.last().map(|b| b.text.as_str()), Some("Texte."));
}
