//! Notes on screen: the note of the focused highlight in a box under the
//! text, and the box a note is written in, with its cursor.
//!
//! Notes are prose: their lines are wrapped at spaces to the box's width
//! (a word longer than a line is cut), their own line breaks kept.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Padding, Paragraph, Widget};
use unicode_width::UnicodeWidthChar;

use super::theme::Theme;
use crate::app::App;
use crate::document::sanitize::sanitize_label;

/// Widest a note's box grows.
const MAX_WIDTH: u16 = 72;

/// Blank columns inside the box's border on either side: the note's text
/// stands where the column's does.
const PADDING: u16 = 2;

/// Most lines the note of the focused highlight takes under the text.
const SHOWN_LINES: usize = 6;

/// Lines of text in the box a note is written in.
const EDITOR_LINES: u16 = 8;

/// The lines of `text` wrapped to `width` columns: byte ranges of `text`,
/// without the line breaks and the spaces lines are broken at.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut start = 0;
    for hard in text.split('\n') {
        let end_of_hard = start + hard.len();
        let mut line_start = start;
        let mut columns = 0;
        let mut last_space: Option<usize> = None;
        let mut at = start;
        for c in hard.chars() {
            let w = c.width().unwrap_or(0);
            if columns + w > width && at > line_start {
                if c == ' ' {
                    // The space the line breaks at goes with the break.
                    lines.push(line_start..at);
                    at += 1;
                    line_start = at;
                    columns = 0;
                    last_space = None;
                    continue;
                }
                let cut = match last_space {
                    Some(space) if space > line_start => space,
                    _ => at,
                };
                lines.push(line_start..cut);
                line_start = if cut < at { cut + 1 } else { cut };
                columns = text[line_start..at].chars().filter_map(|c| c.width()).sum();
                last_space = None;
            }
            if c == ' ' {
                last_space = Some(at);
            }
            columns += w;
            at += c.len_utf8();
        }
        lines.push(line_start..end_of_hard);
        start = end_of_hard + 1;
    }
    lines
}

/// The row and column of byte `cursor` of `text` wrapped as `lines`.
fn cursor_cell(text: &str, lines: &[Range<usize>], cursor: usize) -> (usize, usize) {
    let row = lines
        .iter()
        .rposition(|line| line.start <= cursor)
        .unwrap_or(0);
    let line = &lines[row];
    let column = text[line.start..cursor.clamp(line.start, line.end)]
        .chars()
        .filter_map(|c| c.width())
        .sum();
    (row, column)
}

/// The rows of `area` the focused span is drawn on, if it is in view.
fn span_rows(app: &App, area: Rect) -> Option<(u16, u16)> {
    let (paragraph, range) = app.span()?;
    let layout = app.layout();
    let lines = layout.lines(app.document(), paragraph);
    let rows = app.rows().visible(app.top_row(), area.height.into());
    let on = |row: &&crate::viewport::Row| {
        row.paragraph == paragraph
            && lines.get(row.line).is_some_and(|line| {
                line.range.start < range.end
                    && range.start < line.range.end.max(line.range.start + 1)
            })
    };
    let first = rows.iter().position(|row| on(&row))?;
    let last = rows.iter().rposition(|row| on(&row))?;
    Some((first as u16, last as u16))
}

/// The note box's frame, `rows` lines of text high: as wide as the
/// column and its margins, at the bottom of `area` (the text's area), or
/// at its top when it would hide the focused span there.
fn frame(app: &App, area: Rect, rows: u16) -> Rect {
    let width = box_width(app, area);
    let height = (rows + 2).min(area.height);
    let x = area.x + (area.width - width) / 2;
    let bottom = area.bottom() - height;
    let y = match span_rows(app, area) {
        // The span would be under the box, and there is room above it.
        Some((first, last)) if area.y + last >= bottom && first >= height => area.y,
        _ => bottom,
    };
    Rect::new(x, y, width, height)
}

/// How wide the box is: the column with its margins, at most
/// [`MAX_WIDTH`] of text.
fn box_width(app: &App, area: Rect) -> u16 {
    (app.column().width.min(MAX_WIDTH) + 2 + 2 * PADDING).min(area.width)
}

/// Columns of text inside the box.
fn inner_width(app: &App, area: Rect) -> usize {
    usize::from(box_width(app, area).saturating_sub(2 + 2 * PADDING))
}

/// The box's border, with the note's text inside it where the column's
/// text is.
fn block(title_bottom: &'static str, theme: &Theme) -> Block<'static> {
    Block::bordered()
        .padding(Padding::horizontal(PADDING))
        .title(" note ")
        .title_bottom(title_bottom)
        .style(theme.help)
}

/// Draws the note of the focused highlight at the bottom of `area`.
pub fn render_shown(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some(note) = app.focused_note() else {
        return;
    };
    let note = sanitize_note(note);
    let lines = wrap(&note, inner_width(app, area));
    let shown = lines
        .len()
        .min(SHOWN_LINES)
        .min(usize::from(area.height / 3));
    if shown == 0 {
        return;
    }
    let popup = frame(app, area, shown as u16);
    ratatui::widgets::Clear.render(popup, buf);
    let mut text: Vec<Line> = lines[..shown]
        .iter()
        .map(|range| Line::from(note[range.clone()].to_owned()))
        .collect();
    if lines.len() > shown
        && let Some(last) = text.last_mut()
    {
        *last = Line::from(format!("{}…", note[lines[shown - 1].clone()].trim_end()));
    }
    Paragraph::new(text)
        .block(block(" a edits · A in $EDITOR ", theme))
        .render(popup, buf);
}

/// The note as shown: controls as symbols, its line breaks kept.
fn sanitize_note(note: &str) -> String {
    note.split('\n')
        .map(sanitize_label)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The box a note is written in, as laid out.
struct EditorLayout {
    /// Its frame.
    popup: Rect,
    /// The note's lines, wrapped.
    lines: Vec<Range<usize>>,
    /// The first line shown (the box scrolls to keep the cursor in it).
    first: usize,
    /// The cursor's line and column.
    cursor: (usize, usize),
}

/// The box of the note being written, if one is.
fn editor_layout(app: &App, area: Rect) -> Option<EditorLayout> {
    let editor = app.note_editor()?;
    let popup = frame(app, area, EDITOR_LINES);
    let lines = wrap(&editor.text, inner_width(app, area).saturating_sub(1));
    let cursor = cursor_cell(&editor.text, &lines, editor.cursor);
    let rows = usize::from(popup.height.saturating_sub(2)).max(1);
    let first = cursor.0.saturating_sub(rows - 1);
    Some(EditorLayout {
        popup,
        lines,
        first,
        cursor,
    })
}

/// Draws the box a note is being written in, centred in `area`.
pub fn render_editor(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let (
        Some(editor),
        Some(EditorLayout {
            popup,
            lines,
            first,
            ..
        }),
    ) = (app.note_editor(), editor_layout(app, area))
    else {
        return;
    };
    ratatui::widgets::Clear.render(popup, buf);
    let text: Vec<Line> = lines
        .iter()
        .skip(first)
        .map(|range| Line::from(sanitize_label(&editor.text[range.clone()])))
        .collect();
    Paragraph::new(text)
        .block(block(" Enter keeps · Ctrl-j new line · Esc leaves ", theme))
        .render(popup, buf);
}

/// Where the terminal's cursor goes while a note is written.
pub fn editor_cursor(app: &App, area: Rect) -> Option<Position> {
    let EditorLayout {
        popup,
        first,
        cursor: (row, column),
        ..
    } = editor_layout(app, area)?;
    let x = popup.x + 1 + PADDING + u16::try_from(column).ok()?;
    let y = popup.y + 1 + u16::try_from(row - first).ok()?;
    (x < popup.right() && y < popup.bottom()).then_some(Position::new(x, y))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn notes_wrap_at_spaces_and_keep_their_line_breaks() {
        assert_eq!(
            wrapped("le chat dort au soleil", 10),
            ["le chat", "dort au", "soleil"]
        );
        assert_eq!(wrapped("un\n\ndeux", 10), ["un", "", "deux"]);
        assert_eq!(
            wrapped("anticonstitutionnel", 8),
            ["anticons", "titution", "nel"]
        );
        assert_eq!(wrapped("", 8), [""]);
        for width in 1..12 {
            for line in wrapped("Évidemment, l’été — très chaud\nfin", width) {
                let columns: usize = line.chars().filter_map(|c| c.width()).sum();
                assert!(columns <= width, "{line:?} at {width}");
            }
        }
    }

    #[test]
    fn the_cursor_is_found_on_its_wrapped_line() {
        let text = "le chat dort au soleil";
        let lines = wrap(text, 10);
        assert_eq!(cursor_cell(text, &lines, 0), (0, 0));
        assert_eq!(
            cursor_cell(text, &lines, text.find("dort").unwrap() + 2),
            (1, 2)
        );
        assert_eq!(cursor_cell(text, &lines, text.len()), (2, 6));
        let text = "un\n";
        assert_eq!(cursor_cell(text, &wrap(text, 10), 3), (1, 0));
    }
}
