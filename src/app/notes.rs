//! Notes on highlights: `a` writes one in a multi-line box, `A` in the
//! reader's own editor (the shell runs it), and the note of the focused
//! highlight is shown under the text.
//!
//! `a` notes the focused highlight (the one `;` `,` or the panel went
//! to); when the focused sentence, the selection or the current match is
//! no highlight yet, it is highlighted first. In the box, Enter keeps the
//! note, `Ctrl-j` (or `Alt-Enter`) starts a new line, Esc leaves it as it
//! was; a note left empty is removed. Every change can be undone.

use super::App;
use crate::action::Action;

/// A note being written: which highlight it is on (by id, which a merge
/// with another reader keeps), its text, and the cursor in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteEditor {
    /// The highlight's id.
    pub id: String,
    /// The note as written so far.
    pub text: String,
    /// The cursor: a byte offset in `text`, on a character boundary.
    pub cursor: usize,
    /// Whether the highlight was made for this note (Esc then takes it
    /// back).
    pub made: bool,
}

/// A note to write in the reader's editor, asked for with `A`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorRequest {
    /// The highlight's id.
    pub id: String,
    /// The note it has now.
    pub text: String,
}

impl NoteEditor {
    fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    fn delete_back(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
            self.text.remove(self.cursor);
        }
    }

    fn delete_word(&mut self) {
        let before = &self.text[..self.cursor];
        let kept = before.trim_end_matches(|c: char| c.is_whitespace() && c != '\n');
        let word = kept.trim_end_matches(|c: char| !c.is_whitespace());
        let from = word.len();
        self.text.replace_range(from..self.cursor, "");
        self.cursor = from;
    }

    fn delete_to_line_start(&mut self) {
        let from = self.line_start(self.cursor);
        self.text.replace_range(from..self.cursor, "");
        self.cursor = from;
    }

    fn home(&mut self) {
        self.cursor = self.line_start(self.cursor);
    }

    fn end(&mut self) {
        self.cursor = self.line_end(self.cursor);
    }

    fn left(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
        }
    }

    fn right(&mut self) {
        if let Some(c) = self.text[self.cursor..].chars().next() {
            self.cursor += c.len_utf8();
        }
    }

    fn line_start(&self, at: usize) -> usize {
        self.text[..at].rfind('\n').map_or(0, |i| i + 1)
    }

    fn line_end(&self, at: usize) -> usize {
        self.text[at..]
            .find('\n')
            .map_or(self.text.len(), |i| at + i)
    }

    /// Moves the cursor to the same character count on the line above
    /// (or below), as far as that line goes.
    fn vertical(&mut self, down: bool) {
        let start = self.line_start(self.cursor);
        let column = self.text[start..self.cursor].chars().count();
        let target = if down {
            let end = self.line_end(self.cursor);
            if end == self.text.len() {
                return;
            }
            end + 1
        } else {
            if start == 0 {
                return;
            }
            self.line_start(start - 1)
        };
        let end = self.line_end(target);
        self.cursor = self.text[target..end]
            .char_indices()
            .nth(column)
            .map_or(end, |(i, _)| target + i);
    }
}

impl App {
    /// The note being written, if any.
    pub fn note_editor(&self) -> Option<&NoteEditor> {
        self.note.as_ref()
    }

    /// The note of the focused highlight, if it has one: shown under the
    /// text.
    pub fn focused_note(&self) -> Option<&str> {
        let index = self.focused_highlight()?;
        let highlight = &self.highlights.all()[index];
        highlight.has_note().then_some(highlight.note.as_deref()?)
    }

    /// The highlight the focused span stands on: the one of exactly that
    /// span, else one overlapping it.
    pub(super) fn focused_highlight(&self) -> Option<usize> {
        let (paragraph, range) = self.span.clone()?;
        let all = self.highlights.all();
        all.iter()
            .position(|h| {
                h.places()
                    .any(|p| p.paragraph == paragraph && p.range == range)
            })
            .or_else(|| {
                let (found, _) = self.highlights.overlapping(paragraph, range).next()?;
                all.iter().position(|h| h.id == found.id)
            })
    }

    /// Whether a note is asked to be written in the reader's editor;
    /// asking clears the request.
    pub fn take_editor_request(&mut self) -> Option<EditorRequest> {
        self.editor_request.take()
    }

    /// The note written in the reader's editor for highlight `id` (from
    /// [`App::take_editor_request`]): kept as `a` keeps it.
    pub fn finish_note(&mut self, id: &str, text: &str) {
        self.save_note(id, text);
    }

    /// Applies the actions of notes: `a`, `A`, and editing in the box.
    pub(super) fn update_notes(&mut self, action: Action, count: Option<usize>) {
        if let Some(editor) = &mut self.note {
            match action {
                Action::Insert(c) => editor.insert(c),
                Action::NewLine => editor.insert('\n'),
                Action::DeleteBack => editor.delete_back(),
                Action::DeleteWord => editor.delete_word(),
                Action::DeleteToStart => editor.delete_to_line_start(),
                Action::CursorLeft => editor.left(),
                Action::CursorRight => editor.right(),
                Action::LineStart => editor.home(),
                Action::LineEnd => editor.end(),
                Action::CursorUp => editor.vertical(false),
                Action::CursorDown => editor.vertical(true),
                Action::Submit => {
                    if let Some(editor) = self.note.take() {
                        self.save_note(&editor.id, &editor.text);
                    }
                }
                Action::Cancel => {
                    let made = self.note.take().is_some_and(|editor| editor.made);
                    if made {
                        // The highlight made for the note goes with it.
                        self.highlights.undo();
                    }
                    self.message = Some(
                        if made {
                            "no note, no highlight"
                        } else {
                            "note left as it was"
                        }
                        .into(),
                    );
                }
                _ => {}
            }
            return;
        }
        let before = self.highlights.len();
        let Some(index) = self.highlight_to_note(count) else {
            return;
        };
        let made = self.highlights.len() > before;
        let highlight = &self.highlights.all()[index];
        let (id, text) = (
            highlight.id.clone(),
            highlight.note.clone().unwrap_or_default(),
        );
        if action == Action::EditNoteInEditor {
            self.editor_request = Some(EditorRequest { id, text });
        } else {
            let cursor = text.len();
            self.note = Some(NoteEditor {
                id,
                text,
                cursor,
                made,
            });
        }
    }

    /// The highlight `a` notes: the selection highlighted (in colour
    /// `count`), else the focused highlight, else the focused sentence or
    /// current match highlighted; the panel's selected one when it is
    /// open.
    fn highlight_to_note(&mut self, count: Option<usize>) -> Option<usize> {
        if self.panel.is_some() {
            return self.panel_shown();
        }
        if self.selection.is_some() {
            return self.highlight_selection(count);
        }
        if let Some(index) = self.focused_highlight() {
            return Some(index);
        }
        let Some((paragraph, range)) = self.marking_target() else {
            self.message = Some("nothing to note: ( ) picks a sentence, v selects".into());
            return None;
        };
        self.highlights
            .mark_spans(&self.document, &[(paragraph, range.clone())], None)
            .map(|(index, _)| {
                self.span = Some((paragraph, range));
                index
            })
    }

    /// Keeps `text` as the note of highlight `id`, saying so.
    fn save_note(&mut self, id: &str, text: &str) {
        let Some(index) = self.highlights.all().iter().position(|h| h.id == id) else {
            self.message = Some("the highlight is gone: the note was not kept".into());
            return;
        };
        let had = self.highlights.all()[index].has_note();
        let changed = self.highlights.set_note(index, text);
        self.message = Some(
            match (changed, text.trim().is_empty(), had) {
                (false, _, _) => "note unchanged",
                (true, true, _) => "note removed (u in the list undoes)",
                (true, false, true) => "note changed",
                (true, false, false) => "note kept (H lists the highlights)",
            }
            .into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::{Mode, Unit};
    use crate::document::Document;

    fn app() -> App {
        let text = "Le chat dort. Il rêve.\n\nPuis il part.";
        App::new(Document::from_bytes("t", text.as_bytes()), 0, 40, 12)
    }

    fn press(app: &mut App, actions: &[Action]) {
        for &action in actions {
            app.update(action);
        }
    }

    fn type_text(app: &mut App, text: &str) {
        for c in text.chars() {
            app.update(if c == '\n' {
                Action::NewLine
            } else {
                Action::Insert(c)
            });
        }
    }

    #[test]
    fn a_notes_the_focused_sentence_and_shows_the_note_when_focused() {
        let mut app = app();
        app.update(Action::EditNote);
        assert!(app.message().unwrap().starts_with("nothing to note"));
        app.update(Action::NextSentence);
        app.update(Action::EditNote);
        assert_eq!(app.mode(), Mode::Note);
        assert_eq!(app.highlights().len(), 1, "the sentence is highlighted");
        type_text(&mut app, "Un chien\nqui court");
        app.update(Action::CursorUp);
        app.update(Action::DeleteToStart);
        type_text(&mut app, "Le chat");
        app.update(Action::CursorDown);
        press(&mut app, &[Action::CursorRight; 3]);
        app.update(Action::DeleteWord);
        type_text(&mut app, "dort");
        app.update(Action::Submit);
        assert_eq!(app.mode(), Mode::Normal);
        let note = app.highlights().all()[0].note.clone();
        assert_eq!(note.as_deref(), Some("Le chat\nqui dort"));
        assert_eq!(app.focused_note(), Some("Le chat\nqui dort"));
        app.update(Action::NextParagraph);
        assert_eq!(app.focused_note(), None);
        app.update(Action::NextHighlight);
        assert_eq!(app.focused_note(), Some("Le chat\nqui dort"), "; shows it");
    }

    #[test]
    fn escape_keeps_the_note_and_an_empty_note_is_removed_and_undone() {
        let mut app = app();
        app.update(Action::NextSentence);
        app.update(Action::EditNote);
        type_text(&mut app, "rien");
        app.update(Action::Cancel);
        assert!(
            app.highlights().is_empty(),
            "Esc takes back the highlight made"
        );
        app.update(Action::EditNote);
        type_text(&mut app, "premier");
        app.update(Action::Submit);
        app.update(Action::EditNote);
        assert_eq!(app.note_editor().unwrap().text, "premier");
        type_text(&mut app, " ajout");
        app.update(Action::Cancel);
        assert_eq!(app.focused_note(), Some("premier"));
        app.update(Action::EditNote);
        app.update(Action::DeleteToStart);
        app.update(Action::Submit);
        assert_eq!(app.highlights().all()[0].note, None);
        assert!(app.message().unwrap().starts_with("note removed"));
        app.update(Action::ShowHighlights);
        app.update(Action::Undo);
        assert_eq!(app.highlights().all()[0].note.as_deref(), Some("premier"));
    }

    #[test]
    fn a_in_visual_mode_highlights_the_selection_and_notes_it() {
        let mut app = app();
        app.update(Action::StartSelection);
        app.update(Action::Extend(Unit::Word, true));
        app.update(Action::Digit(2));
        app.update(Action::EditNote);
        type_text(&mut app, "deux mots");
        app.update(Action::Submit);
        let highlight = &app.highlights().all()[0];
        assert_eq!(highlight.quote(), "Le chat");
        assert_eq!(highlight.colour, crate::highlights::Colour::Green);
        assert_eq!(highlight.note.as_deref(), Some("deux mots"));
    }

    #[test]
    fn capital_a_asks_the_shell_for_the_editor() {
        let mut app = app();
        app.update(Action::NextSentence);
        app.update(Action::EditNoteInEditor);
        let request = app.take_editor_request().unwrap();
        assert_eq!(request.text, "");
        assert_eq!(app.take_editor_request(), None);
        app.finish_note(&request.id, "écrit ailleurs\n");
        assert_eq!(app.focused_note(), Some("écrit ailleurs"));
    }
}
