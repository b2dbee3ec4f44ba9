#![cfg(feature = "std")]

#[cfg(unix)]
mod common;

#[test]
fn api_works() {}
