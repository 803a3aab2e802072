//! Wrapping paragraphs into lines of a column, and caching the result.
//!
//! A line is a byte range into its paragraph's text, so every later stage
//! (rendering, search highlighting, positions) refers to the document's own
//! bytes. Invariants, for any width `w >= MIN_WIDTH`:
//!
//! - no line is wider than `w` display columns (Unicode widths: wide CJK
//!   characters count two, combining marks zero);
//! - lines are in order and do not overlap, and every non-space character of
//!   the paragraph lies in exactly one line: the only bytes between two
//!   lines are the spaces (or the `\n` of a preformatted paragraph) where
//!   the text was broken.
//!
//! Prose is wrapped with textwrap's optimal-fit algorithm, which fills lines
//! evenly; very long paragraphs fall back to first-fit, which is linear and
//! frugal. Words longer than the column are broken between characters.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use textwrap::WordSeparator;
use textwrap::core::{Word, break_words};
use textwrap::wrap_algorithms::{Penalties, wrap_first_fit, wrap_optimal_fit};
use unicode_width::UnicodeWidthStr;

use crate::document::{BlockKind, Document, Paragraph};

/// The narrowest column laid out: one wide character must fit.
pub const MIN_WIDTH: usize = 2;

/// Paragraphs kept laid out before the cache starts afresh.
const MAX_CACHED_PARAGRAPHS: usize = 4_096;

/// Paragraphs with more words than this are wrapped first-fit.
const OPTIMAL_FIT_MAX_WORDS: usize = 20_000;

/// The lines of one paragraph: byte ranges into its text.
pub type Lines = Rc<[Range<usize>]>;

/// Wraps `paragraph` to `width` columns (at least [`MIN_WIDTH`]).
///
/// ```
/// use liseuse::document::{BlockKind, Paragraph};
/// use liseuse::layout::wrap;
/// let p = Paragraph { text: "le chat dort au soleil".into(), kind: BlockKind::Prose };
/// let lines: Vec<&str> = wrap(&p, 10).iter().map(|r| &p.text[r.clone()]).collect();
/// assert_eq!(lines, ["le chat", "dort au", "soleil"]);
/// ```
pub fn wrap(paragraph: &Paragraph, width: usize) -> Vec<Range<usize>> {
    let width = width.max(MIN_WIDTH);
    let text = paragraph.text.as_str();
    match paragraph.kind {
        BlockKind::Prose => wrap_text(text, 0, width),
        BlockKind::Preformatted => {
            let mut lines = Vec::new();
            let mut start = 0;
            for line in text.split('\n') {
                if line.width() <= width {
                    lines.push(start..start + line.len());
                } else {
                    lines.extend(wrap_text(line, start, width));
                }
                start += line.len() + 1;
            }
            lines
        }
    }
}

/// Wraps one line of text that starts at byte `base` of its paragraph.
fn wrap_text(text: &str, base: usize, width: usize) -> Vec<Range<usize>> {
    if text.is_empty() {
        return std::iter::once(base..base).collect();
    }
    let words = WordSeparator::UnicodeBreakProperties.find_words(text);
    let words = break_words(words, width);
    let widths = [width as f64];
    // textwrap's optimal fit lets a line overflow when that costs less than
    // a ragged gap; a column must never overflow, so make it prohibitive.
    let penalties = Penalties {
        overflow_penalty: usize::MAX,
        ..Penalties::new()
    };
    let lines = if words.len() <= OPTIMAL_FIT_MAX_WORDS {
        wrap_optimal_fit(&words, &widths, &penalties)
            .unwrap_or_else(|_| wrap_first_fit(&words, &widths))
    } else {
        wrap_first_fit(&words, &widths)
    };
    let offset_of = |word: &Word| word.word.as_ptr() as usize - text.as_ptr() as usize;
    lines
        .iter()
        .filter_map(|line| {
            let first = line.first()?;
            let last = line.last()?;
            Some(base + offset_of(first)..base + offset_of(last) + last.word.len())
        })
        .collect()
}

/// Lines of the paragraphs of one document at one width, computed when
/// first asked for and kept until the width changes.
///
/// Interior mutability lets read-only rendering ask for lines; the cache is
/// single-threaded by design (it lives with the interface).
#[derive(Debug, Default)]
pub struct LayoutCache {
    width: usize,
    lines: RefCell<HashMap<usize, Lines>>,
}

impl LayoutCache {
    /// An empty cache for `width` columns.
    pub fn new(width: usize) -> LayoutCache {
        LayoutCache {
            width: width.max(MIN_WIDTH),
            lines: RefCell::default(),
        }
    }

    /// The width lines are wrapped to.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Changes the width, forgetting lines wrapped to another.
    pub fn set_width(&mut self, width: usize) {
        let width = width.max(MIN_WIDTH);
        if width != self.width {
            self.width = width;
            self.lines.get_mut().clear();
        }
    }

    /// The lines of paragraph `index` (its id) of `document`.
    pub fn lines(&self, document: &Document, index: usize) -> Lines {
        if let Some(lines) = self.lines.borrow().get(&index) {
            return Rc::clone(lines);
        }
        if self.lines.borrow().len() > MAX_CACHED_PARAGRAPHS {
            self.lines.borrow_mut().clear();
        }
        let lines: Lines = wrap(&document.paragraph(index), self.width).into();
        self.lines.borrow_mut().insert(index, Rc::clone(&lines));
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(text: &str) -> Paragraph {
        Paragraph {
            text: text.into(),
            kind: BlockKind::Prose,
        }
    }

    fn shown(p: &Paragraph, width: usize) -> Vec<&str> {
        wrap(p, width).into_iter().map(|r| &p.text[r]).collect()
    }

    #[test]
    fn lines_fill_evenly() {
        let p = prose("aaa bb cc ddddd");
        assert_eq!(shown(&p, 6), ["aaa", "bb cc", "ddddd"]);
    }

    #[test]
    fn optimal_fit_never_overflows_the_column() {
        // textwrap's default penalties would let "ccc" overflow by one
        // rather than leave a gap of five.
        let p = prose("aaaaaaa bb ccc");
        for width in 2..16 {
            assert!(
                shown(&p, width).iter().all(|l| l.width() <= width),
                "{width}"
            );
        }
        let p = prose(&format!("{} x {}", "A".repeat(30), "B".repeat(39)));
        assert_eq!(shown(&p, 40), ["A".repeat(30) + " x", "B".repeat(39)]);
    }

    #[test]
    fn long_words_break_between_characters() {
        let p = prose("EMILEZOLAGERMINAL");
        assert_eq!(shown(&p, 5), ["EMILE", "ZOLAG", "ERMIN", "AL"]);
    }

    #[test]
    fn wide_characters_count_two_columns() {
        let p = prose("吾輩は猫である");
        let lines = shown(&p, 6);
        assert_eq!(lines, ["吾輩は", "猫であ", "る"]);
        assert!(lines.iter().all(|l| l.width() <= 6));
    }

    #[test]
    fn combining_marks_stay_on_their_letter() {
        // "e" + COMBINING ACUTE ACCENT at the edge of the column.
        let p = prose("abcde\u{301}fgh");
        let lines = shown(&p, 5);
        assert_eq!(lines, ["abcde\u{301}", "fgh"]);
    }

    #[test]
    fn width_zero_and_one_are_clamped() {
        let p = prose("漢字 ok");
        for width in [0, 1] {
            let lines = shown(&p, width);
            assert!(lines.iter().all(|l| l.width() <= MIN_WIDTH), "{lines:?}");
            assert_eq!(lines.concat(), "漢字ok");
        }
    }

    #[test]
    fn huge_width_is_one_line() {
        let p = prose("a b c");
        assert_eq!(shown(&p, usize::MAX), ["a b c"]);
    }

    #[test]
    fn preformatted_lines_are_kept_and_wrapped_on_their_own() {
        let p = Paragraph {
            text: "    CHAPTER I\nshort\na line that is too long".into(),
            kind: BlockKind::Preformatted,
        };
        assert_eq!(
            shown(&p, 13),
            ["    CHAPTER I", "short", "a line that", "is too long"]
        );
    }

    #[test]
    fn empty_preformatted_lines_stay() {
        let p = Paragraph {
            text: "a\n\nb".into(),
            kind: BlockKind::Preformatted,
        };
        assert_eq!(shown(&p, 10), ["a", "", "b"]);
    }

    #[test]
    fn cache_follows_the_width() {
        let doc = Document::from_bytes("x", b"one two three four five six");
        let mut cache = LayoutCache::new(10);
        let narrow = cache.lines(&doc, 0);
        cache.set_width(100);
        assert_eq!(cache.lines(&doc, 0).len(), 1);
        assert_eq!(doc.first(), Some(0));
        assert!(narrow.len() > 1);
    }
}
