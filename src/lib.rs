//! liseuse: a full-screen terminal reader for articles and books.
//!
//! The core — [`document`], [`layout`], [`viewport`], [`search`] — knows
//! nothing of terminals. [`app`] holds the reader's state and applies
//! [`action::Action`]s to it; [`ui`] draws that state with ratatui; [`tui`] is
//! the only module that talks to the terminal.

pub mod action;
pub mod app;
pub mod clipboard;
pub mod column;
pub mod config;
pub mod document;
pub mod keymap;
pub mod layout;
pub mod outline;
pub mod plain;
pub mod search;
pub mod tui;
pub mod ui;
pub mod viewport;
