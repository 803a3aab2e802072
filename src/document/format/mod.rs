//! The formats a document comes in, each a module that turns bytes into
//! the [`super::block::Structured`] model (plain text keeps its own lazy
//! path in [`super::paragraphs`]).

pub mod reader_mode;
