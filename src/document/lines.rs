//! Lines of raw bytes: finding them forward and backward from any byte.
//!
//! A line ends at `\n`, `\r\n` or a lone `\r`; the terminator is not part of
//! its content. These helpers let the paragraph splitter start anywhere in a
//! file without reading what comes before.

use std::ops::Range;

use memchr::{memchr2, memrchr2};

use super::decode::{Decoding, decode_line};
use super::sanitize::{sanitize_into, visible_control};

/// How raw lines become the text a reader sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cleaning {
    /// How bytes that are not UTF-8 are shown.
    pub decoding: Decoding,
    /// Whether terminal escape sequences are kept (as visible symbols)
    /// instead of removed whole.
    pub show_escapes: bool,
}

/// Removes terminal escape sequences from `text`, whole: CSI (`ESC [` …
/// final byte), OSC, DCS, SOS, PM and APC strings (to BEL or `ESC \\`, or
/// the end of the line), and two- or three-byte escapes such as `ESC ( B`.
/// Returns how many it removed. C1 controls are left to the sanitizer,
/// which shows them: as Windows-1252 bytes they may be text.
pub fn strip_escapes(text: &str, out: &mut String) -> usize {
    let in_range = |c: char, low: char, high: char| (low..=high).contains(&c);
    let mut removed = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let kind = match c {
            '\u{1b}' => match chars.peek() {
                Some(&next) if in_range(next, ' ', '~') => {
                    chars.next();
                    next
                }
                _ => '\u{1b}',
            },
            _ => {
                out.push(c);
                continue;
            }
        };
        removed += 1;
        match kind {
            '[' => {
                // Parameters and intermediates, then one final byte.
                while let Some(&next) = chars.peek() {
                    if in_range(next, '\u{20}', '\u{3f}') {
                        chars.next();
                    } else {
                        if in_range(next, '\u{40}', '\u{7e}') {
                            chars.next();
                        }
                        break;
                    }
                }
            }
            ']' | 'P' | 'X' | '^' | '_' => {
                // A string, ended by BEL or ST (`ESC \\` or C1 ST).
                while let Some(next) = chars.next() {
                    if next == '\u{7}' {
                        break;
                    }
                    if next == '\u{1b}' {
                        if chars.peek() == Some(&'\\') {
                            chars.next();
                        }
                        break;
                    }
                }
            }
            kind if in_range(kind, '\u{20}', '\u{2f}') => {
                // More intermediates, then a final byte.
                while let Some(&next) = chars.peek() {
                    chars.next();
                    if !in_range(next, '\u{20}', '\u{2f}') {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    removed
}

/// One line: its content and where the next one starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// First byte of the content.
    pub start: usize,
    /// One past the last byte of the content (the terminator's start).
    pub end: usize,
    /// First byte of the next line (past the terminator).
    pub next: usize,
}

impl Line {
    /// The content's byte range.
    pub fn content(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// The line that starts at `start` (which may also be a point inside a
/// line: the rest of it is returned), or `None` at the end of `src`.
pub fn line_from(src: &[u8], start: usize) -> Option<Line> {
    if start >= src.len() {
        return None;
    }
    let end = memchr2(b'\n', b'\r', &src[start..]).map_or(src.len(), |i| start + i);
    Some(line_ending_at(src, start, end))
}

/// The line from `start` whose terminator (if any) starts at `end`.
fn line_ending_at(src: &[u8], start: usize, end: usize) -> Line {
    let next = match src.get(end) {
        None => end,
        Some(b'\r') if src.get(end + 1) == Some(&b'\n') => end + 2,
        Some(_) => end + 1,
    };
    Line { start, end, next }
}

/// Like [`line_from`], but looking for the terminator no further than
/// `limit`: a longer line is returned cut at `limit` (then `end` and `next`
/// are both `limit`).
pub fn line_from_bounded(src: &[u8], start: usize, limit: usize) -> Option<Line> {
    let limit = limit.min(src.len());
    if start >= limit {
        return None;
    }
    match memchr2(b'\n', b'\r', &src[start..limit]) {
        Some(i) => Some(line_ending_at(src, start, start + i)),
        None => Some(Line {
            start,
            end: limit,
            next: limit,
        }),
    }
}

/// The start of the line holding byte `pos` (a terminator belongs to the
/// line it ends), searched no further back than `floor`: `None` when the
/// line begins before `floor`.
pub fn line_start_after(src: &[u8], pos: usize, floor: usize) -> Option<usize> {
    let mut pos = pos.min(src.len());
    // The `\n` of a `\r\n` ends the same line as its `\r`.
    if pos > floor && src.get(pos) == Some(&b'\n') && src[pos - 1] == b'\r' {
        pos -= 1;
    }
    let start = match memrchr2(b'\n', b'\r', &src[floor..pos]) {
        Some(i) => floor + i + 1,
        None if floor == 0 => 0,
        None => return None,
    };
    Some(start)
}

/// Decodes, strips escape sequences from, and sanitizes one line's
/// content, trailing white space dropped: the text a reader sees for it.
pub fn clean(bytes: &[u8], how: Cleaning) -> String {
    clean_counting(bytes, how).0
}

/// [`clean`], also returning how many escape sequences were removed.
pub fn clean_counting(bytes: &[u8], how: Cleaning) -> (String, usize) {
    let mut line = String::new();
    let removed = clean_decoded_into(&decode_line(bytes, how.decoding), how, &mut line);
    (line, removed)
}

/// [`clean_counting`] of a line's content already decoded, appending the
/// text to `out`; returns how many escape sequences were removed.
pub fn clean_decoded_into(text: &str, how: Cleaning, out: &mut String) -> usize {
    let start = out.len();
    let mut removed = 0;
    if !how.show_escapes && memchr::memchr(0x1b, text.as_bytes()).is_some() {
        let mut stripped = String::with_capacity(text.len());
        removed = strip_escapes(text, &mut stripped);
        sanitize_into(&stripped, out);
    } else {
        sanitize_into(text, out);
    }
    let kept = start + out[start..].trim_end().len();
    out.truncate(kept);
    removed
}

/// Whether a line's content shows nothing: only white space (tabs
/// included), no visible character, no control symbol (escape sequences
/// that are removed show nothing).
pub fn is_blank(bytes: &[u8], how: Cleaning) -> bool {
    match bytes.first() {
        None => true,
        Some(&b) if b.is_ascii_graphic() => false,
        Some(_) if !how.show_escapes && bytes.contains(&0x1b) => {
            clean(bytes, how).trim_start().is_empty()
        }
        Some(_) => decode_line(bytes, how.decoding)
            .chars()
            .all(|c| c == '\t' || (c.is_whitespace() && visible_control(c).is_none())),
    }
}

/// Whether a line is a page break: a form feed alone (spaces aside).
pub fn is_page_break(bytes: &[u8]) -> bool {
    let mut rest = bytes.iter().filter(|&&b| b != b' ' && b != b'\t');
    rest.next() == Some(&0x0C) && rest.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_lines(src: &[u8]) -> Vec<&[u8]> {
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some(line) = line_from(src, pos) {
            out.push(&src[line.content()]);
            pos = line.next;
        }
        out
    }

    #[test]
    fn every_line_ending_ends_a_line() {
        let src = b"a\nb\r\nc\rd";
        assert_eq!(all_lines(src), [&b"a"[..], b"b", b"c", b"d"]);
        assert_eq!(all_lines(b"a\n\nb\n"), [&b"a"[..], b"", b"b"]);
    }

    #[test]
    fn bounded_lines_stop_at_the_limit() {
        let src = b"abcdef\nxy";
        assert_eq!(
            line_from_bounded(src, 1, 4),
            Some(Line {
                start: 1,
                end: 4,
                next: 4
            })
        );
        assert_eq!(line_from_bounded(src, 1, 100), line_from(src, 1));
        assert_eq!(line_from_bounded(src, 4, 4), None);
    }

    #[test]
    fn bounded_search_for_a_line_start() {
        let src = b"abc\ndefgh";
        assert_eq!(line_start_after(src, 8, 0), Some(4));
        assert_eq!(line_start_after(src, 8, 5), None);
        assert_eq!(line_start_after(src, 2, 0), Some(0));
        // The \n of a \r\n belongs to the line it ends.
        assert_eq!(line_start_after(b"ab\r\ncd", 3, 0), Some(0));
        assert_eq!(line_start_after(b"ab\r\ncd", 4, 0), Some(4));
    }

    #[test]
    fn blank_lines_show_nothing() {
        let how = Cleaning::default();
        assert!(is_blank(b"", how));
        assert!(is_blank(b"  \t ", how));
        assert!(is_blank("\u{3000}".as_bytes(), how));
        assert!(!is_blank(b" x", how));
        assert!(!is_blank(b"\x0c", how));
        assert!(!is_blank("\u{85}".as_bytes(), how));
        // Escape sequences alone show nothing, unless they are shown.
        assert!(is_blank(b"\x1b[0K\x1b[33;1m", how));
        let shown = Cleaning {
            show_escapes: true,
            ..how
        };
        assert!(!is_blank(b"\x1b[0K", shown));
    }

    #[test]
    fn clean_lines_are_sanitized_and_trimmed() {
        let how = Cleaning::default();
        assert_eq!(clean(b"a\tb \t", how), "a       b");
        assert_eq!(clean(b"caf\xe9", how), "caf\u{fffd}");
        let latin = Cleaning {
            decoding: Decoding::Utf8OrWindows1252,
            ..how
        };
        assert_eq!(clean(b"caf\xe9", latin), "café");
    }

    #[test]
    fn escape_sequences_are_removed_whole_and_counted() {
        let how = Cleaning::default();
        let line =
            b"\x1b[0K\x1b[33;1mWorker\x1b[0m \x1b]0;title\x07ok \x1b(Bend\x1b]52;c;eA==\x1b\\!";
        assert_eq!(clean_counting(line, how), ("Worker ok end!".to_owned(), 6));
        // A sequence cut by the end of the line is removed to there.
        assert_eq!(
            clean_counting(b"a\x1b]0;unterminated", how),
            ("a".to_owned(), 1)
        );
        assert_eq!(clean_counting(b"x\x1b", how), ("x".to_owned(), 1));
        let shown = Cleaning {
            show_escapes: true,
            ..how
        };
        assert_eq!(clean(b"\x1b[0m  ", shown), "␛[0m");
    }

    #[test]
    fn page_breaks_are_a_form_feed_alone() {
        assert!(is_page_break(b"\x0c"));
        assert!(is_page_break(b" \x0c "));
        assert!(!is_page_break(b"\x0cx"));
        assert!(!is_page_break(b""));
    }
}
