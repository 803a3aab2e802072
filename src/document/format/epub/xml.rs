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

/// The value of the attribute `name` among `attributes`.
pub(super) fn attribute(attributes: &[(String, String)], name: &str) -> Option<String> {
    attributes
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.clone())
}

/// One event of [`XmlEvents`]: names without their prefix.
#[derive(Debug)]
pub(super) enum XmlEvent {
    /// An element opens (an empty element opens, then closes).
    Start(String, Vec<(String, String)>),
    /// An element closes.
    End(String),
    /// Text (entities resolved).
    Text(String),
}

/// A lenient pull parser over an XML text (quick-xml): end names are not
/// checked, it stops at the first error.
pub(super) struct XmlEvents<'a> {
    /// The reader.
    reader: Reader<&'a [u8]>,
    /// An end to give after an empty element's start.
    pending_end: Option<String>,
    /// Whether the text is over.
    done: bool,
}

impl<'a> XmlEvents<'a> {
    /// Events over `xml`.
    pub(super) fn new(xml: &'a str) -> XmlEvents<'a> {
        let mut reader = Reader::from_str(xml);
        reader.config_mut().check_end_names = false;
        XmlEvents {
            reader,
            pending_end: None,
            done: false,
        }
    }
}

/// The local name of an element and its attributes, values unescaped.
fn start(element: &BytesStart<'_>) -> (String, Vec<(String, String)>) {
    let name = element.local_name().as_ref().to_owned();
    let attributes = element
        .attributes()
        .flatten()
        .map(|attribute| {
            let key = attribute.key.local_name().as_ref().to_owned();
            let value = attribute
                .normalized_value_with(
                    XmlVersion::Implicit1_0,
                    4,
                    quick_xml::escape::resolve_predefined_entity,
                )
                .map(Cow::into_owned)
                .unwrap_or_else(|_| attribute.value.clone().into_owned());
            (key, value)
        })
        .collect();
    (name, attributes)
}

impl Iterator for XmlEvents<'_> {
    type Item = XmlEvent;

    fn next(&mut self) -> Option<XmlEvent> {
        if let Some(name) = self.pending_end.take() {
            return Some(XmlEvent::End(name));
        }
        while !self.done {
            let event = match self.reader.read_event() {
                Ok(Event::Start(element)) => {
                    let (name, attributes) = start(&element);
                    XmlEvent::Start(name, attributes)
                }
                Ok(Event::Empty(element)) => {
                    let (name, attributes) = start(&element);
                    self.pending_end = Some(name.clone());
                    XmlEvent::Start(name, attributes)
                }
                Ok(Event::End(element)) => XmlEvent::End(element.local_name().as_ref().to_owned()),
                Ok(Event::Text(text)) => XmlEvent::Text(text.xml10_content().into_owned()),
                Ok(Event::CData(data)) => XmlEvent::Text(data.to_string()),
                Ok(Event::GeneralRef(reference)) => {
                    let text = match reference.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => quick_xml::escape::resolve_predefined_entity(&reference)
                            .unwrap_or_default()
                            .to_owned(),
                    };
                    XmlEvent::Text(text)
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
    use super::decode;

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
