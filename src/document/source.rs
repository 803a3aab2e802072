//! Where the bytes of a document live: mapped from a file, owned after
//! reading a stream, or embedded in the binary.
//!
//! Regular files are memory-mapped, so opening costs the same for a
//! kilobyte and for a gigabyte and the text itself takes no memory of the
//! reader's own: the kernel pages in what is read. A file truncated by
//! another program while it is mapped can still stop the reader (as it can
//! stop `less`); streams are read whole.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use memmap2::Mmap;

/// The bytes of a document.
#[derive(Debug)]
pub enum Source {
    /// Embedded in the binary.
    Static(&'static [u8]),
    /// Read from a stream.
    Owned(Vec<u8>),
    /// Mapped from a regular file.
    Mapped(Mmap),
}

impl Source {
    /// The bytes.
    pub fn bytes(&self) -> &[u8] {
        match self {
            Source::Static(bytes) => bytes,
            Source::Owned(bytes) => bytes,
            Source::Mapped(map) => map,
        }
    }

    /// Opens `path`: a regular file is mapped, anything else read whole. A
    /// directory is refused.
    pub fn open(path: &Path) -> io::Result<Source> {
        let mut file = File::open(path)?;
        let metadata = file.metadata()?;
        if metadata.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "Is a directory",
            ));
        }
        if metadata.is_file() && metadata.len() > 0 {
            // SAFETY: the map is only read. A file changed by another
            // process while mapped shows its new bytes, and one truncated
            // can raise SIGBUS; both are the documented risks of mapping,
            // taken for instant opening of large files, as pagers do.
            let map = unsafe { Mmap::map(&file)? };
            return Ok(Source::Mapped(map));
        }
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        Ok(Source::Owned(bytes))
    }
}
