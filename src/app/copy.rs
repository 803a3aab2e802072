//! `y`: copying what is focused — the focused sentence or highlight, else
//! the current match when it is in the focused paragraph, else the
//! focused paragraph — for the terminal to put in the clipboard.

use super::App;
use crate::clipboard;

impl App {
    /// The text to copy that `y` asked for, once.
    pub fn take_clipboard(&mut self) -> Option<String> {
        self.clipboard.take()
    }

    /// What `y` copies, and what to call it.
    fn focused_text(&self) -> (String, &'static str) {
        if let Some(selection) = &self.selection {
            return (selection.text(&self.document), "selection");
        }
        let paragraph = self.document.paragraph(self.focus);
        if let Some((id, range)) = self.span.clone()
            && let Some(text) = self.document.paragraph(id).text.get(range)
        {
            return (text.to_owned(), "selection");
        }
        let current = self.current_match_in_view().map(|(_, range)| range);
        if let Some(text) = current.and_then(|range| paragraph.text.get(range)) {
            return (text.to_owned(), "match");
        }
        (paragraph.text.clone(), "paragraph")
    }

    pub(super) fn copy(&mut self) {
        let (text, what) = self.focused_text();
        let (text, cut) = clipboard::bounded(&text);
        let characters = text.chars().count();
        self.message = Some(if cut {
            format!("copied the first {characters} characters of the {what} (OSC 52)")
        } else {
            format!("copied the {what}, {characters} characters (OSC 52)")
        });
        self.clipboard = Some(text.to_owned());
        self.selection = None;
    }
}

#[cfg(test)]
mod tests {
    use crate::action::{Action, PromptKind};
    use crate::app::tests::{app, press, typed};

    #[test]
    fn y_copies_the_focused_paragraph_then_the_match_then_the_sentence() {
        let mut app = app();
        press(
            &mut app,
            &[Action::Digit(2), Action::NextParagraph, Action::Copy],
        );
        let paragraph = app.document().paragraph(app.focus()).text.clone();
        assert_eq!(app.take_clipboard().as_deref(), Some(paragraph.as_str()));
        assert!(app.message().unwrap().starts_with("copied the paragraph"));
        assert_eq!(app.take_clipboard(), None);

        press(&mut app, &[Action::OpenPrompt(PromptKind::SearchForward)]);
        typed(&mut app, "p5");
        press(&mut app, &[Action::Submit, Action::Copy]);
        assert_eq!(app.take_clipboard().as_deref(), Some("p5"));
        assert!(app.message().unwrap().starts_with("copied the match"));

        press(
            &mut app,
            &[Action::Escape, Action::NextSentence, Action::Copy],
        );
        let (id, range) = app.span().unwrap();
        let sentence = app.document().paragraph(id).text[range].to_owned();
        assert_eq!(app.take_clipboard(), Some(sentence));
    }
}
