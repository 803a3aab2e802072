//! Criterion benchmarks of the core on War and Peace from
//! `../shared/corpus/` (skipped with a notice when it is absent): loading,
//! laying out the whole book, the paragraph index (a full pass, and a fresh
//! document entered at its end or middle), and whole frames of the reader.
//! Documents are built from bytes in memory, so each includes a copy of the
//! book.

mod corpus;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use liseuse::app::App;
use liseuse::document::Document;
use liseuse::language::Language;
use liseuse::layout::{Typesetting, wrap};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn benches(c: &mut Criterion) {
    let Some(bytes) = corpus::war_and_peace("layout") else {
        return;
    };
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
    let plain = Typesetting::default();
    let hyphenated = Typesetting {
        language: Language::from_code("en"),
        hyphenate: true,
        indent: false,
    };
    for (name, setting) in [("plain", plain), ("hyphenated", hyphenated)] {
        for width in [40, 70, 120] {
            let id = BenchmarkId::new(name, width);
            layout.bench_with_input(id, &width, |b, &width| {
                b.iter(|| {
                    doc.iter()
                        .map(|(_, p)| wrap(&p, width, &setting).len())
                        .sum::<usize>()
                })
            });
        }
    }
    layout.finish();

    let mut index = c.benchmark_group("paragraph_index");
    index.throughput(Throughput::Bytes(bytes.len() as u64));
    index.sample_size(10);
    index.bench_function("split_whole_book", |b| b.iter(|| doc.iter().count()));
    index.finish();
    let mut index = c.benchmark_group("paragraph_index_entry");
    index.bench_function("open_and_find_the_end", |b| {
        b.iter(|| {
            let doc = Document::from_bytes("w", &bytes);
            doc.last()
        })
    });
    index.bench_function("paragraph_at_middle_fresh", |b| {
        b.iter(|| {
            let doc = Document::from_bytes("w", &bytes);
            doc.paragraph_at(bytes.len() / 2)
        })
    });
    index.finish();

    let mut screen = c.benchmark_group("screen");
    screen.bench_function("bottom_then_frame_120x40", |b| {
        b.iter(|| {
            let mut app = App::new(Document::from_bytes("w", &bytes), 70, 120, 40);
            app.update(liseuse::action::Action::Bottom);
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
            terminal
                .draw(|f| f.render_widget(&app, f.area()))
                .expect("draw");
        })
    });
    screen.bench_function("resize_then_frame_80x30", |b| {
        let mut app = App::new(Document::from_bytes("w", &bytes), 70, 120, 40);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
        let mut wide = false;
        b.iter(|| {
            wide = !wide;
            let (w, h) = if wide { (120, 40) } else { (80, 30) };
            app.update(liseuse::action::Action::Resize(w, h));
            terminal.backend_mut().resize(w, h);
            terminal
                .draw(|f| f.render_widget(&app, f.area()))
                .expect("draw");
        })
    });
    screen.finish();

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
