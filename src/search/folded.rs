//! A paragraph's text folded quickly, for the check of each paragraph
//! where the query may be.
//!
//! It folds exactly as [`Folding::fold`] (the reference) does, but runs of
//! ASCII are folded as a whole, other characters through the
//! [`FoldTable`], and where the folded bytes came from is kept at sync
//! points (one per run of ASCII, one per other character) instead of for
//! every byte.

use std::ops::Range;

use memchr::memmem;

use super::fold::{FoldTable, Folding};
use super::words::HIGHS;

/// A text folded, with where its folded bytes came from.
#[derive(Debug)]
pub struct Folded {
    bytes: Vec<u8>,
    /// In order of `folded` (strictly: characters that fold to nothing
    /// have none).
    syncs: Vec<Sync>,
    /// The length of the text.
    text_len: usize,
}

/// Folded byte `folded` came from text byte `raw`; up to the next sync
/// point, the bytes came one for one from a run of ASCII, or all from
/// the one character at `raw`.
#[derive(Debug, Clone, Copy)]
struct Sync {
    folded: usize,
    raw: usize,
    ascii: bool,
}

impl Folded {
    /// `text` folded by `folding`.
    pub fn new(text: &str, folding: Folding) -> Folded {
        let table = FoldTable::get(folding);
        let bytes = text.as_bytes();
        let mut folded = Folded {
            bytes: Vec::with_capacity(text.len() + 8),
            syncs: Vec::new(),
            text_len: text.len(),
        };
        let mut other = String::new();
        let mut pos = 0;
        while let Some(rest) = text.get(pos..).filter(|rest| !rest.is_empty()) {
            let run = ascii_run(&bytes[pos..]);
            if run > 0 {
                folded.push_ascii(&bytes[pos..pos + run], pos, folding.case);
                pos += run;
                continue;
            }
            let Some(c) = rest.chars().next() else {
                break;
            };
            let start = folded.bytes.len();
            match table.get_text_char(c) {
                Some(shown) => folded.bytes.extend_from_slice(shown),
                None => {
                    other.clear();
                    folding.push(c, &mut other);
                    folded.bytes.extend_from_slice(other.as_bytes());
                }
            }
            if folded.bytes.len() > start {
                folded.syncs.push(Sync {
                    folded: start,
                    raw: pos,
                    ascii: false,
                });
            }
            pos += c.len_utf8();
        }
        folded
    }

    /// Appends the run of ASCII `run`, which starts at text byte `raw`.
    fn push_ascii(&mut self, run: &[u8], raw: usize, lower: bool) {
        self.syncs.push(Sync {
            folded: self.bytes.len(),
            raw,
            ascii: true,
        });
        let start = self.bytes.len();
        self.bytes.extend_from_slice(run);
        if lower {
            self.bytes[start..].make_ascii_lowercase();
        }
    }

    /// The ranges of the text whose folded form is `needle`, in order and
    /// not overlapping, as [`Folding::fold`] and a search of its folded
    /// bytes find them.
    pub fn find(&self, needle: &[u8]) -> Vec<Range<usize>> {
        if needle.is_empty() {
            return Vec::new();
        }
        memmem::find_iter(&self.bytes, needle)
            .map(|start| self.origin(start)..self.end_of(start + needle.len() - 1))
            .collect()
    }

    /// The index of the sync point that folded byte `folded` falls under.
    fn sync_index(&self, folded: usize) -> usize {
        self.syncs
            .partition_point(|sync| sync.folded <= folded)
            .saturating_sub(1)
    }

    /// The text byte that folded byte `folded` came from (the end of the
    /// text for the end of the folded bytes).
    fn origin(&self, folded: usize) -> usize {
        if folded >= self.bytes.len() {
            return self.text_len;
        }
        match self.syncs.get(self.sync_index(folded)) {
            Some(sync) if sync.ascii => sync.raw + (folded - sync.folded),
            Some(sync) => sync.raw,
            None => self.text_len,
        }
    }

    /// Where the text character that folded byte `folded` came from ends,
    /// with the characters after it that fold to nothing: the origin of the
    /// next folded byte from another character.
    fn end_of(&self, folded: usize) -> usize {
        let index = self.sync_index(folded);
        let next = match self.syncs.get(index) {
            Some(sync) if sync.ascii => folded + 1,
            _ => self
                .syncs
                .get(index + 1)
                .map_or(self.bytes.len(), |next| next.folded),
        };
        self.origin(next)
    }
}

/// How many bytes `bytes` starts with that are ASCII.
fn ascii_run(bytes: &[u8]) -> usize {
    let mut run = 0;
    for chunk in bytes.chunks_exact(8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let high = u64::from_le_bytes(word) & HIGHS;
        if high != 0 {
            return run + (high.trailing_zeros() / 8) as usize;
        }
        run += 8;
    }
    run + bytes[run..].iter().take_while(|b| b.is_ascii()).count()
}

/// The obvious way, for tests: fold with the reference, keep an origin for
/// every folded byte, and look.
#[cfg(test)]
pub(super) fn reference(text: &str, needle: &str, folding: Folding) -> Vec<Range<usize>> {
    let (folded, origin) = folding.fold(text);
    memmem::find_iter(folded.as_bytes(), needle.as_bytes())
        .map(|start| {
            let end = start + needle.len();
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

    const PIECES: &[&str] = &[
        "a",
        "e",
        "é",
        "E",
        "É",
        "e\u{301}",
        "\u{301}",
        "œ",
        "Œ",
        "oe",
        "OE",
        "ß",
        "ẞ",
        "ss",
        "ﬁ",
        "fi",
        "ﬂ",
        " ",
        "\u{A0}",
        "\u{202F}",
        "\u{3000}",
        "\n",
        "’",
        "'",
        "ʼ",
        "İ",
        "i",
        "ı",
        "x",
        "X",
        "-",
        "␛",
        "␀",
        "�",
        "·",
        "⇄",
        "\u{85}",
        "\u{200B}",
        "\u{FEFF}",
        "Ω",
        "ω",
        "Σ",
        "ς",
        "한",
        "中",
        "日本",
        "𝄞",
        "Ǆ",
        "ǅ",
        "ǆ",
        "Æ",
        "æ",
        "Ø",
        "ø",
        "Ecole Eternelle ",
        "leseeaxaeoessfiex",
        "EXAEOESSFIEEEE",
        "The Quick Brown Fox ",
        "\u{1b}",
        "\u{0}",
        "\t",
        "\u{7f}",
        "ﬀ",
        "℃",
        "Å",
        "Å",
        "ǰ",
        "ΐ",
    ];

    const QUERIES: &[&str] = &[
        "e", "ee", "e e", "ae", "oe", "œ", "ss", "fi", "é", "E", "É", "a  e", "'e", "i", "ex",
        "x a", "éé", "ea", " e", " ", "eeex", "oeoex", "fifix", "e'x", "sseex", "İ", "i̇", "ς", "σ",
        "Σ", "한", "中", "𝄞", "ǆ", "Ǆ", "ø", "Ø", "␛", "·", "quick", "QUICK", "ox",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// The quick fold finds exactly what the reference finds.
        #[test]
        fn finds_what_the_reference_finds(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..80),
            query in proptest::sample::select(QUERIES),
        ) {
            let text = pieces.concat();
            let folding = Folding::for_query(query);
            let (needle, _) = folding.fold(query);
            let found = Folded::new(&text, folding).find(needle.as_bytes());
            proptest::prop_assert_eq!(found, reference(&text, &needle, folding));
        }

        /// Every folding, any text: the same folded bytes as the reference.
        #[test]
        fn folds_as_the_reference_folds(text in "\\PC{0,60}", case: bool, accents: bool) {
            let folding = Folding { case, accents };
            let folded = Folded::new(&text, folding);
            let (expected, origin) = folding.fold(&text);
            proptest::prop_assert_eq!(&folded.bytes, expected.as_bytes());
            for (k, &o) in origin.iter().enumerate() {
                proptest::prop_assert_eq!(folded.origin(k), o, "{}", k);
            }
        }
    }

    #[test]
    fn matches_cover_the_characters_they_came_from() {
        let folding = Folding::for_query("coeur");
        let text = "le Cœur, le coeur, co\u{308}eur";
        let found = Folded::new(text, folding).find(b"coeur");
        let spans: Vec<&str> = found.into_iter().map(|r| &text[r]).collect();
        assert_eq!(spans, ["Cœur", "coeur", "co\u{308}eur"]);
        // A match that ends inside a ligature takes it whole; one that ends
        // before combining marks takes them.
        let found = Folded::new("cœur e\u{301}", folding).find(b"co");
        assert_eq!(found, vec![0..3]);
        let found = Folded::new("cur e\u{301}\u{302}", Folding::for_query("e")).find(b"e");
        assert_eq!(found, vec![4..9]);
    }

    #[test]
    fn ascii_runs_end_at_the_first_other_byte() {
        for at in 0..20 {
            let mut bytes = b"The Quick Brown Fox Jumps".to_vec();
            bytes[at] = 0xC3;
            assert_eq!(ascii_run(&bytes), at);
        }
        assert_eq!(ascii_run(b"plain"), 5);
        assert_eq!(ascii_run(b""), 0);
    }
}
