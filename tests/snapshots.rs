//! Whole screens rendered with ratatui's `TestBackend`: the text as insta
//! snapshots, the styles (which snapshots do not carry) asserted cell by
//! cell.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use liseuse::action::{Action, PromptKind};
use liseuse::app::App;
use liseuse::document::Document;
use liseuse::ui::theme::{FOCUS_MARKER, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Style;
use support::{draw_in, draw_themed, row_text};

const WIDTH: u16 = 60;
const HEIGHT: u16 = 16;

fn article(measure: u16) -> App {
    App::new(Document::bundled(), measure, WIDTH, HEIGHT)
}

fn draw(app: &App) -> Terminal<TestBackend> {
    draw_in(app, WIDTH, HEIGHT)
}

fn search(app: &mut App, query: &str) {
    app.update(Action::OpenPrompt(PromptKind::SearchForward));
    for c in query.chars() {
        app.update(Action::Insert(c));
    }
    app.update(Action::Submit);
}

/// The style of the cells of row `y` from `x` for `len` cells.
fn styles(buffer: &Buffer, x: u16, y: u16, len: u16) -> Vec<Style> {
    (x..x + len).map(|x| buffer[(x, y)].style()).collect()
}

#[test]
fn opening_screen() {
    let app = article(50);
    let terminal = draw(&app);
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn focus_is_marked_in_the_margin_and_banded() {
    let mut app = article(50);
    app.update(Action::NextParagraph);
    let terminal = draw(&app);
    insta::assert_snapshot!(terminal.backend());
    let buffer = terminal.backend().buffer();
    let theme = Theme::default();
    let column = app.column();
    let focus_rows: Vec<u16> = (0..column.height)
        .filter(|&y| buffer[(column.x - 2, y)].symbol() == FOCUS_MARKER)
        .collect();
    // The second paragraph's lines, all at the top.
    assert_eq!(focus_rows, (0..7).collect::<Vec<u16>>());
    let second = app
        .document()
        .next(app.document().first().unwrap())
        .unwrap();
    assert_eq!(app.rows().line_count(second), 7);
    for y in 0..column.height {
        let marker = &buffer[(column.x - 2, y)];
        let band = styles(buffer, column.x, y, column.width);
        if focus_rows.contains(&y) {
            assert_eq!(Some(marker.fg), theme.marker.fg);
            assert!(band.iter().all(|s| s.bg == theme.focus.bg), "row {y}");
        } else {
            assert_eq!(marker.symbol(), " ");
            assert!(
                band.iter()
                    .all(|s| s.bg == Some(ratatui::style::Color::Reset)),
                "row {y}"
            );
        }
    }
}

#[test]
fn search_matches_and_the_current_one_are_distinct() {
    let mut app = App::new(Document::bundled(), 50, WIDTH, 40);
    search(&mut app, "choïgou");
    let terminal = draw_in(&app, WIDTH, 40);
    insta::assert_snapshot!(terminal.backend());
    let buffer = terminal.backend().buffer();
    let theme = Theme::default();
    let mut current = Vec::new();
    let mut others = Vec::new();
    for y in 0..app.column().height {
        let text = row_text(buffer, y);
        for (word, _) in text.match_indices("Choïgou") {
            let x = text[..word].chars().count() as u16;
            let cells = styles(buffer, x, y, 7);
            if cells[0].bg == theme.current_match.bg {
                current.push(y);
            } else {
                others.push(y);
            }
            assert!(
                cells.iter().all(|s| *s == cells[0]),
                "one style across the word on row {y}"
            );
            let expected = if cells[0].bg == theme.current_match.bg {
                theme.current_match
            } else {
                theme.matched
            };
            assert_eq!(cells[0].fg, expected.fg);
            assert_eq!(cells[0].bg, expected.bg);
            // The space after the word is not highlighted.
            assert_ne!(Some(buffer[(x + 7, y)].bg), expected.bg);
        }
    }
    assert_eq!(current.len(), 1, "exactly one current match");
    assert!(!others.is_empty(), "other matches are highlighted too");
    let status = row_text(buffer, 39);
    assert!(status.contains("match 1/3"), "{status}");
}

#[test]
fn help_overlay() {
    let mut app = App::new(Document::bundled(), 70, 80, 46);
    app.update(Action::ShowHelp);
    let terminal = draw_in(&app, 80, 46);
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn prompt_in_the_status_line() {
    let mut app = article(50);
    app.update(Action::OpenPrompt(PromptKind::Jump));
    app.update(Action::Insert('4'));
    let terminal = draw(&app);
    let status = row_text(terminal.backend().buffer(), HEIGHT - 1);
    assert!(status.starts_with(" :4 "), "{status:?}");
}

#[test]
fn too_small_a_window_shows_a_notice() {
    for (width, height) in [(9, 5), (30, 2), (1, 1)] {
        let app = App::new(Document::bundled(), 70, width, height);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| frame.render_widget(&app, frame.area()))
            .unwrap();
        let buffer = terminal.backend().buffer();
        let all: String = (0..height).map(|y| row_text(buffer, y)).collect();
        assert!(
            all.contains("window") || width < 6,
            "{width}x{height}: {all:?}"
        );
        assert!(!all.contains("Le leader"));
    }
}

#[test]
fn help_fits_an_80_by_24_window_in_two_columns() {
    let mut app = App::new(Document::bundled(), 70, 80, 24);
    app.update(Action::ShowHelp);
    let terminal = draw_in(&app, 80, 24);
    let buffer = terminal.backend().buffer();
    let all: String = (0..24).map(|y| row_text(buffer, y) + "\n").collect();
    // Every binding is on screen: the first, the last, the prompt's, the
    // paired ones, and the footer's.
    for description in [
        "line down",
        "quit",
        "prompt: accept/cancel",
        "select: mark, note, copy",
        "note (A: in $EDITOR)",
        "prompt: history, regex",
        "next/previous paragraph",
        "copy to the clipboard",
        "justification on/off",
        "wheel scrolls",
        "any key closes",
    ] {
        assert!(all.contains(description), "{description} missing:\n{all}");
    }
    assert!(!all.contains("larger window"), "{all}");
}

/// A French paragraph of our own with every spacing rule in it.
const FRENCH: &str = "— Eh bien ! dit-il en se retournant, croyez-vous vraiment que \
l’administration extraordinaire de ce département nous laissera passer ? Il \
reste 3 km à faire, et l’on nous a promis « une route parfaitement \
carrossable » : j’en doute à 70 %. Voilà l’incompréhensible entêtement des \
fonctionnaires préfectoraux.";

fn french(measure: u16, height: u16) -> App {
    let mut app = App::new(
        Document::from_bytes("fr.txt", FRENCH.as_bytes()),
        measure,
        WIDTH,
        height,
    );
    app.update(Action::ToggleJustify);
    app
}

#[test]
fn a_justified_hyphenated_french_paragraph() {
    let app = french(34, 12);
    assert_eq!(
        app.typesetting().language.map(|l| l.code()),
        Some("fr"),
        "detected"
    );
    let terminal = draw_in(&app, WIDTH, 12);
    insta::assert_snapshot!(terminal.backend());
    let buffer = terminal.backend().buffer();
    let column = app.column();
    let lines = app.rows().line_count(0);
    let rows: Vec<String> = (0..lines as u16)
        .map(|y| {
            (column.x..column.x + column.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect()
        })
        .collect();
    // Every line but the last fills the column; some end with a hyphen;
    // none starts with French closing punctuation or ends with « or —.
    for row in &rows[..rows.len() - 1] {
        assert!(!row.ends_with(' '), "{row:?} not justified");
        let trimmed = row.trim();
        assert!(
            !trimmed.starts_with(['»', ':', ';', '!', '?', '%']),
            "{row:?}"
        );
        assert!(!trimmed.ends_with(['«', '—']), "{row:?}");
    }
    assert!(rows.iter().any(|r| r.ends_with('-')), "{rows:?}");
}

#[test]
fn a_match_broken_by_a_hyphen_is_highlighted_whole() {
    let mut app = french(34, 12);
    // Find a word the layout hyphenated, and search for it.
    let paragraph = app.document().paragraph(0);
    let lines = app.layout().lines(app.document(), 0);
    let broken = lines.iter().find(|l| l.hyphen).expect("a hyphenated line");
    let text = &paragraph.text;
    let start = text[..broken.range.end].rfind(' ').map_or(0, |i| i + 1);
    let end = broken.range.end + text[broken.range.end..].find([' ', ',', '.']).unwrap();
    let word = text[start..end].to_owned();
    search(&mut app, &word);
    let terminal = draw_in(&app, WIDTH, 12);
    let buffer = terminal.backend().buffer();
    let theme = Theme::default();
    let highlighted: String = buffer
        .content()
        .iter()
        .filter(|cell| cell.bg == theme.current_match.bg.unwrap())
        .map(|cell| cell.symbol())
        .collect();
    // Both halves and the hyphen between them, nothing else.
    let head = &text[start..broken.range.end];
    let tail = &text[broken.range.end..end];
    assert_eq!(highlighted, format!("{head}-{tail}"), "{word}");
}

#[test]
fn plain_output_of_a_justified_hyphenated_french_paragraph() {
    use liseuse::language::Language;
    use liseuse::layout::Typesetting;
    use liseuse::plain::{Format, write_plain};
    let doc = Document::from_bytes("fr.txt", FRENCH.as_bytes());
    let format = Format {
        width: 28,
        setting: Typesetting {
            language: Language::from_code("fr"),
            hyphenate: true,
            indent: false,
        },
        justify: true,
    };
    let mut out = Vec::new();
    write_plain(&doc, &format, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    insta::assert_snapshot!(out);
    let lines: Vec<&str> = out.lines().collect();
    for line in &lines[..lines.len() - 1] {
        assert_eq!(line.chars().count(), 28, "{line:?}");
    }
}

/// A short book with Markdown and Gutenberg-style headings.
const BOOK: &str = "# Les Trois Mousquetaires\n\nPréface de l’auteur, assez longue pour \
occuper une ligne entière de la colonne.\n\nCHAPITRE PREMIER\n\nLes trois présents de \
M. d’Artagnan père.\n\nLe premier lundi du mois d’avril 1625, le bourg de Meung semblait \
être dans une révolution aussi entière que si les huguenots en fussent venus faire une \
seconde Rochelle.\n\nCHAPITRE II\n\nL’antichambre de M. de Tréville.\n";

#[test]
fn outline_lists_headings_indented_by_level_with_the_selection_reversed() {
    let mut app = App::new(
        Document::from_bytes("livre", BOOK.as_bytes()),
        50,
        WIDTH,
        HEIGHT,
    );
    app.update(Action::Digit(5));
    app.update(Action::Top);
    app.update(Action::OpenOutline);
    let terminal = draw(&app);
    insta::assert_snapshot!(terminal.backend());
    let buffer = terminal.backend().buffer();
    let theme = Theme::current();
    // The focus (¶ 5) comes under CHAPITRE PREMIER: that line is selected.
    let in_panel = |y: u16, needle: &str| {
        let line = row_text(buffer, y);
        line.starts_with('│') && line.contains(needle)
    };
    let row = (0..HEIGHT)
        .find(|&y| in_panel(y, "CHAPITRE PREMIER"))
        .unwrap();
    let line = row_text(buffer, row);
    let x = line[..line.find("CHAPITRE").unwrap()].chars().count() as u16;
    let cell = &buffer[(x, row)];
    assert_eq!(
        cell.style(),
        theme
            .panel_selected
            .patch(theme.heading)
            .patch(cell.style())
    );
    assert!(cell.modifier.contains(ratatui::style::Modifier::BOLD));
    assert!(cell.modifier.contains(ratatui::style::Modifier::REVERSED));
    // Another heading is bold, not reversed.
    let other = (0..HEIGHT).find(|&y| in_panel(y, "CHAPITRE II")).unwrap();
    let line = row_text(buffer, other);
    let x = line[..line.find("CHAPITRE").unwrap()].chars().count() as u16;
    assert!(
        buffer[(x, other)]
            .modifier
            .contains(ratatui::style::Modifier::BOLD)
    );
    assert!(
        !buffer[(x, other)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
}

#[test]
fn headings_are_drawn_bold_in_the_text() {
    let app = App::new(
        Document::from_bytes("livre", BOOK.as_bytes()),
        50,
        WIDTH,
        HEIGHT,
    );
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let bold_at = |needle: &str| {
        let row = (0..HEIGHT)
            .find(|&y| row_text(buffer, y).contains(needle))
            .unwrap();
        let line = row_text(buffer, row);
        let x = line[..line.find(needle).unwrap()].chars().count() as u16;
        buffer[(x, row)]
            .modifier
            .contains(ratatui::style::Modifier::BOLD)
    };
    assert!(bold_at("CHAPITRE PREMIER"));
    assert!(bold_at("Les Trois Mousquetaires"));
    assert!(!bold_at("Préface"));
}

#[test]
fn information_view() {
    let mut app = article(50);
    app.update(Action::ShowInfo);
    let terminal = draw(&app);
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn light_theme_keeps_the_focus_band_and_the_matches_apart() {
    let mut app = App::new(Document::bundled(), 50, WIDTH, 40);
    search(&mut app, "choïgou");
    let terminal = draw_themed(&app, &Theme::light(), WIDTH, 40);
    insta::assert_snapshot!(terminal.backend());
    let buffer = terminal.backend().buffer();
    let light = Theme::light();
    let column = app.column();
    let (mut band, mut matched, mut current, mut plain) = (0, 0, 0, 0);
    for y in 0..column.height {
        let focused = buffer[(column.x - 2, y)].symbol() == FOCUS_MARKER;
        if focused {
            assert_eq!(Some(buffer[(column.x - 2, y)].fg), light.marker.fg);
        }
        let text = row_text(buffer, y);
        let words: Vec<u16> = text
            .match_indices("Choïgou")
            .map(|(at, _)| text[..at].chars().count() as u16)
            .collect();
        for x in column.x..column.x + column.width {
            let cell = buffer[(x, y)].style();
            let in_match = words.iter().any(|&w| (w..w + 7).contains(&x));
            if in_match {
                if cell.bg == light.current_match.bg {
                    assert_eq!(cell.fg, light.current_match.fg, "({x}, {y})");
                    current += 1;
                } else {
                    assert_eq!((cell.fg, cell.bg), (light.matched.fg, light.matched.bg));
                    matched += 1;
                }
            } else if focused {
                assert_eq!(cell.bg, light.focus.bg, "band at ({x}, {y})");
                band += 1;
            } else {
                // The light page, whatever the terminal's background.
                assert_eq!(
                    (cell.fg, cell.bg),
                    (light.text.fg, light.text.bg),
                    "({x}, {y})"
                );
                plain += 1;
            }
        }
    }
    assert_eq!(current, 7, "one current match");
    assert!(
        matched >= 7 && band > 0 && plain > 0,
        "{matched} {band} {plain}"
    );
    let status = buffer[(0, 39)].style();
    assert_eq!((status.fg, status.bg), (light.status.fg, light.status.bg));
    // Every kind has its own background.
    let kinds = [
        light.text.bg,
        light.focus.bg,
        light.matched.bg,
        light.current_match.bg,
        light.status.bg,
    ];
    for (i, a) in kinds.iter().enumerate() {
        for b in &kinds[i + 1..] {
            assert_ne!(a, b);
        }
    }
}

#[test]
fn highlights_the_focused_sentence_and_matches_layer_cell_by_cell() {
    let mut app = App::new(Document::bundled(), 50, WIDTH, 40);
    // The first paragraph highlighted, "Kim Jong Un" the current match,
    // the first sentence focused.
    app.update(Action::MarkParagraph);
    search(&mut app, "kim jong un");
    app.update(Action::NextSentence);
    let terminal = draw_in(&app, WIDTH, 40);
    insta::assert_snapshot!(terminal.backend());
    let buffer = terminal.backend().buffer();
    let theme = Theme::current();
    // What a cell shows: colours (unset is the terminal's) and attributes.
    let look = |style: Style| {
        let colour = |c: Option<ratatui::style::Color>| c.unwrap_or(ratatui::style::Color::Reset);
        (colour(style.fg), colour(style.bg), style.add_modifier)
    };
    let cell_of = |needle: &str| {
        let y = (0..40)
            .find(|&y| row_text(buffer, y).contains(needle))
            .unwrap();
        let line = row_text(buffer, y);
        let x = line[..line.find(needle).unwrap()].chars().count() as u16;
        look(buffer[(x, y)].style())
    };
    let (span, _) = app.span().unwrap();
    assert_eq!(span, app.focus());
    let yellow = theme.highlight(liseuse::highlights::Colour::ALL[0]);
    let focus = theme.focus;
    // In the sentence: highlight, then the sentence's bold over it.
    // The highlight keeps its colour under the focus, which adds its
    // attributes (bold).
    let leader = cell_of("leader");
    let focused_yellow = focus.patch(yellow).add_modifier(theme.span.add_modifier);
    assert_eq!(leader, look(focused_yellow));
    assert_eq!(leader.1, look(yellow).1, "the highlight's own background");
    // The current match on top of both.
    let kim = cell_of("Kim");
    assert_eq!(kim, look(focused_yellow.patch(theme.current_match)));
    // Further in the paragraph, past the sentence: the highlight alone.
    let past = cell_of("dirigeants");
    assert_eq!(past, look(focus.patch(yellow)));
    // The next paragraph: none of them.
    let next = cell_of("L’agence");
    assert_eq!(next, look(theme.text));
    // All three stay apart without colour too.
    // Each layer changes what the cell shows.
    assert!(leader != past && kim != leader && past != next);
}

#[test]
fn a_block_laid_out_wider_than_the_measure_keeps_its_lines_when_the_window_has_room() {
    let page = "Network Working Group                                     T. Berners-Lee\n\
Request for Comments: 3986                                       W3C/MIT\n\
Category: Standards Track                                  Adobe Systems\n\
\n\
The generic syntax is a superset of the syntax of all URI schemes, and it \
goes on like any prose paragraph.\n\
\n\
Berners-Lee, et al.         Standards Track                     [Page 1]\n";
    let app = App::new(Document::from_bytes("rfc", page.as_bytes()), 50, 100, 12);
    let terminal = draw_in(&app, 100, 12);
    let buffer = terminal.backend().buffer();
    let rows: Vec<String> = (0..12).map(|y| row_text(buffer, y)).collect();
    // The page's lines (72 columns) are whole, each on its row, inside the
    // window's margins; the prose keeps the 50-column measure.
    for line in page.lines().filter(|l| l.contains("   ")) {
        assert!(
            rows.iter().any(|r| r.contains(line)),
            "{line:?} cut:\n{rows:#?}"
        );
    }
    // Inside the margins: the block starts two columns or more in.
    let header = rows
        .iter()
        .find(|r| r.contains("Network Working Group"))
        .unwrap();
    let start = header[..header.find("Network").unwrap()].chars().count();
    assert!(start >= 2, "{header:?}");
    let prose: Vec<&String> = rows
        .iter()
        .filter(|r| r.contains("generic syntax"))
        .collect();
    assert_eq!(prose.len(), 1);
    assert!(prose[0].trim().chars().count() <= 50, "{prose:?}");
}

#[test]
fn a_selection_across_paragraphs_and_a_noted_highlight_cell_by_cell() {
    use liseuse::action::Unit;
    use liseuse::ui::reader::{NOTE_BAR, NOTE_MARK};
    for theme in [Theme::dark(), Theme::no_color()] {
        let mut app = App::new(Document::bundled(), 50, WIDTH, 30);
        // The first sentence highlighted green with a note; then a selection from
        // the first sentence's first word to the second paragraph's
        // second word, while a search's matches would be shown.
        app.update(Action::NextSentence);
        app.update(Action::StartSelection);
        app.update(Action::Extend(Unit::Sentence, true));
        app.update(Action::Digit(2));
        app.update(Action::EditNote);
        for c in "une note".chars() {
            app.update(Action::Insert(c));
        }
        app.update(Action::Submit);
        search(&mut app, "centrale");
        app.update(Action::Top);
        app.update(Action::StartSelection);
        app.update(Action::Extend(Unit::Paragraph, true));
        app.update(Action::Extend(Unit::Word, true));
        app.update(Action::Extend(Unit::Word, true));
        let terminal = draw_themed(&app, &theme, WIDTH, 30);
        let buffer = terminal.backend().buffer();
        if theme == Theme::dark() {
            insta::assert_snapshot!(terminal.backend());
        }
        let find = |needle: &str| {
            let y = (0..30)
                .find(|&y| row_text(buffer, y).contains(needle))
                .unwrap();
            let line = row_text(buffer, y);
            (line[..line.find(needle).unwrap()].chars().count() as u16, y)
        };
        // What a cell shows: colours (unset is the terminal's) and
        // attributes.
        let seen = |style: Style| {
            let colour =
                |c: Option<ratatui::style::Color>| c.unwrap_or(ratatui::style::Color::Reset);
            (colour(style.fg), colour(style.bg), style.add_modifier)
        };
        let look = |(x, y): (u16, u16)| seen(buffer[(x, y)].style());
        let want = seen;
        let column = app.column();
        // The note's mark in the right margin of the first line, and of
        // no other.
        let (_, first_row) = find("Le leader");
        let mark = (column.x + column.width + 1, first_row);
        assert_eq!(buffer[mark].symbol(), NOTE_MARK);
        assert_eq!(look(mark), want(theme.text.patch(theme.note_mark)));
        // Along the highlight's other lines, a bar; past it, nothing.
        assert_eq!(buffer[(mark.0, first_row + 1)].symbol(), NOTE_BAR);
        let (_, past) = find("missiles balistiques");
        assert_eq!(buffer[(mark.0, past)].symbol(), " ");
        // Selected: over the green highlight, in plain text, and in the
        // next (focused) paragraph up to its second word; not after it.
        let green = theme.highlight(liseuse::highlights::Colour::Green);
        let focused = theme.text.patch(theme.focus);
        let selected_over_highlight = look(find("leader"));
        assert_eq!(
            selected_over_highlight,
            want(theme.text.patch(green).patch(theme.selection))
        );
        let selected_plain = look(find("dirigeants"));
        assert_eq!(selected_plain, want(theme.text.patch(theme.selection)));
        assert_eq!(look(find("agence")), want(focused.patch(theme.selection)));
        let (x, y) = find("L’agence de");
        assert_eq!(look((x + 10, y)), want(focused.patch(theme.selection)));
        assert_eq!(look((x + 11, y)), want(focused), "the space after");
        // The current match ("centrale") is not drawn while selecting.
        assert_eq!(look(find("centrale")), want(focused));
        // The selection stands apart from a highlight and from plain text.
        assert_ne!(selected_over_highlight, want(theme.text.patch(green)));
        assert_ne!(selected_plain, want(theme.text));
        // The status line says what is selected.
        assert!(
            row_text(buffer, 29).contains("SELECT"),
            "{}",
            row_text(buffer, 29)
        );
    }
}
