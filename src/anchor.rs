//! Anchoring a span of text so it can be found again after the file
//! changes.
//!
//! A [`TextAnchor`] keeps where the span was (the paragraph id and the
//! offset in its text: a hint) and what it said: the quoted span and a
//! little context on either side. [`TextAnchor::locate`] first trusts the
//! hint when the same words still stand there; otherwise it looks for the
//! quote in the paragraphs around the hint, then, in texts up to
//! [`FULL_SCAN`] bytes, everywhere, and keeps the occurrence whose context
//! agrees best (the nearest to the hint among equals). Work is bounded:
//! a gigabyte file only has its neighbourhood searched.
//!
//! This module owns that vocabulary ([`TextAnchor`], [`Place`]) and
//! depends only on the document. Highlights are anchored with it
//! (`crate::highlights`), and so is the saved reading position
//! (`crate::state`); both use it, it uses neither.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::viewport::Anchor;

/// Bytes of context kept on either side of a quote.
pub const CONTEXT: usize = 32;

/// Paragraphs searched on either side of the hint.
pub const NEAR: usize = 200;

/// Texts up to this many bytes are searched whole when the quote is not
/// found near its hint.
pub const FULL_SCAN: usize = 16 << 20;

/// A span of a document's text, remembered by its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextAnchor {
    /// The paragraph it was in (its id: a byte offset in the source).
    pub paragraph: usize,
    /// Byte offset of the span in that paragraph's text.
    pub offset: usize,
    /// The span's text.
    pub quote: String,
    /// Up to [`CONTEXT`] bytes of text before the span.
    #[serde(default)]
    pub before: String,
    /// Up to [`CONTEXT`] bytes of text after the span.
    #[serde(default)]
    pub after: String,
}

/// Where an anchor was found: a paragraph and a byte range in its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The paragraph's id.
    pub paragraph: usize,
    /// The span in its text.
    pub range: Range<usize>,
}

/// The largest char boundary of `text` not above `at`.
fn floor(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The smallest char boundary of `text` not below `at`.
fn ceil(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Bytes that `a` and `b` have in common at their ends.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum()
}

/// Bytes that `a` and `b` have in common at their starts.
fn common_prefix(a: &str, b: &str) -> usize {
    a.chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum()
}

/// The best occurrence found so far: context agreement, distance to the
/// hint, place.
type Best = Option<(usize, usize, Place)>;

impl TextAnchor {
    /// Anchors `range` of `text`, the text of paragraph `paragraph`
    /// (`range` is clamped to char boundaries of `text`).
    pub fn capture(text: &str, paragraph: usize, range: Range<usize>) -> TextAnchor {
        let start = floor(text, range.start);
        let end = ceil(text, range.end.max(start));
        let before_start = ceil(text, start.saturating_sub(CONTEXT));
        let after_end = floor(text, end.saturating_add(CONTEXT));
        TextAnchor {
            paragraph,
            offset: start,
            quote: text[start..end].to_owned(),
            before: text[before_start..start].to_owned(),
            after: text[end..after_end].to_owned(),
        }
    }

    /// Whether the quote still stands at the hint, in `text`.
    fn stands_at_hint(&self, text: &str) -> bool {
        text.get(self.offset..)
            .is_some_and(|rest| rest.starts_with(&self.quote))
    }

    /// Where the anchored words stand now in `document`, if anywhere (see
    /// the module docs).
    pub fn locate(&self, document: &Document) -> Option<Place> {
        if document.is_empty() {
            return None;
        }
        let hinted = document.paragraph(self.paragraph);
        if self.stands_at_hint(&hinted.text) && !hinted.text.is_empty() {
            return Some(Place {
                paragraph: self.paragraph,
                range: self.offset..self.offset + self.quote.len(),
            });
        }
        let mut best: Best = None;
        let start = document.paragraph_at(document.source_byte(0).max(self.paragraph))?;
        self.consider(document, start, &mut best);
        let (mut forward, mut backward) = (Some(start), Some(start));
        for _ in 0..NEAR {
            forward = forward.and_then(|id| document.next(id));
            backward = backward.and_then(|id| document.previous(id));
            for id in [forward, backward].into_iter().flatten() {
                self.consider(document, id, &mut best);
            }
        }
        if best.is_none() && document.len() <= FULL_SCAN {
            for (id, paragraph) in document.iter() {
                self.score_in(&paragraph.text, id, &mut best);
            }
        }
        best.map(|(_, _, place)| place)
    }

    fn consider(&self, document: &Document, id: usize, best: &mut Best) {
        self.score_in(&document.paragraph(id).text, id, best);
    }

    /// Scores every occurrence of the quote in `text` (paragraph `id`).
    fn score_in(&self, text: &str, id: usize, best: &mut Best) {
        if self.quote.is_empty() {
            if text.is_empty() {
                return;
            }
            let distance = id.abs_diff(self.paragraph);
            if best.as_ref().is_none_or(|b| (0, distance) < (b.0, b.1)) {
                let offset = floor(text, self.offset);
                *best = Some((
                    0,
                    distance,
                    Place {
                        paragraph: id,
                        range: offset..offset,
                    },
                ));
            }
            return;
        }
        for (at, _) in text.match_indices(self.quote.as_str()) {
            let end = at + self.quote.len();
            let agreement =
                common_suffix(&self.before, &text[..at]) + common_prefix(&self.after, &text[end..]);
            let distance = id.abs_diff(self.paragraph) + at.abs_diff(self.offset);
            let better = best
                .as_ref()
                .is_none_or(|b| agreement > b.0 || (agreement == b.0 && distance < b.1));
            if better {
                *best = Some((
                    agreement,
                    distance,
                    Place {
                        paragraph: id,
                        range: at..end,
                    },
                ));
            }
        }
    }
}

/// Bytes of text kept to recognise a place (see [`words_at`]).
const FINGERPRINT: usize = 40;

/// The words at `anchor` in `document` (its first [`FINGERPRINT`] bytes
/// and up to the next space), to find the place again in a changed text;
/// a gap after a paragraph stands for the start of the next one.
pub fn words_at(document: &Document, mut anchor: Anchor) -> Option<TextAnchor> {
    if anchor.offset == Anchor::GAP {
        anchor = Anchor::paragraph_start(document.next(anchor.paragraph)?);
    }
    let text = &document.paragraph(anchor.paragraph).text;
    let end = text
        .get(anchor.offset..)
        .and_then(|rest| {
            rest.char_indices()
                .find(|&(i, c)| i >= FINGERPRINT && c.is_whitespace())
        })
        .map_or(text.len(), |(i, _)| anchor.offset + i);
    Some(TextAnchor::capture(
        text,
        anchor.paragraph,
        anchor.offset..end,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::from_bytes("t", text.as_bytes())
    }

    fn quoted(document: &Document, place: &Place) -> String {
        document.paragraph(place.paragraph).text[place.range.clone()].to_owned()
    }

    #[test]
    fn capture_keeps_context_on_char_boundaries() {
        let text = "Là-bas, très loin, était un château enchanté.";
        let start = text.find("était").unwrap();
        // A range that cuts characters is widened to whole ones.
        let anchor = TextAnchor::capture(text, 7, start + 1..start + 6);
        assert_eq!(anchor.quote, "était");
        assert_eq!(anchor.offset, start);
        assert_eq!(
            anchor.before,
            text[..start],
            "all of it: shorter than CONTEXT"
        );
        let long = "é".repeat(40) + "mot";
        let anchor = TextAnchor::capture(&long, 0, 80..83);
        assert_eq!(anchor.before, "é".repeat(16), "cut on a char boundary");
        assert!(text.ends_with(&anchor.after));
        // A range inside a character widens to the whole character.
        let anchor = TextAnchor::capture("é", 0, 1..1);
        assert_eq!((anchor.offset, anchor.quote.as_str()), (0, "é"));
    }

    #[test]
    fn an_unchanged_text_finds_the_span_at_its_hint() {
        let document = doc("Un deux trois.\n\nQuatre cinq six.\n\nSept huit.");
        let second = document.next(0).unwrap();
        let text = document.paragraph(second).text.clone();
        let anchor = TextAnchor::capture(&text, second, 7..11);
        let place = anchor.locate(&document).unwrap();
        assert_eq!(place.paragraph, second);
        assert_eq!(quoted(&document, &place), "cinq");
    }

    #[test]
    fn an_insertion_before_moves_the_anchor_with_its_words() {
        let before = doc("Alpha.\n\nLe chat dort. Le chien aboie.\n\nOmega.");
        let id = before.next(0).unwrap();
        let text = before.paragraph(id).text.clone();
        let start = text.find("chien").unwrap();
        let anchor = TextAnchor::capture(&text, id, start..start + 5);
        let after = doc(
            "Un nouveau début, bien plus long.\n\nAlpha.\n\nLe chat dort. Le chien aboie.\n\nOmega.",
        );
        let place = anchor.locate(&after).unwrap();
        assert_ne!(place.paragraph, id, "the paragraph moved");
        assert_eq!(quoted(&after, &place), "chien");
        assert!(
            after.paragraph(place.paragraph).text.starts_with("Le chat"),
            "{place:?}"
        );
    }

    #[test]
    fn context_chooses_among_repeated_words() {
        let before = doc("Le chat dort.\n\nLe chien dort aussi.");
        let id = before.next(0).unwrap();
        let anchor = TextAnchor::capture(&before.paragraph(id).text, id, 9..13);
        assert_eq!(anchor.quote, "dort");
        // Both paragraphs swap places: the context says which "dort".
        let after = doc("Le chien dort aussi.\n\nLe chat dort.");
        let place = anchor.locate(&after).unwrap();
        assert_eq!(place.paragraph, 0);
        assert_eq!(place.range, 9..13);
    }

    #[test]
    fn an_edited_span_is_not_found() {
        let before = doc("Le chat dort.");
        let anchor = TextAnchor::capture(&before.paragraph(0).text, 0, 3..7);
        assert_eq!(anchor.locate(&doc("Le chien dort.")), None);
        assert_eq!(anchor.locate(&doc("")), None);
    }

    #[test]
    fn an_edit_inside_the_paragraph_shifts_the_span() {
        let before = doc("Il pleut. Le chat dort au soleil.");
        let anchor = TextAnchor::capture(&before.paragraph(0).text, 0, 10..33);
        assert_eq!(anchor.quote, "Le chat dort au soleil.");
        let after = doc("Il pleut beaucoup ce matin. Le chat dort au soleil.");
        let place = anchor.locate(&after).unwrap();
        assert_eq!(quoted(&after, &place), "Le chat dort au soleil.");
    }
}
