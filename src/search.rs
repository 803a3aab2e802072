//! Finding a query in the document: query in, match byte ranges out.
//!
//! Matching is smart in two ways, as a reader types:
//!
//! - **case**: a query with no upper-case letter ignores case; one with any
//!   upper-case letter matches case exactly;
//! - **accents**: a query with no accented letter ignores accents and
//!   ligatures (`choigou` finds `Choïgou`, `coeur` finds `cœur`, `ete`
//!   finds `été`, `d'accord` finds `d’accord`); one with any accented letter
//!   matches accents exactly (`ça` finds `ça`, not `ca`).
//!
//! Text and query are folded the same way (Unicode canonical decomposition
//! with its combining marks dropped, ligatures spelled out, typographic
//! apostrophes made plain, then lower case), keeping for each folded byte
//! the byte of the text it came from. Each paragraph is searched on its
//! own, so a phrase broken across lines in the file is found. Matches never
//! overlap and come in document order, with `range.start < range.end` on
//! character boundaries of the paragraph text.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::document::Document;
use crate::document::index::Text;
use crate::document::paragraphs::build;

/// One occurrence of the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Paragraph (its id).
    pub paragraph: usize,
    /// Byte range in the paragraph's text.
    pub range: Range<usize>,
}

/// How text is folded before comparing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Folding {
    case: bool,
    accents: bool,
}

impl Folding {
    /// The folding a query asks for: what it does not spell out is ignored.
    fn for_query(query: &str) -> Folding {
        Folding {
            case: !query.chars().any(char::is_uppercase),
            accents: !query.chars().any(is_accented),
        }
    }

    /// Appends the folded form of `c` to `out`.
    fn push(self, c: char, out: &mut String) {
        let mut push_one = |c: char| {
            if self.case {
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
        };
        if !self.accents {
            return push_one(c);
        }
        match c {
            'œ' => "oe".chars().for_each(&mut push_one),
            'Œ' => "OE".chars().for_each(&mut push_one),
            'æ' => "ae".chars().for_each(&mut push_one),
            'Æ' => "AE".chars().for_each(&mut push_one),
            'ß' => "ss".chars().for_each(&mut push_one),
            'ﬁ' => "fi".chars().for_each(&mut push_one),
            'ﬂ' => "fl".chars().for_each(&mut push_one),
            '’' | '‘' | 'ʼ' | '′' => push_one('\''),
            _ => std::iter::once(c)
                .nfd()
                .filter(|&d| !is_combining_mark(d))
                .for_each(push_one),
        }
    }

    /// `text` folded, and for each folded byte the byte of `text` it came
    /// from (plus one entry for the end).
    fn fold(self, text: &str) -> (String, Vec<usize>) {
        let mut folded = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len() + 1);
        for (index, c) in text.char_indices() {
            let before = folded.len();
            self.push(c, &mut folded);
            origin.resize(origin.len() + folded.len() - before, index);
        }
        origin.push(text.len());
        (folded, origin)
    }
}

/// Whether `c` carries an accent (or is a ligature): folding it without
/// accents changes it.
fn is_accented(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    let mut plain = String::new();
    Folding {
        case: false,
        accents: true,
    }
    .push(c, &mut plain);
    plain.chars().ne(std::iter::once(c))
}

/// What a search looks for.
#[derive(Debug, Clone)]
pub enum Pattern {
    /// A plain query, folded as the module docs say.
    Text {
        /// The query, folded.
        needle: String,
        /// How text is folded to compare with it.
        folding: Folding,
    },
    /// A regular expression (smart case: case-insensitive unless it has a
    /// capital), matched on the text as shown.
    Regex(regex::Regex),
}

impl Pattern {
    /// A plain query; `None` when it folds to nothing.
    pub fn text(query: &str) -> Option<Pattern> {
        let folding = Folding::for_query(query);
        let (needle, _) = folding.fold(query);
        (!needle.is_empty()).then_some(Pattern::Text { needle, folding })
    }

    /// A regular expression, or why it is not one.
    pub fn regex(query: &str) -> Result<Pattern, String> {
        regex::RegexBuilder::new(query)
            .case_insensitive(!query.chars().any(char::is_uppercase))
            .build()
            .map(Pattern::Regex)
            .map_err(|error| {
                let text = error.to_string();
                text.lines()
                    .last()
                    .unwrap_or("invalid pattern")
                    .trim()
                    .to_owned()
            })
    }

    /// The byte ranges of `text` that match, in order, none empty.
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        match self {
            Pattern::Text { needle, folding } => find_folded(text, needle, *folding),
            Pattern::Regex(regex) => regex
                .find_iter(text)
                .map(|found| found.range())
                .filter(|range| !range.is_empty())
                .collect(),
        }
    }
}

/// The byte ranges of `text` that match `query` (folded as a search does).
pub fn find_in(text: &str, query: &str) -> Vec<Range<usize>> {
    let folding = Folding::for_query(query);
    let (needle, _) = folding.fold(query);
    if needle.is_empty() {
        return Vec::new();
    }
    find_folded(text, &needle, folding)
}

/// Every match of `query` in `document`, in order.
///
/// ```
/// use liseuse::document::Document;
/// use liseuse::search::find_all;
/// let doc = Document::from_bytes("x", "Choïgou, Choigou et CHOÏGOU".as_bytes());
/// assert_eq!(find_all(&doc, "choigou").len(), 3);
/// assert_eq!(find_all(&doc, "Choïgou").len(), 1);
/// ```
pub fn find_all(document: &Document, query: &str) -> Vec<Match> {
    Pattern::text(query).map_or_else(Vec::new, |pattern| find_pattern(document, &pattern))
}

/// Every match of `pattern` in `document`, in order.
pub fn find_pattern(document: &Document, pattern: &Pattern) -> Vec<Match> {
    let mut matches = Vec::new();
    for (paragraph, p) in document.iter() {
        let ranges = pattern.find(&p.text);
        matches.extend(ranges.into_iter().map(|range| Match { paragraph, range }));
    }
    matches
}

/// What a background search has found so far.
#[derive(Debug, Default)]
struct Found {
    /// Matches not yet collected, in document order.
    matches: Vec<Match>,
    /// Every paragraph starting before this byte has been searched.
    reached: usize,
    done: bool,
}

/// A search through a large document on a thread of its own: the reader
/// stays responsive, collects matches as they come, and cancels by
/// dropping it.
#[derive(Debug)]
pub struct Searcher {
    found: Arc<Mutex<Found>>,
    cancelled: Arc<AtomicBool>,
}

impl Searcher {
    /// Starts searching `document` for `pattern`, from its start.
    pub fn start(document: &Document, pattern: Pattern) -> Searcher {
        let searcher = Searcher {
            found: Arc::default(),
            cancelled: Arc::default(),
        };
        let text = document.shared_text();
        let (found, cancelled) = (Arc::clone(&searcher.found), Arc::clone(&searcher.cancelled));
        let spawned = thread::Builder::new()
            .name("search".into())
            .spawn(move || search_text(&text, &pattern, &found, &cancelled));
        if spawned.is_err() {
            lock(&searcher.found).done = true;
        }
        searcher
    }

    /// Moves the matches found since the last call to the end of `into`;
    /// returns whether the search is over, and the byte it has reached.
    pub fn collect(&self, into: &mut Vec<Match>) -> (bool, usize) {
        let mut found = lock(&self.found);
        into.append(&mut found.matches);
        (found.done, found.reached)
    }
}

impl Drop for Searcher {
    fn drop(&mut self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }
}

fn lock(found: &Mutex<Found>) -> MutexGuard<'_, Found> {
    found
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The search thread: every paragraph in order, until done or cancelled.
fn search_text(text: &Text, pattern: &Pattern, found: &Mutex<Found>, cancelled: &AtomicBool) {
    let bytes = text.source.bytes();
    for span in text.splitter(text.start()) {
        if cancelled.load(Ordering::Relaxed) {
            return;
        }
        let paragraph = build(bytes, &span, text.how);
        let ranges = pattern.find(&paragraph.text);
        let mut found = lock(found);
        found.matches.extend(ranges.into_iter().map(|range| Match {
            paragraph: span.start,
            range,
        }));
        found.reached = span.end;
    }
    let mut found = lock(found);
    found.reached = bytes.len();
    found.done = true;
}

/// The ranges of `text` whose folded form is `needle` (already folded).
fn find_folded(text: &str, needle: &str, folding: Folding) -> Vec<Range<usize>> {
    let (folded, origin) = folding.fold(text);
    folded
        .match_indices(needle)
        .map(|(start, found)| {
            let end = start + found.len();
            // The match ends with the text character its last byte came
            // from: up to the next character's first byte.
            let last = origin[end - 1];
            let end = origin[end..]
                .iter()
                .copied()
                .find(|&o| o > last)
                .unwrap_or(text.len());
            origin[start]..end
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str, query: &str) -> Vec<String> {
        let doc = Document::from_bytes("t", text.as_bytes());
        find_all(&doc, query)
            .into_iter()
            .map(|m| doc.paragraph(m.paragraph).text[m.range].to_owned())
            .collect::<Vec<_>>()
    }

    #[test]
    fn lower_case_query_ignores_case() {
        assert_eq!(spans("Choïgou, CHOÏGOU", "choïgou"), ["Choïgou", "CHOÏGOU"]);
    }

    #[test]
    fn upper_case_query_matches_exactly() {
        assert_eq!(spans("Choïgou, CHOÏGOU", "CHOÏGOU"), ["CHOÏGOU"]);
    }

    #[test]
    fn matches_in_every_paragraph_in_order() {
        let doc = Document::from_bytes("t", b"a cat\n\nno\n\ncat cat");
        let found = find_all(&doc, "cat");
        let places: Vec<(usize, usize)> =
            found.iter().map(|m| (m.paragraph, m.range.start)).collect();
        assert_eq!(places, [(0, 2), (11, 0), (11, 4)]);
    }

    #[test]
    fn ranges_stay_on_character_boundaries_when_case_changes_length() {
        // 'İ' (2 bytes) lower-cases to "i̇" (3 bytes).
        let text = "İstanbul x";
        assert_eq!(spans(text, "x"), ["x"]);
        assert_eq!(spans(text, "stanbul"), ["stanbul"]);
    }

    #[test]
    fn accents_and_ligatures_are_ignored_unless_the_query_has_them() {
        assert_eq!(
            spans("Choïgou et Choigou", "choigou"),
            ["Choïgou", "Choigou"]
        );
        assert_eq!(spans("le cœur, le coeur", "coeur"), ["cœur", "coeur"]);
        assert_eq!(spans("l’été et l'ete", "ete"), ["été", "ete"]);
        assert_eq!(spans("d’accord", "d'accord"), ["d’accord"]);
        // A query's own accents are respected.
        assert_eq!(spans("ça et ca", "ça"), ["ça"]);
        assert_eq!(spans("Choïgou et Choigou", "choïgou"), ["Choïgou"]);
    }

    #[test]
    fn combining_accents_in_the_text_fold_too() {
        // "e" followed by COMBINING ACUTE ACCENT, as decomposed text has it.
        assert_eq!(spans("e\u{301}te\u{301}", "ete"), ["e\u{301}te\u{301}"]);
    }

    #[test]
    fn a_phrase_broken_across_lines_in_the_file_is_found() {
        let text = "Le ministre Choigou a également remis une\nlettre du président Poutine.";
        assert_eq!(spans(text, "remis une lettre"), ["remis une lettre"]);
    }

    #[test]
    fn regular_expressions_on_request() {
        let doc = Document::from_bytes("t", "Kim Jong Un, Kim Jong-un; 1953 et 2023".as_bytes());
        let texts = |pattern: &Pattern| -> Vec<String> {
            find_pattern(&doc, pattern)
                .into_iter()
                .map(|m| doc.paragraph(m.paragraph).text[m.range].to_owned())
                .collect()
        };
        assert_eq!(texts(&Pattern::regex(r"\d{4}").unwrap()), ["1953", "2023"]);
        assert_eq!(
            texts(&Pattern::regex("jong.un").unwrap()),
            ["Jong Un", "Jong-un"]
        );
        assert_eq!(texts(&Pattern::regex("Jong.un").unwrap()), ["Jong-un"]);
        // Empty matches are no matches.
        assert!(texts(&Pattern::regex("x*").unwrap()).is_empty());
        let error = Pattern::regex("(unclosed").unwrap_err();
        assert!(error.contains("unclosed"), "{error}");
    }

    #[test]
    fn empty_query_finds_nothing() {
        assert!(spans("abc", "").is_empty());
    }
}
