//! What is drawn around a block's text but is not text: the bars of the
//! block quotes it stands in, the indentation of its list and its bullet
//! or number. Layout wraps the text to the column less the decoration's
//! width, and every renderer draws the decoration before each line, so the
//! text's own bytes stay exactly what search and highlights address.

use crate::document::Paragraph;

/// The bar drawn for each block quote level.
pub const QUOTE_BAR: &str = "│ ";

/// Quote levels drawn at most; deeper ones share the last bar.
const MAX_QUOTE_BARS: usize = 6;

/// List levels indented at most.
const MAX_LIST_INDENT: usize = 8;

/// Columns of text a decorated block keeps at the least: narrower than
/// this with its decoration, the block is drawn without it.
pub const MIN_TEXT: usize = 12;

/// The decoration of one block at one width.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decor {
    /// Quote bars drawn before every line.
    pub bars: String,
    /// The list's indentation and marker, before the first line.
    pub first: String,
    /// What stands under the marker on the following lines.
    pub rest: String,
    /// The columns it takes on every line.
    pub width: usize,
}

impl Decor {
    /// Whether nothing is drawn.
    pub fn is_empty(&self) -> bool {
        self.width == 0
    }

    /// What is drawn before line `line` (from 0) of the block, without
    /// the quote bars.
    pub fn lead(&self, line: usize) -> &str {
        if line == 0 { &self.first } else { &self.rest }
    }
}

/// The decoration of `paragraph` in a column of `width` columns: none when
/// the paragraph has none, or when the text would keep fewer than
/// [`MIN_TEXT`] columns.
///
/// ```
/// use liseuse::document::Paragraph;
/// use liseuse::layout::decor::decor;
/// let item = Paragraph { list: 2, marker: Some("•".into()), quote: 1, ..Paragraph::body("x") };
/// let d = decor(&item, 70);
/// assert_eq!((d.bars.as_str(), d.first.as_str(), d.rest.as_str()), ("│ ", "  • ", "    "));
/// assert_eq!(d.width, 6);
/// assert!(decor(&item, 10).is_empty());
/// ```
pub fn decor(paragraph: &Paragraph, width: usize) -> Decor {
    let quotes = usize::from(paragraph.quote).min(MAX_QUOTE_BARS);
    let lists = usize::from(paragraph.list).min(MAX_LIST_INDENT);
    if quotes == 0 && lists == 0 {
        return Decor::default();
    }
    let bars = QUOTE_BAR.repeat(quotes);
    let indent = "  ".repeat(lists.saturating_sub(1));
    let (first, rest) = match (&paragraph.marker, lists) {
        (_, 0) => (String::new(), String::new()),
        (Some(marker), _) => {
            let marker = crate::document::sanitize::sanitize_label(marker);
            let columns = crate::layout::breaks::display_width(&marker) + 1;
            let columns = columns.max(2);
            let pad = columns - crate::layout::breaks::display_width(&marker);
            (
                format!("{indent}{marker}{}", " ".repeat(pad)),
                format!("{indent}{}", " ".repeat(columns)),
            )
        }
        (None, _) => (format!("{indent}  "), format!("{indent}  ")),
    };
    let width_of = crate::layout::breaks::display_width;
    let total = 2 * quotes + width_of(&first).max(width_of(&rest));
    if total + MIN_TEXT > width {
        return Decor::default();
    }
    Decor {
        bars,
        first,
        rest,
        width: total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paragraphs_have_none() {
        assert!(decor(&Paragraph::body("text"), 70).is_empty());
    }

    #[test]
    fn numbers_are_padded_and_lines_below_align() {
        let item = Paragraph {
            list: 1,
            marker: Some("10.".into()),
            ..Paragraph::body("x")
        };
        let d = decor(&item, 70);
        assert_eq!((d.lead(0), d.lead(1), d.width), ("10. ", "    ", 4));
        // A later paragraph of the same item: indented, no marker.
        let more = Paragraph {
            list: 1,
            ..Paragraph::body("x")
        };
        assert_eq!(decor(&more, 70).lead(0), "  ");
    }

    #[test]
    fn deep_nesting_is_capped() {
        let deep = Paragraph {
            quote: 255,
            list: 255,
            marker: Some("•".into()),
            ..Paragraph::body("x")
        };
        let d = decor(&deep, 200);
        assert_eq!(d.bars, QUOTE_BAR.repeat(MAX_QUOTE_BARS));
        assert_eq!(d.width, 2 * MAX_QUOTE_BARS + 2 * (MAX_LIST_INDENT - 1) + 2);
    }

    #[test]
    fn a_hostile_marker_is_shown_as_symbols() {
        let item = Paragraph {
            list: 1,
            marker: Some("\u{1b}[31m".into()),
            ..Paragraph::body("x")
        };
        assert!(!decor(&item, 70).first.contains('\u{1b}'));
    }
}
