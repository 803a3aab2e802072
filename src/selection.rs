//! A selection of any span of a document, possibly across paragraphs: its
//! two ends, the units its moving end steps by (words, sentences,
//! paragraphs), and the spans of paragraph text it covers.
//!
//! A selection starts from a span that stays selected (a word, a
//! sentence, a match: its *origin*) and grows from it as its *cursor*, the
//! moving end, goes: what is selected runs from the origin's start to the
//! cursor when the cursor is past the origin, from the cursor to the
//! origin's end when it is before. Past the origin the cursor stops on
//! the ends of units, before it on their starts, as a word-wise selection
//! grows and shrinks in an editor: `w w` after the first word selects
//! three whole words, `b` then gives one back, and the origin is never
//! given back. What the selection covers is trimmed of
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

    /// The span it started from.
    pub fn origin(&self) -> (Point, Point) {
        self.origin
    }

    /// Swaps its ends: the cursor goes to the other end, and the word at
    /// the end it leaves becomes the span that stays selected (all of it
    /// when it holds no word: a dash, a number sign).
    pub fn swap_ends(&mut self, document: &Document) {
        let (start, end) = self.bounds();
        if self.cursor == start && start != end {
            let all = words(&document.paragraph(start.paragraph).text);
            let word_end = all
                .iter()
                .find(|w| w.end > start.offset)
                .map_or(end, |w| Point::new(start.paragraph, w.end));
            self.origin = (start, word_end.clamp(start, end));
            self.cursor = end;
        } else {
            let all = words(&document.paragraph(end.paragraph).text);
            let word_start = all
                .iter()
                .rev()
                .find(|w| w.start < end.offset)
                .map_or(start, |w| Point::new(end.paragraph, w.start));
            self.origin = (word_start.clamp(start, end), end);
            self.cursor = start;
        }
    }

    /// Moves the cursor `times` units forward or back (see the module
    /// docs: ends past the origin, starts before it).
    pub fn step(&mut self, document: &Document, unit: Unit, forward: bool, times: usize) {
        for _ in 0..times.max(1) {
            match self.next_cursor(document, unit, forward) {
                Some(point) if point != self.cursor => self.cursor = point,
                _ => break,
            }
        }
    }

    /// Where one step of `unit` takes the cursor.
    fn next_cursor(&self, document: &Document, unit: Unit, forward: bool) -> Option<Point> {
        let (start, end) = self.origin;
        let cursor = self.cursor;
        if forward && cursor < start {
            // Giving back from the left, down to the origin.
            let next = next_stop(document, cursor, unit, true, false);
            Some(next.filter(|&p| p < start).unwrap_or(start))
        } else if forward {
            next_stop(document, cursor.max(end), unit, true, true)
        } else if cursor > end {
            // Giving back from the right, down to the origin.
            let next = next_stop(document, cursor, unit, false, true);
            Some(next.filter(|&p| p > end).unwrap_or(end))
        } else {
            next_stop(document, cursor.min(start), unit, false, false)
        }
    }

    /// Where a cursor landing at `point` (in the middle of a line, say)
    /// stops: on a word's end past the origin, on a word's start before
    /// it, on the origin's own end within it (the end `forward` moves to).
    pub fn snap(&self, document: &Document, point: Point, forward: bool) -> Point {
        let (start, end) = self.origin;
        let text = &document.paragraph(point.paragraph).text;
        let all = words(text);
        if point >= end && point > start {
            let word = all.iter().rev().find(|w| w.start < point.offset);
            let offset = word.or(all.first()).map_or(point.offset, |w| w.end);
            Point::new(point.paragraph, offset).max(end)
        } else if point <= start {
            let word = all.iter().find(|w| w.end > point.offset);
            let offset = word.or(all.last()).map_or(point.offset, |w| w.start);
            Point::new(point.paragraph, offset).min(start)
        } else if forward {
            end
        } else {
            start
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

/// Where the cursor may stop in `text`: the ends of units (`ends`) or
/// their starts, in order.
fn stops(text: &str, unit: Unit, ends: bool) -> Vec<usize> {
    let ranges = match unit {
        Unit::Word | Unit::Line => words(text),
        Unit::Sentence => sentences(text),
        Unit::Paragraph => {
            let lead = text.len() - text.trim_start().len();
            let end = text.trim_end().len();
            return if end > lead {
                if ends { vec![end] } else { vec![lead] }
            } else {
                Vec::new()
            };
        }
    };
    ranges
        .into_iter()
        .map(|r| if ends { r.end } else { r.start })
        .collect()
}

/// The first stop of `unit` (its ends, or starts) strictly after (or,
/// not `forward`, before) `from`, across paragraphs.
fn next_stop(
    document: &Document,
    from: Point,
    unit: Unit,
    forward: bool,
    ends: bool,
) -> Option<Point> {
    let text = &document.paragraph(from.paragraph).text;
    let here = stops(text, unit, ends);
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
        let found = stops(&document.paragraph(paragraph).text, unit, ends);
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

    /// A selection of the word of the first paragraph that `word` starts.
    fn of_word(document: &Document, word: &str) -> Selection {
        let text = document.paragraph(0).text.clone();
        let found = word_at(&text, text.find(word).unwrap()).unwrap();
        Selection::new(Point::new(0, found.start), Point::new(0, found.end))
    }

    /// The selection of the first word, moved by `moves`.
    fn selected(document: &Document, moves: &[(Unit, bool, usize)]) -> String {
        let mut selection = of_word(document, "Le");
        for &(unit, forward, times) in moves {
            selection.step(document, unit, forward, times);
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
    fn back_gives_words_back_then_grows_left_and_never_gives_the_origin() {
        let document = doc();
        let mut selection = of_word(&document, "rêve");
        selection.step(&document, Unit::Word, true, 2);
        assert_eq!(selection.text(&document), "rêve d’oiseaux, encore");
        selection.step(&document, Unit::Word, false, 1);
        assert_eq!(
            selection.text(&document),
            "rêve d’oiseaux",
            "one given back"
        );
        selection.step(&document, Unit::Word, false, 1);
        assert_eq!(selection.text(&document), "rêve", "down to the origin");
        selection.step(&document, Unit::Word, false, 2);
        assert_eq!(
            selection.text(&document),
            "dort. Il rêve",
            "then grows left"
        );
        selection.step(&document, Unit::Word, true, 1);
        assert_eq!(
            selection.text(&document),
            "Il rêve",
            "given back from the left"
        );
        selection.step(&document, Unit::Word, true, 2);
        assert_eq!(selection.text(&document), "rêve d’oiseaux");
    }

    #[test]
    fn swapping_ends_keeps_the_word_at_the_end_left() {
        let document = doc();
        let mut selection = of_word(&document, "Il");
        selection.step(&document, Unit::Word, true, 2);
        assert_eq!(selection.text(&document), "Il rêve d’oiseaux");
        selection.swap_ends(&document);
        // The cursor is at "Il"; "d’oiseaux" stays whatever it does, and
        // on past it the selection grows the other way.
        selection.step(&document, Unit::Word, true, 2);
        assert_eq!(selection.text(&document), "d’oiseaux");
        selection.step(&document, Unit::Word, true, 1);
        assert_eq!(selection.text(&document), "d’oiseaux, encore");
        selection.step(&document, Unit::Word, false, 1);
        selection.step(&document, Unit::Word, false, 1);
        assert_eq!(selection.text(&document), "rêve d’oiseaux");
        selection.swap_ends(&document);
        selection.step(&document, Unit::Sentence, true, 1);
        assert_eq!(selection.text(&document), "rêve d’oiseaux, encore.");
        // Trimmed: what shows is what is quoted.
        let text = document.paragraph(0).text.clone();
        assert_eq!(
            selection.spans(&document),
            [(0, text.find("rêve").unwrap()..text.len())]
        );
    }

    #[test]
    fn paragraphs_step_to_their_ends_and_starts() {
        let document = doc();
        let last = *ids(&document).last().unwrap();
        let mut selection = of_word(&document, "Le");
        selection.step(&document, Unit::Paragraph, true, 2);
        assert_eq!(
            selection.cursor(),
            Point::new(last, "Puis il s'éveille.".len())
        );
        selection.step(&document, Unit::Paragraph, false, 1);
        assert_eq!(
            selection.cursor(),
            Point::new(0, "Le chat dort. Il rêve d’oiseaux, encore.".len())
        );
        let mut at_start = of_word(&document, "Le");
        at_start.step(&document, Unit::Paragraph, false, 3);
        assert_eq!(at_start.text(&document), "Le", "nothing before: it stays");
    }

    #[test]
    fn a_point_in_a_line_snaps_to_a_word_on_the_side_of_the_origin() {
        let document = doc();
        let selection = of_word(&document, "rêve");
        let text = document.paragraph(0).text.clone();
        let inside = |word: &str| Point::new(0, text.find(word).unwrap() + 1);
        let end_of = |word: &str| Point::new(0, text.find(word).unwrap() + word.len());
        let start_of = |word: &str| Point::new(0, text.find(word).unwrap());
        assert_eq!(
            selection.snap(&document, inside("encore"), true),
            end_of("encore")
        );
        assert_eq!(
            selection.snap(&document, inside("chat"), false),
            start_of("chat")
        );
        assert_eq!(
            selection.snap(
                &document,
                Point::new(0, text.find(", encore").unwrap() + 1),
                true
            ),
            end_of("d’oiseaux"),
            "in the space after a word: that word's end"
        );
        assert_eq!(
            selection.snap(&document, inside("rêve"), true),
            end_of("rêve")
        );
    }
}
