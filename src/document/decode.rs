//! From bytes to characters: which encoding a text is in.
//!
//! In order: `--encoding` decides, else a byte order mark (UTF-8, UTF-16LE,
//! UTF-16BE); else a
//! sample of the text (the whole text up to [`WHOLE`], else its start and
//! evenly spaced stretches) is read as UTF-8:
//!
//! - valid: the text is UTF-8;
//! - mostly valid, with stray single bytes that read as Windows-1252 letters
//!   (a ChangeLog with `Bj\xF6rn` in it): UTF-8, and those bytes are decoded
//!   as Windows-1252 ([`Decoding::Utf8OrWindows1252`]);
//! - mostly valid, with malformed sequences: UTF-8, each malformed
//!   sequence shown as U+FFFD;
//! - no valid UTF-8 beyond ASCII, or invalid bytes in more than a tenth of
//!   the sample: a legacy encoding, guessed by chardetng (the
//!   detector of Firefox, ISO-2022-JP excluded) and decoded whole by
//!   encoding_rs.
//!
//! UTF-8 texts stay mapped and are decoded paragraph by paragraph; texts in
//! other encodings are decoded whole when opened.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use super::source::Source;

/// Texts up to this many bytes are sampled whole; larger ones by their
/// first half of it and eight stretches making up the rest.
pub const WHOLE: usize = 64 * 1024;

/// Texts up to this many bytes are read whole before being called legacy,
/// unless their sample is invalid all over (see [`Census::too_invalid`]).
const CONFIRM_WHOLE: usize = 4 << 20;

/// Bytes of the sample given to the legacy-encoding detector, at most.
const DETECTOR_BYTES: usize = 64 * 1024;

/// The detector is given the sample by steps of this many bytes (ending
/// at a line's end where one does), and stops once it was given
/// [`DETECTOR_EVIDENCE`] bytes beyond ASCII.
const DETECTOR_STEP: usize = 8 * 1024;

/// Bytes beyond ASCII enough for the detector to settle on a legacy
/// encoding: a text with fewer in its first steps is given more of its
/// sample. Cyrillic, Greek or CJK texts settle in one step, French
/// Latin-1 in four.
const DETECTOR_EVIDENCE: usize = 1024;

/// How the bytes of a UTF-8 text that are not valid UTF-8 are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Decoding {
    /// As U+FFFD.
    #[default]
    Utf8,
    /// As the Windows-1252 characters they would be.
    Utf8OrWindows1252,
}

/// A text ready to be split: UTF-8 bytes, and what they were.
#[derive(Debug)]
pub struct Decoded {
    /// The bytes, UTF-8 except for what `decoding` handles.
    pub source: Source,
    /// Where the text starts (after a UTF-8 byte order mark).
    pub base: usize,
    /// How stray bytes are shown.
    pub decoding: Decoding,
    /// The encoding the file was in.
    pub encoding: &'static Encoding,
}

/// Finds the encoding of `source` (or takes `forced`) and decodes what must
/// be decoded whole.
pub fn decode(source: Source, forced: Option<&'static Encoding>) -> Decoded {
    let bytes = source.bytes();
    let (encoding, base, decoding) = match (forced, Encoding::for_bom(bytes)) {
        // A forced encoding still skips its own byte order mark.
        (Some(encoding), bom) => {
            let base = bom
                .filter(|&(found, _)| found == encoding)
                .map_or(0, |(_, len)| len);
            (encoding, base, Decoding::Utf8)
        }
        (None, Some((encoding, bom))) => (encoding, bom, Decoding::Utf8),
        (None, None) => {
            let mut parts = sample(bytes);
            let mut census = take_census(&parts);
            // A text that looks legacy may still be UTF-8 with a few stray
            // bytes and rare characters beyond ASCII (a ChangeLog): look at
            // all of it when that costs little. A sample invalid all over
            // (a tenth of it) settles it already.
            let total = parts.iter().map(|part| part.len()).sum();
            if !census.is_utf8(&parts) && !census.too_invalid(total) && bytes.len() <= CONFIRM_WHOLE
            {
                parts = vec![bytes];
                census = take_census(&parts);
            }
            if census.is_utf8(&parts) {
                let decoding = if census.strays_are_windows_1252() {
                    Decoding::Utf8OrWindows1252
                } else {
                    Decoding::Utf8
                };
                (UTF_8, 0, decoding)
            } else {
                (detect_legacy(&parts), 0, Decoding::Utf8)
            }
        }
    };
    if encoding == UTF_8 {
        return Decoded {
            source,
            base,
            decoding,
            encoding,
        };
    }
    let text = encoding
        .decode_without_bom_handling(&bytes[base..])
        .0
        .into_owned();
    Decoded {
        source: Source::Owned(text.into_bytes()),
        base: 0,
        decoding: Decoding::Utf8,
        encoding,
    }
}

/// Stretches of `bytes` to judge it by.
fn sample(bytes: &[u8]) -> Vec<&[u8]> {
    if bytes.len() <= WHOLE {
        return vec![bytes];
    }
    const WINDOWS: usize = 8;
    let window = WHOLE / 2 / WINDOWS;
    let mut parts = vec![whole_lines(&bytes[..WHOLE / 2], true)];
    for i in 1..=WINDOWS {
        let at = bytes.len() / (WINDOWS + 1) * i;
        parts.push(whole_lines(&bytes[at..at + window], false));
    }
    parts
}

/// The whole lines of `part` (from its very start when `from_start`), so
/// that no multi-byte character is cut in two.
fn whole_lines(part: &[u8], from_start: bool) -> &[u8] {
    let start = if from_start {
        0
    } else {
        memchr::memchr(b'\n', part).map_or(part.len(), |i| i + 1)
    };
    let end = memchr::memrchr(b'\n', part).map_or(part.len(), |i| i + 1);
    &part[start.min(end)..end]
}

/// What a UTF-8 reading of some bytes found.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Census {
    /// Valid characters outside ASCII.
    valid: usize,
    /// Lone bytes that read as Windows-1252 characters.
    stray: usize,
    /// Other invalid sequences.
    malformed: usize,
}

fn take_census(parts: &[&[u8]]) -> Census {
    let mut census = Census::default();
    // Valid UTF-8 (the common case) needs no counting: validation is fast.
    if parts
        .iter()
        .all(|part| simdutf8::basic::from_utf8(part).is_ok())
    {
        return census;
    }
    let total: usize = parts.iter().map(|part| part.len()).sum();
    for part in parts {
        let mut rest: &[u8] = part;
        for chunk in part.utf8_chunks() {
            // Each character beyond ASCII has one lead byte.
            census.valid += chunk.valid().bytes().filter(|&b| b >= 0xC0).count();
            let invalid = chunk.invalid();
            rest = &rest[chunk.valid().len() + invalid.len()..];
            if invalid.is_empty() || rest.is_empty() && invalid.len() < 4 {
                // Nothing, or a character cut by the end of the sample.
                continue;
            }
            let lone = invalid.len() == 1 && rest.first().is_none_or(|b| b & 0xC0 != 0x80);
            if lone && invalid[0] >= 0x80 {
                census.stray += 1;
            } else {
                census.malformed += 1;
            }
            if census.too_invalid(total) {
                // Not UTF-8, whatever follows: counting on is wasted.
                return census;
            }
        }
    }
    census
}

impl Census {
    /// Whether the sample `parts` it was taken of are UTF-8: genuine UTF-8,
    /// even damaged, has valid characters and few invalid ones; a legacy
    /// encoding has no valid ones, or invalid ones all over. (Valid
    /// characters are only counted when there are invalid ones.)
    fn is_utf8(&self, parts: &[&[u8]]) -> bool {
        let invalid = self.stray + self.malformed;
        let total: usize = parts.iter().map(|part| part.len()).sum();
        // A Latin-1 text can hold a byte pair that happens to be valid
        // UTF-8; its stray bytes still outnumber such pairs by far.
        invalid == 0 || self.valid > 0 && !self.too_invalid(total) && self.stray <= 8 * self.valid
    }

    /// Whether more than a tenth of `total` bytes were invalid: too many
    /// for UTF-8, even damaged.
    fn too_invalid(&self, total: usize) -> bool {
        (self.stray + self.malformed) * 10 > total
    }

    /// Whether the invalid bytes of a UTF-8 text are best read as
    /// Windows-1252: stray bytes, hardly any malformed sequence.
    fn strays_are_windows_1252(&self) -> bool {
        self.stray > 0 && self.malformed * 4 <= self.stray
    }
}

/// The legacy encoding of a text that is not UTF-8, from its sample.
fn detect_legacy(parts: &[&[u8]]) -> &'static Encoding {
    // The detector is thorough, not fast (about 0.1 ms a kilobyte): what
    // is beyond ASCII settles it, as soon as there is enough of it.
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let mut budget = DETECTOR_BYTES;
    let mut evidence = 0;
    'feeding: for part in parts {
        let mut rest = whole_lines(&part[..part.len().min(budget)], true);
        while !rest.is_empty() {
            // Never empty: a step without a line end is taken whole.
            let step = whole_lines(&rest[..rest.len().min(DETECTOR_STEP)], true);
            detector.feed(step, false);
            budget -= step.len();
            evidence += step.iter().filter(|&&b| !b.is_ascii()).count();
            if evidence >= DETECTOR_EVIDENCE {
                break 'feeding;
            }
            rest = &rest[step.len()..];
        }
        if budget < 1024 {
            break;
        }
    }
    detector.feed(b"", true);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// Decodes one line of a UTF-8 text the way `decoding` says.
pub fn decode_line(bytes: &[u8], decoding: Decoding) -> std::borrow::Cow<'_, str> {
    // Valid lines (nearly all) are told apart by the fastest validation
    // there is (SIMD, 5 to 10 times the standard library's beyond ASCII);
    // the lossy decoder walks byte by byte.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return text.into();
    }
    match decoding {
        Decoding::Utf8 => String::from_utf8_lossy(bytes),
        Decoding::Utf8OrWindows1252 => {
            let mut text = String::with_capacity(bytes.len() + 8);
            for chunk in bytes.utf8_chunks() {
                text.push_str(chunk.valid());
                text.push_str(&WINDOWS_1252.decode_without_bom_handling(chunk.invalid()).0);
            }
            text.into()
        }
    }
}

/// Whether `bytes` look like a binary file rather than text: a known
/// magic number, NUL bytes (more than one in a thousand), or many control
/// bytes (over one in ten).
pub fn looks_binary(bytes: &[u8]) -> bool {
    const MAGIC: &[&[u8]] = &[
        b"\x89PNG",
        b"GIF87a",
        b"GIF89a",
        b"\xFF\xD8\xFF",
        b"%PDF-",
        b"PK\x03\x04",
        b"\x1F\x8B",
        b"\x7FELF",
        b"BZh9",
        b"\xFD7zXZ\x00",
        b"7z\xBC\xAF\x27\x1C",
        b"\xCF\xFA\xED\xFE",
        b"\xCA\xFE\xBA\xBE",
        b"\x00asm",
        b"SQLite format 3",
    ];
    if MAGIC.iter().any(|magic| bytes.starts_with(magic)) {
        return true;
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return false; // UTF-16 text
    }
    let head = &bytes[..bytes.len().min(16 * 1024)];
    let nul = head.iter().filter(|&&b| b == 0).count();
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    nul > 1 + head.len() / 1000 || control * 10 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8]) -> (String, &'static str, Decoding) {
        let d = decode(Source::Owned(bytes.to_vec()), None);
        let text = decode_line(&d.source.bytes()[d.base..], d.decoding).into_owned();
        (text, d.encoding.name(), d.decoding)
    }

    #[test]
    fn utf8_stays_utf8() {
        let (text, name, decoding) = decoded("Choïgou à Pyongyang".as_bytes());
        assert_eq!(
            (text.as_str(), name, decoding),
            ("Choïgou à Pyongyang", "UTF-8", Decoding::Utf8)
        );
    }

    #[test]
    fn byte_order_marks_decide() {
        let (text, name, _) = decoded(b"\xEF\xBB\xBFabc");
        assert_eq!((text.as_str(), name), ("abc", "UTF-8"));
        let (text, name, _) = decoded(b"\xFF\xFEa\x00\xe9\x00");
        assert_eq!((text.as_str(), name), ("aé", "UTF-16LE"));
        let (text, name, _) = decoded(b"\xFE\xFF\x00a\x00\xe9");
        assert_eq!((text.as_str(), name), ("aé", "UTF-16BE"));
    }

    #[test]
    fn latin1_french_is_detected() {
        let text = "Le c\u{153}ur de d'Artagnan battait. \u{c9}t\u{e9} comme hiver, la for\u{ea}t \u{e9}tait d\u{e9}j\u{e0} l\u{e0}. ".repeat(20);
        let (bytes, _, _) = WINDOWS_1252.encode(&text);
        let (back, name, _) = decoded(&bytes);
        assert_eq!(name, "windows-1252");
        assert_eq!(back, text);
    }

    #[test]
    fn stray_latin1_bytes_in_utf8_read_as_windows_1252() {
        let bytes = b"Bj\xF6rn and St\xE9phane fixed it \xE2\x80\xB0 in Kr\xC5\x82oczko's patch";
        let (text, name, decoding) = decoded(bytes);
        assert_eq!(name, "UTF-8");
        assert_eq!(decoding, Decoding::Utf8OrWindows1252);
        assert_eq!(text, "Björn and Stéphane fixed it ‰ in Krłoczko's patch");
    }

    #[test]
    fn malformed_utf8_shows_replacement_characters() {
        let mut bytes = "κόσμε — valid UTF-8 around it ".repeat(3).into_bytes();
        bytes.extend_from_slice(b"\xC0\xAF \xED\xA0\x80 \xFE");
        let (text, name, decoding) = decoded(&bytes);
        assert_eq!((name, decoding), ("UTF-8", Decoding::Utf8));
        assert!(
            text.ends_with("\u{FFFD}\u{FFFD} \u{FFFD}\u{FFFD}\u{FFFD} \u{FFFD}"),
            "{text}"
        );
    }

    #[test]
    fn latin1_with_an_accidental_utf8_pair_is_still_latin1() {
        // "Â«" (C2 AB) is valid UTF-8 by accident; the é are not.
        let text = "L'\u{e9}t\u{e9} \u{c2}\u{ab} d\u{e9}j\u{e0} pass\u{e9}. ".repeat(30);
        let (bytes, _, _) = WINDOWS_1252.encode(&text);
        let (back, name, _) = decoded(&bytes);
        assert_eq!(name, "windows-1252");
        assert_eq!(back, text);
    }

    #[test]
    fn a_legacy_text_whose_letters_come_late_is_read_further() {
        // The first detector step holds only ASCII: the Czech letters
        // after it decide.
        let mut text = "A plain English line with nothing else in it.\n".repeat(500);
        text.push_str(&"P\u{159}\u{ed}li\u{161} \u{17e}lu\u{165}ou\u{10d}k\u{fd} k\u{16f}\u{148} \u{fa}p\u{11b}l \u{10f}\u{e1}belsk\u{e9} \u{f3}dy.\n".repeat(200));
        let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(&text);
        assert!(bytes.len() < WHOLE, "sampled whole");
        let (back, name, _) = decoded(&bytes);
        assert_eq!(name, "windows-1250");
        assert_eq!(back, text);
    }

    #[test]
    fn counting_stops_once_a_text_cannot_be_utf8() {
        let text = "\u{7ea2}\u{697c}\u{68a6}".repeat(10_000);
        let (bytes, _, _) = encoding_rs::GBK.encode(&text);
        let census = take_census(&[&bytes]);
        assert!(census.too_invalid(bytes.len()));
        let counted = census.stray + census.malformed;
        assert!(
            counted <= bytes.len() / 10 + 1,
            "{counted} of {}",
            bytes.len()
        );
    }

    #[test]
    fn a_forced_encoding_skips_its_own_byte_order_mark() {
        let d = decode(Source::Owned(b"\xEF\xBB\xBFabc".to_vec()), Some(UTF_8));
        assert_eq!(&d.source.bytes()[d.base..], b"abc");
    }

    #[test]
    fn a_forced_encoding_wins() {
        let d = decode(
            Source::Owned(b"\xE9t\xE9".to_vec()),
            Some(encoding_rs::ISO_8859_2),
        );
        assert_eq!(d.source.bytes(), "ét\u{e9}".as_bytes());
    }

    #[test]
    fn binary_files_are_recognised() {
        assert!(looks_binary(b"\x7FELF\x02\x01\x01"));
        assert!(looks_binary(&[0u8; 100]));
        assert!(!looks_binary(b"plain text\n"));
        // One NUL in a long text (the UTF-8 test sheet has one) is not binary.
        let mut text = "text ".repeat(1000).into_bytes();
        text[100] = 0;
        assert!(!looks_binary(&text));
        assert!(!looks_binary(b"\xFF\xFEa\x00b\x00"));
    }
}
