//! Everything the reader can be asked to do, as data.
//!
//! The keymap turns key presses into actions; [`crate::app::App::update`]
//! applies them. Counts (`5j`) are gathered by the app from
//! [`Action::Digit`] and apply to the next movement.

/// What the keyboard is driving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Reading: movement, search, help.
    Normal,
    /// Typing in the status-line prompt.
    Prompt,
    /// The help overlay is open: any key closes it.
    Help,
    /// The highlights panel is open.
    Panel,
    /// The highlights panel's filter is being typed.
    PanelFilter,
    /// A mark's letter is awaited (after `m` or `'`), or a second `]`/`[`.
    MarkLetter,
    /// The outline is open: typing filters it.
    Outline,
    /// The information view is open: any key closes it.
    Info,
    /// The list of the focused paragraph's links is open.
    Links,
    /// A selection is being made (visual mode).
    Visual,
    /// A note is being written.
    Note,
}

/// Which line the prompt in the status line is reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// `:N` (paragraph) or `:N%` (percent).
    Jump,
    /// `/`: search forward.
    SearchForward,
    /// `?`: search backward.
    SearchBackward,
}

pub use crate::selection::Unit;

/// One thing the reader can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave the reader.
    Quit,
    /// Show the key bindings.
    ShowHelp,
    /// Close the help overlay.
    CloseHelp,
    /// Scroll one line down.
    LineDown,
    /// Scroll one line up.
    LineUp,
    /// Scroll half a window down.
    HalfPageDown,
    /// Scroll half a window up.
    HalfPageUp,
    /// Scroll a window down, keeping two lines of context.
    PageDown,
    /// Scroll a window up, keeping two lines of context.
    PageUp,
    /// Go to the top (with a count: to paragraph N).
    Top,
    /// Go to the bottom (with a count: to paragraph N).
    Bottom,
    /// Focus the next paragraph and bring it to the top.
    NextParagraph,
    /// Focus the previous paragraph (or the start of this one) and bring it
    /// to the top.
    PreviousParagraph,
    /// Scroll down by this many lines (mouse wheel).
    ScrollDown(u16),
    /// Scroll up by this many lines (mouse wheel).
    ScrollUp(u16),
    /// Open the prompt in the status line.
    OpenPrompt(PromptKind),
    /// Go to the next match, in the search's direction.
    NextMatch,
    /// Go to the previous match, against the search's direction.
    PreviousMatch,
    /// Clear the search highlighting and any pending count.
    Escape,
    /// Add a digit to the pending count.
    Digit(u8),
    /// Suspend the reader (back to the shell; `fg` resumes).
    Suspend,
    /// Widen the measure (the text column) by a step.
    WidenMeasure,
    /// Narrow the measure by a step.
    NarrowMeasure,
    /// Return to the default measure.
    DefaultMeasure,
    /// Switch hyphenation on or off.
    ToggleHyphenation,
    /// Switch full justification on or off.
    ToggleJustify,
    /// The window is now this many columns wide and rows high.
    Resize(u16, u16),
    /// Prompt: insert a character at the cursor.
    Insert(char),
    /// Prompt: delete the character before the cursor.
    DeleteBack,
    /// Prompt: delete the word before the cursor.
    DeleteWord,
    /// Prompt: delete everything before the cursor.
    DeleteToStart,
    /// Prompt: move the cursor one character left.
    CursorLeft,
    /// Prompt: move the cursor one character right.
    CursorRight,
    /// Prompt: switch between a plain query and a regular expression.
    ToggleRegex,
    /// Prompt: recall the previous search from the history.
    HistoryPrevious,
    /// Prompt: recall the next search from the history.
    HistoryNext,
    /// Prompt: accept the line.
    Submit,
    /// Prompt: close it without doing anything.
    Cancel,
    /// Highlight the focused sentence (or highlight), else the current
    /// match; again: its next colour.
    MarkSelection,
    /// Highlight the focused paragraph; again: its next colour.
    MarkParagraph,
    /// Remove the highlight of the focused span, match or paragraph.
    Unmark,
    /// Focus the next sentence (across paragraphs).
    NextSentence,
    /// Focus the previous sentence (across paragraphs).
    PreviousSentence,
    /// Go to the next highlight.
    NextHighlight,
    /// Go to the previous highlight.
    PreviousHighlight,
    /// Open the panel that lists the highlights.
    ShowHighlights,
    /// Write the highlights as Markdown next to the saved state.
    ExportHighlights,
    /// Panel: select the next highlight.
    PanelDown,
    /// Panel: select the previous highlight.
    PanelUp,
    /// Panel: go to the selected highlight.
    PanelJump,
    /// Panel: delete the selected highlight.
    PanelDelete,
    /// Panel: give the selected highlight its next colour.
    PanelRecolour,
    /// Panel: give the selected highlight the colour numbered so (from 1).
    PanelColour(u8),
    /// Undo the last change to the highlights or notes (in the panel and
    /// while selecting).
    Undo,
    /// Make again the last change undone.
    Redo,
    /// Panel: start filtering the list by what is typed next.
    PanelFilter,
    /// Start a selection (visual mode) at the focused sentence or match.
    StartSelection,
    /// Selection: move its moving end by a unit, forward or back.
    Extend(Unit, bool),
    /// Selection: swap its ends.
    SwapEnds,
    /// Selection: highlight it (in the colour numbered so, from 1, or
    /// the first).
    HighlightSelection(Option<u8>),
    /// Selection: leave it.
    CancelSelection,
    /// Write a note on the focused highlight (made from the selection or
    /// the focused sentence when there is none).
    EditNote,
    /// Write that note in `$VISUAL` or `$EDITOR`.
    EditNoteInEditor,
    /// Note: a new line.
    NewLine,
    /// Note: the cursor to the start of its line.
    LineStart,
    /// Note: the cursor to the end of its line.
    LineEnd,
    /// Note: the cursor a line up.
    CursorUp,
    /// Note: the cursor a line down.
    CursorDown,
    /// The mouse's left button went down on this column and row, for the
    /// this many-th click in a row (2: a double click).
    MousePress(u16, u16, u8),
    /// The mouse moved to this column and row with the button down.
    MouseDrag(u16, u16),
    /// Panel: close it.
    ClosePanel,
    /// Copy the focused sentence, match or paragraph to the clipboard.
    Copy,
    /// Wait for a letter naming a mark to set here (`m`).
    SetMark,
    /// Wait for a letter naming a mark to go to (`'`; `''`: back across
    /// the last jump).
    GoToMark,
    /// The letter awaited by [`Action::SetMark`] or [`Action::GoToMark`].
    MarkLetter(char),
    /// Stop waiting for a mark's letter.
    CancelMark,
    /// Go back to the place of the jump list before this one (`Ctrl-o`).
    JumpOlder,
    /// Go forward to the place of the jump list after this one.
    JumpNewer,
    /// Wait for a second `]` (forward) or `[`: `]]` and `[[` go from
    /// heading to heading.
    AwaitBracket(bool),
    /// Go to the next heading.
    NextHeading,
    /// Go to the previous heading.
    PreviousHeading,
    /// Open the outline: headings (or paragraphs), filtered as typed.
    OpenOutline,
    /// Outline: select the next line.
    OutlineDown,
    /// Outline: select the previous line.
    OutlineUp,
    /// Outline: select ten lines further.
    OutlinePageDown,
    /// Outline: select ten lines back.
    OutlinePageUp,
    /// Outline: switch between headings and every paragraph.
    OutlineToggleHeadings,
    /// Outline: go to the selected paragraph.
    OutlineJump,
    /// Outline: close it.
    CloseOutline,
    /// Show words, paragraphs, encoding, language, size and position.
    ShowInfo,
    /// Close the information view.
    CloseInfo,
    /// Read the file again, keeping the place.
    Reload,
    /// List the links of the focused paragraph.
    ShowLinks,
    /// Links: select the next one.
    LinksDown,
    /// Links: select the previous one.
    LinksUp,
    /// Links: follow the selected one (inside the document), or copy its
    /// address (outside it).
    LinksFollow,
    /// Links: copy the selected one's address.
    LinksCopy,
    /// Links: close the list.
    CloseLinks,
}

impl Action {
    /// What the action does, in the words of the help overlay.
    pub fn description(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::ShowHelp => "show this help",
            Action::CloseHelp => "close this help",
            Action::LineDown => "line down",
            Action::LineUp => "line up",
            Action::HalfPageDown => "half a page down",
            Action::HalfPageUp => "half a page up",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::Top => "top (N: paragraph N)",
            Action::Bottom => "bottom (N: paragraph N)",
            Action::NextParagraph => "next paragraph",
            Action::PreviousParagraph => "previous paragraph",
            Action::ScrollDown(_) => "scroll down",
            Action::ScrollUp(_) => "scroll up",
            Action::OpenPrompt(PromptKind::Jump) => ":N ¶ or :N% percent",
            Action::OpenPrompt(PromptKind::SearchForward) => "search forward",
            Action::OpenPrompt(PromptKind::SearchBackward) => "search backward",
            Action::NextMatch => "next match",
            Action::PreviousMatch => "previous match",
            Action::Escape => "clear search highlights",
            Action::Digit(_) => "count: 5j, 3} repeat",
            Action::Suspend => "suspend (fg resumes)",
            Action::WidenMeasure => "wider column",
            Action::NarrowMeasure => "narrower column",
            Action::DefaultMeasure => "default column width",
            Action::ToggleHyphenation => "hyphenation on/off",
            Action::ToggleJustify => "justification on/off",
            Action::Resize(..) => "resize",
            Action::Insert(_) => "prompt: type",
            Action::DeleteBack => "prompt: delete back",
            Action::DeleteWord => "prompt: delete word",
            Action::DeleteToStart => "prompt: delete to start",
            Action::CursorLeft => "prompt: cursor left",
            Action::CursorRight => "prompt: cursor right",
            Action::ToggleRegex => "prompt: regex on/off",
            Action::HistoryPrevious => "prompt: earlier search",
            Action::HistoryNext => "prompt: later search",
            Action::Submit => "prompt: accept",
            Action::Cancel => "prompt: cancel",
            Action::MarkSelection => "highlight sentence/match",
            Action::MarkParagraph => "highlight paragraph",
            Action::Unmark => "remove highlight",
            Action::NextSentence => "next sentence",
            Action::PreviousSentence => "previous sentence",
            Action::NextHighlight => "next highlight",
            Action::PreviousHighlight => "previous highlight",
            Action::ShowHighlights => "list highlights",
            Action::ExportHighlights => "export highlights (.md)",
            Action::PanelDown => "list: next",
            Action::PanelUp => "list: previous",
            Action::PanelJump => "list: go to",
            Action::PanelDelete => "list: delete",
            Action::PanelRecolour => "list: next colour",
            Action::PanelColour(_) => "list: colour 1-4",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::PanelFilter => "list: filter",
            Action::StartSelection => "select any span",
            Action::Extend(..) => "selection: extend",
            Action::SwapEnds => "selection: other end",
            Action::HighlightSelection(_) => "selection: highlight",
            Action::CancelSelection => "selection: leave",
            Action::EditNote => "note on the highlight",
            Action::EditNoteInEditor => "note in $EDITOR",
            Action::NewLine => "note: new line",
            Action::LineStart => "note: line start",
            Action::LineEnd => "note: line end",
            Action::CursorUp => "note: line up",
            Action::CursorDown => "note: line down",
            Action::MousePress(..) => "mouse: click",
            Action::MouseDrag(..) => "mouse: drag",
            Action::ClosePanel => "list: close",
            Action::Copy => "copy to the clipboard",
            Action::SetMark => "set mark (+ letter)",
            Action::GoToMark => "go to mark ('' back)",
            Action::MarkLetter(_) => "mark's letter",
            Action::CancelMark => "no mark",
            Action::JumpOlder => "back through the jumps",
            Action::JumpNewer => "forward through the jumps",
            Action::AwaitBracket(true) => "next heading (]])",
            Action::AwaitBracket(false) => "previous heading ([[)",
            Action::NextHeading => "next heading",
            Action::PreviousHeading => "previous heading",
            Action::OpenOutline => "outline (type to filter)",
            Action::OutlineDown => "outline: next",
            Action::OutlineUp => "outline: previous",
            Action::OutlinePageDown => "outline: page down",
            Action::OutlinePageUp => "outline: page up",
            Action::OutlineToggleHeadings => "outline: headings/all",
            Action::OutlineJump => "outline: go to",
            Action::CloseOutline => "outline: close",
            Action::ShowInfo => "document information",
            Action::CloseInfo => "close information",
            Action::Reload => "reload the file",
            Action::ShowLinks => "links of the focused paragraph",
            Action::LinksDown => "links: next",
            Action::LinksUp => "links: previous",
            Action::LinksFollow => "links: follow (or copy an address)",
            Action::LinksCopy => "links: copy the address",
            Action::CloseLinks => "links: close",
        }
    }
}

impl Action {
    /// The actions a key can be bound to in the configuration file, in
    /// the order `--print-config` lists them.
    pub const BINDABLE: &'static [Action] = &[
        Action::Quit,
        Action::ShowHelp,
        Action::LineDown,
        Action::LineUp,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::PageDown,
        Action::PageUp,
        Action::Top,
        Action::Bottom,
        Action::NextParagraph,
        Action::PreviousParagraph,
        Action::OpenPrompt(PromptKind::Jump),
        Action::OpenPrompt(PromptKind::SearchForward),
        Action::OpenPrompt(PromptKind::SearchBackward),
        Action::NextMatch,
        Action::PreviousMatch,
        Action::Escape,
        Action::NextSentence,
        Action::PreviousSentence,
        Action::StartSelection,
        Action::MarkSelection,
        Action::MarkParagraph,
        Action::Unmark,
        Action::EditNote,
        Action::EditNoteInEditor,
        Action::NextHighlight,
        Action::PreviousHighlight,
        Action::ShowHighlights,
        Action::ExportHighlights,
        Action::Copy,
        Action::OpenOutline,
        Action::NextHeading,
        Action::PreviousHeading,
        Action::ShowInfo,
        Action::Reload,
        Action::ShowLinks,
        Action::SetMark,
        Action::GoToMark,
        Action::JumpOlder,
        Action::JumpNewer,
        Action::WidenMeasure,
        Action::NarrowMeasure,
        Action::DefaultMeasure,
        Action::ToggleHyphenation,
        Action::ToggleJustify,
        Action::Suspend,
    ];

    /// The action's stable name in the configuration file's `[keys]`
    /// table (snake_case), for the actions in [`Action::BINDABLE`].
    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            Action::Quit => "quit",
            Action::ShowHelp => "help",
            Action::LineDown => "line_down",
            Action::LineUp => "line_up",
            Action::HalfPageDown => "half_page_down",
            Action::HalfPageUp => "half_page_up",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::NextParagraph => "next_paragraph",
            Action::PreviousParagraph => "previous_paragraph",
            Action::OpenPrompt(PromptKind::Jump) => "go_to",
            Action::OpenPrompt(PromptKind::SearchForward) => "search_forward",
            Action::OpenPrompt(PromptKind::SearchBackward) => "search_backward",
            Action::NextMatch => "next_match",
            Action::PreviousMatch => "previous_match",
            Action::Escape => "clear_search",
            Action::NextSentence => "next_sentence",
            Action::PreviousSentence => "previous_sentence",
            Action::StartSelection => "select",
            Action::EditNote => "note",
            Action::EditNoteInEditor => "note_in_editor",
            Action::MarkSelection => "highlight",
            Action::MarkParagraph => "highlight_paragraph",
            Action::Unmark => "remove_highlight",
            Action::NextHighlight => "next_highlight",
            Action::PreviousHighlight => "previous_highlight",
            Action::ShowHighlights => "list_highlights",
            Action::ExportHighlights => "export_highlights",
            Action::Copy => "copy",
            Action::OpenOutline => "outline",
            Action::NextHeading => "next_heading",
            Action::PreviousHeading => "previous_heading",
            Action::ShowInfo => "info",
            Action::Reload => "reload",
            Action::ShowLinks => "links",
            Action::SetMark => "set_mark",
            Action::GoToMark => "go_to_mark",
            Action::JumpOlder => "jump_back",
            Action::JumpNewer => "jump_forward",
            Action::WidenMeasure => "widen_measure",
            Action::NarrowMeasure => "narrow_measure",
            Action::DefaultMeasure => "default_measure",
            Action::ToggleHyphenation => "toggle_hyphenation",
            Action::ToggleJustify => "toggle_justify",
            Action::Suspend => "suspend",
            _ => return None,
        })
    }

    /// The bindable action called `name` in the configuration file.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::BINDABLE
            .iter()
            .copied()
            .find(|action| action.name() == Some(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindable_actions_have_distinct_names_that_read_back() {
        let mut names = Vec::new();
        for &action in Action::BINDABLE {
            let name = action.name().unwrap();
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name}"
            );
            assert_eq!(Action::from_name(name), Some(action));
            names.push(name);
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Action::BINDABLE.len());
        assert_eq!(Action::Insert('a').name(), None);
        assert_eq!(Action::from_name("insert"), None);
    }
}
