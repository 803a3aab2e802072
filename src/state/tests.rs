//! Tests of the store: round trips, damaged and foreign files, merging.

use std::os::unix::fs::PermissionsExt;

use super::*;
use crate::highlights::{Colour, Highlight, Highlights};

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn record(id: &str, quote: &str, colour: Colour) -> Record {
    Record {
        id: id.into(),
        colour,
        anchor: TextAnchor {
            paragraph: 0,
            offset: 0,
            quote: quote.into(),
            before: String::new(),
            after: String::new(),
        },
        note: None,
        more: Vec::new(),
    }
}

fn state(records: &[Record]) -> DocState {
    DocState {
        version: VERSION,
        name: "t".into(),
        position: None,
        highlights: records.to_vec(),
    }
}

fn id() -> DocId {
    DocId::of_bytes(b"some text")
}

#[test]
fn ids_are_stable_and_sampled_for_large_texts() {
    // XXH3-128 is specified: this value must never change.
    assert_eq!(DocId::of_bytes(b"").0, "99aa06d3014798d86001c324468d497f");
    assert_ne!(DocId::of_bytes(b"a").0, DocId::of_bytes(b"b").0);
    let document = Document::from_bytes("x", b"\xEF\xBB\xBFHello");
    assert_eq!(DocId::of(&document), DocId::of_bytes(b"Hello"));
    let mut big = vec![b'a'; HASH_WHOLE + 1];
    let id = DocId::of_bytes(&big);
    // A byte in a sample changes the id; the length does too.
    big[0] = b'b';
    assert_ne!(DocId::of_bytes(&big), id);
    big[0] = b'a';
    let last = big.len() - 1;
    big[last] = b'z';
    assert_ne!(DocId::of_bytes(&big), id);
    big.push(b'a');
    assert_ne!(DocId::of_bytes(&big), id);
}

#[test]
fn state_round_trips_with_safe_permissions() {
    let dir = temp();
    let store = Store::new(dir.path().join("liseuse"));
    let mine = state(&[record("a", "Un", Colour::Green)]);
    let saved = store
        .save(&id(), None, &DocState::default(), &mine)
        .unwrap();
    assert_eq!(saved.highlights, mine.highlights);
    let loaded = store.load(&id(), None);
    assert_eq!(loaded.state.highlights, mine.highlights);
    assert!(loaded.warnings.is_empty() && !loaded.read_only);
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(store.root()), 0o700);
    assert_eq!(mode(&store.root().join("docs")), 0o700);
    assert_eq!(mode(&store.doc_path(&id())), 0o600);
    let leftovers: Vec<_> = fs::read_dir(store.root().join("docs"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn corrupt_and_truncated_files_are_set_aside_with_a_warning() {
    let dir = temp();
    let store = Store::new(dir.path());
    let mine = state(&[record("a", "Un", Colour::Yellow)]);
    store
        .save(&id(), None, &DocState::default(), &mine)
        .unwrap();
    let file = store.doc_path(&id());
    let whole = fs::read(&file).unwrap();
    for damaged in [&whole[..whole.len() / 2], b"\x00\xffnot json", b""] {
        fs::write(&file, damaged).unwrap();
        let loaded = store.load(&id(), None);
        assert!(loaded.state.highlights.is_empty());
        assert!(!loaded.read_only);
        assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
        assert!(
            loaded.warnings[0].starts_with("saved state set aside, unreadable"),
            "{:?}",
            loaded.warnings
        );
        assert!(!file.exists(), "renamed aside");
        let aside: Vec<_> = fs::read_dir(file.parent().unwrap())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
            .collect();
        assert!(!aside.is_empty());
        // The set-aside file keeps the damaged bytes.
        assert!(aside.iter().any(|e| fs::read(e.path()).unwrap() == damaged));
        for entry in aside {
            fs::remove_file(entry.path()).unwrap();
        }
    }
}

#[test]
fn a_newer_version_is_used_read_only_and_left_untouched() {
    let dir = temp();
    let store = Store::new(dir.path());
    let file = store.doc_path(&id());
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    let newer = r#"{"version": 99, "highlights": [{"id": "a", "colour": "blue",
        "paragraph": 0, "offset": 0, "quote": "Un", "future": true}], "more": 1}"#;
    fs::write(&file, newer).unwrap();
    let loaded = store.load(&id(), None);
    assert!(loaded.read_only);
    assert_eq!(loaded.state.highlights.len(), 1);
    assert!(loaded.warnings[0].contains("newer"));
    let error = store
        .save(&id(), None, &loaded.state, &state(&[]))
        .unwrap_err();
    assert!(error.to_string().contains("newer"), "{error}");
    assert_eq!(fs::read_to_string(&file).unwrap(), newer);
}

#[test]
fn an_unwritable_directory_is_an_error_naming_the_file() {
    let dir = temp();
    let root = dir.path().join("ro");
    fs::create_dir(&root).unwrap();
    fs::set_permissions(&root, fs::Permissions::from_mode(0o500)).unwrap();
    let store = Store::new(&root);
    let result = store.save(&id(), None, &DocState::default(), &state(&[]));
    fs::set_permissions(&root, fs::Permissions::from_mode(0o700)).unwrap();
    if nix_is_root() {
        return;
    }
    let error = result.unwrap_err();
    assert!(
        error.to_string().starts_with(&root.display().to_string()),
        "{error}"
    );
    assert!(!error.to_string().contains('\n'));
}

/// Root writes anywhere: the unwritable case cannot be shown.
fn nix_is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

#[test]
fn an_unreadable_file_is_not_saved_over() {
    let dir = temp();
    let store = Store::new(dir.path());
    store
        .save(
            &id(),
            None,
            &DocState::default(),
            &state(&[record("a", "x", Colour::Pink)]),
        )
        .unwrap();
    let file = store.doc_path(&id());
    fs::set_permissions(&file, fs::Permissions::from_mode(0o000)).unwrap();
    let loaded = store.load(&id(), None);
    fs::set_permissions(&file, fs::Permissions::from_mode(0o600)).unwrap();
    if nix_is_root() {
        return;
    }
    assert!(loaded.read_only);
    assert!(loaded.warnings[0].contains("not saving over it"));
}

#[test]
fn two_readers_keep_each_others_highlights() {
    let dir = temp();
    let store = Store::new(dir.path());
    let shared = state(&[record("old", "Zéro", Colour::Yellow)]);
    store
        .save(&id(), None, &DocState::default(), &shared)
        .unwrap();
    // Both readers open the same state.
    let base_a = store.load(&id(), None).state;
    let base_b = base_a.clone();
    // A adds one; B adds another and recolours the old one.
    let mut mine_a = base_a.clone();
    mine_a.highlights.push(record("a", "Un", Colour::Yellow));
    let mut mine_b = base_b.clone();
    mine_b.highlights[0].colour = Colour::Blue;
    mine_b.highlights.push(record("b", "Deux", Colour::Green));
    store.save(&id(), None, &base_a, &mine_a).unwrap();
    let merged = store.save(&id(), None, &base_b, &mine_b).unwrap();
    let mut ids: Vec<(&str, Colour)> = merged
        .highlights
        .iter()
        .map(|r| (r.id.as_str(), r.colour))
        .collect();
    ids.sort_by_key(|(id, _)| *id);
    assert_eq!(
        ids,
        [
            ("a", Colour::Yellow),
            ("b", Colour::Green),
            ("old", Colour::Blue)
        ]
    );
    // A removes "old" without having seen B's recolouring: it goes, and
    // B's highlight stays.
    let merged = store
        .save(
            &id(),
            None,
            &mine_a,
            &state(&[record("a", "Un", Colour::Yellow)]),
        )
        .unwrap();
    let mut ids: Vec<&str> = merged.highlights.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["a", "b"]);
}

#[test]
fn a_moved_position_wins_an_unmoved_one_does_not() {
    let anchor = |quote: &str| TextAnchor {
        paragraph: 0,
        offset: 0,
        quote: quote.into(),
        before: String::new(),
        after: String::new(),
    };
    let base = DocState {
        position: Some(anchor("a")),
        ..DocState::default()
    };
    let disk = DocState {
        position: Some(anchor("b")),
        ..DocState::default()
    };
    assert_eq!(merge(&base, &base, &disk).position, disk.position);
    let moved = DocState {
        position: Some(anchor("c")),
        ..DocState::default()
    };
    assert_eq!(merge(&base, &moved, &disk).position, moved.position);
}

#[test]
fn an_edited_file_finds_its_earlier_state_by_path() {
    let dir = temp();
    let store = Store::new(dir.path().join("s"));
    let file = dir.path().join("book.txt");
    fs::write(&file, "Un chat.\n\nDeux chiens.").unwrap();
    let before = Document::open(&file, Default::default()).unwrap();
    let mut marks = Highlights::new();
    let second = before.next(0).unwrap();
    marks.mark(&before, second, 0..4);
    let mine = DocState {
        highlights: marks.records(),
        ..DocState::default()
    };
    store
        .save(
            &DocId::of(&before),
            Some(&super::FileMark {
                path: file.clone(),
                identity: super::Identity::of(&file),
                language: None,
            }),
            &DocState::default(),
            &mine,
        )
        .unwrap();
    fs::write(&file, "Préface.\n\nUn chat.\n\nDeux chiens.").unwrap();
    let after = Document::open(&file, Default::default()).unwrap();
    assert_ne!(DocId::of(&after), DocId::of(&before));
    let loaded = store.load(&DocId::of(&after), Some(&file));
    assert!(loaded.migrated);
    assert_eq!(loaded.state.highlights, mine.highlights);
    // Without the path, nothing is known of the new text.
    assert!(
        store
            .load(&DocId::of(&after), None)
            .state
            .highlights
            .is_empty()
    );
}

#[test]
fn preferences_round_trip() {
    let dir = temp();
    let store = Store::new(dir.path());
    assert_eq!(store.load_preferences(), (Preferences::default(), None));
    let preferences = Preferences {
        version: VERSION,
        measure: Some(62),
    };
    store.save_preferences(&preferences).unwrap();
    assert_eq!(store.load_preferences(), (preferences, None));
    fs::write(store.preferences_path(), "{").unwrap();
    let (back, warning) = store.load_preferences();
    assert_eq!(back, Preferences::default());
    assert!(warning.unwrap().contains("set aside"));
}

#[test]
fn temporary_files_left_by_a_killed_writer_are_swept_away() {
    let dir = temp();
    let store = Store::new(dir.path());
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let stale = docs.join(".liseuse-abc123.tmp");
    let fresh = docs.join(".liseuse-def456.tmp");
    std::fs::write(&stale, "{").unwrap();
    std::fs::write(&fresh, "{").unwrap();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    let mine = state(&[record("a", "un mot", Colour::Yellow)]);
    store
        .save(&id(), None, &DocState::default(), &mine)
        .unwrap();
    assert!(!stale.exists(), "an old leftover is removed");
    assert!(fresh.exists(), "a file another writer may be writing stays");
}

#[test]
fn a_state_file_lost_or_corrupted_before_a_save_loses_no_highlight() {
    let dir = temp();
    let store = Store::new(dir.path());
    let three = state(&[
        record("a", "un", Colour::Yellow),
        record("b", "deux", Colour::Green),
        record("c", "trois", Colour::Blue),
    ]);
    let base = store
        .save(&id(), None, &DocState::default(), &three)
        .unwrap();
    let mut four = base.clone();
    four.highlights.push(record("d", "quatre", Colour::Pink));
    // Deleted, then corrupted: the next save keeps all four each time.
    std::fs::remove_file(store.doc_path(&id())).unwrap();
    let saved = store.save(&id(), None, &base, &four).unwrap();
    assert_eq!(saved.highlights.len(), 4);
    std::fs::write(store.doc_path(&id()), "{ not json").unwrap();
    let saved = store.save(&id(), None, &base, &four).unwrap();
    assert_eq!(saved.highlights.len(), 4);
    assert_eq!(store.load(&id(), None).state.highlights.len(), 4);
}

#[test]
fn an_export_waits_for_the_count_only_as_far_as_its_last_highlight() {
    // Counting all of this takes far longer than numbering its second
    // paragraph.
    let text = "Un paragraphe parmi tant d'autres, à compter.\n\n".repeat(200_000);
    let document = Document::from_bytes("long", text.as_bytes());
    let second = document.next(document.first().unwrap()).unwrap();
    let anchor = TextAnchor::capture(&document.paragraph(second).text, second, 3..13);
    let mine = state(&[Record {
        id: "h".into(),
        colour: Colour::Yellow,
        anchor,
        note: None,
        more: Vec::new(),
    }]);
    let dir = temp();
    let store = Store::new(dir.path());
    let id = DocId::of(&document);
    store.save(&id, None, &DocState::default(), &mine).unwrap();
    let (markdown, warnings) =
        keeper::export_highlights(&store, &document, None, export::ExportFormat::Markdown);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(markdown.contains("- ¶ 2 · 0% · #yellow"), "{markdown}");
    assert!(document.counting(), "the whole text was counted first");
}

/// A state file as liseuse wrote it before highlights had notes.
const TODAYS_STATE: &str = include_str!("../../tests/fixtures/state-v1.json");

#[test]
fn todays_state_files_load_and_are_saved_byte_for_byte() {
    // Read and written again, not a byte changes: no `note` appears.
    let parsed: DocState = serde_json::from_str(TODAYS_STATE).unwrap();
    assert!(parsed.highlights.iter().all(|r| r.note.is_none()));
    let mut again = serde_json::to_string_pretty(&parsed).unwrap();
    again.push('\n');
    assert_eq!(again, TODAYS_STATE);
    // In a store, it loads as it is: both highlights found in the text,
    // the position too, no warning.
    let document = Document::bundled();
    let dir = temp();
    let store = Store::new(dir.path());
    let id = DocId::of(&document);
    let file = store.doc_path(&id);
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    fs::write(&file, TODAYS_STATE).unwrap();
    let loaded = store.load(&id, None);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert!(!loaded.read_only && !loaded.migrated);
    assert!(loaded.state.position.unwrap().locate(&document).is_some());
    let (highlights, warnings) = keeper::load_highlights(&store, &document, None);
    assert!(warnings.is_empty(), "{warnings:?}");
    let found: Vec<(&str, Colour, bool)> = highlights
        .iter()
        .map(|h| (h.anchor.quote.as_str(), h.colour, h.place.is_some()))
        .collect();
    assert_eq!(found[0], ("Kim Jong Un", Colour::Yellow, true));
    assert_eq!(found[1].1, Colour::Green);
    assert!(found[1].0.starts_with("L’agence de presse") && found[1].2);
    assert!(highlights.iter().all(|h| h.note.is_none()));
    // Saved again by this build, without a change: the same bytes.
    let mine = DocState {
        highlights: highlights.iter().map(Highlight::record).collect(),
        ..parsed.clone()
    };
    store.save(&id, None, &parsed, &mine).unwrap();
    assert_eq!(fs::read_to_string(&file).unwrap(), TODAYS_STATE);
}

#[test]
fn a_note_is_saved_and_loaded_with_its_highlight() {
    let mut with = record("n", "Un deux.", Colour::Blue);
    with.note = Some("Une note\nsur deux lignes « et des guillemets ».".into());
    let json = serde_json::to_string(&with).unwrap();
    assert!(
        json.contains("\"note\":\"Une note\\nsur deux lignes"),
        "{json}"
    );
    assert_eq!(serde_json::from_str::<Record>(&json).unwrap(), with);
    let without = serde_json::to_string(&record("n", "Un deux.", Colour::Blue)).unwrap();
    assert!(!without.contains("note"), "{without}");
    // Through the store and back into a highlight.
    let document = Document::from_bytes("t", "Un deux. Trois.".as_bytes());
    let dir = temp();
    let store = Store::new(dir.path());
    let id = DocId::of(&document);
    store
        .save(&id, None, &DocState::default(), &state(&[with.clone()]))
        .unwrap();
    let (highlights, _) = keeper::load_highlights(&store, &document, None);
    assert_eq!(highlights[0].note, with.note);
    assert_eq!(highlights[0].record(), with);
}

#[test]
fn one_readers_note_and_another_readers_colour_are_both_kept() {
    let dir = temp();
    let store = Store::new(dir.path());
    let shared = state(&[record("h", "Zéro", Colour::Yellow)]);
    store
        .save(&id(), None, &DocState::default(), &shared)
        .unwrap();
    let base = store.load(&id(), None).state;
    // A writes a note; B, not having seen it, recolours the highlight.
    let mut mine_a = base.clone();
    mine_a.highlights[0].note = Some("une note".into());
    let mut mine_b = base.clone();
    mine_b.highlights[0].colour = Colour::Pink;
    store.save(&id(), None, &base, &mine_a).unwrap();
    let merged = store.save(&id(), None, &base, &mine_b).unwrap();
    assert_eq!(merged.highlights.len(), 1);
    assert_eq!(merged.highlights[0].colour, Colour::Pink);
    assert_eq!(merged.highlights[0].note.as_deref(), Some("une note"));
    // A then removes the note; B's colour stays.
    let merged = store.save(&id(), None, &mine_a, &base).unwrap();
    assert_eq!(merged.highlights[0].note, None);
    assert_eq!(merged.highlights[0].colour, Colour::Pink);
}
