//! The table of contents: the EPUB 3 navigation document's, else the
//! EPUB 2 NCX's, its entries resolved to the blocks they lead to.

use std::collections::HashMap;

use dom_query::NodeRef;
use percent_encoding::percent_decode_str;

use super::EpubError;
use super::archive::{Book, optional};
use super::links::{folder, resolve};
use super::package::Package;
use super::xml::{XmlEvent, XmlEvents, decode};
use crate::document::block::{Block, TocEntry};
use crate::document::format::html::convert::{clean_line, parse_xhtml};

/// The table of contents of `package`, resolved to `blocks`: from the EPUB 3
/// navigation document, else from the NCX.
pub(super) fn read(
    package: &Package,
    book: &mut Book<'_>,
    blocks: &[Block],
) -> Result<Vec<TocEntry>, EpubError> {
    let mut anchors = HashMap::new();
    for (index, block) in blocks.iter().enumerate() {
        for anchor in &block.anchors {
            anchors.entry(anchor.as_str()).or_insert(index);
        }
    }
    let resolve_entries = |entries: Vec<(u8, String, String)>| -> Vec<TocEntry> {
        entries
            .into_iter()
            .filter_map(|(level, title, target)| {
                let block = *anchors.get(target.as_str())?;
                Some(TocEntry {
                    level,
                    title,
                    block,
                })
            })
            .collect()
    };
    let nav = package
        .manifest
        .values()
        .find(|item| item.properties.split_ascii_whitespace().any(|p| p == "nav"));
    if let Some(nav) = nav
        && let Some(bytes) = optional(book.bytes(&nav.path))?
    {
        let toc = resolve_entries(nav_entries(&decode(&bytes), &nav.path));
        if !toc.is_empty() {
            return Ok(toc);
        }
    }
    let ncx = package
        .ncx
        .as_ref()
        .and_then(|id| package.manifest.get(id))
        .or_else(|| {
            package
                .manifest
                .values()
                .find(|item| item.media_type == "application/x-dtbncx+xml")
        });
    if let Some(ncx) = ncx
        && let Some(bytes) = optional(book.bytes(&ncx.path))?
    {
        return Ok(resolve_entries(ncx_entries(&decode(&bytes), &ncx.path)));
    }
    Ok(Vec::new())
}

/// The target anchor key (`path` or `path#id`) of a table of contents
/// entry's `href`, relative to the file `from`.
fn toc_target(from: &str, href: &str) -> Option<String> {
    let (path, fragment) = if let Some(id) = href.strip_prefix('#') {
        (
            from.to_owned(),
            Some(percent_decode_str(id).decode_utf8_lossy().into_owned()),
        )
    } else {
        resolve(folder(from), href)?
    };
    Some(match fragment {
        Some(id) => format!("{path}#{id}"),
        None => path,
    })
}

/// The entries of an EPUB 3 navigation document's table of contents
/// (`nav[epub:type~=toc]`, else its first `nav`): level, title and target
/// anchor key, in order. Nested `ol`s make the levels.
fn nav_entries(xhtml: &str, path: &str) -> Vec<(u8, String, String)> {
    let document = parse_xhtml(xhtml);
    let navs = document.select("nav");
    let navs: Vec<NodeRef<'_>> = navs.nodes().to_vec();
    let toc = navs
        .iter()
        .find(|nav| {
            nav.attr("epub:type")
                .is_some_and(|t| t.split_ascii_whitespace().any(|t| t == "toc"))
        })
        .or_else(|| navs.first());
    let Some(toc) = toc else {
        return Vec::new();
    };
    let mut entries = Vec::new();
    let mut stack = vec![(*toc, 0u8)];
    while let Some((node, lists)) = stack.pop() {
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        let lists = if name == "ol" || name == "ul" {
            lists.saturating_add(1)
        } else {
            lists
        };
        if name == "li"
            && let Some(label) = node
                .children_it(false)
                .find(|c| c.node_name().is_some_and(|n| matches!(&*n, "a" | "span")))
        {
            let title = clean_line(&label.text());
            let target = label.attr("href").and_then(|href| toc_target(path, &href));
            if let Some(target) = target.filter(|_| !title.is_empty()) {
                entries.push((lists.max(1), title, target));
            }
        }
        let children: Vec<_> = node.children_it(true).filter(|c| c.is_element()).collect();
        stack.extend(children.into_iter().map(|c| (c, lists)));
    }
    entries
}

/// The entries of an EPUB 2 NCX `navMap`: level (nested `navPoint`s),
/// title and target anchor key, in order.
fn ncx_entries(ncx: &str, path: &str) -> Vec<(u8, String, String)> {
    let mut entries = Vec::new();
    // Per open navPoint: its label and target, once known.
    let mut points: Vec<(String, Option<String>, bool)> = Vec::new();
    let mut in_map = false;
    let mut in_text = false;
    for event in XmlEvents::new(ncx) {
        match event {
            XmlEvent::Start(element) => match element.name() {
                "navMap" => in_map = true,
                "navPoint" if in_map => points.push((String::new(), None, false)),
                "text" => in_text = true,
                "content" => {
                    let depth = points.len();
                    if let Some(point) = points.last_mut()
                        && point.1.is_none()
                    {
                        point.1 = element.attribute("src").and_then(|s| toc_target(path, &s));
                        emit(&mut entries, point, depth);
                    }
                }
                _ => {}
            },
            XmlEvent::Text(text) if in_text => {
                if let Some(point) = points.last_mut()
                    && point.1.is_none()
                {
                    point.0.push_str(&text);
                }
            }
            XmlEvent::End(name) => match &*name {
                "navMap" => in_map = false,
                "text" => in_text = false,
                "navPoint" => {
                    points.pop();
                }
                _ => {}
            },
            XmlEvent::Text(_) => {}
        }
    }
    entries
}

/// Records a navPoint once its label and target are read (its label comes
/// before its content).
fn emit(
    entries: &mut Vec<(u8, String, String)>,
    point: &mut (String, Option<String>, bool),
    depth: usize,
) {
    let title = clean_line(&point.0);
    if let Some(target) = &point.1
        && !title.is_empty()
        && !point.2
    {
        point.2 = true;
        let level = u8::try_from(depth).unwrap_or(u8::MAX).max(1);
        entries.push((level, title, target.clone()));
    }
}

#[cfg(test)]
mod tests {
    use crate::document::format::epub::read;
    use crate::document::format::epub::tests::{CONTAINER, check, opf, xhtml, zip_of};

    #[test]
    fn epub2_with_ncx_only() {
        let package = opf(
            "<dc:title>Old</dc:title>",
            r##"<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
               <item id="c1" href="c1.html" media-type="application/xhtml+xml"/>"##,
            r##"<itemref idref="c1"/>"##,
        );
        let ncx = r##"<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/">
            <docTitle><text>Old</text></docTitle><navMap>
            <navPoint id="p1" playOrder="1"><navLabel><text>Part</text></navLabel><content src="c1.html"/>
              <navPoint id="p2" playOrder="2"><navLabel><text>Chapter  1</text></navLabel><content src="c1.html#c1"/></navPoint>
            </navPoint>
            <navPoint id="p3"><navLabel><text>Nowhere</text></navLabel><content src="c1.html#none"/></navPoint>
            </navMap></ncx>"##;
        let chapter = xhtml(r##"<h1>Part</h1><div id="c1"><h2>Chapter 1</h2><p>Words.</p></div>"##);
        let bytes = zip_of(&[
            ("META-INF/container.xml", CONTAINER.as_bytes()),
            ("OEBPS/content.opf", package.as_bytes()),
            ("OEBPS/toc.ncx", ncx.as_bytes()),
            ("OEBPS/c1.html", chapter.as_bytes()),
        ]);
        let book = read("old.epub", &bytes).unwrap();
        check(&book);
        let toc: Vec<(u8, &str, usize)> = book
            .toc
            .iter()
            .map(|e| (e.level, e.title.as_str(), e.block))
            .collect();
        assert_eq!(toc, [(1, "Part", 0), (2, "Chapter 1", 1)]);
        assert_eq!(book.metadata.title.as_deref(), Some("Old"));
        assert_eq!(book.metadata.language.as_deref(), Some("en"));
    }
}
