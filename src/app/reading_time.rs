//! How long the rest of the document takes to read, at the reader's
//! speed.

use super::App;
use crate::document::index::Count;

/// Time left to read, in whole minutes (rounded up), estimated while the
/// words are being counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeLeft {
    /// Minutes.
    pub minutes: u64,
    /// Whether the word count behind it is still an estimate.
    pub estimated: bool,
}

impl TimeLeft {
    /// As the status line shows it: `12 min left`, `3 h 05 left`,
    /// `~` before an estimate; nothing once the end is on screen.
    pub fn label(self) -> String {
        match self.minutes {
            0 => String::new(),
            _ => format!("{} left", self.duration()),
        }
    }

    /// The time itself: `12 min`, `3 h 05`, `~` before an estimate.
    pub fn duration(self) -> String {
        let about = if self.estimated { "~" } else { "" };
        match self.minutes {
            m if m < 60 => format!("{about}{m} min"),
            m => format!("{about}{} h {:02}", m / 60, m % 60),
        }
    }
}

impl App {
    /// The reading speed, in words per minute.
    pub fn wpm(&self) -> u32 {
        self.wpm
    }

    /// Sets the reading speed (words per minute, at least 1).
    pub fn set_wpm(&mut self, wpm: u32) {
        self.wpm = wpm.max(1);
    }

    /// The words from the top of the view to the end, read at
    /// [`App::wpm`]; nothing is left once the end is on screen.
    pub fn time_left(&self) -> TimeLeft {
        self.time_left_at(self.percent())
    }

    /// [`App::time_left`], the view being `percent` through the text (as
    /// [`App::percent`] says: the status line asks it once a frame).
    pub(crate) fn time_left_at(&self, percent: usize) -> TimeLeft {
        if percent >= 100 {
            return TimeLeft {
                minutes: 0,
                estimated: false,
            };
        }
        let document = &self.document;
        let position = document.position(self.top.paragraph, self.top.offset);
        let before = document.words_before(document.source_byte(position));
        let total = document.word_total();
        let estimated = matches!(before, Count::Estimate(_)) || matches!(total, Count::Estimate(_));
        let left = total.value().saturating_sub(before.value()) as u64;
        TimeLeft {
            minutes: left.div_ceil(u64::from(self.wpm.max(1))).max(1),
            estimated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::App;
    use crate::document::Document;

    #[test]
    fn labels_read_naturally() {
        let label = |minutes, estimated| TimeLeft { minutes, estimated }.label();
        assert_eq!(label(0, false), "");
        assert_eq!(label(12, false), "12 min left");
        assert_eq!(label(185, true), "~3 h 05 left");
    }

    #[test]
    fn time_left_counts_the_words_after_the_top_at_the_set_speed() {
        // 40 paragraphs of 100 words: 4,000 words.
        let paragraph = "mot ".repeat(100) + "\n\n";
        let text = paragraph.repeat(40);
        let document = Document::from_bytes("t", text.as_bytes());
        let mut app = App::new(document, 70, 80, 24);
        app.set_wpm(100);
        assert_eq!(
            app.time_left(),
            TimeLeft {
                minutes: 40,
                estimated: false
            }
        );
        app.update(crate::action::Action::Digit(10));
        app.update(crate::action::Action::NextParagraph);
        // The top is now paragraph 11: 30 paragraphs, 3,000 words, left.
        assert_eq!(app.time_left().minutes, 30);
        app.update(crate::action::Action::Bottom);
        assert_eq!(app.time_left().minutes, 0);
    }
}
