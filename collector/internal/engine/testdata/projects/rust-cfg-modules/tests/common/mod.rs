#[cfg(unix)]
#[test]
fn shared_helper_test() {}
