//! A selection of any span of a document, possibly across paragraphs: its
//! two ends, the units its moving end steps by (words, sentences,
//! paragraphs), and the spans of paragraph text it covers.
//!
//! A selection starts from a span that stays selected (a word, a
//! sentence, a match: its *origin*) and grows from it as its *cursor*, the
//! moving end, goes: what is selected runs from the origin's start to the
//! cursor when the cursor is past the origin, from the cursor to the
//! origin's end when it is before. Moving forward lands on the end of a
//! unit, moving back on its start, so that `w w` after the first word
//! selects three whole words. What the selection covers is trimmed of
//! white space at both ends, in each paragraph ([`Selection::spans`]):
//! what is shown selected is exactly what a highlight made of it quotes.
//!
//! This module knows documents and sentences, not the screen: moving by
//! lines is the app's, which knows the layout.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::document::Document;
use crate::sentences::sentences;

/// Paragraphs without a stop (blank ones, rules) crossed at most in one
/// step.
const MAX_SKIP: usize = 1_000;

/// The most paragraphs one selection spans: a longer one is cut there.
pub const MAX_PARAGRAPHS: usize = 2_000;

/// A place between two characters of a paragraph's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Point {
    /// The paragraph (its id; ids grow in reading order).
    pub paragraph: usize,
    /// A byte offset in its text, on a character boundary.
    pub offset: usize,
}

impl Point {
    /// The point at `offset` of paragraph `paragraph`.
    pub fn new(paragraph: usize, offset: usize) -> Point {
        Point { paragraph, offset }
    }
}

/// What the cursor steps by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A word: letters or digits, with the apostrophes and points inside
    /// them (Unicode word boundaries).
    Word,
    /// A sentence (see [`crate::sentences`]).
    Sentence,
    /// A paragraph.
    Paragraph,
    /// A line as shown (moved by the app, which knows the layout).
    Line,
}

/// A selection: the span it started from and its moving end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    /// The span it started from, always selected (may be empty).
    origin: (Point, Point),
    /// The moving end.
    cursor: Point,
}

impl Selection {
    /// A selection of the span from `start` to `end`, its cursor at the
    /// end.
    pub fn new(start: Point, end: Point) -> Selection {
        let (start, end) = (start.min(end), start.max(end));
        Selection {
            origin: (start, end),
            cursor: end,
        }
    }

    /// Its moving end.
    pub fn cursor(&self) -> Point {
        self.cursor
    }

    /// Moves its moving end to `cursor`.
    pub fn set_cursor(&mut self, cursor: Point) {
        self.cursor = cursor;
    }

    /// What it covers, from its first point to its last (untrimmed).
    pub fn bounds(&self) -> (Point, Point) {
        let (start, end) = self.origin;
        if self.cursor >= end {
            (start, self.cursor)
        } else if self.cursor <= start {
            (self.cursor, end)
        } else {
            (start, end)
        }
    }

    /// Swaps its ends: the cursor goes to the other end, and the end it
    /// leaves stays put.
    pub fn swap_ends(&mut self) {
        let (start, end) = self.bounds();
        if self.cursor == start {
            self.origin = (start, start);
            self.cursor = end;
        } else {
            self.origin = (end, end);
            self.cursor = start;
        }
    }

    /// The spans of paragraph text it covers, in reading order: one per
    /// paragraph with text in it, each trimmed of white space, none
    /// empty; at most [`MAX_PARAGRAPHS`] of them.
    pub fn spans(&self, document: &Document) -> Vec<(usize, Range<usize>)> {
        let (start, end) = self.bounds();
        let mut out = Vec::new();
        let mut paragraph = Some(start.paragraph);
        let mut seen = 0;
        while let Some(id) = paragraph.filter(|&id| id <= end.paragraph) {
            if let Some(range) = span_in(document, (start, end), id) {
                out.push((id, range));
            }
            seen += 1;
            if seen >= MAX_PARAGRAPHS {
                break;
            }
            paragraph = document.next(id);
        }
        out
    }

    /// Its text: its spans' text joined as a highlight's quote is
    /// (see [`crate::highlights::PARAGRAPH_BREAK`]).
    pub fn text(&self, document: &Document) -> String {
        let pieces: Vec<String> = self
            .spans(document)
            .into_iter()
            .map(|(id, range)| document.paragraph(id).text[range].to_owned())
            .collect();
        pieces.join(crate::highlights::PARAGRAPH_BREAK)
    }

    /// The span it covers in paragraph `paragraph` (trimmed; `None` when
    /// it covers nothing there), for drawing.
    pub fn span_in(&self, document: &Document, paragraph: usize) -> Option<Range<usize>> {
        span_in(document, self.bounds(), paragraph)
    }
}

/// The part of `bounds` in paragraph `id`, trimmed, if not empty.
fn span_in(document: &Document, (start, end): (Point, Point), id: usize) -> Option<Range<usize>> {
    if id < start.paragraph || id > end.paragraph {
        return None;
    }
    let text = &document.paragraph(id).text;
    let from = if id == start.paragraph {
        start.offset.min(text.len())
    } else {
        0
    };
    let to = if id == end.paragraph {
        end.offset.min(text.len())
    } else {
        text.len()
    };
    let piece = text.get(from..to)?;
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    (!trimmed.is_empty()).then(|| from + lead..from + lead + trimmed.len())
}

/// The words of `text`, as byte ranges.
pub fn words(text: &str) -> Vec<Range<usize>> {
    text.split_word_bound_indices()
        .filter(|(_, word)| word.chars().any(char::is_alphanumeric))
        .map(|(at, word)| at..at + word.len())
        .collect()
}

/// The word of `text` that holds byte `offset`, or the first one after
/// it, or the last one; `None` when `text` has no word.
pub fn word_at(text: &str, offset: usize) -> Option<Range<usize>> {
    let words = words(text);
    let index = words.partition_point(|w| w.end <= offset);
    words.get(index).or(words.last()).cloned()
}

/// Where the cursor may stop in `text` going forward (`forward`: unit
/// ends) or back (unit starts), in order.
fn stops(text: &str, unit: Unit, forward: bool) -> Vec<usize> {
    let ranges = match unit {
        Unit::Word | Unit::Line => words(text),
        Unit::Sentence => sentences(text),
        Unit::Paragraph => {
            let lead = text.len() - text.trim_start().len();
            let end = text.trim_end().len();
            return if end > lead {
                if forward { vec![end] } else { vec![lead] }
            } else {
                Vec::new()
            };
        }
    };
    ranges
        .into_iter()
        .map(|r| if forward { r.end } else { r.start })
        .collect()
}

/// The point `times` stops of `unit` forward (or back) from `from`,
/// across paragraphs; as far as it could go when the text ends first,
/// `from` itself when there is no stop at all that way.
pub fn step(document: &Document, from: Point, unit: Unit, forward: bool, times: usize) -> Point {
    let mut at = from;
    for _ in 0..times.max(1) {
        match next_stop(document, at, unit, forward) {
            Some(point) => at = point,
            None => break,
        }
    }
    at
}

/// The first stop of `unit` strictly after (or before) `from`.
fn next_stop(document: &Document, from: Point, unit: Unit, forward: bool) -> Option<Point> {
    let text = &document.paragraph(from.paragraph).text;
    let here = stops(text, unit, forward);
    let within = if forward {
        here.into_iter().find(|&s| s > from.offset)
    } else {
        here.into_iter().rev().find(|&s| s < from.offset)
    };
    if let Some(offset) = within {
        return Some(Point::new(from.paragraph, offset));
    }
    let mut paragraph = from.paragraph;
    for _ in 0..MAX_SKIP {
        paragraph = if forward {
            document.next(paragraph)?
        } else {
            document.previous(paragraph)?
        };
        let found = stops(&document.paragraph(paragraph).text, unit, forward);
        let stop = if forward { found.first() } else { found.last() };
        if let Some(&offset) = stop {
            return Some(Point::new(paragraph, offset));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        Document::from_bytes(
            "t",
            "Le chat dort. Il rêve d’oiseaux, encore.\n\n   \n\nPuis il s'éveille.".as_bytes(),
        )
    }

    fn ids(document: &Document) -> Vec<usize> {
        document.iter().map(|(id, _)| id).collect()
    }

    /// The selection of the first word, moved by `moves`.
    fn selected(document: &Document, moves: &[(Unit, bool, usize)]) -> String {
        let first = word_at(&document.paragraph(0).text, 0).unwrap();
        let mut selection = Selection::new(Point::new(0, first.start), Point::new(0, first.end));
        for &(unit, forward, times) in moves {
            let cursor = step(document, selection.cursor(), unit, forward, times);
            selection.set_cursor(cursor);
        }
        selection.text(document)
    }

    #[test]
    fn words_forward_select_whole_words_and_cross_paragraphs() {
        let document = doc();
        assert_eq!(selected(&document, &[]), "Le");
        assert_eq!(
            selected(&document, &[(Unit::Word, true, 2)]),
            "Le chat dort"
        );
        assert_eq!(
            selected(&document, &[(Unit::Word, true, 5)]),
            "Le chat dort. Il rêve d’oiseaux",
            "d’oiseaux is one word"
        );
        assert_eq!(
            selected(&document, &[(Unit::Word, true, 7)]),
            "Le chat dort. Il rêve d’oiseaux, encore.\n\nPuis",
            "the blank paragraph is skipped, the break kept"
        );
        assert_eq!(
            selected(&document, &[(Unit::Word, true, 99)]),
            "Le chat dort. Il rêve d’oiseaux, encore.\n\nPuis il s'éveille",
            "stops at the last word"
        );
    }

    #[test]
    fn the_origin_stays_selected_and_back_steps_land_on_starts() {
        let document = doc();
        let text = document.paragraph(0).text.clone();
        let rêve = word_at(&text, text.find("rêve").unwrap()).unwrap();
        let mut selection = Selection::new(Point::new(0, rêve.start), Point::new(0, rêve.end));
        selection.set_cursor(step(&document, selection.cursor(), Unit::Word, false, 1));
        assert_eq!(selection.text(&document), "rêve", "back to its own start");
        selection.set_cursor(step(&document, selection.cursor(), Unit::Word, false, 2));
        assert_eq!(selection.text(&document), "dort. Il rêve");
        selection.swap_ends();
        assert_eq!(selection.cursor(), Point::new(0, rêve.end));
        selection.set_cursor(step(&document, selection.cursor(), Unit::Sentence, true, 1));
        assert_eq!(
            selection.text(&document),
            "dort. Il rêve d’oiseaux, encore."
        );
        selection.set_cursor(step(&document, selection.cursor(), Unit::Word, false, 1));
        assert_eq!(selection.text(&document), "dort. Il rêve d’oiseaux,");
        // Trimmed: what shows is what is quoted.
        assert_eq!(
            selection.spans(&document),
            [(0, text.find("dort").unwrap()..text.find(',').unwrap() + 1)]
        );
    }

    #[test]
    fn paragraphs_step_to_their_ends_and_starts() {
        let document = doc();
        let last = *ids(&document).last().unwrap();
        let moved = step(&document, Point::new(0, 0), Unit::Paragraph, true, 2);
        assert_eq!(moved, Point::new(last, "Puis il s'éveille.".len()));
        let back = step(&document, moved, Unit::Paragraph, false, 1);
        assert_eq!(back, Point::new(last, 0));
        assert_eq!(
            step(&document, back, Unit::Paragraph, false, 1),
            Point::new(0, 0)
        );
        assert_eq!(
            step(&document, Point::new(0, 0), Unit::Paragraph, false, 3),
            Point::new(0, 0),
            "nothing before: it stays"
        );
    }
}
