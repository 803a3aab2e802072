//! What a [`Line`] looks like on screen: the one description every
//! renderer draws from.
//!
//! A line is drawn as a row of [`Run`]s: stretches of its text (soft
//! hyphens left out), the spaces between words (wider when the line is
//! justified), the hyphen after a hyphenated line, and a paragraph's indent.
//! Text and spaces keep the byte range they stand for, so search matches
//! and highlights are drawn on the right characters however the line is
//! stretched.
//!
//! Justification spreads the columns a line lacks over its gaps between
//! words, evenly: every gap gets the same number of extra columns, and the
//! leftover ones go to gaps spread along the line (not heaped at its
//! start). Spaces that typography glues (before
//! `!` in French, in `70 %`, after `«`: see [`super::breaks::glued`]) are
//! no gaps and keep their width. The last line of a paragraph, a line of
//! preformatted text and a line without a gap are left as they are.

use std::ops::Range;

use super::Line;
use super::breaks::{SOFT_HYPHEN, display_width, glued};
use crate::language::Language;

/// One stretch of a drawn line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Run {
    /// Blank columns before the text (a first-line indent).
    Indent(usize),
    /// Bytes of the text, drawn as they are (they hold no soft hyphen).
    Text(Range<usize>),
    /// A gap between words: the spaces at these bytes, drawn as this many
    /// columns.
    Space(Range<usize>, usize),
    /// The hyphen drawn after a hyphenated line.
    Hyphen,
}

/// The runs of `line` of `text`, stretched to `width` columns when
/// `justify` is on (the spaces the typography of `language` glues kept as
/// they are).
///
/// ```
/// use liseuse::layout::Line;
/// use liseuse::layout::display::{Run, runs};
/// let text = "le chat dort";
/// let line = Line { range: 0..12, ..Line::default() };
/// assert_eq!(
///     runs(text, &line, 14, true, None),
///     [Run::Text(0..2), Run::Space(2..3, 2), Run::Text(3..7), Run::Space(7..8, 2), Run::Text(8..12)]
/// );
/// ```
pub fn runs(
    text: &str,
    line: &Line,
    width: usize,
    justify: bool,
    language: Option<Language>,
) -> Vec<Run> {
    let mut runs = Vec::new();
    if line.indent > 0 {
        runs.push(Run::Indent(line.indent));
    }
    let range = line.range.clone();
    let mut start = range.start;
    let mut in_space = false;
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        let space = c == ' ';
        if space != in_space || c == SOFT_HYPHEN {
            push(&mut runs, start..at, in_space);
            start = if c == SOFT_HYPHEN {
                at + c.len_utf8()
            } else {
                at
            };
            in_space = space;
        }
    }
    push(&mut runs, start..range.end, in_space);
    if line.hyphen {
        runs.push(Run::Hyphen);
    }
    if justify && !line.last {
        stretch(&mut runs, text, &line.range, width, language);
    }
    runs
}

fn push(runs: &mut Vec<Run>, range: Range<usize>, space: bool) {
    if range.is_empty() {
        return;
    }
    runs.push(if space {
        let columns = range.len();
        Run::Space(range, columns)
    } else {
        Run::Text(range)
    });
}

/// The byte of `text` drawn at `column` of a line drawn as `runs` (from
/// the line's first column): the start of the character there, the start
/// of a gap's spaces, the line's end past it (or on its hyphen).
pub fn offset_at_column(text: &str, runs: &[Run], end: usize, column: usize) -> usize {
    let mut at = 0;
    for run in runs {
        match run {
            Run::Indent(columns) => at += columns,
            Run::Space(range, columns) => {
                if column < at + columns {
                    return range.start + (column - at).min(range.len().saturating_sub(1));
                }
                at += columns;
            }
            Run::Text(range) => {
                for (i, c) in text[range.clone()].char_indices() {
                    let width = display_width(c.encode_utf8(&mut [0; 4]));
                    if column < at + width.max(1) {
                        return range.start + i;
                    }
                    at += width;
                }
            }
            Run::Hyphen => {}
        }
        if column < at {
            break;
        }
    }
    end
}

/// Where a preformatted block is drawn in a window whose text area
/// starts at column `area_x` and is `area_width` wide: from the column's
/// start, moved left as far as its widest line needs to fit before the
/// right margin, and as wide as that line (at least the column). Its first
/// column and width.
pub fn block_place(
    (area_x, area_width): (u16, u16),
    column: crate::column::Column,
    text: &str,
    lines: &[Line],
    decoration: usize,
) -> (u16, u16) {
    use crate::column::MARGIN;
    let (column_x, column_width) = (column.x, column.width);
    let widest = lines
        .iter()
        .map(|line| display_width(&text[line.range.clone()]) + line.indent + decoration)
        .max()
        .unwrap_or(0);
    let widest = u16::try_from(widest).unwrap_or(u16::MAX).max(column_width);
    let right = area_x + area_width.saturating_sub(MARGIN);
    let x = (area_x + column_x)
        .min(right.saturating_sub(widest))
        .max(area_x + MARGIN.min(column_x));
    (x, widest.min((area_x + area_width).saturating_sub(x)))
}

/// Columns the runs take.
pub fn width(runs: &[Run], text: &str) -> usize {
    runs.iter()
        .map(|run| match run {
            Run::Indent(columns) | Run::Space(_, columns) => *columns,
            Run::Text(range) => display_width(&text[range.clone()]),
            Run::Hyphen => 1,
        })
        .sum()
}

/// Widens the gaps between words of `line` so the runs fill `width`
/// columns.
fn stretch(
    runs: &mut [Run],
    text: &str,
    line: &Range<usize>,
    width: usize,
    language: Option<Language>,
) {
    let extra = width.saturating_sub(self::width(runs, text));
    // Spaces before the first word are no gap between words, nor are
    // spaces typography glues.
    let first_text = runs.iter().position(|r| matches!(r, Run::Text(_)));
    let is_gap = |range: &Range<usize>| {
        let before = &text[line.start..range.start];
        let left = &before[before.rfind(' ').map_or(0, |i| i + 1)..];
        let after = &text[range.end..line.end];
        let right = &after[..after.find(' ').unwrap_or(after.len())];
        !glued(left, right, language)
    };
    let gaps: Vec<usize> = runs
        .iter()
        .enumerate()
        .filter(|(i, r)| match r {
            Run::Space(range, _) => Some(*i) > first_text && is_gap(range),
            _ => false,
        })
        .map(|(i, _)| i)
        .collect();
    if gaps.is_empty() || extra == 0 {
        return;
    }
    let (each, leftover) = (extra / gaps.len(), extra % gaps.len());
    // The k-th leftover column goes to the gap at (k + ½) × gaps ÷ leftover:
    // evenly along the line.
    let favoured: Vec<usize> = (0..leftover)
        .map(|k| (2 * k + 1) * gaps.len() / (2 * leftover))
        .collect();
    for (n, &i) in gaps.iter().enumerate() {
        if let Run::Space(_, columns) = &mut runs[i] {
            *columns += each + usize::from(favoured.contains(&n));
        }
    }
}

/// `line` of `text` as a string, as drawn.
///
/// ```
/// use liseuse::layout::Line;
/// use liseuse::layout::display::render;
/// let text = "extra\u{AD}ordinaire";
/// let line = Line { range: 0..7, hyphen: true, ..Line::default() };
/// assert_eq!(render(text, &line, 10, false, None), "extra-");
/// ```
pub fn render(
    text: &str,
    line: &Line,
    width: usize,
    justify: bool,
    language: Option<Language>,
) -> String {
    let mut out = String::new();
    for run in runs(text, line, width, justify, language) {
        match run {
            Run::Indent(columns) | Run::Space(_, columns) => {
                out.extend(std::iter::repeat_n(' ', columns));
            }
            Run::Text(range) => out.push_str(&text[range]),
            Run::Hyphen => out.push('-'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(range: Range<usize>, hyphen: bool, last: bool) -> Line {
        Line {
            range,
            hyphen,
            last,
            indent: 0,
        }
    }

    #[test]
    fn soft_hyphens_are_invisible_unless_the_line_breaks_there() {
        let text = "ex\u{AD}am\u{AD}ple";
        let whole = line(0..text.len(), false, true);
        assert_eq!(render(text, &whole, 20, false, None), "example");
        let broken = line(0..4, true, false);
        assert_eq!(render(text, &broken, 20, false, None), "ex-");
        assert_eq!(width(&runs(text, &broken, 20, false, None), text), 3);
    }

    #[test]
    fn justified_lines_fill_the_column_evenly_and_deterministically() {
        let text = "a bb c dd e";
        let l = line(0..text.len(), false, false);
        // 11 columns, 4 gaps, 5 columns to spread: 1, 1, 2, 1 (the odd
        // one inside the line, not at its start).
        assert_eq!(render(text, &l, 16, true, None), "a  bb  c   dd  e");
        // 3 left over on 8 gaps: in the 2nd, 5th and 7th.
        let long = "a b c d e f g h i";
        let whole = line(0..long.len(), false, false);
        assert_eq!(
            render(long, &whole, long.len() + 3, true, None),
            "a b  c d e  f g  h i"
        );
        for width in 11..40 {
            let shown = render(text, &l, width, true, None);
            assert_eq!(shown.chars().count(), width, "{shown:?}");
            // Evenly: no gap is more than one column wider than another.
            let gaps: Vec<usize> = shown
                .split(|c: char| c != ' ')
                .filter(|gap| !gap.is_empty())
                .map(str::len)
                .collect();
            assert_eq!(gaps.len(), 4, "{shown:?}");
            let (narrowest, widest) = (gaps.iter().min(), gaps.iter().max());
            assert!(
                widest.zip(narrowest).is_some_and(|(w, n)| w - n <= 1),
                "{shown:?}"
            );
        }
    }

    #[test]
    fn last_lines_and_single_words_are_left_aligned() {
        let text = "a bb c";
        assert_eq!(
            render(text, &line(0..6, false, true), 10, true, None),
            "a bb c"
        );
        assert_eq!(
            render("word", &line(0..4, false, false), 10, true, None),
            "word"
        );
        // The hyphen counts in the width.
        let text = "a bb hyphen";
        assert_eq!(
            render(text, &line(0..7, true, false), 10, true, None),
            "a  bb  hy-"
        );
    }

    #[test]
    fn stretched_gaps_keep_their_bytes() {
        let text = "aa bb cc";
        let runs = runs(text, &line(0..8, false, false), 12, true, None);
        assert_eq!(
            runs,
            [
                Run::Text(0..2),
                Run::Space(2..3, 3),
                Run::Text(3..5),
                Run::Space(5..6, 3),
                Run::Text(6..8)
            ]
        );
    }

    #[test]
    fn glued_spaces_do_not_stretch() {
        let text = "Oui ! dit-il, 70 % non";
        let l = line(0..text.len(), false, false);
        let fr = Language::from_code("fr");
        assert_eq!(render(text, &l, 26, true, fr), "Oui !  dit-il,   70 %  non");
        // Without French rules, the space before "!" is a gap like others.
        assert_eq!(
            render(text, &l, 26, true, None),
            "Oui  !  dit-il,  70 %  non"
        );
    }

    #[test]
    fn indent_comes_first_and_counts() {
        let text = "le chat";
        let l = Line {
            indent: 3,
            ..line(0..7, false, true)
        };
        assert_eq!(render(text, &l, 20, false, None), "   le chat");
    }
}
