#[test]
fn windows_only() {}
