//! The corpus text the criterion benchmarks run on.

use std::path::PathBuf;

/// War and Peace from `../shared/corpus/`, or `None` (with a notice naming
/// the `benchmarks` skipped) when it is absent.
pub fn war_and_peace(benchmarks: &str) -> Option<Vec<u8>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/en_tolstoy_war_and_peace_utf8bom_lf.txt");
    match std::fs::read(&path) {
        Ok(bytes) => Some(bytes),
        Err(_) => {
            eprintln!(
                "{benchmarks} benchmarks skipped: {} is absent",
                path.display()
            );
            None
        }
    }
}
