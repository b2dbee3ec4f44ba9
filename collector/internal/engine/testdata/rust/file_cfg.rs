//! tests/rayon.rs: this test crate builds only with the rayon feature.
#![cfg(feature = "rayon")]
#![cfg(test)]
#![allow(clippy::all)]

use rayon::prelude::*;

#[test]
fn par_sum() {
    assert_eq!((1..4).into_par_iter().sum::<i32>(), 6);
}

#[cfg(unix)]
mod unix {
    #[test]
    fn pipes() {}
}
