//! Writes the man page and the shell completions from the command line's
//! definition ([`liseuse::cli::Cli`]):
//!
//! ```sh
//! cargo run --example gen-docs
//! ```
//!
//! writes `doc/liseuse.1` and `completions/liseuse.{bash,zsh,fish}`, which
//! are committed; `tests/docs.rs` fails when they are out of date. The
//! generators (clap_mangen, clap_complete) are dev-dependencies, so the
//! `liseuse` binary does not carry them.

use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::Shell;
use liseuse::cli::Cli;

/// The generated files: their paths under the crate's root, and contents.
pub fn generated() -> std::io::Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut files = Vec::new();
    let mut man = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut man)?;
    files.push((PathBuf::from("doc/liseuse.1"), man));
    for (shell, extension) in [
        (Shell::Bash, "bash"),
        (Shell::Zsh, "zsh"),
        (Shell::Fish, "fish"),
    ] {
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "liseuse", &mut script);
        files.push((
            PathBuf::from(format!("completions/liseuse.{extension}")),
            script,
        ));
    }
    Ok(files)
}

#[allow(dead_code)]
fn main() -> std::io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (path, contents) in generated()? {
        let path = root.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, contents)?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
