#[cfg(windows)]
mod win;

#[test]
fn plain_test() {}
