//! Times each stage a web page goes through before its first frame, and
//! prints the median of each over the runs:
//!
//! ```sh
//! cargo run --release --example page_time -- PAGE.html [RUNS]
//! ```
//!
//! The stages are the ones `Document::open` runs for a page in reader
//! mode: decoding, cutting what reader mode drops, html5ever's parse,
//! Readability's scoring and cleaning, and laying the blocks out as one
//! text; the last line times `Document::open` whole. For comparison, it
//! also times what the page cost before it was stripped (the whole page
//! parsed and scored) and the second parse the article used to need.

use std::time::Instant;

use anyhow::{Context, Result, bail};
use dom_smoothie::Readability;
use liseuse::document::format::html::convert::blocks_from_html;
use liseuse::document::format::html::inert::strip_inert;
use liseuse::document::format::reader_mode::{decode, extract};
use liseuse::document::format::{Format, read};
use liseuse::document::structure::lay;
use liseuse::document::{Document, Options};

/// Milliseconds since `start`.
fn since(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1e3
}

/// The median of `times`.
fn median(times: &mut [f64]) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        bail!("usage: page_time PAGE.html [RUNS]");
    };
    let runs: usize = match args.next() {
        Some(runs) => runs.parse().context("RUNS is a number")?,
        None => 11,
    };
    let bytes = std::fs::read(&path)?;
    let names = [
        "decode",
        "strip_inert (scripts, styles, comments, SVG, white space)",
        "  html5ever parse of the stripped page (dom_query)",
        "  readability on it (scoring, cleaning, serializing)",
        "extract (strip + parse + readability + blocks from its tree)",
        "  for comparison: html5ever parse of the whole page",
        "  for comparison: readability on the whole page",
        "  for comparison: blocks_from_html (the article parsed again)",
        "format::read (decode + extract + title)",
        "lay",
        "Document::open (whole)",
    ];
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); names.len()];
    let mut sizes = (0, 0, 0, 0);
    for _ in 0..runs.max(1) {
        let mut time = |stage: usize, start: Instant| times[stage].push(since(start));
        let start = Instant::now();
        let (html, _) = decode(&bytes);
        time(0, start);
        let start = Instant::now();
        let stripped = strip_inert(&html);
        time(1, start);
        let start = Instant::now();
        let document = dom_query::Document::from(stripped.as_ref());
        time(2, start);
        let start = Instant::now();
        let found = Readability::with_document(document, None, None)?.parse()?;
        time(3, start);
        drop(found);
        let start = Instant::now();
        let article = extract(&html, false);
        time(4, start);
        let start = Instant::now();
        let document = dom_query::Document::from(html.as_str());
        time(5, start);
        let start = Instant::now();
        let found = Readability::with_document(document, None, None)?.parse()?;
        time(6, start);
        drop(found);
        let start = Instant::now();
        let blocks = blocks_from_html(&article.html);
        time(7, start);
        sizes = (html.len(), stripped.len(), article.html.len(), blocks.len());
        let start = Instant::now();
        let (structured, _) =
            read(Format::Html, &path, &bytes, &Options::default()).map_err(anyhow::Error::msg)?;
        time(8, start);
        let start = Instant::now();
        let laid = lay(structured);
        time(9, start);
        drop(laid);
        let start = Instant::now();
        let document = Document::open(path.as_ref(), Options::default())?;
        time(10, start);
        drop(document);
    }
    println!(
        "{path}: {} bytes of text, {} stripped, article {} bytes, {} blocks; medians of {runs} runs",
        sizes.0, sizes.1, sizes.2, sizes.3
    );
    for (name, times) in names.iter().zip(&mut times) {
        println!("{:>8.2} ms  {name}", median(times));
    }
    Ok(())
}
