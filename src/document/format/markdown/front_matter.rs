//! Front matter: the block of metadata a Markdown file may open with
//! (YAML between `---` lines, as Jekyll, Hugo, Obsidian and pandoc write
//! it, or TOML between `+++` lines). It is not shown; its title, author,
//! language, date and site fill the document's metadata.
//!
//! Only the top-level scalar keys are read (`title: Madame Bovary`,
//! `author = "Flaubert"`), and the first item of a list
//! (`authors:` then `- Flaubert`): that is what a reader shows, and no
//! YAML parser is needed for it. Values are sanitized.

use crate::document::block::Metadata;
use crate::document::sanitize::sanitize_label;

/// Fills `metadata` with what the front matter `text` says (its
/// delimiters left out).
pub fn read_into(text: &str, metadata: &mut Metadata) {
    let mut pending_list: Option<&str> = None;
    for line in text.lines() {
        if let Some(key) = pending_list {
            if let Some(item) = line.trim_start().strip_prefix("- ") {
                set(metadata, key, item);
                pending_list = None;
                continue;
            }
            pending_list = None;
        }
        if line.starts_with([' ', '\t', '#']) {
            continue;
        }
        let Some((key, value)) = line.split_once([':', '=']) else {
            continue;
        };
        let key = key.trim();
        let value = value.trim();
        if value.is_empty() {
            pending_list = Some(key);
        } else if let Some(list) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            if let Some(first) = list.split(',').next() {
                set(metadata, key, first);
            }
        } else {
            set(metadata, key, value);
        }
    }
}

/// Sets the field `key` names to `value` (its quotes taken off), unless
/// it is set already.
fn set(metadata: &mut Metadata, key: &str, value: &str) {
    let field = match key.to_ascii_lowercase().as_str() {
        "title" => &mut metadata.title,
        "author" | "authors" | "creator" => &mut metadata.author,
        "lang" | "language" => &mut metadata.language,
        "date" | "published" => &mut metadata.date,
        "site" | "publisher" | "source" => &mut metadata.site,
        _ => return,
    };
    let value = unquote(value.trim());
    if field.is_none() && !value.trim().is_empty() {
        *field = Some(sanitize_label(value.trim()));
    }
}

/// `value` without the quotes around it, if it has them.
fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return inner;
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Metadata {
        let mut metadata = Metadata::default();
        read_into(text, &mut metadata);
        metadata
    }

    #[test]
    fn yaml_and_toml_scalars_and_a_list_s_first_item() {
        let yaml = read(
            "title: \"Madame Bovary\"\nauthors:\n  - Gustave Flaubert\n  - Other\n\
             lang: fr\ntags: [roman, xix]\ndate: 1857-04-01\n",
        );
        assert_eq!(yaml.title.as_deref(), Some("Madame Bovary"));
        assert_eq!(yaml.author.as_deref(), Some("Gustave Flaubert"));
        assert_eq!(yaml.language.as_deref(), Some("fr"));
        assert_eq!(yaml.date.as_deref(), Some("1857-04-01"));
        let toml = read("title = 'Notes'\nauthor = [\"Moi\", \"Toi\"]\n# comment: no\n");
        assert_eq!(toml.title.as_deref(), Some("Notes"));
        assert_eq!(toml.author.as_deref(), Some("Moi"));
    }

    #[test]
    fn nested_keys_are_ignored_and_escapes_are_shown() {
        let metadata = read("meta:\n  title: inner\ntitle: A\u{1b}[31mB\n");
        assert_eq!(metadata.title.as_deref(), Some("A␛[31mB"));
    }
}
