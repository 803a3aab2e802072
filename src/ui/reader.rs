//! The text column: visible lines (as [`crate::layout::display`] describes
//! them: hyphens, justification, indents; headings bold), focus band and
//! marker, and over
//! the text highlights, the focused sentence and search matches, layered
//! in that order (each kind with its own attribute, so they stay apart
//! without colour).

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::theme::{FOCUS_MARKER, Theme};
use crate::app::App;
use crate::column::MARGIN;
use crate::document::BlockKind;
use crate::document::block::{Inline, InlineStyle, Role};
use crate::highlights::Colour;
use crate::layout::display::{Run, block_place, runs};
use crate::outline::heading_in;
use crate::search::Match;

/// The mark in the right margin of the line a highlight with a note
/// starts on.
pub const NOTE_MARK: &str = "✎";

/// The mark in the right margin of the other lines of a highlight with a
/// note.
pub const NOTE_BAR: &str = "┊";

/// What a page break (a form feed alone on its line) reads as.
const PAGE_BREAK: &str = "\u{240C}";

/// Draws the lines in view into `area` (the window less the status line).
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let column = app.column();
    let rows = app.rows();
    let document = app.document();
    // While selecting, the selection is what matters: matches are not
    // drawn (so that it stands apart without colour too).
    let matches = match app.selection() {
        Some(_) => &[][..],
        None => app.search().map_or(&[][..], |s| &s.matches[..]),
    };
    let current = app.search().and_then(|s| s.current);
    let span_parts = app.span_parts();
    // Where each preformatted block on screen stands (its start and width).
    let mut blocks: Vec<(usize, (u16, u16))> = Vec::new();
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
        let paragraph = document.paragraph(row.paragraph);
        let text = &paragraph.text;
        let decoration = app.layout().decor(&paragraph);
        let (x, width) = if paragraph.kind == BlockKind::Preformatted {
            match blocks.iter().find(|(id, _)| *id == row.paragraph) {
                Some(&(_, place)) => place,
                None => {
                    let place =
                        block_place((area.x, area.width), column, text, &lines, decoration.width);
                    blocks.push((row.paragraph, place));
                    place
                }
            }
        } else {
            (
                area.x + column.x,
                column.width.min(area.width.saturating_sub(column.x)),
            )
        };
        let focused = row.paragraph == app.focus();
        let base = if focused { theme.focus } else { theme.text };
        if focused {
            buf.set_style(Rect::new(x, y, width, 1), theme.focus);
            if x >= area.x + MARGIN {
                buf.set_string(x - MARGIN, y, FOCUS_MARKER, theme.marker);
            }
        }
        let base = base.patch(role_style(
            paragraph.role,
            heading_in(document, row.paragraph, &paragraph).is_some(),
            theme,
        ));
        // Quote bars and the list's marker, then the text beside them.
        let (x, width) = if decoration.is_empty() {
            (x, width)
        } else {
            let lead = format!("{}{}", decoration.bars, decoration.lead(row.line));
            let (after, _) =
                buf.set_stringn(x, y, &lead, width.into(), base.patch(theme.decoration));
            let used = after.saturating_sub(x).min(width);
            (x + used, width - used)
        };
        if text.trim() == PAGE_BREAK || paragraph.role == Role::Rule {
            // A form feed alone, or a thematic break: a rule across the
            // column (the form feed's symbol in its middle).
            let rule = "─".repeat(width.into());
            buf.set_stringn(x, y, &rule, width.into(), base.patch(theme.page_break));
            if paragraph.role != Role::Rule {
                let middle = x + width.saturating_sub(1) / 2;
                buf.set_stringn(middle, y, PAGE_BREAK, 1, base.patch(theme.page_break));
            }
            continue;
        }
        let mut cursor = x;
        let end = x + width;
        // The match that a hyphenated break cuts goes on past the line.
        let reach = line.range.start..(line.range.end + 1).min(text.len());
        let overlapping: Vec<_> = app
            .highlights()
            .overlapping(row.paragraph, line.range.clone())
            .collect();
        // A noted highlight is marked in the right margin: ✎ on the line
        // it starts on, a thin bar along its other lines.
        let starts_here = |h: &crate::highlights::Highlight| {
            h.place.as_ref().is_some_and(|p| {
                p.paragraph == row.paragraph
                    && (line.range.start..line.range.end.max(line.range.start + 1))
                        .contains(&p.range.start)
            })
        };
        let noted = || overlapping.iter().filter(|(h, _)| h.has_note());
        let mark = match noted().any(|(h, _)| starts_here(h)) {
            true => Some(NOTE_MARK),
            false => noted().next().map(|_| NOTE_BAR),
        };
        let right = x + width + 1;
        if let Some(mark) = mark.filter(|_| right < area.right()) {
            buf.set_string(right, y, mark, theme.note_mark);
        }
        let layers = Layers {
            base,
            theme,
            found: segments(reach, row.paragraph, matches, current),
            marks: overlapping
                .into_iter()
                .map(|(h, range)| (range, h.colour))
                .collect(),
            selected: app
                .selection()
                .and_then(|s| s.span_in(document, row.paragraph)),
            span: span_parts
                .iter()
                .find(|(paragraph, _)| *paragraph == row.paragraph)
                .map(|(_, range)| range.clone()),
            inline: &paragraph.styles,
        };
        let language = app.typesetting().language;
        for run in runs(text, line, width.into(), app.justify(), language) {
            let room = usize::from(end.saturating_sub(cursor));
            match run {
                Run::Indent(columns) => cursor = cursor.saturating_add(columns as u16).min(end),
                Run::Space(range, columns) => {
                    let style = layers.style_at(range.start);
                    cursor = put_blanks(buf, (cursor, y), columns.min(room), style);
                }
                Run::Text(range) => {
                    for piece in layers.pieces(range) {
                        let room = usize::from(end.saturating_sub(cursor));
                        let style = layers.style(&piece);
                        cursor = put(buf, (cursor, y), &text[piece], room, style);
                    }
                }
                Run::Hyphen => {
                    // Inside a span broken here, the hyphen is part of it.
                    let last = line.range.end.saturating_sub(1);
                    let (before, after) = (layers.style_at(last), layers.style_at(line.range.end));
                    let style = if before == after { before } else { base };
                    (cursor, _) = buf.set_stringn(cursor, y, "-", room, style);
                }
            }
        }
    }
}

/// Writes `text` from `at` in `style`, in `room` columns at most, as
/// [`Buffer::set_stringn`] does, and returns where it stopped. Printable
/// ASCII, most of any text, is set cell by cell: it needs neither
/// grapheme clusters nor widths.
fn put(buf: &mut Buffer, at: (u16, u16), text: &str, room: usize, style: Style) -> u16 {
    let (x, y) = at;
    if !text.bytes().all(|b| b.is_ascii_graphic() || b == b' ') {
        return buf.set_stringn(x, y, text, room, style).0;
    }
    let mut cursor = x;
    for byte in text.bytes().take(room) {
        let Some(cell) = buf.cell_mut((cursor, y)) else {
            break;
        };
        cell.set_char(char::from(byte)).set_style(style);
        cursor += 1;
    }
    cursor
}

/// Writes `count` blanks from `at` in `style` (the spaces between words,
/// widened by justification), and returns where they stop.
fn put_blanks(buf: &mut Buffer, at: (u16, u16), count: usize, style: Style) -> u16 {
    let (mut cursor, y) = at;
    for _ in 0..count {
        let Some(cell) = buf.cell_mut((cursor, y)) else {
            break;
        };
        cell.set_char(' ').set_style(style);
        cursor += 1;
    }
    cursor
}

/// The style a block's role gives all its text.
fn role_style(role: Role, heading: bool, theme: &Theme) -> Style {
    let style = if heading { theme.heading } else { Style::new() };
    match role {
        Role::Code => style.patch(theme.code),
        Role::Term => style.add_modifier(Modifier::BOLD),
        Role::Figure | Role::Math => style.add_modifier(Modifier::ITALIC),
        Role::Note => style.add_modifier(Modifier::DIM),
        Role::Rule => style.patch(theme.decoration),
        _ => style,
    }
}

/// The style an inline style adds.
fn inline_style(style: &InlineStyle, theme: &Theme) -> Style {
    match style {
        InlineStyle::Emphasis => Style::new().add_modifier(Modifier::ITALIC),
        InlineStyle::Strong => Style::new().add_modifier(Modifier::BOLD),
        InlineStyle::Strike => Style::new().add_modifier(Modifier::CROSSED_OUT),
        InlineStyle::Code => theme.code,
        InlineStyle::Link(_) => theme.link,
    }
}

/// What is drawn over a line's text, and the styles it makes.
struct Layers<'a> {
    base: Style,
    theme: &'a Theme,
    /// Search matches, as segments of the line.
    found: Vec<(Range<usize>, Segment)>,
    /// Highlights and their colours.
    marks: Vec<(Range<usize>, Colour)>,
    /// The focused sentence or highlight.
    span: Option<Range<usize>>,
    /// The selection being made, in this paragraph.
    selected: Option<Range<usize>>,
    /// The text's own inline styles (emphasis, links…), under the rest.
    inline: &'a [Inline],
}

impl Layers<'_> {
    /// `range` cut wherever a layer starts or ends.
    fn pieces(&self, range: Range<usize>) -> Vec<Range<usize>> {
        let mut cuts = vec![range.start, range.end];
        let edges = self
            .found
            .iter()
            .map(|(r, _)| r)
            .chain(self.marks.iter().map(|(r, _)| r))
            .chain(self.span.as_ref())
            .chain(self.selected.as_ref())
            .chain(self.inline.iter().map(|i| &i.range));
        for edge in edges {
            cuts.push(edge.start.clamp(range.start, range.end));
            cuts.push(edge.end.clamp(range.start, range.end));
        }
        cuts.sort_unstable();
        cuts.dedup();
        cuts.windows(2).map(|w| w[0]..w[1]).collect()
    }

    /// The style of a piece that no layer starts or ends inside.
    fn style(&self, piece: &Range<usize>) -> Style {
        let inside = |r: &Range<usize>| r.start <= piece.start && piece.end <= r.end;
        let mut style = self.base;
        for inline in self.inline.iter().filter(|i| inside(&i.range)) {
            style = style.patch(inline_style(&inline.style, self.theme));
        }
        // The narrowest highlight shows: a sentence's over its paragraph's.
        let highlight = self
            .marks
            .iter()
            .filter(|(r, _)| inside(r))
            .min_by_key(|(r, _)| r.len());
        if let Some((_, colour)) = highlight {
            style = style.patch(self.theme.highlight(*colour));
        }
        if self.span.as_ref().is_some_and(inside) {
            // A focused highlight keeps its colour: the focus adds its
            // attributes only.
            style = match highlight {
                Some(_) => style.add_modifier(self.theme.span.add_modifier),
                None => style.patch(self.theme.span),
            };
        }
        match self
            .found
            .iter()
            .find(|(r, _)| inside(r))
            .map(|(_, kind)| *kind)
        {
            Some(Segment::Match) => style = style.patch(self.theme.matched),
            Some(Segment::Current) => style = style.patch(self.theme.current_match),
            _ => {}
        }
        if self.selected.as_ref().is_some_and(inside) {
            style = style.patch(self.theme.selection);
        }
        style
    }

    /// The style of the byte at `at`.
    fn style_at(&self, at: usize) -> Style {
        self.style(&(at..at + 1))
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

    proptest::proptest! {
        /// Setting ASCII cell by cell draws what ratatui's own string
        /// drawing does, and stops at the same column, whatever the text,
        /// the place and the room.
        #[test]
        fn put_draws_as_set_stringn_does(
            text in "([ -~]{0,12}|é|中|\u{301}|\t){0,4}",
            x in 0u16..14,
            room in 0usize..16,
            style_bold in proptest::bool::ANY,
        ) {
            let area = Rect::new(2, 1, 12, 1);
            let style = if style_bold { Style::new().bold() } else { Style::new().italic() };
            let (mut ours, mut theirs) = (Buffer::empty(area), Buffer::empty(area));
            let x = area.x + x;
            let stopped = put(&mut ours, (x, 1), &text, room, style);
            let (expected, _) = theirs.set_stringn(x, 1, &text, room, style);
            proptest::prop_assert_eq!(stopped, expected);
            proptest::prop_assert_eq!(ours, theirs);
        }
    }
}
