//! `A`: writing a note in the reader's own editor (`$VISUAL`, else
//! `$EDITOR`), as git does: the note goes to a private temporary file, the
//! terminal is handed to the editor and taken back when it ends, and what
//! the file then says becomes the note.

use std::io::{self, Write, stdout};
use std::process::Command;

use ratatui::crossterm::cursor::Hide;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::enable_raw_mode;

use super::events::EventReader;
use super::{FrameTerminal, enter_screen, leave, redraw_all};
use crate::app::{App, EditorRequest};

/// The editor the environment names: `$VISUAL`, else `$EDITOR`, if set
/// and not blank.
fn editor_command() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(std::env::var_os)
        .map(|value| value.to_string_lossy().trim().to_owned())
        .find(|value| !value.is_empty())
}

/// Lets the reader write the note `request` asks for in their editor,
/// and keeps what they wrote (or says why not in the status line).
pub(super) fn edit_note(
    terminal: &mut FrameTerminal,
    events: &EventReader,
    app: &mut App,
    request: EditorRequest,
) -> io::Result<()> {
    let Some(editor) = editor_command() else {
        app.set_message("set $VISUAL or $EDITOR to write notes there (a writes them here)".into());
        return Ok(());
    };
    // Created readable by its owner only.
    let mut file = match tempfile::Builder::new()
        .prefix("liseuse-note-")
        .suffix(".md")
        .tempfile()
    {
        Ok(file) => file,
        Err(error) => {
            app.set_message(format!("cannot make a file for the note: {error}"));
            return Ok(());
        }
    };
    if let Err(error) = file
        .write_all(request.text.as_bytes())
        .and_then(|()| file.flush())
    {
        app.set_message(format!("cannot write the note for the editor: {error}"));
        return Ok(());
    }
    events.pause();
    leave()?;
    // The editor's command may hold arguments (`code --wait`): the shell
    // reads it, and the file's path goes as an argument of its own.
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("liseuse")
        .arg(file.path())
        .status();
    let taken = enable_raw_mode()
        .and_then(|()| enter_screen())
        .and_then(|()| execute!(stdout(), Hide))
        .and_then(|()| redraw_all(terminal));
    events.resume();
    taken?;
    match status {
        Ok(status) if status.success() => match std::fs::read_to_string(file.path()) {
            Ok(text) => app.finish_note(&request.id, &text),
            Err(error) => app.set_message(format!("cannot read the note back: {error}")),
        },
        Ok(status) => app.set_message(format!(
            "the editor ({editor}) failed ({status}): the note is as it was"
        )),
        Err(error) => app.set_message(format!("cannot run the editor ({editor}): {error}")),
    }
    Ok(())
}
