//! The package: the rootfile `container.xml` names, and what its OPF
//! says (metadata, manifest, spine), down to the chapters in reading
//! order.

use std::collections::{HashMap, HashSet};

use super::links::{folder, resolve};
use super::xml::{Element, XmlEvent, XmlEvents};
use crate::document::block::Metadata;
use crate::document::format::html::convert::clean_line;

/// The package's path, from `container.xml`: its first `rootfile` of the
/// OPF type (else its first `rootfile`).
pub(super) fn rootfile(container: &str) -> Option<String> {
    let mut first = None;
    for event in XmlEvents::new(container) {
        if let XmlEvent::Start(element) = event
            && element.name() == "rootfile"
            && let Some(path) = element.attribute("full-path")
        {
            let path = resolve("", &path).map(|(p, _)| p)?;
            let media = element.attribute("media-type");
            if media.as_deref() == Some("application/oebps-package+xml") {
                return Some(path);
            }
            first.get_or_insert(path);
        }
    }
    first
}

/// One manifest item.
#[derive(Debug, Clone)]
pub(super) struct Item {
    /// Its entry's name in the zip.
    pub(super) path: String,
    /// Its media type.
    pub(super) media_type: String,
    /// Its EPUB 3 properties (`nav`, …).
    pub(super) properties: String,
}

/// What the package (OPF) says.
#[derive(Debug, Default)]
pub(super) struct Package {
    /// Title, authors, language, publisher, date.
    pub(super) metadata: Metadata,
    /// The manifest, by id.
    pub(super) manifest: HashMap<String, Item>,
    /// The spine: manifest ids, and whether each is linear.
    spine: Vec<(String, bool)>,
    /// The NCX's manifest id (`spine@toc`).
    pub(super) ncx: Option<String>,
}

impl Package {
    /// Reads the package at `path` from its text; what is malformed is
    /// left out.
    pub(super) fn parse(opf: &str, path: &str) -> Package {
        let folder = folder(path);
        let mut package = Package::default();
        let mut creators: Vec<String> = Vec::new();
        let mut field: Option<String> = None;
        let mut text = String::new();
        for event in XmlEvents::new(opf) {
            match event {
                XmlEvent::Start(element) => match element.name() {
                    name @ ("title" | "creator" | "language" | "publisher" | "date") => {
                        field = Some(name.to_owned());
                        text.clear();
                    }
                    "item" => package.add_item(folder, &element),
                    "spine" => package.ncx = element.attribute("toc"),
                    "itemref" => {
                        if let [Some(id), linear] = element.attributes(["idref", "linear"]) {
                            let linear = linear.as_deref() != Some("no");
                            package.spine.push((id, linear));
                        }
                    }
                    _ => {}
                },
                XmlEvent::Text(t) if field.is_some() => text.push_str(&t),
                XmlEvent::End(name) if field.as_deref() == Some(&*name) => {
                    field = None;
                    let value = clean_line(&text);
                    if value.is_empty() {
                        continue;
                    }
                    let metadata = &mut package.metadata;
                    let slot = match &*name {
                        "title" => &mut metadata.title,
                        "language" => &mut metadata.language,
                        "publisher" => &mut metadata.site,
                        "date" => &mut metadata.date,
                        _ => {
                            if !creators.contains(&value) {
                                creators.push(value);
                            }
                            continue;
                        }
                    };
                    slot.get_or_insert(value);
                }
                XmlEvent::Text(_) | XmlEvent::End(_) => {}
            }
        }
        if !creators.is_empty() {
            package.metadata.author = Some(creators.join(", "));
        }
        package
    }

    /// Adds a manifest `item`.
    fn add_item(&mut self, folder: &str, element: &Element<'_>) {
        let [Some(id), Some(href), media_type, properties] =
            element.attributes(["id", "href", "media-type", "properties"])
        else {
            return;
        };
        let Some((path, _)) = resolve(folder, &href) else {
            return;
        };
        let item = Item {
            path,
            media_type: media_type.unwrap_or_default(),
            properties: properties.unwrap_or_default(),
        };
        self.manifest.entry(id).or_insert(item);
    }

    /// The chapters to show, in reading order: the linear spine items,
    /// then the others; each once, (X)HTML only.
    pub(super) fn reading_order(&self) -> Vec<Item> {
        let mut seen = HashSet::new();
        let linear = self.spine.iter().filter(|(_, linear)| *linear);
        let other = self.spine.iter().filter(|(_, linear)| !*linear);
        linear
            .chain(other)
            .filter_map(|(id, _)| self.manifest.get(id))
            .filter(|item| is_html(&item.media_type) && seen.insert(item.path.as_str()))
            .cloned()
            .collect()
    }
}

/// Whether a media type is a chapter the converter reads.
fn is_html(media_type: &str) -> bool {
    let media_type = media_type.trim();
    [
        "application/xhtml+xml",
        "text/html",
        "application/html",
        "text/x-oeb1-document",
    ]
    .iter()
    .any(|html| media_type.eq_ignore_ascii_case(html))
}

#[cfg(test)]
mod tests {
    use crate::document::format::epub::tests::{CONTAINER, opf, xhtml, zip_of};
    use crate::document::format::epub::{EpubError, read};

    #[test]
    fn chapters_are_told_by_their_media_type_whatever_its_case() {
        use super::is_html;
        assert!(is_html("application/xhtml+xml"));
        assert!(is_html(" Application/XHTML+XML "));
        assert!(is_html("text/x-oeb1-document"));
        assert!(!is_html("image/jpeg"));
        assert!(!is_html("application/xhtml+xml; charset=utf-8"));
    }

    #[test]
    fn missing_container_and_package() {
        let bytes = zip_of(&[("OEBPS/content.opf", b"<package/>")]);
        let error = read("x.epub", &bytes).unwrap_err();
        assert_eq!(error, EpubError::Missing("META-INF/container.xml".into()));
        assert_eq!(
            error.to_string(),
            "not a valid EPUB: 'META-INF/container.xml' is missing"
        );
        let bytes = zip_of(&[("META-INF/container.xml", CONTAINER.as_bytes())]);
        let error = read("x.epub", &bytes).unwrap_err();
        assert_eq!(error, EpubError::Missing("OEBPS/content.opf".into()));
    }

    #[test]
    fn escapes_in_metadata_and_titles_are_sanitized() {
        let package = opf(
            "<dc:title>Evil\u{1b}[2J title&#x1b;</dc:title><dc:creator>A\u{7}</dc:creator>",
            r##"<item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/>
               <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>"##,
            r##"<itemref idref="c1"/>"##,
        );
        let nav = xhtml(
            "<nav epub:type='toc'><ol><li><a href='c1.xhtml'>T\u{1b}]0;x</a></li></ol></nav>",
        );
        let chapter = xhtml("<p>ok</p>");
        let bytes = zip_of(&[
            ("META-INF/container.xml", CONTAINER.as_bytes()),
            ("OEBPS/content.opf", package.as_bytes()),
            ("OEBPS/nav.xhtml", nav.as_bytes()),
            ("OEBPS/c1.xhtml", chapter.as_bytes()),
        ]);
        let book = read("x", &bytes).unwrap();
        assert_eq!(book.metadata.title.as_deref(), Some("Evil␛[2J title␛"));
        assert_eq!(book.metadata.author.as_deref(), Some("A␇"));
        assert_eq!(book.toc[0].title, "T␛]0;x");
    }
}
