//! The help overlay, generated from the keymap.
//!
//! One column of bindings when the window is tall enough, else two side by
//! side when it is wide enough, so every binding shows on an ordinary
//! 80×24 terminal.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::theme::Theme;
use crate::keymap::{HelpEntry, help_entries};

/// Width of the keys column.
const KEYS_WIDTH: usize = 12;

/// Width of one column of bindings: a space, the keys, the description
/// (two fit side by side in 80 columns).
const COLUMN_WIDTH: usize = 39;

/// The spans of one binding, padded to the column's width.
fn spans<'a>(entry: &'a HelpEntry, theme: &Theme) -> [Span<'a>; 2] {
    let keys = entry.keys.join(" ");
    let description = format!(
        "{:<width$}",
        entry.description,
        width = COLUMN_WIDTH - KEYS_WIDTH - 2
    );
    [
        Span::styled(format!(" {keys:<KEYS_WIDTH$} "), theme.help_keys),
        Span::styled(description, theme.help),
    ]
}

/// Draws the overlay centred in `area`.
pub fn render(area: Rect, buf: &mut Buffer, theme: &Theme) {
    let entries = help_entries();
    let fits_one = entries.len() + 2 <= usize::from(area.height);
    let columns = if fits_one || usize::from(area.width) < 2 * COLUMN_WIDTH + 2 {
        1
    } else {
        2
    };
    let rows = entries.len().div_ceil(columns);
    let lines: Vec<Line> = (0..rows)
        .map(|row| {
            let mut line = Vec::new();
            for column in 0..columns {
                if let Some(entry) = entries.get(column * rows + row) {
                    line.extend(spans(entry, theme));
                }
            }
            Line::from(line)
        })
        .collect();
    let width = ((columns * COLUMN_WIDTH) as u16 + 2).min(area.width);
    let height = (rows as u16 + 2).min(area.height);
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
