//! What the saved state keeps of the reader: the app as
//! [`crate::state::keeper::Kept`], and its reading position by its words.

use super::App;
use crate::anchor::{TextAnchor, words_at};
use crate::document::Document;
use crate::highlights::{Highlight, Highlights};
use crate::state::keeper::Kept;
use crate::viewport::Anchor;

impl App {
    /// The reading position: the start of the top line, by its words.
    pub fn reading_position(&self) -> Option<TextAnchor> {
        if self.document.is_empty() {
            return None;
        }
        words_at(&self.document, self.rows().anchor_at(self.top_row()))
    }
}

impl Kept for App {
    fn document(&self) -> &Document {
        App::document(self)
    }

    fn highlights(&self) -> &Highlights {
        App::highlights(self)
    }

    fn replace_highlights(&mut self, items: Vec<Highlight>) {
        App::replace_highlights(self, items);
    }

    fn reading_position(&self) -> Option<TextAnchor> {
        App::reading_position(self)
    }

    fn restore_position(&mut self, anchor: Anchor) {
        App::restore_position(self, anchor);
    }

    fn set_message(&mut self, message: String) {
        App::set_message(self, message);
    }

    fn take_export_request(&mut self) -> bool {
        App::take_export_request(self)
    }

    fn language(&self) -> Option<String> {
        self.typesetting()
            .language
            .map(|language| language.code().to_owned())
    }
}
