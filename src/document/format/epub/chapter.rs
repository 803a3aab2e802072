//! One chapter, from its bytes to blocks: its anchors and links renamed
//! for the whole book, an unreadable one shown as such; all the chapters
//! converted on every core.

use std::sync::atomic::{AtomicUsize, Ordering};

use dom_query::NodeRef;

use super::links::{folder, internal_link};
use super::package::Item;
use super::xml::decode;
use crate::document::block::{Block, InlineStyle};
use crate::document::format::html::convert::{
    blocks_from_node, clean_line, document_language, parse_xhtml,
};

/// A chapter converted: its blocks, and the language it declares.
pub(super) type Chapter = (Vec<Block>, Option<String>);

/// A chapter's blocks and the language it declares, for each chapter
/// (`None`: it could not be read), in order; converted on as many threads
/// as there are cores, each taking the next chapter not yet taken.
pub(super) fn convert_all(spine: &[Item], chapters: &[Option<Vec<u8>>]) -> Vec<Chapter> {
    let convert_at = |index: usize| convert(&spine[index], chapters[index].as_deref());
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(chapters.len());
    if workers <= 1 {
        return (0..chapters.len()).map(convert_at).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, Chapter)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        if index >= chapters.len() {
                            return mine;
                        }
                        mine.push((index, convert_at(index)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            // A worker that panicked loses its chapters: they are
            // converted again below, on this thread.
            .flat_map(|handle| handle.join().unwrap_or_default())
            .collect()
    });
    done.sort_by_key(|(index, _)| *index);
    let mut out = Vec::with_capacity(chapters.len());
    let mut done = done.into_iter().peekable();
    for index in 0..chapters.len() {
        match done.next_if(|(at, _)| *at == index) {
            Some((_, chapter)) => out.push(chapter),
            None => out.push(convert_at(index)),
        }
    }
    out
}

/// The chapter `item` whose bytes are `bytes` (`None`: unreadable),
/// converted.
pub(super) fn convert(item: &Item, bytes: Option<&[u8]>) -> Chapter {
    match bytes {
        Some(bytes) => {
            let document = parse_xhtml(&decode(bytes));
            let language = document_language(&document);
            (chapter_blocks(document.root(), &item.path), language)
        }
        None => (vec![unreadable(&item.path)], None),
    }
}

/// The block that stands for a chapter that could not be read.
fn unreadable(path: &str) -> Block {
    Block::body(format!("[unreadable: {}]", clean_line(path)))
}

/// A chapter's blocks, with its anchors named `"{path}#{id}"` and its links
/// rewritten to name anchors of the book.
fn chapter_blocks(root: NodeRef<'_>, path: &str) -> Vec<Block> {
    let mut blocks = blocks_from_node(root);
    let folder = folder(path);
    for block in &mut blocks {
        for anchor in &mut block.anchors {
            *anchor = format!("{path}#{anchor}");
        }
        for inline in &mut block.styles {
            if let InlineStyle::Link(target) = &mut inline.style
                && let Some(inside) = internal_link(folder, path, target)
            {
                *target = inside;
            }
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use crate::document::format::epub::read;
    use crate::document::format::epub::tests::{check, epub3};

    #[test]
    fn corrupt_chapter_is_shown_unreadable() {
        let mut bytes = epub3();
        // Spoil the deflated data of the second chapter.
        let name = b"OEBPS/text/chapter two.xhtml";
        let at = bytes.windows(name.len()).position(|w| w == name).unwrap() + name.len();
        for byte in &mut bytes[at..at + 40] {
            *byte ^= 0x55;
        }
        let book = read("x", &bytes).unwrap();
        check(&book);
        assert!(
            book.blocks
                .iter()
                .any(|b| b.text == "[unreadable: OEBPS/text/chapter two.xhtml]")
        );
    }
}
