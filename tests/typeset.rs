//! The `typeset` check: every text of `../shared/corpus/` laid out as plain
//! output does at widths 30, 50, 70 and 100, with its detected language,
//! with and without hyphenation, and measured:
//!
//! - lines wider than the width, as drawn (hyphen and justification
//!   included): must be 0;
//! - characters lost or duplicated against the sanitized text: must be 0;
//! - French spacing faults in the French texts — a line that starts with
//!   `»` `:` `;` `!` `?` or `%`, ends with `«` or with a dialogue dash, or
//!   ends with a number whose unit starts the next line: must be 0;
//! - the mean squared slack (columns left at the end) of the lines that end
//!   no paragraph, with and without hyphenation: hyphenation must lower it.
//!
//! The table is printed (`cargo test --test typeset -- --nocapture`). The
//! check is skipped with a notice when the corpus is absent.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use liseuse::document::{BlockKind, Document, Options};
use liseuse::language::Language;
use liseuse::layout::display::render;
use liseuse::layout::{Line, Typesetting, wrap};
use unicode_width::UnicodeWidthStr;

const WIDTHS: [usize; 4] = [30, 50, 70, 100];

fn corpus_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("typeset check skipped: {} is absent", dir.display());
        None
    }
}

/// What the check counts at one width.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    lines: usize,
    too_wide: usize,
    lost_or_duplicated: usize,
    french_faults: usize,
    /// Sum of squared slack and count of non-final prose lines.
    slack: (u128, usize),
}

impl Tally {
    fn mean_squared_slack(&self) -> f64 {
        self.slack.0 as f64 / self.slack.1.max(1) as f64
    }

    fn add(&mut self, other: &Tally) {
        self.lines += other.lines;
        self.too_wide += other.too_wide;
        self.lost_or_duplicated += other.lost_or_duplicated;
        self.french_faults += other.french_faults;
        self.slack.0 += other.slack.0;
        self.slack.1 += other.slack.1;
    }
}

/// The characters a reader sees: no spaces, no soft hyphens.
fn visible(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{AD}')
        .collect()
}

/// Whether `word` is a unit that must stay with the number before it
/// (the examples and their kin; written here, not taken from the
/// layout, so the check is independent of it).
fn is_unit(word: &str) -> bool {
    let bare = word.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '»']);
    [
        "%", "km", "m", "cm", "mm", "kg", "g", "h", "min", "francs", "fr", "sous", "€", "°",
    ]
    .contains(&bare)
}

fn is_number(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_digit())
}

/// French spacing faults between consecutive drawn lines of a paragraph.
fn french_faults(drawn: &[String]) -> usize {
    let mut faults = 0;
    for (i, line) in drawn.iter().enumerate() {
        let line = line.trim();
        if i > 0 && line.starts_with(['»', ':', ';', '!', '?', '%']) {
            faults += 1;
        }
        if i + 1 < drawn.len() {
            let last = line.split(' ').next_back().unwrap_or_default();
            if last.ends_with('«') || matches!(last, "—" | "–" | "--") {
                faults += 1;
            }
            let next = drawn[i + 1].split_whitespace().next().unwrap_or_default();
            if is_number(last) && is_unit(next) {
                faults += 1;
            }
        }
    }
    faults
}

/// Lays out `document` at `width` and counts (French faults when `french`).
fn measure(document: &Document, width: usize, setting: &Typesetting, french: bool) -> Tally {
    let mut tally = Tally::default();
    for (_, paragraph) in document.iter() {
        let lines: Vec<Line> = wrap(&paragraph, width, setting);
        let text = paragraph.text.as_str();
        tally.lines += lines.len();
        let mut shown = Vec::new();
        let mut drawn_lines = Vec::new();
        for line in &lines {
            // Plain output as it is drawn, justified or not.
            let drawn = render(text, line, width, false, setting.language);
            let justified = render(text, line, width, true, setting.language);
            if drawn.width() > width || justified.width() > width {
                tally.too_wide += 1;
            }
            let body = if line.hyphen {
                drawn.strip_suffix('-').unwrap_or(&drawn)
            } else {
                &drawn
            };
            shown.extend(visible(body));
            if paragraph.kind == BlockKind::Prose && !line.last {
                let slack = width.saturating_sub(drawn.width()) as u128;
                tally.slack.0 += slack * slack;
                tally.slack.1 += 1;
            }
            drawn_lines.push(drawn);
        }
        let expected = visible(text);
        if shown != expected {
            tally.lost_or_duplicated += shown.len().abs_diff(expected.len()).max(1);
        }
        if french && paragraph.kind == BlockKind::Prose {
            tally.french_faults += french_faults(&drawn_lines);
        }
    }
    tally
}

#[test]
fn french_fault_counter_sees_faults() {
    let bad = [
        "Il dit".to_owned(),
        ": « oui".to_owned(),
        "— 3".to_owned(),
        "km".to_owned(),
    ];
    assert_eq!(french_faults(&bad), 2);
    let bad = [
        "« Oui »".to_owned(),
        "a 70".to_owned(),
        "% —".to_owned(),
        "Non".to_owned(),
    ];
    assert_eq!(french_faults(&bad), 3);
    let good = ["« Oui ! »".to_owned(), "dit-il : 3 km".to_owned()];
    assert_eq!(french_faults(&good), 0);
}

#[test]
fn typeset_the_corpus() {
    let Some(dir) = corpus_dir() else { return };
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n != "SOURCES.md" && !n.starts_with('.'))
        })
        .collect();
    names.sort();
    let mut totals = [(Tally::default(), Tally::default()); WIDTHS.len()];
    println!(
        "{:<58} {:>5} {:>6} {:>9} {:>6} {:>6} {:>9} {:>9}",
        "text", "lang", "width", "lines", "wide", "lost", "fr faults", "msq slack"
    );
    for path in names {
        let document = Document::open(&path, Options::default()).unwrap();
        if document.looks_binary() {
            continue;
        }
        let language = Language::detect_document(&document);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for (w, &width) in WIDTHS.iter().enumerate() {
            let plain = Typesetting {
                language,
                hyphenate: false,
                indent: false,
            };
            let hyphenated = Typesetting {
                hyphenate: true,
                ..plain
            };
            let french = language.is_some_and(Language::is_french);
            let without = measure(&document, width, &plain, french);
            let with = measure(&document, width, &hyphenated, french);
            println!(
                "{name:<58} {:>5} {width:>6} {:>9} {:>6} {:>6} {:>9} {:>4.1}→{:<4.1}",
                language.map_or("-", Language::code),
                with.lines,
                with.too_wide + without.too_wide,
                with.lost_or_duplicated + without.lost_or_duplicated,
                with.french_faults + without.french_faults,
                without.mean_squared_slack(),
                with.mean_squared_slack(),
            );
            assert_eq!(with.too_wide + without.too_wide, 0, "{name} at {width}");
            assert_eq!(
                with.lost_or_duplicated + without.lost_or_duplicated,
                0,
                "{name} at {width}"
            );
            assert_eq!(
                with.french_faults + without.french_faults,
                0,
                "{name} at {width}"
            );
            totals[w].0.add(&without);
            totals[w].1.add(&with);
        }
        // The counter has teeth: the same French text without French rules
        // has faults.
        if language.is_some_and(Language::is_french) && name.contains("mousquetaires") {
            let untaught = measure(&document, 30, &Typesetting::default(), true);
            println!(
                "{name}: {} faults at 30 without French rules",
                untaught.french_faults
            );
            assert!(untaught.french_faults > 0);
        }
    }
    println!(
        "\nwidth  lines(hyph)  too wide  lost/dup  fr faults  mean sq. slack: plain → hyphenated"
    );
    for (w, (without, with)) in totals.iter().enumerate() {
        println!(
            "{:>5}  {:>11}  {:>8}  {:>8}  {:>9}  {:>10.2} → {:.2}",
            WIDTHS[w],
            with.lines,
            with.too_wide + without.too_wide,
            with.lost_or_duplicated + without.lost_or_duplicated,
            with.french_faults + without.french_faults,
            without.mean_squared_slack(),
            with.mean_squared_slack()
        );
        assert!(
            with.mean_squared_slack() < without.mean_squared_slack(),
            "hyphenation does not lower the slack at {}",
            WIDTHS[w]
        );
    }
}
