//! HTML and XHTML: turning a parsed page or chapter into blocks
//! ([`convert`]); EPUB chapters and the web-page reader build on it.
//! [`inert`] cuts from a page, before it is parsed, what reader mode
//! would drop after.

pub mod convert;
pub mod inert;
