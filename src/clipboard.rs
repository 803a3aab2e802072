//! Copying to the clipboard through the terminal: the OSC 52 sequence,
//! which terminals honour locally, over SSH and (passed through) inside
//! tmux.
//!
//! Only text the reader shows goes into it: paragraph text is already
//! sanitized (no control characters), and it is base64-encoded, so nothing
//! copied can act on the terminal.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// The most bytes of text copied at once: terminals drop longer sequences
/// (xterm's default limit is about 100 kB of base64).
pub const MAX_COPY: usize = 74 * 1024;

/// What to copy, cut to [`MAX_COPY`] bytes on a character boundary, and
/// whether it was cut.
pub fn bounded(text: &str) -> (&str, bool) {
    if text.len() <= MAX_COPY {
        return (text, false);
    }
    let mut end = MAX_COPY;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (&text[..end], true)
}

/// The bytes that ask the terminal to put `text` in the clipboard; inside
/// tmux (`in_tmux`), followed by the same sequence passed through to the
/// outer terminal, for tmux set-ups that do not forward it themselves.
pub fn osc52(text: &str, in_tmux: bool) -> String {
    let plain = format!("\x1b]52;c;{}\x07", STANDARD.encode(text));
    if !in_tmux {
        return plain;
    }
    // tmux passes a DCS "tmux;" string through, its escapes doubled.
    let passed = format!("\x1bPtmux;{}\x1b\\", plain.replace('\x1b', "\x1b\x1b"));
    plain + &passed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_travels_in_base64() {
        let sequence = osc52("Choïgou", false);
        assert_eq!(sequence, "\x1b]52;c;Q2hvw69nb3U=\x07");
        let decoded = STANDARD.decode("Q2hvw69nb3U=").unwrap();
        assert_eq!(decoded, "Choïgou".as_bytes());
    }

    #[test]
    fn nothing_copied_can_act_on_the_terminal() {
        let sequence = osc52("a\x1b]0;title\x07b\u{9b}c", false);
        let payload = &sequence["\x1b]52;c;".len()..sequence.len() - 1];
        assert!(
            payload
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
        );
    }

    #[test]
    fn inside_tmux_the_sequence_is_also_passed_through() {
        let sequence = osc52("x", true);
        assert!(sequence.starts_with("\x1b]52;c;eA==\x07"));
        assert!(sequence.ends_with("\x1bPtmux;\x1b\x1b]52;c;eA==\x07\x1b\\"));
    }

    #[test]
    fn long_texts_are_cut_on_a_character_boundary() {
        let text = "é".repeat(MAX_COPY);
        let (cut, was_cut) = bounded(&text);
        assert!(was_cut);
        assert!(cut.len() <= MAX_COPY && cut.len() >= MAX_COPY - 1);
        assert_eq!(bounded("short"), ("short", false));
    }
}
