#[test]
fn roundtrip() {}
