//! Fenced code blocks near the start of a text, kept whole.

use std::ops::Range;

use super::FENCE_ZONE;
use crate::document::lines::{line_from_bounded, line_start_after};

/// The fenced code blocks of the document's first [`FENCE_ZONE`] bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fences {
    /// From the opening fence's line start to the line after the closing
    /// fence (or the end of the zone when it is never closed), in order.
    regions: Vec<Range<usize>>,
}

impl Fences {
    /// Finds the fenced blocks of `src` from `base`.
    pub fn find(src: &[u8], base: usize) -> Fences {
        // The zone ends at a line start, so no line or character is cut.
        let mut zone = src.len().min(base.saturating_add(FENCE_ZONE));
        if zone < src.len() {
            zone = line_start_after(src, zone, base).unwrap_or(base);
        }
        let mut regions = Vec::new();
        let has = |fence: &[u8]| memchr::memmem::find(&src[base..zone], fence).is_some();
        if !has(b"```") && !has(b"~~~") {
            return Fences { regions };
        }
        let mut open: Option<(usize, &[u8])> = None;
        let mut pos = base;
        let mut last_end = base;
        while let Some(line) = line_from_bounded(src, pos, zone) {
            let body = &src[line.content()];
            let body = &body[body
                .iter()
                .take_while(|b| matches!(b, b' ' | b'\t'))
                .count()..];
            match open {
                None => {
                    if let Some(fence) = [&b"```"[..], b"~~~"]
                        .into_iter()
                        .find(|f| body.starts_with(f))
                    {
                        open = Some((line.start, fence));
                    }
                }
                Some((start, fence)) if body.starts_with(fence) => {
                    regions.push(start..line.next);
                    open = None;
                }
                Some(_) => {}
            }
            last_end = line.next;
            pos = line.next;
        }
        if let Some((start, _)) = open {
            regions.push(start..last_end);
        }
        Fences { regions }
    }

    /// The fenced block that holds `pos`.
    pub fn region_at(&self, pos: usize) -> Option<Range<usize>> {
        let i = self.regions.partition_point(|r| r.end <= pos);
        self.regions.get(i).filter(|r| r.start <= pos).cloned()
    }

    /// The fenced block that starts at `pos`.
    pub(super) fn starting_at(&self, pos: usize) -> Option<Range<usize>> {
        self.region_at(pos).filter(|r| r.start == pos)
    }

    /// The fenced block that ends at `pos`.
    pub(super) fn ending_at(&self, pos: usize) -> Option<Range<usize>> {
        let i = self.regions.partition_point(|r| r.end < pos);
        self.regions.get(i).filter(|r| r.end == pos).cloned()
    }

    /// The end of the last fenced block that ends at or before `pos`.
    pub(super) fn last_end_before(&self, pos: usize) -> Option<usize> {
        let i = self.regions.partition_point(|r| r.end <= pos);
        i.checked_sub(1).map(|i| self.regions[i].end)
    }
}
