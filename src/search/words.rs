//! Eight bytes at once: tests and changes on the bytes of a `u64` word,
//! each result byte marked by its high bit.

/// One in every byte.
pub const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte.
pub const HIGHS: u64 = 0x8080_8080_8080_8080;
/// The seven low bits of every byte.
pub const LOWS: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// The bytes of `word` equal to `byte`, each marked by its high bit, and
/// no other.
pub fn equal(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    !(((x & LOWS) + LOWS) | x | LOWS)
}

/// The bytes of `word` from `lowest` on (at least 0x81), each marked by
/// its high bit, and no other: for bytes with the high bit, seven low bits
/// of at least those of `lowest` carry into the high one.
pub fn from_byte(word: u64, lowest: u8) -> u64 {
    let carry = 0x80 - u64::from(lowest.max(0x81) & 0x7F);
    ((word & LOWS) + ONES * carry) & word & HIGHS
}

/// `word` (eight ASCII bytes) with its capitals made small.
pub fn lower(word: u64) -> u64 {
    let heptets = word & !HIGHS;
    let from_a = heptets.wrapping_add(ONES * (0x80 - u64::from(b'A'))) & HIGHS;
    let past_z = heptets.wrapping_add(ONES * (0x80 - u64::from(b'Z') - 1)) & HIGHS;
    word | ((from_a & !past_z) >> 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_marks_exactly_the_equal_bytes() {
        for byte in [0u8, 0x1B, b'z', b'Z', 0x7F, 0x80, 0xC3, 0xFF] {
            for at in 0..8 {
                let mut bytes = *b"zZ\x1b\x00\xffa\x80z";
                bytes[at] = byte;
                let marks = equal(u64::from_le_bytes(bytes), byte);
                for (i, &b) in bytes.iter().enumerate() {
                    assert_eq!(marks >> (8 * i) & 0xFF == 0x80, b == byte, "{bytes:?} {i}");
                }
                assert_eq!(marks & !HIGHS, 0);
            }
        }
    }

    #[test]
    fn from_byte_marks_exactly_the_bytes_from_it_on() {
        for lowest in [0x81, 0xC2, 0xC3, 0xC4, 0xFF] {
            for byte in 0..=255u8 {
                for at in 0..8 {
                    let mut bytes = [b'a', 0xC3, 0x44, 0xC4, 0xFF, 0x80, 0x00, 0x7F];
                    bytes[at] = byte;
                    let marks = from_byte(u64::from_le_bytes(bytes), lowest);
                    for (i, &b) in bytes.iter().enumerate() {
                        let marked = marks >> (8 * i) & 0xFF == 0x80;
                        assert_eq!(marked, b >= lowest, "{bytes:?} {i} {lowest:x}");
                    }
                    assert_eq!(marks & !HIGHS, 0);
                }
            }
        }
    }

    #[test]
    fn lowering_eight_bytes_at_once_lowers_capitals_only() {
        let all: Vec<u8> = (0..0x80).collect();
        for chunk in all.chunks(8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap());
            let lowered = lower(word).to_le_bytes();
            let expected: Vec<u8> = chunk.iter().map(u8::to_ascii_lowercase).collect();
            assert_eq!(lowered.to_vec(), expected);
        }
    }
}
