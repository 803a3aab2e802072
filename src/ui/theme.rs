//! Every style the reader draws with, in one place.

use std::sync::OnceLock;

use ratatui::style::{Color, Modifier, Style};

use crate::highlights::Colour;

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
    /// Highlights, one style per colour in [`Colour::ALL`]'s order; all
    /// underlined, so they show without colour too.
    pub highlights: [Style; 4],
    /// The focused span (a sentence): bold.
    pub span: Style,
    /// A highlight's colour named in the panel.
    pub panel_selected: Style,
    /// A heading's text: bold.
    pub heading: Style,
}

impl Theme {
    /// The style of a highlight of `colour`.
    pub fn highlight(&self, colour: Colour) -> Style {
        let index = Colour::ALL.iter().position(|&c| c == colour).unwrap_or(0);
        self.highlights[index]
    }

    /// The theme without colours, for `NO_COLOR`: the kinds of marking are
    /// told apart by attributes alone — highlights underlined, the focused
    /// sentence bold, matches reversed, the current match reversed, bold
    /// and italic.
    pub fn no_color() -> Theme {
        let underlined = Style::new().add_modifier(Modifier::UNDERLINED);
        Theme {
            text: Style::new(),
            focus: Style::new(),
            marker: Style::new().add_modifier(Modifier::BOLD),
            matched: Style::new().add_modifier(Modifier::REVERSED),
            current_match: Style::new()
                .add_modifier(Modifier::REVERSED)
                .add_modifier(Modifier::BOLD)
                .add_modifier(Modifier::ITALIC),
            status: Style::new().add_modifier(Modifier::REVERSED),
            status_message: Style::new()
                .add_modifier(Modifier::REVERSED)
                .add_modifier(Modifier::BOLD),
            help: Style::new(),
            help_keys: Style::new().add_modifier(Modifier::BOLD),
            page_break: Style::new().add_modifier(Modifier::DIM),
            highlights: [underlined; 4],
            span: Style::new().add_modifier(Modifier::BOLD),
            panel_selected: Style::new().add_modifier(Modifier::REVERSED),
            heading: Style::new().add_modifier(Modifier::BOLD),
        }
    }

    /// The theme the environment asks for: [`Theme::no_color`] when
    /// `NO_COLOR` is set and not empty (see no-color.org), else the
    /// default; read once.
    pub fn current() -> Theme {
        static THEME: OnceLock<Theme> = OnceLock::new();
        *THEME.get_or_init(|| {
            if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
                Theme::no_color()
            } else {
                Theme::default()
            }
        })
    }
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
            highlights: [186, 114, 117, 218].map(|c| {
                Style::new()
                    .fg(Color::Black)
                    .bg(Color::Indexed(c))
                    .add_modifier(Modifier::UNDERLINED)
            }),
            span: Style::new()
                .bg(Color::Indexed(239))
                .add_modifier(Modifier::BOLD),
            panel_selected: Style::new().add_modifier(Modifier::REVERSED),
            heading: Style::new().add_modifier(Modifier::BOLD),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_colour_the_kinds_differ_by_attributes() {
        let theme = Theme::no_color();
        let styles = [
            theme.highlight(Colour::Pink),
            theme.span,
            theme.matched,
            theme.current_match,
        ];
        for style in styles {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
        }
        // Each kind, and each overlap of a highlight with the others, has
        // its own set of attributes.
        let layered = |layers: &[Style]| {
            layers
                .iter()
                .fold(Style::new(), |s, l| s.patch(*l))
                .add_modifier
        };
        let mut seen = vec![
            layered(&[styles[0]]),
            layered(&[styles[1]]),
            layered(&[styles[2]]),
            layered(&[styles[3]]),
            layered(&[styles[0], styles[1]]),
            layered(&[styles[0], styles[2]]),
            layered(&[styles[0], styles[1], styles[2]]),
            layered(&[styles[0], styles[1], styles[3]]),
        ];
        let count = seen.len();
        seen.sort_by_key(|m| m.bits());
        seen.dedup();
        assert_eq!(seen.len(), count);
    }
}
