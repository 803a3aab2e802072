//! Sanitizing decoded text, line by line as paragraphs are built.
//!
//! After [`sanitize`], the text holds no character that a terminal would
//! interpret: line ends are `\n` only (CRLF and lone CR become `\n`), tabs are
//! expanded to spaces at stops every [`TAB_WIDTH`] columns, and every other
//! control character is replaced by a visible symbol ([`visible_control`]).
//! What is wrapped, searched and measured afterwards is exactly what is drawn.

use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_width::UnicodeWidthChar;

/// Columns between tab stops.
pub const TAB_WIDTH: usize = 8;

/// The visible stand-in for C1 controls (U+0080–U+009F), which have no
/// Unicode control picture: U+2426 SYMBOL FOR SUBSTITUTE FORM TWO.
pub const C1_SYMBOL: char = '\u{2426}';

/// The visible stand-in for the invisible bidirectional formatting
/// characters (marks, embeddings, overrides, isolates), which could
/// otherwise hide or reorder text: U+21C4 RIGHTWARDS ARROW OVER LEFTWARDS
/// ARROW.
pub const BIDI_SYMBOL: char = '\u{21C4}';

/// The visible stand-in for zero-width spaces and other characters that
/// draw nothing but could hide inside a word (U+200B, U+2060–U+2064,
/// U+FEFF, U+180E, U+034F, Hangul fillers, tag characters): U+00B7 MIDDLE
/// DOT.
pub const ZERO_WIDTH_SYMBOL: char = '\u{B7}';

/// The visible stand-in for noncharacters (U+FDD0–U+FDEF, and the last two
/// code points of every plane), which terminals draw at different widths:
/// U+FFFD REPLACEMENT CHARACTER, one column everywhere.
pub const NONCHARACTER_SYMBOL: char = '\u{FFFD}';

/// Returns the visible symbol that stands for `c` when `c` is a control
/// character, or `None` when `c` may be drawn as it is.
///
/// C0 controls become their Unicode Control Pictures (`ESC` is `␛`), `DEL`
/// becomes `␡`, C1 controls become [`C1_SYMBOL`], bidirectional
/// formatting characters [`BIDI_SYMBOL`] and zero-width spaces
/// [`ZERO_WIDTH_SYMBOL`]. Joiners (ZWJ, ZWNJ) stay: emoji and Persian
/// need them. Line feed is a control too:
/// callers that keep line structure handle it before asking.
///
/// ```
/// use liseuse::document::sanitize::visible_control;
/// assert_eq!(visible_control('\u{1b}'), Some('␛'));
/// assert_eq!(visible_control('\u{7f}'), Some('␡'));
/// assert_eq!(visible_control('a'), None);
/// ```
pub fn visible_control(c: char) -> Option<char> {
    match c {
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' => Some(C1_SYMBOL),
        '\u{061c}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => Some(BIDI_SYMBOL),
        '\u{200b}'
        | '\u{2060}'..='\u{2064}'
        | '\u{feff}'
        | '\u{180e}'
        | '\u{034f}'
        | '\u{115f}'
        | '\u{1160}'
        | '\u{3164}'
        | '\u{ffa0}'
        | '\u{e0000}'..='\u{e007f}' => Some(ZERO_WIDTH_SYMBOL),
        // Noncharacters and unassigned code points, whose width terminals
        // disagree on.
        '\u{fdd0}'..='\u{fdef}' => Some(NONCHARACTER_SYMBOL),
        c if c as u32 & 0xFFFE == 0xFFFE => Some(NONCHARACTER_SYMBOL),
        c if is_unassigned(c) => Some(NONCHARACTER_SYMBOL),
        _ => None,
    }
}

/// Whether `c` is assigned no character (in Unicode 16, the version
/// widths are counted in).
fn is_unassigned(c: char) -> bool {
    !c.is_ascii() && get_general_category(c) == GeneralCategory::Unassigned
}

/// Sanitizes a whole decoded text: normalizes line ends to `\n`, expands
/// tabs, and replaces every other control character with a visible symbol.
///
/// ```
/// use liseuse::document::sanitize::sanitize;
/// assert_eq!(sanitize("a\r\nb\rc\td\u{1b}[0m"), "a\nb\nc       d␛[0m");
/// ```
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    sanitize_into(text, &mut out);
    out
}

/// [`sanitize`], appending to `out` (tab stops count from where `text`
/// starts).
pub fn sanitize_into(text: &str, out: &mut String) {
    // Most lines need nothing: tell so without rebuilding them.
    if is_plain(text) {
        out.push_str(text);
        return;
    }
    out.reserve(text.len());
    let mut column = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
                column = 0;
            }
            '\n' => {
                out.push('\n');
                column = 0;
            }
            '\t' => {
                let spaces = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            _ => {
                let shown = visible_control(c).unwrap_or(c);
                out.push(shown);
                column += shown.width().unwrap_or(0);
            }
        }
    }
}

/// Whether [`sanitize`] leaves `text` as it is: no control character, no
/// character [`visible_control`] stands in for. Nothing is decoded: such
/// characters are told by their first bytes.
fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().all(|(i, &byte)| {
        !SUSPECT[usize::from(byte)] || !byte.is_ascii() && !is_hidden(&bytes[i..])
    })
}

/// The bytes [`is_plain`] looks closer at: ASCII controls, and the lead
/// bytes of the characters [`is_hidden`] knows (continuation bytes never
/// are); one lookup a byte.
const SUSPECT: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        // Unassigned code points may start with any lead byte but those
        // of Latin-1 and of the blocks that have none unassigned.
        table[byte] = byte < 0x20 || byte == 0x7F || matches!(byte, 0xC2 | 0xCD..=0xF4);
        byte += 1;
    }
    table
};

/// Whether the UTF-8 character that `bytes` start with is one beyond
/// ASCII that [`visible_control`] stands in for (C1 controls, bidi and
/// zero-width characters, fillers, tags, noncharacters, unassigned code
/// points).
fn is_hidden(bytes: &[u8]) -> bool {
    is_hidden_by_bytes(bytes) || first_char(bytes).is_some_and(is_unassigned)
}

/// The character `bytes` (valid UTF-8) start with.
fn first_char(bytes: &[u8]) -> Option<char> {
    let length = match bytes.first()? {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    std::str::from_utf8(bytes.get(..length)?)
        .ok()?
        .chars()
        .next()
}

/// [`is_hidden`] for the characters told by their bytes alone.
fn is_hidden_by_bytes(bytes: &[u8]) -> bool {
    matches!(
        bytes,
        [0xC2, 0x80..=0x9F, ..]
            | [0xCD, 0x8F, ..]
            | [0xD8, 0x9C, ..]
            | [0xE1, 0x85, 0x9F | 0xA0, ..]
            | [0xE1, 0xA0, 0x8E, ..]
            | [0xE2, 0x80, 0x8B | 0x8E | 0x8F | 0xAA..=0xAE, ..]
            | [0xE2, 0x81, 0xA0..=0xA4 | 0xA6..=0xA9, ..]
            | [0xE3, 0x85, 0xA4, ..]
            | [0xEF, 0xBB, 0xBF, ..]
            | [0xEF, 0xBE, 0xA0, ..]
            | [0xEF, 0xB7, 0x90..=0xAF, ..]
            | [0xEF, 0xBF, 0xBE | 0xBF, ..]
            | [0xF3, 0xA0, 0x80 | 0x81, _, ..]
    ) || matches!(
        bytes,
        [0xF0..=0xF4, second, 0xBF, 0xBE | 0xBF, ..] if second & 0x0F == 0x0F
    )
}

/// Sanitizes a one-line label such as a file name: every control character,
/// line ends and tabs included, becomes a visible symbol.
///
/// ```
/// use liseuse::document::sanitize::sanitize_label;
/// assert_eq!(sanitize_label("evil\u{1b}]0;x\u{7}.txt"), "evil␛]0;x␇.txt");
/// ```
pub fn sanitize_label(label: &str) -> String {
    label
        .chars()
        .map(|c| visible_control(c).unwrap_or(c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends_become_line_feeds() {
        assert_eq!(sanitize("a\r\nb\r\rc\n"), "a\nb\n\nc\n");
    }

    #[test]
    fn tabs_expand_to_the_next_stop() {
        assert_eq!(sanitize("\tx"), "        x");
        assert_eq!(sanitize("abc\tx"), "abc     x");
        assert_eq!(sanitize("12345678\tx"), "12345678        x");
        assert_eq!(sanitize("a\n\tb"), "a\n        b");
    }

    #[test]
    fn tabs_count_wide_characters_as_two_columns() {
        assert_eq!(sanitize("漢\tx"), "漢      x");
    }

    #[test]
    fn every_control_becomes_visible() {
        let all: String = ('\0'..='\u{9f}')
            .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            .collect();
        let clean = sanitize(&all);
        assert!(clean.chars().all(|c| !c.is_control()), "{clean:?}");
        assert_eq!(clean.chars().count(), all.chars().count());
    }

    #[test]
    fn escape_sequences_cannot_reach_the_terminal() {
        let hostile = "\u{1b}]0;title\u{7}\u{1b}[2J\u{9b}31m";
        assert_eq!(sanitize(hostile), "␛]0;title␇␛[2J␦31m");
    }

    #[test]
    fn bidi_controls_cannot_reorder_text() {
        assert_eq!(
            sanitize("avant \u{202e}après\u{2066}x\u{200f}"),
            "avant ⇄après⇄x⇄"
        );
        // Joiners stay: emoji sequences and Persian need them; zero-width
        // spaces show.
        assert_eq!(sanitize("pay\u{200b}pal\u{feff}"), "pay·pal·");
        assert_eq!(sanitize("a\u{e0041}\u{e0042}b\u{3164}"), "a··b·");
        assert_eq!(
            sanitize("👩\u{200d}🔬 می\u{200c}خواهم"),
            "👩\u{200d}🔬 می\u{200c}خواهم"
        );
    }

    #[test]
    fn the_quick_test_agrees_with_the_slow_way_for_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            let slow = !text
                .chars()
                .any(|c| matches!(c, '\t' | '\n' | '\r') || visible_control(c).is_some());
            assert_eq!(is_plain(&text), slow, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn unassigned_code_points_are_shown_as_the_replacement_character() {
        // Greek and Hebrew gaps, and a plane without characters yet.
        assert_eq!(
            sanitize("a\u{378}b\u{5FF}c\u{2FFFD}d"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d"
        );
        // Recent characters are assigned: shown as they are.
        assert_eq!(sanitize("🫨 ꭰ ᲀ"), "🫨 ꭰ ᲀ");
    }

    #[test]
    fn ordinary_text_is_untouched() {
        let text = "Choïgou — « d'accord » 吾輩は猫である 🦀";
        assert_eq!(sanitize(text), text);
    }

    #[test]
    fn labels_lose_their_line_ends() {
        assert_eq!(sanitize_label("a\nb\tc"), "a␊b␉c");
    }
}
