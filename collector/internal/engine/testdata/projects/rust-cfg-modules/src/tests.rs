#[test]
fn in_tests_rs() {}
