//! The rest of a document, read on a thread of its own while its
//! beginning is shown: a book's first screen takes a few milliseconds to
//! read, all its chapters a hundred times more.
//!
//! The beginning is a prefix of the whole (same bytes, same block ids),
//! so the whole replaces it without moving the view.

use std::io;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use encoding_rs::Encoding;

use super::structure::Laid;
use super::{Document, LoadError};

/// What reads the whole document (laid out: a [`Document`] stays on the
/// thread that shows it).
type Work = Box<dyn FnOnce() -> Result<Laid, LoadError> + Send>;

/// The whole of a document whose beginning is shown: read when started,
/// taken when done.
pub struct Rest {
    /// The document's name.
    name: String,
    /// The encoding it was read in.
    encoding: &'static Encoding,
    /// The reading, until it is started.
    work: Option<Work>,
    /// Where the whole document comes, once the reading is started.
    coming: Option<Receiver<Result<Laid, LoadError>>>,
}

impl std::fmt::Debug for Rest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rest")
            .field("name", &self.name)
            .field("started", &self.coming.is_some())
            .finish_non_exhaustive()
    }
}

impl Rest {
    /// The whole of the structured document named `name`, read in
    /// `encoding`, which `work` reads and lays out.
    pub fn new(
        name: &str,
        encoding: &'static Encoding,
        work: impl FnOnce() -> Result<Laid, LoadError> + Send + 'static,
    ) -> Rest {
        Rest {
            name: name.to_owned(),
            encoding,
            work: Some(Box::new(work)),
            coming: None,
        }
    }

    /// Starts reading on a thread of its own (once: later calls do
    /// nothing).
    pub fn start(&mut self) {
        if let Some(work) = self.work.take() {
            let (sender, receiver) = mpsc::channel();
            std::thread::spawn(move || {
                // Nobody waits any more when the reader has quit.
                let _ = sender.send(work());
            });
            self.coming = Some(receiver);
        }
    }

    /// The whole document once it is read: when `wait`, waits for it
    /// (starting the reading if need be); else `None` while it is not
    /// read yet or not started.
    pub fn take(&mut self, wait: bool) -> Option<Result<Document, LoadError>> {
        if wait {
            self.start();
        }
        let coming = self.coming.as_ref()?;
        let read = if wait {
            coming.recv().ok()
        } else {
            match coming.try_recv() {
                Ok(read) => Some(read),
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => None,
            }
        };
        // The reading thread ended without a word: it panicked.
        let read = read.unwrap_or_else(|| {
            Err(LoadError {
                name: self.name.clone(),
                source: io::Error::other("the reading stopped short"),
            })
        });
        Some(read.map(|laid| Document::structured(&self.name, laid.moved_here(), self.encoding)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::block::{Block, Structured};
    use crate::document::structure::lay;

    fn book(text: &'static str) -> impl FnOnce() -> Result<Laid, LoadError> + Send {
        move || {
            Ok(lay(Structured {
                blocks: vec![Block::body(text.to_owned())],
                ..Structured::default()
            }))
        }
    }

    #[test]
    fn nothing_is_read_before_the_reading_starts() {
        let mut rest = Rest::new("book", encoding_rs::UTF_8, book("whole"));
        assert!(rest.take(false).is_none());
    }

    #[test]
    fn the_whole_document_comes_once_read() {
        let mut rest = Rest::new("book", encoding_rs::UTF_8, book("the whole book"));
        rest.start();
        let document = loop {
            if let Some(read) = rest.take(false) {
                break read.unwrap();
            }
            std::thread::yield_now();
        };
        assert_eq!(document.name(), "book");
        assert_eq!(document.paragraph(0).text, "the whole book");
    }

    #[test]
    fn waiting_starts_the_reading() {
        let mut rest = Rest::new("book", encoding_rs::UTF_8, book("all of it"));
        let document = rest.take(true).unwrap().unwrap();
        assert_eq!(document.paragraph(0).text, "all of it");
    }

    #[test]
    fn a_reading_that_panics_is_an_error_naming_the_document() {
        let mut rest = Rest::new("book.epub", encoding_rs::UTF_8, || {
            panic!("a chapter no parser survives")
        });
        let error = rest.take(true).unwrap().unwrap_err();
        assert!(error.to_string().contains("book.epub"), "{error}");
        assert!(error.to_string().contains("stopped short"), "{error}");
    }
}
