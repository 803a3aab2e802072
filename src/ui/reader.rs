//! The text column: visible lines (as [`crate::layout::display`] describes
//! them: hyphens, justification, indents), focus band and marker, search
//! matches.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::theme::{FOCUS_MARKER, Theme};
use crate::app::App;
use crate::column::MARGIN;
use crate::layout::display::{Run, runs};
use crate::search::Match;

/// What a page break (a form feed alone on its line) reads as.
const PAGE_BREAK: &str = "\u{240C}";

/// Draws the lines in view into `area` (the window less the status line).
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let column = app.column();
    let rows = app.rows();
    let document = app.document();
    let x = area.x + column.x;
    let width = column.width.min(area.width.saturating_sub(column.x));
    let matches = app.search().map_or(&[][..], |s| &s.matches[..]);
    let current = app.search().and_then(|s| s.current);
    for (i, row) in rows
        .visible(app.top_row(), area.height.into())
        .into_iter()
        .enumerate()
    {
        let y = area.y + i as u16;
        let lines = app.layout().lines(document, row.paragraph);
        let Some(line) = lines.get(row.line) else {
            continue;
        };
        let focused = row.paragraph == app.focus();
        let base = if focused { theme.focus } else { theme.text };
        if focused {
            buf.set_style(Rect::new(x, y, width, 1), theme.focus);
            if column.x >= MARGIN {
                buf.set_string(x - MARGIN, y, FOCUS_MARKER, theme.marker);
            }
        }
        let paragraph = document.paragraph(row.paragraph);
        let text = &paragraph.text;
        if text.trim() == PAGE_BREAK {
            // A form feed alone: a rule across the column, the symbol in
            // its middle.
            let rule = "─".repeat(width.into());
            buf.set_stringn(x, y, &rule, width.into(), base.patch(theme.page_break));
            let middle = x + width.saturating_sub(1) / 2;
            buf.set_stringn(middle, y, PAGE_BREAK, 1, base.patch(theme.page_break));
            continue;
        }
        let mut cursor = x;
        let end = x + width;
        let style_of = |kind| match kind {
            Segment::Plain => base,
            Segment::Match => base.patch(theme.matched),
            Segment::Current => base.patch(theme.current_match),
        };
        let kind_at = |at: usize| {
            segments(at..at + 1, row.paragraph, matches, current)
                .first()
                .map_or(Segment::Plain, |s| s.1)
        };
        let language = app.typesetting().language;
        for run in runs(text, line, width.into(), app.justify(), language) {
            let room = usize::from(end.saturating_sub(cursor));
            match run {
                Run::Indent(columns) => cursor = cursor.saturating_add(columns as u16).min(end),
                Run::Space(range, columns) => {
                    let style = style_of(kind_at(range.start));
                    let blank = " ".repeat(columns.min(room));
                    (cursor, _) = buf.set_stringn(cursor, y, &blank, room, style);
                }
                Run::Text(range) => {
                    for (segment, kind) in segments(range, row.paragraph, matches, current) {
                        let room = usize::from(end.saturating_sub(cursor));
                        (cursor, _) =
                            buf.set_stringn(cursor, y, &text[segment], room, style_of(kind));
                    }
                }
                Run::Hyphen => {
                    // Inside a match broken here, the hyphen is part of it.
                    let last = line.range.end.saturating_sub(1);
                    let kind = if kind_at(last) == kind_at(line.range.end) {
                        kind_at(last)
                    } else {
                        Segment::Plain
                    };
                    (cursor, _) = buf.set_stringn(cursor, y, "-", room, style_of(kind));
                }
            }
        }
    }
}

/// How a stretch of a line is highlighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Segment {
    Plain,
    Match,
    Current,
}

/// Splits `line` of `paragraph` into stretches by search highlighting.
fn segments(
    line: Range<usize>,
    paragraph: usize,
    matches: &[Match],
    current: Option<usize>,
) -> Vec<(Range<usize>, Segment)> {
    let first = matches.partition_point(|m| (m.paragraph, m.range.end) <= (paragraph, line.start));
    let mut out = Vec::new();
    let mut at = line.start;
    for (index, m) in matches.iter().enumerate().skip(first) {
        if m.paragraph != paragraph || m.range.start >= line.end {
            break;
        }
        let start = m.range.start.max(at);
        let end = m.range.end.min(line.end);
        if start > at {
            out.push((at..start, Segment::Plain));
        }
        let kind = if Some(index) == current {
            Segment::Current
        } else {
            Segment::Match
        };
        out.push((start..end, kind));
        at = end;
    }
    if at < line.end || out.is_empty() {
        out.push((at..line.end, Segment::Plain));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(paragraph: usize, range: Range<usize>) -> Match {
        Match { paragraph, range }
    }

    #[test]
    fn a_line_without_matches_is_one_plain_segment() {
        assert_eq!(segments(5..10, 0, &[], None), [(5..10, Segment::Plain)]);
    }

    #[test]
    fn matches_split_the_line_and_are_clipped_to_it() {
        let matches = [m(0, 1..3), m(1, 2..4), m(1, 8..14), m(2, 0..1)];
        assert_eq!(
            segments(0..10, 1, &matches, Some(2)),
            [
                (0..2, Segment::Plain),
                (2..4, Segment::Match),
                (4..8, Segment::Plain),
                (8..10, Segment::Current),
            ]
        );
        // The next line shows the rest of the match that spans the break.
        assert_eq!(
            segments(11..20, 1, &matches, Some(2)),
            [(11..14, Segment::Current), (14..20, Segment::Plain)]
        );
    }
}
