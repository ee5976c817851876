//! Standard output that may be closed early (`fzlint check … | head`): once
//! the reader has gone, the rest of the output is dropped and the run goes
//! on, so its exit status is the run's — the same as without the pipe —
//! rather than whatever had been counted when the pipe closed.

use std::io::{self, Write};

use fzlint::output::termcolor::{ColorSpec, WriteColor};

/// A writer whose closed pipe is not an error: writes after it are dropped.
#[derive(Debug)]
pub struct PipeOut<W> {
    inner: W,
    closed: bool,
}

impl<W> PipeOut<W> {
    pub fn new(inner: W) -> PipeOut<W> {
        PipeOut {
            inner,
            closed: false,
        }
    }

    /// `result`, unless it is the pipe closing: then nothing more is
    /// written, and `done` stands for the write.
    fn absorb<T>(&mut self, result: io::Result<T>, done: T) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(done)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for PipeOut<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let result = self.inner.write(buf);
        self.absorb(result, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.flush();
        self.absorb(result, ())
    }
}

impl<W: WriteColor> WriteColor for PipeOut<W> {
    fn supports_color(&self) -> bool {
        self.inner.supports_color()
    }

    fn set_color(&mut self, spec: &ColorSpec) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.set_color(spec);
        self.absorb(result, ())
    }

    fn reset(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.reset();
        self.absorb(result, ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Closing(usize);

    impl Write for Closing {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.0 == 0 {
                return Err(io::Error::from(io::ErrorKind::BrokenPipe));
            }
            self.0 -= 1;
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn writes_after_the_pipe_closes_are_dropped_other_errors_are_not() {
        let mut out = PipeOut::new(Closing(1));
        assert!(out.write_all(b"first").is_ok());
        assert!(out.write_all(b"second").is_ok());
        assert!(out.closed);
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::from(io::ErrorKind::StorageFull))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        assert!(PipeOut::new(Full).write_all(b"x").is_err());
    }
}
