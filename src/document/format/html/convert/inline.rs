//! Inline text and styles: writing text as HTML collapses it (or verbatim
//! in `pre`), line breaks and verse lines, style ranges opened and closed,
//! link targets, and superscript and subscript characters.

use std::mem;

use unicode_width::UnicodeWidthChar;

use super::elements::Script;
use super::walker::{Frame, Open, Walker};
use super::{clean_line, is_html_space};
use crate::document::block::{Inline, InlineStyle, Role};
use crate::document::sanitize::{TAB_WIDTH, visible_control};

impl Walker {
    /// Opens an inline style (`None`: a link that is no link, still
    /// closed in order).
    pub(super) fn open_style(&mut self, frame: &mut Frame, style: Option<InlineStyle>) {
        frame.inline = true;
        self.open.push(Open {
            style,
            start: self.text.len(),
        });
    }

    /// Records the style `open` over what was written since it opened.
    pub(super) fn close_style(&mut self, open: Open) {
        let end = self.text.len();
        if let Some(style) = open.style
            && open.start < end
        {
            self.styles.push(Inline {
                range: open.start..end,
                style,
            });
        }
    }

    /// Writes the text of a text node.
    pub(super) fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            if self.context.pre {
                self.push_verbatim(c);
            } else if is_html_space(c) {
                self.space = true;
            } else {
                self.push_char(c);
            }
        }
    }

    /// Writes one character that is not white space, after the space
    /// read before it (never at the start of a line).
    fn push_char(&mut self, c: char) {
        if mem::take(&mut self.space) && !self.text.is_empty() && !self.text.ends_with('\n') {
            // Styles opened where the space goes start after it.
            let at = self.text.len();
            for open in self.open.iter_mut().rev() {
                if open.start != at {
                    break;
                }
                open.start += 1;
            }
            self.text.push(' ');
        }
        let c = match self.context.script {
            Script::None => c,
            script => scripted(c, script).unwrap_or(c),
        };
        self.text.push(visible_control(c).unwrap_or(c));
    }

    /// Writes one character of preformatted text as
    /// [`sanitize`] would: tabs to the next stop, CR as a line end.
    fn push_verbatim(&mut self, c: char) {
        match c {
            '\r' => {
                self.text.push('\n');
                self.column = 0;
            }
            '\n' => {
                // A CR already ended this line.
                if !self.text.ends_with('\r') {
                    self.text.push('\n');
                }
                self.column = 0;
            }
            '\t' => {
                let spaces = TAB_WIDTH - self.column % TAB_WIDTH;
                self.text.extend(std::iter::repeat_n(' ', spaces));
                self.column += spaces;
            }
            _ => {
                let shown = visible_control(c).unwrap_or(c);
                self.text.push(shown);
                self.column += shown.width().unwrap_or(0);
            }
        }
    }

    /// A `<br>`: a new line in running text and in `pre`, a space in a
    /// heading or a term.
    pub(super) fn line_break(&mut self) {
        if self.context.pre {
            self.push_verbatim('\n');
        } else if matches!(self.context.role, Role::Body) && !self.text.is_empty() {
            self.text.push('\n');
            self.broken = true;
            self.space = false;
        } else {
            self.space = true;
        }
    }

    /// Ends the line of verse being written, if it has text.
    pub(super) fn new_line(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
            self.broken = true;
        }
        self.space = false;
    }

    /// Leaves a blank line after the verse written, if any.
    pub(super) fn blank_line(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.text.push('\n');
        }
    }

    /// Writes already cleaned text where the walk stands.
    pub(super) fn push_inline_text(&mut self, text: &str) {
        let script = mem::take(&mut self.context.script);
        self.push_text(text);
        self.context.script = script;
    }
}

/// The target a link's `href` gives, sanitized; `None` for a
/// `javascript:` link (or an empty one), which is no link.
pub(super) fn link_target(href: &str) -> Option<String> {
    let target = clean_line(href);
    let scheme: String = target
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(11)
        .collect::<String>()
        .to_ascii_lowercase();
    if target.is_empty() || scheme.starts_with("javascript:") || scheme.starts_with("vbscript:") {
        return None;
    }
    Some(target)
}

/// `c` as a superscript or subscript character, when Unicode has one;
/// white space stays as it is.
pub(super) fn scripted(c: char, script: Script) -> Option<char> {
    if is_html_space(c) {
        return Some(c);
    }
    let (digits, others): (&[char; 10], &[(char, char)]) = match script {
        Script::None => return Some(c),
        Script::Super => (
            &['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'],
            &[
                ('+', '⁺'),
                ('-', '⁻'),
                ('−', '⁻'),
                ('=', '⁼'),
                ('(', '⁽'),
                (')', '⁾'),
                ('n', 'ⁿ'),
                ('i', 'ⁱ'),
            ],
        ),
        Script::Sub => (
            &['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'],
            &[
                ('+', '₊'),
                ('-', '₋'),
                ('−', '₋'),
                ('=', '₌'),
                ('(', '₍'),
                (')', '₎'),
            ],
        ),
    };
    if let Some(digit) = c.to_digit(10).filter(|_| c.is_ascii_digit()) {
        return digits.get(digit as usize).copied();
    }
    others
        .iter()
        .find(|(from, _)| *from == c)
        .map(|(_, to)| *to)
}
