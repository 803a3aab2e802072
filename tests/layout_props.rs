//! Property tests of the layout invariants over random text, widths and
//! typesetting (language, hyphenation, justification, indent): no line, as
//! drawn with its hyphen, indent and stretched spaces, wider than the
//! column; every character shown exactly once and in order (a soft hyphen
//! is drawn only as the hyphen of a line that breaks after it); and no
//! panic for any window size or sequence of keys.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liseuse::action::{Action, PromptKind};
use liseuse::app::App;
use liseuse::document::Document;
use liseuse::document::lines::strip_escapes;
use liseuse::document::sanitize::sanitize;
use liseuse::language::Language;
use liseuse::layout::display::render;
use liseuse::layout::{MIN_WIDTH, Typesetting, wrap, wrap_indented};
use liseuse::plain::{Format, write_plain};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Columns `text` takes as the terminal library draws it: grapheme by
/// grapheme.
fn drawn_width(text: &str) -> usize {
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// Whether `c` is a noncharacter or unassigned, whose width terminals
/// disagree on (the library counts one column, many terminals none or
/// two): one is never drawn, so the column the layout counts is the
/// terminal's.
fn is_unsure_width(c: char) -> bool {
    matches!(c, '\u{FDD0}'..='\u{FDEF}')
        || c as u32 & 0xFFFE == 0xFFFE
        || unicode_general_category::get_general_category(c)
            == unicode_general_category::GeneralCategory::Unassigned
}

/// Text made of pieces a reader meets: words, spaces, line breaks, blank
/// lines, tabs, wide and combining characters, controls, long runs.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zé]{1,12}",
        3 => Just(" ".to_owned()),
        2 => Just("\n".to_owned()),
        1 => Just("\n\n".to_owned()),
        1 => Just("\r\n".to_owned()),
        1 => Just("\t".to_owned()),
        1 => "[吾輩は猫であるー]{1,6}",
        1 => Just("e\u{301}".to_owned()),
        1 => Just("\u{1b}[31m".to_owned()),
        1 => Just("« Oui ! »".to_owned()),
        1 => Just("— Non".to_owned()),
        1 => Just("70 % ".to_owned()),
        1 => Just("3 km".to_owned()),
        1 => Just("a\u{A0}b c\u{202F}:".to_owned()),
        1 => Just("ex\u{AD}tra\u{AD}ordinaire".to_owned()),
        1 => Just("porte-monnaie".to_owned()),
        1 => Just("https://example.com/a-long-path".to_owned()),
        2 => "(anti)?(constitutionnellement|hyphenation|extraordinaire|incomprehensibilities)",
        1 => "[A-Z]{20,120}",
        1 => Just("   indented".to_owned()),
        1 => Just("| a | b |".to_owned()),
        1 => Just("من أصوات اللغات لا ".to_owned()),
        1 => Just("❤️ 👍🏽 👨‍👩‍👧".to_owned()),
        1 => Just("\u{FDD0}x\u{FDEF} \u{FFFE}\u{FFFF}\u{1FFFE}\u{10FFFF}".to_owned()),
        1 => Just("\u{378}\u{5FF}x\u{2FFFD} \u{E0080}".to_owned()),
    ];
    prop::collection::vec(piece, 0..120).prop_map(|pieces| pieces.concat())
}

/// The characters a reader sees: no spaces, no soft hyphens.
fn visible(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{AD}')
        .collect()
}

/// Any typesetting: language, hyphenation, indent, justification.
fn setting() -> impl Strategy<Value = (Typesetting, bool)> {
    (
        prop_oneof![Just(""), Just("fr"), Just("en"), Just("de")],
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(code, hyphenate, indent, justify)| {
            let language = Language::from_code(code);
            (
                Typesetting {
                    language,
                    hyphenate,
                    indent,
                },
                justify,
            )
        })
}

/// What the reader shows of a raw text: each line without its escape
/// sequences, sanitized.
fn expected(text: &str) -> String {
    let lines: Vec<String> = text
        .split(['\n', '\r'])
        .map(|line| {
            let mut out = String::new();
            strip_escapes(line, &mut out);
            out
        })
        .collect();
    sanitize(&lines.join("\n"))
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        Just(Action::LineDown),
        Just(Action::LineUp),
        Just(Action::PageDown),
        Just(Action::PageUp),
        Just(Action::HalfPageDown),
        Just(Action::Bottom),
        Just(Action::Top),
        Just(Action::NextParagraph),
        Just(Action::PreviousParagraph),
        Just(Action::NextMatch),
        Just(Action::ShowHelp),
        Just(Action::CloseHelp),
        Just(Action::Escape),
        (0u8..10).prop_map(Action::Digit),
        (0u16..130, 0u16..50).prop_map(|(w, h)| Action::Resize(w, h)),
        Just(Action::OpenPrompt(PromptKind::Jump)),
        Just(Action::OpenPrompt(PromptKind::SearchForward)),
        "[a-z0-9%é]".prop_map(|s| Action::Insert(s.chars().next().unwrap())),
        Just(Action::Submit),
        Just(Action::DeleteBack),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        // Shrinking a failure must not hold CI for long.
        max_shrink_time: 60_000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_line_is_wider_than_the_column(
        text in text(),
        width in 0usize..120,
        (setting, justify) in setting(),
        indent in 0usize..6,
    ) {
        let doc = Document::from_bytes("p", text.as_bytes());
        for (_, paragraph) in doc.iter() {
            for line in wrap_indented(&paragraph, width, &setting, indent) {
                let shown = render(&paragraph.text, &line, width, justify, setting.language);
                prop_assert!(drawn_width(&shown) <= width.max(MIN_WIDTH), "{shown:?} at {width}");
                prop_assert!(!shown.contains('\u{AD}'), "soft hyphen drawn: {shown:?}");
                prop_assert!(!shown.chars().any(is_unsure_width), "noncharacter or unassigned drawn: {shown:?}");
            }
        }
    }

    #[test]
    fn every_character_is_shown_once_in_order(
        text in text(),
        width in 0usize..120,
        (setting, justify) in setting(),
    ) {
        let doc = Document::from_bytes("p", text.as_bytes());
        for (_, paragraph) in doc.iter() {
            let lines = wrap(&paragraph, width, &setting);
            for pair in lines.windows(2) {
                prop_assert!(pair[0].range.end <= pair[1].range.start, "{lines:?}");
                let between = &paragraph.text[pair[0].range.end..pair[1].range.start];
                prop_assert!(between.chars().all(char::is_whitespace), "{between:?} dropped");
            }
            // Drawn, less the hyphens of hyphenated lines, the lines hold
            // every character of the paragraph.
            let shown: String = lines
                .iter()
                .map(|l| {
                    let drawn = render(&paragraph.text, l, width, justify, setting.language);
                    match (l.hyphen, drawn.strip_suffix('-')) {
                        (true, Some(rest)) => rest.to_owned(),
                        _ => drawn,
                    }
                })
                .collect();
            prop_assert_eq!(visible(&shown), visible(&paragraph.text));
            // A hyphen is only drawn where a line ends inside a word.
            for line in lines.iter().filter(|l| l.hyphen) {
                let before = paragraph.text[..line.range.end].chars().next_back();
                let after = paragraph.text[line.range.end..].chars().next();
                prop_assert!(before.is_some_and(|c| !c.is_whitespace()), "{line:?}");
                prop_assert!(after.is_some_and(|c| !c.is_whitespace()), "{line:?}");
            }
        }
        // Splitting into paragraphs loses nothing either.
        let all: String = doc.iter().map(|(_, p)| p.text).collect();
        prop_assert_eq!(visible(&all), visible(&expected(&text)));
    }

    #[test]
    fn plain_output_is_the_whole_text(
        text in text(),
        width in 0usize..120,
        (setting, justify) in setting(),
    ) {
        let doc = Document::from_bytes("p", text.as_bytes());
        let mut out = Vec::new();
        write_plain(&doc, &Format { width, setting, justify }, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        prop_assert!(out.lines().all(|l| drawn_width(l) <= width.max(MIN_WIDTH)));
        prop_assert!(!out.chars().any(|c| c.is_control() && c != '\n'));
        // Every character but hyphens once, in order; and no hyphen lost
        // (hyphens drawn at breaks come on top; the test above checks that
        // each is at a break).
        let (shown, whole) = (visible(&out), visible(&expected(&text)));
        prop_assert_eq!(shown.replace('-', ""), whole.replace('-', ""));
        prop_assert!(shown.matches('-').count() >= whole.matches('-').count());
    }

    #[test]
    fn any_window_and_any_keys_render_without_panic(
        text in text(),
        measure in 0u16..100,
        (width, height) in (0u16..130, 0u16..50),
        actions in prop::collection::vec(action(), 0..40),
    ) {
        let mut app = App::new(Document::from_bytes("p", text.as_bytes()), measure, width, height);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        for action in actions {
            app.update(action);
            if let Action::Resize(w, h) = action {
                terminal.backend_mut().resize(w, h);
            }
            terminal.draw(|frame| frame.render_widget(&app, frame.area())).unwrap();
            let document = app.document();
            // The focus is always a paragraph of the document.
            prop_assert!(
                document.is_empty() || document.iter().any(|(id, _)| id == app.focus()),
                "focus {} is no paragraph", app.focus()
            );
        }
    }
}
