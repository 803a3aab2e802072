//! Numbering paragraphs without holding up the reader.
//!
//! A [`Counter`] splits the whole text once, from the start, on a thread of
//! its own (small texts synchronously), and keeps a checkpoint — a point
//! where splitting can restart, and how many paragraphs come before it —
//! every [`CHECKPOINT_SPACING`] bytes. The number of any paragraph the pass
//! has reached is then exact at the cost of splitting from one checkpoint;
//! beyond it, numbers and the total are estimated from the paragraphs per
//! byte counted so far, and say so ([`Count::Estimate`]).

use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;

use super::Paragraph;
use super::lines::Cleaning;
use super::paragraphs::{Fences, Restart, Span, Splitter, Style};
use super::source::Source;
use super::structure::Table;

/// Bytes between checkpoints.
pub const CHECKPOINT_SPACING: usize = 64 * 1024;

/// Texts up to this many bytes are counted before the first frame.
pub const COUNT_NOW: usize = 64 * 1024;

/// How long counting waits after it is started.
const COUNT_AFTER: std::time::Duration = std::time::Duration::from_millis(50);

/// Bytes per word assumed before anything is counted.
const GUESSED_WORD_BYTES: usize = 6;

/// Bytes per paragraph assumed before anything is counted.
const GUESSED_PARAGRAPH_BYTES: usize = 300;

/// Lowers the calling thread's priority to the least, so that counting
/// never takes a core from drawing or from reading keys.
fn yield_to_the_reader() {
    #[cfg(target_os = "linux")]
    // SAFETY: gettid has no preconditions; setpriority with PRIO_PROCESS
    // and a thread id changes only that thread's nice value (Linux).
    unsafe {
        let thread = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, thread as libc::id_t, 19);
    }
}

/// A number that may still be an estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    /// Known.
    Exact(usize),
    /// Estimated from the part of the text counted so far.
    Estimate(usize),
}

impl Count {
    /// The number, exact or not.
    pub fn value(self) -> usize {
        match self {
            Count::Exact(n) | Count::Estimate(n) => n,
        }
    }
}

/// `value × numerator / denominator`, without overflow.
fn scale(value: usize, numerator: usize, denominator: usize) -> usize {
    let scaled = value as u128 * numerator as u128 / denominator.max(1) as u128;
    usize::try_from(scaled).unwrap_or(usize::MAX)
}

#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    restart: Restart,
    /// Paragraphs before `restart`.
    before: usize,
}

#[derive(Debug)]
struct Progress {
    checkpoints: Vec<Checkpoint>,
    /// Paragraphs counted.
    counted: usize,
    /// Where counting has reached: every paragraph starting before it is
    /// counted.
    frontier: usize,
    /// Escape sequences removed before the frontier.
    hidden: usize,
    /// Words before each multiple of [`CHECKPOINT_SPACING`] bytes from the
    /// text's start, as far as counting has reached.
    words: Vec<usize>,
    done: bool,
}

/// The text being split, shared with the counting thread.
#[derive(Debug)]
pub struct Text {
    /// The bytes.
    pub source: Source,
    /// Where the text starts (after a byte order mark).
    pub base: usize,
    /// How lines make paragraphs.
    pub style: Style,
    /// Fenced code blocks.
    pub fences: Fences,
    /// How lines are decoded and cleaned.
    pub how: Cleaning,
    /// The encoding the file was in.
    pub encoding: &'static encoding_rs::Encoding,
    /// The blocks, for a structured document (Markdown, a web page, a
    /// book): they are taken as they stand, not split from lines.
    pub table: Option<Table>,
}

impl Text {
    /// A splitter over the text from `restart`.
    pub fn splitter(&self, restart: Restart) -> Splitter<'_> {
        let splitter = Splitter::new(
            self.source.bytes(),
            self.base,
            self.style,
            &self.fences,
            self.how,
            restart,
        );
        match &self.table {
            Some(table) => splitter.over_table(table),
            None => splitter,
        }
    }

    /// Where to start splitting to find the paragraph around byte `pos`.
    pub fn restart_before(&self, pos: usize) -> Restart {
        if let Some(table) = &self.table {
            return Restart {
                pos: table.restart_before(pos),
                giant: false,
            };
        }
        let bytes = self.source.bytes();
        super::paragraphs::restart_before(bytes, self.base, &self.fences, self.how, pos)
    }

    /// The paragraph at `span`: its text built from its lines, or, in a
    /// structured document, the block standing there.
    pub fn build(&self, span: &Span) -> Paragraph {
        let bytes = self.source.bytes();
        match &self.table {
            Some(table) => {
                let text = String::from_utf8_lossy(&bytes[span.start..span.end]).into_owned();
                table.paragraph(span.start, text)
            }
            None => super::paragraphs::build(bytes, span, self.how),
        }
    }

    /// The start of the text as a restart point.
    pub fn start(&self) -> Restart {
        Restart {
            pos: self.base,
            giant: false,
        }
    }

    /// The length of the text in bytes.
    pub fn len(&self) -> usize {
        self.source.bytes().len() - self.base
    }

    /// Whether the text has no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Counts words through the text in order, keeping the count at every
/// multiple of [`CHECKPOINT_SPACING`] bytes.
struct WordTally<'a> {
    bytes: &'a [u8],
    base: usize,
    /// Where the tally has reached.
    at: usize,
    /// Words before `at`.
    words: usize,
    /// Counts at grid points not yet handed over.
    marks: Vec<usize>,
}

impl<'a> WordTally<'a> {
    fn new(text: &'a Text) -> WordTally<'a> {
        WordTally {
            bytes: text.source.bytes(),
            base: text.base,
            at: text.base,
            words: 0,
            marks: Vec::new(),
        }
    }

    /// Counts on to `pos`, marking the grid points passed.
    fn tally_to(&mut self, pos: usize) {
        while self.at < pos {
            let next_mark =
                self.base + ((self.at - self.base) / CHECKPOINT_SPACING + 1) * CHECKPOINT_SPACING;
            let to = pos.min(next_mark).min(self.bytes.len());
            self.words += words_in(self.bytes, self.base, self.at, to);
            self.at = to;
            if to == next_mark {
                self.marks.push(self.words);
            }
            if to >= self.bytes.len() {
                break;
            }
        }
    }
}

/// The words that start in `bytes[from..to]` of a text that starts at
/// `base`: bytes that are not white space and follow white space (or the
/// text's start); and each kana or CJK ideograph (U+3000–U+9FFF, three
/// bytes led by 0xE3–0xE9), which are read about as fast as words and
/// written without spaces.
fn words_in(bytes: &[u8], base: usize, from: usize, to: usize) -> usize {
    let mut previous_blank =
        from <= base || bytes.get(from - 1).is_none_or(u8::is_ascii_whitespace);
    let mut words = 0;
    for &byte in &bytes[from..to.min(bytes.len())] {
        if (0xE3..=0xE9).contains(&byte) {
            words += 1;
            previous_blank = true;
            continue;
        }
        if (0x80..0xC0).contains(&byte) && previous_blank {
            // The rest of a character already counted (or of one that
            // starts a word: its lead byte did).
            continue;
        }
        let blank = byte.is_ascii_whitespace();
        words += usize::from(previous_blank && !blank);
        previous_blank = blank;
    }
    words
}

/// Paragraph numbers, filled in as the text is counted.
#[derive(Debug)]
pub struct Counter {
    progress: Mutex<Progress>,
    cancelled: AtomicBool,
    started: AtomicBool,
}

impl Counter {
    /// A counter for `text`: small texts are counted at once, larger ones
    /// on a thread once [`Counter::start`] is called (after the first
    /// frame: starting a thread costs time the first frame should not
    /// wait for).
    pub fn new(text: &Arc<Text>) -> Arc<Counter> {
        let counter = Arc::new(Counter {
            progress: Mutex::new(Progress {
                checkpoints: vec![Checkpoint {
                    restart: text.start(),
                    before: 0,
                }],
                counted: 0,
                frontier: text.base,
                hidden: 0,
                words: vec![0],
                done: false,
            }),
            cancelled: AtomicBool::new(false),
            started: AtomicBool::new(false),
        });
        if text.len() <= COUNT_NOW {
            counter.started.store(true, Ordering::Relaxed);
            counter.count(text);
        }
        counter
    }

    /// Starts counting on a thread of the lowest priority, if not yet done.
    pub fn start(self: &Arc<Counter>, text: &Arc<Text>) {
        if self.started.swap(true, Ordering::Relaxed) {
            return;
        }
        let (text, counter) = (Arc::clone(text), Arc::clone(self));
        let spawned = thread::Builder::new()
            .name("counter".into())
            .spawn(move || {
                yield_to_the_reader();
                // Let the reader's first keys go first: counting is never
                // urgent, a jump right after opening is.
                thread::sleep(COUNT_AFTER);
                // A failure leaves the numbers estimated, never the reader
                // stuck: the count is then over.
                let counted = panic::catch_unwind(AssertUnwindSafe(|| counter.count(&text)));
                if counted.is_err() {
                    counter.progress().done = true;
                }
            });
        if spawned.is_err() {
            self.progress().done = true;
        }
    }

    /// Stops a count that is still running.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    fn progress(&self) -> MutexGuard<'_, Progress> {
        self.progress
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn count(&self, text: &Text) {
        let mut splitter = text.splitter(text.start());
        let mut counted = 0;
        let mut last_checkpoint = text.base;
        let mut pending = Vec::new();
        let mut words = WordTally::new(text);
        while let Some((restart, spans)) = splitter.next_block() {
            if self.cancelled.load(Ordering::Relaxed) {
                return;
            }
            if let Some(restart) = restart.filter(|r| r.pos >= last_checkpoint + CHECKPOINT_SPACING)
            {
                pending.push(Checkpoint {
                    restart,
                    before: counted,
                });
                last_checkpoint = restart.pos;
            }
            counted += spans.len();
            if let Some(last) = spans.last() {
                words.tally_to(last.end);
            }
            if let Some(last) = spans.last().filter(|_| !pending.is_empty()) {
                let mut progress = self.progress();
                progress.checkpoints.append(&mut pending);
                progress.words.append(&mut words.marks);
                progress.counted = counted;
                progress.frontier = last.end;
                progress.hidden = splitter.hidden();
            }
        }
        words.tally_to(text.source.bytes().len());
        let mut progress = self.progress();
        progress.checkpoints.append(&mut pending);
        progress.words.append(&mut words.marks);
        progress.counted = counted;
        progress.hidden = splitter.hidden();
        progress.frontier = text.source.bytes().len();
        progress.done = true;
    }

    /// Whether every paragraph is counted.
    pub fn is_done(&self) -> bool {
        self.progress().done
    }

    /// Paragraphs per byte so far, as (paragraphs, bytes).
    fn rate(progress: &Progress, text: &Text) -> (usize, usize) {
        let bytes = progress.frontier - text.base;
        if progress.counted == 0 || bytes == 0 {
            (1, GUESSED_PARAGRAPH_BYTES)
        } else {
            (progress.counted, bytes)
        }
    }

    /// How many escape sequences the text had removed (so far, while
    /// counting).
    pub fn hidden(&self) -> Count {
        let progress = self.progress();
        if progress.done {
            Count::Exact(progress.hidden)
        } else {
            Count::Estimate(progress.hidden)
        }
    }

    /// How many paragraphs the text has.
    pub fn total(&self, text: &Text) -> Count {
        let progress = self.progress();
        if progress.done {
            return Count::Exact(progress.counted);
        }
        let (paragraphs, bytes) = Counter::rate(&progress, text);
        let rest = text.source.bytes().len() - progress.frontier;
        Count::Estimate(progress.counted + scale(rest, paragraphs, bytes))
    }

    /// The number (from 1) of the paragraph that starts at `id`.
    pub fn number_of(&self, text: &Text, id: usize) -> Count {
        let (checkpoint, estimate) = {
            let progress = self.progress();
            if progress.done || id < progress.frontier {
                let i = progress
                    .checkpoints
                    .partition_point(|c| c.restart.pos <= id);
                (progress.checkpoints.get(i.wrapping_sub(1)).copied(), None)
            } else {
                let (paragraphs, bytes) = Counter::rate(&progress, text);
                let beyond = scale(id - progress.frontier, paragraphs, bytes);
                (None, Some(progress.counted + beyond + 1))
            }
        };
        if let Some(estimate) = estimate {
            return Count::Estimate(estimate);
        }
        let Some(checkpoint) = checkpoint else {
            return Count::Exact(1);
        };
        let skipped = text
            .splitter(checkpoint.restart)
            .take_while(|span| span.start < id)
            .count();
        Count::Exact(checkpoint.before + skipped + 1)
    }

    /// The paragraph numbered `number` (from 1; clamped to the text), if
    /// counting has reached it: its id.
    pub fn nth(&self, text: &Text, number: usize) -> Option<usize> {
        let index = number.max(1) - 1;
        let checkpoint = {
            let progress = self.progress();
            if index >= progress.counted && !progress.done {
                return None;
            }
            let index = index.min(progress.counted.saturating_sub(1));
            let i = progress.checkpoints.partition_point(|c| c.before <= index);
            progress.checkpoints[i.saturating_sub(1)]
        };
        let skip = index - checkpoint.before;
        let mut last = None;
        for (k, span) in text.splitter(checkpoint.restart).enumerate() {
            last = Some(span.start);
            if k == skip {
                break;
            }
        }
        last
    }

    /// How many words the text has (runs of characters between white
    /// space).
    pub fn total_words(&self, text: &Text) -> Count {
        let progress = self.progress();
        let len = text.source.bytes().len();
        let grid = progress.words.len() - 1;
        let reached = (text.base + grid * CHECKPOINT_SPACING).min(len);
        let before = progress.words[grid];
        if progress.done {
            return Count::Exact(before + words_in(text.source.bytes(), text.base, reached, len));
        }
        if reached == text.base {
            return Count::Estimate((len - text.base) / GUESSED_WORD_BYTES);
        }
        Count::Estimate(scale(before, len - text.base, reached - text.base).max(before))
    }

    /// How many words come before byte `pos`.
    pub fn words_before(&self, text: &Text, pos: usize) -> Count {
        let bytes = text.source.bytes();
        let pos = pos.clamp(text.base, bytes.len());
        let progress = self.progress();
        let grid = (pos - text.base) / CHECKPOINT_SPACING;
        match progress.words.get(grid) {
            Some(&before) => {
                let from = text.base + grid * CHECKPOINT_SPACING;
                Count::Exact(before + words_in(bytes, text.base, from, pos))
            }
            None => {
                let known = progress.words.len() - 1;
                let reached = known * CHECKPOINT_SPACING;
                if reached == 0 {
                    return Count::Estimate((pos - text.base) / GUESSED_WORD_BYTES);
                }
                Count::Estimate(scale(progress.words[known], pos - text.base, reached))
            }
        }
    }

    /// Where counting has reached, and the paragraphs per byte so far, to
    /// estimate where paragraph `number` lies beyond it.
    pub fn estimate_position(&self, text: &Text, number: usize) -> usize {
        let progress = self.progress();
        let (paragraphs, bytes) = Counter::rate(&progress, text);
        let beyond = scale(number.saturating_sub(progress.counted), bytes, paragraphs);
        progress.frontier.saturating_add(beyond)
    }
}
