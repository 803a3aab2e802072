//! The user's configuration file: defaults for the options, and key
//! bindings.
//!
//! The file is `$XDG_CONFIG_HOME/liseuse/config.toml` (or
//! `~/.config/liseuse/config.toml`); `LISEUSE_CONFIG` names another one.
//! Every setting is optional; command-line options win over the file.
//! Each mistake in the file is reported in one line that names the line
//! and the key; what is right in the file still applies, and the
//! defaults stand in for the rest.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::language::Language;

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

/// What the mouse does in the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum MouseChoice {
    /// The reader takes the mouse: the wheel scrolls, dragging selects,
    /// a double click selects a word, a triple click a paragraph.
    #[default]
    Select,
    /// The terminal keeps the mouse (its own selection works); the wheel
    /// scrolls through its alternate-scroll mode.
    Scroll,
    /// The terminal keeps the mouse; the reader asks nothing of it.
    Off,
}

impl MouseChoice {
    /// The name used in the file and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            MouseChoice::Select => "select",
            MouseChoice::Scroll => "scroll",
            MouseChoice::Off => "off",
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
    /// What the mouse does.
    pub mouse: Option<MouseChoice>,
    /// Key bindings, in the file's order.
    pub keys: Vec<Binding>,
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
/// an error naming the file when it cannot be read, else what could be
/// used of it and one line for each mistake in it (see [`parse`]).
/// `check_binding` says why an action name or a key is wrong, if it is.
pub fn load(
    path: &Path,
    check_binding: impl Fn(&str, &str) -> Result<(), String>,
) -> Result<Option<(Config, Vec<String>)>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error.to_string()),
    };
    Ok(Some(parse(&text, check_binding)))
}

/// The settings a configuration file's text sets, and its mistakes, in
/// the file's order, one line each: "line 3 (`wpm = 0`): what is wrong".
///
/// A mistake in a value, an unknown setting or a wrong key binding is left
/// out and the rest of the file still applies; a file that is not TOML at
/// all is one mistake (where reading stopped) and sets nothing.
pub fn parse(
    text: &str,
    check_binding: impl Fn(&str, &str) -> Result<(), String>,
) -> (Config, Vec<String>) {
    let table = match DeTable::parse(text) {
        Ok(table) => table.into_inner(),
        Err(error) => {
            let message = error.message().trim_end_matches('\n').to_owned();
            let message = match error.span() {
                Some(span) => format!("{}: {message}", place(text, span.start)),
                None => message,
            };
            return (Config::default(), vec![message]);
        }
    };
    let mut config = Config::default();
    // Each mistake with where it is, to be told in the file's order.
    let mut mistakes: Vec<(usize, String)> = Vec::new();
    let mut entries: Vec<_> = table.into_iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    for (key, value) in entries {
        let at = key.span().start;
        let result = match key.get_ref().as_ref() {
            "width" => read_number(value, "a number of columns (0: the whole window)")
                .map(|width| config.width = Some(width)),
            "theme" => read(value).map(|theme| config.theme = Some(theme)),
            "mouse" => read(value).map(|mouse| config.mouse = Some(mouse)),
            "language" => read::<String>(value).and_then(|code| match Language::from_code(&code) {
                Some(_) => {
                    config.language = Some(code);
                    Ok(())
                }
                None => Err(format!(
                    "unknown language `{code}` (an ISO 639-1 code such as fr, en)"
                )),
            }),
            "hyphenate" => read(value).map(|on| config.hyphenate = Some(on)),
            "justify" => read(value).map(|on| config.justify = Some(on)),
            "paragraph_style" => read(value).map(|style| config.paragraph_style = Some(style)),
            "wpm" => read_number(value, "a number of words per minute").and_then(|wpm| match wpm {
                0 => Err("the reading speed must be at least 1 word per minute".to_owned()),
                wpm => {
                    config.wpm = Some(wpm);
                    Ok(())
                }
            }),
            "keys" => match value.into_inner() {
                DeValue::Table(bindings) => {
                    config.keys = read_bindings(bindings, &check_binding, &mut mistakes);
                    Ok(())
                }
                _ => Err(
                    "`keys` is a table: `[keys]`, then an action and its keys a line".to_owned(),
                ),
            },
            unknown => Err(format!(
                "unknown setting `{unknown}`, expected one of {}",
                SETTINGS
                    .iter()
                    .map(|setting| format!("`{setting}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        };
        if let Err(why) = result {
            mistakes.push((at, why));
        }
    }
    mistakes.sort_by_key(|(at, _)| *at);
    let mistakes = mistakes
        .into_iter()
        .map(|(at, why)| format!("{}: {why}", place(text, at)))
        .collect();
    (config, mistakes)
}

/// The settings a file may hold, in the order `--print-config` writes them.
const SETTINGS: [&str; 9] = [
    "width",
    "theme",
    "mouse",
    "language",
    "hyphenate",
    "justify",
    "paragraph_style",
    "wpm",
    "keys",
];

/// One setting's value as a `T`, or what is wrong with it.
fn read<'i, T: Deserialize<'i>>(value: Spanned<DeValue<'i>>) -> Result<T, String> {
    T::deserialize(ValueDeserializer::from(value))
        .map_err(|error| error.message().trim_end_matches('\n').to_owned())
}

/// A number, or what is wrong with it in words rather than Rust's types
/// (not "expected u16" but `expected`).
fn read_number<'i, T: Deserialize<'i>>(
    value: Spanned<DeValue<'i>>,
    expected: &str,
) -> Result<T, String> {
    read(value).map_err(|why| match why.rsplit_once(", expected ") {
        Some((found, _)) => format!("{found}, expected {expected}"),
        None => why,
    })
}

/// The bindings of a `[keys]` table, in the file's order; a binding with a
/// mistake is left out (its action keeps its keys) and the mistake added
/// to `mistakes`, with where it is.
fn read_bindings(
    table: DeTable<'_>,
    check_binding: &impl Fn(&str, &str) -> Result<(), String>,
    mistakes: &mut Vec<(usize, String)>,
) -> Vec<Binding> {
    let mut entries: Vec<_> = table.into_iter().collect();
    entries.sort_by_key(|(action, _)| action.span().start);
    let mut bindings = Vec::new();
    for (action, value) in entries {
        let at = action.span().start;
        let action = action.into_inner().into_owned();
        let keys_written: Option<Vec<String>> = match value.into_inner() {
            DeValue::String(key) => Some(vec![key.into_owned()]),
            DeValue::Array(keys) => keys
                .into_iter()
                .map(|key| key.get_ref().as_str().map(str::to_owned))
                .collect(),
            _ => None,
        };
        let Some(keys_written) = keys_written else {
            mistakes.push((at, format!("`{action}` takes a key or a list of keys")));
            continue;
        };
        if keys_written.is_empty() {
            mistakes.push((at, format!("`{action}` has no key")));
            continue;
        }
        let mut wrong = keys_written
            .iter()
            .filter_map(|key| check_binding(&action, key).err())
            .peekable();
        if wrong.peek().is_some() {
            // An unknown action is said once, not once per key.
            let mut said: Vec<String> = Vec::new();
            for why in wrong {
                if !said.contains(&why) {
                    said.push(why);
                }
            }
            mistakes.extend(said.into_iter().map(|why| (at, why)));
            continue;
        }
        bindings.push(Binding {
            action,
            keys: keys_written,
        });
    }
    bindings
}

/// "line N (`the line`)" for byte `offset` of `text`.
fn place(text: &str, offset: usize) -> String {
    let offset = offset.min(text.len());
    let number = text[..offset].matches('\n').count() + 1;
    let line = text.lines().nth(number - 1).unwrap_or("").trim();
    let line: String = line.chars().take(60).collect();
    format!("line {number} (`{line}`)")
}

/// The effective settings, as a configuration file with comments that
/// could be used as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Effective {
    /// The measure.
    pub width: u16,
    /// The theme asked for.
    pub theme: ThemeChoice,
    /// What the mouse does.
    pub mouse: MouseChoice,
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
            "# The mouse: \"select\" (drag selects, the wheel scrolls), \"scroll\" (the wheel\n\
             # scrolls, the terminal selects), or \"off\"."
        );
        let _ = writeln!(out, "mouse = {}\n", quote(self.mouse.name()));
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

    /// The configuration of a file without a mistake.
    fn good(text: &str) -> Config {
        let (config, mistakes) = parse(text, any_binding);
        assert!(mistakes.is_empty(), "{mistakes:?}");
        config
    }

    /// The one mistake of a file with one, with `check` for the keys.
    fn one_mistake(text: &str, check: impl Fn(&str, &str) -> Result<(), String>) -> String {
        let (_, mistakes) = parse(text, check);
        assert_eq!(mistakes.len(), 1, "{mistakes:?}");
        mistakes.into_iter().next().unwrap_or_default()
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
        let config = good(text);
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
        assert_eq!(good(""), Config::default());
    }

    #[test]
    fn errors_name_the_line_and_the_key() {
        let error = one_mistake("width = 60\nwidht = 70\n", any_binding);
        assert!(error.contains("line 2"), "{error}");
        assert!(error.contains("widht"), "{error}");
        let error = one_mistake("\ntheme = \"blue\"\n", any_binding);
        assert!(error.contains("line 2 (`theme = \"blue\"`)"), "{error}");
        let error = one_mistake("width = \"wide\"", any_binding);
        assert!(error.contains("line 1 (`width = \"wide\"`)"), "{error}");
        let error = one_mistake("wpm = 0", any_binding);
        assert!(
            error.contains("line 1") && error.contains("reading speed"),
            "{error}"
        );
        let error = one_mistake("width = [", any_binding);
        assert!(error.contains("line 1"), "{error}");
    }

    #[test]
    fn every_mistake_is_told_with_its_line_and_the_rest_of_the_file_applies() {
        let text = "width = 500000\n\
                    hyphenate = false\n\
                    theme = \"sepia\"\n\
                    wpm = 0\n\
                    justify = true\n\
                    [keys]\n\
                    quit = \"Q\"\n";
        let (config, mistakes) = parse(text, any_binding);
        assert_eq!(mistakes.len(), 3, "{mistakes:?}");
        // In the file's order (not the settings' alphabetical one), each
        // with its line and key.
        assert_eq!(
            mistakes[0],
            "line 1 (`width = 500000`): invalid value: integer `500000`, \
             expected a number of columns (0: the whole window)"
        );
        assert!(
            mistakes[1].starts_with("line 3 (`theme = \"sepia\"`): ")
                && mistakes[1].contains("`dark`"),
            "{mistakes:?}"
        );
        assert_eq!(
            mistakes[2],
            "line 4 (`wpm = 0`): the reading speed must be at least 1 word per minute"
        );
        assert!(mistakes.iter().all(|m| !m.contains('\n')), "{mistakes:?}");
        // The wrong settings are left unset, the right ones apply.
        assert_eq!(
            config,
            Config {
                hyphenate: Some(false),
                justify: Some(true),
                keys: vec![Binding {
                    action: "quit".into(),
                    keys: vec!["Q".into()]
                }],
                ..Config::default()
            }
        );
    }

    #[test]
    fn unknown_settings_and_languages_are_mistakes_among_others() {
        let (config, mistakes) = parse(
            "colour = \"red\"\nlanguage = \"xx\"\nwidth = 50\nhyphenate = \"yes\"\n",
            any_binding,
        );
        assert_eq!(config.width, Some(50));
        assert_eq!((config.language, config.hyphenate), (None, None));
        assert_eq!(mistakes.len(), 3, "{mistakes:?}");
        assert!(
            mistakes[0].starts_with("line 1 (`colour = \"red\"`): unknown setting `colour`"),
            "{mistakes:?}"
        );
        assert!(
            mistakes[1].starts_with("line 2 (`language = \"xx\"`): unknown language `xx`"),
            "{mistakes:?}"
        );
        assert!(mistakes[2].starts_with("line 4 "), "{mistakes:?}");
        let (config, mistakes) = parse("keys = 3\nwpm = 100", any_binding);
        assert_eq!(config.wpm, Some(100));
        assert_eq!(mistakes.len(), 1, "{mistakes:?}");
        assert!(
            mistakes[0].starts_with("line 1 (`keys = 3`)"),
            "{mistakes:?}"
        );
    }

    #[test]
    fn a_file_that_is_not_toml_is_one_mistake_and_sets_nothing() {
        let (config, mistakes) = parse("width = 60\ntheme = \nwpm = 0\n", any_binding);
        assert_eq!(config, Config::default());
        assert_eq!(mistakes.len(), 1, "{mistakes:?}");
        assert!(mistakes[0].starts_with("line 2"), "{mistakes:?}");
    }

    #[test]
    fn every_wrong_binding_is_told_and_the_right_ones_apply() {
        let check = |action: &str, key: &str| {
            if action != "quit" && action != "line_down" {
                Err(format!("no action is called `{action}`"))
            } else if key.starts_with("Hyper-") {
                Err(format!("`{key}` is not a key"))
            } else {
                Ok(())
            }
        };
        let text = "[keys]\n\
                    quiet = [\"y\", \"z\"]\n\
                    quit = [\"x\", \"Hyper-q\", \"Hyper-w\"]\n\
                    line_down = \"J\"\n";
        let (config, mistakes) = parse(text, check);
        assert_eq!(
            mistakes,
            [
                "line 2 (`quiet = [\"y\", \"z\"]`): no action is called `quiet`",
                "line 3 (`quit = [\"x\", \"Hyper-q\", \"Hyper-w\"]`): `Hyper-q` is not a key",
                "line 3 (`quit = [\"x\", \"Hyper-q\", \"Hyper-w\"]`): `Hyper-w` is not a key",
            ]
        );
        // A binding with a wrong key is left out whole: `quit` keeps its
        // keys rather than lose some.
        assert_eq!(
            config.keys,
            [Binding {
                action: "line_down".into(),
                keys: vec!["J".into()]
            }]
        );
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
        assert!(parse("[keys]\nquit = \"x\"", check).1.is_empty());
        let error = one_mistake("[keys]\nquit = \"x\"\nquiet = \"y\"", check);
        assert_eq!(
            error,
            "line 3 (`quiet = \"y\"`): no action is called `quiet`"
        );
        let error = one_mistake("[keys]\nquit = [\"Hyper-q\"]", check);
        assert!(
            error.starts_with("line 2") && error.contains("Hyper-q"),
            "{error}"
        );
        let error = one_mistake("[keys]\nquit = 3", check);
        assert_eq!(
            error,
            "line 2 (`quit = 3`): `quit` takes a key or a list of keys"
        );
        let error = one_mistake("[keys]\nquit = []", check);
        assert!(error.contains("no key"), "{error}");
    }

    #[test]
    fn a_missing_file_is_no_configuration_and_a_bad_one_names_itself() {
        let dir = std::env::temp_dir().join(format!("liseuse-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let missing = dir.join("absent.toml");
        assert_eq!(load(&missing, any_binding), Ok(None));
        let bad = dir.join("bad.toml");
        std::fs::write(&bad, "width = -3\nwpm = 200\n").unwrap();
        let (config, mistakes) = load(&bad, any_binding).unwrap().unwrap();
        assert_eq!(config.wpm, Some(200));
        assert_eq!(mistakes.len(), 1, "{mistakes:?}");
        assert!(
            mistakes[0].starts_with("line 1 (`width = -3`)"),
            "{mistakes:?}"
        );
        // A directory cannot be read as a file: one error, no line.
        assert!(load(&dir, any_binding).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_effective_configuration_reads_back_as_itself() {
        let effective = Effective {
            width: 66,
            theme: ThemeChoice::Dark,
            mouse: MouseChoice::Scroll,
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
        let read = good(&text);
        assert_eq!(read.width, Some(66));
        assert_eq!(read.theme, Some(ThemeChoice::Dark));
        assert_eq!(read.mouse, Some(MouseChoice::Scroll));
        assert_eq!(read.language.as_deref(), Some("fr"));
        assert_eq!(read.wpm, Some(230));
        assert_eq!(read.keys, effective.keys);
    }
}
