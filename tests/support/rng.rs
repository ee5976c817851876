//! The deterministic random numbers of the synthetic report generators
//! (`synthetic.rs`, `corpus.rs`): xorshift64*, seeded through splitmix64's
//! finaliser so that a report's numbers depend only on (seed, index).

#![allow(dead_code)]

/// xorshift64*: small, fast, deterministic.
pub struct Rng(pub u64);

/// splitmix64's finaliser, to derive a report's RNG from (seed, index).
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    pub fn new(seed: u64, index: usize) -> Rng {
        Rng(mix(seed ^ mix(index as u64)) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// Takes a random item out of `pool`.
    pub fn take<T>(&mut self, pool: &mut Vec<T>) -> Option<T> {
        if pool.is_empty() {
            None
        } else {
            let i = self.below(pool.len());
            Some(pool.swap_remove(i))
        }
    }
}
