//! Where a word may be hyphenated: Knuth–Liang patterns of its language.
//!
//! The patterns are those the `hyphenation` crate embeds, asked through
//! textwrap's [`WordSplitter::Hyphenation`]. Each language's dictionary is
//! loaded the first time a word of it is hyphenated, once per process.
//!
//! Words are left whole when hyphenating would mislead a reader: words of
//! fewer than [`MIN_LETTERS`] letters, numbers (anything with a digit),
//! addresses (URLs, e-mail, paths, domains), and words with a capital
//! after their first letter (acronyms, `iPhone`, `McDonald`). Only the
//! letters of a word are hyphenated: punctuation around it stays, and in
//! `l'ordinateur` only `ordinateur` is looked at.

use std::sync::OnceLock;

use hyphenation::{Load, Standard};
use textwrap::WordSplitter;

use crate::language::{LANGUAGES, Language};

/// The shortest word hyphenated, in letters.
pub const MIN_LETTERS: usize = 5;

/// Each language's splitter, loaded on first use (`None`: no patterns, or
/// they failed to load).
static SPLITTERS: [OnceLock<Option<WordSplitter>>; LANGUAGES] =
    [const { OnceLock::new() }; LANGUAGES];

/// The splitter of `language`, loading its patterns the first time.
fn splitter(language: Language) -> Option<&'static WordSplitter> {
    SPLITTERS[language.index()]
        .get_or_init(|| {
            let patterns = language.patterns()?;
            Standard::from_embedded(patterns)
                .ok()
                .map(WordSplitter::Hyphenation)
        })
        .as_ref()
}

/// Whether `token` (a run of text without spaces) reads as an address or
/// a number, which are never hyphenated.
fn is_address_or_number(token: &str) -> bool {
    // `://` has a slash.
    token
        .chars()
        .any(|c| c.is_numeric() || matches!(c, '/' | '@' | '\\' | '_'))
        || token
            .as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"www."))
        || token
            .char_indices()
            .any(|(i, c)| c == '.' && token[i + 1..].starts_with(char::is_alphanumeric))
}

/// Byte offsets in `word` after which a hyphen may break it, in order.
///
/// `word` holds no space; it may carry punctuation around its letters. An
/// empty list when the word must stay whole (see the module docs) or the
/// language has no patterns.
///
/// ```
/// use liseuse::hyphenate::split_points;
/// use liseuse::language::Language;
/// let en = Language::from_code("en").unwrap();
/// let word = "hyphenation,";
/// let parts: Vec<&str> = {
///     let mut at = 0;
///     let mut parts = Vec::new();
///     for point in split_points(en, word) {
///         parts.push(&word[at..point]);
///         at = point;
///     }
///     parts.push(&word[at..]);
///     parts
/// };
/// assert_eq!(parts, ["hy", "phen", "a", "tion,"]);
/// ```
pub fn split_points(language: Language, word: &str) -> Vec<usize> {
    let Some(splitter) = splitter(language) else {
        return Vec::new();
    };
    if is_address_or_number(word) {
        return Vec::new();
    }
    // The letters: punctuation around them stays, and after an elision
    // (l'ordinateur, l’été) only the word after the apostrophe counts.
    let Some(first) = word.find(char::is_alphabetic) else {
        return Vec::new();
    };
    let end = word
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphabetic())
        .map_or(first, |(i, c)| i + c.len_utf8());
    let mut start = first;
    if let Some(apostrophe) = word[first..end].rfind(['\'', '\u{2019}']) {
        start = first
            + apostrophe
            + word[first + apostrophe..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
    }
    let core = &word[start..end];
    let letters = core.chars().filter(|c| c.is_alphabetic()).count();
    let mut chars = core.chars();
    chars.next();
    let inner_capital = chars.any(char::is_uppercase);
    let only_letters = core
        .chars()
        .all(|c| c.is_alphabetic() || unicode_width::UnicodeWidthChar::width(c) == Some(0));
    if letters < MIN_LETTERS || inner_capital || !only_letters {
        return Vec::new();
    }
    splitter
        .split_points(core)
        .into_iter()
        .filter(|&p| p > 0 && p < core.len() && core.is_char_boundary(p))
        .map(|p| start + p)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(code: &str, word: &str) -> Vec<String> {
        let language = Language::from_code(code).unwrap();
        let mut at = 0;
        let mut parts = Vec::new();
        for point in split_points(language, word) {
            parts.push(word[at..point].to_owned());
            at = point;
        }
        parts.push(word[at..].to_owned());
        parts
    }

    #[test]
    fn french_words_follow_french_patterns() {
        assert_eq!(
            parts("fr", "extraordinaire"),
            ["ex", "tra", "or", "di", "naire"]
        );
        // French patterns, not English ones: "ma-ison" would be wrong.
        assert_eq!(parts("fr", "maisons"), ["mai", "sons"]);
    }

    #[test]
    fn short_words_stay_whole() {
        assert_eq!(parts("en", "into"), ["into"]);
        assert_eq!(parts("fr", "chat"), ["chat"]);
        assert_eq!(parts("en", "«chat»"), ["«chat»"]);
    }

    #[test]
    fn numbers_addresses_and_inner_capitals_stay_whole() {
        for word in [
            "1234567890",
            "abc123defgh",
            "https://example.com/hyphenation",
            "www.hyphenation.org",
            "someone@example.com",
            "example.com",
            "NASAMISSION",
            "McDonaldization",
            "iPhonography",
        ] {
            assert_eq!(parts("en", word), [word], "{word}");
        }
    }

    #[test]
    fn a_capital_first_letter_is_fine_and_punctuation_stays_outside() {
        let p = parts("en", "Hyphenation.");
        assert!(p.len() > 1, "{p:?}");
        assert!(p.last().unwrap().ends_with('.'));
        let p = parts("fr", "«extraordinaire»");
        assert!(p.len() > 1 && p[0].starts_with('«'), "{p:?}");
    }

    #[test]
    fn only_the_word_after_an_elision_is_hyphenated() {
        assert_eq!(parts("fr", "l'ordinateur"), ["l'or", "di", "na", "teur"]);
        let p = parts("fr", "d’extraordinaires");
        assert!(p.len() > 1 && p[0].starts_with("d’"), "{p:?}");
    }

    #[test]
    fn languages_without_patterns_never_split() {
        assert_eq!(parts("ja", "hyphenation"), ["hyphenation"]);
    }
}
