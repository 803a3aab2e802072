//! The book's zip archive: its entries read within the [`Limits`] (never
//! by their declared size), and the ones `encryption.xml` says are
//! encrypted.

use std::collections::HashSet;
use std::fmt;
use std::io::{Cursor, Read};

use super::links::resolve;
use super::xml::{XmlEvent, XmlEvents, decode};
use super::{EpubError, Limits};
use crate::document::format::html::convert::clean_line;

/// The zip archive and what has been read from it.
pub(super) struct Book<'a> {
    /// The archive.
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// The limits on what it expands to.
    limits: Limits,
    /// How many bytes all the entries read so far expanded to.
    read: u64,
}

impl<'a> Book<'a> {
    /// Opens the archive (its central directory only).
    pub(super) fn open(bytes: &'a [u8], limits: Limits) -> Result<Book<'a>, EpubError> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|error| EpubError::NotZip(error.to_string()))?;
        Ok(Book {
            zip,
            limits,
            read: 0,
        })
    }

    /// Whether the archive has an entry named `name`.
    fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// The bytes of the entry `name`, within the limits.
    pub(super) fn bytes(&mut self, name: &str) -> Result<Vec<u8>, EpubError> {
        let corrupt = |error: &dyn fmt::Display| EpubError::Corrupt {
            entry: clean_line(name),
            reason: error.to_string(),
        };
        let mut entry = match self.zip.by_name(name) {
            Ok(entry) => entry,
            Err(zip::result::ZipError::FileNotFound) => {
                return Err(EpubError::Missing(clean_line(name)));
            }
            Err(zip::result::ZipError::UnsupportedArchive(reason))
                if reason.contains("assword") =>
            {
                return Err(EpubError::Protected);
            }
            Err(error) => return Err(corrupt(&error)),
        };
        let left = self.limits.book.saturating_sub(self.read);
        let limit = self.limits.entry.min(left);
        let mut out = Vec::new();
        let taken = (&mut entry)
            .take(limit.saturating_add(1))
            .read_to_end(&mut out)
            .map_err(|error| corrupt(&error))?;
        let taken = u64::try_from(taken).unwrap_or(u64::MAX);
        if taken > limit {
            return Err(if limit == self.limits.entry {
                EpubError::EntryTooLarge {
                    entry: clean_line(name),
                    limit,
                }
            } else {
                EpubError::BookTooLarge {
                    limit: self.limits.book,
                }
            });
        }
        self.read += taken;
        Ok(out)
    }

    /// The entry `name` decoded as text.
    pub(super) fn text(&mut self, name: &str) -> Result<String, EpubError> {
        Ok(decode(&self.bytes(name)?).into_owned())
    }

    /// The entries `META-INF/encryption.xml` says are encrypted, other than
    /// by font obfuscation (which hides fonts, not text).
    pub(super) fn encrypted(&mut self) -> Result<HashSet<String>, EpubError> {
        const ENCRYPTION: &str = "META-INF/encryption.xml";
        if !self.has(ENCRYPTION) {
            return Ok(HashSet::new());
        }
        Ok(encrypted_entries(&self.text(ENCRYPTION)?))
    }
}

/// The font obfuscation algorithms: not DRM.
const FONT_OBFUSCATION: [&str; 2] = [
    "http://www.idpf.org/2008/embedding",
    "http://ns.adobe.com/pdf/enc#RC",
];

/// The entries an `encryption.xml` lists as encrypted by an algorithm that
/// is not font obfuscation.
fn encrypted_entries(xml: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut algorithm: Option<String> = None;
    for event in XmlEvents::new(xml) {
        match event {
            XmlEvent::Start(element) => match element.name() {
                "EncryptedData" => algorithm = None,
                "EncryptionMethod" if algorithm.is_none() => {
                    algorithm = element.attribute("Algorithm");
                }
                "CipherReference" => {
                    let obfuscation = algorithm
                        .as_deref()
                        .is_some_and(|a| FONT_OBFUSCATION.contains(&a));
                    if let Some((path, _)) = element
                        .attribute("URI")
                        .and_then(|uri| resolve("", &uri))
                        .filter(|_| !obfuscation)
                    {
                        out.insert(path);
                    }
                }
                _ => {}
            },
            XmlEvent::End(_) | XmlEvent::Text(_) => {}
        }
    }
    out
}

/// An entry that may be missing or unreadable (a table of contents):
/// `None` then, but a refusal past the limits stays an error.
pub(super) fn optional(result: Result<Vec<u8>, EpubError>) -> Result<Option<Vec<u8>>, EpubError> {
    match result {
        Ok(bytes) => Ok(Some(bytes)),
        Err(error @ (EpubError::EntryTooLarge { .. } | EpubError::BookTooLarge { .. })) => {
            Err(error)
        }
        Err(_) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read};

    use crate::document::format::epub::tests::{CONTAINER, epub3, opf, zip_of};
    use crate::document::format::epub::{EpubError, Limits, read, read_with_limits};

    #[test]
    fn not_a_zip_and_truncated() {
        assert!(matches!(
            read("x", b"plain text"),
            Err(EpubError::NotZip(_))
        ));
        assert!(matches!(read("x", b""), Err(EpubError::NotZip(_))));
        let bytes = epub3();
        for cut in [bytes.len() - 10, bytes.len() / 2, 30] {
            let error = read("x", &bytes[..cut]).unwrap_err();
            assert!(!error.to_string().contains('\n'), "{error}");
        }
    }

    #[test]
    fn encrypted_chapters_are_refused_fonts_are_not() {
        let encryption = |algorithm: &str, uri: &str| {
            format!(
                r##"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
                  xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
                  <enc:EncryptedData><enc:EncryptionMethod Algorithm="{algorithm}"/>
                  <enc:CipherData><enc:CipherReference URI="{uri}"/></enc:CipherData>
                  </enc:EncryptedData></encryption>"##
            )
        };
        let with = |xml: String| {
            let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
            let mut archive = zip::ZipArchive::new(Cursor::new(epub3())).unwrap();
            for i in 0..archive.len() {
                let mut file = archive.by_index(i).unwrap();
                let mut data = Vec::new();
                file.read_to_end(&mut data).unwrap();
                let name = file.name().unwrap().into_owned();
                if name != "mimetype" {
                    entries.push((name, data));
                }
            }
            entries.push(("META-INF/encryption.xml".into(), xml.into_bytes()));
            let refs: Vec<(&str, &[u8])> = entries
                .iter()
                .map(|(n, d)| (n.as_str(), d.as_slice()))
                .collect();
            zip_of(&refs)
        };
        let aes = "http://www.w3.org/2001/04/xmlenc#aes128-cbc";
        let book = with(encryption(aes, "OEBPS/text/one.xhtml"));
        let error = read("x", &book).unwrap_err();
        assert_eq!(error, EpubError::Protected);
        assert!(error.to_string().contains("DRM"));
        let fonts = with(encryption(
            "http://www.idpf.org/2008/embedding",
            "OEBPS/text/one.xhtml",
        ));
        assert!(read("x", &fonts).is_ok());
        let image = with(encryption(aes, "OEBPS/images/cover.jpg"));
        assert!(read("x", &image).is_ok());
    }

    #[test]
    fn bombs_are_refused() {
        let zeros = vec![0u8; 4 << 20];
        let package = opf(
            "",
            r##"<item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/>"##,
            r##"<itemref idref="c1"/>"##,
        );
        let bytes = zip_of(&[
            ("META-INF/container.xml", CONTAINER.as_bytes()),
            ("OEBPS/content.opf", package.as_bytes()),
            ("OEBPS/c1.xhtml", &zeros),
        ]);
        assert!(bytes.len() < 64 << 10, "deflated small: {}", bytes.len());
        let limits = Limits {
            entry: 1 << 20,
            book: 512 << 20,
        };
        let error = read_with_limits("x", &bytes, limits).unwrap_err();
        assert_eq!(
            error,
            EpubError::EntryTooLarge {
                entry: "OEBPS/c1.xhtml".into(),
                limit: 1 << 20
            }
        );
        assert!(error.to_string().contains("zip bomb"));
        let limits = Limits {
            entry: 64 << 20,
            book: 2 << 20,
        };
        let error = read_with_limits("x", &bytes, limits).unwrap_err();
        assert_eq!(error, EpubError::BookTooLarge { limit: 2 << 20 });
        // Within the limits, the same book opens.
        assert!(read("x", &bytes).is_ok());
    }
}
