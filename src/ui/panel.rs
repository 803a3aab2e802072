//! The highlights panel: every highlight of the document with its colour,
//! paragraph number and first words; the selected one reversed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};
use unicode_width::UnicodeWidthChar;

use super::theme::Theme;
use crate::app::App;
use crate::document::index::Count;

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

/// Draws the panel centred in `area`.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some(selected) = app.panel() else { return };
    let all = app.highlights().all();
    let width = area.width.min(MAX_WIDTH);
    let height = (all.len().max(1) as u16 + 2).min(area.height);
    let rows = usize::from(height.saturating_sub(2));
    if rows == 0 || width < 20 {
        return;
    }
    // Keep the selection in view.
    let first = selected
        .saturating_sub(rows - 1)
        .min(all.len().saturating_sub(rows));
    let words_room = usize::from(width).saturating_sub(2 + 17);
    let mut lines: Vec<Line> = all
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, highlight)| {
            let number = match &highlight.place {
                Some(place) => match app.document().number_of(place.paragraph) {
                    Count::Exact(n) => format!("¶ {n}"),
                    Count::Estimate(n) => format!("¶ ~{n}"),
                },
                None => "not found".to_owned(),
            };
            let row = if i == selected {
                theme.panel_selected
            } else {
                theme.help
            };
            Line::from(vec![
                Span::styled(
                    format!(" {:<6} ", highlight.colour.name()),
                    theme.highlight(highlight.colour),
                ),
                Span::styled(format!(" {number:<9} "), row),
                Span::styled(first_words(&highlight.anchor.quote, words_room), row),
            ])
        })
        .collect();
    if all.is_empty() {
        lines.push(Line::styled(" none left (u undoes)", theme.help));
    }
    let shown = if all.is_empty() { 0 } else { selected + 1 };
    let popup = super::overlay(area, width, height, buf);
    let block = Block::bordered()
        .title(format!(" highlights {shown}/{} ", all.len()))
        .title_bottom(" Enter go · d delete · c/1-4 colour · u undo · Ctrl-r redo ")
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
