// A module of the root above: its own tests, found as always.
#[test]
fn lexes_words() {}
