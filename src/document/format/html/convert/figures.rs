//! Figures and formulas: images by their alternative text (or file name)
//! and MathML by its `alttext` (or text), as blocks of their own or inline.

use dom_query::NodeRef;

use super::clean_line;
use super::walker::Walker;
use crate::document::BlockKind;
use crate::document::block::Role;

impl Walker {
    /// An image: a figure block, or `[image: alt]` inside running text.
    pub(super) fn image(&mut self, node: &NodeRef<'_>) {
        let alt = node.attr("alt").map(|a| clean_line(&a)).unwrap_or_default();
        let label = if alt.is_empty() {
            node.attr("src")
                .map(|src| clean_line(file_name(&src)))
                .unwrap_or_default()
        } else {
            alt
        };
        let text = if label.is_empty() {
            "[image]".to_owned()
        } else {
            format!("[image: {label}]")
        };
        self.own_block_or_inline(text, Role::Figure);
    }

    /// MathML: its `alttext`, or its text; a block of its own when it is
    /// displayed as one or stands alone, else inline.
    pub(super) fn math(&mut self, node: &NodeRef<'_>) {
        // Some books give every formula the same placeholder.
        let alt = node
            .attr("alttext")
            .map(|a| clean_line(&a))
            .filter(|a| !a.is_empty() && !a.to_ascii_lowercase().contains("not available"));
        let text = alt.unwrap_or_else(|| clean_line(&node.text()));
        if text.is_empty() {
            return;
        }
        let display = node.attr("display").is_some_and(|d| &*d == "block");
        if display {
            self.end_block();
            let block = self.new_block(text, Role::Math, BlockKind::Prose);
            self.blocks.push(block);
        } else {
            self.push_inline_text(&text);
        }
    }

    /// `text` as a block of its own with `role` when nothing is written in
    /// the current block, else inline where it stands.
    fn own_block_or_inline(&mut self, text: String, role: Role) {
        if self.text.is_empty() && !self.context.pre {
            self.space = false;
            let block = self.new_block(text, role, BlockKind::Prose);
            self.blocks.push(block);
        } else {
            self.push_inline_text(&text);
        }
    }
}

/// The last segment of a path or URL (what follows the last `/`, before
/// any `?` or `#`).
fn file_name(src: &str) -> &str {
    let path = src.split(['?', '#']).next().unwrap_or(src);
    path.rsplit('/').next().unwrap_or(path)
}
