//! What a highlight is saved as: a [`Record`] (its id, colour,
//! [`TextAnchor`] and note), and the conversions between it and a [`Highlight`].
//!
//! This module owns the serialized form of one highlight; the state files
//! (the `state` module) store a list of these and merge them by id without
//! looking inside, so a field a highlight gains is saved by adding it here.

use serde::{Deserialize, Serialize};

use super::{Colour, Highlight, Piece};
use crate::anchor::TextAnchor;
use crate::document::Document;

/// One highlight as saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// A unique id, so that two readers' changes can be merged.
    pub id: String,
    /// Its colour.
    pub colour: Colour,
    /// Its words and where they were.
    #[serde(flatten)]
    pub anchor: TextAnchor,
    /// The reader's note on it, if any. Absent from the file when there
    /// is none, so that files written before notes existed load, and
    /// highlights without a note are saved as they always were.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The anchors of its parts in the paragraphs after the first, for a
    /// highlight that crosses paragraphs; absent from the file otherwise,
    /// so such files read as they did before highlights could cross.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more: Vec<TextAnchor>,
}

impl Highlight {
    /// The highlight as saved.
    pub fn record(&self) -> Record {
        Record {
            id: self.id.clone(),
            colour: self.colour,
            anchor: self.anchor.clone(),
            note: self.note.clone(),
            more: self.more.iter().map(|piece| piece.anchor.clone()).collect(),
        }
    }

    /// A saved highlight, found in `document` (its anchor's hint updated
    /// to where it was found).
    pub fn from_record(record: Record, document: &Document) -> Highlight {
        let Piece { anchor, place } = Piece::found(record.anchor, document);
        Highlight {
            id: record.id,
            colour: record.colour,
            anchor,
            place,
            note: record.note,
            more: record
                .more
                .into_iter()
                .map(|anchor| Piece::found(anchor, document))
                .collect(),
        }
    }
}

impl Piece {
    /// `anchor` looked for in `document` (its hint updated to where it
    /// was found).
    fn found(mut anchor: TextAnchor, document: &Document) -> Piece {
        let place = anchor.locate(document);
        if let Some(place) = &place {
            anchor.paragraph = place.paragraph;
            anchor.offset = place.range.start;
        }
        Piece { anchor, place }
    }
}
