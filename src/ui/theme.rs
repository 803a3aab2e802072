//! Every style the reader draws with, in one place.

use ratatui::style::{Color, Modifier, Style};

/// The styles of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Body text.
    pub text: Style,
    /// Body text of the focused paragraph, and the band behind it.
    pub focus: Style,
    /// The focus marker in the left margin.
    pub marker: Style,
    /// A search match.
    pub matched: Style,
    /// The search match under focus.
    pub current_match: Style,
    /// The status line.
    pub status: Style,
    /// A message or the prompt in the status line.
    pub status_message: Style,
    /// The help overlay's frame and text.
    pub help: Style,
    /// Key names in the help overlay.
    pub help_keys: Style,
    /// The rule drawn for a page break.
    pub page_break: Style,
}

/// The symbol that marks the focused paragraph in the left margin.
pub const FOCUS_MARKER: &str = "▌";

impl Default for Theme {
    fn default() -> Theme {
        Theme {
            text: Style::new(),
            focus: Style::new().bg(Color::Indexed(236)),
            marker: Style::new().fg(Color::Cyan),
            matched: Style::new().fg(Color::Black).bg(Color::Yellow),
            current_match: Style::new()
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            status: Style::new().add_modifier(Modifier::REVERSED),
            status_message: Style::new()
                .add_modifier(Modifier::REVERSED)
                .add_modifier(Modifier::BOLD),
            help: Style::new(),
            help_keys: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            page_break: Style::new().add_modifier(Modifier::DIM),
        }
    }
}
