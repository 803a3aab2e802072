//! A web page's characters: from its byte order mark, its `<meta>`
//! declaration, or a guess.

use encoding_rs::{Encoding, UTF_8};

use super::sniff::starts_with_ignore_case;
use super::{DETECTOR_BYTES, PRESCAN_BYTES};

/// Decodes a web page: its byte order mark decides, else a `<meta>`
/// declaration in its first [`PRESCAN_BYTES`] (unless the bytes are valid
/// UTF-8 beyond ASCII: a page saved again as UTF-8 keeps the declaration
/// it had), else valid UTF-8 is UTF-8, else the encoding detector of
/// Firefox (chardetng) guesses.
/// Returns the text (without byte order mark) and the encoding used.
///
/// ```
/// use liseuse::document::format::reader_mode::decode;
/// let (text, encoding) = decode(b"<meta charset=iso-8859-1><p>caf\xe9");
/// assert_eq!(encoding, encoding_rs::WINDOWS_1252);
/// assert!(text.ends_with("café"));
/// ```
pub fn decode(bytes: &[u8]) -> (String, &'static Encoding) {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let text = encoding.decode_without_bom_handling(&bytes[bom..]).0;
        return (text.into_owned(), encoding);
    }
    let utf8 = simdutf8::basic::from_utf8(bytes).is_ok();
    let declared = prescan(&bytes[..bytes.len().min(PRESCAN_BYTES)])
        // A page saved again as UTF-8 keeps its old declaration (the
        // shared `qq` page says gb2312): bytes beyond ASCII that are all
        // valid UTF-8 are UTF-8, whatever the page says. Legacy text is
        // next to never valid UTF-8.
        .filter(|_| !utf8 || bytes.is_ascii());
    let encoding = declared.unwrap_or_else(|| {
        if utf8 {
            UTF_8
        } else {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(&bytes[..bytes.len().min(DETECTOR_BYTES)], true);
            detector.guess(None, chardetng::Utf8Detection::Allow)
        }
    });
    let text = encoding.decode_without_bom_handling(bytes).0;
    (text.into_owned(), encoding)
}

/// The encoding a `<meta charset>` or `<meta http-equiv="Content-Type">`
/// declares in `head`, after the HTML standard's prescan (simplified:
/// comments are skipped, attributes read, other tags passed over). A
/// declared UTF-16 means UTF-8 (the bytes cannot be UTF-16 if ASCII
/// declared it), and `x-user-defined` means Windows-1252, as the standard
/// says.
fn prescan(head: &[u8]) -> Option<&'static Encoding> {
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &head[at..]) {
        at += offset;
        let rest = &head[at..];
        if rest.starts_with(b"<!--") {
            at += memchr::memmem::find(&rest[4..], b"-->").map_or(rest.len(), |end| end + 7);
            continue;
        }
        let tag = starts_with_ignore_case(rest, b"<meta")
            && rest
                .get(5)
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/');
        let (attributes, end) = attributes(&rest[1..]);
        at += 1 + end;
        if !tag {
            continue;
        }
        let mut charset = None;
        let mut http_equiv = false;
        let mut content = None;
        for (name, value) in attributes {
            match name.to_ascii_lowercase().as_slice() {
                b"charset" => charset = charset.or(Some(value)),
                b"http-equiv" => http_equiv |= value.eq_ignore_ascii_case(b"content-type"),
                b"content" => content = content.or(Some(value)),
                _ => {}
            }
        }
        let label = charset.or_else(|| {
            content
                .filter(|_| http_equiv)
                .and_then(|content| charset_in_content(content))
        });
        if let Some(encoding) = label.and_then(Encoding::for_label) {
            return Some(match encoding.name() {
                "UTF-16LE" | "UTF-16BE" => UTF_8,
                "x-user-defined" => encoding_rs::WINDOWS_1252,
                _ => encoding,
            });
        }
    }
    None
}

/// A tag's attribute: its name and its value (empty when it has none).
type Attribute<'a> = (&'a [u8], &'a [u8]);

/// The attributes of the tag whose name starts `tag` (just after its
/// `<`), and the offset just past its `>`. Values may be quoted with `"`
/// or `'`, or not at all.
fn attributes(tag: &[u8]) -> (Vec<Attribute<'_>>, usize) {
    let mut found = Vec::new();
    let mut at = tag
        .iter()
        .position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
        .unwrap_or(tag.len());
    loop {
        while at < tag.len() && (tag[at].is_ascii_whitespace() || tag[at] == b'/') {
            at += 1;
        }
        if at >= tag.len() || tag[at] == b'>' {
            return (found, (at + 1).min(tag.len()));
        }
        let name_start = at;
        while at < tag.len() && !tag[at].is_ascii_whitespace() && !matches!(tag[at], b'=' | b'>') {
            at += 1;
        }
        let name = &tag[name_start..at];
        while at < tag.len() && tag[at].is_ascii_whitespace() {
            at += 1;
        }
        let mut value: &[u8] = &[];
        if tag.get(at) == Some(&b'=') {
            at += 1;
            while at < tag.len() && tag[at].is_ascii_whitespace() {
                at += 1;
            }
            match tag.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let start = at + 1;
                    let end = memchr::memchr(quote, &tag[start..]).map_or(tag.len(), |n| start + n);
                    value = &tag[start..end];
                    at = (end + 1).min(tag.len());
                }
                _ => {
                    let start = at;
                    while at < tag.len() && !tag[at].is_ascii_whitespace() && tag[at] != b'>' {
                        at += 1;
                    }
                    value = &tag[start..at];
                }
            }
        }
        found.push((name, value));
    }
}

/// The label after `charset=` in a `Content-Type` value, quotes removed.
fn charset_in_content(content: &[u8]) -> Option<&[u8]> {
    let lower = content.to_ascii_lowercase();
    let at = memchr::memmem::find(&lower, b"charset")? + 7;
    let rest = content[at..].trim_ascii_start();
    let rest = rest.strip_prefix(b"=")?.trim_ascii_start();
    let rest = match rest.first() {
        Some(&quote @ (b'"' | b'\'')) => {
            let inner = &rest[1..];
            &inner[..memchr::memchr(quote, inner)?]
        }
        _ => {
            let end = rest
                .iter()
                .position(|b| b.is_ascii_whitespace() || *b == b';')
                .unwrap_or(rest.len());
            &rest[..end]
        }
    };
    (!rest.is_empty()).then_some(rest)
}
