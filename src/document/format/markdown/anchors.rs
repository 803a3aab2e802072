//! The anchors Markdown makes: GitHub's slugs for headings (numbered when
//! repeated), and footnotes' anchors and the references that link to them.

use super::Reader;
use crate::document::block::InlineStyle;
use crate::document::sanitize::sanitize_label;

impl Reader {
    /// The slug of a heading, numbered as GitHub does when repeated.
    pub(super) fn unique_slug(&mut self, text: &str) -> String {
        let slug = slug(text);
        let seen = self.slugs.entry(slug.clone()).or_insert(0);
        let unique = if *seen == 0 {
            slug
        } else {
            format!("{slug}-{seen}")
        };
        *seen += 1;
        unique
    }

    /// A footnote reference: its label, visible, linking to the note.
    pub(super) fn footnote_reference(&mut self, label: &str) {
        let style = InlineStyle::Link(format!("#{}", note_anchor(label)));
        self.styled(&format!("[{}]", sanitize_label(label)), style);
    }
}

/// The anchor of the footnote labelled `label`.
pub(super) fn note_anchor(label: &str) -> String {
    format!("fn-{}", sanitize_label(label))
}

/// GitHub's anchor for a heading: lower case, spaces as `-`, punctuation
/// dropped (letters, digits, marks, `-` and `_` stay).
fn slug(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            _ if c.is_alphanumeric() => Some(c),
            _ if !c.is_ascii() && !is_punctuation(c) && !c.is_whitespace() => Some(c),
            _ => None,
        })
        .collect()
}

/// Whether `c`, beyond ASCII, is punctuation or a symbol GitHub drops from
/// a slug: Latin-1's, the general punctuation block, CJK punctuation,
/// arrows and the like, emoji.
fn is_punctuation(c: char) -> bool {
    matches!(c,
        '\u{a1}'..='\u{bf}' | '\u{d7}' | '\u{f7}'
        | '\u{2000}'..='\u{2bff}'
        | '\u{3000}'..='\u{303f}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff01}'..='\u{ff0f}'
        | '\u{1f000}'..='\u{1faff}')
}

#[cfg(test)]
mod tests {
    use crate::document::block::{InlineStyle, Role};
    use crate::document::format::markdown::read;
    use crate::document::format::markdown::tests::spans;

    #[test]
    fn slugs_follow_github_and_repeat_with_a_number() {
        let doc = read("# What's New? (v2.0)\n\n# Notes\n\n# Notes\n\n# Café à Paris\n");
        let anchors: Vec<&str> = doc.blocks.iter().map(|b| b.anchors[0].as_str()).collect();
        assert_eq!(
            anchors,
            ["whats-new-v20", "notes", "notes-1", "café-à-paris"]
        );
    }

    #[test]
    fn footnotes_are_marked_and_become_notes() {
        let doc = read("Claim[^src] here.\n\n[^src]: The *source*.\n\n    more of it\n");
        let claim = &doc.blocks[0];
        assert_eq!(claim.text, "Claim[src] here.");
        assert_eq!(
            spans(claim),
            [("[src]", InlineStyle::Link("#fn-src".into()))]
        );
        let note = &doc.blocks[1];
        assert_eq!(note.role, Role::Note);
        assert_eq!(note.anchors, ["fn-src"]);
        assert_eq!(note.text, "[src] The source.");
        assert_eq!(spans(note), [("source", InlineStyle::Emphasis)]);
    }
}
