//! liseuse: a full-screen terminal reader for articles and books.
//!
//! The core — [`document`], [`language`], [`layout`] (with [`hyphenate`]),
//! [`viewport`], [`search`] — knows nothing of terminals. [`app`] holds the reader's state and applies
//! [`action::Action`]s to it; [`ui`] draws that state with ratatui; [`tui`] is
//! the only module that talks to the terminal.

pub mod action;
pub mod app;
pub mod column;
pub mod document;
pub mod hyphenate;
pub mod keymap;
pub mod language;
pub mod layout;
pub mod plain;
pub mod search;
pub mod tui;
pub mod ui;
pub mod viewport;
