//! XHTML's self-closed elements written as HTML understands them.
//!
//! In XML `<a id="x"/>` is an element with nothing inside; an HTML parser
//! reads it as a start tag, so `<title/>` or `<div/>` would swallow what
//! follows. Each self-closed element that is not void in HTML becomes a
//! start tag and its end tag (`<a id="x"></a>`); void ones (`<br/>`) and
//! everything else are left as they are.
//!
//! The tags are found by one scan, with no backtracking, that accepts
//! exactly what this pattern matches (leftmost first, as a regex engine
//! would; the tests check the two agree on any text):
//!
//! ```text
//! <(name)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/>
//! ```
//!
//! where `name` is `[A-Za-z][A-Za-z0-9:_.-]*` and `\s` is Unicode white
//! space. A compiled regex did this before; building it cost more than
//! converting a chapter, on the way to a book's first screen.

use super::{is_void, local};

/// `xhtml` with each self-closed element that is not void in HTML
/// written as a start tag and an end tag.
pub(super) fn expand(xhtml: &str) -> String {
    let bytes = xhtml.as_bytes();
    let mut out = String::with_capacity(xhtml.len() + xhtml.len() / 16);
    let (mut copied, mut at) = (0, 0);
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + found;
        let Some(tag) = self_closed_at(xhtml, start) else {
            at = start + 1;
            continue;
        };
        let name = &xhtml[start + 1..tag.name_end];
        if !is_void(local(&name.to_ascii_lowercase())) {
            out.push_str(&xhtml[copied..start]);
            out.push('<');
            out.push_str(name);
            out.push_str(&xhtml[tag.name_end..tag.attributes_end]);
            out.push_str("></");
            out.push_str(name);
            out.push('>');
            copied = tag.end;
        }
        at = tag.end;
    }
    out.push_str(&xhtml[copied..]);
    out
}

/// A self-closed tag found by [`self_closed_at`]: byte offsets in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SelfClosed {
    /// Where its name ends (it starts just after the `<`).
    name_end: usize,
    /// Where its attributes end: before the white space and `/>` that
    /// close it.
    attributes_end: usize,
    /// Just past its `/>`.
    end: usize,
}

/// The self-closed tag whose `<` is at `start`, if one is there.
fn self_closed_at(text: &str, start: usize) -> Option<SelfClosed> {
    let bytes = text.as_bytes();
    let mut at = start + 1;
    if !bytes.get(at)?.is_ascii_alphabetic() {
        return None;
    }
    at += 1;
    while bytes
        .get(at)
        .is_some_and(|&b| b.is_ascii_alphanumeric() || matches!(b, b':' | b'_' | b'.' | b'-'))
    {
        at += 1;
    }
    let name_end = at;
    let mut attributes_end = at;
    loop {
        let after_space = skip_space(text, at);
        if text[after_space..].starts_with("/>") {
            return Some(SelfClosed {
                name_end,
                attributes_end,
                end: after_space + 2,
            });
        }
        // Another attribute: white space, a name, maybe a value.
        if after_space == at {
            return None;
        }
        let attribute_name_end = skip_while(text, after_space, is_attribute_name);
        if attribute_name_end == after_space {
            return None;
        }
        at = attribute_name_end;
        let before_equals = skip_space(text, at);
        if bytes.get(before_equals) != Some(&b'=') {
            attributes_end = at;
            continue;
        }
        let value = skip_space(text, before_equals + 1);
        match bytes.get(value)? {
            &quote @ (b'"' | b'\'') => {
                let close = memchr::memchr(quote, &bytes[value + 1..])?;
                at = value + 1 + close + 1;
            }
            _ => {
                let run_end = skip_while(text, value, is_unquoted_value);
                if run_end == value {
                    return None;
                }
                // A value that runs into `/>` leaves its slash to them.
                if bytes.get(run_end) == Some(&b'>') {
                    return (bytes[run_end - 1] == b'/' && run_end - 1 > value).then_some(
                        SelfClosed {
                            name_end,
                            attributes_end: run_end - 1,
                            end: run_end + 1,
                        },
                    );
                }
                at = run_end;
            }
        }
        attributes_end = at;
    }
}

/// Where the white space starting at `at` ends.
fn skip_space(text: &str, at: usize) -> usize {
    skip_while(text, at, char::is_whitespace)
}

/// Where the characters from `at` on that `keep` accepts end.
fn skip_while(text: &str, at: usize, keep: impl Fn(char) -> bool) -> usize {
    text[at..]
        .char_indices()
        .find(|&(_, c)| !keep(c))
        .map_or(text.len(), |(i, _)| at + i)
}

/// A character an attribute's name may hold.
fn is_attribute_name(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, '"' | '\'' | '>' | '/' | '=')
}

/// A character an unquoted attribute value may hold.
fn is_unquoted_value(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, '"' | '\'' | '=' | '<' | '>' | '`')
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::{Captures, Regex};

    /// What the pattern in the module's documentation makes of `xhtml`,
    /// with the regex crate: the scan must agree with it everywhere.
    fn by_regex(xhtml: &str) -> String {
        static PATTERN: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
            Regex::new(
                r#"<([A-Za-z][A-Za-z0-9:_.-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/>"#,
            )
            .unwrap()
        });
        PATTERN
            .replace_all(xhtml, |caps: &Captures<'_>| {
                let name = &caps[1];
                if is_void(local(&name.to_ascii_lowercase())) {
                    caps[0].to_owned()
                } else {
                    format!("<{name}{}></{name}>", &caps[2])
                }
            })
            .into_owned()
    }

    #[test]
    fn self_closed_elements_are_opened_and_closed() {
        let cases = [
            ("<a id='x'/>", "<a id='x'></a>"),
            ("<title/>", "<title></title>"),
            ("<div class=\"a b\"  />", "<div class=\"a b\"></div>"),
            ("<br/><hr />", "<br/><hr />"),
            ("<svg:rect x=1/>", "<svg:rect x=1></svg:rect>"),
            ("<a b=c/ />", "<a b=c/></a>"),
            ("<a b=/>", "<a b=/>"),
            ("<p>x</p><1/>", "<p>x</p><1/>"),
            ("<a b='>'/>", "<a b='>'></a>"),
            ("<a\u{a0}b/>", "<a\u{a0}b></a>"),
            ("<a <b/>", "<a <b></a>"),
            ("<a b=c`/>", "<a b=c`/>"),
        ];
        for (xhtml, html) in cases {
            assert_eq!(expand(xhtml), html, "{xhtml}");
            assert_eq!(by_regex(xhtml), html, "{xhtml}");
        }
    }

    proptest::proptest! {
        // Near misses are many: the cases are cheap, so many are tried.
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        #[test]
        fn the_scan_agrees_with_the_pattern(
            xhtml in concat!(
                "(<[a-zB][a-z1:.-]{0,3}",
                "(( |\u{a0}|\n)+[a-z<`é]{1,3}( ?= ?(\"[^\"]{0,3}\"|'[^']{0,3}'|[a-z/`<>=\"']{1,3}))?){0,3}",
                " ?(/>|>|/ >)|[a-z /<>=\"'`]{0,4}){0,6}"
            )
        ) {
            proptest::prop_assert_eq!(expand(&xhtml), by_regex(&xhtml));
        }

        #[test]
        fn any_text_agrees_with_the_pattern(xhtml in "\\PC{0,40}") {
            proptest::prop_assert_eq!(expand(&xhtml), by_regex(&xhtml));
        }
    }
}
