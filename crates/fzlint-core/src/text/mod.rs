//! Text as fzlint handles it: bytes decoded to UTF-8 ([`decode`]), the text
//! with its line index and positions ([`source`]: byte offsets, 1-based
//! line and character column, UTF-16 for editors and JavaScript), and the
//! normalised copy used for loose matching ([`loose`]).

pub mod decode;
pub mod loose;
pub mod source;
