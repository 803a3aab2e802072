//! Drawing the reader: `impl Widget for &App`, read-only.
//!
//! The window is the text column ([`reader`]) above one status line
//! ([`status`]), with the help overlay ([`help`]), the information view
//! ([`info`]), the outline ([`outline`]), the highlights panel
//! ([`panel`]) or the links list ([`links`]) on top when one is open.
//! Styles come from [`theme`].

pub mod help;
pub mod info;
pub mod links;
pub mod outline;
pub mod panel;
pub mod reader;
pub mod status;
pub mod theme;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::{Clear, Widget};

use crate::app::App;
use crate::column::Column;

/// What a window too small to read in shows.
pub const TOO_SMALL: &str = "window too small";

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = *self.theme();
        if area.is_empty() {
            return;
        }
        if Column::too_small(area.width, area.height) {
            let y = area.y + area.height / 2;
            buf.set_stringn(area.x, y, TOO_SMALL, area.width.into(), theme.text);
            return;
        }
        let text = Rect::new(area.x, area.y, area.width, area.height - 1);
        let status = Rect::new(area.x, area.bottom() - 1, area.width, 1);
        // The text's own colours under everything (the light theme's white
        // page on a dark terminal).
        buf.set_style(text, theme.text);
        reader::render(self, text, buf, &theme);
        status::render(self, status, buf, &theme);
        if self.help_visible() {
            help::render(text, buf, &theme, self.keymap());
        } else if self.info_visible() {
            info::render(self, text, buf, &theme);
        } else if let Some(outline) = self.outline() {
            outline::render(outline, text, buf, &theme);
        } else if self.panel().is_some() {
            panel::render(self, text, buf, &theme);
        } else if self.links().is_some() {
            links::render(self, text, buf, &theme);
        }
    }
}

/// Clears a `width` × `height` rectangle centred in `area` for an overlay
/// (the help, a panel) and returns it.
fn overlay(area: Rect, width: u16, height: u16, buf: &mut Buffer) -> Rect {
    let (width, height) = (width.min(area.width), height.min(area.height));
    let popup = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    Clear.render(popup, buf);
    popup
}

/// Where the terminal cursor belongs, if it should be shown: in the prompt.
pub fn cursor_position(app: &App, area: Rect) -> Option<Position> {
    if Column::too_small(area.width, area.height) {
        return None;
    }
    status::prompt_cursor(app, Rect::new(area.x, area.bottom() - 1, area.width, 1))
}
