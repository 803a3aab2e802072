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
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;

use crate::document::Document;
use crate::document::index::Text;
use crate::document::paragraphs::{Span, Splitter};

mod fold;
mod folded;
mod lanes;
mod sieve;
mod skeleton;
mod utf8;
mod words;

pub use fold::Folding;
use folded::Folded;
use skeleton::{BLOCK, Scratch, Skeleton};
use utf8::is_char_start;

/// One occurrence of the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Paragraph (its id).
    pub paragraph: usize,
    /// Byte range in the paragraph's text.
    pub range: Range<usize>,
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
    let text = document.shared_text();
    scan(
        &text,
        pattern,
        &AtomicBool::new(false),
        |paragraph, ranges, _| {
            matches.extend(ranges.into_iter().map(|range| Match { paragraph, range }));
        },
    );
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

/// A handle on a background search's progress that outlives the
/// [`Searcher`] (for tests: whether its thread has stopped, and where).
#[cfg(test)]
#[derive(Debug)]
pub(crate) struct Progress(Arc<Mutex<Found>>);

#[cfg(test)]
impl Progress {
    /// Whether the search's thread has let go of its progress (it is over).
    pub(crate) fn thread_stopped(&self) -> bool {
        Arc::strong_count(&self.0) == 1
    }

    /// The byte every paragraph before which has been searched.
    pub(crate) fn reached(&self) -> usize {
        lock(&self.0).reached
    }
}

#[cfg(test)]
impl Searcher {
    /// A handle on this search's progress.
    pub(crate) fn progress(&self) -> Progress {
        Progress(Arc::clone(&self.found))
    }
}

impl Drop for Searcher {
    fn drop(&mut self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }
}

/// `mutex`'s content, even if a thread panicked holding it.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The search thread: every paragraph in order, until done or cancelled.
fn search_text(text: &Text, pattern: &Pattern, found: &Mutex<Found>, cancelled: &AtomicBool) {
    /// Says the search is over however it ends, a panic included, so that
    /// the count does not wait for it forever.
    struct Over<'a>(&'a Mutex<Found>);
    impl Drop for Over<'_> {
        fn drop(&mut self) {
            lock(self.0).done = true;
        }
    }
    let _over = Over(found);
    scan(text, pattern, cancelled, |paragraph, ranges, reached| {
        let mut found = lock(found);
        found
            .matches
            .extend(ranges.into_iter().map(|range| Match { paragraph, range }));
        found.reached = reached;
    });
    if cancelled.load(Ordering::Relaxed) {
        return;
    }
    lock(found).reached = text.source.bytes().len();
}

/// Searches `text` for `pattern` in order, handing `found` each
/// paragraph that matches (its id and match ranges) and how far the
/// search has reached, until done or cancelled. A plain query is looked
/// for in the raw bytes first (see `skeleton`) and only the paragraphs
/// where it may be are split out and searched; other patterns search every
/// paragraph.
fn scan(
    text: &Text,
    pattern: &Pattern,
    cancelled: &AtomicBool,
    found: impl FnMut(usize, Vec<Range<usize>>, usize),
) {
    let workers = if text.source.bytes().len() - text.base < PIECES_FROM {
        1
    } else {
        thread::available_parallelism().map_or(1, |cores| cores.get().min(MAX_WORKERS))
    };
    scan_in_pieces(text, pattern, cancelled, workers, found);
}

/// Texts from this size are scanned in pieces on several cores at once.
const PIECES_FROM: usize = 1 << 20;

/// The most threads that scan a text at once.
const MAX_WORKERS: usize = 4;

/// Pieces a text is cut into for each thread scanning it: more pieces
/// than threads, so that one that meets many matches does not hold the
/// others up.
const PIECES_PER_WORKER: usize = 4;

/// A paragraph that matches, as [`scan`] hands it on: its id, its match
/// ranges, and where it ends.
type Hit = (usize, Vec<Range<usize>>, usize);

/// [`scan`] by `workers` threads (this one included), a piece of the text
/// at a time; the pieces' matches are handed on in order, each piece's
/// once it and those before it are done. Only plain queries are scanned
/// in pieces.
fn scan_in_pieces(
    text: &Text,
    pattern: &Pattern,
    cancelled: &AtomicBool,
    workers: usize,
    mut found: impl FnMut(usize, Vec<Range<usize>>, usize),
) {
    let (base, len) = (text.base, text.source.bytes().len());
    if workers <= 1 || !matches!(pattern, Pattern::Text { .. }) {
        return scan_range(text, pattern, base..len, cancelled, BLOCK, found);
    }
    let bounds = piece_bounds(text, workers * PIECES_PER_WORKER);
    let pieces = bounds.len() - 1;
    let next = AtomicUsize::new(0);
    let done: Vec<Mutex<Option<Vec<Hit>>>> = (0..pieces).map(|_| Mutex::default()).collect();
    // Takes the next piece left, if any, and scans it.
    let work = || {
        let piece = next.fetch_add(1, Ordering::Relaxed);
        let (Some(&start), Some(&end)) = (bounds.get(piece), bounds.get(piece + 1)) else {
            return false;
        };
        let mut hits = Vec::new();
        scan_range(text, pattern, start..end, cancelled, BLOCK, |p, r, e| {
            hits.push((p, r, e));
        });
        *lock(&done[piece]) = Some(hits);
        true
    };
    let mut handed = 0;
    // Hands on the matches of the pieces done, in order.
    let mut hand_on = |handed: &mut usize| {
        while *handed < pieces {
            let Some(hits) = lock(&done[*handed]).take() else {
                return;
            };
            for (paragraph, ranges, end) in hits {
                found(paragraph, ranges, end);
            }
            *handed += 1;
        }
    };
    thread::scope(|scope| {
        for _ in 1..workers {
            scope.spawn(|| while work() {});
        }
        while work() {
            hand_on(&mut handed);
        }
    });
    if !cancelled.load(Ordering::Relaxed) {
        hand_on(&mut handed);
    }
}

/// The bounds of about `pieces` pieces of `text`, from its start to its
/// end, each cut after the paragraph that holds its share's end.
fn piece_bounds(text: &Text, pieces: usize) -> Vec<usize> {
    let bytes = text.source.bytes();
    let (base, len) = (text.base, bytes.len());
    let mut bounds = vec![base];
    let mut finder = ParagraphFinder::new(text);
    for piece in 1..pieces {
        let mut cut = base + (len - base) / pieces * piece;
        while !is_char_start(bytes, cut) {
            cut += 1;
        }
        let cut = match finder.holding(cut) {
            Some(span) if span.start < cut => span.end,
            _ => cut,
        };
        if cut > *bounds.last().unwrap_or(&base) && cut < len {
            bounds.push(cut);
        }
    }
    bounds.push(len);
    bounds
}

/// [`scan`] of the paragraphs that start in `range` (which starts where a
/// paragraph may: the text's start or a paragraph's end).
fn scan_range(
    text: &Text,
    pattern: &Pattern,
    range: Range<usize>,
    cancelled: &AtomicBool,
    block: usize,
    mut found: impl FnMut(usize, Vec<Range<usize>>, usize),
) {
    let bytes = text.source.bytes();
    let mut paragraph = String::new();
    let mut check = |span: &Span, splitter: Option<&Splitter>| {
        paragraph_text(text, splitter, span, &mut paragraph);
        let ranges = pattern.find(&paragraph);
        if !ranges.is_empty() {
            found(span.start, ranges, span.end);
        }
    };
    let skeleton = match pattern {
        Pattern::Text { needle, folding } => Skeleton::new(needle, *folding, text.how),
        Pattern::Regex(_) => None,
    };
    let Some(mut skeleton) = skeleton else {
        let mut splitter = text.splitter(text.restart_before(range.start));
        while let Some(span) = splitter.next() {
            if cancelled.load(Ordering::Relaxed) || span.start >= range.end {
                return;
            }
            if span.start >= range.start {
                check(&span, Some(&splitter));
            }
        }
        return;
    };
    let mut finder = ParagraphFinder::new(text);
    let (mut scratch, mut places) = (Scratch::default(), Vec::new());
    // Every paragraph that starts before `pos` has been searched.
    let mut pos = range.start;
    while pos < range.end && !cancelled.load(Ordering::Relaxed) {
        let mut to = (pos + block).min(range.end);
        while !is_char_start(bytes, to) {
            to += 1;
        }
        places.clear();
        skeleton.places(bytes, pos, to, &mut scratch, &mut places);
        for &place in &places {
            if place < pos {
                continue;
            }
            let Some(span) = finder.holding(place) else {
                return;
            };
            if span.start >= range.end {
                return;
            }
            check(&span, finder.splitter.as_ref());
            pos = span.end.max(place + 1);
            if cancelled.load(Ordering::Relaxed) {
                return;
            }
        }
        pos = pos.max(to);
    }
}

/// Puts in `out` the text of the paragraph at `span`, taken from the lines
/// `splitter` has cleaned already when it has just split it, else built.
fn paragraph_text(text: &Text, splitter: Option<&Splitter>, span: &Span, out: &mut String) {
    if !splitter.is_some_and(|splitter| splitter.text_of(span, out)) {
        *out = text.build(span).text;
    }
}

/// Finds the paragraph that holds a byte, for bytes in increasing order:
/// splitting on from the last one when it is near, or from a restart point
/// just before the byte.
///
/// Restarting skips the paragraphs in between, which splitting on would
/// clean line by line; but where blank lines are few, the restart point
/// lies behind the last paragraph and looking for it is wasted. So what
/// counts as near grows each time a restart goes back (then splitting goes
/// on instead), and shrinks each time one skips ahead.
struct ParagraphFinder<'a> {
    text: &'a Text,
    splitter: Option<Splitter<'a>>,
    /// Where the last paragraph found ends.
    last_end: usize,
    /// Bytes ahead of the last paragraph within which splitting goes on
    /// without looking for a restart point.
    near: usize,
}

impl<'a> ParagraphFinder<'a> {
    /// The least and the most that [`ParagraphFinder::near`] can be.
    const NEAR: Range<usize> = 256..64 * 1024;

    fn new(text: &'a Text) -> ParagraphFinder<'a> {
        ParagraphFinder {
            text,
            splitter: None,
            last_end: 0,
            near: Self::NEAR.start,
        }
    }

    /// The paragraph that holds byte `pos`, or the first one after it.
    fn holding(&mut self, pos: usize) -> Option<Span> {
        let ahead = self.splitter.is_some() && pos >= self.last_end;
        if !ahead || pos >= self.last_end.saturating_add(self.near) {
            let restart = self.text.restart_before(pos);
            if ahead && restart.pos < self.last_end {
                // Splitting on from the last paragraph does less.
                self.near = (self.near * 2).min(Self::NEAR.end);
            } else {
                self.near = (self.near / 2).max(Self::NEAR.start);
                self.splitter = Some(self.text.splitter(restart));
            }
        }
        let splitter = self.splitter.as_mut()?;
        let span = splitter.find(|span| span.end > pos)?;
        self.last_end = span.end;
        Some(span)
    }
}

/// The ranges of `text` whose folded form is `needle` (already folded):
/// non-overlapping, on character boundaries, each ending with the text
/// character its last folded byte came from (and the characters after it
/// that fold to nothing).
fn find_folded(text: &str, needle: &str, folding: Folding) -> Vec<Range<usize>> {
    Folded::new(text, folding).find(needle.as_bytes())
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
    fn a_space_before_a_combining_mark_ending_a_paragraph_is_found() {
        // The white space before and after the mark folds to one space in
        // the raw bytes; the match is in the paragraph it starts in.
        let text = "aaa \u{301}\n\n   bbb";
        let doc = Document::from_bytes("t", text.as_bytes());
        let found = find_all(&doc, " ");
        assert_eq!(
            found,
            [Match {
                paragraph: 0,
                range: 3..6
            }]
        );
    }

    #[test]
    fn a_paragraph_inside_a_run_of_white_space_is_searched() {
        // The runs around the mark fold to one space with it: the middle
        // paragraph lies wholly inside that space (found by the property
        // test below).
        let text = "a  \n\n    \u{301}  \n\n    b";
        let doc = Document::from_bytes("t", text.as_bytes());
        let found = find_all(&doc, " ");
        let middle = text.find('\n').unwrap() + 2;
        assert_eq!(doc.paragraph(middle).text, "    \u{301}");
        assert_eq!(found.iter().filter(|m| m.paragraph == middle).count(), 4);
        assert_eq!(found, reference(&doc, &Pattern::text(" ").unwrap()));
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

    /// Every match, found by searching every paragraph the obvious way.
    fn reference(doc: &Document, pattern: &Pattern) -> Vec<Match> {
        let find = |text: &str| match pattern {
            Pattern::Text { needle, folding } => folded::reference(text, needle, *folding),
            Pattern::Regex(_) => pattern.find(text),
        };
        doc.iter()
            .flat_map(|(paragraph, p)| {
                find(&p.text)
                    .into_iter()
                    .map(move |range| Match { paragraph, range })
            })
            .collect()
    }

    fn skeleton_scan(doc: &Document, pattern: &Pattern, block: usize) -> Vec<Match> {
        let mut matches = Vec::new();
        let text = doc.shared_text();
        scan_range(
            &text,
            pattern,
            text.base..text.source.bytes().len(),
            &AtomicBool::new(false),
            block,
            |paragraph, ranges, _| {
                matches.extend(ranges.into_iter().map(|range| Match { paragraph, range }));
            },
        );
        matches
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Looking in the raw bytes first finds exactly what searching
        /// every paragraph finds, whatever the text holds.
        #[test]
        fn raw_scan_finds_what_every_paragraph_holds(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", "e", "é", "E", "É", "e\u{301}", "œ", "oe", "OE", "ß", "ss", "ﬁ", "fi",
                " ", "  ", "\u{A0}", "\u{202F}", "\n", "\r\n", "\n\n", "\t", "\u{1b}[1m",
                "\u{1b}", "\u{0}", "\u{85}", "\u{200B}", "’", "'", "İ", "i", "x", "-", "\u{2028}",
                "\n\n   ", "\u{c}", "\n\u{c}\n", "  \n\n    ", "f\u{301}", "\u{301}", "ŕ",
                "s\u{1b}[1ms", "Ss", "FI",
                // Runs long enough to be folded eight bytes at a time.
                "Ecole Eternelle", "leseeaxaeoessfiex", "EXAEOESSFIEEEE",
            ]), 0..120),
            query in proptest::sample::select(vec![
                "e", "ee", "e e", "ae", "oe", "œ", "ss", "fi", "é", "E", "a  e", "'e", "i",
                "ex", "x a", "e\u{A0}a", "éé", "ea", " e", " ", "  a", "e ",
                // The rare letter late in the needle: the sieve folds
                // farther back.
                "eeex", "oeoex", "fifix", "e'x", "sseex",
                // A rare pair late in the needle: the sieve folds farther
                // back too.
                "eefi", "eess", "aefi", "éfi",
            ]),
            block in proptest::prop_oneof![1usize..40, 40usize..400],
            latin in proptest::bool::ANY,
            stray in proptest::option::of(0usize..200),
        ) {
            let mut bytes = pieces.concat().into_bytes();
            if let Some(at) = stray {
                let at = at.min(bytes.len());
                bytes.insert(at, 0xE9);
            }
            let doc = if latin {
                Document::from_bytes("t", &bytes)
            } else {
                Document::from_bytes("t", pieces.concat().as_bytes())
            };
            let pattern = Pattern::text(query).unwrap();
            let expected = reference(&doc, &pattern);
            // The sieve used as it is, never, and however many places it
            // lists; the bytes read every way the processor can.
            for lanes in lanes::Lanes::available() {
                for used in [None, Some(false), Some(true)] {
                    lanes::FORCED.set(Some(lanes));
                    skeleton::SIEVE_USED.set(used);
                    let found = skeleton_scan(&doc, &pattern, block);
                    skeleton::SIEVE_USED.set(None);
                    lanes::FORCED.set(None);
                    proptest::prop_assert_eq!(&found, &expected, "sieve {:?} {:?}", used, lanes);
                }
            }
        }
    }

    #[test]
    fn searching_in_pieces_finds_what_one_pass_finds() {
        let mut body = String::new();
        for i in 0..12 {
            body.push_str(&format!(
                "Paragraphe {i} : le cœur, le cœur\net l’été, Choïgou, le cœur.\n\n"
            ));
            if i % 5 == 0 {
                body.push_str("Une ligne\n  de vers\n  pour cœur\n\n");
            }
        }
        // Padding moves the middle through every kind of place.
        for padding in 0..120 {
            let text = format!("{}\n\n{body}", "x".repeat(padding));
            let doc = Document::from_bytes("t", text.as_bytes());
            let shared = doc.shared_text();
            for query in ["coeur", "ete, choigou", "paragraphe 1", "de vers", "ligne"] {
                let pattern = Pattern::text(query).unwrap();
                for workers in 2..=4 {
                    let mut pieces = Vec::new();
                    scan_in_pieces(
                        &shared,
                        &pattern,
                        &AtomicBool::new(false),
                        workers,
                        |paragraph, ranges, _| {
                            pieces
                                .extend(ranges.into_iter().map(|range| Match { paragraph, range }));
                        },
                    );
                    assert_eq!(pieces, reference(&doc, &pattern), "{query} {padding}");
                    assert!(!pieces.is_empty(), "{query}");
                }
            }
        }
    }

    #[test]
    fn empty_query_finds_nothing() {
        assert!(spans("abc", "").is_empty());
    }
}
