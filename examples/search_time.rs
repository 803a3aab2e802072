//! Times whole-text searches of a file, as the reader runs them (on up to
//! four cores), and prints each run and the median:
//!
//! ```sh
//! cargo run --release --example search_time -- FILE QUERY [RUNS]
//! ```
//!
//! The first run also maps the file's pages into the process, as the
//! reader's first search does.

use std::time::Instant;

use anyhow::{Context, Result, bail};
use liseuse::document::{Document, Options};

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(query)) = (args.next(), args.next()) else {
        bail!("usage: search_time FILE QUERY [RUNS]");
    };
    let runs: usize = match args.next() {
        Some(runs) => runs.parse().context("RUNS is a number")?,
        None => 3,
    };
    let document = Document::open(path.as_ref(), Options::default())?;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let matches = liseuse::search::find_all(&document, &query);
        let time = start.elapsed().as_secs_f64() * 1e3;
        eprint!("{} matches {time:.1} ms; ", matches.len());
        times.push(time);
    }
    times.sort_by(f64::total_cmp);
    eprintln!("\nmedian {:.1} ms", times[times.len() / 2]);
    Ok(())
}
