//! Positions in the laid-out document, and movement between them.
//!
//! The reader's place is an [`Anchor`]: a paragraph and a byte offset inside
//! it. It does not depend on the window, so a resize keeps the same words at
//! the top. A [`Row`] is one visual row at the current width: a line of a
//! paragraph, or the blank row that separates it from the next one.
//! [`Rows`] converts between the two and moves by rows; it only lays out the
//! paragraphs it walks over, so every movement costs what it moves, not what
//! the document holds.

use std::cmp::Ordering;

use crate::document::Document;
use crate::layout::{LayoutCache, indented};

/// A place in the document: a paragraph and a byte offset in its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Anchor {
    /// Paragraph (its id: where it starts in the source).
    pub paragraph: usize,
    /// Byte offset in the paragraph's text; [`Anchor::GAP`] stands for the
    /// blank row after the paragraph.
    pub offset: usize,
}

impl Anchor {
    /// The offset of the blank row after a paragraph.
    pub const GAP: usize = usize::MAX;

    /// The start of paragraph `paragraph`.
    pub fn paragraph_start(paragraph: usize) -> Anchor {
        Anchor {
            paragraph,
            offset: 0,
        }
    }
}

/// One visual row: `line` of `paragraph`, where `line` equal to the
/// paragraph's line count is the blank row after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Row {
    /// Paragraph (its id; ids grow through the document).
    pub paragraph: usize,
    /// Line index inside the paragraph.
    pub line: usize,
}

/// The document's rows at the layout's width.
#[derive(Debug, Clone, Copy)]
pub struct Rows<'a> {
    document: &'a Document,
    layout: &'a LayoutCache,
}

impl<'a> Rows<'a> {
    /// The rows of `document` as laid out by `layout`.
    pub fn new(document: &'a Document, layout: &'a LayoutCache) -> Rows<'a> {
        Rows { document, layout }
    }

    /// Number of lines of paragraph `paragraph` (none in an empty
    /// document).
    pub fn line_count(&self, paragraph: usize) -> usize {
        if self.document.is_empty() {
            return 0;
        }
        self.layout.lines(self.document, paragraph).len()
    }

    /// Number of rows of paragraph `paragraph`: its lines and, unless it is
    /// the last, the next one continues it or starts with an indent, the
    /// blank row after it.
    pub fn row_count(&self, paragraph: usize) -> usize {
        // In indent mode, an indented paragraph needs no blank row.
        let gap = self.document.next(paragraph).is_some_and(|next| {
            self.document.gap_before(next) && !indented(self.document, next, self.layout.setting())
        });
        self.line_count(paragraph) + usize::from(gap)
    }

    /// Whether `row` is a line of text (not a blank separator).
    pub fn is_text(&self, row: Row) -> bool {
        row.line < self.line_count(row.paragraph)
    }

    /// The row that shows `anchor`.
    pub fn row_at(&self, anchor: Anchor) -> Row {
        if self.document.is_empty() {
            return Row::default();
        }
        let paragraph = anchor.paragraph;
        let lines = self.layout.lines(self.document, paragraph);
        let line = if anchor.offset == Anchor::GAP {
            self.row_count(paragraph).saturating_sub(1)
        } else {
            lines
                .partition_point(|line| line.range.start <= anchor.offset)
                .saturating_sub(1)
        };
        Row { paragraph, line }
    }

    /// The anchor at the start of `row`.
    pub fn anchor_at(&self, row: Row) -> Anchor {
        if self.document.is_empty() {
            return Anchor::default();
        }
        let lines = self.layout.lines(self.document, row.paragraph);
        let offset = lines
            .get(row.line)
            .map_or(Anchor::GAP, |line| line.range.start);
        Anchor {
            paragraph: row.paragraph,
            offset,
        }
    }

    /// The last row of the document.
    pub fn last(&self) -> Row {
        let Some(paragraph) = self.document.last() else {
            return Row::default();
        };
        Row {
            paragraph,
            line: self.line_count(paragraph).saturating_sub(1),
        }
    }

    /// The row `delta` rows after `row` (before it when negative), stopping
    /// at the first and last rows.
    pub fn advance(&self, row: Row, delta: isize) -> Row {
        if self.document.is_empty() {
            return row;
        }
        let Row {
            mut paragraph,
            mut line,
        } = row;
        let mut remaining = delta.unsigned_abs();
        if delta >= 0 {
            loop {
                let rows = self.row_count(paragraph);
                if line + remaining < rows {
                    line += remaining;
                    break;
                }
                let Some(next) = self.document.next(paragraph) else {
                    line = rows.saturating_sub(1);
                    break;
                };
                remaining -= rows - line;
                paragraph = next;
                line = 0;
            }
        } else {
            loop {
                if remaining <= line {
                    line -= remaining;
                    break;
                }
                let Some(previous) = self.document.previous(paragraph) else {
                    line = 0;
                    break;
                };
                remaining -= line + 1;
                paragraph = previous;
                line = self.row_count(paragraph) - 1;
            }
        }
        Row { paragraph, line }
    }

    /// The lowest top row for a view `height` rows high: the one that puts
    /// the last line at the bottom.
    pub fn max_top(&self, height: usize) -> Row {
        let back = height.saturating_sub(1).min(isize::MAX as usize) as isize;
        self.advance(self.last(), -back)
    }

    /// `row` as the top of a view `height` rows high: never past
    /// [`Rows::max_top`]. Only a view that reaches the end looks there.
    pub fn clamp_top(&self, row: Row, height: usize) -> Row {
        if self.reaches_end(row, height) {
            row.min(self.max_top(height))
        } else {
            row
        }
    }

    /// Whether a view from `top`, `height` rows high, shows the last row:
    /// whether fewer than `height` rows follow `top`. Counted a paragraph
    /// at a time (each of its rows would ask for its lines again).
    pub fn reaches_end(&self, top: Row, height: usize) -> bool {
        if self.document.is_empty() {
            return true;
        }
        let height = height.max(1);
        let mut paragraph = top.paragraph;
        let mut after = self
            .row_count(paragraph)
            .saturating_sub(1)
            .saturating_sub(top.line);
        while after < height {
            let Some(next) = self.document.next(paragraph) else {
                return true;
            };
            after += self.row_count(next);
            paragraph = next;
        }
        false
    }

    /// The rows shown from `top` in a view `height` rows high.
    pub fn visible(&self, top: Row, height: usize) -> Vec<Row> {
        let mut rows = Vec::with_capacity(height);
        if self.document.is_empty() || height == 0 {
            return rows;
        }
        let mut row = top;
        loop {
            rows.push(row);
            if rows.len() == height {
                return rows;
            }
            let next = self.advance(row, 1);
            if next == row {
                return rows;
            }
            row = next;
        }
    }

    /// Where paragraph `paragraph` stands relative to the view: `Less` when
    /// all of it is above, `Greater` when all of it is below, `Equal` when
    /// one of its lines is shown.
    pub fn compare_to_view(&self, paragraph: usize, top: Row, height: usize) -> Ordering {
        let visible = self.visible(top, height);
        let shown = |row: &&Row| self.is_text(**row);
        match (visible.iter().find(shown), visible.iter().rfind(shown)) {
            (Some(first), Some(last)) => {
                if paragraph < first.paragraph {
                    Ordering::Less
                } else if paragraph > last.paragraph {
                    Ordering::Greater
                } else {
                    Ordering::Equal
                }
            }
            _ => paragraph.cmp(&top.paragraph),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Five paragraphs of 3, 1, 2, 1, 4 lines at width 10.
    fn fixture() -> (Document, LayoutCache) {
        let text = "aaaa bbbb cccc dddd eeee ffff\n\none\n\naaaa bbbb cccc\n\ntwo\n\n1111 2222 3333 4444 5555 6666 7777";
        let doc = Document::from_bytes("t", text.as_bytes());
        let layout = LayoutCache::new(10);
        (doc, layout)
    }

    /// The fixture's paragraph ids: where each starts in the text.
    const ID: [usize; 5] = [0, 31, 36, 52, 57];

    fn row(index: usize, line: usize) -> Row {
        Row {
            paragraph: ID[index],
            line,
        }
    }

    #[test]
    fn fixture_shape() {
        let (doc, layout) = fixture();
        let rows = Rows::new(&doc, &layout);
        let counts: Vec<usize> = ID.iter().map(|&p| rows.line_count(p)).collect();
        assert_eq!(counts, [3, 1, 2, 1, 4]);
        assert_eq!(rows.row_count(ID[0]), 4);
        assert_eq!(rows.row_count(ID[4]), 4);
    }

    #[test]
    fn advance_walks_lines_and_gaps() {
        let (doc, layout) = fixture();
        let rows = Rows::new(&doc, &layout);
        assert_eq!(rows.advance(row(0, 0), 1), row(0, 1));
        assert_eq!(rows.advance(row(0, 2), 1), row(0, 3));
        assert_eq!(rows.advance(row(0, 3), 1), row(1, 0));
        assert_eq!(rows.advance(row(0, 0), 6), row(2, 0));
        assert_eq!(rows.advance(row(2, 0), -6), row(0, 0));
        assert_eq!(rows.advance(row(1, 0), -1), row(0, 3));
    }

    #[test]
    fn the_end_is_reached_exactly_when_a_step_down_stays_put() {
        let (doc, layout) = fixture();
        let rows = Rows::new(&doc, &layout);
        // A view steps down one row at a time: it shows the last row when
        // one of its steps does not move.
        let stepped = |top: Row, height: usize| {
            let mut row = top;
            (0..height.max(1)).any(|_| {
                let next = rows.advance(row, 1);
                std::mem::replace(&mut row, next) == next
            })
        };
        let mut top = Row::default();
        loop {
            for height in 0..20 {
                assert_eq!(
                    rows.reaches_end(top, height),
                    stepped(top, height),
                    "{top:?} {height}"
                );
            }
            let next = rows.advance(top, 1);
            if next == top {
                break;
            }
            top = next;
        }
        // 15 rows: 3 lines and a gap, 1 and a gap, 2 and a gap, 1 and a
        // gap, 4 lines.
        assert!(rows.reaches_end(row(4, 0), 4) && !rows.reaches_end(row(4, 0), 3));
        assert!(rows.reaches_end(row(0, 0), 15) && !rows.reaches_end(row(0, 0), 14));
        assert!(rows.reaches_end(row(0, 1), 14) && !rows.reaches_end(row(0, 1), 13));
    }

    #[test]
    fn advance_stops_at_both_ends() {
        let (doc, layout) = fixture();
        let rows = Rows::new(&doc, &layout);
        assert_eq!(rows.advance(row(0, 1), -100), row(0, 0));
        assert_eq!(rows.advance(row(0, 0), 1000), row(4, 3));
        assert_eq!(rows.advance(row(0, 0), isize::MAX), row(4, 3));
        assert_eq!(rows.advance(row(4, 3), isize::MIN), row(0, 0));
        assert_eq!(rows.last(), row(4, 3));
    }

    #[test]
    fn max_top_puts_the_last_line_at_the_bottom() {
        let (doc, layout) = fixture();
        let rows = Rows::new(&doc, &layout);
        assert_eq!(rows.max_top(4), row(4, 0));
        assert_eq!(rows.max_top(6), row(3, 0));
        assert_eq!(rows.max_top(1000), row(0, 0));
        assert_eq!(rows.clamp_top(row(4, 2), 4), row(4, 0));
        assert_eq!(rows.clamp_top(row(1, 0), 4), row(1, 0));
    }

    #[test]
    fn anchors_and_rows_convert_both_ways() {
        let (doc, layout) = fixture();
        let rows = Rows::new(&doc, &layout);
        for (index, &id) in ID.iter().enumerate() {
            for line in 0..rows.row_count(id) {
                let r = row(index, line);
                assert_eq!(rows.row_at(rows.anchor_at(r)), r);
            }
        }
        // An offset inside a line is shown by that line.
        assert_eq!(
            rows.row_at(Anchor {
                paragraph: 0,
                offset: 12
            }),
            row(0, 1)
        );
    }

    #[test]
    fn an_anchor_keeps_its_words_across_widths() {
        let (doc, mut layout) = fixture();
        let anchor = Anchor {
            paragraph: ID[4],
            offset: 20,
        }; // "5555"
        for width in [5, 10, 14, 30] {
            layout.set_width(width);
            let rows = Rows::new(&doc, &layout);
            let start = rows.anchor_at(rows.row_at(anchor));
            let lines = layout.lines(&doc, ID[4]);
            let line = lines
                .iter()
                .find(|l| l.range.start == start.offset)
                .unwrap();
            assert!(line.range.contains(&20), "width {width}: {line:?}");
        }
    }

    #[test]
    fn visible_rows_and_paragraph_positions() {
        let (doc, layout) = fixture();
        let rows = Rows::new(&doc, &layout);
        let top = row(0, 2);
        assert_eq!(
            rows.visible(top, 4),
            [row(0, 2), row(0, 3), row(1, 0), row(1, 1)]
        );
        assert_eq!(rows.compare_to_view(ID[0], top, 4), Ordering::Equal);
        assert_eq!(rows.compare_to_view(ID[1], top, 4), Ordering::Equal);
        assert_eq!(rows.compare_to_view(ID[2], top, 4), Ordering::Greater);
        assert_eq!(rows.compare_to_view(ID[0], row(1, 0), 2), Ordering::Less);
        assert_eq!(rows.visible(row(4, 2), 10), [row(4, 2), row(4, 3)]);
    }

    #[test]
    fn an_empty_document_has_one_empty_row() {
        let doc = Document::from_bytes("e", b"");
        let layout = LayoutCache::new(10);
        let rows = Rows::new(&doc, &layout);
        assert_eq!(rows.advance(Row::default(), 5), Row::default());
        assert!(rows.visible(Row::default(), 10).is_empty());
        assert_eq!(rows.max_top(10), Row::default());
    }
}
