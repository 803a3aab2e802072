//! A sieve over raw bytes: the places where a needle's rarest byte could
//! come from, found sixteen bytes at a time without folding anything.
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
//! The sieve is used for needles with an ASCII byte and without spaces (a
//! run of white space of any length folds to one space) in texts read as
//! UTF-8 only.

use super::fold::{FoldTable, Folding, TABLED};
use super::utf8::decode;
use super::words::{equal, from_c4};

/// What a lead byte says of the characters it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// None of them folds to the rare byte or to nothing.
    Skip,
    /// Some may: each is decoded and looked up.
    Check,
}

/// The sieve for one needle and one folding.
#[derive(Debug)]
pub struct Sieve {
    /// The ASCII bytes that fold to the rare byte (its two cases, or one).
    ascii: [u8; 2],
    /// Whether `ESC` is listed (when escapes are dropped from the text).
    escape: bool,
    /// For each lead byte 0xC0..=0xFF, whether its characters are looked at.
    leads: [Lead; 64],
    /// For each character from U+0080 to [`TABLED`], whether it is listed.
    listed: Vec<bool>,
    /// Where the rare byte is in the needle, in bytes: a match starts at
    /// most four raw bytes for each needle byte before it.
    index: usize,
}

impl Sieve {
    /// The sieve for `needle` (folded by `folding`), or `None` when it
    /// holds no ASCII byte to sieve for.
    pub fn new(needle: &str, folding: Folding, escape: bool) -> Option<Sieve> {
        // The least common ASCII byte, the first of them if several.
        let (index, rare) = needle
            .bytes()
            .enumerate()
            .filter(|(_, b)| b.is_ascii())
            .min_by_key(|&(i, b)| (commonness(b), i))?;
        let ascii = if folding.case && rare.is_ascii_lowercase() {
            [rare, rare.to_ascii_uppercase()]
        } else {
            [rare, rare]
        };
        let table = FoldTable::get(folding);
        let mut listed = vec![false; (TABLED - 0x80) as usize];
        let mut leads = [Lead::Skip; 64];
        // Beyond the table, characters are looked at one by one.
        for lead in [0xE3..=0xEF, 0xF0..=0xF4].into_iter().flatten() {
            leads[lead - 0xC0] = Lead::Check;
        }
        for &c in table.holding(rare).iter().chain(table.folding_to_nothing()) {
            listed[c as usize - 0x80] = true;
            let mut encoded = [0u8; 4];
            let lead = c.encode_utf8(&mut encoded).as_bytes()[0];
            leads[usize::from(lead) - 0xC0] = Lead::Check;
        }
        Some(Sieve {
            ascii,
            escape,
            leads,
            listed,
            index,
        })
    }

    /// How far before a listed place a match may start, in bytes: the
    /// characters before the first listed one in a match each give it a
    /// byte before the rare one, and are at most four bytes long.
    pub fn reach(&self) -> usize {
        4 * self.index
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
        let mut pos = from;
        while let Some(chunk) = bytes.get(pos..to).and_then(|rest| rest.first_chunk::<16>()) {
            let mut marks = self.marks16(chunk);
            while marks != 0 {
                let at = pos + marks.trailing_zeros() as usize;
                if self.listed_at(bytes, at) {
                    out.push(at);
                }
                marks &= marks - 1;
            }
            if out.len() - first > limit {
                return false;
            }
            pos += 16;
        }
        for at in pos..to {
            if self.marks(u64::from(bytes[at])) & 0x80 != 0 && self.listed_at(bytes, at) {
                out.push(at);
            }
        }
        out.len() - first <= limit
    }

    /// The bytes of `chunk` to look at, as [`Sieve::marks`] tells them:
    /// bit `i` for byte `i`.
    fn marks16(&self, chunk: &[u8; 16]) -> u32 {
        #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
        // SAFETY: the build enables SSE2 (the `cfg` above).
        return unsafe { self.marks16_sse2(chunk) };
        #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
        return self.marks16_portable(chunk);
    }

    /// [`Sieve::marks16`] with SSE2 (which x86-64 targets enable).
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    #[target_feature(enable = "sse2")]
    fn marks16_sse2(&self, chunk: &[u8; 16]) -> u32 {
        use std::arch::x86_64::{
            __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8,
            _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8, _mm_setzero_si128,
        };
        let signed = |byte: u8| i8::from_ne_bytes([byte]);
        // SAFETY: the load reads the sixteen bytes of `chunk`; unaligned
        // loads are allowed.
        let v = unsafe { _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>()) };
        let equal = |byte: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(signed(byte)));
        // From 0xC4 on, as signed bytes: -60 to -1.
        let from_c4 = _mm_and_si128(
            _mm_cmpgt_epi8(v, _mm_set1_epi8(-61)),
            _mm_cmplt_epi8(v, _mm_setzero_si128()),
        );
        let mut marks = _mm_or_si128(
            from_c4,
            _mm_or_si128(equal(self.ascii[0]), equal(self.ascii[1])),
        );
        if self.escape {
            marks = _mm_or_si128(marks, equal(0x1B));
        }
        if self.leads[2] == Lead::Check {
            marks = _mm_or_si128(marks, equal(0xC2));
        }
        if self.leads[3] == Lead::Check {
            marks = _mm_or_si128(marks, equal(0xC3));
        }
        u32::from(_mm_movemask_epi8(marks).cast_unsigned() as u16)
    }

    /// [`Sieve::marks16`], eight bytes at a time in a `u64`.
    #[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
    fn marks16_portable(&self, chunk: &[u8; 16]) -> u32 {
        let mut bits = 0;
        for (half, bytes) in chunk.chunks_exact(8).enumerate() {
            let mut word = [0u8; 8];
            word.copy_from_slice(bytes);
            let marks = self.marks(u64::from_le_bytes(word));
            for i in 0..8 {
                bits |= u32::from(marks >> (8 * i + 7) & 1 == 1) << (8 * half + i);
            }
        }
        bits
    }

    /// The bytes of `word` to look at, each marked by its high bit, exactly:
    /// the rare byte's ASCII forms, `ESC` when listed, and lead bytes.
    fn marks(&self, word: u64) -> u64 {
        // The leads of Latin-1 (0xC2, 0xC3: accented letters, no-break
        // spaces, guillemets) only when they are looked at; all the others.
        let mut marks = from_c4(word) | equal(word, self.ascii[0]) | equal(word, self.ascii[1]);
        if self.escape {
            marks |= equal(word, 0x1B);
        }
        if self.leads[2] == Lead::Check {
            marks |= equal(word, 0xC2);
        }
        if self.leads[3] == Lead::Check {
            marks |= equal(word, 0xC3);
        }
        marks
    }

    /// Whether the byte at `at` (marked by [`Sieve::marks`]) starts a
    /// listed character.
    fn listed_at(&self, bytes: &[u8], at: usize) -> bool {
        let byte = bytes[at];
        if byte.is_ascii() {
            return true;
        }
        // Continuation bytes are never marked; only leads are looked up.
        let lead = usize::from(byte.wrapping_sub(0xC0));
        if self.leads.get(lead).is_none_or(|&lead| lead == Lead::Skip) {
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

/// How common an ASCII byte is in prose, roughly (English and French):
/// the sieve looks for the needle's least common one.
fn commonness(byte: u8) -> u8 {
    const LETTERS: &[u8] = b"jkxzqwyvbhgfpmcdlouranitse";
    match byte.to_ascii_lowercase() {
        b @ b'a'..=b'z' => LETTERS
            .iter()
            .position(|&l| l == b)
            .map_or(0, |p| p as u8 + 10),
        b'\'' | b'-' | b'.' | b',' => 30,
        b'0'..=b'9' => 5,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixteen_bytes_are_marked_alike_on_every_path() {
        let needles = ["zephyrin", "ex", "aéb", "q", "cote"];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let pool = b"azZeE\x1b\xc2\xc3\xc4\xc5\xe2\x80\xa9\xff q\n";
        for needle in needles {
            for escape in [false, true] {
                let sieve = Sieve::new(needle, Folding::for_query(needle), escape).unwrap();
                for _ in 0..2000 {
                    let mut chunk = [0u8; 16];
                    for byte in &mut chunk {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        *byte = pool[(seed % pool.len() as u64) as usize];
                    }
                    let expected = sieve.marks16_portable(&chunk);
                    assert_eq!(sieve.marks16(&chunk), expected, "{needle} {chunk:x?}");
                    for (i, &byte) in chunk.iter().enumerate() {
                        assert_eq!(
                            expected >> i & 1 == 1,
                            sieve.marks(u64::from(byte)) & 0x80 != 0,
                            "{needle} {byte:x}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_rarest_letter_is_sieved_for_in_both_cases_and_its_accented_forms() {
        let folding = Folding::for_query("zephyrin");
        let sieve = Sieve::new("zephyrin", folding, true).unwrap();
        assert_eq!(sieve.ascii, [b'z', b'Z']);
        let text = "le zéphyr, un ZÉPHYR, l’été, une \u{1b}[1m, ž";
        let mut places = Vec::new();
        assert!(sieve.places(text.as_bytes(), 0, text.len(), 100, &mut places));
        let expected: Vec<usize> = text
            .char_indices()
            .filter(|&(_, c)| matches!(c, 'z' | 'Z' | '\u{1b}' | 'ž'))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(places, expected);
        // Too many places: it gives up.
        assert!(!sieve.places(text.as_bytes(), 0, text.len(), 2, &mut Vec::new()));
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
