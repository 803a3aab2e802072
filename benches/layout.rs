//! Criterion benchmarks of the core: loading and laying out War and Peace
//! from `../shared/corpus/` (skipped with a notice when it is absent), and
//! one full frame of the reader.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use liseuse::app::App;
use liseuse::document::Document;
use liseuse::layout::wrap;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn war_and_peace() -> Option<Vec<u8>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/en_tolstoy_war_and_peace_utf8bom_lf.txt");
    match std::fs::read(&path) {
        Ok(bytes) => Some(bytes),
        Err(_) => {
            eprintln!("layout benchmarks skipped: {} is absent", path.display());
            None
        }
    }
}

fn benches(c: &mut Criterion) {
    let Some(bytes) = war_and_peace() else { return };
    let mut load = c.benchmark_group("load");
    load.throughput(Throughput::Bytes(bytes.len() as u64));
    load.sample_size(20);
    load.bench_function("war_and_peace", |b| {
        b.iter(|| Document::from_bytes("w", black_box(&bytes)))
    });
    load.finish();

    let doc = Document::from_bytes("w", &bytes);
    let mut layout = c.benchmark_group("layout_whole_book");
    layout.throughput(Throughput::Bytes(bytes.len() as u64));
    layout.sample_size(10);
    for width in [40, 70, 120] {
        layout.bench_with_input(BenchmarkId::from_parameter(width), &width, |b, &width| {
            b.iter(|| {
                doc.iter()
                    .map(|(_, p)| wrap(&p, width).len())
                    .sum::<usize>()
            })
        });
    }
    layout.finish();

    let mut frame = c.benchmark_group("frame");
    frame.bench_function("first_frame_120x40", |b| {
        b.iter(|| {
            let app = App::new(Document::from_bytes("w", &bytes), 70, 120, 40);
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
            terminal
                .draw(|f| f.render_widget(&app, f.area()))
                .expect("draw");
        })
    });
    frame.bench_function("page_down_then_frame_120x40", |b| {
        let mut app = App::new(Document::from_bytes("w", &bytes), 70, 120, 40);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
        b.iter(|| {
            app.update(liseuse::action::Action::PageDown);
            terminal
                .draw(|f| f.render_widget(&app, f.area()))
                .expect("draw");
        })
    });
    frame.finish();
}

criterion_group!(layout_benches, benches);
criterion_main!(layout_benches);
