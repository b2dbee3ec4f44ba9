//! Modules loaded under conditions: their tests carry them.
#![cfg_attr(not(feature = "std"), no_std)]

#[cfg(feature = "rayon")]
mod rayon;

#[cfg(test)]
mod tests;

pub mod plain;

#[cfg(unix)]
pub(crate) mod sys;

// #[path]: src/serde_impl.rs, not src/serde.rs.
#[cfg(feature = "serde")]
#[path = "serde_impl.rs"]
mod serde;

#[cfg(feature = "std")]
mod inline {
    // Declared inside an inline module: src/inline/deep.rs.
    mod deep;
}

// Loaded twice (as `raw`, or as `raw::inner` with the feature): neither
// declaration's condition is the file's.
#[cfg(feature = "raw")]
pub mod raw {
    #[path = "mod.rs"]
    mod inner;
}
#[cfg(not(feature = "raw"))]
mod raw;

#[test]
fn in_the_root() {}
