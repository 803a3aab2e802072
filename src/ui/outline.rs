//! The outline panel: headings (indented by level) or paragraphs, with
//! their numbers, filtered by what the reader typed; the selected line
//! reversed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::panel::first_words;
use super::theme::Theme;
use crate::app::Outline;

/// Widest the panel grows.
const MAX_WIDTH: u16 = 76;

/// Draws the outline centred in `area`.
pub fn render(outline: &Outline, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let shown = outline.shown();
    let width = area.width.min(MAX_WIDTH);
    // As tall as the whole list (filtering does not resize it), within
    // the window.
    let wanted = u16::try_from(outline.listed().max(1) + 2).unwrap_or(u16::MAX);
    let height = wanted
        .min(area.height.saturating_sub(2))
        .max(3)
        .min(area.height);
    let rows = usize::from(height.saturating_sub(2));
    if rows == 0 || width < 24 {
        return;
    }
    let selected = outline.selected;
    let first = selected
        .saturating_sub(rows / 2)
        .min(shown.len().saturating_sub(rows));
    let about = if outline.estimated { "~" } else { "" };
    let number_width = shown
        .last()
        .map_or(1, |e| e.number.to_string().len() + about.len() + 2);
    let lines: Vec<Line> = shown
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, entry)| {
            let row = if i == selected {
                theme.panel_selected
            } else {
                theme.help
            };
            let (indent, style) = match &entry.heading {
                Some(heading) => (
                    2 * usize::from(heading.level.saturating_sub(1).min(3)),
                    row.patch(theme.heading),
                ),
                None => (0, row),
            };
            let number = format!(" ¶ {about}{:<w$}", entry.number, w = number_width - 2);
            let room = usize::from(width).saturating_sub(2 + number.chars().count() + indent + 1);
            Line::from(vec![
                Span::styled(number, row),
                Span::styled(" ".repeat(indent + 1), row),
                Span::styled(first_words(&entry.words, room), style),
            ])
        })
        .collect();
    let popup = super::overlay(area, width, height, buf);
    let what = if outline.headings_only {
        "headings"
    } else {
        "paragraphs"
    };
    let part = if outline.whole { "" } else { " near here" };
    let filter = if outline.filter.is_empty() {
        " · type to filter".to_owned()
    } else {
        format!(" · “{}”", outline.filter)
    };
    let count = if shown.is_empty() {
        "none".to_owned()
    } else {
        format!("{}/{}", selected + 1, shown.len())
    };
    let block = Block::bordered()
        .title(format!(" outline: {what}{part} {count}{filter} "))
        .title_bottom(" Enter go to · Tab headings/all · Esc close ")
        .style(theme.help);
    Paragraph::new(lines).block(block).render(popup, buf);
}
