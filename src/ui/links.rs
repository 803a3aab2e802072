//! The links list: the focused paragraph's links, each with its words and
//! its target (a paragraph number inside the document, else the address);
//! the selected one reversed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::panel::first_words;
use super::theme::Theme;
use crate::app::App;
use crate::document::index::Count;

/// Widest the list grows.
const MAX_WIDTH: u16 = 76;

/// Draws the list centred in `area`.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some(list) = app.links() else { return };
    let width = area.width.min(MAX_WIDTH);
    let height = (list.links.len() as u16 + 2).min(area.height);
    let rows = usize::from(height.saturating_sub(2));
    if rows == 0 || width < 20 {
        return;
    }
    let first = list
        .selected
        .saturating_sub(rows - 1)
        .min(list.links.len().saturating_sub(rows));
    let room = usize::from(width).saturating_sub(4);
    let words_room = room / 2;
    let lines: Vec<Line> = list
        .links
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, link)| {
            let style = if i == list.selected {
                theme.panel_selected
            } else {
                theme.help
            };
            let target = match link.inside {
                Some(paragraph) => match app.document().number_of(paragraph) {
                    Count::Exact(n) => format!("→ ¶ {n}"),
                    Count::Estimate(n) => format!("→ ¶ ~{n}"),
                },
                None => link.target.clone(),
            };
            let words = first_words(&link.words, words_room);
            let target_room = room.saturating_sub(words.chars().count() + 2);
            Line::from(vec![
                Span::styled(format!(" {words}  "), style),
                Span::styled(first_words(&target, target_room), style.patch(theme.link)),
            ])
        })
        .collect();
    let popup = super::overlay(area, width, height, buf);
    let block = Block::bordered()
        .title(format!(
            " links {}/{} ",
            list.selected + 1,
            list.links.len()
        ))
        .title_bottom(" Enter follow · y copy · Esc close ")
        .style(theme.help);
    Paragraph::new(lines).block(block).render(popup, buf);
}
