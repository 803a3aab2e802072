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

/// The right-hand side: the encoding when not UTF-8, the language,
/// `match i/M`, the time left to read (when `with_time`), `¶ i/N`,
/// percent.
pub fn position_text(app: &App, with_time: bool) -> String {
    let mut parts = Vec::new();
    let document = app.document();
    let hidden = document.hidden_escapes();
    if hidden.value() > 0 {
        parts.push(format!("{} escapes hidden", shown(hidden)));
    }
    if document.encoding() != encoding_rs::UTF_8 {
        parts.push(document.encoding().name().to_owned());
    }
    if let Some(language) = app.typesetting().language {
        parts.push(language.code().to_owned());
    }
    if let Some(search) = app.search() {
        let current = search.current.map_or(0, |c| c + 1);
        let at_least = if search.is_running() { "≥" } else { "" };
        parts.push(format!(
            "match {current}/{at_least}{}",
            search.matches.len()
        ));
    }
    let total = document.paragraph_total();
    let focus = if document.is_empty() {
        Count::Exact(0)
    } else {
        document.number_of(app.focus())
    };
    let time_left = if with_time {
        app.time_left().label()
    } else {
        String::new()
    };
    if !time_left.is_empty() {
        parts.push(time_left);
    }
    parts.push(format!("¶ {}/{}", shown(focus), shown(total)));
    parts.push(format!("{:>3}%", app.percent()));
    parts.join("  ")
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
    (app.document().name().to_owned(), note)
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

/// Draws the status line into the one-row `area`.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    buf.set_style(area, theme.status);
    let (left, note) = left_parts(app);
    // The time left gives way to the name and a message.
    let wanted = left.width() + note.as_ref().map_or(0, |n| n.width() + 2) + 3;
    let mut right = position_text(app, true);
    if wanted + right.width() > usize::from(area.width) {
        right = position_text(app, false);
    }
    let right_width = right.width() as u16;
    let right_x = area.right().saturating_sub(right_width + 1);
    let left_room = right_x.saturating_sub(area.x + 2);
    let style = if app.prompt().is_some() {
        theme.status_message
    } else {
        theme.status
    };
    let left = if app.prompt().is_some() {
        left
    } else {
        keep_tail(&left, left_room.into())
    };
    let (after_left, _) = buf.set_stringn(area.x + 1, area.y, &left, left_room.into(), style);
    if let Some(note) = note {
        let room = right_x.saturating_sub(after_left + 3);
        buf.set_stringn(
            after_left + 2,
            area.y,
            note,
            room.into(),
            theme.status_message,
        );
    }
    if right_x > area.x + 1 {
        buf.set_stringn(right_x, area.y, right, right_width.into(), theme.status);
    }
}

/// Where the terminal cursor belongs while the prompt is open.
pub fn prompt_cursor(app: &App, area: Rect) -> Option<Position> {
    let prompt = app.prompt()?;
    let kind = if prompt.regex { "regex ".width() } else { 0 } as u16;
    let typed = kind + prompt.input[..prompt.cursor].width() as u16;
    let x = (area.x + 1 + 1 + typed).min(area.right().saturating_sub(1));
    Some(Position::new(x, area.y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_keep_their_end() {
        assert_eq!(keep_tail("/a/b/book.txt", 20), "/a/b/book.txt");
        assert_eq!(keep_tail("/a/b/book.txt", 9), "…book.txt");
        assert_eq!(keep_tail("/a/b/livre_été.txt", 6), "…é.txt");
        assert_eq!(keep_tail("abc", 0), "");
    }
}
