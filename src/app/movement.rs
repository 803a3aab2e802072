//! Moving through the text: scrolling by lines and pages, paragraph to
//! paragraph, to the ends, to a paragraph's number or a percentage, and
//! the focus that follows the view (see the focus rule in [`super`]).

use std::cmp::Ordering;

use super::App;
use crate::viewport::Anchor;

impl App {
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

    pub(super) fn scroll_rows(&mut self, times: usize, step: isize) {
        let delta = step.saturating_mul(times.min(isize::MAX as usize) as isize);
        let rows = self.rows();
        let height = self.column().height.into();
        let top = rows.clamp_top(rows.advance(self.top_row(), delta), height);
        self.top = rows.anchor_at(top);
        self.follow_focus();
    }

    /// Moves the focus back on screen after a scroll (see the module docs).
    pub(super) fn follow_focus(&mut self) {
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
    pub(super) fn go_to_paragraph(&mut self, id: usize) {
        if self.document.is_empty() {
            return;
        }
        self.focus = id;
        self.top = Anchor::paragraph_start(id);
    }

    pub(super) fn go_to_top(&mut self) {
        if let Some(first) = self.document.first() {
            self.go_to_paragraph(first);
        }
    }

    /// Goes to paragraph `number` (from 1), saying so when the place is
    /// only estimated because counting has not reached it.
    pub(super) fn go_to_number(&mut self, number: usize) {
        if let Some((id, exact)) = self.document.nth(number) {
            self.go_to_paragraph(id);
            if !exact {
                self.message = Some(format!("¶ {number} is estimated: still counting"));
            }
        }
    }

    pub(super) fn go_to_bottom(&mut self) {
        let Some(last) = self.document.last() else {
            return;
        };
        let rows = self.rows();
        let top = rows.max_top(self.column().height.into());
        self.top = rows.anchor_at(top);
        self.focus = last;
    }

    pub(super) fn next_paragraph(&mut self, times: usize) {
        let mut id = self.focus;
        for _ in 0..times {
            match self.document.next(id) {
                Some(next) => id = next,
                None => break,
            }
        }
        self.go_to_paragraph(id);
    }

    pub(super) fn previous_paragraph(&mut self, times: usize) {
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

    pub(super) fn go_to_percent(&mut self, percent: usize) {
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
}

pub(super) fn half(height: usize) -> isize {
    (height / 2).max(1) as isize
}

pub(super) fn page(height: usize) -> isize {
    height.saturating_sub(2).max(1) as isize
}

#[cfg(test)]
mod tests {
    use crate::action::Action;
    use crate::action::Mode;
    use crate::action::PromptKind;
    use crate::app::App;
    use crate::app::tests::{app, focused, ids, press, top_text, typed};
    use crate::viewport::Row;

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
        let first_word = |app: &App| {
            let text = app.document().paragraph(anchor.paragraph).text.clone();
            text[anchor.offset..].split(' ').next().unwrap().to_owned()
        };
        press(&mut app, &[Action::Resize(25, 12)]);
        // The narrower lines break elsewhere, but the row at the top is
        // the one that holds the anchor's words.
        let row = app.top_row();
        assert_eq!(row.paragraph, anchor.paragraph);
        let lines = app.layout().lines(app.document(), row.paragraph);
        let range = lines[row.line].range.clone();
        assert!(range.contains(&anchor.offset), "{range:?} {anchor:?}");
        assert!(
            top_text(&app).contains(&first_word(&app)),
            "{}",
            top_text(&app)
        );
        assert_ne!(top_text(&app), words, "the lines did change");
        press(&mut app, &[Action::Resize(40, 12)]);
        assert_eq!(top_text(&app), words);
    }
}
