//! The command line: every option of `liseuse`, grouped as `--help` shows
//! them.
//!
//! It lives in the library so that tests and the documentation generator
//! (`cargo run --example gen-docs`: the man page and the shell
//! completions) read the same definition as the binary, through
//! [`clap::CommandFactory::command`]. Options that a configuration file can
//! also set are `Option`s (or pairs such as `--justify`/`--no-justify`), so
//! that "not given" leaves the file's value in force.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::Parser;
use encoding_rs::Encoding;

use crate::config::{MouseChoice, ThemeChoice};
use crate::document::format::Format;
use crate::language::Language;
use crate::state::export::ExportFormat;

/// A full-screen terminal reader for articles and books.
///
/// Without a FILE it reads standard input when that is a pipe or a file,
/// else the bundled article. When standard output is not a terminal it
/// prints the laid-out text. Defaults come from the configuration file
/// (`--print-config` shows it); options given here win.
#[derive(Debug, Clone, Parser)]
#[command(name = "liseuse", version, about, long_about)]
pub struct Cli {
    /// Text to read; `-` reads standard input. Without it: standard input
    /// when it is a pipe or a file, else the bundled article.
    pub file: Option<PathBuf>,

    /// Open at the top, not where the document was left.
    #[arg(long, help_heading = "Reading")]
    pub from_start: bool,

    /// Read the file again whenever it changes (R does it by hand); at the
    /// end of the text, the view follows what is added, as tail -f does.
    #[arg(short = 'F', long, help_heading = "Reading")]
    pub follow: bool,

    /// Reading speed in words per minute, for the time left in the status
    /// line [default: the configuration's, else 230].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..), help_heading = "Reading")]
    pub wpm: Option<u32>,

    /// Colours: dark, light, or auto (asks the terminal its background)
    /// [default: the configuration's, else auto]. NO_COLOR wins over any.
    #[arg(long, value_name = "THEME", help_heading = "Reading")]
    pub theme: Option<ThemeChoice>,

    /// The mouse: select (the reader takes it: drag selects, the wheel
    /// scrolls), scroll (the terminal keeps it; the wheel scrolls), or off
    /// [default: the configuration's, else select].
    #[arg(long, value_name = "MOUSE", help_heading = "Reading")]
    pub mouse: Option<MouseChoice>,

    /// Measure: the width of the text column in columns, 0 for the whole
    /// window [default: the one chosen with + and -, else the
    /// configuration's, else 70].
    #[arg(short, long, value_name = "COLUMNS", help_heading = "Typography")]
    pub width: Option<u16>,

    /// The text's language, as an ISO 639-1 code (fr, en, de…), instead of
    /// the one detected; typography (hyphenation, French spacing) follows
    /// it.
    #[arg(short, long, value_name = "CODE", value_parser = parse_language, help_heading = "Typography")]
    pub lang: Option<Language>,

    /// Hyphenate words at line ends (the default; Y toggles it in the
    /// reader).
    #[arg(long, overrides_with = "no_hyphenate", help_heading = "Typography")]
    pub hyphenate: bool,

    /// Do not hyphenate words.
    #[arg(long, overrides_with = "hyphenate", help_heading = "Typography")]
    pub no_hyphenate: bool,

    /// Justify lines to both edges of the column (J toggles it).
    #[arg(
        short,
        long,
        overrides_with = "no_justify",
        help_heading = "Typography"
    )]
    pub justify: bool,

    /// Leave lines ragged on the right (the default).
    #[arg(long, overrides_with = "justify", help_heading = "Typography")]
    pub no_justify: bool,

    /// Mark paragraphs with a first-line indent instead of a blank line.
    #[arg(long, overrides_with = "no_indent", help_heading = "Typography")]
    pub indent: bool,

    /// Separate paragraphs with a blank line (the default).
    #[arg(long, overrides_with = "indent", help_heading = "Typography")]
    pub no_indent: bool,

    /// Open at the first match of PATTERN, matches highlighted (also
    /// written `+/PATTERN`, as in less); in plain output, print only the
    /// paragraphs that match (exit 1 when none does).
    #[arg(short, long, value_name = "PATTERN", help_heading = "Search")]
    pub search: Option<String>,

    /// Read the text in this encoding (a WHATWG label such as latin1,
    /// windows-1252, shift_jis, gbk, utf-16le) instead of the one detected.
    #[arg(short, long, value_name = "LABEL", value_parser = parse_encoding, help_heading = "Input")]
    pub encoding: Option<&'static Encoding>,

    /// Read the document as this format (text, markdown, html, epub)
    /// instead of the one its extension or first bytes say.
    #[arg(long, value_name = "FORMAT", value_parser = parse_format, help_heading = "Input")]
    pub format: Option<Format>,

    /// Show a web page's whole text instead of the article reader mode
    /// keeps.
    #[arg(long, help_heading = "Input")]
    pub full_page: bool,

    /// Show terminal escape sequences (colours, titles…) as visible
    /// symbols instead of removing them.
    #[arg(long, help_heading = "Input")]
    pub show_escapes: bool,

    /// Show a file that looks binary without asking (plain output refuses
    /// such files otherwise).
    #[arg(long, help_heading = "Input")]
    pub binary: bool,

    /// Read the configuration from FILE instead of
    /// $XDG_CONFIG_HOME/liseuse/config.toml (also LISEUSE_CONFIG).
    #[arg(long, value_name = "FILE", help_heading = "State")]
    pub config: Option<PathBuf>,

    /// Keep reading positions and highlights in DIR (default: the XDG state
    /// directory, ~/.local/state/liseuse; also LISEUSE_STATE_DIR).
    #[arg(long, value_name = "DIR", help_heading = "State")]
    pub state_dir: Option<PathBuf>,

    /// Print the laid-out text and exit (the default when standard output
    /// is not a terminal).
    #[arg(short, long, help_heading = "Output")]
    pub plain: bool,

    /// Print the effective configuration (file and options, with comments
    /// and every key binding) as a configuration file, and exit.
    #[arg(long, help_heading = "Output")]
    pub print_config: bool,

    /// Print the highlights of the document FILE (`-`: standard input) and
    /// exit: as Markdown with YAML front matter (for Obsidian, Logseq…),
    /// or as JSON (see --export-format).
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub export_highlights: Option<PathBuf>,

    /// The form of --export-highlights: markdown (front matter, a section
    /// per heading, each highlight quoted with its note, place and colour
    /// tag) or json (the same as one object).
    #[arg(
        long,
        value_name = "FORMAT",
        value_enum,
        default_value = "markdown",
        requires = "export_highlights",
        help_heading = "Output"
    )]
    pub export_format: ExportFormat,
}

impl Cli {
    /// Parses `args` (the program's name first), taking less's
    /// `+/PATTERN` for `--search PATTERN`; exits with clap's message on a
    /// bad command line, as [`Parser::parse_from`] does.
    pub fn parse_args(args: impl IntoIterator<Item = OsString>) -> Cli {
        let mut pattern = None;
        let args: Vec<OsString> = args
            .into_iter()
            .filter(
                |arg| match arg.to_str().and_then(|a| a.strip_prefix("+/")) {
                    Some(found) if pattern.is_none() => {
                        pattern = Some(found.to_owned());
                        false
                    }
                    _ => true,
                },
            )
            .collect();
        let mut cli = Cli::parse_from(args);
        if cli.search.is_none() {
            cli.search = pattern;
        }
        cli
    }

    /// Hyphenation as asked on the command line, if it was.
    pub fn hyphenate(&self) -> Option<bool> {
        either(self.hyphenate, self.no_hyphenate)
    }

    /// Justification as asked on the command line, if it was.
    pub fn justify(&self) -> Option<bool> {
        either(self.justify, self.no_justify)
    }

    /// First-line indents as asked on the command line, if they were.
    pub fn indent(&self) -> Option<bool> {
        either(self.indent, self.no_indent)
    }
}

/// `Some(true)` for the flag, `Some(false)` for its `--no-` counterpart
/// (the last given wins, so at most one is set), `None` for neither.
fn either(yes: bool, no: bool) -> Option<bool> {
    match (yes, no) {
        (true, _) => Some(true),
        (false, true) => Some(false),
        (false, false) => None,
    }
}

/// The language named by an ISO 639-1 code.
pub fn parse_language(code: &str) -> Result<Language, String> {
    Language::from_code(code).ok_or_else(|| {
        format!("unknown language '{code}' (an ISO 639-1 code such as fr, en, de, es, it)")
    })
}

/// The format named `name`.
pub fn parse_format(name: &str) -> Result<Format, String> {
    Format::named(name)
        .ok_or_else(|| format!("unknown format '{name}' (text, markdown, html, epub)"))
}

/// The encoding named by a WHATWG label.
pub fn parse_encoding(label: &str) -> Result<&'static Encoding, String> {
    Encoding::for_label(label.trim().as_bytes())
        .ok_or_else(|| format!("unknown encoding '{label}' (try utf-8, latin1, shift_jis, gbk)"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn parse(args: &[&str]) -> Cli {
        Cli::parse_args(
            std::iter::once("liseuse")
                .chain(args.iter().copied())
                .map(OsString::from),
        )
    }

    #[test]
    fn the_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn less_style_search_is_taken_for_the_search_option() {
        let cli = parse(&["+/choigou", "book.txt"]);
        assert_eq!(cli.search.as_deref(), Some("choigou"));
        assert_eq!(cli.file, Some(PathBuf::from("book.txt")));
        let cli = parse(&["-s", "a", "+/b"]);
        assert_eq!(cli.search.as_deref(), Some("a"));
    }

    #[test]
    fn toggles_say_when_they_were_not_given() {
        let cli = parse(&[]);
        assert_eq!(
            (cli.hyphenate(), cli.justify(), cli.indent()),
            (None, None, None)
        );
        assert_eq!((cli.width, cli.wpm, cli.theme), (None, None, None));
        let cli = parse(&["--no-hyphenate", "-j", "--indent", "--no-indent"]);
        assert_eq!(cli.hyphenate(), Some(false));
        assert_eq!(cli.justify(), Some(true));
        assert_eq!(cli.indent(), Some(false), "the last one given wins");
        let cli = parse(&["--theme", "light", "--wpm", "180", "-w", "60"]);
        assert_eq!(cli.theme, Some(ThemeChoice::Light));
        assert_eq!((cli.wpm, cli.width), (Some(180), Some(60)));
    }

    #[test]
    fn help_groups_every_option_under_a_heading_and_documents_it() {
        let command = Cli::command();
        for arg in command.get_arguments() {
            if arg.is_positional() || ["help", "version"].contains(&arg.get_id().as_str()) {
                continue;
            }
            assert!(arg.get_help_heading().is_some(), "{:?}", arg.get_id());
            assert!(arg.get_help().is_some(), "{:?}", arg.get_id());
        }
        assert!(
            Cli::try_parse_from(["liseuse", "--wpm", "0"]).is_err(),
            "a speed of zero"
        );
    }
}
