#![cfg(test)]

#[test]
fn par_set() {}
