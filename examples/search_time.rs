#![allow(clippy::unwrap_used, missing_docs)]
use liseuse::document::{Document, Options};
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let query = std::env::args().nth(2).unwrap();
    let runs: usize = std::env::args().nth(3).map_or(3, |r| r.parse().unwrap());
    let doc = Document::open(path.as_ref(), Options::default()).unwrap();
    let mut times = Vec::new();
    for _ in 0..runs {
        let s = Instant::now();
        let m = liseuse::search::find_all(&doc, &query);
        times.push(s.elapsed().as_secs_f64() * 1e3);
        eprint!("{} matches {:.1} ms; ", m.len(), times.last().unwrap());
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    eprintln!("\nmedian {:.1} ms", times[times.len() / 2]);
}
