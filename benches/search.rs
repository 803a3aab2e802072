//! Criterion benchmarks of search on War and Peace from `../shared/corpus/`
//! (skipped with a notice when it is absent): finding and counting every
//! match of a common word, a rare word, and an accent-folded query
//! (`natasha` finds `Natásha`), as a reader's search does (throughput in
//! MB/s of the book).

mod corpus;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use liseuse::document::Document;
use liseuse::search::find_all;

fn benches(c: &mut Criterion) {
    // The heaps as the binary sets them (its threads share one).
    liseuse::load::limit_heaps();
    let Some(bytes) = corpus::war_and_peace("search") else {
        return;
    };
    let doc = Document::from_bytes("w", &bytes);
    let mut group = c.benchmark_group("search_whole_book");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.sample_size(10);
    for (name, query) in [
        ("common", "prince"),
        ("rare", "buttonhole"),
        ("accent_folded", "natasha"),
    ] {
        group.bench_with_input(BenchmarkId::new(name, query), &query, |b, &query| {
            b.iter(|| find_all(&doc, black_box(query)).len())
        });
    }
    group.finish();
}

criterion_group!(search, benches);
criterion_main!(search);
