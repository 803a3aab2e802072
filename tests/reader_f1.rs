//! How well reader mode keeps the article of a real web page: for each of
//! the 25 saved pages of Mozilla Readability's test suite in
//! `../shared/formats/html/` (skipped with a notice when absent), the
//! word-level F1 of the words liseuse shows (the whole document it opens,
//! title and byline included) against the words of `expected.html`, the
//! article Readability keeps. Prints the table; asserts the floor the
//! pipeline meets, so that a regression shows.
//!
//! Words are lower-cased runs of letters and digits; a CJK character is a
//! word of its own (those scripts put no spaces between words). F1 is
//! over the multisets: precision = common / shown, recall = common /
//! expected.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::path::Path;

use liseuse::document::format::html::convert::blocks_from_html;
use liseuse::document::{Document, Options};

/// The words of `text`, counted.
fn words(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    let mut word = String::new();
    let flush = |word: &mut String, counts: &mut HashMap<String, usize>| {
        if !word.is_empty() {
            *counts.entry(std::mem::take(word)).or_insert(0) += 1;
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() && u32::from(c) >= 0x2E80 {
            flush(&mut word, &mut counts);
            word.push(c);
            flush(&mut word, &mut counts);
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else {
            flush(&mut word, &mut counts);
        }
    }
    flush(&mut word, &mut counts);
    counts
}

/// Word-level F1 of `shown` against `expected`.
fn f1(shown: &str, expected: &str) -> f64 {
    let (shown, expected) = (words(shown), words(expected));
    let total = |counts: &HashMap<String, usize>| counts.values().sum::<usize>() as f64;
    let common: usize = shown
        .iter()
        .map(|(word, n)| (*n).min(expected.get(word).copied().unwrap_or(0)))
        .sum();
    if common == 0 {
        return 0.0;
    }
    let precision = common as f64 / total(&shown);
    let recall = common as f64 / total(&expected);
    2.0 * precision * recall / (precision + recall)
}

#[test]
fn word_f1_counts_what_is_shared() {
    assert_eq!(f1("a b c", "a b c"), 1.0);
    assert_eq!(f1("x y", "a b"), 0.0);
    // Half the words shown are expected, all the expected are shown.
    let score = f1("a b c d", "a b");
    assert!((score - 2.0 / 3.0).abs() < 1e-9, "{score}");
    // CJK characters are words of their own.
    assert_eq!(words("吾輩は猫").len(), 4);
    assert_eq!(words("Le Chat, le chat")["chat"], 2);
}

#[test]
fn reader_mode_keeps_the_article_of_real_pages() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/formats/html");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    };
    let mut pages: Vec<_> = entries
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.join("source.html").is_file() && path.join("expected.html").is_file())
        .collect();
    pages.sort();
    let mut scores = Vec::new();
    println!("| page | F1 |\n|---|---|");
    for page in &pages {
        let doc = Document::open(&page.join("source.html"), Options::default()).unwrap();
        let shown: Vec<String> = doc.iter().map(|(_, p)| p.text).collect();
        let expected_html = std::fs::read_to_string(page.join("expected.html")).unwrap();
        let expected: Vec<String> = blocks_from_html(&expected_html)
            .into_iter()
            .map(|b| b.text)
            .collect();
        let score = f1(&shown.join("\n"), &expected.join("\n"));
        let name = page.file_name().unwrap().to_string_lossy().into_owned();
        println!("| {name} | {score:.3} |");
        scores.push((name, score));
    }
    if scores.is_empty() {
        eprintln!("skipped: no page in {}", dir.display());
        return;
    }
    let mean = scores.iter().map(|(_, s)| s).sum::<f64>() / scores.len() as f64;
    let (worst, lowest) = scores
        .iter()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(n, s)| (n.clone(), *s))
        .unwrap();
    println!(
        "mean {mean:.3}, lowest {lowest:.3} ({worst}), {} pages",
        scores.len()
    );
    assert!(mean >= FLOOR_MEAN, "mean F1 {mean:.3}");
    assert!(lowest >= FLOOR_LOWEST, "{worst}: F1 {lowest:.3}");
}

/// The mean F1 the pipeline is held to (0.990 measured on 2026-12-03).
const FLOOR_MEAN: f64 = 0.98;

/// The lowest page F1 it is held to (0.962 measured, folha).
const FLOOR_LOWEST: f64 = 0.95;
