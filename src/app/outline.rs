//! The outline panel (`o`, `Tab`): the document's headings — or all its
//! paragraphs — with their numbers and first words, filtered as the
//! reader types; `Enter` goes there. And `]]`/`[[`, from heading to
//! heading.
//!
//! The outline lists the paragraphs within [`OUTLINE_REACH`] bytes of the
//! focus (the whole of any book), so opening it costs the same in a
//! gigabyte as in a novel.

use super::App;
use crate::action::Action;
use crate::document::index::Count;
use crate::outline::{Entry, heading_in};

/// Bytes of text before and after the focus that the outline lists.
pub const OUTLINE_REACH: usize = 8 << 20;

/// Paragraphs walked at most looking for the next heading.
const HEADING_SEARCH: usize = 100_000;

/// The open outline.
#[derive(Debug, Clone)]
pub struct Outline {
    /// Every paragraph listed, in order.
    entries: Vec<Entry>,
    /// Whether numbers are estimates (counting has not reached them).
    pub estimated: bool,
    /// Whether the list covers the whole document.
    pub whole: bool,
    /// Only headings, or every paragraph.
    pub headings_only: bool,
    /// What the reader typed to filter the list.
    pub filter: String,
    /// The selected line, an index into [`Outline::shown`].
    pub selected: usize,
}

impl Outline {
    /// The entries shown: headings or all, that match the filter. Among
    /// headings, one that matches comes with the headings it stands under
    /// (the book or part above a `CHAPTER XX`), so that alike titles are
    /// told apart.
    pub fn shown(&self) -> Vec<&Entry> {
        let listed = self
            .entries
            .iter()
            .filter(|e| !self.headings_only || e.heading.is_some());
        if !self.headings_only {
            return listed.filter(|e| e.matches(&self.filter)).collect();
        }
        let mut shown: Vec<&Entry> = Vec::new();
        // The headings above the current place, by level, and whether
        // each is shown already.
        let mut above: Vec<(&Entry, u8, bool)> = Vec::new();
        for entry in listed {
            let level = entry.heading.as_ref().map_or(u8::MAX, |h| h.level);
            above.retain(|(_, parent, _)| *parent < level);
            let matched = entry.matches(&self.filter);
            if matched {
                for (parent, _, was_shown) in above.iter_mut().filter(|(_, _, s)| !*s) {
                    shown.push(parent);
                    *was_shown = true;
                }
                shown.push(entry);
            }
            above.push((entry, level, matched));
        }
        shown
    }

    /// How many lines the list has before filtering.
    pub fn listed(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| !self.headings_only || e.heading.is_some())
            .count()
    }

    /// Whether the document has headings (in the part listed).
    pub fn has_headings(&self) -> bool {
        self.entries.iter().any(|e| e.heading.is_some())
    }

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.shown().len().saturating_sub(1));
    }
}

impl App {
    /// The outline, when it is open.
    pub fn outline(&self) -> Option<&Outline> {
        self.outline.as_ref()
    }

    /// Applies the actions of the outline and of `]]`/`[[`.
    pub(super) fn update_outline(&mut self, action: Action, times: usize) {
        match action {
            Action::OpenOutline => self.open_outline(),
            Action::NextHeading => self.step_heading(times, true),
            Action::PreviousHeading => self.step_heading(times, false),
            _ => {}
        }
        let Some(outline) = self.outline.as_mut() else {
            return;
        };
        match action {
            Action::OutlineDown => outline.selected = outline.selected.saturating_add(times),
            Action::OutlineUp => outline.selected = outline.selected.saturating_sub(times),
            Action::OutlinePageDown => {
                outline.selected = outline.selected.saturating_add(10 * times)
            }
            Action::OutlinePageUp => outline.selected = outline.selected.saturating_sub(10 * times),
            Action::OutlineToggleHeadings => {
                let at = outline.shown().get(outline.selected).map(|e| e.paragraph);
                outline.headings_only = !outline.headings_only;
                outline.selected = at
                    .and_then(|at| outline.shown().iter().position(|e| e.paragraph >= at))
                    .unwrap_or(0);
            }
            Action::Insert(c) => {
                outline.filter.push(c);
                outline.selected = 0;
            }
            Action::DeleteBack => {
                outline.filter.pop();
                outline.selected = 0;
            }
            Action::OutlineJump => {
                let target = outline.shown().get(outline.selected).map(|e| e.paragraph);
                self.outline = None;
                if let Some(target) = target {
                    self.go_to_paragraph(target);
                }
                return;
            }
            Action::CloseOutline => {
                self.outline = None;
                return;
            }
            _ => {}
        }
        outline.clamp();
    }

    fn open_outline(&mut self) {
        let document = &self.document;
        let Some(first_id) = document.first() else {
            self.message = Some("empty document".to_owned());
            return;
        };
        let focus_at = self.focus;
        let from = focus_at.saturating_sub(OUTLINE_REACH);
        let to = focus_at.saturating_add(OUTLINE_REACH);
        let start = if from == 0 {
            first_id
        } else {
            document.paragraph_at(from).unwrap_or(first_id)
        };
        let number = document.number_of(start);
        let mut entries = Vec::new();
        let mut id = Some(start);
        let mut n = number.value();
        let mut last = start;
        while let Some(paragraph) = id.filter(|&p| p <= to) {
            let text = document.paragraph(paragraph);
            let heading = heading_in(document, paragraph, &text);
            entries.push(Entry::with_heading(paragraph, n, &text, heading));
            last = paragraph;
            n += 1;
            id = document.next(paragraph);
        }
        let whole = start == first_id && document.last() == Some(last);
        let mut outline = Outline {
            estimated: matches!(number, Count::Estimate(_)),
            whole,
            headings_only: false,
            filter: String::new(),
            selected: 0,
            entries,
        };
        outline.headings_only = outline.has_headings();
        // Start on the focused paragraph, or the heading it comes under.
        outline.selected = outline
            .shown()
            .iter()
            .rposition(|e| e.paragraph <= focus_at)
            .unwrap_or(0);
        self.outline = Some(outline);
    }

    /// Moves the focus to the `times`-th heading after (or before) it.
    fn step_heading(&mut self, times: usize, forward: bool) {
        let mut at = self.focus;
        let mut found = None;
        for _ in 0..times {
            let mut walked = 0;
            let mut next = self.neighbour(at, forward);
            let mut hit = None;
            while let Some(paragraph) = next {
                let text = self.document.paragraph(paragraph);
                if heading_in(&self.document, paragraph, &text).is_some() {
                    hit = Some(paragraph);
                    break;
                }
                walked += 1;
                if walked >= HEADING_SEARCH {
                    break;
                }
                next = self.neighbour(paragraph, forward);
            }
            let Some(hit) = hit else { break };
            found = Some(hit);
            at = hit;
        }
        match found {
            Some(heading) => self.go_to_paragraph(heading),
            None => {
                let way = if forward { "after" } else { "before" };
                self.message = Some(format!("no heading {way} this paragraph"));
            }
        }
    }

    fn neighbour(&self, paragraph: usize, forward: bool) -> Option<usize> {
        if forward {
            self.document.next(paragraph)
        } else {
            self.document.previous(paragraph)
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::action::Action;
    use crate::app::App;
    use crate::document::Document;

    const BOOK: &str = "LIVRE PREMIER\n\nCHAPITRE I\n\nIl était une fois un roi.\n\n\
Il avait trois filles.\n\nCHAPITRE II\n\nLa première s’appelait Choïgou.\n\n\
La deuxième riait.\n\nCHAPITRE III\n\nFin.\n";

    fn book() -> App {
        App::new(Document::from_bytes("livre", BOOK.as_bytes()), 70, 80, 24)
    }

    fn press(app: &mut App, actions: &[Action]) {
        for &action in actions {
            app.update(action);
        }
    }

    fn focused_text(app: &App) -> String {
        app.document().paragraph(app.focus()).text.clone()
    }

    #[test]
    fn the_outline_lists_headings_and_enter_goes_there() {
        let mut app = book();
        press(&mut app, &[Action::OpenOutline]);
        let outline = app.outline().unwrap();
        assert!(outline.whole && outline.headings_only);
        let titles: Vec<&str> = outline.shown().iter().map(|e| e.words.as_str()).collect();
        assert_eq!(
            titles,
            ["LIVRE PREMIER", "CHAPITRE I", "CHAPITRE II", "CHAPITRE III"]
        );
        let numbers: Vec<usize> = outline.shown().iter().map(|e| e.number).collect();
        assert_eq!(numbers, [1, 2, 5, 8]);
        press(
            &mut app,
            &[
                Action::OutlineDown,
                Action::OutlineDown,
                Action::OutlineJump,
            ],
        );
        assert!(app.outline().is_none());
        assert_eq!(focused_text(&app), "CHAPITRE II");
    }

    #[test]
    fn typing_filters_and_tab_shows_every_paragraph() {
        let mut app = book();
        press(
            &mut app,
            &[Action::OpenOutline, Action::OutlineToggleHeadings],
        );
        assert_eq!(app.outline().unwrap().shown().len(), 9);
        for c in "choigou".chars() {
            app.update(Action::Insert(c));
        }
        let shown: Vec<usize> = app
            .outline()
            .unwrap()
            .shown()
            .iter()
            .map(|e| e.number)
            .collect();
        assert_eq!(shown, [6]);
        press(&mut app, &[Action::OutlineJump]);
        assert!(focused_text(&app).contains("Choïgou"));
        // Esc closes without moving.
        press(&mut app, &[Action::OpenOutline, Action::CloseOutline]);
        assert!(focused_text(&app).contains("Choïgou"));
    }

    #[test]
    fn a_filtered_heading_shows_the_headings_it_stands_under() {
        let text = "BOOK ONE\n\nCHAPTER XX\n\nText.\n\nBOOK TWO\n\nCHAPTER XX\n\nMore.\n\n\
                    CHAPTER XXI\n\nEnd.";
        let doc = Document::from_bytes("b", text.as_bytes());
        let mut app = App::new(doc, 0, 60, 20);
        press(&mut app, &[Action::OpenOutline]);
        for c in "xx".chars() {
            app.update(Action::Insert(c));
        }
        let shown: Vec<(&str, usize)> = app
            .outline()
            .unwrap()
            .shown()
            .iter()
            .map(|e| (e.words.as_str(), e.number))
            .collect();
        assert_eq!(
            shown,
            [
                ("BOOK ONE", 1),
                ("CHAPTER XX", 2),
                ("BOOK TWO", 4),
                ("CHAPTER XX", 5),
                ("CHAPTER XXI", 7),
            ]
        );
        // A filter that only a part matches shows it alone.
        for _ in 0..2 {
            app.update(Action::DeleteBack);
        }
        for c in "two".chars() {
            app.update(Action::Insert(c));
        }
        let shown: Vec<&str> = app
            .outline()
            .unwrap()
            .shown()
            .iter()
            .map(|e| e.words.as_str())
            .collect();
        assert_eq!(shown, ["BOOK TWO"]);
    }

    #[test]
    fn the_outline_opens_on_the_heading_the_focus_is_under() {
        let mut app = book();
        press(&mut app, &[Action::Digit(6), Action::Top]);
        assert!(focused_text(&app).contains("Choïgou"));
        press(&mut app, &[Action::OpenOutline]);
        let outline = app.outline().unwrap();
        assert_eq!(outline.shown()[outline.selected].words, "CHAPITRE II");
    }

    #[test]
    fn brackets_go_from_heading_to_heading() {
        let mut app = book();
        press(&mut app, &[Action::NextHeading]);
        assert_eq!(focused_text(&app), "CHAPITRE I");
        press(&mut app, &[Action::Digit(2), Action::NextHeading]);
        assert_eq!(focused_text(&app), "CHAPITRE III");
        press(&mut app, &[Action::NextHeading]);
        assert_eq!(app.message(), Some("no heading after this paragraph"));
        press(&mut app, &[Action::PreviousHeading]);
        assert_eq!(focused_text(&app), "CHAPITRE II");
    }

    #[test]
    fn the_keys_are_two_brackets_with_a_count_before() {
        let mut app = book();
        // `2]]`: the second heading after the first paragraph.
        let keys = [
            Action::Digit(2),
            Action::AwaitBracket(true),
            Action::MarkLetter(']'),
        ];
        press(&mut app, &keys);
        assert_eq!(focused_text(&app), "CHAPITRE II");
        // `[` then something else does nothing.
        press(
            &mut app,
            &[Action::AwaitBracket(false), Action::MarkLetter('x')],
        );
        assert_eq!(focused_text(&app), "CHAPITRE II");
        press(
            &mut app,
            &[Action::AwaitBracket(false), Action::MarkLetter('[')],
        );
        assert_eq!(focused_text(&app), "CHAPITRE I");
    }
}
