#[test]
fn deep_test() {}
