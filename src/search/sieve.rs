//! A sieve over raw bytes: the places where a needle's rarest byte (or
//! pair of adjacent bytes) could come from, found 64 bytes a step (see
//! `lanes`) without folding anything.
//!
//! A match of the folded needle is made of characters that each fold to
//! a piece of it, or to nothing (combining marks). One of them gives the
//! needle's rarest byte: an ASCII byte that folds to it, or a character
//! whose folded form holds it. The sieve lists those characters, those
//! that fold to nothing, escapes (which the text drops), and, to be safe,
//! the characters beyond the fold table but for CJK ideographs; every
//! match starts at most [`Sieve::reach`] bytes before one of them, so
//! folding a little before each is enough (see `skeleton`).
//!
//! For a rare pair (`pr` in `prince`, rarer than any of its letters), the
//! sieve lists the ASCII bytes of the first that the second follows, and
//! the characters that hold either or fold to nothing: the two needle
//! bytes come from two ASCII characters side by side, or from characters
//! with nothing but characters folding to nothing between them, or one of
//! them from a character holding it, and each of these is listed.
//!
//! The sieve is used for needles with an ASCII byte and without spaces (a
//! run of white space of any length folds to one space) in texts read as
//! UTF-8 only.

use super::fold::{FoldTable, Folding, TABLED};
use super::lanes::{ByteSet, Lanes};
use super::utf8::decode;

/// The sieve for one needle and one folding.
#[derive(Debug)]
pub struct Sieve {
    /// The bytes looked at: the rare byte's ASCII forms (or the first of
    /// the rare pair's, when the second's follow), `ESC` when escapes are
    /// dropped from the text, and the lead bytes of the characters that
    /// may be listed (all from 0xC4 on; 0xC2 and 0xC3, the leads of
    /// Latin-1, only when some of theirs are).
    marked: ByteSet,
    /// How the bytes are read.
    lanes: Lanes,
    /// For each lead byte 0xC0..=0xFF, the second bytes (by their six low
    /// bits) that may start a listed character with it: a character is
    /// decoded and looked up only then.
    seconds: [u64; 64],
    /// For each character from U+0080 to [`TABLED`], whether it is listed.
    listed: Vec<bool>,
    /// How many needle bytes come before the rare one, or the rare pair's
    /// second: a match starts at most four raw bytes for each before the
    /// first listed character in it.
    before: usize,
}

/// What the sieve looks for in the needle: its least common ASCII byte, or
/// pair of ASCII bytes, as prose goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rare {
    /// Where it starts in the needle.
    index: usize,
    /// Its first byte.
    first: u8,
    /// Its second byte, for a pair.
    second: Option<u8>,
}

impl Rare {
    /// The rarest byte or pair of `needle`, the first of them if several.
    fn of(needle: &str) -> Option<Rare> {
        let bytes = needle.as_bytes();
        let singles = bytes.iter().enumerate().map(|(index, &first)| Rare {
            index,
            first,
            second: None,
        });
        let pairs = bytes.windows(2).enumerate().map(|(index, pair)| Rare {
            index,
            first: pair[0],
            second: Some(pair[1]),
        });
        singles
            .chain(pairs)
            .filter(|rare| rare.first.is_ascii() && rare.second.is_none_or(|b| b.is_ascii()))
            .min_by_key(|rare| (rare.commonness(), rare.index))
    }

    /// How often it comes in prose, roughly (per 10⁸ letters): the two
    /// letters' together, as if independent, and any accented forms
    /// (which the sieve lists too) on their own.
    fn commonness(&self) -> u64 {
        let accented = accented_frequency(self.first) + self.second.map_or(0, accented_frequency);
        let plain = match self.second {
            Some(second) => frequency(self.first) * frequency(second),
            None => frequency(self.first) * 10_000,
        };
        plain + accented * 10_000
    }

    /// The ASCII bytes that fold to `byte` (its two cases, or one).
    fn forms(byte: u8, folding: Folding) -> [u8; 2] {
        if folding.case && byte.is_ascii_lowercase() {
            [byte, byte.to_ascii_uppercase()]
        } else {
            [byte, byte]
        }
    }
}

impl Sieve {
    /// The sieve for `needle` (folded by `folding`), or `None` when it
    /// holds no ASCII byte to sieve for.
    pub fn new(needle: &str, folding: Folding, escape: bool) -> Option<Sieve> {
        let rare = Rare::of(needle)?;
        let table = FoldTable::get(folding);
        let mut listed = vec![false; (TABLED - 0x80) as usize];
        let mut seconds = beyond_table();
        let second = rare.second.map_or(&[][..], |b| table.holding(b));
        let holding = table.holding(rare.first).iter().chain(second);
        for &c in holding.chain(table.folding_to_nothing()) {
            listed[c as usize - 0x80] = true;
            let mut encoded = [0u8; 4];
            if let [lead, second, ..] = *c.encode_utf8(&mut encoded).as_bytes() {
                seconds[usize::from(lead - 0xC0)] |= 1 << (second & 0x3F);
            }
        }
        let latin = |lead: usize| seconds[lead - 0xC0] != 0;
        let lowest = match (latin(0xC2), latin(0xC3)) {
            (true, true) => 0xC2,
            (false, true) => 0xC3,
            _ => 0xC4,
        };
        let first = Rare::forms(rare.first, folding);
        let mut singles = match rare.second {
            Some(_) => Vec::new(),
            None => first.to_vec(),
        };
        if escape {
            singles.push(0x1B);
        }
        if latin(0xC2) && lowest > 0xC2 {
            singles.push(0xC2);
        }
        let mut marked = ByteSet::new(&singles, lowest);
        if let Some(second) = rare.second {
            marked = marked.with_pair(first, Rare::forms(second, folding));
        }
        Some(Sieve {
            marked,
            lanes: Lanes::best(),
            seconds,
            listed,
            before: rare.index + usize::from(rare.second.is_some()),
        })
    }

    /// How far before a listed place a match may start, in bytes: the
    /// characters before the first listed one in a match each give it a
    /// byte before the rare one (or the rare pair's second), and are at
    /// most four bytes long.
    pub fn reach(&self) -> usize {
        4 * self.before
    }

    /// Pushes onto `out`, in order, the listed places in `bytes[from..to]`;
    /// gives up (false) once there are more than `limit`.
    pub fn places(
        &self,
        bytes: &[u8],
        from: usize,
        to: usize,
        limit: usize,
        out: &mut Vec<usize>,
    ) -> bool {
        let first = out.len();
        let most = first.saturating_add(limit);
        let scanned = self
            .marked
            .scan(self.lanes, bytes, from, to, |start, mut marks| {
                while marks != 0 {
                    let at = start + marks.trailing_zeros() as usize;
                    if self.listed_at(bytes, at) {
                        out.push(at);
                    }
                    marks &= marks - 1;
                }
                out.len() <= most
            });
        let Some(scanned) = scanned else {
            return false;
        };
        for at in scanned..to {
            if self.marked.marks_at(bytes, at) && self.listed_at(bytes, at) {
                out.push(at);
            }
        }
        out.len() <= most
    }

    /// Whether the byte at `at` (one of the bytes looked at) starts a
    /// listed character.
    fn listed_at(&self, bytes: &[u8], at: usize) -> bool {
        let byte = bytes[at];
        if byte.is_ascii() {
            return true;
        }
        // Continuation bytes are never marked; only leads are looked up,
        // and only before the second bytes that may make a listed
        // character.
        let lead = usize::from(byte.wrapping_sub(0xC0));
        let (Some(seconds), Some(&next)) = (self.seconds.get(lead), bytes.get(at + 1)) else {
            return false;
        };
        if next & 0xC0 != 0x80 || seconds >> (next & 0x3F) & 1 == 0 {
            return false;
        }
        match decode(&bytes[at..]).map(|(c, _)| c) {
            Some(c) if (c as u32) < TABLED => self.listed[c as usize - 0x80],
            // CJK ideographs fold to themselves.
            Some('\u{4E00}'..='\u{9FFF}') => false,
            // Beyond the table, at a loss: looked at.
            Some(_) => true,
            // Not UTF-8: a stand-in no needle holds.
            None => false,
        }
    }
}

/// For each lead byte 0xC0..=0xFF, the second bytes that may start a
/// character beyond the fold table which is not a CJK ideograph (such
/// characters are looked at, at a loss): all but those of blocks of CJK
/// ideographs, for the leads of U+3000 on.
fn beyond_table() -> [u64; 64] {
    let mut seconds = [0; 64];
    for lead in 0xE3..=0xEFu32 {
        for low in 0..64u32 {
            let first = (lead & 0x0F) << 12 | low << 6;
            let ideographs = (0x4E00..=0x9FFF).contains(&first) && first + 0x3F <= 0x9FFF;
            if first >= TABLED && !ideographs {
                seconds[(lead - 0xC0) as usize] |= 1 << low;
            }
        }
    }
    for lead in 0xF0..=0xF4 {
        seconds[lead - 0xC0] = u64::MAX;
    }
    seconds
}

/// How often an ASCII byte comes in English and French prose, roughly,
/// per 10,000 letters (both cases of a letter together); bytes that are
/// neither letters nor common punctuation count as rare.
fn frequency(byte: u8) -> u64 {
    match byte.to_ascii_lowercase() {
        b'e' => 1200,
        b't' => 900,
        b'a' => 800,
        b'o' => 750,
        b'i' => 700,
        b'n' => 670,
        b's' => 630,
        b'h' | b'r' => 600,
        b'd' => 420,
        b'l' => 400,
        b'c' | b'u' => 280,
        b'm' | b'w' => 240,
        b'f' => 220,
        b'g' | b'y' | b'\'' | b'-' | b'.' | b',' => 200,
        b'p' => 190,
        b'b' => 150,
        b'v' => 100,
        b'k' => 80,
        b'0'..=b'9' => 30,
        b'j' | b'x' => 15,
        b'q' => 10,
        b'z' => 7,
        _ => 5,
    }
}

/// How often a letter's accented forms come in French prose, roughly, per
/// 10,000 letters (`é`, `è`, `ê` for `e`).
fn accented_frequency(byte: u8) -> u64 {
    match byte.to_ascii_lowercase() {
        b'e' => 250,
        b'a' => 50,
        b'u' | b'i' | b'o' | b'c' => 15,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rarest_byte_or_pair_is_chosen() {
        let rare = |needle| Rare::of(needle).map(|r| (r.index, r.first, r.second));
        assert_eq!(rare("zephyrin"), Some((0, b'z', None)));
        assert_eq!(rare("prince"), Some((0, b'p', Some(b'r'))));
        assert_eq!(rare("buttonhole"), Some((0, b'b', Some(b'u'))));
        assert_eq!(rare("natasha"), Some((4, b's', Some(b'h'))));
        assert_eq!(rare("ex"), Some((1, b'x', None)));
        assert_eq!(rare("aéb"), Some((3, b'b', None)));
        assert_eq!(rare("eefi"), Some((2, b'f', Some(b'i'))));
        assert_eq!(rare("é"), None);
    }

    #[test]
    fn the_bytes_looked_at_are_the_rare_ones_escapes_and_leads() {
        for needle in ["zephyrin", "ex", "aéb", "q", "cote", "prince", "Prince"] {
            for escape in [false, true] {
                let folding = Folding::for_query(needle);
                let sieve = Sieve::new(needle, folding, escape).unwrap();
                let rare = Rare::of(needle).unwrap();
                let check = |lead: u8| sieve.seconds[usize::from(lead - 0xC0)] != 0;
                let form = |rare: u8, byte: u8| Rare::forms(rare, folding).contains(&byte);
                for byte in 0..=255u8 {
                    for next in [b'a', b'r', b'R', b'x', b'o', 0xC3] {
                        let ascii = form(rare.first, byte)
                            && rare.second.is_none_or(|second| form(second, next));
                        let expected = ascii
                            || (escape && byte == 0x1B)
                            || byte >= 0xC4
                            || (byte == 0xC2 && check(0xC2))
                            || (byte == 0xC3 && check(0xC3));
                        let marked = sieve.marked.marks_at(&[byte, next], 0);
                        assert_eq!(marked, expected, "{needle} {byte:x} {next:x}");
                    }
                }
            }
        }
        // Letters with Latin-1 accented forms look at their leads.
        let sieve = Sieve::new("ae", Folding::for_query("ae"), true).unwrap();
        assert!(sieve.marked.marks_at(&[0xC3], 0));
    }

    #[test]
    fn a_character_is_listed_as_decoding_it_says() {
        for needle in ["zephyrin", "prince", "ae", "ex"] {
            let folding = Folding::for_query(needle);
            let sieve = Sieve::new(needle, folding, true).unwrap();
            let table = FoldTable::get(folding);
            let rare = Rare::of(needle).unwrap();
            for code in (0x80..0x11_0000).step_by(7).chain(0x80..0x3100) {
                let Some(c) = char::from_u32(code) else {
                    continue;
                };
                let mut encoded = [0u8; 4];
                let bytes = c.encode_utf8(&mut encoded).as_bytes();
                let expected = match table.get_char(c) {
                    Some(shown) => {
                        shown.is_empty()
                            || shown.contains(&rare.first)
                            || rare.second.is_some_and(|b| shown.contains(&b))
                    }
                    None => !('\u{4E00}'..='\u{9FFF}').contains(&c),
                };
                assert_eq!(sieve.listed_at(bytes, 0), expected, "{needle} {c:?}");
            }
            // Cut or stray bytes are not listed.
            for bytes in [
                &[0xC3][..],
                &[0xC3, b'a'],
                &[0xE2, 0x83],
                &[0xFF, 0x80],
                &[0xC0, 0x80],
            ] {
                assert!(!sieve.listed_at(bytes, 0), "{needle} {bytes:x?}");
            }
        }
    }

    /// The places `sieve` lists in `text`, every way the bytes can be read.
    fn places(sieve: &mut Sieve, text: &str) -> Vec<usize> {
        let mut all = Vec::new();
        for lanes in Lanes::available() {
            sieve.lanes = lanes;
            let mut places = Vec::new();
            assert!(sieve.places(text.as_bytes(), 0, text.len(), usize::MAX, &mut places));
            all.push(places);
        }
        all.dedup();
        assert_eq!(all.len(), 1, "{all:?}");
        all.pop().unwrap_or_default()
    }

    #[test]
    fn the_rarest_letter_is_sieved_for_in_both_cases_and_its_accented_forms() {
        let folding = Folding::for_query("zephyrin");
        let mut sieve = Sieve::new("zephyrin", folding, true).unwrap();
        // Long enough to be read a block at a time.
        let text = "le zéphyr, un ZÉPHYR, l’été, une \u{1b}[1m, ž ".repeat(3);
        let expected: Vec<usize> = text
            .char_indices()
            .filter(|&(_, c)| matches!(c, 'z' | 'Z' | '\u{1b}' | 'ž'))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(places(&mut sieve, &text), expected);
        // Too many places: it gives up.
        assert!(!sieve.places(text.as_bytes(), 0, text.len(), 2, &mut Vec::new()));
    }

    #[test]
    fn a_rare_pair_is_sieved_for_where_it_stands_and_in_characters_holding_it() {
        let folding = Folding::for_query("prince");
        let mut sieve = Sieve::new("prince", folding, false).unwrap();
        assert_eq!(sieve.reach(), 4);
        let text = "Le prince, PRINCE, Prince, pRince, un pré, ŕ, ṕ, p r, p\u{301}r, ".repeat(2);
        let expected: Vec<usize> = text
            .char_indices()
            .filter(|&(i, c)| {
                let next = text[i..].chars().nth(1);
                matches!(c, 'p' | 'P') && matches!(next, Some('r' | 'R'))
                    || matches!(c, 'ŕ' | 'ṕ' | '\u{301}')
            })
            .map(|(i, _)| i)
            .collect();
        assert_eq!(expected.len(), 2 * 8);
        assert_eq!(places(&mut sieve, &text), expected);
    }

    #[test]
    fn characters_that_fold_to_nothing_are_listed() {
        let folding = Folding::for_query("zephyrin");
        let sieve = Sieve::new("zephyrin", folding, false).unwrap();
        let text = "ze\u{301}phyr";
        let mut places = Vec::new();
        sieve.places(text.as_bytes(), 0, text.len(), 100, &mut places);
        assert_eq!(places, [0, 2]);
    }
}
