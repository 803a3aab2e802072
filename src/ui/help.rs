//! The help overlay, generated from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::theme::Theme;
use crate::keymap::help_entries;

/// Width of the keys column.
const KEYS_WIDTH: usize = 16;

/// Draws the overlay centred in `area`.
pub fn render(area: Rect, buf: &mut Buffer, theme: &Theme) {
    let entries = help_entries();
    let lines: Vec<Line> = entries
        .iter()
        .map(|entry| {
            let keys = entry.keys.join(" ");
            Line::from(vec![
                Span::styled(format!(" {keys:<KEYS_WIDTH$}"), theme.help_keys),
                Span::styled(entry.description, theme.help),
            ])
        })
        .collect();
    let width = (KEYS_WIDTH as u16 + 44).min(area.width);
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    Clear.render(popup, buf);
    let block = Block::bordered()
        .title(" liseuse — keys ")
        .title_bottom(" any key closes ")
        .style(theme.help);
    Paragraph::new(lines).block(block).render(popup, buf);
}
