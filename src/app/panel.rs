//! The highlights panel (`H`): every highlight with its colour, place,
//! quote and note, filtered by what is typed after `/` (as search
//! matches: case and accents ignored unless typed); Enter goes to one,
//! `d` deletes it, `c` or `1`–`4` colour it, `a` and `A` write its note,
//! `u` and `Ctrl-r` undo and redo any change to the highlights.

use super::App;
use crate::action::Action;
use crate::highlights::Colour;
use crate::search::find_in;

/// The filter typed in the panel.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PanelFilter {
    /// What was typed.
    pub text: String,
    /// Whether keys still go to it (after `/`, until Enter or Esc).
    pub typing: bool,
}

impl App {
    /// The highlight selected in the open panel (an index in
    /// [`crate::highlights::Highlights::all`]).
    pub fn panel(&self) -> Option<usize> {
        self.panel
    }

    /// The panel's filter.
    pub fn panel_filter(&self) -> &PanelFilter {
        &self.panel_filter
    }

    /// The highlights the panel lists: indices in
    /// [`crate::highlights::Highlights::all`] of those whose quote or note
    /// matches the filter.
    pub fn panel_rows(&self) -> Vec<usize> {
        let filter = self.panel_filter.text.trim();
        self.highlights
            .all()
            .iter()
            .enumerate()
            .filter(|(_, h)| {
                filter.is_empty()
                    || !find_in(&h.quote(), filter).is_empty()
                    || h.note
                        .as_deref()
                        .is_some_and(|n| !find_in(n, filter).is_empty())
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The highlight selected in the panel, when the panel shows it (a
    /// filter that matches nothing shows none: `d` then deletes nothing).
    pub(super) fn panel_shown(&self) -> Option<usize> {
        self.panel
            .filter(|selected| self.panel_rows().contains(selected))
    }

    /// Applies the actions of the panel.
    pub(super) fn update_panel(&mut self, action: Action, times: usize) {
        if self.panel_filter.typing && !matches!(action, Action::PanelDown | Action::PanelUp) {
            match action {
                Action::Insert(c) => self.panel_filter.text.push(c),
                Action::DeleteBack => {
                    self.panel_filter.text.pop();
                }
                Action::DeleteToStart => self.panel_filter.text.clear(),
                Action::Submit => self.panel_filter.typing = false,
                Action::Cancel => self.panel_filter = PanelFilter::default(),
                _ => {}
            }
            self.keep_panel_selection();
            return;
        }
        match action {
            Action::PanelDown => self.move_in_panel(times, true),
            Action::PanelUp => self.move_in_panel(times, false),
            Action::PanelJump => self.jump_from_panel(),
            Action::PanelDelete => self.delete_in_panel(),
            Action::PanelRecolour => self.recolour_in_panel(None),
            Action::PanelColour(number) => self.recolour_in_panel(Some(number)),
            Action::PanelFilter => self.panel_filter.typing = true,
            Action::Undo => self.undo_in_panel(true),
            Action::Redo => self.undo_in_panel(false),
            Action::ClosePanel => {
                self.panel = None;
                self.panel_filter = PanelFilter::default();
            }
            _ => {}
        }
    }

    /// Keeps the selection on a listed highlight: the first listed at or
    /// after it, else the last.
    fn keep_panel_selection(&mut self) {
        let Some(selected) = self.panel else { return };
        let rows = self.panel_rows();
        self.panel = Some(
            rows.iter()
                .copied()
                .find(|&i| i >= selected)
                .or(rows.last().copied())
                .unwrap_or(selected.min(self.highlights.len().saturating_sub(1))),
        );
    }

    /// Gives the selected highlight the colour numbered `number` (from 1),
    /// or its next one.
    fn recolour_in_panel(&mut self, number: Option<u8>) {
        let Some(selected) = self.panel_shown() else {
            return;
        };
        let colour = number.and_then(|n| Colour::ALL.get(usize::from(n).checked_sub(1)?).copied());
        if let Some(colour) = self.highlights.recolour(selected, colour) {
            self.message = Some(format!("{} (u undoes)", colour.name()));
        }
    }

    /// Undoes (or, not `undo`, redoes) the last change to the
    /// highlights, saying so; the selection stays in the list.
    pub(super) fn undo_in_panel(&mut self, undo: bool) {
        let done = if undo {
            self.highlights.undo()
        } else {
            self.highlights.redo()
        };
        self.message = Some(
            match (undo, done) {
                (true, true) => "undone (Ctrl-r redoes)",
                (false, true) => "redone",
                (true, false) => "nothing to undo",
                (false, false) => "nothing to redo",
            }
            .to_owned(),
        );
        self.keep_panel_selection();
    }

    pub(super) fn open_panel(&mut self) {
        if self.highlights.is_empty() {
            self.message = Some("no highlights: x marks a sentence or match, X a paragraph".into());
            return;
        }
        let near = self
            .highlights
            .all()
            .iter()
            .position(|h| h.place.as_ref().is_some_and(|p| p.paragraph >= self.focus))
            .unwrap_or(0);
        self.panel = Some(near);
    }

    fn move_in_panel(&mut self, times: usize, down: bool) {
        let Some(selected) = self.panel else { return };
        let rows = self.panel_rows();
        let Some(at) = rows.iter().position(|&i| i >= selected) else {
            return;
        };
        let at = if down {
            at.saturating_add(times).min(rows.len().saturating_sub(1))
        } else {
            at.saturating_sub(times)
        };
        self.panel = rows.get(at).copied().or(Some(selected));
    }

    fn jump_from_panel(&mut self) {
        let Some(selected) = self.panel_shown() else {
            return;
        };
        if self
            .highlights
            .all()
            .get(selected)
            .is_some_and(|h| h.place.is_some())
        {
            self.panel = None;
        }
        self.go_to_highlight(selected);
    }

    fn delete_in_panel(&mut self) {
        let Some(selected) = self.panel_shown() else {
            return;
        };
        if self.highlights.remove(selected).is_some() {
            self.message = Some("highlight removed (u undoes)".into());
        }
        // The list stays open, even empty: u can bring it back.
        self.panel = Some(selected.min(self.highlights.len().saturating_sub(1)));
        self.keep_panel_selection();
    }
}

#[cfg(test)]
mod tests {
    use crate::action::{Action, Mode};
    use crate::app::App;
    use crate::document::Document;

    fn app() -> App {
        let text = "Le chat dort.\n\nLe chien été là.\n\nUn oiseau.";
        App::new(Document::from_bytes("t", text.as_bytes()), 0, 40, 12)
    }

    fn typed(app: &mut App, text: &str) {
        for c in text.chars() {
            app.update(Action::Insert(c));
        }
    }

    #[test]
    fn the_filter_folds_accents_and_acts_only_on_what_it_shows() {
        let mut app = app();
        for _ in 0..3 {
            app.update(Action::MarkParagraph);
            app.update(Action::NextParagraph);
        }
        app.update(Action::ShowHighlights);
        app.update(Action::PanelFilter);
        assert_eq!(app.mode(), Mode::PanelFilter);
        typed(&mut app, "ete");
        assert_eq!(app.panel_rows(), [1], "été: accents folded");
        assert_eq!(app.panel(), Some(1), "the selection follows the filter");
        app.update(Action::DeleteToStart);
        assert_eq!(app.panel_rows().len(), 3, "Ctrl-u clears the filter");
        typed(&mut app, "zzz");
        app.update(Action::Submit);
        assert_eq!(app.mode(), Mode::Panel);
        assert!(app.panel_rows().is_empty());
        // Nothing shown: d, c and Enter do nothing.
        for action in [
            Action::PanelDelete,
            Action::PanelRecolour,
            Action::PanelJump,
        ] {
            app.update(action);
        }
        assert_eq!(app.highlights().len(), 3);
        assert!(
            app.highlights()
                .all()
                .iter()
                .all(|h| h.colour.name() == "yellow")
        );
        assert_eq!(app.mode(), Mode::Panel);
        // Closing forgets the filter.
        app.update(Action::ClosePanel);
        app.update(Action::ShowHighlights);
        assert_eq!(app.panel_rows().len(), 3);
    }
}
