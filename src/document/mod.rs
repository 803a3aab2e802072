//! The document: where text comes from, how it is decoded and sanitized, and
//! how it is split into paragraphs.
//!
//! A [`Document`] finds its paragraphs lazily, around whatever the reader
//! looks at (see [`paragraphs`]): opening a gigabyte costs what opening a
//! page does. A paragraph's identity is the byte where it starts in the
//! source; its text is decoded and sanitized (see [`sanitize`]) when first
//! asked for, and every later stage — layout, search, rendering — works on
//! that text only, so what is measured is exactly what is drawn. Paragraph
//! numbers come from a [`index::Counter`] that counts in the background.

pub mod block;
pub mod decode;
pub mod format;
pub mod index;
pub mod lines;
pub mod paragraphs;
pub mod rest;
pub mod sanitize;
pub mod source;
pub mod structure;

use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::{self, Read};
use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;

use block::Metadata;
use encoding_rs::Encoding;
use format::Format;
use format::epub::Enough;
use index::{Count, Counter, Text};
use lines::Cleaning;
use paragraphs::{Fences, Restart, Span, Style};
use rest::Rest;
use source::Source;
use structure::Laid;

/// Choices about how a text is read.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// The encoding to read it in, instead of the one detected.
    pub encoding: Option<&'static Encoding>,
    /// Show terminal escape sequences as symbols instead of removing them.
    pub show_escapes: bool,
    /// The format to read it as, instead of the one detected.
    pub format: Option<format::Format>,
    /// Show a web page whole instead of its article.
    pub full_page: bool,
}

/// The article bundled with the binary, shown when no file is given.
pub const BUNDLED_ARTICLE: &str = include_str!("../../assets/article.txt");

/// The name under which the bundled article is shown.
pub const BUNDLED_NAME: &str = "article.txt";

/// Paragraph places kept before the cache starts afresh.
const MAX_CACHED_SPANS: usize = 100_000;

/// Paragraph texts kept before the cache starts afresh.
const MAX_CACHED_TEXTS: usize = 4_096;

/// How many bytes of the source [`Document::lines_at`] reads at most for
/// each byte it is asked for (blank lines and escape sequences give none).
pub const LINES_READ: usize = 4;

/// How a paragraph is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BlockKind {
    /// Flowing text: one line, wrapped to the column.
    #[default]
    Prose,
    /// Text laid out by hand (tables, verse, code): its lines are kept, and
    /// each is wrapped on its own only when it is wider than the column.
    Preformatted,
}

/// One paragraph of sanitized text: a [`block::Block`], whose `text` is
/// free of control characters (`\n` separates the lines of a
/// [`BlockKind::Preformatted`] paragraph and never occurs in prose). Plain
/// text gives body paragraphs without styles; structured formats fill in
/// the rest.
pub type Paragraph = block::Block;

#[cfg(test)]
impl Paragraph {
    /// A paragraph of prose holding `text` (for tests).
    pub(crate) fn prose(text: &str) -> Paragraph {
        Paragraph::body(text)
    }
}

/// `value × to / from`, rounded down (0 when `from` is 0).
fn scaled(value: usize, to: usize, from: usize) -> usize {
    if from == 0 {
        return 0;
    }
    usize::try_from(value as u128 * to as u128 / from as u128).unwrap_or(usize::MAX)
}

/// Why a file could not be opened.
#[derive(Debug)]
pub struct LoadError {
    /// The file's name, sanitized for display.
    pub name: String,
    /// The underlying error.
    pub source: io::Error,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot open '{}': {}", self.name, describe(&self.source))
    }
}

/// The message already names the cause, so no source is chained.
impl std::error::Error for LoadError {}

/// The operating system's words for an I/O error, without the
/// "(os error N)" suffix that the standard library appends.
fn describe(error: &io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error ") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    }
}

/// A paragraph's place and its neighbours, as far as they are known.
#[derive(Debug, Clone, Copy)]
struct Links {
    span: Span,
    /// `Some(None)`: known to be the last.
    next: Option<Option<usize>>,
    /// `Some(None)`: known to be the first.
    previous: Option<Option<usize>>,
}

/// A text ready to be laid out: a name and its paragraphs, found on demand.
#[derive(Debug)]
pub struct Document {
    name: String,
    text: Arc<Text>,
    counter: Arc<Counter>,
    spans: RefCell<BTreeMap<usize, Links>>,
    texts: RefCell<HashMap<usize, Rc<Paragraph>>>,
    first: Option<usize>,
    last: OnceCell<Option<usize>>,
    binary: bool,
    cut: bool,
    /// The last paragraph numbered exactly, and its number: the status line
    /// asks for the focus's number on every frame.
    numbered: RefCell<Option<(usize, usize)>>,
    /// Title, author, language: what a structured format knows.
    metadata: Metadata,
    /// A book's table of contents: level, title, block id.
    contents: Vec<(u8, String, usize)>,
    /// The contents by block id: the index of the first entry leading
    /// there.
    contents_at: HashMap<usize, usize>,
}

impl Drop for Document {
    fn drop(&mut self) {
        self.counter.cancel();
    }
}

impl Document {
    /// A document over `source`, named `name`.
    pub fn new(name: &str, source: Source) -> Document {
        Document::with_options(name, source, Options::default())
    }

    /// A document over `source`, named `name`, read as `options` say.
    pub fn with_options(name: &str, source: Source, options: Options) -> Document {
        let binary = decode::looks_binary(source.bytes());
        let cut = source.is_cut();
        let decoded = decode::decode(source, options.encoding);
        let how = Cleaning {
            decoding: decoded.decoding,
            show_escapes: options.show_escapes,
        };
        let (source, base) = (decoded.source, decoded.base);
        let bytes = source.bytes();
        let style = Style::detect(bytes, base, how);
        let fences = Fences::find(bytes, base);
        let text = Text {
            source,
            base,
            style,
            fences,
            how,
            encoding: decoded.encoding,
            table: None,
        };
        Document::over(name, text, binary, cut)
    }

    /// A document over `text`, named `name`.
    fn over(name: &str, text: Text, binary: bool, cut: bool) -> Document {
        let text = Arc::new(text);
        let first = text.splitter(text.start()).next().map(|span| span.start);
        Document {
            name: sanitize::sanitize_label(name),
            counter: Counter::new(&text),
            text,
            spans: RefCell::default(),
            texts: RefCell::default(),
            first,
            last: OnceCell::new(),
            binary,
            cut,
            numbered: RefCell::default(),
            metadata: Metadata::default(),
            contents: Vec::new(),
            contents_at: HashMap::new(),
        }
    }

    /// A structured document (Markdown, a web page, a book), named `name`,
    /// read from a file in `encoding`.
    pub fn structured(name: &str, laid: Laid, encoding: &'static Encoding) -> Document {
        let text = Text {
            source: Source::Owned(laid.text.into_bytes()),
            base: 0,
            style: Style::default(),
            fences: Fences::default(),
            how: Cleaning::default(),
            encoding,
            table: Some(laid.table),
        };
        let mut document = Document::over(name, text, false, false);
        let sanitize_all = |value: Option<String>| {
            value
                .map(|v| sanitize::sanitize_label(v.trim()))
                .filter(|v| !v.is_empty())
        };
        let metadata = laid.metadata;
        document.metadata = Metadata {
            title: sanitize_all(metadata.title),
            author: sanitize_all(metadata.author),
            language: sanitize_all(metadata.language),
            site: sanitize_all(metadata.site),
            date: sanitize_all(metadata.date),
        };
        for (index, (_, _, id)) in laid.contents.iter().enumerate() {
            document.contents_at.entry(*id).or_insert(index);
        }
        document.contents = laid.contents;
        document
    }

    /// Title, author, language and the like, when the format says them.
    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    /// A book's table of contents, in reading order: level (from 1),
    /// title, and the id of the block it leads to. Empty when the document
    /// has none (its headings make the outline).
    pub fn contents(&self) -> &[(u8, String, usize)] {
        &self.contents
    }

    /// The entry of the table of contents that leads to block `id`: its
    /// level and title.
    pub fn contents_at(&self, id: usize) -> Option<(u8, &str)> {
        let index = *self.contents_at.get(&id)?;
        self.contents
            .get(index)
            .map(|(level, title, _)| (*level, title.as_str()))
    }

    /// Whether the document was structured by its format (Markdown, a web
    /// page, a book) rather than split from plain lines.
    pub fn is_structured(&self) -> bool {
        self.text.table.is_some()
    }

    /// The block that the in-document link target `anchor` (without its
    /// `#`) names.
    pub fn anchor(&self, anchor: &str) -> Option<usize> {
        self.text.table.as_ref()?.anchor(anchor)
    }

    /// Builds a document from bytes in memory, its encoding detected (see
    /// [`decode`]).
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Document {
        Document::new(name, Source::Owned(bytes.to_vec()))
    }

    /// The bundled article.
    pub fn bundled() -> Document {
        Document::bundled_with(Options::default())
    }

    /// The bundled article, read as `options` say.
    pub fn bundled_with(options: Options) -> Document {
        let source = Source::Static(BUNDLED_ARTICLE.as_bytes());
        Document::with_options(BUNDLED_NAME, source, options)
    }

    /// Opens the document at `path` (mapped, not read, when it is a file).
    pub fn open(path: &Path, options: Options) -> Result<Document, LoadError> {
        let name = sanitize::sanitize_label(&path.display().to_string());
        match Source::open(path) {
            Ok(source) => Document::read(&name, source, options),
            Err(source) => Err(LoadError { name, source }),
        }
    }

    /// Opens the document at `path` as [`Document::open`] does, but a book
    /// (EPUB) only as far as `enough` (its first screen): the whole of it,
    /// read on another thread when asked, comes as the [`Rest`]. The
    /// opening's text is the start of the whole's, byte for byte.
    pub fn open_beginning(
        path: &Path,
        options: Options,
        enough: Enough,
    ) -> Result<(Document, Option<Rest>), LoadError> {
        let name = sanitize::sanitize_label(&path.display().to_string());
        let source = Source::open(path).map_err(|source| LoadError {
            name: name.clone(),
            source,
        })?;
        let format = options
            .format
            .unwrap_or_else(|| Format::detect(&name, source.bytes()));
        if format != Format::Epub {
            return Ok((Document::read(&name, source, options)?, None));
        }
        let unreadable = |name: &str, problem: format::epub::EpubError| LoadError {
            name: name.to_owned(),
            source: io::Error::new(io::ErrorKind::InvalidData, problem.to_string()),
        };
        let opening = format::epub::read_opening(&name, source.bytes(), enough)
            .map_err(|problem| unreadable(&name, problem))?;
        let encoding = encoding_rs::UTF_8;
        let document = Document::structured(&name, structure::lay(opening.structured), encoding);
        if opening.whole {
            return Ok((document, None));
        }
        let whole_name = name.clone();
        let rest = Rest::new(&name, encoding, move || {
            format::epub::read(&whole_name, source.bytes())
                .map(structure::lay)
                .map_err(|problem| unreadable(&whole_name, problem))
        });
        Ok((document, Some(rest)))
    }

    /// Reads `reader` to its end and builds the document, named `name`.
    pub fn from_reader(
        name: &str,
        reader: impl Read,
        options: Options,
    ) -> Result<Document, LoadError> {
        match Source::from_stream(reader) {
            Ok(source) => Document::read(name, source, options),
            Err(source) => Err(LoadError {
                name: name.to_owned(),
                source,
            }),
        }
    }

    /// Reads `source` in the format `options` name, else the one its name
    /// or first bytes say: plain text lazily, a structured format whole.
    pub fn read(name: &str, source: Source, options: Options) -> Result<Document, LoadError> {
        let format = options
            .format
            .unwrap_or_else(|| Format::detect(name, source.bytes()));
        if format == Format::Text {
            return Ok(Document::with_options(name, source, options));
        }
        match format::read(format, name, source.bytes(), &options) {
            Ok((structured, encoding)) => {
                let mut laid = structure::lay(structured);
                if format == Format::Epub {
                    // Its chapters were converted on other threads.
                    laid = laid.moved_here();
                }
                Ok(Document::structured(name, laid, encoding))
            }
            Err(problem) => Err(LoadError {
                name: sanitize::sanitize_label(name),
                source: io::Error::new(io::ErrorKind::InvalidData, problem),
            }),
        }
    }

    /// The document's name, safe to display.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Length of the text in bytes.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Whether the text has no paragraph at all (it may still have bytes:
    /// blank lines).
    pub fn is_empty(&self) -> bool {
        self.first().is_none()
    }

    /// The encoding the text was read in.
    pub fn encoding(&self) -> &'static Encoding {
        self.text.encoding
    }

    /// Whether only the start of an endless stream is shown (see
    /// [`source::STREAM_LIMIT`]).
    pub fn is_cut(&self) -> bool {
        self.cut
    }

    /// Whether the file looked like binary data rather than text.
    pub fn looks_binary(&self) -> bool {
        self.binary
    }

    /// Terminal escape sequences removed from the text (counted as the
    /// paragraphs are).
    pub fn hidden_escapes(&self) -> Count {
        self.counter.hidden()
    }

    /// The text, shared with threads that read it (the search).
    pub fn shared_text(&self) -> Arc<Text> {
        Arc::clone(&self.text)
    }

    fn bytes(&self) -> &[u8] {
        self.text.source.bytes()
    }

    /// Splits from `restart`, recording places and neighbours, until `stop`
    /// holds for a paragraph and its block is used up (a block is split
    /// whole anyway), and the successor of the last one is known.
    fn discover(&self, restart: Restart, stop: impl Fn(&Span) -> bool) {
        let mut spans = self.spans.borrow_mut();
        if spans.len() > MAX_CACHED_SPANS {
            spans.clear();
        }
        let mut previous: Option<usize> = None;
        let mut found = false;
        let mut closing = false;
        let mut splitter = self.text.splitter(restart);
        loop {
            let next = splitter.next();
            if let Some(links) = previous.and_then(|prev| spans.get_mut(&prev)) {
                links.next = Some(next.map(|s| s.start));
            }
            let Some(span) = next else { break };
            let known_first = restart.pos <= self.text.base && previous.is_none();
            let links = spans.entry(span.start).or_insert(Links {
                span,
                next: None,
                previous: None,
            });
            if previous.is_some() || known_first {
                links.previous = Some(previous);
            }
            if closing {
                break;
            }
            found = found || stop(&span);
            closing = found && splitter.buffered() == 0;
            previous = Some(span.start);
        }
    }

    fn links(&self, id: usize) -> Option<Links> {
        self.spans.borrow().get(&id).copied()
    }

    /// Finds and records the paragraphs around byte `pos`, until `stop`.
    fn around(&self, pos: usize, stop: impl Fn(&Span) -> bool) {
        self.discover(self.text.restart_before(pos), stop);
    }

    /// The first paragraph.
    pub fn first(&self) -> Option<usize> {
        self.first
    }

    /// The last paragraph.
    pub fn last(&self) -> Option<usize> {
        *self.last.get_or_init(|| {
            let restart = self.text.restart_before(self.bytes().len());
            self.text.splitter(restart).last().map(|span| span.start)
        })
    }

    /// The paragraph after `id`.
    pub fn next(&self, id: usize) -> Option<usize> {
        if let Some(next) = self.links(id).and_then(|l| l.next) {
            return next;
        }
        self.around(id, |span| span.start >= id);
        self.links(id).and_then(|l| l.next).flatten()
    }

    /// The paragraph before `id`.
    pub fn previous(&self, id: usize) -> Option<usize> {
        if let Some(previous) = self.links(id).and_then(|l| l.previous) {
            return previous;
        }
        if id <= self.text.base {
            return None;
        }
        self.around(id - 1, |span| span.start >= id);
        if let Some(previous) = self.links(id).and_then(|l| l.previous) {
            return previous;
        }
        // Split from further back: the paragraph before starts before the
        // restart point found for `id - 1`.
        let spans = self.spans.borrow();
        spans.range(..id).next_back().map(|(&p, _)| p)
    }

    /// The paragraph that holds byte `pos` of the source, or the nearest
    /// one after it (before it at the end).
    pub fn paragraph_at(&self, pos: usize) -> Option<usize> {
        self.around(pos, |span| span.end >= pos);
        let spans = self.spans.borrow();
        spans
            .range(..=pos)
            .next_back()
            .filter(|(_, l)| l.span.end >= pos)
            .or_else(|| spans.range(pos..).next())
            .or_else(|| spans.range(..pos).next_back())
            .map(|(&id, _)| id)
    }

    fn span(&self, id: usize) -> Option<Span> {
        if let Some(links) = self.links(id) {
            return Some(links.span);
        }
        self.around(id, |span| span.start >= id);
        self.links(id).map(|l| l.span)
    }

    /// The text of paragraph `id` (an empty prose paragraph for an id that
    /// is not a paragraph's).
    pub fn paragraph(&self, id: usize) -> Rc<Paragraph> {
        if let Some(paragraph) = self.texts.borrow().get(&id) {
            return Rc::clone(paragraph);
        }
        let paragraph = Rc::new(match self.span(id) {
            Some(span) if span.start == id => self.text.build(&span),
            _ => Paragraph::default(),
        });
        let mut texts = self.texts.borrow_mut();
        if texts.len() > MAX_CACHED_TEXTS {
            texts.clear();
        }
        texts.insert(id, Rc::clone(&paragraph));
        paragraph
    }

    /// About `bytes` bytes of text from byte `pos` of the source (where
    /// the text's first byte is [`Document::source_byte`]`(0)`) on, without
    /// finding its paragraphs: its lines from the first that starts after
    /// `pos` (from `pos` itself when none does within `bytes`), cleaned as
    /// a paragraph's are, blank ones left out, one per output line, the
    /// last cut to fit. `bytes` counts the output; at most [`LINES_READ`]
    /// times as many bytes of the source are read.
    pub fn lines_at(&self, pos: usize, bytes: usize) -> String {
        let src = self.bytes();
        let mut start = pos.clamp(self.text.base, src.len());
        if let Some(line) = lines::line_from_bounded(src, start, start.saturating_add(bytes))
            && line.next > line.end
        {
            start = line.next;
        }
        // On a character: at most three continuation bytes follow a lead.
        for _ in 0..3 {
            if src.get(start).is_some_and(|&b| b & 0xC0 == 0x80) {
                start += 1;
            }
        }
        let limit = start.saturating_add(bytes.saturating_mul(LINES_READ));
        let mut sample = String::new();
        while sample.len() < bytes
            && start < limit
            && let Some(line) =
                lines::line_from_bounded(src, start, start.saturating_add(bytes - sample.len()))
        {
            let (mut end, mut next) = (line.end, line.next);
            if next == end && end < src.len() {
                // The line goes on: cut it between two characters.
                while end > line.start && src[end] & 0xC0 == 0x80 {
                    end -= 1;
                }
                next = end;
            }
            if next == start {
                break;
            }
            let text = lines::clean(&src[line.start..end], self.text.how);
            if !text.trim().is_empty() {
                sample.push_str(text.trim());
                sample.push('\n');
            }
            start = next;
        }
        sample
    }

    /// Whether a blank line is drawn between paragraph `id` and the one
    /// before it (not when `id` continues a cut line).
    pub fn gap_before(&self, id: usize) -> bool {
        self.span(id).is_some_and(|span| !span.continues)
    }

    /// Where byte `offset` of paragraph `id`'s text stands in the file, as
    /// a byte offset from the text's start. Offsets in the text are scaled
    /// to the paragraph's bytes in the file, since joining lines and
    /// sanitizing change lengths a little.
    pub fn position(&self, id: usize, offset: usize) -> usize {
        let span_len = self.span(id).map_or(0, |s| s.end - s.start);
        let text_len = self.paragraph(id).text.len();
        let inside = scaled(offset.min(text_len), span_len, text_len);
        (id + inside).saturating_sub(self.text.base)
    }

    /// How far through the text byte `offset` of paragraph `id` stands, in
    /// percent, rounded (0 for an empty text).
    pub fn percent_at(&self, id: usize, offset: usize) -> usize {
        let position = self.position(id, offset) as u128;
        match self.len() as u128 {
            0 => 0,
            len => ((position * 100 + len / 2) / len).min(100) as usize,
        }
    }

    /// The paragraph and the offset in its text that stand at `position`
    /// bytes from the text's start: the inverse of [`Document::position`].
    pub fn place(&self, position: usize) -> Option<(usize, usize)> {
        let byte = self.source_byte(position);
        let id = self.paragraph_at(byte)?;
        let span_len = self.span(id).map_or(0, |s| s.end - s.start);
        let paragraph = self.paragraph(id);
        let text = &paragraph.text;
        let mut offset = scaled(byte.saturating_sub(id).min(span_len), text.len(), span_len);
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        Some((id, offset))
    }

    /// The source byte at `position` bytes from the text's start.
    pub fn source_byte(&self, position: usize) -> usize {
        (self.text.base + position).min(self.bytes().len())
    }

    /// How many paragraphs the text has (estimated while counting).
    pub fn paragraph_total(&self) -> Count {
        self.counter.total(&self.text)
    }

    /// How many words the document has (runs of characters between white
    /// space), estimated until counting is over.
    pub fn word_total(&self) -> Count {
        self.counter.total_words(&self.text)
    }

    /// How many words come before byte `pos` of the source (a paragraph id
    /// is one), estimated beyond what is counted.
    pub fn words_before(&self, pos: usize) -> Count {
        self.counter.words_before(&self.text, pos)
    }

    /// The number, from 1, of paragraph `id` (estimated beyond what is
    /// counted).
    pub fn number_of(&self, id: usize) -> Count {
        let cached = *self.numbered.borrow();
        if let Some((known, number)) = cached {
            let links = self.links(known);
            if known == id {
                return Count::Exact(number);
            }
            // A neighbour of the last one numbered: no need to count.
            if links.and_then(|l| l.next) == Some(Some(id)) {
                return self.remember(id, number + 1);
            }
            if links.and_then(|l| l.previous) == Some(Some(id)) {
                return self.remember(id, number - 1);
            }
        }
        match self.counter.number_of(&self.text, id) {
            Count::Exact(number) => self.remember(id, number),
            estimate => estimate,
        }
    }

    fn remember(&self, id: usize, number: usize) -> Count {
        *self.numbered.borrow_mut() = Some((id, number));
        Count::Exact(number)
    }

    /// Paragraph number `number` (from 1, clamped to the text): exact once
    /// counted, else the paragraph at the estimated place.
    pub fn nth(&self, number: usize) -> Option<(usize, bool)> {
        self.start_counting();
        match self.counter.nth(&self.text, number) {
            Some(id) => Some((id, true)),
            None => {
                let pos = self.counter.estimate_position(&self.text, number);
                self.paragraph_at(pos.min(self.bytes().len()))
                    .map(|id| (id, false))
            }
        }
    }

    /// Whether paragraphs are still being counted (starting the count if
    /// it has not started).
    pub fn counting(&self) -> bool {
        self.start_counting();
        !self.counter.is_done()
    }

    /// Starts counting paragraphs in the background (numbers are estimated
    /// until the count reaches them); small texts are counted at once.
    pub fn start_counting(&self) {
        self.counter.start(&self.text);
    }

    /// Every paragraph in order, with its id, split afresh (nothing is
    /// cached).
    pub fn iter(&self) -> impl Iterator<Item = (usize, Paragraph)> + '_ {
        self.iter_with_gaps()
            .map(|(id, paragraph, _)| (id, paragraph))
    }

    /// [`Document::iter`], each paragraph with whether a blank line comes
    /// before it (see [`Document::gap_before`]), known from the same pass.
    pub fn iter_with_gaps(&self) -> impl Iterator<Item = (usize, Paragraph, bool)> + '_ {
        self.text.splitter(self.text.start()).map(move |span| {
            let paragraph = self.text.build(&span);
            (span.start, paragraph, !span.continues)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(doc: &Document) -> Vec<String> {
        doc.iter().map(|(_, p)| p.text).collect()
    }

    #[test]
    fn lines_are_taken_from_the_next_line_on_and_cut_to_fit() {
        let doc = Document::from_bytes(
            "x",
            b"first line\r\nsecond \x1b[1mline\x1b[0m\n\nthird line\n",
        );
        // From inside the first line: the lines after it, cleaned.
        assert_eq!(doc.lines_at(3, 100), "second line\nthird line\n");
        let doc = Document::from_bytes("y", b"one\ntwo words here\n");
        assert_eq!(doc.lines_at(1, 7), "two wor\n");
        // No line starts near enough: from the place itself.
        assert_eq!(doc.lines_at(1, 2), "ne\n");
        // At the end: nothing.
        assert_eq!(doc.lines_at(1000, 100), "");
        // One long line: from the place itself, on a character, as much
        // as asked for.
        let long = "é".repeat(10_000);
        let doc = Document::from_bytes("z", long.as_bytes());
        assert_eq!(doc.lines_at(5_001, 9), "éééé\n");
        assert_eq!(doc.lines_at(5_001, 10), "ééééé\n");
        assert_eq!(doc.lines_at(5_001, 0), "");
    }

    #[test]
    fn lines_read_stop_where_they_give_nothing() {
        // Blank lines and escape sequences give no text: the source read
        // is bounded all the same.
        let mut text = "\n".repeat(1000);
        text.push_str(&"\x1b[0m\n".repeat(1000));
        text.push_str("words at last\n");
        let doc = Document::from_bytes("x", text.as_bytes());
        assert_eq!(doc.lines_at(0, 10), "");
        assert_eq!(doc.lines_at(0, 1000), "", "4000 bytes read of 6000");
        assert_eq!(doc.lines_at(0, 2000), "words at last\n");
        // Continuation bytes and invalid ones: on a character, shown as
        // the text shows them.
        let doc = Document::from_bytes("y", b"\xEF\xBB\xBFab\r\ncd \xFF\x80\x80\x80\x80e\n");
        assert_eq!(
            doc.lines_at(0, 100),
            "cd \u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}e\n"
        );
        // On the \n of a \r\n: the next line.
        assert_eq!(
            doc.lines_at(doc.source_byte(3), 100),
            "cd \u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}e\n"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Whatever the bytes and the place, lines are taken without a
        /// panic, within what was asked, and as the text shows them.
        #[test]
        fn lines_at_any_place_of_any_bytes(
            bytes in proptest::collection::vec(proptest::sample::select(vec![
                b'a', b' ', b'\n', b'\r', 0x1B, b'[', b'm', 0xC3, 0xA9, 0xE2, 0x80, 0x99, 0xFF,
                0xF0, 0x9F, 0xA6, 0x80, 0xEF, 0xBB, 0xBF, b'\t', 0,
            ]), 0..300),
            pos in 0usize..320,
            room in 0usize..80,
        ) {
            let doc = Document::from_bytes("x", &bytes);
            let taken = doc.lines_at(pos, room);
            // Each line cut to what is left, then a line feed; a tab or a
            // control may grow into a few bytes when shown.
            proptest::prop_assert!(taken.len() <= 8 * room + 8, "{} for {}", taken.len(), room);
            proptest::prop_assert!(taken.is_empty() || taken.ends_with('\n'));
            let raw = taken.contains(['\u{1b}', '\r', '\t', '\0']);
            proptest::prop_assert!(!raw, "{:?}", taken);
        }
    }

    #[test]
    fn the_bundled_article_has_seven_paragraphs() {
        let doc = Document::bundled();
        assert_eq!(doc.name(), "article.txt");
        let all = texts(&doc);
        assert!(all[0].starts_with("Le leader nord-coréen"));
        // The last line, "pays.", continues the sentence before it.
        assert_eq!(all.len(), 7);
        assert!(all[6].ends_with("des deux pays."));
        assert_eq!(doc.paragraph_total(), Count::Exact(7));
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        let doc = Document::from_bytes("x", b"\xEF\xBB\xBFHello");
        assert_eq!(texts(&doc), ["Hello"]);
        assert_eq!(doc.first(), Some(3));
        assert_eq!(doc.len(), 5);
    }

    #[test]
    fn malformed_utf8_is_shown_as_replacement_characters() {
        let text = "Le ministre Choïgou à Pyongyang. ".repeat(3);
        let doc = Document::from_bytes("x", &[text.as_bytes(), b"\xC0\xAF ok"].concat());
        assert_eq!(texts(&doc), [format!("{text}\u{FFFD}\u{FFFD} ok")]);
        assert_eq!(doc.encoding().name(), "UTF-8");
    }

    #[test]
    fn latin1_text_is_decoded() {
        let doc = Document::from_bytes("x", b"caf\xE9 ok");
        assert_eq!(texts(&doc), ["caf\u{e9} ok"]);
        assert_eq!(doc.encoding().name(), "windows-1252");
    }

    #[test]
    fn neighbours_both_ways() {
        let doc = Document::from_bytes("x", "ab\n\ncdé\n\nf".as_bytes());
        let first = doc.first().unwrap();
        let second = doc.next(first).unwrap();
        let third = doc.next(second).unwrap();
        assert_eq!((first, second, third), (0, 4, 10));
        assert_eq!(doc.next(third), None);
        assert_eq!(doc.previous(third), Some(second));
        assert_eq!(doc.previous(second), Some(first));
        assert_eq!(doc.previous(first), None);
        assert_eq!(doc.last(), Some(third));
        assert_eq!(doc.paragraph(second).text, "cdé");
    }

    #[test]
    fn neighbours_found_from_the_end_first() {
        let doc = Document::from_bytes("x", "ab\n\ncdé\n\nf".as_bytes());
        let last = doc.last().unwrap();
        assert_eq!(last, 10);
        assert_eq!(doc.previous(last), Some(4));
        assert_eq!(doc.previous(4), Some(0));
        assert_eq!(doc.first(), Some(0));
    }

    #[test]
    fn paragraph_at_any_byte() {
        let doc = Document::from_bytes("x", "ab\n\ncdé\n\nf".as_bytes());
        assert_eq!(doc.paragraph_at(0), Some(0));
        assert_eq!(doc.paragraph_at(5), Some(4));
        assert_eq!(doc.paragraph_at(3), Some(4)); // on the blank line
        assert_eq!(doc.paragraph_at(100), Some(10));
        assert_eq!(Document::from_bytes("x", b"").paragraph_at(0), None);
    }

    #[test]
    fn numbers_and_nth_agree() {
        let doc = Document::from_bytes("x", "ab\n\ncdé\n\nf".as_bytes());
        assert_eq!(doc.number_of(4), Count::Exact(2));
        assert_eq!(doc.nth(3), Some((10, true)));
        assert_eq!(doc.nth(99), Some((10, true)));
        assert_eq!(doc.nth(0), Some((0, true)));
    }

    #[test]
    fn numbers_follow_the_neighbours_of_the_last_one_asked() {
        let doc = Document::from_bytes("x", "ab\n\ncdé\n\nf".as_bytes());
        assert_eq!(doc.number_of(0), Count::Exact(1));
        let second = doc.next(0).unwrap();
        assert_eq!(doc.number_of(second), Count::Exact(2));
        let third = doc.next(second).unwrap();
        assert_eq!(doc.number_of(third), Count::Exact(3));
        assert_eq!(doc.number_of(second), Count::Exact(2));
        assert_eq!(doc.number_of(0), Count::Exact(1));
    }

    #[test]
    fn positions_are_bytes_from_the_start_of_the_text() {
        let doc = Document::from_bytes("x", b"\xEF\xBB\xBFab\n\ncd");
        assert_eq!(doc.position(7, 1), 5);
        assert_eq!(doc.position(7, 100), 6);
        assert_eq!(doc.source_byte(4), 7);
        assert_eq!(doc.place(5), Some((7, 1)));
    }

    #[test]
    fn positions_scale_between_file_and_text() {
        // A tab (1 byte) becomes 8 spaces, so the text is longer than the
        // file; positions and places still round-trip.
        let doc = Document::from_bytes("x", b"a\tb c d e f g h i j k l m n o p");
        let text_len = doc.paragraph(0).text.len();
        assert!(text_len > doc.len());
        assert_eq!(doc.position(0, text_len), doc.len());
        for position in 0..=doc.len() {
            let (id, offset) = doc.place(position).unwrap();
            let back = doc.position(id, offset);
            assert!(
                back <= position && position - back <= 8,
                "{position} -> {back}"
            );
        }
    }

    #[test]
    fn missing_file_is_named_in_the_error() {
        let error =
            Document::open(Path::new("/nonexistent/x.txt"), Options::default()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot open '/nonexistent/x.txt': No such file or directory"
        );
    }

    #[test]
    fn a_directory_is_refused() {
        let error = Document::open(Path::new("/"), Options::default()).unwrap_err();
        assert_eq!(error.to_string(), "cannot open '/': Is a directory");
    }

    #[test]
    fn hostile_file_names_are_sanitized() {
        let error = Document::open(
            Path::new("/nonexistent/\u{1b}]0;pwned\u{7}"),
            Options::default(),
        )
        .unwrap_err();
        assert!(error.to_string().contains("␛]0;pwned␇"));
    }
}
