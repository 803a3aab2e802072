//! The help overlay, generated from the keymap.
//!
//! One column of bindings when the window is tall enough, else two side by
//! side when it is wide enough; when they still do not fit, the overlay
//! has pages, which `Space` turns.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::theme::Theme;
use crate::keymap::{HelpEntry, Keymap};

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

/// How the bindings are laid out in `area`: columns, and rows per page.
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

/// How many pages the help for `keymap` has in `area`.
pub fn pages(keymap: &Keymap, area: Rect) -> usize {
    pages_of(keymap.help_entries().len(), area)
}

/// How many pages `entries` bindings take in `area`.
fn pages_of(entries: usize, area: Rect) -> usize {
    let (columns, rows) = layout(entries, area);
    entries.div_ceil(columns * rows).max(1)
}

/// Draws page `page` (wrapped round the pages there are) of the overlay
/// for the bindings of `keymap`, centred in `area`.
pub fn render(area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap, page: usize) {
    let entries = keymap.help_entries();
    let (columns, rows) = layout(entries.len(), area);
    let pages = pages_of(entries.len(), area);
    let page = page % pages;
    let shown = &entries[(page * columns * rows).min(entries.len())..];
    let lines: Vec<Line> = (0..rows)
        .map(|row| {
            let mut line = Vec::new();
            for column in 0..columns {
                if let Some(entry) = shown.get(column * rows + row) {
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
    let title = if pages > 1 {
        format!(" liseuse — keys ({}/{pages}) ", page + 1)
    } else {
        " liseuse — keys ".to_owned()
    };
    let bottom = if pages > 1 {
        " Space: next page · any other key closes "
    } else {
        " any key closes "
    };
    let block = Block::bordered()
        .title(title)
        .title_bottom(bottom)
        .style(theme.help);
    Paragraph::new(lines).block(block).render(popup, buf);
}
