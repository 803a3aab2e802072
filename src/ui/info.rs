//! The information view (`i`, `Ctrl-g`): what the document is and where
//! the reader is in it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::theme::Theme;
use crate::app::App;
use crate::document::index::Count;

/// A count with thousands apart, `~` before an estimate.
fn count(count: Count) -> String {
    let (about, n) = match count {
        Count::Exact(n) => ("", n),
        Count::Estimate(n) => ("~", n),
    };
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('\u{202F}');
        }
        grouped.push(digit);
    }
    format!("{about}{grouped}")
}

/// A size in bytes, as people read it.
fn size(bytes: usize) -> String {
    const UNITS: [&str; 4] = ["bytes", "KiB", "MiB", "GiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// The view's lines: a label and its value.
pub fn rows(app: &App) -> Vec<(&'static str, String)> {
    let document = app.document();
    let setting = app.typesetting();
    let language = setting
        .language
        .map_or_else(|| "unknown".to_owned(), |l| l.code().to_owned());
    let focus = if document.is_empty() {
        Count::Exact(0)
    } else {
        document.number_of(app.focus())
    };
    let time = app.time_left();
    let left = if time.minutes == 0 {
        "none: the end is on screen".to_owned()
    } else {
        format!("{} at {} words a minute", time.duration(), app.wpm())
    };
    let on_off = |on: bool| if on { "on" } else { "off" };
    let cut = if document.is_cut() {
        " (the stream's first 256 MiB)"
    } else {
        ""
    };
    let metadata = document.metadata();
    let described = [
        ("title", &metadata.title),
        ("author", &metadata.author),
        ("site", &metadata.site),
        ("published", &metadata.date),
    ];
    let mut rows: Vec<(&str, String)> = described
        .into_iter()
        .filter_map(|(label, value)| Some((label, value.clone()?)))
        .collect();
    rows.extend(vec![
        ("document", document.name().to_owned()),
        ("size", format!("{}{cut}", size(document.len()))),
        ("encoding", document.encoding().name().to_owned()),
        ("language", language),
        ("words", count(document.word_total())),
        ("paragraphs", count(document.paragraph_total())),
        (
            "position",
            format!("¶ {} · {}%", count(focus), app.percent()),
        ),
        ("time left", left),
        (
            "typesetting",
            format!(
                "column {} · hyphenation {} · justified {}",
                app.column().width,
                on_off(setting.hyphenate),
                on_off(app.justify())
            ),
        ),
    ]);
    rows
}

/// Draws the view centred in `area`.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let rows = rows(app);
    let lines: Vec<Line> = rows
        .iter()
        .map(|(label, value)| {
            Line::from(vec![
                Span::styled(format!(" {label:>11}  "), theme.help_keys),
                Span::styled(value.clone(), theme.help),
            ])
        })
        .collect();
    let width = area.width.min(72);
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = super::overlay(area, width, height, buf);
    let block = Block::bordered()
        .title(" about this document ")
        .title_bottom(" any key closes ")
        .style(theme.help);
    Paragraph::new(lines).block(block).render(popup, buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    #[test]
    fn counts_and_sizes_read_naturally() {
        assert_eq!(count(Count::Exact(1_234_567)), "1\u{202F}234\u{202F}567");
        assert_eq!(count(Count::Estimate(999)), "~999");
        assert_eq!(size(512), "512 bytes");
        assert_eq!(size(3_292_505), "3.1 MiB");
    }

    #[test]
    fn the_view_tells_words_paragraphs_encoding_language_size_and_position() {
        let app = App::new(Document::bundled(), 70, 100, 30);
        let rows = rows(&app);
        let value = |label: &str| rows.iter().find(|(l, _)| *l == label).unwrap().1.clone();
        let article = include_str!("../../assets/article.txt");
        let words = article.split_ascii_whitespace().count();
        assert_eq!(value("words"), count(Count::Exact(words)));
        assert_eq!(value("paragraphs"), "7");
        assert_eq!(value("encoding"), "UTF-8");
        assert_eq!(value("language"), "fr");
        assert_eq!(
            value("size"),
            format!("{:.1} KiB", article.len() as f64 / 1024.0)
        );
        assert_eq!(value("position"), "¶ 1 · 0%");
        assert!(value("time left").ends_with("at 230 words a minute"));
    }
}
