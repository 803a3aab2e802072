//! Saved state end to end: the real binary highlights and leaves in one
//! run and finds both in the next; a SIGKILL at any moment of a save
//! leaves a state file that parses.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use support::{TIMEOUT, TempDir, Term, binary, command, run};

/// The status line of a screen.
fn status_of(screen: &str) -> &str {
    screen.split('\n').next_back().unwrap_or_default()
}

/// The first row of text, without margin and marker.
fn top_of(screen: &str) -> String {
    let row = screen.lines().next().unwrap_or_default();
    row.trim_start_matches([' ', '▌']).trim_end().to_owned()
}

/// Opens the bundled article with its state in `state`.
fn open(state: &Path, args: &[&str], cols: u16, rows: u16) -> Term {
    let dir = state.to_str().unwrap();
    let term = Term::spawn_program(binary(), args, &[("LISEUSE_STATE_DIR", dir)], cols, rows);
    term.wait_for_what(
        "the article's first frame",
        // The text is on screen and the status line is drawn (a long
        // message may take all of it).
        |screen| screen.contains("Choïgou") && !status_of(screen).trim().is_empty(),
        TIMEOUT,
    )
    .unwrap();
    term
}

/// The state files of documents in `state`.
fn doc_files(state: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(state.join("docs"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_highlight_and_the_position_come_back_in_the_next_run() {
    let home = TempDir::new();
    let state = home.path().join("state");
    let mut first = open(&state, &[], 80, 24);
    // The second paragraph, its first sentence, highlighted; then on to
    // the fourth paragraph.
    first.send("})x");
    first
        .wait_for_what(
            "the highlight's message",
            |s| status_of(s).contains("highlighted yellow"),
            TIMEOUT,
        )
        .unwrap();
    // `E` writes the Markdown export next to the state.
    first.send("E");
    first
        .wait_for_what(
            "the export's message",
            |s| status_of(s).contains("highlights written to"),
            TIMEOUT,
        )
        .unwrap();
    first.send("}}");
    let left = first
        .wait_for_what("¶ 4", |s| status_of(s).contains("¶ 4/7"), TIMEOUT)
        .unwrap();
    let top = top_of(&left);
    first.send("q");
    first.wait_exit(TIMEOUT).unwrap();
    assert_eq!(doc_files(&state).len(), 1);

    // A narrower window: the same words at the top.
    let mut second = open(&state, &[], 60, 20);
    let back = second
        .wait_for_what(
            "the position restored",
            |s| status_of(s).contains("back where you left off"),
            TIMEOUT,
        )
        .unwrap();
    let words: Vec<&str> = top.split_whitespace().take(3).collect();
    assert!(
        top_of(&back).starts_with(&words.join(" ")),
        "{top:?} vs\n{back}"
    );
    // The only highlight is above: `;` wraps round to it.
    second.send(";");
    let found = second
        .wait_for_what(
            "the highlight found again",
            |s| status_of(s).contains("continuing from") && status_of(s).contains("¶ 2/7"),
            TIMEOUT,
        )
        .unwrap();
    // Its words are drawn underlined (a highlight), the next paragraph's
    // not.
    let line_of = |needle: &str| {
        found
            .lines()
            .position(|line| line.contains(needle))
            .expect("on screen") as u16
    };
    let col = |row: u16| {
        let line = found.lines().nth(row.into()).unwrap();
        line.chars().position(|c| c.is_alphabetic()).unwrap() as u16
    };
    let sentence = line_of("L’agence de presse");
    assert!(
        second.cell(sentence, col(sentence)).unwrap().underline(),
        "{found}"
    );
    let next = line_of("La visite de Choïgou");
    assert!(
        !second.cell(next, col(next)).unwrap().underline(),
        "{found}"
    );
    second.send("q");
    second.wait_exit(TIMEOUT).unwrap();

    // --from-start ignores the position.
    let mut third = open(&state, &["--from-start"], 80, 24);
    let screen = third
        .wait_for_what("the top", |s| status_of(s).contains("¶ 1/7"), TIMEOUT)
        .unwrap();
    assert!(top_of(&screen).starts_with("Le leader"), "{screen}");
    third.send("q");
    third.wait_exit(TIMEOUT).unwrap();

    // What `E` wrote: front matter, the sentence quoted, its place and
    // colour tag.
    let written: Vec<_> = std::fs::read_dir(state.join("docs"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    let text = std::fs::read_to_string(&written[0]).unwrap();
    assert!(text.starts_with("---\ntitle: \""), "{text}");
    assert!(text.contains("\nhighlights: 1\n---\n"), "{text}");
    assert!(text.contains("\n- > L’agence de presse"), "{text}");
    assert!(text.contains("  - ¶ 2 · "), "{text}");
    assert!(text.contains("% · #yellow\n"), "{text}");

    // --export-highlights prints the same from the saved state: front
    // matter with the file and its language, the sentence, its paragraph,
    // percent and colour tag.
    let article = home.write("article.txt", liseuse::document::BUNDLED_ARTICLE);
    let mut export = command(&home);
    export
        .env("LISEUSE_STATE_DIR", &state)
        .arg("--export-highlights")
        .arg(&article);
    let out = run(export, None, TIMEOUT);
    assert_eq!(out.code(), 0, "{}", out.stderr_text());
    let text = out.stdout_text();
    let (front, body) = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .unwrap_or_else(|| panic!("no front matter: {text}"));
    assert!(front.contains("title: \"article.txt\"\n"), "{front}");
    let source = std::fs::canonicalize(&article).unwrap();
    assert!(
        front.contains(&format!("source: \"{}\"\n", source.display())),
        "{front}"
    );
    assert!(front.contains("language: \"fr\"\n"), "{front}");
    assert!(front.contains("exported: \"20"), "{front}");
    assert!(front.ends_with("highlights: 1"), "{front}");
    assert!(body.contains("\n# Highlights of article.txt\n"), "{body}");
    assert!(body.contains("\n- > L’agence de presse"), "{body}");
    assert!(body.contains("\n  - ¶ 2 · 17% · #yellow\n"), "{body}");

    // --export-format json: the same, as one object.
    let mut export = command(&home);
    export
        .env("LISEUSE_STATE_DIR", &state)
        .args(["--export-format", "json", "--export-highlights"])
        .arg(&article);
    let out = run(export, None, TIMEOUT);
    assert_eq!(out.code(), 0, "{}", out.stderr_text());
    let json: serde_json::Value = serde_json::from_str(&out.stdout_text()).unwrap();
    assert_eq!(json["title"], "article.txt");
    assert_eq!(json["language"], "fr");
    assert_eq!(json["count"], 1);
    let highlight = &json["highlights"][0];
    assert!(
        highlight["quote"]
            .as_str()
            .unwrap()
            .starts_with("L’agence de presse"),
        "{json}"
    );
    assert_eq!(highlight["colour"], "yellow");
    assert_eq!(highlight["paragraph"], 2);
    assert!(highlight["note"].is_null());

    // The format alone, without an export, is a mistake.
    let mut alone = command(&home);
    alone.args(["--export-format", "json"]);
    let out = run(alone, None, TIMEOUT);
    assert_eq!(out.code(), 2, "{}", out.stderr_text());
}

/// Highlights the first paragraph, recolours it green, then ends the
/// reader with `signal`: the green highlight is on disk.
fn a_signal_saves_a_highlight(signal: &str) {
    let home = TempDir::new();
    let state = home.path().join("state");
    let mut term = open(&state, &[], 80, 24);
    term.send("X");
    term.wait_for_what(
        "the paragraph highlighted",
        |s| status_of(s).contains("highlighted yellow"),
        TIMEOUT,
    )
    .unwrap();
    term.send("X");
    term.wait_for_what(
        "the paragraph recoloured",
        |s| status_of(s).contains("highlighted green"),
        TIMEOUT,
    )
    .unwrap();
    term.signal(signal);
    term.wait_exit(TIMEOUT).unwrap();
    let files = doc_files(&state);
    let saved = std::fs::read_to_string(&files[0]).unwrap();
    assert!(saved.contains("\"colour\": \"green\""), "{saved}");
    assert!(saved.contains("Le leader nord-coréen"), "{saved}");
}

#[test]
fn sigterm_saves_a_highlight() {
    a_signal_saves_a_highlight("TERM");
}

#[test]
fn sighup_saves_a_highlight() {
    a_signal_saves_a_highlight("HUP");
}

#[test]
fn a_corrupt_state_file_is_set_aside_and_reading_goes_on() {
    let home = TempDir::new();
    let state = home.path().join("state");
    let mut term = open(&state, &[], 80, 24);
    term.send("Xq");
    term.wait_exit(TIMEOUT).unwrap();
    let file = doc_files(&state).remove(0);
    std::fs::write(&file, "{\"version\": 1, \"highlights\": [").unwrap();
    let mut term = open(&state, &[], 120, 24);
    term.wait_for_what(
        "the warning",
        |s| status_of(s).contains("set aside"),
        TIMEOUT,
    )
    .unwrap();
    term.send("q");
    term.wait_exit(TIMEOUT).unwrap();
}

/// A SIGKILL at any moment, while highlights are being saved, leaves a
/// state file that parses: either the old one or the new one.
#[test]
fn sigkill_during_saves_never_leaves_a_torn_file() {
    let home = TempDir::new();
    let state = home.path().join("state");
    let start = Instant::now();
    let mut kills = 0;
    let mut round: u64 = 0;
    while start.elapsed() < Duration::from_secs(6) && round < 40 {
        round += 1;
        let term = open(&state, &[], 80, 24);
        // Each key is a change, saved at once: mark a sentence, mark its
        // paragraph, move on, over and over; killed after a varied delay,
        // while the saves go on.
        let deadline = Instant::now() + Duration::from_millis(10 + (round * 7) % 70);
        while Instant::now() < deadline {
            term.send(")xX");
            std::thread::sleep(Duration::from_millis(2));
        }
        term.signal("KILL");
        kills += 1;
        drop(term);
        for file in doc_files(&state) {
            let bytes = std::fs::read(&file).unwrap();
            let parsed: Result<serde_json::Value, _> = serde_json::from_slice(&bytes);
            assert!(
                parsed.is_ok(),
                "round {round}: {} does not parse: {:?}",
                file.display(),
                String::from_utf8_lossy(&bytes)
            );
        }
    }
    assert!(kills >= 5, "only {kills} rounds");
    assert_eq!(doc_files(&state).len(), 1);
    // Nothing was set aside: no file was ever torn.
    let aside = std::fs::read_dir(state.join("docs"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("corrupt"))
        .count();
    assert_eq!(aside, 0);
}

/// The entries that say which document each file held.
fn path_entries(state: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(state.join("paths"))
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default()
}

/// Opens `file` with its state in `state`, waits for its first frame and
/// returns its status line.
fn status_when_opened(state: &Path, file: &Path) -> (Term, String) {
    let dir = state.to_str().unwrap();
    let args = [file.to_str().unwrap()];
    let term = Term::spawn_program(binary(), &args, &[("LISEUSE_STATE_DIR", dir)], 100, 24);
    let screen = term
        .wait_for_what(
            "the first frame",
            |screen| screen.contains("Choïgou") && status_of(screen).contains('¶'),
            TIMEOUT,
        )
        .unwrap();
    let status = status_of(&screen).to_owned();
    (term, status)
}

/// A copy of the bundled article in `home`, as a file of the reader's.
fn article_in(home: &TempDir) -> std::path::PathBuf {
    let article =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/article.txt"))
            .unwrap();
    home.write("article.txt", &article)
}

#[test]
fn a_file_opened_again_unchanged_keeps_its_remembered_language() {
    let home = TempDir::new();
    let state = home.path().join("state");
    let file = article_in(&home);
    let (mut first, status) = status_when_opened(&state, &file);
    assert!(status.contains(" fr "), "detected: {status}");
    // A move, so that there is a state to save.
    first.send("}");
    first
        .wait_for_what("the move", |s| status_of(s).contains("¶ 2/"), TIMEOUT)
        .unwrap();
    first.send("q");
    first.wait_exit(TIMEOUT).unwrap();
    let entries = path_entries(&state);
    assert_eq!(entries.len(), 1, "{entries:?}");
    let text = std::fs::read_to_string(&entries[0]).unwrap();
    let mut entry: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(entry["identity"].is_object(), "{text}");
    assert_eq!(entry["language"], "fr", "{text}");
    // What the entry remembers is taken, not detected again: told apart
    // by remembering another language.
    entry["language"] = "de".into();
    std::fs::write(&entries[0], entry.to_string()).unwrap();
    let (mut second, status) = status_when_opened(&state, &file);
    assert!(status.contains(" de "), "remembered: {status}");
    second.send("q");
    second.wait_exit(TIMEOUT).unwrap();
    // Touched: no longer the file that was read; detected again.
    let later = std::time::SystemTime::now() + Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let (mut third, status) = status_when_opened(&state, &file);
    assert!(status.contains(" fr "), "detected again: {status}");
    third.send("q");
    third.wait_exit(TIMEOUT).unwrap();
}

#[test]
fn a_file_moved_to_another_name_opens_at_its_place_with_its_highlight() {
    let home = TempDir::new();
    let state = home.path().join("state");
    let file = article_in(&home);
    let (mut first, _) = status_when_opened(&state, &file);
    first.send("})x");
    first
        .wait_for_what(
            "the highlight",
            |s| status_of(s).contains("highlighted yellow"),
            TIMEOUT,
        )
        .unwrap();
    first.send("}}");
    first
        .wait_for_what("¶ 4", |s| status_of(s).contains("¶ 4/7"), TIMEOUT)
        .unwrap();
    first.send("q");
    first.wait_exit(TIMEOUT).unwrap();
    // Under a name the state has never seen, the file is known by its
    // text, hashed once the first frame is out.
    let moved = home.path().join("moved.txt");
    std::fs::rename(&file, &moved).unwrap();
    let (mut second, _) = status_when_opened(&state, &moved);
    second
        .wait_for_what(
            "the position restored",
            |s| status_of(s).contains("back where you left off") && status_of(s).contains("¶ 4/7"),
            TIMEOUT,
        )
        .unwrap();
    second.send(";");
    second
        .wait_for_what(
            "the highlight found again",
            |s| status_of(s).contains("¶ 2/7"),
            TIMEOUT,
        )
        .unwrap();
    second.send("q");
    second.wait_exit(TIMEOUT).unwrap();
}

#[test]
fn a_highlight_deleted_in_the_list_comes_back_with_u_and_stays_in_the_next_run() {
    let home = TempDir::new();
    let state = home.path().join("state");
    let mut first = open(&state, &[], 100, 30);
    let wait = |term: &Term, what: &str| {
        term.wait_for_what(what, |s| s.contains(what), TIMEOUT)
            .unwrap()
    };
    first.send(")x");
    first
        .wait_for_what(
            "the highlight",
            |s| status_of(s).contains("highlighted"),
            TIMEOUT,
        )
        .unwrap();
    // The list; d deletes; u brings it back; Ctrl-r deletes it again, u
    // brings it back again.
    for (key, shown) in [
        ("H", "highlights 1/1"),
        ("d", "highlights 0/0"),
        ("u", "highlights 1/1"),
        ("\u{12}", "highlights 0/0"),
        ("u", "highlights 1/1"),
    ] {
        first.send(key);
        wait(&first, shown);
    }
    first.send("\u{1b}");
    first
        .wait_for_what(
            "the list closed",
            |s| !s.contains("highlights 1/1"),
            TIMEOUT,
        )
        .unwrap();
    first.send("q");
    first.wait_exit(TIMEOUT).unwrap();
    let mut second = open(&state, &[], 100, 30);
    second.send("H");
    wait(&second, "highlights 1/1");
    // Esc alone: Esc and a key at once read as Alt and the key.
    second.send("\u{1b}");
    second
        .wait_for_what(
            "the list closed",
            |s| !s.contains("highlights 1/1"),
            TIMEOUT,
        )
        .unwrap();
    second.send("q");
    second.wait_exit(TIMEOUT).unwrap();
}

/// The highlights in the saved state of `state`'s only document.
fn saved_highlights(state: &Path) -> Vec<serde_json::Value> {
    let file = doc_files(state).remove(0);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    json["highlights"].as_array().cloned().unwrap_or_default()
}

/// Waits for `what` in the status line; the screen then.
fn wait_status(term: &Term, what: &str) -> String {
    term.wait_for_what(what, |s| status_of(s).contains(what), TIMEOUT)
        .unwrap()
}

#[test]
fn v_w_w_x_highlights_three_words_and_their_note_comes_back() {
    let home = TempDir::new();
    let state = home.path().join("state");
    let mut first = open(&state, &[], 80, 24);
    let status = wait_status;
    // The first sentence; a selection from its first word, two words on.
    first.send(")v");
    status(&first, "SELECT 1 word");
    first.send("ww");
    status(&first, "SELECT 3 words");
    first.send("x");
    status(&first, "highlighted yellow");
    // A note, on two lines (Ctrl-j), kept with Enter.
    first.send("a");
    first
        .wait_for_what("the note's box", |s| s.contains("Enter keeps"), TIMEOUT)
        .unwrap();
    first.send("Trois mots\ncomptés");
    first.send("\r");
    status(&first, "note kept");
    // Undo and redo in visual mode: the note goes and comes back.
    first.send("v");
    status(&first, "SELECT");
    first.send("u");
    status(&first, "undone");
    assert_eq!(saved_highlights(&state)[0]["note"], serde_json::Value::Null);
    first.send("\u{12}");
    status(&first, "redone");
    first.send("\u{1b}");
    first
        .wait_for_what(
            "the selection left",
            |s| !status_of(s).contains("SELECT"),
            TIMEOUT,
        )
        .unwrap();
    first.send("q");
    first.wait_exit(TIMEOUT).unwrap();
    let saved = saved_highlights(&state);
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert_eq!(saved[0]["quote"], "Le leader nord");
    assert_eq!(saved[0]["note"], "Trois mots\ncomptés");

    // The next run: the same words highlighted, the line marked in the
    // margin, and the note shown when `;` focuses the highlight.
    let mut second = open(&state, &[], 80, 24);
    second.send(";");
    let screen = second
        .wait_for_what("the note shown", |s| s.contains("comptés"), TIMEOUT)
        .unwrap();
    let first_row = screen.lines().next().unwrap();
    assert!(first_row.trim_end().ends_with('✎'), "{screen}");
    let x = first_row.find("Le leader").unwrap();
    let x = first_row[..x].chars().count() as u16;
    for (offset, highlighted) in [(0, true), (10, true), (13, true), (14, false)] {
        let underlined = second.cell(0, x + offset).unwrap().underline();
        assert_eq!(underlined, highlighted, "column {offset}: {screen}");
    }
    // `E` exports it with its note under the quote.
    second.send("E");
    status(&second, "highlights written to");
    second.send("q");
    second.wait_exit(TIMEOUT).unwrap();
    let written: Vec<_> = std::fs::read_dir(state.join("docs"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    let text = std::fs::read_to_string(&written[0]).unwrap();
    assert!(text.contains("\nhighlights: 1\n---\n"), "{text}");
    assert!(
        text.contains("\n- > Le leader nord\n  - Trois mots\n    comptés\n"),
        "{text}"
    );
}

#[test]
fn a_mouse_drag_highlights_the_dragged_words() {
    let home = TempDir::new();
    let state = home.path().join("state");
    let mut term = open(&state, &[], 80, 24);
    let screen = term.screen_text();
    let first_row = screen.lines().next().unwrap();
    let column = |word: &str| first_row[..first_row.find(word).unwrap()].chars().count() + 1;
    // SGR reports (1-based cells): press in "leader", drag to "coréen",
    // release there.
    let (from, to) = (column("leader") + 2, column("coréen") + 3);
    term.send(&format!("\u{1b}[<0;{from};1M"));
    term.send(&format!("\u{1b}[<32;{};1M", to - 4));
    term.send(&format!("\u{1b}[<32;{to};1M"));
    term.send(&format!("\u{1b}[<0;{to};1m"));
    wait_status(&term, "SELECT 3 words");
    term.send("x");
    wait_status(&term, "highlighted yellow");
    assert_eq!(saved_highlights(&state)[0]["quote"], "leader nord-coréen");
    // A double click selects one word; the highlight is green (2x).
    let kim = column("Kim");
    for _ in 0..2 {
        term.send(&format!("\u{1b}[<0;{kim};1M\u{1b}[<0;{kim};1m"));
    }
    wait_status(&term, "SELECT 1 word");
    term.send("2x");
    wait_status(&term, "highlighted green");
    let saved = saved_highlights(&state);
    assert_eq!(saved[1]["quote"], "Kim");
    assert_eq!(saved[1]["colour"], "green");
    term.send("q");
    term.wait_exit(TIMEOUT).unwrap();
}

/// The reading position is saved once the view has rested (two
/// seconds), though no key comes after the move: the reader then wakes
/// for the save alone. SIGKILL after the rest finds it on disk; before
/// the rest, nothing is there yet.
#[test]
fn the_position_is_saved_once_the_view_rests_though_no_key_comes() {
    let home = TempDir::new();
    let state = home.path().join("state");
    let mut term = open(&state, &[], 80, 24);
    term.send("3}");
    wait_status(&term, "¶ 4/7");
    let position = || {
        let Some(file) = doc_files(&state).pop() else {
            return serde_json::Value::Null;
        };
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        json["position"].clone()
    };
    assert!(
        position().is_null(),
        "saved before the rest: {}",
        position()
    );
    std::thread::sleep(Duration::from_millis(2600));
    let saved = position();
    term.signal("KILL");
    term.wait_exit(TIMEOUT).unwrap();
    assert!(
        saved.is_object(),
        "no position saved after the rest: {saved}"
    );
    // It is the place moved to: the next run opens there.
    let term = open(&state, &[], 80, 24);
    wait_status(&term, "¶ 4/7");
}

/// A note written, then SIGKILL at once: the note is on disk, round after
/// round, and the file always parses.
#[test]
fn a_note_survives_sigkill_right_after_it_is_kept() {
    let home = TempDir::new();
    let state = home.path().join("state");
    for round in 0..4 {
        let mut term = open(&state, &[], 80, 24);
        term.send(")");
        wait_status(&term, "¶ 1/7");
        term.send("a");
        term.wait_for_what("the note's box", |s| s.contains("Enter keeps"), TIMEOUT)
            .unwrap();
        // The box shows the note so far: replace it with this round's.
        term.send("\u{15}");
        term.send(&format!("note {round}\r"));
        wait_status(&term, "note");
        term.signal("KILL");
        term.wait_exit(TIMEOUT).unwrap();
        let saved = saved_highlights(&state);
        assert_eq!(saved.len(), 1, "round {round}: {saved:?}");
        assert_eq!(saved[0]["note"], format!("note {round}"), "round {round}");
    }
}

#[test]
fn capital_a_writes_the_note_in_the_editor_and_gets_the_terminal_back() {
    let home = TempDir::new();
    let state = home.path().join("state");
    // An "editor" that checks it has the terminal, then writes the note.
    let editor = home.write(
        "editor.sh",
        "#!/bin/sh\n[ -t 0 ] && [ -t 1 ] || exit 3\nprintf 'écrit ailleurs\\n' > \"$1\"\n",
    );
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let dir = state.to_str().unwrap();
    let editor = editor.to_str().unwrap();
    let mut term = Term::spawn_program(
        binary(),
        &[] as &[&str],
        &[("LISEUSE_STATE_DIR", dir), ("VISUAL", editor)],
        80,
        24,
    );
    term.wait_for_what("the first frame", |s| s.contains("Choïgou"), TIMEOUT)
        .unwrap();
    term.send(")A");
    term.wait_for_what(
        "the note shown",
        |s| s.contains("écrit ailleurs") && status_of(s).contains("note kept"),
        TIMEOUT,
    )
    .unwrap();
    // The reader has its keys back.
    term.send("q");
    term.wait_exit(TIMEOUT).unwrap();
    let saved = saved_highlights(&state);
    assert_eq!(saved[0]["note"], "écrit ailleurs");
    assert_eq!(
        saved[0]["quote"],
        "Le leader nord-coréen, Kim Jong Un, a tenu une rencontre de haut niveau avec le ministre russe de la Défense, Sergueï Choïgou, marquant la première rencontre annoncée avec un responsable étranger depuis la pandémie de Corona."
    );
}

#[test]
fn undo_in_the_list_survives_the_saves_whatever_the_order_of_the_highlights() {
    let home = TempDir::new();
    let state = home.path().join("state");
    let mut term = open(&state, &[], 100, 30);
    // The second paragraph highlighted first, then the first: the text's
    // order is not the order they were saved in.
    term.send("})x");
    wait_status(&term, "highlighted yellow");
    term.send("g)x");
    term.wait_for_what(
        "two saved",
        |_| saved_highlights(&state).len() == 2,
        TIMEOUT,
    )
    .unwrap();
    term.send("H");
    term.wait_for_what("the list", |s| s.contains("highlights 1/2"), TIMEOUT)
        .unwrap();
    term.send("2");
    wait_status(&term, "green (u undoes)");
    term.wait_for_what(
        "the colour saved",
        |_| {
            saved_highlights(&state)
                .iter()
                .any(|h| h["colour"] == "green")
        },
        TIMEOUT,
    )
    .unwrap();
    // Saved, and still undoable; and redoable.
    std::thread::sleep(Duration::from_millis(300));
    term.send("u");
    wait_status(&term, "undone");
    term.send("\u{12}");
    wait_status(&term, "redone");
    // Closing and opening the list keeps the history.
    term.send("\u{1b}");
    term.wait_for_what(
        "the list closed",
        |s| !s.contains("highlights 1/2"),
        TIMEOUT,
    )
    .unwrap();
    term.send("H");
    term.wait_for_what("the list again", |s| s.contains("highlights 1/2"), TIMEOUT)
        .unwrap();
    term.send("u");
    wait_status(&term, "undone");
    // q closes the list, then leaves.
    term.send("q");
    term.wait_for_what(
        "the list closed",
        |s| !s.contains("highlights 1/2"),
        TIMEOUT,
    )
    .unwrap();
    term.send("q");
    term.wait_exit(TIMEOUT).unwrap();
    assert!(
        saved_highlights(&state)
            .iter()
            .all(|h| h["colour"] == "yellow")
    );
}
