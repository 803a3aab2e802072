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
mod marks;
mod outline;
mod places;
mod reading_time;
mod reload;
mod settings;

pub use outline::Outline;
pub use places::Awaiting;
pub use reading_time::TimeLeft;

use std::cmp::Ordering;
use std::collections::HashMap;
use std::ops::Range;

use crate::action::{Action, PromptKind};
use crate::column::Column;
use crate::document::Document;
use crate::highlights::Highlights;
use crate::keymap::Mode;
use crate::language::Language;
use crate::layout::{LayoutCache, Typesetting};
use crate::search::{self, Match, Pattern, Searcher};
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

/// The line being typed in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// What the line is for.
    pub kind: PromptKind,
    /// The text typed so far.
    pub input: String,
    /// Cursor position, a byte offset in `input` on a character boundary.
    pub cursor: usize,
    /// Whether a search prompt reads a regular expression.
    pub regex: bool,
}

impl Prompt {
    /// The character that opens this prompt, shown before the input.
    pub fn sigil(&self) -> char {
        match self.kind {
            PromptKind::Jump => ':',
            PromptKind::SearchForward => '/',
            PromptKind::SearchBackward => '?',
        }
    }
}

/// The last search: its query, direction and matches.
#[derive(Debug)]
pub struct Search {
    /// The query as typed.
    pub query: String,
    /// Whether `n` goes backward.
    pub backward: bool,
    /// Whether the query is a regular expression.
    pub regex: bool,
    /// The matches found so far, in document order.
    pub matches: Vec<Match>,
    /// Index in `matches` of the match under focus.
    pub current: Option<usize>,
    /// Where the view was when the search started.
    from: Anchor,
    /// The search still running through a large document.
    running: Option<Searcher>,
}

impl Search {
    /// Whether matches are still being looked for.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }
}

/// Documents up to this many bytes are searched at once; larger ones on a
/// thread, the reader staying responsive.
const SEARCH_NOW: usize = 1 << 20;

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
    /// What the next letter typed is for (`m`, `'`).
    awaiting: Option<Awaiting>,
    /// Marks set with `m`.
    marks: HashMap<char, places::Place>,
    /// Where the last jump left from, for `''`.
    jumped_from: Option<places::Place>,
    /// Text `y` copied, for the terminal to put in the clipboard.
    clipboard: Option<String>,
    /// Reading speed, in words per minute.
    wpm: u32,
    /// The outline panel, when open.
    outline: Option<Outline>,
    /// Whether the information view is open.
    info: bool,
    /// Whether `R` asked for the file to be read again.
    reload: bool,
    /// The key bindings in force.
    keymap: crate::keymap::Keymap,
    /// The styles the reader is drawn with.
    theme: crate::ui::theme::Theme,
    /// Whether an export of the highlights was asked for.
    export: bool,
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
            awaiting: None,
            marks: HashMap::new(),
            jumped_from: None,
            clipboard: None,
            wpm: crate::config::DEFAULT_WPM,
            outline: None,
            info: false,
            reload: false,
            keymap: crate::keymap::Keymap::default(),
            theme: crate::ui::theme::Theme::current(),
            export: false,
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

    /// The typesetting lines are broken with.
    pub fn typesetting(&self) -> Typesetting {
        *self.layout.setting()
    }

    /// Changes the typesetting (language, hyphenation, indent); the view
    /// keeps its words at the top.
    pub fn set_typesetting(&mut self, setting: Typesetting) {
        self.layout.set_setting(setting);
    }

    /// Whether lines are fully justified.
    pub fn justify(&self) -> bool {
        self.justify
    }

    /// Switches full justification (it changes no line break).
    pub fn set_justify(&mut self, justify: bool) {
        self.justify = justify;
    }

    /// The measure: the width asked for the text column (0: the whole
    /// window).
    pub fn measure(&self) -> u16 {
        self.measure
    }

    /// Sets the measure, as a remembered preference does at start; it
    /// does not count as a change by the user.
    pub fn set_measure(&mut self, measure: u16) {
        self.measure = measure;
        self.fit_layout();
    }

    /// Gives the layout the column's width, and preformatted blocks the
    /// window's.
    fn fit_layout(&mut self) {
        let column = self.column();
        self.layout.set_width(column.width.into());
        self.layout.set_wide(column.wide(self.window.0).into());
    }

    /// The measure the user chose with `+`, `-` or `=`, once after each
    /// change (for the caller to remember it as a preference).
    pub fn take_measure_change(&mut self) -> Option<u16> {
        std::mem::take(&mut self.measure_changed).then_some(self.measure)
    }

    /// The text column in the current window.
    pub fn column(&self) -> Column {
        Column::new(self.window.0, self.window.1, self.measure)
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
        } else if self.outline.is_some() {
            Mode::Outline
        } else if self.panel.is_some() {
            Mode::Panel
        } else if self.awaiting.is_some() {
            Mode::MarkLetter
        } else if self.prompt.is_some() {
            Mode::Prompt
        } else {
            Mode::Normal
        }
    }

    /// How far through the text the view is, in percent: the top's offset
    /// over the text's length, or 100 once the end is on screen.
    pub fn percent(&self) -> usize {
        let len = self.document.len();
        if len == 0 {
            return 100;
        }
        let rows = self.rows();
        let height = self.column().height.into();
        let top = self.top_row();
        if rows.reaches_end(top, height) {
            return 100;
        }
        let anchor = if rows.row_at(self.top) == top {
            self.top
        } else {
            rows.anchor_at(top)
        };
        let position = self.document.position(anchor.paragraph, anchor.offset);
        let percent = (position as u128 * 100 + len as u128 / 2) / len as u128;
        percent as usize
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
            Action::ToggleHyphenation => {
                let mut setting = self.typesetting();
                setting.hyphenate = !setting.hyphenate;
                self.set_typesetting(setting);
                let state = if setting.hyphenate { "on" } else { "off" };
                self.message = Some(match setting.language {
                    Some(l) if l.patterns().is_none() && setting.hyphenate => {
                        format!("hyphenation on (no patterns for {l})")
                    }
                    None if setting.hyphenate => "hyphenation on (language unknown)".to_owned(),
                    _ => format!("hyphenation {state}"),
                });
            }
            Action::ToggleJustify => {
                self.justify = !self.justify;
                let state = if self.justify { "on" } else { "off" };
                self.message = Some(format!("justification {state}"));
            }
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
            Action::OpenPrompt(kind) => {
                self.prompt = Some(Prompt {
                    kind,
                    input: String::new(),
                    cursor: 0,
                    regex: false,
                });
                self.search_origin = (kind != PromptKind::Jump).then_some((self.top, self.focus));
                self.recalled = self.history.len();
            }
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
            | Action::ClosePanel => self.update_marks(action, times),
            Action::Copy => self.copy(),
            Action::SetMark
            | Action::GoToMark
            | Action::AwaitBracket(_)
            | Action::MarkLetter(_)
            | Action::CancelMark => self.update_places(action, times),
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

    /// Widens or narrows the measure by `times` steps.
    fn step_measure(&mut self, times: usize, wider: bool) {
        let column = self.column().width;
        if self.measure == 0 && wider {
            self.message = Some("measure: the whole window already".to_owned());
            return;
        }
        let current = if self.measure == 0 {
            column
        } else {
            self.measure.min(column)
        };
        let step = u16::try_from(times.saturating_mul(MEASURE_STEP.into())).unwrap_or(u16::MAX);
        let measure = if wider {
            current.saturating_add(step)
        } else {
            current.saturating_sub(step)
        };
        self.change_measure(measure.clamp(MIN_MEASURE, MAX_MEASURE));
    }

    /// Sets the measure at the user's request, saying what it is now.
    fn change_measure(&mut self, measure: u16) {
        self.measure_changed = self.measure_changed || measure != self.measure;
        self.set_measure(measure);
        let width = self.column().width;
        self.message = Some(if measure == 0 {
            "measure: the whole window".to_owned()
        } else if width < measure {
            format!("measure {measure} (the window allows {width})")
        } else {
            format!("measure {measure}")
        });
    }

    fn scroll_rows(&mut self, times: usize, step: isize) {
        let delta = step.saturating_mul(times.min(isize::MAX as usize) as isize);
        let rows = self.rows();
        let height = self.column().height.into();
        let top = rows.clamp_top(rows.advance(self.top_row(), delta), height);
        self.top = rows.anchor_at(top);
        self.follow_focus();
    }

    /// Moves the focus back on screen after a scroll (see the module docs).
    fn follow_focus(&mut self) {
        let rows = self.rows();
        let height = self.column().height.into();
        let top = self.top_row();
        let shown: Vec<usize> = rows
            .visible(top, height)
            .into_iter()
            .filter(|row| rows.is_text(*row))
            .map(|row| row.paragraph)
            .collect();
        let focus = match rows.compare_to_view(self.focus, top, height) {
            Ordering::Less => shown.first().copied(),
            Ordering::Greater => shown.last().copied(),
            Ordering::Equal => None,
        };
        if let Some(focus) = focus {
            self.focus = focus;
        }
    }

    /// Focuses paragraph `id` and brings its first line to the top.
    fn go_to_paragraph(&mut self, id: usize) {
        if self.document.is_empty() {
            return;
        }
        self.focus = id;
        self.top = Anchor::paragraph_start(id);
    }

    fn go_to_top(&mut self) {
        if let Some(first) = self.document.first() {
            self.go_to_paragraph(first);
        }
    }

    /// Goes to paragraph `number` (from 1), saying so when the place is
    /// only estimated because counting has not reached it.
    fn go_to_number(&mut self, number: usize) {
        if let Some((id, exact)) = self.document.nth(number) {
            self.go_to_paragraph(id);
            if !exact {
                self.message = Some(format!("¶ {number} is estimated: still counting"));
            }
        }
    }

    fn go_to_bottom(&mut self) {
        let Some(last) = self.document.last() else {
            return;
        };
        let rows = self.rows();
        let top = rows.max_top(self.column().height.into());
        self.top = rows.anchor_at(top);
        self.focus = last;
    }

    fn next_paragraph(&mut self, times: usize) {
        let mut id = self.focus;
        for _ in 0..times {
            match self.document.next(id) {
                Some(next) => id = next,
                None => break,
            }
        }
        self.go_to_paragraph(id);
    }

    fn previous_paragraph(&mut self, times: usize) {
        let rows = self.rows();
        let start = rows.row_at(Anchor::paragraph_start(self.focus));
        // The focus starts above the view: its own start is the first step.
        let times = if start < self.top_row() {
            times - 1
        } else {
            times
        };
        let mut id = self.focus;
        for _ in 0..times {
            match self.document.previous(id) {
                Some(previous) => id = previous,
                None => break,
            }
        }
        self.go_to_paragraph(id);
    }

    fn go_to_percent(&mut self, percent: usize) {
        if percent >= 100 {
            return self.go_to_bottom();
        }
        let len = self.document.len();
        let position = (len as u128 * percent as u128 / 100) as usize;
        if let Some((paragraph, offset)) = self.document.place(position) {
            self.top = Anchor { paragraph, offset };
            self.focus = paragraph;
        }
    }

    fn edit_prompt(&mut self, action: Action) {
        let Some(prompt) = self.prompt.as_mut() else {
            return;
        };
        let before = |p: &Prompt| {
            p.input[..p.cursor]
                .chars()
                .next_back()
                .map_or(0, char::len_utf8)
        };
        match action {
            Action::Insert(c) => {
                prompt.input.insert(prompt.cursor, c);
                prompt.cursor += c.len_utf8();
            }
            Action::DeleteBack if prompt.input.is_empty() => {
                self.prompt = None;
                self.search_origin = None;
                return;
            }
            Action::DeleteBack if prompt.cursor == 0 => {}
            Action::DeleteBack => {
                let width = before(prompt);
                prompt.cursor -= width;
                prompt.input.remove(prompt.cursor);
            }
            Action::DeleteWord => {
                let head = &prompt.input[..prompt.cursor];
                let start = head.trim_end().rfind(' ').map_or(0, |i| i + 1);
                prompt.input.replace_range(start..prompt.cursor, "");
                prompt.cursor = start;
            }
            Action::DeleteToStart => {
                prompt.input.replace_range(..prompt.cursor, "");
                prompt.cursor = 0;
            }
            Action::CursorLeft => prompt.cursor -= before(prompt),
            Action::CursorRight => {
                let width = prompt.input[prompt.cursor..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
                prompt.cursor += width;
            }
            Action::HistoryPrevious | Action::HistoryNext if prompt.kind != PromptKind::Jump => {
                self.recalled = if action == Action::HistoryPrevious {
                    self.recalled.saturating_sub(1)
                } else {
                    (self.recalled + 1).min(self.history.len())
                };
                prompt.input = self.history.get(self.recalled).cloned().unwrap_or_default();
                prompt.cursor = prompt.input.len();
            }
            Action::ToggleRegex if prompt.kind != PromptKind::Jump => prompt.regex = !prompt.regex,
            Action::Cancel => {
                self.prompt = None;
                if let Some(origin) = self.search_origin.take() {
                    // Back to where the search started, its highlights gone.
                    (self.top, self.focus) = origin;
                    self.search = None;
                }
                return;
            }
            _ => {}
        }
        self.preview_search();
    }

    /// Starts applying a batch of actions that arrived together: the
    /// search preview waits for [`App::end_batch`].
    pub fn begin_batch(&mut self) {
        self.batch = Some(false);
    }

    /// Ends a batch of actions, searching for the query as typed if it
    /// changed.
    pub fn end_batch(&mut self) {
        if self.batch.take() == Some(true) {
            self.preview_search();
        }
    }

    /// Searches, as the query is typed, from where the prompt opened.
    fn preview_search(&mut self) {
        if let Some(owed) = self.batch.as_mut() {
            *owed = true;
            return;
        }
        let Some(prompt) = self.prompt.as_ref() else {
            return;
        };
        let Some(origin) = self.search_origin else {
            return;
        };
        let backward = prompt.kind == PromptKind::SearchBackward;
        let query = prompt.input.clone();
        (self.top, self.focus) = origin;
        if !query.is_empty() {
            self.start_search(query, backward);
        }
    }

    fn submit_prompt(&mut self) {
        let Some(prompt) = self.prompt.take() else {
            return;
        };
        if let Some(origin) = self.search_origin.take() {
            (self.top, self.focus) = origin;
        }
        if prompt.kind != PromptKind::Jump
            && !prompt.input.is_empty()
            && self.history.last() != Some(&prompt.input)
        {
            self.history.push(prompt.input.clone());
        }
        self.regex_submitted = prompt.regex;
        match prompt.kind {
            PromptKind::Jump => self.jump(prompt.input.trim()),
            PromptKind::SearchForward => self.start_search(prompt.input, false),
            PromptKind::SearchBackward => self.start_search(prompt.input, true),
        }
        self.regex_submitted = false;
    }

    fn jump(&mut self, input: &str) {
        let (number, percent) = match input.strip_suffix('%') {
            Some(number) => (number.trim(), true),
            None => (input, false),
        };
        match number.parse::<usize>() {
            Ok(n) if percent => self.go_to_percent(n),
            Ok(n) => self.go_to_number(n),
            Err(_) if input.is_empty() => {}
            Err(_) => {
                self.message = Some("type a paragraph number (:12) or a percentage (:50%)".into());
            }
        }
    }

    fn start_search(&mut self, query: String, backward: bool) {
        let regex = self.prompt.as_ref().is_some_and(|p| p.regex) || self.regex_submitted;
        let query = match (query.is_empty(), &self.search) {
            (true, Some(previous)) => previous.query.clone(),
            (true, None) => return,
            (false, _) => query,
        };
        let pattern = if regex {
            match Pattern::regex(&query) {
                Ok(pattern) => pattern,
                Err(error) => {
                    // The previous search stays as it was.
                    self.message = Some(format!("bad pattern: {error}"));
                    return;
                }
            }
        } else {
            match Pattern::text(&query) {
                Some(pattern) => pattern,
                None => return,
            }
        };
        let from = self.rows().anchor_at(self.top_row());
        if let Some(search) = &self.search
            && search.query == query
            && search.backward == backward
            && search.regex == regex
            && search.from == from
        {
            // Enter on the query the preview already searches for, from
            // the same place: that search goes on (a big file is not
            // searched from scratch again), and the view goes back to its
            // match.
            if search.current.is_some() {
                self.reveal_current();
            }
            self.poll_search();
            return;
        }
        let (matches, running) = if self.document.len() <= SEARCH_NOW {
            (search::find_pattern(&self.document, &pattern), None)
        } else {
            (Vec::new(), Some(Searcher::start(&self.document, pattern)))
        };
        self.search = Some(Search {
            query,
            backward,
            regex,
            matches,
            current: None,
            from,
            running,
        });
        self.poll_search();
    }

    /// Searches forward for `query` from the view, as `/` does.
    pub fn search_for(&mut self, query: &str) {
        self.start_search(query.to_owned(), false);
    }

    /// Takes in what a running search has found, focuses the first match
    /// from where it started (wrapping, or saying nothing was found, once
    /// it is over); whether anything changed.
    pub fn poll_search(&mut self) -> bool {
        let Some(search) = self.search.as_mut() else {
            return false;
        };
        let before = search.matches.len();
        let (done, reached) = match search.running.as_ref() {
            Some(running) => running.collect(&mut search.matches),
            None => (true, usize::MAX),
        };
        if done {
            search.running = None;
        }
        let changed = done || search.matches.len() != before;
        if search.current.is_some() {
            return changed;
        }
        let from = search.from;
        let after = |m: &Match| (m.paragraph, m.range.start) >= (from.paragraph, from.offset);
        let current = if search.backward {
            // The last match before the view is known once the search is
            // past it.
            let past = done || reached > from.paragraph;
            search
                .matches
                .iter()
                .rposition(|m| !after(m))
                .filter(|_| past)
        } else {
            search.matches.iter().position(after)
        };
        match (current, done, search.matches.len()) {
            (Some(current), _, _) => search.current = Some(current),
            (None, true, 0) => {
                self.message = Some(format!("not found: {}", search.query));
                self.search = None;
                return true;
            }
            (None, true, count) => {
                search.current = Some(if search.backward { count - 1 } else { 0 });
                self.message = Some(wrap_message(search.backward));
            }
            (None, false, _) => return changed,
        }
        self.reveal_current();
        true
    }

    fn step_match(&mut self, times: usize, reverse: bool) {
        let Some(search) = self.search.as_ref() else {
            self.message = Some("no search yet: / searches forward, ? backward".into());
            return;
        };
        let total = search.matches.len();
        if total == 0 {
            self.message = Some("still searching…".into());
            return;
        }
        let backward = search.backward != reverse;
        let current = search.current.unwrap_or(0);
        let steps = times % total;
        let (next, wrapped) = if backward {
            (
                (current + total - steps) % total,
                steps > current || times >= total,
            )
        } else {
            (
                (current + steps) % total,
                current + steps >= total || times >= total,
            )
        };
        if wrapped {
            self.message = Some(wrap_message(backward));
        }
        if let Some(search) = self.search.as_mut() {
            search.current = Some(next);
        }
        self.reveal_current();
    }

    /// Brings the current match fully into view, a third of the way down
    /// when it has to move, and focuses its paragraph.
    fn reveal_current(&mut self) {
        let Some(found) = self
            .search
            .as_ref()
            .and_then(|s| s.matches.get(s.current?).cloned())
        else {
            return;
        };
        self.reveal_span(found.paragraph, found.range);
    }

    /// Brings `range` of paragraph `paragraph` fully into view, a third of
    /// the way down when it has to move, and focuses the paragraph.
    fn reveal_span(&mut self, paragraph: usize, range: Range<usize>) {
        let rows = self.rows();
        let height = usize::from(self.column().height);
        let at = |offset| rows.row_at(Anchor { paragraph, offset });
        let (first, last) = (at(range.start), at(range.end.saturating_sub(1)));
        let visible = rows.visible(self.top_row(), height);
        if !(visible.contains(&first) && visible.contains(&last)) {
            let lead = (height / 3).min(isize::MAX as usize) as isize;
            let top = rows.clamp_top(rows.advance(first, -lead), height);
            self.top = rows.anchor_at(top);
        }
        self.focus = paragraph;
    }
}

fn half(height: usize) -> isize {
    (height / 2).max(1) as isize
}

fn page(height: usize) -> isize {
    height.saturating_sub(2).max(1) as isize
}

fn wrap_message(backward: bool) -> String {
    if backward {
        "search hit the top, continuing from the bottom".into()
    } else {
        "search hit the bottom, continuing from the top".into()
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
    fn ids(app: &App) -> Vec<usize> {
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

    fn top_text(app: &App) -> String {
        let row = app.top_row();
        let lines = app.layout().lines(app.document(), row.paragraph);
        lines.get(row.line).map_or(String::new(), |line| {
            app.document().paragraph(row.paragraph).text[line.range.clone()].to_owned()
        })
    }

    #[test]
    fn starts_at_the_top_with_the_first_paragraph_focused() {
        let app = app();
        assert_eq!(app.column().width, 36);
        assert_eq!(app.top_row(), Row::default());
        assert_eq!(focused(&app), 0);
        assert_eq!(app.percent(), 0);
    }

    #[test]
    fn line_down_and_up_move_one_row() {
        let mut app = app();
        press(&mut app, &[Action::LineDown]);
        assert_eq!(
            app.top_row(),
            Row {
                paragraph: 0,
                line: 1
            }
        );
        press(&mut app, &[Action::LineUp, Action::LineUp]);
        assert_eq!(app.top_row(), Row::default());
    }

    #[test]
    fn counts_repeat_movements() {
        let mut app = app();
        press(
            &mut app,
            &[Action::Digit(1), Action::Digit(2), Action::LineDown],
        );
        let expected = app.rows().advance(Row::default(), 12);
        assert_eq!(app.top_row(), expected);
        assert_eq!(app.count(), None);
        let before = focused(&app);
        press(&mut app, &[Action::Digit(3), Action::NextParagraph]);
        assert_eq!(focused(&app), before + 3);
    }

    #[test]
    fn pages_and_half_pages_keep_context() {
        let mut app = app();
        press(&mut app, &[Action::PageDown]);
        assert_eq!(app.top_row(), app.rows().advance(Row::default(), 9));
        press(&mut app, &[Action::HalfPageUp]);
        assert_eq!(app.top_row(), app.rows().advance(Row::default(), 4));
        press(&mut app, &[Action::HalfPageDown, Action::PageUp]);
        assert_eq!(app.top_row(), Row::default());
    }

    #[test]
    fn scrolling_stops_with_the_last_line_at_the_bottom() {
        let mut app = app();
        press(
            &mut app,
            &[
                Action::Digit(9),
                Action::Digit(9),
                Action::Digit(9),
                Action::LineDown,
            ],
        );
        let bottom = app.rows().max_top(11);
        assert_eq!(app.top_row(), bottom);
        assert_eq!(
            app.rows().visible(bottom, 11).last(),
            Some(&app.rows().last())
        );
        assert_eq!(app.percent(), 100);
        press(&mut app, &[Action::LineDown]);
        assert_eq!(app.top_row(), bottom);
        // One line up moves at once: no invisible scrolling past the end.
        press(&mut app, &[Action::LineUp]);
        assert_eq!(app.top_row(), app.rows().advance(bottom, -1));
    }

    #[test]
    fn top_and_bottom() {
        let mut app = app();
        press(&mut app, &[Action::Bottom]);
        assert_eq!(focused(&app), 19);
        assert_eq!(app.top_row(), app.rows().max_top(11));
        press(&mut app, &[Action::Top]);
        assert_eq!((focused(&app), app.top_row()), (0, Row::default()));
        press(&mut app, &[Action::Digit(7), Action::Bottom]);
        assert_eq!(focused(&app), 6);
        assert!(top_text(&app).starts_with("p7 "));
    }

    #[test]
    fn next_paragraph_brings_it_to_the_top() {
        let mut app = app();
        press(&mut app, &[Action::NextParagraph]);
        assert_eq!(focused(&app), 1);
        assert!(top_text(&app).starts_with("p2 "));
        press(&mut app, &[Action::Digit(3), Action::NextParagraph]);
        assert_eq!(focused(&app), 4);
        assert!(top_text(&app).starts_with("p5 "));
        press(&mut app, &[Action::PreviousParagraph]);
        assert_eq!(focused(&app), 3);
        assert!(top_text(&app).starts_with("p4 "));
    }

    #[test]
    fn next_paragraph_moves_the_focus_even_when_the_view_cannot_scroll() {
        let mut app = app();
        press(&mut app, &[Action::Bottom]);
        press(
            &mut app,
            &[Action::PreviousParagraph, Action::PreviousParagraph],
        );
        assert_eq!(focused(&app), 17);
        let top = app.top_row();
        press(&mut app, &[Action::NextParagraph]);
        assert_eq!(focused(&app), 18);
        assert_eq!(app.top_row(), top);
        press(&mut app, &[Action::NextParagraph, Action::NextParagraph]);
        assert_eq!(focused(&app), 19);
    }

    #[test]
    fn a_zero_count_moves_once() {
        let mut app = app();
        press(&mut app, &[Action::NextParagraph, Action::LineDown]);
        press(&mut app, &[Action::Digit(0), Action::PreviousParagraph]);
        assert_eq!(focused(&app), 1);
        press(&mut app, &[Action::Digit(0), Action::NextParagraph]);
        assert_eq!(focused(&app), 2);
    }

    #[test]
    fn previous_paragraph_first_returns_to_the_start_of_a_long_one() {
        let mut app = app();
        let ids = ids(&app);
        let long = (0..20)
            .find(|&i| app.rows().line_count(ids[i]) >= 3)
            .unwrap();
        press(&mut app, &[Action::Top]);
        for _ in 0..long {
            press(&mut app, &[Action::NextParagraph]);
        }
        press(&mut app, &[Action::LineDown]);
        assert_eq!(focused(&app), long);
        press(&mut app, &[Action::PreviousParagraph]);
        assert_eq!(focused(&app), long);
        assert_eq!(
            app.top_row(),
            Row {
                paragraph: ids[long],
                line: 0
            }
        );
    }

    #[test]
    fn focus_follows_the_view_when_it_leaves_the_screen() {
        let mut app = app();
        assert_eq!(app.rows().line_count(0), 2);
        press(&mut app, &[Action::LineDown]);
        assert_eq!(focused(&app), 0, "its second line is still on screen");
        press(&mut app, &[Action::LineDown]);
        assert_eq!(focused(&app), 1, "only the blank row after it is left");
        press(&mut app, &[Action::PageDown, Action::PageDown]);
        let top = app.top_row();
        let first_shown = if app.rows().is_text(top) {
            top.paragraph
        } else {
            top.paragraph + 1
        };
        assert_eq!(app.focus(), first_shown);
        press(&mut app, &[Action::Bottom, Action::Top]);
        press(
            &mut app,
            &[Action::Digit(1), Action::Digit(5), Action::NextParagraph],
        );
        press(&mut app, &[Action::PageUp]);
        let shown: Vec<usize> = app
            .rows()
            .visible(app.top_row(), 11)
            .into_iter()
            .filter(|r| app.rows().is_text(*r))
            .map(|r| r.paragraph)
            .collect();
        assert_eq!(Some(&app.focus()), shown.last());
    }

    #[test]
    fn jump_to_paragraph_and_percent() {
        let mut app = app();
        press(&mut app, &[Action::OpenPrompt(PromptKind::Jump)]);
        assert_eq!(app.mode(), Mode::Prompt);
        typed(&mut app, "12");
        press(&mut app, &[Action::Submit]);
        assert_eq!(app.mode(), Mode::Normal);
        assert_eq!(focused(&app), 11);
        assert!(top_text(&app).starts_with("p12 "));
        press(&mut app, &[Action::OpenPrompt(PromptKind::Jump)]);
        typed(&mut app, "50%");
        press(&mut app, &[Action::Submit]);
        assert_eq!(app.percent(), 50);
        let position = app
            .document()
            .position(app.top().paragraph, app.top().offset);
        assert_eq!(position, app.document().len() / 2);
        press(&mut app, &[Action::OpenPrompt(PromptKind::Jump)]);
        typed(&mut app, "999");
        press(&mut app, &[Action::Submit]);
        assert_eq!(focused(&app), 19);
    }

    #[test]
    fn a_bad_jump_says_so() {
        let mut app = app();
        press(&mut app, &[Action::OpenPrompt(PromptKind::Jump)]);
        typed(&mut app, "abc");
        press(&mut app, &[Action::Submit]);
        assert!(app.message().unwrap().contains("paragraph number"));
        assert_eq!(focused(&app), 0);
    }

    #[test]
    fn prompt_line_editing() {
        let mut app = app();
        press(&mut app, &[Action::OpenPrompt(PromptKind::SearchForward)]);
        typed(&mut app, "un deux");
        press(&mut app, &[Action::DeleteWord]);
        assert_eq!(app.prompt().unwrap().input, "un ");
        press(&mut app, &[Action::CursorLeft, Action::CursorLeft]);
        typed(&mut app, "é");
        assert_eq!(app.prompt().unwrap().input, "uén ");
        press(&mut app, &[Action::CursorRight, Action::DeleteBack]);
        assert_eq!(app.prompt().unwrap().input, "ué ");
        press(&mut app, &[Action::DeleteToStart]);
        assert_eq!(app.prompt().unwrap().input, " ");
        // Backspace at the start deletes nothing.
        press(&mut app, &[Action::DeleteBack]);
        assert_eq!(app.prompt().unwrap().input, " ");
        press(&mut app, &[Action::Cancel]);
        assert_eq!(app.prompt(), None);
    }

    #[test]
    fn search_finds_moves_and_wraps() {
        let mut app = app();
        press(&mut app, &[Action::OpenPrompt(PromptKind::SearchForward)]);
        typed(&mut app, "p1");
        press(&mut app, &[Action::Submit]);
        let search = app.search().unwrap();
        // p1, p10 … p19
        assert_eq!(search.matches.len(), 11);
        assert_eq!(search.current, Some(0));
        press(&mut app, &[Action::Digit(3), Action::NextMatch]);
        assert_eq!(app.search().unwrap().current, Some(3));
        assert_eq!(focused(&app), 11);
        press(&mut app, &[Action::PreviousMatch]);
        assert_eq!(app.search().unwrap().current, Some(2));
        press(&mut app, &[Action::Digit(9), Action::NextMatch]);
        assert_eq!(app.search().unwrap().current, Some(0));
        assert!(app.message().unwrap().contains("continuing from the top"));
        press(&mut app, &[Action::Escape]);
        assert!(app.search().is_none());
    }

    #[test]
    fn the_current_match_is_always_on_screen() {
        let mut app = app();
        press(&mut app, &[Action::OpenPrompt(PromptKind::SearchForward)]);
        typed(&mut app, "p19");
        press(&mut app, &[Action::Submit]);
        let found = app.search().unwrap().matches[0].clone();
        let row = app.rows().row_at(Anchor {
            paragraph: found.paragraph,
            offset: found.range.start,
        });
        assert!(app.rows().visible(app.top_row(), 11).contains(&row));
        assert_eq!(focused(&app), 18);
    }

    #[test]
    fn a_large_document_is_searched_in_the_background() {
        let text = "Un paragraphe ordinaire sans rien de particulier.\n\n".repeat(30_000)
            + "Le mot rare Choïgou.\n\n"
            + &"Encore du texte.\n\n".repeat(1000);
        assert!(text.len() > SEARCH_NOW);
        let mut app = App::new(Document::from_bytes("big", text.as_bytes()), 0, 60, 20);
        press(&mut app, &[Action::OpenPrompt(PromptKind::SearchForward)]);
        typed(&mut app, "choigou");
        press(&mut app, &[Action::Submit]);
        assert!(app.search().is_some_and(Search::is_running));
        let start = std::time::Instant::now();
        while app.search().is_some_and(Search::is_running) {
            assert!(start.elapsed().as_secs() < 60, "search never ended");
            app.poll_search();
            std::thread::yield_now();
        }
        let search = app.search().unwrap();
        assert_eq!(search.matches.len(), 1);
        assert_eq!(search.current, Some(0));
        assert_eq!(app.focus(), search.matches[0].paragraph);
        // The same query, searched at once, finds the same.
        assert_eq!(search::find_all(app.document(), "choigou"), search.matches);
    }

    #[test]
    fn enter_keeps_the_search_the_preview_started() {
        let text = "Un paragraphe ordinaire sans rien de particulier.\n\n".repeat(30_000)
            + "Le mot rare Choïgou.\n\n";
        let mut app = App::new(Document::from_bytes("big", text.as_bytes()), 0, 60, 20);
        press(&mut app, &[Action::OpenPrompt(PromptKind::SearchForward)]);
        typed(&mut app, "choigou");
        let start = std::time::Instant::now();
        while app.search().is_some_and(Search::is_running) {
            assert!(start.elapsed().as_secs() < 60, "search never ended");
            app.poll_search();
            std::thread::yield_now();
        }
        let found = app.focus();
        // Enter: the preview's search, finished, is the search; nothing is
        // searched again, and the view is on its match.
        press(&mut app, &[Action::Submit]);
        let search = app.search().unwrap();
        assert!(!search.is_running());
        assert_eq!(search.matches.len(), 1);
        assert_eq!(app.focus(), found);
    }

    #[test]
    fn escape_cancels_a_running_search() {
        let text = "mot ".repeat(400_000);
        let mut app = App::new(Document::from_bytes("big", text.as_bytes()), 0, 60, 20);
        press(&mut app, &[Action::OpenPrompt(PromptKind::SearchForward)]);
        typed(&mut app, "zzz");
        press(
            &mut app,
            &[Action::Submit, Action::NextMatch, Action::Escape],
        );
        assert!(app.search().is_none());
    }

    #[test]
    fn typing_a_query_searches_and_esc_returns_to_where_it_started() {
        let mut app = app();
        press(&mut app, &[Action::Digit(3), Action::NextParagraph]);
        let (top, focus) = (app.top(), app.focus());
        press(&mut app, &[Action::OpenPrompt(PromptKind::SearchForward)]);
        typed(&mut app, "p1");
        // Already searching, from where the prompt opened: p10 is the
        // first "p1" after p4.
        assert_eq!(focused(&app), 9);
        typed(&mut app, "5");
        assert_eq!(focused(&app), 14);
        press(&mut app, &[Action::DeleteBack]);
        assert_eq!(focused(&app), 9);
        press(&mut app, &[Action::Cancel]);
        assert_eq!((app.top(), app.focus()), (top, focus));
        assert!(app.search().is_none());
        // Enter keeps the search and the view it found.
        press(&mut app, &[Action::OpenPrompt(PromptKind::SearchForward)]);
        typed(&mut app, "p12");
        press(&mut app, &[Action::Submit]);
        assert_eq!(focused(&app), 11);
        assert_eq!(app.search().unwrap().matches.len(), 1);
    }

    #[test]
    fn keys_that_arrive_together_search_once_for_the_whole_query() {
        let mut app = app();
        press(&mut app, &[Action::OpenPrompt(PromptKind::SearchForward)]);
        app.begin_batch();
        typed(&mut app, "p15");
        // Nothing searched for "p", "p1" on the way.
        assert!(app.search().is_none());
        app.end_batch();
        assert_eq!(focused(&app), 14);
        assert_eq!(app.search().unwrap().query, "p15");
        // A batch that ends with Enter submits; nothing is owed after.
        app.begin_batch();
        press(&mut app, &[Action::DeleteBack, Action::Submit]);
        app.end_batch();
        assert!(app.prompt().is_none());
        assert_eq!(app.search().unwrap().query, "p1");
    }

    #[test]
    fn ctrl_r_searches_a_regular_expression_and_a_bad_one_says_so() {
        let mut app = app();
        press(&mut app, &[Action::OpenPrompt(PromptKind::SearchForward)]);
        press(&mut app, &[Action::ToggleRegex]);
        assert!(app.prompt().unwrap().regex);
        typed(&mut app, "p1[05] ");
        press(&mut app, &[Action::Submit]);
        let search = app.search().unwrap();
        let found: Vec<String> = search
            .matches
            .iter()
            .map(|m| app.document().paragraph(m.paragraph).text[m.range.clone()].to_owned())
            .collect();
        assert_eq!(found, ["p10 ", "p15 "]);
        // A bad pattern keeps the search there was, and says why.
        press(&mut app, &[Action::OpenPrompt(PromptKind::SearchForward)]);
        press(&mut app, &[Action::ToggleRegex]);
        typed(&mut app, "(p1");
        press(&mut app, &[Action::Submit]);
        assert!(
            app.message().unwrap().starts_with("bad pattern:"),
            "{:?}",
            app.message()
        );
        assert_eq!(app.search().unwrap().matches.len(), 2);
    }

    #[test]
    fn up_and_down_recall_earlier_searches() {
        let mut app = app();
        for query in ["p2", "p3"] {
            press(&mut app, &[Action::OpenPrompt(PromptKind::SearchForward)]);
            typed(&mut app, query);
            press(&mut app, &[Action::Submit]);
        }
        press(&mut app, &[Action::OpenPrompt(PromptKind::SearchBackward)]);
        press(&mut app, &[Action::HistoryPrevious]);
        assert_eq!(app.prompt().unwrap().input, "p3");
        press(
            &mut app,
            &[Action::HistoryPrevious, Action::HistoryPrevious],
        );
        assert_eq!(app.prompt().unwrap().input, "p2");
        press(&mut app, &[Action::HistoryNext, Action::HistoryNext]);
        assert_eq!(app.prompt().unwrap().input, "");
    }

    #[test]
    fn a_search_without_match_says_so_and_keeps_the_view() {
        let mut app = app();
        press(&mut app, &[Action::NextParagraph]);
        press(&mut app, &[Action::OpenPrompt(PromptKind::SearchBackward)]);
        typed(&mut app, "zzz");
        press(&mut app, &[Action::Submit]);
        assert_eq!(app.message(), Some("not found: zzz"));
        assert_eq!(focused(&app), 1);
    }

    #[test]
    fn backward_search_starts_before_the_view() {
        let mut app = app();
        press(&mut app, &[Action::Digit(9), Action::NextParagraph]);
        press(&mut app, &[Action::OpenPrompt(PromptKind::SearchBackward)]);
        typed(&mut app, "p");
        press(&mut app, &[Action::Submit]);
        assert_eq!(app.search().unwrap().current, Some(8));
        press(&mut app, &[Action::NextMatch]);
        assert_eq!(app.search().unwrap().current, Some(7));
    }

    #[test]
    fn resize_keeps_the_same_words_at_the_top() {
        let mut app = app();
        press(
            &mut app,
            &[
                Action::Digit(5),
                Action::NextParagraph,
                Action::Digit(2),
                Action::LineDown,
            ],
        );
        let anchor = app.top();
        let words = top_text(&app);
        press(&mut app, &[Action::Resize(25, 12)]);
        assert!(top_text(&app).contains(words.split(' ').next().unwrap()) || app.top() == anchor);
        assert_eq!(app.top(), anchor);
        press(&mut app, &[Action::Resize(40, 12)]);
        assert_eq!(top_text(&app), words);
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

    #[test]
    fn measure_keys_change_the_column_and_report_the_choice() {
        let mut app = App::new(Document::bundled(), 70, 100, 30);
        assert_eq!(app.take_measure_change(), None);
        press(&mut app, &[Action::NarrowMeasure]);
        assert_eq!(app.measure(), 70 - MEASURE_STEP);
        assert_eq!(app.column().width, 70 - MEASURE_STEP);
        assert_eq!(app.layout().width(), usize::from(70 - MEASURE_STEP));
        assert_eq!(app.take_measure_change(), Some(70 - MEASURE_STEP));
        assert_eq!(app.take_measure_change(), None, "once per change");
        press(&mut app, &[Action::Digit(3), Action::WidenMeasure]);
        assert_eq!(app.measure(), 70 + 2 * MEASURE_STEP);
        press(&mut app, &[Action::DefaultMeasure]);
        assert_eq!(app.measure(), 70);
        for _ in 0..100 {
            press(&mut app, &[Action::NarrowMeasure]);
        }
        assert_eq!(app.measure(), MIN_MEASURE);
        assert_eq!(app.take_measure_change(), Some(MIN_MEASURE));
        // A remembered preference is no change by the user.
        app.set_measure(50);
        assert_eq!(app.column().width, 50);
        assert_eq!(app.take_measure_change(), None);
    }

    #[test]
    fn toggles_change_hyphenation_and_justification() {
        let mut app = App::new(Document::bundled(), 40, 60, 20);
        assert!(app.typesetting().hyphenate && !app.justify());
        assert_eq!(app.typesetting().language.map(|l| l.code()), Some("fr"));
        let hyphens = |app: &App| {
            app.layout()
                .lines(app.document(), 0)
                .iter()
                .any(|l| l.hyphen)
        };
        assert!(hyphens(&app));
        press(&mut app, &[Action::ToggleHyphenation]);
        assert!(!app.typesetting().hyphenate);
        assert!(!hyphens(&app), "the cache forgot the hyphenated lines");
        assert_eq!(app.message(), Some("hyphenation off"));
        press(&mut app, &[Action::ToggleJustify]);
        assert!(app.justify());
    }
}
