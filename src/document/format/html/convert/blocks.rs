//! Blocks and how they nest: opening a block element (heading, `pre`,
//! quote, list, item, term, note, verse), making a block with the
//! context's nesting and the anchors waiting, and ending the block being
//! built, trimmed.

use std::mem;

use dom_query::NodeRef;

use super::clean_line;
use super::elements::{BlockElement, local};
use super::lists::new_list;
use super::walker::{Frame, Walker};
use crate::document::BlockKind;
use crate::document::block::{Block, Inline, Role};

impl Walker {
    /// Opens a block element: ends nothing (the caller did), sets the
    /// context its blocks are made in.
    pub(super) fn open_block(&mut self, node: &NodeRef<'_>, element: BlockElement) -> Frame {
        let mut frame = self.frame();
        frame.block = true;
        let context = &mut self.context;
        match element {
            BlockElement::Heading(level) => context.role = Role::Heading(level),
            BlockElement::Pre => {
                context.pre = true;
                context.role = Role::Code;
                self.column = 0;
            }
            BlockElement::Quote => context.quote = context.quote.saturating_add(1),
            BlockElement::List { ordered } => {
                context.list = context.list.saturating_add(1);
                self.marker = None;
                self.lists.push(new_list(node, ordered));
                frame.list = true;
            }
            BlockElement::Item => {
                frame.item = true;
                context.list = context.list.max(1);
                self.marker = Some(self.next_marker(node));
            }
            BlockElement::Term => context.role = Role::Term,
            BlockElement::Definition => context.list = context.list.saturating_add(1),
            BlockElement::Note => context.note = true,
            BlockElement::Verse => context.verse = true,
            BlockElement::Plain => {}
        }
        frame
    }

    /// Takes the `id` (and, on `a`, the `name`) of an element as anchors.
    pub(super) fn take_ids(&mut self, node: &NodeRef<'_>) {
        let name = node.node_name().is_some_and(|n| local(&n) == "a");
        let ids = [Some("id"), name.then_some("name")];
        for attribute in ids.into_iter().flatten() {
            if let Some(value) = node.attr(attribute) {
                let value = clean_line(&value);
                if !value.is_empty() && !self.anchors.contains(&value) {
                    self.anchors.push(value);
                }
            }
        }
    }

    /// A thematic break: a block of its own.
    pub(super) fn rule(&mut self) {
        self.end_block();
        let block = self.new_block(String::new(), Role::Rule, BlockKind::Prose);
        self.blocks.push(block);
    }

    /// A block made here with `text`: it takes the waiting anchors and
    /// marker and the context's nesting.
    pub(super) fn new_block(&mut self, text: String, role: Role, kind: BlockKind) -> Block {
        Block {
            text,
            kind,
            role,
            quote: self.context.quote,
            list: self.context.list,
            marker: self.marker.take(),
            styles: Vec::new(),
            anchors: mem::take(&mut self.anchors),
        }
    }

    /// Ends the block being built: trimmed, kept when it has text.
    pub(super) fn end_block(&mut self) {
        let mut text = mem::take(&mut self.text);
        let mut styles = mem::take(&mut self.styles);
        // Styles still open cover what is written, and go on in the next
        // block from its start.
        let end = text.len();
        for open in &mut self.open {
            if let Some(style) = &open.style
                && open.start < end
            {
                styles.push(Inline {
                    range: open.start..end,
                    style: style.clone(),
                });
            }
            open.start = 0;
        }
        self.space = false;
        self.column = 0;
        let broken = mem::take(&mut self.broken);
        let pre = self.context.pre;
        trim(&mut text, &mut styles, pre);
        if text.is_empty() {
            return;
        }
        styles.sort_by_key(|inline| inline.range.start);
        let kind = if pre || broken && text.contains('\n') {
            BlockKind::Preformatted
        } else {
            BlockKind::Prose
        };
        let role = match self.context.role {
            Role::Body if self.context.note => Role::Note,
            role => role,
        };
        let mut block = self.new_block(text, role, kind);
        block.styles = styles;
        self.blocks.push(block);
    }
}

/// Trims a block's text (white space at both ends; in `pre`, blank lines
/// at the start and white space at the end) and moves its styles with
/// it, dropping those left empty.
fn trim(text: &mut String, styles: &mut Vec<Inline>, pre: bool) {
    let end = text.trim_end().len();
    let start = if pre {
        // Blank lines go; the indentation of the first line stays.
        end - text[..end].trim_start_matches('\n').len()
    } else {
        end - text[..end].trim_start().len()
    };
    text.truncate(end);
    text.drain(..start);
    styles.retain_mut(|inline| {
        inline.range.start = inline.range.start.clamp(start, end) - start;
        inline.range.end = inline.range.end.clamp(start, end) - start;
        inline.range.start < inline.range.end
    });
}
