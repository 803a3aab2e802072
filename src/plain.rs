//! Plain output: the laid-out column as text, for pipelines.
//!
//! It uses the same [`crate::layout::wrap`] as the screen, so what is printed
//! is what the reader shows, line for line, without margins or styles.

use std::io::{self, Write};

use crate::document::Document;
use crate::layout::wrap;
use crate::search::find_in;

/// How a match is marked on a terminal: reverse video, and back.
const MARK: (&str, &str) = ("\x1b[7m", "\x1b[27m");

/// Writes `document` wrapped to `width` columns, paragraphs separated by a
/// blank line.
///
/// ```
/// use liseuse::document::Document;
/// use liseuse::plain::write_plain;
/// let doc = Document::from_bytes("x", b"le chat dort\n\nau soleil");
/// let mut out = Vec::new();
/// write_plain(&doc, 8, &mut out).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), "le chat\ndort\n\nau\nsoleil\n");
/// ```
pub fn write_plain(document: &Document, width: usize, out: &mut impl Write) -> io::Result<()> {
    // The gaps come from the same pass: asking the document for each one
    // would split every block a second time.
    for (index, (_, paragraph, gap)) in document.iter_with_gaps().enumerate() {
        if index > 0 && gap {
            out.write_all(b"\n")?;
        }
        for line in wrap(&paragraph, width) {
            out.write_all(paragraph.text[line].as_bytes())?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()
}

/// Writes the paragraphs of `document` that match `query`, wrapped to
/// `width` columns, separated by a blank line; with `mark`, each match is
/// shown in reverse video (for a terminal). Returns how many paragraphs
/// matched.
pub fn write_matching(
    document: &Document,
    width: usize,
    query: &str,
    mark: bool,
    out: &mut impl Write,
) -> io::Result<usize> {
    let mut written = 0;
    for (_, paragraph) in document.iter() {
        let matches = find_in(&paragraph.text, query);
        if matches.is_empty() {
            continue;
        }
        if written > 0 {
            out.write_all(b"\n")?;
        }
        written += 1;
        let bytes = paragraph.text.as_bytes();
        for line in wrap(&paragraph, width) {
            let mut at = line.start;
            let inside = matches
                .iter()
                .filter(|m| m.start < line.end && m.end > line.start);
            for found in inside {
                let (start, end) = (found.start.max(line.start), found.end.min(line.end));
                out.write_all(&bytes[at..start])?;
                if mark {
                    out.write_all(MARK.0.as_bytes())?;
                }
                out.write_all(&bytes[start..end])?;
                if mark {
                    out.write_all(MARK.1.as_bytes())?;
                }
                at = end;
            }
            out.write_all(&bytes[at..line.end])?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_matching_paragraphs_are_written_and_marked_on_request() {
        let doc = Document::from_bytes(
            "x",
            "Le cœur bat.\n\nRien ici.\n\nUn coeur de pierre.".as_bytes(),
        );
        let mut out = Vec::new();
        assert_eq!(
            write_matching(&doc, 70, "coeur", false, &mut out).unwrap(),
            2
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Le cœur bat.\n\nUn coeur de pierre.\n"
        );
        let mut out = Vec::new();
        write_matching(&doc, 70, "coeur", true, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.starts_with("Le \x1b[7mcœur\x1b[27m bat."), "{out:?}");
    }

    #[test]
    fn a_match_broken_by_wrapping_is_marked_on_both_lines() {
        let doc = Document::from_bytes("x", b"aaaa bbbb cccc");
        let mut out = Vec::new();
        write_matching(&doc, 9, "bbbb cccc", true, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "aaaa \x1b[7mbbbb\x1b[27m\n\x1b[7mcccc\x1b[27m\n"
        );
    }
}
