//! The inline content of one block: its text sanitized as it grows,
//! styles opened and closed over byte ranges, hard breaks, images (a
//! placeholder, or a figure when alone), and the finished block trimmed.

use std::mem;
use std::ops::Range;

use crate::document::BlockKind;
use crate::document::block::{Block, Inline, InlineStyle, Role};
use crate::document::sanitize::sanitize;

/// How far down the stack of open styles a closing tag looks for its
/// opening one: HTML tags may be left open or closed out of order, and
/// looking no deeper keeps a flood of them linear.
const CLOSE_REACH: usize = 16;

/// A block being filled with inline content: its text grows, styles open
/// and close over it.
pub(super) struct Pending {
    /// The block, its text so far.
    pub(super) block: Block,
    /// Styles opened and not yet closed, with where they started.
    open: Vec<(usize, InlineStyle)>,
    /// Whether a hard break asked for its lines to be kept.
    kept_lines: bool,
    /// Images opened and not yet closed.
    images: Vec<OpenImage>,
    /// How many images stand directly in the block, not in another's alt.
    top_images: usize,
    /// The last of those: its placeholder, and its alternative text.
    last_image: Option<(Range<usize>, Range<usize>)>,
    /// Whether HTML markup was just dropped: the space it stood between
    /// is not doubled.
    pub(super) after_markup: bool,
}

/// An image being read: where its placeholder and its alternative text
/// start, and the file it names.
struct OpenImage {
    start: usize,
    alt: usize,
    source: String,
}

/// What an inline image shows before its alternative text.
const IMAGE_OPEN: &str = "[image: ";

impl Pending {
    /// A pending block starting as `block`.
    pub(super) fn new(block: Block) -> Pending {
        Pending {
            block,
            open: Vec::new(),
            kept_lines: false,
            images: Vec::new(),
            top_images: 0,
            last_image: None,
            after_markup: false,
        }
    }

    /// Appends `text`, sanitized.
    pub(super) fn push(&mut self, text: &str) {
        let mut text = text;
        if mem::take(&mut self.after_markup) && self.block.text.ends_with(' ') {
            text = text.trim_start_matches(' ');
        }
        self.block.text.push_str(&sanitize(text));
    }

    /// Opens `style` where the text now ends.
    pub(super) fn open(&mut self, style: InlineStyle) {
        self.open.push((self.block.text.len(), style));
    }

    /// Closes the innermost open style of the kind of `style`, if near
    /// enough the top; one that covers no text is dropped.
    pub(super) fn close(&mut self, style: &InlineStyle) {
        let kind = mem::discriminant(style);
        let found = self
            .open
            .iter()
            .rev()
            .take(CLOSE_REACH)
            .position(|(_, open)| mem::discriminant(open) == kind);
        let Some(from_top) = found else {
            return;
        };
        let (start, style) = self.open.remove(self.open.len() - 1 - from_top);
        let end = self.block.text.len();
        if start < end {
            self.block.styles.push(Inline {
                range: start..end,
                style,
            });
        }
    }

    /// A hard line break: a kept line in running text, a space elsewhere.
    pub(super) fn hard_break(&mut self) {
        if matches!(self.block.role, Role::Body | Role::Note) {
            self.block.text.push('\n');
            self.kept_lines = true;
        } else {
            self.block.text.push(' ');
        }
    }

    /// Opens an image: its placeholder, then its alternative text.
    pub(super) fn open_image(&mut self, source: &str) {
        let start = self.block.text.len();
        self.block.text.push_str(IMAGE_OPEN);
        self.images.push(OpenImage {
            start,
            alt: self.block.text.len(),
            source: source.to_owned(),
        });
    }

    /// Closes the innermost image: an empty alternative text shows the
    /// file's name.
    pub(super) fn close_image(&mut self) {
        let Some(image) = self.images.pop() else {
            return;
        };
        if self.block.text[image.alt..].trim().is_empty() {
            let name = file_name(&image.source);
            self.push(name);
        }
        let alt = image.alt..self.block.text.len();
        self.block.text.push(']');
        if self.images.is_empty() {
            self.top_images += 1;
            self.last_image = Some((image.start..self.block.text.len(), alt));
        }
    }

    /// The finished block: styles closed and sorted, prose on one line,
    /// text trimmed, a lone image made a figure.
    pub(super) fn finish(mut self) -> Block {
        let end = self.block.text.len();
        for (start, style) in self.open.drain(..) {
            if start < end {
                let range = start..end;
                self.block.styles.push(Inline { range, style });
            }
        }
        if self.kept_lines && self.block.kind == BlockKind::Prose {
            self.block.kind = BlockKind::Preformatted;
        }
        if self.block.kind == BlockKind::Prose && self.block.text.contains('\n') {
            // Same length: the ranges still hold.
            self.block.text = self.block.text.replace('\n', " ");
        }
        self.make_figure();
        if self.block.role == Role::Code {
            trim(&mut self.block, |c| c == '\n');
        } else {
            trim(&mut self.block, char::is_whitespace);
        }
        self.block.styles.sort_by_key(|inline| inline.range.start);
        self.block
    }

    /// A block of running text that is one image and nothing else becomes
    /// a figure showing its alternative text.
    fn make_figure(&mut self) {
        let Some((image, alt)) = self.last_image.clone() else {
            return;
        };
        let text = &self.block.text;
        let alone = self.top_images == 1
            && text[..image.start].trim().is_empty()
            && text[image.end..].trim().is_empty();
        if !alone || !matches!(self.block.role, Role::Body | Role::Note) {
            return;
        }
        self.block.text = text[alt.clone()].to_owned();
        let length = self.block.text.len();
        self.block.styles.retain_mut(|inline| {
            let range = &mut inline.range;
            if range.start <= image.start && range.end >= image.end {
                *range = 0..length;
            } else if range.start >= alt.start && range.end <= alt.end {
                *range = range.start - alt.start..range.end - alt.start;
            } else {
                return false;
            }
            range.start < range.end
        });
        self.block.role = Role::Figure;
        self.block.kind = BlockKind::Prose;
        if self.block.text.contains('\n') {
            self.block.text = self.block.text.replace('\n', " ");
        }
    }
}

/// Trims the characters `strip` accepts from both ends of a block's text,
/// moving its styles with the text and dropping those left empty.
fn trim(block: &mut Block, strip: fn(char) -> bool) {
    let text = &block.text;
    let start = text.len() - text.trim_start_matches(strip).len();
    let end = start + text[start..].trim_end_matches(strip).len();
    if start == 0 && end == text.len() {
        return;
    }
    block.text = text[start..end].to_owned();
    block.styles.retain_mut(|inline| {
        let range = &mut inline.range;
        *range = range.start.clamp(start, end) - start..range.end.clamp(start, end) - start;
        range.start < range.end
    });
}

/// The file name at the end of an image's address, or `image`.
fn file_name(source: &str) -> &str {
    let path = source.split(['?', '#']).next().unwrap_or_default();
    match path.trim_end_matches('/').rsplit('/').next() {
        Some(name) if !name.trim().is_empty() => name,
        _ => "image",
    }
}

#[cfg(test)]
mod tests {
    use crate::document::BlockKind;
    use crate::document::block::{InlineStyle, Role};
    use crate::document::format::markdown::read;
    use crate::document::format::markdown::tests::{blocks, spans};

    #[test]
    fn emphasis_ranges_cover_the_right_words() {
        let block = &blocks("Some *soft* and **bold** `co de` ~~gone~~ ***both*** end")[0];
        assert_eq!(block.text, "Some soft and bold co de gone both end");
        let mut got = spans(block);
        // Two styles over one word come in either order.
        got.sort_by_key(|(word, style)| (word.as_ptr(), format!("{style:?}")));
        assert_eq!(
            got,
            [
                ("soft", InlineStyle::Emphasis),
                ("bold", InlineStyle::Strong),
                ("co de", InlineStyle::Code),
                ("gone", InlineStyle::Strike),
                ("both", InlineStyle::Emphasis),
                ("both", InlineStyle::Strong),
            ]
        );
    }

    #[test]
    fn ranges_are_byte_ranges_over_wide_characters() {
        let block = &blocks("  Été *très* chaud — **漢字**  ")[0];
        assert_eq!(block.text, "Été très chaud — 漢字");
        assert_eq!(
            spans(block),
            [
                ("très", InlineStyle::Emphasis),
                ("漢字", InlineStyle::Strong)
            ]
        );
    }

    #[test]
    fn links_keep_their_target_and_fragments_resolve() {
        let doc =
            read("See [Rust](https://rust-lang.org) or [below](#install-it).\n\n## Install it!\n");
        let block = &doc.blocks[0];
        assert_eq!(block.text, "See Rust or below.");
        assert_eq!(
            spans(block),
            [
                ("Rust", InlineStyle::Link("https://rust-lang.org".into())),
                ("below", InlineStyle::Link("#install-it".into())),
            ]
        );
        assert_eq!(doc.blocks[1].anchors, ["install-it"]);
    }

    #[test]
    fn hard_breaks_keep_the_lines_of_verse() {
        let block = &blocks("Roses are *red*,  \nViolets are blue\\\nSugar is sweet\n")[0];
        assert_eq!(
            block.text,
            "Roses are red,\nViolets are blue\nSugar is sweet"
        );
        assert_eq!(block.kind, BlockKind::Preformatted);
        assert_eq!(spans(block), [("red", InlineStyle::Emphasis)]);
        let soft = &blocks("one\ntwo")[0];
        assert_eq!(
            (soft.text.as_str(), soft.kind),
            ("one two", BlockKind::Prose)
        );
    }

    #[test]
    fn images_show_their_alternative_text() {
        let doc = read(
            "![A cat](img/cat.png)\n\nSee ![](pics/dog.jpg?x=1) and [![badge](b.svg)](https://ci)\n",
        );
        assert_eq!(doc.blocks[0].text, "A cat");
        assert_eq!(doc.blocks[0].role, Role::Figure);
        let inline = &doc.blocks[1];
        assert_eq!(inline.text, "See [image: dog.jpg] and [image: badge]");
        assert_eq!(inline.role, Role::Body);
        assert_eq!(
            spans(inline),
            [("[image: badge]", InlineStyle::Link("https://ci".into()))]
        );
        let linked = &blocks("[![Build status](x.svg)](https://ci)")[0];
        assert_eq!(linked.role, Role::Figure);
        assert_eq!(
            spans(linked),
            [("Build status", InlineStyle::Link("https://ci".into()))]
        );
    }
}
