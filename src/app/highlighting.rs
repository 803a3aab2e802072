//! The reader's side of highlights: the focused span (a sentence, a
//! match, a highlight jumped to), marking and unmarking it, moving from
//! sentence to sentence and from highlight to highlight, and the panel
//! that lists them. Saving is the store's business (see
//! [`crate::state::keeper`]); this only changes the [`Highlights`].

use std::ops::Range;

use super::App;
use crate::action::Action;
use crate::highlights::{Highlight, Highlights};
use crate::sentences::{sentence_at, sentences};
use crate::viewport::Anchor;

/// Paragraphs without a sentence (blank, rules) skipped at most when
/// moving to the next sentence.
const MAX_SKIP: usize = 1_000;

impl App {
    /// The document's highlights.
    pub fn highlights(&self) -> &Highlights {
        &self.highlights
    }

    /// Replaces the highlights (with what was loaded or merged), keeping
    /// their revision: this is not a change to save.
    pub fn replace_highlights(&mut self, items: Vec<Highlight>) {
        self.highlights.replace(items);
        if let Some(selected) = self.panel {
            self.panel =
                (!self.highlights.is_empty()).then(|| selected.min(self.highlights.len() - 1));
        }
    }

    /// The focused span: a paragraph and a range of its text (the sentence
    /// `(`/`)` moved to, or the highlight jumped to).
    pub fn span(&self) -> Option<(usize, Range<usize>)> {
        self.span.clone()
    }

    /// Every part of the focused span: the span itself, and when it is
    /// the start of a highlight that crosses paragraphs, that highlight's
    /// parts in the others, so that the whole of it shows focused.
    pub fn span_parts(&self) -> Vec<(usize, Range<usize>)> {
        let Some((paragraph, range)) = self.span.clone() else {
            return Vec::new();
        };
        let crossing = self.highlights.all().iter().find(|h| {
            !h.more.is_empty()
                && h.place
                    .as_ref()
                    .is_some_and(|p| p.paragraph == paragraph && p.range == range)
        });
        match crossing {
            Some(highlight) => highlight
                .places()
                .map(|p| (p.paragraph, p.range.clone()))
                .collect(),
            None => vec![(paragraph, range)],
        }
    }

    /// Whether the reader asked for the highlights to be exported; asking
    /// clears the request.
    pub fn take_export_request(&mut self) -> bool {
        std::mem::take(&mut self.export)
    }

    /// Shows `message` in the status line until the next key.
    /// Controls in it (a file name, an error from the system) are shown as
    /// symbols.
    pub fn set_message(&mut self, message: String) {
        self.message = Some(crate::document::sanitize::sanitize_label(&message));
    }

    /// Puts `anchor` at the top of the view and focuses its paragraph (a
    /// saved reading position).
    pub fn restore_position(&mut self, anchor: Anchor) {
        if self.document.is_empty() {
            return;
        }
        self.top = anchor;
        self.focus = anchor.paragraph;
    }

    /// What `x` marks: the focused span, else the current match.
    pub(super) fn marking_target(&self) -> Option<(usize, Range<usize>)> {
        if let Some(span) = &self.span {
            return Some(span.clone());
        }
        let search = self.search.as_ref()?;
        let found = search.matches.get(search.current?)?;
        Some((found.paragraph, found.range.clone()))
    }

    /// Applies the actions of highlights, sentences and the panel.
    pub(super) fn update_marks(&mut self, action: Action, times: usize) {
        match action {
            Action::MarkSelection => match self.marking_target() {
                Some((paragraph, range)) => self.mark(paragraph, range),
                None => {
                    self.message = Some(
                        "nothing to mark: ( ) pick a sentence, / a match; X marks the paragraph"
                            .into(),
                    );
                }
            },
            Action::MarkParagraph if !self.document.is_empty() => {
                let length = self.document.paragraph(self.focus).text.len();
                self.mark(self.focus, 0..length);
            }
            Action::Unmark => self.unmark(),
            Action::NextSentence => self.step_sentence(times, true),
            Action::PreviousSentence => self.step_sentence(times, false),
            Action::NextHighlight => self.step_highlight(times, true),
            Action::PreviousHighlight => self.step_highlight(times, false),
            Action::ShowHighlights => self.open_panel(),
            Action::ExportHighlights => self.export = true,
            _ => self.update_panel(action, times),
        }
    }

    fn mark(&mut self, paragraph: usize, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        let colour = self.highlights.mark(&self.document, paragraph, range);
        self.message = Some(format!(
            "highlighted {} (again: next colour, U removes)",
            colour.name()
        ));
    }

    fn unmark(&mut self) {
        if self.document.is_empty() {
            return;
        }
        let (paragraph, range) = self.marking_target().unwrap_or_else(|| {
            let length = self.document.paragraph(self.focus).text.len();
            (self.focus, 0..length)
        });
        self.message = Some(match self.highlights.unmark(paragraph, range) {
            0 => "no highlight here".into(),
            1 => "highlight removed".into(),
            n => format!("{n} highlights removed"),
        });
    }

    /// Moves the focused span `times` sentences forward or back, across
    /// paragraphs. With no span yet, the first step picks the sentence at
    /// the top of the view in the focused paragraph.
    fn step_sentence(&mut self, times: usize, forward: bool) {
        if self.document.is_empty() {
            return;
        }
        let (mut paragraph, mut ranges, mut index, mut times) = match &self.span {
            Some((paragraph, range)) => {
                let ranges = sentences(&self.document.paragraph(*paragraph).text);
                let index = sentence_at(&ranges, range.start).unwrap_or(0);
                (*paragraph, ranges, index, times)
            }
            None => {
                let ranges = sentences(&self.document.paragraph(self.focus).text);
                let offset = if self.top.paragraph == self.focus && self.top.offset != Anchor::GAP {
                    self.top.offset
                } else {
                    0
                };
                let index = sentence_at(&ranges, offset).unwrap_or(0);
                (self.focus, ranges, index, times.saturating_sub(1))
            }
        };
        if ranges.is_empty() {
            // Start from a paragraph that has sentences.
            times = times.max(1);
            index = if forward { usize::MAX } else { 0 };
        }
        while times > 0 {
            let within = if forward {
                index.checked_add(1).filter(|&i| i < ranges.len())
            } else {
                index.checked_sub(1).filter(|_| !ranges.is_empty())
            };
            if let Some(i) = within {
                index = i;
                times -= 1;
                continue;
            }
            let mut skipped = 0;
            let mut candidate = paragraph;
            let found = loop {
                let next = if forward {
                    self.document.next(candidate)
                } else {
                    self.document.previous(candidate)
                };
                let Some(next) = next else { break None };
                candidate = next;
                let found = sentences(&self.document.paragraph(next).text);
                if !found.is_empty() {
                    break Some(found);
                }
                skipped += 1;
                if skipped > MAX_SKIP {
                    break None;
                }
            };
            // The span stays a paragraph's own sentence: the paragraph
            // moves only with sentences found in it.
            let Some(found) = found else { break };
            paragraph = candidate;
            index = if forward { 0 } else { found.len() - 1 };
            ranges = found;
            times -= 1;
        }
        let Some(range) = ranges.get(index).cloned() else {
            return;
        };
        self.span = Some((paragraph, range.clone()));
        self.reveal_span(paragraph, range);
    }

    fn step_highlight(&mut self, times: usize, forward: bool) {
        let (paragraph, offset) = match &self.span {
            Some((paragraph, range)) => (*paragraph, range.start),
            None => (self.focus, 0),
        };
        let index = if forward {
            // Without a span, a highlight at the very start of the focused
            // paragraph comes first.
            let from = if self.span.is_none() {
                self.highlights.all().iter().position(|h| {
                    h.place
                        .as_ref()
                        .is_some_and(|p| (p.paragraph, p.range.start) >= (paragraph, offset))
                })
            } else {
                self.highlights.next_after(paragraph, offset)
            };
            from.or_else(|| {
                self.message = Some("highlights: continuing from the top".into());
                self.highlights.next_after(0, 0).or(self.first_placed())
            })
        } else {
            // Without a span, the focused paragraph's own highlights come
            // first.
            let offset = if self.span.is_none() {
                usize::MAX
            } else {
                offset
            };
            self.highlights
                .previous_before(paragraph, offset)
                .or_else(|| {
                    self.message = Some("highlights: continuing from the bottom".into());
                    self.last_placed()
                })
        };
        let Some(mut at) = index else {
            self.message = Some("no highlights: x marks a sentence or match, X a paragraph".into());
            return;
        };
        let placed: Vec<usize> = (0..self.highlights.len())
            .filter(|&i| self.highlights.all()[i].place.is_some())
            .collect();
        if let Some(position) = placed.iter().position(|&i| i == at) {
            let steps = times.saturating_sub(1) % placed.len();
            let next = if forward {
                (position + steps) % placed.len()
            } else {
                (position + placed.len() - steps) % placed.len()
            };
            at = placed[next];
        }
        self.go_to_highlight(at);
    }

    fn first_placed(&self) -> Option<usize> {
        self.highlights.all().iter().position(|h| h.place.is_some())
    }

    fn last_placed(&self) -> Option<usize> {
        self.highlights
            .all()
            .iter()
            .rposition(|h| h.place.is_some())
    }

    /// Focuses highlight `index` and brings it into view.
    pub(super) fn go_to_highlight(&mut self, index: usize) {
        let Some(place) = self
            .highlights
            .all()
            .get(index)
            .and_then(|h| h.place.clone())
        else {
            self.message = Some("this highlight's words are not in the text any more".into());
            return;
        };
        let number = self.highlights.all()[..=index]
            .iter()
            .filter(|h| h.place.is_some())
            .count();
        let total = self.highlights.len() - self.highlights.lost();
        if self.message.is_none() {
            self.message = Some(format!("highlight {number}/{total}"));
        }
        self.span = Some((place.paragraph, place.range.clone()));
        self.reveal_span(place.paragraph, place.range);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::highlights::Colour;

    fn app() -> App {
        let text = "Un. Deux trois.\n\nQuatre. M. Cinq arrive.\n\nSix.";
        App::new(Document::from_bytes("t", text.as_bytes()), 0, 40, 12)
    }

    fn spanned(app: &App) -> String {
        let (paragraph, range) = app.span().unwrap();
        app.document().paragraph(paragraph).text[range].to_owned()
    }

    #[test]
    fn sentences_step_across_paragraphs_both_ways() {
        let mut app = app();
        let steps = [")", ")", ")", ")", ")", "(", "("];
        let expected = [
            "Un.",
            "Deux trois.",
            "Quatre.",
            "M. Cinq arrive.",
            "Six.",
            "M. Cinq arrive.",
            "Quatre.",
        ];
        for (step, want) in steps.iter().zip(expected) {
            app.update(if *step == ")" {
                Action::NextSentence
            } else {
                Action::PreviousSentence
            });
            assert_eq!(spanned(&app), want);
            assert_eq!(app.span().unwrap().0, app.focus());
        }
        // Moving the paragraph focus drops the sentence.
        app.update(Action::NextParagraph);
        assert_eq!(app.span(), None);
    }

    #[test]
    fn mark_cycle_jump_list_and_delete() {
        let mut app = app();
        app.update(Action::MarkSelection);
        assert!(app.message().unwrap().starts_with("nothing to mark"));
        app.update(Action::NextSentence);
        app.update(Action::NextSentence);
        app.update(Action::MarkSelection);
        app.update(Action::MarkSelection);
        assert_eq!(app.highlights().all()[0].colour.name(), "green");
        app.update(Action::NextParagraph);
        app.update(Action::MarkParagraph);
        assert_eq!(app.highlights().len(), 2);
        app.update(Action::Top);
        app.update(Action::NextHighlight);
        assert_eq!(spanned(&app), "Deux trois.");
        app.update(Action::NextHighlight);
        assert_eq!(spanned(&app), "Quatre. M. Cinq arrive.");
        app.update(Action::Unmark);
        assert_eq!(app.highlights().len(), 1);
        app.update(Action::ShowHighlights);
        assert_eq!(app.mode(), crate::action::Mode::Panel);
        app.update(Action::PanelRecolour);
        let colour = |app: &App| app.highlights().all()[0].colour;
        assert_eq!(colour(&app), Colour::Blue, "c: the next colour after green");
        app.update(Action::PanelColour(4));
        assert_eq!(colour(&app), Colour::Pink, "4: the fourth colour");
        app.update(Action::PanelColour(4));
        app.update(Action::Undo);
        assert_eq!(
            colour(&app),
            Colour::Blue,
            "the same colour again is no change"
        );
        app.update(Action::PanelColour(9));
        assert_eq!(colour(&app), Colour::Pink, "no fifth colour: the next one");
        app.update(Action::Undo);
        app.update(Action::PanelDelete);
        assert!(app.highlights().is_empty());
        // The list stays open, empty: u brings the highlight back.
        assert_eq!(app.mode(), crate::action::Mode::Panel);
        app.update(Action::Undo);
        assert_eq!(app.highlights().len(), 1);
        assert_eq!(app.message(), Some("undone (Ctrl-r redoes)"));
        app.update(Action::Redo);
        assert!(app.highlights().is_empty());
        app.update(Action::Redo);
        assert_eq!(app.message(), Some("nothing to redo"));
        app.update(Action::ClosePanel);
        assert_eq!(app.mode(), crate::action::Mode::Normal);
        let revision = app.highlights().revision();
        assert!(revision >= 7, "every change counts: {revision}");
    }

    #[test]
    fn comma_at_the_bottom_takes_the_last_paragraph_s_highlights_first() {
        let mut app = app();
        app.update(Action::Bottom);
        app.update(Action::MarkParagraph);
        app.update(Action::Top);
        app.update(Action::MarkParagraph);
        app.update(Action::Bottom);
        app.update(Action::PreviousHighlight);
        assert_eq!(spanned(&app), "Six.", "the one in view at the bottom");
        app.update(Action::PreviousHighlight);
        assert_eq!(spanned(&app), "Un. Deux trois.");
    }
}
