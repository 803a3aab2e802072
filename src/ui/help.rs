//! The help overlay, generated from the keymap.
//!
//! One column of bindings when the window is tall enough, else two side by
//! side when it is wide enough: every binding of the defaults shows on an
//! ordinary 80×24 terminal (the keymap pairs opposite moves and sums up
//! the prompt's keys to keep it so). Any key closes it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::theme::Theme;
use crate::keymap::{HelpEntry, Keymap};

/// Width of the keys column.
const KEYS_WIDTH: usize = 13;

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

/// How the bindings are laid out in `area`: columns, and rows (cut to
/// the window when it is too small for all of them).
fn layout(entries: usize, area: Rect) -> (usize, usize) {
    let room = usize::from(area.height.saturating_sub(2)).max(1);
    let fits_one = entries <= room;
    let columns = if fits_one || usize::from(area.width) < 2 * COLUMN_WIDTH + 2 {
        1
    } else {
        2
    };
    (columns, entries.div_ceil(columns).min(room))
}

/// Draws the overlay for the bindings of `keymap`, centred in `area`.
pub fn render(area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
    let entries = keymap.help_entries();
    let (columns, rows) = layout(entries.len(), area);
    let cut = columns * rows < entries.len();
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
    let popup = super::overlay(area, width, height, buf);
    let bottom = if cut {
        " more in a larger window · any key closes "
    } else {
        " 0-9 repeat (5j) · wheel scrolls, drag selects · any key closes "
    };
    let block = Block::bordered()
        .title(" liseuse — keys ")
        .title_bottom(bottom)
        .style(theme.help);
    Paragraph::new(lines).block(block).render(popup, buf);
}
