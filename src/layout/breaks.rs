//! Where a line of prose may break: words, the spaces that must not break,
//! and the places inside words where a hyphen may.
//!
//! Words are found with Unicode line-breaking rules (textwrap's
//! [`WordSeparator::UnicodeBreakProperties`], which already never breaks at
//! U+00A0 or U+202F). Then the spaces that typography forbids breaking at
//! are taken out, by joining the words on either side ([`glued`]):
//!
//! - in every language, no break after an opening quote or bracket that
//!   stands alone (`“ Yes`), before closing punctuation or `%` that stands
//!   alone (`70 %`, `word ”`), nor between a number and its unit (`3 km`);
//! - in French, also no break before `» : ; ! ?` nor after `«`, nor after
//!   the dash that opens a line of dialogue (`— Oui`).
//!
//! Each word is then cut into [`Piece`]s at the places a line may end
//! inside it: after an existing hyphen (nothing added), after a soft hyphen
//! U+00AD, and, when hyphenation is on, where the language's patterns allow
//! (both shown with a hyphen).

use std::ops::Range;

use textwrap::WordSeparator;
use textwrap::core::Fragment;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::hyphenate;
use crate::language::Language;

/// The soft hyphen: invisible unless a line breaks after it.
pub const SOFT_HYPHEN: char = '\u{AD}';

/// A piece of a line: a byte range of the text that is never broken
/// (except between characters when it is wider than the column), the
/// spaces after it, and whether a hyphen is shown when a line ends after
/// it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The bytes of the piece, without the spaces after it.
    pub range: Range<usize>,
    /// Columns it takes (soft hyphens take none).
    pub width: usize,
    /// Columns of the spaces after it.
    pub space: usize,
    /// Whether a line ending after it shows a hyphen.
    pub hyphen: bool,
}

impl Fragment for Piece {
    fn width(&self) -> f64 {
        self.width as f64
    }

    fn whitespace_width(&self) -> f64 {
        self.space as f64
    }

    fn penalty_width(&self) -> f64 {
        if self.hyphen { 1.0 } else { 0.0 }
    }
}

/// What decides the breaks of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rules {
    /// The language: French spacing, and the hyphenation patterns.
    pub language: Option<Language>,
    /// Whether words are hyphenated with the language's patterns.
    pub hyphenate: bool,
}

/// A word as found: its bytes, then the end of the spaces after it.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    space_end: usize,
}

/// Columns `text` takes on screen, measured as the terminal library draws
/// it — grapheme by grapheme — so that a line never takes more cells than
/// the layout gave it (a lam-alef pair, one cell as a string, is drawn as
/// two graphemes); soft hyphens take none.
pub fn display_width(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    simple_width(text).unwrap_or_else(|| {
        text.split(SOFT_HYPHEN)
            .flat_map(|part| part.graphemes(true))
            .map(UnicodeWidthStr::width)
            .sum()
    })
}

/// The columns `c` takes when it is a grapheme of its own whatever stands
/// around it, and is simple to measure: one for printable ASCII, the
/// letters and signs of Latin-1 and Latin Extended (the soft hyphen
/// aside) and general punctuation (dashes, quotes, the ellipsis, the
/// narrow no-break space; not the separators and bidi controls between
/// them); two for CJK ideographs, kana (not their combining marks), CJK
/// punctuation and fullwidth forms. `None` for any other character.
fn simple_columns(c: char) -> Option<usize> {
    match c {
        ' '..='~'
        | '\u{A0}'..='\u{AC}'
        | '\u{AE}'..='\u{2FF}'
        | '\u{2010}'..='\u{2027}'
        | '\u{202F}'..='\u{205E}' => Some(1),
        '\u{3000}'..='\u{3029}'
        | '\u{3041}'..='\u{3096}'
        | '\u{30A1}'..='\u{30FA}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{FF01}'..='\u{FF60}' => Some(2),
        _ => None,
    }
}

/// The width of `text` when all its characters are simple to measure (see
/// [`simple_columns`]).
fn simple_width(text: &str) -> Option<usize> {
    text.chars().map(simple_columns).sum()
}

fn words(text: &str) -> Vec<Word> {
    let base = text.as_ptr() as usize;
    WordSeparator::UnicodeBreakProperties
        .find_words(text)
        .map(|w| {
            let start = w.word.as_ptr() as usize - base;
            let end = start + w.word.len();
            Word {
                start,
                end,
                space_end: end + w.whitespace.len(),
            }
        })
        .collect()
}

/// Opening punctuation after which no line may end when it stands alone.
fn opens(word: &str) -> bool {
    !word.is_empty()
        && word.chars().all(|c| {
            matches!(
                c,
                '“' | '‘' | '„' | '‚' | '"' | '(' | '[' | '{' | '¿' | '¡' | '«' | '‹'
            )
        })
}

/// Punctuation that no line may start with, in every language.
fn closes(word: &str) -> bool {
    word.starts_with(['”', '’', ')', ']', '}', '%', '‰', '»', '›'])
}

/// Whether `word` is a number (digits, with separators inside).
fn is_number(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '\u{A0}' | '\u{202F}'))
}

/// Whether `word` (with punctuation after it) is a unit of measure or a
/// currency that follows a number.
fn is_unit(word: &str) -> bool {
    const UNITS: &[&str] = &[
        "%", "‰", "°", "°C", "°F", "€", "$", "£", "¥", "F", "fr", "francs", "sous", "m", "km",
        "cm", "mm", "µm", "m²", "m2", "km²", "ha", "g", "kg", "mg", "t", "l", "L", "cl", "ml", "h",
        "min", "s", "ms", "Hz", "kHz", "MHz", "GHz", "W", "kW", "V", "A", "o", "ko", "Mo", "Go",
        "B", "kB", "KB", "MB", "GB", "TB", "KiB", "MiB", "GiB", "in", "ft", "mi", "lb", "lbs",
        "oz", "mph", "kmh", "km/h",
    ];
    let bare = word.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '»', '”']);
    UNITS.contains(&bare)
}

/// Whether `word` is a dash standing alone, as opens a line of dialogue.
fn is_dash(word: &str) -> bool {
    matches!(word, "—" | "–" | "--" | "―")
}

/// Whether the space between `left` and `right` must not break.
///
/// ```
/// use liseuse::language::Language;
/// use liseuse::layout::breaks::glued;
/// let fr = Language::from_code("fr");
/// assert!(glued("Oui", "!", fr));
/// assert!(!glued("Yes", "!", Language::from_code("en")));
/// assert!(glued("70", "%", None));
/// ```
pub fn glued(left: &str, right: &str, language: Option<Language>) -> bool {
    let french = language.is_some_and(Language::is_french);
    opens(left)
        || closes(right)
        || (is_number(left) && (is_unit(right) || (french && is_number(right) && right.len() == 3)))
        || (french
            && (right.starts_with([':', ';', '!', '?'])
                || left.ends_with(['«', '‹'])
                || is_dash(left)))
}

/// Joins words across the spaces that must not break (see [`glued`]).
fn join(text: &str, words: Vec<Word>, language: Option<Language>) -> Vec<(Word, usize)> {
    // Each joined word, with how many words it was made of.
    let mut joined: Vec<(Word, usize)> = Vec::with_capacity(words.len());
    let mut previous: Option<Word> = None;
    for word in words {
        let glue = previous
            .is_some_and(|p| glued(&text[p.start..p.end], &text[word.start..word.end], language));
        match joined.last_mut() {
            Some((last, count)) if glue => {
                last.end = word.end;
                last.space_end = word.space_end;
                *count += 1;
            }
            _ => joined.push((word, 1)),
        }
        previous = Some(word);
    }
    joined
}

/// The places inside `token` (bytes without spaces, at `base` in the text)
/// after which a line may end, and whether a hyphen shows there.
///
/// Patterns never split a token inside `whole` (ranges of `text`: inline
/// code, links), nor a capitalised word in the middle of a sentence (a
/// name: `Krzyzanowski`, `Levaque`), as French and English typography
/// both keep names whole.
fn split_token(
    text: &str,
    token: Range<usize>,
    rules: &Rules,
    whole: &[Range<usize>],
    out: &mut Vec<(usize, bool)>,
) {
    let word = &text[token.clone()];
    let base = token.start;
    let mut has_break = false;
    let mut previous: Option<char> = None;
    let mut chars = word.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let after = i + c.len_utf8();
        if after < word.len() {
            if c == SOFT_HYPHEN {
                out.push((base + after, true));
                has_break = true;
            } else if matches!(c, '-' | '\u{2010}')
                // Between letters (porte-monnaie), not by a digit (UTF-8,
                // 2002-07-25), where a break would mislead.
                && previous.is_some_and(char::is_alphabetic)
                && next.is_some_and(char::is_alphabetic)
            {
                out.push((base + after, false));
                has_break = true;
            }
        }
        previous = Some(c);
    }
    // A word the author already broke is left as it is.
    if has_break || !rules.hyphenate {
        return;
    }
    let kept = whole
        .iter()
        .any(|range| range.start < token.end && token.start < range.end);
    if kept || is_name(text, token.start) {
        return;
    }
    if let Some(language) = rules.language {
        out.extend(
            hyphenate::split_points(language, word)
                .into_iter()
                .map(|p| (base + p, true)),
        );
    }
}

/// Whether the word at byte `start` of `text` is capitalised in the
/// middle of a sentence: after a letter, a digit, a comma, a semicolon
/// or a closing bracket, not at the start or after a sentence's end.
fn is_name(text: &str, start: usize) -> bool {
    let word = &text[start..];
    let Some(first) = word.chars().find(|c| c.is_alphabetic()) else {
        return false;
    };
    if !first.is_uppercase() {
        return false;
    }
    text[..start]
        .chars()
        .rev()
        .find(|c| !c.is_whitespace())
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | ';' | ')' | ']'))
}

/// The pieces of one line of prose text that starts at byte `base` of its
/// paragraph, none wider than `width` columns with its hyphen.
pub fn pieces(text: &str, base: usize, width: usize, rules: &Rules) -> Vec<Piece> {
    pieces_keeping(text, base, width, rules, &[])
}

/// [`pieces`], never hyphenating inside the ranges of `text` in `whole`
/// (inline code, links).
pub fn pieces_keeping(
    text: &str,
    base: usize,
    width: usize,
    rules: &Rules,
    whole: &[Range<usize>],
) -> Vec<Piece> {
    let found = words(text);
    let mut pieces = Vec::with_capacity(found.len());
    for (word, count) in join(text, found.clone(), rules.language) {
        // A joined word too wide for the column breaks at its spaces after
        // all, rather than between letters.
        let parts: Vec<Word> = if count > 1 && display_width(&text[word.start..word.end]) > width {
            found
                .iter()
                .filter(|w| w.start >= word.start && w.end <= word.end)
                .copied()
                .collect()
        } else {
            vec![word]
        };
        for part in parts {
            push_pieces(text, part, width, rules, whole, &mut pieces);
        }
    }
    for piece in &mut pieces {
        piece.range = piece.range.start + base..piece.range.end + base;
    }
    pieces
}

/// Cuts `word` into pieces at its break points and pushes them.
fn push_pieces(
    text: &str,
    word: Word,
    width: usize,
    rules: &Rules,
    whole: &[Range<usize>],
    out: &mut Vec<Piece>,
) {
    let mut points = Vec::new();
    let mut at = word.start;
    for token in text[word.start..word.end].split(' ') {
        let token_range = at..at + token.len();
        if !token.is_empty() {
            split_token(text, token_range.clone(), rules, whole, &mut points);
        }
        at = token_range.end + 1;
    }
    let mut start = word.start;
    let mut ends: Vec<(usize, bool)> = points;
    ends.push((word.end, false));
    let space = display_width(&text[word.end..word.space_end]);
    let last = ends.len() - 1;
    for (index, (end, hyphen)) in ends.into_iter().enumerate() {
        let range = start..end;
        let space = if index == last { space } else { 0 };
        let limit = if hyphen {
            width.saturating_sub(1).max(1)
        } else {
            width
        };
        break_apart(text, range, space, hyphen, limit, out);
        start = end;
    }
}

/// Pushes `range` as one piece, or as several cut between graphemes when
/// it is wider than `limit` columns.
fn break_apart(
    text: &str,
    range: Range<usize>,
    space: usize,
    hyphen: bool,
    limit: usize,
    out: &mut Vec<Piece>,
) {
    let width = display_width(&text[range.clone()]);
    if width <= limit {
        out.push(Piece {
            range,
            width,
            space,
            hyphen,
        });
        return;
    }
    let slice = &text[range.clone()];
    // Cut between graphemes, never inside one (a letter and its accents,
    // an emoji and its modifiers) — unless one grapheme is wider than the
    // column by itself, which is then cut between its characters. Where
    // every character is simple, each is a grapheme of its own.
    let cuts: Box<dyn Iterator<Item = (usize, usize)>> = match simple_width(slice) {
        Some(_) => Box::new(
            slice
                .char_indices()
                .map_while(|(i, c)| Some((i, simple_columns(c)?))),
        ),
        None => Box::new(slice.grapheme_indices(true).flat_map(|(i, grapheme)| {
            let columns = display_width(grapheme);
            let parts: Vec<(usize, usize)> = if columns <= limit {
                vec![(i, columns)]
            } else {
                grapheme
                    .char_indices()
                    .map(|(j, c)| (i + j, display_width(&grapheme[j..j + c.len_utf8()])))
                    .collect()
            };
            parts
        })),
    };
    let mut start = range.start;
    let mut taken = 0;
    for (i, w) in cuts {
        if taken > 0 && taken + w > limit {
            let at = range.start + i;
            out.push(Piece {
                range: start..at,
                width: taken,
                space: 0,
                hyphen: false,
            });
            start = at;
            taken = 0;
        }
        taken += w;
    }
    out.push(Piece {
        range: start..range.end,
        width: taken,
        space,
        hyphen,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_characters_are_graphemes_of_the_width_said() {
        let simple: Vec<(char, usize)> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter_map(|c| simple_columns(c).map(|columns| (c, columns)))
            .collect();
        let narrow: Vec<char> = simple.iter().filter(|s| s.1 == 1).map(|s| s.0).collect();
        for &(c, columns) in &simple {
            assert_eq!(c.to_string().width(), columns, "{c:?}");
            // Nothing joins it, before or after, nor a second one.
            for text in [format!("a{c}a"), format!("{c}{c}")] {
                assert_eq!(
                    text.graphemes(true).count(),
                    text.chars().count(),
                    "{text:?}"
                );
            }
        }
        // Every pair of the narrow ones, for good measure.
        for &a in &narrow {
            for &b in &narrow {
                let pair = format!("{a}{b}");
                assert_eq!(pair.graphemes(true).count(), 2, "{pair:?}");
            }
        }
    }

    #[test]
    fn long_words_are_cut_alike_whether_simple_or_not() {
        // The same letters, one with a combining accent that takes no
        // column: the cuts fall after as many columns.
        let simple = "é".repeat(25);
        let combining = "e\u{301}".repeat(25);
        let widths = |text: &str| {
            let mut out = Vec::new();
            break_apart(text, 0..text.len(), 1, false, 10, &mut out);
            out.iter().map(|p| (p.width, p.space)).collect::<Vec<_>>()
        };
        assert_eq!(widths(&simple), [(10, 0), (10, 0), (5, 1)]);
        assert_eq!(widths(&simple), widths(&combining));
        // Two columns each: five to a piece of ten.
        let wide = "漢".repeat(12);
        assert_eq!(widths(&wide), [(10, 0), (10, 0), (4, 1)]);
        assert_eq!(display_width(&wide), 24);
    }

    fn rules(code: &str, hyphenate: bool) -> Rules {
        Rules {
            language: Language::from_code(code),
            hyphenate,
        }
    }

    /// The pieces of `text` as strings, a `|` after a space, `-` after a
    /// hyphen point.
    fn shown(text: &str, width: usize, rules: &Rules) -> Vec<String> {
        pieces(text, 0, width, rules)
            .into_iter()
            .map(|p| {
                let mut s = text[p.range].to_owned();
                if p.hyphen {
                    s.push('-');
                }
                s
            })
            .collect()
    }

    /// The hyphenation points of `token` in `text`, with `whole` kept.
    fn points(text: &str, token: &str, whole: &[Range<usize>]) -> Vec<usize> {
        let mut out = Vec::new();
        let start = text.find(token).unwrap();
        let range = start..start + token.len();
        split_token(text, range, &rules("en", true), whole, &mut out);
        out.into_iter().map(|(at, _)| at - start).collect()
    }

    #[test]
    fn names_code_and_links_are_never_hyphenated() {
        // A capitalised word in the middle of a sentence is a name.
        assert!(points("he met Krzyzanowski there", "Krzyzanowski", &[]).is_empty());
        assert!(points("the engineers, Hyphenation", "Hyphenation", &[]).is_empty());
        // At the start of a sentence, a capital is only the sentence's.
        assert!(!points("Hyphenation matters", "Hyphenation", &[]).is_empty());
        assert!(!points("It ends. Hyphenation starts", "Hyphenation", &[]).is_empty());
        // Lower case in the middle of a sentence: hyphenated as usual.
        assert!(!points("about hyphenation rules", "hyphenation", &[]).is_empty());
        // Inside inline code or a link: kept whole.
        let text = "call hyphenation here";
        let at = text.find("hyphenation").unwrap();
        let code = at..at + 11;
        assert!(points(text, "hyphenation", std::slice::from_ref(&code)).is_empty());
        let elsewhere = 0..4;
        assert!(!points(text, "hyphenation", std::slice::from_ref(&elsewhere)).is_empty());
    }

    #[test]
    fn no_line_ends_after_a_hyphen_next_to_a_digit() {
        let mut out = Vec::new();
        let text = "UTF-8 2002-07-25 porte-monnaie";
        for token in ["UTF-8", "2002-07-25", "porte-monnaie"] {
            let start = text.find(token).unwrap();
            split_token(
                text,
                start..start + token.len(),
                &rules("en", false),
                &[],
                &mut out,
            );
        }
        let at = text.find("monnaie").unwrap();
        assert_eq!(out, [(at, false)]);
    }

    #[test]
    fn french_punctuation_stays_with_its_word() {
        let fr = rules("fr", false);
        assert_eq!(
            shown("« Oui ! » dit-il : non ; 70 % — Bien", 80, &fr),
            ["« Oui ! »", "dit-", "il :", "non ;", "70 %", "— Bien"]
        );
    }

    #[test]
    fn english_keeps_its_own_rules() {
        let en = rules("en", false);
        // Unicode itself keeps " :" and " !" with their word; what is
        // French only is the dialogue dash and spaced thousands.
        assert_eq!(
            shown(
                "He said : yes ! “ Quite ” 70 % of 3 km — 1 000 times",
                80,
                &en
            ),
            [
                "He",
                "said :",
                "yes !",
                "“ Quite ”",
                "70 %",
                "of",
                "3 km",
                "—",
                "1",
                "000",
                "times"
            ]
        );
    }

    #[test]
    fn non_breaking_spaces_never_break() {
        let en = rules("en", false);
        assert_eq!(
            shown("a\u{A0}b c\u{202F}d", 80, &en),
            ["a\u{A0}b", "c\u{202F}d"]
        );
    }

    #[test]
    fn numbers_stay_with_their_units_and_french_thousands_together() {
        let fr = rules("fr", false);
        assert_eq!(
            shown("à 3 km, 1 000 000 francs.", 80, &fr),
            ["à", "3 km,", "1 000 000 francs."]
        );
        // Not any number and word.
        assert_eq!(shown("3 chats", 80, &fr), ["3", "chats"]);
    }

    #[test]
    fn soft_hyphens_and_hyphens_are_break_points() {
        let en = rules("en", true);
        assert_eq!(
            shown("ex\u{AD}ample well-known", 80, &en),
            ["ex\u{AD}-", "ample", "well-", "known"]
        );
        let p = pieces("ex\u{AD}ample", 0, 80, &en);
        assert_eq!(p[0].width, 2, "a soft hyphen takes no column");
        assert!(p[0].hyphen && !p[1].hyphen);
    }

    #[test]
    fn words_are_hyphenated_only_when_asked() {
        let word = "extraordinairement";
        assert_eq!(shown(word, 80, &rules("fr", false)), [word]);
        let parts = shown(word, 80, &rules("fr", true));
        assert!(parts.len() > 2, "{parts:?}");
        assert!(parts[..parts.len() - 1].iter().all(|p| p.ends_with('-')));
    }

    #[test]
    fn a_joined_group_too_wide_breaks_at_its_spaces() {
        let fr = rules("fr", false);
        assert_eq!(shown("— Évidemment", 8, &fr), ["—", "Évidemme", "nt"]);
    }

    #[test]
    fn no_piece_is_wider_than_the_column_with_its_hyphen() {
        let fr = rules("fr", true);
        for width in 2..20 {
            for p in pieces(
                "anticonstitutionnellement « extraordinaire » ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                0,
                width,
                &fr,
            ) {
                assert!(p.width + usize::from(p.hyphen) <= width, "{p:?} at {width}");
            }
        }
    }
}
