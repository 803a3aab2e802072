//! Blocks and where they nest: paragraphs and headings begun and kept,
//! quotes and lists (their depth, markers and task boxes), code blocks,
//! rules; and the block that inline content goes to.

use std::mem;

use super::Reader;
use super::inline::Pending;
use crate::document::BlockKind;
use crate::document::block::{Block, InlineStyle, Role};
use crate::document::format::bullet;
use crate::document::sanitize::sanitize;

/// A nesting count as a block stores it, saturated at `u8::MAX`.
fn depth(count: usize) -> u8 {
    u8::try_from(count).unwrap_or(u8::MAX)
}

impl Reader {
    /// The role of running text here: a note inside a footnote.
    pub(super) fn body_role(&self) -> Role {
        if self.notes > 0 {
            Role::Note
        } else {
            Role::Body
        }
    }

    /// The marker of the next item of the innermost list, counting it.
    pub(super) fn item_marker(&mut self) -> String {
        let level = self.lists.len();
        match self.lists.last_mut() {
            Some(Some(number)) => {
                let marker = format!("{number}.");
                *number = number.saturating_add(1);
                marker
            }
            _ => bullet(level).to_owned(),
        }
    }

    /// A new block at the current nesting, taking the waiting marker and
    /// anchors (a footnote's label is shown by the first block only).
    pub(super) fn new_block(&mut self, role: Role, kind: BlockKind) -> Block {
        self.note = None;
        Block {
            role,
            kind,
            quote: depth(self.quotes),
            list: depth(self.lists.len()),
            marker: self.marker.take(),
            anchors: mem::take(&mut self.anchors),
            ..Block::default()
        }
    }

    /// Ends the pending block and starts one of running text with `role`.
    pub(super) fn begin(&mut self, role: Role) {
        self.flush();
        let label = self.note.take();
        let block = self.new_block(role, BlockKind::Prose);
        let mut pending = Pending::new(block);
        if let Some(label) = label {
            pending.push(&format!("[{label}] "));
        }
        self.pending = Some(pending);
    }

    /// The block inline content goes to, begun as running text if none is.
    pub(super) fn pending_mut(&mut self) -> &mut Pending {
        if self.pending.is_none() {
            self.begin(self.body_role());
        }
        self.pending
            .get_or_insert_with(|| Pending::new(Block::default()))
    }

    /// Ends the pending block, keeping it unless it is empty.
    pub(super) fn flush(&mut self) {
        if let Some(pending) = self.pending.take() {
            let block = pending.finish();
            self.keep(block);
        }
    }

    /// Adds a finished block; an empty one hands its marker and anchors on
    /// to the next block instead.
    pub(super) fn keep(&mut self, mut block: Block) {
        if block.text.is_empty() && block.role != Role::Rule {
            self.anchors.append(&mut block.anchors);
            if self.marker.is_none() {
                self.marker = block.marker;
            }
            return;
        }
        if let Role::Heading(level) = block.role {
            let slug = self.unique_slug(&block.text);
            if !slug.is_empty() {
                block.anchors.push(slug);
            }
            if level == 1 && self.title.is_none() {
                self.title = Some(block.text.clone());
            }
        }
        self.blocks.push(block);
    }

    /// Text: verbatim into a code or HTML block, sanitized into a block.
    pub(super) fn text(&mut self, text: &str) {
        if let Some(code) = &mut self.code {
            code.push_str(text);
        } else if let Some(html) = &mut self.html {
            html.push_str(text);
        } else {
            self.pending_mut().push(text);
        }
    }

    /// Text under one style of its own (inline code).
    pub(super) fn styled(&mut self, text: &str, style: InlineStyle) {
        let pending = self.pending_mut();
        pending.open(style.clone());
        pending.push(text);
        pending.close(&style);
    }

    /// Opens an inline style in the pending block.
    pub(super) fn open(&mut self, style: InlineStyle) {
        self.pending_mut().open(style);
    }

    /// Closes the innermost open style of the kind of `style`.
    pub(super) fn close(&mut self, style: &InlineStyle) {
        if let Some(pending) = &mut self.pending {
            pending.close(style);
        }
    }

    /// A hard line break: kept as a line of its own in running text.
    pub(super) fn hard_break(&mut self) {
        self.pending_mut().hard_break();
    }

    /// A thematic break.
    pub(super) fn rule(&mut self) {
        self.flush();
        let block = self.new_block(Role::Rule, BlockKind::Prose);
        self.keep(block);
    }

    /// A task list item's box: it replaces the item's bullet.
    pub(super) fn task(&mut self, done: bool) {
        let symbol = if done { "☑" } else { "☐" };
        match &mut self.pending {
            Some(pending) if pending.block.marker.is_some() => {
                pending.block.marker = Some(symbol.to_owned());
            }
            _ => self.marker = Some(symbol.to_owned()),
        }
    }

    /// Ends a code block: its text verbatim, less its final line ends.
    pub(super) fn end_code(&mut self) {
        let raw = self.code.take().unwrap_or_default();
        let mut block = self.new_block(Role::Code, BlockKind::Preformatted);
        block.text = sanitize(&raw).trim_end_matches('\n').to_owned();
        if block.text.trim().is_empty() {
            block.text.clear();
        }
        self.keep(block);
    }
}

#[cfg(test)]
mod tests {
    use crate::document::BlockKind;
    use crate::document::block::Role;
    use crate::document::format::markdown::read;
    use crate::document::format::markdown::tests::blocks;

    #[test]
    fn atx_and_setext_headings_are_headings_with_anchors() {
        let doc = read("# The *Title* #\n\nSetext Two\n----------\nbody\n\n### Third\n");
        let got: Vec<(&str, Role)> = doc
            .blocks
            .iter()
            .map(|block| (block.text.as_str(), block.role))
            .collect();
        assert_eq!(
            got,
            [
                ("The Title", Role::Heading(1)),
                ("Setext Two", Role::Heading(2)),
                ("body", Role::Body),
                ("Third", Role::Heading(3)),
            ]
        );
        assert_eq!(doc.blocks[0].anchors, ["the-title"]);
        assert_eq!(doc.blocks[1].anchors, ["setext-two"]);
        assert_eq!(doc.metadata.title.as_deref(), Some("The Title"));
        assert!(doc.toc.is_empty());
        assert_eq!(read("## Two\n\ntext").metadata.title, None);
    }

    #[test]
    fn code_blocks_are_verbatim_with_their_blank_lines() {
        let doc = read(
            "```rust\nfn a() {\n\n\tb(); // *not* emphasis\n}\n\n```\n\n    indented\n      more\n",
        );
        let code = &doc.blocks[0];
        assert_eq!(code.text, "fn a() {\n\n        b(); // *not* emphasis\n}");
        assert_eq!(
            (code.role, code.kind),
            (Role::Code, BlockKind::Preformatted)
        );
        assert!(code.styles.is_empty());
        assert_eq!(doc.blocks[1].text, "indented\n  more");
        assert_eq!(doc.blocks[1].role, Role::Code);
        assert_eq!(doc.blocks.len(), 2);
    }

    #[test]
    fn nested_lists_carry_depth_and_markers() {
        let doc = read(
            "3. three\n4. four\n   - inner\n     - deeper\n       - deepest\n\n\
             * loose\n\n  second paragraph\n* next\n",
        );
        let got: Vec<(&str, u8, Option<&str>)> = doc
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.list, b.marker.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("three", 1, Some("3.")),
                ("four", 1, Some("4.")),
                ("inner", 2, Some("◦")),
                ("deeper", 3, Some("▪")),
                ("deepest", 4, Some("▪")),
                ("loose", 1, Some("•")),
                ("second paragraph", 1, None),
                ("next", 1, Some("•")),
            ]
        );
    }

    #[test]
    fn task_items_show_their_box() {
        for text in ["- [ ] todo\n- [x] done\n", "- [ ] todo\n\n- [x] done\n"] {
            let got: Vec<(String, Option<String>)> = blocks(text)
                .into_iter()
                .map(|b| (b.text, b.marker))
                .collect();
            assert_eq!(
                got,
                [
                    ("todo".into(), Some("☐".into())),
                    ("done".into(), Some("☑".into()))
                ],
                "{text:?}"
            );
        }
    }

    #[test]
    fn quotes_carry_their_depth_and_inner_roles() {
        let doc = read("> a\n>\n> > ## b\n> > - c\n\nd\n");
        let got: Vec<(&str, u8, Role, u8)> = doc
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.quote, b.role, b.list))
            .collect();
        assert_eq!(
            got,
            [
                ("a", 1, Role::Body, 0),
                ("b", 2, Role::Heading(2), 0),
                ("c", 2, Role::Body, 1),
                ("d", 0, Role::Body, 0),
            ]
        );
    }

    #[test]
    fn a_rule_is_an_empty_rule_block() {
        let doc = read("a\n\n---\n\nb\n");
        assert_eq!(doc.blocks[1].role, Role::Rule);
        assert_eq!(doc.blocks[1].text, "");
        assert_eq!(doc.blocks.len(), 3);
    }
}
