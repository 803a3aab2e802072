//! Finding a query in the document: query in, match byte ranges out.
//!
//! Matching is smart-case: a query with no upper-case letter ignores case,
//! one with any upper-case letter matches case exactly. Each paragraph is
//! searched on its own; matches never overlap and come in document order,
//! with `range.start < range.end` on character boundaries of the paragraph
//! text.

use std::ops::Range;

use crate::document::Document;

/// One occurrence of the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Paragraph (its id).
    pub paragraph: usize,
    /// Byte range in the paragraph's text.
    pub range: Range<usize>,
}

/// Every match of `query` in `document`, in order.
///
/// ```
/// use liseuse::document::Document;
/// use liseuse::search::find_all;
/// let doc = Document::from_bytes("x", "Choïgou et CHOÏGOU".as_bytes());
/// assert_eq!(find_all(&doc, "choïgou").len(), 2);
/// assert_eq!(find_all(&doc, "Choïgou").len(), 1);
/// ```
pub fn find_all(document: &Document, query: &str) -> Vec<Match> {
    if query.is_empty() {
        return Vec::new();
    }
    let ignore_case = !query.chars().any(char::is_uppercase);
    let needle = if ignore_case {
        query.to_lowercase()
    } else {
        query.to_owned()
    };
    let mut matches = Vec::new();
    for (paragraph, p) in document.iter() {
        let ranges = if ignore_case {
            find_folded(&p.text, &needle)
        } else {
            p.text
                .match_indices(&needle)
                .map(|(start, found)| start..start + found.len())
                .collect()
        };
        matches.extend(ranges.into_iter().map(|range| Match { paragraph, range }));
    }
    matches
}

/// Case-insensitive search: `needle` is already lower-case. The haystack is
/// lower-cased with a map from each folded byte back to its original byte,
/// since lower-casing may change lengths.
fn find_folded(haystack: &str, needle: &str) -> Vec<Range<usize>> {
    let mut folded = String::with_capacity(haystack.len());
    let mut origin = Vec::with_capacity(haystack.len() + 1);
    for (index, c) in haystack.char_indices() {
        for lower in c.to_lowercase() {
            folded.push(lower);
            origin.extend(std::iter::repeat_n(index, lower.len_utf8()));
        }
    }
    origin.push(haystack.len());
    folded
        .match_indices(needle)
        .map(|(start, found)| {
            let end = start + found.len();
            let end = origin[end..]
                .iter()
                .copied()
                .find(|&o| o > origin[end - 1])
                .unwrap_or(haystack.len());
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
    fn empty_query_finds_nothing() {
        assert!(spans("abc", "").is_empty());
    }
}
