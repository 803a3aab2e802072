//! The style of a document: hard-wrapped or a paragraph a line, judged on
//! a sample, and the typical length of its lines.

use std::ops::Range;

use memchr::memchr2;

use super::{HARD_WRAP_LIMIT, SAMPLE_WHOLE};
use crate::document::lines::{Cleaning, clean, line_from_bounded};
use crate::document::sanitize::visible_control;

/// How the document's lines make paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// The line length, in characters, that 95 % of non-blank lines stay
    /// within.
    pub typical: usize,
    /// Whether blocks of lines are joined (else each line is a paragraph).
    pub hard_wrapped: bool,
}

impl Style {
    /// Judges the text of `src` from byte `base` on, its lines cleaned
    /// `how`.
    pub fn detect(src: &[u8], base: usize, how: Cleaning) -> Style {
        let mut lengths = Vec::new();
        let mut measure = |range: Range<usize>| {
            let mut pos = range.start;
            while let Some(line) = line_from_bounded(src, pos, range.end) {
                if let Some(length) = visible_length(&src[line.content()], how) {
                    lengths.push(length);
                }
                pos = line.next;
            }
        };
        let len = src.len().saturating_sub(base);
        if len <= SAMPLE_WHOLE {
            measure(base..src.len());
        } else {
            const WINDOWS: usize = 8;
            // The start, and a kilobyte in each ninth: enough lines to judge.
            let window = 1024;
            measure(base..base + SAMPLE_WHOLE / 8);
            for i in 1..=WINDOWS {
                let at = base + len / (WINDOWS + 1) * i;
                // Whole lines only: from the first line start in the window.
                let start = memchr2(b'\n', b'\r', &src[at..at + window]).map(|i| at + i + 1);
                if let Some(start) = start {
                    let end = memchr::memrchr2(b'\n', b'\r', &src[start..at + window])
                        .map_or(start, |i| start + i);
                    measure(start..end);
                }
            }
        }
        let typical = typical_length(lengths);
        Style {
            typical,
            hard_wrapped: typical <= HARD_WRAP_LIMIT,
        }
    }
}

/// The length in characters of a line as the reader shows it (decoded,
/// sanitized, trailing white space dropped), or `None` when it is blank;
/// [`clean`] without building the line.
fn visible_length(bytes: &[u8], how: Cleaning) -> Option<usize> {
    if !how.show_escapes && bytes.contains(&0x1b) {
        let text = clean(bytes, how);
        return (!text.trim().is_empty()).then(|| text.chars().count());
    }
    let text = crate::document::decode::decode_line(bytes, how.decoding);
    let stays_space = |c: char| c == '\t' || (c.is_whitespace() && visible_control(c).is_none());
    let shown = text.trim_end_matches(stays_space);
    if shown.trim_start_matches(stays_space).is_empty() {
        return None;
    }
    if shown.contains('\t') {
        Some(clean(shown.as_bytes(), how).chars().count())
    } else {
        Some(shown.chars().count())
    }
}

/// The length that 95 % of `lengths` stay within.
fn typical_length(mut lengths: Vec<usize>) -> usize {
    if lengths.is_empty() {
        return 0;
    }
    lengths.sort_unstable();
    lengths[(lengths.len() - 1) * 95 / 100]
}
