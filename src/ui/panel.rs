//! The highlights panel: every highlight of the document (or those the
//! filter keeps) with its colour, percent, first words, heading and note;
//! the selected one reversed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};
use unicode_width::UnicodeWidthChar;

use ratatui::style::Modifier;

use super::theme::Theme;
use crate::app::App;
use crate::document::sanitize::sanitize_label;
use crate::highlights::Highlight;
use crate::outline::headings_over;

/// Widest the panel grows.
const MAX_WIDTH: u16 = 72;

/// `text` on one line, cut to `room` columns with an ellipsis.
pub fn first_words(text: &str, room: usize) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
    {
        let w = c.width().unwrap_or(0);
        if width + w + 1 > room {
            out.push('…');
            return out;
        }
        width += w;
        out.push(c);
    }
    out
}

/// Paragraphs the panel walks back at most, at each frame, for the
/// heading a highlight stands under (a text without headings is not
/// walked).
const PANEL_WALK_BACK: usize = 2_000;

/// The line under a highlight in the panel: the heading it stands under
/// and its note, on one line (empty when it has neither).
fn under_line(highlight: &Highlight, heading: Option<String>) -> String {
    let mut under = heading.map(|h| sanitize_label(&h)).unwrap_or_default();
    if let Some(note) = highlight.note.as_deref().filter(|_| highlight.has_note()) {
        if !under.is_empty() {
            under.push_str(" · ");
        }
        under.push_str("✎ ");
        let one_line = note.split_whitespace().collect::<Vec<_>>().join(" ");
        under.push_str(&sanitize_label(&one_line));
    }
    under
}

/// Where a highlight stands, as the panel says it: its percent through
/// the document, or that it was not found.
fn percent(app: &App, highlight: &Highlight) -> String {
    let document = app.document();
    match &highlight.place {
        Some(place) => format!(
            "{:>3}%",
            document.percent_at(place.paragraph, place.range.start)
        ),
        None => "lost".to_owned(),
    }
}

/// Draws the panel centred in `area`: each listed highlight on two lines,
/// its colour, percent and first words, then the heading it stands under
/// and its note.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some(selected) = app.panel() else { return };
    let all = app.highlights().all();
    let rows = app.panel_rows();
    let width = area.width.min(MAX_WIDTH);
    let room = usize::from(area.height.saturating_sub(2));
    if room == 0 || width < 20 {
        return;
    }
    // The entries that may be shown around the selection, each with the
    // line under it (its heading and note), if any.
    let at = rows.iter().position(|&i| i >= selected).unwrap_or(0);
    let near = at.saturating_sub(room)..(at + room).min(rows.len());
    let placed: Vec<usize> = rows[near.clone()]
        .iter()
        .filter_map(|&i| all[i].place.as_ref().map(|p| p.paragraph))
        .collect();
    let mut headings = headings_over(app.document(), &placed, PANEL_WALK_BACK).into_iter();
    let under: Vec<String> = rows[near.clone()]
        .iter()
        .map(|&i| {
            let heading = all[i]
                .place
                .as_ref()
                .and_then(|_| headings.next().flatten().map(|(_, title)| title));
            under_line(&all[i], heading)
        })
        .collect();
    let height_of = |n: usize| 1 + usize::from(!under[n - near.start].is_empty());
    // As many before the selection as fit, then as many after.
    let mut first = at.min(near.end.saturating_sub(1));
    let mut used = if rows.is_empty() { 0 } else { height_of(first) };
    while first > near.start && used + height_of(first - 1) <= room {
        first -= 1;
        used += height_of(first);
    }
    let mut last = first + usize::from(!rows.is_empty());
    while last < near.end && used + height_of(last) <= room {
        used += height_of(last);
        last += 1;
    }
    let words_room = usize::from(width).saturating_sub(2 + 15);
    let mut lines: Vec<Line> = Vec::new();
    for n in first..last.min(near.end) {
        let i = rows[n];
        let highlight = &all[i];
        let row = if i == selected {
            theme.panel_selected
        } else {
            theme.help
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!(" {:<6} ", highlight.colour.name()),
                theme.highlight(highlight.colour),
            ),
            Span::styled(format!(" {:>4}  ", percent(app, highlight)), row),
            Span::styled(first_words(&highlight.quote(), words_room), row),
        ]));
        let under = &under[n - near.start];
        if !under.is_empty() {
            lines.push(Line::from(vec![
                Span::styled(" ".repeat(15), theme.help),
                Span::styled(
                    first_words(under, words_room),
                    theme.help.add_modifier(Modifier::DIM),
                ),
            ]));
        }
    }
    let filter = app.panel_filter();
    if all.is_empty() {
        lines.push(Line::styled(" none left (u undoes)", theme.help));
    } else if rows.is_empty() {
        lines.push(Line::styled(" none matches", theme.help));
    }
    let number = rows
        .iter()
        .position(|&i| i == selected)
        .map_or(0, |n| n + 1);
    let title = if filter.text.is_empty() {
        format!(" highlights {number}/{} ", all.len())
    } else {
        format!(
            " highlights {number}/{} matching “{}” ",
            rows.len(),
            sanitize_label(&filter.text)
        )
    };
    let bottom = if filter.typing {
        format!(
            " /{}▏ Enter keeps · Esc clears ",
            sanitize_label(&filter.text)
        )
    } else {
        " Enter go · d del · c 1-4 colour · a note · / filter · u undo ".to_owned()
    };
    let height = (lines.len().max(1) as u16 + 2).min(area.height);
    let popup = super::overlay(area, width, height, buf);
    let block = Block::bordered()
        .title(title)
        .title_bottom(bottom)
        .style(theme.help);
    Paragraph::new(lines).block(block).render(popup, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_words_fit_their_room() {
        assert_eq!(first_words("Le  chat\ndort.", 20), "Le chat dort.");
        assert_eq!(first_words("Le chat dort.", 6), "Le ch…");
        assert_eq!(first_words("", 6), "");
    }
}
