//! The status-line prompt and what it runs: `:N` and `:N%` jumps, and
//! searches — previewed as the query is typed, run on a thread in a large
//! document, stepped through with `n`/`N` — with the prompt's history.

use std::ops::Range;

use super::App;
use crate::action::{Action, PromptKind};
use crate::search::{self, Match, Pattern, Searcher};
use crate::viewport::Anchor;

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

impl App {
    /// Opens the prompt of `kind`: a search starts from the view as it
    /// is, and the history is recalled from its end.
    pub(super) fn open_prompt(&mut self, kind: PromptKind) {
        self.prompt = Some(Prompt {
            kind,
            input: String::new(),
            cursor: 0,
            regex: false,
        });
        self.search_origin = (kind != PromptKind::Jump).then_some((self.top, self.focus));
        self.recalled = self.history.len();
    }

    pub(super) fn edit_prompt(&mut self, action: Action) {
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
    pub(super) fn preview_search(&mut self) {
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

    pub(super) fn submit_prompt(&mut self) {
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

    pub(super) fn jump(&mut self, input: &str) {
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

    pub(super) fn start_search(&mut self, query: String, backward: bool) {
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
        let was_running = search.running.is_some();
        let (done, reached) = match search.running.as_ref() {
            Some(running) => running.collect(&mut search.matches),
            None => (true, usize::MAX),
        };
        if done {
            search.running = None;
        }
        // A search that was already over changes nothing: an idle reader
        // draws nothing.
        let changed = (done && was_running) || search.matches.len() != before;
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

    pub(super) fn step_match(&mut self, times: usize, reverse: bool) {
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
    pub(super) fn reveal_current(&mut self) {
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
    pub(super) fn reveal_span(&mut self, paragraph: usize, range: Range<usize>) {
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

fn wrap_message(backward: bool) -> String {
    if backward {
        "search hit the top, continuing from the bottom".into()
    } else {
        "search hit the bottom, continuing from the top".into()
    }
}

#[cfg(test)]
mod tests {
    use super::{SEARCH_NOW, Search};
    use crate::action::{Action, PromptKind};
    use crate::app::App;
    use crate::app::tests::{app, focused, press, typed};
    use crate::document::Document;
    use crate::search;
    use crate::viewport::Anchor;

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
        // Big enough that the search cannot be over by the time Esc comes.
        let text = "mot ".repeat(16 << 20);
        let mut app = App::new(Document::from_bytes("big", text.as_bytes()), 0, 60, 20);
        press(&mut app, &[Action::OpenPrompt(PromptKind::SearchForward)]);
        typed(&mut app, "zzz");
        press(&mut app, &[Action::Submit, Action::NextMatch]);
        let progress = app
            .search
            .as_ref()
            .and_then(|search| search.running.as_ref())
            .map(crate::search::Searcher::progress)
            .expect("a search running in the background");
        press(&mut app, &[Action::Escape]);
        assert!(app.search().is_none());
        // Its thread stops, short of the end.
        while !progress.thread_stopped() {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        assert!(progress.reached() < text.len(), "searched it all");
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
}
