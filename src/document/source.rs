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

/// The most read from a stream (a pipe, a device): `yes | liseuse` or
/// `/dev/zero` must not fill the memory.
pub const STREAM_LIMIT: usize = 256 << 20;

/// Reads `reader` to its end, or to [`STREAM_LIMIT`] bytes: the bytes, and
/// whether the stream went on beyond them.
pub fn read_stream(reader: impl Read) -> io::Result<(Vec<u8>, bool)> {
    let mut bytes = Vec::new();
    reader
        .take(STREAM_LIMIT as u64 + 1)
        .read_to_end(&mut bytes)?;
    let cut = bytes.len() > STREAM_LIMIT;
    bytes.truncate(STREAM_LIMIT);
    Ok((bytes, cut))
}

/// The bytes of a document.
#[derive(Debug)]
pub enum Source {
    /// Embedded in the binary.
    Static(&'static [u8]),
    /// Read from a stream, or decoded.
    Owned(Vec<u8>),
    /// The first [`STREAM_LIMIT`] bytes of a stream that went on.
    Cut(Vec<u8>),
    /// Mapped from a regular file.
    Mapped(Mmap),
}

impl Source {
    /// The bytes.
    pub fn bytes(&self) -> &[u8] {
        match self {
            Source::Static(bytes) => bytes,
            Source::Owned(bytes) | Source::Cut(bytes) => bytes,
            Source::Mapped(map) => map,
        }
    }

    /// Opens `path`: a regular file is mapped, anything else (a pipe, a
    /// device) read to its end or to [`STREAM_LIMIT`]. A directory is
    /// refused.
    pub fn open(path: &Path) -> io::Result<Source> {
        let file = File::open(path)?;
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
        Source::from_stream(file)
    }

    /// Reads a stream (see [`read_stream`]).
    pub fn from_stream(reader: impl Read) -> io::Result<Source> {
        let (bytes, cut) = read_stream(reader)?;
        Ok(if cut {
            Source::Cut(bytes)
        } else {
            Source::Owned(bytes)
        })
    }

    /// Whether this is only the start of a stream that went on.
    pub fn is_cut(&self) -> bool {
        matches!(self, Source::Cut(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endless_stream_is_cut() {
        let source = Source::from_stream(io::repeat(b'x')).unwrap();
        assert!(source.is_cut());
        assert_eq!(source.bytes().len(), STREAM_LIMIT);
        let source = Source::from_stream(&b"short"[..]).unwrap();
        assert!(!source.is_cut());
        assert_eq!(source.bytes(), b"short");
    }

    #[test]
    fn files_are_mapped_and_directories_refused() {
        let path = std::env::temp_dir().join(format!("liseuse-source-{}", std::process::id()));
        std::fs::write(&path, b"mapped").unwrap();
        let source = Source::open(&path).unwrap();
        assert!(matches!(source, Source::Mapped(_)));
        assert_eq!(source.bytes(), b"mapped");
        std::fs::remove_file(&path).unwrap();
        let error = Source::open(Path::new("/")).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::IsADirectory);
    }
}
