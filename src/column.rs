//! Where the text column stands in a window.
//!
//! The column is at most the requested measure wide, centred, with a margin
//! on each side wide enough for the focus marker; the bottom row of the
//! window is the status line.

/// Columns kept free on each side of the text (the focus marker lives in
/// the left one).
pub const MARGIN: u16 = 2;

/// The measure used when none is given.
pub const DEFAULT_MEASURE: u16 = 70;

/// The narrowest text column: one wide character must fit (the layout's
/// own minimum).
const MIN_TEXT: u16 = crate::layout::MIN_WIDTH as u16;

/// Windows smaller than this show a notice instead of the text.
pub const MIN_WINDOW: (u16, u16) = (10, 3);

/// The text column of a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// First column of the text.
    pub x: u16,
    /// Width of the text in columns.
    pub width: u16,
    /// Rows of text (the window less the status line).
    pub height: u16,
}

impl Column {
    /// The column for a window of `width` × `height` cells and a measure of
    /// `measure` columns (0: as wide as the window allows).
    ///
    /// ```
    /// use liseuse::column::Column;
    /// let c = Column::new(100, 30, 70);
    /// assert_eq!((c.x, c.width, c.height), (15, 70, 29));
    /// let narrow = Column::new(60, 30, 70);
    /// assert_eq!((narrow.x, narrow.width), (2, 56));
    /// ```
    pub fn new(width: u16, height: u16, measure: u16) -> Column {
        let room = width.saturating_sub(2 * MARGIN).max(MIN_TEXT);
        let text = if measure == 0 {
            room
        } else {
            measure.clamp(MIN_TEXT, room)
        };
        Column {
            x: width.saturating_sub(text) / 2,
            width: text,
            height: height.saturating_sub(1),
        }
    }

    /// Columns a preformatted block (a table, code, a page laid out by
    /// hand) may take in a window `window_width` wide: the window less its
    /// margins, at least the column's width. Such a block is drawn from
    /// the column's start, moved left as far as it needs to fit.
    pub fn wide(&self, window_width: u16) -> u16 {
        window_width.saturating_sub(2 * MARGIN).max(self.width)
    }

    /// Whether a window of this size is too small to read in.
    pub fn too_small(width: u16, height: u16) -> bool {
        width < MIN_WINDOW.0 || height < MIN_WINDOW.1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_window_measure_keeps_the_margins() {
        let c = Column::new(80, 24, 0);
        assert_eq!((c.x, c.width, c.height), (2, 76, 23));
    }

    #[test]
    fn odd_space_is_split_evenly() {
        let c = Column::new(81, 24, 70);
        assert_eq!((c.x, c.width), (5, 70));
    }

    #[test]
    fn tiny_windows_do_not_underflow() {
        for (w, h) in [(0, 0), (1, 1), (3, 2), (4, 1)] {
            let c = Column::new(w, h, 70);
            assert!(c.width >= 1);
            assert!(c.x + c.width <= w.max(MIN_TEXT), "{w}x{h}: {c:?}");
        }
        // A measure of one is as wide as the layout goes.
        assert_eq!(Column::new(80, 24, 1).width, MIN_TEXT);
        assert!(Column::too_small(9, 20));
        assert!(Column::too_small(40, 2));
        assert!(!Column::too_small(10, 3));
    }
}
