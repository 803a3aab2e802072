//! The user's configuration file: defaults for the options, and key
//! bindings.
//!
//! The file is `$XDG_CONFIG_HOME/liseuse/config.toml` (or
//! `~/.config/liseuse/config.toml`); `LISEUSE_CONFIG` names another one.
//! Every setting is optional; command-line options win over the file. A
//! file that cannot be read or understood is reported in one line that
//! names the file, the line and the key, and the reader starts with the
//! defaults.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The reading speed assumed when none is set, in words per minute.
pub const DEFAULT_WPM: u32 = 230;

/// Which colours the reader uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    /// Light text on a dark background.
    Dark,
    /// Dark text on a light background.
    Light,
    /// As the terminal's background is, dark when it cannot be told.
    #[default]
    Auto,
}

impl ThemeChoice {
    /// The name used in the file and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ThemeChoice::Dark => "dark",
            ThemeChoice::Light => "light",
            ThemeChoice::Auto => "auto",
        }
    }
}

/// How paragraphs are set apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum ParagraphStyle {
    /// A blank line between paragraphs.
    #[default]
    BlankLine,
    /// The first line of each paragraph indented, as books do.
    Indent,
}

impl ParagraphStyle {
    /// The name used in the file.
    pub fn name(self) -> &'static str {
        match self {
            ParagraphStyle::BlankLine => "blank-line",
            ParagraphStyle::Indent => "indent",
        }
    }
}

/// One `[keys]` entry: an action and the keys the user gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// The action's name, as the help and `--print-config` show it.
    pub action: String,
    /// The keys, as written (`"j"`, `"Ctrl-d"`, `"PgDn"`…).
    pub keys: Vec<String>,
}

/// The settings of a configuration file; `None` where it says nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The measure, in columns (0: the whole window).
    pub width: Option<u16>,
    /// Dark, light, or as the terminal is.
    pub theme: Option<ThemeChoice>,
    /// The language of the texts (ISO 639-1), instead of detecting it.
    pub language: Option<String>,
    /// Whether prose is hyphenated.
    pub hyphenate: Option<bool>,
    /// Whether lines are justified.
    pub justify: Option<bool>,
    /// How paragraphs are set apart.
    pub paragraph_style: Option<ParagraphStyle>,
    /// Reading speed, in words per minute.
    pub wpm: Option<u32>,
    /// Key bindings, in the file's order.
    pub keys: Vec<Binding>,
}

/// The file as written; checked further into a [`Config`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    width: Option<u16>,
    theme: Option<ThemeChoice>,
    language: Option<String>,
    hyphenate: Option<bool>,
    justify: Option<bool>,
    paragraph_style: Option<ParagraphStyle>,
    wpm: Option<u32>,
    #[serde(default)]
    keys: BTreeMap<String, toml::Spanned<toml::Value>>,
}

/// Where the configuration file is: `LISEUSE_CONFIG`, else the XDG
/// configuration directory.
pub fn path() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(path) = var("LISEUSE_CONFIG") {
        return Some(PathBuf::from(path));
    }
    let base = var("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| var("HOME").map(|home| PathBuf::from(home).join(".config")))?;
    Some(base.join("liseuse").join("config.toml"))
}

/// Reads the configuration at `path`: `Ok(None)` when there is no file,
/// an error naming the file, the line and the key when it cannot be used.
/// `check_binding` says why an action name or a key is wrong, if it is.
pub fn load(
    path: &Path,
    check_binding: impl Fn(&str, &str) -> Result<(), String>,
) -> Result<Option<Config>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(format!("{}: {error}", path.display())),
    };
    parse(&text, check_binding)
        .map(Some)
        .map_err(|error| format!("{}: {error}", path.display()))
}

/// Parses a configuration file's text (see [`load`]).
pub fn parse(
    text: &str,
    check_binding: impl Fn(&str, &str) -> Result<(), String>,
) -> Result<Config, String> {
    let raw: RawConfig = toml::from_str(text).map_err(|error| {
        let message = error.message().trim_end_matches('\n').to_owned();
        match error.span() {
            Some(span) => format!("{}: {message}", place(text, span.start)),
            None => message,
        }
    })?;
    if raw.wpm == Some(0) {
        return Err(format!(
            "{}: the reading speed must be at least 1 word per minute",
            place(text, find_key(text, "wpm"))
        ));
    }
    let mut keys = Vec::new();
    for (action, spanned) in raw.keys {
        let at = place(text, spanned.span().start);
        let keys_written = match spanned.into_inner() {
            toml::Value::String(key) => Some(vec![key]),
            toml::Value::Array(keys) => keys
                .into_iter()
                .map(|key| key.as_str().map(str::to_owned))
                .collect(),
            _ => None,
        };
        let Some(keys_written) = keys_written else {
            return Err(format!("{at}: `{action}` takes a key or a list of keys"));
        };
        if keys_written.is_empty() {
            return Err(format!("{at}: `{action}` has no key"));
        }
        for key in &keys_written {
            check_binding(&action, key).map_err(|why| format!("{at}: {why}"))?;
        }
        keys.push(Binding {
            action,
            keys: keys_written,
        });
    }
    keys.sort_by_key(|binding| find_key(text, &binding.action));
    Ok(Config {
        width: raw.width,
        theme: raw.theme,
        language: raw.language,
        hyphenate: raw.hyphenate,
        justify: raw.justify,
        paragraph_style: raw.paragraph_style,
        wpm: raw.wpm,
        keys,
    })
}

/// "line N (`the line`)" for byte `offset` of `text`.
fn place(text: &str, offset: usize) -> String {
    let offset = offset.min(text.len());
    let number = text[..offset].matches('\n').count() + 1;
    let line = text.lines().nth(number - 1).unwrap_or("").trim();
    let line: String = line.chars().take(60).collect();
    format!("line {number} (`{line}`)")
}

/// Where `key` is set in `text` (its line's start), or the end.
fn find_key(text: &str, key: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            return offset;
        }
        offset += line.len();
    }
    text.len()
}

/// The effective settings, as a configuration file with comments that
/// could be used as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Effective {
    /// The measure.
    pub width: u16,
    /// The theme asked for.
    pub theme: ThemeChoice,
    /// The language asked for (`None`: detected).
    pub language: Option<String>,
    /// Hyphenation.
    pub hyphenate: bool,
    /// Justification.
    pub justify: bool,
    /// Paragraph style.
    pub paragraph_style: ParagraphStyle,
    /// Reading speed.
    pub wpm: u32,
    /// Every action and its keys, in the help's order.
    pub keys: Vec<Binding>,
}

impl Effective {
    /// The settings as TOML, with a comment before each; `file` is the
    /// configuration file they were read with, if any.
    pub fn to_toml(&self, file: Option<&Path>) -> String {
        let quote = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
        let mut out = String::new();
        let location = match file {
            Some(file) if file.exists() => file.display().to_string(),
            Some(file) => format!("{} (not present)", file.display()),
            None => "no configuration directory".to_owned(),
        };
        let _ = writeln!(out, "# liseuse configuration: {location}");
        let _ = writeln!(out, "# Options on the command line win over these.\n");
        let _ = writeln!(
            out,
            "# The width of the text column, in columns (0: the whole window)."
        );
        let _ = writeln!(out, "width = {}\n", self.width);
        let _ = writeln!(
            out,
            "# Colours: \"dark\", \"light\", or \"auto\" (as the terminal's background)."
        );
        let _ = writeln!(out, "theme = {}\n", quote(self.theme.name()));
        let _ = writeln!(
            out,
            "# The texts' language as an ISO 639-1 code (\"fr\", \"en\"…); unset: detected."
        );
        match &self.language {
            Some(language) => {
                let _ = writeln!(out, "language = {}\n", quote(language));
            }
            None => {
                let _ = writeln!(out, "# language = \"fr\"\n");
            }
        }
        let _ = writeln!(out, "# Hyphenate prose at line ends.");
        let _ = writeln!(out, "hyphenate = {}\n", self.hyphenate);
        let _ = writeln!(out, "# Justify lines (both edges straight).");
        let _ = writeln!(out, "justify = {}\n", self.justify);
        let _ = writeln!(
            out,
            "# Paragraphs: \"blank-line\" between them, or \"indent\" their first line."
        );
        let _ = writeln!(
            out,
            "paragraph_style = {}\n",
            quote(self.paragraph_style.name())
        );
        let _ = writeln!(
            out,
            "# Reading speed, in words per minute, for the time left."
        );
        let _ = writeln!(out, "wpm = {}\n", self.wpm);
        let _ = writeln!(
            out,
            "# Keys: an action's name, then its key or keys (\"j\", \"Ctrl-d\", \"PgDn\", \"F1\")."
        );
        let _ = writeln!(out, "# Listing an action replaces its keys.");
        let _ = writeln!(out, "[keys]");
        for binding in &self.keys {
            let keys: Vec<String> = binding.keys.iter().map(|k| quote(k)).collect();
            // An action without a key cannot be written as one.
            let unbound = if keys.is_empty() { "# (no key) " } else { "" };
            let _ = writeln!(out, "{unbound}{} = [{}]", binding.action, keys.join(", "));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any_binding(_: &str, _: &str) -> Result<(), String> {
        Ok(())
    }

    #[test]
    fn a_full_file_is_read() {
        let text = r#"
width = 60
theme = "light"
language = "fr"
hyphenate = false
justify = true
paragraph_style = "indent"
wpm = 180

[keys]
line_down = ["j", "Ctrl-n"]
quit = "x"
"#;
        let config = parse(text, any_binding).unwrap();
        assert_eq!(config.width, Some(60));
        assert_eq!(config.theme, Some(ThemeChoice::Light));
        assert_eq!(config.language.as_deref(), Some("fr"));
        assert_eq!(config.hyphenate, Some(false));
        assert_eq!(config.justify, Some(true));
        assert_eq!(config.paragraph_style, Some(ParagraphStyle::Indent));
        assert_eq!(config.wpm, Some(180));
        assert_eq!(
            config.keys,
            [
                Binding {
                    action: "line_down".into(),
                    keys: vec!["j".into(), "Ctrl-n".into()]
                },
                Binding {
                    action: "quit".into(),
                    keys: vec!["x".into()]
                },
            ]
        );
    }

    #[test]
    fn an_empty_file_changes_nothing() {
        assert_eq!(parse("", any_binding).unwrap(), Config::default());
    }

    #[test]
    fn errors_name_the_line_and_the_key() {
        let error = parse("width = 60\nwidht = 70\n", any_binding).unwrap_err();
        assert!(error.contains("line 2"), "{error}");
        assert!(error.contains("widht"), "{error}");
        let error = parse("\ntheme = \"blue\"\n", any_binding).unwrap_err();
        assert!(error.contains("line 2 (`theme = \"blue\"`)"), "{error}");
        let error = parse("width = \"wide\"", any_binding).unwrap_err();
        assert!(error.contains("line 1 (`width = \"wide\"`)"), "{error}");
        let error = parse("wpm = 0", any_binding).unwrap_err();
        assert!(
            error.contains("line 1") && error.contains("reading speed"),
            "{error}"
        );
        let error = parse("width = [", any_binding).unwrap_err();
        assert!(error.contains("line 1"), "{error}");
    }

    #[test]
    fn bindings_are_checked_and_errors_name_their_line() {
        let check = |action: &str, key: &str| {
            if action != "quit" {
                Err(format!("no action is called `{action}`"))
            } else if key == "Hyper-q" {
                Err(format!("`{key}` is not a key"))
            } else {
                Ok(())
            }
        };
        assert!(parse("[keys]\nquit = \"x\"", check).is_ok());
        let error = parse("[keys]\nquit = \"x\"\nquiet = \"y\"", check).unwrap_err();
        assert_eq!(
            error,
            "line 3 (`quiet = \"y\"`): no action is called `quiet`"
        );
        let error = parse("[keys]\nquit = [\"Hyper-q\"]", check).unwrap_err();
        assert!(
            error.starts_with("line 2") && error.contains("Hyper-q"),
            "{error}"
        );
        let error = parse("[keys]\nquit = 3", check).unwrap_err();
        assert_eq!(
            error,
            "line 2 (`quit = 3`): `quit` takes a key or a list of keys"
        );
        let error = parse("[keys]\nquit = []", check).unwrap_err();
        assert!(error.contains("no key"), "{error}");
    }

    #[test]
    fn a_missing_file_is_no_configuration_and_a_bad_one_names_itself() {
        let dir = std::env::temp_dir().join(format!("liseuse-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let missing = dir.join("absent.toml");
        assert_eq!(load(&missing, any_binding), Ok(None));
        let bad = dir.join("bad.toml");
        std::fs::write(&bad, "width = -3\n").unwrap();
        let error = load(&bad, any_binding).unwrap_err();
        assert!(error.starts_with(&bad.display().to_string()), "{error}");
        assert!(error.contains("line 1"), "{error}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_effective_configuration_reads_back_as_itself() {
        let effective = Effective {
            width: 66,
            theme: ThemeChoice::Dark,
            language: Some("fr".into()),
            hyphenate: true,
            justify: false,
            paragraph_style: ParagraphStyle::BlankLine,
            wpm: 230,
            keys: vec![Binding {
                action: "quit".into(),
                keys: vec!["q".into(), "Ctrl-c".into()],
            }],
        };
        let text = effective.to_toml(None);
        assert!(text.contains("# Reading speed"), "{text}");
        let read = parse(&text, any_binding).unwrap();
        assert_eq!(read.width, Some(66));
        assert_eq!(read.theme, Some(ThemeChoice::Dark));
        assert_eq!(read.language.as_deref(), Some("fr"));
        assert_eq!(read.wpm, Some(230));
        assert_eq!(read.keys, effective.keys);
    }
}
