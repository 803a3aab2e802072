//! Where splitting can start: any point of a file, giant blocks cut at
//! fixed multiples.

use memchr::memchr2;

use super::{BLOCK_LIMIT, Fences};
use crate::document::BlockKind;
use crate::document::lines::{
    Cleaning, is_blank, is_page_break, line_from_bounded, line_start_after,
};

/// One paragraph's place in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First byte: the paragraph's identity.
    pub start: usize,
    /// One past the last byte of its last line's content.
    pub end: usize,
    /// How it is laid out.
    pub kind: BlockKind,
    /// Whether it continues a line cut at [`BLOCK_LIMIT`]: no blank line is
    /// drawn before it.
    pub continues: bool,
}

/// A point where splitting can start, and whether it lies inside a giant
/// block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Restart {
    /// The byte.
    pub pos: usize,
    /// Whether the block around it is cut into pieces.
    pub giant: bool,
}

/// The first byte of the first piece after `pos` of a giant block: the
/// first line start at or after the next multiple of [`BLOCK_LIMIT`], or
/// that multiple itself (on a character boundary) inside a longer line.
pub(super) fn cut_after(src: &[u8], pos: usize) -> usize {
    let multiple = (pos / BLOCK_LIMIT + 1).saturating_mul(BLOCK_LIMIT);
    cut_point(src, multiple)
}

fn cut_point(src: &[u8], at: usize) -> usize {
    if at >= src.len() {
        return src.len();
    }
    let start = line_start_after(src, at, at.saturating_sub(BLOCK_LIMIT));
    if start == Some(at) {
        return at;
    }
    let limit = src.len().min(at + BLOCK_LIMIT);
    let end = memchr2(b'\n', b'\r', &src[at..limit]).map(|i| at + i);
    match (start, end) {
        // A short line: the piece starts after it.
        (Some(start), Some(end)) if end - start <= BLOCK_LIMIT => {
            if src[end] == b'\r' && src.get(end + 1) == Some(&b'\n') {
                end + 2
            } else {
                end + 1
            }
        }
        _ => {
            let mut at = at;
            while at < src.len() && src[at] & 0xC0 == 0x80 {
                at += 1;
            }
            at
        }
    }
}

/// Where to start splitting to find the paragraph that holds `pos` (or,
/// between paragraphs, the one before it).
pub fn restart_before(
    src: &[u8],
    base: usize,
    fences: &Fences,
    how: Cleaning,
    pos: usize,
) -> Restart {
    let pos = pos.clamp(base, src.len());
    let plain = |pos| Restart { pos, giant: false };
    if let Some(region) = fences.region_at(pos) {
        return plain(region.start);
    }
    let boundary = fences.last_end_before(pos).unwrap_or(base).max(base);
    let window = pos.saturating_sub(2 * BLOCK_LIMIT);
    let floor = boundary.max(window);
    let mut after: Option<usize> = None;
    let mut start = line_start_after(src, pos, floor);
    while let Some(line_start) = start {
        let line = line_from_bounded(src, line_start, line_start + BLOCK_LIMIT);
        let content = line.map_or(&[][..], |line| &src[line.content()]);
        if is_page_break(content) {
            // A page break is a block of its own.
            return plain(after.unwrap_or(line_start));
        }
        match (is_blank(content, how), after) {
            (true, Some(after)) => return plain(after),
            (false, _) => after = Some(line_start),
            (true, None) => {}
        }
        if line_start <= floor {
            break;
        }
        start = line_start_after(src, line_start - 1, floor);
    }
    if floor == boundary {
        // Nothing but blank lines since a fenced block: it is the block
        // before `pos`.
        if after.is_none()
            && let Some(region) = fences.ending_at(boundary)
        {
            return plain(region.start);
        }
        return plain(boundary);
    }
    // No blank line for two block lengths: a giant block, cut on the grid
    // (the last cut that starts a piece: none at the very end of the text).
    let mut multiple = pos.min(src.len().saturating_sub(1)) / BLOCK_LIMIT * BLOCK_LIMIT;
    loop {
        if multiple <= boundary {
            return plain(boundary);
        }
        let cut = cut_point(src, multiple);
        if cut <= pos && cut < src.len() {
            return Restart {
                pos: cut,
                giant: true,
            };
        }
        multiple -= BLOCK_LIMIT;
    }
}
