//! Wrapping paragraphs into lines of a column, and caching the result.
//!
//! A line is a byte range into its paragraph's text, so every later stage
//! (rendering, search highlighting, positions) refers to the document's own
//! bytes; a [`Line`] also says whether a hyphen is drawn after it and
//! whether it ends its paragraph. Hyphens drawn at a break, soft hyphens
//! (never drawn elsewhere), justification and indents are display only:
//! [`display`] turns a line into what is drawn, for every renderer.
//! Invariants, for any width `w >= MIN_WIDTH`:
//!
//! - no line, as drawn (its hyphen and indent included, its soft hyphens
//!   not), is wider than `w` display columns (Unicode widths: wide CJK
//!   characters count two, combining marks zero);
//! - lines are in order and do not overlap, and every non-space character of
//!   the paragraph lies in exactly one line: the only bytes between two
//!   lines are the spaces (or the `\n` of a preformatted paragraph) where
//!   the text was broken.
//!
//! Where prose may break is decided by [`breaks`]: Unicode line breaking,
//! then the typography of the language (French spacing, numbers with their
//! units), then hyphenation. Prose is wrapped with textwrap's optimal-fit
//! algorithm, which fills lines evenly; very long paragraphs fall back to
//! first-fit, which is linear and frugal. Words longer than the column are
//! broken between characters.

pub mod breaks;
pub mod decor;
pub mod display;

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use textwrap::wrap_algorithms::{Penalties, wrap_first_fit, wrap_optimal_fit};

use crate::document::block::{InlineStyle, Role};
use crate::document::{BlockKind, Document, Paragraph};
use crate::language::Language;
use crate::outline::heading_in;
use breaks::{Piece, Rules, pieces_keeping};

/// The narrowest column laid out: one wide character must fit.
pub const MIN_WIDTH: usize = 2;

/// Columns of the first-line indent, when paragraphs are indented.
pub const INDENT: usize = 3;

/// Paragraphs kept laid out before the cache starts afresh.
const MAX_CACHED_PARAGRAPHS: usize = 4_096;

/// Paragraphs with more words than this are wrapped first-fit.
const OPTIMAL_FIT_MAX_WORDS: usize = 20_000;

/// One line of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line {
    /// The bytes of the paragraph's text on the line.
    pub range: Range<usize>,
    /// Whether a hyphen is drawn after the line (the text was hyphenated
    /// there, or broken at a soft hyphen).
    pub hyphen: bool,
    /// Whether the line ends its paragraph (or is a line of preformatted
    /// text): it is never stretched by justification.
    pub last: bool,
    /// Blank columns before the line (a paragraph's first-line indent).
    pub indent: usize,
}

/// The lines of one paragraph.
pub type Lines = Rc<[Line]>;

/// Everything about the typography that changes where lines break.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Typesetting {
    /// The document's language, if known.
    pub language: Option<Language>,
    /// Whether words are hyphenated.
    pub hyphenate: bool,
    /// Whether paragraphs are marked by a first-line indent (instead of a
    /// blank line).
    pub indent: bool,
}

impl Typesetting {
    fn rules(&self) -> Rules {
        Rules {
            language: self.language,
            hyphenate: self.hyphenate,
        }
    }
}

/// Whether paragraph `id` of `document` starts with an indent: in indent
/// mode, a prose paragraph that follows another one after a blank line
/// (headings, and what follows them, are not indented: a heading keeps
/// the blank line above it).
pub fn indented(document: &Document, id: usize, setting: &Typesetting) -> bool {
    let prose = |id: usize| {
        let p = document.paragraph(id);
        p.kind == BlockKind::Prose
            && p.role == Role::Body
            && p.list == 0
            && p.quote == 0
            && heading_in(document, id, &p).is_none()
    };
    setting.indent
        && document.gap_before(id)
        && prose(id)
        && document.previous(id).is_some_and(prose)
}

/// Wraps `paragraph` to `width` columns (at least [`MIN_WIDTH`]).
///
/// ```
/// use liseuse::document::{BlockKind, Paragraph};
/// use liseuse::layout::{Typesetting, wrap};
/// let p = Paragraph::body("le chat dort au soleil");
/// let lines: Vec<&str> = wrap(&p, 10, &Typesetting::default())
///     .into_iter()
///     .map(|l| &p.text[l.range])
///     .collect();
/// assert_eq!(lines, ["le chat", "dort au", "soleil"]);
/// ```
pub fn wrap(paragraph: &Paragraph, width: usize, setting: &Typesetting) -> Vec<Line> {
    wrap_indented(paragraph, width, setting, 0)
}

/// [`wrap`], the first line of prose indented by `indent` columns (as much
/// as the column allows).
pub fn wrap_indented(
    paragraph: &Paragraph,
    width: usize,
    setting: &Typesetting,
    indent: usize,
) -> Vec<Line> {
    let width = width.max(MIN_WIDTH);
    let text = paragraph.text.as_str();
    match paragraph.kind {
        BlockKind::Prose => {
            let indent = indent.min(width - MIN_WIDTH);
            // Code and addresses are never hyphenated.
            let whole: Vec<Range<usize>> = paragraph
                .styles
                .iter()
                .filter(|inline| matches!(inline.style, InlineStyle::Code | InlineStyle::Link(_)))
                .map(|inline| inline.range.clone())
                .collect();
            wrap_text(text, 0, width, indent, &setting.rules(), &whole)
        }
        BlockKind::Preformatted => {
            // Laid out by hand: no typography, never stretched.
            let mut lines = Vec::new();
            let mut start = 0;
            for line in text.split('\n') {
                if breaks::display_width(line) <= width {
                    lines.push(Line {
                        range: start..start + line.len(),
                        hyphen: false,
                        last: true,
                        indent: 0,
                    });
                } else {
                    let wrapped = wrap_text(line, start, width, 0, &Rules::default(), &[]);
                    lines.extend(wrapped.into_iter().map(|l| Line { last: true, ..l }));
                }
                start += line.len() + 1;
            }
            lines
        }
    }
}

/// Wraps one line of text that starts at byte `base` of its paragraph.
fn wrap_text(
    text: &str,
    base: usize,
    width: usize,
    indent: usize,
    rules: &Rules,
    whole: &[Range<usize>],
) -> Vec<Line> {
    if text.is_empty() {
        return vec![Line {
            range: base..base,
            hyphen: false,
            last: true,
            indent,
        }];
    }
    let pieces = pieces_keeping(text, base, width, rules, whole);
    // The first line is narrower by the indent; pieces as wide as the
    // column stay whole on a line of their own.
    let first = (width - indent).max(
        pieces
            .first()
            .map_or(0, |p| p.width + usize::from(p.hyphen)),
    );
    let widths = [first as f64, width as f64];
    // textwrap's optimal fit lets a line overflow when that costs less than
    // a ragged gap; a column must never overflow, so make it prohibitive.
    let penalties = Penalties {
        overflow_penalty: usize::MAX,
        ..Penalties::new()
    };
    let lines: Vec<&[Piece]> = if pieces.len() <= OPTIMAL_FIT_MAX_WORDS {
        wrap_optimal_fit(&pieces, &widths, &penalties)
            .unwrap_or_else(|_| wrap_first_fit(&pieces, &widths))
    } else {
        wrap_first_fit(&pieces, &widths)
    };
    let count = lines.len();
    lines
        .iter()
        .enumerate()
        .filter_map(|(index, line)| {
            let first = line.first()?;
            let last = line.last()?;
            let end = index + 1 == count;
            let hyphen = last.hyphen && !end;
            // The indent only where it fits (a first piece as wide as the
            // column stands without it).
            let drawn: usize = line.iter().map(|p| p.width).sum::<usize>()
                + line[..line.len() - 1]
                    .iter()
                    .map(|p| p.space)
                    .sum::<usize>()
                + usize::from(hyphen);
            Some(Line {
                range: first.range.start..last.range.end,
                hyphen,
                last: end,
                indent: if index == 0 && drawn + indent <= width {
                    indent
                } else {
                    0
                },
            })
        })
        .collect()
}

/// Lines of the paragraphs of one document at one width and typesetting,
/// computed when first asked for and kept until either changes.
///
/// Interior mutability lets read-only rendering ask for lines; the cache is
/// single-threaded by design (it lives with the interface).
#[derive(Debug, Default)]
pub struct LayoutCache {
    width: usize,
    /// The width preformatted blocks (tables, code, verse, page-laid text)
    /// may take: the room right of the column's start, so that a page set
    /// at 72 columns keeps its lines in a window that has them.
    wide: usize,
    setting: Typesetting,
    lines: RefCell<HashMap<usize, Lines>>,
}

impl LayoutCache {
    /// An empty cache for `width` columns, without typography.
    pub fn new(width: usize) -> LayoutCache {
        LayoutCache::with_setting(width, Typesetting::default())
    }

    /// An empty cache for `width` columns and `setting`.
    pub fn with_setting(width: usize, setting: Typesetting) -> LayoutCache {
        LayoutCache {
            width: width.max(MIN_WIDTH),
            wide: width.max(MIN_WIDTH),
            setting,
            lines: RefCell::default(),
        }
    }

    /// The width lines are wrapped to.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The typesetting lines are wrapped with.
    pub fn setting(&self) -> &Typesetting {
        &self.setting
    }

    /// Changes the width, forgetting lines wrapped to another.
    pub fn set_width(&mut self, width: usize) {
        let width = width.max(MIN_WIDTH);
        if width != self.width {
            self.width = width;
            self.wide = self.wide.max(width);
            self.lines.get_mut().clear();
        }
    }

    /// The width preformatted blocks are wrapped to.
    pub fn wide(&self) -> usize {
        self.wide
    }

    /// Changes the width preformatted blocks may take (never less than the
    /// column's), forgetting lines wrapped to another.
    pub fn set_wide(&mut self, wide: usize) {
        let wide = wide.max(self.width);
        if wide != self.wide {
            self.wide = wide;
            self.lines.get_mut().clear();
        }
    }

    /// Changes the typesetting, forgetting lines wrapped with another.
    pub fn set_setting(&mut self, setting: Typesetting) {
        if setting != self.setting {
            self.setting = setting;
            self.lines.get_mut().clear();
        }
    }

    /// The columns `paragraph` is laid out in, its decoration included:
    /// the column for prose, the wider room for preformatted text.
    pub fn room(&self, paragraph: &Paragraph) -> usize {
        match paragraph.kind {
            BlockKind::Prose => self.width,
            BlockKind::Preformatted => self.wide,
        }
    }

    /// What is drawn around `paragraph`'s lines (see [`decor`]).
    pub fn decor(&self, paragraph: &Paragraph) -> decor::Decor {
        decor::decor(paragraph, self.room(paragraph))
    }

    /// The lines of paragraph `index` (its id) of `document`.
    pub fn lines(&self, document: &Document, index: usize) -> Lines {
        if let Some(lines) = self.lines.borrow().get(&index) {
            return Rc::clone(lines);
        }
        if self.lines.borrow().len() > MAX_CACHED_PARAGRAPHS {
            self.lines.borrow_mut().clear();
        }
        let indent = if indented(document, index, &self.setting) {
            INDENT
        } else {
            0
        };
        let paragraph = document.paragraph(index);
        // The decoration takes its columns from the column's.
        let width = self.room(&paragraph) - self.decor(&paragraph).width;
        let lines: Lines = wrap_indented(&paragraph, width, &self.setting, indent).into();
        self.lines.borrow_mut().insert(index, Rc::clone(&lines));
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn shown(p: &Paragraph, width: usize) -> Vec<&str> {
        wrap(p, width, &Typesetting::default())
            .into_iter()
            .map(|l| &p.text[l.range])
            .collect()
    }

    #[test]
    fn lines_fill_evenly() {
        let p = Paragraph::prose("aaa bb cc ddddd");
        assert_eq!(shown(&p, 6), ["aaa", "bb cc", "ddddd"]);
    }

    #[test]
    fn optimal_fit_never_overflows_the_column() {
        // textwrap's default penalties would let "ccc" overflow by one
        // rather than leave a gap of five.
        let p = Paragraph::prose("aaaaaaa bb ccc");
        for width in 2..16 {
            assert!(
                shown(&p, width).iter().all(|l| l.width() <= width),
                "{width}"
            );
        }
        let p = Paragraph::prose(&format!("{} x {}", "A".repeat(30), "B".repeat(39)));
        assert_eq!(shown(&p, 40), ["A".repeat(30) + " x", "B".repeat(39)]);
    }

    #[test]
    fn long_words_break_between_characters() {
        let p = Paragraph::prose("EMILEZOLAGERMINAL");
        assert_eq!(shown(&p, 5), ["EMILE", "ZOLAG", "ERMIN", "AL"]);
    }

    #[test]
    fn wide_characters_count_two_columns() {
        let p = Paragraph::prose("吾輩は猫である");
        let lines = shown(&p, 6);
        assert_eq!(lines, ["吾輩は", "猫であ", "る"]);
        assert!(lines.iter().all(|l| l.width() <= 6));
    }

    #[test]
    fn combining_marks_stay_on_their_letter() {
        // "e" + COMBINING ACUTE ACCENT at the edge of the column.
        let p = Paragraph::prose("abcde\u{301}fgh");
        let lines = shown(&p, 5);
        assert_eq!(lines, ["abcde\u{301}", "fgh"]);
    }

    #[test]
    fn width_zero_and_one_are_clamped() {
        let p = Paragraph::prose("漢字 ok");
        for width in [0, 1] {
            let lines = shown(&p, width);
            assert!(lines.iter().all(|l| l.width() <= MIN_WIDTH), "{lines:?}");
            assert_eq!(lines.concat(), "漢字ok");
        }
    }

    #[test]
    fn huge_width_is_one_line() {
        let p = Paragraph::prose("a b c");
        assert_eq!(shown(&p, usize::MAX), ["a b c"]);
    }

    #[test]
    fn preformatted_lines_are_kept_and_wrapped_on_their_own() {
        let p = Paragraph {
            text: "    CHAPTER I\nshort\na line that is too long".into(),
            kind: BlockKind::Preformatted,
            ..Paragraph::default()
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
            ..Paragraph::default()
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
