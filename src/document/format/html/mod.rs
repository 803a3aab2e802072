//! HTML and XHTML: turning a parsed page or chapter into blocks
//! ([`convert`]); EPUB chapters and the web-page reader build on it.

pub mod convert;
