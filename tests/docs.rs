//! The committed man page and shell completions match the command line.

#[path = "../examples/gen-docs.rs"]
mod gen_docs;

#[test]
fn man_page_and_completions_are_up_to_date() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stale = Vec::new();
    for (path, contents) in gen_docs::generated().expect("generate") {
        let committed = std::fs::read(root.join(&path)).unwrap_or_default();
        if committed != contents {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "out of date: {}; run `cargo run --example gen-docs` and commit the result",
        stale.join(", ")
    );
}

#[test]
fn the_man_page_documents_every_option() {
    let (_, man) = gen_docs::generated()
        .expect("generate")
        .into_iter()
        .find(|(path, _)| path.ends_with("liseuse.1"))
        .expect("a man page");
    let man = String::from_utf8(man).expect("UTF-8");
    for option in [
        "\\-\\-wpm",
        "\\-\\-theme",
        "\\-\\-print\\-config",
        "\\-\\-config",
        "\\-\\-width",
    ] {
        assert!(man.contains(option), "{option} missing");
    }
}
