//! Keys to actions, and back.
//!
//! A [`Keymap`] maps a key press in a [`Mode`] to an [`Action`]: the
//! default bindings, with the user's from the configuration file's
//! `[keys]` table on top ([`Keymap::with_bindings`]). [`Keymap::help_entries`]
//! reads the same tables the other way, so the help overlay always shows
//! the bindings that are really in force. Keys are written as the help
//! writes them ([`Key::label`], read back by [`Key::parse`]).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::Action;
pub use crate::action::Mode;
use crate::config::Binding;

mod key;
mod tables;

pub use key::Key;
use tables::{
    HELP_KEYS_ROOM, LINKS, NORMAL, NOTE, OUTLINE, PAIRS, PANEL, PANEL_FILTER, PROMPT, PROMPT_HELP,
    VISUAL, VISUAL_HELP,
};

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
