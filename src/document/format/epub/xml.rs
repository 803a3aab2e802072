//! The book's XML entries: their text decoded (by byte-order mark, else
//! by their declaration), then read as a lenient stream of events
//! (quick-xml).

use std::borrow::Cow;

use encoding_rs::Encoding;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// Decodes the text of an XML or XHTML entry: by its byte-order mark, else
/// by the encoding its XML declaration names, else as UTF-8 (bad bytes
/// become U+FFFD).
pub(super) fn decode(bytes: &[u8]) -> Cow<'_, str> {
    let encoding = Encoding::for_bom(bytes)
        .map(|(encoding, _)| encoding)
        .or_else(|| declared_encoding(bytes))
        .unwrap_or(encoding_rs::UTF_8);
    let (text, _, _) = encoding.decode(bytes);
    text
}

/// The encoding an XML declaration (`<?xml … encoding="…"?>`) names, if
/// encoding_rs knows it (and it is not UTF-16, which needs a BOM).
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(256))?;
    let head = std::str::from_utf8(head)
        .unwrap_or_else(|e| std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or(""));
    let declaration = head.trim_start().strip_prefix("<?xml")?;
    let declaration = &declaration[..declaration.find("?>")?];
    let after = &declaration[declaration.find("encoding")? + "encoding".len()..];
    let value = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let label = value[1..].split(quote).next()?;
    let encoding = Encoding::for_label(label.trim().as_bytes())?;
    (encoding != encoding_rs::UTF_16LE && encoding != encoding_rs::UTF_16BE).then_some(encoding)
}

/// One event of [`XmlEvents`]: names without their prefix, borrowed from
/// the text where they can be (a package lists hundreds of elements).
#[derive(Debug)]
pub(super) enum XmlEvent<'a> {
    /// An element opens (an empty element opens, then closes).
    Start(Element<'a>),
    /// An element closes: its local name.
    End(Cow<'a, str>),
    /// Text (entities resolved).
    Text(Cow<'a, str>),
}

/// An element's start tag: its local name, and its attributes, read when
/// asked for.
#[derive(Debug)]
pub(super) struct Element<'a> {
    /// Its local name.
    name: Cow<'a, str>,
    /// The tag.
    tag: BytesStart<'a>,
}

impl Element<'_> {
    /// Its local name (without a prefix).
    pub(super) fn name(&self) -> &str {
        &self.name
    }

    /// The value of its attribute `name` (by local name), unescaped.
    pub(super) fn attribute(&self, name: &str) -> Option<String> {
        let [value] = self.attributes([name]);
        value
    }

    /// The values of its attributes `names` (by local name), unescaped,
    /// read in one pass over the tag (a package's items have four each);
    /// of an attribute given twice, the first.
    pub(super) fn attributes<const N: usize>(&self, names: [&str; N]) -> [Option<String>; N] {
        let mut values = [const { None }; N];
        // Duplicates are not looked for (a quadratic check): the first
        // value found is kept.
        for attribute in self.tag.attributes().with_checks(false).flatten() {
            let key = attribute.key.local_name();
            let Some(slot) = names.iter().position(|name| *name == key.as_ref()) else {
                continue;
            };
            if values[slot].is_some() {
                continue;
            }
            let value = attribute
                .normalized_value_with(
                    XmlVersion::Implicit1_0,
                    4,
                    quick_xml::escape::resolve_predefined_entity,
                )
                .map(Cow::into_owned)
                .unwrap_or_else(|_| attribute.value.clone().into_owned());
            values[slot] = Some(value);
        }
        values
    }
}

/// A lenient pull parser over an XML text (quick-xml): end names are not
/// checked, it stops at the first error.
pub(super) struct XmlEvents<'a> {
    /// The text.
    xml: &'a str,
    /// The reader.
    reader: Reader<&'a [u8]>,
    /// An end to give after an empty element's start.
    pending_end: Option<Cow<'a, str>>,
    /// Whether the text is over.
    done: bool,
}

impl<'a> XmlEvents<'a> {
    /// Events over `xml`.
    pub(super) fn new(xml: &'a str) -> XmlEvents<'a> {
        let mut reader = Reader::from_str(xml);
        reader.config_mut().check_end_names = false;
        XmlEvents {
            xml,
            reader,
            pending_end: None,
            done: false,
        }
    }

    /// `name` (a name the reader found, borrowed from its event) as a
    /// slice of the text, which it is when read from a text, so that it
    /// outlives the event; else a copy.
    fn within_text(&self, name: &str) -> Cow<'a, str> {
        let offset = (name.as_ptr() as usize).wrapping_sub(self.xml.as_ptr() as usize);
        match self.xml.get(offset..offset.saturating_add(name.len())) {
            Some(slice) if std::ptr::eq(slice.as_ptr(), name.as_ptr()) => Cow::Borrowed(slice),
            _ => Cow::Owned(name.to_owned()),
        }
    }

    /// The element whose start tag is `tag`.
    fn element(&self, tag: BytesStart<'a>) -> Element<'a> {
        Element {
            name: self.within_text(tag.local_name().as_ref()),
            tag,
        }
    }
}

impl<'a> Iterator for XmlEvents<'a> {
    type Item = XmlEvent<'a>;

    fn next(&mut self) -> Option<XmlEvent<'a>> {
        if let Some(name) = self.pending_end.take() {
            return Some(XmlEvent::End(name));
        }
        while !self.done {
            let event = match self.reader.read_event() {
                Ok(Event::Start(tag)) => XmlEvent::Start(self.element(tag)),
                Ok(Event::Empty(tag)) => {
                    let element = self.element(tag);
                    self.pending_end = Some(element.name.clone());
                    XmlEvent::Start(element)
                }
                Ok(Event::End(tag)) => XmlEvent::End(self.within_text(tag.local_name().as_ref())),
                Ok(Event::Text(text)) => XmlEvent::Text(text.xml10_content()),
                Ok(Event::CData(data)) => XmlEvent::Text(Cow::Owned(data.to_string())),
                Ok(Event::GeneralRef(reference)) => {
                    let text = match reference.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => quick_xml::escape::resolve_predefined_entity(&reference)
                            .unwrap_or_default()
                            .to_owned(),
                    };
                    XmlEvent::Text(Cow::Owned(text))
                }
                Ok(Event::Eof) | Err(_) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => continue,
            };
            return Some(event);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_name_elements_by_their_local_name_borrowed_from_the_text() {
        let xml = "<opf:item id='c1' opf:href='a&amp;b.xhtml'><br/>t&amp;u</opf:item>";
        let events: Vec<XmlEvent<'_>> = XmlEvents::new(xml).collect();
        let [
            XmlEvent::Start(item),
            XmlEvent::Start(br),
            XmlEvent::End(br_end),
            XmlEvent::Text(t),
            XmlEvent::Text(amp),
            XmlEvent::Text(u),
            XmlEvent::End(item_end),
        ] = &events[..]
        else {
            panic!("{events:?}");
        };
        assert_eq!((item.name(), br.name()), ("item", "br"));
        assert_eq!((&**br_end, &**item_end), ("br", "item"));
        assert_eq!(item.attribute("href").as_deref(), Some("a&b.xhtml"));
        assert_eq!(item.attribute("id").as_deref(), Some("c1"));
        assert_eq!(item.attribute("media-type"), None);
        assert_eq!(
            item.attributes(["media-type", "href", "id"]),
            [None, Some("a&b.xhtml".to_owned()), Some("c1".to_owned())]
        );
        assert_eq!([&**t, &**amp, &**u].concat(), "t&u");
        // Names are slices of the text, not copies.
        for name in [&item.name, &br.name, br_end, item_end] {
            assert!(matches!(name, Cow::Borrowed(_)), "{name:?}");
        }
    }

    #[test]
    fn of_an_attribute_given_twice_the_first_is_read() {
        let xml = "<item id='one' href='a.xhtml' id='two'/>";
        let Some(XmlEvent::Start(item)) = XmlEvents::new(xml).next() else {
            panic!("no start");
        };
        assert_eq!(item.attribute("id").as_deref(), Some("one"));
        assert_eq!(item.attributes(["href", "id"])[1].as_deref(), Some("one"));
    }

    #[test]
    fn declared_encodings_are_honoured() {
        let mut latin1 = b"<?xml version='1.0' encoding='ISO-8859-1'?><p>caf".to_vec();
        latin1.extend([0xE9, b'<', b'/', b'p', b'>']);
        assert_eq!(
            decode(&latin1),
            "<?xml version='1.0' encoding='ISO-8859-1'?><p>café</p>"
        );
        assert_eq!(decode(b"<p>caf\xC3\xA9\xFF</p>"), "<p>café\u{FFFD}</p>");
    }
}
