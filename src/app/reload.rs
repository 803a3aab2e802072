//! Reading the file again (`R`, or `--follow` when it changes): the new
//! text replaces the old, the view stays on the same words (or at the end
//! when it was there, as `tail -f` does), highlights are found again by
//! their words, and a search is run again. And a book shown from its
//! beginning while the rest is read: the whole replaces the beginning.

use super::App;
use super::places::Place;
use crate::anchor::TextAnchor;
use crate::anchor::words_at;
use crate::document::Document;
use crate::document::rest::Rest;
use crate::highlights::Highlight;
use crate::layout::LayoutCache;
use crate::viewport::Anchor;

/// A place by its words: the top's, and the focused paragraph's.
type PlaceWords = (TextAnchor, Option<TextAnchor>);

/// The places the reader keeps, by their words (`None`: not captured).
struct PlacesByWords {
    marks: Vec<(char, Option<PlaceWords>)>,
    way_back: Option<PlaceWords>,
    jumps: Vec<Option<PlaceWords>>,
}

impl App {
    /// Whether `R` asked for the file to be read again; asking clears it.
    pub fn take_reload_request(&mut self) -> bool {
        std::mem::take(&mut self.reload)
    }

    /// Shows the document given as only its beginning until `rest`, the
    /// whole of it, is read.
    pub fn set_rest(&mut self, rest: Rest) {
        self.rest = Some(rest);
    }

    /// Whether the document shown is only its beginning, the rest being
    /// read.
    pub fn is_reading_rest(&self) -> bool {
        self.rest.is_some()
    }

    /// Whether reading the rest failed: the document shown is only its
    /// beginning.
    pub fn is_partial(&self) -> bool {
        self.partial
    }

    /// Starts reading the rest of the document (after the first frame,
    /// which it would slow down).
    pub fn start_reading_rest(&mut self) {
        if let Some(rest) = &mut self.rest {
            rest.start();
        }
    }

    /// Shows the whole document in place of its beginning once it is read
    /// (waiting for it when `wait`): the view stays where it is, since
    /// the beginning is the start of the whole. Whether anything changed.
    pub fn take_rest(&mut self, wait: bool) -> bool {
        let Some(read) = self.rest.as_mut().and_then(|rest| rest.take(wait)) else {
            return false;
        };
        self.rest = None;
        match read {
            Ok(whole) => {
                self.document = whole;
                self.fresh_layout();
                self.document.start_counting();
            }
            Err(error) => {
                self.partial = true;
                self.set_message(format!("only the beginning is shown: {error}"));
            }
        }
        true
    }

    /// The marks, the way back and the jump list, each place by its words
    /// (the top's, the focused paragraph's), to be found in a new text.
    fn places_by_words(&self) -> PlacesByWords {
        let words = |(top, focus): Place| {
            let top = words_at(&self.document, top)?;
            Some((
                top,
                words_at(&self.document, Anchor::paragraph_start(focus)),
            ))
        };
        PlacesByWords {
            marks: self
                .marks
                .iter()
                .map(|(&letter, &place)| (letter, words(place)))
                .collect(),
            way_back: self.jumped_from.and_then(words),
            jumps: self
                .jumps
                .places()
                .iter()
                .map(|&place| words(place))
                .collect(),
        }
    }

    /// Sets the marks, the way back and the jump list again from their
    /// words, in the new text; says how many marks were not found.
    fn find_places_again(&mut self, places: PlacesByWords) {
        let document = &self.document;
        let find = |words: Option<PlaceWords>| -> Option<Place> {
            let (top, focus) = words?;
            let top = top.locate(document)?;
            let focus = focus
                .and_then(|focus| focus.locate(document))
                .map_or(top.paragraph, |found| found.paragraph);
            let top = Anchor {
                paragraph: top.paragraph,
                offset: top.range.start,
            };
            Some((top, focus))
        };
        let count = places.marks.len();
        self.marks = places
            .marks
            .into_iter()
            .filter_map(|(letter, words)| Some((letter, find(words)?)))
            .collect();
        self.jumped_from = find(places.way_back);
        self.jumps
            .replace(places.jumps.into_iter().filter_map(find).collect());
        let lost = count - self.marks.len();
        if lost > 0 {
            self.message = Some(format!(
                "{lost} mark{} not found in the new text",
                if lost == 1 { "" } else { "s" }
            ));
        }
    }

    /// A layout cache emptied, for a new document.
    fn fresh_layout(&mut self) {
        let setting = *self.layout.setting();
        self.layout = LayoutCache::with_setting(self.column().width.into(), setting);
        self.fit_layout();
    }

    /// Whether the view shows the end of the document.
    pub fn at_end(&self) -> bool {
        let rows = self.rows();
        rows.reaches_end(self.top_row(), self.column().height.into())
    }

    /// Replaces the document with `document` (the same file read again),
    /// keeping the place by its words.
    pub fn replace_document(&mut self, document: Document) {
        let at_end = self.at_end() && !self.document.is_empty();
        let top = self.reading_position();
        let query = self.search.as_ref().map(|s| (s.query.clone(), s.backward));
        let records: Vec<_> = self.highlights.records();
        let marks = self.places_by_words();
        self.document = document;
        self.fresh_layout();
        self.span = None;
        // A selection's ends are offsets in the old text.
        self.selection = None;
        self.pressed = None;
        self.outline = None;
        self.search = None;
        self.find_places_again(marks);
        let placed: Vec<Highlight> = records
            .into_iter()
            .map(|record| Highlight::from_record(record, &self.document))
            .collect();
        self.replace_highlights(placed);
        match top.and_then(|anchor| anchor.locate(&self.document)) {
            _ if at_end => self.go_to_bottom(),
            Some(place) => self.restore_position(Anchor {
                paragraph: place.paragraph,
                offset: place.range.start,
            }),
            None => {
                let first = self.document.first().unwrap_or_default();
                self.restore_position(Anchor::paragraph_start(first));
            }
        }
        if let Some((query, backward)) = query {
            // The matches again, without moving the view.
            let place = (self.top, self.focus);
            self.start_search(query, backward);
            (self.top, self.focus) = place;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::action::{Action, PromptKind};
    use crate::app::App;
    use crate::app::tests::{press, typed};
    use crate::document::Document;

    /// A structured document of `count` numbered paragraphs.
    fn book(count: usize) -> crate::document::structure::Laid {
        use crate::document::block::{Block, Structured};
        crate::document::structure::lay(Structured {
            blocks: (0..count)
                .map(|i| Block::body(format!("Paragraphe numéro {i}, seul.")))
                .collect(),
            ..Structured::default()
        })
    }

    #[test]
    fn the_whole_book_replaces_its_beginning_where_the_reader_is() {
        use crate::document::rest::Rest;
        let opening = Document::structured("b.epub", book(40), encoding_rs::UTF_8);
        let mut app = App::new(opening, 60, 60, 20);
        app.set_rest(Rest::new("b.epub", encoding_rs::UTF_8, || Ok(book(400))));
        app.update(Action::ScrollDown(7));
        let (top, focus) = (app.top(), app.focus());
        assert!(app.is_reading_rest());
        // Not started: nothing comes without waiting.
        assert!(!app.take_rest(false));
        assert!(app.take_rest(true));
        assert!(!app.is_reading_rest() && !app.is_partial());
        assert_eq!(app.document().paragraph_total().value(), 400);
        assert_eq!((app.top(), app.focus()), (top, focus));
        app.update(Action::Bottom);
        assert!(app.document().paragraph(app.focus()).text.contains("399"));
        // Taken once.
        assert!(!app.take_rest(true));
    }

    #[test]
    fn a_rest_that_cannot_be_read_leaves_the_beginning_and_says_so() {
        use crate::document::rest::Rest;
        let opening = Document::structured("b.epub", book(40), encoding_rs::UTF_8);
        let mut app = App::new(opening, 60, 60, 20);
        app.set_rest(Rest::new("b.epub", encoding_rs::UTF_8, || {
            Err(crate::document::LoadError {
                name: "b.epub".into(),
                source: std::io::Error::other("chapter 9 expands past 64 MiB"),
            })
        }));
        assert!(app.take_rest(true));
        assert!(app.is_partial() && !app.is_reading_rest());
        assert_eq!(app.document().paragraph_total().value(), 40);
        let message = app.message().unwrap_or_default();
        assert!(
            message.contains("only the beginning") && message.contains("64 MiB"),
            "{message}"
        );
    }

    fn numbered(from: usize, to: usize) -> String {
        (from..to)
            .map(|i| format!("Paragraphe numéro {i}, seul.\n\n"))
            .collect()
    }

    #[test]
    fn marks_the_way_back_and_the_jumps_follow_their_words_across_a_reload() {
        let mut app = App::new(
            Document::from_bytes("t", numbered(0, 50).as_bytes()),
            70,
            80,
            24,
        );
        let text_of =
            |app: &App, paragraph: usize| app.document().paragraph(paragraph).text.clone();
        // A mark on ¶ 21, a jump from there to ¶ 41, then to the end.
        press(&mut app, &[Action::Digit(2), Action::Digit(1), Action::Top]);
        press(&mut app, &[Action::SetMark, Action::MarkLetter('a')]);
        press(&mut app, &[Action::Digit(4), Action::Digit(1), Action::Top]);
        press(&mut app, &[Action::Bottom]);
        // Five paragraphs come before, ¶ 30 goes: the marked words move.
        let grown = numbered(100, 105) + &numbered(0, 30) + &numbered(31, 50);
        app.replace_document(Document::from_bytes("t", grown.as_bytes()));
        assert_eq!(app.message(), None, "every mark found");
        press(&mut app, &[Action::GoToMark, Action::MarkLetter('a')]);
        assert!(
            text_of(&app, app.focus()).contains("numéro 20,"),
            "{}",
            text_of(&app, app.focus())
        );
        assert!(text_of(&app, app.top().paragraph).contains("numéro 20,"));
        // '' and the jump list: back to the end, then to ¶ 41's words.
        press(&mut app, &[Action::GoToMark, Action::MarkLetter('\'')]);
        assert!(text_of(&app, app.focus()).contains("numéro 49,"));
        press(&mut app, &[Action::JumpOlder, Action::JumpOlder]);
        assert!(
            text_of(&app, app.focus()).contains("numéro 40,"),
            "{}",
            text_of(&app, app.focus())
        );
    }

    #[test]
    fn a_mark_whose_words_are_gone_is_dropped_with_a_word() {
        let mut app = App::new(
            Document::from_bytes("t", numbered(0, 50).as_bytes()),
            70,
            80,
            24,
        );
        press(&mut app, &[Action::Digit(9), Action::Top]);
        press(&mut app, &[Action::SetMark, Action::MarkLetter('b')]);
        let shrunk = numbered(20, 50);
        app.replace_document(Document::from_bytes("t", shrunk.as_bytes()));
        assert_eq!(app.message(), Some("1 mark not found in the new text"));
        press(&mut app, &[Action::GoToMark, Action::MarkLetter('b')]);
        assert_eq!(app.message(), Some("no mark b"));
    }

    #[test]
    fn a_reload_keeps_the_words_at_the_top_when_text_is_added_before() {
        let mut app = App::new(
            Document::from_bytes("t", numbered(0, 50).as_bytes()),
            70,
            80,
            24,
        );
        app.update(Action::Digit(20));
        app.update(Action::Top);
        let before = app.document().paragraph(app.top().paragraph).text.clone();
        let grown = numbered(100, 105) + &numbered(0, 50);
        app.replace_document(Document::from_bytes("t", grown.as_bytes()));
        assert_eq!(app.document().paragraph(app.top().paragraph).text, before);
    }

    #[test]
    fn at_the_end_a_reload_follows_the_text_that_grew() {
        let mut app = App::new(
            Document::from_bytes("t", numbered(0, 50).as_bytes()),
            70,
            80,
            24,
        );
        app.update(Action::Bottom);
        assert!(app.at_end());
        app.replace_document(Document::from_bytes("t", numbered(0, 60).as_bytes()));
        assert!(app.at_end());
        let last = app.document().last().unwrap();
        assert_eq!(
            app.document().paragraph(last).text,
            "Paragraphe numéro 59, seul."
        );
    }

    #[test]
    fn a_reload_finds_highlights_and_matches_again() {
        let mut app = App::new(
            Document::from_bytes("t", numbered(0, 30).as_bytes()),
            70,
            80,
            24,
        );
        app.update(Action::Digit(5));
        app.update(Action::Top);
        app.update(Action::MarkParagraph);
        app.update(Action::OpenPrompt(PromptKind::SearchForward));
        typed(&mut app, "numéro 2");
        app.update(Action::Submit);
        let matches = app.search().unwrap().matches.len();
        let grown = numbered(100, 103) + &numbered(0, 30);
        app.replace_document(Document::from_bytes("t", grown.as_bytes()));
        let highlight = &app.highlights().all()[0];
        let place = highlight.place.as_ref().unwrap();
        assert_eq!(
            app.document().paragraph(place.paragraph).text,
            "Paragraphe numéro 4, seul."
        );
        assert_eq!(app.search().unwrap().matches.len(), matches);
    }
}
