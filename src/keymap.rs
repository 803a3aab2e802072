//! Keys to actions, and back.
//!
//! A [`Keymap`] maps a key press in a [`Mode`] to an [`Action`]: the
//! default bindings, with the user's from the configuration file's
//! `[keys]` table on top ([`Keymap::with_bindings`]). [`Keymap::help_entries`]
//! reads the same tables the other way, so the help overlay always shows
//! the bindings that are really in force. Keys are written as the help
//! writes them ([`Key::label`], read back by [`Key::parse`]).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use crate::action::Mode;
use crate::action::{Action, PromptKind, Unit};
use crate::config::Binding;

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
        let ctrl = if self.modifiers.contains(KeyModifiers::CONTROL) {
            "Ctrl-"
        } else {
            ""
        };
        let alt = if self.modifiers.contains(KeyModifiers::ALT) {
            "Alt-"
        } else {
            ""
        };
        format!("{ctrl}{alt}{name}")
    }

    /// The key written `text`, as [`Key::label`] writes it (`"j"`, `"G"`,
    /// `"Ctrl-d"`, `"Space"`, `"Enter"`, `"Esc"`, `"PgDn"`, `"↑"`, `"F1"`…);
    /// also `"Up"`, `"Down"`, `"Left"`, `"Right"`, `"PageDown"`,
    /// `"PageUp"`, `"Tab"`, `"Delete"`, and `Alt-` before any key.
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            // A lone "-" is the minus key, not a modifier.
            if let Some(after) = strip_prefix_ignore_case(rest, "Ctrl-").filter(|r| !r.is_empty()) {
                modifiers |= KeyModifiers::CONTROL;
                rest = after;
            } else if let Some(after) =
                strip_prefix_ignore_case(rest, "Alt-").filter(|r| !r.is_empty())
            {
                modifiers |= KeyModifiers::ALT;
                rest = after;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => match c {
                '↑' => KeyCode::Up,
                '↓' => KeyCode::Down,
                '←' => KeyCode::Left,
                '→' => KeyCode::Right,
                // Control folds the character to lower case (see
                // `Key::from_event`).
                c if modifiers.contains(KeyModifiers::CONTROL) => {
                    KeyCode::Char(c.to_ascii_lowercase())
                }
                c => KeyCode::Char(c),
            },
            _ => named_key(rest).ok_or_else(|| {
                format!(
                    "`{text}` is not a key (write a character, or Space, Enter, Esc, Tab, \
                     Backspace, Delete, Up, Down, Left, Right, PgUp, PgDn, Home, End, F1…F12, \
                     with Ctrl- or Alt- before it if need be)"
                )
            })?,
        };
        Ok(Key { code, modifiers })
    }
}

/// `text` without `prefix`, compared without regard to case.
fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// The key called `name` (not a single character), case aside.
fn named_key(name: &str) -> Option<KeyCode> {
    let lower = name.to_ascii_lowercase();
    Some(match lower.as_str() {
        "space" => KeyCode::Char(' '),
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backspace" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        _ => {
            let number: u8 = lower.strip_prefix('f')?.parse().ok()?;
            if !(1..=24).contains(&number) {
                return None;
            }
            KeyCode::F(number)
        }
    })
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
    (Key::char('v'), Action::StartSelection),
    (Key::char('x'), Action::MarkSelection),
    (Key::char('X'), Action::MarkParagraph),
    (Key::char('U'), Action::Unmark),
    (Key::char(';'), Action::NextHighlight),
    (Key::char(','), Action::PreviousHighlight),
    (Key::char('a'), Action::EditNote),
    (Key::char('A'), Action::EditNoteInEditor),
    (Key::char('H'), Action::ShowHighlights),
    (Key::char('E'), Action::ExportHighlights),
    (Key::char('o'), Action::OpenOutline),
    (Key::plain(KeyCode::Tab), Action::OpenOutline),
    (Key::char(']'), Action::AwaitBracket(true)),
    (Key::char('['), Action::AwaitBracket(false)),
    (Key::char('l'), Action::ShowLinks),
    (Key::char('i'), Action::ShowInfo),
    (Key::ctrl('g'), Action::ShowInfo),
    (Key::char('y'), Action::Copy),
    (Key::char('R'), Action::Reload),
    (Key::char('m'), Action::SetMark),
    (Key::char('\''), Action::GoToMark),
    (Key::ctrl('o'), Action::JumpOlder),
    (Key::ctrl('n'), Action::JumpNewer),
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
    (Key::char('c'), Action::PanelRecolour),
    (Key::char('a'), Action::EditNote),
    (Key::char('A'), Action::EditNoteInEditor),
    (Key::char('/'), Action::PanelFilter),
    (Key::char('1'), Action::PanelColour(1)),
    (Key::char('2'), Action::PanelColour(2)),
    (Key::char('3'), Action::PanelColour(3)),
    (Key::char('4'), Action::PanelColour(4)),
    (Key::char('u'), Action::Undo),
    (Key::ctrl('r'), Action::Redo),
    (Key::plain(KeyCode::Esc), Action::ClosePanel),
    (Key::char('q'), Action::ClosePanel),
    (Key::char('H'), Action::ClosePanel),
    (Key::ctrl('c'), Action::Quit),
];

/// Bindings of visual mode, while a selection is made (shown in the
/// help, after the reading mode's).
const VISUAL: &[(Key, Action)] = &[
    (Key::char('w'), Action::Extend(Unit::Word, true)),
    (Key::char('e'), Action::Extend(Unit::Word, true)),
    (Key::char('b'), Action::Extend(Unit::Word, false)),
    (Key::char(')'), Action::Extend(Unit::Sentence, true)),
    (Key::char('('), Action::Extend(Unit::Sentence, false)),
    (Key::char('}'), Action::Extend(Unit::Paragraph, true)),
    (Key::char('{'), Action::Extend(Unit::Paragraph, false)),
    (Key::char('j'), Action::Extend(Unit::Line, true)),
    (Key::plain(KeyCode::Down), Action::Extend(Unit::Line, true)),
    (Key::char('k'), Action::Extend(Unit::Line, false)),
    (Key::plain(KeyCode::Up), Action::Extend(Unit::Line, false)),
    (Key::char('o'), Action::SwapEnds),
    (Key::char('x'), Action::HighlightSelection(None)),
    (Key::plain(KeyCode::Enter), Action::HighlightSelection(None)),
    (Key::char('a'), Action::EditNote),
    (Key::char('A'), Action::EditNoteInEditor),
    (Key::char('y'), Action::Copy),
    (Key::char('u'), Action::Undo),
    (Key::ctrl('r'), Action::Redo),
    (Key::plain(KeyCode::Esc), Action::CancelSelection),
    (Key::char('v'), Action::CancelSelection),
    (Key::char('q'), Action::CancelSelection),
    (Key::ctrl('c'), Action::Quit),
];

/// Bindings of the note box, besides typing (shown in its frame).
const NOTE: &[(Key, Action)] = &[
    (Key::plain(KeyCode::Enter), Action::Submit),
    (Key::ctrl('j'), Action::NewLine),
    (
        Key {
            code: KeyCode::Enter,
            modifiers: KeyModifiers::ALT,
        },
        Action::NewLine,
    ),
    (Key::plain(KeyCode::Esc), Action::Cancel),
    (Key::ctrl('c'), Action::Cancel),
    (Key::plain(KeyCode::Backspace), Action::DeleteBack),
    (Key::ctrl('w'), Action::DeleteWord),
    (Key::ctrl('u'), Action::DeleteToStart),
    (Key::plain(KeyCode::Left), Action::CursorLeft),
    (Key::plain(KeyCode::Right), Action::CursorRight),
    (Key::plain(KeyCode::Up), Action::CursorUp),
    (Key::plain(KeyCode::Down), Action::CursorDown),
];

/// Bindings of the panel's filter, besides typing (shown in its frame).
const PANEL_FILTER: &[(Key, Action)] = &[
    (Key::plain(KeyCode::Enter), Action::Submit),
    (Key::plain(KeyCode::Esc), Action::Cancel),
    (Key::ctrl('c'), Action::Cancel),
    (Key::plain(KeyCode::Backspace), Action::DeleteBack),
    (Key::plain(KeyCode::Down), Action::PanelDown),
    (Key::plain(KeyCode::Up), Action::PanelUp),
];

/// Bindings of the links list (shown in its frame).
const LINKS: &[(Key, Action)] = &[
    (Key::char('j'), Action::LinksDown),
    (Key::plain(KeyCode::Down), Action::LinksDown),
    (Key::char('k'), Action::LinksUp),
    (Key::plain(KeyCode::Up), Action::LinksUp),
    (Key::plain(KeyCode::Enter), Action::LinksFollow),
    (Key::char('y'), Action::LinksCopy),
    (Key::plain(KeyCode::Esc), Action::CloseLinks),
    (Key::char('q'), Action::CloseLinks),
    (Key::char('l'), Action::CloseLinks),
    (Key::ctrl('c'), Action::Quit),
];

/// One line of the help overlay: the keys and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpEntry {
    /// Every key bound to the action, as labels.
    pub keys: Vec<String>,
    /// What the action does.
    pub description: &'static str,
}

/// The key bindings in force: the defaults, with the user's on top.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// The reading mode's bindings, in the order the help shows them.
    normal: Vec<(Key, Action)>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            normal: NORMAL.to_vec(),
        }
    }
}

impl Keymap {
    /// The default bindings with `bindings` (from the configuration file)
    /// applied in order: listing an action replaces its keys, and a key
    /// given to an action is taken from the one it had. Fails, saying why,
    /// on an unknown action or key (see [`check_binding`]).
    pub fn with_bindings(bindings: &[Binding]) -> Result<Keymap, String> {
        let mut keymap = Keymap::default();
        for binding in bindings {
            let action = bindable(&binding.action)?;
            let keys = binding
                .keys
                .iter()
                .map(|key| bindable_key(key))
                .collect::<Result<Vec<Key>, String>>()?;
            keymap.bind(action, &keys);
        }
        Ok(keymap)
    }

    /// Gives `action` exactly `keys` in the reading mode, taking each key
    /// from the action it had; the action keeps its place in the help.
    pub fn bind(&mut self, action: Action, keys: &[Key]) {
        let at = self
            .normal
            .iter()
            .position(|&(_, bound)| bound == action)
            .unwrap_or(self.normal.len());
        let before = self.normal[..at]
            .iter()
            .filter(|(key, _)| !keys.contains(key))
            .count();
        self.normal
            .retain(|&(key, bound)| bound != action && !keys.contains(&key));
        let at = before.min(self.normal.len());
        let mut unique: Vec<Key> = Vec::new();
        for &key in keys {
            if !unique.contains(&key) {
                unique.push(key);
            }
        }
        self.normal
            .splice(at..at, unique.into_iter().map(|key| (key, action)));
    }

    /// The keys bound to `action` in the reading mode.
    pub fn keys_for(&self, action: Action) -> Vec<Key> {
        self.normal
            .iter()
            .filter(|&&(_, bound)| bound == action)
            .map(|&(key, _)| key)
            .collect()
    }

    /// Every bindable action with its keys (labels), in the help's order,
    /// as the configuration file writes them; actions left without a key
    /// come last, with none.
    pub fn bindings(&self) -> Vec<Binding> {
        let mut shown: Vec<Action> = Vec::new();
        for &(_, action) in &self.normal {
            if !shown.contains(&action) {
                shown.push(action);
            }
        }
        shown.extend(
            Action::BINDABLE
                .iter()
                .filter(|action| !shown.contains(action))
                .collect::<Vec<_>>(),
        );
        shown
            .into_iter()
            .filter_map(|action| {
                Some(Binding {
                    action: action.name()?.to_owned(),
                    keys: self.keys_for(action).into_iter().map(Key::label).collect(),
                })
            })
            .collect()
    }

    /// The action for `event` in `mode`, if any.
    pub fn action_for(&self, mode: Mode, event: KeyEvent) -> Option<Action> {
        let key = Key::from_event(event);
        let lookup = |table: &[(Key, Action)]| {
            table
                .iter()
                .find(|(bound, _)| *bound == key)
                .map(|&(_, action)| action)
        };
        match mode {
            Mode::Help if key == Key::ctrl('c') => Some(Action::Quit),
            Mode::Help => Some(Action::CloseHelp),
            Mode::Normal => match key.code {
                KeyCode::Char(c @ '0'..='9') if key.modifiers.is_empty() => {
                    Some(Action::Digit(c as u8 - b'0'))
                }
                // Whatever the configuration binds, Ctrl-c leaves: raw mode
                // takes SIGINT away, so it must stay a way out.
                _ if key == Key::ctrl('c') => Some(Action::Quit),
                _ => lookup(&self.normal),
            },
            Mode::Panel => lookup(PANEL),
            Mode::PanelFilter => lookup(PANEL_FILTER).or(match key.code {
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    Some(Action::Insert(c))
                }
                _ => None,
            }),
            Mode::Visual => match key.code {
                KeyCode::Char(c @ '0'..='9') if key.modifiers.is_empty() => {
                    Some(Action::Digit(c as u8 - b'0'))
                }
                _ => lookup(VISUAL),
            },
            Mode::Note => lookup(NOTE).or(match key.code {
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    Some(Action::Insert(c))
                }
                _ => None,
            }),
            Mode::Links => lookup(LINKS),
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

    /// The help overlay's lines, read from the bindings of the reading
    /// mode, then of the prompt, each action once with all its keys; then
    /// the count prefix and the mouse.
    pub fn help_entries(&self) -> Vec<HelpEntry> {
        let mut entries: Vec<(Action, HelpEntry)> = Vec::new();
        for &(key, action) in self.normal.iter() {
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
        // Opposite moves share a line when their keys are short.
        for &(first, second, description) in PAIRS {
            let find = |action: Action| entries.iter().position(|(a, _)| *a == action);
            let (Some(i), Some(j)) = (find(first), find(second)) else {
                continue;
            };
            let twice = matches!(first, Action::AwaitBracket(_));
            let keys: Vec<String> = entries[i]
                .1
                .keys
                .iter()
                .chain(&entries[j].1.keys)
                .map(|key| if twice { key.repeat(2) } else { key.clone() })
                .collect();
            if keys.join(" ").chars().count() > HELP_KEYS_ROOM {
                continue;
            }
            entries[i].1 = HelpEntry { keys, description };
            entries.remove(j);
        }
        let mut entries: Vec<HelpEntry> = entries.into_iter().map(|(_, e)| e).collect();
        // The prompt's and the selection's keys, summed up (they are not
        // rebound).
        let summed = VISUAL_HELP.iter().chain(PROMPT_HELP);
        entries.extend(summed.map(|&(keys, description)| HelpEntry {
            keys: vec![keys.to_owned()],
            description,
        }));
        entries
    }
}

/// Room for the keys of one line of the help.
const HELP_KEYS_ROOM: usize = 13;

/// Actions whose lines of help are shared, and the shared description
/// (keys pressed twice, `]]` `[[`, are written twice).
const PAIRS: &[(Action, Action, &str)] = &[
    (
        Action::NextParagraph,
        Action::PreviousParagraph,
        "next/previous paragraph",
    ),
    (
        Action::OpenPrompt(PromptKind::SearchForward),
        Action::OpenPrompt(PromptKind::SearchBackward),
        "search forward/backward",
    ),
    (
        Action::NextMatch,
        Action::PreviousMatch,
        "next/previous match",
    ),
    (
        Action::NextSentence,
        Action::PreviousSentence,
        "next/previous sentence",
    ),
    (
        Action::NextHighlight,
        Action::PreviousHighlight,
        "next/previous highlight",
    ),
    (
        Action::AwaitBracket(true),
        Action::AwaitBracket(false),
        "next/previous heading",
    ),
    (
        Action::WidenMeasure,
        Action::NarrowMeasure,
        "wider/narrower column",
    ),
    (
        Action::SetMark,
        Action::GoToMark,
        "set/go to mark (+letter)",
    ),
    (Action::JumpOlder, Action::JumpNewer, "older/newer jump"),
    (
        Action::MarkSelection,
        Action::MarkParagraph,
        "highlight sentence/¶",
    ),
    (
        Action::EditNote,
        Action::EditNoteInEditor,
        "note (A: in $EDITOR)",
    ),
];

/// The keys of visual mode, as the help sums them up.
const VISUAL_HELP: &[(&str, &str)] = &[
    ("w b ( ) { }", "select: word/sentence/¶"),
    ("j k o Esc", "select: line/ends/leave"),
    ("x 2x a y u", "select: mark, note, copy"),
];

/// The prompt's keys, as the help sums them up.
const PROMPT_HELP: &[(&str, &str)] = &[
    ("Enter Esc ← →", "prompt: accept/cancel"),
    ("Bksp ^w ^u", "prompt: delete"),
    ("↑ ↓ Ctrl-r", "prompt: history, regex"),
];

/// The bindable action called `name`, or why there is none.
fn bindable(name: &str) -> Result<Action, String> {
    Action::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Action::BINDABLE.iter().filter_map(|a| a.name()).collect();
        format!(
            "no action is called `{name}` (the actions: {})",
            names.join(", ")
        )
    })
}

/// The key written `text`, if the reading mode can bind it: digits are
/// kept for counts.
fn bindable_key(text: &str) -> Result<Key, String> {
    let key = Key::parse(text)?;
    if matches!(key.code, KeyCode::Char('0'..='9')) && key.modifiers.is_empty() {
        return Err(format!("`{text}` is kept for counts (5j, 3}})"));
    }
    Ok(key)
}

/// Whether `key` can be bound to the action called `action`, for
/// [`crate::config::load`]: `Err` says why not.
pub fn check_binding(action: &str, key: &str) -> Result<(), String> {
    bindable(action)?;
    bindable_key(key).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    /// The default keymap's action, as the free function of old did.
    fn action_for(mode: Mode, event: KeyEvent) -> Option<Action> {
        Keymap::default().action_for(mode, event)
    }

    fn help_entries() -> Vec<HelpEntry> {
        Keymap::default().help_entries()
    }

    fn binding(action: &str, keys: &[&str]) -> Binding {
        Binding {
            action: action.to_owned(),
            keys: keys.iter().map(|&k| k.to_owned()).collect(),
        }
    }

    #[test]
    fn every_key_label_parses_back_to_its_key() {
        let mut keys: Vec<Key> = NORMAL
            .iter()
            .chain(PROMPT)
            .chain(PANEL)
            .map(|&(key, _)| key)
            .collect();
        keys.extend([
            Key::plain(KeyCode::Left),
            Key::plain(KeyCode::Right),
            Key::plain(KeyCode::Tab),
            Key::plain(KeyCode::F(12)),
            Key::ctrl('-'),
            Key::char('-'),
            Key {
                code: KeyCode::Char('x'),
                modifiers: KeyModifiers::ALT,
            },
        ]);
        for key in keys {
            assert_eq!(Key::parse(&key.label()), Ok(key), "{}", key.label());
        }
    }

    #[test]
    fn keys_parse_by_their_other_names_too() {
        let parse = |text: &str| Key::parse(text).unwrap();
        assert_eq!(parse("Up"), Key::plain(KeyCode::Up));
        assert_eq!(parse("pagedown"), Key::plain(KeyCode::PageDown));
        assert_eq!(parse("Ctrl-D"), Key::ctrl('d'));
        assert_eq!(parse("ctrl-space"), Key::ctrl(' '));
        assert_eq!(parse("G"), Key::char('G'));
        assert_eq!(parse("é"), Key::char('é'));
        for bad in ["", "Hyper-q", "F0", "F25", "jk", "Ctrl-", "\t"] {
            let error = Key::parse(bad).unwrap_err();
            assert!(error.contains("is not a key"), "{bad}: {error}");
        }
    }

    #[test]
    fn listing_an_action_replaces_its_keys_and_takes_them_from_others() {
        let keymap = Keymap::with_bindings(&[
            binding("line_down", &["Ctrl-n"]),
            binding("quit", &["x", "Ctrl-c"]),
        ])
        .unwrap();
        let key = |c| press(KeyCode::Char(c), KeyModifiers::NONE);
        let ctrl = |c| press(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(
            keymap.action_for(Mode::Normal, ctrl('n')),
            Some(Action::LineDown)
        );
        assert_eq!(keymap.action_for(Mode::Normal, key('j')), None, "replaced");
        assert_eq!(
            keymap.action_for(Mode::Normal, key('x')),
            Some(Action::Quit)
        );
        assert_eq!(keymap.action_for(Mode::Normal, key('q')), None);
        // `x` was the highlight key: taken from it, which keeps its others.
        assert_eq!(keymap.keys_for(Action::MarkSelection), []);
        assert_eq!(keymap.keys_for(Action::LineUp).len(), 2, "untouched");
        // The help shows the bindings in force, in the same places.
        let entries = keymap.help_entries();
        let down = entries.iter().position(|e| e.description == "line down");
        assert_eq!(entries[down.unwrap()].keys, ["Ctrl-n"]);
        assert_eq!(
            down,
            help_entries()
                .iter()
                .position(|e| e.description == "line down")
        );
        let quit = entries.iter().find(|e| e.description == "quit").unwrap();
        assert_eq!(quit.keys, ["x", "Ctrl-c"]);
        assert!(
            !entries
                .iter()
                .any(|e| e.description == Action::MarkSelection.description())
        );
    }

    #[test]
    fn bad_bindings_say_why() {
        let error = Keymap::with_bindings(&[binding("quiet", &["q"])]).unwrap_err();
        assert!(error.starts_with("no action is called `quiet`"), "{error}");
        assert!(error.contains("line_down"), "{error}");
        let error = check_binding("quit", "Hyper-q").unwrap_err();
        assert!(error.contains("`Hyper-q` is not a key"), "{error}");
        assert!(check_binding("quit", "5").unwrap_err().contains("counts"));
        assert_eq!(check_binding("toggle_justify", "Ctrl-j"), Ok(()));
    }

    #[test]
    fn the_bindings_read_back_as_the_same_keymap() {
        let keymap = Keymap::with_bindings(&[binding("copy", &["c", "F5"])]).unwrap();
        let bindings = keymap.bindings();
        assert_eq!(bindings.len(), Action::BINDABLE.len());
        assert_eq!(Keymap::with_bindings(&bindings), Ok(keymap));
        assert_eq!(
            Keymap::with_bindings(&Keymap::default().bindings()),
            Ok(Keymap::default())
        );
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
        // Every key of the reading mode is on exactly one line: its own,
        // or the line it shares with the opposite move.
        for &(key, action) in NORMAL {
            let paired = PAIRS.iter().find(|(a, b, _)| *a == action || *b == action);
            let description = paired.map_or(action.description(), |(_, _, d)| d);
            let lines: Vec<&HelpEntry> = entries
                .iter()
                .filter(|e| e.description == description)
                .collect();
            assert_eq!(lines.len(), 1, "{action:?}");
            let label = key.label();
            let shown = lines[0]
                .keys
                .iter()
                .any(|k| *k == label || *k == label.repeat(2));
            assert!(shown, "{action:?}");
        }
        let paragraphs = entries
            .iter()
            .find(|e| e.description == "next/previous paragraph")
            .unwrap();
        assert_eq!(paragraphs.keys, ["}", "{"]);
        assert!(
            entries
                .iter()
                .any(|e| e.description == "prompt: accept/cancel")
        );
    }

    #[test]
    fn the_default_help_fits_two_columns_of_an_80_by_24_window() {
        assert!(
            help_entries().len() <= 2 * (24 - 1 - 2),
            "{}",
            help_entries().len()
        );
    }
}
