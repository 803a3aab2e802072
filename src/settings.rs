//! What the reader starts with: the command line over the remembered
//! measure over the configuration file over the built-in defaults.
//!
//! [`load_config`] reads the file (`--config`, else [`config::path`]);
//! [`Settings::resolve`] merges it with the command line. Each mistake in
//! the file is one warning; the rest of the file still applies.

use std::path::PathBuf;

use crate::cli::Cli;
use crate::column::DEFAULT_MEASURE;
use crate::config::{
    self, Config, DEFAULT_WPM, Effective, MouseChoice, ParagraphStyle, ThemeChoice,
};
use crate::keymap::{self, Keymap};
use crate::language::Language;

/// The settings in force at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The measure to open with (command line, else the remembered one,
    /// else the configuration's, else [`DEFAULT_MEASURE`]).
    pub width: u16,
    /// The measure `=` returns to: as [`Settings::width`], without the
    /// remembered one.
    pub default_width: u16,
    /// The theme asked for.
    pub theme: ThemeChoice,
    /// What the mouse does.
    pub mouse: MouseChoice,
    /// The texts' language, instead of detecting it.
    pub language: Option<Language>,
    /// Whether words are hyphenated.
    pub hyphenate: bool,
    /// Whether lines are justified.
    pub justify: bool,
    /// Whether paragraphs are marked by a first-line indent.
    pub indent: bool,
    /// Reading speed, in words per minute.
    pub wpm: u32,
    /// The key bindings.
    pub keymap: Keymap,
}

/// The configuration file to read: `--config`, else `LISEUSE_CONFIG`,
/// else the XDG one.
pub fn config_path(cli: &Cli) -> Option<PathBuf> {
    cli.config.clone().or_else(config::path)
}

/// What was wrong with the configuration file: each mistake, or why the
/// file could not be read at all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mistakes {
    /// The file, as its path is shown.
    pub file: String,
    /// Each mistake in one line, in the file's order, the file aside
    /// ("line 3 (`wpm = 0`): …", or "no such file").
    pub each: Vec<String>,
}

impl Mistakes {
    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.each.is_empty()
    }

    /// Each mistake in one line that names the file, as stderr shows them.
    pub fn lines(&self) -> Vec<String> {
        self.each
            .iter()
            .map(|mistake| format!("{}: {mistake}", self.file))
            .collect()
    }

    /// All of them in one line, for the status line: one as
    /// [`Mistakes::lines`] says it; several counted first, with the file
    /// named once, so that how many there are shows however little of the
    /// line there is room for (the reader lists them on stderr when it
    /// quits). `None` when there is none.
    pub fn summary(&self) -> Option<String> {
        match self.each.as_slice() {
            [] => None,
            [one] => Some(format!("{}: {one}", self.file)),
            several => Some(format!(
                "{} mistakes in {} (each listed on quitting): {}",
                several.len(),
                self.file,
                several.join("; ")
            )),
        }
    }
}

/// The configuration (empty when there is no file), and its mistakes:
/// what of the file is right applies, the defaults stand in for the rest.
pub fn load_config(cli: &Cli) -> (Config, Mistakes) {
    let Some(path) = config_path(cli) else {
        return (Config::default(), Mistakes::default());
    };
    let mistakes = |each: Vec<String>| Mistakes {
        file: path.display().to_string(),
        each,
    };
    match config::load(&path, keymap::check_binding) {
        Ok(Some((config, each))) => (config, mistakes(each)),
        // The default file may well not exist; one named on purpose must.
        Ok(None) if cli.config.is_some() => {
            (Config::default(), mistakes(vec!["no such file".to_owned()]))
        }
        Ok(None) => (Config::default(), mistakes(Vec::new())),
        Err(error) => (Config::default(), mistakes(vec![error])),
    }
}

impl Settings {
    /// The settings for `cli` over `remembered` (the measure chosen with
    /// `+`/`-`/`=` in an earlier run) over `config`; with the warnings
    /// about values of the file that could not be used.
    pub fn resolve(cli: &Cli, config: &Config, remembered: Option<u16>) -> (Settings, Vec<String>) {
        let mut warnings = Vec::new();
        let default_width = cli.width.or(config.width).unwrap_or(DEFAULT_MEASURE);
        let width = cli.width.or(remembered).unwrap_or(default_width);
        // The file's language is checked as it is read (see `config::parse`).
        let configured_language = config.language.as_deref().and_then(Language::from_code);
        let keymap = Keymap::with_bindings(&config.keys).unwrap_or_else(|error| {
            warnings.push(format!("configuration: {error}"));
            Keymap::default()
        });
        let settings = Settings {
            width,
            default_width,
            theme: cli.theme.or(config.theme).unwrap_or_default(),
            mouse: cli.mouse.or(config.mouse).unwrap_or_default(),
            language: cli.lang.or(configured_language),
            hyphenate: cli.hyphenate().or(config.hyphenate).unwrap_or(true),
            justify: cli.justify().or(config.justify).unwrap_or(false),
            indent: cli
                .indent()
                .unwrap_or(config.paragraph_style.unwrap_or_default() == ParagraphStyle::Indent),
            wpm: cli.wpm.or(config.wpm).unwrap_or(DEFAULT_WPM),
            keymap,
        };
        (settings, warnings)
    }

    /// The settings as a configuration file would give them (the
    /// remembered measure, which is state, not configuration, aside).
    pub fn effective(&self) -> Effective {
        Effective {
            width: self.default_width,
            theme: self.theme,
            mouse: self.mouse,
            language: self.language.map(|language| language.code().to_owned()),
            hyphenate: self.hyphenate,
            justify: self.justify,
            paragraph_style: if self.indent {
                ParagraphStyle::Indent
            } else {
                ParagraphStyle::BlankLine
            },
            wpm: self.wpm,
            keys: self.keymap.bindings(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;

    fn cli(args: &[&str]) -> Cli {
        Cli::parse_args(
            std::iter::once("liseuse")
                .chain(args.iter().copied())
                .map(Into::into),
        )
    }

    fn config(text: &str) -> Config {
        let (config, mistakes) = config::parse(text, keymap::check_binding);
        assert!(mistakes.is_empty(), "{mistakes:?}");
        config
    }

    #[test]
    fn without_file_or_option_the_defaults_stand() {
        let (settings, warnings) = Settings::resolve(&cli(&[]), &Config::default(), None);
        assert!(warnings.is_empty());
        assert_eq!(settings.width, DEFAULT_MEASURE);
        assert_eq!(settings.theme, ThemeChoice::Auto);
        assert_eq!(settings.language, None);
        assert!(settings.hyphenate && !settings.justify && !settings.indent);
        assert_eq!(settings.wpm, DEFAULT_WPM);
        assert_eq!(settings.keymap, Keymap::default());
    }

    #[test]
    fn the_file_sets_defaults_and_options_win_over_it() {
        let file = config(
            "width = 60\ntheme = \"light\"\nlanguage = \"fr\"\nhyphenate = false\n\
             justify = true\nparagraph_style = \"indent\"\nwpm = 180\n\
             [keys]\nquit = \"Q\"\n",
        );
        let (settings, _) = Settings::resolve(&cli(&[]), &file, None);
        assert_eq!((settings.width, settings.theme), (60, ThemeChoice::Light));
        assert_eq!(settings.language, Language::from_code("fr"));
        assert!(!settings.hyphenate && settings.justify && settings.indent);
        assert_eq!(settings.wpm, 180);
        assert_eq!(
            settings.keymap.keys_for(Action::Quit),
            [crate::keymap::Key::parse("Q").unwrap()]
        );
        let options = cli(&[
            "-w",
            "50",
            "--theme",
            "dark",
            "-l",
            "en",
            "--hyphenate",
            "--no-justify",
            "--no-indent",
            "--wpm",
            "300",
        ]);
        let (settings, _) = Settings::resolve(&options, &file, None);
        assert_eq!((settings.width, settings.theme), (50, ThemeChoice::Dark));
        assert_eq!(settings.language, Language::from_code("en"));
        assert!(settings.hyphenate && !settings.justify && !settings.indent);
        assert_eq!(settings.wpm, 300);
    }

    #[test]
    fn the_remembered_measure_sits_between_the_option_and_the_file() {
        let file = config("width = 60");
        let (settings, _) = Settings::resolve(&cli(&[]), &file, Some(48));
        assert_eq!((settings.width, settings.default_width), (48, 60));
        let (settings, _) = Settings::resolve(&cli(&["-w", "80"]), &file, Some(48));
        assert_eq!((settings.width, settings.default_width), (80, 80));
        let (settings, _) = Settings::resolve(&cli(&[]), &Config::default(), Some(0));
        assert_eq!(
            (settings.width, settings.default_width),
            (0, DEFAULT_MEASURE)
        );
    }

    #[test]
    fn a_file_with_mistakes_still_gives_its_right_settings() {
        let dir = std::env::temp_dir().join(format!("liseuse-settings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("config.toml");
        std::fs::write(
            &path,
            "width = \"wide\"\nlanguage = \"xx\"\ntheme = \"light\"\nwpm = 0\n\
             [keys]\nquiet = \"Q\"\nquit = \"x\"\n",
        )
        .unwrap();
        let shown = path.display().to_string();
        let (file, mistakes) = load_config(&cli(&["--config", &shown]));
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(mistakes.file, shown);
        let lines = mistakes.lines();
        assert_eq!(lines.len(), 4, "{lines:?}");
        for (line, number) in lines.iter().zip([1, 2, 4, 6]) {
            assert!(
                line.starts_with(&format!("{shown}: line {number} (`")),
                "{lines:?}"
            );
        }
        let (settings, warnings) = Settings::resolve(&cli(&[]), &file, None);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(settings.theme, ThemeChoice::Light);
        assert_eq!(settings.language, None);
        assert_eq!(
            (settings.width, settings.wpm),
            (DEFAULT_MEASURE, DEFAULT_WPM)
        );
        assert_eq!(
            settings.keymap.keys_for(Action::Quit),
            [crate::keymap::Key::parse("x").unwrap()]
        );
    }

    #[test]
    fn several_mistakes_are_counted_in_the_status_line_and_none_is_lost() {
        let one = Mistakes {
            file: "c.toml".into(),
            each: vec!["line 1 (`wpm = 0`): too slow".into()],
        };
        assert_eq!(
            one.summary().as_deref(),
            Some("c.toml: line 1 (`wpm = 0`): too slow")
        );
        let three = Mistakes {
            file: "c.toml".into(),
            each: vec!["line 1: a".into(), "line 2: b".into(), "line 5: c".into()],
        };
        assert_eq!(
            three.summary().as_deref(),
            Some("3 mistakes in c.toml (each listed on quitting): line 1: a; line 2: b; line 5: c")
        );
        assert_eq!(
            three.lines(),
            [
                "c.toml: line 1: a",
                "c.toml: line 2: b",
                "c.toml: line 5: c"
            ]
        );
        assert_eq!(Mistakes::default().summary(), None);
    }

    #[test]
    fn the_printed_configuration_reads_back_as_the_same_settings() {
        let file = config(
            "width = 62\ntheme = \"dark\"\nlanguage = \"de\"\njustify = true\nwpm = 199\n\
             [keys]\nline_down = [\"j\", \"Ctrl-n\"]\nquit = \"x\"\n",
        );
        let (settings, _) = Settings::resolve(&cli(&["--indent"]), &file, Some(40));
        let text = settings.effective().to_toml(None);
        let (again, warnings) = Settings::resolve(&cli(&[]), &config(&text), None);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            again.width, 62,
            "the remembered measure is not configuration"
        );
        assert_eq!(Settings { width: 40, ..again }, settings, "{text}");
    }

    #[test]
    fn a_file_named_on_the_command_line_that_is_missing_is_an_error() {
        let (config, mistakes) = load_config(&cli(&["--config", "/nonexistent/liseuse.toml"]));
        assert_eq!(config, Config::default());
        assert_eq!(
            mistakes.lines(),
            ["/nonexistent/liseuse.toml: no such file"]
        );
    }
}
