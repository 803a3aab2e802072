//! The lazy paragraph index agrees with a pass from the start: whatever
//! point a fresh document is entered from (a paragraph, any byte, the end),
//! it finds the same paragraphs, neighbours and numbers. Texts include
//! giant blocks and lines longer than `BLOCK_LIMIT`, which are cut.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liseuse::document::Document;
use liseuse::document::index::Count;
use liseuse::document::paragraphs::BLOCK_LIMIT;
use proptest::prelude::*;

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-zé]{1,12}".prop_map(|w| w + " "),
        2 => Just("\n".to_owned()),
        2 => Just("\n\n".to_owned()),
        1 => Just("\r\n".to_owned()),
        1 => Just("\r".to_owned()),
        1 => Just("   indented\n".to_owned()),
        1 => Just("```\n".to_owned()),
        1 => Just("吾輩は猫である。".to_owned()),
        1 => Just("| a | b |\n".to_owned()),
        1 => Just("\x0c\n".to_owned()),
        1 => Just("\u{1b}[0K\n".to_owned()),
        1 => Just("\u{1b}[1mgras\u{1b}[0m ".to_owned()),
    ]
}

/// A text of `pieces`, optionally stretched past the block limit by long
/// runs (no blank line, or no line end at all).
fn text(max_pieces: usize) -> impl Strategy<Value = String> {
    (
        prop::collection::vec(piece(), 0..max_pieces),
        prop_oneof![
            3 => Just(None),
            1 => Just(Some("lorem ipsum dolor\n")),
            1 => Just(Some("x")),
            1 => Just(Some("Une longue ligne sans fin ")),
        ],
        0usize..4,
    )
        .prop_map(|(pieces, filler, at)| {
            let mut text = pieces.concat();
            if let Some(filler) = filler {
                let run = filler.repeat(BLOCK_LIMIT * 5 / 2 / filler.len());
                let at = (text.len() * at / 4..=text.len())
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(text.len());
                text.insert_str(at, &run);
            }
            text
        })
}

/// Words as a reader counts them: runs between white space, and every
/// kana or CJK ideograph on its own.
fn words(text: &str) -> usize {
    let cjk = |c: char| ('\u{3000}'..='\u{9FFF}').contains(&c);
    text.split_ascii_whitespace()
        .map(|token| {
            let ideographs = token.chars().filter(|&c| cjk(c)).count();
            let runs = token.split(cjk).filter(|run| !run.is_empty()).count();
            ideographs + runs
        })
        .sum()
}

/// The paragraph ids of a pass from the start.
fn sequential(text: &str) -> Vec<usize> {
    Document::from_bytes("t", text.as_bytes())
        .iter()
        .map(|(id, _)| id)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        max_shrink_time: 60_000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn neighbours_agree_from_any_paragraph(text in text(60), picks in prop::collection::vec(any::<prop::sample::Index>(), 1..6)) {
        let ids = sequential(&text);
        prop_assume!(!ids.is_empty());
        for pick in picks {
            let i = pick.index(ids.len());
            let doc = Document::from_bytes("t", text.as_bytes());
            prop_assert_eq!(doc.next(ids[i]), ids.get(i + 1).copied(), "next of ¶{}", i);
            let doc = Document::from_bytes("t", text.as_bytes());
            let previous = i.checked_sub(1).map(|p| ids[p]);
            prop_assert_eq!(doc.previous(ids[i]), previous, "previous of ¶{}", i);
        }
        let doc = Document::from_bytes("t", text.as_bytes());
        prop_assert_eq!(doc.last(), ids.last().copied());
        prop_assert_eq!(doc.first(), ids.first().copied());
    }

    #[test]
    fn any_byte_lands_on_a_paragraph_of_the_pass(text in text(60), picks in prop::collection::vec(any::<prop::sample::Index>(), 1..6)) {
        let ids = sequential(&text);
        prop_assume!(!ids.is_empty());
        for pick in picks {
            let byte = pick.index(text.len() + 1);
            let doc = Document::from_bytes("t", text.as_bytes());
            let found = doc.paragraph_at(byte).unwrap();
            prop_assert!(ids.contains(&found), "byte {} gave {} not in {:?}", byte, found, ids);
            // Walking back from there reaches the first paragraph through
            // exactly the paragraphs of the pass.
            let index = ids.iter().position(|&id| id == found).unwrap();
            let mut id = found;
            for expected in ids[..index].iter().rev().take(5) {
                id = doc.previous(id).unwrap();
                prop_assert_eq!(id, *expected);
            }
        }
    }

    #[test]
    fn numbers_are_positions_in_the_pass(text in text(60)) {
        let ids = sequential(&text);
        let doc = Document::from_bytes("t", text.as_bytes());
        // Wait for the count (texts over the synchronous limit are counted
        // on a thread).
        while doc.counting() {
            std::thread::yield_now();
        }
        prop_assert_eq!(doc.paragraph_total(), Count::Exact(ids.len()));
        for (i, &id) in ids.iter().enumerate().step_by(7) {
            prop_assert_eq!(doc.number_of(id), Count::Exact(i + 1));
            prop_assert_eq!(doc.nth(i + 1), Some((id, true)));
        }
    }

    #[test]
    fn words_are_counted_before_any_byte(text in text(60), picks in prop::collection::vec(any::<prop::sample::Index>(), 1..6)) {
        let doc = Document::from_bytes("t", text.as_bytes());
        doc.start_counting();
        while doc.counting() {
            std::thread::yield_now();
        }
        prop_assert_eq!(doc.word_total(), Count::Exact(words(&text)));
        for pick in picks {
            let mut byte = pick.index(text.len() + 1);
            while !text.is_char_boundary(byte) {
                byte -= 1;
            }
            prop_assert_eq!(doc.words_before(byte), Count::Exact(words(&text[..byte])), "before {}", byte);
        }
    }
}

#[test]
fn words_are_estimated_until_counted() {
    let text = "deux mots\n\n".repeat(20_000);
    let doc = Document::from_bytes("t", text.as_bytes());
    // Not counted yet: a guess from the size, said to be one.
    assert!(matches!(doc.word_total(), Count::Estimate(n) if n > 0));
    assert!(matches!(
        doc.words_before(text.len() / 2),
        Count::Estimate(_)
    ));
    doc.start_counting();
    while doc.counting() {
        std::thread::yield_now();
    }
    assert_eq!(doc.word_total(), Count::Exact(40_000));
    // Kana and ideographs count one each.
    let japanese = Document::from_bytes("j", "吾輩は猫である。名前はまだ無い。".as_bytes());
    assert_eq!(japanese.word_total(), Count::Exact(16));
    assert_eq!(doc.words_before(text.len() / 2), Count::Exact(20_000));
}

#[test]
fn a_giant_block_ending_on_the_grid_has_a_last_paragraph() {
    // No blank line, and a length that is a multiple of the block limit
    // (as `yes | liseuse` cut at 256 MiB is).
    let text = "y\n".repeat(3 * BLOCK_LIMIT / 2);
    assert_eq!(text.len() % BLOCK_LIMIT, 0);
    let doc = Document::from_bytes("t", text.as_bytes());
    let last = doc.iter().map(|(id, _)| id).last();
    assert!(last.is_some());
    assert_eq!(doc.last(), last);
    let fresh = Document::from_bytes("t", text.as_bytes());
    assert_eq!(fresh.paragraph_at(text.len()), last);
}

#[test]
fn a_line_longer_than_the_limit_is_cut_into_pieces_drawn_without_gaps() {
    let line = "A".repeat(BLOCK_LIMIT * 3 + 100);
    let doc = Document::from_bytes("t", format!("{line}\n").as_bytes());
    let ids: Vec<usize> = doc.iter().map(|(id, _)| id).collect();
    assert_eq!(ids.len(), 4);
    assert_eq!(&ids[1..], [BLOCK_LIMIT, 2 * BLOCK_LIMIT, 3 * BLOCK_LIMIT]);
    assert!(doc.gap_before(ids[0]));
    assert!(ids[1..].iter().all(|&id| !doc.gap_before(id)));
    let joined: String = doc.iter().map(|(_, p)| p.text).collect();
    assert_eq!(joined, line);
}
