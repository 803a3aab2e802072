//! Tests of the export: front matter, sections, notes, sanitizing, JSON.

use std::time::Duration;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use yaml_rust2::{Yaml, YamlLoader};

use super::*;
use crate::highlights::Highlights;

/// A book in plain text: a preface before any chapter, two chapters.
const BOOK: &str = "Une préface courte.\n\n\
                    CHAPITRE PREMIER\n\n\
                    Un deux. Trois quatre.\n\n\
                    Cinq six.\n\n\
                    CHAPITRE DEUX\n\n\
                    Sept huit.";

fn book() -> Document {
    Document::from_bytes("livre.txt", BOOK.as_bytes())
}

/// The id of the paragraph whose text starts with `start`.
fn paragraph(document: &Document, start: &str) -> usize {
    document
        .iter()
        .find(|(_, p)| p.text.starts_with(start))
        .map(|(id, _)| id)
        .unwrap()
}

fn about(title: &str) -> About {
    About {
        title: title.into(),
        author: Some("Gustave Flaubert".into()),
        source: Some("/home/lecteur/livre.txt".into()),
        language: Some("fr".into()),
        exported: "2025-05-01T10:00:00Z".into(),
    }
}

/// The front matter of `markdown`, parsed as YAML.
fn front_matter(markdown: &str) -> Yaml {
    let rest = markdown.strip_prefix("---\n").expect("opens front matter");
    let end = rest.find("\n---\n").expect("closes front matter");
    let mut docs = YamlLoader::load_from_str(&rest[..end]).expect("valid YAML");
    assert_eq!(docs.len(), 1);
    docs.remove(0)
}

/// The Markdown after the front matter.
fn body(markdown: &str) -> &str {
    let rest = &markdown[4..];
    &rest[rest.find("\n---\n").unwrap() + 5..]
}

/// A piece of text and the blocks it stands in, outermost first.
type Placed = (String, Vec<&'static str>);

/// The headings of `markdown` (levels and texts) and, for every other
/// piece of text, the blocks it stands in.
fn blocks(markdown: &str) -> (Vec<(u8, String)>, Vec<Placed>) {
    let mut headings = Vec::new();
    let mut texts = Vec::new();
    let mut stack: Vec<&'static str> = Vec::new();
    let mut heading: Option<(u8, String)> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level as u8, String::new()))
            }
            Event::End(TagEnd::Heading(_)) => headings.extend(heading.take()),
            Event::Start(Tag::BlockQuote(_)) => stack.push("quote"),
            Event::Start(Tag::Item) => stack.push("item"),
            Event::Start(Tag::CodeBlock(_)) => stack.push("code"),
            Event::Start(Tag::HtmlBlock) => stack.push("html"),
            Event::Start(Tag::Table(_)) => stack.push("table"),
            Event::End(TagEnd::BlockQuote(_))
            | Event::End(TagEnd::Item)
            | Event::End(TagEnd::CodeBlock)
            | Event::End(TagEnd::HtmlBlock)
            | Event::End(TagEnd::Table) => {
                stack.pop();
            }
            Event::Rule => texts.push(("<hr>".into(), stack.clone())),
            Event::Html(html) | Event::InlineHtml(html) => {
                texts.push((format!("<html>{html}"), stack.clone()))
            }
            Event::Text(text) | Event::Code(text) => match &mut heading {
                Some((_, title)) => title.push_str(&text),
                None => texts.push((text.to_string(), stack.clone())),
            },
            _ => {}
        }
    }
    (headings, texts)
}

#[test]
fn front_matter_is_valid_yaml_whatever_the_title() {
    let hostile = [
        "Madame Bovary: mœurs de province",
        "He said: \"no\" # not a comment",
        "'single' and \"double\" quotes",
        "- a list? [a, flow] {map: yes} & *alias !tag %dir @at `tick`",
        "---",
        "...",
        "back\\slash \\n not a newline",
        "null",
        "true",
        "123",
        "ends with a colon:",
        "line\nbreak\ttab\r\u{1b}[31mred\u{7}\u{85}\u{2028}\u{feff}",
        "",
    ];
    for title in hostile {
        let export = Export::new(&book(), about(title), &[]);
        let markdown = export.markdown();
        let yaml = front_matter(&markdown);
        assert_eq!(yaml["title"].as_str(), Some(title), "{markdown}");
        assert_eq!(yaml["author"].as_str(), Some("Gustave Flaubert"));
        assert_eq!(yaml["source"].as_str(), Some("/home/lecteur/livre.txt"));
        assert_eq!(yaml["language"].as_str(), Some("fr"));
        assert_eq!(yaml["exported"].as_str(), Some("2025-05-01T10:00:00Z"));
        assert_eq!(yaml["highlights"].as_i64(), Some(0));
        // Nothing reaches a terminal that prints the file, and nothing a
        // YAML 1.1 reader takes for a line break is left raw.
        assert!(!markdown.contains('\u{1b}'), "{markdown}");
        let front = &markdown[..markdown.find("\n---\n").unwrap()];
        assert!(
            !front.contains(['\u{85}', '\u{2028}', '\u{feff}', '\r', '\t']),
            "{front:?}"
        );
    }
    // What the document does not say is left out.
    let mut bare = about("t");
    bare.author = None;
    bare.source = None;
    bare.language = None;
    let yaml = front_matter(&Export::new(&book(), bare, &[]).markdown());
    assert!(yaml["author"].is_badvalue() && yaml["source"].is_badvalue());
    assert!(yaml["language"].is_badvalue());
}

#[test]
fn about_takes_the_title_the_language_and_the_time() {
    let document = book();
    let now = UNIX_EPOCH + Duration::from_secs(1_746_093_600);
    let about = About::new(&document, None, Some("fr"), now);
    assert_eq!(about.title, "livre.txt");
    assert_eq!(about.author, None);
    assert_eq!(about.language.as_deref(), Some("fr"));
    assert_eq!(about.exported, "2025-05-01T10:00:00Z");
    let named = Document::from_bytes("/home/lecteur/livres/Bovary.txt", b"Un.");
    assert_eq!(About::new(&named, None, None, now).title, "Bovary.txt");
    let page = Document::from_reader(
        "page.html",
        &b"<html lang=\"en\"><head><title>A: \"page\"</title></head>\
           <body><article><h1>A page</h1><p>Some words to read here, enough \
           of them to make an article worth the name.</p></article></body></html>"[..],
        crate::document::Options::default(),
    )
    .unwrap();
    let about = About::new(&page, None, Some("fr"), now);
    assert_eq!(about.language.as_deref(), Some("en"), "the page says");
    assert!(about.title.contains("page"), "{about:?}");
}

#[test]
fn dates_are_iso_8601_in_utc() {
    let at = |seconds| iso8601(UNIX_EPOCH + Duration::from_secs(seconds));
    assert_eq!(at(0), "1970-01-01T00:00:00Z");
    assert_eq!(at(951_782_400), "2000-02-29T00:00:00Z");
    assert_eq!(at(1_746_093_600), "2025-05-01T10:00:00Z");
    assert_eq!(at(4_102_444_799), "2099-12-31T23:59:59Z");
}

/// Highlights of [`BOOK`], marked out of order: the second chapter's, the
/// preface's, two of the first chapter's; one lost.
fn marked(document: &Document) -> Vec<Highlight> {
    let mut marks = Highlights::new();
    marks.mark(document, paragraph(document, "Sept"), 0..10);
    marks.mark(document, paragraph(document, "Cinq"), 0..9);
    marks.mark(document, paragraph(document, "Une"), 0..3);
    marks.mark(document, paragraph(document, "Un deux"), 9..22);
    let mut all = marks.all().to_vec();
    let mut lost = all[0].clone();
    lost.id = "lost".into();
    lost.place = None;
    lost.anchor.quote = "Disparu.".into();
    all.insert(0, lost);
    all
}

#[test]
fn sections_follow_the_reading_order() {
    let document = book();
    let export = Export::new(&document, about("Livre"), &marked(&document));
    let markdown = export.markdown();
    assert_eq!(
        body(&markdown),
        "\n# Highlights of Livre\n\
         \n- > Une\n  - ¶ 1 · 0% · #yellow\n\
         \n## CHAPITRE PREMIER\n\
         \n- > Trois quatre.\n  - ¶ 3 · 49% · #yellow\n\
         \n- > Cinq six.\n  - ¶ 4 · 64% · #yellow\n\
         \n## CHAPITRE DEUX\n\
         \n- > Sept huit.\n  - ¶ 6 · 90% · #yellow\n\
         \n## Not found in this text\n\
         \n- > Disparu.\n  - #yellow\n"
    );
    assert_eq!(front_matter(&markdown)["highlights"].as_i64(), Some(5));
    let (headings, _) = blocks(body(&markdown));
    let titles: Vec<&str> = headings.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Highlights of Livre",
            "CHAPITRE PREMIER",
            "CHAPITRE DEUX",
            "Not found in this text"
        ]
    );
    // No highlights: said so.
    assert!(
        Export::new(&document, about("Livre"), &[])
            .markdown()
            .ends_with("\nNo highlights.\n")
    );
}

#[test]
fn a_highlight_of_a_heading_stands_under_it() {
    let document = book();
    let mut marks = Highlights::new();
    marks.mark(&document, paragraph(&document, "CHAPITRE DEUX"), 0..8);
    let export = Export::new(&document, about("Livre"), marks.all());
    assert_eq!(
        export.highlights[0].heading.as_deref(),
        Some("CHAPITRE DEUX")
    );
}

#[test]
fn json_holds_the_same_and_parses_back() {
    let document = book();
    let mut all = marked(&document);
    all[2].note = Some("Pourquoi « trois » ?\nVoir plus loin.".into());
    let export = Export::new(&document, about("Livre: \"un\""), &all);
    let json = export.render(ExportFormat::Json);
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(value["title"], "Livre: \"un\"");
    assert_eq!(value["author"], "Gustave Flaubert");
    assert_eq!(value["source"], "/home/lecteur/livre.txt");
    assert_eq!(value["language"], "fr");
    assert_eq!(value["exported"], "2025-05-01T10:00:00Z");
    assert_eq!(value["count"], 5);
    let highlights = value["highlights"].as_array().expect("an array");
    assert_eq!(highlights.len(), 5);
    let quotes: Vec<&str> = highlights
        .iter()
        .map(|h| h["quote"].as_str().unwrap())
        .collect();
    assert_eq!(
        quotes,
        [
            "Une",
            "Trois quatre.",
            "Cinq six.",
            "Sept huit.",
            "Disparu."
        ]
    );
    let second = &highlights[1];
    assert_eq!(second["colour"], "yellow");
    assert_eq!(second["paragraph"], 3);
    assert_eq!(second["percent"], 49);
    assert_eq!(second["heading"], "CHAPITRE PREMIER");
    assert_eq!(second["note"], "Pourquoi « trois » ?\nVoir plus loin.");
    assert_eq!(second["id"], all[2].id.as_str());
    // Every highlight has every field, `null` when it has no value.
    for highlight in highlights {
        let mut keys: Vec<&str> = highlight
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "colour",
                "heading",
                "id",
                "note",
                "paragraph",
                "percent",
                "quote"
            ]
        );
    }
    // No heading, no note, not found: null.
    assert!(highlights[0]["heading"].is_null() && highlights[0]["note"].is_null());
    let lost = &highlights[4];
    assert!(lost["paragraph"].is_null() && lost["percent"].is_null());
    assert!(lost["heading"].is_null());
}

#[test]
fn notes_stay_under_their_quote_whatever_they_hold() {
    let document = book();
    let mut all = marked(&document);
    all[2].note = Some(
        "Première ligne.\n# pas un titre\n- pas une liste\n> pas une citation\n\n\n\
         ---\n===\n1. pas numérotée\n```\n    pas du code\n<div>pas du HTML</div>\n\
         [ref]: http://exemple.org\nfin #tag \u{1b}[2J"
            .into(),
    );
    let markdown = Export::new(&document, about("Livre"), &all).markdown();
    assert!(
        markdown.contains(
            "- > Trois quatre.\n  - Première ligne.\n    \\# pas un titre\n    \\- pas une liste\n"
        ),
        "{markdown}"
    );
    assert!(!markdown.contains('\u{1b}'), "{markdown}");
    let (headings, texts) = blocks(body(&markdown));
    assert_eq!(headings.len(), 4, "{headings:?}");
    let note: Vec<&Placed> = texts
        .iter()
        .skip_while(|(text, _)| !text.starts_with("Première"))
        .take_while(|(text, _)| !text.starts_with("¶"))
        .collect();
    let words: String = note.iter().map(|(text, _)| text.as_str()).collect();
    for part in [
        "# pas un titre",
        "- pas une liste",
        "> pas une citation",
        "---",
        "===",
        "1. pas numérotée",
        "```",
        "pas du code",
        "<div>pas du HTML</div>",
        "[ref]: http://exemple.org",
        "fin #tag ␛[2J",
    ] {
        assert!(words.contains(part), "{part:?} lost from {words:?}");
    }
    for (text, within) in note {
        // Inside the highlight's item, in the note's own item, as text.
        assert_eq!(within, &["item", "item"], "{text:?} in {markdown}");
    }
}

#[test]
fn quotes_stay_quotes_whatever_they_hold() {
    // Verse, code, or a file changed since: a quote may hold any line.
    let document = book();
    let mut marks = Highlights::new();
    marks.mark(&document, paragraph(&document, "Une"), 0..3);
    let mut all = marks.all().to_vec();
    all[0].anchor.quote =
        "> cité\n\n# titre\n<script>x</script>\n* puce\n    code\n===\n#motclé \u{1b}]0;x\u{7}"
            .into();
    let markdown = Export::new(&document, about("t"), &all).markdown();
    assert!(!markdown.contains('\u{1b}') && !markdown.contains('\u{7}'));
    let (headings, texts) = blocks(body(&markdown));
    assert_eq!(
        headings.len(),
        1,
        "only the title: {headings:?}\n{markdown}"
    );
    let quoted: Vec<&Placed> = texts
        .iter()
        .take_while(|(text, _)| !text.starts_with("¶"))
        .collect();
    let words: String = quoted.iter().map(|(text, _)| text.as_str()).collect();
    for part in [
        "> cité",
        "# titre",
        "<script>x</script>",
        "* puce",
        "code",
        "===",
        "#motclé",
    ] {
        assert!(words.contains(part), "{part:?} lost from {words:?}");
    }
    for (text, within) in quoted {
        assert_eq!(within, &["item", "quote"], "{text:?} in {markdown}");
    }
    // The book's `#` makes no tag in a notes app.
    assert!(markdown.contains("\\#motclé"), "{markdown}");
}
