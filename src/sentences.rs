//! Where sentences begin and end in a paragraph, in French and English.
//!
//! A sentence ends at `.`, `!`, `?`, `…` (or `...`), followed by any
//! closing quotes or brackets, then a space, when the next word starts as a
//! sentence does (a capital, a digit, an opening quote or dash). A full stop
//! after a known abbreviation (`M.`, `Mr.`, `Mme.`, `Dr.`, `etc.` is not
//! one: it may end a sentence) or after a single letter (an initial, as in
//! `J. R. R. Tolkien`) does not end the sentence. French spacing — a
//! no-break space before `!`, `?`, `»` — is taken as it comes.
//!
//! Invariant: the ranges returned cover the text's non-blank parts in
//! order, without overlap, each starting and ending on a character
//! boundary, without surrounding white space.

use std::ops::Range;

/// Words after which a full stop does not end a sentence (compared
/// without case).
const ABBREVIATIONS: &[&str] = &[
    "m", "mm", "mr", "mrs", "ms", "mme", "mmes", "mlle", "mlles", "dr", "pr", "prof", "st", "ste",
    "sr", "jr", "me", "mgr", "vs", "cf", "ch", "chap", "p", "pp", "vol", "no", "n°", "art", "fig",
    "éd", "ed", "op", "cit", "ibid", "env", "av", "apr", "j.-c", "gen", "gén", "col", "capt", "lt",
    "sgt", "hon", "rev", "mt", "e.g", "i.e", "c.-à-d", "ex",
];

/// Characters that may close a sentence after its final punctuation.
fn closes(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '»' | '”' | '’' | ')' | ']' | '›' | '\u{a0}' | '\u{202f}'
    )
}

/// Whether `c` can start a sentence.
fn opens(c: char) -> bool {
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(
            c,
            '«' | '"' | '“' | '‘' | '\'' | '(' | '[' | '—' | '–' | '-' | '¿' | '¡' | '‹'
        )
}

/// The word that ends just before byte `end` of `text` (letters, digits,
/// dots inside it, `-` and `°`).
fn word_before(text: &str, end: usize) -> &str {
    let start = text[..end]
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.' || c == '-' || c == '°'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &text[start..end]
}

/// Whether the full stop at byte `dot` of `text` follows an abbreviation
/// or an initial.
fn is_abbreviation(text: &str, dot: usize) -> bool {
    let word = word_before(text, dot);
    let mut letters = word.chars();
    let single = matches!((letters.next(), letters.next()), (Some(c), None) if c.is_alphabetic());
    single || ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

/// The sentences of `text`, as byte ranges (see the module's invariant).
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if start.is_none() {
            if c.is_whitespace() {
                continue;
            }
            start = Some(i);
        }
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Take the run of punctuation and closing marks.
        let mut end = i + c.len_utf8();
        while let Some(&(j, next)) = chars.peek() {
            if matches!(next, '.' | '!' | '?' | '…') || closes(next) {
                end = j + next.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let rest = &text[end..];
        let Some(after) = rest.trim_start().chars().next() else {
            continue;
        };
        let spaced =
            rest.starts_with(char::is_whitespace) || text[..end].ends_with(['\u{a0}', '\u{202f}']);
        let single_dot = c == '.' && end == i + 1;
        if !spaced || !opens(after) || (single_dot && is_abbreviation(text, i)) {
            continue;
        }
        let begin = start.take().unwrap_or(i);
        let sentence_end = begin + text[begin..end].trim_end().len();
        out.push(begin..sentence_end);
    }
    if let Some(begin) = start {
        let end = begin + text[begin..].trim_end().len();
        if end > begin {
            out.push(begin..end);
        }
    }
    out
}

/// The index in `sentences(text)` of the sentence that holds byte
/// `offset`, or the first one after it (the last one past the end).
pub fn sentence_at(ranges: &[Range<usize>], offset: usize) -> Option<usize> {
    if ranges.is_empty() {
        return None;
    }
    let index = ranges.partition_point(|r| r.end <= offset);
    Some(index.min(ranges.len() - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn english_sentences_and_abbreviations() {
        assert_eq!(
            split("Mr. Smith met Dr. Watson. They talked! Did J. R. R. Tolkien come? No."),
            [
                "Mr. Smith met Dr. Watson.",
                "They talked!",
                "Did J. R. R. Tolkien come?",
                "No."
            ]
        );
    }

    #[test]
    fn french_sentences_with_spaced_punctuation_and_quotes() {
        let text = "M. Dupont arrive. « Bonjour ! » dit-il. Quelle journée\u{a0}! \
                    Il était 9 h. 10 minutes plus tard, rien…";
        assert_eq!(
            split(text),
            [
                "M. Dupont arrive.",
                "« Bonjour ! » dit-il.",
                "Quelle journée\u{a0}!",
                "Il était 9 h. 10 minutes plus tard, rien…",
            ]
        );
    }

    #[test]
    fn ellipsis_and_closing_quotes_belong_to_the_sentence() {
        assert_eq!(
            split("He said \"stop.\" Then... Nothing. (Really.) Yes"),
            [
                "He said \"stop.\"",
                "Then...",
                "Nothing.",
                "(Really.)",
                "Yes"
            ]
        );
    }

    #[test]
    fn lower_case_after_a_stop_continues_and_numbers_do_not_split() {
        assert_eq!(
            split("Version 1.5 is out. etc. and so on. Fin"),
            ["Version 1.5 is out. etc. and so on.", "Fin"]
        );
    }

    #[test]
    fn edges() {
        assert!(sentences("").is_empty());
        assert!(sentences("   ").is_empty());
        assert_eq!(split("  Un.  Deux.  "), ["Un.", "Deux."]);
        assert_eq!(split("sans point"), ["sans point"]);
        let ranges = sentences("Un. Deux. Trois.");
        assert_eq!(sentence_at(&ranges, 0), Some(0));
        assert_eq!(sentence_at(&ranges, 3), Some(1));
        assert_eq!(sentence_at(&ranges, 99), Some(2));
        assert_eq!(sentence_at(&[], 0), None);
    }

    #[test]
    fn ranges_cover_every_word_once_in_order() {
        let text = crate::document::BUNDLED_ARTICLE;
        for paragraph in text.split("\n\n") {
            let ranges = sentences(paragraph);
            let joined: Vec<&str> = ranges.iter().map(|r| &paragraph[r.clone()]).collect();
            assert_eq!(
                joined.join(" ").split_whitespace().collect::<Vec<_>>(),
                paragraph.split_whitespace().collect::<Vec<_>>()
            );
            assert!(ranges.windows(2).all(|w| w[0].end <= w[1].start));
        }
    }
}
