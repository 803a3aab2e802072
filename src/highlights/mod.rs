//! The reader's highlights of one document: spans of text in a colour,
//! kept in document order, each with an optional note.
//!
//! A highlight may cross paragraphs: it is then one span in each of them
//! (its first [`Highlight::anchor`] and [`Highlight::more`]), each anchored
//! on its own, so that an edit to one paragraph loses at most that part.
//!
//! A highlight is anchored by its words ([`TextAnchor`]), so it can be
//! found again when the file changes; one that cannot is kept (and saved)
//! as *lost*, listed after the others, never silently dropped. Every change
//! bumps [`Highlights::revision`], which tells the store when to save.
//!
//! This module owns highlights in memory ([`Highlight`], [`Highlights`],
//! [`Colour`]) and, in `record`, what one is saved as ([`Record`]). It
//! finds words with [`crate::anchor`] and knows nothing of the `state`
//! module, which stores the records (files, locking, merging) and depends
//! on this one, never the other way round.

mod record;

pub use record::Record;

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::anchor::{Place, TextAnchor};
use crate::document::Document;

/// A highlight's colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    /// The first colour.
    Yellow,
    /// The second colour.
    Green,
    /// The third colour.
    Blue,
    /// The fourth colour.
    Pink,
}

impl Colour {
    /// Every colour, in the order marking again cycles through them.
    pub const ALL: [Colour; 4] = [Colour::Yellow, Colour::Green, Colour::Blue, Colour::Pink];

    /// The colour after this one.
    pub fn next(self) -> Colour {
        let index = Colour::ALL.iter().position(|&c| c == self).unwrap_or(0);
        Colour::ALL[(index + 1) % Colour::ALL.len()]
    }

    /// The colour's name.
    pub fn name(self) -> &'static str {
        match self {
            Colour::Yellow => "yellow",
            Colour::Green => "green",
            Colour::Blue => "blue",
            Colour::Pink => "pink",
        }
    }
}

/// One highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    /// Unique among every reader's highlights of the document.
    pub id: String,
    /// Its colour.
    pub colour: Colour,
    /// Its words and where they were.
    pub anchor: TextAnchor,
    /// Where it stands in the document as read, `None` when its words
    /// were not found (a lost highlight).
    pub place: Option<Place>,
    /// The reader's note on it, if any.
    pub note: Option<String>,
    /// Its parts in the paragraphs after the first, in order (empty for a
    /// highlight within one paragraph).
    pub more: Vec<Piece>,
}

/// The part of a highlight that crosses paragraphs in one paragraph after
/// its first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Its words and where they were.
    pub anchor: TextAnchor,
    /// Where it stands now, `None` when its words were not found.
    pub place: Option<Place>,
}

/// What paragraphs are joined with in a quote that crosses them.
pub const PARAGRAPH_BREAK: &str = "\n\n";

impl Highlight {
    /// Its whole text: the quote of each part, joined with
    /// [`PARAGRAPH_BREAK`].
    pub fn quote(&self) -> String {
        let mut quote = self.anchor.quote.clone();
        for piece in &self.more {
            quote.push_str(PARAGRAPH_BREAK);
            quote.push_str(&piece.anchor.quote);
        }
        quote
    }

    /// Where each of its parts found stands, in order.
    pub fn places(&self) -> impl Iterator<Item = &Place> {
        self.place
            .iter()
            .chain(self.more.iter().filter_map(|piece| piece.place.as_ref()))
    }

    /// Whether it has a note that says something.
    pub fn has_note(&self) -> bool {
        self.note.as_deref().is_some_and(|n| !n.trim().is_empty())
    }

    /// Where it starts, for ordering: lost ones last.
    fn key(&self) -> (bool, usize, usize, usize) {
        match &self.place {
            Some(p) => (false, p.paragraph, p.range.start, p.range.end),
            None => (true, 0, 0, 0),
        }
    }
}

/// The highlights of a document, placed ones in document order, lost ones
/// after them.
#[derive(Debug, Clone, Default)]
pub struct Highlights {
    items: Vec<Highlight>,
    revision: u64,
    made: u64,
    seed: u64,
    /// The highlights before each change the reader made, oldest first
    /// (for undo), at most [`MAX_UNDO`].
    undo: Vec<Vec<Highlight>>,
    /// The highlights an undo went back from, latest last (for redo).
    redo: Vec<Vec<Highlight>>,
}

/// The most changes that can be undone.
pub const MAX_UNDO: usize = 200;

impl Highlights {
    /// No highlights.
    pub fn new() -> Highlights {
        Highlights {
            seed: RandomState::new().hash_one(std::process::id()),
            ..Highlights::default()
        }
    }

    /// Every highlight, placed ones first in document order.
    pub fn all(&self) -> &[Highlight] {
        &self.items
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many could not be found in the text.
    pub fn lost(&self) -> usize {
        self.items.iter().filter(|h| h.place.is_none()).count()
    }

    /// Bumped by every change made by the reader (not by
    /// [`Highlights::replace`]).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The highlights as saved.
    pub fn records(&self) -> Vec<Record> {
        self.items.iter().map(Highlight::record).collect()
    }

    /// Replaces them all (with what was loaded or merged), keeping the
    /// revision; what could be undone is forgotten.
    pub fn replace(&mut self, mut items: Vec<Highlight>) {
        items.sort_by_key(Highlight::key);
        self.items = items;
        // Another reader's changes came in: going back to a state before
        // them would undo theirs too.
        self.undo.clear();
        self.redo.clear();
    }

    /// The placed highlights that overlap `range` of paragraph
    /// `paragraph`, each with its span in that paragraph.
    pub fn overlapping(
        &self,
        paragraph: usize,
        range: Range<usize>,
    ) -> impl Iterator<Item = (&Highlight, Range<usize>)> {
        let overlaps = move |p: &Range<usize>| {
            p.start < range.end.max(range.start + 1) && range.start < p.end.max(p.start + 1)
        };
        let first = self
            .items
            .partition_point(|h| h.place.as_ref().is_some_and(|p| p.paragraph < paragraph));
        // Highlights crossing paragraphs start before this one; they are
        // few, so all of them are looked at.
        let crossing = self.items[..first]
            .iter()
            .filter(|h| !h.more.is_empty())
            .filter_map(move |h| {
                let piece = h
                    .more
                    .iter()
                    .filter_map(|piece| piece.place.as_ref())
                    .find(|p| p.paragraph == paragraph)?;
                Some((h, piece.range.clone()))
            });
        let starting = self.items[first..].iter().map_while(move |h| {
            h.place
                .as_ref()
                .filter(|p| p.paragraph == paragraph)
                .map(|p| (h, p.range.clone()))
        });
        crossing.chain(starting).filter(move |(_, r)| overlaps(r))
    }

    /// The index of the highlight made of exactly these spans, if any.
    pub fn find_exact(&self, spans: &[(usize, Range<usize>)]) -> Option<usize> {
        self.items.iter().position(|h| {
            h.place.is_some()
                && h.more.iter().all(|piece| piece.place.is_some())
                && h.places()
                    .map(|p| (p.paragraph, p.range.clone()))
                    .eq(spans.iter().cloned())
        })
    }

    fn fresh_id(&mut self) -> String {
        self.made += 1;
        let hash = RandomState::new().hash_one((self.seed, self.made));
        format!("{:016x}", hash ^ self.seed.rotate_left(17))
    }

    /// Marks `range` of paragraph `paragraph`: a new highlight in the
    /// first colour, or, when exactly this span is highlighted already,
    /// its next colour. The colour it now has.
    pub fn mark(&mut self, document: &Document, paragraph: usize, range: Range<usize>) -> Colour {
        self.mark_spans(document, &[(paragraph, range)], None)
            .map_or(Colour::Yellow, |(_, colour)| colour)
    }

    /// Marks `spans` (a span in each of consecutive paragraphs, in
    /// order) as one highlight in `colour` (else the first colour), or,
    /// when exactly they are highlighted already, gives that highlight
    /// `colour` (else its next one). Its index and colour; `None` when
    /// there are no spans.
    pub fn mark_spans(
        &mut self,
        document: &Document,
        spans: &[(usize, Range<usize>)],
        colour: Option<Colour>,
    ) -> Option<(usize, Colour)> {
        let (first, rest) = spans.split_first()?;
        if let Some(index) = self.find_exact(spans) {
            let current = self.items[index].colour;
            let colour = colour.unwrap_or(current.next());
            if colour != current {
                self.remember();
                self.revision += 1;
                self.items[index].colour = colour;
            }
            return Some((index, colour));
        }
        self.remember();
        self.revision += 1;
        let capture = |(paragraph, range): &(usize, Range<usize>)| {
            let anchor = TextAnchor::capture(
                &document.paragraph(*paragraph).text,
                *paragraph,
                range.clone(),
            );
            let place = Place {
                paragraph: *paragraph,
                range: anchor.offset..anchor.offset + anchor.quote.len(),
            };
            Piece {
                anchor,
                place: Some(place),
            }
        };
        let Piece { anchor, place } = capture(first);
        let colour = colour.unwrap_or(Colour::Yellow);
        let highlight = Highlight {
            id: self.fresh_id(),
            colour,
            anchor,
            place,
            note: None,
            more: rest.iter().map(capture).collect(),
        };
        let at = self.items.partition_point(|h| h.key() <= highlight.key());
        self.items.insert(at, highlight);
        Some((at, colour))
    }

    /// Gives the highlight at `index` the note `note` (none when it is
    /// blank); whether that changed it.
    pub fn set_note(&mut self, index: usize, note: &str) -> bool {
        let note = (!note.trim().is_empty()).then(|| note.trim_end().to_owned());
        let Some(current) = self.items.get(index).map(|h| &h.note) else {
            return false;
        };
        if *current == note {
            return false;
        }
        self.remember();
        self.revision += 1;
        self.items[index].note = note;
        true
    }

    /// Removes the highlight of exactly `range` of `paragraph` if there is
    /// one, else every one overlapping it; how many went.
    pub fn unmark(&mut self, paragraph: usize, range: Range<usize>) -> usize {
        let exact = Some(Place {
            paragraph,
            range: range.clone(),
        });
        let kept = self.items.clone();
        let before = self.items.len();
        if self.items.iter().any(|h| h.place == exact) {
            self.items.retain(|h| h.place != exact);
        } else {
            let gone: Vec<String> = self
                .overlapping(paragraph, range)
                .map(|(h, _)| h.id.clone())
                .collect();
            self.items.retain(|h| !gone.contains(&h.id));
        }
        let removed = before - self.items.len();
        if removed > 0 {
            self.push_undo(kept);
            self.revision += 1;
        }
        removed
    }

    /// Removes the highlight at `index` in [`Highlights::all`].
    pub fn remove(&mut self, index: usize) -> Option<Highlight> {
        (index < self.items.len()).then(|| {
            self.remember();
            self.revision += 1;
            self.items.remove(index)
        })
    }

    /// Gives the highlight at `index` in [`Highlights::all`] `colour`, or
    /// its next colour; the colour it now has.
    pub fn recolour(&mut self, index: usize, colour: Option<Colour>) -> Option<Colour> {
        let current = self.items.get(index)?.colour;
        let colour = colour.unwrap_or(current.next());
        if colour != current {
            self.remember();
            self.revision += 1;
            self.items[index].colour = colour;
        }
        Some(colour)
    }

    /// Undoes the reader's last change (a mark, a colour, a removal);
    /// whether there was one.
    pub fn undo(&mut self) -> bool {
        let Some(before) = self.undo.pop() else {
            return false;
        };
        self.redo.push(std::mem::replace(&mut self.items, before));
        self.revision += 1;
        true
    }

    /// Makes again the last change undone; whether there was one.
    pub fn redo(&mut self) -> bool {
        let Some(after) = self.redo.pop() else {
            return false;
        };
        self.undo.push(std::mem::replace(&mut self.items, after));
        self.revision += 1;
        true
    }

    /// Keeps the highlights as they are, before a change, for undo.
    fn remember(&mut self) {
        self.push_undo(self.items.clone());
    }

    /// Keeps `before` for undo; a new change cannot be redone past.
    fn push_undo(&mut self, before: Vec<Highlight>) {
        if self.undo.len() == MAX_UNDO {
            self.undo.remove(0);
        }
        self.undo.push(before);
        self.redo.clear();
    }

    /// The index of the first placed highlight that starts after
    /// (`paragraph`, `offset`).
    pub fn next_after(&self, paragraph: usize, offset: usize) -> Option<usize> {
        self.items.iter().position(|h| {
            h.place
                .as_ref()
                .is_some_and(|p| (p.paragraph, p.range.start) > (paragraph, offset))
        })
    }

    /// The index of the last placed highlight that starts before
    /// (`paragraph`, `offset`).
    pub fn previous_before(&self, paragraph: usize, offset: usize) -> Option<usize> {
        self.items.iter().rposition(|h| {
            h.place
                .as_ref()
                .is_some_and(|p| (p.paragraph, p.range.start) < (paragraph, offset))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        Document::from_bytes("t", "Un deux. Trois quatre.\n\nCinq six.".as_bytes())
    }

    /// The quotes and colours of the highlights, in order.
    fn shown(marks: &Highlights) -> Vec<(String, Colour)> {
        marks
            .all()
            .iter()
            .map(|h| (h.anchor.quote.clone(), h.colour))
            .collect()
    }

    #[test]
    fn every_change_undoes_and_redoes_in_order() {
        let doc = doc();
        let mut marks = Highlights::new();
        let second = doc.next(0).unwrap();
        marks.mark(&doc, 0, 0..3);
        let one = shown(&marks);
        marks.mark(&doc, second, 0..4);
        marks.mark(&doc, second, 0..4);
        let recoloured = shown(&marks);
        marks.remove(0);
        let removed = shown(&marks);
        assert_eq!(removed, [("Cinq".to_owned(), Colour::Green)]);
        let revision = marks.revision();
        assert!(marks.undo());
        assert_eq!(shown(&marks), recoloured);
        assert!(marks.revision() > revision, "an undo is a change to save");
        assert!(marks.undo());
        assert_eq!(shown(&marks)[1].1, Colour::Yellow, "the colour back");
        assert!(marks.undo() && marks.undo());
        assert!(marks.all().is_empty());
        assert!(!marks.undo(), "nothing before the first mark");
        assert!(marks.redo());
        assert_eq!(shown(&marks), one);
        assert!(marks.redo() && marks.redo() && marks.redo());
        assert_eq!(shown(&marks), removed);
        assert!(!marks.redo());
    }

    #[test]
    fn a_new_change_cannot_be_redone_past_and_a_merge_forgets_the_history() {
        let doc = doc();
        let mut marks = Highlights::new();
        marks.mark(&doc, 0, 0..3);
        marks.undo();
        marks.mark(&doc, 0, 4..8);
        assert!(!marks.redo(), "the undone mark is gone for good");
        assert_eq!(marks.unmark(0, 0..1), 0);
        assert!(marks.undo(), "a removal that removed nothing is no change");
        assert!(marks.all().is_empty());
        marks.mark(&doc, 0, 0..3);
        marks.replace(marks.all().to_vec());
        assert!(!marks.undo(), "another reader's changes came in");
        for _ in 0..MAX_UNDO + 5 {
            marks.mark(&doc, 0, 0..3);
        }
        let mut undone = 0;
        while marks.undo() {
            undone += 1;
        }
        assert_eq!(undone, MAX_UNDO);
    }

    #[test]
    fn marking_again_cycles_the_colour_and_unmark_removes() {
        let document = doc();
        let mut marks = Highlights::new();
        assert_eq!(marks.mark(&document, 0, 9..22), Colour::Yellow);
        assert_eq!(marks.mark(&document, 0, 9..22), Colour::Green);
        assert_eq!(marks.mark(&document, 0, 9..22), Colour::Blue);
        assert_eq!(marks.mark(&document, 0, 9..22), Colour::Pink);
        assert_eq!(marks.mark(&document, 0, 9..22), Colour::Yellow);
        assert_eq!(marks.len(), 1);
        assert_eq!(marks.all()[0].anchor.quote, "Trois quatre.");
        let revision = marks.revision();
        assert_eq!(marks.unmark(0, 0..8), 0, "nothing there");
        assert_eq!(marks.revision(), revision);
        assert_eq!(marks.unmark(0, 10..12), 1, "overlapping");
        assert!(marks.is_empty());
        assert!(marks.revision() > revision);
    }

    #[test]
    fn highlights_stay_in_document_order_with_distinct_ids() {
        let document = doc();
        let second = document.next(0).unwrap();
        let mut marks = Highlights::new();
        marks.mark(&document, second, 0..4);
        marks.mark(&document, 0, 9..22);
        marks.mark(&document, 0, 0..2);
        let quotes: Vec<&str> = marks
            .all()
            .iter()
            .map(|h| h.anchor.quote.as_str())
            .collect();
        assert_eq!(quotes, ["Un", "Trois quatre.", "Cinq"]);
        let mut ids: Vec<&str> = marks.all().iter().map(|h| h.id.as_str()).collect();
        ids.dedup();
        assert_eq!(ids.len(), 3);
        assert_eq!(marks.next_after(0, 0), Some(1));
        assert_eq!(marks.next_after(0, 9), Some(2));
        assert_eq!(marks.next_after(second, 0), None);
        assert_eq!(marks.previous_before(second, 0), Some(1));
        assert_eq!(marks.previous_before(0, 0), None);
        assert_eq!(marks.overlapping(0, 5..12).count(), 1);
        assert_eq!(marks.overlapping(0, 0..30).count(), 2);
    }

    #[test]
    fn records_round_trip_through_a_document() {
        let document = doc();
        let mut marks = Highlights::new();
        marks.mark(&document, 0, 9..22);
        let record = marks.records().remove(0);
        let back = Highlight::from_record(record.clone(), &document);
        assert_eq!(back, marks.all()[0]);
        let lost = Highlight::from_record(record, &Document::from_bytes("t", b"Autre chose."));
        assert_eq!(lost.place, None);
    }
}
