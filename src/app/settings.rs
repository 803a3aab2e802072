//! What the reader is set up with rather than what it is doing: the key
//! bindings in force and the theme it is drawn with.

use super::App;
use crate::keymap::Keymap;
use crate::ui::theme::Theme;

impl App {
    /// The key bindings in force (the help overlay shows them).
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// Uses `keymap` from now on.
    pub fn set_keymap(&mut self, keymap: Keymap) {
        self.keymap = keymap;
    }

    /// The styles the reader is drawn with: [`Theme::current`] until
    /// [`App::set_theme`] says otherwise.
    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// Draws the reader with `theme` from now on.
    pub fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
    }
}
