//! What the terminal is shown of a report is text, never a command: control
//! characters from a report, a file name or a rule (an escape sequence that
//! would recolour or clear the terminal, a carriage return that would
//! overwrite a line) are written as `?`. Colour still works: it is set
//! through [`WriteColor::set_color`], which passes through untouched.

use std::io::{self, Write};

use super::termcolor::{ColorSpec, WriteColor};

/// A [`WriteColor`] that writes control characters as `?`.
pub struct Printable<'a>(pub &'a mut dyn WriteColor);

impl std::fmt::Debug for Printable<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Printable").finish_non_exhaustive()
    }
}

/// `bytes` with C0 controls other than tab and line feed, DEL and the C1
/// controls (U+0080–U+009F, two bytes each in UTF-8) replaced by `?`, one
/// `?` per byte, so byte offsets are kept.
pub fn clean(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let control = |i: usize| -> bool {
        let b = bytes[i];
        (b < 0x20 && b != b'\n' && b != b'\t')
            || b == 0x7f
            || (b == 0xc2 && bytes.get(i + 1).is_some_and(|n| (0x80..0xa0).contains(n)))
            || ((0x80..0xa0).contains(&b) && i > 0 && bytes[i - 1] == 0xc2)
    };
    if !(0..bytes.len()).any(control) {
        return std::borrow::Cow::Borrowed(bytes);
    }
    std::borrow::Cow::Owned(
        (0..bytes.len())
            .map(|i| if control(i) { b'?' } else { bytes[i] })
            .collect(),
    )
}

impl Write for Printable<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write_all(&clean(buf))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl WriteColor for Printable<'_> {
    fn supports_color(&self) -> bool {
        self.0.supports_color()
    }

    fn set_color(&mut self, spec: &ColorSpec) -> io::Result<()> {
        self.0.set_color(spec)
    }

    fn reset(&mut self) -> io::Result<()> {
        self.0.reset()
    }

    fn is_synchronous(&self) -> bool {
        self.0.is_synchronous()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_question_marks_and_text_is_kept() {
        let text = "标题\u{1b}[2J清屏\r覆盖\u{85}下一行\t制表\n";
        let cleaned = clean(text.as_bytes());
        let shown = String::from_utf8(cleaned.into_owned()).unwrap();
        assert_eq!(shown, "标题?[2J清屏?覆盖??下一行\t制表\n");
        assert_eq!(shown.len(), text.len());
        assert!(matches!(
            clean("正文。\n".as_bytes()),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
