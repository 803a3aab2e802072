//! Finding the bytes of a small set many at a time: 64 bytes a step with
//! AVX2 or SSE2 when the processor has them (told at run time), eight at a
//! time in a `u64` otherwise. All three ways mark exactly the same bytes.
//!
//! The set is a few single bytes, every byte from a threshold on, and
//! maybe a pair (a byte of one set followed by a byte of another): the
//! ASCII forms of a needle's rare byte or pair, `ESC`, and the lead bytes
//! of the characters that may fold to them (see `sieve`). In prose, most
//! 64-byte blocks hold none of them, and are passed over in a few dozen
//! instructions.

use super::words::{HIGHS, equal, from_byte};

/// Bytes looked at in one step.
pub const STEP: usize = 64;

/// How bytes are read: the widest way the processor has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lanes {
    /// 32 bytes at a time, two loads a step (x86-64 with AVX2).
    Avx2,
    /// 16 bytes at a time, four loads a step (every x86-64).
    Sse2,
    /// Eight bytes at a time in a `u64`, on any processor.
    Words,
}

impl Lanes {
    /// The widest way this processor has (in tests, the way
    /// [`FORCED`] names, if any).
    pub fn best() -> Lanes {
        #[cfg(test)]
        if let Some(lanes) = FORCED.get() {
            return lanes;
        }
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx2") {
                return Lanes::Avx2;
            }
            if std::arch::is_x86_feature_detected!("sse2") {
                return Lanes::Sse2;
            }
        }
        Lanes::Words
    }

    /// Every way this processor has (for tests: each is checked).
    #[cfg(test)]
    pub fn available() -> Vec<Lanes> {
        [Lanes::Avx2, Lanes::Sse2, Lanes::Words]
            .into_iter()
            .filter(|&lanes| match lanes {
                #[cfg(target_arch = "x86_64")]
                Lanes::Avx2 => std::arch::is_x86_feature_detected!("avx2"),
                #[cfg(target_arch = "x86_64")]
                Lanes::Sse2 => std::arch::is_x86_feature_detected!("sse2"),
                #[cfg(not(target_arch = "x86_64"))]
                Lanes::Avx2 | Lanes::Sse2 => false,
                Lanes::Words => true,
            })
            .collect()
    }
}

#[cfg(test)]
thread_local! {
    /// For tests: the way [`Lanes::best`] gives, instead of the widest.
    pub(super) static FORCED: std::cell::Cell<Option<Lanes>> = const { std::cell::Cell::new(None) };
}

/// The bytes to mark: up to four single ones, every byte from `lowest` on
/// (which is not ASCII), and, when there is a pair, each byte of its
/// first set that the next byte follows from its second set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteSet {
    singles: [u8; 4],
    lowest: u8,
    pair: Option<[[u8; 2]; 2]>,
}

/// The bytes of a block in each part of a [`ByteSet`]: bit `i` for byte
/// `i`.
#[derive(Debug, Clone, Copy)]
struct Masks {
    /// Single bytes and bytes from the lowest on.
    others: u64,
    /// Bytes of the pair's first set.
    firsts: u64,
    /// Bytes of the pair's second set.
    seconds: u64,
}

impl ByteSet {
    /// The set of `singles` (up to four bytes; more are left out) and the
    /// bytes from `lowest` on (at least 0x81).
    pub fn new(singles: &[u8], lowest: u8) -> ByteSet {
        let lowest = lowest.max(0x81);
        let first = singles.first().copied().unwrap_or(lowest);
        let mut all = [first; 4];
        for (slot, &byte) in all.iter_mut().zip(singles) {
            *slot = byte;
        }
        ByteSet {
            singles: all,
            lowest,
            pair: None,
        }
    }

    /// The set, and the bytes of `first` (one byte in both cases, or one)
    /// followed by one of `second`.
    pub fn with_pair(self, first: [u8; 2], second: [u8; 2]) -> ByteSet {
        ByteSet {
            pair: Some([first, second]),
            ..self
        }
    }

    /// Whether byte `at` of `bytes` is marked.
    pub fn marks_at(&self, bytes: &[u8], at: usize) -> bool {
        let Some(&byte) = bytes.get(at) else {
            return false;
        };
        if byte >= self.lowest || self.singles.contains(&byte) {
            return true;
        }
        self.pair.is_some_and(|[first, second]| {
            first.contains(&byte) && bytes.get(at + 1).is_some_and(|b| second.contains(b))
        })
    }

    /// Calls `found(start, marks)`, in order, for each whole block of
    /// [`STEP`] bytes of `bytes[from..to]` that holds a marked byte
    /// (`start`: the block's first byte; bit `i` of `marks`: whether byte
    /// `start + i` is marked), until it returns false. Returns where the
    /// blocks end (the last, shorter piece is left to the caller), or
    /// `None` when `found` stopped. A pair may end at `to` or past it.
    pub fn scan(
        &self,
        lanes: Lanes,
        bytes: &[u8],
        from: usize,
        to: usize,
        found: impl FnMut(usize, u64) -> bool,
    ) -> Option<usize> {
        match lanes {
            #[cfg(target_arch = "x86_64")]
            // SAFETY: the processor has AVX2 (checked in the guard).
            Lanes::Avx2 if std::arch::is_x86_feature_detected!("avx2") => unsafe {
                self.scan_avx2(bytes, from, to, found)
            },
            #[cfg(target_arch = "x86_64")]
            // SAFETY: the processor has SSE2 (checked in the guard).
            Lanes::Sse2 if std::arch::is_x86_feature_detected!("sse2") => unsafe {
                self.scan_sse2(bytes, from, to, found)
            },
            _ => self.scan_with(bytes, from, to, found, |block| self.masks_words(block)),
        }
    }

    /// [`ByteSet::scan`] with AVX2, the loop and the masks compiled
    /// together.
    ///
    /// # Safety
    ///
    /// The processor must have AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn scan_avx2(
        &self,
        bytes: &[u8],
        from: usize,
        to: usize,
        found: impl FnMut(usize, u64) -> bool,
    ) -> Option<usize> {
        // SAFETY: the caller promises AVX2.
        self.scan_with(bytes, from, to, found, |block| unsafe {
            self.masks_avx2(block)
        })
    }

    /// [`ByteSet::scan`] with SSE2, the loop and the masks compiled
    /// together.
    ///
    /// # Safety
    ///
    /// The processor must have SSE2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "sse2")]
    unsafe fn scan_sse2(
        &self,
        bytes: &[u8],
        from: usize,
        to: usize,
        found: impl FnMut(usize, u64) -> bool,
    ) -> Option<usize> {
        // SAFETY: the caller promises SSE2.
        self.scan_with(bytes, from, to, found, |block| unsafe {
            self.masks_sse2(block)
        })
    }

    /// [`ByteSet::scan`], each block's masks told by `masks`.
    #[inline(always)]
    fn scan_with(
        &self,
        bytes: &[u8],
        from: usize,
        to: usize,
        mut found: impl FnMut(usize, u64) -> bool,
        masks: impl Fn(&[u8; STEP]) -> Masks,
    ) -> Option<usize> {
        let to = to.min(bytes.len());
        let mut start = from;
        while start.saturating_add(STEP) <= to {
            let Some(block) = bytes
                .get(start..)
                .and_then(|rest| rest.first_chunk::<STEP>())
            else {
                break;
            };
            let marks = self.combine(masks(block), bytes, start);
            if marks != 0 && !found(start, marks) {
                return None;
            }
            start += STEP;
        }
        Some(start)
    }

    /// The marks of the block at `start` of `bytes`, from its masks.
    #[inline(always)]
    fn combine(&self, masks: Masks, bytes: &[u8], start: usize) -> u64 {
        let Some([_, second]) = self.pair else {
            return masks.others;
        };
        // The byte after the block may end a pair that starts in it.
        let after =
            masks.firsts >> 63 == 1 && bytes.get(start + STEP).is_some_and(|b| second.contains(b));
        let followed = masks.seconds >> 1 | u64::from(after) << 63;
        masks.others | masks.firsts & followed
    }

    /// The masks of `block`, eight bytes at a time in a `u64`.
    fn masks_words(&self, block: &[u8; STEP]) -> Masks {
        let [a, b, c, d] = self.singles;
        let mut masks = Masks {
            others: 0,
            firsts: 0,
            seconds: 0,
        };
        for (i, chunk) in block.chunks_exact(8).enumerate() {
            let mut eight = [0u8; 8];
            eight.copy_from_slice(chunk);
            let word = u64::from_le_bytes(eight);
            let others = from_byte(word, self.lowest)
                | equal(word, a)
                | equal(word, b)
                | equal(word, c)
                | equal(word, d);
            masks.others |= gather(others) << (8 * i);
            if let Some([[e, f], [g, h]]) = self.pair {
                masks.firsts |= gather(equal(word, e) | equal(word, f)) << (8 * i);
                masks.seconds |= gather(equal(word, g) | equal(word, h)) << (8 * i);
            }
        }
        masks
    }

    /// The masks of `block`, 32 bytes at a time.
    ///
    /// # Safety
    ///
    /// The processor must have AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    #[inline]
    unsafe fn masks_avx2(&self, block: &[u8; STEP]) -> Masks {
        use std::arch::x86_64::{
            __m256i, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_max_epu8, _mm256_movemask_epi8,
            _mm256_or_si256, _mm256_set1_epi8,
        };
        let splat = |byte: u8| _mm256_set1_epi8(i8::from_ne_bytes([byte]));
        let bits = |v: __m256i| u64::from(_mm256_movemask_epi8(v).cast_unsigned());
        let either = |v: __m256i, [a, b]: [u8; 2]| {
            _mm256_or_si256(
                _mm256_cmpeq_epi8(v, splat(a)),
                _mm256_cmpeq_epi8(v, splat(b)),
            )
        };
        let [a, b, c, d] = self.singles;
        let lowest = splat(self.lowest);
        let at = block.as_ptr().cast::<__m256i>();
        // SAFETY: both loads read within the 64 bytes of `block`;
        // unaligned loads are allowed.
        let halves = unsafe { [_mm256_loadu_si256(at), _mm256_loadu_si256(at.add(1))] };
        let mut masks = Masks {
            others: 0,
            firsts: 0,
            seconds: 0,
        };
        for (i, v) in halves.into_iter().enumerate() {
            // From `lowest` on: where the larger of the two is the byte.
            let high = _mm256_cmpeq_epi8(_mm256_max_epu8(v, lowest), v);
            let singles = _mm256_or_si256(either(v, [a, b]), either(v, [c, d]));
            masks.others |= bits(_mm256_or_si256(high, singles)) << (32 * i);
            if let Some([first, second]) = self.pair {
                masks.firsts |= bits(either(v, first)) << (32 * i);
                masks.seconds |= bits(either(v, second)) << (32 * i);
            }
        }
        masks
    }

    /// The masks of `block`, 16 bytes at a time.
    ///
    /// # Safety
    ///
    /// The processor must have SSE2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "sse2")]
    #[inline]
    unsafe fn masks_sse2(&self, block: &[u8; STEP]) -> Masks {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_max_epu8, _mm_movemask_epi8,
            _mm_or_si128, _mm_set1_epi8,
        };
        let splat = |byte: u8| _mm_set1_epi8(i8::from_ne_bytes([byte]));
        let bits = |v: __m128i| u64::from(_mm_movemask_epi8(v).cast_unsigned());
        let either = |v: __m128i, [a, b]: [u8; 2]| {
            _mm_or_si128(_mm_cmpeq_epi8(v, splat(a)), _mm_cmpeq_epi8(v, splat(b)))
        };
        let [a, b, c, d] = self.singles;
        let lowest = splat(self.lowest);
        let at = block.as_ptr().cast::<__m128i>();
        let mut masks = Masks {
            others: 0,
            firsts: 0,
            seconds: 0,
        };
        for i in 0..STEP / 16 {
            // SAFETY: the load reads bytes 16 i to 16 i + 15 of the 64 of
            // `block`; unaligned loads are allowed.
            let v = unsafe { _mm_loadu_si128(at.add(i)) };
            let high = _mm_cmpeq_epi8(_mm_max_epu8(v, lowest), v);
            let singles = _mm_or_si128(either(v, [a, b]), either(v, [c, d]));
            masks.others |= bits(_mm_or_si128(high, singles)) << (16 * i);
            if let Some([first, second]) = self.pair {
                masks.firsts |= bits(either(v, first)) << (16 * i);
                masks.seconds |= bits(either(v, second)) << (16 * i);
            }
        }
        masks
    }
}

/// The high bits of the eight bytes of `marks` (each 0x80 or 0), as the
/// eight low bits of the result, byte `i` as bit `i`.
fn gather(marks: u64) -> u64 {
    // Each bit lands alone in the top byte: no two products overlap.
    ((marks & HIGHS) >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The marks of `bytes[start..start + STEP]`, one byte at a time.
    fn reference(set: &ByteSet, bytes: &[u8], start: usize) -> u64 {
        (0..STEP)
            .map(|i| u64::from(set.marks_at(bytes, start + i)) << i)
            .sum()
    }

    /// What `scan` reports of `bytes[from..to]` the way `lanes` says.
    fn scanned(
        set: &ByteSet,
        lanes: Lanes,
        bytes: &[u8],
        from: usize,
        to: usize,
    ) -> (Option<usize>, Vec<(usize, u64)>) {
        let mut seen = Vec::new();
        let end = set.scan(lanes, bytes, from, to, |start, marks| {
            seen.push((start, marks));
            true
        });
        (end, seen)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Every way marks exactly the bytes that the byte-at-a-time test
        /// marks, block by block.
        #[test]
        fn every_way_marks_exactly_what_one_byte_at_a_time_marks(
            bytes in proptest::collection::vec(proptest::prop_oneof![
                proptest::sample::select(vec![
                    b'z', b'Z', b'e', b'E', 0x1B, 0xC2, 0xC3, 0xC4, 0xC5, 0x80, 0xA9, 0xE2, 0xFF,
                    0x7F, 0x00, b' ', b'a', 0x81,
                ]),
                proptest::num::u8::ANY,
            ], 0..300),
            singles in proptest::collection::vec(proptest::num::u8::ANY, 0..=4),
            lowest in 0x81u8..=0xFF,
            pair in proptest::option::of(proptest::sample::select(vec![
                [*b"zZ", *b"eE"], [*b"ee", *b"ee"], [*b"eE", *b"zz"], [[0xC3, 0xC3], *b"zZ"],
            ])),
            from in 0usize..80,
            cut in 0usize..80,
        ) {
            let mut set = ByteSet::new(&singles, lowest);
            if let Some([first, second]) = pair {
                set = set.with_pair(first, second);
            }
            for (i, &byte) in bytes.iter().enumerate() {
                let single = singles.contains(&byte) || byte >= lowest;
                proptest::prop_assert!(!single || set.marks_at(&bytes, i));
            }
            let to = bytes.len().saturating_sub(cut);
            let from = from.min(to);
            for lanes in Lanes::available() {
                let (end, seen) = scanned(&set, lanes, &bytes, from, to);
                let end = end.unwrap_or(0);
                proptest::prop_assert_eq!(end, from + (to - from) / STEP * STEP);
                let expected: Vec<(usize, u64)> = (from..end)
                    .step_by(STEP)
                    .map(|start| (start, reference(&set, &bytes, start)))
                    .filter(|&(_, marks)| marks != 0)
                    .collect();
                proptest::prop_assert_eq!(&seen, &expected, "{:?}", lanes);
            }
        }
    }

    #[test]
    fn a_scan_stops_when_asked() {
        let mut bytes = vec![b'a'; 4 * STEP];
        bytes[70] = b'z';
        bytes[200] = b'z';
        let set = ByteSet::new(b"z", 0xC4);
        for lanes in Lanes::available() {
            let mut calls = 0;
            let end = set.scan(lanes, &bytes, 0, bytes.len(), |start, marks| {
                calls += 1;
                assert_eq!((start, marks), (STEP, 1 << 6));
                false
            });
            assert_eq!(end, None);
            assert_eq!(calls, 1);
        }
    }

    #[test]
    fn a_pair_is_marked_across_the_end_of_a_block_and_of_the_range() {
        let mut bytes = vec![b'a'; 2 * STEP + 1];
        bytes[STEP - 1] = b'Z';
        bytes[STEP] = b'e';
        bytes[2 * STEP - 1] = b'z';
        bytes[2 * STEP] = b'E';
        let set = ByteSet::new(&[], 0xC4).with_pair(*b"zZ", *b"eE");
        for lanes in Lanes::available() {
            let (end, seen) = scanned(&set, lanes, &bytes, 0, 2 * STEP);
            assert_eq!(end, Some(2 * STEP));
            assert_eq!(seen, [(0, 1 << 63), (STEP, 1 << 63)], "{lanes:?}");
        }
    }

    #[test]
    fn the_best_way_is_available() {
        assert!(Lanes::available().contains(&Lanes::best()));
        assert!(Lanes::available().contains(&Lanes::Words));
    }
}
