//! Drawing the reader: [`View`], the app with the shell's styles and
//! keys, read-only.
//!
//! The window is the text column ([`reader`]) above one status line
//! ([`status`]), with the help overlay ([`help`]), the information view
//! ([`info`]), the note being written ([`note`]), the outline
//! ([`outline`]), the highlights panel ([`panel`]) or the links list
//! ([`links`]) on top when one is open, else the focused highlight's note.
//! Styles come from [`theme`].

pub mod help;
pub mod info;
pub mod links;
pub mod note;
pub mod outline;
pub mod panel;
pub mod reader;
pub mod status;
pub mod theme;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Clear, Widget};

use std::sync::OnceLock;

use crate::app::App;
use crate::column::Column;
use crate::keymap::Keymap;
use theme::Theme;

/// What a window too small to read in shows.
pub const TOO_SMALL: &str = "window too small";

/// The reader as drawn: the app, with the styles and the keys (for the
/// help) the shell chose.
#[derive(Clone, Copy)]
pub struct View<'a> {
    /// What is read and where.
    pub app: &'a App,
    /// The styles.
    pub theme: &'a Theme,
    /// The keys in force, which the help shows.
    pub keymap: &'a Keymap,
}

impl Widget for View<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let View { app, theme, keymap } = self;
        let theme = *theme;
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
        // page on a dark terminal); a theme without any (the dark one, the
        // plain one) leaves every cell as it is, and is not walked.
        if theme.text != Style::new() {
            buf.set_style(text, theme.text);
        }
        reader::render(app, text, buf, &theme);
        status::render(app, status, buf, &theme);
        if app.help_visible() {
            help::render(text, buf, &theme, keymap);
        } else if app.info_visible() {
            info::render(app, text, buf, &theme);
        } else if app.note_editor().is_some() {
            note::render_editor(app, text, buf, &theme);
        } else if let Some(outline) = app.outline() {
            outline::render(outline, text, buf, &theme);
        } else if app.panel().is_some() {
            panel::render(app, text, buf, &theme);
        } else if app.links().is_some() {
            links::render(app, text, buf, &theme);
        } else {
            note::render_shown(app, text, buf, &theme);
        }
    }
}

/// The reader drawn with the theme the environment asks for
/// ([`Theme::current`]) and the default keys.
impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        static KEYMAP: OnceLock<Keymap> = OnceLock::new();
        let view = View {
            app: self,
            theme: &Theme::current(),
            keymap: KEYMAP.get_or_init(Keymap::default),
        };
        view.render(area, buf);
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

/// Where the terminal cursor belongs, if it should be shown: in the prompt,
/// or in the note being written.
pub fn cursor_position(app: &App, area: Rect) -> Option<Position> {
    if Column::too_small(area.width, area.height) {
        return None;
    }
    if app.note_editor().is_some() && !app.help_visible() && !app.info_visible() {
        let text = Rect::new(area.x, area.y, area.width, area.height - 1);
        return note::editor_cursor(app, text);
    }
    status::prompt_cursor(app, Rect::new(area.x, area.bottom() - 1, area.width, 1))
}
