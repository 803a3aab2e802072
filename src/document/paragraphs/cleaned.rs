//! The lines of the block a [`Splitter`](super::Splitter) has just split,
//! cleaned once and kept, so that the paragraphs cut from them can be
//! given their text without decoding and sanitizing each line again.

use std::ops::Range;

use super::super::decode::decode_line;
use super::super::lines::{Cleaning, clean_decoded_into, line_from_bounded};

/// Lines cleaned one after the other, their texts in one buffer (kept
/// from block to block, so that splitting allocates little).
#[derive(Debug, Clone, Default)]
pub(super) struct CleanedLines {
    /// Each line's content in the source and its text in `texts`.
    lines: Vec<(Range<usize>, Range<usize>)>,
    /// The cleaned texts of all the lines, one after the other.
    texts: String,
}

impl CleanedLines {
    /// Replaces the lines with those of `src[range]`, cleaned `how`;
    /// returns how many escape sequences were removed.
    pub(super) fn clean(&mut self, src: &[u8], range: Range<usize>, how: Cleaning) -> usize {
        self.lines.clear();
        self.texts.clear();
        // One validation for the whole block instead of one per line; its
        // lines, cut at ASCII line ends, are then valid too.
        let whole = simdutf8::basic::from_utf8(&src[range.clone()]).ok();
        let mut hidden = 0;
        let mut cur = range.start;
        while let Some(line) = line_from_bounded(src, cur, range.end) {
            let start = self.texts.len();
            let valid =
                whole.and_then(|whole| whole.get(line.start - range.start..line.end - range.start));
            hidden += match valid {
                Some(text) => clean_decoded_into(text, how, &mut self.texts),
                None => {
                    let text = decode_line(&src[line.content()], how.decoding);
                    clean_decoded_into(&text, how, &mut self.texts)
                }
            };
            self.lines.push((line.content(), start..self.texts.len()));
            cur = line.next;
        }
        hidden
    }

    /// Drops the blank lines at the end, keeping at least one line.
    pub(super) fn drop_trailing_blanks(&mut self) {
        while self.lines.len() > 1 && self.text(self.lines.len() - 1).trim().is_empty() {
            self.lines.pop();
        }
    }

    /// The content of the last line in the source.
    pub(super) fn last_content(&self) -> Option<Range<usize>> {
        self.lines.last().map(|(content, _)| content.clone())
    }

    /// Each line's content in the source and its cleaned text, in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (Range<usize>, &str)> + '_ {
        (0..self.lines.len()).map(|index| (self.lines[index].0.clone(), self.text(index)))
    }

    /// The cleaned texts of the lines that make up exactly the bytes
    /// `span` (from the start of one line to the end of another's
    /// content), or `None` when these lines do not.
    pub(super) fn covering(&self, span: Range<usize>) -> Option<impl Iterator<Item = &str> + '_> {
        let lines = &self.lines;
        let first = lines.partition_point(|(content, _)| content.start < span.start);
        let count = lines[first..].partition_point(|(content, _)| content.start < span.end);
        let held = lines
            .get(first)
            .is_some_and(|(content, _)| content.start == span.start)
            && lines[first..first + count]
                .last()
                .is_some_and(|(content, _)| content.end == span.end);
        held.then(|| (first..first + count).map(|index| self.text(index)))
    }

    /// Line `index`'s cleaned text.
    fn text(&self, index: usize) -> &str {
        self.lines
            .get(index)
            .and_then(|(_, text)| self.texts.get(text.clone()))
            .unwrap_or("")
    }
}
