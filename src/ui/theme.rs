//! Every style the reader draws with, in one place: a dark palette, a
//! light one, one without colours (`NO_COLOR`), and the choice between
//! them (the terminal's background, told by `COLORFGBG` or by its answer
//! to an OSC 11 query, both read here; the query itself is the terminal
//! module's).

use std::sync::OnceLock;

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeChoice;
use crate::highlights::Colour;

/// A terminal's background, as far as the choice of palette goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Background {
    /// Dark: light text wanted.
    Dark,
    /// Light: dark text wanted.
    Light,
}

/// The background named by a `COLORFGBG` value (`"15;0"`, `"0;default;15"`:
/// foreground, background as ANSI colour numbers, the background last);
/// `None` when it does not say. Backgrounds 7 (white) and 9 to 15 (bright
/// colours) are light, the others dark, as rxvt and the tools that read it
/// take them.
pub fn background_from_colorfgbg(value: &str) -> Option<Background> {
    let number: u8 = value.rsplit(';').next()?.trim().parse().ok()?;
    match number {
        7 | 9..=15 => Some(Background::Light),
        0..=6 | 8 => Some(Background::Dark),
        _ => None,
    }
}

/// The background in a terminal's answer to OSC 11 (`ESC ] 11 ; rgb:RRRR/
/// GGGG/BBBB` ended by BEL or ST, with 1 to 4 hex digits a component),
/// found anywhere in `reply`: light when its luminance is over one half.
pub fn background_from_osc11(reply: &[u8]) -> Option<Background> {
    let start = reply.windows(4).position(|w| w == b"]11;")? + 4;
    let rest = &reply[start..];
    let end = rest
        .iter()
        .position(|&b| b == 0x07 || b == 0x1b)
        .unwrap_or(rest.len());
    let value = std::str::from_utf8(&rest[..end]).ok()?;
    let (_, components) = value.split_once(':')?;
    let mut channels = components.split('/').map(|hex| {
        let digits = u32::try_from(hex.len())
            .ok()
            .filter(|n| (1..=4).contains(n))?;
        let level = u32::from_str_radix(hex, 16).ok()?;
        Some(f64::from(level) / f64::from((1u32 << (4 * digits)) - 1))
    });
    let (red, green, blue) = (channels.next()??, channels.next()??, channels.next()??);
    let luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue;
    Some(if luminance > 0.5 {
        Background::Light
    } else {
        Background::Dark
    })
}

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
    /// The selection being made (visual mode): its own background;
    /// without colour, reversed and underlined (matches are not drawn
    /// while selecting).
    pub selection: Style,
    /// The mark in the right margin of lines holding a noted highlight.
    pub note_mark: Style,
    /// A highlight's colour named in the panel.
    pub panel_selected: Style,
    /// A heading's text: bold.
    pub heading: Style,
    /// Code, in blocks and inline.
    pub code: Style,
    /// A link's text.
    pub link: Style,
    /// What is drawn around text but is not text: quote bars, list
    /// markers, rules.
    pub decoration: Style,
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
            selection: Style::new()
                .add_modifier(Modifier::REVERSED)
                .add_modifier(Modifier::UNDERLINED),
            note_mark: Style::new().add_modifier(Modifier::BOLD),
            panel_selected: Style::new().add_modifier(Modifier::REVERSED),
            heading: Style::new().add_modifier(Modifier::BOLD),
            // Underlining means a highlight here: links and code keep the
            // text's look, told by the decoration and their context.
            code: Style::new(),
            link: Style::new(),
            decoration: Style::new().add_modifier(Modifier::DIM),
        }
    }

    /// The theme the environment asks for: [`Theme::no_color`] when
    /// `NO_COLOR` is set and not empty (see no-color.org), else the
    /// default (dark); read once.
    pub fn current() -> Theme {
        static THEME: OnceLock<Theme> = OnceLock::new();
        *THEME.get_or_init(|| {
            if no_color() {
                Theme::no_color()
            } else {
                Theme::default()
            }
        })
    }

    /// Whether [`Theme::choose`] needs the terminal's answer: the choice
    /// is `auto`, colours are allowed, and `colorfgbg` does not say.
    pub fn asks_terminal(choice: ThemeChoice, no_color: bool, colorfgbg: Option<&str>) -> bool {
        !no_color
            && choice == ThemeChoice::Auto
            && colorfgbg.and_then(background_from_colorfgbg).is_none()
    }

    /// The theme for `choice`: [`Theme::no_color`] whenever `no_color`;
    /// for [`ThemeChoice::Auto`], the palette for the background that
    /// `colorfgbg` (the variable's value) names, else the one `ask` (the
    /// terminal) answers, else dark. `ask` is called only when needed.
    pub fn choose(
        choice: ThemeChoice,
        no_color: bool,
        colorfgbg: Option<&str>,
        ask: impl FnOnce() -> Option<Background>,
    ) -> Theme {
        if no_color {
            return Theme::no_color();
        }
        let background = match choice {
            ThemeChoice::Dark => Background::Dark,
            ThemeChoice::Light => Background::Light,
            ThemeChoice::Auto => colorfgbg
                .and_then(background_from_colorfgbg)
                .or_else(ask)
                .unwrap_or(Background::Dark),
        };
        match background {
            Background::Dark => Theme::dark(),
            Background::Light => Theme::light(),
        }
    }

    /// Light text on a dark background (the default).
    pub fn dark() -> Theme {
        Theme {
            text: Style::new(),
            focus: Style::new().bg(Color::Indexed(236)),
            marker: Style::new().fg(Color::Cyan),
            // Orange, apart from the yellow highlight it may sit on.
            matched: Style::new().fg(Color::Black).bg(Color::Indexed(208)),
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
            selection: Style::new().fg(Color::White).bg(Color::Indexed(25)),
            note_mark: Style::new().fg(Color::Indexed(186)),
            panel_selected: Style::new().add_modifier(Modifier::REVERSED),
            heading: Style::new().add_modifier(Modifier::BOLD),
            code: Style::new().fg(Color::Indexed(180)),
            link: Style::new()
                .fg(Color::Indexed(110))
                .add_modifier(Modifier::UNDERLINED),
            decoration: Style::new().fg(Color::Indexed(244)),
        }
    }

    /// Dark text on a light background: the same kinds of marking, in
    /// deeper or paler colours that stand out on white.
    pub fn light() -> Theme {
        Theme {
            // Its own background and ink, whatever the terminal's.
            text: Style::new().fg(Color::Black).bg(Color::Indexed(231)),
            focus: Style::new().fg(Color::Black).bg(Color::Indexed(254)),
            marker: Style::new().fg(Color::Indexed(25)),
            matched: Style::new().fg(Color::Black).bg(Color::Indexed(214)),
            current_match: Style::new()
                .fg(Color::White)
                .bg(Color::Indexed(160))
                .add_modifier(Modifier::BOLD),
            status: Style::new().fg(Color::Black).bg(Color::Indexed(251)),
            status_message: Style::new()
                .fg(Color::Black)
                .bg(Color::Indexed(251))
                .add_modifier(Modifier::BOLD),
            help: Style::new().fg(Color::Black).bg(Color::Indexed(255)),
            help_keys: Style::new()
                .fg(Color::Indexed(25))
                .bg(Color::Indexed(255))
                .add_modifier(Modifier::BOLD),
            page_break: Style::new().fg(Color::Indexed(246)),
            highlights: [229, 157, 153, 225].map(|c| {
                Style::new()
                    .fg(Color::Black)
                    .bg(Color::Indexed(c))
                    .add_modifier(Modifier::UNDERLINED)
            }),
            span: Style::new()
                .bg(Color::Indexed(250))
                .add_modifier(Modifier::BOLD),
            selection: Style::new().fg(Color::White).bg(Color::Indexed(32)),
            note_mark: Style::new().fg(Color::Indexed(130)),
            panel_selected: Style::new().fg(Color::White).bg(Color::Indexed(25)),
            heading: Style::new().add_modifier(Modifier::BOLD),
            code: Style::new().fg(Color::Indexed(94)),
            link: Style::new()
                .fg(Color::Indexed(25))
                .add_modifier(Modifier::UNDERLINED),
            decoration: Style::new().fg(Color::Indexed(245)),
        }
    }
}

/// Whether `NO_COLOR` is set and not empty (see no-color.org).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The symbol that marks the focused paragraph in the left margin.
pub const FOCUS_MARKER: &str = "▌";

impl Default for Theme {
    /// [`Theme::dark`].
    fn default() -> Theme {
        Theme::dark()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_terminal_is_asked_exactly_when_the_choice_needs_its_answer() {
        for choice in [ThemeChoice::Dark, ThemeChoice::Light, ThemeChoice::Auto] {
            for no_color in [false, true] {
                for colorfgbg in [None, Some("0;15"), Some("15;0"), Some("nonsense")] {
                    let mut asked = false;
                    Theme::choose(choice, no_color, colorfgbg, || {
                        asked = true;
                        None
                    });
                    assert_eq!(
                        Theme::asks_terminal(choice, no_color, colorfgbg),
                        asked,
                        "{choice:?}, no colour {no_color}, COLORFGBG {colorfgbg:?}"
                    );
                }
            }
        }
    }

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

    #[test]
    fn colorfgbg_names_the_background_last() {
        assert_eq!(background_from_colorfgbg("15;0"), Some(Background::Dark));
        assert_eq!(background_from_colorfgbg("0;15"), Some(Background::Light));
        assert_eq!(
            background_from_colorfgbg("0;default;7"),
            Some(Background::Light)
        );
        assert_eq!(background_from_colorfgbg("7;8"), Some(Background::Dark));
        assert_eq!(background_from_colorfgbg("15;default"), None);
        assert_eq!(background_from_colorfgbg(""), None);
        assert_eq!(background_from_colorfgbg("0;200"), None);
    }

    #[test]
    fn an_osc_11_answer_tells_the_background_by_its_luminance() {
        let light = b"\x1b]11;rgb:ffff/ffff/ffff\x07\x1b[?62;22c";
        assert_eq!(background_from_osc11(light), Some(Background::Light));
        let dark = b"\x1b]11;rgb:1e1e/1e1e/2e2e\x1b\\";
        assert_eq!(background_from_osc11(dark), Some(Background::Dark));
        // Solarized light (#fdf6e3), two hex digits a component.
        assert_eq!(
            background_from_osc11(b"\x1b]11;rgb:fd/f6/e3\x07"),
            Some(Background::Light)
        );
        // Pure blue is bright but not light; yellow is.
        assert_eq!(
            background_from_osc11(b"\x1b]11;rgb:0/0/f\x07"),
            Some(Background::Dark)
        );
        assert_eq!(
            background_from_osc11(b"\x1b]11;rgb:ff/ff/00\x07"),
            Some(Background::Light)
        );
        for bad in [
            &b"\x1b[?62;22c"[..],
            b"\x1b]11;rgb:zz/00/00\x07",
            b"\x1b]11;rgb:ff/ff\x07",
            b"\x1b]11;rgb:fffff/0/0\x07",
        ] {
            assert_eq!(background_from_osc11(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_choice_follows_no_color_then_the_flag_then_the_terminal() {
        let never = || -> Option<Background> { panic!("the terminal is not asked") };
        assert_eq!(
            Theme::choose(ThemeChoice::Light, true, None, never),
            Theme::no_color()
        );
        assert_eq!(
            Theme::choose(ThemeChoice::Light, false, Some("15;0"), never),
            Theme::light()
        );
        assert_eq!(
            Theme::choose(ThemeChoice::Dark, false, None, never),
            Theme::dark()
        );
        assert_eq!(
            Theme::choose(ThemeChoice::Auto, false, Some("0;15"), never),
            Theme::light()
        );
        let light = || Some(Background::Light);
        assert_eq!(
            Theme::choose(ThemeChoice::Auto, false, None, light),
            Theme::light()
        );
        assert_eq!(
            Theme::choose(ThemeChoice::Auto, false, Some("default"), light),
            Theme::light()
        );
        assert_eq!(
            Theme::choose(ThemeChoice::Auto, false, None, || None),
            Theme::dark()
        );
    }

    #[test]
    fn the_light_theme_keeps_every_kind_apart() {
        let theme = Theme::light();
        let mut backgrounds = vec![
            theme.focus.bg,
            theme.matched.bg,
            theme.current_match.bg,
            theme.span.bg,
            theme.status.bg,
            theme.panel_selected.bg,
        ];
        backgrounds.extend(theme.highlights.iter().map(|h| h.bg));
        assert!(backgrounds.iter().all(Option::is_some));
        let count = backgrounds.len();
        backgrounds.sort_by_key(|c| format!("{c:?}"));
        backgrounds.dedup();
        assert_eq!(backgrounds.len(), count, "one background a kind");
        assert!(theme.marker.fg.is_some() && theme.marker.fg != theme.focus.bg);
        assert!(
            theme
                .highlights
                .iter()
                .all(|h| h.add_modifier.contains(Modifier::UNDERLINED))
        );
        assert!(theme.span.add_modifier.contains(Modifier::BOLD));
        assert_ne!(Theme::light(), Theme::dark());
    }
}
