//! A structured document (headings, lists, quotes, code, rules, inline
//! styles) drawn with ratatui's `TestBackend`: the text as an insta
//! snapshot, the styles asserted cell by cell; and the same document in
//! plain output.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use liseuse::action::Action;
use liseuse::app::App;
use liseuse::document::block::{Block, Inline, InlineStyle, Role, Structured};
use liseuse::document::structure::lay;
use liseuse::document::{BlockKind, Document};
use liseuse::plain::{Format, write_plain};
use liseuse::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use support::{draw_in, row_text};

const WIDTH: u16 = 60;
const HEIGHT: u16 = 24;

fn inline(range: std::ops::Range<usize>, style: InlineStyle) -> Inline {
    Inline { range, style }
}

fn page() -> Document {
    let blocks = vec![
        Block {
            text: "A Title".into(),
            role: Role::Heading(1),
            ..Block::default()
        },
        Block {
            text: "Some emphasis, strong words and a link here.".into(),
            styles: vec![
                inline(5..13, InlineStyle::Emphasis),
                inline(15..21, InlineStyle::Strong),
                inline(34..38, InlineStyle::Link("https://example.org".into())),
            ],
            ..Block::default()
        },
        Block {
            text: "First item of a list that is long enough to wrap onto a second line.".into(),
            list: 1,
            marker: Some("•".into()),
            ..Block::default()
        },
        Block {
            text: "Nested item".into(),
            list: 2,
            marker: Some("2.".into()),
            ..Block::default()
        },
        Block {
            text: "A quoted sentence.".into(),
            quote: 1,
            ..Block::default()
        },
        Block {
            role: Role::Rule,
            ..Block::default()
        },
        Block {
            text: "let x = 1;\n\nprintln!(\"{x}\");".into(),
            kind: BlockKind::Preformatted,
            role: Role::Code,
            ..Block::default()
        },
    ];
    let structured = Structured {
        blocks,
        ..Structured::default()
    };
    Document::structured("page.html", lay(structured), encoding_rs::UTF_8)
}

fn draw(app: &App) -> Terminal<TestBackend> {
    draw_in(app, WIDTH, HEIGHT)
}

/// The row holding `needle`, and the column where it starts.
fn find(buffer: &Buffer, needle: &str) -> (u16, u16) {
    for y in 0..buffer.area.height {
        let row = row_text(buffer, y);
        if let Some(byte) = row.find(needle) {
            let column = row[..byte].chars().count();
            return (column as u16, y);
        }
    }
    panic!("{needle:?} is not on screen");
}

#[test]
fn blocks_are_drawn_with_their_decoration_and_styles() {
    let mut app = App::new(page(), 50, WIDTH, HEIGHT);
    // Focus the rule, so no text stands in the focus band.
    for _ in 0..5 {
        app.update(Action::NextParagraph);
    }
    app.update(Action::Top);
    let terminal = draw(&app);
    insta::assert_snapshot!(terminal.backend());
    let buffer = terminal.backend().buffer();
    let theme = Theme::default();

    let has = |x: u16, y: u16, m: Modifier| buffer[(x, y)].style().add_modifier.contains(m);
    let (x, y) = find(buffer, "A Title");
    assert!(
        (0..7).all(|i| has(x + i, y, Modifier::BOLD)),
        "heading bold"
    );

    let (x, y) = find(buffer, "emphasis");
    assert!((0..8).all(|i| has(x + i, y, Modifier::ITALIC)));
    assert!(!has(x - 2, y, Modifier::ITALIC), "only the emphasis");
    let (x, y) = find(buffer, "strong");
    assert!((0..6).all(|i| has(x + i, y, Modifier::BOLD)));
    assert!(!has(x + 6, y, Modifier::BOLD));
    let (x, y) = find(buffer, "link");
    for i in 0..4 {
        assert_eq!(buffer[(x + i, y)].style().fg, theme.link.fg, "link colour");
        assert!(has(x + i, y, Modifier::UNDERLINED));
    }
    assert!(!has(x + 4, y, Modifier::UNDERLINED));

    // The bullet stands before the first line, the second line under the
    // text, not under the bullet.
    let (bx, by) = find(buffer, "• First");
    assert_eq!(buffer[(bx, by)].style().fg, theme.decoration.fg);
    let second = row_text(buffer, by + 1);
    let text_column = bx as usize + 2;
    assert!(second.chars().nth(text_column).is_some_and(|c| c != ' '));
    assert!(second.chars().take(text_column).all(|c| c == ' '));
    let (nx, _) = find(buffer, "2. Nested");
    assert_eq!(nx, bx + 2, "a nested item is indented");

    let (qx, qy) = find(buffer, "│ A quoted");
    assert_eq!(buffer[(qx, qy)].style().fg, theme.decoration.fg);

    let (rx, ry) = find(buffer, "────");
    assert_eq!(rx, qx, "the rule starts at the column");
    assert!(
        !row_text(buffer, ry).contains(' ')
            || row_text(buffer, ry).trim().chars().all(|c| c == '─')
    );

    let (cx, cy) = find(buffer, "let x = 1;");
    assert_eq!(buffer[(cx, cy)].style().fg, theme.code.fg, "code colour");
    assert_eq!(
        row_text(buffer, cy + 1).trim(),
        "",
        "the blank code line stays"
    );
    assert!(row_text(buffer, cy + 2).contains("println!"));
}

#[test]
fn plain_output_draws_the_same_decoration_without_styles() {
    let mut out = Vec::new();
    write_plain(&page(), &Format::plain(40), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    insta::assert_snapshot!(text);
    assert!(text.contains("• First item"));
    assert!(text.contains("\n  2. Nested item\n"));
    assert!(text.contains("\n│ A quoted sentence.\n"));
    assert!(!text.contains('\u{1b}'));
}
