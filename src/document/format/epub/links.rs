//! Where an `href` inside the book leads: entry names resolved against
//! folders, and links rewritten to name the book's anchors.

use percent_encoding::percent_decode_str;

/// The anchor an internal link leads to, `#{path}` or `#{path}#{id}`;
/// `None` for a link out of the book.
pub(super) fn internal_link(folder: &str, path: &str, target: &str) -> Option<String> {
    if let Some(id) = target.strip_prefix('#') {
        let id = percent_decode_str(id).decode_utf8_lossy();
        return Some(format!("#{path}#{id}"));
    }
    let (resolved, fragment) = resolve(folder, target)?;
    Some(match fragment {
        Some(id) => format!("#{resolved}#{id}"),
        None => format!("#{resolved}"),
    })
}

/// The folder of an entry (`OEBPS/text` for `OEBPS/text/ch1.xhtml`,
/// empty at the root).
pub(super) fn folder(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// Resolves `href`, relative to `folder`, to an entry's name and the
/// fragment after `#`, both percent-decoded; `None` when `href` leads out
/// of the book (it has a scheme: `https:`, `mailto:`…) or is empty.
pub(super) fn resolve(folder: &str, href: &str) -> Option<(String, Option<String>)> {
    let (path, fragment) = match href.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    if has_scheme(path) || path.starts_with("//") {
        return None;
    }
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let mut parts: Vec<&str> = if decoded.starts_with('/') {
        Vec::new()
    } else {
        folder.split('/').filter(|p| !p.is_empty()).collect()
    };
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    if parts.is_empty() {
        return None;
    }
    let fragment = fragment
        .filter(|f| !f.is_empty())
        .map(|f| percent_decode_str(f).decode_utf8_lossy().into_owned());
    Some((parts.join("/"), fragment))
}

/// Whether a URL starts with a scheme (`letters:` before any `/`).
fn has_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn hrefs_resolve() {
        assert_eq!(
            resolve("OEBPS/text", "../img/a%20b.png#x%41"),
            Some(("OEBPS/img/a b.png".into(), Some("xA".into())))
        );
        assert_eq!(
            resolve("a", "/root.xhtml"),
            Some(("root.xhtml".into(), None))
        );
        assert_eq!(resolve("a", "../../../x"), Some(("x".into(), None)));
        assert_eq!(resolve("a", "https://x.org/a"), None);
        assert_eq!(resolve("a", "//x.org/a"), None);
        assert_eq!(resolve("", ""), None);
    }
}
