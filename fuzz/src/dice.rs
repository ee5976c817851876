//! The fuzz input read as a sequence of choices, for the structure-aware
//! targets (`check_html`, `audit`): each choice takes bytes from the front,
//! so that libFuzzer's mutations change a few choices at a time. Once the
//! input runs out every choice is 0 and [`Dice::is_empty`] says so, so
//! generators end.

/// Choices read from the fuzz input.
#[derive(Debug, Clone)]
pub struct Dice<'a> {
    data: &'a [u8],
}

impl<'a> Dice<'a> {
    /// Choices from `data`.
    pub fn new(data: &'a [u8]) -> Dice<'a> {
        Dice { data }
    }

    /// Whether the input is used up.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// The next byte (0 once the input is used up).
    pub fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }

    /// The next two bytes as a number (little-endian).
    pub fn u16(&mut self) -> u16 {
        u16::from(self.byte()) | (u16::from(self.byte()) << 8)
    }

    /// A number in `0..n` (`n` > 0): one byte when `n` ≤ 256, else two.
    pub fn below(&mut self, n: usize) -> usize {
        assert!(n > 0, "a choice among nothing");
        if n <= 256 {
            usize::from(self.byte()) % n
        } else {
            usize::from(self.u16()) % n
        }
    }

    /// True with probability about `1/n`.
    pub fn one_in(&mut self, n: u8) -> bool {
        self.byte().is_multiple_of(n.max(1))
    }

    /// One of `items` (non-empty).
    pub fn pick<'t, T: ?Sized>(&mut self, items: &'t [&'t T]) -> &'t T {
        items[self.below(items.len())]
    }

    /// Up to `max` raw bytes from the input, the count chosen first.
    pub fn take(&mut self, max: usize) -> &'a [u8] {
        let n = self.below(max.max(1) + 1).min(self.data.len());
        let (taken, rest) = self.data.split_at(n);
        self.data = rest;
        taken
    }
}
