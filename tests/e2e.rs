//! End to end: the real binary in a pseudo-terminal, its screen read
//! through a VT parser (see `support`), and its plain output in pipelines.
//!
//! The bundled article is the text throughout. At 100×30 its column is 70
//! wide, from column 15, with the focus marker in column 13; the status line
//! is the last row.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::Duration;

use support::{TIMEOUT, TempDir, Term, command, run, squash, wait_child};

/// The bundled article, as the binary embeds it.
const ARTICLE: &str = include_str!("../assets/article.txt");

/// The focus marker.
const MARKER: char = '▌';

/// Opens the bundled article in a `cols` × `rows` terminal and waits for
/// its first frame.
fn open_article(cols: u16, rows: u16) -> Term {
    let term = Term::spawn::<&str>(&[], cols, rows);
    term.wait_for_what(
        "the article's first frame",
        |screen| screen.contains("Le leader nord-coréen") && screen.contains("¶ 1/7"),
        TIMEOUT,
    )
    .unwrap();
    term
}

/// A row's text without the margin and the focus marker.
fn text_of(row: &str) -> &str {
    row.trim_start_matches([' ', MARKER]).trim_end()
}

/// The text rows of a screen (all rows but the status line).
fn text_rows(screen: &str) -> Vec<&str> {
    let mut rows: Vec<&str> = screen.split('\n').collect();
    rows.pop();
    rows
}

/// The status line of a screen.
fn status_of(screen: &str) -> &str {
    screen.split('\n').next_back().unwrap_or_default()
}

/// The first row of text on a screen.
fn top_of(screen: &str) -> &str {
    screen.lines().next().map(text_of).unwrap_or_default()
}

/// Waits until the status line contains `needle`; returns the screen.
fn wait_status(term: &Term, needle: &str) -> String {
    term.wait_for_what(
        &format!("{needle:?} in the status line"),
        |screen| status_of(screen).contains(needle),
        TIMEOUT,
    )
    .unwrap()
}

/// Waits until the status line contains `needle` and the top row of text
/// starts with `top`; returns the screen.
fn wait_status_and_top(term: &Term, needle: &str, top: &str) -> String {
    term.wait_for_what(
        &format!("{needle:?} in the status line and {top:?} at the top"),
        |screen| status_of(screen).contains(needle) && top_of(screen).starts_with(top),
        TIMEOUT,
    )
    .unwrap()
}

/// Whether `bash` can be run; tests that need it skip with a notice when
/// it cannot.
fn have_bash(test: &str) -> bool {
    let found = std::process::Command::new("bash")
        .arg("--version")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !found {
        eprintln!("{test}: skipped, bash is not available");
    }
    found
}

/// Asserts that the program has left the alternate screen and shows the
/// cursor again.
fn assert_terminal_restored(term: &Term) {
    term.with_screen(|screen| {
        assert!(
            !screen.alternate_screen(),
            "still on the alternate screen:\n{}",
            support::screen_text(screen)
        );
        assert!(
            !screen.hide_cursor(),
            "cursor still hidden:\n{}",
            support::screen_text(screen)
        );
    });
}

#[test]
fn opens_the_bundled_article_without_argument() {
    let term = open_article(100, 30);
    let screen = term.screen_text();
    let top = screen
        .lines()
        .position(|row| row.contains("Le leader nord-coréen"))
        .unwrap();
    assert!(top <= 2, "article starts at row {top}:\n{screen}");
    let status = term.last_row();
    assert_eq!(term.size(), (30, 100));
    assert!(status.contains("article.txt"), "status: {status:?}");
    assert!(status.contains("¶ 1/7"), "status: {status:?}");
    term.with_screen(|screen| assert!(screen.alternate_screen()));
}

#[test]
fn j_scrolls_one_row_and_g_and_shift_g_go_to_the_ends() {
    let term = open_article(100, 30);
    let second = text_of(&term.row(1)).to_owned();
    assert!(!second.is_empty());
    term.send("j");
    term.wait_for_what(
        "the old second row at the top",
        |screen| top_of(screen) == second,
        TIMEOUT,
    )
    .unwrap();

    term.send("G");
    let screen = term
        .wait_for_what(
            "the end of the article and 100%",
            |screen| {
                squash(&text_rows(screen).join("\n")).ends_with("des deux pays.")
                    && status_of(screen).contains("100%")
            },
            TIMEOUT,
        )
        .unwrap();
    assert!(!screen.contains("Le leader nord-coréen"), "{screen}");

    term.send("g");
    wait_status_and_top(&term, " 0%", "Le leader nord-coréen");
}

/// At 60×20 the article is three screens long, so jumps into its middle
/// are not held back by the end of the text.
#[test]
fn paragraph_and_percent_jumps_land_where_the_status_says() {
    let term = open_article(60, 20);
    term.send("}");
    wait_status_and_top(&term, "¶ 2/7", "L’agence de presse");
    term.send("3}");
    wait_status(&term, "¶ 5/7");
    term.send(":3\r");
    wait_status_and_top(&term, "¶ 3/7", "La visite de Choïgou");
    term.send(":50%\r");
    let screen = wait_status(&term, " 50%");
    assert!(!status_of(&screen).contains(":50"), "prompt still open");
}

#[test]
fn focused_paragraph_is_marked_in_the_margin_and_styled() {
    let term = open_article(100, 30);

    // Checks the paragraphs on screen (runs of non-blank text rows): the
    // one whose first row starts with `focused` has the marker in column
    // 13 on every row and a style of its own; the others have neither.
    let check = |focused: &str| {
        let screen = term.screen_text();
        let rows = text_rows(&screen);
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (y, row) in rows.iter().enumerate() {
            if text_of(row).is_empty() {
                continue;
            }
            match groups.last_mut() {
                Some(group) if group.last() == Some(&(y - 1)) => group.push(y),
                _ => groups.push(vec![y]),
            }
        }
        assert!(groups.len() >= 3, "too few paragraphs on screen:\n{screen}");
        let mut styles: [std::collections::BTreeSet<String>; 2] = Default::default();
        let mut found = false;
        for group in &groups {
            let is_focused = text_of(rows[group[0]]).starts_with(focused);
            found |= is_focused;
            for &y in group {
                let row = rows[y];
                let marked = row.chars().nth(13) == Some(MARKER);
                assert_eq!(marked, is_focused, "row {y}, focus {focused:?}:\n{screen}");
                assert_eq!(
                    row.chars().filter(|&c| c == MARKER).count(),
                    usize::from(marked),
                    "a marker out of the margin on row {y}:\n{screen}"
                );
                let cell = term.cell(y as u16, 15).unwrap();
                styles[usize::from(is_focused)].insert(format!(
                    "{:?} {:?} {} {} {} {}",
                    cell.fgcolor(),
                    cell.bgcolor(),
                    cell.bold(),
                    cell.dim(),
                    cell.italic(),
                    cell.inverse()
                ));
            }
        }
        assert!(found, "no paragraph starts with {focused:?}:\n{screen}");
        // One style for the focused paragraph, another for the others.
        assert_eq!(styles[0].len(), 1, "{styles:?}");
        assert_eq!(styles[1].len(), 1, "{styles:?}");
        assert_ne!(styles[0], styles[1], "the focus is not styled");
    };
    check("Le leader");

    term.send("}");
    wait_status(&term, "¶ 2/7");
    check("L’agence");

    // Scrolling down keeps the focus while the paragraph is on screen.
    term.send("j");
    term.wait_for_what(
        "the second row of the paragraph at the top",
        |screen| !top_of(screen).starts_with("L’agence"),
        TIMEOUT,
    )
    .unwrap();
    let screen = wait_status(&term, "¶ 2/7");
    assert!(
        screen.lines().next().unwrap_or("").chars().nth(13) == Some(MARKER),
        "{screen}"
    );
}

#[test]
fn resizing_keeps_the_same_words_at_the_top() {
    let mut term = open_article(100, 30);
    term.send("}}");
    wait_status_and_top(&term, "¶ 3/7", "La visite");

    term.resize(60, 20);
    // At 60 columns the column starts at 2, the marker at 0.
    term.wait_for_what(
        "the narrow layout with \"La visite\" at the top",
        |screen| screen.starts_with("▌ La visite") && status_of(screen).contains("¶ 3/7"),
        TIMEOUT,
    )
    .unwrap();

    term.resize(100, 30);
    term.wait_for_what(
        "the wide layout with \"La visite\" at the top",
        |screen| {
            screen.starts_with(&format!("{}{MARKER} La visite", " ".repeat(13)))
                && status_of(screen).contains("¶ 3/7")
        },
        TIMEOUT,
    )
    .unwrap();
    term.send("q");
    assert!(term.wait_exit(TIMEOUT).unwrap().success());
}

#[test]
fn q_quits_with_status_0_and_restores_the_terminal() {
    let mut term = open_article(100, 30);
    term.with_screen(|screen| {
        assert!(screen.alternate_screen());
        assert!(screen.hide_cursor());
    });
    term.send("q");
    let status = term.wait_exit(TIMEOUT).unwrap();
    assert!(status.success(), "exit status {status:?}");
    assert_eq!(status.exit_code(), 0);
    assert_terminal_restored(&term);
}

#[test]
fn sigterm_stops_the_reader_and_restores_the_terminal() {
    let mut term = open_article(100, 30);
    term.signal("TERM");
    // Any exit status will do (128 + 15 by convention); the terminal must
    // be given back.
    term.wait_exit(TIMEOUT).unwrap();
    assert_terminal_restored(&term);
}

#[test]
fn h_shows_the_keys_and_any_key_closes_them() {
    let term = open_article(100, 30);
    term.send("h");
    term.wait_for_what(
        "the help overlay",
        |screen| {
            screen.contains("quit")
                && screen.contains("next/previous paragraph")
                && screen.contains("Ctrl-d")
        },
        TIMEOUT,
    )
    .unwrap();
    term.send("x");
    let screen = term
        .wait_for_what(
            "the help overlay to close",
            |screen| {
                !screen.contains("next/previous paragraph")
                    && screen.contains("Le leader nord-coréen")
            },
            TIMEOUT,
        )
        .unwrap();
    // The key that closed the help did nothing else.
    assert!(status_of(&screen).contains("¶ 1/7"), "{screen}");
    assert!(top_of(&screen).starts_with("Le leader"), "{screen}");
}

#[test]
fn search_ignores_case_for_a_lower_case_query_and_n_steps() {
    let term = open_article(100, 30);
    term.send("/choïgou");
    term.wait_for_what(
        "the search prompt",
        |screen| status_of(screen).contains("/choïgou"),
        TIMEOUT,
    )
    .unwrap();
    term.send("\r");
    wait_status(&term, "match 1/");
    term.send("n");
    wait_status(&term, "match 2/");
}

/// The columns of the cells of `row` holding a search match's background.
fn highlighted(term: &Term, row: u16, cols: u16) -> Vec<u16> {
    (0..cols)
        .filter(|&col| {
            term.cell(row, col).is_some_and(|cell| {
                matches!(
                    cell.bgcolor(),
                    vt100::Color::Idx(3) | vt100::Color::Idx(9) | vt100::Color::Idx(11)
                )
            })
        })
        .collect()
}

#[test]
fn ctrl_o_goes_back_through_a_search_and_g_and_ctrl_n_forward() {
    let term = open_article(100, 12);
    // A search and its next match (¶ 2), then G (¶ 7): two jumps.
    term.send("/choigou\r");
    wait_status(&term, "match 1/4");
    term.send("n");
    wait_status(&term, "¶ 2/7");
    term.send("G");
    wait_status(&term, "¶ 7/7");
    // Ctrl-o (0x0f): back to where G left, then to where n left; Ctrl-n
    // (0x0e): forward again.
    for (key, status) in [
        ("\u{f}", "¶ 2/7"),
        ("\u{f}", "¶ 1/7"),
        ("\u{f}", "no older jump"),
        ("\u{e}", "¶ 2/7"),
        ("\u{e}", "¶ 7/7"),
    ] {
        term.send(key);
        wait_status(&term, status);
    }
}

#[test]
fn choigou_finds_every_spelling_and_n_moves_the_highlight() {
    let term = open_article(100, 40);
    term.send("/choigou\r");
    let screen = wait_status(&term, "match 1/4");
    // "Sergueï Choïgou" is on the first screen: its 7 cells are highlighted.
    let row = screen.lines().position(|l| l.contains("Choïgou")).unwrap() as u16;
    let line = term.row(row);
    let start = line[..line.find("Choïgou").unwrap()].chars().count() as u16;
    let cells = highlighted(&term, row, 100);
    assert!(
        (start..start + 7).all(|col| cells.contains(&col)),
        "row {row} {line:?}: highlighted {cells:?}"
    );
    // The next match is "Choigou", without the diaeresis.
    term.send("n");
    let screen = wait_status(&term, "match 2/4");
    let row = screen.lines().position(|l| l.contains("Choigou")).unwrap() as u16;
    assert!(!highlighted(&term, row, 100).is_empty(), "{screen}");
}

#[test]
fn missing_file_is_one_line_on_stderr_and_status_1() {
    let dir = TempDir::new();
    let mut cmd = command(&dir);
    cmd.arg("/nonexistent/x.txt");
    let out = run(cmd, None, TIMEOUT);
    assert_eq!(out.code(), 1, "stderr: {}", out.stderr_text());
    assert_eq!(
        out.stderr_text(),
        "liseuse: cannot open '/nonexistent/x.txt': No such file or directory\n"
    );
    assert!(out.stdout.is_empty(), "stdout: {:?}", out.stdout_text());
}

#[test]
fn piped_stdout_gets_the_laid_out_text() {
    let dir = TempDir::new();
    // Hyphenated by default: every word once, less the hyphens.
    let out = run(command(&dir), None, TIMEOUT);
    assert_eq!(out.code(), 0, "stderr: {}", out.stderr_text());
    let hyphenated = out.stdout_text();
    assert!(hyphenated.contains("-\n"), "{hyphenated}");
    assert_eq!(
        squash(&hyphenated.replace("-\n", "")).replace('-', ""),
        squash(ARTICLE).replace('-', "")
    );
    // Without hyphenation, every word exactly as written.
    let mut cmd = command(&dir);
    cmd.arg("--no-hyphenate");
    let out = run(cmd, None, TIMEOUT);
    assert_eq!(out.code(), 0, "stderr: {}", out.stderr_text());
    assert!(out.stderr.is_empty(), "stderr: {}", out.stderr_text());
    let text = out.stdout_text();
    assert!(!text.contains('\x1b'), "escape sequences in plain output");
    for line in text.lines() {
        assert!(line.chars().count() <= 70, "line wider than 70: {line:?}");
    }
    assert!(text.ends_with("des deux pays.\n"), "{text}");
    let paragraphs: Vec<&str> = text.trim_end().split("\n\n").collect();
    assert_eq!(paragraphs.len(), 7, "{text}");
    for paragraph in &paragraphs {
        assert!(
            paragraph.lines().all(|line| !line.trim().is_empty()),
            "a paragraph holds a blank line: {paragraph:?}"
        );
    }
    assert!(paragraphs[1].starts_with("L’agence de presse"));
    // Every word of the article, in order, exactly once (a line may end
    // after the hyphen of a compound such as nord-coréen).
    assert_eq!(squash(&text.replace("-\n", "-")), squash(ARTICLE));

    let mut cmd = command(&dir);
    cmd.args(["--plain", "--width", "40", "-"]);
    let out = run(cmd, Some(b"hello world"), TIMEOUT);
    assert_eq!(out.code(), 0, "stderr: {}", out.stderr_text());
    assert_eq!(out.stdout_text(), "hello world\n");
    assert!(out.stderr.is_empty(), "stderr: {}", out.stderr_text());
}

#[test]
fn a_closed_pipe_ends_plain_output_quietly() {
    let dir = TempDir::new();
    let paragraph = "Le lecteur lit une longue phrase qui revient sans cesse, \
                     encore et encore, pour remplir le tuyau. "
        .repeat(8);
    let mut text = String::new();
    while text.len() < 2 << 20 {
        text.push_str(&paragraph);
        text.push_str("\n\n");
    }
    let path = dir.write("big.txt", &text);

    let mut cmd = command(&dir);
    cmd.arg("--plain")
        .arg(&path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let stderr = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stderr, &mut bytes);
        bytes
    });
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    assert!(line.starts_with("Le lecteur"), "{line:?}");
    drop(stdout);

    let status = wait_child(&mut child, TIMEOUT);
    if status.is_none() {
        let _ = child.kill();
        let _ = child.wait();
    }
    let stderr = String::from_utf8_lossy(&stderr.join().unwrap()).into_owned();
    let status = status.unwrap_or_else(|| panic!("still running; stderr: {stderr}"));
    assert_eq!(status.code(), Some(0), "{status:?}; stderr: {stderr}");
    assert_eq!(stderr, "");
}

/// Ctrl-Z under a job-control shell: the reader gives the terminal back,
/// stops, and takes it again on `fg`.
#[test]
fn ctrl_z_suspends_and_fg_resumes() {
    if !have_bash("ctrl_z_suspends_and_fg_resumes") {
        return;
    }
    const PROMPT: &str = "e2e$";
    let mut term = Term::spawn_program(
        "bash",
        &["--norc", "--noprofile", "-i"],
        &[("PS1", "e2e$ "), ("HISTFILE", "/dev/null")],
        100,
        30,
    );
    let at_prompt = |screen: &str| {
        screen
            .lines()
            .rev()
            .find(|line| !line.trim().is_empty())
            .is_some_and(|line| line.trim_end() == PROMPT)
    };
    term.wait_for_what("the shell prompt", at_prompt, TIMEOUT)
        .unwrap();

    term.send(&format!("'{}'\r", support::binary()));
    term.wait_for_screen_what(
        "the reader on the alternate screen",
        |screen| {
            (screen.alternate_screen() && support::screen_text(screen).contains("¶ 1/7"))
                .then_some(())
        },
        TIMEOUT,
    )
    .unwrap();
    term.send("}");
    wait_status(&term, "¶ 2/7");

    term.send_bytes(&[0x1a]);
    term.wait_for_screen_what(
        "the shell back after Ctrl-Z",
        |screen| {
            let text = support::screen_text(screen);
            (!screen.alternate_screen()
                && !screen.hide_cursor()
                && text.contains("Stopped")
                && at_prompt(&text))
            .then_some(())
        },
        TIMEOUT,
    )
    .unwrap();

    term.send("fg\r");
    term.wait_for_screen_what(
        "the reader back after fg, where it was",
        |screen| {
            let text = support::screen_text(screen);
            (screen.alternate_screen()
                && status_of(&text).contains("¶ 2/7")
                && text.contains("L’agence de presse"))
            .then_some(())
        },
        TIMEOUT,
    )
    .unwrap();

    term.send("q");
    term.wait_for_screen_what(
        "the shell back after q",
        |screen| {
            (!screen.alternate_screen() && at_prompt(&support::screen_text(screen))).then_some(())
        },
        TIMEOUT,
    )
    .unwrap();
    assert_terminal_restored(&term);
    term.send("echo \"rc=$?\"\r");
    term.wait_for_text("rc=0", TIMEOUT).unwrap();

    term.send("exit\r");
    let status = term.wait_exit(TIMEOUT).unwrap();
    assert!(status.success(), "shell exit status {status:?}");
}

/// A helper check: the harness answers the cursor position query even when
/// it arrives split over two reads.
#[test]
fn harness_answers_a_split_cursor_position_query() {
    if !have_bash("harness_answers_a_split_cursor_position_query") {
        return;
    }
    // `printf` writes the query in two parts; `read` takes the answer.
    let script = "printf 'ab\\033['; sleep 0.2; printf '6n'; \
                  IFS= read -r -s -n 32 -d R answer; printf '\\n[%s]\\n' \"${answer#?}\"";
    let mut term = Term::spawn_program(
        "bash",
        &["--norc", "--noprofile", "-c", script],
        &[],
        40,
        10,
    );
    term.wait_for_text("[[1;3]", Duration::from_secs(10))
        .unwrap();
    assert!(term.wait_exit(TIMEOUT).unwrap().success());
}

/// The harness draws `�` in one cell, as a terminal does (vt100 alone
/// would draw nothing), even when its bytes are split over two reads.
#[test]
fn harness_draws_a_replacement_character_in_one_cell() {
    if !have_bash("harness_draws_a_replacement_character_in_one_cell") {
        return;
    }
    let script = "printf 'a\\357'; sleep 0.2; printf '\\277\\275b\\n'; sleep 0.2";
    let mut term = Term::spawn_program(
        "bash",
        &["--norc", "--noprofile", "-c", script],
        &[],
        40,
        10,
    );
    term.wait_for_text("a\u{fffd}b", TIMEOUT).unwrap();
    assert_eq!(term.cell_text(0, 1), "\u{fffd}");
    assert_eq!(term.cell_text(0, 2), "b");
    assert!(term.wait_exit(TIMEOUT).unwrap().success());
}

/// Design, "Faithful": bidi overrides are shown as visible symbols, never
/// sent to the terminal, and nothing is silently dropped.
#[test]
fn a_bidi_override_is_shown_as_a_visible_symbol() {
    let dir = TempDir::new();
    let path = dir.write("bidi.txt", "avant \u{202e}après\n");
    let rlo = "\u{202e}".as_bytes();
    let contains = |haystack: &[u8]| haystack.windows(rlo.len()).any(|w| w == rlo);

    let mut term = Term::spawn(&[path.to_str().unwrap()], 80, 12);
    let screen = term.wait_for_text("après", TIMEOUT).unwrap();
    let plain = Term::spawn(&["--plain".as_ref(), path.as_os_str()], 80, 12);
    plain.wait_for_text("après", TIMEOUT).unwrap();
    term.send("q");
    term.wait_exit(TIMEOUT).unwrap();

    let mut faults = Vec::new();
    if contains(&term.raw()) {
        faults.push("the reader sends U+202E to the terminal".to_owned());
    }
    if contains(&plain.raw()) {
        faults.push("--plain sends U+202E to the terminal".to_owned());
    }
    let line = screen.lines().find(|l| l.contains("après")).unwrap();
    if line.contains("avant après") {
        faults.push(format!("the reader drops U+202E silently: {line:?}"));
    }
    assert!(faults.is_empty(), "{faults:#?}");
}

/// Design, "Safe": a reader whose terminal goes away (window closed, SSH
/// dropped) leaves instead of living on; crossterm alone would spin in
/// `poll` forever at full CPU.
#[test]
fn closing_the_terminal_ends_the_reader() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;

    let dir = TempDir::new();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut builder = CommandBuilder::new(support::binary());
    builder.cwd(dir.path());
    builder.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(builder).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let writer = pair.master.take_writer().unwrap();
    // Wait for the first frame (the status line names the article), then
    // hand the reader back so that every handle on the terminal is closed.
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buffer = [0; 4096];
        while let Ok(n) = reader.read(&mut buffer) {
            seen.extend_from_slice(&buffer[..n]);
            if n == 0 || String::from_utf8_lossy(&seen).contains("article.txt") {
                break;
            }
        }
        let _ = sender.send(reader);
    });
    let reader = receiver.recv_timeout(TIMEOUT).expect("first frame");
    drop(reader);
    drop(writer);
    drop(pair.master);
    let deadline = std::time::Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("the reader outlived its terminal");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(!status.success(), "{status:?}");
}

/// A file crafted to take over the terminal: set the window title, write
/// the clipboard (OSC 52), leave the alternate screen, hide the cursor,
/// turn the mouse off, clear the screen — with ESC and with C1 controls.
const HOSTILE: &str = "Texte ordinaire avant.\n\
    \u{1b}]0;PWNED TITLE\u{7}titre\n\
    \u{1b}]52;c;cHduZWQ=\u{7}presse-papiers\n\
    \u{1b}[?1049l\u{1b}[?25l\u{1b}[?1000l\u{1b}[2J\u{1b}c modes\n\
    \u{9d}2;C1 TITLE\u{9c} c1\n\
    \u{1b}]2;ST TITLE\u{1b}\\ fin\n\
    Texte ordinaire après.\n";

/// Asserts that nothing but drawing reached the terminal: no title, no
/// clipboard, still on the alternate screen with the reader's modes.
fn assert_terminal_untouched(term: &Term) {
    assert_eq!(term.requests(), Vec::<String>::new());
    term.with_screen(|screen| {
        assert!(screen.alternate_screen(), "left the alternate screen");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::AnyMotion,
            "mouse mode changed"
        );
    });
    // The one OSC the reader sends is its own question: the background.
    let mut raw = term.raw();
    let query = b"\x1b]11;?\x07";
    if let Some(at) = raw.windows(query.len()).position(|w| w == query) {
        raw.drain(at..at + query.len());
    }
    for needle in [
        &b"PWNED"[..],
        b"cHduZWQ=",
        // C1 controls are shown as symbols, never sent.
        b"\xc2\x9d",
        b"\xc2\x9c",
        b"ST TITLE",
        b"\x1b]",
        b"\x1bc",
    ] {
        assert!(
            !raw.windows(needle.len()).any(|w| w == needle),
            "{:?} reached the terminal",
            String::from_utf8_lossy(needle)
        );
    }
}

#[test]
fn hostile_escape_sequences_never_reach_the_terminal() {
    let dir = TempDir::new();
    let path = dir.write("hostile.txt", HOSTILE);
    let mut term = Term::spawn(&[path.to_str().unwrap()], 80, 24);
    let screen = term
        .wait_for_text("Texte ordinaire après", TIMEOUT)
        .unwrap();
    assert_terminal_untouched(&term);
    // Removed whole, and said so.
    assert!(screen.contains("titre"), "{screen}");
    assert!(!screen.contains("PWNED"), "{screen}");
    // A C1 introducer may be a Windows-1252 letter: shown, not removed.
    assert!(screen.contains("␦2;C1 TITLE␦ c1"), "{screen}");
    assert!(
        term.last_row().contains("escapes hidden"),
        "{}",
        term.last_row()
    );
    term.send("q");
    term.wait_exit(TIMEOUT).unwrap();
}

#[test]
fn shown_escape_sequences_are_symbols_only() {
    let dir = TempDir::new();
    let path = dir.write("hostile.txt", HOSTILE);
    let mut term = Term::spawn(&["--show-escapes", path.to_str().unwrap()], 100, 24);
    let screen = term
        .wait_for_text("Texte ordinaire après", TIMEOUT)
        .unwrap();
    assert!(screen.contains("␛]0;PWNED TITLE␇titre"), "{screen}");
    assert_eq!(term.requests(), Vec::<String>::new());
    term.with_screen(|screen| assert!(screen.alternate_screen()));
    term.send("q");
    term.wait_exit(TIMEOUT).unwrap();
}

#[test]
fn the_ci_log_shows_its_words_not_its_colours() {
    let log = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/log_travis_redox_ansi_cr.log");
    if !log.exists() {
        eprintln!("the_ci_log_shows_its_words_not_its_colours: skipped, the corpus is absent");
        return;
    }
    let mut term = Term::spawn(&[log.to_str().unwrap()], 100, 30);
    term.wait_for_text("Worker information", TIMEOUT).unwrap();
    term.send("G");
    term.wait_for(
        |s| s.lines().last().is_some_and(|l| l.contains("100%")),
        TIMEOUT,
    )
    .unwrap();
    assert_eq!(term.requests(), Vec::<String>::new());
    let raw = term.raw();
    // The log's own colours (bold yellow) and charset switches never pass.
    for needle in [&b"\x1b[33;1m"[..], b"\x1b(B", b"\x1b[0K"] {
        assert!(
            !raw.windows(needle.len()).any(|w| w == needle),
            "{:?} reached the terminal",
            String::from_utf8_lossy(needle)
        );
    }
    term.send("q");
    term.wait_exit(TIMEOUT).unwrap();
}

/// Runs the binary with `args` in `dir`, stdin empty, and waits for it.
fn plain_run(dir: &TempDir, args: &[&std::ffi::OsStr]) -> support::Run {
    let mut command = command(dir);
    command.args(args);
    run(command, None, TIMEOUT)
}

#[test]
fn a_binary_file_is_asked_about_and_refused_in_plain_output() {
    let dir = TempDir::new();
    let path = dir.write("program", b"\x7FELF\x02\x01\x01\x00\x00\x00 some text");
    // Plain output refuses, naming the file.
    let out = plain_run(&dir, &[path.as_os_str()]);
    assert_eq!(out.code(), 1);
    assert!(
        out.stderr_text().contains("looks binary"),
        "{}",
        out.stderr_text()
    );
    assert_eq!(out.stdout_text(), "");
    // The reader asks; `n` leaves without showing it.
    let mut term = Term::spawn(&[path.to_str().unwrap()], 80, 24);
    term.wait_for_text("looks binary. Show anyway? y/n", TIMEOUT)
        .unwrap();
    term.send("n");
    assert!(!term.wait_exit(TIMEOUT).unwrap().success());
    // `y` shows it, every byte visible.
    let term = Term::spawn(&[path.to_str().unwrap()], 80, 24);
    term.wait_for_text("Show anyway? y/n", TIMEOUT).unwrap();
    term.send("y");
    term.wait_for_text("␡ELF", TIMEOUT).unwrap();
    term.send("q");
}

#[test]
fn encoding_can_be_forced_and_a_bad_label_is_refused() {
    let dir = TempDir::new();
    let path = dir.write("latin1.txt", b"caf\xE9 cr\xE8me\n");
    let forced = plain_run(
        &dir,
        &[
            "--plain".as_ref(),
            "--encoding".as_ref(),
            "iso-8859-5".as_ref(),
            path.as_os_str(),
        ],
    );
    assert_eq!(forced.code(), 0, "{}", forced.stderr_text());
    assert_eq!(forced.stdout_text(), "cafщ crшme\n");
    let detected = plain_run(&dir, &["--plain".as_ref(), path.as_os_str()]);
    assert_eq!(detected.stdout_text(), "café crème\n");
    let bad = plain_run(
        &dir,
        &["--encoding".as_ref(), "klingon".as_ref(), path.as_os_str()],
    );
    assert_eq!(bad.code(), 2);
    assert!(
        bad.stderr_text().contains("unknown encoding 'klingon'"),
        "{}",
        bad.stderr_text()
    );
}

#[test]
fn search_on_the_command_line_opens_at_the_first_match() {
    for args in [&["+/choigou"][..], &["--search", "choigou"]] {
        let term = Term::spawn(args, 100, 30);
        wait_status(&term, "match 1/4");
        term.send("q");
    }
}

#[test]
fn plain_search_prints_the_matching_paragraphs() {
    let dir = TempDir::new();
    let out = plain_run(&dir, &["--search".as_ref(), "choigou".as_ref()]);
    assert_eq!(out.code(), 0, "{}", out.stderr_text());
    let text = out.stdout_text();
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    assert_eq!(paragraphs.len(), 4, "{text}");
    assert!(
        paragraphs
            .iter()
            .all(|p| squash(p).contains("Choïgou") || squash(p).contains("Choigou"))
    );
    assert!(!text.contains('\x1b'), "marks only on a terminal");
    let none = plain_run(&dir, &["--search".as_ref(), "zzz".as_ref()]);
    assert_eq!(none.code(), 1);
    assert_eq!(none.stderr_text(), "liseuse: no match for 'zzz'\n");
}

#[test]
fn y_copies_the_focused_paragraph_through_osc_52() {
    use base64::Engine as _;
    let term = open_article(100, 30);
    term.send("}}");
    wait_status(&term, "¶ 3/");
    term.send("y");
    wait_status(&term, "copied the paragraph");
    let requests = term.requests();
    let copied: Vec<&String> = requests
        .iter()
        .filter(|r| r.starts_with("clipboard "))
        .collect();
    assert_eq!(copied.len(), 1, "{requests:?}");
    let payload = copied[0].rsplit(' ').next().unwrap();
    let text = base64::engine::general_purpose::STANDARD
        .decode(payload)
        .unwrap();
    let article = include_str!("../assets/article.txt");
    let doc = liseuse::document::Document::from_bytes("a", article.as_bytes());
    let third = doc.iter().nth(2).unwrap().1.text;
    assert_eq!(String::from_utf8(text).unwrap(), third);
    assert!(third.starts_with("La visite de Choïgou"), "{third}");
}

#[test]
fn typography_keys_and_the_language_in_the_status_line() {
    let term = open_article(80, 24);
    let screen = wait_status(&term, "fr");
    // Hyphenated by default: some line ends inside a word.
    assert!(
        text_rows(&screen)
            .iter()
            .any(|row| text_of(row).ends_with('-')),
        "{screen}"
    );
    // Justified: every row of the first paragraph but its last fills the
    // 70 columns.
    term.send("J");
    let screen = wait_status(&term, "justification on");
    let rows: Vec<&str> = text_rows(&screen)
        .into_iter()
        .take_while(|row| !text_of(row).is_empty())
        .collect();
    assert!(rows.len() > 2, "{screen}");
    for row in &rows[..rows.len() - 1] {
        assert_eq!(text_of(row).chars().count(), 70, "{row:?}");
    }
    // A narrower measure, then back to the default.
    term.send("-");
    let screen = wait_status(&term, "measure 66");
    assert!(
        text_rows(&screen)
            .iter()
            .all(|r| text_of(r).chars().count() <= 66)
    );
    term.send("=");
    wait_status(&term, "measure 70");
    term.send("Y");
    let screen = wait_status(&term, "hyphenation off");
    assert!(
        !text_rows(&screen)
            .iter()
            .any(|row| text_of(row).ends_with("ni-") || text_of(row).ends_with("im-")),
        "{screen}"
    );
}

#[test]
fn lang_overrides_the_detected_language_and_a_bad_code_is_named() {
    let term = Term::spawn(&["--lang", "de"], 80, 24);
    term.wait_for_what(
        "the language given",
        |screen| {
            status_of(screen)
                .split_whitespace()
                .any(|word| word == "de")
        },
        TIMEOUT,
    )
    .unwrap();
    let dir = TempDir::new();
    let mut cmd = command(&dir);
    cmd.args(["--lang", "zz"]);
    let out = run(cmd, None, TIMEOUT);
    assert_eq!(out.code(), 2);
    assert!(out.stderr_text().contains("'zz'"), "{}", out.stderr_text());
}

/// Paragraphs `from..to`, each `template` with `{}` the number.
fn numbered(template: &str, from: usize, to: usize) -> String {
    (from..to)
        .map(|i| template.replace("{}", &i.to_string()) + "\n\n")
        .collect()
}

#[test]
fn r_reads_the_file_again_and_keeps_the_words_at_the_top() {
    let dir = TempDir::new();
    let path = dir.path().join("notes.txt");
    let paragraphs = |from, to| numbered("Note number {} stands alone.", from, to);
    std::fs::write(&path, paragraphs(0, 40)).unwrap();
    let term = Term::spawn(&[path.to_str().unwrap()], 80, 24);
    wait_status(&term, "¶ 1/40");
    term.send("20g");
    wait_status_and_top(&term, "¶ 20/40", "Note number 19");
    // Written anew with five notes before: the same words stay on top.
    std::fs::write(&path, paragraphs(100, 105) + &paragraphs(0, 40)).unwrap();
    term.send("R");
    let screen = wait_status_and_top(&term, "read again", "Note number 19");
    assert!(status_of(&screen).contains("¶ 25/45"), "{screen}");
    term.send("g");
    wait_status_and_top(&term, "¶ 1/45", "Note number 100");
}

#[test]
fn follow_shows_what_is_added_to_the_file_at_the_end() {
    use std::io::Write as _;
    let dir = TempDir::new();
    let path = dir.path().join("growing.log");
    let lines = |from, to| numbered("Entry {} of the log.", from, to);
    std::fs::write(&path, lines(0, 40)).unwrap();
    let term = Term::spawn(&["--follow", path.to_str().unwrap()], 80, 24);
    wait_status(&term, "¶ 1/40");
    term.send("G");
    term.wait_for_what("the end", |s| s.contains("Entry 39 of"), TIMEOUT)
        .unwrap();
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    file.write_all(lines(40, 45).as_bytes()).unwrap();
    drop(file);
    // No key pressed: the view follows the new entries.
    let screen = term
        .wait_for_what("the new end", |s| s.contains("Entry 44 of"), TIMEOUT)
        .unwrap();
    assert!(status_of(&screen).contains("/45"), "{screen}");
}

/// Opens `name` in `dir`, `lines` lines long, truncates it in place once
/// its first frame is out (its pages are gone), sends `keys`: the reader
/// must end with 128 + SIGBUS, the terminal given back and one line
/// naming the file.
fn cut_short_while_read(dir: &TempDir, name: &str, lines: usize, keys: &str) {
    let text = "Une ligne de texte, assez loin dans le fichier.\n\n".repeat(lines);
    let path = dir.write(name, text);
    // Wide enough for the message on one row.
    let mut term = Term::spawn(&[path.to_str().unwrap()], 200, 24);
    term.wait_for_what("the first frame", |s| s.contains("¶ 1/"), TIMEOUT)
        .unwrap();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(0)
        .unwrap();
    term.send(keys);
    let status = term.wait_exit(TIMEOUT).unwrap();
    assert_eq!(status.exit_code(), 128 + 7, "{name}: {status:?}");
    assert_terminal_restored(&term);
    let screen = term.screen_text();
    let message = format!("{name}' shrank on disk while it was read");
    assert!(screen.contains(&message), "{screen}");
}

#[test]
fn a_file_cut_short_while_read_ends_the_reader_and_gives_the_terminal_back() {
    cut_short_while_read(&TempDir::new(), "shrinking.txt", 100_000, "G");
}

/// The same when several threads read lost pages at once (a search's
/// workers), round after round: never killed by the signal before the
/// reader could say why, never a frame after the terminal is given back.
#[test]
fn a_file_cut_short_under_a_running_search_ends_the_reader_with_its_message() {
    let dir = TempDir::new();
    for round in 0..6 {
        cut_short_while_read(
            &dir,
            &format!("shrinking-{round}.txt"),
            400_000,
            "/absent\r",
        );
    }
}

/// How many bytes the program writes in `span` once `term` has settled.
fn bytes_written_in(term: &Term, span: Duration) -> usize {
    std::thread::sleep(Duration::from_millis(300));
    let before = term.raw().len();
    std::thread::sleep(span);
    term.raw().len() - before
}

#[test]
fn an_idle_reader_writes_nothing_after_a_search_and_with_the_prompt_open() {
    let term = open_article(100, 30);
    term.send("/choigou\r");
    wait_status(&term, "match 1/4");
    assert_eq!(bytes_written_in(&term, Duration::from_secs(2)), 0);
    term.send("/");
    term.wait_for_what(
        "the prompt",
        |s| status_of(s).starts_with(" /") || status_of(s).starts_with('/'),
        TIMEOUT,
    )
    .unwrap();
    assert_eq!(bytes_written_in(&term, Duration::from_secs(2)), 0);
}

/// How many times each thread of process `pid` has gone to sleep and been
/// woken (its voluntary context switches), by thread id; `None` without
/// `/proc`.
fn wake_ups(pid: u32) -> Option<std::collections::HashMap<String, u64>> {
    let mut counts = std::collections::HashMap::new();
    for task in std::fs::read_dir(format!("/proc/{pid}/task"))
        .ok()?
        .flatten()
    {
        // A thread that ended since the directory was read counts for
        // nothing.
        let Ok(status) = std::fs::read_to_string(task.path().join("status")) else {
            continue;
        };
        let switches = status
            .lines()
            .find_map(|line| line.strip_prefix("voluntary_ctxt_switches:"))?;
        counts.insert(
            task.file_name().to_string_lossy().into_owned(),
            switches.trim().parse().ok()?,
        );
    }
    Some(counts)
}

/// The wake-ups of every thread of `term`'s program during `span` (a
/// thread started meanwhile counts all of its own).
fn wake_ups_in(term: &Term, span: Duration) -> u64 {
    let before = wake_ups(term.pid()).unwrap();
    std::thread::sleep(span);
    let after = wake_ups(term.pid()).unwrap();
    after
        .iter()
        .map(|(thread, now)| now - before.get(thread).copied().unwrap_or(0))
        .sum()
}

/// Issue 15: a reader with nothing new to show sets no timer. Its
/// threads sleep until a key, a signal or the terminal going away wakes
/// them: none of them wakes while it waits, after a search that ran in
/// the background (and the save of the position it moved to), with the
/// prompt open, and once the paragraphs' count is over.
#[test]
fn an_idle_reader_sets_no_timer() {
    if wake_ups(std::process::id()).is_none() {
        eprintln!("skipped: no /proc to count wake-ups in");
        return;
    }
    let dir = TempDir::new();
    // Large enough for the search and the count to run in the background.
    let paragraph = "Plain words, again and again, for the reader to wait on.\n\n";
    let mut text = paragraph.repeat(40_000);
    text.push_str("The needle is here.\n");
    let path = dir.write("long.txt", text);
    let term = Term::spawn(&[&path], 100, 30);
    wait_status(&term, "long.txt");
    term.send("/needle\r");
    wait_status(&term, "match 1/1");
    // The position the search moved to is saved once the view has
    // rested for two seconds: that is a timer, which then stops.
    std::thread::sleep(Duration::from_millis(2500));
    assert_eq!(wake_ups_in(&term, Duration::from_millis(1500)), 0);
    term.send("/");
    term.wait_for_what(
        "the prompt",
        |s| status_of(s).starts_with(" /") || status_of(s).starts_with('/'),
        TIMEOUT,
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(wake_ups_in(&term, Duration::from_millis(1500)), 0);
    // A key still wakes it at once.
    term.send("\u{1b}");
    wait_status(&term, "long.txt");
}

#[test]
fn the_mouse_setting_chooses_between_capture_alternate_scroll_and_nothing() {
    // Mouse capture turned on (button reports, SGR), alternate scroll on.
    let capture = "\u{1b}[?1000h";
    let scroll_on = "\u{1b}[?1007h";
    let scroll_off = "\u{1b}[?1007l";
    for (mouse, captured, scrolls) in [
        ("select", true, false),
        ("scroll", false, true),
        ("off", false, false),
    ] {
        let mut term = Term::spawn(&["--mouse", mouse], 80, 24);
        term.wait_for_what(
            "the article's first frame",
            |screen| screen.contains("Le leader nord-coréen"),
            TIMEOUT,
        )
        .unwrap();
        let sent = String::from_utf8_lossy(&term.raw()).into_owned();
        assert_eq!(sent.contains(capture), captured, "{mouse}");
        assert_eq!(sent.contains(scroll_on), scrolls, "{mouse}");
        // With alternate scroll, the wheel's arrows scroll the text.
        if scrolls {
            term.send("\u{1b}[B\u{1b}[B\u{1b}[B");
            term.wait_for_what(
                "three lines scrolled",
                |screen| !screen.contains("Le leader nord-coréen"),
                TIMEOUT,
            )
            .unwrap();
        }
        term.send("q");
        term.wait_exit(TIMEOUT).unwrap();
        let sent = String::from_utf8_lossy(&term.raw()).into_owned();
        assert_eq!(sent.contains(scroll_off), scrolls, "{mouse}: given back");
        assert_terminal_restored(&term);
    }
}
