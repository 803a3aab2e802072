//! Finding where a query may match by folding the raw bytes of the file,
//! without splitting it into paragraphs.
//!
//! The raw bytes are folded block by block as [`Folding`] folds a
//! paragraph's text (ASCII eight bytes at a time, other characters through
//! the [`FoldTable`]), and the folded query is looked for in them. Every
//! match in the text is found this way, and then checked on the paragraph
//! that holds it, because the folded bytes differ from the paragraph's
//! folded text only where the paragraph pipeline does more than fold:
//!
//! - line ends and runs of white space: when the query has a space, every
//!   run of white space (line ends included) folds to one space, so a
//!   phrase broken across lines is found — and may also be found across
//!   two paragraphs, which the check throws out; a match that starts with
//!   such a run is attributed to the paragraph where the run ends;
//! - escape sequences, which the text drops whole: each `ESC` is reported
//!   as a place to check (unless escapes are shown);
//! - bytes that are not UTF-8, which some texts read as Windows-1252: each
//!   is reported as a place to check; in UTF-8 texts they show as `�`,
//!   which no skeleton query holds;
//! - control characters, shown as symbols: a query that holds a control
//!   symbol (or `�`) has no skeleton and is checked paragraph by paragraph.

use std::cell::RefCell;
use std::collections::HashMap;

use memchr::memmem::Finder;

use super::fold::{FoldTable, Folding, shown_folded};
use super::sieve::Sieve;
use super::utf8::{char_end, char_start, decode};
use super::words::{HIGHS, ONES, equal, lower};
use crate::document::decode::Decoding;
use crate::document::lines::Cleaning;
use crate::document::sanitize::visible_control;

/// Raw bytes folded at a time.
pub const BLOCK: usize = 256 * 1024;

/// Stands in the folded bytes for what no query can match.
const SENTINEL: u8 = 0xFF;

/// A folded query and how to fold raw bytes to look for it.
#[derive(Debug)]
pub struct Skeleton {
    finder: Finder<'static>,
    needle_len: usize,
    folding: Folding,
    table: &'static FoldTable,
    /// Characters beyond the table met so far, folded.
    beyond_table: RefCell<HashMap<char, Vec<u8>>>,
    /// Whether runs of white space fold to one space.
    collapse: bool,
    /// Whether `ESC` starts something the text drops.
    escapes_dropped: bool,
    /// Whether bytes that are not UTF-8 may be text.
    stray_bytes_are_text: bool,
    /// The places worth folding around, when they can be told.
    sieve: Option<Sieve>,
    /// Blocks left to fold whole since the sieve last listed too many
    /// places.
    sieve_rests: usize,
}

/// Where folded bytes came from: folded byte `folded` is raw byte `raw`;
/// up to the next sync point, bytes correspond one to one or come from
/// one character.
#[derive(Debug, Clone, Copy)]
struct Sync {
    folded: usize,
    raw: usize,
}

/// Folded bytes of a block and where they came from; the places the
/// sieve lists.
#[derive(Debug, Default)]
pub struct Scratch {
    folded: Vec<u8>,
    syncs: Vec<Sync>,
    listed: Vec<usize>,
}

impl Skeleton {
    /// The skeleton of `needle` (already folded by `folding`), or `None`
    /// when the needle holds something the raw bytes do not show.
    pub fn new(needle: &str, folding: Folding, how: Cleaning) -> Option<Skeleton> {
        let unseen = |c: char| {
            c.is_control()
                || ('\u{2400}'..='\u{2426}').contains(&c)
                || c == '\u{FFFD}'
                || (c.is_whitespace() && c != ' ')
        };
        if needle.is_empty() || needle.chars().any(unseen) {
            return None;
        }
        let collapse = needle.contains(' ');
        let needle = if collapse {
            collapse_spaces(needle)
        } else {
            needle.to_owned()
        };
        let stray_bytes_are_text = how.decoding == Decoding::Utf8OrWindows1252;
        let escapes_dropped = !how.show_escapes;
        // A needle with a space matches runs of white space of any length,
        // and stray bytes are places to check: then every byte is folded.
        let sieve = (!collapse && !stray_bytes_are_text)
            .then(|| Sieve::new(&needle, folding, escapes_dropped))
            .flatten();
        Some(Skeleton {
            needle_len: needle.len(),
            finder: Finder::new(needle.as_bytes()).into_owned(),
            folding,
            table: FoldTable::get(folding),
            beyond_table: RefCell::default(),
            collapse,
            escapes_dropped,
            stray_bytes_are_text,
            sieve,
            sieve_rests: 0,
        })
    }

    /// Pushes onto `places`, in order, the raw positions in
    /// `bytes[from..to]` where the needle may start (and the places to
    /// check), folding on past `to` as far as a match starting before it
    /// can reach. `from` and `to` are character boundaries.
    pub fn places(
        &mut self,
        bytes: &[u8],
        from: usize,
        to: usize,
        scratch: &mut Scratch,
        places: &mut Vec<usize>,
    ) {
        if self.sieve_rests > 0 {
            self.sieve_rests -= 1;
        } else if let Some(sieve) = &self.sieve {
            // Every match starts at most `reach` bytes before a listed
            // place: only the bytes up to each are folded, unless the
            // places are so many that folding everything costs less.
            let reach = sieve.reach();
            let mut listed = std::mem::take(&mut scratch.listed);
            listed.clear();
            let end = to.saturating_add(reach).min(bytes.len());
            let limit = sieve_limit(to - from);
            if let Some(limit) = limit
                && sieve.places(bytes, from, end, limit, &mut listed)
            {
                let mut window: Option<(usize, usize)> = None;
                for &place in &listed {
                    let start = char_start(bytes, place.saturating_sub(reach).max(from));
                    let end = char_end(bytes, place + 1).min(to);
                    window = match window {
                        Some((first, last)) if start <= last => Some((first, last.max(end))),
                        Some((first, last)) => {
                            self.places_folded(bytes, first, last, scratch, places);
                            Some((start, end))
                        }
                        None => Some((start, end)),
                    };
                }
                if let Some((first, last)) = window {
                    self.places_folded(bytes, first, last, scratch, places);
                }
                scratch.listed = listed;
                return;
            }
            if limit.is_some() {
                self.sieve_rests = SIEVE_REST;
            }
            scratch.listed = listed;
        }
        self.places_folded(bytes, from, to, scratch, places);
    }

    /// [`Skeleton::places`], every byte of `bytes[from..to]` folded.
    fn places_folded(
        &self,
        bytes: &[u8],
        from: usize,
        to: usize,
        scratch: &mut Scratch,
        places: &mut Vec<usize>,
    ) {
        if from >= to {
            return;
        }
        let first = places.len();
        self.fold(bytes, from, to, scratch, places);
        let hazards = places.split_off(first);
        let Scratch { folded, syncs, .. } = scratch;
        let mut hits = Vec::new();
        let mut at = 0;
        while let Some(found) = self.finder.find(&folded[at..]) {
            let start = at + found;
            let raw = raw_position(syncs, start);
            if raw >= to {
                break;
            }
            hits.push(raw);
            if self.collapse && folded.get(start) == Some(&b' ') {
                // A run of white space may end one paragraph and start the
                // next, and characters that fold to nothing join two runs
                // into one space (`  \n\n \u{301}\n\n `), so that whole
                // paragraphs may lie inside it: a match starting with it
                // points at the run's first byte and at the last byte of
                // each piece it was folded from.
                let pieces = syncs.partition_point(|s| s.folded <= start);
                for sync in syncs[pieces..].iter().take_while(|s| s.folded == start + 1) {
                    let last = sync.raw.saturating_sub(1);
                    if hits.last().is_some_and(|&previous| last > previous) && last < to {
                        hits.push(last);
                    }
                }
            }
            at = start + 1;
        }
        // Both lists are in order: merge them.
        let (mut h, mut z) = (hits.into_iter().peekable(), hazards.into_iter().peekable());
        loop {
            let next = match (h.peek(), z.peek()) {
                (Some(&a), Some(&b)) if a <= b => h.next(),
                (Some(_), Some(_)) | (None, Some(_)) => z.next(),
                (Some(_), None) => h.next(),
                (None, None) => break,
            };
            places.extend(next);
        }
    }

    /// Folds `bytes[from..to]`, and on past `to` until the needle could
    /// no longer start before it, into `scratch`; pushes hazards (places
    /// to check) before `to` onto `hazards`.
    fn fold(
        &self,
        bytes: &[u8],
        from: usize,
        to: usize,
        scratch: &mut Scratch,
        hazards: &mut Vec<usize>,
    ) {
        let Scratch { folded, syncs, .. } = scratch;
        folded.clear();
        syncs.clear();
        syncs.push(Sync {
            folded: 0,
            raw: from,
        });
        let mut folded_at_to = None;
        let mut pos = from;
        let plain = PlainBytes {
            // With spaces collapsed, white space is not plain; otherwise
            // control characters fold as themselves, as no needle holds one.
            lowest: if self.collapse { 0x21 } else { 0 },
            escape: self.escapes_dropped,
            lower: self.folding.case,
        };
        while pos < bytes.len() {
            if pos >= to {
                let mark = *folded_at_to.get_or_insert(folded.len());
                if folded.len() >= mark + self.needle_len {
                    break;
                }
            } else {
                pos += plain.fold_run(&bytes[pos..to], folded);
                if pos >= to {
                    continue;
                }
            }
            let byte = bytes[pos];
            if byte.is_ascii() {
                let start = pos;
                pos += 1;
                if byte == 0x1B && self.escapes_dropped {
                    if start < to {
                        hazards.push(start);
                    }
                    self.push_other(folded, syncs, &[SENTINEL], pos);
                } else if self.collapse && is_blank(byte) {
                    while bytes.get(pos).copied().is_some_and(is_blank) {
                        pos += 1;
                    }
                    self.push_space(folded, syncs, pos);
                } else {
                    folded.push(if self.folding.case {
                        byte.to_ascii_lowercase()
                    } else {
                        byte
                    });
                }
                continue;
            }
            let start = pos;
            // Two-byte characters (accented Latin letters, most often)
            // whose folded form the table holds, straight through.
            if let Some(shown) = self.two_byte_shown(bytes, pos) {
                pos += 2;
                self.push_other(folded, syncs, shown, pos);
                continue;
            }
            let Some((c, length)) = decode(&bytes[pos..]) else {
                pos += 1;
                if self.stray_bytes_are_text && start < to {
                    hazards.push(start);
                }
                self.push_other(folded, syncs, &[SENTINEL], pos);
                continue;
            };
            pos += length;
            if self.collapse && c.is_whitespace() && visible_control(c).is_none() {
                self.push_space(folded, syncs, pos);
                continue;
            }
            let shown = match self.table.get_char(c) {
                Some(shown) => shown,
                None => &self.fold_beyond_table(c, &bytes[start..pos]),
            };
            if self.collapse && shown == b" " {
                self.push_space(folded, syncs, pos);
            } else {
                self.push_other(folded, syncs, shown, pos);
            }
        }
    }

    /// The folded form of the two-byte character at `pos` in `bytes`, when
    /// it is one and folds to no white space (which collapsing may merge).
    fn two_byte_shown(&self, bytes: &[u8], pos: usize) -> Option<&'static [u8]> {
        let (&lead, &next) = (bytes.get(pos)?, bytes.get(pos + 1)?);
        if !(0xC2..=0xDF).contains(&lead) || next & 0xC0 != 0x80 {
            return None;
        }
        let c = char::from_u32(u32::from(lead & 0x1F) << 6 | u32::from(next & 0x3F))?;
        let shown = self.table.get_char(c)?;
        (!self.collapse || !(c.is_whitespace() || shown.contains(&b' '))).then_some(shown)
    }

    /// The folded bytes of a character beyond the table: itself, for most
    /// (CJK ideographs, syllabaries…), otherwise folded once and kept.
    fn fold_beyond_table(&self, c: char, encoded: &[u8]) -> Vec<u8> {
        if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            return encoded.to_vec();
        }
        self.beyond_table
            .borrow_mut()
            .entry(c)
            .or_insert_with(|| shown_folded(c, self.folding).into_bytes())
            .clone()
    }

    /// Appends `bytes`, the folded form of raw bytes that end at `end` and
    /// do not correspond one to one.
    fn push_other(&self, folded: &mut Vec<u8>, syncs: &mut Vec<Sync>, bytes: &[u8], end: usize) {
        // Most folded characters are a byte or two: pushed, not copied.
        match *bytes {
            [one] => folded.push(one),
            [one, two] => folded.extend([one, two]),
            _ => folded.extend_from_slice(bytes),
        }
        syncs.push(Sync {
            folded: folded.len(),
            raw: end,
        });
    }

    /// Appends one space for white space that ends at `end`, unless the
    /// folded bytes already end with one.
    fn push_space(&self, folded: &mut Vec<u8>, syncs: &mut Vec<Sync>, end: usize) {
        let space: &[u8] = if folded.last() == Some(&b' ') {
            b""
        } else {
            b" "
        };
        self.push_other(folded, syncs, space, end);
    }
}

/// Blocks folded whole after the sieve listed too many places in one:
/// such a text (a common letter, CJK) seldom thins out.
const SIEVE_REST: usize = 8;

/// Bytes folded whole for each place the sieve lists, past which
/// folding everything costs less.
const SIEVE_DENSITY: usize = 128;

#[cfg(test)]
thread_local! {
    /// For tests: whether the sieve is used always (`Some(true)`), never
    /// (`Some(false)`), or as many places as it lists allow (`None`).
    pub(super) static SIEVE_USED: std::cell::Cell<Option<bool>> = const { std::cell::Cell::new(None) };
}

/// The most places the sieve may list in `len` bytes before they are
/// folded whole; `None`: the sieve is not used.
fn sieve_limit(len: usize) -> Option<usize> {
    #[cfg(test)]
    if let Some(used) = SIEVE_USED.get() {
        return used.then_some(usize::MAX);
    }
    Some(len / SIEVE_DENSITY)
}

/// Whether `byte` is white space the text shows as space: not a form feed
/// or vertical tab, which it shows as symbols.
fn is_blank(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

/// The raw byte that folded byte `folded` came from (within a character
/// or a run of white space that folds to other bytes, one of its bytes).
fn raw_position(syncs: &[Sync], folded: usize) -> usize {
    let index = syncs.partition_point(|s| s.folded <= folded).max(1) - 1;
    let sync = syncs[index];
    let raw = sync.raw + (folded - sync.folded);
    match syncs.get(index + 1) {
        Some(next) if next.raw > sync.raw => raw.min(next.raw - 1),
        _ => raw,
    }
}

/// `needle` with every run of spaces made one space.
fn collapse_spaces(needle: &str) -> String {
    let mut out = String::with_capacity(needle.len());
    for c in needle.chars() {
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    out
}

/// Which bytes fold as themselves (capitals made small when `lower`):
/// ASCII from `lowest` on, but for `ESC` when `escape`.
#[derive(Debug, Clone, Copy)]
struct PlainBytes {
    lowest: u8,
    escape: bool,
    lower: bool,
}

impl PlainBytes {
    /// The bytes of `word` that are not plain, each marked by its high bit;
    /// the lowest marked byte is the first that is not plain (a mark above
    /// it may be false).
    fn marks(self, word: u64) -> u64 {
        // A byte below `lowest` borrows: the classic "has a byte less
        // than" test, exact up to its first mark.
        let below = |limit: u8| word.wrapping_sub(ONES * u64::from(limit)) & !word & HIGHS;
        let mut marks = word & HIGHS;
        if self.lowest > 0 {
            marks |= below(self.lowest);
        }
        if self.escape {
            marks |= equal(word, 0x1B);
        }
        marks
    }

    /// Appends the folded form of the plain bytes `bytes` starts with,
    /// eight at a time; how many they are.
    fn fold_run(self, bytes: &[u8], folded: &mut Vec<u8>) -> usize {
        let mut chunks = bytes.chunks_exact(8);
        let mut run = 0;
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let word = u64::from_le_bytes(word);
            let marks = self.marks(word);
            let lowered = if self.lower { lower(word) } else { word };
            // All eight bytes go in (one store), and those from the first
            // mark on come out again: the mark's byte ends the run.
            folded.extend_from_slice(&lowered.to_le_bytes());
            let plain = (marks.trailing_zeros() / 8) as usize;
            run += plain;
            if plain < 8 {
                folded.truncate(folded.len() - (8 - plain));
                return run;
            }
        }
        for &byte in chunks.remainder() {
            if self.marks(u64::from(byte)) & 0x80 != 0 {
                break;
            }
            folded.push(if self.lower {
                byte.to_ascii_lowercase()
            } else {
                byte
            });
            run += 1;
        }
        run
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(text: &str, query: &str, how: Cleaning) -> Vec<usize> {
        places_in(text.as_bytes(), query, how)
    }

    fn places_in(bytes: &[u8], query: &str, how: Cleaning) -> Vec<usize> {
        let folding = Folding::for_query(query);
        let (needle, _) = folding.fold(query);
        let mut skeleton = Skeleton::new(&needle, folding, how).expect("a skeleton");
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        // Tiny blocks, to cross block ends.
        let mut from = 0;
        while from < bytes.len() {
            let mut to = (from + 5).min(bytes.len());
            while !crate::search::utf8::is_char_start(bytes, to) {
                to += 1;
            }
            skeleton.places(bytes, from, to, &mut scratch, &mut out);
            from = to;
        }
        out
    }

    /// The places of `query` in `bytes` (read as UTF-8), folded whole,
    /// after checking that the sieve finds the same.
    fn sieved_and_folded(bytes: &[u8], query: &str) -> Vec<usize> {
        let how = Cleaning::default();
        SIEVE_USED.set(Some(false));
        let folded = places_in(bytes, query, how);
        SIEVE_USED.set(Some(true));
        let sieved = places_in(bytes, query, how);
        SIEVE_USED.set(None);
        assert_eq!(sieved, folded, "{query}");
        folded
    }

    #[test]
    fn the_sieve_skips_bytes_that_are_not_utf8_as_folding_does() {
        // Stray bytes and cut characters, in a text read as UTF-8.
        let mut bytes = Vec::new();
        for piece in [
            &b"zex \xff zex \xc3zex \xe2\x80zex z\x80ex \xc5"[..],
            "žex ZEX \u{1b}[1mzex".as_bytes(),
            b"\xf0\x9fzex \xc3\xa9zex z",
        ] {
            bytes.extend_from_slice(piece);
        }
        let how = Cleaning::default();
        assert_eq!(how.decoding, Decoding::Utf8);
        for query in ["zex", "ex", "x"] {
            let folded = sieved_and_folded(&bytes, query);
            assert!(folded.len() > 5, "{query}: {folded:?}");
        }
    }

    #[test]
    fn the_sieve_folds_around_every_place_a_match_may_start() {
        let marks = "\u{301}".repeat(20);
        let text = format!(
            "e{marks}x, ééééééééx, ëëëëëëëëëëëëx, ŒŒŒŒx, e{marks}{marks}e\u{1b}[1mx, ﬁﬁﬁﬁﬁx, Ǆǆx"
        );
        for query in [
            "ex",
            "eex",
            "eeeeeeeex",
            "eeeeeeeeeeeex",
            "oeoex",
            "fifix",
            "dzx",
        ] {
            assert!(
                !sieved_and_folded(text.as_bytes(), query).is_empty(),
                "{query}"
            );
        }
    }

    #[test]
    fn a_plain_run_ends_at_the_first_byte_that_is_not_plain() {
        // Byte by byte, what `fold_run` does eight bytes at a time.
        let reference = |plain: PlainBytes, bytes: &[u8]| -> Vec<u8> {
            bytes
                .iter()
                .take_while(|&&b| b.is_ascii() && b >= plain.lowest && !(plain.escape && b == 0x1B))
                .map(|&b| {
                    if plain.lower {
                        b.to_ascii_lowercase()
                    } else {
                        b
                    }
                })
                .collect()
        };
        let ends: [u8; 8] = [0x00, b'\n', b' ', 0x1B, b'!', 0x7F, 0xC3, 0xFF];
        for lowest in [0, 0x20, 0x21] {
            for escape in [false, true] {
                for lower in [false, true] {
                    let plain = PlainBytes {
                        lowest,
                        escape,
                        lower,
                    };
                    for &end in &ends {
                        for at in 0..20 {
                            let mut bytes = b"The Quick Brown Fox Jumps".to_vec();
                            bytes[at] = end;
                            let mut folded = b"x".to_vec();
                            let run = plain.fold_run(&bytes, &mut folded);
                            let expected = reference(plain, &bytes);
                            assert_eq!(run, expected.len(), "{plain:?} {bytes:?}");
                            assert_eq!(&folded[1..], expected, "{plain:?} {bytes:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn finds_folded_words_across_block_ends() {
        let how = Cleaning::default();
        let text = "Un Choïgou, un CHOIGOU et un choi\u{308}gou.";
        let starts: Vec<usize> = text.match_indices(['C', 'c']).map(|(i, _)| i).collect();
        assert_eq!(places(text, "choigou", how), starts);
    }

    #[test]
    fn white_space_runs_and_line_ends_match_one_space() {
        let how = Cleaning::default();
        let text = "remis une\r\n   lettre, remis\u{A0}une lettre";
        assert_eq!(places(text, "une lettre", how), [6, 29]);
    }

    #[test]
    fn escapes_and_stray_bytes_are_places_to_check() {
        let how = Cleaning::default();
        assert_eq!(places("ab\x1b[1mcd", "abcd", how), [2]);
        let latin = Cleaning {
            decoding: Decoding::Utf8OrWindows1252,
            show_escapes: false,
        };
        let bytes = b"Bj\xF6rn";
        let folding = Folding::for_query("bjorn");
        let mut skeleton = Skeleton::new("bjorn", folding, latin).unwrap();
        let mut out = Vec::new();
        skeleton.places(bytes, 0, bytes.len(), &mut Scratch::default(), &mut out);
        assert_eq!(out, [2]);
    }

    #[test]
    fn queries_with_control_symbols_have_no_skeleton() {
        let how = Cleaning::default();
        let folding = Folding::for_query("a␛b");
        assert!(Skeleton::new("a␛b", folding, how).is_none());
        assert!(Skeleton::new("", folding, how).is_none());
    }
}
