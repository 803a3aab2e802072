//! Characters in raw bytes that may not be UTF-8: where one starts and
//! ends, and which it is.

/// Whether byte `pos` of `bytes` starts a character (or is the end).
pub fn is_char_start(bytes: &[u8], pos: usize) -> bool {
    bytes.get(pos).is_none_or(|&b| b & 0xC0 != 0x80)
}

/// The start of the character that holds byte `pos` of `bytes`.
pub fn char_start(bytes: &[u8], mut pos: usize) -> usize {
    while pos > 0 && bytes.get(pos).is_some_and(|&b| b & 0xC0 == 0x80) {
        pos -= 1;
    }
    pos
}

/// The end of the character that holds byte `pos - 1` of `bytes`.
pub fn char_end(bytes: &[u8], mut pos: usize) -> usize {
    while bytes.get(pos).is_some_and(|&b| b & 0xC0 == 0x80) {
        pos += 1;
    }
    pos.min(bytes.len())
}

/// The character that `bytes` (starting with a byte that is not ASCII)
/// start with and its length, or `None` when they are not UTF-8 there.
pub fn decode(bytes: &[u8]) -> Option<(char, usize)> {
    let continuation = |i: usize| {
        bytes
            .get(i)
            .filter(|&&b| b & 0xC0 == 0x80)
            .map(|&b| u32::from(b & 0x3F))
    };
    let lead = u32::from(*bytes.first()?);
    let (code, length) = match lead {
        0xC2..=0xDF => ((lead & 0x1F) << 6 | continuation(1)?, 2),
        0xE0..=0xEF => (
            (lead & 0x0F) << 12 | continuation(1)? << 6 | continuation(2)?,
            3,
        ),
        0xF0..=0xF4 => (
            (lead & 0x07) << 18 | continuation(1)? << 12 | continuation(2)? << 6 | continuation(3)?,
            4,
        ),
        _ => return None,
    };
    let shortest = match length {
        2 => 0x80,
        3 => 0x800,
        _ => 0x10000,
    };
    // Overlong forms and surrogates are not UTF-8.
    (code >= shortest)
        .then(|| char::from_u32(code))
        .flatten()
        .map(|c| (c, length))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_agrees_with_the_standard_library() {
        let mut samples: Vec<Vec<u8>> = ["é", "€", "𝄞", "한"]
            .iter()
            .map(|s| s.as_bytes().to_vec())
            .collect();
        samples.extend([
            vec![0xC0, 0x80],
            vec![0xE0, 0x80, 0x80],
            vec![0xED, 0xA0, 0x80],
            vec![0xF4, 0x90, 0x80, 0x80],
            vec![0xC3],
            vec![0xE2, 0x82],
            vec![0x80],
            vec![0xFF],
        ]);
        for bytes in samples {
            let expected = std::str::from_utf8(&bytes)
                .ok()
                .and_then(|s| s.chars().next().map(|c| (c, c.len_utf8())));
            assert_eq!(decode(&bytes), expected, "{bytes:x?}");
        }
    }

    #[test]
    fn characters_are_found_around_any_byte() {
        let text = "aé€𝄞b".as_bytes();
        let starts: Vec<usize> = (0..=text.len())
            .filter(|&p| is_char_start(text, p))
            .collect();
        assert_eq!(starts, [0, 1, 3, 6, 10, 11]);
        assert_eq!(
            (0..text.len())
                .map(|p| char_start(text, p))
                .collect::<Vec<_>>(),
            [0, 1, 1, 3, 3, 3, 6, 6, 6, 6, 10]
        );
        assert_eq!(
            (1..=text.len())
                .map(|p| char_end(text, p))
                .collect::<Vec<_>>(),
            [1, 3, 3, 6, 6, 6, 10, 10, 10, 10, 11]
        );
    }
}
