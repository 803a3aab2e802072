//! The walk itself: its state, and the single pass over the tree, with an
//! explicit stack, that hands each node to its part and undoes what an
//! element set when the walk leaves it.

use dom_query::NodeRef;

use super::elements::{BlockElement, Script, Treatment, local, treatment};
use super::inline::{link_target, scripted};
use super::lists::List;
use crate::document::block::{Block, Inline, InlineStyle, Role};

/// What surrounds the text being read: it sets the blocks made there.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Context {
    /// The role of blocks made here.
    pub(super) role: Role,
    /// Block quotes around.
    pub(super) quote: u8,
    /// Lists around.
    pub(super) list: u8,
    /// Inside `pre`: text kept verbatim.
    pub(super) pre: bool,
    /// Inside a footnote or endnote.
    pub(super) note: bool,
    /// Superscript or subscript characters.
    pub(super) script: Script,
    /// Inside a `sup` or `sub`.
    scripted: bool,
    /// Inside a group of verse lines.
    pub(super) verse: bool,
}

/// What to undo when the walk leaves an element.
#[derive(Debug, Clone, Copy)]
pub(super) struct Frame {
    /// The context before the element.
    saved: Context,
    /// It was a block: end the block being built.
    pub(super) block: bool,
    /// It opened an inline style: close it.
    pub(super) inline: bool,
    /// It opened a list: close it.
    pub(super) list: bool,
    /// It was a list item: its marker goes if nothing took it.
    pub(super) item: bool,
    /// It was a line of verse: a new line follows it.
    pub(super) line: bool,
}

/// One step of the walk.
enum Step<'a> {
    /// Read this node (and push its children).
    Enter(NodeRef<'a>),
    /// Leave an element.
    Leave(Frame),
}

/// An inline style opened and not closed yet.
#[derive(Debug)]
pub(super) struct Open {
    /// The style, or `None` for a link that is no link (`javascript:`).
    pub(super) style: Option<InlineStyle>,
    /// Where it starts in the block's text.
    pub(super) start: usize,
}

/// The walk's state: the blocks made, and the one being built.
#[derive(Default)]
pub(super) struct Walker {
    /// Blocks made so far.
    pub(super) blocks: Vec<Block>,
    /// The text of the block being built.
    pub(super) text: String,
    /// Its styles closed so far.
    pub(super) styles: Vec<Inline>,
    /// Anchors waiting for a block with text.
    pub(super) anchors: Vec<String>,
    /// The marker of the list item whose first block is not made yet.
    pub(super) marker: Option<String>,
    /// White space read and not written yet.
    pub(super) space: bool,
    /// The display column in a preformatted block's current line.
    pub(super) column: usize,
    /// The block being built has line breaks (`<br>`).
    pub(super) broken: bool,
    /// Styles open.
    pub(super) open: Vec<Open>,
    /// Lists open.
    pub(super) lists: Vec<List>,
    /// Where the walk stands.
    pub(super) context: Context,
    /// Reading a table cell: tables inside are read as running text.
    pub(super) in_cell: bool,
}

impl Walker {
    /// Walks `root` and everything inside it.
    pub(super) fn walk<'a>(&mut self, root: NodeRef<'a>) {
        let mut stack = vec![Step::Enter(root)];
        while let Some(step) = stack.pop() {
            match step {
                Step::Leave(frame) => self.leave(frame),
                Step::Enter(node) => {
                    if let Some(frame) = self.enter(&node) {
                        stack.push(Step::Leave(frame));
                        stack.extend(node.children_it(true).map(Step::Enter));
                    }
                }
            }
        }
    }

    /// Reads one node; returns the frame to leave it by when its children
    /// are to be read.
    fn enter(&mut self, node: &NodeRef<'_>) -> Option<Frame> {
        if node.is_text() {
            self.push_text(&node.text());
            return None;
        }
        if node.is_document() || node.is_fragment() {
            return Some(self.frame());
        }
        let name = node.node_name()?.to_ascii_lowercase();
        let mut treatment = treatment(node, local(&name));
        if self.in_cell && treatment == Treatment::Table {
            treatment = Treatment::Transparent;
        }
        if self.in_cell && matches!(local(&name), "td" | "th" | "tr") {
            self.space = true;
        }
        if treatment == Treatment::Drop {
            return None;
        }
        if let Treatment::Block(element) = treatment
            && self.context.verse
            && matches!(element, BlockElement::Plain | BlockElement::Verse)
        {
            // A line, or a stanza (a blank line before it).
            self.new_line();
            if element == BlockElement::Verse {
                self.blank_line();
            }
            self.take_ids(node);
            let mut frame = self.frame();
            frame.line = true;
            return Some(frame);
        }
        if let Treatment::Block(element) = treatment
            && !self.context.pre
        {
            self.end_block();
            self.take_ids(node);
            return Some(self.open_block(node, element));
        }
        self.take_ids(node);
        let mut frame = self.frame();
        match treatment {
            Treatment::Styled(style) => self.open_style(&mut frame, Some(style.style())),
            Treatment::Link => {
                let style = node
                    .attr("href")
                    .and_then(|href| link_target(&href))
                    .map(InlineStyle::Link);
                self.open_style(&mut frame, style);
            }
            Treatment::Script(script) => {
                // Only the outermost is looked at: nested ones cost nothing.
                if !self.context.scripted {
                    self.context.scripted = true;
                    if node.text().chars().all(|c| scripted(c, script).is_some()) {
                        self.context.script = script;
                    }
                }
            }
            Treatment::Break => {
                self.line_break();
                return None;
            }
            Treatment::Rule => {
                self.rule();
                return None;
            }
            Treatment::Image => {
                self.image(node);
                return None;
            }
            Treatment::Math => {
                self.math(node);
                return None;
            }
            Treatment::Table => {
                self.table(node);
                return None;
            }
            Treatment::Block(_) | Treatment::Transparent | Treatment::Drop => {}
        }
        Some(frame)
    }

    /// A frame that restores the current context and does nothing else.
    pub(super) fn frame(&self) -> Frame {
        Frame {
            saved: self.context,
            block: false,
            inline: false,
            list: false,
            item: false,
            line: false,
        }
    }

    /// Leaves an element: closes what it opened, restores the context.
    fn leave(&mut self, frame: Frame) {
        if frame.inline
            && let Some(open) = self.open.pop()
        {
            self.close_style(open);
        }
        if frame.block {
            self.end_block();
        }
        if frame.line {
            self.new_line();
        }
        if frame.list {
            self.lists.pop();
        }
        if frame.item {
            self.marker = None;
        }
        self.context = frame.saved;
    }

    /// Ends the walk: the last block, and anchors nothing followed go to
    /// the last block.
    pub(super) fn finish(mut self) -> Vec<Block> {
        self.end_block();
        if !self.anchors.is_empty()
            && let Some(last) = self.blocks.last_mut()
        {
            last.anchors.append(&mut self.anchors);
        }
        self.blocks
    }
}
