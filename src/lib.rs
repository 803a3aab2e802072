//! liseuse: a full-screen terminal reader for articles and books.
//!
//! The core — [`document`], [`language`], [`layout`] (with [`hyphenate`]),
//! [`viewport`], [`search`] — knows nothing of terminals. [`app`] holds the reader's state and applies
//! [`action::Action`]s to it; [`ui`] draws that state with ratatui; [`tui`] is
//! the only module that talks to the terminal. [`highlights`] and
//! [`sentences`] serve the reader's marks; [`anchor`] finds their words
//! (and the reading position's) again in a changed text; [`state`] saves
//! them, with the reading position, between runs (it depends on
//! [`highlights`] and [`anchor`], never they on it).

pub mod action;
pub mod anchor;
pub mod app;
pub mod cli;
pub mod clipboard;
pub mod column;
pub mod config;
pub mod document;
pub mod highlights;
pub mod hyphenate;
pub mod keymap;
pub mod language;
pub mod launch;
pub mod layout;
pub mod load;
pub mod outline;
pub mod plain;
pub mod search;
pub mod selection;
pub mod sentences;
pub mod session;
pub mod settings;
pub mod state;
pub mod tui;
pub mod ui;
pub mod viewport;
