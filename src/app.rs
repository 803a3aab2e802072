//! The reader's state and how actions change it; no I/O.
//!
//! [`App::update`] applies one [`Action`]. The view's top is an [`Anchor`],
//! kept as given even when the view cannot scroll that far (the end of the
//! text stops at the bottom of the window), so a resize back and forth
//! returns to the same words.
//!
//! **Focus rule.** The focused paragraph is the one `}`/`{`, `:N`, `:N%`,
//! `g`/`G` and search land on. Scrolling keeps it while any of its lines is
//! on screen; once it leaves, the focus moves to the nearest paragraph on
//! screen (the top one when it left above, the bottom one when it left
//! below).

mod copy;
mod highlighting;
mod jumps;
mod kept;
mod links;
mod measure;
mod movement;
use movement::{half, page};
mod notes;
mod outline;
mod panel;
mod places;
mod prompt;
mod reading_time;
mod reload;
mod visual;

pub use links::{Link, Links};
pub use notes::{EditorRequest, NoteEditor};
pub use outline::Outline;
pub use panel::PanelFilter;
pub use places::Awaiting;
pub use prompt::{Prompt, Search};
pub use reading_time::TimeLeft;

use std::collections::HashMap;
use std::ops::Range;

use crate::action::{Action, Mode};
use crate::column::Column;
use crate::document::Document;
use crate::highlights::Highlights;
use crate::language::Language;
use crate::layout::{LayoutCache, Typesetting};
use crate::viewport::{Anchor, Row, Rows};

/// Largest count prefix kept.
const MAX_COUNT: usize = 999_999;

/// Columns `+` and `-` change the measure by.
pub const MEASURE_STEP: u16 = 4;

/// The narrowest measure `-` goes to.
pub const MIN_MEASURE: u16 = 20;

/// The widest measure `+` goes to.
pub const MAX_MEASURE: u16 = 300;

/// Lines the mouse wheel scrolls per notch.
pub const WHEEL_LINES: u16 = 3;

/// Everything the reader shows and remembers while it runs.
#[derive(Debug)]
pub struct App {
    document: Document,
    layout: LayoutCache,
    measure: u16,
    /// The measure `=` returns to.
    default_measure: u16,
    /// Whether the user changed the measure since it was last asked.
    measure_changed: bool,
    /// Whether lines are fully justified.
    justify: bool,
    window: (u16, u16),
    top: Anchor,
    focus: usize,
    count: Option<usize>,
    prompt: Option<Prompt>,
    search: Option<Search>,
    message: Option<String>,
    /// Where the view was when the search prompt opened: typing searches
    /// from there, `Esc` returns there.
    search_origin: Option<(Anchor, usize)>,
    /// Searches submitted this session, oldest first.
    history: Vec<String>,
    /// Whether the search being submitted is a regular expression (the
    /// prompt is gone by then).
    regex_submitted: bool,
    /// Which history entry the prompt shows (`history.len()`: none).
    recalled: usize,
    /// While a batch of keys is applied: whether the search preview is
    /// owed (typed or pasted keys search once, for the whole query).
    batch: Option<bool>,
    help: bool,
    quit: bool,
    suspend: bool,
    /// The document's highlights.
    highlights: Highlights,
    /// The focused span: a sentence, or a highlight jumped to (its
    /// paragraph is always the focused one).
    span: Option<(usize, Range<usize>)>,
    /// The highlight selected in the open panel.
    panel: Option<usize>,
    /// What the panel is filtered by.
    panel_filter: PanelFilter,
    /// What the next letter typed is for (`m`, `'`).
    awaiting: Option<Awaiting>,
    /// Marks set with `m`.
    marks: HashMap<char, places::Place>,
    /// Where the last jump left from, for `''`.
    jumped_from: Option<places::Place>,
    /// The places jumps left, for `Ctrl-o` and `Ctrl-n`.
    jumps: jumps::Jumps,
    /// Text `y` copied, for the terminal to put in the clipboard.
    clipboard: Option<String>,
    /// Reading speed, in words per minute.
    wpm: u32,
    /// The outline panel, when open.
    outline: Option<Outline>,
    /// The focused paragraph's links, when listed.
    links: Option<links::Links>,
    /// Whether the information view is open.
    info: bool,
    /// Whether `R` asked for the file to be read again.
    reload: bool,
    /// Whether an export of the highlights was asked for.
    export: bool,
    /// The whole document, being read while its beginning is shown.
    rest: Option<crate::document::rest::Rest>,
    /// Whether reading the rest failed: only the beginning is shown.
    partial: bool,
    /// The selection being made (visual mode).
    selection: Option<crate::selection::Selection>,
    /// The column `j` and `k` keep while they move a selection's end.
    goal_column: Option<usize>,
    /// Where the mouse's button went down: the word there.
    pressed: Option<(crate::selection::Point, crate::selection::Point)>,
    /// The note being written.
    note: Option<NoteEditor>,
    /// A note to write in the reader's editor, for the shell.
    editor_request: Option<EditorRequest>,
}

impl App {
    /// A reader on `document`, with a measure of `measure` columns (0: the
    /// whole window; also the measure `=` returns to), in a window of
    /// `width` × `height` cells. The document's language is detected on a
    /// sample of its start; words are hyphenated, lines not justified.
    pub fn new(document: Document, measure: u16, width: u16, height: u16) -> App {
        let setting = Typesetting {
            language: Language::detect_document(&document),
            hyphenate: true,
            indent: false,
        };
        App::with_typesetting(document, setting, measure, width, height)
    }

    /// [`App::new`] with the typesetting given (its language decided by
    /// the caller: detecting it again would cost start-up time).
    pub fn with_typesetting(
        document: Document,
        setting: Typesetting,
        measure: u16,
        width: u16,
        height: u16,
    ) -> App {
        let column = Column::new(width, height, measure);
        let message = if document.is_cut() {
            Some("the stream goes on: only its first 256 MiB are shown".to_owned())
        } else {
            document.is_empty().then(|| "empty document".to_owned())
        };
        let first = document.first().unwrap_or_default();
        App {
            document,
            layout: {
                let mut layout = LayoutCache::with_setting(column.width.into(), setting);
                layout.set_wide(column.wide(width).into());
                layout
            },
            measure,
            default_measure: measure,
            measure_changed: false,
            justify: false,
            window: (width, height),
            top: Anchor::paragraph_start(first),
            focus: first,
            count: None,
            prompt: None,
            search: None,
            message,
            search_origin: None,
            history: Vec::new(),
            regex_submitted: false,
            recalled: 0,
            batch: None,
            help: false,
            quit: false,
            suspend: false,
            highlights: Highlights::new(),
            span: None,
            panel: None,
            panel_filter: PanelFilter::default(),
            awaiting: None,
            marks: HashMap::new(),
            jumped_from: None,
            jumps: jumps::Jumps::default(),
            clipboard: None,
            wpm: crate::config::DEFAULT_WPM,
            outline: None,
            links: None,
            info: false,
            reload: false,
            export: false,
            rest: None,
            partial: false,
            selection: None,
            goal_column: None,
            pressed: None,
            note: None,
            editor_request: None,
        }
    }

    /// The document being read.
    pub fn document(&self) -> &Document {
        &self.document
    }

    /// The lines of the document at the current width.
    pub fn layout(&self) -> &LayoutCache {
        &self.layout
    }

    /// The rows of the document at the current width.
    pub fn rows(&self) -> Rows<'_> {
        Rows::new(&self.document, &self.layout)
    }

    /// Wraps the lines the view shows, so that drawing them costs nothing
    /// more (done ahead of the first frame, while the terminal is taken).
    pub fn prepare_view(&self) {
        let _ = self
            .rows()
            .visible(self.top_row(), self.column().height.into());
    }

    /// The row at the top of the view.
    pub fn top_row(&self) -> Row {
        let rows = self.rows();
        rows.clamp_top(rows.row_at(self.top), self.column().height.into())
    }

    /// The top of the view as an anchor.
    pub fn top(&self) -> Anchor {
        self.top
    }

    /// The focused paragraph (its id).
    pub fn focus(&self) -> usize {
        self.focus
    }

    /// The pending count prefix.
    pub fn count(&self) -> Option<usize> {
        self.count
    }

    /// The open prompt.
    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompt.as_ref()
    }

    /// The active search.
    pub fn search(&self) -> Option<&Search> {
        self.search.as_ref()
    }

    /// The transient message for the status line.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Whether the help overlay is open.
    pub fn help_visible(&self) -> bool {
        self.help
    }

    /// Whether the information view is open.
    pub fn info_visible(&self) -> bool {
        self.info
    }

    /// Whether the reader should leave.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Whether a suspend was asked for; asking clears the request.
    pub fn take_suspend(&mut self) -> bool {
        std::mem::take(&mut self.suspend)
    }

    /// What the keyboard drives now.
    pub fn mode(&self) -> Mode {
        if self.help {
            Mode::Help
        } else if self.info {
            Mode::Info
        } else if self.note.is_some() {
            Mode::Note
        } else if self.outline.is_some() {
            Mode::Outline
        } else if self.panel.is_some() && self.panel_filter.typing {
            Mode::PanelFilter
        } else if self.panel.is_some() {
            Mode::Panel
        } else if self.links.is_some() {
            Mode::Links
        } else if self.awaiting.is_some() {
            Mode::MarkLetter
        } else if self.prompt.is_some() {
            Mode::Prompt
        } else if self.selection.is_some() {
            Mode::Visual
        } else {
            Mode::Normal
        }
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Digit(_) | Action::Resize(..)) {
            self.message = None;
        }
        let count = if matches!(action, Action::Digit(_) | Action::Resize(..)) {
            None
        } else {
            self.count.take()
        };
        let times = count.unwrap_or(1).max(1);
        if self.note.is_some() && !matches!(action, Action::Resize(..)) {
            self.update_notes(action, count);
            return;
        }
        let height = usize::from(self.column().height);
        if matches!(
            action,
            Action::NextMatch | Action::PreviousMatch | Action::Submit
        ) {
            // `x` marks the match from now on.
            self.span = None;
        }
        // A search's jump starts where the prompt opened, not where the
        // preview took the view.
        let before = match action {
            Action::Submit => self.search_origin.unwrap_or((self.top, self.focus)),
            _ => (self.top, self.focus),
        };
        if self.panel.is_some() && self.panel_filter.typing {
            self.update_panel(action, times);
            return;
        }
        if self.outline.is_some() && matches!(action, Action::Insert(_) | Action::DeleteBack) {
            self.update_outline(action, times);
            return;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::ShowHelp => self.help = true,
            Action::CloseHelp => self.help = false,
            Action::Suspend => self.suspend = true,
            Action::WidenMeasure => self.step_measure(times, true),
            Action::NarrowMeasure => self.step_measure(times, false),
            Action::DefaultMeasure => self.change_measure(self.default_measure),
            Action::ToggleHyphenation => self.toggle_hyphenation(),
            Action::ToggleJustify => self.toggle_justify(),
            Action::LineDown => self.scroll_rows(times, 1),
            Action::LineUp => self.scroll_rows(times, -1),
            Action::HalfPageDown => self.scroll_rows(times, half(height)),
            Action::HalfPageUp => self.scroll_rows(times, -half(height)),
            Action::PageDown => self.scroll_rows(times, page(height)),
            Action::PageUp => self.scroll_rows(times, -page(height)),
            Action::ScrollDown(lines) => self.scroll_rows(lines.into(), 1),
            Action::ScrollUp(lines) => self.scroll_rows(lines.into(), -1),
            Action::Top => match count {
                Some(n) => self.go_to_number(n),
                None => self.go_to_top(),
            },
            Action::Bottom => match count {
                Some(n) => self.go_to_number(n),
                None => self.go_to_bottom(),
            },
            Action::NextParagraph => self.next_paragraph(times),
            Action::PreviousParagraph => self.previous_paragraph(times),
            Action::OpenPrompt(kind) => self.open_prompt(kind),
            Action::NextMatch => self.step_match(times, false),
            Action::PreviousMatch => self.step_match(times, true),
            Action::Escape => self.search = None,
            Action::Digit(d) => {
                let n = self.count.unwrap_or(0) * 10 + usize::from(d);
                self.count = Some(n.min(MAX_COUNT));
            }
            Action::Resize(width, height) => {
                self.window = (width, height);
                self.fit_layout();
            }
            Action::Insert(_)
            | Action::DeleteBack
            | Action::DeleteWord
            | Action::DeleteToStart
            | Action::CursorLeft
            | Action::CursorRight
            | Action::HistoryPrevious
            | Action::HistoryNext
            | Action::ToggleRegex
            | Action::Cancel => self.edit_prompt(action),
            Action::Submit => self.submit_prompt(),
            Action::MarkSelection
            | Action::MarkParagraph
            | Action::Unmark
            | Action::NextSentence
            | Action::PreviousSentence
            | Action::NextHighlight
            | Action::PreviousHighlight
            | Action::ShowHighlights
            | Action::ExportHighlights
            | Action::PanelDown
            | Action::PanelUp
            | Action::PanelJump
            | Action::PanelDelete
            | Action::PanelRecolour
            | Action::PanelColour(_)
            | Action::Undo
            | Action::Redo
            | Action::PanelFilter
            | Action::ClosePanel => self.update_marks(action, times),
            Action::StartSelection
            | Action::Extend(..)
            | Action::SwapEnds
            | Action::HighlightSelection(_)
            | Action::CancelSelection
            | Action::MousePress(..)
            | Action::MouseDrag(..) => self.update_selection(action, count),
            Action::EditNote | Action::EditNoteInEditor => self.update_notes(action, count),
            Action::NewLine
            | Action::CursorUp
            | Action::CursorDown
            | Action::LineStart
            | Action::LineEnd => {}
            Action::Copy => self.copy(),
            Action::SetMark
            | Action::GoToMark
            | Action::AwaitBracket(_)
            | Action::MarkLetter(_)
            | Action::CancelMark
            | Action::JumpOlder
            | Action::JumpNewer => self.update_places(action, times),
            Action::OpenOutline
            | Action::OutlineDown
            | Action::OutlineUp
            | Action::OutlinePageDown
            | Action::OutlinePageUp
            | Action::OutlineToggleHeadings
            | Action::OutlineJump
            | Action::CloseOutline
            | Action::NextHeading
            | Action::PreviousHeading => self.update_outline(action, times),
            Action::ShowLinks
            | Action::LinksDown
            | Action::LinksUp
            | Action::LinksFollow
            | Action::LinksCopy
            | Action::CloseLinks => self.update_links(action),
            Action::ShowInfo => self.info = true,
            Action::Reload => self.reload = true,
            Action::CloseInfo => self.info = false,
        }
        self.note_jump(action, before);
        if self
            .span
            .as_ref()
            .is_some_and(|(paragraph, _)| *paragraph != self.focus)
        {
            self.span = None;
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Twenty paragraphs "pN w w w…" of 1 to 4 lines each at width 36.
    pub(crate) fn app() -> App {
        let text: Vec<String> = (1..=20)
            .map(|n| {
                let words = 4 + (n * 7) % 25;
                format!("p{n} {}", "word ".repeat(words).trim_end())
            })
            .collect();
        let doc = Document::from_bytes("t", text.join("\n\n").as_bytes());
        App::new(doc, 0, 40, 12)
    }

    /// The paragraph ids of the app's document, in order.
    pub(crate) fn ids(app: &App) -> Vec<usize> {
        app.document().iter().map(|(id, _)| id).collect()
    }

    /// The focused paragraph's index, from 0.
    pub(crate) fn focused(app: &App) -> usize {
        ids(app).iter().position(|&id| id == app.focus()).unwrap()
    }

    pub(crate) fn press(app: &mut App, actions: &[Action]) {
        for &action in actions {
            app.update(action);
        }
    }

    pub(crate) fn typed(app: &mut App, text: &str) {
        for c in text.chars() {
            app.update(Action::Insert(c));
        }
    }

    pub(crate) fn top_text(app: &App) -> String {
        let row = app.top_row();
        let lines = app.layout().lines(app.document(), row.paragraph);
        lines.get(row.line).map_or(String::new(), |line| {
            app.document().paragraph(row.paragraph).text[line.range.clone()].to_owned()
        })
    }

    #[test]
    fn help_opens_and_closes() {
        let mut app = app();
        press(&mut app, &[Action::ShowHelp]);
        assert_eq!(app.mode(), Mode::Help);
        press(&mut app, &[Action::CloseHelp]);
        assert_eq!(app.mode(), Mode::Normal);
    }

    #[test]
    fn quit_and_suspend_are_requests() {
        let mut app = app();
        press(&mut app, &[Action::Suspend]);
        assert!(app.take_suspend());
        assert!(!app.take_suspend());
        press(&mut app, &[Action::Quit]);
        assert!(app.should_quit());
    }

    #[test]
    fn an_empty_document_does_not_move_or_panic() {
        let mut app = App::new(Document::from_bytes("e", b""), 70, 80, 24);
        for action in [
            Action::LineDown,
            Action::PageUp,
            Action::Bottom,
            Action::NextParagraph,
            Action::PreviousParagraph,
            Action::NextMatch,
        ] {
            app.update(action);
        }
        assert_eq!(app.percent(), 100);
        assert_eq!(app.focus(), 0);
    }
}
