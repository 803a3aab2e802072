//! Folding text before comparing it with a query: what a query does not
//! spell out (case, accents, ligatures, the kind of space) is ignored.
//!
//! [`Folding::fold`] is the reference: it folds a paragraph's text and
//! keeps, for each folded byte, the byte of the text it came from.
//! [`FoldTable`] holds the same folding for every character that folding
//! changes, so that raw bytes can be folded quickly without decoding
//! character by character (see `skeleton`).

use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::document::sanitize::visible_control;

/// How text is folded before comparing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Folding {
    /// Whether case is ignored.
    pub case: bool,
    /// Whether accents and ligatures are ignored.
    pub accents: bool,
}

impl Folding {
    /// The folding a query asks for: what it does not spell out is ignored.
    pub fn for_query(query: &str) -> Folding {
        Folding {
            case: !query.chars().any(char::is_uppercase),
            accents: !query.chars().any(is_accented),
        }
    }

    /// Appends the folded form of `c` to `out`.
    pub fn push(self, c: char, out: &mut String) {
        let mut push_one = |c: char| {
            if self.case {
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
        };
        if is_space_separator(c) {
            return push_one(' ');
        }
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
    pub fn fold(self, text: &str) -> (String, Vec<usize>) {
        let mut folded = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len() + 1);
        let bytes = text.as_bytes();
        let mut index = 0;
        while index < bytes.len() {
            let byte = bytes[index];
            if byte.is_ascii() {
                // The common case, without decoding: ASCII folds to itself
                // (in lower case when case is ignored).
                folded.push(char::from(if self.case {
                    byte.to_ascii_lowercase()
                } else {
                    byte
                }));
                origin.push(index);
                index += 1;
                continue;
            }
            let c = text[index..].chars().next().unwrap_or('\u{FFFD}');
            let before = folded.len();
            self.push(c, &mut folded);
            origin.resize(origin.len() + folded.len() - before, index);
            index += c.len_utf8();
        }
        origin.push(text.len());
        (folded, origin)
    }

    /// The index of this folding in tables kept for each of the four.
    fn index(self) -> usize {
        usize::from(self.case) * 2 + usize::from(self.accents)
    }
}

/// Whether `c` is a space of some width (no-break, thin, ideographic…),
/// which folds to a plain space: `70 %` finds `70 %` with a no-break space.
fn is_space_separator(c: char) -> bool {
    matches!(
        c,
        '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Whether `c` carries an accent (or is a ligature): folding it without
/// accents changes it.
pub fn is_accented(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    let mut plain = String::new();
    Folding {
        case: false,
        accents: true,
    }
    .push(c, &mut plain);
    plain.chars().ne(std::iter::once(c)) && !is_space_separator(c)
}

/// Where [`FoldTable`] lists the characters that fold to nothing, after
/// one list for each ASCII byte.
const NOTHING: usize = 128;

/// Characters below this are folded through a table; above it, as they
/// come.
pub(super) const TABLED: u32 = 0x3000;

/// The shown and folded form of every character from U+0080 to
/// [`TABLED`] (Latin, Greek, Cyrillic, punctuation, spaces…), for one
/// [`Folding`], packed for quick lookup.
#[derive(Debug)]
pub struct FoldTable {
    /// Each character's folded bytes, end to end.
    bytes: Vec<u8>,
    /// Where each character's folded bytes start in `bytes` (by code point
    /// − 0x80), and one more for the end.
    starts: Vec<u32>,
    /// For each ASCII byte, the characters whose folded form holds it, and
    /// at the end those that fold to nothing; in order.
    holding: Vec<Vec<char>>,
    /// Whether each character (by code point − 0x80) is shown as itself,
    /// so that its entry is also how [`Folding::push`] folds it.
    as_itself: Vec<bool>,
}

impl FoldTable {
    /// The table for `folding`, built on first use (about 12,000
    /// characters).
    pub fn get(folding: Folding) -> &'static FoldTable {
        static TABLES: [OnceLock<FoldTable>; 4] = [const { OnceLock::new() }; 4];
        TABLES[folding.index()].get_or_init(|| FoldTable::build(folding))
    }

    fn build(folding: Folding) -> FoldTable {
        let mut bytes = Vec::with_capacity(32 * 1024);
        let mut starts = Vec::with_capacity(TABLED as usize);
        let mut holding = vec![Vec::new(); NOTHING + 1];
        let mut as_itself = Vec::with_capacity(TABLED as usize);
        for code in 0x80..TABLED {
            starts.push(u32::try_from(bytes.len()).unwrap_or(u32::MAX));
            let c = char::from_u32(code).unwrap_or('\u{FFFD}');
            as_itself.push(char::from_u32(code).is_some() && visible_control(c).is_none());
            let shown = shown_folded(c, folding);
            let mut held: Vec<u8> = shown.bytes().filter(u8::is_ascii).collect();
            held.sort_unstable();
            held.dedup();
            for byte in held {
                holding[usize::from(byte)].push(c);
            }
            if shown.is_empty() {
                holding[NOTHING].push(c);
            }
            bytes.extend_from_slice(shown.as_bytes());
        }
        starts.push(u32::try_from(bytes.len()).unwrap_or(u32::MAX));
        FoldTable {
            bytes,
            starts,
            holding,
            as_itself,
        }
    }

    /// The characters of the table whose folded form holds `byte` (an ASCII
    /// byte), in order.
    pub fn holding(&self, byte: u8) -> &[char] {
        if !byte.is_ascii() {
            return &[];
        }
        &self.holding[usize::from(byte)]
    }

    /// The characters of the table that fold to nothing, in order.
    pub fn folding_to_nothing(&self) -> &[char] {
        &self.holding[NOTHING]
    }

    /// The folded bytes of `c` as [`Folding::push`] folds it (in a text
    /// already shown), when the table holds them.
    pub fn get_text_char(&self, c: char) -> Option<&[u8]> {
        let index = (c as usize).checked_sub(0x80)?;
        if !*self.as_itself.get(index)? {
            return None;
        }
        self.get_char(c)
    }

    /// The folded bytes of `c` as shown, when `c` is in the table.
    pub fn get_char(&self, c: char) -> Option<&[u8]> {
        let index = (c as usize).checked_sub(0x80)?;
        let start = *self.starts.get(index)? as usize;
        let end = *self.starts.get(index + 1)? as usize;
        self.bytes.get(start..end)
    }
}

/// `c` as the sanitizer shows it (controls as symbols, tabs and line ends
/// as spaces), folded.
pub fn shown_folded(c: char, folding: Folding) -> String {
    let shown = match c {
        '\t' | '\n' | '\r' => ' ',
        _ => visible_control(c).unwrap_or(c),
    };
    let mut out = String::new();
    folding.push(shown, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Folding; 4] = [
        Folding {
            case: false,
            accents: false,
        },
        Folding {
            case: false,
            accents: true,
        },
        Folding {
            case: true,
            accents: false,
        },
        Folding {
            case: true,
            accents: true,
        },
    ];

    #[test]
    fn the_table_folds_as_folding_does() {
        for folding in ALL {
            let table = FoldTable::get(folding);
            for c in [
                'é', 'Œ', 'ß', 'İ', '\u{A0}', '\u{202F}', 'ẞ', 'Ω', '\u{85}', '\u{200B}',
            ] {
                let folded = table
                    .get_char(c)
                    .map(|b| String::from_utf8_lossy(b).into_owned());
                assert_eq!(folded, Some(shown_folded(c, folding)), "{c:?} {folding:?}");
            }
            assert_eq!(table.get_char('한'), None);
            assert_eq!(table.get_char('a'), None);
        }
    }

    #[test]
    fn ascii_fast_path_folds_as_the_reference() {
        let text = "Le CŒUR d’İstanbul, été 70\u{202F}% — ﬁn.";
        for folding in ALL {
            let (fast, origin) = folding.fold(text);
            let mut slow = String::new();
            let mut slow_origin = Vec::new();
            for (i, c) in text.char_indices() {
                let before = slow.len();
                folding.push(c, &mut slow);
                slow_origin.resize(slow_origin.len() + slow.len() - before, i);
            }
            slow_origin.push(text.len());
            assert_eq!((fast, origin), (slow, slow_origin), "{folding:?}");
        }
    }

    #[test]
    fn spaces_of_every_width_fold_to_a_plain_space() {
        let folding = Folding::for_query("70 %");
        assert_eq!(folding.fold("70\u{202F}%").0, "70 %");
        assert_eq!(folding.fold("a\u{A0}b").0, "a b");
        assert!(!is_accented('\u{A0}'));
    }
}
