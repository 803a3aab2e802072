//! The default bindings of every mode, and how the help sums up the keys
//! that are not rebound.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::Key;
use crate::action::{Action, PromptKind, Unit};

/// Bindings of the reading mode, in the order the help shows them.
pub(super) const NORMAL: &[(Key, Action)] = &[
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
pub(super) const PROMPT: &[(Key, Action)] = &[
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
pub(super) const OUTLINE: &[(Key, Action)] = &[
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
pub(super) const PANEL: &[(Key, Action)] = &[
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
pub(super) const VISUAL: &[(Key, Action)] = &[
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
pub(super) const NOTE: &[(Key, Action)] = &[
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
    (Key::plain(KeyCode::Home), Action::LineStart),
    (Key::ctrl('a'), Action::LineStart),
    (Key::plain(KeyCode::End), Action::LineEnd),
    (Key::ctrl('e'), Action::LineEnd),
];

/// Bindings of the panel's filter, besides typing (shown in its frame).
pub(super) const PANEL_FILTER: &[(Key, Action)] = &[
    (Key::plain(KeyCode::Enter), Action::Submit),
    (Key::ctrl('u'), Action::DeleteToStart),
    (Key::plain(KeyCode::Esc), Action::Cancel),
    (Key::ctrl('c'), Action::Cancel),
    (Key::plain(KeyCode::Backspace), Action::DeleteBack),
    (Key::plain(KeyCode::Down), Action::PanelDown),
    (Key::plain(KeyCode::Up), Action::PanelUp),
];

/// Bindings of the links list (shown in its frame).
pub(super) const LINKS: &[(Key, Action)] = &[
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

/// Room for the keys of one line of the help.
pub(super) const HELP_KEYS_ROOM: usize = 13;

/// Actions whose lines of help are shared, and the shared description
/// (keys pressed twice, `]]` `[[`, are written twice).
pub(super) const PAIRS: &[(Action, Action, &str)] = &[
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
pub(super) const VISUAL_HELP: &[(&str, &str)] = &[
    ("w b ( ) { }", "select: word/sentence/¶"),
    ("j k o Esc", "select: line/ends/leave"),
    ("x 2x a y u", "select: mark, note, copy"),
];

/// The prompt's keys, as the help sums them up.
pub(super) const PROMPT_HELP: &[(&str, &str)] = &[
    ("Enter Esc ← →", "prompt: accept/cancel"),
    ("Bksp ^w ^u", "prompt: delete"),
    ("↑ ↓ Ctrl-r", "prompt: history, regex"),
];
