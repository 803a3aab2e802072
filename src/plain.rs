//! Plain output: the laid-out column as text, for pipelines.
//!
//! It uses the same [`crate::layout::wrap`] and [`crate::layout::display`]
//! as the screen, so what is printed is what the reader shows, line for
//! line (hyphens, justification and indents included), without margins or
//! styles.

use std::io::{self, Write};
use std::ops::Range;

use crate::document::block::Role;
use crate::document::{BlockKind, Document, Paragraph};
use crate::layout::decor::decor;
use crate::layout::display::{Run, runs};
use crate::layout::{INDENT, Line, Typesetting, wrap_indented};
use crate::search::find_in;

/// The widest a thematic break is drawn.
const RULE_WIDTH: usize = 40;

/// How a match is marked on a terminal: reverse video, and back.
const MARK: (&str, &str) = ("\x1b[7m", "\x1b[27m");

/// How plain output is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Format {
    /// The width of the column.
    pub width: usize,
    /// What decides the breaks.
    pub setting: Typesetting,
    /// Whether lines are justified.
    pub justify: bool,
}

impl Format {
    /// Lines `width` wide, without typography.
    pub fn plain(width: usize) -> Format {
        Format {
            width,
            setting: Typesetting::default(),
            justify: false,
        }
    }
}

/// Writes `document` laid out as `format` says, paragraphs separated by a
/// blank line (or, in indent mode, prose paragraphs by their indent).
///
/// ```
/// use liseuse::document::Document;
/// use liseuse::plain::{Format, write_plain};
/// let doc = Document::from_bytes("x", b"le chat dort\n\nau soleil");
/// let mut out = Vec::new();
/// write_plain(&doc, &Format::plain(8), &mut out).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), "le chat\ndort\n\nau\nsoleil\n");
/// ```
pub fn write_plain(document: &Document, format: &Format, out: &mut impl Write) -> io::Result<()> {
    // The gaps come from the same pass: asking the document for each one
    // would split every block a second time.
    let mut previous: Option<BlockKind> = None;
    for (index, (_, paragraph, gap)) in document.iter_with_gaps().enumerate() {
        let indented = format.setting.indent
            && gap
            && paragraph.kind == BlockKind::Prose
            && previous == Some(BlockKind::Prose);
        if index > 0 && gap && !indented {
            out.write_all(b"\n")?;
        }
        previous = Some(paragraph.kind);
        let indent = if indented { INDENT } else { 0 };
        write_paragraph(&paragraph, format, indent, &[], false, out)?;
    }
    out.flush()
}

/// Writes `paragraph`'s lines, each after its decoration (quote bars, the
/// list's marker); a thematic break as a rule.
fn write_paragraph(
    paragraph: &Paragraph,
    format: &Format,
    indent: usize,
    marked: &[Range<usize>],
    mark: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    let decoration = decor(paragraph, format.width);
    let width = format.width - decoration.width;
    if paragraph.role == Role::Rule {
        let rule = "─".repeat(width.min(RULE_WIDTH));
        return writeln!(out, "{}{rule}", decoration.bars);
    }
    let inner = Format { width, ..*format };
    let lines = wrap_indented(paragraph, width, &format.setting, indent);
    for (index, line) in lines.iter().enumerate() {
        if !decoration.is_empty() {
            let lead = format!("{}{}", decoration.bars, decoration.lead(index));
            // No trailing blanks on a line with no text.
            let lead = if line.range.is_empty() {
                lead.trim_end()
            } else {
                &lead
            };
            out.write_all(lead.as_bytes())?;
        }
        write_line(paragraph, line, &inner, marked, mark, out)?;
    }
    Ok(())
}

/// Writes one line as drawn, the parts of it inside `marked` ranges in
/// reverse video when `mark` is on.
fn write_line(
    paragraph: &Paragraph,
    line: &Line,
    format: &Format,
    marked: &[Range<usize>],
    mark: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    let text = paragraph.text.as_str();
    let inside = |at: usize| marked.iter().any(|m| m.start <= at && at < m.end);
    let mut marking = false;
    let mut toggle = |on: bool, out: &mut dyn Write| -> io::Result<()> {
        if mark && on != marking {
            out.write_all(if on { MARK.0 } else { MARK.1 }.as_bytes())?;
            marking = on;
        }
        Ok(())
    };
    let mut last = line.range.start;
    for run in runs(
        text,
        line,
        format.width,
        format.justify,
        format.setting.language,
    ) {
        match run {
            Run::Indent(columns) => write!(out, "{:columns$}", "")?,
            Run::Space(range, columns) => {
                // A gap inside a match is marked with it.
                let on = inside(range.start) && range.start > 0 && inside(range.start - 1);
                toggle(on, out)?;
                write!(out, "{:columns$}", "")?;
                last = range.end;
            }
            Run::Text(range) => {
                let mut at = range.start;
                while at < range.end {
                    let on = inside(at);
                    let end = marked
                        .iter()
                        .flat_map(|m| [m.start, m.end])
                        .filter(|&b| b > at && b < range.end)
                        .min()
                        .unwrap_or(range.end);
                    toggle(on, out)?;
                    out.write_all(&text.as_bytes()[at..end])?;
                    at = end;
                }
                last = range.end;
            }
            Run::Hyphen => {
                toggle(last > 0 && inside(last - 1) && inside(last), out)?;
                out.write_all(b"-")?;
            }
        }
    }
    toggle(false, out)?;
    out.write_all(b"\n")
}

/// Writes the paragraphs of `document` that match `query`, laid out as
/// `format` says, separated by a blank line; with `mark`, each match is
/// shown in reverse video (for a terminal). Returns how many paragraphs
/// matched.
pub fn write_matching(
    document: &Document,
    format: &Format,
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
        write_paragraph(&paragraph, format, 0, &matches, mark, out)?;
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
            write_matching(&doc, &Format::plain(70), "coeur", false, &mut out).unwrap(),
            2
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Le cœur bat.\n\nUn coeur de pierre.\n"
        );
        let mut out = Vec::new();
        write_matching(&doc, &Format::plain(70), "coeur", true, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.starts_with("Le \x1b[7mcœur\x1b[27m bat."), "{out:?}");
    }

    #[test]
    fn a_match_broken_by_wrapping_is_marked_on_both_lines() {
        let doc = Document::from_bytes("x", b"aaaa bbbb cccc");
        let mut out = Vec::new();
        write_matching(&doc, &Format::plain(9), "bbbb cccc", true, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "aaaa \x1b[7mbbbb\x1b[27m\n\x1b[7mcccc\x1b[27m\n"
        );
    }

    #[test]
    fn indent_mode_marks_prose_paragraphs_by_an_indent_not_a_blank_line() {
        let doc = Document::from_bytes("x", b"un deux\n\ntrois quatre\n\ncinq six");
        let format = Format {
            width: 20,
            setting: Typesetting {
                indent: true,
                ..Typesetting::default()
            },
            justify: false,
        };
        let mut out = Vec::new();
        write_plain(&doc, &format, &mut out).unwrap();
        // The first paragraph is not indented, as in books.
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "un deux\n   trois quatre\n   cinq six\n"
        );
    }
}
