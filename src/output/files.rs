//! codespan-reporting's view of a [`SourceFile`]: line ranges and columns
//! come from fzlint's own line index, so the positions in human output are
//! exactly those of the JSON output (CRLF terminators excluded from lines,
//! the byte-order mark not counted in columns).

use std::ops::Range;

use codespan_reporting::files::{Error, Files};

use crate::source::SourceFile;

/// A single file for codespan-reporting.
pub(crate) struct OneFile<'a>(pub &'a SourceFile);

impl<'a> Files<'a> for OneFile<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(self.0.name())
    }

    fn source(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(self.0.text())
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, Error> {
        Ok(self.0.line_index(byte_index))
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        if line_index >= self.0.line_count() {
            return Err(Error::LineTooLarge {
                given: line_index,
                max: self.0.line_count().saturating_sub(1),
            });
        }
        let range = self.0.line_range(line_index);
        // codespan-reporting expects a line range to include its terminator
        // when deciding where a multi-line label ends; the renderer trims it.
        let end = if line_index + 1 < self.0.line_count() {
            self.0
                .line_range(line_index + 1)
                .start
                .min(self.0.text().len())
        } else {
            self.0.text().len()
        };
        Ok(range.start..end.max(range.end))
    }

    fn column_number(
        &'a self,
        (): (),
        _line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        Ok(self.0.position(byte_index).column)
    }
}
