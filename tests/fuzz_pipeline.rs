//! The whole pipeline on arbitrary bytes — detect the encoding, decode,
//! remove escapes, sanitize, split, lay out, draw a frame at a random size
//! after random keys — as a property test (the fuzz harness CI runs): it
//! never panics, and no cell of the frame holds a control character.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liseuse::action::{Action, PromptKind};
use liseuse::app::App;
use liseuse::document::Document;
use liseuse::language::Language;
use liseuse::layout::display::render;
use liseuse::layout::{MIN_WIDTH, Typesetting, wrap};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Bytes with more of what breaks decoders and terminals than chance gives.
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    let chunk = prop_oneof![
        4 => prop::collection::vec(any::<u8>(), 0..40),
        2 => "[a-z é\n]{0,40}".prop_map(String::into_bytes),
        1 => Just(b"\x1b[31m\x1b]0;title\x07\x1b]52;c;eA==\x1b\\".to_vec()),
        1 => Just(b"\r\n\r\x0c\n\t\x00\x7f\x9b".to_vec()),
        1 => Just("\u{202e}\u{2066}\u{200f}\u{feff}e\u{301}漢字".as_bytes().to_vec()),
        1 => Just(b"\xEF\xBB\xBF".to_vec()),
        1 => Just(b"\xFF\xFE".to_vec()),
        1 => Just(b"\xC0\xAF\xED\xA0\x80\xF4\x90\x80\x80".to_vec()),
        1 => Just(b"```\n".to_vec()),
    ];
    prop::collection::vec(chunk, 0..40).prop_map(|chunks| chunks.concat())
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        Just(Action::LineDown),
        Just(Action::PageDown),
        Just(Action::PageUp),
        Just(Action::Bottom),
        Just(Action::Top),
        Just(Action::NextParagraph),
        Just(Action::PreviousParagraph),
        Just(Action::OpenPrompt(PromptKind::SearchForward)),
        Just(Action::OpenPrompt(PromptKind::Jump)),
        "[a-z5%]".prop_map(|s| Action::Insert(s.chars().next().unwrap())),
        Just(Action::Submit),
        Just(Action::NextMatch),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1024,
        max_shrink_time: 60_000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_bytes_are_shown_safely(
        bytes in bytes(),
        width in 0usize..90,
        (columns, rows) in (0u16..100, 0u16..30),
        actions in prop::collection::vec(action(), 0..12),
    ) {
        let doc = Document::from_bytes("fuzz", &bytes);
        for (_, paragraph) in doc.iter() {
            prop_assert!(!paragraph.text.chars().any(|c| c.is_control() && c != '\n'));
            let setting = Typesetting {
                language: Language::from_code("fr"),
                hyphenate: true,
                indent: false,
            };
            for line in wrap(&paragraph, width, &setting) {
                let shown = render(&paragraph.text, &line, width, true, setting.language);
                // Measured as drawn: grapheme by grapheme.
                let drawn: usize = shown.graphemes(true).map(UnicodeWidthStr::width).sum();
                prop_assert!(drawn <= width.max(MIN_WIDTH), "{shown:?}");
            }
        }
        let mut app = App::new(doc, 60, columns, rows);
        let mut terminal = Terminal::new(TestBackend::new(columns, rows)).unwrap();
        for action in actions {
            app.update(action);
            terminal.draw(|frame| frame.render_widget(&app, frame.area())).unwrap();
        }
        terminal.draw(|frame| frame.render_widget(&app, frame.area())).unwrap();
        let buffer = terminal.backend().buffer();
        for cell in buffer.content() {
            prop_assert!(
                !cell.symbol().chars().any(char::is_control),
                "control character drawn: {:?}", cell.symbol()
            );
        }
    }
}
