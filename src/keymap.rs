//! Keys to actions, and back.
//!
//! [`action_for`] maps a key press in a [`Mode`] to an [`Action`];
//! [`help_entries`] reads the same tables the other way, so the help overlay
//! always shows the bindings that are really in force.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::{Action, PromptKind};

/// What the keyboard is driving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Reading: movement, search, help.
    Normal,
    /// Typing in the status-line prompt.
    Prompt,
    /// The help overlay is open: Space turns its page, any other key
    /// closes it.
    Help,
    /// The highlights panel is open.
    Panel,
    /// A mark's letter is awaited (after `m` or `'`), or a second `]`/`[`.
    MarkLetter,
    /// The outline is open: typing filters it.
    Outline,
    /// The information view is open: any key closes it.
    Info,
}

/// A key with the modifiers that matter (Shift is part of the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Control and Alt; never Shift.
    pub modifiers: KeyModifiers,
}

impl Key {
    const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    /// The key as pressed, Shift folded into the character.
    pub fn from_event(event: KeyEvent) -> Key {
        let mut modifiers = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match event.code {
            KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            KeyCode::BackTab => {
                modifiers = KeyModifiers::NONE;
                KeyCode::BackTab
            }
            code => code,
        };
        Key { code, modifiers }
    }

    /// How the key is written in the help overlay.
    pub fn label(self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".to_owned(),
            KeyCode::Esc => "Esc".to_owned(),
            KeyCode::Up => "↑".to_owned(),
            KeyCode::Down => "↓".to_owned(),
            KeyCode::Left => "←".to_owned(),
            KeyCode::Right => "→".to_owned(),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::Home => "Home".to_owned(),
            KeyCode::End => "End".to_owned(),
            KeyCode::Backspace => "Backspace".to_owned(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{name}")
        } else {
            name
        }
    }
}

/// Bindings of the reading mode, in the order the help shows them.
const NORMAL: &[(Key, Action)] = &[
    (Key::char('j'), Action::LineDown),
    (Key::plain(KeyCode::Down), Action::LineDown),
    (Key::plain(KeyCode::Enter), Action::LineDown),
    (Key::char('k'), Action::LineUp),
    (Key::plain(KeyCode::Up), Action::LineUp),
    (Key::char('d'), Action::HalfPageDown),
    (Key::ctrl('d'), Action::HalfPageDown),
    (Key::char('u'), Action::HalfPageUp),
    (Key::ctrl('u'), Action::HalfPageUp),
    (Key::char(' '), Action::PageDown),
    (Key::char('f'), Action::PageDown),
    (Key::plain(KeyCode::PageDown), Action::PageDown),
    (Key::char('b'), Action::PageUp),
    (Key::plain(KeyCode::PageUp), Action::PageUp),
    (Key::char('g'), Action::Top),
    (Key::plain(KeyCode::Home), Action::Top),
    (Key::char('G'), Action::Bottom),
    (Key::plain(KeyCode::End), Action::Bottom),
    (Key::char('}'), Action::NextParagraph),
    (Key::char('{'), Action::PreviousParagraph),
    (Key::char(':'), Action::OpenPrompt(PromptKind::Jump)),
    (
        Key::char('/'),
        Action::OpenPrompt(PromptKind::SearchForward),
    ),
    (
        Key::char('?'),
        Action::OpenPrompt(PromptKind::SearchBackward),
    ),
    (Key::char('n'), Action::NextMatch),
    (Key::char('N'), Action::PreviousMatch),
    (Key::plain(KeyCode::Esc), Action::Escape),
    (Key::char(')'), Action::NextSentence),
    (Key::char('('), Action::PreviousSentence),
    (Key::char('x'), Action::MarkSelection),
    (Key::char('X'), Action::MarkParagraph),
    (Key::char('U'), Action::Unmark),
    (Key::char(';'), Action::NextHighlight),
    (Key::char(','), Action::PreviousHighlight),
    (Key::char('H'), Action::ShowHighlights),
    (Key::char('E'), Action::ExportHighlights),
    (Key::char('o'), Action::OpenOutline),
    (Key::plain(KeyCode::Tab), Action::OpenOutline),
    (Key::char(']'), Action::AwaitBracket(true)),
    (Key::char('['), Action::AwaitBracket(false)),
    (Key::char('i'), Action::ShowInfo),
    (Key::ctrl('g'), Action::ShowInfo),
    (Key::char('y'), Action::Copy),
    (Key::char('R'), Action::Reload),
    (Key::char('m'), Action::SetMark),
    (Key::char('\''), Action::GoToMark),
    (Key::char('+'), Action::WidenMeasure),
    (Key::char('-'), Action::NarrowMeasure),
    (Key::char('='), Action::DefaultMeasure),
    (Key::char('Y'), Action::ToggleHyphenation),
    (Key::char('J'), Action::ToggleJustify),
    (Key::char('h'), Action::ShowHelp),
    (Key::plain(KeyCode::F(1)), Action::ShowHelp),
    (Key::ctrl('z'), Action::Suspend),
    (Key::char('q'), Action::Quit),
    (Key::ctrl('c'), Action::Quit),
];

/// Bindings of the prompt, besides typing.
const PROMPT: &[(Key, Action)] = &[
    (Key::plain(KeyCode::Enter), Action::Submit),
    (Key::plain(KeyCode::Esc), Action::Cancel),
    (Key::ctrl('c'), Action::Cancel),
    (Key::plain(KeyCode::Backspace), Action::DeleteBack),
    (Key::ctrl('w'), Action::DeleteWord),
    (Key::ctrl('u'), Action::DeleteToStart),
    (Key::plain(KeyCode::Left), Action::CursorLeft),
    (Key::plain(KeyCode::Right), Action::CursorRight),
    (Key::ctrl('r'), Action::ToggleRegex),
    (Key::plain(KeyCode::Up), Action::HistoryPrevious),
    (Key::plain(KeyCode::Down), Action::HistoryNext),
];

/// Bindings of the outline besides typing (shown in its frame).
const OUTLINE: &[(Key, Action)] = &[
    (Key::plain(KeyCode::Down), Action::OutlineDown),
    (Key::ctrl('n'), Action::OutlineDown),
    (Key::plain(KeyCode::Up), Action::OutlineUp),
    (Key::ctrl('p'), Action::OutlineUp),
    (Key::plain(KeyCode::PageDown), Action::OutlinePageDown),
    (Key::plain(KeyCode::PageUp), Action::OutlinePageUp),
    (Key::plain(KeyCode::Tab), Action::OutlineToggleHeadings),
    (Key::plain(KeyCode::Enter), Action::OutlineJump),
    (Key::plain(KeyCode::Esc), Action::CloseOutline),
    (Key::ctrl('c'), Action::CloseOutline),
    (Key::plain(KeyCode::Backspace), Action::DeleteBack),
];

/// Bindings of the highlights panel (shown in its frame, not in the help).
const PANEL: &[(Key, Action)] = &[
    (Key::char('j'), Action::PanelDown),
    (Key::plain(KeyCode::Down), Action::PanelDown),
    (Key::char('k'), Action::PanelUp),
    (Key::plain(KeyCode::Up), Action::PanelUp),
    (Key::plain(KeyCode::Enter), Action::PanelJump),
    (Key::char('d'), Action::PanelDelete),
    (Key::plain(KeyCode::Delete), Action::PanelDelete),
    (Key::plain(KeyCode::Esc), Action::ClosePanel),
    (Key::char('q'), Action::ClosePanel),
    (Key::char('H'), Action::ClosePanel),
    (Key::ctrl('c'), Action::Quit),
];

/// The action for `event` in `mode`, if any.
pub fn action_for(mode: Mode, event: KeyEvent) -> Option<Action> {
    let key = Key::from_event(event);
    let lookup = |table: &[(Key, Action)]| {
        table
            .iter()
            .find(|(bound, _)| *bound == key)
            .map(|&(_, action)| action)
    };
    match mode {
        Mode::Help if key == Key::ctrl('c') => Some(Action::Quit),
        Mode::Help if [Key::char(' '), Key::plain(KeyCode::PageDown)].contains(&key) => {
            Some(Action::HelpNextPage)
        }
        Mode::Help => Some(Action::CloseHelp),
        Mode::Normal => match key.code {
            KeyCode::Char(c @ '0'..='9') if key.modifiers.is_empty() => {
                Some(Action::Digit(c as u8 - b'0'))
            }
            _ => lookup(NORMAL),
        },
        Mode::Panel => lookup(PANEL),
        Mode::MarkLetter => match key.code {
            KeyCode::Char(c) if key.modifiers.is_empty() => Some(Action::MarkLetter(c)),
            _ => Some(Action::CancelMark),
        },
        Mode::Outline => lookup(OUTLINE).or(match key.code {
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                Some(Action::Insert(c))
            }
            _ => None,
        }),
        Mode::Info if key == Key::ctrl('c') => Some(Action::Quit),
        Mode::Info => Some(Action::CloseInfo),
        Mode::Prompt => lookup(PROMPT).or(match key.code {
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                Some(Action::Insert(c))
            }
            _ => None,
        }),
    }
}

/// One line of the help overlay: the keys and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpEntry {
    /// Every key bound to the action, as labels.
    pub keys: Vec<String>,
    /// What the action does.
    pub description: &'static str,
}

/// The help overlay's lines, read from the bindings of the reading mode,
/// then of the prompt, each action once with all its keys; then the count
/// prefix and the mouse.
pub fn help_entries() -> Vec<HelpEntry> {
    let mut entries: Vec<(Action, HelpEntry)> = Vec::new();
    for &(key, action) in NORMAL.iter().chain(PROMPT) {
        match entries.iter_mut().find(|(a, _)| *a == action) {
            Some((_, entry)) => entry.keys.push(key.label()),
            None => entries.push((
                action,
                HelpEntry {
                    keys: vec![key.label()],
                    description: action.description(),
                },
            )),
        }
    }
    let mut entries: Vec<HelpEntry> = entries.into_iter().map(|(_, e)| e).collect();
    entries.push(HelpEntry {
        keys: vec!["0-9".to_owned()],
        description: Action::Digit(0).description(),
    });
    entries.push(HelpEntry {
        keys: vec!["wheel".to_owned()],
        description: "scroll",
    });
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    fn normal(c: char) -> Option<Action> {
        action_for(Mode::Normal, press(KeyCode::Char(c), KeyModifiers::NONE))
    }

    #[test]
    fn design_keys_are_bound() {
        assert_eq!(normal('q'), Some(Action::Quit));
        assert_eq!(normal('j'), Some(Action::LineDown));
        assert_eq!(normal('}'), Some(Action::NextParagraph));
        assert_eq!(normal('3'), Some(Action::Digit(3)));
        let ctrl_d = press(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(action_for(Mode::Normal, ctrl_d), Some(Action::HalfPageDown));
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(Mode::Normal, ctrl_c), Some(Action::Quit));
        assert_eq!(action_for(Mode::Help, ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn shift_is_part_of_the_character() {
        let shifted = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(Mode::Normal, shifted), Some(Action::Bottom));
        let brace = press(KeyCode::Char('}'), KeyModifiers::SHIFT);
        assert_eq!(action_for(Mode::Normal, brace), Some(Action::NextParagraph));
    }

    #[test]
    fn prompt_types_what_normal_mode_would_act_on() {
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for(Mode::Prompt, q), Some(Action::Insert('q')));
        let ctrl_w = press(KeyCode::Char('w'), KeyModifiers::CONTROL);
        assert_eq!(action_for(Mode::Prompt, ctrl_w), Some(Action::DeleteWord));
    }

    #[test]
    fn highlight_keys_leave_marks_to_m_and_quote_and_the_panel_has_its_own() {
        assert_eq!(normal('x'), Some(Action::MarkSelection));
        assert_eq!(normal(')'), Some(Action::NextSentence));
        assert_eq!(normal('m'), Some(Action::SetMark));
        assert_eq!(normal('\''), Some(Action::GoToMark));
        let a = press(KeyCode::Char('a'), KeyModifiers::NONE);
        assert_eq!(
            action_for(Mode::MarkLetter, a),
            Some(Action::MarkLetter('a'))
        );
        let esc = press(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(action_for(Mode::MarkLetter, esc), Some(Action::CancelMark));
        let d = press(KeyCode::Char('d'), KeyModifiers::NONE);
        assert_eq!(action_for(Mode::Panel, d), Some(Action::PanelDelete));
        let enter = press(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(action_for(Mode::Panel, enter), Some(Action::PanelJump));
        let x = press(KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(action_for(Mode::Panel, x), None);
    }

    #[test]
    fn any_key_closes_help() {
        let x = press(KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(action_for(Mode::Help, x), Some(Action::CloseHelp));
    }

    #[test]
    fn help_lists_every_bound_action_once_with_all_its_keys() {
        let entries = help_entries();
        let down = entries
            .iter()
            .find(|e| e.description == "line down")
            .unwrap();
        assert_eq!(down.keys, ["j", "↓", "Enter"]);
        let quit = entries.iter().find(|e| e.description == "quit").unwrap();
        assert_eq!(quit.keys, ["q", "Ctrl-c"]);
        for &(_, action) in NORMAL.iter().chain(PROMPT) {
            let described = entries
                .iter()
                .filter(|e| e.description == action.description());
            assert_eq!(described.count(), 1, "{action:?}");
        }
        let accept = entries.iter().find(|e| e.description == "prompt: accept");
        assert_eq!(accept.unwrap().keys, ["Enter"]);
    }
}
