//! End to end, each format as a reader meets it: the real binary in a
//! pseudo-terminal opens an EPUB book, a web page and a Markdown file,
//! shows the outline, searches across chapters, highlights a match,
//! quits, and reopens at the same place with the highlight drawn. Plain
//! output of each format shows no markup.
//!
//! The EPUB is Moby-Dick from `../shared/formats/`; without it that test
//! says so and passes. The page and the Markdown are written here.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::{TIMEOUT, TempDir, Term, binary, run};

/// The status line of a screen.
fn status_of(screen: &str) -> &str {
    screen.split('\n').next_back().unwrap_or_default()
}

/// The shared formats folder, or `None` (with a notice) when absent.
fn shared_formats() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/formats");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is absent", dir.display());
        None
    }
}

/// One reading session: opens `file` with its state in `state`, waits
/// for `shown` on the first screen, and hands the terminal over.
fn open(state: &Path, file: &Path, shown: &str) -> Term {
    let args = ["--state-dir".as_ref(), state.as_os_str(), file.as_os_str()];
    let term = Term::spawn(&args, 100, 30);
    term.wait_for_what(
        &format!("{shown:?} on the first screen"),
        |s| s.contains(shown) && status_of(s).contains('¶'),
        TIMEOUT,
    )
    .unwrap();
    term
}

/// Searches `query`, highlights the match, quits; reopens and checks the
/// view comes back to the match with its words highlighted.
fn search_highlight_and_reopen(state: &Path, file: &Path, shown: &str, query: &str, word: &str) {
    let mut first = open(state, file, shown);
    first.send(&format!("/{query}\r"));
    let found = first
        .wait_for_what(
            "the first match",
            |s| status_of(s).contains("match 1/"),
            TIMEOUT,
        )
        .unwrap();
    assert!(found.contains(word), "{found}");
    first.send("x");
    first
        .wait_for_what(
            "the highlight",
            |s| status_of(s).contains("highlight"),
            TIMEOUT,
        )
        .unwrap();
    first.send("q");
    first.wait_exit(TIMEOUT).unwrap();

    let second = open(state, file, word);
    let back = wait_back(&second);
    let (row, line) = back
        .lines()
        .enumerate()
        .find(|(_, line)| line.contains(word))
        .expect("the word on screen");
    let column = line[..line.find(word).unwrap()].chars().count() as u16;
    assert!(
        second.cell(row as u16, column).unwrap().underline(),
        "the highlight is drawn again:\n{back}"
    );
}

/// Waits until the reopened `term` says it is back where the reader
/// left off; the screen.
fn wait_back(term: &Term) -> String {
    term.wait_for_what(
        "the place restored",
        |s| status_of(s).contains("back where you left off"),
        TIMEOUT,
    )
    .unwrap()
}

/// Closes the overlay open in `term` (Esc alone: Esc and a key at once
/// read as Alt and the key), then quits.
fn close_and_quit(term: &mut Term) {
    term.send("\u{1b}");
    term.wait_for_what("the overlay closed", |s| !s.contains('┌'), TIMEOUT)
        .unwrap();
    term.send("q");
    term.wait_exit(TIMEOUT).unwrap();
}

#[test]
fn an_epub_book_opens_with_its_contents_searches_across_chapters_and_reopens() {
    let Some(formats) = shared_formats() else {
        return;
    };
    let book = formats.join("epub/moby-dick.epub");
    let state = TempDir::new();
    let mut term = open(state.path(), &book, "Moby-Dick");
    // The title and author from the metadata stand in the status line.
    let screen = term.screen_text();
    assert!(status_of(&screen).contains("Moby-Dick"), "{screen}");
    // The table of contents is the outline.
    term.send("o");
    let outline = term
        .wait_for_what(
            "the outline",
            |s| s.contains("outline:") && s.contains("Loomings"),
            TIMEOUT,
        )
        .unwrap();
    assert!(outline.contains("The Carpet-Bag"), "{outline}");
    // Enter goes to the chapter chosen (filtered by typing).
    term.send("carpet\r");
    term.wait_for_what(
        "chapter 2 on screen",
        |s| s.contains("I stuffed a shirt or two"),
        TIMEOUT,
    )
    .unwrap();
    // ]] goes to the next chapter.
    term.send("]]");
    term.wait_for_what("chapter 3", |s| s.contains("The Spouter-Inn"), TIMEOUT)
        .unwrap();
    term.send("q");
    term.wait_exit(TIMEOUT).unwrap();
    // Queequeg first appears chapters after the start.
    search_highlight_and_reopen(state.path(), &book, "Moby-Dick", "queequeg", "Queequeg");
}

/// The paragraph number and total the status line shows (`¶ i/N`).
fn paragraph_shown(status: &str) -> Option<(String, String)> {
    let after = status.split("¶ ").nth(1)?;
    let (number, total) = after.split_whitespace().next()?.split_once('/')?;
    Some((number.to_owned(), total.to_owned()))
}

#[test]
fn a_big_book_opens_on_its_first_screen_and_the_first_key_acts_on_all_of_it() {
    let Some(formats) = shared_formats() else {
        return;
    };
    let book = formats.join("epub/war-and-peace-standardebooks.epub");
    if !book.is_file() {
        eprintln!("skipped: {} is absent", book.display());
        return;
    }
    let state = TempDir::new();
    // Never read before: shown from its first chapters, the rest read
    // behind; G at once goes to the end of the whole book.
    let mut term = open(state.path(), &book, "War and Peace");
    term.send("G");
    // Numbers are estimated (`~`) until the count is over.
    let end = term
        .wait_for_what(
            "the end of the book, counted",
            |s| status_of(s).contains("100%") && !status_of(s).contains('~'),
            TIMEOUT,
        )
        .unwrap();
    let (number, total) = paragraph_shown(status_of(&end)).expect("¶ i/N");
    assert_eq!(number, total, "{end}");
    assert!(total.parse::<usize>().unwrap() > 10_000, "{end}");
    // The contents are the book's, down to its last part.
    term.send("o");
    term.wait_for_what(
        "the outline at the end",
        |s| s.contains("outline:") && s.contains("Epilogue"),
        TIMEOUT,
    )
    .unwrap();
    close_and_quit(&mut term);
    // Read before: opened whole, back at the end.
    let second = open(state.path(), &book, "War and Peace");
    let back = wait_back(&second);
    assert!(status_of(&back).contains("100%"), "{back}");
}

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Le ministre à Pyongyang — Le Journal</title>
<meta name="author" content="Jeanne Martin"></head>
<body>
<nav><a href="/">Accueil</a> <a href="/monde">Monde</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Le ministre à Pyongyang</h1>
<p class="byline">Par Jeanne Martin</p>
<p>Le ministre russe de la Défense, Sergueï Choïgou, est arrivé mardi à Pyongyang pour une visite
officielle de trois jours, a annoncé l'agence de presse nord-coréenne. Il doit rencontrer les plus
hauts responsables du pays et assister à un défilé militaire.</p>
<p>Cette visite intervient alors que les deux pays affichent leur rapprochement, dans un contexte
de tensions avec les États-Unis et leurs alliés en Asie. Les analystes y voient un signe fort.</p>
<h2>Un défilé attendu</h2>
<p>Le défilé doit commémorer la fin de la guerre de Corée, que la Corée du Nord célèbre comme une
victoire. Des délégations étrangères sont invitées, ce qui est rare dans ce pays très fermé.</p>
<ul><li>Arrivée mardi</li><li>Défilé jeudi</li></ul>
<p>Selon <a href="https://example.org/source">une source diplomatique</a>, la délégation russe
restera jusqu'à vendredi, avant de rejoindre Pékin pour une autre série d'entretiens.</p>
</article>
<aside class="comments"><h3>Commentaires</h3><p>Premier !</p></aside>
<footer>© Le Journal — Mentions légales — Cookies</footer>
</body></html>"#;

#[test]
fn a_web_page_shows_its_article_and_reopens_where_it_was() {
    let dir = TempDir::new();
    let page = dir.write("page.html", PAGE);
    let state = TempDir::new();
    let mut term = open(state.path(), &page, "Le ministre à Pyongyang");
    let screen = term.screen_text();
    assert!(screen.contains("Sergueï Choïgou"), "{screen}");
    assert!(!screen.contains("Mentions légales"), "no footer: {screen}");
    assert!(!screen.contains('<'), "no markup: {screen}");
    term.send("o");
    term.wait_for_what(
        "the outline",
        |s| s.contains("outline:") && s.contains("Un défilé attendu"),
        TIMEOUT,
    )
    .unwrap();
    close_and_quit(&mut term);
    search_highlight_and_reopen(state.path(), &page, "Le ministre", "pekin", "Pékin");
}

const MARKDOWN: &str = "Guide
=====

Some *emphasis* and `code`.

## Install

1. Download
2. Run `make`

> A quote.

```sh
cargo run --release
```

## Usage

Read the book, then find the word zanzibar here.
";

#[test]
fn a_markdown_file_is_drawn_without_markup_and_reopens_where_it_was() {
    let dir = TempDir::new();
    let file = dir.write("guide.md", MARKDOWN);
    let state = TempDir::new();
    let mut term = open(state.path(), &file, "Guide");
    let screen = term.screen_text();
    assert!(!screen.contains("==="), "{screen}");
    assert!(!screen.contains("##"), "{screen}");
    assert!(!screen.contains("```"), "{screen}");
    assert!(screen.contains("1. Download"), "{screen}");
    assert!(screen.contains("│ A quote."), "{screen}");
    term.send("o");
    term.wait_for_what(
        "the outline",
        |s| s.contains("Install") && s.contains("Usage") && s.contains("outline:"),
        TIMEOUT,
    )
    .unwrap();
    close_and_quit(&mut term);
    search_highlight_and_reopen(state.path(), &file, "Guide", "zanzibar", "zanzibar");
}

#[test]
fn plain_output_of_every_format_has_no_markup() {
    let dir = TempDir::new();
    let page = dir.write("page.html", PAGE);
    let markdown = dir.write("guide.md", MARKDOWN);
    for file in [page, markdown] {
        let mut command = Command::new(binary());
        command.arg(&file);
        let out = run(command, None, TIMEOUT);
        assert_eq!(out.code(), 0, "{}", out.stderr_text());
        let text = out.stdout_text();
        for markup in ["<p", "</", "##", "```", "==="] {
            assert!(
                !text.contains(markup),
                "{markup} in {}:\n{text}",
                file.display()
            );
        }
    }
    // A page read from standard input is told by its first bytes.
    let out = run(Command::new(binary()), Some(PAGE.as_bytes()), TIMEOUT);
    assert!(
        out.stdout_text().contains("Sergueï Choïgou"),
        "{}",
        out.stdout_text()
    );
    assert!(!out.stdout_text().contains("<p"));
}

#[test]
fn a_broken_book_in_a_terminal_gives_the_terminal_back_with_one_line() {
    let dir = TempDir::new();
    let broken = dir.write("broken.epub", b"PK\x03\x04 this is not a whole archive");
    // The terminal is taken before the book is read (it answers its
    // colours meanwhile): the error comes after it is given back.
    let mut term = Term::spawn(&[broken.as_os_str()], 200, 10);
    let status = term.wait_exit(TIMEOUT).unwrap();
    assert_ne!(status.exit_code(), 0);
    let screen = term.screen_text();
    let lines: Vec<&str> = screen.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{screen}");
    assert!(lines[0].starts_with("liseuse: cannot open"), "{screen}");
    assert!(lines[0].contains("broken.epub"), "{screen}");
    term.with_screen(|screen| {
        assert!(!screen.alternate_screen() && !screen.hide_cursor());
    });
}

#[test]
fn a_broken_book_is_named_in_a_one_line_error() {
    let dir = TempDir::new();
    let broken = dir.write("broken.epub", b"PK\x03\x04 this is not a whole archive");
    let out = run(
        {
            let mut command = Command::new(binary());
            command.arg(&broken);
            command
        },
        None,
        TIMEOUT,
    );
    assert_ne!(out.code(), 0);
    let stderr = out.stderr_text();
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("broken.epub"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
