//! Work on all cores where there are threads, one after another where
//! there are none (the browser): with the `parallel` feature this is
//! rayon's prelude; without it, the same method names on ordinary
//! iterators, so the code that uses them reads the same and computes the
//! same results either way.

#[cfg(feature = "parallel")]
pub(crate) use rayon::join;
#[cfg(feature = "parallel")]
pub(crate) use rayon::prelude::*;

#[cfg(not(feature = "parallel"))]
pub(crate) use sequential::*;

#[cfg(not(feature = "parallel"))]
mod sequential {
    /// Runs `a`, then `b`.
    pub(crate) fn join<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
    where
        A: FnOnce() -> RA,
        B: FnOnce() -> RB,
    {
        let ra = a();
        (ra, b())
    }

    /// `par_iter` on a slice (or a `Vec`): its ordinary iterator.
    pub(crate) trait ParIter<T> {
        fn par_iter(&self) -> std::slice::Iter<'_, T>;
    }

    impl<T> ParIter<T> for [T] {
        fn par_iter(&self) -> std::slice::Iter<'_, T> {
            self.iter()
        }
    }

    /// `into_par_iter`: `into_iter`.
    pub(crate) trait IntoParIter: IntoIterator + Sized {
        fn into_par_iter(self) -> Self::IntoIter {
            self.into_iter()
        }
    }

    impl<I: IntoIterator> IntoParIter for I {}

    /// `par_sort_unstable`: `sort_unstable`.
    pub(crate) trait ParSort {
        fn par_sort_unstable(&mut self);
    }

    impl<T: Ord> ParSort for [T] {
        fn par_sort_unstable(&mut self) {
            self.sort_unstable();
        }
    }

    /// rayon's iterator adapters that std spells otherwise.
    pub(crate) trait ParAdapters: Iterator + Sized {
        /// `flat_map`.
        fn flat_map_iter<U, F>(self, f: F) -> std::iter::FlatMap<Self, U, F>
        where
            U: IntoIterator,
            F: FnMut(Self::Item) -> U,
        {
            self.flat_map(f)
        }

        /// `map` with one state for the whole run.
        fn map_init<S, R>(
            self,
            init: impl FnOnce() -> S,
            mut f: impl FnMut(&mut S, Self::Item) -> R,
        ) -> impl Iterator<Item = R> {
            let mut state = init();
            self.map(move |item| f(&mut state, item))
        }
    }

    impl<I: Iterator> ParAdapters for I {}
}
