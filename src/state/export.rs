//! Highlights as Markdown: each a block quote followed by its paragraph
//! number and colour, in document order; those whose words are no longer
//! in the text come last, under a heading that says so.

use std::fmt::Write;

use crate::document::Document;
use crate::document::index::Count;
use crate::document::sanitize::sanitize_label;
use crate::highlights::Highlight;

/// Quotes `text` as a Markdown block quote, line by line.
fn quote(text: &str, out: &mut String) {
    for line in text.lines() {
        let _ = writeln!(out, "> {}", line.trim_end());
    }
}

/// The Markdown export of `highlights` of `document`.
pub fn markdown(document: &Document, highlights: &[Highlight]) -> String {
    let mut out = format!("# Highlights of {}\n", document.name());
    if highlights.is_empty() {
        out.push_str("\nNo highlights.\n");
        return out;
    }
    let mut lost = Vec::new();
    for highlight in highlights {
        let Some(place) = &highlight.place else {
            lost.push(highlight);
            continue;
        };
        let number = match document.number_of(place.paragraph) {
            Count::Exact(n) => n.to_string(),
            Count::Estimate(n) => format!("~{n}"),
        };
        out.push('\n');
        quote(&highlight.anchor.quote, &mut out);
        let _ = writeln!(out, ">\n> — ¶ {number}, {}", highlight.colour.name());
    }
    if !lost.is_empty() {
        out.push_str("\n## Not found in this text\n");
        for highlight in lost {
            out.push('\n');
            // Lost quotes come from the state file, not from the text:
            // shown as the text would be, controls as symbols.
            quote(&sanitize_label(&highlight.anchor.quote), &mut out);
            let _ = writeln!(out, ">\n> — {}", highlight.colour.name());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::highlights::Highlights;

    #[test]
    fn quotes_numbers_and_colours_in_order_lost_ones_last() {
        let document = Document::from_bytes("livre.txt", "Un. Deux.\n\nTrois quatre.".as_bytes());
        let second = document.next(0).unwrap();
        let mut marks = Highlights::new();
        marks.mark(&document, second, 0..5);
        marks.mark(&document, second, 0..5);
        marks.mark(&document, 0, 4..9);
        let mut all = marks.all().to_vec();
        let mut gone = all[0].clone();
        gone.place = None;
        gone.anchor.quote = "Disparu.".into();
        all.push(gone);
        assert_eq!(
            markdown(&document, &all),
            "# Highlights of livre.txt\n\n> Deux.\n>\n> — ¶ 1, yellow\n\n\
             > Trois\n>\n> — ¶ 2, green\n\n## Not found in this text\n\n\
             > Disparu.\n>\n> — yellow\n"
        );
        assert!(markdown(&document, &[]).contains("No highlights."));
    }
}
