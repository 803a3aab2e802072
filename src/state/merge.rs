//! Merging two readers' changes to one document's state: a three-way
//! merge of highlights (by id, and within one highlight by field) and of
//! the reading position.

use std::collections::HashMap;

use super::{DocState, VERSION};
use crate::highlights::Record;

/// One highlight both readers have, changed by me since `base`: the one
/// on disk with what I changed of it (its colour, its note, its words),
/// so that my note and another reader's colour are both kept.
fn merge_record(base: &Record, mine: &Record, disk: &Record) -> Record {
    let mut merged = disk.clone();
    if mine.colour != base.colour {
        merged.colour = mine.colour;
    }
    if mine.note != base.note {
        merged.note = mine.note.clone();
    }
    if mine.anchor != base.anchor || mine.more != base.more {
        merged.anchor = mine.anchor.clone();
        merged.more = mine.more.clone();
    }
    merged
}

/// Three-way merge of a document's state: the changes from `base` to
/// `mine` (highlights added, recoloured, removed; the position moved)
/// applied to `disk`, what another reader may have saved meanwhile. Nobody
/// loses a highlight they added; a removal removes only what was there.
pub fn merge(base: &DocState, mine: &DocState, disk: &DocState) -> DocState {
    let by_id = |records: &[Record]| -> HashMap<String, Record> {
        records.iter().map(|r| (r.id.clone(), r.clone())).collect()
    };
    let (base_ids, mine_ids) = (by_id(&base.highlights), by_id(&mine.highlights));
    let mut highlights: Vec<Record> = disk
        .highlights
        .iter()
        // What I removed (it was in my base, it is not in mine) goes.
        .filter(|r| !base_ids.contains_key(&r.id) || mine_ids.contains_key(&r.id))
        .map(|r| match (mine_ids.get(&r.id), base_ids.get(&r.id)) {
            (Some(m), Some(b)) if m != b => merge_record(b, m, r),
            (Some(m), None) => m.clone(),
            _ => r.clone(),
        })
        .collect();
    let on_disk = by_id(&disk.highlights);
    for record in &mine.highlights {
        if !on_disk.contains_key(&record.id) && !base_ids.contains_key(&record.id) {
            highlights.push(record.clone());
        }
    }
    let position = if mine.position != base.position {
        mine.position.clone()
    } else {
        disk.position.clone().or_else(|| mine.position.clone())
    };
    DocState {
        version: VERSION,
        name: mine.name.clone(),
        position,
        highlights,
    }
}
