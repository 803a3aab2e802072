//! Headings, and the outline of a document: its paragraphs with their
//! numbers and first words, headings marked, filtered as the reader types.
//!
//! A paragraph is a heading when it is
//!
//! - a Markdown heading: `#` to `######` then a space (level = the number
//!   of `#`);
//! - a book's division, alone on its line: `CHAPTER I`, `Chapter 12.`,
//!   `BOOK ONE: 1805`, `PART II`, `Chapitre premier`, `LIVRE DEUXIÈME`,
//!   `Épilogue`… (level 1 for books and parts, 2 for chapters);
//! - a short line standing alone between blank lines: one line of at most
//!   [`SHORT_LINE`] characters that starts with a capital or a digit and
//!   does not end like a sentence (level 3). A lone Roman numeral (`XIV.`)
//!   counts.

use crate::document::block::Role;
use crate::document::{BlockKind, Document, Paragraph};
use crate::search::find_in;

/// The longest line taken for a heading when nothing else says it is one.
pub const SHORT_LINE: usize = 50;

/// Words of a paragraph shown in the outline.
const FIRST_WORDS: usize = 12;

/// A heading: its level (1 is the highest) and its title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 (a book or part, or `#`) to 6.
    pub level: u8,
    /// The heading's text, without Markdown's `#`.
    pub title: String,
}

/// Words that open a book's divisions, and the level they give.
const DIVISIONS: &[(&str, u8)] = &[
    ("book", 1),
    ("part", 1),
    ("volume", 1),
    ("livre", 1),
    ("partie", 1),
    ("tome", 1),
    ("chapter", 2),
    ("chapitre", 2),
    ("prologue", 2),
    ("epilogue", 2),
    ("épilogue", 2),
    ("préface", 2),
    ("preface", 2),
    ("introduction", 2),
    ("conclusion", 2),
    ("appendix", 2),
    ("annexe", 2),
];

/// Whether the paragraph is a heading, and which.
///
/// ```
/// use liseuse::document::{BlockKind, Paragraph};
/// use liseuse::outline::heading;
/// let p = |t: &str| Paragraph { text: t.into(), ..Paragraph::default() };
/// assert_eq!(heading(&p("## Usage")).unwrap().level, 2);
/// assert_eq!(heading(&p("CHAPTER XII")).unwrap().level, 2);
/// assert!(heading(&p("He said so, and left.")).is_none());
/// ```
pub fn heading(paragraph: &Paragraph) -> Option<Heading> {
    heading_of(paragraph, false)
}

/// Whether paragraph `id` of `document` is a heading, and which: a book's
/// table of contents says, else a structured document's headings, else
/// the text itself (see [`heading`]).
pub fn heading_in(document: &Document, id: usize, paragraph: &Paragraph) -> Option<Heading> {
    if !document.contents().is_empty() {
        return document.contents_at(id).map(|(level, title)| Heading {
            level: level.clamp(1, 6),
            title: title.to_owned(),
        });
    }
    heading_of(paragraph, document.is_structured())
}

/// [`heading`], told by the paragraph's role alone when `structured`.
fn heading_of(paragraph: &Paragraph, structured: bool) -> Option<Heading> {
    if structured {
        return match paragraph.role {
            Role::Heading(level) if !paragraph.text.trim().is_empty() => Some(Heading {
                level: level.clamp(1, 6),
                title: paragraph.text.trim().to_owned(),
            }),
            _ => None,
        };
    }
    let text = paragraph.text.trim();
    if text.is_empty() || text.contains('\n') {
        return None;
    }
    if let Some(heading) = markdown(text) {
        return Some(heading);
    }
    if paragraph.kind == BlockKind::Preformatted && text.len() != paragraph.text.len() {
        // An indented line is verse or code, not a title.
        return None;
    }
    // Either other kind holds at most twice a short line's characters, of
    // at most four bytes each: longer text (a whole chapter on one line)
    // is neither counted nor lowercased.
    if text.len() > 4 * 2 * SHORT_LINE {
        return None;
    }
    let chars = text.chars().count();
    if let Some(level) = division(text)
        && chars <= 2 * SHORT_LINE
    {
        return Some(Heading {
            level,
            title: text.to_owned(),
        });
    }
    let first = text.chars().next()?;
    let starts_well = first.is_uppercase() || first.is_ascii_digit();
    if chars <= SHORT_LINE && starts_well && (is_roman_numeral(text) || !ends_like_a_sentence(text))
    {
        return Some(Heading {
            level: 3,
            title: text.to_owned(),
        });
    }
    None
}

fn markdown(text: &str) -> Option<Heading> {
    let hashes = text.bytes().take_while(|&b| b == b'#').count();
    let rest = text.get(hashes..)?;
    if !(1..=6).contains(&hashes) || !rest.starts_with(' ') {
        return None;
    }
    let title = rest.trim().trim_end_matches('#').trim_end();
    (!title.is_empty()).then(|| Heading {
        level: hashes as u8,
        title: title.to_owned(),
    })
}

/// The level of a book's division (`CHAPTER IV`, `Livre premier`…).
fn division(text: &str) -> Option<u8> {
    let mut words = text.split_whitespace();
    let first = words.next()?.trim_end_matches(['.', ':']).to_lowercase();
    let &(_, level) = DIVISIONS.iter().find(|(word, _)| *word == first)?;
    // A division word alone, or followed by its number or name; not a
    // sentence that starts with "Part of…".
    let second = words.next();
    let numbered = second.is_none_or(|word| {
        let word = word.trim_end_matches(['.', ':', ',']);
        word.chars().all(|c| c.is_ascii_digit())
            || is_roman_numeral(word)
            || word.chars().next().is_some_and(char::is_uppercase)
            || ["premier", "première", "one", "the"].contains(&word)
    });
    numbered.then_some(level)
}

/// Whether `text` is a Roman numeral, perhaps followed by a dot.
fn is_roman_numeral(text: &str) -> bool {
    let text = text.trim_end_matches('.');
    !text.is_empty()
        && text.len() <= 8
        && text
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
}

fn ends_like_a_sentence(text: &str) -> bool {
    text.ends_with([
        '.', ',', ';', ':', '!', '?', '…', '»', '”', '"', '\'', ')', ']', '-', '—', '–',
    ])
}

/// One line of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The paragraph's id.
    pub paragraph: usize,
    /// Its number (1-based).
    pub number: usize,
    /// Its heading, if it is one.
    pub heading: Option<Heading>,
    /// Its first words (the title, for a heading).
    pub words: String,
}

impl Entry {
    /// The outline's line for paragraph `paragraph`, number `number`.
    pub fn new(paragraph: usize, number: usize, text: &Paragraph) -> Entry {
        Entry::with_heading(paragraph, number, text, heading(text))
    }

    /// The outline's line for paragraph `paragraph`, number `number`,
    /// whose heading is known to be `heading`.
    pub fn with_heading(
        paragraph: usize,
        number: usize,
        text: &Paragraph,
        heading: Option<Heading>,
    ) -> Entry {
        let words = match &heading {
            Some(heading) => heading.title.clone(),
            None => first_words(&text.text, FIRST_WORDS),
        };
        Entry {
            paragraph,
            number,
            heading,
            words,
        }
    }

    /// Whether the entry matches a filter (as search matches: case and
    /// accents ignored unless typed).
    pub fn matches(&self, filter: &str) -> bool {
        filter.trim().is_empty()
            || !find_in(&self.words, filter.trim()).is_empty()
            || self.number.to_string() == filter.trim()
    }
}

/// The first `count` words of `text`, with `…` when there are more.
pub fn first_words(text: &str, count: usize) -> String {
    let mut words = text.split_whitespace();
    let mut out: Vec<&str> = words.by_ref().take(count).collect();
    if words.next().is_some() {
        out.push("…");
    }
    out.join(" ")
}

/// Paragraphs an export walks back at most to find a heading (see
/// [`headings_over`]).
pub const MAX_WALK_BACK: usize = 20_000;

/// The heading each of `paragraphs` (ids in reading order) stands under:
/// the paragraph itself when it is a heading, else the nearest heading
/// before it, as the id of its paragraph and its title. Each walk back
/// stops at the previous one's paragraph, so the whole costs one walk
/// from the first heading before the first paragraph to the last; and
/// each goes back at most `max_walk` paragraphs (a text without
/// headings is not walked whole).
pub fn headings_over(
    document: &Document,
    paragraphs: &[usize],
    max_walk: usize,
) -> Vec<Option<(usize, String)>> {
    let mut known: Option<(usize, Option<(usize, String)>)> = None;
    let mut out = Vec::with_capacity(paragraphs.len());
    for &paragraph in paragraphs {
        let mut at = Some(paragraph);
        let mut walked = 0;
        let found = loop {
            let Some(id) = at.filter(|_| walked <= max_walk) else {
                break None;
            };
            walked += 1;
            if let Some((seen, heading)) = &known
                && id <= *seen
            {
                break heading.clone();
            }
            if let Some(heading) = heading_in(document, id, &document.paragraph(id)) {
                break Some((id, heading.title));
            }
            at = document.previous(id);
        };
        known = Some((paragraph, found.clone()));
        out.push(found);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(text: &str) -> Option<u8> {
        heading(&Paragraph::prose(text)).map(|h| h.level)
    }

    #[test]
    fn the_heading_over_a_paragraph_is_found_within_the_walk_allowed() {
        let mut text = String::from("# Premier\n\nun.\n\n# Second\n\n");
        for n in 0..30 {
            text.push_str(&format!("paragraphe {n}.\n\n"));
        }
        let document = Document::from_bytes("t", text.as_bytes());
        let ids: Vec<usize> = document.iter().map(|(id, _)| id).collect();
        let (first, third, last) = (ids[1], ids[4], ids[ids.len() - 1]);
        let titles = |walk| {
            headings_over(&document, &[first, third, last], walk)
                .into_iter()
                .map(|h| h.map(|(_, title)| title))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            titles(100),
            [
                Some("Premier".into()),
                Some("Second".into()),
                Some("Second".into())
            ]
        );
        // Too far back for a walk of 10: none, rather than a long walk.
        assert_eq!(
            titles(10),
            [Some("Premier".into()), Some("Second".into()), None]
        );
    }

    #[test]
    fn markdown_headings_have_their_level_and_lose_their_hashes() {
        assert_eq!(
            heading(&Paragraph::prose("### Installation ##")),
            Some(Heading {
                level: 3,
                title: "Installation".into()
            })
        );
        assert_eq!(level("#hashtag"), None);
        assert_eq!(level("####### seven"), None);
    }

    #[test]
    fn book_divisions_in_english_and_french() {
        assert_eq!(level("CHAPTER I"), Some(2));
        assert_eq!(level("Chapter 12."), Some(2));
        assert_eq!(level("BOOK ONE: 1805"), Some(1));
        assert_eq!(level("Chapitre premier"), Some(2));
        assert_eq!(level("LIVRE DEUXIÈME"), Some(1));
        assert_eq!(level("Épilogue"), Some(2));
        assert_eq!(level("Part of the army had left before dawn."), None);
    }

    #[test]
    fn short_lines_that_do_not_end_a_sentence() {
        assert_eq!(level("Madame Bovary"), Some(3));
        assert_eq!(level("XIV."), Some(3));
        assert_eq!(level("— Oui."), None);
        assert_eq!(level("Yes!"), None);
        assert_eq!(level("and then"), None);
        assert_eq!(
            level("A line that goes on for far too long to be a title of anything"),
            None
        );
    }

    #[test]
    fn only_length_in_characters_rules_out_a_division() {
        // Twice a short line, in characters of four bytes each: the
        // longest division there is.
        let longest = format!("CHAPTER {}", "𝐀".repeat(2 * SHORT_LINE - 8));
        assert_eq!(level(&longest), Some(2));
        assert_eq!(level(&format!("{longest}𝐀")), None);
        // A whole chapter on one line is not a heading, unless Markdown
        // says it is.
        let chapter = format!("CHAPTER ONE {}", "WORD".repeat(20_000));
        assert_eq!(level(&chapter), None);
        assert_eq!(level(&format!("# {chapter}")), Some(1));
    }

    #[test]
    fn verse_and_multi_line_blocks_are_not_headings() {
        let verse = Paragraph {
            text: "Mignonne, allons voir\nsi la rose".into(),
            kind: BlockKind::Preformatted,
            ..Paragraph::default()
        };
        assert_eq!(heading(&verse), None);
        let indented = Paragraph {
            text: "    Some code".into(),
            kind: BlockKind::Preformatted,
            ..Paragraph::default()
        };
        assert_eq!(heading(&indented), None);
    }

    #[test]
    fn entries_show_first_words_and_filter_like_search() {
        let entry = Entry::new(
            0,
            7,
            &Paragraph::prose(
                "Le ministre Choïgou a remis une lettre du président Poutine à son homologue ce matin.",
            ),
        );
        assert_eq!(
            entry.words,
            "Le ministre Choïgou a remis une lettre du président Poutine à son …"
        );
        assert!(entry.matches("choigou"));
        assert!(entry.matches("7"));
        assert!(entry.matches(""));
        assert!(!entry.matches("CHOIGOU"));
        let title = Entry::new(10, 8, &Paragraph::prose("## Usage"));
        assert_eq!(title.words, "Usage");
        assert_eq!(title.heading.unwrap().level, 2);
    }
}
