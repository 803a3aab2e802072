//! Plain output: the laid-out column as text, for pipelines.
//!
//! It uses the same [`crate::layout::wrap`] as the screen, so what is printed
//! is what the reader shows, line for line, without margins or styles.

use std::io::{self, Write};

use crate::document::Document;
use crate::layout::wrap;

/// Writes `document` wrapped to `width` columns, paragraphs separated by a
/// blank line.
///
/// ```
/// use liseuse::document::Document;
/// use liseuse::plain::write_plain;
/// let doc = Document::from_bytes("x", b"le chat dort\n\nau soleil");
/// let mut out = Vec::new();
/// write_plain(&doc, 8, &mut out).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), "le chat\ndort\n\nau\nsoleil\n");
/// ```
pub fn write_plain(document: &Document, width: usize, out: &mut impl Write) -> io::Result<()> {
    for (index, (id, paragraph)) in document.iter().enumerate() {
        if index > 0 && document.gap_before(id) {
            out.write_all(b"\n")?;
        }
        for line in wrap(&paragraph, width) {
            out.write_all(paragraph.text[line].as_bytes())?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()
}
