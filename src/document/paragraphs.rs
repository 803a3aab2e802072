//! Splitting sanitized text into paragraphs the way a reader sees them.
//!
//! The rules, in order:
//!
//! 1. **Style of the document.** If 95 % of its non-blank lines are at most
//!    [`HARD_WRAP_LIMIT`] characters long, the text is *hard-wrapped*
//!    (Gutenberg style): its paragraphs are blocks separated by blank lines,
//!    and the lines of a block are joined into one flowing paragraph.
//!    Otherwise each line is a paragraph of its own (the style of the bundled
//!    article and of most web text).
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
//!    (```` ``` ```` or `~~~`) are kept whole, blank lines included.
//!
//! Joining uses one space; leading and trailing spaces of joined lines are
//! dropped. Blank lines only separate paragraphs; they never make one.

use super::{BlockKind, Paragraph};

/// Lines at most this many characters long (at the 95th percentile) mark a
/// hard-wrapped text.
pub const HARD_WRAP_LIMIT: usize = 100;

/// Splits sanitized text (lines ended by `\n`) into paragraphs.
///
/// ```
/// use liseuse::document::paragraphs::split;
/// let paragraphs = split("One line\nwrapped by hand.\n\nAnother one.\n");
/// assert_eq!(paragraphs.len(), 2);
/// assert_eq!(paragraphs[0].text, "One line wrapped by hand.");
/// ```
pub fn split(text: &str) -> Vec<Paragraph> {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let typical = typical_line_length(&lines);
    let hard_wrapped = typical <= HARD_WRAP_LIMIT;
    let mut paragraphs = Vec::new();
    for block in blocks(&lines) {
        match block {
            Block::Fenced(lines) => paragraphs.push(preformatted(lines)),
            Block::Lines(lines) if is_laid_out(lines, typical, hard_wrapped) => {
                paragraphs.push(preformatted(lines));
            }
            Block::Lines(lines) if hard_wrapped => paragraphs.push(joined(lines)),
            Block::Lines(lines) => split_lines(lines, &mut paragraphs),
        }
    }
    paragraphs
}

/// A run of lines between blank lines, or a fenced code block.
enum Block<'a> {
    Lines(&'a [&'a str]),
    Fenced(&'a [&'a str]),
}

fn blocks<'a>(lines: &'a [&'a str]) -> Vec<Block<'a>> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let start = i;
        if let Some(fence) = fence_of(lines[i]) {
            i += 1;
            while i < lines.len() && !lines[i].trim_start().starts_with(fence) {
                i += 1;
            }
            i = (i + 1).min(lines.len());
            blocks.push(Block::Fenced(&lines[start..i]));
            continue;
        }
        while i < lines.len() && !lines[i].trim().is_empty() && fence_of(lines[i]).is_none() {
            i += 1;
        }
        blocks.push(Block::Lines(&lines[start..i]));
    }
    blocks
}

fn fence_of(line: &str) -> Option<&'static str> {
    let line = line.trim_start();
    ["```", "~~~"].into_iter().find(|f| line.starts_with(f))
}

/// The line length (in characters) that 95 % of non-blank lines stay within.
fn typical_line_length(lines: &[&str]) -> usize {
    let mut lengths: Vec<usize> = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.chars().count())
        .collect();
    if lengths.is_empty() {
        return 0;
    }
    lengths.sort_unstable();
    lengths[(lengths.len() - 1) * 95 / 100]
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_laid_out(lines: &[&str], typical: usize, hard_wrapped: bool) -> bool {
    if lines.len() == 1 {
        return indentation(lines[0]) >= 2
            && lines[0].chars().count() <= typical.min(HARD_WRAP_LIMIT);
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
    let body = line.trim();
    body.contains("   ")
        || body.starts_with('|')
        || body.chars().any(|c| ('\u{2500}'..='\u{257f}').contains(&c))
}

fn starts_with_list_marker(line: &str) -> bool {
    let body = line.trim_start();
    if ["- ", "* ", "+ ", "• "].iter().any(|m| body.starts_with(m)) {
        return true;
    }
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && (body[digits..].starts_with(". ") || body[digits..].starts_with(") "))
}

fn preformatted(lines: &[&str]) -> Paragraph {
    Paragraph {
        text: lines.join("\n"),
        kind: BlockKind::Preformatted,
    }
}

fn joined(lines: &[&str]) -> Paragraph {
    let mut text = String::new();
    for line in lines {
        let line = line.trim();
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(line);
    }
    Paragraph {
        text,
        kind: BlockKind::Prose,
    }
}

fn split_lines(lines: &[&str], paragraphs: &mut Vec<Paragraph>) {
    let mut previous: Option<&str> = None;
    for line in lines {
        let line = line.trim();
        match (previous, paragraphs.last_mut()) {
            (Some(prev), Some(last)) if continues(prev, line) => {
                last.text.push(' ');
                last.text.push_str(line);
            }
            _ => paragraphs.push(Paragraph {
                text: line.to_owned(),
                kind: BlockKind::Prose,
            }),
        }
        previous = Some(line);
    }
}

/// Whether `line` plainly continues `previous`: the previous line does not
/// end a sentence and this one starts with a lower-case letter.
fn continues(previous: &str, line: &str) -> bool {
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

    fn texts(text: &str) -> Vec<String> {
        split(text).into_iter().map(|p| p.text).collect()
    }

    fn kinds(text: &str) -> Vec<BlockKind> {
        split(text).into_iter().map(|p| p.kind).collect()
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
