//! A value read from a report, with where it stands in the text.

use std::ops::Range;

/// Where a piece of metadata was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<T> {
    /// The value.
    pub value: T,
    /// Its byte span in the text.
    pub span: Range<usize>,
}
