//! The links of the focused paragraph (`l`): each with its words and
//! where it leads. A link inside the document (a note, a cross-reference,
//! another chapter) is followed with Enter, and `''` comes back; a link
//! outside it is never fetched: Enter or `y` copies its address.

use super::App;
use crate::action::Action;
use crate::clipboard;
use crate::document::block::InlineStyle;

/// One link of the focused paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Its words in the text.
    pub words: String,
    /// Its target, as written (sanitized).
    pub target: String,
    /// The paragraph it leads to, for a link inside the document.
    pub inside: Option<usize>,
}

/// The open list of links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Links {
    /// The focused paragraph's links, in order.
    pub links: Vec<Link>,
    /// The selected one, an index into `links`.
    pub selected: usize,
}

impl App {
    /// The open list of links, if any.
    pub fn links(&self) -> Option<&Links> {
        self.links.as_ref()
    }

    /// The links of the focused paragraph, in order.
    fn focused_links(&self) -> Vec<Link> {
        let paragraph = self.document.paragraph(self.focus);
        paragraph
            .styles
            .iter()
            .filter_map(|inline| match &inline.style {
                InlineStyle::Link(target) => Some(Link {
                    words: paragraph
                        .text
                        .get(inline.range.clone())
                        .unwrap_or_default()
                        .to_owned(),
                    inside: target
                        .strip_prefix('#')
                        .and_then(|anchor| self.document.anchor(anchor)),
                    target: target.clone(),
                }),
                _ => None,
            })
            .collect()
    }

    /// Applies the actions of the links list.
    pub(super) fn update_links(&mut self, action: Action) {
        match action {
            Action::ShowLinks => {
                let links = self.focused_links();
                if links.is_empty() {
                    self.message = Some("no link in this paragraph".to_owned());
                } else {
                    self.links = Some(Links { links, selected: 0 });
                }
            }
            Action::LinksDown | Action::LinksUp => {
                if let Some(list) = &mut self.links {
                    let last = list.links.len().saturating_sub(1);
                    list.selected = if action == Action::LinksDown {
                        (list.selected + 1).min(last)
                    } else {
                        list.selected.saturating_sub(1)
                    };
                }
            }
            Action::LinksFollow => {
                let Some(link) = self.selected_link() else {
                    return;
                };
                match link.inside {
                    Some(target) => {
                        self.links = None;
                        self.go_to_paragraph(target);
                        self.message = Some("followed the link ('' comes back)".to_owned());
                    }
                    None if link.target.starts_with('#') => {
                        self.message = Some(format!("{}: not in this document", link.target));
                    }
                    None => self.copy_address(&link.target),
                }
            }
            Action::LinksCopy => {
                if let Some(link) = self.selected_link() {
                    self.copy_address(&link.target);
                }
            }
            Action::CloseLinks => self.links = None,
            _ => {}
        }
    }

    fn selected_link(&self) -> Option<Link> {
        let list = self.links.as_ref()?;
        list.links.get(list.selected).cloned()
    }

    /// Puts `address` in the clipboard (it is never opened from here).
    fn copy_address(&mut self, address: &str) {
        let (text, _) = clipboard::bounded(address);
        self.clipboard = Some(text.to_owned());
        self.message = Some(format!("copied {text}"));
    }
}

#[cfg(test)]
mod tests {
    use crate::action::Action;
    use crate::app::App;
    use crate::app::tests::press;
    use crate::document::Document;
    use crate::document::block::{Block, Inline, InlineStyle, Structured};
    use crate::document::structure::lay;

    fn linked() -> App {
        let link = |range, target: &str| Inline {
            range,
            style: InlineStyle::Link(target.into()),
        };
        let blocks = vec![
            Block {
                text: "See the note and the site.".into(),
                styles: vec![link(8..12, "#n1"), link(21..25, "https://example.org")],
                ..Block::default()
            },
            Block::body("Filler."),
            Block {
                text: "The note itself.".into(),
                anchors: vec!["n1".into()],
                ..Block::default()
            },
        ];
        let structured = Structured {
            blocks,
            ..Structured::default()
        };
        let doc = Document::structured("x", lay(structured), encoding_rs::UTF_8);
        App::new(doc, 70, 100, 30)
    }

    #[test]
    fn links_are_listed_with_their_words_and_targets() {
        let mut app = linked();
        press(&mut app, &[Action::ShowLinks]);
        let list = app.links().unwrap();
        let words: Vec<&str> = list.links.iter().map(|l| l.words.as_str()).collect();
        assert_eq!(words, ["note", "site"]);
        assert_eq!(
            list.links[0].inside,
            Some(app.document().anchor("n1").unwrap())
        );
        assert_eq!(list.links[1].inside, None);
    }

    #[test]
    fn an_inner_link_is_followed_and_quote_quote_comes_back() {
        let mut app = linked();
        let start = app.focus();
        press(&mut app, &[Action::ShowLinks, Action::LinksFollow]);
        assert!(app.links().is_none());
        let note = app.document().anchor("n1").unwrap();
        assert_eq!(app.focus(), note);
        press(&mut app, &[Action::GoToMark, Action::MarkLetter('\'')]);
        assert_eq!(app.focus(), start);
    }

    #[test]
    fn an_outer_link_is_copied_not_opened() {
        let mut app = linked();
        press(
            &mut app,
            &[Action::ShowLinks, Action::LinksDown, Action::LinksFollow],
        );
        assert_eq!(app.take_clipboard().as_deref(), Some("https://example.org"));
        assert_eq!(app.message(), Some("copied https://example.org"));
        assert!(app.links().is_some(), "the list stays open");
    }

    #[test]
    fn a_paragraph_without_links_says_so() {
        let mut app = linked();
        press(&mut app, &[Action::NextParagraph, Action::ShowLinks]);
        assert!(app.links().is_none());
        assert_eq!(app.message(), Some("no link in this paragraph"));
    }
}
