//! Splitting text into paragraphs the way a reader sees them, from any
//! point of a file.
//!
//! The rules, in order:
//!
//! 1. **Style of the document.** If 95 % of its non-blank lines are at most
//!    [`HARD_WRAP_LIMIT`] characters long, the text is *hard-wrapped*
//!    (Gutenberg style): its paragraphs are blocks separated by blank lines,
//!    and the lines of a block are joined into one flowing paragraph.
//!    Otherwise each line is a paragraph of its own (the style of the bundled
//!    article and of most web text). Texts over [`SAMPLE_WHOLE`] bytes are
//!    judged on a sample: their start and evenly spaced stretches.
//! 2. **Stray breaks.** In the one-line-per-paragraph style, a line that
//!    plainly continues the previous one — the previous line does not end a
//!    sentence and this one starts with a lower-case letter — is joined to
//!    it instead of starting a new paragraph.
//! 3. **Text laid out by hand keeps its shape.** A block of several lines is
//!    [`BlockKind::Preformatted`] — its lines kept, each wrapped on its own —
//!    when its lines after the first are indented differently from each
//!    other, when a line holds an alignment gap (three spaces or more inside
//!    it), a table rule (`|`, box drawing), or a list marker on two lines or
//!    more, or when more than a third of its lines but the last are short
//!    (under 60 % of the document's typical line length: verse, addresses,
//!    tables of contents, logs). In one-line-per-paragraph text, a block
//!    with a line longer than [`HARD_WRAP_LIMIT`] is never laid out. A single
//!    indented line keeps its indentation the same way. Fenced code blocks
//!    (```` ``` ```` or `~~~`) in the first [`FENCE_ZONE`] bytes are kept
//!    whole, blank lines included.
//! 4. **Giant blocks.** A block longer than [`BLOCK_LIMIT`] bytes (a file
//!    without blank lines, a line of a megabyte) is cut, at the first line
//!    start after each multiple of [`BLOCK_LIMIT`] in the file — or, inside a
//!    line longer than that, at the multiple itself — and each piece is
//!    treated as a block. A piece that starts inside a line
//!    ([`Span::continues`]) is drawn without a blank line before it.
//!
//! Joining uses one space; leading and trailing spaces of joined lines are
//! dropped. Blank lines only separate paragraphs; they never make one.
//!
//! Every rule looks at most a few blocks around a point, so the paragraphs
//! around any byte are found without reading what comes before:
//! [`restart_before`] finds where splitting can start, and a [`Splitter`]
//! yields the same paragraphs from there as a pass from the start would.

use std::collections::VecDeque;
use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem;

use super::lines::{Cleaning, clean, is_blank, is_page_break, line_from_bounded};
use super::structure::Table;
use super::{BlockKind, Paragraph};

mod cleaned;
mod fences;
mod restart;
mod style;

use cleaned::CleanedLines;
pub use fences::Fences;
use restart::cut_after;
pub use restart::{Restart, Span, restart_before};
pub use style::Style;

/// Lines at most this many characters long (at the 95th percentile) mark a
/// hard-wrapped text.
pub const HARD_WRAP_LIMIT: usize = 100;

/// Blocks longer than this many bytes are cut into pieces.
pub const BLOCK_LIMIT: usize = 64 * 1024;

/// Fenced code blocks are recognised in this many first bytes.
pub const FENCE_ZONE: usize = 64 * 1024;

/// Texts up to this many bytes are judged whole for their style.
pub const SAMPLE_WHOLE: usize = 64 * 1024;

/// Paragraphs in order from a [`Restart`] point to the end of the text.
#[derive(Debug, Clone)]
pub struct Splitter<'a> {
    src: &'a [u8],
    base: usize,
    style: Style,
    fences: &'a Fences,
    how: Cleaning,
    hidden: usize,
    pos: usize,
    giant: bool,
    region_end: Option<usize>,
    pending: VecDeque<Span>,
    /// The blocks of a structured document, taken as they stand instead
    /// of split from lines.
    table: Option<&'a Table>,
    /// The lines of the last block split, cleaned.
    lines: CleanedLines,
}

impl<'a> Splitter<'a> {
    /// Splits `src` (whose text starts at `base`, its lines cleaned `how`)
    /// from `restart`.
    pub fn new(
        src: &'a [u8],
        base: usize,
        style: Style,
        fences: &'a Fences,
        how: Cleaning,
        restart: Restart,
    ) -> Splitter<'a> {
        Splitter {
            src,
            base,
            style,
            fences,
            how,
            hidden: 0,
            pos: restart.pos.max(base),
            giant: restart.giant,
            region_end: None,
            pending: VecDeque::new(),
            table: None,
            lines: CleanedLines::default(),
        }
    }

    /// Takes the blocks of `table` in order from `restart`, instead of
    /// splitting lines.
    pub fn over_table(mut self, table: &'a Table) -> Splitter<'a> {
        self.table = Some(table);
        self
    }

    /// Escape sequences removed from the lines split so far.
    pub fn hidden(&self) -> usize {
        self.hidden
    }

    /// Paragraphs already split and not yet yielded.
    pub fn buffered(&self) -> usize {
        self.pending.len()
    }

    /// The paragraphs of the next block (or piece of a giant block), with
    /// the point they were split from; `None` at the end. The point is
    /// `None` inside a giant fenced block, where splitting cannot restart.
    pub fn next_block(&mut self) -> Option<(Option<Restart>, Vec<Span>)> {
        if let Some(table) = self.table {
            let span = table.span_from(self.pos)?;
            self.pos = span.end.max(span.start + 1);
            let restart = Restart {
                pos: span.start,
                giant: false,
            };
            return Some((Some(restart), vec![span]));
        }
        let src = self.src;
        if let Some(end) = self.region_end {
            let cell_end = cut_after(src, self.pos).min(end);
            let spans = self.cell(self.pos..cell_end, true);
            self.pos = cell_end;
            if cell_end >= end {
                self.region_end = None;
                self.giant = false;
            }
            return Some((None, spans));
        }
        loop {
            let line = line_from_bounded(src, self.pos, self.pos.saturating_add(BLOCK_LIMIT))?;
            if !is_blank(&src[line.content()], self.how) {
                break;
            }
            self.pos = line.next;
            self.giant = false;
        }
        let restart = Restart {
            pos: self.pos,
            giant: self.giant,
        };
        if let Some(region) = self.fences.starting_at(self.pos) {
            let cell_end = if region.end - self.pos > BLOCK_LIMIT {
                self.region_end = Some(region.end);
                self.giant = true;
                cut_after(src, self.pos)
            } else {
                region.end
            };
            let spans = self.cell(self.pos..cell_end, true);
            self.pos = cell_end;
            return Some((Some(restart), spans));
        }
        if let Some(line) = line_from_bounded(src, self.pos, self.pos.saturating_add(BLOCK_LIMIT))
            && is_page_break(&src[line.content()])
        {
            let spans = self.cell(self.pos..line.next, true);
            self.pos = line.next;
            self.giant = false;
            return Some((Some(restart), spans));
        }
        let cell_end = loop {
            let limit = if self.giant {
                cut_after(src, self.pos)
            } else {
                self.pos.saturating_add(BLOCK_LIMIT + 1)
            };
            match self.block_end(limit) {
                Some(end) => {
                    self.giant = false;
                    break end;
                }
                None if self.giant => break limit.min(src.len()),
                None => self.giant = true,
            }
        };
        let spans = self.cell(self.pos..cell_end, false);
        self.pos = cell_end;
        Some((Some(restart), spans))
    }

    /// Where the block from `self.pos` ends (the start of the blank line or
    /// fence after it, or the end of the text), if before `limit`.
    fn block_end(&self, limit: usize) -> Option<usize> {
        let src = self.src;
        let mut cur = self.pos;
        let mut first = true;
        while cur < limit {
            let Some(line) = line_from_bounded(src, cur, limit) else {
                return Some(src.len());
            };
            let content = &src[line.content()];
            if !first
                && (is_blank(content, self.how)
                    || is_page_break(content)
                    || self.fences.starting_at(line.start).is_some())
            {
                return Some(line.start);
            }
            first = false;
            cur = line.next;
        }
        (cur >= src.len()).then_some(src.len())
    }

    /// The paragraphs of one block or piece.
    fn cell(&mut self, range: Range<usize>, fenced: bool) -> Vec<Span> {
        let src = self.src;
        let continues = range.start > self.base && !matches!(src[range.start - 1], b'\n' | b'\r');
        self.hidden += self.lines.clean(src, range.clone(), self.how);
        self.lines.drop_trailing_blanks();
        let Some(last) = self.lines.last_content() else {
            return Vec::new();
        };
        let whole = |kind| Span {
            start: range.start,
            end: last.end,
            kind,
            continues,
        };
        let texts: Vec<&str> = self.lines.iter().map(|(_, text)| text).collect();
        if fenced || is_laid_out(&texts, self.style.typical, self.style.hard_wrapped) {
            return vec![whole(BlockKind::Preformatted)];
        }
        if self.style.hard_wrapped {
            return vec![whole(BlockKind::Prose)];
        }
        let mut spans: Vec<Span> = Vec::new();
        let mut previous: Option<&str> = None;
        for (content, text) in self.lines.iter() {
            let text = text.trim();
            match (previous, spans.last_mut()) {
                (Some(prev), Some(span)) if continues_sentence(prev, text) => {
                    span.end = content.end
                }
                _ => spans.push(Span {
                    start: content.start,
                    end: content.end,
                    kind: BlockKind::Prose,
                    continues: spans.is_empty() && continues,
                }),
            }
            previous = Some(text);
        }
        spans
    }

    /// Puts in `out` the text of the paragraph at `span`, as [`build`]
    /// makes it, from the lines of the last block split, cleaned already;
    /// returns `false` (leaving `out` as it was) when they do not hold it
    /// (nor ever do for a structured document).
    pub fn text_of(&self, span: &Span, out: &mut String) -> bool {
        if self.table.is_some() || span.start >= span.end {
            return false;
        }
        let Some(texts) = self.lines.covering(span.start..span.end) else {
            return false;
        };
        out.clear();
        for (index, text) in texts.enumerate() {
            push_line(out, text, span.kind, index == 0);
        }
        true
    }
}

impl Iterator for Splitter<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        loop {
            if let Some(span) = self.pending.pop_front() {
                return Some(span);
            }
            let (_, spans) = self.next_block()?;
            self.pending.extend(spans);
        }
    }
}

/// The text of the paragraph at `span`: its lines decoded, sanitized, and
/// joined (prose) or kept (preformatted).
pub fn build(src: &[u8], span: &Span, how: Cleaning) -> Paragraph {
    let mut text = String::new();
    let mut cur = span.start;
    while let Some(line) = line_from_bounded(src, cur, span.end) {
        let clean = clean(&src[line.content()], how);
        push_line(&mut text, &clean, span.kind, cur == span.start);
        cur = line.next;
    }
    Paragraph {
        text,
        kind: span.kind,
        ..Paragraph::default()
    }
}

/// Appends one cleaned line to the text of a paragraph of `kind`: joined
/// to the lines before by a space (prose) or kept on its own (preformatted).
fn push_line(text: &mut String, clean: &str, kind: BlockKind, first: bool) {
    match kind {
        BlockKind::Prose => {
            let clean = clean.trim();
            if !text.is_empty() && !clean.is_empty() {
                text.push(' ');
            }
            text.push_str(clean);
        }
        BlockKind::Preformatted => {
            if !first {
                text.push('\n');
            }
            text.push_str(clean);
        }
    }
}

/// Splits a whole text into paragraphs.
///
/// ```
/// use liseuse::document::paragraphs::split;
/// let paragraphs = split("One line\nwrapped by hand.\n\nAnother one.\n");
/// assert_eq!(paragraphs.len(), 2);
/// assert_eq!(paragraphs[0].text, "One line wrapped by hand.");
/// ```
pub fn split(text: &str) -> Vec<Paragraph> {
    let src = text.as_bytes();
    let how = Cleaning::default();
    let style = Style::detect(src, 0, how);
    let fences = Fences::find(src, 0);
    let start = Restart {
        pos: 0,
        giant: false,
    };
    Splitter::new(src, 0, style, &fences, how, start)
        .map(|span| build(src, &span, how))
        .collect()
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_laid_out(lines: &[&str], typical: usize, hard_wrapped: bool) -> bool {
    if lines.len() == 1 {
        let length = lines[0].chars().count();
        // Indented, or set out in columns (a page's running footer).
        return (indentation(lines[0]) >= 2 && length <= typical.min(HARD_WRAP_LIMIT))
            || (has_alignment(lines[0]) && length <= HARD_WRAP_LIMIT);
    }
    if !hard_wrapped && lines.iter().any(|l| l.chars().count() > HARD_WRAP_LIMIT) {
        return false;
    }
    let rest_indent_varies = lines[1..]
        .windows(2)
        .any(|w| indentation(w[0]) != indentation(w[1]));
    let aligned = lines.iter().any(|l| has_alignment(l));
    let listed = lines.iter().filter(|l| starts_with_list_marker(l)).count() >= 2;
    let body = &lines[..lines.len() - 1];
    let short = body
        .iter()
        .filter(|l| l.chars().count() * 10 < typical * 6)
        .count();
    let ragged = short * 3 > body.len();
    rest_indent_varies || aligned || listed || ragged
}

fn has_alignment(line: &str) -> bool {
    /// Three spaces, looked for with a searcher built once.
    static THREE_SPACES: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new(b"   "));
    let body = line.trim();
    let bytes = body.as_bytes();
    body.starts_with('|')
        || THREE_SPACES.find(bytes).is_some()
        // Box drawing, U+2500 to U+257F: E2 94 xx and E2 95 xx in UTF-8.
        || memchr::memchr_iter(0xE2, bytes)
            .any(|at| matches!(bytes.get(at + 1), Some(0x94 | 0x95)))
}

fn starts_with_list_marker(line: &str) -> bool {
    let body = line.trim_start();
    if ["- ", "* ", "+ ", "• "].iter().any(|m| body.starts_with(m)) {
        return true;
    }
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && (body[digits..].starts_with(". ") || body[digits..].starts_with(") "))
}

/// Whether `line` plainly continues `previous`: the previous line does not
/// end a sentence and this one starts with a lower-case letter.
fn continues_sentence(previous: &str, line: &str) -> bool {
    let ends_sentence = previous
        .chars()
        .last()
        .is_some_and(|c| ".!?…:;»\"”’)]".contains(c));
    let starts_lower = line.chars().next().is_some_and(char::is_lowercase);
    !ends_sentence && starts_lower
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alignment_is_three_spaces_a_bar_or_box_drawing() {
        // The definition, character by character.
        let reference = |line: &str| {
            let body = line.trim();
            body.contains("   ")
                || body.starts_with('|')
                || body.chars().any(|c| ('\u{2500}'..='\u{257f}').contains(&c))
        };
        let lines = [
            "plain prose",
            "a   b",
            "a  b",
            "  a  b  ",
            "   lead",
            "trail   ",
            "| cell",
            "a | b",
            "┌──┐",
            "x ╿ y",
            "x ─",
            "€ – — ‘’ “” …",
            "\u{24FF}\u{2580}",
            "é   è",
            "a\u{a0}\u{a0}\u{a0}b",
            "\u{2500}",
            "\u{257F}",
            "\u{2580}\u{24ff}",
            "",
        ];
        for line in lines {
            assert_eq!(has_alignment(line), reference(line), "{line:?}");
        }
    }

    fn texts(text: &str) -> Vec<String> {
        split(text).into_iter().map(|p| p.text).collect()
    }

    fn kinds(text: &str) -> Vec<BlockKind> {
        split(text).into_iter().map(|p| p.kind).collect()
    }

    #[test]
    fn a_line_set_out_in_columns_keeps_its_spacing() {
        let text = "Some prose, wrapped\nby hand.\n\nBerners-Lee, et al.         Standards Track         [Page 1]\n\nMore prose.\n";
        let kinds: Vec<BlockKind> = split(text).iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [BlockKind::Prose, BlockKind::Preformatted, BlockKind::Prose]
        );
    }

    #[test]
    fn blank_line_blocks_are_joined_into_flowing_paragraphs() {
        let text = "It was the best of times, it was the worst\nof times, it was the age of wisdom.\n\nThere were a king with a large jaw\nand a queen with a plain face.\n";
        assert_eq!(
            texts(text),
            [
                "It was the best of times, it was the worst of times, it was the age of wisdom.",
                "There were a king with a large jaw and a queen with a plain face."
            ]
        );
        assert_eq!(kinds(text), [BlockKind::Prose, BlockKind::Prose]);
    }

    #[test]
    fn several_blank_lines_separate_once() {
        assert_eq!(texts("a\n\n\n\n   \nb"), ["a", "b"]);
    }

    #[test]
    fn long_lines_without_blank_lines_are_one_paragraph_each() {
        let a = "A".repeat(150) + ".";
        let b = "B".repeat(150) + ".";
        let text = format!("{a}\n{b}\n");
        assert_eq!(texts(&text), [a, b]);
    }

    #[test]
    fn a_stray_break_inside_a_sentence_is_joined() {
        let first = format!("{} des deux", "Mots ".repeat(40));
        let text = format!("{first}\npays.\n{}\n", "Suite. ".repeat(30));
        let paragraphs = texts(&text);
        assert_eq!(paragraphs.len(), 2);
        assert_eq!(paragraphs[0], format!("{first} pays."));
    }

    #[test]
    fn a_new_sentence_after_an_unfinished_line_is_not_joined() {
        let first = format!("{} une lettre du", "Mots ".repeat(40));
        let text = format!(
            "{first}\nLa visite de Choïgou à Pyongyang.\n{}\n",
            "x ".repeat(80)
        );
        assert_eq!(texts(&text)[0], first);
    }

    #[test]
    fn indented_table_of_contents_keeps_its_lines() {
        let prose =
            "This is ordinary prose that fills most of a line, as a book does.\n".repeat(20);
        let toc = "    CHAPTER I\n    CHAPTER II\n    CHAPTER III\n";
        let text = format!("{prose}\n{toc}");
        let paragraphs = split(&text);
        let last = paragraphs.last().unwrap();
        assert_eq!(last.kind, BlockKind::Preformatted);
        assert_eq!(last.text, toc.trim_end());
    }

    #[test]
    fn verse_keeps_its_lines() {
        let prose =
            "This is ordinary prose that fills most of a line, as a book does.\n".repeat(20);
        let poem = "Demain, dès l'aube,\nà l'heure où blanchit la campagne,\nJe partirai.\n";
        let text = format!("{prose}\n{poem}");
        let last = split(&text).pop().unwrap();
        assert_eq!(last.kind, BlockKind::Preformatted);
        assert_eq!(last.text.lines().count(), 3);
    }

    #[test]
    fn tables_and_lists_keep_their_lines() {
        let table = "| a | b |\n|---|---|\n| 1 | 2 |";
        assert_eq!(kinds(table), [BlockKind::Preformatted]);
        let aligned = "name      value that is long enough to look like prose here\nother     value that is long enough to look like prose here";
        assert_eq!(kinds(aligned), [BlockKind::Preformatted]);
        let list = "- first item that is long enough to be a line of prose text\n- second item that is long enough to be a line of prose text";
        assert_eq!(kinds(list), [BlockKind::Preformatted]);
    }

    #[test]
    fn ragged_lines_like_a_log_keep_their_shape() {
        let prose =
            "This is ordinary prose that fills most of a line, as a book does.\n".repeat(20);
        let log = "$ cargo build\n   Compiling foo v0.1.0 (/build/foo) and a long tail of text here\nok\nerror: linking failed for the target x86_64-unknown-linux-gnu today\ndone\n";
        let text = format!("{prose}\n{log}");
        let last = split(&text).pop().unwrap();
        assert_eq!(last.kind, BlockKind::Preformatted);
        assert_eq!(last.text.lines().count(), 5);
    }

    #[test]
    fn fenced_code_is_kept_whole_with_its_blank_lines() {
        let text = "Intro.\n\n```\nfn main() {\n\n    x();\n}\n```\n\nOutro.";
        let paragraphs = split(text);
        assert_eq!(paragraphs.len(), 3);
        assert_eq!(paragraphs[1].text, "```\nfn main() {\n\n    x();\n}\n```");
        assert_eq!(paragraphs[1].kind, BlockKind::Preformatted);
    }

    #[test]
    fn a_first_line_indent_is_still_prose() {
        let text = "    It was a dark and stormy night; the rain fell in torrents,\nexcept at occasional intervals, when it was checked by a\nviolent gust of wind which swept up the streets.";
        assert_eq!(kinds(text), [BlockKind::Prose]);
    }

    #[test]
    fn empty_text_has_no_paragraphs() {
        assert!(split("").is_empty());
        assert!(split("\n\n  \n").is_empty());
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::super::decode::Decoding;
    use super::*;

    /// Pieces of text that splitting and cleaning treat apart: words,
    /// line ends of every kind, blank lines, indents, tabs, escapes,
    /// controls, fences, page breaks and bytes that are not UTF-8.
    fn piece() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            "[a-zé.,]{1,8}".prop_map(String::into_bytes),
            Just(b" ".to_vec()),
            Just(b"\n".to_vec()),
            Just(b"\r\n".to_vec()),
            Just(b"\r".to_vec()),
            Just(b"\n\n".to_vec()),
            Just(b"    ".to_vec()),
            Just(b"\t".to_vec()),
            Just(b"\x1b[31m".to_vec()),
            Just(b"\x1b]0;t\x07".to_vec()),
            Just(b"\xc2\x85".to_vec()),
            Just(b"\n```\n".to_vec()),
            Just(b"\n\x0c\n".to_vec()),
            Just(b"\xe9".to_vec()),
            Just(b"\xff\xfe".to_vec()),
            Just("  \u{2003}".as_bytes().to_vec()),
        ]
    }

    proptest! {
        #[test]
        fn the_lines_kept_give_each_paragraph_its_built_text(
            pieces in proptest::collection::vec(piece(), 0..80),
            windows_1252 in any::<bool>(),
            show_escapes in any::<bool>(),
        ) {
            let src = pieces.concat();
            let how = Cleaning {
                decoding: if windows_1252 { Decoding::Utf8OrWindows1252 } else { Decoding::Utf8 },
                show_escapes,
            };
            let style = Style::detect(&src, 0, how);
            let fences = Fences::find(&src, 0);
            let start = Restart { pos: 0, giant: false };
            let mut splitter = Splitter::new(&src, 0, style, &fences, how, start);
            while let Some(span) = splitter.next() {
                let mut kept = String::from("stale");
                if splitter.text_of(&span, &mut kept) {
                    prop_assert_eq!(kept, build(&src, &span, how).text);
                } else {
                    prop_assert!(span.start >= span.end, "{span:?} not held");
                }
            }
        }
    }
}
