//! The status line: document name or prompt, message, match and position.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::theme::Theme;
use crate::app::App;
use crate::document::index::Count;

/// A count as the status line shows it: `~` before an estimate.
fn shown(count: Count) -> String {
    match count {
        Count::Exact(n) => n.to_string(),
        Count::Estimate(n) => format!("~{n}"),
    }
}

/// How much the right-hand side says, from most to least.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Detail {
    /// Everything: hidden escapes, encoding, language, match, time left,
    /// paragraph, percent.
    Full,
    /// All but the time left.
    NoTime,
    /// The match, the paragraph and the percent.
    Compact,
    /// Nothing: a message takes the whole line.
    Nothing,
}

/// What the right-hand side can say, found once a frame: the status line
/// tries several [`Detail`]s until one fits, and the position (the
/// percent above all, which walks the screen's rows) is the same for all.
struct Facts {
    /// The escapes hidden, the encoding when not UTF-8, the language.
    about: Vec<String>,
    /// `match i/M` while there is a search.
    search: Option<String>,
    /// `¶ i/N`, or `¶ i/…` while the rest of a book is read.
    paragraph: String,
    /// The time left and the percent; `None` while the rest is read (the
    /// total and the share are not known yet).
    share: Option<(String, usize)>,
}

impl Facts {
    fn of(app: &App) -> Facts {
        let document = app.document();
        let mut about = Vec::new();
        let hidden = document.hidden_escapes();
        if hidden.value() > 0 {
            about.push(format!("{} escapes hidden", shown(hidden)));
        }
        if document.encoding() != encoding_rs::UTF_8 {
            about.push(document.encoding().name().to_owned());
        }
        if let Some(language) = app.typesetting().language {
            about.push(language.code().to_owned());
        }
        let search = app.search().map(|search| {
            let current = search.current.map_or(0, |c| c + 1);
            let at_least = if search.is_running() { "≥" } else { "" };
            format!("match {current}/{at_least}{}", search.matches.len())
        });
        let focus = if document.is_empty() {
            Count::Exact(0)
        } else {
            document.number_of(app.focus())
        };
        let (paragraph, share) = if app.is_reading_rest() {
            (format!("¶ {}/…", shown(focus)), None)
        } else {
            let total = document.paragraph_total();
            let percent = app.percent();
            let time_left = app.time_left_at(percent).label();
            (
                format!("¶ {}/{}", shown(focus), shown(total)),
                Some((time_left, percent)),
            )
        };
        Facts {
            about,
            search,
            paragraph,
            share,
        }
    }

    /// The right-hand side: the escapes hidden, the encoding when not
    /// UTF-8, the language, `match i/M`, the time left to read, `¶ i/N`,
    /// percent — as much as `detail` keeps.
    fn text(&self, detail: Detail) -> String {
        if detail == Detail::Nothing {
            return String::new();
        }
        let mut parts: Vec<&str> = Vec::new();
        if detail <= Detail::NoTime {
            parts.extend(self.about.iter().map(String::as_str));
        }
        parts.extend(self.search.as_deref());
        let Some((time_left, percent)) = &self.share else {
            parts.push(&self.paragraph);
            return parts.join("  ");
        };
        if detail == Detail::Full && !time_left.is_empty() {
            parts.push(time_left);
        }
        parts.push(&self.paragraph);
        let percent = format!("{percent:>3}%");
        parts.push(&percent);
        parts.join("  ")
    }
}

/// The right-hand side: the escapes hidden, the encoding when not UTF-8,
/// the language, `match i/M`, the time left to read, `¶ i/N`, percent —
/// as much as `detail` keeps.
pub fn position_text(app: &App, detail: Detail) -> String {
    Facts::of(app).text(detail)
}

/// The left-hand side: the prompt while it is open, else the document's
/// name, then the message or the pending count.
fn left_parts(app: &App) -> (String, Option<String>) {
    if let Some(prompt) = app.prompt() {
        let kind = if prompt.regex { "regex " } else { "" };
        return (format!("{kind}{}{}", prompt.sigil(), prompt.input), None);
    }
    let note = app
        .message()
        .map(str::to_owned)
        .or_else(|| app.count().map(|n| n.to_string()));
    let document = app.document();
    if let Some(selection) = app.selection() {
        let words = crate::selection::words(&selection.text(document)).len();
        let plural = if words == 1 { "" } else { "s" };
        return (format!("SELECT {words} word{plural}"), note);
    }
    let name = match (&document.metadata().title, &document.metadata().author) {
        (Some(title), Some(author)) => format!("{title} — {author}"),
        (Some(title), None) => title.clone(),
        _ => document.name().to_owned(),
    };
    (name, note)
}

/// `text` cut to `room` columns by dropping its start, which for a path
/// keeps the file's own name in view.
fn keep_tail(text: &str, room: usize) -> String {
    if text.width() <= room {
        return text.to_owned();
    }
    let mut tail = String::new();
    let mut width = 1; // the ellipsis
    for c in text.chars().rev() {
        width += c.width().unwrap_or(0);
        if width > room {
            break;
        }
        tail.insert(0, c);
    }
    if room == 0 {
        String::new()
    } else {
        format!("…{tail}")
    }
}

/// The file's own name, without its directories.
fn base_name(name: &str) -> &str {
    name.rsplit('/')
        .find(|part| !part.is_empty())
        .unwrap_or(name)
}

/// What the status line holds at `width` columns: the left-hand side
/// (the name or the prompt), the message, the right-hand side.
fn arrange(app: &App, width: u16) -> (String, Option<String>, String) {
    let (left, note) = left_parts(app);
    let note_width = note.as_ref().map_or(0, |n| n.width() + 2);
    let room = usize::from(width);
    let fits = |left: &str, right: &str| left.width() + note_width + right.width() + 3 <= room;
    let short = base_name(&left).to_owned();
    let facts = Facts::of(app);
    if app.prompt().is_some() || app.selection().is_some() {
        // The prompt (or what is selected) keeps the line; the position
        // gives way to it whole before what is typed scrolls.
        let right = [Detail::Full, Detail::NoTime, Detail::Compact]
            .into_iter()
            .map(|detail| facts.text(detail))
            .find(|right| fits(&left, right))
            .unwrap_or_default();
        return (left, note, right);
    }
    let mut choice = (left.clone(), facts.text(Detail::Compact));
    let tries: [(&str, Detail); 6] = [
        (&left, Detail::Full),
        (&left, Detail::NoTime),
        (&short, Detail::NoTime),
        (&short, Detail::Compact),
        ("", Detail::Compact),
        ("", Detail::Nothing),
    ];
    for (name, detail) in tries {
        let right = facts.text(detail);
        if fits(name, &right) || (note.is_none() && detail >= Detail::NoTime) {
            choice = (name.to_owned(), right);
            break;
        }
        choice = (name.to_owned(), right);
    }
    (choice.0, note, choice.1)
}

/// Where the right-hand side starts, and the room left of it.
fn columns(area: Rect, right: &str) -> (u16, u16) {
    let right_x = area.right().saturating_sub(right.width() as u16 + 1);
    (right_x, right_x.saturating_sub(area.x + 2))
}

/// The prompt's line as shown in `room` columns, scrolled so that the
/// cursor (at column `cursor` of `line`) stays in view: when the line is
/// wider than the room, its start gives way to `…`. Returns the text and
/// the cursor's column in it.
fn scrolled(line: &str, cursor: usize, room: usize) -> (String, usize) {
    if line.width() < room || room < 3 {
        return (line.to_owned(), cursor.min(room.saturating_sub(1)));
    }
    // Drop characters from the start until the cursor has a cell left
    // after the ellipsis.
    let mut shown_from = 0;
    let mut dropped = 0;
    for (at, c) in line.char_indices() {
        if cursor - dropped + 1 < room {
            shown_from = at;
            break;
        }
        dropped += c.width().unwrap_or(0);
        shown_from = at + c.len_utf8();
    }
    if dropped == 0 {
        return (line.to_owned(), cursor);
    }
    (format!("…{}", &line[shown_from..]), cursor - dropped + 1)
}

/// Draws the status line into the one-row `area`. A message has the first
/// claim on room: the time left, then the name's directories, the
/// details, the name and the position give way to it in turn.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    buf.set_style(area, theme.status);
    let prompt = app.prompt().is_some();
    let (left, note, right) = arrange(app, area.width);
    let right_width = right.width() as u16;
    let (right_x, left_room) = columns(area, &right);
    let style = if prompt {
        theme.status_message
    } else {
        theme.status
    };
    let left = match app.prompt() {
        Some(_) => scrolled(&left, prompt_column(app), left_room.into()).0,
        None => keep_tail(&left, left_room.into()),
    };
    let (after_left, _) = buf.set_stringn(area.x + 1, area.y, &left, left_room.into(), style);
    if let Some(note) = note {
        let start = if left.is_empty() {
            area.x + 1
        } else {
            after_left + 2
        };
        let room = right_x.saturating_sub(start + 1);
        buf.set_stringn(start, area.y, note, room.into(), theme.status_message);
    }
    if right_x > area.x + 1 && !right.is_empty() {
        buf.set_stringn(right_x, area.y, right, right_width.into(), theme.status);
    }
}

/// The cursor's column in the prompt's line (its kind, sigil and input).
fn prompt_column(app: &App) -> usize {
    app.prompt().map_or(0, |prompt| {
        let kind = if prompt.regex { "regex ".width() } else { 0 };
        kind + 1 + prompt.input[..prompt.cursor].width()
    })
}

/// Where the terminal cursor belongs while the prompt is open: after what
/// is typed, scrolled into view as the line is.
pub fn prompt_cursor(app: &App, area: Rect) -> Option<Position> {
    app.prompt()?;
    let (left, _, right) = arrange(app, area.width);
    let (_, left_room) = columns(area, &right);
    let (_, column) = scrolled(&left, prompt_column(app), left_room.into());
    let x = (area.x + 1 + column as u16).min(area.right().saturating_sub(1));
    Some(Position::new(x, area.y))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status_row(app: &App, width: u16) -> String {
        let area = Rect::new(0, 0, width, 1);
        let mut buf = Buffer::empty(area);
        render(app, area, &mut buf, &Theme::default());
        (0..width).map(|x| buf[(x, 0)].symbol()).collect()
    }

    #[test]
    fn a_selection_keeps_its_name_in_a_narrow_window() {
        use crate::action::Action;
        use crate::document::Document;
        let text = "Un texte assez long pour la ligne.\n\n".repeat(500);
        let mut app = App::new(Document::from_bytes("t", text.as_bytes()), 0, 26, 20);
        app.update(Action::StartSelection);
        app.update(Action::Extend(crate::action::Unit::Word, true));
        let row = status_row(&app, 26);
        assert!(row.contains("SELECT 2 words"), "{row}");
    }

    #[test]
    fn a_message_has_the_first_claim_on_room() {
        use crate::document::Document;
        let text = "Un texte.\n\nDeux.\n";
        let name = "/a/rather/long/path/to/the/books/war_and_peace.txt";
        let mut app = App::new(Document::from_bytes(name, text.as_bytes()), 70, 60, 20);
        // No message: the name (its end), the position.
        let row = status_row(&app, 60);
        assert!(
            row.contains("war_and_peace.txt") && row.contains("¶ 1/2"),
            "{row}"
        );
        // A message: shown whole, the name's directories gone first.
        app.set_message("search hit the bottom, continuing from the top".to_owned());
        let row = status_row(&app, 60);
        assert!(
            row.contains("search hit the bottom, continuing from the top"),
            "{row}"
        );
        // Narrower: the name goes, then the position.
        let row = status_row(&app, 50);
        assert!(
            row.contains("search hit the bottom, continuing from the top"),
            "{row}"
        );
        assert!(!row.contains("war_and_peace"), "{row}");
    }

    #[test]
    fn while_the_rest_is_read_neither_the_total_nor_the_share_is_claimed() {
        use crate::document::Document;
        use crate::document::rest::Rest;
        use crate::document::structure::{Laid, lay};
        fn book(count: usize) -> Laid {
            use crate::document::block::{Block, Structured};
            lay(Structured {
                blocks: (0..count)
                    .map(|i| Block::body(format!("Bloc {i}.")))
                    .collect(),
                ..Structured::default()
            })
        }
        let opening = Document::structured("b.epub", book(3), encoding_rs::UTF_8);
        let mut app = App::new(opening, 70, 70, 20);
        app.set_rest(Rest::new("b.epub", encoding_rs::UTF_8, || Ok(book(500))));
        let row = status_row(&app, 70);
        assert!(row.contains("¶ 1/…"), "{row}");
        assert!(!row.contains('%') && !row.contains("left"), "{row}");
        app.take_rest(true);
        let row = status_row(&app, 70);
        assert!(row.contains("¶ 1/500") && row.contains("0%"), "{row}");
    }

    #[test]
    fn each_detail_says_what_it_keeps_in_order() {
        use crate::action::Action;
        use crate::document::Document;
        // 40 paragraphs of 100 words, in French: 4,000 words at 200 a
        // minute.
        let text = "Le mot juste et le mot vrai sont dits ici. ".repeat(10) + "\n\n";
        let document = Document::from_bytes("t", text.repeat(40).as_bytes());
        let mut app = App::new(document, 70, 80, 10);
        app.set_wpm(200);
        app.update(Action::Digit(2));
        app.update(Action::Digit(0));
        app.update(Action::NextParagraph);
        let language = app
            .typesetting()
            .language
            .map_or(String::new(), |l| format!("{l}  "));
        let percent = app.percent();
        assert!(0 < percent && percent < 100, "{percent}");
        let minutes = app.time_left().minutes;
        assert_eq!(
            position_text(&app, Detail::Full),
            format!("{language}{minutes} min left  ¶ 21/40  {percent:>3}%")
        );
        assert_eq!(
            position_text(&app, Detail::NoTime),
            format!("{language}¶ 21/40  {percent:>3}%")
        );
        assert_eq!(
            position_text(&app, Detail::Compact),
            format!("¶ 21/40  {percent:>3}%")
        );
        assert_eq!(position_text(&app, Detail::Nothing), "");
        let row = status_row(&app, 80);
        assert!(
            row.ends_with(&format!("min left  ¶ 21/40  {percent:>3}% ")),
            "{row:?}"
        );
    }

    #[test]
    fn a_long_prompt_scrolls_to_keep_the_cursor_in_view() {
        use crate::action::{Action, PromptKind};
        use crate::document::Document;
        let mut app = App::new(Document::from_bytes("x", b"Un texte."), 0, 20, 10);
        app.update(Action::OpenPrompt(PromptKind::SearchForward));
        for c in "a rather long query typed".chars() {
            app.update(Action::Insert(c));
        }
        let area = Rect::new(0, 0, 20, 1);
        let row = status_row(&app, 20);
        // The end of what was typed shows, its start gives way to `…`.
        assert!(row.contains("…") && row.contains("typed"), "{row:?}");
        let cursor = prompt_cursor(&app, area).unwrap();
        assert!(cursor.x < 20, "{cursor:?}");
        let before: String = row.chars().take(usize::from(cursor.x)).collect();
        assert!(before.ends_with("typed"), "{row:?} {cursor:?}");
        // Back at the start of the input: its first words show again.
        for _ in 0.."a rather long query typed".len() {
            app.update(Action::CursorLeft);
        }
        let row = status_row(&app, 20);
        assert!(row.contains("/a rather"), "{row:?}");
        let cursor = prompt_cursor(&app, area).unwrap();
        assert_eq!(row.chars().nth(usize::from(cursor.x)), Some('a'), "{row:?}");
    }

    #[test]
    fn long_names_keep_their_end() {
        assert_eq!(keep_tail("/a/b/book.txt", 20), "/a/b/book.txt");
        assert_eq!(keep_tail("/a/b/book.txt", 9), "…book.txt");
        assert_eq!(keep_tail("/a/b/livre_été.txt", 6), "…é.txt");
        assert_eq!(keep_tail("abc", 0), "");
    }
}
