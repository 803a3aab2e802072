//! Places the reader can return to: marks set with `m` + a letter and
//! visited with `'` + the letter, as in less and vim, `''`, the place
//! before the last jump, and the jump list (see [`super::jumps`]).
//!
//! A jump is any move that does not scroll: `g`, `G`, `:N`, `:N%`, search,
//! `n`/`N`, highlights, headings, the outline, marks. Marks are anchors,
//! so they hold to their words when the window changes size.

use super::App;
use crate::action::Action;
use crate::viewport::Anchor;

/// What the next key typed is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Awaiting {
    /// `m`: the letter names a mark to set here.
    SetMark,
    /// `'`: the letter names a mark to go to (`'` itself: the way back).
    GoToMark,
    /// `]` (forward) or `[`: the same key again goes to the next or
    /// previous heading, `times` over.
    Bracket {
        /// `]]` rather than `[[`.
        forward: bool,
        /// The count typed before.
        times: usize,
    },
}

/// Whether `c` can name a mark (or, `'`, the way back).
fn is_mark_name(c: char) -> bool {
    c.is_alphanumeric() || c == '\''
}

/// A place: the view's top and the focused paragraph.
pub type Place = (Anchor, usize);

impl App {
    /// Whether a mark's letter is awaited, and for what.
    pub fn awaiting(&self) -> Option<Awaiting> {
        self.awaiting
    }

    /// Applies the actions of marks and of the first `]` or `[`.
    pub(super) fn update_places(&mut self, action: Action, times: usize) {
        match action {
            Action::SetMark => {
                self.awaiting = Some(Awaiting::SetMark);
                self.message = Some("mark: a letter names it".to_owned());
            }
            Action::GoToMark => {
                self.awaiting = Some(Awaiting::GoToMark);
                self.message = Some("go to mark: its letter (' goes back)".to_owned());
            }
            Action::AwaitBracket(forward) => {
                self.awaiting = Some(Awaiting::Bracket { forward, times });
                let key = if forward { "]" } else { "[" };
                self.message = Some(format!(
                    "{key} again: the heading {}",
                    if forward { "after" } else { "before" }
                ));
            }
            Action::MarkLetter(letter) => match self.awaiting.take() {
                Some(Awaiting::Bracket { forward, times })
                    if letter == if forward { ']' } else { '[' } =>
                {
                    let step = if forward {
                        Action::NextHeading
                    } else {
                        Action::PreviousHeading
                    };
                    self.update_outline(step, times);
                }
                Some(Awaiting::Bracket { .. }) => {}
                Some(Awaiting::SetMark | Awaiting::GoToMark) if !is_mark_name(letter) => {
                    self.message = Some(format!("{letter} cannot name a mark (a letter can)"));
                }
                Some(Awaiting::SetMark) if letter != '\'' => {
                    self.marks.insert(letter, (self.top, self.focus));
                    self.message = Some(format!("mark {letter} set"));
                }
                Some(Awaiting::SetMark) => {
                    self.message = Some("' is the way back, not a mark".to_owned());
                }
                Some(Awaiting::GoToMark) if letter == '\'' => match self.jumped_from {
                    Some(place) => self.go_to_place(place),
                    None => self.message = Some("no jump to go back from".to_owned()),
                },
                Some(Awaiting::GoToMark) => match self.marks.get(&letter) {
                    Some(&place) => self.go_to_place(place),
                    None => self.message = Some(format!("no mark {letter}")),
                },
                None => {}
            },
            Action::CancelMark => self.awaiting = None,
            Action::JumpOlder => match self.jumps.older((self.top, self.focus), times) {
                Some(place) => self.go_to_place(place),
                None => self.message = Some("no older jump".to_owned()),
            },
            Action::JumpNewer => match self.jumps.newer(times) {
                Some(place) => self.go_to_place(place),
                None => self.message = Some("no newer jump".to_owned()),
            },
            _ => {}
        }
    }

    fn go_to_place(&mut self, (top, focus): Place) {
        (self.top, self.focus) = (top, focus);
        self.span = None;
    }

    /// Called after every action with the place before it: a jump keeps
    /// where it left for `''`.
    pub(super) fn note_jump(&mut self, action: Action, before: Place) {
        let jumped = matches!(
            action,
            Action::Top
                | Action::Bottom
                | Action::Submit
                | Action::NextMatch
                | Action::PreviousMatch
                | Action::NextHighlight
                | Action::PreviousHighlight
                | Action::PanelJump
                | Action::OutlineJump
                | Action::LinksFollow
                | Action::MarkLetter(_)
        );
        if jumped && (self.top, self.focus) != before {
            self.jumped_from = Some(before);
            self.jumps.record(before);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::action::{Action, PromptKind};
    use crate::app::tests::{app, focused, press, typed};

    #[test]
    fn ctrl_o_goes_back_through_the_jumps_in_order_and_ctrl_n_forward() {
        let mut app = app();
        press(&mut app, &[Action::Digit(4), Action::NextParagraph]);
        assert_eq!(focused(&app), 4, "scrolling is no jump");
        press(&mut app, &[Action::Bottom]);
        assert_eq!(focused(&app), 19);
        press(&mut app, &[Action::OpenPrompt(PromptKind::SearchForward)]);
        typed(&mut app, "p9 ");
        press(&mut app, &[Action::Submit]);
        assert_eq!(focused(&app), 8, "the search wraps to p9");
        let mut back = Vec::new();
        for _ in 0..2 {
            press(&mut app, &[Action::JumpOlder]);
            back.push(focused(&app));
        }
        assert_eq!(back, [19, 4], "G's place, then where G left from");
        press(&mut app, &[Action::JumpOlder]);
        assert_eq!(app.message(), Some("no older jump"));
        assert_eq!(focused(&app), 4);
        press(&mut app, &[Action::Digit(2), Action::JumpNewer]);
        assert_eq!(focused(&app), 8, "two forward: back at the match");
        press(&mut app, &[Action::JumpNewer]);
        assert_eq!(app.message(), Some("no newer jump"));
        // '' still goes back across the last jump.
        press(&mut app, &[Action::Top]);
        press(&mut app, &[Action::GoToMark, Action::MarkLetter('\'')]);
        assert_eq!(focused(&app), 8);
    }

    #[test]
    fn a_mark_returns_to_its_place_and_unset_marks_say_so() {
        let mut app = app();
        press(&mut app, &[Action::Digit(4), Action::NextParagraph]);
        press(&mut app, &[Action::SetMark, Action::MarkLetter('a')]);
        assert_eq!(app.message(), Some("mark a set"));
        let place = (app.top(), app.focus());
        press(&mut app, &[Action::Bottom]);
        assert_ne!((app.top(), app.focus()), place);
        press(&mut app, &[Action::GoToMark, Action::MarkLetter('a')]);
        assert_eq!((app.top(), app.focus()), place);
        press(&mut app, &[Action::GoToMark, Action::MarkLetter('z')]);
        assert_eq!(app.message(), Some("no mark z"));
        assert_eq!((app.top(), app.focus()), place);
    }

    #[test]
    fn quote_quote_goes_back_and_forth_across_the_last_jump() {
        let mut app = app();
        press(&mut app, &[Action::Digit(2), Action::NextParagraph]);
        let start = focused(&app);
        press(&mut app, &[Action::Bottom]);
        let end = focused(&app);
        assert_ne!(start, end);
        // Scrolling is not a jump.
        press(&mut app, &[Action::LineUp]);
        press(&mut app, &[Action::GoToMark, Action::MarkLetter('\'')]);
        assert_eq!(focused(&app), start);
        press(&mut app, &[Action::GoToMark, Action::MarkLetter('\'')]);
        assert_eq!(focused(&app), end);
    }

    #[test]
    fn quote_quote_after_a_search_goes_back_to_where_the_prompt_opened() {
        let mut app = app();
        press(&mut app, &[Action::Digit(3), Action::NextParagraph]);
        let start = focused(&app);
        press(
            &mut app,
            &[Action::OpenPrompt(crate::action::PromptKind::SearchForward)],
        );
        crate::app::tests::typed(&mut app, "p15");
        press(&mut app, &[Action::Submit]);
        assert_ne!(focused(&app), start);
        press(&mut app, &[Action::GoToMark, Action::MarkLetter('\'')]);
        assert_eq!(focused(&app), start);
    }

    #[test]
    fn a_key_other_than_a_letter_cancels_the_wait() {
        let mut app = app();
        press(&mut app, &[Action::SetMark]);
        assert!(app.awaiting().is_some());
        press(&mut app, &[Action::CancelMark]);
        assert!(app.awaiting().is_none());
        press(&mut app, &[Action::GoToMark, Action::MarkLetter('\'')]);
        assert_eq!(app.message(), Some("no jump to go back from"));
    }
}
