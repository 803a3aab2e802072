//! Whether bytes are a web page at all.

use super::SNIFF_BYTES;

/// Whether `bytes` are a web page rather than text or Markdown: after an
/// optional UTF-8 byte order mark and whitespace they start (in any case)
/// with `<!doctype html`, `<html`, `<head` or `<body`; or with a comment
/// or an XML declaration followed, within the first 1 KiB, by one of those
/// (`<html` for XML).
///
/// ```
/// use liseuse::document::format::reader_mode::looks_like_html;
/// assert!(looks_like_html(b"\n<!DOCTYPE html><title>x</title>"));
/// assert!(!looks_like_html(b"<p align=center>A README</p>\n# Title"));
/// ```
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes.trim_ascii_start();
    let window = &start[..start.len().min(SNIFF_BYTES)];
    if root_tag_at(window) {
        return true;
    }
    let later = |opening: &[u8], roots: &[&[u8]]| {
        starts_with_ignore_case(window, opening)
            && window.iter().enumerate().any(|(at, &b)| {
                b == b'<' && roots.iter().any(|root| tag_named(&window[at..], root))
            })
    };
    later(b"<!--", &[b"<!doctype html", b"<html", b"<head", b"<body"])
        || later(b"<?xml", &[b"<!doctype html", b"<html"])
}

/// Whether `bytes` start with a doctype or a root element of a page.
fn root_tag_at(bytes: &[u8]) -> bool {
    [&b"<!doctype html"[..], b"<html", b"<head", b"<body"]
        .iter()
        .any(|root| tag_named(bytes, root))
}

/// Whether `bytes` start with the tag `name` (in any case): followed by
/// what may follow a tag's name, and closed by a `>` before any other `<`
/// (`<html>` and `<html lang=fr>`, not `<htmlish>` nor `<html is how a
/// page starts` in prose).
fn tag_named(bytes: &[u8], name: &[u8]) -> bool {
    if !starts_with_ignore_case(bytes, name)
        || !bytes
            .get(name.len())
            .is_some_and(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
    {
        return false;
    }
    let rest = &bytes[name.len()..];
    memchr::memchr2(b'>', b'<', rest).is_some_and(|at| rest[at] == b'>')
}

pub(super) fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix)
}
