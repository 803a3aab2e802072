//! Highlights exported for notes apps and other tools.
//!
//! **Markdown** (what `E` writes, and `--export-highlights` prints by
//! default) is the form Obsidian and Logseq import: YAML front matter
//! (title, author, source, language, exported date, number of highlights),
//! then a section per heading or chapter in reading order, each highlight a
//! list item holding its quote as a block quote, its note under it, and its
//! place and colour as a tag:
//!
//! ```markdown
//! ---
//! title: "Madame Bovary"
//! exported: "2025-05-01T10:00:00Z"
//! highlights: 1
//! ---
//!
//! # Highlights of Madame Bovary
//!
//! ## Chapitre premier
//!
//! - > Nous étions à l'Étude, quand le Proviseur entra.
//!   - A note, which may run
//!     over several lines.
//!   - ¶ 3 · 1% · #yellow
//! ```
//!
//! Highlights whose words are no longer in the text come last, under a
//! heading that says so. **JSON** holds the same as one object, for other
//! tools.
//!
//! Quotes and notes are sanitized: control characters become visible
//! symbols, and every line is escaped so that it stays inside its quote
//! or list item (no line becomes a heading, a list, a rule, a fence or
//! HTML).

use std::fmt::Write;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

use crate::document::Document;
use crate::document::index::Count;
use crate::document::sanitize::{sanitize, sanitize_label};
use crate::highlights::{Colour, Highlight};
use crate::outline::{MAX_WALK_BACK, headings_over};

/// The form an export takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ExportFormat {
    /// Markdown with YAML front matter, for notes apps.
    #[default]
    Markdown,
    /// One JSON object, for other tools.
    Json,
}

/// What an export says of its document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct About {
    /// Its title, or its file's name when its format does not say one.
    pub title: String,
    /// Its author, when its format says one.
    pub author: Option<String>,
    /// The file it was read from.
    pub source: Option<String>,
    /// Its language, as a tag (`fr`, `en-GB`).
    pub language: Option<String>,
    /// When the export was made: ISO 8601, UTC, to the second.
    pub exported: String,
}

impl About {
    /// What the export of `document` says of it: title and author as its
    /// format says them, `source` the file it was read from, its language
    /// as its format says it, else `language` (the one detected or
    /// chosen), exported at `now`.
    pub fn new(
        document: &Document,
        source: Option<&Path>,
        language: Option<&str>,
        now: SystemTime,
    ) -> About {
        let metadata = document.metadata();
        About {
            title: metadata.title.clone().unwrap_or_else(|| {
                let name = document.name();
                let file = Path::new(name).file_name().map(|f| f.to_string_lossy());
                sanitize_label(file.as_deref().unwrap_or(name))
            }),
            author: metadata.author.clone(),
            source: source.map(|path| {
                let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
                sanitize_label(&path.to_string_lossy())
            }),
            language: metadata
                .language
                .clone()
                .or_else(|| language.map(sanitize_label)),
            exported: iso8601(now),
        }
    }
}

/// `time` as ISO 8601 in UTC, to the second: `2025-05-01T10:00:00Z`
/// (times before 1970 are given as its start).
pub fn iso8601(time: SystemTime) -> String {
    let seconds = time
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3_600,
        rest / 60 % 60,
        rest % 60
    )
}

/// One highlight as exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Its id in the state.
    pub id: String,
    /// Its words, sanitized.
    pub quote: String,
    /// Its note, sanitized, if it has one.
    pub note: Option<String>,
    /// Its colour.
    pub colour: Colour,
    /// The number of its paragraph (from 1); `None` when its words were
    /// not found in the text.
    pub paragraph: Option<usize>,
    /// How far through the text it starts, in percent.
    pub percent: Option<usize>,
    /// The heading or chapter it stands under, if any.
    pub heading: Option<String>,
    /// Whether the paragraph number is an estimate (the text not yet
    /// counted that far).
    #[serde(skip)]
    pub approximate: bool,
    /// The paragraph id of its heading: highlights under one heading make
    /// one section, even when two headings read alike.
    #[serde(skip)]
    pub section: Option<usize>,
}

/// A document's highlights as exported: what is said of the document, and
/// each highlight in reading order, those not found last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Export {
    /// The document.
    #[serde(flatten)]
    pub about: About,
    /// How many highlights there are.
    pub count: usize,
    /// The highlights, in reading order, those not found last.
    pub highlights: Vec<Entry>,
}

impl Export {
    /// The export of `highlights` of `document`, which `about` describes.
    pub fn new(document: &Document, about: About, highlights: &[Highlight]) -> Export {
        let mut sorted: Vec<&Highlight> = highlights.iter().collect();
        sorted.sort_by_key(|h| {
            h.place
                .as_ref()
                .map_or((true, 0, 0), |p| (false, p.paragraph, p.range.start))
        });
        let placed: Vec<usize> = sorted
            .iter()
            .filter_map(|h| h.place.as_ref().map(|p| p.paragraph))
            .collect();
        let mut headings = headings_over(document, &placed, MAX_WALK_BACK).into_iter();
        let entries = sorted
            .into_iter()
            .map(|highlight| {
                let mut entry = Entry {
                    id: highlight.id.clone(),
                    quote: sanitize(&highlight.quote()),
                    note: highlight
                        .note
                        .as_deref()
                        .filter(|note| !note.trim().is_empty())
                        .map(|note| sanitize(note.trim_end())),
                    colour: highlight.colour,
                    paragraph: None,
                    percent: None,
                    heading: None,
                    approximate: false,
                    section: None,
                };
                if let Some(place) = &highlight.place {
                    let (number, approximate) = match document.number_of(place.paragraph) {
                        Count::Exact(n) => (n, false),
                        Count::Estimate(n) => (n, true),
                    };
                    entry.paragraph = Some(number);
                    entry.approximate = approximate;
                    entry.percent = Some(document.percent_at(place.paragraph, place.range.start));
                    if let Some((id, title)) = headings.next().flatten() {
                        entry.section = Some(id);
                        entry.heading = Some(title);
                    }
                }
                entry
            })
            .collect::<Vec<_>>();
        Export {
            about,
            count: entries.len(),
            highlights: entries,
        }
    }

    /// The export in `format`.
    pub fn render(&self, format: ExportFormat) -> String {
        match format {
            ExportFormat::Markdown => self.markdown(),
            ExportFormat::Json => self.json(),
        }
    }

    /// The export as Markdown with YAML front matter (see the module's
    /// documentation).
    pub fn markdown(&self) -> String {
        let mut out = self.front_matter();
        let _ = writeln!(out, "\n# Highlights of {}", inline(&self.about.title));
        if self.highlights.is_empty() {
            out.push_str("\nNo highlights.\n");
            return out;
        }
        let mut section = None;
        let mut lost_heading = false;
        for entry in &self.highlights {
            if entry.paragraph.is_none() {
                if !lost_heading {
                    out.push_str("\n## Not found in this text\n");
                    lost_heading = true;
                }
            } else if entry.section != section {
                section = entry.section;
                if let Some(heading) = &entry.heading {
                    let _ = writeln!(out, "\n## {}", inline(heading));
                }
            }
            out.push('\n');
            entry.write_markdown(&mut out);
        }
        out
    }

    /// The YAML front matter, between its `---` lines.
    fn front_matter(&self) -> String {
        let about = &self.about;
        let mut out = String::from("---\n");
        let _ = writeln!(out, "title: {}", yaml_string(&about.title));
        let optional = [
            ("author", &about.author),
            ("source", &about.source),
            ("language", &about.language),
        ];
        for (key, value) in optional {
            if let Some(value) = value {
                let _ = writeln!(out, "{key}: {}", yaml_string(value));
            }
        }
        let _ = writeln!(out, "exported: {}", yaml_string(&about.exported));
        let _ = writeln!(out, "highlights: {}", self.count);
        out.push_str("---\n");
        out
    }

    /// The export as one pretty-printed JSON object: the document's
    /// title, author, source, language, exported date, the count, and the
    /// highlights (id, quote, note, colour, paragraph, percent, heading;
    /// `null` where there is none).
    pub fn json(&self) -> String {
        match serde_json::to_string_pretty(self) {
            Ok(json) => json + "\n",
            // Strings, numbers and options always serialize.
            Err(error) => format!("{{\"error\": {:?}}}\n", error.to_string()),
        }
    }
}

impl Entry {
    /// Writes the highlight as a list item: its quote as a block quote,
    /// then its note and its place and colour as items under it.
    fn write_markdown(&self, out: &mut String) {
        let mut first = true;
        for line in markdown_lines(&self.quote, true) {
            let prefix = if first { "- >" } else { "  >" };
            first = false;
            match line.is_empty() {
                true => out.push_str(prefix),
                false => {
                    let _ = write!(out, "{prefix} {line}");
                }
            }
            out.push('\n');
        }
        if first {
            out.push_str("- >\n");
        }
        if let Some(note) = &self.note {
            let mut first = true;
            for line in markdown_lines(note, false) {
                match (first, line.is_empty()) {
                    (true, _) => {
                        let _ = writeln!(out, "  - {line}");
                    }
                    (false, true) => out.push('\n'),
                    (false, false) => {
                        let _ = writeln!(out, "    {line}");
                    }
                }
                first = false;
            }
        }
        let tag = format!("#{}", self.colour.name());
        match self.paragraph {
            Some(number) => {
                let tilde = if self.approximate { "~" } else { "" };
                let percent = self.percent.unwrap_or(0);
                let _ = writeln!(out, "  - ¶ {tilde}{number} · {percent}% · {tag}");
            }
            None => {
                let _ = writeln!(out, "  - {tag}");
            }
        }
    }
}

/// The lines of sanitized `text`, each escaped for Markdown (see
/// [`escape_line`]), runs of empty lines made one, none at either end.
fn markdown_lines(text: &str, hashes: bool) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = escape_line(line.trim(), hashes);
        if line.is_empty() && lines.last().is_none_or(String::is_empty) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// `line` (trimmed) escaped so that it stays text inside a block quote or
/// a list item: a backslash before what would open a heading, a quote, a
/// list, a rule, a setext underline, a fence, a table or a link
/// definition at its start; `<` escaped everywhere (no HTML), and `#`
/// too when `hashes` (the book's words make no tags).
fn escape_line(line: &str, hashes: bool) -> String {
    let mut out = String::with_capacity(line.len() + 2);
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let starts_list = digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')'));
    for (i, c) in line.char_indices() {
        let opens_block = i == 0
            && matches!(
                c,
                '#' | '>' | '-' | '+' | '*' | '=' | '_' | '`' | '~' | '|' | '[' | '\\'
            );
        if opens_block || (starts_list && i == digits) || c == '<' || (hashes && c == '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `text` on one line for a Markdown heading: whitespace made single
/// spaces, `#` (closing sequences, tags) and `<` escaped.
fn inline(text: &str) -> String {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    escape_line(&sanitize_label(&words), true)
}

/// `text` as a YAML double-quoted scalar: backslashes and quotes escaped,
/// and every character YAML does not print as is (controls, line and
/// paragraph separators, byte order mark, non-characters) as an escape.
pub fn yaml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c < ' '
                || ('\u{7f}'..='\u{9f}').contains(&c)
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                ) =>
            {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests;
