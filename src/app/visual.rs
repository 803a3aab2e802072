//! Visual mode: selecting any span with the keyboard or the mouse, and
//! highlighting it.
//!
//! `v` starts a selection at the first word of the focused sentence, at
//! the current match, else at the first word in view of the focused
//! paragraph; `w` `e` `b`, `)` `(`, `}` `{`, `j` `k` move its moving end
//! (with counts), `o` swaps its ends, `x` or Enter highlights it (`2x`:
//! in the second colour), `a` highlights it and writes a note, `y` copies
//! it, Esc leaves it. The mouse selects by dragging (whole words), a
//! double click selects a word, a triple click a paragraph.

use super::App;
use crate::action::Action;
use crate::document::BlockKind;
use crate::highlights::Colour;
use crate::layout::breaks::display_width;
use crate::layout::display::{block_place, offset_at_column, runs};
use crate::selection::{Point, Selection, Unit, word_at};
use crate::viewport::Anchor;

/// Most units one key moves a selection's end (a larger count moves this
/// many), so that no count keeps the reader busy.
const MAX_STEPS: usize = 10_000;

impl App {
    /// The selection being made, if any.
    pub fn selection(&self) -> Option<&Selection> {
        self.selection.as_ref()
    }

    /// Applies the actions of visual mode.
    pub(super) fn update_selection(&mut self, action: Action, count: Option<usize>) {
        let times = count.unwrap_or(1).clamp(1, MAX_STEPS);
        match action {
            Action::StartSelection => self.start_selection(),
            Action::CancelSelection => self.selection = None,
            Action::Extend(unit, forward) => self.extend(unit, forward, times),
            Action::SwapEnds => {
                if let Some(selection) = &mut self.selection {
                    selection.swap_ends(&self.document);
                    let cursor = selection.cursor();
                    self.reveal_point(cursor);
                }
            }
            Action::HighlightSelection(colour) => {
                let colour = colour.map(usize::from).or(count);
                self.highlight_selection(colour);
            }
            Action::MousePress(column, row, clicks) => self.press(column, row, clicks),
            Action::MouseDrag(column, row) => self.drag(column, row),
            _ => {}
        }
    }

    /// Starts a selection (see the module docs).
    fn start_selection(&mut self) {
        if self.document.is_empty() {
            return;
        }
        let (start, end) = if let Some((paragraph, range)) = self.span.clone() {
            let text = &self.document.paragraph(paragraph).text;
            let word = word_at(text, range.start)
                .filter(|word| word.end <= range.end)
                .unwrap_or(range);
            (
                Point::new(paragraph, word.start),
                Point::new(paragraph, word.end),
            )
        } else if let Some(found) = self.current_match_in_view() {
            (
                Point::new(found.0, found.1.start),
                Point::new(found.0, found.1.end),
            )
        } else {
            let text = &self.document.paragraph(self.focus).text;
            let from = if self.top.paragraph == self.focus && self.top.offset != Anchor::GAP {
                self.top.offset
            } else {
                0
            };
            let word = word_at(text, from).unwrap_or(0..0);
            (
                Point::new(self.focus, word.start),
                Point::new(self.focus, word.end),
            )
        };
        self.span = None;
        self.goal_column = None;
        self.selection = Some(Selection::new(start, end));
        self.message = Some("extend: w b ) } j k · x marks".into());
    }

    /// The current search match, when it is in the focused paragraph.
    pub(super) fn current_match_in_view(&self) -> Option<(usize, std::ops::Range<usize>)> {
        let search = self.search.as_ref()?;
        let found = search.matches.get(search.current?)?;
        (found.paragraph == self.focus).then(|| (found.paragraph, found.range.clone()))
    }

    /// Moves the selection's moving end `times` units.
    fn extend(&mut self, unit: Unit, forward: bool, times: usize) {
        let Some(mut selection) = self.selection else {
            return;
        };
        match unit {
            Unit::Line => {
                // The column the first of these moves left from is kept, as
                // vim keeps it, so that j then k comes back.
                let column = match self.goal_column {
                    Some(column) => column,
                    None => self.column_of(selection.cursor()),
                };
                for _ in 0..times {
                    let Some(landing) = self.line_below(selection.cursor(), forward, column) else {
                        break;
                    };
                    selection.set_cursor(selection.snap(&self.document, landing, forward));
                }
                self.goal_column = Some(column);
            }
            _ => {
                selection.step(&self.document, unit, forward, times);
                self.goal_column = None;
            }
        }
        self.selection = Some(selection);
        self.reveal_point(selection.cursor());
    }

    /// The line of its paragraph that `point` is on, as laid out.
    fn line_of(&self, point: Point) -> usize {
        let lines = self.layout.lines(&self.document, point.paragraph);
        lines
            .partition_point(|l| l.range.end < point.offset)
            .min(lines.len().saturating_sub(1))
    }

    /// The column of `point` in its line.
    fn column_of(&self, point: Point) -> usize {
        let lines = self.layout.lines(&self.document, point.paragraph);
        let text = self.document.paragraph(point.paragraph).text.clone();
        lines.get(self.line_of(point)).map_or(0, |l| {
            text.get(l.range.start..point.offset.max(l.range.start))
                .map_or(0, display_width)
        })
    }

    /// The point a line down (or up) from `from`, as the layout lays the
    /// text out, at `column` (or the end of a shorter line).
    fn line_below(&self, from: Point, down: bool, column: usize) -> Option<Point> {
        let lines = self.layout.lines(&self.document, from.paragraph);
        let line = self.line_of(from);
        let (paragraph, line) = if down {
            if line + 1 < lines.len() {
                (from.paragraph, line + 1)
            } else {
                (self.document.next(from.paragraph)?, 0)
            }
        } else if line > 0 {
            (from.paragraph, line - 1)
        } else {
            let paragraph = self.document.previous(from.paragraph)?;
            let count = self.layout.lines(&self.document, paragraph).len();
            (paragraph, count.saturating_sub(1))
        };
        let lines = self.layout.lines(&self.document, paragraph);
        let text = self.document.paragraph(paragraph).text.clone();
        let Some(target) = lines.get(line) else {
            return Some(Point::new(paragraph, 0));
        };
        let offset = target.range.start
            + text[target.range.clone()]
                .char_indices()
                .scan(0, |width, (i, c)| {
                    *width += display_width(c.encode_utf8(&mut [0; 4]));
                    Some((i, *width))
                })
                .find(|&(_, width)| width > column)
                .map_or(target.range.len(), |(i, _)| i);
        Some(Point::new(paragraph, offset))
    }

    /// Brings `point` into view and focuses its paragraph.
    fn reveal_point(&mut self, point: Point) {
        let end = self.document.paragraph(point.paragraph).text.len();
        let start = point.offset.saturating_sub(1).min(end);
        self.reveal_span(
            point.paragraph,
            start..point.offset.max(start + 1).min(end.max(1)),
        );
    }

    /// Highlights the selection in colour number `colour` (from 1; else
    /// the first, or the next when it is highlighted already), and
    /// focuses the new highlight. Its index.
    pub(super) fn highlight_selection(&mut self, colour: Option<usize>) -> Option<usize> {
        let selection = self.selection?;
        let spans = selection.spans(&self.document);
        let Some((paragraph, range)) = spans.first().cloned() else {
            self.message = Some("nothing selected: w or } takes in more".into());
            return None;
        };
        let colour = colour.and_then(|n| Colour::ALL.get(n.checked_sub(1)?).copied());
        let (index, colour) = self.highlights.mark_spans(&self.document, &spans, colour)?;
        self.selection = None;
        self.message = Some(format!(
            "highlighted {} (a adds a note, U removes)",
            colour.name()
        ));
        self.span = Some((paragraph, range.clone()));
        self.focus = paragraph;
        Some(index)
    }

    /// The text under the screen's cell at `column`, `row` (of the
    /// window), if any: a paragraph and a byte offset in its text.
    pub fn point_at(&self, column: u16, row: u16) -> Option<Point> {
        let height = self.column().height;
        if row >= height {
            return None;
        }
        let rows = self.rows();
        let visible = rows.visible(self.top_row(), height.into());
        let at = visible.get(usize::from(row))?;
        let lines = self.layout.lines(&self.document, at.paragraph);
        let line = lines.get(at.line)?;
        let paragraph = self.document.paragraph(at.paragraph);
        let decoration = self.layout.decor(&paragraph);
        let text_column = self.column();
        let x = if paragraph.kind == BlockKind::Preformatted {
            block_place(
                (0, self.window.0),
                text_column,
                &paragraph.text,
                &lines,
                decoration.width,
            )
            .0
        } else {
            text_column.x
        };
        let lead = display_width(&format!("{}{}", decoration.bars, decoration.lead(at.line)));
        let start = usize::from(x) + lead;
        let column = usize::from(column).saturating_sub(start);
        let width = usize::from(text_column.width).saturating_sub(lead);
        let drawn = runs(
            &paragraph.text,
            line,
            width,
            self.justify,
            self.typesetting().language,
        );
        let offset = offset_at_column(&paragraph.text, &drawn, line.range.end, column);
        Some(Point::new(at.paragraph, offset))
    }

    /// The mouse's button went down: a double click selects the word
    /// there, a triple click its paragraph; a single click focuses the
    /// paragraph and leaves any selection, ready for a drag.
    fn press(&mut self, column: u16, row: u16, clicks: u8) {
        let Some(point) = self.point_at(column, row) else {
            return;
        };
        let text = self.document.paragraph(point.paragraph).text.clone();
        let word = word_at(&text, point.offset)
            .filter(|w| w.start <= point.offset)
            .unwrap_or(point.offset..point.offset);
        self.pressed = Some((
            Point::new(point.paragraph, word.start),
            Point::new(point.paragraph, word.end),
        ));
        match clicks {
            1 => {
                self.selection = None;
                self.span = None;
            }
            2 => {
                self.span = None;
                self.selection = Some(Selection::new(
                    Point::new(point.paragraph, word.start),
                    Point::new(point.paragraph, word.end),
                ));
            }
            _ => {
                let lead = text.len() - text.trim_start().len();
                self.span = None;
                self.selection = Some(Selection::new(
                    Point::new(point.paragraph, lead),
                    Point::new(point.paragraph, text.trim_end().len()),
                ));
            }
        }
        self.focus = point.paragraph;
    }

    /// The mouse moved with its button down: the selection runs from the
    /// word pressed to the word under it.
    fn drag(&mut self, column: u16, row: u16) {
        let (Some(point), Some((start, end))) = (self.point_at(column, row), self.pressed) else {
            return;
        };
        let mut selection = self.selection.unwrap_or(Selection::new(start, end));
        let text = self.document.paragraph(point.paragraph).text.clone();
        let word = word_at(&text, point.offset).filter(|w| w.start <= point.offset);
        let cursor = match word {
            Some(word) if point >= end => Point::new(point.paragraph, word.end),
            Some(word) => Point::new(point.paragraph, word.start),
            None => point,
        };
        selection.set_cursor(cursor);
        self.selection = Some(selection);
        self.span = None;
        self.focus = point.paragraph;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Mode;
    use crate::document::Document;

    fn app() -> App {
        let text = "Le chat dort au soleil. Il rêve.\n\nPuis il s'éveille et part.";
        App::new(Document::from_bytes("t", text.as_bytes()), 0, 40, 12)
    }

    fn selected(app: &App) -> String {
        app.selection().unwrap().text(app.document())
    }

    #[test]
    fn v_w_w_x_highlights_exactly_three_words() {
        let mut app = app();
        app.update(Action::NextSentence);
        app.update(Action::StartSelection);
        assert_eq!(app.mode(), Mode::Visual);
        assert_eq!(selected(&app), "Le");
        app.update(Action::Extend(Unit::Word, true));
        app.update(Action::Extend(Unit::Word, true));
        assert_eq!(selected(&app), "Le chat dort");
        app.update(Action::HighlightSelection(None));
        assert_eq!(app.mode(), Mode::Normal);
        let all = app.highlights().all();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].quote(), "Le chat dort");
        assert_eq!(all[0].colour, Colour::Yellow);
    }

    #[test]
    fn a_count_extends_and_a_count_before_x_picks_the_colour() {
        let mut app = app();
        app.update(Action::StartSelection);
        app.update(Action::Digit(3));
        app.update(Action::Extend(Unit::Word, true));
        assert_eq!(selected(&app), "Le chat dort au");
        app.update(Action::Extend(Unit::Paragraph, true));
        app.update(Action::Extend(Unit::Word, true));
        assert_eq!(selected(&app), "Le chat dort au soleil. Il rêve.\n\nPuis");
        app.update(Action::Digit(4));
        app.update(Action::HighlightSelection(None));
        let highlight = &app.highlights().all()[0];
        assert_eq!(highlight.colour, Colour::Pink);
        assert_eq!(highlight.more.len(), 1, "one part in each paragraph");
        assert_eq!(
            highlight.quote(),
            "Le chat dort au soleil. Il rêve.\n\nPuis"
        );
        // Both parts are drawn.
        let second = app.document().next(0).unwrap();
        assert_eq!(app.highlights().overlapping(second, 0..4).count(), 1);
        // Jumped to, the whole highlight is focused, in both paragraphs.
        app.update(Action::NextHighlight);
        assert_eq!(
            app.span_parts(),
            [
                (0, 0.."Le chat dort au soleil. Il rêve.".len()),
                (second, 0..4)
            ]
        );
        app.update(Action::Undo);
        assert!(app.highlights().is_empty(), "u undoes, in normal mode too");
    }

    #[test]
    fn escape_leaves_the_selection_and_o_swaps_its_ends() {
        let mut app = app();
        app.update(Action::StartSelection);
        app.update(Action::Extend(Unit::Sentence, true));
        assert_eq!(selected(&app), "Le chat dort au soleil.");
        app.update(Action::SwapEnds);
        app.update(Action::Extend(Unit::Word, true));
        assert_eq!(selected(&app), "chat dort au soleil.");
        app.update(Action::CancelSelection);
        assert_eq!(app.selection(), None);
        assert_eq!(app.mode(), Mode::Normal);
        assert!(app.highlights().is_empty());
    }

    #[test]
    fn lines_move_to_the_word_below() {
        // At 20 columns: "Le chat dort au" / "soleil. Il rêve."
        let text = "Le chat dort au soleil. Il rêve.";
        let mut app = App::new(Document::from_bytes("t", text.as_bytes()), 0, 24, 12);
        app.update(Action::ToggleHyphenation);
        app.update(Action::StartSelection);
        app.update(Action::Extend(Unit::Line, true));
        assert_eq!(selected(&app), "Le chat dort au soleil");
        app.update(Action::Extend(Unit::Line, false));
        assert_eq!(selected(&app), "Le");
    }

    #[test]
    fn the_mouse_selects_by_words() {
        let mut app = app();
        let x = app.column().x;
        // "Le chat dort…" on the first row: "chat" is at columns 3..7.
        app.update(Action::MousePress(x + 4, 0, 2));
        assert_eq!(selected(&app), "chat");
        app.update(Action::MousePress(x + 4, 0, 1));
        assert_eq!(app.selection(), None, "a single click selects nothing");
        app.update(Action::MouseDrag(x + 9, 0));
        assert_eq!(selected(&app), "chat dort");
        app.update(Action::MouseDrag(x, 0));
        assert_eq!(selected(&app), "Le chat", "back past where it started");
        app.update(Action::MousePress(x + 4, 0, 3));
        assert_eq!(selected(&app), "Le chat dort au soleil. Il rêve.");
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// A step of visual mode.
        fn step() -> impl Strategy<Value = (Action, usize)> {
            let units = prop_oneof![
                Just(Unit::Word),
                Just(Unit::Sentence),
                Just(Unit::Paragraph),
                Just(Unit::Line),
            ];
            prop_oneof![
                4 => (units, any::<bool>(), 1..4usize)
                    .prop_map(|(unit, forward, times)| (Action::Extend(unit, forward), times)),
                1 => Just((Action::SwapEnds, 1)),
            ]
        }

        /// Paragraphs of words with accents, punctuation and odd spaces,
        /// some blank.
        fn text() -> impl Strategy<Value = String> {
            let word = prop_oneof![
                Just("chat"),
                Just("été"),
                Just("l’œil"),
                Just("Dr."),
                Just("vrai !"),
                Just("«"),
                Just("»"),
                Just("x"),
                Just("naïve,"),
                Just("—"),
                Just("日本"),
            ];
            let paragraph = prop::collection::vec(word, 0..14).prop_map(|words| words.join(" "));
            prop::collection::vec(paragraph, 1..6).prop_map(|ps| ps.join("\n\n"))
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(200))]
            #[test]
            fn any_selection_is_contiguous_and_highlighting_it_quotes_it(
                text in text(),
                sentences in 0..4usize,
                steps in prop::collection::vec(step(), 0..12),
                width in 12..40u16,
            ) {
                let document = Document::from_bytes("t", text.as_bytes());
                let mut app = App::new(document, 0, width, 10);
                for _ in 0..sentences {
                    app.update(Action::NextSentence);
                }
                app.update(Action::StartSelection);
                let started_with_a_word = app
                    .selection()
                    .is_some_and(|s| !s.spans(app.document()).is_empty());
                for (action, times) in steps {
                    if times > 1 {
                        app.update(Action::Digit(times as u8));
                    }
                    app.update(action);
                }
                let Some(selection) = app.selection().copied() else {
                    // An empty document has nothing to select.
                    prop_assert!(app.document().is_empty());
                    return Ok(());
                };
                let document = app.document();
                let spans = selection.spans(document);
                // The word it started from is never given back.
                prop_assert!(!started_with_a_word || !spans.is_empty());
                for (i, (id, range)) in spans.iter().enumerate() {
                    let paragraph = document.paragraph(*id).text.clone();
                    prop_assert!(paragraph.is_char_boundary(range.start));
                    prop_assert!(paragraph.is_char_boundary(range.end));
                    let piece = &paragraph[range.clone()];
                    prop_assert!(!piece.is_empty() && piece.trim() == piece, "{piece:?}");
                    if i + 1 < spans.len() {
                        // Runs to its paragraph's end, and the next starts
                        // at its paragraph's start, only blank ones between.
                        prop_assert_eq!(range.end, paragraph.trim_end().len());
                        let (next, next_range) = &spans[i + 1];
                        let next_text = document.paragraph(*next).text.clone();
                        prop_assert_eq!(
                            next_range.start,
                            next_text.len() - next_text.trim_start().len()
                        );
                        let mut between = document.next(*id);
                        while let Some(b) = between.filter(|b| b < next) {
                            prop_assert!(document.paragraph(b).text.trim().is_empty());
                            between = document.next(b);
                        }
                    }
                }
                let quoted = selection.text(document);
                app.update(Action::HighlightSelection(None));
                match spans.is_empty() {
                    true => prop_assert!(app.highlights().is_empty()),
                    false => prop_assert_eq!(app.highlights().all()[0].quote(), quoted),
                }
            }
        }
    }
}
