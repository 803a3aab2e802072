//! Where the blocks of a structured document (Markdown, a web page, an
//! EPUB book) stand in its text, so that it is read through the same
//! [`super::Document`] as plain text.
//!
//! A structured document's text is its blocks' visible texts one after
//! the other, each followed by a blank line: a block's identity is the
//! byte where its text starts, as a plain paragraph's is, so positions,
//! percentages, counting, search and saved state work unchanged. The
//! [`Table`] keeps, for each block, its place and everything but its text
//! (role, nesting, styles); the text is read back from the bytes.
//! Invariants: entries are in order of `start`, `start <= end`, and each
//! entry's `end` is at most the next one's `start`.

use std::collections::HashMap;

use super::block::{Block, Inline, Metadata, Role, Structured};
use super::paragraphs::Span;
use super::sanitize::sanitize;
use super::{BlockKind, Paragraph};

/// What separates two blocks in the text (a blank line, as in plain text,
/// so that a sample of the text reads as paragraphs).
const SEPARATOR: &str = "\n\n";

/// One block's place and shape (its anchors are in [`Table`]'s index).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    start: usize,
    end: usize,
    /// The block, its text and anchors left out.
    shape: Shape,
}

/// What a block is, but for its text and anchors: kept small, since a
/// book has tens of thousands of blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shape {
    kind: BlockKind,
    role: Role,
    quote: u8,
    list: u8,
    /// Whether it follows the block before without a blank line (items
    /// of one list, rows of one table).
    tight: bool,
    marker: Option<Box<str>>,
    styles: Box<[Inline]>,
}

impl Shape {
    /// The shape of `block`, which follows the one before it tightly or
    /// not.
    fn of(block: Block, tight: bool) -> Shape {
        Shape {
            kind: block.kind,
            role: block.role,
            quote: block.quote,
            list: block.list,
            tight,
            marker: block.marker.map(String::into_boxed_str),
            styles: block.styles.into_boxed_slice(),
        }
    }

    /// The block of this shape whose text is `text`.
    fn block(&self, text: String) -> Block {
        Block {
            text,
            kind: self.kind,
            role: self.role,
            quote: self.quote,
            list: self.list,
            marker: self.marker.as_deref().map(str::to_owned),
            styles: self.styles.to_vec(),
            anchors: Vec::new(),
        }
    }
}

/// The blocks of a structured document, by place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    entries: Vec<Entry>,
    anchors: HashMap<String, usize>,
}

/// A structured document made ready to read: its text, its table of
/// blocks, its metadata and its contents as block ids.
#[derive(Debug, Clone, Default)]
pub struct Laid {
    /// The blocks' texts, each followed by a blank line.
    pub text: String,
    /// Where each block stands in the text.
    pub table: Table,
    /// Title, author, language and the like.
    pub metadata: Metadata,
    /// The table of contents: level, title and the id of the block it
    /// leads to, in reading order.
    pub contents: Vec<(u8, String, usize)>,
}

impl Laid {
    /// A copy of it allocated by the calling thread, exactly to size: the
    /// threads that read a book leave their memory scattered with freed
    /// chapters, and once this copy is made and the original dropped, all
    /// of it can be given back.
    pub fn moved_here(self) -> Laid {
        Laid {
            text: self.text.as_str().to_owned(),
            table: self.table.clone(),
            metadata: self.metadata.clone(),
            contents: self.contents.clone(),
        }
    }
}

/// Makes `document` ready to read: every text is sanitized once more (a
/// format module may have missed a control character), prose is kept on
/// one line, and the contents point at block ids.
pub fn lay(document: Structured) -> Laid {
    let mut text = String::new();
    let mut entries = Vec::with_capacity(document.blocks.len());
    let mut anchors = HashMap::new();
    let mut previous: Option<(u8, Role)> = None;
    for mut block in document.blocks {
        let tight = previous.is_some_and(|(list, role)| {
            (list > 0 && block.list > 0 && block.quote == 0)
                || (role == Role::Table
                    && block.role == Role::Table
                    && block.kind == BlockKind::Prose)
        });
        previous = Some((block.list, block.role));
        let start = text.len();
        let mut clean = sanitize(&block.text);
        if block.kind == BlockKind::Prose && clean.contains('\n') {
            clean = clean.replace('\n', " ");
        }
        if clean.len() != block.text.len() {
            // Sanitizing changed lengths: styles no longer line up.
            block.styles.retain(|style| style.range.end <= clean.len());
            for style in &mut block.styles {
                while !clean.is_char_boundary(style.range.start) {
                    style.range.start -= 1;
                }
                while !clean.is_char_boundary(style.range.end) {
                    style.range.end -= 1;
                }
            }
            block
                .styles
                .retain(|style| style.range.start < style.range.end);
        }
        text.push_str(&clean);
        let end = text.len();
        text.push_str(SEPARATOR);
        // The anchors move to the table's index: a block's shape keeps
        // none (a book has thousands).
        for anchor in std::mem::take(&mut block.anchors) {
            anchors.entry(anchor).or_insert(start);
        }
        entries.push(Entry {
            start,
            end,
            shape: Shape::of(block, tight),
        });
    }
    // Grown by doubling: what is kept for the session is trimmed to size.
    text.shrink_to_fit();
    entries.shrink_to_fit();
    let contents = document
        .toc
        .into_iter()
        .filter_map(|entry| {
            let id = entries.get(entry.block)?.start;
            Some((entry.level, entry.title, id))
        })
        .collect();
    Laid {
        text,
        table: Table { entries, anchors },
        metadata: document.metadata,
        contents,
    }
}

impl Table {
    /// The index of the block that holds byte `pos`, or of the last one
    /// before it (the first one when `pos` comes before every block).
    fn index_at(&self, pos: usize) -> usize {
        self.entries
            .partition_point(|entry| entry.start <= pos)
            .saturating_sub(1)
    }

    /// Where to start reading blocks to find the one that holds `pos`.
    pub fn restart_before(&self, pos: usize) -> usize {
        self.entries
            .get(self.index_at(pos))
            .map_or(pos, |entry| entry.start)
    }

    /// The block that starts at or after `pos`, as a span, and its index.
    pub fn span_from(&self, pos: usize) -> Option<Span> {
        let index = self.entries.partition_point(|entry| entry.start < pos);
        let entry = self.entries.get(index)?;
        Some(Span {
            start: entry.start,
            end: entry.end,
            kind: entry.shape.kind,
            continues: entry.shape.tight,
        })
    }

    /// The block whose text is `text`, shaped as the block at `start`
    /// was (a plain prose paragraph for a place that starts no block).
    pub fn paragraph(&self, start: usize, text: String) -> Paragraph {
        let index = self.entries.partition_point(|entry| entry.start < start);
        match self.entries.get(index).filter(|entry| entry.start == start) {
            Some(entry) => entry.shape.block(text),
            None => Paragraph {
                text,
                ..Paragraph::default()
            },
        }
    }

    /// The id of the block that `anchor` names.
    pub fn anchor(&self, anchor: &str) -> Option<usize> {
        self.anchors.get(anchor).copied()
    }

    /// How many blocks there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there is no block.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::block::{Inline, InlineStyle, Role, TocEntry};

    fn sample() -> Laid {
        let heading = Block {
            text: "Title".into(),
            role: Role::Heading(1),
            anchors: vec!["top".into()],
            ..Block::default()
        };
        let body = Block {
            text: "one \u{1b}two".into(),
            styles: vec![Inline {
                range: 5..8,
                style: InlineStyle::Strong,
            }],
            ..Block::default()
        };
        let rule = Block {
            role: Role::Rule,
            ..Block::default()
        };
        lay(Structured {
            blocks: vec![heading, body, rule, Block::body("last\nline")],
            toc: vec![
                TocEntry {
                    level: 1,
                    title: "Title".into(),
                    block: 0,
                },
                TocEntry {
                    level: 2,
                    title: "nowhere".into(),
                    block: 99,
                },
            ],
            ..Structured::default()
        })
    }

    #[test]
    fn blocks_stand_one_after_the_other_with_a_blank_line() {
        let laid = sample();
        assert_eq!(laid.text, "Title\n\none ␛two\n\n\n\nlast line\n\n");
        let starts: Vec<usize> = laid.table.entries.iter().map(|e| e.start).collect();
        assert_eq!(starts, [0, 7, 19, 21]);
        assert_eq!(laid.table.anchor("top"), Some(0));
        assert_eq!(laid.contents, [(1, "Title".to_owned(), 0)]);
    }

    #[test]
    fn a_copy_made_on_another_thread_is_the_same_document() {
        let laid = std::thread::spawn(sample).join().unwrap();
        let (text, table, contents) =
            (laid.text.clone(), laid.table.clone(), laid.contents.clone());
        let here = laid.moved_here();
        assert_eq!(here.text, text);
        assert_eq!(here.table, table);
        assert_eq!(here.contents, contents);
        assert_eq!(here.table.paragraph(7, "one ␛two".into()).styles.len(), 1);
    }

    #[test]
    fn styles_follow_sanitizing_on_character_boundaries() {
        let laid = sample();
        let body = laid.table.paragraph(7, laid.text[7..17].to_owned());
        assert_eq!(body.text, "one ␛two");
        // The escape became a three-byte symbol: the style moved onto a
        // boundary and stays inside the text.
        let range = body.styles[0].range.clone();
        assert!(body.text.is_char_boundary(range.start) && range.end <= body.text.len());
        assert!(range.start < range.end);
    }

    #[test]
    fn spans_and_restarts_find_blocks_by_place() {
        let table = sample().table;
        assert_eq!(table.restart_before(9), 7);
        assert_eq!(
            table.restart_before(16),
            7,
            "between blocks: the one before"
        );
        assert_eq!(table.span_from(8).map(|s| s.start), Some(19));
        assert_eq!(
            table.span_from(19).map(|s| (s.start, s.end)),
            Some((19, 19))
        );
        assert_eq!(table.span_from(22), None);
        assert_eq!(table.paragraph(0, "Title".into()).role, Role::Heading(1));
        assert_eq!(table.paragraph(3, "x".into()).role, Role::Body);
    }
}

#[cfg(test)]
mod document_tests {
    //! A structured document read through [`crate::document::Document`]
    //! as plain text is: neighbours, places, counting, search.
    use super::*;
    use crate::document::Document;
    use crate::document::block::{Role, TocEntry};
    use crate::document::index::Count;

    fn book() -> Document {
        let blocks = vec![
            Block {
                text: "Chapitre premier".into(),
                role: Role::Heading(1),
                ..Block::default()
            },
            Block::body("Le ministre Choïgou est arrivé."),
            Block {
                text: "fn main() {\n\n    println!(\"x\");\n}".into(),
                kind: BlockKind::Preformatted,
                role: Role::Code,
                ..Block::default()
            },
            Block {
                role: Role::Rule,
                ..Block::default()
            },
            Block {
                text: "Un élément".into(),
                list: 1,
                marker: Some("•".into()),
                ..Block::default()
            },
        ];
        let structured = Structured {
            blocks,
            toc: vec![TocEntry {
                level: 1,
                title: "Chapitre premier".into(),
                block: 0,
            }],
            ..Structured::default()
        };
        Document::structured("book", lay(structured), encoding_rs::UTF_8)
    }

    #[test]
    fn blocks_are_paragraphs_with_their_shape() {
        let doc = book();
        let ids: Vec<usize> = doc.iter().map(|(id, _)| id).collect();
        assert_eq!(ids.len(), 5, "a rule is a block too");
        let code = doc.paragraph(ids[2]);
        assert_eq!(code.role, Role::Code);
        assert_eq!(code.text, "fn main() {\n\n    println!(\"x\");\n}");
        assert_eq!(doc.next(ids[1]), Some(ids[2]));
        assert_eq!(doc.previous(ids[3]), Some(ids[2]));
        assert_eq!(doc.last(), Some(ids[4]));
        assert_eq!(doc.paragraph(ids[4]).marker.as_deref(), Some("•"));
        assert_eq!(doc.paragraph_total(), Count::Exact(5));
        assert_eq!(doc.number_of(ids[3]), Count::Exact(4));
        assert!(doc.is_structured());
        assert_eq!(doc.contents_at(0), Some((1, "Chapitre premier")));
    }

    #[test]
    fn search_finds_visible_text_across_blocks() {
        let doc = book();
        let found = crate::search::find_all(&doc, "choigou");
        assert_eq!(found.len(), 1);
        let paragraph = doc.paragraph(found[0].paragraph);
        assert_eq!(&paragraph.text[found[0].range.clone()], "Choïgou");
        // The blank line inside the code block splits nothing.
        assert_eq!(crate::search::find_all(&doc, "println").len(), 1);
    }

    #[test]
    fn places_round_trip_inside_blocks() {
        let doc = book();
        for (id, paragraph) in doc.iter() {
            for offset in 0..=paragraph.text.len() {
                if !paragraph.text.is_char_boundary(offset) {
                    continue;
                }
                let position = doc.position(id, offset);
                assert_eq!(doc.place(position), Some((id, offset)));
            }
        }
    }
}
